//! Whole comment threads under a set of comments, for clients that take a thread at once.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::comments::CommentAccess;
use crate::{domain::CommentStatus, entity::comment, error::AppResult};

/// The most levels of replies followed below a comment. Posting nests replies to a
/// fixed depth well under this; the bound only keeps a broken row from looping.
pub const MAX_REPLY_LEVELS: usize = 16;

/// Every reply `access` may see below each of `roots`, at any depth, oldest first,
/// one statement per level. A reply is only reached through replies that may be
/// seen themselves, so hiding a comment hides what answers it.
pub async fn replies_below(
    db: &impl ConnectionTrait,
    access: CommentAccess,
    roots: &[Uuid],
) -> AppResult<Vec<comment::Model>> {
    let mut found = Vec::new();
    let mut parents: Vec<Uuid> = roots.to_vec();
    for _ in 0..MAX_REPLY_LEVELS {
        if parents.is_empty() {
            break;
        }
        let mut select = comment::Entity::find()
            .filter(comment::Column::ParentId.is_in(parents.iter().copied()))
            .order_by_asc(comment::Column::CreatedAt)
            .order_by_asc(comment::Column::Id);
        if access == CommentAccess::Public {
            select = select.filter(comment::Column::Status.eq(CommentStatus::Approved));
        }
        let level = select.all(db).await?;
        parents = level.iter().map(|c| c.id).collect();
        found.extend(level);
    }
    found.sort_by_key(|c| (c.created_at, c.id));
    Ok(found)
}
