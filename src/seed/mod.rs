//! Content for a fresh installation: the hand-written demo set, or a large
//! synthetic set for benchmarks.

pub mod bulk;
pub mod content;
pub mod demo;
pub mod photos;

use sea_orm::{ConnectionTrait, DbErr, EntityTrait, PaginatorTrait};

use crate::entity::{article, user};

/// Whether the database holds no content and no accounts yet.
pub async fn is_empty(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    let articles = article::Entity::find().count(db).await?;
    let users = user::Entity::find().count(db).await?;
    Ok(articles == 0 && users == 0)
}
