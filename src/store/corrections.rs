//! Reading corrections and retraction notices of articles. The caller has already
//! checked that the articles may be seen.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::{
    entity::{correction, retraction},
    error::AppResult,
};

/// The corrections of each of `articles`, oldest first (ids are time-ordered, so two
/// made in the same instant keep the order they were made in).
pub async fn by_articles(
    db: &impl ConnectionTrait,
    articles: &[Uuid],
) -> AppResult<Vec<correction::Model>> {
    if articles.is_empty() {
        return Ok(Vec::new());
    }
    Ok(correction::Entity::find()
        .filter(correction::Column::ArticleId.is_in(articles.iter().copied()))
        .order_by_asc(correction::Column::CreatedAt)
        .order_by_asc(correction::Column::Id)
        .all(db)
        .await?)
}

/// The retraction notices of those of `articles` that were retracted.
pub async fn retractions(
    db: &impl ConnectionTrait,
    articles: &[Uuid],
) -> AppResult<Vec<retraction::Model>> {
    if articles.is_empty() {
        return Ok(Vec::new());
    }
    Ok(retraction::Entity::find()
        .filter(retraction::Column::ArticleId.is_in(articles.iter().copied()))
        .all(db)
        .await?)
}

/// The retraction notice of `article`, if it was retracted.
pub async fn retraction(
    db: &impl ConnectionTrait,
    article: Uuid,
) -> AppResult<Option<retraction::Model>> {
    Ok(retraction::Entity::find_by_id(article).one(db).await?)
}
