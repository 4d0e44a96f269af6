//! The OpenAPI document, generated from the code.

use axum::Json;
use utoipa::OpenApi;

/// The REST contract of the service.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "polisia-api",
        description = "Content of a police news portal: articles, regions, meetings, participants, quotes and reader comments.",
        license(name = "MIT"),
    ),
    paths(super::health::healthz, super::health::readyz, super::metrics::render),
    components(schemas(crate::error::Problem, crate::error::FieldError, crate::error::ErrorCode)),
    tags((name = "operations", description = "Probes and metrics for operators")),
)]
pub struct ApiDoc;

/// The document as pretty JSON, as `export-openapi` prints and CI compares it.
pub fn document_json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .expect("the OpenAPI document serialises")
}

/// Serves the document.
pub async fn serve() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
