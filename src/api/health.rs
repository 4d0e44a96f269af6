//! Liveness and readiness probes.

use std::time::Duration;

use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use serde::Serialize;

use crate::{
    db,
    error::{ErrorCode, Problem},
    state::AppState,
};

/// How long readiness waits for the database before calling it unreachable.
const READY_TIMEOUT: Duration = Duration::from_secs(2);

/// A probe's answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Health {
    /// `ok` or `ready`.
    #[schema(example = "ready")]
    pub status: &'static str,
    /// With a read replica configured: `reachable`, or `unreachable` while anonymous
    /// reads go to the primary instead (the service stays ready).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "reachable")]
    pub replica: Option<&'static str>,
}

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "The process is up", body = Health)))]
pub async fn healthz() -> Json<Health> {
    Json(Health {
        status: "ok",
        replica: None,
    })
}

/// The database answers and its migrations are current.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses(
        (status = 200, description = "Ready to serve", body = Health),
        (status = 503, description = "Database unreachable or migrations pending",
            body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    let conn = state.conn();
    let check = tokio::time::timeout(READY_TIMEOUT, async {
        conn.ping().await?;
        db::pending_migrations(conn).await
    })
    .await;
    match check {
        Ok(Ok(0)) => {
            let replica = state.db.replica.as_ref().map(|replica| {
                if replica.is_reachable() {
                    "reachable"
                } else {
                    "unreachable"
                }
            });
            let health = Health {
                status: "ready",
                replica,
            };
            (StatusCode::OK, Json(health)).into_response()
        }
        Ok(Ok(pending)) => Problem::new(
            ErrorCode::Unavailable,
            format!("{pending} database migration(s) pending"),
        )
        .into_response(),
        Ok(Err(err)) => {
            tracing::warn!(error = %err, "readiness check failed");
            Problem::new(ErrorCode::Unavailable, "the database does not answer").into_response()
        }
        Err(_) => {
            tracing::warn!("readiness check timed out");
            Problem::new(ErrorCode::Unavailable, "the database does not answer").into_response()
        }
    }
}
