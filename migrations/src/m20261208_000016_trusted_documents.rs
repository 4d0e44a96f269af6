//! Trusted documents: the GraphQL operations a production service runs for anonymous
//! and API-key clients under `TRUSTED_DOCUMENTS_ONLY`, known by the SHA-256 of their
//! text. In the database so that every instance behind the proxy trusts the same ones.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("trusted_documents")
                    .col(pk_uuid("id"))
                    // Lowercase hex of the SHA-256 of `document`, as clients send it.
                    .col(string_len_uniq("hash", 64))
                    .col(text("document"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(uuid_null("created_by"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("trusted_documents", "created_by")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("trusted_documents").to_owned())
            .await
    }
}
