//! API keys of partners and aggregators: each is counted against its own quota of
//! requests per minute. Only a hash of the key is kept; `prefix`, the first
//! characters of the key, names it to people and finds its row.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{drop_tables, fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("api_keys")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    .col(string_len("name", 100))
                    // `pk_` and 8 characters of the key.
                    .col(string_len_uniq("prefix", 16))
                    // Lowercase hex of the SHA-256 of the whole key.
                    .col(string_len_uniq("key_hash", 64))
                    .col(integer("requests_per_minute"))
                    .col(uuid_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .foreign_key(&mut fk(
                        "api_keys",
                        "created_by",
                        "users",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["api_keys"]).await
    }
}
