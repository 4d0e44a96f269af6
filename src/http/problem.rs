//! A safety net: every 4xx and 5xx leaves as RFC 9457 problem+json.
//!
//! Our handlers answer errors with [`Problem`] already. What else can fail (a layer
//! refusing a large body, a timeout, an extractor's rejection deep in a library)
//! answers in plain text; this middleware rewrites such answers, keeping the status.

use axum::{
    body::to_bytes,
    extract::Request,
    http::{StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::error::{ErrorCode, Problem};

/// The most of a plain-text client-error body kept as the problem's detail.
const MAX_DETAIL: usize = 300;

/// Turns any error answer that is not JSON into problem+json.
pub async fn ensure_problem_json(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || is_json(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
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
    let mut rewritten = problem.into_response();
    // Keep what the original answer said about the exchange (request id, Allow,
    // Retry-After, CORS), not what it said about its body.
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
