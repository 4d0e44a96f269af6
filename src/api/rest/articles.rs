//! `/articles`: the published articles, one article, and its ninjs document.

use std::collections::HashMap;

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::{
    article_dto::{ArticleDetail, ArticleList, ArticleSummary, Extras, RetractionNotice},
    refs::next_cursor,
};
use crate::api::resolve::{self, Moment};
use crate::http::extract::{PathParam, Query};
use crate::{
    domain::{
        ArticleStatus, Language,
        cache_tags::{CacheTag, TagSet},
    },
    entity::article,
    error::{AppError, AppResult},
    http::cache::{CachePolicy, Cached, tag_headers},
    presentation::{
        ninjs::{self, Ninjs},
        parts::{self, Detail},
        tags,
    },
    state::AppState,
    store::{
        self,
        articles::{ArticleFilter, ArticleKey, ArticleOrder, ArticleScope},
        loaders::{self, CommentCountOf, RelatedOf, TranslationsOf},
        page::PageRequest,
        related::{self, RelatedSource},
        relations::Wanted,
    },
};

/// Filters and paging of the article list; filters combine with AND.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only articles written in this language.
    lang: Option<Language>,
    /// Only articles about this region: its slug (`kyzylorda-region`) or ISO code (`KZ-43`).
    #[param(example = "KZ-43")]
    region: Option<String>,
    /// Only articles with this tag (its slug).
    tag: Option<String>,
    /// Only articles in this section or any below it: its code (`SEARCHES`) or slug (`road-safety`).
    #[param(example = "searches")]
    section: Option<String>,
    /// `true`: only featured articles; `false`: only the others.
    featured: Option<bool>,
    /// Only articles covering this meeting: its id or slug.
    meeting: Option<String>,
    /// Only articles mentioning or quoting this person: their id or slug.
    participant: Option<String>,
    /// Only articles covering a meeting held by this organisation or by one within
    /// it (its divisions, at any depth): its id or slug.
    organization: Option<String>,
    /// Published at or after this moment: an RFC 3339 time, or a date (its start, UTC).
    #[param(value_type = Option<String>, example = "2026-11-01")]
    since: Option<Moment>,
    /// Published before this moment: an RFC 3339 time, or a date (its start, UTC).
    #[param(value_type = Option<String>, example = "2026-11-25T00:00:00Z")]
    until: Option<Moment>,
    /// Changed at or after this moment (their `updatedAt`): an RFC 3339 time, or a date (its start, UTC).
    #[param(value_type = Option<String>, example = "2026-11-25T00:00:00Z")]
    updated_since: Option<crate::api::resolve::Moment>,
    /// Page size, 0 to 100 (default 20).
    #[param(minimum = 0, maximum = 100, default = 20)]
    limit: Option<i64>,
    /// `nextCursor` of the previous page.
    cursor: Option<String>,
}

/// The language of one article looked up by slug.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LangParam {
    /// The language a slug is looked up in first (then `Accept-Language`, then `ru`, then the others).
    pub lang: Option<Language>,
}

/// Published articles, newest first.
#[utoipa::path(get, path = "/articles", operation_id = "listArticles", tag = "articles",
    params(ListParams),
    responses(
        (status = 200, description = "A page of articles", body = ArticleList),
        crate::api::responses::ListRead,
    ))]
pub async fn list(
    State(state): State<AppState>,
    Query(params): Query<ListParams>,
) -> AppResult<Cached<Json<ArticleList>>> {
    let request = PageRequest::<ArticleKey>::from_rest(params.limit, params.cursor.as_deref())?;
    let region = resolve::region_filter(&state, params.region.as_deref()).await?;
    let filter = ArticleFilter {
        region_id: region.as_ref().map(|r| r.id),
        meeting_id: resolve::meeting_id(&state, params.meeting.as_deref()).await?,
        participant_id: resolve::participant_id(&state, params.participant.as_deref()).await?,
        organization_id: resolve::organization_id(&state, params.organization.as_deref()).await?,
        lang: params.lang,
        tag: params.tag,
        published_after: params.since.map(|m| m.0),
        published_before: params.until.map(|m| m.0),
        updated_since: params.updated_since.map(|m| m.0),
        section: params
            .section
            .as_deref()
            .map(|s| crate::editorial::bylines::section("section", s))
            .transpose()?,
        featured: params.featured,
        ..ArticleFilter::default()
    };
    let scope = ArticleScope::public(state.clock.now());
    let page = store::articles::list(
        state.read_conn(),
        &scope,
        &filter,
        ArticleOrder::NewestFirst,
        &request,
    )
    .await?;
    let next_cursor = next_cursor(&page, ArticleKey::of);
    let items = summaries(&state, &page.items).await?;
    // A list narrowed to a region changes when an article of that region joins it;
    // any other list may change when any article does.
    let membership = match &region {
        Some(region) => CacheTag::region(&region.code),
        None => CacheTag::article_list(),
    };
    let tags = tags::articles_listed(&page.items).with(membership);
    Ok(Cached::new(CachePolicy::List, Json(ArticleList { items, next_cursor })).tags(tags))
}

/// The language of the front page.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeaturedParams {
    /// The front page's language (default: `Accept-Language`, else `ru`).
    lang: Option<Language>,
}

/// The front page: the featured published articles of one language, by their place
/// (`featuredPosition`), at most 20 (never more than one page).
#[utoipa::path(get, path = "/articles/featured", operation_id = "listFeaturedArticles", tag = "articles",
    params(FeaturedParams),
    responses(
        (status = 200, description = "The featured articles, first place first", body = ArticleList,
            headers(("Vary" = String, description = "`Accept-Language` when `lang` is not given"))),
        crate::api::responses::ListRead,
    ))]
pub async fn featured(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<FeaturedParams>,
) -> AppResult<Cached<Json<ArticleList>>> {
    let lang = crate::http::lang::negotiate(params.lang, &headers);
    let scope = ArticleScope::public(state.clock.now());
    let found = store::articles::featured(state.read_conn(), &scope, lang.lang).await?;
    let items = summaries(&state, &found).await?;
    // Any article's change may move it onto or off the front page.
    let tags = tags::articles_listed(&found).with(CacheTag::article_list());
    let list = ArticleList {
        items,
        next_cursor: None,
    };
    Ok(Cached::new(CachePolicy::List, Json(list))
        .vary_language(lang.from_header)
        .tags(tags))
}

/// The list form of `articles`, with what they link to loaded in a few batches.
pub async fn summaries(
    state: &AppState,
    articles: &[article::Model],
) -> AppResult<Vec<ArticleSummary>> {
    let loaders = state.loaders(ArticleScope::public(state.clock.now()));
    let urls = state.file_urls();
    let (parts, counts) = tokio::try_join!(
        parts::load(&loaders, articles, Detail::Summary, &urls),
        async {
            // Asked at the same moment as the parts, so read in the same statement.
            loaders::prime(&loaders, articles, Wanted::comment_count()).await?;
            let counts = loaders
                .load_many(articles.iter().map(|a| CommentCountOf(a.id)))
                .await?;
            Ok(counts
                .into_iter()
                .map(|(CommentCountOf(id), n)| (id, n))
                .collect::<HashMap<Uuid, u64>>())
        },
    )?;
    let site = &state.config.site;
    Ok(articles
        .iter()
        .map(|a| {
            let part = parts.get(&a.id).cloned().unwrap_or_default();
            let comments = counts.get(&a.id).copied().unwrap_or(0);
            ArticleSummary::new(a, &part, comments, site)
        })
        .collect())
}

/// One published article by id or slug, with its relations and JSON-LD.
#[utoipa::path(get, path = "/articles/{idOrSlug}", operation_id = "getArticle", tag = "articles",
    params(
        ("idOrSlug" = String, Path, description = "The article's id (a UUID or its GraphQL global id), its slug, or a slug it had before"),
        LangParam,
    ),
    responses(
        (status = 200, description = "The article", body = ArticleDetail,
            headers(("Vary" = String, description = "`Accept-Language` when a slug was looked up without `lang`"))),
        (status = 410, description = "The article was retracted: its public notice (title, reason, time), never its text",
            body = RetractionNotice, content_type = "application/problem+json"),
        crate::api::responses::NamedRead,
    ))]
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(raw): PathParam,
    Query(params): Query<LangParam>,
) -> AppResult<Response> {
    let now = state.clock.now();
    let scope = ArticleScope::public(now);
    let (article, negotiated) = resolve::article(
        state.read_conn(),
        &scope.with_notices(),
        &raw,
        params.lang,
        &headers,
    )
    .await?;
    if article.status == ArticleStatus::Retracted {
        return retraction_notice(&state, &article, negotiated.from_header).await;
    }
    let loaders = state.loaders(scope);
    let related = RelatedOf {
        source: RelatedSource::of(&article),
        limit: related::DEFAULT_LIMIT,
    };
    let urls = state.file_urls();
    let (part, related, group, count) = tokio::try_join!(
        parts::load_one(&loaders, &article, Detail::Full, &urls),
        async { Ok::<_, AppError>(loaders.load_one(related).await?) },
        async {
            let group = TranslationsOf(article.translation_group_id);
            Ok::<_, AppError>(loaders.load_one(group).await?)
        },
        async {
            let article = std::slice::from_ref(&article);
            loaders::prime(&loaders, article, Wanted::comment_count()).await?;
            Ok::<_, AppError>(loaders.load_one(CommentCountOf(article[0].id)).await?)
        },
    )?;
    let extras = Extras {
        related: related.unwrap_or_default(),
        translations: group
            .unwrap_or_default()
            .into_iter()
            .filter(|a| a.id != article.id)
            .collect(),
        comment_count: count.unwrap_or(0),
        comments_open: crate::comments::open_for_comments(&article, &state.config.comments, now),
    };
    let mut tags = tags::article_shown(&article, &part);
    tags.insert(CacheTag::comments_of(article.id))
        .extend(tags::articles_listed(
            extras.related.iter().chain(&extras.translations),
        ));
    let config = &state.config;
    let detail = ArticleDetail::new(
        &article,
        &part,
        extras,
        &config.public_base_url,
        &config.site,
    );
    Ok(Cached::new(CachePolicy::Item, Json(detail))
        .vary_language(negotiated.from_header)
        .tags(tags)
        .into_response())
}

/// `410 Gone` with the public notice of a retracted article, cacheable as the
/// article was and purged by the same tag.
async fn retraction_notice(
    state: &AppState,
    article: &article::Model,
    vary_language: bool,
) -> AppResult<Response> {
    let notice = store::corrections::retraction(state.read_conn(), article.id)
        .await?
        .ok_or(AppError::Internal(format!(
            "retracted article {} has no notice",
            article.id
        )))?;
    let body = RetractionNotice::new(article, &notice, &state.config.site);
    let mut response = (
        StatusCode::GONE,
        [(header::CONTENT_TYPE, "application/problem+json")],
        Json(body),
    )
        .into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CachePolicy::Item.cache_control()),
    );
    if vary_language {
        headers.append(header::VARY, HeaderValue::from_static("Accept-Language"));
    }
    tag_headers(headers, &TagSet::new().with(CacheTag::article(article.id)));
    Ok(response)
}

/// One published article as an IPTC ninjs 2.2 document.
#[utoipa::path(get, path = "/articles/{idOrSlug}/ninjs", operation_id = "getArticleNinjs", tag = "articles",
    params(
        ("idOrSlug" = String, Path, description = "The article's id (a UUID or its GraphQL global id), its slug, or a slug it had before"),
        LangParam,
    ),
    responses(
        (status = 200, description = "The article as ninjs 2.2; a retracted one as `pubstatus: canceled` with the reason in `ednote` and no text", body = Ninjs),
        crate::api::responses::NamedRead,
    ))]
pub async fn ninjs(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(raw): PathParam,
    Query(params): Query<LangParam>,
) -> AppResult<Cached<Json<Ninjs>>> {
    // A retracted article's document stays, `canceled`, so receivers withdraw it.
    let scope = ArticleScope::public(state.clock.now()).with_notices();
    let (article, negotiated) =
        resolve::article(state.read_conn(), &scope, &raw, params.lang, &headers).await?;
    let part = parts::load_one(
        &state.loaders(scope),
        &article,
        Detail::Full,
        &state.file_urls(),
    )
    .await?;
    let config = &state.config;
    let document = ninjs::document(&article, &part, &config.public_base_url, &config.site);
    Ok(Cached::new(CachePolicy::Item, Json(document))
        .vary_language(negotiated.from_header)
        .tags(tags::article_shown(&article, &part)))
}
