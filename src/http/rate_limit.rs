//! Requests per minute, counted per client: a partner's API key against its own
//! quota, anyone else without a key against their address's
//! (`ANON_REQUESTS_PER_MINUTE`). Signed-in staff are not counted: they are few, they
//! work through the editor, and a newsroom behind one address must never be stopped
//! on a news day. A READER's token counts as anonymous (anyone may register). A key
//! not in memory is looked up in the database; those lookups are counted per address
//! too, apart, with the same quota, so that made-up keys cannot flood the database.
//!
//! The count is kept in this instance's memory with `governor` (GCRA: a quota of
//! `q` a minute lets `q` through at once, then one every `60/q` seconds), so
//! counting costs no database round trip. Each instance counts alone: behind a proxy
//! spreading clients over N instances a client may get up to N times its quota. Set
//! the quotas with that in mind.
//!
//! Every counted answer carries the `RateLimit-Policy` and `RateLimit` fields of
//! draft-ietf-httpapi-ratelimit-headers (`"key";q=3;w=60` and `"key";r=2;t=20`: the
//! quota, what is left, and the seconds until all of it is back); a refused one is
//! 429 with `Retry-After`. The layer sits outside the micro-cache: an answer served
//! from memory still counts.

use std::{net::IpAddr, num::NonZeroU32, sync::Arc, time::Duration};

use axum::{
    extract::{Request, State},
    http::{HeaderMap, HeaderName, HeaderValue, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use governor::{
    Quota, RateLimiter,
    clock::Clock as GovernorClock,
    middleware::{NoOpMiddleware, StateInformationMiddleware, StateSnapshot},
    nanos::Nanos,
    state::{InMemoryState, NotKeyed, keyed::DashMapStateStore},
};
use sea_orm::DatabaseConnection;
use tokio::task::JoinHandle;

use crate::{
    auth::{
        api_keys::{ApiKeyCache, ApiKeyId, KnownKey},
        keys::KeySet,
    },
    bus::ChangeBus,
    config::{CorsOrigins, rate_limits::RateLimitSettings},
    domain::time::Clock,
    error::{AppError, ErrorCode, FieldError, Problem},
    http::{client_addr::ClientAddr, viewer},
};

/// The header a key may come in, besides `Authorization: ApiKey <key>`.
pub const X_API_KEY: &str = "x-api-key";
/// The quota fields of draft-ietf-httpapi-ratelimit-headers.
pub const RATELIMIT_POLICY: &str = "ratelimit-policy";
pub const RATELIMIT: &str = "ratelimit";
/// The `Authorization` scheme of an API key.
const API_KEY_SCHEME: &str = "apikey";
/// Every quota is per minute.
const WINDOW: Duration = Duration::from_secs(60);
/// How long a key's count is kept after its last request: a minute idle refills any
/// quota, so forgetting it later loses nothing.
const KEY_IDLE: Duration = Duration::from_secs(120);
/// How often the counts of addresses that fell quiet are dropped.
const SWEEP: Duration = Duration::from_secs(60);

/// The service's clock as `governor` reads it: tests move it instead of sleeping.
#[derive(Clone, Debug)]
pub struct LimiterClock(pub Clock);

impl GovernorClock for LimiterClock {
    type Instant = Nanos;

    fn now(&self) -> Nanos {
        // Nanoseconds since 1970 fit in a u64 until 2554; the governor measures from
        // the moment each limiter was made.
        let nanos = self.0.now().timestamp_nanos_opt().unwrap_or(0);
        Nanos::new(u64::try_from(nanos).unwrap_or(0))
    }
}

type KeyLimiter = RateLimiter<NotKeyed, InMemoryState, LimiterClock, StateInformationMiddleware>;
type AddressLimiter =
    RateLimiter<IpAddr, DashMapStateStore<IpAddr>, LimiterClock, StateInformationMiddleware>;

/// Who a request is counted as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// A partner's key.
    Key,
    /// Anyone else without a key, by address.
    Anonymous,
    /// Keys not seen lately, looked up in the database, by address.
    KeyLookup,
}

impl Counted {
    /// The policy's name in the `RateLimit` fields, and the metric's `kind`.
    pub fn name(self) -> &'static str {
        match self {
            Counted::Key => "key",
            Counted::Anonymous => "anonymous",
            Counted::KeyLookup => "key-lookup",
        }
    }
}

/// The counts of one running service.
pub struct RateLimits {
    anonymous: Option<AddressLimiter>,
    /// Lookups of keys not in memory, per address, with the anonymous quota: made-up
    /// keys cannot flood the database, and a real key's first request does not eat
    /// into its address's reading.
    lookups: Option<AddressLimiter>,
    keys: moka::sync::Cache<ApiKeyId, Arc<KeyLimiter>>,
    api_keys: ApiKeyCache,
    db: DatabaseConnection,
    jwt_keys: KeySet,
    clock: Clock,
    /// For the CORS fields of the limiter's own answers, which skip the CORS layer.
    cors_origins: CorsOrigins,
}

impl RateLimits {
    /// Counts by `settings` on `clock`; keys are looked up in `db` through `api_keys`.
    /// Refusals let the browsers of `cors_origins` read them.
    pub fn new(
        settings: RateLimitSettings,
        cors_origins: CorsOrigins,
        api_keys: ApiKeyCache,
        db: DatabaseConnection,
        jwt_keys: KeySet,
        clock: Clock,
    ) -> Self {
        let by_address = || {
            settings.anonymous_per_minute.map(|per_minute| {
                RateLimiter::<_, _, _, NoOpMiddleware<Nanos>>::new(
                    Quota::per_minute(per_minute),
                    DashMapStateStore::default(),
                    LimiterClock(clock.clone()),
                )
                .with_middleware::<StateInformationMiddleware>()
            })
        };
        RateLimits {
            anonymous: by_address(),
            lookups: by_address(),
            keys: moka::sync::Cache::builder().time_to_idle(KEY_IDLE).build(),
            api_keys,
            db,
            jwt_keys,
            clock,
            cors_origins,
        }
    }

    /// What an answer of the limiter's own (429, an unknown key's 401) needs for the
    /// browser of a page at `origin` to read it: the CORS layer sits inside.
    fn cors_fields(&self, origin: Option<&HeaderValue>) -> Vec<(HeaderName, HeaderValue)> {
        let allowed = match (&self.cors_origins, origin) {
            (CorsOrigins::Any, _) => Some(HeaderValue::from_static("*")),
            (CorsOrigins::List(list), Some(origin))
                if list.iter().any(|o| o.as_bytes() == origin.as_bytes()) =>
            {
                Some(origin.clone())
            }
            _ => None,
        };
        let Some(allowed) = allowed else {
            return Vec::new();
        };
        vec![
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, allowed),
            (
                header::ACCESS_CONTROL_EXPOSE_HEADERS,
                HeaderValue::from_static("retry-after,ratelimit-policy,ratelimit"),
            ),
            (header::VARY, HeaderValue::from_static("origin")),
        ]
    }

    /// Follows revocations on `bus` and drops the counts of quiet addresses now and
    /// then; the task runs until aborted.
    pub fn start(self: &Arc<Self>, bus: &ChangeBus) -> JoinHandle<()> {
        let revocations = self.api_keys.follow(bus);
        let limits = Arc::clone(self);
        tokio::spawn(async move {
            // Stops with this task.
            let _revocations = AbortOnDrop(revocations);
            let mut sweep = tokio::time::interval(SWEEP);
            loop {
                sweep.tick().await;
                for by_address in [&limits.anonymous, &limits.lookups].into_iter().flatten() {
                    by_address.retain_recent();
                    by_address.shrink_to_fit();
                }
            }
        })
    }

    fn key_limiter(&self, key: KnownKey) -> Arc<KeyLimiter> {
        self.keys.get_with(key.id, || {
            Arc::new(
                RateLimiter::direct_with_clock(
                    Quota::per_minute(key.requests_per_minute),
                    LimiterClock(self.clock.clone()),
                )
                .with_middleware::<StateInformationMiddleware>(),
            )
        })
    }

    /// Counts one request of `address` as `counted`; `None` when addresses are not
    /// limited.
    fn count_address(&self, counted: Counted, address: Option<IpAddr>) -> Option<Decision> {
        let limiter = match counted {
            Counted::KeyLookup => &self.lookups,
            Counted::Anonymous | Counted::Key => &self.anonymous,
        };
        let (limiter, address) = (limiter.as_ref()?, address?);
        let outcome = limiter.check_key(&address);
        Some(self.decide(counted, limiter.clock(), outcome))
    }

    fn decide(
        &self,
        counted: Counted,
        clock: &LimiterClock,
        outcome: Result<StateSnapshot, governor::NotUntil<Nanos>>,
    ) -> Decision {
        match outcome {
            Ok(state) => Ok(Usage::of(
                counted,
                state.quota(),
                state.remaining_burst_capacity(),
            )),
            Err(refused) => Err(Refusal {
                usage: Usage::of(counted, refused.quota(), 0),
                wait: refused.wait_time_from(clock.now()),
            }),
        }
    }
}

/// A task aborted when this is dropped.
struct AbortOnDrop(JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// What a request's count came to: its client's usage, or a refusal.
type Decision = Result<Usage, Refusal>;

/// A request over its client's quota.
struct Refusal {
    usage: Usage,
    /// Until the next request would be let through.
    wait: Duration,
}

/// A quota and what is left of it, for the `RateLimit` fields.
#[derive(Debug, Clone, Copy)]
struct Usage {
    counted: Counted,
    quota: NonZeroU32,
    interval: Duration,
    remaining: u32,
}

impl Usage {
    fn of(counted: Counted, quota: Quota, remaining: u32) -> Self {
        Usage {
            counted,
            quota: quota.burst_size(),
            interval: quota.replenish_interval(),
            remaining,
        }
    }

    /// Seconds until the whole quota is back, rounded up.
    fn seconds_to_full(&self) -> u64 {
        let missing = self.quota.get().saturating_sub(self.remaining);
        ceil_secs(self.interval * missing)
    }

    fn write(&self, headers: &mut HeaderMap) {
        let name = self.counted.name();
        let policy = format!("\"{name}\";q={};w={}", self.quota, WINDOW.as_secs());
        let now = format!(
            "\"{name}\";r={};t={}",
            self.remaining,
            self.seconds_to_full()
        );
        for (field, value) in [(RATELIMIT_POLICY, policy), (RATELIMIT, now)] {
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.insert(HeaderName::from_static(field), value);
            }
        }
    }
}

fn ceil_secs(duration: Duration) -> u64 {
    duration.as_secs() + u64::from(duration.subsec_nanos() > 0)
}

/// Where a request presented an API key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyHeader {
    Authorization,
    XApiKey,
}

impl KeyHeader {
    fn name(self) -> &'static str {
        match self {
            KeyHeader::Authorization => "Authorization",
            KeyHeader::XApiKey => "X-Api-Key",
        }
    }
}

/// The API key a request presents, and where; `Err` names a header that cannot
/// hold one (not text).
fn presented_key(headers: &HeaderMap) -> Result<Option<(String, KeyHeader)>, KeyHeader> {
    if let Some(value) = headers.get(X_API_KEY) {
        let key = value.to_str().map_err(|_| KeyHeader::XApiKey)?;
        return Ok(Some((key.trim().to_owned(), KeyHeader::XApiKey)));
    }
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let Ok(value) = value.to_str() else {
        // Not an API key's business: the token's check refuses it further in.
        return Ok(None);
    };
    match value.trim().split_once(' ') {
        Some((scheme, key)) if scheme.eq_ignore_ascii_case(API_KEY_SCHEME) => {
            Ok(Some((key.trim().to_owned(), KeyHeader::Authorization)))
        }
        _ => Ok(None),
    }
}

/// The 401 of a key that is unknown, revoked or malformed, naming its header.
fn unknown_key(header: KeyHeader) -> Response {
    let detail = format!("the API key in {} is unknown or revoked", header.name());
    let mut problem = Problem::new(ErrorCode::Unauthenticated, detail.clone());
    problem.errors.push(FieldError {
        field: header.name().into(),
        message: detail,
    });
    problem.into_response()
}

/// Counts the request and answers 429 when its client is over quota.
pub async fn limit(
    State(limits): State<Arc<RateLimits>>,
    mut request: Request,
    next: Next,
) -> Response {
    // A preflight is the browser's question, not the client's request: the CORS layer
    // answers it cheaply, and a refused one would hide the real answer's 429.
    if request.method() == axum::http::Method::OPTIONS {
        return next.run(request).await;
    }
    let origin = request.headers().get(header::ORIGIN).cloned();
    let cors = |mut response: Response| {
        for (name, value) in limits.cors_fields(origin.as_ref()) {
            response.headers_mut().append(name, value);
        }
        response
    };
    let address = request
        .extensions()
        .get::<ClientAddr>()
        .map(|ClientAddr(ip)| *ip);
    let decision = match presented_key(request.headers()) {
        Err(header) => return cors(unknown_key(header)),
        Ok(Some((key, header))) => {
            // A key not seen lately costs a database read, counted per address so
            // that made-up keys cannot flood the database.
            let known = match limits.api_keys.cached(&key) {
                Some(known) => known,
                None => {
                    if let Some(Err(refusal)) = limits.count_address(Counted::KeyLookup, address) {
                        return cors(refuse(refusal));
                    }
                    match limits.api_keys.lookup(&limits.db, &key).await {
                        Ok(known) => known,
                        Err(err) => return cors(err.into_response()),
                    }
                }
            };
            let Some(known) = known else {
                return cors(unknown_key(header));
            };
            // Past this point the request is an anonymous reader's: a key grants a
            // quota, not rights, and its answer may be shared like theirs.
            let headers = request.headers_mut();
            headers.remove(X_API_KEY);
            if matches!(header, KeyHeader::Authorization) {
                headers.remove(header::AUTHORIZATION);
            }
            let limiter = limits.key_limiter(known);
            Some(limits.decide(Counted::Key, limiter.clock(), limiter.check()))
        }
        Ok(None) if is_staff(&limits, request.headers()) => None,
        Ok(None) => limits.count_address(Counted::Anonymous, address),
    };
    match decision {
        None => next.run(request).await,
        Some(Ok(usage)) => {
            let mut response = next.run(request).await;
            usage.write(response.headers_mut());
            response
        }
        Some(Err(refusal)) => cors(refuse(refusal)),
    }
}

/// Whether the request carries a staff member's valid access token.
fn is_staff(limits: &RateLimits, headers: &HeaderMap) -> bool {
    headers.contains_key(header::AUTHORIZATION)
        && viewer::from_headers(headers, &limits.jwt_keys, limits.clock.now())
            .is_ok_and(|viewer| viewer.is_staff())
}

/// The 429 of a request over quota.
fn refuse(Refusal { usage, wait }: Refusal) -> Response {
    metrics::counter!("rate_limited_requests_total", "kind" => usage.counted.name()).increment(1);
    let retry_after_secs = ceil_secs(wait).max(1);
    let mut response = AppError::RateLimited { retry_after_secs }.into_response();
    usage.write(response.headers_mut());
    response
}

#[cfg(test)]
mod tests {
    use chrono::TimeDelta;

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn a_key_comes_in_its_own_header_or_the_apikey_scheme() {
        let key = |pairs| presented_key(&headers(pairs)).map(|k| k.map(|(key, _)| key));
        assert_eq!(key(&[("x-api-key", " pk_a ")]), Ok(Some("pk_a".into())));
        assert_eq!(
            key(&[("authorization", "apikey pk_b")]),
            Ok(Some("pk_b".into()))
        );
        assert_eq!(
            key(&[("authorization", "Bearer x"), ("x-api-key", "pk_c")]),
            Ok(Some("pk_c".into()))
        );
        assert_eq!(key(&[("authorization", "Bearer x")]), Ok(None));
        assert_eq!(key(&[]), Ok(None));
    }

    #[test]
    fn the_fields_name_the_quota_what_is_left_and_when_all_is_back() {
        let quota = Quota::per_minute(NonZeroU32::new(3).unwrap());
        let mut map = HeaderMap::new();
        Usage::of(Counted::Key, quota, 1).write(&mut map);
        assert_eq!(map[RATELIMIT_POLICY], "\"key\";q=3;w=60");
        assert_eq!(map[RATELIMIT], "\"key\";r=1;t=40");
        assert_eq!(ceil_secs(Duration::from_millis(1)), 1);
        assert_eq!(ceil_secs(Duration::from_secs(20)), 20);
    }

    #[test]
    fn the_limiter_reads_the_service_s_clock() {
        let clock = Clock::manual("2026-12-01T09:00:00Z".parse().unwrap());
        let limiter = RateLimiter::direct_with_clock(
            Quota::per_minute(NonZeroU32::new(3).unwrap()),
            LimiterClock(clock.clone()),
        );
        assert!((0..3).all(|_| limiter.check().is_ok()));
        let refused = limiter.check().unwrap_err();
        assert_eq!(
            refused.wait_time_from(LimiterClock(clock.clone()).now()),
            Duration::from_secs(20)
        );
        clock.advance(TimeDelta::seconds(20));
        assert!(limiter.check().is_ok());
        assert!(limiter.check().is_err());
    }
}
