//! Failed sign-in attempts, counted per account and per client address so that
//! password guessing is slowed down on every instance alike.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{create_indexes, drop_tables, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("login_attempts")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    // "email:<sha256 of the normalised email>" or "addr:<keyed hash>":
                    // neither the address nor the email typed is kept in the clear.
                    .col(string_len("subject", 96))
                    .col(timestamp_with_time_zone("attempted_at"))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                // Counting one subject's attempts in the window.
                index("login_attempts", &["subject", "attempted_at"], false),
                // Pruning old attempts of every subject.
                index("login_attempts", &["attempted_at"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["login_attempts"]).await
    }
}
