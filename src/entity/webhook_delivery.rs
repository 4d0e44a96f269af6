use sea_orm::entity::prelude::*;

use crate::domain::DeliveryState;

/// One message to one endpoint, tried until it is delivered or given up.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_deliveries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub endpoint_id: Uuid,
    /// The change it tells of: messages to one endpoint go in this order.
    pub change_seq: i64,
    /// The feed a WebSub ping names; empty for a webhook.
    pub topic: String,
    /// Sent as `webhook-id`, the same on every try.
    pub message_id: String,
    /// The event's wire name (`websub.publish` for a hub's ping).
    pub event: String,
    /// Exactly the bytes sent (and signed).
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub state: DeliveryState,
    /// Tries made so far.
    pub tries: i32,
    pub next_try_at: DateTimeUtc,
    /// An instance sending it holds it until then.
    pub claimed_until: Option<DateTimeUtc>,
    /// The status of the last answer.
    pub last_status: Option<i32>,
    pub created_at: DateTimeUtc,
    pub delivered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
