//! Articles and what hangs on them: slug history, tags, participants mentioned,
//! quotes in article order, and the editor-chosen "read also" list.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{create_indexes, drop_tables, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, SetNull};
        manager
            .create_table(
                Table::create()
                    .table("articles")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    // Translations of one story share a group (the first version's id).
                    .col(uuid("translation_group_id"))
                    .col(string_len("lang", 2))
                    .col(string_len("slug", 200))
                    .col(string_len("title", 300))
                    .col(text_null("lead"))
                    // Sanitised HTML.
                    .col(text("body"))
                    .col(string_len("status", 16))
                    // Null until published; a future time means scheduled.
                    .col(timestamp_with_time_zone_null("published_at"))
                    .col(uuid_null("region_id"))
                    .col(uuid_null("author_id"))
                    .col(uuid_null("meeting_id"))
                    .col(string_len_null("cover_image_url", 2048))
                    .col(string_len_null("cover_image_alt", 500))
                    .col(string_len_null("source", 300))
                    .col(boolean("comments_open").default(true))
                    // Optimistic concurrency: an update names the version it read.
                    .col(integer("version").default(1))
                    .col(uuid_null("created_by"))
                    .col(uuid_null("updated_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("articles", "region_id", "regions", SetNull))
                    .foreign_key(&mut fk("articles", "author_id", "users", SetNull))
                    .foreign_key(&mut fk("articles", "meeting_id", "meetings", SetNull))
                    .foreign_key(&mut fk("articles", "created_by", "users", SetNull))
                    .foreign_key(&mut fk("articles", "updated_by", "users", SetNull))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("article_slugs")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    .col(uuid("article_id"))
                    .col(string_len("lang", 2))
                    .col(string_len("slug", 200))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("article_slugs", "article_id", "articles", Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("article_tags")
                    .if_not_exists()
                    .col(uuid("article_id"))
                    .col(uuid("tag_id"))
                    .primary_key(Index::create().col("article_id").col("tag_id"))
                    .foreign_key(&mut fk("article_tags", "article_id", "articles", Cascade))
                    .foreign_key(&mut fk("article_tags", "tag_id", "tags", Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("article_participants")
                    .if_not_exists()
                    .col(uuid("article_id"))
                    .col(uuid("participant_id"))
                    .col(integer("sort_order"))
                    .primary_key(Index::create().col("article_id").col("participant_id"))
                    .foreign_key(&mut fk(
                        "article_participants",
                        "article_id",
                        "articles",
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "article_participants",
                        "participant_id",
                        "participants",
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("quotes")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    .col(uuid("article_id"))
                    // Null for an unattributed quote; a deleted person leaves the words.
                    .col(uuid_null("participant_id"))
                    .col(integer("position"))
                    .col(text("text"))
                    .col(string_len("kind", 16))
                    .foreign_key(&mut fk("quotes", "article_id", "articles", Cascade))
                    .foreign_key(&mut fk("quotes", "participant_id", "participants", SetNull))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("related_articles")
                    .if_not_exists()
                    .col(uuid("article_id"))
                    .col(uuid("related_id"))
                    .col(integer("position"))
                    .primary_key(Index::create().col("article_id").col("related_id"))
                    .foreign_key(&mut fk(
                        "related_articles",
                        "article_id",
                        "articles",
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "related_articles",
                        "related_id",
                        "articles",
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                // Slugs are unique per language, including the retired ones.
                index("articles", &["lang", "slug"], true),
                index("article_slugs", &["lang", "slug"], true),
                index("article_slugs", &["article_id"], false),
                // Keyset orders of the public lists, with and without each filter.
                index("articles", &["status", "published_at", "id"], false),
                index("articles", &["lang", "status", "published_at", "id"], false),
                index(
                    "articles",
                    &["region_id", "status", "published_at", "id"],
                    false,
                ),
                index(
                    "articles",
                    &["meeting_id", "status", "published_at", "id"],
                    false,
                ),
                index("articles", &["author_id", "status", "updated_at"], false),
                index("articles", &["translation_group_id"], false),
                index("article_tags", &["tag_id", "article_id"], false),
                index(
                    "article_participants",
                    &["participant_id", "article_id"],
                    false,
                ),
                index("quotes", &["article_id", "position"], true),
                index("quotes", &["participant_id"], false),
                index("related_articles", &["article_id", "position"], false),
                index("related_articles", &["related_id"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "related_articles",
                "quotes",
                "article_participants",
                "article_tags",
                "article_slugs",
                "articles",
            ],
        )
        .await
    }
}
