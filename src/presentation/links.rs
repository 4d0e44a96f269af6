//! The public addresses of things, the same in REST answers, feeds, sitemaps, ninjs
//! and JSON-LD.
//!
//! Two places have addresses: the API itself (`PUBLIC_BASE_URL`: its REST resources,
//! feeds, sitemap files) and the public site where readers open an article
//! (`SITE_BASE_URL` with `SITE_ARTICLE_PATH`). [`Site::article_url`] is the one rule
//! for the latter.

use uuid::Uuid;

pub use crate::domain::site::Site;

/// The API's own address (`PUBLIC_BASE_URL`), as the GraphQL schema holds it.
#[derive(Debug, Clone)]
pub struct ApiBase(pub String);

/// The REST address of a resource, e.g. `api_url(base, "/regions/kz-43")`.
pub fn api_url(base: &str, path: &str) -> String {
    format!("{base}/api/v1{path}")
}

/// A stable, global name for an article that survives slug changes.
pub fn article_urn(id: Uuid) -> String {
    format!("urn:uuid:{id}")
}

/// `url` made absolute against `base` when it is a path on this site.
pub fn absolute(base: &str, url: &str) -> String {
    if url.starts_with('/') && !url.starts_with("//") {
        format!("{base}{url}")
    } else {
        url.to_owned()
    }
}

/// [`absolute`] in SQL, of the address `url` computes.
pub fn tree_absolute(base: &str, url: sea_orm::sea_query::Expr) -> sea_orm::sea_query::Expr {
    sea_orm::sea_query::Expr::cust_with_exprs(
        "CASE WHEN left($1, 1) = '/' AND left($2, 2) <> '//' THEN $3 || $4 ELSE $5 END",
        [
            url.clone(),
            url.clone(),
            sea_orm::sea_query::Expr::val(base),
            url.clone(),
            url,
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_addresses() {
        assert_eq!(
            absolute("https://polisia.kz", "/media/a.jpg"),
            "https://polisia.kz/media/a.jpg"
        );
        assert_eq!(
            absolute("https://polisia.kz", "https://cdn.kz/a.jpg"),
            "https://cdn.kz/a.jpg"
        );
    }
}
