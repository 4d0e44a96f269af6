//! The consumers' cursors: for each service that acts on the record of changes once
//! for the whole cluster (cache purges, webhook fan-out), the sequence of the last
//! change it has claimed. Instances move a cursor by compare-and-set: whoever moves it
//! from `seq` acts on the changes after `seq`, and no one else does.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};

use crate::{
    entity::consumer_cursor::{Column, Entity},
    error::{AppError, AppResult},
};

/// A consumer of the record of changes that acts once per change for all instances.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Consumer {
    /// Purges sent to the HTTP cache.
    CachePurges,
    /// Webhook messages queued for delivery.
    WebhookFanout,
}

impl Consumer {
    /// The cursor's row key.
    fn name(self) -> &'static str {
        match self {
            Self::CachePurges => "cache_purges",
            Self::WebhookFanout => "webhook_fanout",
        }
    }
}

/// The sequence of the last change `consumer` has claimed.
pub async fn read(db: &impl ConnectionTrait, consumer: Consumer) -> AppResult<i64> {
    Entity::find_by_id(consumer.name())
        .one(db)
        .await?
        .map(|row| row.seq)
        .ok_or_else(|| AppError::Internal(format!("the cursor of {consumer:?} is missing")))
}

/// Moves `consumer`'s cursor from `from` to `to`; false when another instance moved it
/// first (and so acts on that stretch itself).
pub async fn claim(
    db: &impl ConnectionTrait,
    consumer: Consumer,
    from: i64,
    to: i64,
) -> AppResult<bool> {
    let moved = Entity::update_many()
        .col_expr(Column::Seq, Expr::value(to))
        .filter(Column::Name.eq(consumer.name()))
        .filter(Column::Seq.eq(from))
        .exec(db)
        .await?
        .rows_affected;
    Ok(moved == 1)
}
