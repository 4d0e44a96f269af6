//! NUL is never text. PostgreSQL refuses it in any string, so a NUL that reached a
//! query would fail there as a server error; it is refused at the edge instead.

use async_graphql::{Request as GraphQlRequest, Value as ConstValue};
use axum::{
    extract::Request,
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::error::AppError;

/// Refuses a request whose path or query string encodes a NUL.
pub async fn refuse_in_uri(request: Request, next: Next) -> Response {
    let uri = request.uri();
    let encoded = |part: &str| part.to_ascii_lowercase().contains("%00");
    if encoded(uri.path()) {
        return AppError::bad_input("path", "must not contain NUL characters").into_response();
    }
    if uri.query().is_some_and(encoded) {
        return AppError::bad_input("query", "must not contain NUL characters").into_response();
    }
    next.run(request).await
}

/// The first place in a GraphQL request holding a NUL: the query text (raw or as
/// an escape in a string literal) or a variable, by name.
pub fn in_graphql(request: &GraphQlRequest) -> Option<String> {
    let query = &request.query;
    if query.contains('\0') || query.to_ascii_lowercase().contains("\\u0000") {
        return Some("query".into());
    }
    request
        .variables
        .iter()
        .find(|(_, value)| holds_nul(value))
        .map(|(name, _)| format!("${name}"))
}

fn holds_nul(value: &ConstValue) -> bool {
    match value {
        ConstValue::String(text) => text.contains('\0'),
        ConstValue::Enum(name) => name.contains('\0'),
        ConstValue::List(items) => items.iter().any(holds_nul),
        ConstValue::Object(fields) => fields
            .iter()
            .any(|(name, value)| name.contains('\0') || holds_nul(value)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::Variables;
    use serde_json::json;

    use super::*;

    #[test]
    fn nul_is_found_in_the_query_and_in_nested_variables() {
        let clean = GraphQlRequest::new("{ tags { id } }")
            .variables(Variables::from_json(json!({ "a": ["x", { "b": "y" }] })));
        assert_eq!(in_graphql(&clean), None);
        let literal = GraphQlRequest::new(r#"{ article(slug: "a\u0000b") { id } }"#);
        assert_eq!(in_graphql(&literal).as_deref(), Some("query"));
        let nested = GraphQlRequest::new("query($i: X) { a }").variables(Variables::from_json(
            json!({ "i": { "list": ["ok", "n\u{0}l"] } }),
        ));
        assert_eq!(in_graphql(&nested).as_deref(), Some("$i"));
    }
}
