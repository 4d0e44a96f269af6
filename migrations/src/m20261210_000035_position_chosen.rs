//! A meeting row records whether the editors chose its position
//! (`meeting_participants.position_chosen`): a chosen one stays when the meeting moves
//! to another day, the others follow the day.
//!
//! Rows written before are counted as not chosen. A row pointing at a position not
//! held on its meeting's day may be an editor's choice or a row left behind when its
//! meeting moved before rows followed the day; the two cannot be told apart, and the
//! next change of the meeting's day (or of the person's positions) points it again.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("meeting_participants")
                    .add_column(boolean("position_chosen").default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("meeting_participants")
                    .drop_column("position_chosen")
                    .to_owned(),
            )
            .await
    }
}
