//! Checks on an article's free-text byline and section, before anything is written.

use super::{input::BylineInput, validate};
use crate::{
    domain::{Language, Section},
    error::{AppError, AppResult},
};

/// Longest byline in one language (the columns' size).
pub const BYLINE_MAX: usize = 300;

/// A byline in stored form: trimmed, blanks absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckedByline {
    pub ru: Option<String>,
    pub kk: Option<String>,
    pub en: Option<String>,
}

/// Checks `byline` of an article written in `lang`. Each language is one line of at
/// most [`BYLINE_MAX`] characters; a byline given at all must have Russian or the
/// article's own language, so that the article's readers and the portal's main
/// language are never left to a fallback. An empty byline (every language blank)
/// means the author's name again.
pub fn byline(field: &str, byline: &BylineInput, lang: Language) -> AppResult<CheckedByline> {
    let one = |name: &str, value: Option<&str>| {
        validate::optional_line(&format!("{field}.{name}"), value, BYLINE_MAX)
    };
    let checked = CheckedByline {
        ru: one("ru", byline.ru.as_deref())?,
        kk: one("kk", byline.kk.as_deref())?,
        en: one("en", byline.en.as_deref())?,
    };
    let own = match lang {
        Language::Ru => &checked.ru,
        Language::Kk => &checked.kk,
        Language::En => &checked.en,
    };
    let any = checked.ru.is_some() || checked.kk.is_some() || checked.en.is_some();
    if any && checked.ru.is_none() && own.is_none() {
        return Err(AppError::bad_input(
            format!("{field}.{}", lang.code()),
            "a byline needs its Russian text or the text in the article's language",
        ));
    }
    Ok(checked)
}

/// A section by its code (`ROAD_SAFETY`) or slug (`road-safety`).
pub fn section(field: &str, code: &str) -> AppResult<Section> {
    Section::parse(code).ok_or_else(|| {
        let known: Vec<&str> = Section::ALL.iter().map(|s| s.code()).collect();
        AppError::bad_input(
            field,
            format!("is not a section; the sections are {}", known.join(", ")),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(ru: Option<&str>, kk: Option<&str>, en: Option<&str>) -> BylineInput {
        BylineInput {
            ru: ru.map(Into::into),
            kk: kk.map(Into::into),
            en: en.map(Into::into),
        }
    }

    #[test]
    fn needs_russian_or_the_articles_language() {
        assert!(byline("b", &input(None, None, Some("Press")), Language::Kk).is_err());
        assert!(byline("b", &input(None, None, Some("Press")), Language::En).is_ok());
        assert!(byline("b", &input(Some(" Пресс "), None, None), Language::En).is_ok());
        assert_eq!(
            byline("b", &input(Some("  "), None, None), Language::Kk).unwrap(),
            CheckedByline::default()
        );
        assert!(
            byline(
                "b",
                &input(Some(&"я".repeat(301)), None, None),
                Language::Ru
            )
            .is_err()
        );
    }
}
