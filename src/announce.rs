//! Announcing articles to `articlePublished` subscribers when they become public,
//! once for the whole cluster.
//!
//! Published for now, an article is announced by the write itself (its change is
//! recorded with it). Scheduled, it is announced at its moment by whichever
//! instance claims it first: every instance sleeps until the soonest moment not yet
//! announced, then claims in the database whatever is due, recording a change for
//! each claimed article; the bus carries those changes to every instance's
//! subscribers. An instance that was down at the moment claims it when it starts;
//! an article taken back or moved before its moment is not claimed for it. Moments
//! are those of the service's [`Clock`].

use std::{sync::Arc, time::Duration};

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use tokio::{
    sync::broadcast::{Receiver, error::RecvError},
    task::JoinHandle,
};

use crate::{
    bus::ChangeBus,
    db::begin_write,
    domain::{ChangeKind, time::Clock},
    error::AppResult,
    store::{
        articles,
        changes::{self, Change, NewChange},
    },
};

/// How long to wait before asking the database again after it failed.
const RETRY: Duration = Duration::from_secs(1);

/// Starts this instance's schedule, until the returned task is aborted. What is due
/// already is claimed before this returns.
pub async fn start(db: DatabaseConnection, bus: ChangeBus, clock: Clock) -> JoinHandle<()> {
    let mut changes = bus.subscribe();
    let mut next = due_then_next(&db, &bus, &clock).await;
    tokio::spawn(async move {
        loop {
            match next {
                Ok(next) => {
                    tokio::select! {
                        () = sleep_until(&clock, next) => {}
                        () = schedule_changed(&mut changes) => {}
                    }
                }
                Err(err) => {
                    tracing::warn!(error = ?err, "scheduled articles could not be announced; retrying");
                    tokio::time::sleep(RETRY).await;
                }
            }
            next = due_then_next(&db, &bus, &clock).await;
        }
    })
}

/// Claims what is due, then tells the soonest moment still to come.
async fn due_then_next(
    db: &DatabaseConnection,
    bus: &ChangeBus,
    clock: &Clock,
) -> AppResult<Option<DateTime<Utc>>> {
    claim(db, bus, clock.now()).await?;
    articles::next_announcement(db).await
}

/// Claims every article due at `now` and records its publication, in one
/// transaction.
pub async fn claim(db: &DatabaseConnection, bus: &ChangeBus, now: DateTime<Utc>) -> AppResult<()> {
    let txn = begin_write(db).await?;
    let claimed = articles::claim_due_announcements(&txn, now).await?;
    let published: Vec<NewChange> = claimed
        .iter()
        .map(|article| NewChange::article(ChangeKind::ArticlePublished, article))
        .collect();
    changes::append_all(&txn, published, now).await?;
    txn.commit().await?;
    if !claimed.is_empty() {
        bus.committed();
    }
    Ok(())
}

async fn sleep_until(clock: &Clock, at: Option<DateTime<Utc>>) {
    match at {
        Some(at) => clock.sleep_until(at).await,
        None => std::future::pending().await,
    }
}

/// Completes when an article was scheduled (perhaps through another instance), or
/// when changes were missed: the soonest moment may have moved.
async fn schedule_changed(changes: &mut Receiver<Arc<Change>>) {
    loop {
        match changes.recv().await {
            Ok(change) if change.kind == ChangeKind::ArticleScheduled => return,
            Ok(_) => {}
            Err(RecvError::Lagged(_)) => return,
            Err(RecvError::Closed) => std::future::pending().await,
        }
    }
}
