//! Corrections and retractions of published articles. A correction is a dated note
//! shown with the article, oldest first; a retraction is the public notice that
//! remains of an article withdrawn for cause (its status becomes `RETRACTED`, which
//! is a value of the existing string column, so no existing row changes).

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{create_indexes, drop_tables, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("article_corrections")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    .col(uuid("article_id"))
                    .col(text("text"))
                    .col(uuid_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        "article_corrections",
                        "article_id",
                        "articles",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "article_corrections",
                        "created_by",
                        "users",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("article_retractions")
                    .if_not_exists()
                    // One notice per article.
                    .col(pk_uuid("article_id"))
                    .col(text("reason"))
                    .col(uuid_null("retracted_by"))
                    .col(timestamp_with_time_zone("retracted_at"))
                    .foreign_key(&mut fk(
                        "article_retractions",
                        "article_id",
                        "articles",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "article_retractions",
                        "retracted_by",
                        "users",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![index(
                "article_corrections",
                &["article_id", "created_at"],
                false,
            )],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["article_retractions", "article_corrections"]).await
    }
}
