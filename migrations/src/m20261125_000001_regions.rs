//! The 20 first-level units of Kazakhstan: reference data, never demo data.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::drop_tables;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("regions")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    // ISO 3166-2:KZ, e.g. "KZ-43".
                    .col(string_len_uniq("code", 8))
                    .col(string_len("kind", 16))
                    .col(string_len_uniq("slug", 64))
                    .col(string_len("name_kk", 128))
                    .col(string_len("name_ru", 128))
                    .col(string_len("name_en", 128))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["regions"]).await
    }
}
