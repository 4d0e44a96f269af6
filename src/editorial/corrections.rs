//! Corrections and retractions of published articles (EDITOR, ADMIN).
//!
//! A correction is a dated note in the article's language, shown with the article
//! oldest first; it bumps the article's `updated_at` but not its `version`, since the
//! text an editor may be revising at the same time is unchanged. A retraction
//! withdraws the article for cause: its status becomes RETRACTED, which takes it out
//! of every list, feed, search and sitemap (they show PUBLISHED articles only), and
//! a notice (reason, time) remains for whoever opens its page. It is final: a
//! retracted article is not edited, published or corrected again.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::{
    auth::{Action, Viewer, authorize, viewer},
    domain::{ArticleStatus, ChangeKind},
    editorial::{articles, tx, validate},
    entity::{article, correction, retraction},
    error::{AppError, AppResult},
    store::{articles::ArticleScope, changes::NewChange},
};

/// Longest correction, in characters.
pub const CORRECTION_MAX: usize = 2_000;
/// Longest reason for a retraction, in characters.
pub const REASON_MAX: usize = 2_000;

/// Adds a correction with `text` (plain text, stored as typed and shown escaped) to
/// the published article `id` at `now`. `field` names the text as the client sent it.
pub async fn add_correction(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    text: &str,
    field: &str,
    now: DateTime<Utc>,
) -> AppResult<(article::Model, correction::Model)> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::Correct)?;
    let text = validate::text(field, text, CORRECTION_MAX)?;
    let current = articles::find(db, id).await?;
    if !ArticleScope::public(now).allows(&current) {
        return Err(AppError::Conflict(
            "only a published article can be corrected".into(),
        ));
    }
    let txn = tx::begin_write(db).await?;
    let result = async {
        // Conditional on its status: an article taken back meanwhile is not corrected.
        let touched = article::Entity::update_many()
            .set(article::ActiveModel {
                updated_at: Set(now),
                updated_by: Set(viewer.user_id()),
                ..Default::default()
            })
            .filter(article::Column::Id.eq(id))
            .filter(article::Column::Status.eq(ArticleStatus::Published))
            .exec(&txn)
            .await?;
        if touched.rows_affected != 1 {
            return Err(AppError::Conflict(
                "the article was changed meanwhile: reload it".into(),
            ));
        }
        let added = correction::ActiveModel {
            id: Set(Uuid::now_v7()),
            article_id: Set(id),
            text: Set(text),
            created_by: Set(viewer.user_id()),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
        Ok((articles::find(&txn, id).await?, added))
    }
    .await;
    tx::finish_recorded(txn, result, now, |(article, _)| {
        [NewChange::article(ChangeKind::ArticleCorrected, article)]
    })
    .await
}

/// Retracts the published article `id` at `now` for `reason` (plain text, shown in
/// the public notice). `field` names the reason as the client sent it.
pub async fn retract(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    reason: &str,
    field: &str,
    now: DateTime<Utc>,
) -> AppResult<article::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::Retract)?;
    let reason = validate::text(field, reason, REASON_MAX)?;
    let current = articles::find(db, id).await?;
    if !ArticleScope::public(now).allows(&current) {
        return Err(AppError::Conflict(
            "only a published article can be retracted".into(),
        ));
    }
    let txn = tx::begin_write(db).await?;
    let result = async {
        let updated = article::Entity::update_many()
            .set(article::ActiveModel {
                status: Set(ArticleStatus::Retracted),
                version: Set(current.version + 1),
                updated_at: Set(now),
                updated_by: Set(viewer.user_id()),
                ..Default::default()
            })
            .filter(article::Column::Id.eq(id))
            .filter(article::Column::Version.eq(current.version))
            .filter(article::Column::Status.eq(ArticleStatus::Published))
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(articles::stale(current.version));
        }
        retraction::ActiveModel {
            article_id: Set(id),
            reason: Set(reason),
            retracted_by: Set(viewer.user_id()),
            retracted_at: Set(now),
        }
        .insert(&txn)
        .await?;
        articles::find(&txn, id).await
    }
    .await;
    tx::finish_recorded(txn, result, now, |article| {
        [NewChange::article(ChangeKind::ArticleRetracted, article)]
    })
    .await
}

/// Refuses any change to a retracted article: its notice is what remains of it.
pub(crate) fn ensure_not_retracted(article: &article::Model) -> AppResult<()> {
    if article.status == ArticleStatus::Retracted {
        return Err(AppError::Conflict(
            "the article is retracted and can no longer be changed".into(),
        ));
    }
    Ok(())
}
