//! The front page: which articles are featured, at which place, per language.
//!
//! A place holds one article per language. Giving an article a place another article
//! of its language holds takes that one off the front page (it is not moved down:
//! an editor arranging the page puts each story where it belongs, and a silent chain
//! of moves would change places nobody asked to change). Both changes are recorded,
//! so caches and webhooks follow each article.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use uuid::Uuid;

use crate::{
    auth::{Action, Viewer, authorize, viewer},
    domain::ChangeKind,
    editorial::{articles, tx},
    entity::article,
    error::{AppError, AppResult},
    store::changes::NewChange,
};

/// The places of the front page: 1 to this.
pub const MAX_FEATURED: i16 = 20;

/// Puts article `id` at `position` on its language's front page (1 first), or takes
/// it off with `None`, at `now`. Editors and administrators only.
pub async fn set_featured_position(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    position: Option<i32>,
    now: DateTime<Utc>,
) -> AppResult<article::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::FeatureArticles)?;
    let position = position
        .map(|p| {
            i16::try_from(p)
                .ok()
                .filter(|p| (1..=MAX_FEATURED).contains(p))
                .ok_or_else(|| {
                    AppError::bad_input("position", format!("must be 1 to {MAX_FEATURED}"))
                })
        })
        .transpose()?;
    let current = articles::find(db, id).await?;
    let txn = tx::begin_write(db).await?;
    let result = place(&txn, &viewer, &current, position, now).await;
    tx::finish_recorded(txn, result, now, |(article, displaced)| {
        displaced
            .iter()
            .chain([article])
            .map(|a| NewChange::article(ChangeKind::ArticleUpdated, a))
            .collect::<Vec<_>>()
    })
    .await
    .map(|(article, _)| article)
}

/// Frees `position` in the article's language, then takes it; returns the article
/// and the one it displaced.
async fn place(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    current: &article::Model,
    position: Option<i16>,
    now: DateTime<Utc>,
) -> AppResult<(article::Model, Option<article::Model>)> {
    let mut displaced = None;
    if let Some(position) = position {
        let holder = article::Entity::find()
            .filter(article::Column::Lang.eq(current.lang))
            .filter(article::Column::FeaturedPosition.eq(position))
            .filter(article::Column::Id.ne(current.id))
            .one(db)
            .await?;
        if let Some(holder) = holder {
            displaced = Some(set(db, viewer, &holder, None, now).await?);
        }
    }
    let article = set(db, viewer, current, position, now).await?;
    Ok((article, displaced))
}

async fn set(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    article: &article::Model,
    position: Option<i16>,
    now: DateTime<Utc>,
) -> AppResult<article::Model> {
    Ok(article::ActiveModel {
        id: Set(article.id),
        featured_position: Set(position),
        version: Set(article.version + 1),
        updated_by: Set(viewer.user_id()),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await?)
}
