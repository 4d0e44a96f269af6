//! The editorial workflow: DRAFT → IN_REVIEW → PUBLISHED (now or scheduled) →
//! ARCHIVED, back to DRAFT when unpublished, and deletion.
//!
//! Each step is one conditional UPDATE on the status and version the decision was
//! based on, so two people acting at once cannot both move the same article.

use chrono::{DateTime, Duration, SubsecRound, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::{
    auth::{Action, Viewer, authorize, viewer},
    domain::{ArticleStatus, ChangeKind},
    editorial::{articles, tx},
    entity::article,
    error::{AppError, AppResult},
    store::changes::NewChange,
};

/// How far in the past a publication time may lie and still mean "now": a client's
/// clock may run a little behind ours.
const PAST_TOLERANCE_SECS: i64 = 60;

/// Sends a DRAFT to the editors (its author, or an editor) at `now`.
pub async fn submit_for_review(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<article::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::CreateArticle)?;
    let current = articles::find(db, id).await?;
    super::corrections::ensure_not_retracted(&current)?;
    authorize(
        &viewer,
        Action::SubmitForReview {
            author_id: current.author_id,
        },
    )?;
    if current.status != ArticleStatus::Draft {
        return Err(AppError::Conflict(
            "only a draft can be submitted for review".into(),
        ));
    }
    transition(db, &viewer, &current, ArticleStatus::InReview, None, now).await
}

/// Publishes at `now`, or at `at` when that lies in the future (scheduled: the
/// article becomes public when its time comes). A scheduled article may be
/// rescheduled.
pub async fn publish(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> AppResult<article::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::Publish)?;
    let when = match at.map(|at| at.trunc_subsecs(6)) {
        None => now,
        Some(at) if at < now - Duration::seconds(PAST_TOLERANCE_SECS) => {
            return Err(AppError::bad_input("at", "must not lie in the past"));
        }
        Some(at) => at.max(now),
    };
    let current = articles::find(db, id).await?;
    super::corrections::ensure_not_retracted(&current)?;
    let live = current.status == ArticleStatus::Published
        && current.published_at.is_some_and(|t| t <= now);
    if live {
        return Err(AppError::Conflict(
            "the article is already published".into(),
        ));
    }
    transition(
        db,
        &viewer,
        &current,
        ArticleStatus::Published,
        Some(Some(when)),
        now,
    )
    .await
}

/// Takes an article back to DRAFT at `now`: out of review, out of the schedule, or
/// off the site. Its slugs keep resolving once it is published again.
pub async fn unpublish(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<article::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::Unpublish)?;
    let current = articles::find(db, id).await?;
    super::corrections::ensure_not_retracted(&current)?;
    if current.status == ArticleStatus::Draft {
        return Err(AppError::Conflict("the article is already a draft".into()));
    }
    transition(db, &viewer, &current, ArticleStatus::Draft, Some(None), now).await
}

/// Withdraws a published article from public view at `now`, keeping it (and its
/// date).
pub async fn archive(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<article::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::Archive)?;
    let current = articles::find(db, id).await?;
    if current.status != ArticleStatus::Published {
        return Err(AppError::Conflict(
            "only a published article can be archived".into(),
        ));
    }
    transition(db, &viewer, &current, ArticleStatus::Archived, None, now).await
}

/// Deletes an article with everything that hangs on it (tags links, quotes, slug
/// history, comments). Authors may delete their own drafts; editors anything.
pub async fn delete_article(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::CreateArticle)?;
    let current = articles::find(db, id).await?;
    authorize(
        &viewer,
        Action::DeleteArticle {
            author_id: current.author_id,
            status: current.status,
        },
    )?;
    // Conditional on the status the permission was decided on: an author's draft
    // submitted in the meantime is no longer theirs to delete.
    let txn = tx::begin_write(db).await?;
    let result = async {
        let deleted = article::Entity::delete_many()
            .filter(article::Column::Id.eq(id))
            .filter(article::Column::Status.eq(current.status))
            .exec(&txn)
            .await?;
        if deleted.rows_affected != 1 {
            return Err(AppError::Conflict(
                "the article was changed meanwhile: reload it".into(),
            ));
        }
        Ok(())
    }
    .await;
    tx::finish_recorded(txn, result, now, |()| {
        [NewChange::article(ChangeKind::ArticleDeleted, &current)]
    })
    .await
}

/// Moves `current` to `status` (and `published_at`, when given) at `now` if nobody
/// changed it since it was read.
async fn transition(
    db: &DatabaseConnection,
    viewer: &Viewer,
    current: &article::Model,
    status: ArticleStatus,
    published_at: Option<Option<DateTime<Utc>>>,
    now: DateTime<Utc>,
) -> AppResult<article::Model> {
    let mut changes = article::ActiveModel {
        status: Set(status),
        version: Set(current.version + 1),
        updated_by: Set(viewer.user_id()),
        updated_at: Set(now),
        ..Default::default()
    };
    if let Some(published_at) = published_at {
        changes.published_at = Set(published_at);
        // Published for now is announced with this very write; scheduled, it is
        // claimed when its moment comes (see `announce`); taken back, it is not.
        let public_now =
            status == ArticleStatus::Published && published_at.is_some_and(|t| t <= now);
        changes.announced_at = Set(public_now.then_some(now));
    }
    let txn = tx::begin_write(db).await?;
    let result = async {
        let updated = article::Entity::update_many()
            .set(changes)
            .filter(article::Column::Id.eq(current.id))
            .filter(article::Column::Version.eq(current.version))
            .filter(article::Column::Status.eq(current.status))
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(articles::stale(current.version));
        }
        articles::find(&txn, current.id).await
    }
    .await;
    tx::finish_recorded(txn, result, now, |article| {
        [NewChange::article(change_kind(article, now), article)]
    })
    .await
}

/// What moving an article to its present state changed for readers.
fn change_kind(article: &article::Model, now: DateTime<Utc>) -> ChangeKind {
    match article.status {
        ArticleStatus::Draft => ChangeKind::ArticleUnpublished,
        ArticleStatus::InReview => ChangeKind::ArticleSubmitted,
        ArticleStatus::Archived => ChangeKind::ArticleArchived,
        ArticleStatus::Retracted => ChangeKind::ArticleRetracted,
        ArticleStatus::Published if article.published_at.is_some_and(|t| t <= now) => {
            ChangeKind::ArticlePublished
        }
        ArticleStatus::Published => ChangeKind::ArticleScheduled,
    }
}
