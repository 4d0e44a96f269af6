//! Sitemaps: every published article, and a Google News sitemap of the last two days.

use std::fmt::Write;

use axum::extract::State;
use chrono::{Duration, SecondsFormat};

use super::Typed;
use crate::presentation::{PUBLISHER, links::article_url};
use crate::{
    error::AppResult,
    http::cache::{CachePolicy, Cached},
    state::AppState,
    store::{articles::ArticleScope, syndication},
};

/// The media type of sitemaps.
pub const CONTENT_TYPE: &str = "application/xml; charset=utf-8";
/// The most addresses one sitemap file may list (the sitemap protocol's limit).
pub const MAX_URLS: u64 = 50_000;
/// The most addresses one news sitemap may list (Google's limit).
pub const MAX_NEWS_URLS: u64 = 1_000;
/// How far back a news sitemap looks (Google's limit).
pub const NEWS_WINDOW_DAYS: i64 = 2;

/// The newest published articles (up to 50 000), newest first.
#[utoipa::path(get, path = "/sitemap.xml", operation_id = "sitemap", tag = "feeds",
    responses(
        (status = 200, description = "A sitemap (sitemaps.org 0.9)", content_type = "application/xml", body = String),
        (status = 304, response = crate::api::responses::NotModified),
    ))]
pub async fn articles(State(state): State<AppState>) -> AppResult<Cached<Typed>> {
    let scope = ArticleScope::public(state.clock.now());
    let entries = syndication::sitemap_entries(state.read_conn(), &scope, None, MAX_URLS).await?;
    let base = &state.config.public_base_url;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for entry in &entries {
        let modified = entry
            .published_at
            .map_or(entry.updated_at, |p| p.max(entry.updated_at));
        // Writing to a String cannot fail.
        let _ = writeln!(
            xml,
            "<url><loc>{}</loc><lastmod>{}</lastmod></url>",
            escape(&article_url(base, entry.lang, &entry.slug)),
            modified.to_rfc3339_opts(SecondsFormat::Secs, true),
        );
    }
    xml.push_str("</urlset>\n");
    Ok(sitemap(xml))
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
    let base = &state.config.public_base_url;
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
            escape(&article_url(base, entry.lang, &entry.slug)),
            escape(PUBLISHER),
            entry.lang.code(),
            published.to_rfc3339_opts(SecondsFormat::Secs, true),
            escape(&entry.title),
        );
    }
    xml.push_str("</urlset>\n");
    Ok(sitemap(xml))
}

fn sitemap(xml: String) -> Cached<Typed> {
    Cached::new(
        CachePolicy::Sitemap,
        Typed {
            content_type: CONTENT_TYPE,
            body: xml.into_bytes(),
        },
    )
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
