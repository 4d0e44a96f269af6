//! The public site where articles are read, apart from the API's own address: the
//! one rule for an article's address, which configuration checks at start-up and
//! every representation (feeds, sitemaps, REST, JSON-LD, GraphQL) follows.

use super::Language;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_addresses() {
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
