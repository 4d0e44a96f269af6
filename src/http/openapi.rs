//! The OpenAPI document, generated from the code.

use axum::Json;
use utoipa::{Modify, OpenApi};

use super::cache::{CachePolicy, Cached};

/// The REST contract of the service.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "polisia-api",
        description = "Content of a police news portal: articles, regions, meetings, participants, quotes and reader comments.",
        license(name = "MIT"),
    ),
    paths(super::health::healthz, super::health::readyz, super::metrics::render, serve),
    components(schemas(crate::error::Problem, crate::error::FieldError, crate::error::ErrorCode)),
    nest((path = "/api/v1", api = crate::rest::RestApi)),
    modifiers(&WithFeeds),
    tags((name = "operations", description = "Probes and metrics for operators")),
)]
pub struct ApiDoc;

/// Adds the feed and sitemap paths, which live at the root rather than under a prefix.
struct WithFeeds;

impl Modify for WithFeeds {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        openapi.merge(crate::feeds::FeedsApi::openapi());
    }
}

/// The document as pretty JSON, as `export-openapi` prints and CI compares it.
pub fn document_json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .expect("the OpenAPI document serialises")
}

/// This document (OpenAPI 3.1).
#[utoipa::path(get, path = "/openapi.json", operation_id = "openapiDocument", tag = "operations",
    responses(
        (status = 200, description = "The OpenAPI document", content_type = "application/json",
            headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, response = crate::rest::responses::NotModified),
    ))]
pub async fn serve() -> Cached<Json<utoipa::openapi::OpenApi>> {
    Cached::new(CachePolicy::Reference, Json(ApiDoc::openapi()))
}
