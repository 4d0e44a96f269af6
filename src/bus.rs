//! The change bus: every instance reads the record of changes
//! ([`store::changes`](crate::store::changes)) in order and hands each change to its
//! consumers (live subscriptions, the micro-cache, the schedule of announcements).
//!
//! The record is the truth; notifications only say "read now". On PostgreSQL one
//! dedicated connection per instance `LISTEN`s on the channel every appending
//! transaction notifies at commit, so a commit through any instance is read by all
//! within a round trip. A notification lost with a dropped connection loses nothing:
//! after a reconnection, and every [`SAFETY_POLL`] anyway, the reader reads from
//! the last sequence it has seen. On SQLite (one instance) a write through this
//! instance wakes the reader in process ([`ChangeBus::committed`]).

use std::{
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use sea_orm::{DatabaseBackend, DatabaseConnection, sqlx::postgres::PgListener};
use tokio::{
    sync::{Notify, broadcast, watch},
    task::JoinHandle,
};

use crate::{
    domain::time::Clock,
    store::changes::{self, CHANNEL, Change},
};

/// How often the reader looks without being woken: notifications can be lost with
/// a connection that drops unnoticed.
pub const SAFETY_POLL: chrono::Duration = chrono::Duration::seconds(5);

/// How many changes a consumer may fall behind before it skips ahead (and learns
/// that it did, see [`broadcast::error::RecvError::Lagged`]).
const CAPACITY: usize = 1024;

/// How many rows one read takes.
const BATCH: u64 = 500;

/// The shortest and longest waits before connecting again after the listener failed.
const MIN_BACKOFF: Duration = Duration::from_millis(100);
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// The bus of one running service: cheap to clone.
#[derive(Clone)]
pub struct ChangeBus(Arc<Inner>);

struct Inner {
    seen: watch::Sender<i64>,
    epoch: AtomicU64,
    changes: broadcast::Sender<Arc<Change>>,
    wake: Notify,
}

impl Default for ChangeBus {
    fn default() -> Self {
        ChangeBus(Arc::new(Inner {
            seen: watch::channel(0).0,
            epoch: AtomicU64::new(0),
            changes: broadcast::channel(CAPACITY).0,
            wake: Notify::new(),
        }))
    }
}

impl ChangeBus {
    /// The sequence of the newest change this instance has read (and handed to its
    /// consumers); it only grows.
    pub fn seen(&self) -> i64 {
        *self.0.seen.borrow()
    }

    /// The sequence this instance has read, as it moves.
    pub fn watch_seen(&self) -> watch::Receiver<i64> {
        self.0.seen.subscribe()
    }

    /// Changes read from now on, in order.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Change>> {
        self.0.changes.subscribe()
    }

    /// A write committed (through this instance, or a notification said so): read
    /// the record now. What was derived from the content before is stale from now on
    /// (see [`ChangeBus::epoch`]).
    pub fn committed(&self) {
        self.0.epoch.fetch_add(1, Ordering::SeqCst);
        self.0.wake.notify_one();
    }

    /// A number that changes whenever content may have changed: after every write
    /// through this instance (before its answer leaves) and every change read from
    /// another. What is kept from content under one epoch (an answer, a validator)
    /// is good while the epoch stays.
    pub fn epoch(&self) -> u64 {
        self.0.epoch.load(Ordering::SeqCst)
    }

    /// Completes once this instance has read change `seq`.
    pub async fn reached(&self, seq: i64) {
        let mut seen = self.0.seen.subscribe();
        // The sender lives as long as `self`: this cannot fail.
        let _ = seen.wait_for(|seen| *seen >= seq).await;
    }

    /// Hands the changes read to the consumers, in order.
    fn publish(&self, read: Vec<Change>) {
        let Some(newest) = read.last().map(|c| c.seq) else {
            return;
        };
        for change in read {
            // No consumer is not an error.
            let _ = self.0.changes.send(Arc::new(change));
        }
        self.0.seen.send_replace(newest);
        self.0.epoch.fetch_add(1, Ordering::SeqCst);
    }
}

/// Starts this instance's reader. It starts after the newest change already
/// recorded: what happened before the instance started is not replayed. On
/// PostgreSQL it listens before it reads where to start, so no commit falls between.
/// The reader runs no statement until it is woken: [`SAFETY_POLL`] is measured on
/// `clock`, which stands still in tests until they move it.
pub async fn start(db: DatabaseConnection, bus: ChangeBus, clock: Clock) -> JoinHandle<()> {
    let postgres = db.get_database_backend() == DatabaseBackend::Postgres;
    let listener = if postgres {
        connect(&db)
            .await
            .inspect_err(|err| tracing::warn!(error = %err, "the change bus cannot listen yet"))
            .ok()
    } else {
        None
    };
    match changes::newest(&db).await {
        Ok(newest) => {
            bus.0.seen.send_replace(newest);
        }
        Err(err) => tracing::warn!(error = ?err, "the change bus starts from the beginning"),
    }
    tokio::spawn(async move {
        // Stops with the reader: the task is dropped with this guard.
        let _listening =
            postgres.then(|| AbortOnDrop(tokio::spawn(listen(db.clone(), bus.clone(), listener))));
        loop {
            tokio::select! {
                () = bus.0.wake.notified() => {}
                () = clock.sleep_until(clock.now() + SAFETY_POLL) => {}
            }
            catch_up(&db, &bus).await;
        }
    })
}

struct AbortOnDrop(JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Reads everything after what this instance has seen.
async fn catch_up(db: &DatabaseConnection, bus: &ChangeBus) {
    loop {
        match changes::after(db, bus.seen(), BATCH).await {
            Ok(read) => {
                let full = read.len() as u64 == BATCH;
                bus.publish(read);
                if !full {
                    return;
                }
            }
            Err(err) => {
                // The next wakeup tries again.
                tracing::warn!(error = ?err, "the record of changes could not be read");
                return;
            }
        }
    }
}

/// Listens on PostgreSQL's channel and wakes the reader on every notification, and
/// after every (re)connection: changes committed while no one listened are read
/// then. A failed connection is tried again after a growing pause.
async fn listen(db: DatabaseConnection, bus: ChangeBus, mut first: Option<PgListener>) {
    let mut backoff = MIN_BACKOFF;
    loop {
        let mut listener = match first.take() {
            Some(listener) => listener,
            None => match connect(&db).await {
                Ok(listener) => {
                    bus.committed();
                    listener
                }
                Err(err) => {
                    tracing::warn!(error = %err, "the change bus cannot listen; retrying");
                    tokio::time::sleep(backoff).await;
                    backoff = (backoff * 2).min(MAX_BACKOFF);
                    continue;
                }
            },
        };
        backoff = MIN_BACKOFF;
        loop {
            match listener.try_recv().await {
                // A notification, or the connection was made again (then some
                // may have been lost): either way, read.
                Ok(_) => bus.committed(),
                Err(err) => {
                    tracing::warn!(error = %err, "the change bus lost its listener");
                    break;
                }
            }
        }
    }
}

async fn connect(db: &DatabaseConnection) -> Result<PgListener, sea_orm::sqlx::Error> {
    let mut listener = PgListener::connect_with(db.get_postgres_connection_pool()).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}
