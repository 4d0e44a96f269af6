//! Opening the database and keeping its schema current.

use std::{
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};

/// How long a PostgreSQL statement waits for a lock before it fails.
pub const LOCK_TIMEOUT_POSTGRES: &str = "1s";

/// Counts the SQL statements a connection runs, so tests and benchmarks can prove
/// that the number of statements per request does not grow with the page size.
#[derive(Debug, Default)]
pub struct StatementCounter(AtomicU64);

impl StatementCounter {
    /// Statements run so far.
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// An open pool and its statement counter.
#[derive(Debug, Clone)]
pub struct Db {
    pub conn: DatabaseConnection,
    pub statements: Arc<StatementCounter>,
}

/// Opens a pool on `url`. SQLite gets WAL, a busy timeout and enforced foreign keys;
/// the parent directory of an SQLite file is created.
pub async fn connect(url: &str) -> Result<Db, DbErr> {
    let mut options = ConnectOptions::new(url);
    options
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    if url.starts_with("sqlite:") {
        create_sqlite_parent_dir(url);
        // WAL lets readers run beside the one writer; several connections use it.
        options
            .max_connections(8)
            .min_connections(1)
            .map_sqlx_sqlite_opts(|opts| {
                opts.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .busy_timeout(Duration::from_secs(5))
                    .foreign_keys(true)
            });
    } else {
        options
            .max_connections(16)
            .min_connections(2)
            // A statement waiting for a lock holds a pooled connection all the
            // while: behind a long table lock, waiting writers would take every
            // connection and starve the reads. They give up instead (503).
            .map_sqlx_postgres_opts(|opts| opts.options([("lock_timeout", LOCK_TIMEOUT_POSTGRES)]));
    }
    let mut conn = Database::connect(options).await?;
    let statements = Arc::new(StatementCounter::default());
    let counter = statements.clone();
    conn.set_metric_callback(move |_| {
        counter.0.fetch_add(1, Ordering::Relaxed);
    });
    Ok(Db { conn, statements })
}

fn create_sqlite_parent_dir(url: &str) {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or("");
    if path.is_empty() || path == ":memory:" {
        return;
    }
    if let Some(dir) = std::path::Path::new(path).parent() {
        // A failure surfaces as a clearer connection error right after.
        let _ = std::fs::create_dir_all(dir);
    }
}

/// Applies every pending migration, then indexes for search whatever content has
/// no search document yet (content from before search existed).
pub async fn migrate(conn: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(conn, None).await?;
    crate::store::search_index::backfill(conn).await?;
    Ok(())
}

/// A transaction for writes. On SQLite it takes the write lock at once, so a
/// concurrent writer waits for it instead of failing halfway; PostgreSQL ignores the
/// mode.
pub async fn begin_write(conn: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    conn.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// How many migrations this binary knows that the database has not applied.
pub async fn pending_migrations(conn: &DatabaseConnection) -> Result<usize, DbErr> {
    Ok(Migrator::get_pending_migrations(conn).await?.len())
}

/// The database engine in use.
pub fn backend(conn: &DatabaseConnection) -> DbBackend {
    conn.get_database_backend()
}
