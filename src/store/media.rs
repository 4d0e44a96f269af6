//! Uploaded images and their renditions: the rows only; the files are in the object
//! store ([`crate::media`]).

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::OnConflict,
};
use uuid::Uuid;

use crate::{
    domain::{MediaState, RenditionKind},
    entity::{media, media_rendition},
    error::AppResult,
};

/// The image of `id`.
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> AppResult<Option<media::Model>> {
    Ok(media::Entity::find_by_id(id).one(db).await?)
}

/// The image whose upload had the SHA-256 `hash`.
pub async fn find_by_hash(
    db: &impl ConnectionTrait,
    hash: &str,
) -> AppResult<Option<media::Model>> {
    Ok(media::Entity::find()
        .filter(media::Column::ContentHash.eq(hash))
        .one(db)
        .await?)
}

/// Saves a new image unless one with its content hash is already there; whether
/// this one was saved.
pub async fn insert(db: &impl ConnectionTrait, row: media::Model) -> AppResult<bool> {
    let inserted = media::Entity::insert(media::ActiveModel::from(row))
        .on_conflict(
            OnConflict::column(media::Column::ContentHash)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(inserted == 1)
}

/// Replaces the editable fields of an image (texts, focal point, state).
pub async fn update(db: &impl ConnectionTrait, row: media::Model) -> AppResult<media::Model> {
    let mut active = media::ActiveModel::from(row);
    for column in [
        media::Column::AltRu,
        media::Column::AltKk,
        media::Column::AltEn,
        media::Column::CaptionRu,
        media::Column::CaptionKk,
        media::Column::CaptionEn,
        media::Column::CreditRu,
        media::Column::CreditKk,
        media::Column::CreditEn,
        media::Column::FocalX,
        media::Column::FocalY,
        media::Column::State,
        media::Column::UpdatedAt,
    ] {
        active.reset(column);
    }
    Ok(active.update(db).await?)
}

/// Moves an image to `state`.
pub async fn set_state(
    db: &impl ConnectionTrait,
    id: Uuid,
    state: MediaState,
    at: DateTime<Utc>,
) -> AppResult<()> {
    media::Entity::update_many()
        .col_expr(media::Column::State, state.as_str().into())
        .col_expr(media::Column::UpdatedAt, at.into())
        .filter(media::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes an image and its rendition rows; whether there was one.
pub async fn delete(db: &impl ConnectionTrait, id: Uuid) -> AppResult<bool> {
    media_rendition::Entity::delete_many()
        .filter(media_rendition::Column::MediaId.eq(id))
        .exec(db)
        .await?;
    let deleted = media::Entity::delete_by_id(id).exec(db).await?;
    Ok(deleted.rows_affected > 0)
}

/// Every stored file of an image, the original first, then by kind, format and width.
pub async fn renditions(
    db: &impl ConnectionTrait,
    media_id: Uuid,
) -> AppResult<Vec<media_rendition::Model>> {
    Ok(media_rendition::Entity::find()
        .filter(media_rendition::Column::MediaId.eq(media_id))
        .order_by_asc(media_rendition::Column::Kind)
        .order_by_asc(media_rendition::Column::Format)
        .order_by_asc(media_rendition::Column::Width)
        .all(db)
        .await?)
}

/// One stored file of an image, by its name.
pub async fn rendition(
    db: &impl ConnectionTrait,
    media_id: Uuid,
    file: &str,
) -> AppResult<Option<media_rendition::Model>> {
    Ok(media_rendition::Entity::find()
        .filter(media_rendition::Column::MediaId.eq(media_id))
        .filter(media_rendition::Column::File.eq(file))
        .one(db)
        .await?)
}

/// Records stored files; a file recorded before (a job run again) is replaced.
pub async fn save_renditions(
    db: &impl ConnectionTrait,
    rows: Vec<media_rendition::Model>,
) -> AppResult<()> {
    for row in rows {
        media_rendition::Entity::insert(media_rendition::ActiveModel::from(row))
            .on_conflict(
                OnConflict::columns([
                    media_rendition::Column::MediaId,
                    media_rendition::Column::File,
                ])
                .update_columns([
                    media_rendition::Column::Width,
                    media_rendition::Column::Height,
                    media_rendition::Column::Bytes,
                    media_rendition::Column::Key,
                    media_rendition::Column::ContentHash,
                ])
                .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Forgets the renditions of `kinds` of an image; the keys they had.
pub async fn remove_renditions(
    db: &impl ConnectionTrait,
    media_id: Uuid,
    kinds: &[RenditionKind],
) -> AppResult<Vec<String>> {
    let rows = media_rendition::Entity::find()
        .filter(media_rendition::Column::MediaId.eq(media_id))
        .filter(media_rendition::Column::Kind.is_in(kinds.iter().copied()))
        .all(db)
        .await?;
    media_rendition::Entity::delete_many()
        .filter(media_rendition::Column::MediaId.eq(media_id))
        .filter(media_rendition::Column::Kind.is_in(kinds.iter().copied()))
        .exec(db)
        .await?;
    Ok(rows.into_iter().map(|row| row.key).collect())
}
