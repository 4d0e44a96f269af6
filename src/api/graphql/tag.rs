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

#[Object]
impl Tag {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Tag, self.0.id)
    }

    /// URL-safe name, used by `articles(filter: { tag })`.
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// Display name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Articles with this tag, newest first.
    #[graphql(complexity = "connection::cost(first, last, child_complexity)")]
    async fn articles(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
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
    async fn tags(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Tag>> {
        Ok(store::tags::list(ctx.db())
            .await?
            .into_iter()
            .map(Tag)
            .collect())
    }
}
