use sea_orm::entity::prelude::*;

use crate::domain::{EndpointKind, WebhookState};

/// Where outgoing messages go: an administrator's webhook or a WebSub hub.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_endpoints")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: EndpointKind,
    pub url: String,
    pub description: String,
    /// Wire names of the events it takes, comma-separated (`WebhookEvent::join`).
    #[sea_orm(column_type = "Text")]
    pub events: String,
    /// `whsec_` and the base64 of the signing key; empty for a hub.
    pub secret: String,
    pub state: WebhookState,
    #[sea_orm(column_type = "Text", nullable)]
    pub disabled_reason: Option<String>,
    pub disabled_at: Option<DateTimeUtc>,
    /// The first failed try since the last delivered one.
    pub failing_since: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
