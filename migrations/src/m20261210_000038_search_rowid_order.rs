//! SQLite's search documents are numbered in the order their content was created, so
//! that the full-text index, which keeps its entries in rowid order, can hand a
//! search its most recent matches first and stop after enough of them.
//!
//! A search ranks at most a few hundred candidates, the most recently created of its
//! matches. Until now SQLite built the whole set of matches (a common word matches
//! nearly every document: 30 ms at 100,000 articles) and then walked the documents by
//! creation time looking each one up in it. A document's id is now its content's
//! creation time in milliseconds times 2^20, plus a slot for documents created in
//! the same millisecond (`store::search_index` assigns them), so the index itself can
//! be walked newest first (about 1 ms).
//!
//! The index's `simple` column (Kazakh articles, meetings, people) now holds each word
//! behind a mark (`domain::search::query::SIMPLE_MARK`), so that a prefix query on
//! it reads that column's terms alone rather than every Russian lexeme it covers.
//!
//! The documents are written again by the application's backfill right after
//! migrating, as `m20261206_000011_search_snowball` did. On PostgreSQL the id only
//! widens to `bigint` (its entity reads it as one); PostgreSQL finds candidates through
//! its own indexes and keeps numbering documents as they are written.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_UP: &[&str] = &[
    "DROP TRIGGER IF EXISTS search_documents_ad",
    "DROP TABLE IF EXISTS search_fts",
    "DELETE FROM search_documents",
    "CREATE VIRTUAL TABLE search_fts USING fts5(ru, en, simple, \
     content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN \
     DELETE FROM search_fts WHERE rowid = old.id; END",
];

/// Nothing: the older search never depended on the ids, so the documents stay.
const SQLITE_DOWN: &[&str] = &[];

const POSTGRES_UP: &[&str] = &["ALTER TABLE search_documents ALTER COLUMN id TYPE bigint"];
const POSTGRES_DOWN: &[&str] = &["ALTER TABLE search_documents ALTER COLUMN id TYPE integer"];

async fn run(manager: &SchemaManager<'_>, sqlite: &[&str], postgres: &[&str]) -> Result<(), DbErr> {
    let statements = match manager.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => postgres,
        _ => sqlite,
    };
    let db = manager.get_connection();
    for statement in statements {
        db.execute_unprepared(statement).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// In one transaction on SQLite too: the index is never half rebuilt.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, SQLITE_UP, POSTGRES_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, SQLITE_DOWN, POSTGRES_DOWN).await
    }
}
