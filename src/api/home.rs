//! `GET /`: where everything is. A browser gets a small page of links, any other
//! client the same links as JSON.

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, HeaderValue, header},
    response::{Html, IntoResponse, Response},
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{
    http::{
        cache::{CachePolicy, Cached},
        headers::{API_CSP, accepts_html},
    },
    state::AppState,
};

/// What the service offers: its APIs, their documentation, feeds and sitemaps.
#[derive(Debug, Serialize, ToSchema)]
pub struct Index {
    pub links: Vec<IndexLink>,
}

/// One thing the service offers.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct IndexLink {
    /// A name to find the link by; stable.
    #[schema(example = "rss")]
    pub name: &'static str,
    /// What is there, for people.
    #[schema(example = "News feed (RSS 2.0)")]
    pub title: &'static str,
    /// Its address, absolute under `PUBLIC_BASE_URL`.
    #[schema(example = "https://polisia.kz/feeds/rss.xml")]
    pub url: String,
    /// The media type of what is there.
    #[schema(example = "application/rss+xml")]
    pub media_type: &'static str,
}

/// Name, title, path and media type of every link. The titles hold no markup
/// characters: the page writes them as they are.
const LINKS: [(&str, &str, &str, &str); 9] = [
    (
        "graphiql",
        "GraphiQL, to explore the GraphQL API",
        "/graphql",
        "text/html",
    ),
    (
        "graphql",
        "GraphQL endpoint (POST, or GET for queries)",
        "/graphql",
        "application/json",
    ),
    (
        "docs",
        "REST API documentation (Swagger UI)",
        "/docs/",
        "text/html",
    ),
    (
        "openapi",
        "OpenAPI document of the REST API",
        "/openapi.json",
        "application/json",
    ),
    (
        "rss",
        "News feed (RSS 2.0)",
        "/feeds/rss.xml",
        "application/rss+xml",
    ),
    (
        "atom",
        "News feed (Atom 1.0)",
        "/feeds/atom.xml",
        "application/atom+xml",
    ),
    (
        "jsonFeed",
        "News feed (JSON Feed 1.1)",
        "/feeds/feed.json",
        "application/feed+json",
    ),
    (
        "sitemap",
        "Sitemap index of every published article",
        "/sitemap.xml",
        "application/xml",
    ),
    (
        "newsSitemap",
        "News sitemap of the last two days",
        "/sitemap-news.xml",
        "application/xml",
    ),
];

/// The links to everything the service offers: an HTML page for a browser (`Accept:
/// text/html`), JSON for anything else.
#[utoipa::path(get, path = "/", operation_id = "index", tag = "index",
    responses(
        (status = 200, description = "The links", content(
            (Index = "application/json"),
            (String = "text/html"),
        )),
        (status = 304, response = crate::api::responses::NotModified),
    ))]
pub async fn index(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let mut response = if accepts_html(&headers) {
        // The page loads nothing, so it needs no more than an API answer's policy.
        let page = ([(header::CONTENT_SECURITY_POLICY, API_CSP)], Html(page()));
        Cached::new(CachePolicy::Reference, page).into_response()
    } else {
        let base = &state.config.public_base_url;
        let links = LINKS
            .iter()
            .map(|&(name, title, path, media_type)| IndexLink {
                name,
                title,
                url: format!("{base}{path}"),
                media_type,
            })
            .collect();
        Cached::new(CachePolicy::Reference, Json(Index { links })).into_response()
    };
    response
        .headers_mut()
        .append(header::VARY, HeaderValue::from_static("Accept"));
    response
}

/// The page. Its links are paths, so that it works at whatever address it is
/// reached; the JSON index gives the public addresses.
fn page() -> String {
    let items: String = LINKS
        .iter()
        .map(|(_, title, path, media_type)| {
            format!("      <li><a href=\"{path}\" type=\"{media_type}\">{title}</a> <code>{path}</code></li>\n")
        })
        .collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>polisia-api</title>
  </head>
  <body>
    <h1>polisia-api</h1>
    <p>The content API of a police news portal: GraphQL, REST, feeds and sitemaps.</p>
    <ul>
{items}    </ul>
  </body>
</html>
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_needs_no_escaping() {
        for (name, title, path, media_type) in LINKS {
            for text in [name, title, path, media_type] {
                assert!(!text.contains(['<', '>', '&', '"']), "{text}");
            }
        }
    }
}
