//! The OpenAPI document, generated from the code.

use axum::{Json, extract::State};
use utoipa::{
    Modify, OpenApi,
    openapi::{Object, RefOr, Type, header::Header},
};

use crate::{
    comments::settings::DEFAULT_HONEYPOT_FIELD,
    http::cache::{CachePolicy, Cached},
    state::AppState,
};

/// The REST contract of the service.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "polisia-api",
        description = "Content of a police news portal: articles, regions, meetings, participants, quotes and reader comments.",
        license(name = "MIT"),
    ),
    paths(super::home::index, super::health::healthz, super::health::readyz, super::metrics::render, serve),
    components(schemas(crate::error::Problem, crate::error::FieldError, crate::error::ErrorCode)),
    nest((path = "/api/v1", api = crate::api::rest::RestApi)),
    modifiers(&WithFeeds, &CacheHeaders),
    tags(
        (name = "index", description = "Links to everything the service offers"),
        (name = "operations", description = "Probes and metrics for operators"),
    ),
)]
pub struct ApiDoc;

/// Adds the feed and sitemap paths, which live at the root rather than under a prefix.
struct WithFeeds;

impl Modify for WithFeeds {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        openapi.merge(crate::api::feeds::FeedsApi::openapi());
    }
}

/// Documents, once for every operation, the headers a cached read's success carries:
/// [`Cached`] answers get a `Cache-Control` and, from the conditional middleware, the
/// `ETag` that `If-None-Match` is compared with. A read that may answer 304 is such a
/// read, so its 200 lists both; operations state only what is their own.
struct CacheHeaders;

impl Modify for CacheHeaders {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let reads = openapi
            .paths
            .paths
            .values_mut()
            .filter_map(|item| item.get.as_mut());
        for read in reads {
            let responses = &mut read.responses.responses;
            if !responses.contains_key("304") {
                continue;
            }
            if let Some(RefOr::T(success)) = responses.get_mut("200") {
                for name in ["ETag", "Cache-Control"] {
                    let text = Header::new(Object::with_type(Type::String));
                    success.headers.insert(name.to_owned(), text);
                }
            }
        }
    }
}

/// The document as JSON. Every optional query parameter says `allowEmptyValue`:
/// `?lang=&region=KZ-43` is accepted and the empty one counts as absent, which
/// clients and fuzzers must know to tell a valid request from an invalid one.
/// utoipa has no attribute for it, so it is set on the serialised document.
pub fn document() -> serde_json::Value {
    document_for(DEFAULT_HONEYPOT_FIELD)
}

/// The document of a service whose comment form's trap field is `honeypot_field`: the
/// field is a property of `NewCommentBody`, so a client that checks bodies against the
/// schema (which refuses other fields) may send it.
pub fn document_for(honeypot_field: &str) -> serde_json::Value {
    let mut document =
        serde_json::to_value(ApiDoc::openapi()).expect("the OpenAPI document serialises");
    if let Some(properties) = document
        .pointer_mut("/components/schemas/NewCommentBody/properties")
        .and_then(serde_json::Value::as_object_mut)
    {
        properties.insert(
            honeypot_field.to_owned(),
            serde_json::json!({
                "type": ["string", "null"],
                "description": "The form's hidden trap field (`COMMENT_HONEYPOT_FIELD`): people leave it empty; any value marks the comment as spam, silently."
            }),
        );
    }
    let operations = document
        .get_mut("paths")
        .and_then(serde_json::Value::as_object_mut)
        .into_iter()
        .flat_map(|paths| paths.values_mut())
        .filter_map(serde_json::Value::as_object_mut)
        .flat_map(|path| path.values_mut());
    for operation in operations {
        let parameters = operation
            .get_mut("parameters")
            .and_then(serde_json::Value::as_array_mut);
        for parameter in parameters.into_iter().flatten() {
            let optional_query = parameter["in"] == "query" && parameter["required"] != true;
            if let (true, Some(parameter)) = (optional_query, parameter.as_object_mut()) {
                parameter.insert("allowEmptyValue".into(), true.into());
            }
        }
    }
    document
}

/// The document as pretty JSON, as `export-openapi` prints and CI compares it.
pub fn document_json() -> String {
    serde_json::to_string_pretty(&document()).expect("the OpenAPI document serialises")
}

/// This document (OpenAPI 3.1).
#[utoipa::path(get, path = "/openapi.json", operation_id = "openapiDocument", tag = "operations",
    responses(
        (status = 200, description = "The OpenAPI document", content_type = "application/json"),
        (status = 304, response = crate::api::responses::NotModified),
    ))]
pub async fn serve(State(state): State<AppState>) -> Cached<Json<serde_json::Value>> {
    let document = document_for(&state.config.comments.honeypot_field);
    Cached::new(CachePolicy::Reference, Json(document))
}
