//! Tags: topics across regions and languages.

use async_graphql::{Context, ID, Object};

use super::{
    article::{Article, ArticleConnection, ArticleOrderBy},
    connection,
    context::ContextExt,
    ids::{self, NodeKind},
    names::NamesIn,
};
use crate::store::articles::ArticleParent;
use crate::{
    domain::Language,
    entity::tag,
    presentation::names::tag_name,
    store::{
        self,
        articles::{ArticleFilter, ArticleKey},
    },
};

/// A topic articles are filed under, and the language its name defaults to.
#[derive(Clone)]
pub struct Tag(pub tag::Model, pub NamesIn);

impl Tag {
    /// A tag whose name follows the request's language.
    pub fn new(row: tag::Model) -> Self {
        Self(row, NamesIn::default())
    }
}

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

    /// Display name, as an editor typed it (at most 96 characters), in `lang` with
    /// the fallbacks of names. Under an article, the article's language.
    async fn name(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language wanted; default: the request's `Accept-Language`, else RU. Kazakh falls back to Russian then English, Russian to English, English to Russian."
        )]
        lang: Option<Language>,
    ) -> String {
        tag_name(&self.0, self.1.pick(lang, ctx)).to_owned()
    }

    /// The name in Russian, as recorded (the slug was made from it).
    async fn name_ru(&self) -> &str {
        &self.0.name
    }

    /// The name in Kazakh, if recorded.
    async fn name_kk(&self) -> Option<&str> {
        self.0.name_kk.as_deref()
    }

    /// The name in English, if recorded.
    async fn name_en(&self) -> Option<&str> {
        self.0.name_en.as_deref()
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
            .map(Tag::new)
            .collect())
    }
}
