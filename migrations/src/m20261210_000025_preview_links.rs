//! Preview links: a random token, kept only as its SHA-256, that shows one article's
//! current text to whoever holds it until it expires or is revoked. The row is what
//! every instance checks, so a revocation counts everywhere at once.

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
                    .table("preview_links")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    .col(uuid("article_id"))
                    // Lowercase hex of the SHA-256 of the whole token.
                    .col(string_len_uniq("token_hash", 64))
                    .col(uuid_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .foreign_key(&mut fk(
                        "preview_links",
                        "article_id",
                        "articles",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "preview_links",
                        "created_by",
                        "users",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![index("preview_links", &["article_id", "created_at"], false)],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["preview_links"]).await
    }
}
