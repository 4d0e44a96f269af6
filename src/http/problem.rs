//! A safety net: every 4xx and 5xx leaves in its protocol's shape, RFC 9457
//! problem+json, or GraphQL errors on `/graphql`.
//!
//! Our handlers answer errors in those shapes already. What else can fail (a layer
//! refusing a large body, a timeout, an extractor's rejection deep in a library)
//! answers in plain text, and a fallback (405 for a method no route has) answers
//! problem+json whatever the path; this middleware rewrites such answers, keeping
//! the status and what the answer said about the exchange.

use axum::{
    body::{Body, to_bytes},
    extract::Request,
    http::{StatusCode, header, response::Parts},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::{
    error::{ErrorCode, Problem},
    http::graphql_response::{self, Media},
};

/// The most of a plain-text client-error body kept as the problem's detail.
const MAX_DETAIL: usize = 300;

/// Turns any error answer into problem+json, or on `/graphql` into GraphQL errors
/// of the type the client accepts.
pub async fn ensure_error_shape(request: Request, next: Next) -> Response {
    let graphql = (request.uri().path() == "/graphql").then(|| Media::negotiate(request.headers()));
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let Some(media) = graphql else {
        if is_json(&response) {
            return response;
        }
        let (parts, body) = response.into_parts();
        let problem = from_answer(&parts, body).await;
        return keep_exchange_headers(&parts, problem.into_response());
    };
    let (parts, body) = response.into_parts();
    let problem = match parts.extensions.get::<Problem>() {
        Some(problem) => problem.clone(),
        None if Media::is_graphql(content_type(&parts.headers)) => {
            return Response::from_parts(parts, body);
        }
        None => from_answer(&parts, body).await,
    };
    keep_exchange_headers(&parts, graphql_response::refusal(&problem, media))
}

/// The problem an error answer of some other shape reports.
async fn from_answer(parts: &Parts, body: Body) -> Problem {
    let status = parts.status;
    // A client error's text is about the request and safe to pass on; a server
    // error's never is.
    let detail = if status.is_client_error() && is_plain_text(&parts.headers) {
        to_bytes(body, MAX_DETAIL * 4)
            .await
            .ok()
            .and_then(|b| String::from_utf8(b.to_vec()).ok())
            .map(|text| text.trim().chars().take(MAX_DETAIL).collect::<String>())
            .filter(|text| !text.is_empty())
    } else {
        None
    };
    let reason = status.canonical_reason().unwrap_or("Error");
    let mut problem = Problem::new(code_of(status), detail.unwrap_or_else(|| reason.into()));
    problem.status = status.as_u16();
    problem.title = reason.into();
    problem
}

/// `rewritten`, with what the original answer said about the exchange (request id,
/// Allow, Retry-After, CORS), not what it said about its body.
fn keep_exchange_headers(parts: &Parts, mut rewritten: Response) -> Response {
    for (name, value) in &parts.headers {
        let about_body = [
            header::CONTENT_TYPE,
            header::CONTENT_LENGTH,
            header::CONTENT_ENCODING,
            header::TRANSFER_ENCODING,
        ]
        .contains(name);
        if !about_body && !rewritten.headers().contains_key(name) {
            rewritten.headers_mut().insert(name, value.clone());
        }
    }
    rewritten
}

fn content_type(headers: &axum::http::HeaderMap) -> &str {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

fn is_json(response: &Response) -> bool {
    let kind = content_type(response.headers());
    kind.starts_with("application/") && kind.split(';').next().is_some_and(|k| k.ends_with("json"))
}

fn is_plain_text(headers: &axum::http::HeaderMap) -> bool {
    content_type(headers).starts_with("text/plain")
}

/// The stable code closest to an HTTP status.
fn code_of(status: StatusCode) -> ErrorCode {
    match status {
        StatusCode::UNAUTHORIZED => ErrorCode::Unauthenticated,
        StatusCode::FORBIDDEN => ErrorCode::Forbidden,
        StatusCode::NOT_FOUND => ErrorCode::NotFound,
        StatusCode::CONFLICT => ErrorCode::Conflict,
        StatusCode::TOO_MANY_REQUESTS => ErrorCode::RateLimited,
        StatusCode::REQUEST_TIMEOUT
        | StatusCode::SERVICE_UNAVAILABLE
        | StatusCode::GATEWAY_TIMEOUT => ErrorCode::Unavailable,
        s if s.is_client_error() => ErrorCode::BadUserInput,
        _ => ErrorCode::Internal,
    }
}
