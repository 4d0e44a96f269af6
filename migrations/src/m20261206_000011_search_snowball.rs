//! SQLite's full-text index holds Snowball stems for Russian and English articles, as
//! PostgreSQL's `russian` and `english` configurations make them, so a query finds the
//! same articles on both databases.
//!
//! Until now `search_fts` indexed every document's words as they are, kept in step
//! with `search_documents` by triggers, and queries matched hand-made stems as word
//! prefixes (`полиц*` found `полицейские`, which PostgreSQL keeps apart). Stemming
//! happens in the application, so the application now writes the index: a
//! contentless FTS5 table with a column per configuration, `ru` and `en` for the
//! lexemes of Russian and English articles (stop words dropped) and `simple` for the
//! text of everything else; deleting a document still removes its entry, by trigger.
//!
//! The old index cannot be turned into the new one in SQL: SQLite's search documents
//! are deleted here and written again, with their entries, by the application's
//! backfill right after migrating (`store::search_index::backfill`). PostgreSQL
//! analyses documents itself and has nothing to change.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &[&str] = &[
    "DROP TRIGGER IF EXISTS search_documents_ai",
    "DROP TRIGGER IF EXISTS search_documents_ad",
    "DROP TRIGGER IF EXISTS search_documents_au",
    "DROP TABLE IF EXISTS search_fts",
    "CREATE VIRTUAL TABLE search_fts USING fts5(ru, en, simple, \
     content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')",
    "DELETE FROM search_documents",
    "CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN \
     DELETE FROM search_fts WHERE rowid = old.id; END",
];

/// The index of `m20261126_000008_search`, filled again from the documents.
const DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS search_documents_ad",
    "DROP TABLE IF EXISTS search_fts",
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, lead, body, extra, \
     content='search_documents', content_rowid='id', \
     tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN \
     INSERT INTO search_fts(rowid, title, lead, body, extra) \
     VALUES (new.id, new.title, new.lead, new.body, new.extra); END",
    "CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN \
     INSERT INTO search_fts(search_fts, rowid, title, lead, body, extra) \
     VALUES ('delete', old.id, old.title, old.lead, old.body, old.extra); END",
    "CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN \
     INSERT INTO search_fts(search_fts, rowid, title, lead, body, extra) \
     VALUES ('delete', old.id, old.title, old.lead, old.body, old.extra); \
     INSERT INTO search_fts(rowid, title, lead, body, extra) \
     VALUES (new.id, new.title, new.lead, new.body, new.extra); END",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
];

async fn run(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        return Ok(());
    }
    let db = manager.get_connection();
    for statement in statements {
        db.execute_unprepared(statement).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// In one transaction on SQLite too: the index is never half rebuilt, and every
    /// statement runs on the one connection that made the changes before it.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, DOWN).await
    }
}
