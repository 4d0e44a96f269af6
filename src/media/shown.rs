//! What shows an image changes with it. An article's cover and gallery, and a
//! meeting's or a person's photo, are part of what their answers say (texts,
//! addresses of crops); so when an image's texts change, or its crops are made
//! again, each thing showing it is marked changed in the same transaction: its
//! `updatedAt` moves and its change is recorded, as an edit of the thing itself
//! would be. From the record, caches purge its answers (its `a:`, `m:` or `p:`
//! tag), delta sync lists it again and webhooks tell of it; its `ETag`s change with
//! its answers.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::{
    domain::ChangeKind,
    error::AppResult,
    store::{
        self,
        changes::{self, NewChange},
    },
};

/// Marks everything showing image `id` changed at `now`, inside the caller's
/// transaction; whether anything shows it. The record of changes is written last,
/// as [`changes::append`] asks.
pub async fn changed(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> AppResult<bool> {
    let shown = store::media::shown_by(db, id).await?;
    if shown.is_empty() {
        return Ok(false);
    }
    store::media::touch_shown(db, &shown, now).await?;
    let records: Vec<NewChange> = shown
        .articles
        .iter()
        .map(|a| NewChange::article(ChangeKind::ArticleUpdated, a))
        .chain(
            shown
                .meetings
                .iter()
                .map(|m| NewChange::of(ChangeKind::MeetingChanged, *m)),
        )
        .chain(
            shown
                .participants
                .iter()
                .map(|p| NewChange::of(ChangeKind::ParticipantChanged, *p)),
        )
        .collect();
    changes::append_all(db, records, now).await?;
    Ok(true)
}
