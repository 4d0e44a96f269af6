//! Full-text search: one search document per article, meeting and person, written by
//! the application in the same transaction as the content (plain text without
//! markup, normalised), and an index over it maintained by the database itself.
//!
//! - PostgreSQL: a generated `tsvector` column `document` with weights title A,
//!   lead B, body C, extra D (tags, people, region names), built with the `russian`
//!   configuration for `ru` rows, `english` for `en`, and `simple` for the rest
//!   (Kazakh, people, meetings); a GIN index over it.
//! - SQLite: an external-content FTS5 table `search_fts` (tokenizer `unicode61
//!   remove_diacritics 2`) over the same four columns, kept in step by triggers.
//!
//! Deleting an article, meeting or person deletes its document by cascade. Existing
//! content is indexed by the application after migrating (`store::search_index::backfill`).

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{create_indexes, drop_tables, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn weighted(config: &str) -> String {
    format!(
        "setweight(to_tsvector('{config}'::regconfig, title), 'A') || \
         setweight(to_tsvector('{config}'::regconfig, lead), 'B') || \
         setweight(to_tsvector('{config}'::regconfig, body), 'C') || \
         setweight(to_tsvector('{config}'::regconfig, extra), 'D')"
    )
}

const SQLITE_INDEX: &[&str] = &[
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
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::Cascade;
        manager
            .create_table(
                Table::create()
                    .table("search_documents")
                    .if_not_exists()
                    // An integer key: FTS5 rows are addressed by integer rowid.
                    .col(pk_auto("id"))
                    // "article", "meeting" or "participant".
                    .col(string_len("kind", 16))
                    .col(uuid("entity_id"))
                    // Exactly one of these is set; they carry the cascade on delete.
                    .col(uuid_null("article_id"))
                    .col(uuid_null("meeting_id"))
                    .col(uuid_null("participant_id"))
                    // The article's language; null for meetings and people.
                    .col(string_len_null("lang", 2))
                    .col(text("title"))
                    .col(text("lead"))
                    .col(text("body"))
                    .col(text("extra"))
                    .foreign_key(&mut fk(
                        "search_documents",
                        "article_id",
                        "articles",
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "search_documents",
                        "meeting_id",
                        "meetings",
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "search_documents",
                        "participant_id",
                        "participants",
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index("search_documents", &["kind", "entity_id"], true),
                index("search_documents", &["article_id"], false),
                index("search_documents", &["meeting_id"], false),
                index("search_documents", &["participant_id"], false),
            ],
        )
        .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                db.execute_unprepared(&format!(
                    "ALTER TABLE search_documents ADD COLUMN document tsvector \
                     GENERATED ALWAYS AS (CASE lang WHEN 'ru' THEN {} WHEN 'en' THEN {} \
                     ELSE {} END) STORED",
                    weighted("russian"),
                    weighted("english"),
                    weighted("simple"),
                ))
                .await?;
                db.execute_unprepared(
                    "CREATE INDEX ix_search_documents_document ON search_documents \
                     USING GIN (document)",
                )
                .await?;
            }
            _ => {
                for statement in SQLITE_INDEX {
                    db.execute_unprepared(statement).await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP TABLE IF EXISTS search_fts")
                .await?;
        }
        drop_tables(manager, &["search_documents"]).await
    }
}
