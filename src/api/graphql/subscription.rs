//! Live updates over WebSocket (`graphql-transport-ws` at `/graphql/ws`).
//!
//! The streams here yield the rows the events carry, nothing more: each event is
//! resolved in a context made when it happens, with the subscriber's scope at that
//! moment and a batch loader of its own (see [`socket`](super::socket)).

use async_graphql::{Context, ID, Subscription};
use futures_util::{Stream, stream};
use tokio::sync::broadcast::{Receiver, error::RecvError};

use super::{
    article::Article,
    comment::Comment,
    ids::{self, NodeKind},
};
use crate::{error::AppError, events::Events};

/// Yields the events of `receiver` that `keep` accepts, skipping ahead when lagging.
fn follow<T: Clone + Send + 'static, U: Send + 'static>(
    receiver: Receiver<T>,
    keep: impl Fn(T) -> Option<U> + Send + Sync + 'static,
) -> impl Stream<Item = U> {
    stream::unfold((receiver, keep), |(mut receiver, keep)| async move {
        loop {
            match receiver.recv().await {
                Ok(event) => {
                    if let Some(item) = keep(event) {
                        return Some((item, (receiver, keep)));
                    }
                }
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return None,
            }
        }
    })
}

/// The root subscription.
#[derive(Default)]
pub struct SubscriptionRoot;

/// Live updates, over WebSocket at `/graphql/ws` with the `graphql-transport-ws`
/// protocol. Each event is resolved with the subscriber's rights at that moment.
#[Subscription(name = "Subscription")]
impl SubscriptionRoot {
    /// Comments on an article as they become visible to the public (when approved,
    /// never while pending).
    async fn comment_added(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the article whose comments to follow.")] article_id: ID,
    ) -> Result<impl Stream<Item = Comment>, AppError> {
        let article = ids::decode_as(&article_id, NodeKind::Article, "articleId")?;
        let events = ctx.data_unchecked::<Events>().comments();
        Ok(follow(events, move |c| {
            (c.article_id == article).then_some(Comment(c))
        }))
    }

    /// Articles as they are published, in one region or anywhere.
    async fn article_published(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only articles about this region (global id); omit for every region.")]
        region_id: Option<ID>,
    ) -> Result<impl Stream<Item = Article>, AppError> {
        let region = region_id
            .map(|r| ids::decode_as(&r, NodeKind::Region, "regionId"))
            .transpose()?;
        let events = ctx.data_unchecked::<Events>().articles();
        Ok(follow(events, move |a| {
            region
                .is_none_or(|r| a.region_id == Some(r))
                .then_some(Article(a))
        }))
    }
}
