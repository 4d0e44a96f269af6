//! Search documents carry the creation time of their content, indexed, so that a query
//! matching a large share of everything can take its most recent matches by walking
//! that index instead of ranking every match (see `store::search`).
//!
//! The column is filled here for documents that exist, and by the application for
//! every document it writes. PostgreSQL also gets it as `NOT NULL`; SQLite cannot add
//! that constraint to an existing table, and sorts its (never written) nulls last.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{create_indexes, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

const BACKFILL: &[(&str, &str)] = &[
    ("articles", "article_id"),
    ("meetings", "meeting_id"),
    ("participants", "participant_id"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("search_documents")
                    .add_column(timestamp_with_time_zone_null("content_created_at"))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        for (table, column) in BACKFILL {
            db.execute_unprepared(&format!(
                "UPDATE search_documents SET content_created_at = \
                 (SELECT t.created_at FROM {table} t WHERE t.id = search_documents.{column}) \
                 WHERE {column} IS NOT NULL"
            ))
            .await?;
        }
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            db.execute_unprepared(
                "ALTER TABLE search_documents ALTER COLUMN content_created_at SET NOT NULL",
            )
            .await?;
        }
        create_indexes(
            manager,
            vec![index(
                "search_documents",
                &["content_created_at", "id"],
                false,
            )],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_search_documents_content_created_at_id")
                    .table("search_documents")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("search_documents")
                    .drop_column("content_created_at")
                    .to_owned(),
            )
            .await
    }
}
