//! The OpenAPI document, generated from the code.

use axum::{Json, extract::State};
use utoipa::{
    Modify, OpenApi,
    openapi::{
        ContentBuilder, Object, Ref, RefOr, ResponseBuilder, Type,
        header::Header,
        security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
        },
    },
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
    modifiers(&WithFeeds, &CacheHeaders, &RateLimits),
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
/// `ETag` that `If-None-Match` is compared with, and the cache tags of what they
/// show. A read that may answer 304 is such a read, so its 200 lists them;
/// operations state only what is their own.
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
                for (name, separated) in [("Cache-Tag", "commas"), ("Surrogate-Key", "spaces")] {
                    let mut tags = Header::new(Object::with_type(Type::String));
                    tags.description = Some(format!(
                        "The cache tags of what the answer shows, separated by {separated} \
                         (`a:<id>` per article, `r:<code>`, `list:articles`, `feed:<lang>`...): \
                         a cache in front purges by them (docs/cache-tags.md)"
                    ));
                    success.headers.insert(name.to_owned(), tags);
                }
            }
        }
    }
}

/// Documents, once for every operation, the answer of a client over its quota (429,
/// see [`crate::http::rate_limit`]) and the API key a partner may send instead of
/// being counted by address.
struct RateLimits;

impl Modify for RateLimits {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let integer = || Header::new(Object::with_type(Type::Integer));
        let text = |description: &str| {
            let mut header = Header::new(Object::with_type(Type::String));
            header.description = Some(description.into());
            header
        };
        let limited = ResponseBuilder::new()
            .description(
                "Over the client's quota of requests per minute: its API key's, or its \
                 address's without one. `Retry-After` says when to ask again.",
            )
            .header("Retry-After", integer())
            .header(
                "RateLimit-Policy",
                text("The quota, e.g. `\"key\";q=600;w=60`"),
            )
            .header(
                "RateLimit",
                text("What is left of it and the seconds until all of it is back, e.g. `\"key\";r=0;t=60`"),
            )
            .content(
                "application/problem+json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build();
        let components = openapi.components.get_or_insert_with(Default::default);
        components
            .responses
            .insert("RateLimited".into(), RefOr::T(limited));
        components.add_security_scheme(
            "apiKey",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-Api-Key",
                "A partner's key (also accepted as `Authorization: ApiKey <key>`): counted \
                 against its own quota rather than the address's.",
            ))),
        );
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "A staff access token from GraphQL `login`, for the operations that write.",
                    ))
                    .build(),
            ),
        );
        // Anonymous, or with a key.
        openapi.security = Some(vec![
            SecurityRequirement::default(),
            SecurityRequirement::new("apiKey", Vec::<String>::new()),
        ]);
        for item in openapi.paths.paths.values_mut() {
            let operations = [&mut item.get, &mut item.post, &mut item.delete]
                .into_iter()
                .filter_map(Option::as_mut);
            for operation in operations {
                operation
                    .responses
                    .responses
                    .entry("429".into())
                    .or_insert_with(|| RefOr::Ref(Ref::from_response_name("RateLimited")));
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
