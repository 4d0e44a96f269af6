//! Regions: the 20 first-level units of Kazakhstan.

use async_graphql::{Context, ID, Object};

use crate::store::{articles::ArticleParent, meetings::MeetingParent};
use crate::{
    api::graphql::{
        article::{Article, ArticleConnection, ArticleOrderBy},
        connection,
        context::ContextExt,
        ids::{self, NodeKind},
        meeting::{Meeting, MeetingConnection},
        names::NamesIn,
    },
    domain::{Language, RegionKind},
    entity::region,
    store::{
        self,
        articles::{ArticleFilter, ArticleKey},
        meetings::MeetingKey,
    },
};

/// An oblast or a city of republican significance, with its ISO 3166-2:KZ code, and
/// the language its `name` defaults to.
pub struct Region(pub region::Model, pub NamesIn);

impl Region {
    /// A region whose name follows the request's language.
    pub fn new(row: region::Model) -> Self {
        Self(row, NamesIn::default())
    }
}

/// One of the 20 first-level units of Kazakhstan: an oblast or a city of republican
/// significance, with its ISO 3166-2:KZ code and its names in Kazakh, Russian and
/// English. Reference data: the list is fixed, only the names can change.
#[Object]
impl Region {
    /// Global id of the region, for `node(id:)` and the `regionId` arguments.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Region, self.0.id)
    }

    /// When the region's names last changed; lists take `updatedSince` to ask for what changed since a moment.
    async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.updated_at
    }

    /// ISO 3166-2:KZ code, e.g. `KZ-43`.
    async fn code(&self) -> &str {
        &self.0.code
    }

    /// OBLAST, or CITY for a city of republican significance (Astana, Almaty, Shymkent).
    async fn kind(&self) -> RegionKind {
        self.0.kind
    }

    /// URL-safe name, e.g. `kyzylorda-region`.
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// The name in `lang`; by default the language of the article it is reached
    /// through, else the request's `Accept-Language`, else Russian.
    async fn name(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language wanted; default: the language of the article the region is reached through, else the request's `Accept-Language`, else RU."
        )]
        lang: Option<Language>,
    ) -> &str {
        let lang = self.1.pick(lang, ctx);
        crate::presentation::names::region_name(&self.0, lang)
    }

    /// The name in Kazakh, e.g. `Қызылорда облысы`.
    async fn name_kk(&self) -> &str {
        &self.0.name_kk
    }

    /// The name in Russian, e.g. `Кызылординская область`.
    async fn name_ru(&self) -> &str {
        &self.0.name_ru
    }

    /// The name in English, e.g. `Kyzylorda Region`.
    async fn name_en(&self) -> &str {
        &self.0.name_en
    }

    /// Articles about the region, newest first.
    #[graphql(complexity = "connection::cost(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
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
        #[graphql(desc = "Only articles in this language; default: articles in every language.")]
        lang: Option<Language>,
    ) -> async_graphql::Result<ArticleConnection> {
        let request = connection::page::<ArticleKey>(first, after, last, before)?;
        Article::connection_under(
            ctx,
            ArticleParent::Region,
            self.0.id,
            ArticleFilter {
                lang,
                ..Default::default()
            },
            order_by.unwrap_or_default().into(),
            request,
        )
        .await
    }

    /// Meetings held in the region, most recent first.
    #[graphql(complexity = "connection::cost(first, last, child_complexity)")]
    async fn meetings(
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
    ) -> async_graphql::Result<MeetingConnection> {
        let request = connection::page::<MeetingKey>(first, after, last, before)?;
        Meeting::connection_under(ctx, MeetingParent::Region, self.0.id, request).await
    }
}

/// The region a list filter names by global `id` or ISO `code`; a code no region has
/// gives an id that matches nothing, so the list comes back empty.
pub async fn filter_region(
    ctx: &Context<'_>,
    id: Option<ID>,
    code: Option<String>,
) -> async_graphql::Result<Option<uuid::Uuid>> {
    Ok(match (id, code) {
        (Some(id), _) => Some(ids::decode_as(&id, NodeKind::Region, "filter.regionId")?),
        (None, Some(code)) => {
            // An unknown code is the client's mistake, as REST's `region` filter says.
            let found = store::regions::find(ctx.db(), store::regions::Key::Code(code)).await?;
            Some(crate::api::resolve::must_exist(found, "filter.regionCode")?.id)
        }
        (None, None) => None,
    })
}

/// Root fields for regions.
#[derive(Default)]
pub struct RegionQuery;

#[Object]
impl RegionQuery {
    /// Every region, cities first, then oblasts by code; optionally of one kind.
    async fn regions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only regions of this kind; default: all 20.")] kind: Option<RegionKind>,
        #[graphql(desc = "Only those changed at or after this moment (their `updatedAt`).")]
        updated_since: Option<chrono::DateTime<chrono::Utc>>,
    ) -> async_graphql::Result<Vec<Region>> {
        let rows = store::regions::list(ctx.db(), kind, updated_since).await?;
        Ok(rows.into_iter().map(Region::new).collect())
    }

    /// One region by exactly one of: global `id`, `slug`, or ISO `code` (e.g. "KZ-43");
    /// null when none matches.
    async fn region(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the region.")] id: Option<ID>,
        #[graphql(desc = "The region's slug, e.g. `kyzylorda-region`.")] slug: Option<String>,
        #[graphql(
            desc = "The ISO 3166-2:KZ code, e.g. `KZ-43` or `kz-43`: letter case does not matter."
        )]
        code: Option<String>,
    ) -> async_graphql::Result<Option<Region>> {
        let db = ctx.db();
        let key = match (id, slug, code) {
            (Some(id), None, None) => {
                store::regions::Key::Id(ids::decode_as(&id, NodeKind::Region, "id")?)
            }
            (None, Some(slug), None) => store::regions::Key::Slug(slug),
            (None, None, Some(code)) => store::regions::Key::Code(code),
            _ => {
                return Err(crate::error::AppError::bad_input(
                    "id",
                    "give exactly one of id, slug or code",
                )
                .into());
            }
        };
        Ok(store::regions::find(db, key).await?.map(Region::new))
    }
}
