//! Uploaded images attached to content: an article's cover (`articles.cover_media_id`)
//! and its ordered gallery (`article_media`), and a photo of a meeting or a person
//! (`photo_media_id`). An image in use cannot be deleted: the foreign keys restrict
//! it where the database can add them (PostgreSQL; SQLite cannot add a foreign key
//! to an existing table), and the media service refuses it first on both.
//!
//! Existing rows keep their linked covers (`cover_image_url`) and have no uploaded
//! image until an editor attaches one.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{create_indexes, drop_tables, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns that point at an image, by table.
const COLUMNS: [(&str, &str); 3] = [
    ("articles", "cover_media_id"),
    ("meetings", "photo_media_id"),
    ("participants", "photo_media_id"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict};
        let postgres = manager.get_database_backend() == sea_orm::DbBackend::Postgres;
        for (table, column) in COLUMNS {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(uuid_null(column))
                        .to_owned(),
                )
                .await?;
            if postgres {
                manager
                    .create_foreign_key(fk(table, column, "media", Restrict))
                    .await?;
            }
            manager.create_index(index(table, &[column], false)).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("article_media")
                    .if_not_exists()
                    .col(uuid("article_id"))
                    .col(uuid("media_id"))
                    // 0 first.
                    .col(integer("position"))
                    .primary_key(Index::create().col("article_id").col("media_id"))
                    .foreign_key(&mut fk("article_media", "article_id", "articles", Cascade))
                    .foreign_key(&mut fk("article_media", "media_id", "media", Restrict))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, vec![index("article_media", &["media_id"], false)]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["article_media"]).await?;
        let postgres = manager.get_database_backend() == sea_orm::DbBackend::Postgres;
        for (table, column) in COLUMNS {
            manager
                .drop_index(
                    Index::drop()
                        .name(format!("ix_{table}_{column}"))
                        .table(table)
                        .to_owned(),
                )
                .await?;
            if postgres {
                manager
                    .drop_foreign_key(
                        ForeignKey::drop()
                            .name(format!("fk_{table}_{column}"))
                            .table(table)
                            .to_owned(),
                    )
                    .await?;
            }
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
