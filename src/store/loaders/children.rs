//! Lists under a parent (a region's articles, an article's comments, a person's
//! meetings and quotes), loaded for every parent of a page at once.
//!
//! Each resolver asks the request's loader for its own parent's page; the loader
//! gathers every parent that asked with the same arguments and reads all their pages
//! in one statement ([`crate::store::children`]), and their `totalCount`s in one
//! more. A query's statements then depend on its depth, not on how many parents a
//! page holds.

use std::{collections::HashMap, hash::Hash, sync::Arc};

use async_graphql::dataloader::Loader;
use uuid::Uuid;

use super::{Db, LoadError};
use crate::{
    entity::{article, comment, meeting, quote},
    store::{
        self,
        articles::{ArticleFilter, ArticleParent},
        comments::{CommentKey, CommentOrder, ThreadKind},
        meetings::{MeetingFilter, MeetingKey, MeetingParent},
        page::{Page, PageRequest},
        quotes::QuoteKey,
    },
};

/// What is listed under `parent`, a parent of kind `kind`: `spec` holds every
/// argument of the list, shared by the parents that asked alike.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Under<P, S> {
    pub kind: P,
    pub parent: Uuid,
    pub spec: Arc<S>,
}

impl<P, S> Under<P, S> {
    pub fn new(kind: P, parent: Uuid, spec: S) -> Self {
        Under {
            kind,
            parent,
            spec: Arc::new(spec),
        }
    }
}

/// The keys grouped by kind and arguments: one statement for each group.
fn groups<P: Copy + Eq + Hash, S: Eq + Hash>(
    keys: &[Under<P, S>],
) -> HashMap<(P, Arc<S>), Vec<Uuid>> {
    let mut groups: HashMap<(P, Arc<S>), Vec<Uuid>> = HashMap::new();
    for key in keys {
        groups
            .entry((key.kind, key.spec.clone()))
            .or_default()
            .push(key.parent);
    }
    groups
}

/// Answers every key of `keys` from `load`, run once per group of alike keys.
async fn load_groups<P, S, V, F, Fut>(
    keys: &[Under<P, S>],
    load: F,
) -> Result<HashMap<Under<P, S>, V>, LoadError>
where
    P: Copy + Eq + Hash,
    S: Eq + Hash,
    F: Fn(P, Arc<S>, Vec<Uuid>) -> Fut,
    Fut: Future<Output = crate::error::AppResult<HashMap<Uuid, V>>>,
{
    let mut answers = HashMap::with_capacity(keys.len());
    for ((kind, spec), parents) in groups(keys) {
        for (parent, value) in load(kind, spec.clone(), parents).await? {
            answers.insert(
                Under {
                    kind,
                    parent,
                    spec: spec.clone(),
                },
                value,
            );
        }
    }
    Ok(answers)
}

pub use crate::store::articles::ArticleList;

/// A page of articles under a region, meeting, tag or person.
pub type ArticlesUnder = Under<ArticleParent, ArticleList>;
/// How many articles are under a region, meeting, tag or person.
pub type ArticleCountUnder = Under<ArticleParent, ArticleFilter>;

impl Loader<ArticlesUnder> for Db {
    type Value = Page<article::Model>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[ArticlesUnder],
    ) -> Result<HashMap<ArticlesUnder, Self::Value>, LoadError> {
        load_groups(keys, |kind, list, parents| async move {
            store::articles::pages_under(&self.conn, &self.scope, kind, &parents, &list).await
        })
        .await
    }
}

impl Loader<ArticleCountUnder> for Db {
    type Value = u64;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[ArticleCountUnder],
    ) -> Result<HashMap<ArticleCountUnder, u64>, LoadError> {
        load_groups(keys, |kind, filter, parents| async move {
            store::articles::counts_under(&self.conn, &self.scope, kind, &parents, &filter).await
        })
        .await
    }
}

/// The arguments of a meeting list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MeetingList {
    pub filter: MeetingFilter,
    pub request: PageRequest<MeetingKey>,
}

/// A page of meetings under a region or person.
pub type MeetingsUnder = Under<MeetingParent, MeetingList>;
/// How many meetings are under a region or person.
pub type MeetingCountUnder = Under<MeetingParent, MeetingFilter>;

impl Loader<MeetingsUnder> for Db {
    type Value = Page<meeting::Model>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[MeetingsUnder],
    ) -> Result<HashMap<MeetingsUnder, Self::Value>, LoadError> {
        load_groups(keys, |kind, list, parents| async move {
            store::meetings::pages_under(&self.conn, kind, &parents, &list.filter, &list.request)
                .await
        })
        .await
    }
}

impl Loader<MeetingCountUnder> for Db {
    type Value = u64;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[MeetingCountUnder],
    ) -> Result<HashMap<MeetingCountUnder, u64>, LoadError> {
        load_groups(keys, |kind, filter, parents| async move {
            store::meetings::counts_under(&self.conn, kind, &parents, &filter).await
        })
        .await
    }
}

/// The arguments of a comment thread.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ThreadList {
    pub order: CommentOrder,
    pub request: PageRequest<CommentKey>,
}

/// A page of an article's comments or of a comment's replies.
pub type CommentsUnder = Under<ThreadKind, ThreadList>;
/// How many comments a thread shows.
pub type CommentCountUnder = Under<ThreadKind, ()>;

impl Loader<CommentsUnder> for Db {
    type Value = Page<comment::Model>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[CommentsUnder],
    ) -> Result<HashMap<CommentsUnder, Self::Value>, LoadError> {
        load_groups(keys, |kind, list, parents| async move {
            store::comments::pages_of_threads(
                &self.conn,
                self.comments,
                kind,
                &parents,
                list.order,
                &list.request,
            )
            .await
        })
        .await
    }
}

impl Loader<CommentCountUnder> for Db {
    type Value = u64;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[CommentCountUnder],
    ) -> Result<HashMap<CommentCountUnder, u64>, LoadError> {
        load_groups(keys, |kind, _, parents| async move {
            store::comments::counts_of_threads(&self.conn, self.comments, kind, &parents).await
        })
        .await
    }
}

/// A page of what a person said.
pub type QuotesBy = Under<(), PageRequest<QuoteKey>>;
/// How many quotes of a person may be seen.
pub type QuoteCountBy = Under<(), ()>;

impl Loader<QuotesBy> for Db {
    type Value = Page<quote::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[QuotesBy]) -> Result<HashMap<QuotesBy, Self::Value>, LoadError> {
        load_groups(keys, |(), request, people| async move {
            store::quotes::pages_by_participants(&self.conn, &self.scope, &people, &request).await
        })
        .await
    }
}

impl Loader<QuoteCountBy> for Db {
    type Value = u64;
    type Error = LoadError;

    async fn load(&self, keys: &[QuoteCountBy]) -> Result<HashMap<QuoteCountBy, u64>, LoadError> {
        load_groups(keys, |(), _, people| async move {
            store::quotes::counts_by_participants(&self.conn, &self.scope, &people).await
        })
        .await
    }
}
