//! Webhooks in GraphQL, for administrators: registered, changed, listed with their
//! health, deleted; their delivery logs, and a message sent again. The rules are in
//! [`crate::webhooks`].

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::{
    connection::{self, TotalCount, connection},
    context::ContextExt,
    ids::{self, NodeKind},
};
use crate::{
    domain::{DeliveryError, DeliveryState, WebhookEvent, WebhookState},
    store::webhooks::{Attempt, DeliveryKey, Endpoint},
    webhooks::{self, DeliveryLog, NewWebhook, WebhookChanges, Webhooks},
};

/// A webhook as administrators see it: never its secret.
pub struct Webhook(pub Endpoint);

/// An endpoint that is sent signed messages (Standard Webhooks) when the events it
/// subscribed to happen. Its secret is shown only by `createWebhook`.
#[Object]
impl Webhook {
    /// Global id of the webhook.
    async fn id(&self) -> ID {
        ids::encode(NodeKind::Webhook, self.0.id)
    }

    /// Where messages are POSTed.
    async fn url(&self) -> &str {
        &self.0.url
    }

    /// What the webhook is for, in the administrators' words.
    async fn description(&self) -> &str {
        &self.0.description
    }

    /// The events it is sent.
    async fn events(&self) -> Vec<WebhookEvent> {
        WebhookEvent::split(&self.0.events)
    }

    /// Whether messages are sent to it.
    async fn state(&self) -> WebhookState {
        self.0.state
    }

    /// Why it is disabled: after a day of failed tries, or by an administrator.
    async fn disabled_reason(&self) -> Option<&str> {
        self.0.disabled_reason.as_deref()
    }

    /// When it was disabled.
    async fn disabled_at(&self) -> Option<DateTime<Utc>> {
        self.0.disabled_at
    }

    /// The first failed try since the last delivered message; null while it answers.
    async fn failing_since(&self) -> Option<DateTime<Utc>> {
        self.0.failing_since
    }

    /// When it was registered.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When an administrator (or its failures) last changed it.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

/// One try of a delivery.
#[derive(SimpleObject)]
pub struct WebhookAttempt {
    /// When it was made.
    pub tried_at: DateTime<Utc>,
    /// The endpoint's answer, if one came.
    pub status_code: Option<i32>,
    /// How long the try took, in milliseconds.
    pub duration_ms: i64,
    /// Why it failed; null when delivered.
    pub error: Option<DeliveryError>,
    /// When the next try is due; null when delivered or given up.
    pub next_try_at: Option<DateTime<Utc>>,
}

impl From<Attempt> for WebhookAttempt {
    fn from(a: Attempt) -> Self {
        WebhookAttempt {
            tried_at: a.tried_at,
            status_code: a.status_code,
            duration_ms: a.duration_ms,
            error: a.error,
            next_try_at: a.next_try_at,
        }
    }
}

/// A delivery with its tries.
pub struct WebhookDelivery(pub DeliveryLog);

/// One message to one webhook, with every try.
#[Object]
impl WebhookDelivery {
    /// Global id of the delivery, for `redeliverWebhook`.
    async fn id(&self) -> ID {
        ids::encode(NodeKind::WebhookDelivery, self.0.delivery.id)
    }

    /// The `webhook-id` header: the same on every try, so a receiver can drop a
    /// message it already has.
    async fn message_id(&self) -> &str {
        &self.0.delivery.message_id
    }

    /// The event, by its wire name (e.g. `article.published`).
    async fn event(&self) -> &str {
        &self.0.delivery.event
    }

    /// The body sent, exactly.
    async fn payload(&self) -> &str {
        &self.0.delivery.body
    }

    /// Where the delivery is.
    async fn state(&self) -> DeliveryState {
        self.0.delivery.state
    }

    /// Tries made since it was queued (or queued again).
    async fn tries(&self) -> i32 {
        self.0.delivery.tries
    }

    /// When the next try is due (while pending).
    async fn next_try_at(&self) -> Option<DateTime<Utc>> {
        (self.0.delivery.state == DeliveryState::Pending).then_some(self.0.delivery.next_try_at)
    }

    /// The status of the last answer.
    async fn last_status(&self) -> Option<i32> {
        self.0.delivery.last_status
    }

    /// When it was queued.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.delivery.created_at
    }

    /// When the endpoint took it.
    async fn delivered_at(&self) -> Option<DateTime<Utc>> {
        self.0.delivery.delivered_at
    }

    /// Every try, oldest first.
    async fn attempts(&self) -> Vec<WebhookAttempt> {
        self.0
            .attempts
            .iter()
            .cloned()
            .map(WebhookAttempt::from)
            .collect()
    }
}

connection!(
    WebhookDeliveryConnection,
    WebhookDeliveryEdge,
    WebhookDelivery,
    "a webhook's deliveries, newest first"
);

/// A webhook to register.
#[derive(InputObject)]
pub struct CreateWebhookInput {
    /// Where to POST messages: an http or https URL whose host resolves to public
    /// addresses only (unless `WEBHOOK_ALLOW_PRIVATE`).
    pub url: String,
    /// The events to send: at least one.
    pub events: Vec<WebhookEvent>,
    /// What it is for: at most 500 characters.
    pub description: Option<String>,
}

/// Changes to a webhook; a field left out stays as it is.
#[derive(InputObject)]
pub struct UpdateWebhookInput {
    /// A new address, checked as on registration.
    pub url: Option<String>,
    /// The events to send from now on: at least one.
    pub events: Option<Vec<WebhookEvent>>,
    /// A new description: at most 500 characters.
    pub description: Option<String>,
    /// `true` enables a disabled webhook (its pending messages are sent at once);
    /// `false` disables it.
    pub enabled: Option<bool>,
}

/// A webhook just registered.
#[derive(SimpleObject)]
pub struct CreateWebhookPayload {
    /// The signing secret (`whsec_` and base64): shown this once. Verify the
    /// `webhook-signature` of each message with it, as Standard Webhooks libraries do.
    pub secret: String,
    /// The webhook registered.
    pub webhook: Webhook,
}

/// A webhook changed.
#[derive(SimpleObject)]
pub struct UpdateWebhookPayload {
    /// The webhook as it is now.
    pub webhook: Webhook,
}

/// The outcome of `deleteWebhook`.
#[derive(SimpleObject)]
pub struct DeleteWebhookPayload {
    /// Whether there was such a webhook.
    pub deleted: bool,
}

/// A delivery queued again.
#[derive(SimpleObject)]
pub struct RedeliverWebhookPayload {
    /// The delivery, pending again.
    pub delivery: WebhookDelivery,
}

fn held<'a>(ctx: &Context<'a>) -> &'a Webhooks {
    ctx.data_unchecked::<Webhooks>()
}

#[derive(Default)]
pub struct WebhookQuery;

#[Object]
impl WebhookQuery {
    /// Every webhook, oldest first, with its state (ADMIN only).
    async fn webhooks(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Webhook>> {
        let rows = webhooks::list(ctx.db(), ctx.viewer()).await?;
        Ok(rows.into_iter().map(Webhook).collect())
    }

    /// A webhook's deliveries, newest first, each with its tries (ADMIN only).
    #[graphql(complexity = "connection::cost(first, None, child_complexity)")]
    async fn webhook_deliveries(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the webhook.")] webhook_id: ID,
        #[graphql(desc = "How many, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "`pageInfo.endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<WebhookDeliveryConnection> {
        let id = ids::decode_as(&webhook_id, NodeKind::Webhook, "webhookId")?;
        let request = connection::page::<DeliveryKey>(first, after, None, None)?;
        let page = webhooks::deliveries(ctx.db(), ctx.viewer(), id, &request).await?;
        let edges = connection::edges(page, |d| DeliveryKey::of(&d.delivery), WebhookDelivery);
        let db = ctx.db().clone();
        Ok(WebhookDeliveryConnection::new(
            edges,
            TotalCount::new(move || {
                let db = db.clone();
                Box::pin(async move { crate::store::webhooks::count_deliveries(&db, id).await })
            }),
        ))
    }
}

#[derive(Default)]
pub struct WebhookMutation;

#[Object]
impl WebhookMutation {
    /// Registers a webhook (ADMIN only). The answer is the only place its signing
    /// secret is shown.
    async fn create_webhook(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Where to send, which events, and what for.")] input: CreateWebhookInput,
    ) -> async_graphql::Result<CreateWebhookPayload> {
        let input = NewWebhook {
            url: input.url,
            events: input.events,
            description: input.description,
        };
        let created =
            webhooks::create(ctx.db(), ctx.viewer(), held(ctx).policy, input, ctx.now()).await?;
        Ok(CreateWebhookPayload {
            secret: created.secret,
            webhook: Webhook(created.endpoint),
        })
    }

    /// Changes a webhook (ADMIN only); `enabled: true` enables a disabled one again.
    async fn update_webhook(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the webhook.")] id: ID,
        #[graphql(desc = "What to change.")] input: UpdateWebhookInput,
    ) -> async_graphql::Result<UpdateWebhookPayload> {
        let id = ids::decode_as(&id, NodeKind::Webhook, "id")?;
        let changes = WebhookChanges {
            url: input.url,
            events: input.events,
            description: input.description,
            enabled: input.enabled,
        };
        let endpoint =
            webhooks::update(ctx.db(), ctx.viewer(), held(ctx), id, changes, ctx.now()).await?;
        Ok(UpdateWebhookPayload {
            webhook: Webhook(endpoint),
        })
    }

    /// Deletes a webhook with its delivery log (ADMIN only).
    async fn delete_webhook(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the webhook.")] id: ID,
    ) -> async_graphql::Result<DeleteWebhookPayload> {
        let id = ids::decode_as(&id, NodeKind::Webhook, "id")?;
        let deleted = webhooks::delete(ctx.db(), ctx.viewer(), id).await?;
        Ok(DeleteWebhookPayload { deleted })
    }

    /// Sends a delivery again (ADMIN only): queued now with a fresh count of tries,
    /// the same `webhook-id` and body, ahead of later messages to the webhook.
    async fn redeliver_webhook(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the delivery.")] delivery_id: ID,
    ) -> async_graphql::Result<RedeliverWebhookPayload> {
        let id = ids::decode_as(&delivery_id, NodeKind::WebhookDelivery, "deliveryId")?;
        let delivery =
            webhooks::redeliver(ctx.db(), ctx.viewer(), held(ctx), id, ctx.now()).await?;
        let attempts = crate::store::webhooks::attempts(ctx.db(), &[delivery.id]).await?;
        Ok(RedeliverWebhookPayload {
            delivery: WebhookDelivery(DeliveryLog { delivery, attempts }),
        })
    }
}
