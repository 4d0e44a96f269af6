//! Uploaded images and their renditions: the rows only; the files are in the object
//! store ([`crate::media`]).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Set, sea_query::OnConflict,
};
use uuid::Uuid;

use crate::{
    domain::{MediaState, RenditionKind},
    entity::{article, article_media, media, media_rendition, meeting, participant},
    error::AppResult,
};

/// An image with its stored files.
#[derive(Debug, Clone)]
pub struct MediaView {
    pub media: media::Model,
    /// The original first, then the renditions by kind, format and width.
    pub renditions: Vec<media_rendition::Model>,
}

/// The images of `ids` with their files, in two statements whatever their number;
/// ids with no image are left out.
pub async fn views(db: &impl ConnectionTrait, ids: &[Uuid]) -> AppResult<Vec<MediaView>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = media::Entity::find()
        .filter(media::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let mut files: HashMap<Uuid, Vec<media_rendition::Model>> = HashMap::new();
    if !rows.is_empty() {
        for file in media_rendition::Entity::find()
            .filter(media_rendition::Column::MediaId.is_in(rows.iter().map(|m| m.id)))
            .order_by_asc(media_rendition::Column::MediaId)
            .order_by_asc(media_rendition::Column::Kind)
            .order_by_asc(media_rendition::Column::Format)
            .order_by_asc(media_rendition::Column::Width)
            .all(db)
            .await?
        {
            files.entry(file.media_id).or_default().push(file);
        }
    }
    Ok(rows
        .into_iter()
        .map(|media| MediaView {
            renditions: files.remove(&media.id).unwrap_or_default(),
            media,
        })
        .collect())
}

/// Which of `ids` are images.
pub async fn existing(db: &impl ConnectionTrait, ids: &[Uuid]) -> AppResult<Vec<Uuid>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(media::Entity::find()
        .select_only()
        .column(media::Column::Id)
        .filter(media::Column::Id.is_in(ids.iter().copied()))
        .into_tuple::<Uuid>()
        .all(db)
        .await?)
}

/// The gallery images of each of `articles`: `(article, image)` in gallery order.
pub async fn galleries(
    db: &impl ConnectionTrait,
    articles: &[Uuid],
) -> AppResult<Vec<(Uuid, Uuid)>> {
    if articles.is_empty() {
        return Ok(Vec::new());
    }
    Ok(article_media::Entity::find()
        .filter(article_media::Column::ArticleId.is_in(articles.iter().copied()))
        .order_by_asc(article_media::Column::ArticleId)
        .order_by_asc(article_media::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.article_id, row.media_id))
        .collect())
}

/// Replaces an article's gallery with `ids`, in order.
pub async fn set_gallery(
    db: &impl ConnectionTrait,
    article_id: Uuid,
    ids: &[Uuid],
) -> AppResult<()> {
    article_media::Entity::delete_many()
        .filter(article_media::Column::ArticleId.eq(article_id))
        .exec(db)
        .await?;
    for (position, media_id) in ids.iter().enumerate() {
        article_media::Entity::insert(article_media::ActiveModel {
            article_id: Set(article_id),
            media_id: Set(*media_id),
            position: Set(position as i32),
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// Where an image is used.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Uses {
    /// Articles whose cover it is.
    pub covers: Vec<Uuid>,
    /// Articles whose gallery holds it.
    pub galleries: Vec<Uuid>,
    /// Meetings whose photo it is.
    pub meetings: Vec<Uuid>,
    /// People whose photo it is.
    pub participants: Vec<Uuid>,
}

impl Uses {
    /// Whether nothing uses the image.
    pub fn is_empty(&self) -> bool {
        self.covers.is_empty()
            && self.galleries.is_empty()
            && self.meetings.is_empty()
            && self.participants.is_empty()
    }
}

/// Where image `id` is used (a few of each at most: enough to say where).
pub async fn uses(db: &impl ConnectionTrait, id: Uuid) -> AppResult<Uses> {
    const SOME: u64 = 5;
    let covers = article::Entity::find()
        .select_only()
        .column(article::Column::Id)
        .filter(article::Column::CoverMediaId.eq(id))
        .limit(SOME)
        .into_tuple::<Uuid>()
        .all(db)
        .await?;
    let galleries = article_media::Entity::find()
        .select_only()
        .column(article_media::Column::ArticleId)
        .filter(article_media::Column::MediaId.eq(id))
        .limit(SOME)
        .into_tuple::<Uuid>()
        .all(db)
        .await?;
    let meetings = meeting::Entity::find()
        .select_only()
        .column(meeting::Column::Id)
        .filter(meeting::Column::PhotoMediaId.eq(id))
        .limit(SOME)
        .into_tuple::<Uuid>()
        .all(db)
        .await?;
    let participants = participant::Entity::find()
        .select_only()
        .column(participant::Column::Id)
        .filter(participant::Column::PhotoMediaId.eq(id))
        .limit(SOME)
        .into_tuple::<Uuid>()
        .all(db)
        .await?;
    Ok(Uses {
        covers,
        galleries,
        meetings,
        participants,
    })
}

/// Everything whose answers show an image.
#[derive(Debug, Clone, Default)]
pub struct Shown {
    /// Articles with it as their cover or in their gallery.
    pub articles: Vec<article::Model>,
    /// Meetings with it as their photo.
    pub meetings: Vec<Uuid>,
    /// People with it as their photo.
    pub participants: Vec<Uuid>,
}

impl Shown {
    /// Whether nothing shows the image.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty() && self.meetings.is_empty() && self.participants.is_empty()
    }
}

/// Everything that shows image `id` (all of it, unlike [`uses`]).
pub async fn shown_by(db: &impl ConnectionTrait, id: Uuid) -> AppResult<Shown> {
    let in_gallery = article_media::Entity::find()
        .select_only()
        .column(article_media::Column::ArticleId)
        .filter(article_media::Column::MediaId.eq(id))
        .into_query();
    let articles = article::Entity::find()
        .filter(
            Condition::any()
                .add(article::Column::CoverMediaId.eq(id))
                .add(article::Column::Id.in_subquery(in_gallery)),
        )
        .order_by_asc(article::Column::Id)
        .all(db)
        .await?;
    let meetings = meeting::Entity::find()
        .select_only()
        .column(meeting::Column::Id)
        .filter(meeting::Column::PhotoMediaId.eq(id))
        .order_by_asc(meeting::Column::Id)
        .into_tuple::<Uuid>()
        .all(db)
        .await?;
    let participants = participant::Entity::find()
        .select_only()
        .column(participant::Column::Id)
        .filter(participant::Column::PhotoMediaId.eq(id))
        .order_by_asc(participant::Column::Id)
        .into_tuple::<Uuid>()
        .all(db)
        .await?;
    Ok(Shown {
        articles,
        meetings,
        participants,
    })
}

/// Moves the `updated_at` of everything in `shown` to `at`.
pub async fn touch_shown(
    db: &impl ConnectionTrait,
    shown: &Shown,
    at: DateTime<Utc>,
) -> AppResult<()> {
    if !shown.articles.is_empty() {
        article::Entity::update_many()
            .col_expr(article::Column::UpdatedAt, at.into())
            .filter(article::Column::Id.is_in(shown.articles.iter().map(|a| a.id)))
            .exec(db)
            .await?;
    }
    if !shown.meetings.is_empty() {
        meeting::Entity::update_many()
            .col_expr(meeting::Column::UpdatedAt, at.into())
            .filter(meeting::Column::Id.is_in(shown.meetings.iter().copied()))
            .exec(db)
            .await?;
    }
    if !shown.participants.is_empty() {
        participant::Entity::update_many()
            .col_expr(participant::Column::UpdatedAt, at.into())
            .filter(participant::Column::Id.is_in(shown.participants.iter().copied()))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Images still PENDING: those whose renditions an instance stopped before making.
pub async fn pending(db: &impl ConnectionTrait) -> AppResult<Vec<Uuid>> {
    Ok(media::Entity::find()
        .select_only()
        .column(media::Column::Id)
        .filter(media::Column::State.eq(MediaState::Pending))
        .order_by_asc(media::Column::Id)
        .into_tuple::<Uuid>()
        .all(db)
        .await?)
}

/// The image of `id`.
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> AppResult<Option<media::Model>> {
    Ok(media::Entity::find_by_id(id).one(db).await?)
}

/// The image of `id`, locked against a concurrent deletion until the caller's
/// transaction ends (`FOR UPDATE` on PostgreSQL; SQLite's write transaction holds
/// the whole database already).
pub async fn find_for_update(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> AppResult<Option<media::Model>> {
    Ok(media::Entity::find_by_id(id)
        .lock_exclusive()
        .one(db)
        .await?)
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

/// The file an uploaded image shows by default, as a level of one row of a
/// [`tree`](super::tree) read: [`crate::media::pick::rendition`] of the whole picture
/// in WebP at no width asked (the widest), else the original, in SQL.
pub fn tree_default_file(media_id: sea_orm::sea_query::Expr) -> super::tree::Rows {
    use crate::domain::{ImageFormat, RenditionKind};
    use sea_orm::{
        ActiveEnum,
        sea_query::{Expr, ExprTrait, Order},
    };
    let column = |c: media_rendition::Column| Expr::col((media_rendition::Entity, c));
    let original = column(media_rendition::Column::Kind).eq(RenditionKind::Original.to_value());
    let mut select = media_rendition::Entity::find()
        .filter(column(media_rendition::Column::MediaId).eq(media_id))
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(media_rendition::Column::Kind.eq(RenditionKind::Width))
                        .add(media_rendition::Column::Format.eq(ImageFormat::Webp)),
                )
                .add(media_rendition::Column::Kind.eq(RenditionKind::Original)),
        )
        .into_query();
    select
        .order_by_expr(original, Order::Asc)
        .order_by(media_rendition::Column::Width, Order::Desc)
        .limit(1);
    super::tree::Rows {
        select,
        order: Vec::new(),
    }
}
