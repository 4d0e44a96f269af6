//! Webhooks: administrators register endpoints that are told of changes by signed
//! HTTP messages (Standard Webhooks), and WebSub hubs are pinged when a feed
//! changes, through the same queue.
//!
//! This module keeps the endpoints and their secrets, the address guard
//! ([`address`]), the queue of deliveries with every try ([`fanout`], [`sender`],
//! [`retry`]) and the signatures ([`signing`]). What a message says about a change
//! (the public object as REST shows it) is rendered by the dispatcher above the API,
//! which hands the rendered messages to [`fanout::enqueue`].

pub mod address;
pub mod fanout;
pub mod retry;
pub mod sender;
pub mod signing;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use tokio::sync::Notify;
use uuid::Uuid;

use crate::{
    auth::{
        permissions::{Action, authorize},
        viewer::{self, Viewer},
    },
    domain::{DeliveryState, EndpointKind, WebhookEvent, WebhookState},
    error::{AppError, AppResult},
    store::{
        page::{Page, PageRequest},
        webhooks::{self as store, Attempt, Delivery, DeliveryKey, Endpoint},
    },
};

pub use address::AddressPolicy;

/// The longest description of a webhook.
const MAX_DESCRIPTION_CHARS: usize = 500;

/// What the API needs of the webhook machinery: the address policy and a way to
/// wake this instance's sender. Cheap to clone.
#[derive(Clone, Default)]
pub struct Webhooks {
    pub policy: AddressPolicy,
    /// Wakes the sender: messages were queued or re-queued.
    pub queued: Arc<Notify>,
}

/// A webhook an administrator asks for.
#[derive(Debug, Clone)]
pub struct NewWebhook {
    pub url: String,
    pub events: Vec<WebhookEvent>,
    pub description: Option<String>,
}

/// Changes to a webhook; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct WebhookChanges {
    pub url: Option<String>,
    pub events: Option<Vec<WebhookEvent>>,
    pub description: Option<String>,
    /// `true` enables a disabled webhook (its pending messages are sent at once);
    /// `false` disables it.
    pub enabled: Option<bool>,
}

/// A webhook just made: the only moment its secret is shown.
#[derive(Debug)]
pub struct CreatedWebhook {
    pub secret: String,
    pub endpoint: Endpoint,
}

/// A delivery with its tries, oldest first.
#[derive(Debug, Clone)]
pub struct DeliveryLog {
    pub delivery: Delivery,
    pub attempts: Vec<Attempt>,
}

/// The viewer, as stored now, if an administrator.
async fn admin(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<Viewer> {
    let current = viewer::refresh(db, viewer).await?;
    authorize(&current, Action::ManageWebhooks)?;
    Ok(current)
}

fn check_events(events: &[WebhookEvent], field: &str) -> AppResult<()> {
    if events.is_empty() {
        return Err(AppError::bad_input(field, "at least one event"));
    }
    Ok(())
}

fn check_description(description: Option<String>, field: &str) -> AppResult<String> {
    let description = description.unwrap_or_default().trim().to_owned();
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(AppError::bad_input(
            field,
            format!("at most {MAX_DESCRIPTION_CHARS} characters"),
        ));
    }
    Ok(description)
}

/// Registers a webhook, if `viewer` is an administrator and its URL leads where
/// webhooks may go.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    policy: AddressPolicy,
    input: NewWebhook,
    now: DateTime<Utc>,
) -> AppResult<CreatedWebhook> {
    admin(db, viewer).await?;
    check_events(&input.events, "input.events")?;
    let description = check_description(input.description, "input.description")?;
    let url = address::check_url(&input.url, "input.url", policy).await?;
    let secret = signing::new_secret();
    let endpoint = store::insert_endpoint(
        db,
        Endpoint {
            id: Uuid::now_v7(),
            kind: EndpointKind::Webhook,
            url: url.to_string(),
            description,
            events: WebhookEvent::join(&input.events),
            secret: secret.clone(),
            state: WebhookState::Active,
            disabled_reason: None,
            disabled_at: None,
            failing_since: None,
            created_at: now,
            updated_at: now,
        },
    )
    .await?;
    Ok(CreatedWebhook { secret, endpoint })
}

/// Changes webhook `id`, if `viewer` is an administrator.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    webhooks: &Webhooks,
    id: Uuid,
    changes: WebhookChanges,
    now: DateTime<Utc>,
) -> AppResult<Endpoint> {
    admin(db, viewer).await?;
    let mut endpoint = store::endpoint(db, EndpointKind::Webhook, id)
        .await?
        .ok_or(AppError::NotFound("webhook"))?;
    if let Some(url) = changes.url {
        endpoint.url = address::check_url(&url, "input.url", webhooks.policy)
            .await?
            .to_string();
    }
    if let Some(events) = changes.events {
        check_events(&events, "input.events")?;
        endpoint.events = WebhookEvent::join(&events);
    }
    if changes.description.is_some() {
        endpoint.description = check_description(changes.description, "input.description")?;
    }
    let mut enabled_again = false;
    match changes.enabled {
        Some(true) if endpoint.state == WebhookState::Disabled => {
            endpoint.state = WebhookState::Active;
            endpoint.disabled_at = None;
            endpoint.disabled_reason = None;
            endpoint.failing_since = None;
            enabled_again = true;
        }
        Some(false) if endpoint.state == WebhookState::Active => {
            endpoint.state = WebhookState::Disabled;
            endpoint.disabled_at = Some(now);
            endpoint.disabled_reason = Some("disabled by an administrator".into());
        }
        _ => {}
    }
    endpoint.updated_at = now;
    let endpoint = store::save_endpoint(db, endpoint).await?;
    if enabled_again {
        store::due_now(db, id, now).await?;
        webhooks.queued.notify_one();
    }
    Ok(endpoint)
}

/// Deletes webhook `id` with its log, if `viewer` is an administrator; whether
/// there was one.
pub async fn delete(db: &DatabaseConnection, viewer: &Viewer, id: Uuid) -> AppResult<bool> {
    admin(db, viewer).await?;
    let txn = crate::db::begin_write(db).await?;
    let deleted = store::delete_endpoint(&txn, EndpointKind::Webhook, id).await;
    match deleted {
        Ok(deleted) => {
            txn.commit().await?;
            Ok(deleted)
        }
        Err(err) => {
            txn.rollback().await?;
            Err(err)
        }
    }
}

/// Every webhook, oldest first, if `viewer` is an administrator.
pub async fn list(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<Vec<Endpoint>> {
    admin(db, viewer).await?;
    store::endpoints(db, EndpointKind::Webhook).await
}

/// A page of webhook `id`'s deliveries, newest first, each with its tries.
pub async fn deliveries(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    request: &PageRequest<DeliveryKey>,
) -> AppResult<Page<DeliveryLog>> {
    admin(db, viewer).await?;
    if store::endpoint(db, EndpointKind::Webhook, id)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound("webhook"));
    }
    let page = store::deliveries(db, id, request).await?;
    let ids: Vec<Uuid> = page.items.iter().map(|d| d.id).collect();
    let mut attempts = store::attempts(db, &ids).await?;
    Ok(page.map(|delivery| {
        let (own, rest): (Vec<Attempt>, Vec<Attempt>) = std::mem::take(&mut attempts)
            .into_iter()
            .partition(|a| a.delivery_id == delivery.id);
        attempts = rest;
        DeliveryLog {
            delivery,
            attempts: own,
        }
    }))
}

/// Queues delivery `id` again, due now, with a fresh count of tries, if `viewer` is
/// an administrator. The message keeps its `webhook-id` and body; it goes before
/// any later message to the same endpoint still pending.
pub async fn redeliver(
    db: &DatabaseConnection,
    viewer: &Viewer,
    webhooks: &Webhooks,
    id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<Delivery> {
    admin(db, viewer).await?;
    let (mut delivery, endpoint) = store::delivery(db, id)
        .await?
        .filter(|(_, e)| e.kind == EndpointKind::Webhook)
        .ok_or(AppError::NotFound("webhook delivery"))?;
    if delivery.state == DeliveryState::Pending && delivery.claimed_until.is_some_and(|c| c >= now)
    {
        return Err(AppError::Conflict(
            "the delivery is being tried right now".into(),
        ));
    }
    let _ = endpoint;
    delivery.state = DeliveryState::Pending;
    delivery.tries = 0;
    delivery.next_try_at = now;
    delivery.claimed_until = None;
    delivery.delivered_at = None;
    let delivery = store::save_delivery(db, delivery).await?;
    webhooks.queued.notify_one();
    Ok(delivery)
}
