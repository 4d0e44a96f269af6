//! A per-instance cache of anonymous answers, kept for a moment (`MICRO_CACHE_MS`).
//!
//! On a news day thousands of readers ask for the same front page within a second:
//! one of them pays for the queries, the others get the same bytes. Only answers a
//! handler marks [`Shareable`] (the same for every anonymous reader) are kept, and
//! only for requests without credentials. Every write through this instance starts a
//! new generation before its answer leaves, so after a write returns nothing
//! unpublished or unapproved is served from here; an entry that a request still
//! running stores afterwards lands in the old generation, where no one looks. A
//! write through another instance starts a new generation here when the change bus
//! reads it, within a round trip of its commit.
//!
//! It sits outside compression and `ETag`s, so a kept answer is the very bytes sent
//! (one entry per encoding) and a hit costs neither. When many readers miss the same
//! entry at once, one of them asks and the others wait for its answer.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use axum::{
    body::{Body, Bytes, to_bytes},
    extract::{MatchedPath, Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};
use tokio::sync::watch;

use crate::{
    bus::ChangeBus,
    error::AppError,
    http::{access_log, cache},
};

/// Marks an answer that any anonymous reader may be given.
#[derive(Debug, Clone, Copy)]
pub struct Shareable;

/// The largest answer kept.
const MAX_STORED_BODY: usize = 1024 * 1024;
/// The largest answer read to decide (a full sitemap is the largest there is).
const MAX_READ_BODY: usize = 64 * 1024 * 1024;
/// The memory all kept answers may take together.
const MAX_STORED_BYTES: u64 = 64 * 1024 * 1024;
/// The largest GraphQL POST body read for a key; longer ones pass uncached.
const MAX_KEYED_BODY: usize = 64 * 1024;

type Key = [u8; 32];

/// How long a reader waits for another's answer to the same question before it
/// asks for itself.
const WAIT_FOR_LEADER: Duration = Duration::from_secs(5);

/// An answer as it was sent.
struct Stored {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    /// For the log: a replay is logged under the route that made the answer.
    route: Option<MatchedPath>,
}

/// What the readers waiting on a question learn: `None` while it is being answered,
/// then the kept answer, or `Some(None)` when the answer was not one to share.
type Outcome = Option<Option<Arc<Stored>>>;

/// The cache of one running service.
pub struct MicroCache {
    entries: Option<moka::sync::Cache<Key, Arc<Stored>>>,
    bus: ChangeBus,
    in_flight: Mutex<HashMap<Key, watch::Receiver<Outcome>>>,
}

impl MicroCache {
    /// Keeps answers for `ttl`, while `bus` reads no change; `None` keeps nothing.
    pub fn new(ttl: Option<Duration>, bus: ChangeBus) -> Self {
        let entries = ttl.map(|ttl| {
            moka::sync::Cache::builder()
                .time_to_live(ttl)
                .weigher(|_: &Key, stored: &Arc<Stored>| {
                    u32::try_from(stored.body.len()).unwrap_or(u32::MAX)
                })
                .max_capacity(MAX_STORED_BYTES)
                .build()
        });
        MicroCache {
            entries,
            bus,
            in_flight: Mutex::new(HashMap::new()),
        }
    }

    /// A write through this instance finished: what was kept before is never served
    /// again, and the bus reads the change now.
    pub fn content_changed(&self) {
        self.bus.committed();
    }

    /// Entries are kept under the bus's epoch: a change committed through any
    /// instance starts a new generation once this one reads it.
    fn generation(&self) -> u64 {
        self.bus.epoch()
    }
}

/// What in a request can change its answer, besides the generation.
fn key(generation: u64, request: &Request, body: Option<&[u8]>) -> Key {
    let mut hasher = Sha256::new();
    hasher.update(generation.to_le_bytes());
    hasher.update(request.method().as_str());
    hasher.update([0]);
    hasher.update(request.uri().to_string());
    for name in [
        header::ACCEPT,
        header::ACCEPT_LANGUAGE,
        header::CONTENT_TYPE,
    ] {
        hasher.update([0]);
        if let Some(value) = request.headers().get(&name) {
            hasher.update(value.as_bytes());
        }
    }
    if let Some(body) = body {
        hasher.update([0]);
        hasher.update(body);
    }
    hasher.finalize().into()
}

fn is_graphql_post(request: &Request) -> bool {
    request.method() == Method::POST && request.uri().path() == "/graphql"
}

/// Whether this request's answer may come from, or go to, the cache.
fn anonymous_read(request: &Request) -> bool {
    let method_fits = request.method() == Method::GET || is_graphql_post(request);
    method_fits
        && !request.headers().contains_key(header::AUTHORIZATION)
        && !request.headers().contains_key(header::UPGRADE)
}

/// The middleware: answers from the cache, keeps shareable answers, and starts a new
/// generation after every write that is not GraphQL (GraphQL mutations do that in
/// their handler, which alone knows a query from a mutation).
pub async fn serve(State(cache): State<Arc<MicroCache>>, request: Request, next: Next) -> Response {
    let cache = &*cache;
    let writes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) && !is_graphql_post(&request);
    let Some(entries) = cache.entries.as_ref().filter(|_| anonymous_read(&request)) else {
        let response = next.run(request).await;
        if writes {
            cache.content_changed();
        }
        return response;
    };
    let generation = cache.generation();
    let (request, body) = if is_graphql_post(&request) {
        let short = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
            .is_some_and(|len| len <= MAX_KEYED_BODY);
        if !short {
            return next.run(request).await;
        }
        let (parts, body) = request.into_parts();
        let Ok(bytes) = to_bytes(body, MAX_KEYED_BODY).await else {
            return AppError::bad_input("body", "could not be read").into_response();
        };
        (
            Request::from_parts(parts, Body::from(bytes.clone())),
            Some(bytes),
        )
    } else {
        (request, None)
    };
    let key = key(generation, &request, body.as_deref());
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    if let Some(stored) = entries.get(&key) {
        metrics::counter!("micro_cache_hits_total").increment(1);
        return replay(&stored, if_none_match.as_ref());
    }
    let leader = {
        let mut in_flight = cache.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        match in_flight.get(&key) {
            Some(waiting) => Err(waiting.clone()),
            None => {
                let (tx, rx) = watch::channel(None);
                in_flight.insert(key, rx);
                Ok(Leader { cache, key, tx })
            }
        }
    };
    match leader {
        Ok(leader) => match ask(request, next).await {
            Ok(stored) => {
                entries.insert(key, stored.clone());
                leader.finish(Some(stored.clone()));
                replay(&stored, if_none_match.as_ref())
            }
            Err(response) => {
                leader.finish(None);
                response
            }
        },
        Err(mut waiting) => {
            let answered = tokio::time::timeout(WAIT_FOR_LEADER, waiting.wait_for(Option::is_some));
            if let Ok(Ok(outcome)) = answered.await
                && let Some(Some(stored)) = outcome.clone()
            {
                metrics::counter!("micro_cache_hits_total").increment(1);
                return replay(&stored, if_none_match.as_ref());
            }
            next.run(request).await
        }
    }
}

/// The reader who asks while others wait; whatever happens to it (even a client
/// hanging up mid-way), the waiters are told and the question is freed.
struct Leader<'a> {
    cache: &'a MicroCache,
    key: Key,
    tx: watch::Sender<Outcome>,
}

impl Leader<'_> {
    fn finish(self, outcome: Option<Arc<Stored>>) {
        self.tx.send_replace(Some(outcome));
    }
}

impl Drop for Leader<'_> {
    fn drop(&mut self) {
        if self.tx.borrow().is_none() {
            self.tx.send_replace(Some(None));
        }
        let mut in_flight = self
            .cache
            .in_flight
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        in_flight.remove(&self.key);
    }
}

/// Runs the request with no validator, so that the full answer comes back to be
/// kept; an answer not to keep comes back as `Err`, to pass on as it is.
async fn ask(mut request: Request, next: Next) -> Result<Arc<Stored>, Response> {
    request.headers_mut().remove(header::IF_NONE_MATCH);
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || response.extensions().get::<Shareable>().is_none() {
        return Err(response);
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_READ_BODY).await else {
        return Err(AppError::Internal("reading an answer to keep".into()).into_response());
    };
    if bytes.len() > MAX_STORED_BODY {
        return Err(Response::from_parts(parts, Body::from(bytes)));
    }
    Ok(Arc::new(Stored {
        status: parts.status,
        route: parts.extensions.get::<MatchedPath>().cloned(),
        headers: parts.headers,
        body: bytes,
    }))
}

/// The kept answer, or a 304 when the reader already has it.
fn replay(stored: &Stored, if_none_match: Option<&HeaderValue>) -> Response {
    let etag = stored
        .headers
        .get(header::ETAG)
        .and_then(|v| v.to_str().ok());
    if let (Some(tags), Some(etag)) = (if_none_match, etag)
        && cache::matches_any(tags, etag)
    {
        return cache::not_modified(&stored.headers, stored.route.as_ref());
    }
    let mut response = Response::new(Body::from(stored.body.clone()));
    *response.status_mut() = stored.status;
    *response.headers_mut() = stored.headers.clone();
    access_log::keep_route(&mut response, stored.route.as_ref());
    response
}
