//! Who sent a request: the `Authorization` header of an HTTP request, or the
//! `connection_init` payload of a GraphQL WebSocket, read the same way for GraphQL
//! and REST.

use axum::http::{HeaderMap, header};
use chrono::{DateTime, Utc};

use crate::{
    auth::{
        keys::KeySet,
        tokens::VerifiedToken,
        viewer::{self, Viewer},
    },
    error::AppResult,
};

/// The viewer named by a request's `Authorization` header, its token judged at `now`.
pub fn from_headers(headers: &HeaderMap, keys: &KeySet, now: DateTime<Utc>) -> AppResult<Viewer> {
    // A header that is not text cannot be a token: let verification refuse it.
    let authorization = headers
        .get(header::AUTHORIZATION)
        .map(|v| v.to_str().unwrap_or("\u{0}"));
    viewer::from_authorization(authorization, keys, now)
}

/// The access token a WebSocket's `connection_init` payload presents in its
/// `Authorization` (or `authorization`) entry, which holds what the header would;
/// `None` when there is none.
pub fn token_from_connection_init(
    payload: &serde_json::Value,
    keys: &KeySet,
    now: DateTime<Utc>,
) -> AppResult<Option<VerifiedToken>> {
    let authorization = payload
        .get("Authorization")
        .or_else(|| payload.get("authorization"))
        .filter(|v| !v.is_null())
        // Like a header that is not text, a value that is not a string is no token.
        .map(|v| v.as_str().unwrap_or("\u{0}"));
    viewer::token_of(authorization, keys, now)
}

/// Whether the request carries credentials: answers to those are never shared.
pub fn is_anonymous(headers: &HeaderMap) -> bool {
    !headers.contains_key(header::AUTHORIZATION)
}
