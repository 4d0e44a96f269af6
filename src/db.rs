//! Opening the database and keeping its schema current.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering},
    },
    time::Duration,
};

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
    sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous},
};
use tokio::{sync::watch, task::JoinHandle};

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
    /// The pool full-text search runs on (see [`search_pool`]): on PostgreSQL a
    /// small pool of its own beside `conn`, on SQLite `conn` itself.
    pub search: DatabaseConnection,
    /// The pool compiled reads run on (see [`trees_pool`]): on PostgreSQL a pool
    /// of its own beside `conn`, on SQLite `conn` itself.
    pub trees: DatabaseConnection,
    pub statements: Arc<StatementCounter>,
    pub replica: Option<Replica>,
}

impl Db {
    /// The connection for an anonymous read that must show every change up to
    /// `seq` (the change bus's): the replica when it answers and holds them, else
    /// the primary.
    pub fn for_reads(&self, seq: i64) -> &DatabaseConnection {
        match &self.replica {
            Some(replica) if replica.is_current(seq) => &replica.conn,
            _ => &self.conn,
        }
    }

    /// The search pool of the database [`Db::for_reads`] picks for `seq`.
    pub fn for_search(&self, seq: i64) -> &DatabaseConnection {
        match &self.replica {
            Some(replica) if replica.is_current(seq) => &replica.search,
            _ => &self.search,
        }
    }

    /// The compiled reads' pool of the database [`Db::for_reads`] picks for `seq`.
    pub fn for_trees(&self, seq: i64) -> &DatabaseConnection {
        match &self.replica {
            Some(replica) if replica.is_current(seq) => &replica.trees,
            _ => &self.trees,
        }
    }
}

/// A read replica's pool, whether it answered its latest check, and how far it has
/// replayed the record of changes.
#[derive(Debug, Clone)]
pub struct Replica {
    pub conn: DatabaseConnection,
    /// The replica's search pool (see [`search_pool`]).
    pub search: DatabaseConnection,
    /// The replica's pool for compiled reads (see [`trees_pool`]).
    pub trees: DatabaseConnection,
    pub statements: Arc<StatementCounter>,
    /// A connection of the checks' own: a check never waits behind busy reads (which
    /// would take a loaded replica for a lost one), and runs no statement a read pays.
    probe: DatabaseConnection,
    reachable: Arc<AtomicBool>,
    /// The newest change the replica holds (its `changes` table, replayed from the
    /// primary's WAL like everything else).
    replayed: Arc<AtomicI64>,
}

/// How often a replica is checked, and how long a check may take.
pub const REPLICA_CHECK_EVERY: chrono::Duration = chrono::Duration::seconds(1);
const REPLICA_CHECK_TIMEOUT: Duration = Duration::from_secs(1);
/// How soon a replica that is behind the change bus is asked again.
const REPLAY_POLL: Duration = Duration::from_millis(5);

impl Replica {
    /// Whether reads may go to the replica: it answered its latest check.
    pub fn is_reachable(&self) -> bool {
        self.reachable.load(Ordering::Relaxed)
    }

    /// Whether the replica answers and holds every change up to `seq`: reads that
    /// must show what the change bus has announced (caches are emptied on its word)
    /// go to the primary until then.
    pub fn is_current(&self, seq: i64) -> bool {
        self.is_reachable() && self.replayed.load(Ordering::SeqCst) >= seq
    }

    /// Checks the replica now: whether it answers, and how far it has replayed.
    pub async fn check(&self) -> bool {
        let newest = tokio::time::timeout(
            REPLICA_CHECK_TIMEOUT,
            crate::store::changes::newest(&self.probe),
        )
        .await;
        let answered = match newest {
            Ok(Ok(newest)) => {
                self.replayed.fetch_max(newest, Ordering::SeqCst);
                true
            }
            _ => false,
        };
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

    /// Checks the replica every [`REPLICA_CHECK_EVERY`] by `clock`, and whenever the
    /// change bus reads a change the replica has not replayed yet (then again and
    /// again until it has), until the task is aborted: reads leave a replica that
    /// stopped answering within a check or two and come back when it answers, and
    /// wait on the primary for the few milliseconds the replica is behind a change.
    pub fn watch(self, clock: Clock, mut seen: watch::Receiver<i64>) -> JoinHandle<()> {
        tokio::spawn(async move {
            // What the bus read before this task began is caught up with at once,
            // not at the first tick of the clock (a test clock may never tick).
            let target = *seen.borrow_and_update();
            while self.check().await && !self.is_current(target) {
                tokio::time::sleep(REPLAY_POLL).await;
            }
            loop {
                tokio::select! {
                    () = clock.sleep_until(clock.now() + REPLICA_CHECK_EVERY) => {}
                    changed = seen.changed() => {
                        if changed.is_err() {
                            return;
                        }
                    }
                }
                let target = *seen.borrow_and_update();
                while self.check().await && !self.is_current(target) {
                    tokio::time::sleep(REPLAY_POLL).await;
                }
            }
        })
    }
}

/// Opens a pool on the replica at `url`. A replica that does not answer yet does not
/// stop the service: reads go to the primary until it does.
pub async fn connect_replica(url: &str) -> Result<Replica, DbErr> {
    let options = |connections: u32| {
        let mut options = ConnectOptions::new(url);
        options
            .connect_timeout(REPLICA_CHECK_TIMEOUT)
            .acquire_timeout(Duration::from_secs(2))
            .sqlx_logging(false)
            .max_connections(connections)
            .min_connections(0)
            .connect_lazy(true);
        options
    };
    let statements = Arc::new(StatementCounter::default());
    let conn = counted(Database::connect(options(16)).await?, &statements);
    let search = counted(
        Database::connect(search_pool(options(SEARCH_CONNECTIONS))).await?,
        &statements,
    );
    let trees = counted(
        Database::connect(trees_pool(options(TREE_CONNECTIONS))).await?,
        &statements,
    );
    let replica = Replica {
        conn,
        search,
        trees,
        statements,
        probe: Database::connect(options(1)).await?,
        reachable: Arc::new(AtomicBool::new(false)),
        replayed: Arc::new(AtomicI64::new(0)),
    };
    replica.check().await;
    Ok(replica)
}

/// `conn`, counting the statements it runs in `statements`.
fn counted(mut conn: DatabaseConnection, statements: &Arc<StatementCounter>) -> DatabaseConnection {
    let counter = statements.clone();
    conn.set_metric_callback(move |_| {
        counter.0.fetch_add(1, Ordering::Relaxed);
    });
    conn
}

/// Connections of the search pool.
const SEARCH_CONNECTIONS: u32 = 4;

/// `options` for the pool full-text search runs on: PostgreSQL sessions that plan
/// every statement for the values it is given. How many documents a query's words
/// match decides the plan (walk the newest documents for a common word, read the
/// index's few matches of a rare one), and the generic plan a prepared statement
/// falls back to after five runs cannot know: it read every match of a common word,
/// 600 ms a search at 100,000 articles. Set on the session, the choice costs a search
/// no statement of its own (where `SET LOCAL` in a transaction cost three more round
/// trips); on a pool of its own, no other statement pays for planning each time.
fn search_pool(options: ConnectOptions) -> ConnectOptions {
    planned(options, "force_custom_plan")
}

/// Connections of the pool compiled reads run on.
const TREE_CONNECTIONS: u32 = 8;

/// `options` for the pool compiled reads ([`crate::store::tree`]) run on:
/// PostgreSQL sessions that plan a prepared statement once. A compiled read is index
/// lookups from the parent's row whatever its values, but PostgreSQL's estimate for
/// the generic plan of such a nested statement (15,476 against 1,745 for the custom
/// one, for a region's meetings, their people and quotes) keeps it planning every
/// run anew: 0.9 ms of a 1.4 ms read at 100,000 articles, where the generic plan runs
/// in 0.9 ms all told. On a pool of its own, no other statement loses its custom
/// plans (search needs them; see [`search_pool`]).
fn trees_pool(options: ConnectOptions) -> ConnectOptions {
    planned(options, "force_generic_plan")
}

/// `options` for PostgreSQL sessions whose `plan_cache_mode` is `mode`, with the
/// lock timeout of every session.
fn planned(mut options: ConnectOptions, mode: &'static str) -> ConnectOptions {
    options.map_sqlx_postgres_opts(|opts| {
        opts.options([
            ("lock_timeout", LOCK_TIMEOUT_POSTGRES),
            ("plan_cache_mode", mode),
        ])
    });
    options
}

/// Opens a pool on `url`. SQLite gets WAL, a busy timeout and enforced foreign keys;
/// the parent directory of an SQLite file is created.
pub async fn connect(url: &str) -> Result<Db, DbErr> {
    let mut options = ConnectOptions::new(url);
    options
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    let statements = Arc::new(StatementCounter::default());
    if url.starts_with("sqlite:") {
        create_sqlite_parent_dir(url);
        // WAL lets readers run beside the one writer; several connections use it.
        options
            .max_connections(8)
            .min_connections(1)
            .map_sqlx_sqlite_opts(sqlite_options);
        let conn = counted(Database::connect(options).await?, &statements);
        return Ok(Db {
            search: conn.clone(),
            trees: conn.clone(),
            conn,
            statements,
            replica: None,
        });
    }
    let mut search = options.clone();
    search
        .max_connections(SEARCH_CONNECTIONS)
        .min_connections(0);
    let mut trees = options.clone();
    trees.max_connections(TREE_CONNECTIONS).min_connections(0);
    options
        .max_connections(16)
        .min_connections(2)
        // A statement waiting for a lock holds a pooled connection all the while:
        // behind a long table lock, waiting writers would take every connection and
        // starve the reads. They give up instead (503).
        .map_sqlx_postgres_opts(|opts| opts.options([("lock_timeout", LOCK_TIMEOUT_POSTGRES)]));
    Ok(Db {
        conn: counted(Database::connect(options).await?, &statements),
        search: counted(Database::connect(search_pool(search)).await?, &statements),
        trees: counted(Database::connect(trees_pool(trees)).await?, &statements),
        statements,
        replica: None,
    })
}

/// What every SQLite connection gets: WAL, so readers run beside the one writer; a
/// busy timeout; enforced foreign keys.
fn sqlite_options(opts: SqliteConnectOptions) -> SqliteConnectOptions {
    opts.journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true)
}

/// Applies every pending migration (see [`migrate`]) over one connection of its own,
/// closed afterwards, before the service's pools are opened. On SQLite a pool's
/// connections each keep a copy of the schema: one opened before the migrations
/// could read a table another connection had just made as missing.
pub async fn migrate_url(url: &str) -> Result<(), DbErr> {
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(1)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    if url.starts_with("sqlite:") {
        create_sqlite_parent_dir(url);
        options.map_sqlx_sqlite_opts(sqlite_options);
    }
    let conn = Database::connect(options).await?;
    let migrated = migrate(&conn).await;
    conn.close().await?;
    migrated
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
    crate::store::organizations::spell_pending_slugs(conn).await?;
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
