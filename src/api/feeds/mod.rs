//! Syndication: RSS 2.0, Atom and JSON Feed (whole portal and per region), sitemaps
//! and robots.txt, IPTC ninjs and schema.org JSON-LD. Every link is absolute, built
//! from `PUBLIC_BASE_URL` by [`links`].

pub mod atom;
pub mod items;
pub mod json_feed;
pub mod robots;
pub mod rss;
pub mod sitemap;

use axum::{
    Router,
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
    routing::get,
};
use utoipa::OpenApi;

use crate::state::AppState;

/// How many items a feed holds.
pub const FEED_SIZE: u64 = 50;

/// The feed and sitemap routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/feeds/rss.xml", get(rss::portal))
        .route("/feeds/atom.xml", get(atom::portal))
        .route("/feeds/feed.json", get(json_feed::portal))
        .route("/feeds/regions/{slugOrCode}/rss.xml", get(rss::region))
        .route("/feeds/regions/{slugOrCode}/atom.xml", get(atom::region))
        .route(
            "/feeds/regions/{slugOrCode}/feed.json",
            get(json_feed::region),
        )
        .route("/sitemap.xml", get(sitemap::index))
        .route(sitemap::FILE_PATH, get(sitemap::articles))
        .route("/sitemap-news.xml", get(sitemap::news))
        .route("/robots.txt", get(robots::robots))
}

/// A body with its media type.
#[derive(Debug)]
pub struct Typed {
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

impl IntoResponse for Typed {
    fn into_response(self) -> Response {
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static(self.content_type),
            )],
            self.body,
        )
            .into_response()
    }
}

/// The feeds part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(
        rss::portal,
        rss::region,
        atom::portal,
        atom::region,
        json_feed::portal,
        json_feed::region,
        sitemap::index,
        sitemap::articles,
        sitemap::news,
        robots::robots,
    ),
    components(schemas(json_feed::JsonFeed)),
    tags((name = "feeds", description = "RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the newest published articles; sitemaps of every one, and robots.txt")),
)]
pub struct FeedsApi;
