//! Queuing messages for the changes of the record, once for the whole cluster.
//!
//! The fan-out reads the record of changes after a cursor kept in the database. It
//! renders the messages of a run of changes first, then, in one transaction, moves
//! the cursor over that run with a compare-and-set and queues the messages; an
//! instance that finds the cursor moved by another rolls back and starts again from
//! where the cursor now is. The unique `(endpoint, change, topic)` of a delivery
//! holds even against a bug here: a change is never queued twice for one endpoint.

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{
    db::begin_write,
    domain::{DeliveryState, EndpointKind, WebhookEvent, WebhookState},
    error::{AppError, AppResult},
    store::{
        changes::{self, Change},
        consumer_cursors::{self, Consumer},
        webhooks::{self as store, Delivery, Endpoint},
    },
};

/// The `event` of a WebSub ping.
pub const WEBSUB_PUBLISH: &str = "websub.publish";

/// One message for one endpoint, rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub endpoint_id: Uuid,
    /// The change it tells of.
    pub change_seq: i64,
    /// The feed a hub's ping names; empty for a webhook.
    pub topic: String,
    /// The event's wire name.
    pub event: String,
    /// The bytes to send.
    pub body: String,
}

/// The changes after the cursor, at most `limit`, with the cursor they were read
/// from, and the endpoints to send them to.
pub struct Pending {
    pub from: i64,
    pub changes: Vec<Change>,
    pub endpoints: Vec<Endpoint>,
}

/// What lies after the cursor.
pub async fn pending(db: &DatabaseConnection, limit: u64) -> AppResult<Pending> {
    let from = consumer_cursors::read(db, Consumer::WebhookFanout).await?;
    let changes = changes::after(db, from, limit).await?;
    let endpoints = if changes.is_empty() {
        Vec::new()
    } else {
        store::active_endpoints(db).await?
    };
    Ok(Pending {
        from,
        changes,
        endpoints,
    })
}

/// Whether `endpoint` takes `event` for a change committed at `at`: it is active,
/// subscribed to the event, and existed by then.
pub fn wants(endpoint: &Endpoint, event: WebhookEvent, at: DateTime<Utc>) -> bool {
    endpoint.kind == EndpointKind::Webhook
        && endpoint.state == WebhookState::Active
        && endpoint.created_at <= at
        && WebhookEvent::split(&endpoint.events).contains(&event)
}

/// Moves the cursor from `from` to `to` and queues `messages`, due at `now`, in one
/// transaction; `false` (and nothing queued) when another instance moved the cursor
/// first.
pub async fn enqueue(
    db: &DatabaseConnection,
    from: i64,
    to: i64,
    messages: Vec<Message>,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let rows: Vec<Delivery> = messages
        .into_iter()
        .map(|m| Delivery {
            id: Uuid::now_v7(),
            endpoint_id: m.endpoint_id,
            change_seq: m.change_seq,
            topic: m.topic,
            message_id: format!("msg_{}", Uuid::now_v7().simple()),
            event: m.event,
            body: m.body,
            state: DeliveryState::Pending,
            tries: 0,
            next_try_at: now,
            claimed_until: None,
            last_status: None,
            created_at: now,
            delivered_at: None,
        })
        .collect();
    let txn = begin_write(db).await?;
    let result = async {
        if !consumer_cursors::claim(&txn, Consumer::WebhookFanout, from, to).await? {
            return Ok(false);
        }
        store::insert_deliveries(&txn, rows).await?;
        Ok::<_, AppError>(true)
    }
    .await;
    match result {
        Ok(true) => {
            txn.commit().await?;
            Ok(true)
        }
        Ok(false) => {
            txn.rollback().await?;
            Ok(false)
        }
        Err(err) => {
            txn.rollback().await?;
            // A unique delivery already queued means another instance got there.
            if matches!(&err, AppError::Database(e) if is_unique_violation(e)) {
                return Ok(false);
            }
            Err(err)
        }
    }
}

fn is_unique_violation(err: &sea_orm::DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// The id of the endpoint of hub `url`: the same on every instance, so instances
/// starting together save it once.
pub fn hub_id(url: &str) -> Uuid {
    let digest = Sha256::digest(format!("websub-hub {url}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// Saves an endpoint for each hub of `urls` (checked URLs) that has none yet;
/// returns the hubs' endpoints.
pub async fn ensure_hubs(
    db: &DatabaseConnection,
    urls: &[String],
    now: DateTime<Utc>,
) -> AppResult<Vec<Uuid>> {
    let mut ids = Vec::new();
    for url in urls {
        let id = hub_id(url);
        store::ensure_endpoint(
            db,
            Endpoint {
                id,
                kind: EndpointKind::WebsubHub,
                url: url.clone(),
                description: "WebSub hub (WEBSUB_HUBS)".into(),
                events: String::new(),
                secret: String::new(),
                state: WebhookState::Active,
                disabled_reason: None,
                disabled_at: None,
                failing_since: None,
                created_at: now,
                updated_at: now,
            },
        )
        .await?;
        ids.push(id);
    }
    Ok(ids)
}

/// The body of a ping telling a hub that `topic` changed.
pub fn websub_ping(topic: &str) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("hub.mode", "publish")
        .append_pair("hub.url", topic)
        .finish()
}
