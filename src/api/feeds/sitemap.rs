//! Sitemaps: an index over files that together list every published article, and a
//! Google News sitemap of the last two days.
//!
//! The files split the articles in publication order, oldest first, each holding
//! `SITEMAP_URLS_PER_FILE` of them (50 000, the protocol's limit, unless configured
//! lower): a new article changes only the last file, so crawlers find the others
//! unchanged. A file's address names the article it starts at (see
//! [`syndication`]), so reading it is one keyset range, whatever its place.

use std::{collections::HashMap, fmt::Write};

use axum::extract::State;
use chrono::{Duration, SecondsFormat};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::Typed;
use crate::presentation::{PUBLISHER, links::Site};
use crate::{
    domain::cache_tags::{CacheTag, TagSet},
    error::{AppError, AppResult},
    http::{
        cache::{CachePolicy, Cached},
        extract::Query,
    },
    state::AppState,
    store::{
        articles::{ArticleKey, ArticleScope},
        page::{decode_cursor, encode_cursor},
        syndication::{self, SitemapEntry, Version},
    },
};

/// The media type of sitemaps.
pub const CONTENT_TYPE: &str = "application/xml; charset=utf-8";
/// The most addresses one news sitemap may list (Google's limit).
pub const MAX_NEWS_URLS: u64 = 1_000;
/// How far back a news sitemap looks (Google's limit).
pub const NEWS_WINDOW_DAYS: i64 = 2;
/// The path of the sitemap files.
pub const FILE_PATH: &str = "/sitemaps/articles.xml";

/// Which sitemap file.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FileParams {
    /// Where the file starts, as the sitemap index names it; absent for the first.
    pub from: Option<String>,
}

/// The sitemap index: the files that together list every published article.
#[utoipa::path(get, path = "/sitemap.xml", operation_id = "sitemap", tag = "feeds",
    responses(
        (status = 200, description = "A sitemap index (sitemaps.org 0.9)", content_type = "application/xml", body = String),
        (status = 304, response = crate::api::responses::NotModified),
    ))]
pub async fn index(State(state): State<AppState>) -> AppResult<Cached<Typed>> {
    let scope = ArticleScope::public(state.clock.now());
    let size = state.config.sitemap_urls_per_file;
    let db = state.read_conn();
    // The first file is always listed, so that an index is never empty.
    let mut starts = vec![None];
    while let Some(next) =
        syndication::next_file_start(db, &scope, starts.last().and_then(Option::as_ref), size)
            .await?
    {
        starts.push(Some(next));
    }
    let base = &state.config.public_base_url;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for start in &starts {
        let _ = writeln!(
            xml,
            "<sitemap><loc>{}</loc></sitemap>",
            escape(&file_url(base, start.as_ref()))
        );
    }
    xml.push_str("</sitemapindex>\n");
    Ok(sitemap(xml))
}

/// One sitemap file: up to `SITEMAP_URLS_PER_FILE` published articles, oldest first,
/// each with when it last changed and its versions in other languages.
#[utoipa::path(get, path = "/sitemaps/articles.xml", operation_id = "articleSitemap", tag = "feeds",
    params(FileParams),
    responses(
        (status = 200, description = "A sitemap (sitemaps.org 0.9) with `xhtml:link` alternates", content_type = "application/xml", body = String),
        crate::api::responses::FeedRead,
    ))]
pub async fn articles(
    State(state): State<AppState>,
    Query(params): Query<FileParams>,
) -> AppResult<Cached<Typed>> {
    let from = params
        .from
        .map(|from| {
            decode_cursor::<ArticleKey>(&from)
                .ok_or_else(|| AppError::bad_input("from", "not the start of a sitemap file"))
        })
        .transpose()?;
    let scope = ArticleScope::public(state.clock.now());
    let db = state.read_conn();
    let size = state.config.sitemap_urls_per_file;
    let entries = syndication::sitemap_file(db, &scope, from.as_ref(), size).await?;
    let mut groups: Vec<Uuid> = entries.iter().map(|e| e.translation_group_id).collect();
    groups.sort_unstable();
    groups.dedup();
    let versions = syndication::versions(db, &scope, &groups).await?;
    Ok(sitemap(urlset(&state.config.site, &entries, versions)))
}

/// The address of the sitemap file starting at `from`.
pub fn file_url(base: &str, from: Option<&ArticleKey>) -> String {
    match from {
        Some(key) => format!("{base}{FILE_PATH}?from={}", encode_cursor(key)),
        None => format!("{base}{FILE_PATH}"),
    }
}

/// A sitemap of `entries`. An article with versions in other languages lists all of
/// them, itself included, as `xhtml:link` alternates, as search engines ask. Every
/// address is the site's, where readers open the article.
fn urlset(site: &Site, entries: &[SitemapEntry], versions: Vec<Version>) -> String {
    let mut groups: HashMap<Uuid, Vec<Version>> = HashMap::new();
    for version in versions {
        groups
            .entry(version.translation_group_id)
            .or_default()
            .push(version);
    }
    for group in groups.values_mut() {
        // One order whatever the database's, for a stable ETag.
        group.sort_by_key(|version| version.lang.code());
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for entry in entries {
        let modified = entry
            .published_at
            .map_or(entry.updated_at, |p| p.max(entry.updated_at));
        // Writing to a String cannot fail.
        let _ = write!(
            xml,
            "<url><loc>{}</loc><lastmod>{}</lastmod>",
            escape(&site.article_url(entry.lang, &entry.slug)),
            modified.to_rfc3339_opts(SecondsFormat::Secs, true),
        );
        let alternates = groups
            .get(&entry.translation_group_id)
            .filter(|group| group.len() > 1);
        for version in alternates.into_iter().flatten() {
            let _ = write!(
                xml,
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                version.lang.code(),
                escape(&site.article_url(version.lang, &version.slug)),
            );
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Articles published in the last two days, with Google News metadata.
#[utoipa::path(get, path = "/sitemap-news.xml", operation_id = "newsSitemap", tag = "feeds",
    responses(
        (status = 200, description = "A Google News sitemap", content_type = "application/xml", body = String),
        (status = 304, response = crate::api::responses::NotModified),
    ))]
pub async fn news(State(state): State<AppState>) -> AppResult<Cached<Typed>> {
    let now = state.clock.now();
    let scope = ArticleScope::public(now);
    let since = now - Duration::days(NEWS_WINDOW_DAYS);
    let entries =
        syndication::sitemap_entries(state.read_conn(), &scope, Some(since), MAX_NEWS_URLS).await?;
    let site = &state.config.site;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n",
    );
    for entry in &entries {
        let Some(published) = entry.published_at else {
            continue;
        };
        let _ = writeln!(
            xml,
            "<url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name><news:language>{}</news:language></news:publication><news:publication_date>{}</news:publication_date><news:title>{}</news:title></news:news></url>",
            escape(&site.article_url(entry.lang, &entry.slug)),
            escape(PUBLISHER),
            entry.lang.code(),
            published.to_rfc3339_opts(SecondsFormat::Secs, true),
            escape(&entry.title),
        );
    }
    xml.push_str("</urlset>\n");
    Ok(sitemap(xml))
}

/// A sitemap answer. Its tag is the sitemaps' alone: a file lists up to 50,000
/// articles, far more than a header can name, and every change a sitemap shows
/// (a publication, an edit, a departure, a new slug) purges `sitemap`.
fn sitemap(xml: String) -> Cached<Typed> {
    Cached::new(
        CachePolicy::Sitemap,
        Typed {
            content_type: CONTENT_TYPE,
            body: xml.into_bytes(),
        },
    )
    .tags(TagSet::new().with(CacheTag::sitemap()))
}

/// Escapes text for XML character data and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(super::escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
    }
}
