//! The record of changes: one row per committed write that changes what someone may
//! see, appended in the same transaction as the write (a transactional outbox). Every
//! instance reads it in order from the last row it has seen, to tell its subscribers
//! and drop what its caches hold; later consumers (webhooks, delta sync, cache purges)
//! read it from a cursor of their own.
//!
//! Articles also learn whether their publication has been announced: an article
//! scheduled for later is announced once, by whichever instance claims it first when
//! its moment comes (`announced_at` is set in the same statement that claims it).

use sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{create_indexes, drop_tables, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut seq = ColumnDef::new("seq");
        // SQLite allots increasing row ids only to an `INTEGER PRIMARY KEY` (64 bits).
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            seq.integer();
        } else {
            seq.big_integer();
        }
        manager
            .create_table(
                Table::create()
                    .table("changes")
                    .if_not_exists()
                    .col(seq.not_null().auto_increment().primary_key())
                    .col(string_len("kind", 32))
                    .col(uuid("entity_id"))
                    // What consumers need to act without reading the write's tables:
                    // a comment's article, an article's region and language.
                    .col(uuid_null("article_id"))
                    .col(uuid_null("region_id"))
                    .col(string_len_null("lang", 8))
                    .col(timestamp_with_time_zone("committed_at"))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, vec![index("changes", &["committed_at"], false)]).await?;

        manager
            .alter_table(
                Table::alter()
                    .table("articles")
                    .add_column(timestamp_with_time_zone_null("announced_at"))
                    .to_owned(),
            )
            .await?;
        // Articles already public count as announced; those still scheduled are
        // announced when their moment comes.
        let now = chrono::Utc::now();
        manager
            .exec_stmt(
                Query::update()
                    .table("articles")
                    .value("announced_at", Expr::col("published_at"))
                    .and_where(Expr::col("status").eq("PUBLISHED"))
                    .and_where(Expr::col("published_at").lte(now))
                    .to_owned(),
            )
            .await?;
        // The scheduler's question: the next article due and not yet announced.
        create_indexes(
            manager,
            vec![index("articles", &["announced_at", "published_at"], false)],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_articles_announced_at_published_at")
                    .table("articles")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("articles")
                    .drop_column("announced_at")
                    .to_owned(),
            )
            .await?;
        drop_tables(manager, &["changes"]).await
    }
}
