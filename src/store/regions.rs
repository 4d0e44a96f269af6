//! Reading regions.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::{domain::RegionKind, entity::region, error::AppResult};

/// How a client names a region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    Id(Uuid),
    Slug(String),
    /// ISO 3166-2:KZ, any case.
    Code(String),
}

impl Key {
    /// A slug or an ISO code, as REST paths and feeds take them.
    pub fn slug_or_code(value: &str) -> Self {
        // `get`: the value is any text a client sent, and its third byte may fall
        // inside a character.
        let prefix = value.get(..3);
        if value.len() == 5 && prefix.is_some_and(|p| p.eq_ignore_ascii_case("kz-")) {
            Key::Code(value.to_owned())
        } else {
            Key::Slug(value.to_owned())
        }
    }
}

/// Every region (or those of `kind`): cities first, then oblasts, each by code.
pub async fn list(
    db: &DatabaseConnection,
    kind: Option<RegionKind>,
) -> AppResult<Vec<region::Model>> {
    let mut query = region::Entity::find()
        .order_by_asc(region::Column::Kind)
        .order_by_asc(region::Column::Code);
    if let Some(kind) = kind {
        query = query.filter(region::Column::Kind.eq(kind));
    }
    Ok(query.all(db).await?)
}

/// The region named by `key`, if there is one.
pub async fn find(db: &DatabaseConnection, key: Key) -> AppResult<Option<region::Model>> {
    let query = region::Entity::find();
    let query = match key {
        Key::Id(id) => query.filter(region::Column::Id.eq(id)),
        Key::Slug(slug) => {
            query.filter(region::Column::Slug.eq(crate::domain::slug::normalize(&slug)))
        }
        Key::Code(code) => query.filter(region::Column::Code.eq(code.trim().to_uppercase())),
    };
    Ok(query.one(db).await?)
}

/// Regions by id.
pub async fn by_ids(db: &DatabaseConnection, ids: &[Uuid]) -> AppResult<Vec<region::Model>> {
    Ok(region::Entity::find()
        .filter(region::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}

/// The regions with these ids, keyed by id: what a page of meetings or people needs
/// to name the region of each. Ids may repeat; each region is read once.
pub async fn keyed_by_id(
    db: &DatabaseConnection,
    ids: impl IntoIterator<Item = Uuid>,
) -> AppResult<HashMap<Uuid, region::Model>> {
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    let rows = by_ids(db, &ids).await?;
    Ok(rows.into_iter().map(|r| (r.id, r)).collect())
}
