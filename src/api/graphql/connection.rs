//! Relay cursor connections: `edges { cursor node }`, `pageInfo`, and a
//! `totalCount` that is counted only when a client asks for it.

use std::hash::Hash;

use async_graphql::{Context, SimpleObject, dataloader::Loader};
use futures_util::{FutureExt, future::BoxFuture};

use super::context::ContextExt;
use crate::store::loaders::{Db, LoadError, Loaders};
use crate::{
    error::AppResult,
    store::page::{CursorKey, Page, PageRequest, encode_cursor},
};

/// Where a page sits in its list.
#[derive(Debug, Clone, SimpleObject)]
pub struct PageInfo {
    /// More items follow the last edge.
    pub has_next_page: bool,
    /// Items come before the first edge.
    pub has_previous_page: bool,
    /// The cursor of the first edge.
    pub start_cursor: Option<String>,
    /// The cursor of the last edge.
    pub end_cursor: Option<String>,
}

/// A deferred count of the whole list.
pub enum TotalCount {
    /// A count of its own, for a list nothing else counts alike (a root list).
    Own(Box<dyn Fn() -> BoxFuture<'static, AppResult<u64>> + Send + Sync>),
    /// A count the request's loader answers together with the counts of every
    /// other parent's list of the same kind.
    Batched(Box<dyn BatchedCount>),
}

impl TotalCount {
    /// Counts with `count` when asked.
    pub fn new<F>(count: F) -> Self
    where
        F: Fn() -> BoxFuture<'static, AppResult<u64>> + Send + Sync + 'static,
    {
        TotalCount::Own(Box::new(count))
    }

    /// Counts through the request's loader under `key` when asked.
    pub fn batched<K>(key: K) -> Self
    where
        K: Send + Sync + Hash + Eq + Clone + 'static,
        Db: Loader<K, Value = u64, Error = LoadError>,
    {
        TotalCount::Batched(Box::new(Keyed(key)))
    }

    /// Runs the count.
    pub async fn get(&self, ctx: &Context<'_>) -> async_graphql::Result<u64> {
        match self {
            TotalCount::Own(count) => Ok(count().await?),
            TotalCount::Batched(key) => Ok(key.load(ctx.loaders()).await?.unwrap_or(0)),
        }
    }
}

/// A count key of any kind the loader knows.
pub trait BatchedCount: Send + Sync {
    fn load<'a>(&'a self, loaders: &'a Loaders) -> BoxFuture<'a, Result<Option<u64>, LoadError>>;
}

struct Keyed<K>(K);

impl<K> BatchedCount for Keyed<K>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    Db: Loader<K, Value = u64, Error = LoadError>,
{
    fn load<'a>(&'a self, loaders: &'a Loaders) -> BoxFuture<'a, Result<Option<u64>, LoadError>> {
        loaders.load_one(self.0.clone()).boxed()
    }
}

/// Turns a page into (cursor, node) pairs and its `PageInfo`.
pub fn edges<M, N, K: CursorKey>(
    page: Page<M>,
    key: impl Fn(&M) -> K,
    node: impl Fn(M) -> N,
) -> (Vec<(String, N)>, PageInfo) {
    let edges: Vec<(String, N)> = page
        .items
        .into_iter()
        .map(|m| (encode_cursor(&key(&m)), node(m)))
        .collect();
    let info = PageInfo {
        has_next_page: page.has_next,
        has_previous_page: page.has_previous,
        start_cursor: edges.first().map(|e| e.0.clone()),
        end_cursor: edges.last().map(|e| e.0.clone()),
    };
    (edges, info)
}

/// The page a connection field's Relay arguments ask for.
pub fn page<K: CursorKey>(
    first: Option<i32>,
    after: Option<String>,
    last: Option<i32>,
    before: Option<String>,
) -> AppResult<PageRequest<K>> {
    PageRequest::from_relay(first, after.as_deref(), last, before.as_deref())
}

/// The cost of a connection field: what one item costs, times the items asked for.
pub fn cost(first: Option<i32>, last: Option<i32>, child: usize) -> usize {
    let items = first
        .or(last)
        .map_or(crate::store::page::DEFAULT_PAGE_SIZE as usize, |n| {
            n.max(0) as usize
        });
    1 + items.max(1) * child
}

/// Declares `$conn` and `$edge` for node type `$node`.
macro_rules! connection {
    ($conn:ident, $edge:ident, $node:ty, $what:literal) => {
        #[doc = concat!("A page of ", $what, ".")]
        pub struct $conn {
            pub edges: Vec<$edge>,
            pub page_info: $crate::api::graphql::connection::PageInfo,
            pub total: $crate::api::graphql::connection::TotalCount,
        }

        #[doc = concat!("One of ", $what, " with its cursor.")]
        #[derive(async_graphql::SimpleObject)]
        pub struct $edge {
            /// Opaque position of this item, for `after` and `before`.
            pub cursor: String,
            /// The item at this position of the list.
            pub node: $node,
        }

        impl $conn {
            /// Builds the connection from (cursor, node) pairs.
            pub fn new(
                (edges, page_info): (
                    Vec<(String, $node)>,
                    $crate::api::graphql::connection::PageInfo,
                ),
                total: $crate::api::graphql::connection::TotalCount,
            ) -> Self {
                $conn {
                    edges: edges
                        .into_iter()
                        .map(|(cursor, node)| $edge { cursor, node })
                        .collect(),
                    page_info,
                    total,
                }
            }
        }

        #[doc = concat!(
                    "A page of ", $what, " in the Relay cursor-connection shape: page forward\n",
                    "with `first` and `after: pageInfo.endCursor`, backward with `last` and\n",
                    "`before: pageInfo.startCursor`."
                )]
        #[async_graphql::Object]
        impl $conn {
            /// The items of this page, each with its cursor.
            async fn edges(&self) -> &[$edge] {
                &self.edges
            }

            /// The items of this page.
            async fn nodes(&self) -> Vec<&$node> {
                self.edges.iter().map(|e| &e.node).collect()
            }

            /// Where this page sits in the list.
            async fn page_info(&self) -> &$crate::api::graphql::connection::PageInfo {
                &self.page_info
            }

            /// How many items the whole list holds (counted only when asked for).
            async fn total_count(
                &self,
                ctx: &async_graphql::Context<'_>,
            ) -> async_graphql::Result<u64> {
                self.total.get(ctx).await
            }
        }
    };
}

pub(crate) use connection;
