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
