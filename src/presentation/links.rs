//! The public addresses of things, the same in REST answers, feeds, sitemaps, ninjs
//! and JSON-LD.
//!
//! Two places have addresses: the API itself (`PUBLIC_BASE_URL`: its REST resources,
//! feeds, sitemap files) and the public site where readers open an article
//! (`SITE_BASE_URL` with `SITE_ARTICLE_PATH`). [`Site::article_url`] is the one rule
//! for the latter.

use uuid::Uuid;

use crate::domain::Language;

/// The public site articles are read on, and how it spells an article's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    base: String,
    article_path: String,
}

impl Site {
    /// The article path when `SITE_ARTICLE_PATH` is not set: the one article
    /// addresses have always had.
    pub const DEFAULT_ARTICLE_PATH: &'static str = "/{lang}/news/{slug}";

    /// The site at `base` (no trailing slash), its articles at `article_path`; `None`
    /// when the path does not start with `/`, has no `{slug}` (it could not tell one
    /// article from another) or has a placeholder other than `{lang}` and `{slug}`.
    pub fn new(base: impl Into<String>, article_path: impl Into<String>) -> Option<Self> {
        let article_path = article_path.into();
        let rest = article_path.replace("{lang}", "").replace("{slug}", "");
        let valid = article_path.starts_with('/')
            && article_path.contains("{slug}")
            && !rest.contains(['{', '}']);
        valid.then(|| Site {
            base: base.into(),
            article_path,
        })
    }

    /// The site's address, e.g. `https://polisia.kz`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Where readers find an article, e.g. `https://polisia.kz/kk/news/itogi`.
    pub fn article_url(&self, lang: Language, slug: &str) -> String {
        let path = self
            .article_path
            .replace("{lang}", lang.code())
            .replace("{slug}", slug);
        format!("{}{path}", self.base)
    }
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
        let site = Site::new("https://polisia.kz", Site::DEFAULT_ARTICLE_PATH).unwrap();
        assert_eq!(
            site.article_url(Language::Kk, "itogi"),
            "https://polisia.kz/kk/news/itogi"
        );
        let flat = Site::new("https://polisia.kz", "/news/{slug}.html").unwrap();
        assert_eq!(
            flat.article_url(Language::Ru, "itogi"),
            "https://polisia.kz/news/itogi.html"
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

    #[test]
    fn an_article_path_starts_with_a_slash_and_names_the_slug() {
        let site = |path: &str| Site::new("https://polisia.kz", path);
        assert!(site("{lang}/news/{slug}").is_none());
        assert!(site("/{lang}/news").is_none());
        assert!(site("/{lang}/news/{id}-{slug}").is_none());
        assert!(site("/{slug}").is_some());
    }
}
