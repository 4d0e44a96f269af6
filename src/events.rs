//! Things that happened, for live subscribers on this instance.
//!
//! The events come from the change bus: [`relay`] turns the changes that any
//! instance committed into the events subscribers follow, so a comment approved
//! through one instance reaches the subscribers of every instance. A broadcast
//! channel per kind: a slow subscriber misses old events rather than holding
//! memory.

use std::sync::Arc;

use sea_orm::DatabaseConnection;
use tokio::{
    sync::broadcast::{self, error::RecvError},
    task::JoinHandle,
};

use crate::{
    bus::ChangeBus,
    domain::{ChangeKind, time::Clock},
    entity::{article, comment},
    error::AppResult,
    store::{self, articles::ArticleScope, changes::Change, comments::CommentAccess},
};

/// How many events a lagging subscriber may fall behind before it skips ahead.
const CAPACITY: usize = 256;

/// The event channels of one running service.
#[derive(Clone)]
pub struct Events {
    comments: broadcast::Sender<comment::Model>,
    articles: broadcast::Sender<article::Model>,
}

impl Default for Events {
    fn default() -> Self {
        Events {
            comments: broadcast::channel(CAPACITY).0,
            articles: broadcast::channel(CAPACITY).0,
        }
    }
}

impl Events {
    /// Comments from now on, as they become visible to the public.
    pub fn comments(&self) -> broadcast::Receiver<comment::Model> {
        self.comments.subscribe()
    }

    /// Articles from now on, as they become visible to the public.
    pub fn articles(&self) -> broadcast::Receiver<article::Model> {
        self.articles.subscribe()
    }

    /// Sends the event `change` makes, if any, read as the public sees it at `clock`'s
    /// now: a comment rejected or an article taken back since is not sent.
    async fn relay_one(
        &self,
        db: &DatabaseConnection,
        clock: &Clock,
        change: &Change,
    ) -> AppResult<()> {
        let scope = ArticleScope::public(clock.now());
        match change.kind {
            ChangeKind::CommentApproved => {
                let found =
                    store::comments::by_ids(db, CommentAccess::Public, &scope, &[change.entity_id])
                        .await?;
                for comment in found {
                    // No subscriber is not an error.
                    let _ = self.comments.send(comment);
                }
            }
            ChangeKind::ArticlePublished => {
                if let Some(article) = store::articles::find(db, &scope, change.entity_id).await? {
                    let _ = self.articles.send(article);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// Relays every change the bus reads to `events` until the task is aborted. It
/// subscribes before returning, so nothing read after this call is missed.
pub fn relay(
    db: DatabaseConnection,
    bus: &ChangeBus,
    events: Events,
    clock: Clock,
) -> JoinHandle<()> {
    let mut changes = bus.subscribe();
    tokio::spawn(async move {
        loop {
            let change: Arc<Change> = match changes.recv().await {
                Ok(change) => change,
                Err(RecvError::Lagged(missed)) => {
                    tracing::warn!(missed, "live events fell behind the change bus");
                    continue;
                }
                Err(RecvError::Closed) => return,
            };
            if let Err(err) = events.relay_one(&db, &clock, &change).await {
                tracing::warn!(error = ?err, seq = change.seq, "a change could not be relayed");
            }
        }
    })
}
