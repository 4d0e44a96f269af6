//! The rules every request body follows, GraphQL and REST alike: it must declare
//! JSON, and it must fit the body limit however it is framed (a chunked body is cut
//! off at the limit, not read in full first).

use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderMap, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::error::{AppError, FieldError, Problem};

/// Largest request body accepted, GraphQL included.
pub const BODY_LIMIT_BYTES: usize = 1024 * 1024;

/// How the body-size limit reports itself once the error is flattened to text.
const LENGTH_LIMIT: &str = "length limit exceeded";

/// `application/json`, with or without parameters, or another `application/*+json`.
pub fn declares_json(headers: &HeaderMap) -> bool {
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

/// 415 naming `Content-Type`, with `detail`, unless the body is declared as JSON: a
/// form or `text/plain` post is what a cross-site page can send without asking.
pub fn require_json(headers: &HeaderMap, detail: &str) -> Result<(), Problem> {
    if declares_json(headers) {
        Ok(())
    } else {
        Err(Problem::not_json(detail))
    }
}

/// The whole body: 413 when it is over the limit, 400 when it cannot be read.
pub async fn read(request: Request) -> Result<Bytes, Problem> {
    axum::body::to_bytes(request.into_body(), usize::MAX)
        .await
        .map_err(|err| {
            if is_over_limit(&err) {
                too_large()
            } else {
                AppError::bad_input("body", "the body could not be read").into()
            }
        })
}

/// The largest image upload (`MEDIA_MAX_BYTES`), which the upload routes take in
/// place of [`BODY_LIMIT_BYTES`].
#[derive(Debug, Clone, Copy)]
pub struct UploadLimit(pub u64);

/// Room for the form fields around the file of an upload (texts, boundaries, the
/// GraphQL operation).
const UPLOAD_OVERHEAD: u64 = 256 * 1024;

/// Where images are uploaded: REST's `POST /api/v1/media`, and a multipart GraphQL
/// request (the GraphQL multipart request spec).
fn is_upload(request: &Request) -> bool {
    if request.method() != Method::POST {
        return false;
    }
    let path = request.uri().path();
    path == "/api/v1/media"
        || (path == "/graphql"
            && request
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data")))
}

/// Holds every request body to its limit, however it is framed: a declared length
/// over it is refused at once, and a chunked body is cut off at it. Uploads have
/// the larger limit of [`UploadLimit`]; refusing one names the `file`.
pub async fn limit(State(upload): State<UploadLimit>, request: Request, next: Next) -> Response {
    let (limit, refusal) = if is_upload(&request) {
        let limit = upload.0.saturating_add(UPLOAD_OVERHEAD);
        (limit, upload_too_large(upload.0))
    } else {
        (BODY_LIMIT_BYTES as u64, too_large())
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit) {
        return refusal.into_response();
    }
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let request = request.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
    next.run(request).await
}

/// The 413 of an upload over its limit, naming the file.
pub fn upload_too_large(max_bytes: u64) -> Problem {
    let message = format!("the file is larger than the limit of {max_bytes} bytes");
    let mut problem = Problem::bad_input_with_status(StatusCode::PAYLOAD_TOO_LARGE, &message);
    problem.errors.push(FieldError {
        field: "file".into(),
        message,
    });
    problem
}

/// Whether a read failed because the body limit stopped it.
fn is_over_limit(err: &dyn std::error::Error) -> bool {
    err.to_string().contains(LENGTH_LIMIT)
}

/// The 413 of a body over the limit.
pub fn too_large() -> Problem {
    Problem::bad_input_with_status(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "the body is larger than the limit of {} bytes",
            BODY_LIMIT_BYTES
        ),
    )
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
