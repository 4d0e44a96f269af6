//! A large load keeps PostgreSQL's statistics current as it grows: without them every
//! statement is planned for the empty tables the load began with, and a load of a
//! million articles slows down batch by batch.

use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::helpers::TestApp;

#[tokio::test]
async fn a_bulk_load_analyzes_the_tables_it_grows_on_postgresql() {
    let app = TestApp::spawn().await;
    if app.conn().get_database_backend() != DbBackend::Postgres {
        return;
    }
    polisia_api::seed::bulk::generate(app.conn(), 2_000, 0, app.clock.now())
        .await
        .unwrap();
    for table in ["articles", "comments", "search_documents"] {
        let row = app
            .conn()
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables \
                 WHERE relname = $1",
                [table.into()],
            ))
            .await
            .unwrap()
            .unwrap();
        let analyzed: bool = row.try_get("", "analyzed").unwrap();
        assert!(analyzed, "{table} was analyzed during the load");
    }
}
