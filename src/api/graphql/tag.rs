//! Tags: topics across regions and languages.

use async_graphql::{Context, ID, Object};

use super::{
    article::{Article, ArticleConnection, ArticleOrderBy},
    connection,
    context::ContextExt,
    ids::{self, NodeKind},
};
use crate::store::articles::ArticleParent;
use crate::{
    entity::tag,
    store::{
        self,
        articles::{ArticleFilter, ArticleKey},
    },
};

/// A topic articles are filed under.
#[derive(Clone)]
pub struct Tag(pub tag::Model);

/// A topic articles are filed under, shared by every region and language.
#[Object]
impl Tag {
    /// Global id of the tag, for `node(id:)`.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Tag, self.0.id)
    }

    /// When the tag last changed; lists take `updatedSince` to ask for what changed since a moment.
    async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.updated_at
    }

    /// URL-safe name, used by `articles(filter: { tag })`.
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// Display name, as an editor typed it (at most 96 characters).
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Articles with this tag, newest first.
    #[graphql(complexity = "connection::cost(first, last, child_complexity)")]
    async fn articles(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "How many items from the start, or after `after`: 0 to 100, default 20. Not with `last`."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "Items after this cursor (an edge's `cursor` or `pageInfo.endCursor` of this list)."
        )]
        after: Option<String>,
        #[graphql(
            desc = "How many items from the end, or before `before`: 0 to 100, default 20. Not with `first`."
        )]
        last: Option<i32>,
        #[graphql(
            desc = "Items before this cursor (an edge's `cursor` or `pageInfo.startCursor` of this list). Not with `after`."
        )]
        before: Option<String>,
        #[graphql(
            desc = "Order by publication time; default NEWEST_FIRST, the latest news at the top."
        )]
        order_by: Option<ArticleOrderBy>,
    ) -> async_graphql::Result<ArticleConnection> {
        let request = connection::page::<ArticleKey>(first, after, last, before)?;
        Article::connection_under(
            ctx,
            ArticleParent::Tag,
            self.0.id,
            ArticleFilter::default(),
            order_by.unwrap_or_default().into(),
            request,
        )
        .await
    }
}

/// Root fields for tags.
#[derive(Default)]
pub struct TagQuery;

#[Object]
impl TagQuery {
    /// Every tag, by name.
    async fn tags(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only those changed at or after this moment (their `updatedAt`).")]
        updated_since: Option<chrono::DateTime<chrono::Utc>>,
    ) -> async_graphql::Result<Vec<Tag>> {
        Ok(store::tags::list(ctx.db(), updated_since)
            .await?
            .into_iter()
            .map(Tag)
            .collect())
    }
}
