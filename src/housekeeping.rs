//! Housekeeping each instance runs in the background while it serves. Every job is
//! an idempotent delete, so instances running the same job at once do no harm.

use std::time::Duration;

use chrono::{DateTime, Duration as Age, Utc};
use sea_orm::DatabaseConnection;
use tokio::task::JoinHandle;

use crate::{
    auth::{attempts, login::FAILURE_WINDOW_MINUTES, refresh},
    domain::time::Clock,
    error::AppResult,
    store::{changes, webhooks},
};

/// How long the record of changes keeps a change.
pub const CHANGES_KEPT: Age = Age::days(14);

/// How often the jobs run after the first time, by the service's clock.
pub const EVERY: Age = Age::minutes(10);

/// How long the first run may hold up the start: a database that is down must not
/// keep the service from answering (`/readyz` says what is wrong).
const FIRST_RUN_LIMIT: Duration = Duration::from_secs(2);

/// Runs the jobs once, then [`EVERY`] after each run by `clock`, until the returned
/// task is aborted. The first run is awaited, before the service answers anything,
/// so that it never lands in the middle of a request's work; the next is due
/// [`EVERY`] after this returns. Runs missed while the service stood still are not
/// made up: one run deletes everything due.
pub async fn start(db: DatabaseConnection, clock: Clock) -> JoinHandle<()> {
    if tokio::time::timeout(FIRST_RUN_LIMIT, run(&db, clock.now()))
        .await
        .is_err()
    {
        tracing::warn!("housekeeping did not finish at start-up; it runs again later");
    }
    let mut next = clock.now() + EVERY;
    tokio::spawn(async move {
        loop {
            clock.sleep_until(next).await;
            // The next run is due EVERY after the moment this one ran for, not after
            // it finished: time that passed while it ran counts.
            let at = clock.now();
            run(&db, at).await;
            next = at + EVERY;
        }
    })
}

async fn run(db: &DatabaseConnection, now: DateTime<Utc>) {
    // Failed sign-ins older than the window no longer count: without this, every
    // failure (an attacker's included) stays in the table for good.
    let window_start = now - Age::minutes(FAILURE_WINDOW_MINUTES);
    report(
        "old failed sign-ins",
        attempts::prune(db, window_start).await,
    );
    // Sign-ins whose every refresh token has expired can no longer be continued:
    // without this, every sign-in ever made stays in the table.
    report("expired refresh tokens", refresh::prune(db, now).await);
    // The record of changes is read by every instance within a second, and from a
    // cursor by consumers that may be away for days: it is kept for a fortnight.
    report("old changes", changes::prune(db, now - CHANGES_KEPT).await);
    // The log of webhook deliveries answers "what was sent, and how did it go" for
    // as long as the changes it came from are kept; pending ones stay until sent.
    report(
        "old webhook deliveries",
        webhooks::prune(db, now - CHANGES_KEPT).await,
    );
}

/// Logs what a job deleted, or why it could not.
fn report(what: &str, deleted: AppResult<u64>) {
    match deleted {
        Ok(0) => {}
        Ok(deleted) => tracing::info!(deleted, "{what} deleted"),
        Err(err) => tracing::warn!(error = ?err, "{what} could not be deleted"),
    }
}
