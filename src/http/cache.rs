//! HTTP caching of public reads: `Cache-Control`, `Vary`, strong `ETag`s and 304s.
//!
//! A handler says how long its answer may be kept by wrapping it in [`Cached`]. The
//! [`conditional`] middleware does the rest for every such answer, REST, feeds,
//! sitemaps and GraphQL GET alike. It runs outside compression, so the `ETag` is a
//! hash of the very bytes sent and their type: gzip, br and identity answers, and
//! GraphQL's two JSON types, each get their own validator, as strong validators
//! must be unique per representation.
//!
//! A revalidation costs nothing while nothing changed: the middleware remembers the
//! validator it sent for each request ([`Validators`]) together with the change
//! bus's epoch at the time, and answers a matching `If-None-Match` with 304 before
//! the handler runs, as long as the epoch is the same (no write through any
//! instance since). The ETag stays a hash of the content, so it is the same on
//! every instance and survives restarts; only the shortcut is per instance.

use std::{sync::Arc, time::Duration};

use axum::{
    body::{Body, to_bytes},
    extract::{MatchedPath, Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};

use crate::{bus::ChangeBus, domain::cache_tags::TagSet, error::AppError, http::access_log};

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
    tags: TagSet,
    inner: T,
}

impl<T> Cached<T> {
    /// `inner`, cacheable under `policy`.
    pub fn new(policy: CachePolicy, inner: T) -> Self {
        Cached {
            policy,
            vary_language: false,
            tags: TagSet::new(),
            inner,
        }
    }

    /// Names what the answer shows, for caches that purge by tag: sent as
    /// `Cache-Tag` and `Surrogate-Key`.
    pub fn tags(mut self, tags: TagSet) -> Self {
        self.tags = tags;
        self
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
        tag_headers(headers, &self.tags);
        response.extensions_mut().insert(Revalidate);
        response
            .extensions_mut()
            .insert(super::micro_cache::Shareable);
        response
    }
}

/// `Cache-Tag` (comma-separated, as Cloudflare and Akamai read it) and
/// `Surrogate-Key` (space-separated, as Fastly and Varnish's xkey read it).
pub fn tag_headers(headers: &mut HeaderMap, tags: &TagSet) {
    if tags.is_empty() {
        return;
    }
    // Tags are made of letters, digits, `-`, `_` and `:`: always a header value.
    for (name, value) in [
        (CACHE_TAG, tags.cache_tag_header()),
        (SURROGATE_KEY, tags.surrogate_key_header()),
    ] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
}

/// The header names of [`tag_headers`].
pub const CACHE_TAG: header::HeaderName = header::HeaderName::from_static("cache-tag");
pub const SURROGATE_KEY: header::HeaderName = header::HeaderName::from_static("surrogate-key");

/// The largest answer hashed for an `ETag` (a full sitemap is the largest).
const MAX_HASHED_BODY: usize = 64 * 1024 * 1024;

/// How many validators an instance remembers.
const KNOWN_AT_MOST: u64 = 20_000;

/// How long a validator is trusted without a change: what an answer derives from
/// the time alone (comments closing after some days) is seen within this.
const KNOWN_FOR: Duration = Duration::from_secs(60);

/// The validators this instance sent, each with the bus epoch it was made under.
pub struct Validators {
    known: moka::sync::Cache<[u8; 32], Arc<Known>>,
    bus: ChangeBus,
}

/// A full answer's headers (its `ETag` among them), as a 304 repeats them.
struct Known {
    epoch: u64,
    headers: HeaderMap,
    route: Option<MatchedPath>,
}

impl Validators {
    /// Remembers validators while `bus` reads no change.
    pub fn new(bus: ChangeBus) -> Self {
        Validators {
            known: moka::sync::Cache::builder()
                .max_capacity(KNOWN_AT_MOST)
                .time_to_live(KNOWN_FOR)
                .build(),
            bus,
        }
    }

    /// What in a request can change its answer; `None` for a request with
    /// credentials, whose answer may be the viewer's own.
    fn key(request: &Request) -> Option<[u8; 32]> {
        let headers = request.headers();
        if headers.contains_key(header::AUTHORIZATION) || headers.contains_key(header::COOKIE) {
            return None;
        }
        let mut hasher = Sha256::new();
        hasher.update(request.uri().to_string());
        for name in [
            header::ACCEPT,
            header::ACCEPT_LANGUAGE,
            header::ACCEPT_ENCODING,
            header::ORIGIN,
        ] {
            hasher.update([0]);
            if let Some(value) = headers.get(&name) {
                hasher.update(value.as_bytes());
            }
        }
        Some(hasher.finalize().into())
    }

    /// The 304 for `if_none_match`, when it names the validator sent for `key`
    /// under the present epoch.
    fn shortcut(&self, key: &[u8; 32], if_none_match: &HeaderValue) -> Option<Response> {
        let known = self.known.get(key)?;
        let etag = known.headers.get(header::ETAG)?.to_str().ok()?;
        (known.epoch == self.bus.epoch() && matches_any(if_none_match, etag))
            .then(|| not_modified(&known.headers, known.route.as_ref()))
    }
}

/// Gives [`Cached`] answers to GET a strong `ETag`, and answers a matching
/// `If-None-Match` with 304 and the headers the full answer would have had:
/// without running the handler when nothing changed since that `ETag` was sent.
pub async fn conditional(
    State(validators): State<Arc<Validators>>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let key = Validators::key(&request);
    // Read before the handler: a change committed while it runs starts a new epoch,
    // and what it builds is then never taken as current.
    let epoch = validators.bus.epoch();
    if let (Some(key), Some(tags)) = (&key, &if_none_match)
        && let Some(not_modified) = validators.shortcut(key, tags)
    {
        metrics::counter!("conditional_shortcuts_total").increment(1);
        return not_modified;
    }
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
    let mut hasher = Sha256::new();
    if let Some(kind) = parts.headers.get(header::CONTENT_TYPE) {
        hasher.update(kind.as_bytes());
    }
    hasher.update([0]);
    hasher.update(&bytes);
    let etag = format!("\"{:x}\"", hasher.finalize());
    let Ok(etag_value) = HeaderValue::from_str(&etag) else {
        return AppError::Internal("an ETag that is no header value".into()).into_response();
    };
    parts.headers.insert(header::ETAG, etag_value);
    if let Some(key) = key {
        let headers = parts.headers.clone();
        let route = parts.extensions.get::<MatchedPath>().cloned();
        validators.known.insert(
            key,
            Arc::new(Known {
                epoch,
                headers,
                route,
            }),
        );
    }
    if if_none_match.is_some_and(|tags| matches_any(&tags, &etag)) {
        return not_modified(&parts.headers, parts.extensions.get::<MatchedPath>());
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

/// A 304 with every header of the full answer but those describing its body, logged
/// under the full answer's route.
pub(crate) fn not_modified(headers: &HeaderMap, route: Option<&MatchedPath>) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    access_log::keep_route(&mut response, route);
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
