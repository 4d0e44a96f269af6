//! Bylines and sections. An article may be signed by free text in three languages
//! (a department's press service) instead of its author's name; and it may sit in
//! one section of the portal's fixed tree (news, announcements, searches, ...),
//! stored as the section's slug. Existing articles keep their author's byline and
//! have no section until an editor gives them one.
//!
//! The section list runs on an index like the region one: the section(s) first,
//! then the public lists' keyset order.
//!
//! Featured articles carry their place on the front page (1 to 20); a place holds one
//! article per language, which a unique index keeps (absent places are NULL, and
//! NULLs never collide).

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [&str; 3] = ["byline_ru", "byline_kk", "byline_en"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time.
        for column in COLUMNS {
            manager
                .alter_table(
                    Table::alter()
                        .table("articles")
                        .add_column(string_len_null(column, 300))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("articles")
                    .add_column(string_len_null("section", 32))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("articles")
                    .add_column(small_integer_null("featured_position"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("articles", &["lang", "featured_position"], true))
            .await?;
        manager
            .create_index(index(
                "articles",
                &["section", "status", "published_at", "id"],
                false,
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_articles_section_status_published_at_id")
                    .table("articles")
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_articles_lang_featured_position")
                    .table("articles")
                    .to_owned(),
            )
            .await?;
        for column in COLUMNS.into_iter().chain(["section", "featured_position"]) {
            manager
                .alter_table(
                    Table::alter()
                        .table("articles")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
