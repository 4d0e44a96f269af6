//! Announcing articles to `articlePublished` subscribers when they become public:
//! at once when published for now, at their moment when scheduled. Like every event
//! (see [`events`](crate::events)), an announcement reaches the subscribers of the
//! instance that handled the write; an instance that starts takes over the schedule
//! of articles still to come, so a restart loses none. Moments are those of the
//! service's [`Clock`].

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::{
    domain::{ArticleStatus, time::Clock},
    entity::article,
    error::AppResult,
    events::Events,
    store::articles::{self, ArticleScope},
};

/// The most scheduled articles an instance takes over when it starts.
const RESUMED_AT_MOST: u64 = 1_000;

/// Announces `article` if it is public now; if it is scheduled, arranges to
/// announce it when `clock` reaches its moment. Anything else is not announced.
pub fn published(
    db: &DatabaseConnection,
    events: &Events,
    clock: &Clock,
    article: &article::Model,
) {
    let Some(at) = article.published_at else {
        return;
    };
    if article.status != ArticleStatus::Published {
        return;
    }
    if at <= clock.now() {
        events.article_published(article);
        return;
    }
    let (db, events, clock, id) = (db.clone(), events.clone(), clock.clone(), article.id);
    tokio::spawn(async move {
        clock.sleep_until(at).await;
        announce_if_still_due(&db, &events, id, at, clock.now()).await;
    });
}

/// The article as it is `now` decides: unpublished or moved to another moment since
/// it was scheduled, it is not announced for this one.
async fn announce_if_still_due(
    db: &DatabaseConnection,
    events: &Events,
    id: Uuid,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) {
    match articles::find(db, &ArticleScope::public(now), id).await {
        Ok(Some(current)) if current.published_at == Some(at) => {
            events.article_published(&current);
        }
        Ok(_) => {}
        Err(err) => {
            tracing::warn!(error = ?err, article = %id, "a scheduled article could not be announced")
        }
    }
}

/// Arranges the announcements of the articles scheduled for later than `clock`'s
/// now.
pub async fn resume(db: &DatabaseConnection, events: &Events, clock: &Clock) -> AppResult<()> {
    for article in articles::scheduled(db, clock.now(), RESUMED_AT_MOST).await? {
        published(db, events, clock, &article);
    }
    Ok(())
}
