//! Storing trusted GraphQL documents, known by the SHA-256 of their text.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, sea_query::OnConflict,
};
use uuid::Uuid;

use crate::{entity::trusted_document, error::AppResult};

/// Every trusted document, oldest first.
pub async fn all(db: &impl ConnectionTrait) -> AppResult<Vec<trusted_document::Model>> {
    Ok(trusted_document::Entity::find()
        .order_by_asc(trusted_document::Column::CreatedAt)
        .order_by_asc(trusted_document::Column::Hash)
        .all(db)
        .await?)
}

/// The documents of `hashes` that are stored.
pub async fn by_hashes(
    db: &impl ConnectionTrait,
    hashes: impl IntoIterator<Item = String>,
) -> AppResult<Vec<trusted_document::Model>> {
    Ok(trusted_document::Entity::find()
        .filter(trusted_document::Column::Hash.is_in(hashes))
        .all(db)
        .await?)
}

/// Stores each of `documents` (hash and text) not stored yet; another instance may be
/// storing the same ones at the same moment, so a hash already there is skipped, not
/// an error. Returns how many were new.
pub async fn insert_missing(
    txn: &impl ConnectionTrait,
    documents: &[(String, String)],
    by: Option<Uuid>,
    at: DateTime<Utc>,
) -> AppResult<u64> {
    let mut inserted = 0;
    // A few hundred rows a statement keeps every bind list within SQLite's limit.
    for chunk in documents.chunks(200) {
        let rows = chunk
            .iter()
            .map(|(hash, document)| trusted_document::ActiveModel {
                id: Set(Uuid::now_v7()),
                hash: Set(hash.clone()),
                document: Set(document.clone()),
                created_at: Set(at),
                created_by: Set(by),
            });
        inserted += trusted_document::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::column(trusted_document::Column::Hash)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(txn)
            .await?;
    }
    Ok(inserted)
}

/// Removes the document of `hash`; whether there was one.
pub async fn delete(txn: &impl ConnectionTrait, hash: &str) -> AppResult<bool> {
    let result = trusted_document::Entity::delete_many()
        .filter(trusted_document::Column::Hash.eq(hash))
        .exec(txn)
        .await?;
    Ok(result.rows_affected > 0)
}
