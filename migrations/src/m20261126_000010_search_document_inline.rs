//! PostgreSQL keeps each search document's `tsvector` in its row, compressed with
//! LZ4, instead of out of line in TOAST. A search tests the newest documents one by
//! one until it has its candidates (see `store::search`): each test read a TOAST
//! pointer, fetched the chunks and inflated them with pglz, which was most of a
//! search's cost. `MAIN` storage compresses the vector in place and moves the body
//! out first, so rows stay narrow enough to walk; LZ4 inflates several times faster.
//!
//! A server built without LZ4 keeps its default compression. Existing rows are
//! written again, so they are stored the new way too. SQLite has nothing of this.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `SET COMPRESSION lz4` fails on a server built without LZ4: that is not an error.
const LZ4: &str = "DO $$ BEGIN \
     ALTER TABLE search_documents ALTER COLUMN document SET COMPRESSION lz4; \
     EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN NULL; \
     END $$";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        db.execute_unprepared(LZ4).await?;
        db.execute_unprepared(
            "ALTER TABLE search_documents ALTER COLUMN document SET STORAGE MAIN",
        )
        .await?;
        // An update computes the generated column again, stored the new way.
        db.execute_unprepared("UPDATE search_documents SET lang = lang")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared(
                "ALTER TABLE search_documents ALTER COLUMN document SET STORAGE EXTENDED, \
                 ALTER COLUMN document SET COMPRESSION DEFAULT",
            )
            .await?;
        Ok(())
    }
}
