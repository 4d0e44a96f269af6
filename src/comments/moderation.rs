//! Moderating comments, and readers changing their own.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait};
use uuid::Uuid;

use super::{HOLD_LINKS, MAX_BODY, posting::editable_by_author};
use crate::{
    auth::{
        permissions::{Action, allowed, authorize},
        viewer::{self, Viewer},
    },
    domain::{ChangeKind, CommentStatus},
    editorial::tx,
    entity::comment,
    error::{AppError, AppResult},
    store::changes::NewChange,
};

/// The outcome of a change: the comment as it is now.
#[derive(Debug, Clone)]
pub struct Moderated {
    pub comment: comment::Model,
}

async fn load(db: &DatabaseConnection, id: Uuid) -> AppResult<comment::Model> {
    comment::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("comment"))
}

/// Sets a comment's status (MODERATOR, EDITOR, ADMIN) at `now`; a comment that
/// becomes public is announced to subscribers (through the record of changes).
pub async fn moderate(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    status: CommentStatus,
    now: DateTime<Utc>,
) -> AppResult<Moderated> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::ModerateComments)?;
    let found = load(db, id).await?;
    let was = found.status;
    let mut model: comment::ActiveModel = found.into();
    model.status = Set(status);
    model.updated_at = Set(now);
    let comment = save(db, model, now, |comment| moderation_change(was, comment)).await?;
    Ok(Moderated { comment })
}

/// What a moderator's decision changed for readers: nothing when the status stays.
fn moderation_change(was: CommentStatus, comment: &comment::Model) -> Option<NewChange> {
    let kind = match comment.status {
        status if status == was => return None,
        CommentStatus::Approved => ChangeKind::CommentApproved,
        // Refused, marked as spam, or back to the moderators: not public.
        _ => ChangeKind::CommentRejected,
    };
    Some(NewChange::comment(kind, comment))
}

/// Updates a comment at `now` in one transaction with what `describe` records of it.
async fn save<C: IntoIterator<Item = NewChange>>(
    db: &DatabaseConnection,
    model: comment::ActiveModel,
    now: DateTime<Utc>,
    describe: impl FnOnce(&comment::Model) -> C,
) -> AppResult<comment::Model> {
    let txn = tx::begin_write(db).await?;
    let result = model.update(&txn).await.map_err(AppError::from);
    tx::finish_recorded(txn, result, now, describe).await
}

/// Whether `viewer` wrote `comment` and may still change it at `now`.
fn own_and_recent(viewer: &Viewer, comment: &comment::Model, now: DateTime<Utc>) -> bool {
    viewer.user_id().is_some()
        && viewer.user_id() == comment.user_id
        && editable_by_author(comment, now)
}

/// Deletes a comment and its replies: moderators any, readers their own for
/// 15 minutes (until `now`).
pub async fn delete(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let viewer = viewer::refresh(db, viewer).await?;
    let found = load(db, id).await?;
    if !allowed(&viewer, Action::ModerateComments) && !own_and_recent(&viewer, &found, now) {
        authorize(&viewer, Action::ModerateComments)?;
    }
    let txn = tx::begin_write(db).await?;
    let result = comment::Entity::delete_by_id(found.id)
        .exec(&txn)
        .await
        .map(|_| ())
        .map_err(AppError::from);
    tx::finish_recorded(txn, result, now, |()| {
        [NewChange::comment(ChangeKind::CommentDeleted, &found)]
    })
    .await
}

/// Changes the text of one's own comment at `now`, within 15 minutes of posting. A
/// text that now holds links goes back to the moderators.
pub async fn edit(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    body: &str,
    now: DateTime<Utc>,
) -> AppResult<comment::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    let found = load(db, id).await?;
    if !own_and_recent(&viewer, &found, now) {
        return Err(if viewer.is_signed_in() {
            AppError::Forbidden
        } else {
            AppError::Unauthenticated
        });
    }
    let body = body.trim();
    if body.is_empty() || body.chars().count() > MAX_BODY {
        return Err(AppError::bad_input(
            "body",
            format!("1 to {MAX_BODY} characters"),
        ));
    }
    let links = super::posting::links(body);
    let mut model: comment::ActiveModel = found.into();
    model.body = Set(body.to_owned());
    if links >= HOLD_LINKS {
        model.status = Set(CommentStatus::Pending);
    }
    model.updated_at = Set(now);
    save(db, model, now, |comment| {
        [NewChange::comment(ChangeKind::CommentEdited, comment)]
    })
    .await
}
