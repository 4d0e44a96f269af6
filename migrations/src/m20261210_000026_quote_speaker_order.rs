//! A person's quotes are listed newest first (`Participant.quotes`, and under every
//! person of a page of meetings). With an index on the speaker alone, PostgreSQL
//! walked every quote newest first and dropped the other speakers' rows: at 100,000
//! articles some 40,000 rows per person listed. An index on (speaker, id), ids being
//! time-ordered, reads exactly the page; it also serves every lookup by speaker, so the
//! old one goes.

use sea_orm_migration::prelude::*;

use crate::common::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(index("quotes", &["participant_id", "id"], false))
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_quotes_participant_id")
                    .table("quotes")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(index("quotes", &["participant_id"], false))
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_quotes_participant_id_id")
                    .table("quotes")
                    .to_owned(),
            )
            .await
    }
}
