//! `/search`: full-text search over published articles, meetings and people.

use std::collections::HashMap;

use axum::{Json, extract::State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::refs::{list_of, next_cursor};
use crate::http::extract::Query;
use crate::{
    domain::{
        Language,
        cache_tags::{CacheTag, TagSet},
    },
    error::AppResult,
    http::cache::{CachePolicy, Cached},
    state::AppState,
    store::{
        self,
        articles::ArticleScope,
        page::PageRequest,
        search::{HitKind, SearchKey, SearchQuery},
    },
};

/// One match.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SearchHit {
    /// `article`, `meeting` or `participant`.
    #[schema(example = "article")]
    pub kind: String,
    pub id: Uuid,
    /// URL-safe name of the match.
    pub slug: String,
    /// Headline, meeting title or full name.
    pub title: String,
    /// Higher is better.
    pub rank: f64,
    /// Text around the match: HTML-escaped, with `<mark>` around the matched words.
    pub snippet: String,
}

list_of!(
    /// A page of matches, best first.
    SearchResults,
    SearchHit
);

/// What to search for.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words to find: `"a phrase"`, `-excluded`, `this OR that`.
    q: String,
    /// Articles in this language only (also picks the stemmer).
    lang: Option<Language>,
    /// Matches per page, 0 to 100 (default 20).
    #[param(minimum = 0, maximum = 100, default = 20)]
    limit: Option<i64>,
    /// `nextCursor` of the previous page.
    cursor: Option<String>,
}

/// Searches published articles (title, lead, text, tags, people, region), meetings
/// and people.
#[utoipa::path(get, path = "/search", operation_id = "search", tag = "search",
    params(SearchParams),
    responses(
        (status = 200, description = "A page of matches", body = SearchResults),
        crate::api::responses::ListRead,
    ))]
pub async fn search(
    State(state): State<AppState>,
    Query(params): Query<SearchParams>,
) -> AppResult<Cached<Json<SearchResults>>> {
    let request = PageRequest::<SearchKey>::from_rest(params.limit, params.cursor.as_deref())?;
    let query = SearchQuery {
        text: params.q,
        lang: params.lang,
        kinds: HitKind::ALL.to_vec(),
    };
    query.check_cursor(&request, "cursor")?;
    let scope = ArticleScope::public(state.clock.now());
    let page = store::search::search(state.search_conn(), &scope, &query, &request).await?;
    let db = state.read_conn();
    let ids = |kind: HitKind| -> Vec<Uuid> {
        page.items
            .iter()
            .filter(|h| h.kind == kind)
            .map(|h| h.id)
            .collect()
    };
    let mut names: HashMap<Uuid, (String, String)> = HashMap::new();
    for a in store::articles::by_ids(db, &scope, &ids(HitKind::Article)).await? {
        names.insert(a.id, (a.slug, a.title));
    }
    for m in store::meetings::by_ids(db, &ids(HitKind::Meeting)).await? {
        names.insert(m.id, (m.slug, m.title));
    }
    for p in store::participants::by_ids(db, &ids(HitKind::Participant)).await? {
        names.insert(p.id, (p.slug, p.full_name_ru));
    }
    let next_cursor = next_cursor(&page, |hit| hit.key.clone());
    // Any publication may join the results, and so may any meeting or person.
    let tags: TagSet = page
        .items
        .iter()
        .map(|hit| match hit.kind {
            HitKind::Article => CacheTag::article(hit.id),
            HitKind::Meeting => CacheTag::meeting(hit.id),
            HitKind::Participant => CacheTag::participant(hit.id),
        })
        .chain([
            CacheTag::article_list(),
            CacheTag::meeting_list(),
            CacheTag::participant_list(),
        ])
        .collect();
    let items = page
        .items
        .into_iter()
        .filter_map(|hit| {
            let (slug, title) = names.remove(&hit.id)?;
            let kind = match hit.kind {
                HitKind::Article => "article",
                HitKind::Meeting => "meeting",
                HitKind::Participant => "participant",
            };
            Some(SearchHit {
                kind: kind.into(),
                id: hit.id,
                slug,
                title,
                rank: hit.rank,
                snippet: hit.snippet,
            })
        })
        .collect();
    Ok(Cached::new(
        CachePolicy::List,
        Json(SearchResults { items, next_cursor }),
    )
    .tags(tags))
}
