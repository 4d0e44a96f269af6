//! polisia-api: the content of a police news portal over GraphQL, REST and feeds.
//!
//! [`app`] is the one place the HTTP service is assembled; `main` and every test
//! call it.

pub mod announce;
pub mod api;
pub mod auth;
pub mod bus;
pub mod comments;
pub mod config;
pub mod db;
pub mod domain;
pub mod editorial;
pub mod entity;
pub mod error;
pub mod events;
pub mod housekeeping;
pub mod http;
pub mod media;
pub mod presentation;
pub mod progress;
pub mod purge;
pub mod seed;
pub mod startup;
pub mod state;
pub mod store;
pub mod sync;
pub mod telemetry;
pub mod trusted_documents;
pub mod webhook_dispatch;
pub mod webhooks;

use std::{sync::Arc, time::Duration};

use axum::{
    Router,
    http::{HeaderName, HeaderValue, StatusCode, header},
    middleware,
};
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    cors::{AllowOrigin, Any, CorsLayer},
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    set_header::SetResponseHeaderLayer,
    timeout::TimeoutLayer,
    trace::TraceLayer,
};

use crate::{
    config::CorsOrigins,
    error::{ErrorCode, Problem},
    state::AppState,
};

pub use state::AppState as State;

pub use http::body::BODY_LIMIT_BYTES;
/// Longest a request may take before it is answered with 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Builds the whole HTTP service on `state`.
pub fn app(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let routes = api::routes(&state)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(api::metrics::track));
    routes
        .layer(
            ServiceBuilder::new()
                // Outermost, so that answers made by the layers below (413, a CORS
                // preflight, a timeout) carry them too.
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::X_FRAME_OPTIONS,
                    HeaderValue::from_static("DENY"),
                ))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::REFERRER_POLICY,
                    HeaderValue::from_static("no-referrer"),
                ))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::CONTENT_SECURITY_POLICY,
                    http::headers::api_csp,
                ))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::STRICT_TRANSPORT_SECURITY,
                    http::headers::hsts(&state.config.public_base_url),
                ))
                .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
                // Outside the log's span, which names the client it finds.
                .layer(middleware::from_fn_with_state(
                    http::client_addr::TrustedProxies::new(
                        &state.config.trusted_proxies,
                        state.config.forwarded_header,
                    ),
                    http::client_addr::resolve,
                ))
                // Outside the rest, so that it logs the status sent, whoever answered.
                .layer(middleware::from_fn(http::access_log::log))
                .layer(TraceLayer::new_for_http().make_span_with(
                    |request: &axum::http::Request<_>| {
                        let id = request
                            .headers()
                            .get("x-request-id")
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or("");
                        let client = request
                            .extensions()
                            .get::<http::client_addr::ClientAddr>()
                            .map(|client| client.0.to_string())
                            .unwrap_or_default();
                        tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id, client = %client)
                    },
                ))
                .layer(PropagateRequestIdLayer::new(request_id))
                .layer(middleware::from_fn(http::problem::ensure_error_shape))
                .layer(middleware::from_fn(http::nul::refuse_in_uri))
                // Inside the error shapes (a 429 on /graphql is a GraphQL error) and
                // outside the micro-cache: an answer served from memory still counts.
                .layer(middleware::from_fn_with_state(
                    state.rate_limits.clone(),
                    http::rate_limit::limit,
                ))
                // Outside `conditional` and compression: it keeps the bytes sent.
                .layer(middleware::from_fn_with_state(
                    state.micro_cache.clone(),
                    http::micro_cache::serve,
                ))
                // Outside compression: ETags are hashes of the bytes actually sent.
                .layer(middleware::from_fn_with_state(
                    Arc::new(http::cache::Validators::new(state.bus.clone())),
                    http::cache::conditional,
                ))
                .layer(middleware::from_fn_with_state(
                    http::body::UploadLimit(state.config.media.max_bytes),
                    http::body::limit,
                ))
                .layer(CompressionLayer::new())
                .layer(cors_layer(&state.config.cors_origins))
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::REQUEST_TIMEOUT,
                    REQUEST_TIMEOUT,
                ))
                // A bug in one handler answers that request with 500 instead of
                // dropping the connection without a word.
                .layer(CatchPanicLayer::custom(panicked)),
        )
        .with_state(state)
}

fn cors_layer(origins: &CorsOrigins) -> CorsLayer {
    let layer = CorsLayer::new()
        .allow_methods([
            axum::http::Method::GET,
            axum::http::Method::POST,
            // Changing and deleting uploaded images over REST.
            axum::http::Method::PATCH,
            axum::http::Method::DELETE,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT_LANGUAGE,
            header::IF_NONE_MATCH,
            // A partner's key, from a browser.
            HeaderName::from_static(http::rate_limit::X_API_KEY),
            // A browser retrying a comment safely.
            HeaderName::from_static("idempotency-key"),
            // A multipart GraphQL request (an upload) proves it asked first.
            HeaderName::from_static(http::graphql_request::PREFLIGHT_HEADERS[0]),
            HeaderName::from_static(http::graphql_request::PREFLIGHT_HEADERS[1]),
            HeaderName::from_static(http::graphql_request::PREFLIGHT_HEADERS[2]),
        ])
        .expose_headers([
            header::ETAG,
            HeaderName::from_static("x-request-id"),
            // How long a rate-limited browser client should wait.
            header::RETRY_AFTER,
            // Its quota and what is left of it.
            HeaderName::from_static(http::rate_limit::RATELIMIT_POLICY),
            HeaderName::from_static(http::rate_limit::RATELIMIT),
        ])
        .max_age(Duration::from_secs(600));
    match origins {
        CorsOrigins::None => layer.allow_origin(AllowOrigin::list([])),
        CorsOrigins::Any => layer.allow_origin(Any),
        CorsOrigins::List(list) => layer.allow_origin(AllowOrigin::list(
            list.iter().filter_map(|o| HeaderValue::from_str(o).ok()),
        )),
    }
}

fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    use axum::response::IntoResponse;
    // The panic message and place were already logged by the panic hook.
    Problem::new(ErrorCode::Internal, "internal error").into_response()
}

async fn not_found() -> Problem {
    Problem::new(ErrorCode::NotFound, "no such route")
}

async fn method_not_allowed() -> Problem {
    let mut problem = Problem::new(ErrorCode::BadUserInput, "method not allowed on this route");
    problem.status = StatusCode::METHOD_NOT_ALLOWED.as_u16();
    problem.title = "Method Not Allowed".into();
    problem
}
