//! Reading a GraphQL request off HTTP: a POST body or a GET query string, every
//! refusal a [`Problem`] that says what the client can fix.
//!
//! async-graphql's own readers answer a body they cannot read with the `Debug` text
//! of their error, treat a body of any content type as JSON, read a GET's
//! `operation_name` where the draft says `operationName`, and take a request without
//! `query` for an empty document. Here a POST must declare JSON (a form or
//! `text/plain` post is what a cross-site page can send without asking), an
//! oversized body is 413 however it was framed, and each parameter must have the
//! type the GraphQL-over-HTTP draft gives it.

use axum::{body::Bytes, extract::Request, http::StatusCode};
use serde_json::{Map, Value};

use crate::{
    error::{AppError, Problem},
    http::body,
};

/// Headers a browser cannot send cross-site without asking first (a CORS preflight):
/// one must come with a multipart request, which a cross-site form could otherwise
/// send (the names Apollo's clients and the GraphQL multipart request spec use).
pub const PREFLIGHT_HEADERS: [&str; 3] = [
    "apollo-require-preflight",
    "graphql-preflight",
    "x-apollo-operation-name",
];

/// A GraphQL request read from a POST body declared as JSON, or sent as
/// multipart/form-data with files (the GraphQL multipart request spec), each file at
/// most `max_file_bytes`.
pub async fn from_post(
    request: Request,
    max_file_bytes: u64,
) -> Result<async_graphql::Request, Problem> {
    let content_type = request
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if content_type
        .to_ascii_lowercase()
        .starts_with("multipart/form-data")
    {
        return from_multipart(request, &content_type, max_file_bytes).await;
    }
    body::require_json(
        request.headers(),
        "send the GraphQL request as JSON (Content-Type: application/json)",
    )?;
    // Buffered here rather than streamed through async-graphql's reader: the body
    // limit then stops an oversized chunked body at once.
    let bytes = body::read(request).await?;
    from_body(&bytes)
}

async fn from_multipart(
    request: Request,
    content_type: &str,
    max_file_bytes: u64,
) -> Result<async_graphql::Request, Problem> {
    if !PREFLIGHT_HEADERS
        .iter()
        .any(|name| request.headers().contains_key(*name))
    {
        // Refused as any body that is not JSON is: what a cross-site form sends.
        return Err(Problem::not_json(
            "send the GraphQL request as JSON, or as multipart/form-data with an \
             `Apollo-Require-Preflight` (or `GraphQL-Preflight`) header",
        ));
    }
    let bytes = body::read(request).await.map_err(|problem| {
        if problem.status() == StatusCode::PAYLOAD_TOO_LARGE {
            body::upload_too_large(max_file_bytes)
        } else {
            problem
        }
    })?;
    // One more byte than allowed: a file of exactly the limit is the service's to
    // accept, and anything larger is refused by the service, naming `file`.
    let options = async_graphql::http::MultipartOptions::default()
        .max_num_files(1)
        .max_file_size(usize::try_from(max_file_bytes.saturating_add(1)).unwrap_or(usize::MAX));
    async_graphql::http::receive_body(Some(content_type), &bytes[..], options)
        .await
        .map_err(|err| match err {
            async_graphql::ParseRequestError::PayloadTooLarge => {
                body::upload_too_large(max_file_bytes)
            }
            async_graphql::ParseRequestError::MissingOperatorsPart => {
                bad("operations", "the form has no `operations` field")
            }
            async_graphql::ParseRequestError::MissingMapPart => {
                bad("map", "the form has no `map` field")
            }
            async_graphql::ParseRequestError::NotUpload => {
                bad("map", "`map` must point at variables of type Upload")
            }
            async_graphql::ParseRequestError::MissingFiles => {
                bad("map", "a file named in `map` is missing")
            }
            async_graphql::ParseRequestError::InvalidRequest(_) => {
                bad("operations", "`operations` is not a GraphQL request")
            }
            async_graphql::ParseRequestError::UnsupportedBatch => bad(
                "operations",
                "send one operation per request: batches are not accepted",
            ),
            _ => bad("body", "the multipart form cannot be read"),
        })
}

fn from_body(bytes: &Bytes) -> Result<async_graphql::Request, Problem> {
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|err| bad("body", format!("the body is not JSON: {err}")))?;
    match value {
        Value::Object(parameters) => from_parameters(parameters),
        Value::Array(_) => Err(bad(
            "body",
            "send one operation per request: batches are not accepted",
        )),
        _ => Err(bad(
            "body",
            "not a GraphQL request: send a JSON object with `query`",
        )),
    }
}

/// A GraphQL request read from a GET query string: `query`, `operationName`, and
/// `variables` and `extensions` as JSON text.
pub fn from_query_string(query: Option<&str>) -> Result<async_graphql::Request, Problem> {
    let mut parameters = Map::new();
    for (name, value) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        let name = match name.as_ref() {
            // Earlier releases read async-graphql's spelling; it still works.
            "operation_name" => "operationName",
            known @ ("query" | "operationName" | "variables" | "extensions" | "documentId") => {
                known
            }
            _ => continue,
        };
        let value = match name {
            "variables" | "extensions" => serde_json::from_str(&value)
                .map_err(|err| bad(name, format!("`{name}` is not JSON: {err}")))?,
            _ => Value::String(value.into_owned()),
        };
        if parameters.insert(name.to_owned(), value).is_some() {
            return Err(bad(name, format!("`{name}` is given more than once")));
        }
    }
    from_parameters(parameters)
}

/// The request `parameters` make, each of the type the draft gives it (`null`
/// counts as absent). `query` may be absent only when a persisted query names the
/// document by its hash.
fn from_parameters(mut parameters: Map<String, Value>) -> Result<async_graphql::Request, Problem> {
    parameters.retain(|_, value| !value.is_null());
    for (name, is_right, kind) in [
        ("query", Value::is_string as fn(&Value) -> bool, "a string"),
        ("operationName", Value::is_string, "a string"),
        ("variables", Value::is_object, "an object"),
        ("extensions", Value::is_object, "an object"),
    ] {
        if parameters.get(name).is_some_and(|value| !is_right(value)) {
            return Err(bad(name, format!("`{name}` must be {kind}")));
        }
    }
    if let Some(id) = parameters.remove("documentId") {
        name_by_document_id(&mut parameters, &id)?;
    }
    let persisted = parameters
        .get("extensions")
        .is_some_and(|extensions| extensions.get("persistedQuery").is_some());
    if !parameters.contains_key("query") && !persisted {
        return Err(bad(
            "query",
            "not a GraphQL request: `query` is missing (the GraphQL document)",
        ));
    }
    serde_json::from_value(Value::Object(parameters))
        .map_err(|err| bad("body", format!("not a GraphQL request: {err}")))
}

/// Reads `documentId` (the GraphQL-over-HTTP draft's persisted documents:
/// `sha256:` and the document's hash) as the persisted-query extension Apollo's
/// clients send, so that one path runs both.
fn name_by_document_id(parameters: &mut Map<String, Value>, id: &Value) -> Result<(), Problem> {
    let Some(hash) = id.as_str().and_then(crate::trusted_documents::parse_id) else {
        return Err(bad(
            "documentId",
            "`documentId` must be `sha256:` and the 64 hex digits of the document's SHA-256",
        ));
    };
    if parameters.contains_key("query") {
        return Err(bad(
            "documentId",
            "give either `query` or `documentId`, not both",
        ));
    }
    let extensions = parameters
        .entry("extensions")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(extensions) = extensions {
        extensions.insert(
            "persistedQuery".into(),
            serde_json::json!({ "version": 1, "sha256Hash": hash }),
        );
    }
    Ok(())
}

/// A GET whose document holds a mutation: 405, as the draft has it.
pub fn mutation_over_get() -> Problem {
    Problem::bad_input_with_status(
        StatusCode::METHOD_NOT_ALLOWED,
        "only queries may be sent with GET; send mutations with POST",
    )
}

fn bad(field: &str, message: impl Into<String>) -> Problem {
    AppError::bad_input(field, message).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(refused: Problem) -> String {
        refused.errors[0].field.clone()
    }

    #[test]
    fn each_parameter_must_have_its_type() {
        let body = |text: &str| from_body(&Bytes::from(text.to_owned()));
        assert!(body(r#"{"query":"{ a }","operationName":null,"variables":null}"#).is_ok());
        assert!(body(r#"{"query":"{ a }","variables":{"x":1},"extensions":{}}"#).is_ok());
        for (text, field) in [
            (r#"{"query":1}"#, "query"),
            (
                r#"{"query":"{ a }","operationName":false}"#,
                "operationName",
            ),
            (r#"{"query":"{ a }","variables":"{}"}"#, "variables"),
            (r#"{"query":"{ a }","extensions":[]}"#, "extensions"),
            (r#"{"qeury":"{ a }"}"#, "query"),
            (r#"{"query":null}"#, "query"),
            (r#"[{"query":"{ a }"}]"#, "body"),
            (r#"{"query":"#, "body"),
            ("42", "body"),
        ] {
            assert_eq!(field_of(body(text).unwrap_err()), field, "{text}");
        }
    }

    #[test]
    fn a_persisted_query_needs_no_document() {
        let body = r#"{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"ab"}}}"#;
        assert!(from_body(&Bytes::from(body)).is_ok());
    }

    #[test]
    fn get_parameters_are_read_as_the_draft_names_them() {
        let request = from_query_string(Some(
            "query=query%20Q%20%7B%20a%20%7D&operationName=Q&variables=%7B%22x%22%3A1%7D",
        ))
        .unwrap();
        assert_eq!(request.operation_name.as_deref(), Some("Q"));
        assert_eq!(request.variables.len(), 1);
        let old = from_query_string(Some("query=%7B%20a%20%7D&operation_name=Q")).unwrap();
        assert_eq!(old.operation_name.as_deref(), Some("Q"));
        for (query, field) in [
            (None, "query"),
            (Some("variables=%7B%7D"), "query"),
            (Some("query=a&variables=nope"), "variables"),
            (Some("query=a&variables=%5B%5D"), "variables"),
            (Some("query=a&query=b"), "query"),
        ] {
            assert_eq!(
                field_of(from_query_string(query).unwrap_err()),
                field,
                "{query:?}"
            );
        }
    }
}
