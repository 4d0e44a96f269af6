use sea_orm::entity::prelude::*;

use crate::domain::DeliveryError;

/// One try of a delivery.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_attempts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub delivery_id: Uuid,
    pub tried_at: DateTimeUtc,
    /// The answer's status, if one came.
    pub status_code: Option<i32>,
    pub duration_ms: i64,
    /// Why it failed; `None` when delivered.
    pub error: Option<DeliveryError>,
    /// When the next try is due; `None` when delivered or given up.
    pub next_try_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
