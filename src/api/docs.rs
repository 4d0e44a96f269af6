//! `GET /docs`: Swagger UI over `/openapi.json`, its files served from the binary.

use axum::{
    Router,
    http::{HeaderValue, header},
};
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa_swagger_ui::{Config, SwaggerUi};

use crate::state::AppState;

/// What the Swagger UI page needs: its own scripts and styles, data-URI icons, and
/// requests to this service for "try it out". Nothing from elsewhere.
const DOCS_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// The Swagger UI routes under `/docs`.
pub fn router() -> Router<AppState> {
    // The document is already served at /openapi.json: point the UI at it instead
    // of letting the UI register a second copy. No validator: it would send the
    // document to a third party.
    let config = Config::new(["/openapi.json"]).validator_url("none");
    Router::from(SwaggerUi::new("/docs").config(config)).layer(SetResponseHeaderLayer::overriding(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(DOCS_CSP),
    ))
}
