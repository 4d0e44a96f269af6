//! What every feed format renders: the newest published articles of the portal or
//! of one region, in one language, with their parts.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{FEED_SIZE, Typed};
use crate::presentation::{
    PUBLISHER,
    links::Site,
    parts::{self, ArticleParts, Detail, region_name},
    tags,
};
use crate::{
    domain::{
        Language,
        cache_tags::{CacheTag, TagSet},
    },
    entity::{article, region},
    error::AppResult,
    http::cache::{CachePolicy, Cached},
    state::AppState,
    store::{
        self,
        articles::{ArticleFilter, ArticleKey, ArticleOrder, ArticleScope},
        page::PageRequest,
    },
};

/// The language of a feed.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedParams {
    /// The feed's language (default `ru`). A feed holds articles of one language.
    pub lang: Option<Language>,
}

/// One feed, ready to render in any format.
#[derive(Debug, Clone)]
pub struct Feed {
    pub lang: Language,
    pub region: Option<region::Model>,
    pub title: String,
    pub description: String,
    /// The site's page the feed follows.
    pub home_url: String,
    /// The feed's own address, in the format being rendered.
    pub self_url: String,
    /// The WebSub hubs pinged when the feed changes (`WEBSUB_HUBS`).
    pub hubs: Vec<String>,
    /// When the newest entry last changed (the epoch for an empty feed, so the
    /// answer, and its ETag, stays the same until content changes).
    pub updated: DateTime<Utc>,
    pub entries: Vec<(article::Model, ArticleParts)>,
}

/// What a feed format brings to [`serve`]; the rest of answering is the same for all.
pub struct Format {
    /// The file name that ends the feed's paths, e.g. `rss.xml`.
    pub file: &'static str,
    /// The media type of the answer.
    pub content_type: &'static str,
    /// Writes a feed: its own and other API links absolute under the base URL given,
    /// its articles' links (and the publisher's) on the site.
    pub render: fn(&Feed, &str, &Site) -> AppResult<Vec<u8>>,
}

/// Answers a request for a feed in `format`: the portal's feed, or that of the
/// region `region_key` names (404 when none), cached as feeds are.
pub async fn serve(
    state: &AppState,
    region_key: Option<&str>,
    params: FeedParams,
    format: &Format,
) -> AppResult<Cached<Typed>> {
    let feed = load(state, region_key, params.lang, format.file).await?;
    let tags = feed.tags();
    let body = (format.render)(&feed, &state.config.public_base_url, &state.config.site)?;
    let typed = Typed {
        content_type: format.content_type,
        body,
    };
    Ok(Cached::new(CachePolicy::Feed, typed).tags(tags))
}

impl Feed {
    /// Its entries, and what a new entry joins: the region's feeds, or the portal's
    /// in this language.
    pub fn tags(&self) -> TagSet {
        let membership = match &self.region {
            Some(region) => CacheTag::region(&region.code),
            None => CacheTag::feed(self.lang),
        };
        tags::articles_listed(self.entries.iter().map(|(a, _)| a)).with(membership)
    }
}

/// Declares a format's two routes, the portal's feed (`portal`) and a region's
/// (`region`), with their OpenAPI documentation. Both answer through [`serve`] with
/// the format given, so a format module holds only what is its own: its paths, how
/// its answer is documented, and its renderer.
macro_rules! feed_routes {
    (
        format: $format:path,
        ok: ($($ok:tt)*),
        $(#[$portal_doc:meta])*
        portal: $portal_path:tt as $portal_id:tt,
        $(#[$region_doc:meta])*
        region: $region_path:tt as $region_id:tt $(,)?
    ) => {
        $(#[$portal_doc])*
        #[utoipa::path(get, path = $portal_path, operation_id = $portal_id, tag = "feeds",
            params($crate::api::feeds::items::FeedParams),
            responses(
                (status = 200, $($ok)*),
                $crate::api::responses::FeedRead,
            ))]
        pub async fn portal(
            ::axum::extract::State(state): ::axum::extract::State<$crate::state::AppState>,
            $crate::http::extract::Query(params): $crate::http::extract::Query<
                $crate::api::feeds::items::FeedParams,
            >,
        ) -> $crate::error::AppResult<$crate::http::cache::Cached<$crate::api::feeds::Typed>> {
            $crate::api::feeds::items::serve(&state, None, params, &$format).await
        }

        $(#[$region_doc])*
        #[utoipa::path(get, path = $region_path, operation_id = $region_id, tag = "feeds",
            params(
                ("slugOrCode" = String, Path, description = "The region's slug or ISO code"),
                $crate::api::feeds::items::FeedParams,
            ),
            responses(
                (status = 200, $($ok)*),
                $crate::api::responses::RegionFeedRead,
            ))]
        pub async fn region(
            ::axum::extract::State(state): ::axum::extract::State<$crate::state::AppState>,
            $crate::http::extract::PathParam(key): $crate::http::extract::PathParam,
            $crate::http::extract::Query(params): $crate::http::extract::Query<
                $crate::api::feeds::items::FeedParams,
            >,
        ) -> $crate::error::AppResult<$crate::http::cache::Cached<$crate::api::feeds::Typed>> {
            $crate::api::feeds::items::serve(&state, Some(&key), params, &$format).await
        }
    };
}
pub(crate) use feed_routes;

/// When an article last changed, for feeds: never before it was published.
pub fn changed_at(article: &article::Model) -> DateTime<Utc> {
    article
        .published_at
        .map_or(article.updated_at, |p| p.max(article.updated_at))
}

fn titles(lang: Language) -> (&'static str, &'static str) {
    match lang {
        Language::Ru => (
            "новости полиции Казахстана",
            "Новости полиции Казахстана: заседания, встречи с гражданами, профилактика",
        ),
        Language::Kk => (
            "Қазақстан полициясының жаңалықтары",
            "Қазақстан полициясының жаңалықтары: отырыстар, азаматтармен кездесулер, алдын алу",
        ),
        Language::En => (
            "Kazakhstan police news",
            "News of the police of Kazakhstan: councils, meetings with citizens, prevention",
        ),
    }
}

/// Loads the feed of the region named by `region_key` (or of the whole portal) for
/// the format whose file name is `file` (e.g. `rss.xml`).
async fn load(
    state: &AppState,
    region_key: Option<&str>,
    lang: Option<Language>,
    file: &str,
) -> AppResult<Feed> {
    let lang = lang.unwrap_or(Language::Ru);
    let region = match region_key {
        Some(key) => Some(crate::api::resolve::region(state, key).await?),
        None => None,
    };
    let filter = ArticleFilter {
        lang: Some(lang),
        region_id: region.as_ref().map(|r| r.id),
        ..ArticleFilter::default()
    };
    let scope = ArticleScope::public(state.clock.now());
    let request = PageRequest::<ArticleKey>::first(FEED_SIZE);
    let db = state.read_conn();
    let page =
        store::articles::list(db, &scope, &filter, ArticleOrder::NewestFirst, &request).await?;
    let mut parts = parts::load(
        &state.loaders(scope),
        &page.items,
        Detail::Summary,
        &state.file_urls(),
    )
    .await?;
    let base = &state.config.public_base_url;
    // The page a feed follows is the site's; the feed itself is the API's.
    let site = state.config.site.base();
    let (topic, description) = titles(lang);
    let (title, home_url) = match &region {
        Some(r) => (
            format!("{PUBLISHER} — {}", region_name(r, lang)),
            format!("{site}/{}/regions/{}", lang.code(), r.slug),
        ),
        None => (
            format!("{PUBLISHER} — {topic}"),
            format!("{site}/{}/news", lang.code()),
        ),
    };
    let updated = page
        .items
        .iter()
        .map(changed_at)
        .max()
        .unwrap_or(DateTime::UNIX_EPOCH);
    let entries = page
        .items
        .into_iter()
        .map(|a| {
            let part = parts.remove(&a.id).unwrap_or_default();
            (a, part)
        })
        .collect();
    Ok(Feed {
        lang,
        title,
        description: description.to_owned(),
        home_url,
        self_url: self_url(base, region.as_ref().map(|r| r.slug.as_str()), file, lang),
        hubs: state.config.webhooks.websub_hubs.clone(),
        updated,
        entries,
        region,
    })
}

/// The feed's own address: what it names as `self` and what WebSub hubs are told
/// changed.
pub fn self_url(base: &str, region_slug: Option<&str>, file: &str, lang: Language) -> String {
    format!("{base}{}?lang={}", path(region_slug, file), lang.code())
}

/// The file names of the feed formats, one per format.
pub const FILES: [&str; 3] = ["rss.xml", "atom.xml", "feed.json"];

/// The feed's path for `file` (e.g. `rss.xml`), for the portal or a region.
pub fn path(region_slug: Option<&str>, file: &str) -> String {
    match region_slug {
        Some(key) => format!("/feeds/regions/{key}/{file}"),
        None => format!("/feeds/{file}"),
    }
}
