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
    response::{IntoResponse, Response},
};

use crate::{error::AppError, http::body};

/// A GraphQL request read from a POST body declared as JSON.
pub struct GraphQlPost(pub async_graphql::Request);

impl<S: Send + Sync> FromRequest<S> for GraphQlPost {
    type Rejection = Response;

    async fn from_request(request: Request, _: &S) -> Result<Self, Response> {
        body::require_json(
            request.headers(),
            "send the GraphQL request as JSON (Content-Type: application/json)",
        )?;
        // Buffered here rather than streamed through async-graphql's reader: the
        // body limit then stops an oversized chunked body at once.
        let body = body::read(request).await?;
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

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        match self.0 {
            ParseRequestError::PayloadTooLarge => body::too_large(),
            ParseRequestError::Io(err) if body::is_over_limit(&err) => body::too_large(),
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
