//! Sending queued messages: each instance runs one sender. It sends the first
//! pending message of each active endpoint once it is due, having claimed it in the
//! database (so one instance sends each try), records the try, and on failure
//! schedules the next one ([`super::retry`]). A later message to an endpoint waits
//! while an earlier one is pending, so every endpoint receives its messages in order.
//! Due moments are those of the service's [`Clock`].

use std::{sync::Arc, time::Instant};

use chrono::{DateTime, Duration, Utc};
use futures_util::future::join_all;
use reqwest::{Client, header::CONTENT_TYPE, redirect};
use sea_orm::DatabaseConnection;
use tokio::{
    sync::{Notify, broadcast::error::RecvError},
    task::JoinHandle,
};
use uuid::Uuid;

use super::{
    address::{AddressPolicy, GuardedResolver, RefusedAddress, host_ip, is_public},
    retry, signing,
};
use crate::{
    bus::ChangeBus,
    db::begin_write,
    domain::{DeliveryError, DeliveryState, EndpointKind, WebhookState, time::Clock},
    error::{AppError, AppResult},
    store::webhooks::{self as store, Attempt, Delivery, Endpoint},
};

/// How long an endpoint has to answer.
pub const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// How long a claim holds: well past [`TIMEOUT`], so a live sender's claim never
/// lapses mid-try; a dead one's lapses and another instance sends the message.
pub const CLAIM: Duration = Duration::seconds(60);

/// How often the sender looks without being woken (on the service's clock).
const POLL: Duration = Duration::seconds(5);

/// The HTTP client that sends messages, with the address policy it holds to.
#[derive(Clone)]
pub struct Sender {
    client: Client,
    policy: AddressPolicy,
}

impl Sender {
    /// No redirects (a 3xx is a failure, not a way around the address guard), no
    /// proxy, and only the addresses `policy` permits.
    pub fn new(policy: AddressPolicy) -> reqwest::Result<Sender> {
        let client = Client::builder()
            .timeout(TIMEOUT)
            .redirect(redirect::Policy::none())
            .no_proxy()
            .dns_resolver(GuardedResolver::shared(policy))
            .user_agent(concat!(
                "polisia-api/",
                env!("CARGO_PKG_VERSION"),
                " webhooks"
            ))
            .build()?;
        Ok(Sender { client, policy })
    }
}

/// What one try came to.
#[derive(Debug)]
struct Outcome {
    status: Option<u16>,
    error: Option<DeliveryError>,
    duration_ms: i64,
}

/// Starts this instance's sender, until the returned task is aborted. `queued` wakes
/// it when this instance queued or re-queued messages; changes on the bus wake it
/// when another may have. What is due already is sent before this returns (for at
/// most [`FIRST_RUN_LIMIT`]), so that the first run does not land in the middle of a
/// request's work.
pub async fn start(
    db: DatabaseConnection,
    clock: Clock,
    sender: Sender,
    bus: &ChangeBus,
    queued: Arc<Notify>,
) -> JoinHandle<()> {
    let mut changes = bus.subscribe();
    let first = tokio::time::timeout(FIRST_RUN_LIMIT, send_logged(&db, &clock, &sender)).await;
    tokio::spawn(async move {
        // A first run cut short goes on at once.
        let mut next = first.unwrap_or(Some(clock.now()));
        loop {
            let wake_at = next.map_or(clock.now() + POLL, |n| n.min(clock.now() + POLL));
            tokio::select! {
                () = queued.notified() => {}
                () = clock.sleep_until(wake_at) => {}
                changed = changes.recv() => {
                    if matches!(changed, Err(RecvError::Closed)) {
                        return;
                    }
                }
            }
            next = send_logged(&db, &clock, &sender).await;
        }
    })
}

/// How long the first run may hold up the start.
const FIRST_RUN_LIMIT: std::time::Duration = std::time::Duration::from_secs(2);

/// [`send_due`], its failure logged.
async fn send_logged(
    db: &DatabaseConnection,
    clock: &Clock,
    sender: &Sender,
) -> Option<DateTime<Utc>> {
    send_due(db, clock, sender)
        .await
        .inspect_err(|err| tracing::warn!(error = ?err, "webhook deliveries could not be read"))
        .ok()
        .flatten()
}

/// Sends every message due now, over and over while some were due; returns when
/// the next pending one falls due.
pub async fn send_due(
    db: &DatabaseConnection,
    clock: &Clock,
    sender: &Sender,
) -> AppResult<Option<DateTime<Utc>>> {
    loop {
        let now = clock.now();
        let heads = store::heads(db).await?;
        let (due, later): (Vec<Delivery>, Vec<Delivery>) = heads
            .into_iter()
            .partition(|d| d.next_try_at <= now && d.claimed_until.is_none_or(|c| c < now));
        if due.is_empty() {
            return Ok(later
                .iter()
                .map(|d| {
                    d.claimed_until
                        .map_or(d.next_try_at, |c| c.max(d.next_try_at))
                })
                .min());
        }
        // One message per endpoint at a time, endpoints side by side.
        let sent = join_all(due.into_iter().map(|d| async move {
            send_one(db, clock, sender, d, now)
                .await
                .inspect_err(
                    |err| tracing::warn!(error = ?err, "a webhook try failed to be recorded"),
                )
                .unwrap_or(false)
        }))
        .await;
        if !sent.contains(&true) {
            // Others hold them: look again when woken or at the next poll.
            return Ok(None);
        }
    }
}

/// Claims `delivery` and, if this instance got it, tries it once and records how
/// that went; whether it did.
async fn send_one(
    db: &DatabaseConnection,
    clock: &Clock,
    sender: &Sender,
    delivery: Delivery,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    if !store::claim(db, delivery.id, now, now + CLAIM).await? {
        return Ok(false);
    }
    let Some((delivery, endpoint)) = store::delivery(db, delivery.id).await? else {
        return Ok(false);
    };
    let outcome = try_once(sender, &endpoint, &delivery, clock.now()).await;
    record(db, delivery, endpoint, outcome, clock.now()).await?;
    Ok(true)
}

/// One HTTP request for `delivery`, sent at `at`.
async fn try_once(
    sender: &Sender,
    endpoint: &Endpoint,
    delivery: &Delivery,
    at: DateTime<Utc>,
) -> Outcome {
    let started = Instant::now();
    let result = build(sender, endpoint, delivery, at).map(|r| r.send());
    let result = match result {
        Ok(sending) => sending.await.map_err(|e| classify(&e)),
        Err(error) => Err(error),
    };
    let duration_ms = started.elapsed().as_millis() as i64;
    match result {
        Ok(response) => {
            let status = response.status();
            Outcome {
                status: Some(status.as_u16()),
                error: (!status.is_success()).then_some(DeliveryError::HttpStatus),
                duration_ms,
            }
        }
        Err(error) => Outcome {
            status: None,
            error: Some(error),
            duration_ms,
        },
    }
}

/// The request for `delivery`: a signed JSON message to a webhook, a form to a hub.
fn build(
    sender: &Sender,
    endpoint: &Endpoint,
    delivery: &Delivery,
    at: DateTime<Utc>,
) -> Result<reqwest::RequestBuilder, DeliveryError> {
    let url = reqwest::Url::parse(&endpoint.url).map_err(|_| DeliveryError::Connection)?;
    // A literal address is not resolved, so the resolver's guard never sees it.
    if let Some(ip) = host_ip(&url)
        && !(sender.policy.allow_private || is_public(ip))
    {
        return Err(DeliveryError::RefusedAddress);
    }
    let request = sender.client.post(url);
    Ok(match endpoint.kind {
        EndpointKind::Webhook => {
            let timestamp = at.timestamp();
            let signature = signing::signature(
                &endpoint.secret,
                &delivery.message_id,
                timestamp,
                delivery.body.as_bytes(),
            )
            .map_err(|_| DeliveryError::Connection)?;
            request
                .header(CONTENT_TYPE, "application/json")
                .header("webhook-id", &delivery.message_id)
                .header("webhook-timestamp", timestamp.to_string())
                .header("webhook-signature", signature)
                .body(delivery.body.clone())
        }
        EndpointKind::WebsubHub => request
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(delivery.body.clone()),
    })
}

fn classify(error: &reqwest::Error) -> DeliveryError {
    if error.is_timeout() {
        return DeliveryError::Timeout;
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(err) = source {
        if err.downcast_ref::<RefusedAddress>().is_some() {
            return DeliveryError::RefusedAddress;
        }
        source = err.source();
    }
    DeliveryError::Connection
}

/// Records a try, schedules the next one or gives up, and keeps the endpoint's
/// health: an endpoint failing for [`retry::DISABLE_AFTER`] is disabled.
async fn record(
    db: &DatabaseConnection,
    mut delivery: Delivery,
    mut endpoint: Endpoint,
    outcome: Outcome,
    now: DateTime<Utc>,
) -> AppResult<()> {
    delivery.tries += 1;
    delivery.claimed_until = None;
    delivery.last_status = outcome.status.map(i32::from);
    let next_try_at = match outcome.error {
        None => {
            delivery.state = DeliveryState::Delivered;
            delivery.delivered_at = Some(now);
            endpoint.failing_since = None;
            None
        }
        Some(error) => {
            let next = retry::next_try(delivery.tries, now, retry::random_spread());
            match next {
                Some(at) => delivery.next_try_at = at,
                None => delivery.state = DeliveryState::Failed,
            }
            let since = *endpoint.failing_since.get_or_insert(now);
            if endpoint.kind == EndpointKind::Webhook
                && endpoint.state == WebhookState::Active
                && now - since >= retry::DISABLE_AFTER
            {
                endpoint.state = WebhookState::Disabled;
                endpoint.disabled_at = Some(now);
                endpoint.disabled_reason = Some(format!(
                    "every try failed since {} (the last: {})",
                    since.to_rfc3339(),
                    describe(error, outcome.status)
                ));
            }
            next
        }
    };
    let attempt = Attempt {
        id: Uuid::now_v7(),
        delivery_id: delivery.id,
        tried_at: now,
        status_code: delivery.last_status,
        duration_ms: outcome.duration_ms,
        error: outcome.error,
        next_try_at,
    };
    let txn = begin_write(db).await?;
    let result = async {
        store::insert_attempt(&txn, attempt).await?;
        store::save_delivery(&txn, delivery).await?;
        store::set_health(&txn, &endpoint).await?;
        Ok::<_, AppError>(())
    }
    .await;
    match result {
        Ok(()) => Ok(txn.commit().await?),
        Err(err) => {
            txn.rollback().await?;
            Err(err)
        }
    }
}

/// A failure in words.
fn describe(error: DeliveryError, status: Option<u16>) -> String {
    match (error, status) {
        (DeliveryError::HttpStatus, Some(status)) => format!("HTTP {status}"),
        (DeliveryError::Timeout, _) => "no answer within 10 s".into(),
        (DeliveryError::RefusedAddress, _) => "the host resolves to a refused address".into(),
        _ => "the connection failed".into(),
    }
}
