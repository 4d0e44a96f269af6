//! One table for every consumer's place in the record of changes. The cache purger and
//! the webhook fan-out each kept a one-row table of their own (`purge_cursor`,
//! `webhook_cursor`) moved the same way; they become rows of `consumer_cursors`, keyed
//! by the consumer's name, so a further consumer is a row rather than a table and the
//! compare-and-set that hands each stretch of changes to one instance has one home.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("consumer_cursors")
                    // The consumer: `cache_purges` or `webhook_fanout`.
                    .col(string_len("name", 40).primary_key())
                    // The sequence of the last change the consumer has claimed.
                    .col(big_integer("seq"))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO consumer_cursors (name, seq) \
             SELECT 'cache_purges', seq FROM purge_cursor WHERE id = 1",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO consumer_cursors (name, seq) \
             SELECT 'webhook_fanout', seq FROM webhook_cursor WHERE id = 1",
        )
        .await?;
        for table in ["purge_cursor", "webhook_cursor"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for (table, name) in [
            ("purge_cursor", "cache_purges"),
            ("webhook_cursor", "webhook_fanout"),
        ] {
            manager
                .create_table(
                    Table::create()
                        .table(table)
                        .col(integer("id").primary_key())
                        .col(big_integer("seq"))
                        .to_owned(),
                )
                .await?;
            db.execute_unprepared(&format!(
                "INSERT INTO {table} (id, seq) \
                 SELECT 1, seq FROM consumer_cursors WHERE name = '{name}'"
            ))
            .await?;
        }
        manager
            .drop_table(Table::drop().table("consumer_cursors").to_owned())
            .await
    }
}
