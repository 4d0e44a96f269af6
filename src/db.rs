//! Opening the database and keeping its schema current.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::Duration,
};

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};
use tokio::task::JoinHandle;

use crate::domain::time::Clock;

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

/// An open pool and its statement counter, with the read replica's when there is one.
#[derive(Debug, Clone)]
pub struct Db {
    pub conn: DatabaseConnection,
    pub statements: Arc<StatementCounter>,
    pub replica: Option<Replica>,
}

impl Db {
    /// The connection for a read that may be a moment behind the latest commit
    /// (anonymous reads): the replica while it answers, else the primary.
    pub fn for_reads(&self) -> &DatabaseConnection {
        match &self.replica {
            Some(replica) if replica.is_reachable() => &replica.conn,
            _ => &self.conn,
        }
    }
}

/// A read replica's pool, and whether it answered its latest check.
#[derive(Debug, Clone)]
pub struct Replica {
    pub conn: DatabaseConnection,
    pub statements: Arc<StatementCounter>,
    reachable: Arc<AtomicBool>,
}

/// How often a replica is checked, and how long a check may take.
pub const REPLICA_CHECK_EVERY: chrono::Duration = chrono::Duration::seconds(1);
const REPLICA_CHECK_TIMEOUT: Duration = Duration::from_secs(1);

impl Replica {
    /// Whether reads go to the replica: it answered its latest check.
    pub fn is_reachable(&self) -> bool {
        self.reachable.load(Ordering::Relaxed)
    }

    /// Checks the replica now; reads go to it while it answers.
    pub async fn check(&self) -> bool {
        let answered = tokio::time::timeout(REPLICA_CHECK_TIMEOUT, self.conn.ping())
            .await
            .is_ok_and(|pinged| pinged.is_ok());
        let was = self.reachable.swap(answered, Ordering::Relaxed);
        if was != answered {
            if answered {
                tracing::info!("the read replica answers: anonymous reads go to it");
            } else {
                tracing::warn!("the read replica does not answer: reads go to the primary");
            }
        }
        answered
    }

    /// Checks the replica every [`REPLICA_CHECK_EVERY`] by `clock`, until the task
    /// is aborted: reads leave a replica that stopped answering within a check or
    /// two, and come back when it answers again.
    pub fn watch(self, clock: Clock) -> JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                clock.sleep_until(clock.now() + REPLICA_CHECK_EVERY).await;
                self.check().await;
            }
        })
    }
}

/// Opens a pool on the replica at `url`. A replica that does not answer yet does not
/// stop the service: reads go to the primary until it does.
pub async fn connect_replica(url: &str) -> Result<Replica, DbErr> {
    let mut options = ConnectOptions::new(url);
    options
        .connect_timeout(REPLICA_CHECK_TIMEOUT)
        .acquire_timeout(Duration::from_secs(2))
        .sqlx_logging(false)
        .max_connections(16)
        .min_connections(0)
        .connect_lazy(true);
    let (conn, statements) = counted(Database::connect(options).await?);
    let replica = Replica {
        conn,
        statements,
        reachable: Arc::new(AtomicBool::new(false)),
    };
    replica.check().await;
    Ok(replica)
}

/// `conn` with a counter of the statements it runs.
fn counted(mut conn: DatabaseConnection) -> (DatabaseConnection, Arc<StatementCounter>) {
    let statements = Arc::new(StatementCounter::default());
    let counter = statements.clone();
    conn.set_metric_callback(move |_| {
        counter.0.fetch_add(1, Ordering::Relaxed);
    });
    (conn, statements)
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
    let (conn, statements) = counted(Database::connect(options).await?);
    Ok(Db {
        conn,
        statements,
        replica: None,
    })
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
