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

/// A GraphQL request read from a POST body declared as JSON.
pub async fn from_post(request: Request) -> Result<async_graphql::Request, Problem> {
    body::require_json(
        request.headers(),
        "send the GraphQL request as JSON (Content-Type: application/json)",
    )?;
    // Buffered here rather than streamed through async-graphql's reader: the body
    // limit then stops an oversized chunked body at once.
    let bytes = body::read(request).await?;
    from_body(&bytes)
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
