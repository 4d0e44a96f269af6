//! The languages the portal publishes in, and how names fall back between them.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A content language. Articles are written in one; names of regions and people may
/// exist in several.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    async_graphql::Enum,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(2))")]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Russian.
    #[sea_orm(string_value = "ru")]
    Ru,
    /// Kazakh.
    #[sea_orm(string_value = "kk")]
    Kk,
    /// English.
    #[sea_orm(string_value = "en")]
    En,
}

impl Language {
    /// The order in which to look for a name when this language lacks one:
    /// Kazakh readers read Russian next, Russian readers English, English readers Russian.
    pub fn fallback_chain(self) -> [Language; 3] {
        match self {
            Language::Kk => [Language::Kk, Language::Ru, Language::En],
            Language::Ru => [Language::Ru, Language::En, Language::Kk],
            Language::En => [Language::En, Language::Ru, Language::Kk],
        }
    }

    /// The ISO 639-1 code, as stored and as used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            Language::Ru => "ru",
            Language::Kk => "kk",
            Language::En => "en",
        }
    }

    /// Parses an ISO 639-1 code, case-insensitively.
    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "ru" => Some(Language::Ru),
            "kk" => Some(Language::Kk),
            "en" => Some(Language::En),
            _ => None,
        }
    }
}

/// Picks the first name present along `lang`'s fallback chain. `names` is (ru, kk, en).
pub fn pick_name<'a>(
    lang: Language,
    ru: Option<&'a str>,
    kk: Option<&'a str>,
    en: Option<&'a str>,
) -> Option<&'a str> {
    lang.fallback_chain()
        .into_iter()
        .find_map(|l| match l {
            Language::Ru => ru,
            Language::Kk => kk,
            Language::En => en,
        })
        .filter(|name| !name.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_falls_back_to_russian_then_english() {
        assert_eq!(
            pick_name(Language::Kk, Some("ru"), None, Some("en")),
            Some("ru")
        );
        assert_eq!(pick_name(Language::Kk, None, None, Some("en")), Some("en"));
        assert_eq!(
            pick_name(Language::En, Some("ru"), Some("kk"), None),
            Some("ru")
        );
        assert_eq!(
            pick_name(Language::Ru, None, Some("kk"), Some("en")),
            Some("en")
        );
    }

    #[test]
    fn codes_round_trip() {
        for lang in [Language::Ru, Language::Kk, Language::En] {
            assert_eq!(Language::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Language::from_code(" KK "), Some(Language::Kk));
        assert_eq!(Language::from_code("de"), None);
    }
}

/// The first of our languages in an `Accept-Language` list, by quality then order.
pub fn preferred_language(accept: &str) -> Option<Language> {
    let mut best: Option<(f32, Language)> = None;
    for part in accept.split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or("").trim();
        let quality = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("");
        if let Some(lang) = Language::from_code(primary)
            && quality > 0.0
            && best.is_none_or(|(q, _)| quality > q)
        {
            best = Some((quality, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

#[cfg(test)]
mod accept_language_tests {
    use super::*;

    #[test]
    fn accept_language_picks_our_best_language() {
        assert_eq!(preferred_language("kk-KZ,ru;q=0.8"), Some(Language::Kk));
        assert_eq!(
            preferred_language("de, en;q=0.5, ru;q=0.9"),
            Some(Language::Ru)
        );
        assert_eq!(preferred_language("de, fr"), None);
        assert_eq!(preferred_language("en;q=0"), None);
    }
}
