//! HTTP caching of public reads: `Cache-Control`, `Vary`, strong `ETag`s and 304s.
//!
//! A handler says how long its answer may be kept by wrapping it in [`Cached`]. The
//! [`conditional`] middleware does the rest for every such answer, REST, feeds and
//! sitemaps alike. It runs outside compression, so the `ETag` is a hash of the very
//! bytes sent: gzip, br and identity answers each get their own validator, as strong
//! validators must be unique per representation.

use axum::{
    body::{Body, to_bytes},
    extract::Request,
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};

use crate::error::AppError;

/// How long shared caches and clients may keep an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CachePolicy {
    /// Lists: new items appear often, so a short life and a short grace period.
    List,
    /// One item: changes seldom once published.
    Item,
    /// Reference data (regions, the API document): changes with a release at most.
    Reference,
    /// RSS, Atom and JSON Feed: readers poll them.
    Feed,
    /// Sitemaps: crawlers come back on their own schedule.
    Sitemap,
}

impl CachePolicy {
    /// The `Cache-Control` value of this policy.
    pub fn cache_control(self) -> &'static str {
        match self {
            CachePolicy::List => "public, max-age=30, stale-while-revalidate=60",
            CachePolicy::Item => "public, max-age=300, stale-while-revalidate=600",
            CachePolicy::Reference => "public, max-age=3600, stale-while-revalidate=86400",
            CachePolicy::Feed => "public, max-age=300, stale-while-revalidate=600",
            CachePolicy::Sitemap => "public, max-age=900, stale-while-revalidate=3600",
        }
    }
}

/// Marks a response for [`conditional`].
#[derive(Debug, Clone, Copy)]
struct Revalidate;

/// A successful public answer with its caching policy.
#[derive(Debug)]
pub struct Cached<T> {
    policy: CachePolicy,
    vary_language: bool,
    inner: T,
}

impl<T> Cached<T> {
    /// `inner`, cacheable under `policy`.
    pub fn new(policy: CachePolicy, inner: T) -> Self {
        Cached {
            policy,
            vary_language: false,
            inner,
        }
    }

    /// Says the answer depends on `Accept-Language` (when `yes`).
    pub fn vary_language(mut self, yes: bool) -> Self {
        self.vary_language = yes;
        self
    }
}

impl<T: IntoResponse> IntoResponse for Cached<T> {
    fn into_response(self) -> Response {
        let mut response = self.inner.into_response();
        if !response.status().is_success() {
            return response;
        }
        let headers = response.headers_mut();
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(self.policy.cache_control()),
        );
        if self.vary_language {
            headers.append(header::VARY, HeaderValue::from_static("Accept-Language"));
        }
        response.extensions_mut().insert(Revalidate);
        response
            .extensions_mut()
            .insert(super::micro_cache::Shareable);
        response
    }
}

/// The largest answer hashed for an `ETag` (a full sitemap is the largest).
const MAX_HASHED_BODY: usize = 64 * 1024 * 1024;

/// Gives [`Cached`] answers to GET a strong `ETag`, and answers a matching
/// `If-None-Match` with 304 and the headers the full answer would have had.
pub async fn conditional(request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || response.extensions().get::<Revalidate>().is_none() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match to_bytes(body, MAX_HASHED_BODY).await {
        Ok(bytes) => bytes,
        Err(err) => {
            return AppError::Internal(format!("reading a cacheable body: {err}")).into_response();
        }
    };
    let etag = format!("\"{:x}\"", Sha256::digest(&bytes));
    let Ok(etag_value) = HeaderValue::from_str(&etag) else {
        return AppError::Internal("an ETag that is no header value".into()).into_response();
    };
    parts.headers.insert(header::ETAG, etag_value);
    if if_none_match.is_some_and(|tags| matches_any(&tags, &etag)) {
        return not_modified(&parts.headers);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Whether an `If-None-Match` list names `etag` (weak comparison, as RFC 9110 asks).
pub(crate) fn matches_any(tags: &HeaderValue, etag: &str) -> bool {
    let Ok(tags) = tags.to_str() else {
        return false;
    };
    tags.split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag.trim_start_matches("W/") == etag)
}

/// A 304 with every header of the full answer but those describing its body.
pub(crate) fn not_modified(headers: &HeaderMap) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    for (name, value) in headers {
        let about_body = [
            header::CONTENT_LENGTH,
            header::CONTENT_TYPE,
            header::CONTENT_ENCODING,
            header::TRANSFER_ENCODING,
        ]
        .contains(name);
        if !about_body {
            response.headers_mut().append(name, value.clone());
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_lists_match_weakly() {
        let etag = "\"abc\"";
        for list in ["\"abc\"", "\"x\", \"abc\"", "W/\"abc\"", "*"] {
            assert!(matches_any(&HeaderValue::from_static(list), etag), "{list}");
        }
        assert!(!matches_any(&HeaderValue::from_static("\"abd\""), etag));
    }
}
