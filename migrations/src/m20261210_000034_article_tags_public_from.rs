//! A tag's link rows carry their article's publication time while it is published
//! (`article_tags.public_from`, else null), indexed with the tag: the first page of
//! every tag's public articles is read from that index, a few rows a tag, where it
//! walked the newest articles of all tags until enough carried the tag (every
//! article, for a tag no recent article has).
//!
//! The copy is the database's own bookkeeping, like a search document's
//! `public_from`: a trigger fills it when a link is made, and another copies every
//! later change of an article's status or publication time to its links.

use sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{create_indexes, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The value for an article's rows, in terms of the article row `a`.
const VALUE: &str = "CASE WHEN a.status = 'PUBLISHED' THEN a.published_at END";

fn postgres_up() -> Vec<String> {
    vec![
        "CREATE OR REPLACE FUNCTION article_tags_public_from_of_link() RETURNS trigger \
         LANGUAGE plpgsql AS $$ BEGIN \
         NEW.public_from := (SELECT CASE WHEN a.status = 'PUBLISHED' THEN a.published_at END \
         FROM articles a WHERE a.id = NEW.article_id); RETURN NEW; END $$"
            .to_owned(),
        "CREATE TRIGGER article_tags_public_from BEFORE INSERT OR UPDATE OF article_id \
         ON article_tags FOR EACH ROW EXECUTE FUNCTION article_tags_public_from_of_link()"
            .to_owned(),
        "CREATE OR REPLACE FUNCTION article_tags_public_from_of_article() RETURNS trigger \
         LANGUAGE plpgsql AS $$ BEGIN \
         UPDATE article_tags SET public_from = \
         CASE WHEN NEW.status = 'PUBLISHED' THEN NEW.published_at END \
         WHERE article_id = NEW.id; RETURN NULL; END $$"
            .to_owned(),
        "CREATE TRIGGER articles_tag_visibility AFTER UPDATE OF status, published_at \
         ON articles FOR EACH ROW \
         WHEN (OLD.status IS DISTINCT FROM NEW.status \
         OR OLD.published_at IS DISTINCT FROM NEW.published_at) \
         EXECUTE FUNCTION article_tags_public_from_of_article()"
            .to_owned(),
    ]
}

const POSTGRES_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS articles_tag_visibility ON articles",
    "DROP TRIGGER IF EXISTS article_tags_public_from ON article_tags",
    "DROP FUNCTION IF EXISTS article_tags_public_from_of_article()",
    "DROP FUNCTION IF EXISTS article_tags_public_from_of_link()",
];

fn sqlite_up() -> Vec<String> {
    vec![
        format!(
            "CREATE TRIGGER article_tags_public_from AFTER INSERT ON article_tags BEGIN \
             UPDATE article_tags SET public_from = \
             (SELECT {VALUE} FROM articles a WHERE a.id = NEW.article_id) \
             WHERE article_id = NEW.article_id AND tag_id = NEW.tag_id; END"
        ),
        "CREATE TRIGGER articles_tag_visibility \
         AFTER UPDATE OF status, published_at ON articles BEGIN \
         UPDATE article_tags SET public_from = \
         CASE WHEN NEW.status = 'PUBLISHED' THEN NEW.published_at END \
         WHERE article_id = NEW.id; END"
            .to_owned(),
    ]
}

const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS articles_tag_visibility",
    "DROP TRIGGER IF EXISTS article_tags_public_from",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("article_tags")
                    .add_column(timestamp_with_time_zone_null("public_from"))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(&format!(
            "UPDATE article_tags SET public_from = \
             (SELECT {VALUE} FROM articles a WHERE a.id = article_tags.article_id)"
        ))
        .await?;
        let statements = match manager.get_database_backend() {
            DatabaseBackend::Postgres => postgres_up(),
            _ => sqlite_up(),
        };
        for statement in statements {
            db.execute_unprepared(&statement).await?;
        }
        create_indexes(
            manager,
            vec![index(
                "article_tags",
                &["tag_id", "public_from", "article_id"],
                false,
            )],
        )
        .await
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
            .drop_index(
                Index::drop()
                    .name("ix_article_tags_tag_id_public_from_article_id")
                    .table("article_tags")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("article_tags")
                    .drop_column("public_from")
                    .to_owned(),
            )
            .await
    }
}
