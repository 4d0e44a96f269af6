//! Reading a GraphQL request off HTTP, every refusal a problem+json of our own.
//!
//! async-graphql-axum answers a body it cannot read with 400 and the `Debug` text
//! of its parse error, treats a body of any content type as JSON, and reports a
//! chunked body cut off at the size limit as a plain read error. Here a POST must
//! declare JSON (a form or `text/plain` post is what a cross-site page can send
//! without asking), an oversized body is 413 however it was framed, and the detail
//! says what the client can fix. GET requests use async-graphql-axum's extractor
//! with [`Refused`] as its rejection.

use async_graphql::{ParseRequestError, http::MultipartOptions};
use axum::{
    extract::{FromRequest, Request},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};

use crate::error::{AppError, Problem};

/// A GraphQL request read from a POST body declared as JSON.
pub struct GraphQlPost(pub async_graphql::Request);

impl<S: Send + Sync> FromRequest<S> for GraphQlPost {
    type Rejection = Response;

    async fn from_request(request: Request, _: &S) -> Result<Self, Response> {
        if !declares_json(request.headers()) {
            return Err(Problem::not_json(
                "send the GraphQL request as JSON (Content-Type: application/json)",
            )
            .into_response());
        }
        // Buffered here rather than streamed through async-graphql's reader: the
        // body limit then stops an oversized chunked body at once.
        let body = axum::body::to_bytes(request.into_body(), usize::MAX)
            .await
            .map_err(|err| {
                if err.to_string().contains(LENGTH_LIMIT) {
                    too_large()
                } else {
                    AppError::bad_input("body", "the body could not be read").into_response()
                }
            })?;
        async_graphql::http::receive_body(
            Some("application/json"),
            body.as_ref(),
            MultipartOptions::default(),
        )
        .await
        .map(GraphQlPost)
        .map_err(|err| Refused(err).into_response())
    }
}

/// A request async-graphql could not read, answered in the service's format.
pub struct Refused(ParseRequestError);

impl From<ParseRequestError> for Refused {
    fn from(err: ParseRequestError) -> Self {
        Refused(err)
    }
}

/// How the body-size limit reports itself once the error is flattened to text.
const LENGTH_LIMIT: &str = "length limit exceeded";

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        match self.0 {
            ParseRequestError::PayloadTooLarge => too_large(),
            ParseRequestError::Io(err) if err.to_string().contains(LENGTH_LIMIT) => too_large(),
            ParseRequestError::UnsupportedBatch => AppError::bad_input(
                "body",
                "send one operation per request: batches are not accepted",
            )
            .into_response(),
            ParseRequestError::InvalidRequest(err) => {
                AppError::bad_input("body", format!("not a GraphQL request: {err}")).into_response()
            }
            ParseRequestError::Io(_) => AppError::bad_input(
                "query",
                "not a GraphQL request: the request could not be read",
            )
            .into_response(),
            _ => AppError::bad_input("body", "not a GraphQL request").into_response(),
        }
    }
}

/// 413 as problem+json, for GraphQL and REST alike.
pub(crate) fn too_large() -> Response {
    Problem::bad_input_with_status(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "the body is larger than the limit of {} bytes",
            crate::BODY_LIMIT_BYTES
        ),
    )
    .into_response()
}

/// `application/json`, with or without parameters, or another `+json` type.
fn declares_json(headers: &HeaderMap) -> bool {
    let Some(kind) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = kind
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_json_is_declared_json() {
        let with = |kind: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, kind.parse().unwrap());
            declares_json(&headers)
        };
        assert!(with("application/json"));
        assert!(with("Application/JSON; charset=utf-8"));
        assert!(with("application/graphql-response+json"));
        for other in [
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/jsonp",
            "text/json+",
        ] {
            assert!(!with(other), "{other}");
        }
        assert!(!declares_json(&HeaderMap::new()));
    }
}
