//! Prometheus metrics: requests by route and status, latency, database pool use.

use std::time::Instant;

use axum::{
    extract::{MatchedPath, Request, State},
    http::header,
    middleware::Next,
    response::{IntoResponse, Response},
};
use sea_orm::DbBackend;

use crate::{http::access_log, state::AppState};

/// Counts and times every request under the route it matched, and hands that route
/// back on the response for the log (see [`crate::http::access_log`]).
pub async fn track(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let matched = request.extensions().get::<MatchedPath>().cloned();
    let route = matched.as_ref().map_or_else(
        || access_log::UNMATCHED.to_owned(),
        |p| p.as_str().to_owned(),
    );
    let mut response = next.run(request).await;
    access_log::keep_route(&mut response, matched.as_ref());
    let status = response.status().as_u16().to_string();
    metrics::counter!("http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("http_request_duration_seconds", "method" => method, "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// The metrics in Prometheus text format.
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, description = "Prometheus text format", content_type = "text/plain")))]
pub async fn render(State(state): State<AppState>) -> impl IntoResponse {
    record_pool(&state);
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
}

fn record_pool(state: &AppState) {
    if let Some((in_use, idle)) = pool_use(state.conn()) {
        metrics::gauge!("db_pool_connections", "state" => "in_use").set(in_use);
        metrics::gauge!("db_pool_connections", "state" => "idle").set(idle);
    }
    metrics::gauge!("db_statements_total").set(state.db.statements.get() as f64);
    if let Some(replica) = &state.db.replica {
        if let Some((in_use, idle)) = pool_use(&replica.conn) {
            metrics::gauge!("db_replica_pool_connections", "state" => "in_use").set(in_use);
            metrics::gauge!("db_replica_pool_connections", "state" => "idle").set(idle);
        }
        metrics::gauge!("db_replica_statements_total").set(replica.statements.get() as f64);
        metrics::gauge!("db_replica_reachable").set(f64::from(u8::from(replica.is_reachable())));
    }
}

/// Connections of `conn`'s pool in use and idle.
fn pool_use(conn: &sea_orm::DatabaseConnection) -> Option<(f64, f64)> {
    let (size, idle) = match conn.get_database_backend() {
        DbBackend::Postgres => {
            let pool = conn.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        DbBackend::Sqlite => {
            let pool = conn.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
        _ => return None,
    };
    let idle = u32::try_from(idle).unwrap_or(u32::MAX);
    Some((f64::from(size.saturating_sub(idle)), f64::from(idle)))
}
