//! The purge cursor: how far through the record of changes the purges sent to the
//! cache have got. One row, moved by compare-and-set, so that of several instances
//! exactly one sends the purges of each change. It starts at the newest change
//! recorded: what changed before the service could purge is not purged.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("purge_cursor")
                    // Always 1: the table holds one row.
                    .col(integer("id").primary_key())
                    // The sequence of the last change whose purges were claimed.
                    .col(big_integer("seq"))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO purge_cursor (id, seq) SELECT 1, COALESCE(MAX(seq), 0) FROM changes",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("purge_cursor").to_owned())
            .await
    }
}
