//! The public addresses of things, the same in REST answers, feeds, sitemaps, ninjs
//! and JSON-LD.

use uuid::Uuid;

use crate::domain::Language;

/// Where readers find an article: `{PUBLIC_BASE_URL}/{lang}/news/{slug}`.
pub fn article_url(base: &str, lang: Language, slug: &str) -> String {
    format!("{base}/{}/news/{slug}", lang.code())
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(
            article_url("https://polisia.kz", Language::Kk, "itogi"),
            "https://polisia.kz/kk/news/itogi"
        );
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
