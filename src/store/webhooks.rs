//! Reading and writing webhook endpoints, their deliveries and each try, and the
//! cursor of the fan-out.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, Statement, Value, sea_query::OnConflict,
};
use uuid::Uuid;

use crate::{
    domain::{DeliveryState, EndpointKind, WebhookState},
    entity::{webhook_attempt, webhook_delivery, webhook_endpoint},
    error::AppResult,
    store::page::{self, CursorKey, KeyOrder, Page, PageRequest},
};

pub use webhook_attempt::Model as Attempt;
pub use webhook_delivery::Model as Delivery;
pub use webhook_endpoint::Model as Endpoint;

/// Saves a new endpoint.
pub async fn insert_endpoint(db: &impl ConnectionTrait, endpoint: Endpoint) -> AppResult<Endpoint> {
    Ok(endpoint.into_active_model().reset_all().insert(db).await?)
}

/// Saves a hub's endpoint unless it is there already (another instance may be
/// saving it at the same moment).
pub async fn ensure_endpoint(db: &impl ConnectionTrait, endpoint: Endpoint) -> AppResult<()> {
    webhook_endpoint::Entity::insert(endpoint.into_active_model().reset_all())
        .on_conflict(
            OnConflict::column(webhook_endpoint::Column::Id)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Saves every field of `endpoint`.
pub async fn save_endpoint(db: &impl ConnectionTrait, endpoint: Endpoint) -> AppResult<Endpoint> {
    Ok(endpoint.into_active_model().reset_all().update(db).await?)
}

/// The endpoint `id` of `kind`.
pub async fn endpoint(
    db: &impl ConnectionTrait,
    kind: EndpointKind,
    id: Uuid,
) -> AppResult<Option<Endpoint>> {
    Ok(webhook_endpoint::Entity::find_by_id(id)
        .filter(webhook_endpoint::Column::Kind.eq(kind))
        .one(db)
        .await?)
}

/// Every endpoint of `kind`, oldest first.
pub async fn endpoints(db: &impl ConnectionTrait, kind: EndpointKind) -> AppResult<Vec<Endpoint>> {
    Ok(webhook_endpoint::Entity::find()
        .filter(webhook_endpoint::Column::Kind.eq(kind))
        .order_by_asc(webhook_endpoint::Column::CreatedAt)
        .order_by_asc(webhook_endpoint::Column::Id)
        .all(db)
        .await?)
}

/// Every endpoint messages are sent to now.
pub async fn active_endpoints(db: &impl ConnectionTrait) -> AppResult<Vec<Endpoint>> {
    Ok(webhook_endpoint::Entity::find()
        .filter(webhook_endpoint::Column::State.eq(WebhookState::Active))
        .order_by_asc(webhook_endpoint::Column::CreatedAt)
        .order_by_asc(webhook_endpoint::Column::Id)
        .all(db)
        .await?)
}

/// Deletes endpoint `id` of `kind` with its deliveries; whether there was one.
pub async fn delete_endpoint(
    db: &impl ConnectionTrait,
    kind: EndpointKind,
    id: Uuid,
) -> AppResult<bool> {
    // Children first: SQLite enforces the cascade only with foreign keys on.
    let deliveries: Vec<Uuid> = webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::EndpointId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.id)
        .collect();
    if endpoint(db, kind, id).await?.is_none() {
        return Ok(false);
    }
    for chunk in deliveries.chunks(500) {
        webhook_attempt::Entity::delete_many()
            .filter(webhook_attempt::Column::DeliveryId.is_in(chunk.to_vec()))
            .exec(db)
            .await?;
    }
    webhook_delivery::Entity::delete_many()
        .filter(webhook_delivery::Column::EndpointId.eq(id))
        .exec(db)
        .await?;
    let deleted = webhook_endpoint::Entity::delete_by_id(id).exec(db).await?;
    Ok(deleted.rows_affected > 0)
}

/// Queues `deliveries`.
pub async fn insert_deliveries(
    db: &impl ConnectionTrait,
    deliveries: Vec<Delivery>,
) -> AppResult<()> {
    for chunk in deliveries.chunks(200) {
        webhook_delivery::Entity::insert_many(
            chunk
                .iter()
                .cloned()
                .map(|d| d.into_active_model().reset_all()),
        )
        .exec(db)
        .await?;
    }
    Ok(())
}

/// The first pending delivery of every active endpoint: the only one of each that
/// may be sent, so that an endpoint receives its messages in order.
pub async fn heads(db: &impl ConnectionTrait) -> AppResult<Vec<Delivery>> {
    let backend = db.get_database_backend();
    // Literals only: the same text on both engines.
    let sql = "SELECT d.* FROM webhook_deliveries d \
        JOIN webhook_endpoints e ON e.id = d.endpoint_id \
        WHERE d.state = 'PENDING' AND e.state = 'ACTIVE' \
        AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p \
            WHERE p.endpoint_id = d.endpoint_id AND p.state = 'PENDING' \
            AND (p.change_seq < d.change_seq \
                OR (p.change_seq = d.change_seq AND p.topic < d.topic)))";
    Ok(webhook_delivery::Entity::find()
        .from_raw_sql(Statement::from_string(backend, sql))
        .all(db)
        .await?)
}

/// Claims delivery `id` until `until`, if it is due at `now` and no live claim holds
/// it: whether this caller holds it now. Claims are compare-and-set on the row, so
/// two instances never both send one try; a claim whose holder died lapses.
pub async fn claim(
    db: &impl ConnectionTrait,
    id: Uuid,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> AppResult<bool> {
    use sea_orm::sea_query::{Condition, Expr};
    let done = webhook_delivery::Entity::update_many()
        .col_expr(webhook_delivery::Column::ClaimedUntil, Expr::value(until))
        .filter(webhook_delivery::Column::Id.eq(id))
        .filter(webhook_delivery::Column::State.eq(DeliveryState::Pending))
        .filter(webhook_delivery::Column::NextTryAt.lte(now))
        .filter(
            Condition::any()
                .add(webhook_delivery::Column::ClaimedUntil.is_null())
                .add(webhook_delivery::Column::ClaimedUntil.lt(now)),
        )
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Saves a try of a delivery.
pub async fn insert_attempt(db: &impl ConnectionTrait, attempt: Attempt) -> AppResult<()> {
    attempt.into_active_model().reset_all().insert(db).await?;
    Ok(())
}

/// Saves every field of `delivery`.
pub async fn save_delivery(db: &impl ConnectionTrait, delivery: Delivery) -> AppResult<Delivery> {
    Ok(delivery.into_active_model().reset_all().update(db).await?)
}

/// Delivery `id`, with its endpoint.
pub async fn delivery(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> AppResult<Option<(Delivery, Endpoint)>> {
    let Some(delivery) = webhook_delivery::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let endpoint = webhook_endpoint::Entity::find_by_id(delivery.endpoint_id)
        .one(db)
        .await?;
    Ok(endpoint.map(|e| (delivery, e)))
}

/// The soonest moment a pending delivery of an active endpoint is due.
pub async fn next_due(db: &impl ConnectionTrait) -> AppResult<Option<DateTime<Utc>>> {
    Ok(heads(db)
        .await?
        .into_iter()
        .map(|d| match d.claimed_until {
            Some(claim) => d.next_try_at.max(claim),
            None => d.next_try_at,
        })
        .min())
}

/// Makes the pending deliveries of endpoint `id` due at `now` (it was enabled again).
pub async fn due_now(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> AppResult<()> {
    webhook_delivery::Entity::update_many()
        .col_expr(
            webhook_delivery::Column::NextTryAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(webhook_delivery::Column::EndpointId.eq(id))
        .filter(webhook_delivery::Column::State.eq(DeliveryState::Pending))
        .filter(webhook_delivery::Column::NextTryAt.gt(now))
        .exec(db)
        .await?;
    Ok(())
}

/// The position of a delivery in an endpoint's log: newest first.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DeliveryKey(pub i64, pub Uuid);

impl CursorKey for DeliveryKey {
    const KIND: &'static str = "webhookDelivery";
    fn values(&self) -> (Value, Value) {
        (self.0.into(), self.1.into())
    }
}

impl DeliveryKey {
    pub fn of(d: &Delivery) -> Self {
        DeliveryKey(d.change_seq, d.id)
    }
}

/// A page of endpoint `id`'s deliveries, newest first.
pub async fn deliveries(
    db: &impl ConnectionTrait,
    endpoint_id: Uuid,
    request: &PageRequest<DeliveryKey>,
) -> AppResult<Page<Delivery>> {
    page::fetch(
        db,
        webhook_delivery::Entity::find()
            .filter(webhook_delivery::Column::EndpointId.eq(endpoint_id)),
        KeyOrder {
            columns: (
                webhook_delivery::Column::ChangeSeq,
                webhook_delivery::Column::Id,
            ),
            descending: true,
        },
        request,
    )
    .await
}

/// How many deliveries endpoint `id` has.
pub async fn count_deliveries(db: &impl ConnectionTrait, endpoint_id: Uuid) -> AppResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::EndpointId.eq(endpoint_id))
        .count(db)
        .await?)
}

/// Every try of the deliveries `ids`, oldest first.
pub async fn attempts(db: &impl ConnectionTrait, ids: &[Uuid]) -> AppResult<Vec<Attempt>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(webhook_attempt::Entity::find()
        .filter(webhook_attempt::Column::DeliveryId.is_in(ids.to_vec()))
        .order_by_asc(webhook_attempt::Column::TriedAt)
        .order_by_asc(webhook_attempt::Column::Id)
        .all(db)
        .await?)
}

/// Sets `endpoint`'s state columns (only), so a concurrent edit of its URL or
/// events is not undone by the delivery worker.
pub async fn set_health(db: &impl ConnectionTrait, endpoint: &Endpoint) -> AppResult<()> {
    webhook_endpoint::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(endpoint.id),
        state: Set(endpoint.state),
        disabled_reason: Set(endpoint.disabled_reason.clone()),
        disabled_at: Set(endpoint.disabled_at),
        failing_since: Set(endpoint.failing_since),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Deletes the deliveries finished (delivered or given up) that were queued before
/// `before`, with their tries; returns how many deliveries.
pub async fn prune(db: &impl ConnectionTrait, before: DateTime<Utc>) -> AppResult<u64> {
    use sea_orm::{QuerySelect, QueryTrait};
    let finished = || {
        webhook_delivery::Entity::find()
            .filter(webhook_delivery::Column::State.ne(DeliveryState::Pending))
            .filter(webhook_delivery::Column::CreatedAt.lt(before))
    };
    webhook_attempt::Entity::delete_many()
        .filter(
            webhook_attempt::Column::DeliveryId.in_subquery(
                finished()
                    .select_only()
                    .column(webhook_delivery::Column::Id)
                    .into_query(),
            ),
        )
        .exec(db)
        .await?;
    Ok(webhook_delivery::Entity::delete_many()
        .filter(webhook_delivery::Column::State.ne(DeliveryState::Pending))
        .filter(webhook_delivery::Column::CreatedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}
