//! Housekeeping each instance runs in the background while it serves. Every job is
//! an idempotent delete, so instances running the same job at once do no harm.

use std::time::Duration;

use chrono::Duration as Age;
use sea_orm::DatabaseConnection;
use tokio::task::JoinHandle;

use crate::{
    auth::{attempts, login::FAILURE_WINDOW_MINUTES},
    domain::time,
};

/// How often the jobs run (the first time at start-up).
pub const EVERY: Duration = Duration::from_secs(10 * 60);

/// Starts the jobs on `db`; they run until the task is aborted.
pub fn spawn(db: DatabaseConnection) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            prune_sign_in_attempts(&db).await;
        }
    })
}

/// Failed sign-ins older than the window no longer count: without this, every
/// failure (an attacker's included) stays in the table for good.
async fn prune_sign_in_attempts(db: &DatabaseConnection) {
    let before = time::now() - Age::minutes(FAILURE_WINDOW_MINUTES);
    match attempts::prune(db, before).await {
        Ok(0) => {}
        Ok(pruned) => tracing::info!(pruned, "old failed sign-ins deleted"),
        Err(err) => tracing::warn!(error = ?err, "failed sign-ins could not be pruned"),
    }
}
