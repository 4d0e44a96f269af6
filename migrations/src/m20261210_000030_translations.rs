//! Meetings, their agendas and tags in three languages. The existing text columns
//! stay and hold the Russian text they always held (every editor wrote in Russian
//! until now); Kazakh and English sit beside them, empty until an editor gives them,
//! and readers of those languages get the Russian until then.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (table, column, length; `None` for unbounded text), one Kazakh and one English
/// column each.
const COLUMNS: [(&str, &str, Option<u32>); 6] = [
    ("meetings", "title", Some(300)),
    ("meetings", "body", Some(300)),
    ("meetings", "venue", Some(300)),
    ("agenda_items", "title", Some(500)),
    ("agenda_items", "description", None),
    ("tags", "name", Some(96)),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column, len) in COLUMNS {
            for lang in ["kk", "en"] {
                let name = format!("{column}_{lang}");
                let def = match len {
                    Some(len) => string_len_null(name, len),
                    None => text_null(name),
                };
                // One column per statement: SQLite alters one at a time.
                manager
                    .alter_table(Table::alter().table(table).add_column(def).to_owned())
                    .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column, _) in COLUMNS {
            for lang in ["kk", "en"] {
                manager
                    .alter_table(
                        Table::alter()
                            .table(table)
                            .drop_column(format!("{column}_{lang}"))
                            .to_owned(),
                    )
                    .await?;
            }
        }
        Ok(())
    }
}
