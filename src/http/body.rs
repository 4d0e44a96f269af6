//! The rules every request body follows, GraphQL and REST alike: it must declare
//! JSON, and it must fit the body limit however it is framed (a chunked body is cut
//! off at the limit, not read in full first).

use axum::{
    body::Bytes,
    extract::Request,
    http::{HeaderMap, StatusCode, header},
};

use crate::error::{AppError, Problem};

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
