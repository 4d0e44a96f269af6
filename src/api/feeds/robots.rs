//! `GET /robots.txt`: crawlers may read everything public, and are told where the
//! sitemaps are.

use axum::extract::State;

use super::Typed;
use crate::{
    http::cache::{CachePolicy, Cached},
    state::AppState,
};

/// The media type of robots.txt (RFC 9309).
pub const CONTENT_TYPE: &str = "text/plain; charset=utf-8";

/// The rules for crawlers, and the sitemaps by their absolute addresses.
#[utoipa::path(get, path = "/robots.txt", operation_id = "robots", tag = "feeds",
    responses(
        (status = 200, description = "robots.txt (RFC 9309)", content_type = "text/plain", body = String),
        (status = 304, response = crate::api::responses::NotModified),
    ))]
pub async fn robots(State(state): State<AppState>) -> Cached<Typed> {
    let base = &state.config.public_base_url;
    let body = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\nSitemap: {base}/sitemap-news.xml\n"
    );
    Cached::new(
        CachePolicy::Reference,
        Typed {
            content_type: CONTENT_TYPE,
            body: body.into_bytes(),
        },
    )
}
