//! Reading and writing API keys.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use crate::{
    entity::api_key,
    error::{AppError, AppResult},
};

/// Saves a new key.
pub async fn insert(db: &impl ConnectionTrait, key: api_key::Model) -> AppResult<api_key::Model> {
    let row = api_key::ActiveModel {
        id: Set(key.id),
        name: Set(key.name),
        prefix: Set(key.prefix),
        key_hash: Set(key.key_hash),
        requests_per_minute: Set(key.requests_per_minute),
        created_by: Set(key.created_by),
        created_at: Set(key.created_at),
        revoked_at: Set(key.revoked_at),
    };
    Ok(row.insert(db).await?)
}

/// Every key, revoked ones too, newest first.
pub async fn list(db: &impl ConnectionTrait) -> AppResult<Vec<api_key::Model>> {
    Ok(api_key::Entity::find()
        .order_by_desc(api_key::Column::CreatedAt)
        .order_by_desc(api_key::Column::Id)
        .all(db)
        .await?)
}

/// The key that is not revoked and whose prefix is `prefix`.
pub async fn active_by_prefix(
    db: &impl ConnectionTrait,
    prefix: &str,
) -> AppResult<Option<api_key::Model>> {
    Ok(api_key::Entity::find()
        .filter(api_key::Column::Prefix.eq(prefix))
        .filter(api_key::Column::RevokedAt.is_null())
        .one(db)
        .await?)
}

/// Revokes key `id` at `now`; a key revoked already keeps its first moment.
pub async fn revoke(
    db: &impl ConnectionTrait,
    id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<api_key::Model> {
    let key = api_key::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("API key"))?;
    if key.revoked_at.is_some() {
        return Ok(key);
    }
    let mut row: api_key::ActiveModel = key.into();
    row.revoked_at = Set(Some(now));
    Ok(row.update(db).await?)
}
