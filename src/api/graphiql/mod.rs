//! GraphiQL, the in-browser IDE a browser gets at `GET /graphql`, served from the
//! binary like the API docs: its page, and the scripts and styles the page loads under
//! `/graphql/assets/`, vendored in `assets/graphiql/` (see the README there).
//!
//! Each asset's path holds a hash of its content, so an answer may be kept for a year:
//! a release that changes a file changes its path.

use std::sync::LazyLock;

use axum::{
    Router,
    extract::Path,
    http::{HeaderValue, header},
    response::{Html, IntoResponse, Response},
    routing::get,
};
use sha2::{Digest, Sha256};

use crate::{error::AppError, state::AppState};

/// What the page needs: scripts and styles of this origin, the data-URI fonts and
/// icons of GraphiQL's stylesheet, and requests (HTTP and WebSocket) to this service.
/// Nothing from elsewhere, and no inline script.
pub const GRAPHIQL_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// How long a browser or shared cache may keep an asset: a year, the most RFC 9111
/// suggests; `immutable` spares even the revalidation on reload.
const ASSET_CACHE_CONTROL: &str = "public, max-age=31536000, immutable";

const JAVASCRIPT: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";

/// A file the page loads.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

const FILES: [Asset; 6] = [
    Asset {
        name: "react.production.min.js",
        content_type: JAVASCRIPT,
        body: include_bytes!("../../../assets/graphiql/react.production.min.js"),
    },
    Asset {
        name: "react-dom.production.min.js",
        content_type: JAVASCRIPT,
        body: include_bytes!("../../../assets/graphiql/react-dom.production.min.js"),
    },
    Asset {
        name: "graphiql.min.js",
        content_type: JAVASCRIPT,
        body: include_bytes!("../../../assets/graphiql/graphiql.min.js"),
    },
    Asset {
        name: "graphiql.min.css",
        content_type: CSS,
        body: include_bytes!("../../../assets/graphiql/graphiql.min.css"),
    },
    // Ours: the page's layout, and the script that starts GraphiQL (a file, so that
    // the policy needs no inline script).
    Asset {
        name: "page.css",
        content_type: CSS,
        body: include_bytes!("page.css"),
    },
    Asset {
        name: "start.js",
        content_type: JAVASCRIPT,
        body: include_bytes!("start.js"),
    },
];

/// The page, with `{{name}}` standing for the path of the asset `name`.
const PAGE_TEMPLATE: &str = include_str!("page.html");

/// Every asset with the hash its path carries.
static ASSETS: LazyLock<Vec<(&'static Asset, String)>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|asset| {
            let digest = Sha256::digest(asset.body);
            (asset, format!("{digest:x}")[..16].to_owned())
        })
        .collect()
});

/// The page, rendered once.
static PAGE: LazyLock<String> = LazyLock::new(|| {
    ASSETS
        .iter()
        .fold(PAGE_TEMPLATE.to_owned(), |page, (asset, hash)| {
            page.replace(
                &format!("{{{{{}}}}}", asset.name),
                &format!("/graphql/assets/{hash}/{}", asset.name),
            )
        })
});

/// The asset routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/graphql/assets/{hash}/{name}", get(asset))
}

/// The GraphiQL page, under its policy.
pub fn page() -> Response {
    (
        [(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(GRAPHIQL_CSP),
        )],
        Html(PAGE.as_str()),
    )
        .into_response()
}

/// One asset, when `hash` is that of its present content: an old path is not
/// answered with new content, which a year-long cache would then keep as the old.
async fn asset(Path((hash, name)): Path<(String, String)>) -> Result<Response, AppError> {
    let (asset, _) = ASSETS
        .iter()
        .find(|(asset, current)| asset.name == name && *current == hash)
        .ok_or(AppError::NotFound("no such GraphiQL file"))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.content_type),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static(ASSET_CACHE_CONTROL),
            ),
        ],
        asset.body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_names_every_asset_by_its_hashed_path() {
        assert!(!PAGE.contains("{{"), "{}", *PAGE);
        for (asset, hash) in ASSETS.iter() {
            let path = format!("/graphql/assets/{hash}/{}", asset.name);
            assert!(PAGE.contains(&path), "{path}");
        }
    }
}
