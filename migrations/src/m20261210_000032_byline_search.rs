//! Search now indexes an article's free-text byline. The documents of articles that
//! have one are removed here, so the service's indexing of unindexed content right
//! after the migrations writes them again with their bylines (on SQLite a trigger
//! removes their full-text entries with them).

use sea_orm::{ConnectionTrait, Statement};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_raw(Statement::from_string(
            manager.get_database_backend(),
            "DELETE FROM search_documents WHERE kind = 'article' AND entity_id IN \
             (SELECT id FROM articles WHERE byline_ru IS NOT NULL \
              OR byline_kk IS NOT NULL OR byline_en IS NOT NULL)",
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // The documents written since are valid without the migration too.
        Ok(())
    }
}
