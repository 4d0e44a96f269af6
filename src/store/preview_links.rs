//! Reading and writing preview links. Only the hash of a token is ever stored or
//! looked up.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, sea_query::Expr,
};
use uuid::Uuid;

use crate::{entity::preview_link, error::AppResult};

/// Saves a new link.
pub async fn insert(
    db: &impl ConnectionTrait,
    link: preview_link::Model,
) -> AppResult<preview_link::Model> {
    Ok(link.into_active_model().insert(db).await?)
}

/// The link whose token hashes to `token_hash`, revoked or not.
pub async fn by_hash(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> AppResult<Option<preview_link::Model>> {
    Ok(preview_link::Entity::find()
        .filter(preview_link::Column::TokenHash.eq(token_hash))
        .one(db)
        .await?)
}

/// One link by id.
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> AppResult<Option<preview_link::Model>> {
    Ok(preview_link::Entity::find_by_id(id).one(db).await?)
}

/// Every link of `article`, newest first, revoked and expired ones too.
pub async fn of_article(
    db: &impl ConnectionTrait,
    article: Uuid,
) -> AppResult<Vec<preview_link::Model>> {
    Ok(preview_link::Entity::find()
        .filter(preview_link::Column::ArticleId.eq(article))
        .order_by_desc(preview_link::Column::CreatedAt)
        .order_by_desc(preview_link::Column::Id)
        .all(db)
        .await?)
}

/// Marks link `id` revoked at `at`, unless it already is (the first moment stays).
pub async fn revoke(db: &impl ConnectionTrait, id: Uuid, at: DateTime<Utc>) -> AppResult<()> {
    preview_link::Entity::update_many()
        .col_expr(preview_link::Column::RevokedAt, Expr::value(at))
        .filter(preview_link::Column::Id.eq(id))
        .filter(preview_link::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
