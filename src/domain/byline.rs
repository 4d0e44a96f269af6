//! Who an article is by: a staff account, or free text such as a department's press
//! service, written in each language the portal publishes in.

use super::{Language, language::pick_name};

/// What an article's byline names.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    async_graphql::Enum,
    serde::Serialize,
    serde::Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BylineKind {
    /// The article's author, a staff account.
    Staff,
    /// Free text, e.g. "Пресс-служба ДП Кызылординской области".
    Text,
}

/// A free-text byline in (ru, kk, en), any of which may be absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BylineText<'a> {
    pub ru: Option<&'a str>,
    pub kk: Option<&'a str>,
    pub en: Option<&'a str>,
}

impl<'a> BylineText<'a> {
    /// Whether any language has text: then the byline is free text, not staff.
    pub fn is_given(&self) -> bool {
        [self.ru, self.kk, self.en]
            .into_iter()
            .flatten()
            .any(|t| !t.is_empty())
    }

    /// The text in `lang`, with the fallback every name uses (kk → ru → en,
    /// ru → en → kk, en → ru → kk).
    pub fn in_lang(&self, lang: Language) -> Option<&'a str> {
        pick_name(lang, self.ru, self.kk, self.en)
    }
}

/// The byline's name and kind in `lang`: the free text when there is any, else the
/// author's name; `None` when neither is known.
pub fn byline<'a>(
    text: BylineText<'a>,
    author_name: Option<&'a str>,
    lang: Language,
) -> Option<(&'a str, BylineKind)> {
    match text.in_lang(lang) {
        Some(name) => Some((name, BylineKind::Text)),
        None => author_name.map(|name| (name, BylineKind::Staff)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_falls_back_like_names_and_wins_over_the_author() {
        let only_ru = BylineText {
            ru: Some("Пресс-служба"),
            kk: None,
            en: None,
        };
        assert_eq!(
            byline(only_ru, Some("Staff"), Language::Kk),
            Some(("Пресс-служба", BylineKind::Text))
        );
        let none = BylineText {
            ru: None,
            kk: None,
            en: None,
        };
        assert_eq!(
            byline(none, Some("Staff"), Language::En),
            Some(("Staff", BylineKind::Staff))
        );
        assert_eq!(byline(none, None, Language::En), None);
    }
}
