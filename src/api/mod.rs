//! The endpoints: GraphQL (schema and transport), the REST resources, the feeds, the
//! OpenAPI document and its viewer, health and metrics.
//!
//! Everything here stands on [`crate::http`] (plumbing), [`crate::presentation`] and
//! the services below them; nothing below imports this module.

pub mod docs;
pub mod feeds;
pub mod graphiql;
pub mod graphql;
pub mod health;
pub mod home;
pub mod media;
pub mod media_files;
pub mod metrics;
pub mod openapi;
pub mod resolve;
pub mod responses;
pub mod rest;

use axum::{Router, routing::get};

use crate::state::AppState;

/// Every route of the service, in one table.
pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/", get(home::index))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::render))
        .route("/openapi.json", get(openapi::serve))
        .merge(graphql::transport::router(state))
        .merge(graphiql::router())
        .merge(media::router())
        .merge(media_files::router())
        .nest("/api/v1", rest::router())
        .merge(feeds::router())
        .merge(docs::router())
}
