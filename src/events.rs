//! Things that happened, for live subscribers on this instance.
//!
//! A broadcast channel per kind: a slow subscriber misses old events rather than
//! holding memory. Events reach the subscribers of the instance that handled the
//! write.

use tokio::sync::broadcast;

use crate::entity::{article, comment};

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
    /// A comment became visible to the public.
    pub fn comment_visible(&self, comment: &comment::Model) {
        // No subscriber is not an error.
        let _ = self.comments.send(comment.clone());
    }

    /// An article became visible to the public.
    pub fn article_published(&self, article: &article::Model) {
        let _ = self.articles.send(article.clone());
    }

    /// Comments from now on.
    pub fn comments(&self) -> broadcast::Receiver<comment::Model> {
        self.comments.subscribe()
    }

    /// Articles from now on.
    pub fn articles(&self) -> broadcast::Receiver<article::Model> {
        self.articles.subscribe()
    }
}
