//! Reading regions.

use std::{
    collections::HashMap,
    sync::{
        Arc, RwLock,
        atomic::{AtomicU64, Ordering},
    },
};

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

/// Every region (or those of `kind`, or changed at or after `updated_since`): cities
/// first, then oblasts, each by code.
pub async fn list(
    db: &DatabaseConnection,
    kind: Option<RegionKind>,
    updated_since: Option<chrono::DateTime<chrono::Utc>>,
) -> AppResult<Vec<region::Model>> {
    let mut query = region::Entity::find()
        .order_by_asc(region::Column::Kind)
        .order_by_asc(region::Column::Code);
    if let Some(kind) = kind {
        query = query.filter(region::Column::Kind.eq(kind));
    }
    if let Some(since) = updated_since {
        query = query.filter(region::Column::UpdatedAt.gte(since));
    }
    Ok(query.all(db).await?)
}

/// The region named by `key`, if there is one.
pub async fn find(db: &DatabaseConnection, key: Key) -> AppResult<Option<region::Model>> {
    Ok(by_key(key).one(db).await?)
}

/// The region `key` names, as the root of a [`tree`](super::tree) read.
pub fn tree_by_key(key: Key) -> super::tree::Rows {
    super::tree::Rows {
        select: sea_orm::QueryTrait::into_query(by_key(key)),
        order: Vec::new(),
    }
}

fn by_key(key: Key) -> sea_orm::Select<region::Entity> {
    let query = region::Entity::find();
    match key {
        Key::Id(id) => query.filter(region::Column::Id.eq(id)),
        Key::Slug(slug) => {
            query.filter(region::Column::Slug.eq(crate::domain::slug::normalize(&slug)))
        }
        Key::Code(code) => query.filter(region::Column::Code.eq(code.trim().to_uppercase())),
    }
}

/// Every region, held in memory: the twenty rows nearly every page names, changed a
/// few times a year. Whoever changes a region empties it ([`RegionCache::clear`]: the
/// change bus does, for a change through any instance), and the next read fills it
/// again. One per running service.
#[derive(Debug, Clone, Default)]
pub struct RegionCache(Arc<CacheInner>);

#[derive(Debug, Default)]
struct CacheInner {
    regions: RwLock<Option<Arc<HashMap<Uuid, region::Model>>>>,
    /// Counts clears: a fill that began before a clear must not store what it read.
    clears: AtomicU64,
}

impl RegionCache {
    /// Forgets every region: the next read asks the database.
    pub fn clear(&self) {
        self.0.clears.fetch_add(1, Ordering::SeqCst);
        *self.0.regions.write().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// Every region by id, from memory when it holds them.
    pub async fn all(
        &self,
        db: &DatabaseConnection,
    ) -> AppResult<Arc<HashMap<Uuid, region::Model>>> {
        if let Some(held) = self
            .0
            .regions
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
        {
            return Ok(held);
        }
        let clears = self.0.clears.load(Ordering::SeqCst);
        let read: Arc<HashMap<Uuid, region::Model>> = Arc::new(
            region::Entity::find()
                .all(db)
                .await?
                .into_iter()
                .map(|r| (r.id, r))
                .collect(),
        );
        let mut held = self.0.regions.write().unwrap_or_else(|e| e.into_inner());
        if self.0.clears.load(Ordering::SeqCst) == clears {
            *held = Some(read.clone());
        }
        Ok(read)
    }

    /// The regions with these ids.
    pub async fn by_ids(
        &self,
        db: &DatabaseConnection,
        ids: &[Uuid],
    ) -> AppResult<Vec<region::Model>> {
        let all = self.all(db).await?;
        Ok(ids.iter().filter_map(|id| all.get(id).cloned()).collect())
    }
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
