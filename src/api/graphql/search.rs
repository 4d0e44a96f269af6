//! `search`: full-text search over articles, meetings and people.

use std::collections::HashMap;

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject, Union};
use futures_util::FutureExt;
use uuid::Uuid;

use super::{
    article::Article,
    connection::{self, PageInfo, TotalCount},
    context::ContextExt,
    meeting::Meeting,
    names::NamesIn,
    participant::Participant,
};
use crate::{
    domain::Language,
    error::AppResult,
    store::{
        self,
        page::{PageRequest, encode_cursor},
        search::{Hit, HitKind, SearchKey, SearchQuery as StoreQuery},
    },
};

/// What a search hit can be.
#[derive(Union, Clone)]
pub enum SearchResult {
    Article(Article),
    Meeting(Meeting),
    Participant(Participant),
}

/// A kind of search hit.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum SearchKind {
    /// Published articles.
    Article,
    /// Meetings, by title, venue and description.
    Meeting,
    /// People, by name, position and organisation.
    Participant,
}

impl From<SearchKind> for HitKind {
    fn from(kind: SearchKind) -> Self {
        match kind {
            SearchKind::Article => HitKind::Article,
            SearchKind::Meeting => HitKind::Meeting,
            SearchKind::Participant => HitKind::Participant,
        }
    }
}

/// What a search may be narrowed to.
#[derive(InputObject, Default)]
pub struct SearchFilter {
    /// Only these kinds of hits (default: all).
    pub kinds: Option<Vec<SearchKind>>,
}

/// One hit with its cursor, rank and snippet.
#[derive(SimpleObject)]
pub struct SearchEdge {
    /// Opaque position of this hit, for `after`.
    pub cursor: String,
    /// The article, meeting or person found.
    pub node: SearchResult,
    /// How well it matches; higher is better. Comparable within one search only.
    pub rank: f64,
    /// A fragment of the text as HTML: everything escaped, matches in `<mark>`.
    pub snippet: String,
}

/// A page of search hits, best first.
pub struct SearchConnection {
    edges: Vec<SearchEdge>,
    page_info: PageInfo,
    total: TotalCount,
}

/// A page of search hits, best first, in the Relay cursor-connection shape (forward
/// paging only).
#[Object]
impl SearchConnection {
    /// The hits of this page, each with its cursor.
    async fn edges(&self) -> &[SearchEdge] {
        &self.edges
    }

    /// The items found on this page.
    async fn nodes(&self) -> Vec<&SearchResult> {
        self.edges.iter().map(|e| &e.node).collect()
    }

    /// Where this page sits in the results.
    async fn page_info(&self) -> &PageInfo {
        &self.page_info
    }

    /// How many hits can be paged through: every match, or the 300 most recently
    /// created when more match (counted only when asked for).
    async fn total_count(&self, ctx: &Context<'_>) -> async_graphql::Result<u64> {
        self.total.get(ctx).await
    }
}

/// The search root field.
#[derive(Default)]
pub struct SearchQuery;

#[Object]
impl SearchQuery {
    /// Full-text search. Words are all required; `"quoted words"` must appear as a
    /// phrase, `-word` excludes, `OR` between two items accepts either. Russian and
    /// English words match their inflected forms; with `lang: KK` Kazakh case,
    /// possessive and plural endings are ignored. `lang` also limits articles to that
    /// language. Queries longer than 200 characters are cut, not refused. At most 300
    /// matches are ranked: when more match, the 300 most recently created.
    #[graphql(complexity = "connection::cost(first, None, child_complexity)")]
    async fn search(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The words to look for, in the syntax above; beyond 200 characters it is cut."
        )]
        query: String,
        #[graphql(desc = "How many hits to return: 0 to 100, default 20.")] first: Option<i32>,
        #[graphql(
            desc = "Hits after this cursor (an edge's `cursor` or `pageInfo.endCursor` of the same search)."
        )]
        after: Option<String>,
        #[graphql(
            desc = "The query's language, for matching inflected forms; also limits articles to it. Default: articles in every language."
        )]
        lang: Option<Language>,
        #[graphql(
            desc = "Which kinds of hits to return; default: articles, meetings and people alike."
        )]
        filter: Option<SearchFilter>,
    ) -> async_graphql::Result<SearchConnection> {
        let request = PageRequest::<SearchKey>::from_relay(first, after.as_deref(), None, None)?;
        let kinds = filter
            .and_then(|f| f.kinds)
            .unwrap_or_default()
            .into_iter()
            .map(HitKind::from)
            .collect();
        let search = StoreQuery {
            text: query,
            lang,
            kinds,
        };
        search.check_cursor(&request, "after")?;
        let scope = ctx.request().scope;
        let page = store::search::search(ctx.search_db(), &scope, &search, &request).await?;
        let names = search.lang.map(NamesIn::lang).unwrap_or_default();
        let nodes = load(ctx, &page.items, names).await?;
        let edges: Vec<SearchEdge> = page
            .items
            .iter()
            .filter_map(|hit| {
                Some(SearchEdge {
                    cursor: encode_cursor(&hit.key),
                    node: nodes.get(&hit.id)?.clone(),
                    rank: hit.rank,
                    snippet: hit.snippet.clone(),
                })
            })
            .collect();
        let page_info = PageInfo {
            has_next_page: page.has_next,
            has_previous_page: page.has_previous,
            start_cursor: edges.first().map(|e| e.cursor.clone()),
            end_cursor: edges.last().map(|e| e.cursor.clone()),
        };
        let db = ctx.search_db().clone();
        let total = TotalCount::new(move || {
            let (db, search) = (db.clone(), search.clone());
            async move { store::search::count(&db, &scope, &search).await }.boxed()
        });
        Ok(SearchConnection {
            edges,
            page_info,
            total,
        })
    }
}

/// The nodes of `hits`, one query per kind; the names of meetings and people found
/// default to `names`.
async fn load(
    ctx: &Context<'_>,
    hits: &[Hit],
    names: NamesIn,
) -> AppResult<HashMap<Uuid, SearchResult>> {
    let ids = |kind: HitKind| -> Vec<Uuid> {
        hits.iter()
            .filter(|h| h.kind == kind)
            .map(|h| h.id)
            .collect()
    };
    let db = ctx.db();
    let mut nodes = HashMap::new();
    let articles = ids(HitKind::Article);
    if !articles.is_empty() {
        let scope = ctx.request().scope;
        for a in store::articles::by_ids(db, &scope, &articles).await? {
            nodes.insert(a.id, SearchResult::Article(Article(a)));
        }
    }
    let meetings = ids(HitKind::Meeting);
    if !meetings.is_empty() {
        for m in store::meetings::by_ids(db, &meetings).await? {
            nodes.insert(m.id, SearchResult::Meeting(Meeting(m, names)));
        }
    }
    let people = ids(HitKind::Participant);
    if !people.is_empty() {
        for p in store::participants::by_ids(db, &people).await? {
            nodes.insert(p.id, SearchResult::Participant(Participant(p, names)));
        }
    }
    Ok(nodes)
}
