//! Every public type tells when it last changed, so that lists can be asked for what
//! changed since a moment (`updatedSince`) and delta sync can show it. Tags and
//! quotes had no such column: tags start from their creation, quotes from their
//! article's last change (a quote is rewritten with its article). The lists that
//! filter by it get an index; regions and tags are a few dozen rows and need none.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{create_indexes, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Existing rows get a placeholder first: SQLite adds a NOT NULL column only with a
/// constant default. Every row is given its real value just after.
const PLACEHOLDER: &str = "1970-01-01 00:00:00+00:00";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time.
        for table in ["tags", "quotes"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(timestamp_with_time_zone("updated_at").default(PLACEHOLDER))
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        db.execute_unprepared("UPDATE tags SET updated_at = created_at")
            .await?;
        db.execute_unprepared(
            "UPDATE quotes SET updated_at = \
             (SELECT articles.updated_at FROM articles WHERE articles.id = quotes.article_id)",
        )
        .await?;
        create_indexes(
            manager,
            vec![
                index("articles", &["updated_at"], false),
                index("meetings", &["updated_at"], false),
                index("participants", &["updated_at"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, name) in [
            ("articles", "ix_articles_updated_at"),
            ("meetings", "ix_meetings_updated_at"),
            ("participants", "ix_participants_updated_at"),
        ] {
            manager
                .drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        for table in ["tags", "quotes"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .drop_column("updated_at")
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
