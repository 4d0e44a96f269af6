//! Search documents carry whether the public may see their article, so that a search
//! need not read the article of each of its (up to 300) candidates to tell.
//!
//! `public_from` is the article's `published_at` while it is `PUBLISHED`, else null:
//! an article document is public when `public_from <= now` (a scheduled one becomes
//! visible at its moment with no write). Meetings and people are always public and
//! keep it null. The application writes it with each document; a trigger on
//! `articles` copies every later change of status or publication time, so no write
//! path (editorial, a seeder, an operator's SQL) can leave a document behind.

use sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const POSTGRES_UP: &[&str] = &[
    "CREATE OR REPLACE FUNCTION search_documents_visibility() RETURNS trigger \
     LANGUAGE plpgsql AS $$ BEGIN \
     UPDATE search_documents SET public_from = \
     CASE WHEN NEW.status = 'PUBLISHED' THEN NEW.published_at END \
     WHERE article_id = NEW.id; RETURN NULL; END $$",
    "CREATE TRIGGER articles_search_visibility AFTER UPDATE OF status, published_at \
     ON articles FOR EACH ROW \
     WHEN (OLD.status IS DISTINCT FROM NEW.status \
     OR OLD.published_at IS DISTINCT FROM NEW.published_at) \
     EXECUTE FUNCTION search_documents_visibility()",
];

const POSTGRES_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS articles_search_visibility ON articles",
    "DROP FUNCTION IF EXISTS search_documents_visibility()",
];

const SQLITE_UP: &[&str] = &["CREATE TRIGGER articles_search_visibility \
     AFTER UPDATE OF status, published_at ON articles BEGIN \
     UPDATE search_documents SET public_from = \
     CASE WHEN NEW.status = 'PUBLISHED' THEN NEW.published_at END \
     WHERE article_id = NEW.id; END"];

const SQLITE_DOWN: &[&str] = &["DROP TRIGGER IF EXISTS articles_search_visibility"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("search_documents")
                    .add_column(timestamp_with_time_zone_null("public_from"))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE search_documents SET public_from = \
             (SELECT a.published_at FROM articles a \
              WHERE a.id = search_documents.article_id AND a.status = 'PUBLISHED') \
             WHERE article_id IS NOT NULL",
        )
        .await?;
        let statements = match manager.get_database_backend() {
            DatabaseBackend::Postgres => POSTGRES_UP,
            _ => SQLITE_UP,
        };
        for statement in statements {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let statements = match manager.get_database_backend() {
            DatabaseBackend::Postgres => POSTGRES_DOWN,
            _ => SQLITE_DOWN,
        };
        let db = manager.get_connection();
        for statement in statements {
            db.execute_unprepared(statement).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("search_documents")
                    .drop_column("public_from")
                    .to_owned(),
            )
            .await
    }
}
