//! A commenter's own site, as WordPress's reply form sends it: shown with the comment,
//! never a spam signal. Nullable: most readers give none, and older comments have none.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("comments")
                    .add_column(string_len_null("website", 200))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("comments")
                    .drop_column("website")
                    .to_owned(),
            )
            .await
    }
}
