//! One log line per request: method, route, status, duration and request id.
//!
//! It runs outside every other layer but the request id and the client's address, so
//! that the status logged is the one sent, whichever layer made the answer. The route
//! is the template the router matched (`/api/v1/articles/{slug}`), never the path
//! itself: lines group by endpoint, and ids and slugs stay out of the log. The router
//! hands it back on the response (see [`crate::api::metrics::track`]); answers
//! replayed from a cache carry the route of the answer they replay.

use std::time::Instant;

use axum::{
    extract::{MatchedPath, Request},
    http::Response,
    middleware::Next,
    response::IntoResponse,
};

use crate::http::client_addr::ClientAddr;

/// The route of a request no route matched, as the metrics name it.
pub const UNMATCHED: &str = "unmatched";

/// Logs `request` once its answer's head is ready.
pub async fn log(request: Request, next: Next) -> impl IntoResponse {
    let started = Instant::now();
    let method = request.method().clone();
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let client = request
        .extensions()
        .get::<ClientAddr>()
        .map(|client| client.0.to_string())
        .unwrap_or_default();
    let response = next.run(request).await;
    let route = response
        .extensions()
        .get::<MatchedPath>()
        .map_or(UNMATCHED, MatchedPath::as_str);
    // Microseconds, shown as milliseconds: most answers take less than one.
    let duration_ms = started.elapsed().as_micros() as f64 / 1000.0;
    tracing::info!(
        method = %method,
        route,
        status = response.status().as_u16(),
        duration_ms,
        request_id,
        client,
        "request"
    );
    response
}

/// Carries `route` on `response`, for a layer that answers without the router.
pub fn keep_route<B>(response: &mut Response<B>, route: Option<&MatchedPath>) {
    if let Some(route) = route {
        response.extensions_mut().insert(route.clone());
    }
}
