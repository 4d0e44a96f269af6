//! JSON Feed 1.1 (<https://www.jsonfeed.org/version/1.1/>).

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::items::{self, Feed, Format, changed_at};
use crate::error::{AppError, AppResult};
use crate::presentation::{
    PUBLISHER,
    links::{Site, article_urn},
    names::tag_name,
    parts::region_name,
};

/// The media type of JSON Feed.
pub const CONTENT_TYPE: &str = "application/feed+json; charset=utf-8";

/// JSON Feed as [`items::serve`] answers it.
const FORMAT: Format = Format {
    file: "feed.json",
    content_type: CONTENT_TYPE,
    render,
};

/// A JSON Feed 1.1 document.
#[derive(Debug, Serialize, ToSchema)]
pub struct JsonFeed {
    /// Always `https://jsonfeed.org/version/1.1`.
    pub version: &'static str,
    pub title: String,
    pub home_page_url: String,
    pub feed_url: String,
    pub description: String,
    /// BCP 47 language code of the whole feed.
    pub language: &'static str,
    pub authors: Vec<JsonFeedAuthor>,
    /// The WebSub hubs to subscribe at, when the service names any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hubs: Vec<JsonFeedHub>,
    pub items: Vec<JsonFeedItem>,
}

/// A hub that tells subscribers when the feed changes.
#[derive(Debug, Serialize, ToSchema)]
pub struct JsonFeedHub {
    /// Always `WebSub`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub url: String,
}

/// An author.
#[derive(Debug, Serialize, ToSchema)]
pub struct JsonFeedAuthor {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One article.
#[derive(Debug, Serialize, ToSchema)]
pub struct JsonFeedItem {
    /// Stable identifier (`urn:uuid:...`).
    pub id: String,
    pub url: String,
    pub title: String,
    /// The full text as HTML.
    pub content_html: String,
    /// The lead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The cover picture.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    pub date_published: Option<DateTime<Utc>>,
    pub date_modified: DateTime<Utc>,
    pub authors: Vec<JsonFeedAuthor>,
    /// Tag names.
    pub tags: Vec<String>,
    pub language: &'static str,
    /// Our extension: the region the article is about.
    #[serde(rename = "_region", skip_serializing_if = "Option::is_none")]
    pub region: Option<JsonFeedRegion>,
}

/// The region of an item (a JSON Feed extension, hence the underscore).
#[derive(Debug, Serialize, ToSchema)]
pub struct JsonFeedRegion {
    /// ISO 3166-2:KZ code.
    pub code: String,
    pub slug: String,
    /// The name in the item's language.
    pub name: String,
}

items::feed_routes! {
    format: FORMAT,
    ok: (description = "JSON Feed 1.1", content_type = "application/feed+json", body = JsonFeed),
    /// The newest published articles of the portal as JSON Feed 1.1.
    portal: "/feeds/feed.json" as "jsonFeed",
    /// The newest published articles about one region as JSON Feed 1.1.
    region: "/feeds/regions/{slugOrCode}/feed.json" as "regionJsonFeed",
}

fn render(feed: &Feed, _base: &str, site: &Site) -> AppResult<Vec<u8>> {
    let items = feed
        .entries
        .iter()
        .map(|(article, parts)| JsonFeedItem {
            id: article_urn(article.id),
            url: site.article_url(article.lang, &article.slug),
            title: article.title.clone(),
            content_html: article.body.clone(),
            summary: article.lead.clone(),
            image: parts.cover.as_ref().map(|cover| cover.url.clone()),
            date_published: article.published_at,
            date_modified: changed_at(article),
            authors: vec![JsonFeedAuthor {
                name: parts
                    .author
                    .clone()
                    .or_else(|| article.source.clone())
                    .unwrap_or_else(|| PUBLISHER.into()),
                url: None,
            }],
            tags: parts
                .tags
                .iter()
                .map(|t| tag_name(t, article.lang).to_owned())
                .collect(),
            language: article.lang.code(),
            region: parts.region.as_ref().map(|r| JsonFeedRegion {
                code: r.code.clone(),
                slug: r.slug.clone(),
                name: region_name(r, article.lang).to_owned(),
            }),
        })
        .collect();
    let document = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: feed.title.clone(),
        home_page_url: feed.home_url.clone(),
        feed_url: feed.self_url.clone(),
        description: feed.description.clone(),
        language: feed.lang.code(),
        authors: vec![JsonFeedAuthor {
            name: PUBLISHER.into(),
            url: Some(site.base().to_owned()),
        }],
        hubs: feed
            .hubs
            .iter()
            .map(|url| JsonFeedHub {
                kind: "WebSub",
                url: url.clone(),
            })
            .collect(),
        items,
    };
    serde_json::to_vec(&document).map_err(|e| AppError::Internal(format!("writing JSON Feed: {e}")))
}
