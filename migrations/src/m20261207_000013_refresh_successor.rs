//! What replaced a rotated refresh token, so that a retry of the same refresh (its
//! answer lost on a mobile network) can be given the same answer for a short while
//! instead of being taken for a stolen token.
//!
//! `replaced_by` is the successor's row; `successor_sealed` the successor token
//! itself, sealed with a key only the presenter of the rotated token can derive (the
//! database never holds a usable token). When it was rotated is `used_at`.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one column at a time.
        manager
            .alter_table(
                Table::alter()
                    .table("refresh_tokens")
                    .add_column(uuid_null("replaced_by"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("refresh_tokens")
                    .add_column(string_len_null("successor_sealed", 64))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["successor_sealed", "replaced_by"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("refresh_tokens")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
