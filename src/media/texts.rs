//! The words that go with an image: alt text, caption and credit, each in Russian,
//! Kazakh and English, checked once here for both APIs.

use crate::{domain::Language, entity::media, error::AppError};

/// Which text of an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// What the picture shows, for those who cannot see it.
    Alt,
    /// What the picture is about, shown under it.
    Caption,
    /// Who made it.
    Credit,
}

impl TextField {
    pub const ALL: [TextField; 3] = [TextField::Alt, TextField::Caption, TextField::Credit];

    /// The longest text, in characters.
    fn max_chars(self) -> usize {
        match self {
            TextField::Alt => 500,
            TextField::Caption => 2000,
            TextField::Credit => 300,
        }
    }

    /// The field's name in snake case, as the REST form names it (`alt_ru`).
    pub fn form_name(self, lang: Language) -> String {
        let base = match self {
            TextField::Alt => "alt",
            TextField::Caption => "caption",
            TextField::Credit => "credit",
        };
        format!("{base}_{}", lang.code())
    }

    /// The field's name in camel case, as GraphQL inputs name it (`altRu`).
    pub fn input_name(self, lang: Language) -> String {
        let form = self.form_name(lang);
        let (base, code) = form.split_once('_').unwrap_or((&form, ""));
        let mut code = code.chars();
        match code.next() {
            Some(first) => format!("{base}{}{}", first.to_ascii_uppercase(), code.as_str()),
            None => base.to_owned(),
        }
    }
}

/// A change to one text: a new value, or `None` to clear it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextChange {
    pub field: TextField,
    pub lang: Language,
    pub value: Option<String>,
    /// The name the client gave the field, for errors.
    pub named: String,
}

/// Checks a text: trimmed, empty clears it, no longer than its field allows and free
/// of control characters.
pub fn check(change: TextChange) -> Result<TextChange, AppError> {
    let value = change
        .value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty());
    if let Some(text) = value {
        if text.chars().count() > change.field.max_chars() {
            return Err(AppError::bad_input(
                change.named,
                format!("at most {} characters", change.field.max_chars()),
            ));
        }
        if text.chars().any(|c| c.is_control() && c != '\n') {
            return Err(AppError::bad_input(
                change.named,
                "no control characters other than line breaks",
            ));
        }
    }
    Ok(TextChange {
        value: value.map(str::to_owned),
        ..change
    })
}

/// The slot of one text in a row.
fn slot(row: &mut media::Model, field: TextField, lang: Language) -> &mut Option<String> {
    match (field, lang) {
        (TextField::Alt, Language::Ru) => &mut row.alt_ru,
        (TextField::Alt, Language::Kk) => &mut row.alt_kk,
        (TextField::Alt, Language::En) => &mut row.alt_en,
        (TextField::Caption, Language::Ru) => &mut row.caption_ru,
        (TextField::Caption, Language::Kk) => &mut row.caption_kk,
        (TextField::Caption, Language::En) => &mut row.caption_en,
        (TextField::Credit, Language::Ru) => &mut row.credit_ru,
        (TextField::Credit, Language::Kk) => &mut row.credit_kk,
        (TextField::Credit, Language::En) => &mut row.credit_en,
    }
}

/// Writes a checked change into `row`.
pub fn apply(row: &mut media::Model, change: TextChange) {
    *slot(row, change.field, change.lang) = change.value;
}

/// The three languages of one text of `row`: (ru, kk, en).
pub fn all(row: &media::Model, field: TextField) -> [Option<&str>; 3] {
    match field {
        TextField::Alt => [&row.alt_ru, &row.alt_kk, &row.alt_en],
        TextField::Caption => [&row.caption_ru, &row.caption_kk, &row.caption_en],
        TextField::Credit => [&row.credit_ru, &row.credit_kk, &row.credit_en],
    }
    .map(|v| v.as_deref())
}

/// One text of `row` in `lang`, with the fallbacks names use (Kazakh → Russian →
/// English, Russian → English, English → Russian).
pub fn pick(row: &media::Model, field: TextField, lang: Language) -> Option<&str> {
    let [ru, kk, en] = all(row, field);
    crate::domain::language::pick_name(lang, ru, kk, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_each_api() {
        assert_eq!(TextField::Alt.form_name(Language::Kk), "alt_kk");
        assert_eq!(TextField::Caption.input_name(Language::En), "captionEn");
    }

    #[test]
    fn texts_are_trimmed_and_bounded() {
        let change = |value: &str| TextChange {
            field: TextField::Credit,
            lang: Language::Ru,
            value: Some(value.into()),
            named: "credit_ru".into(),
        };
        assert_eq!(
            check(change("  МВД  ")).unwrap().value.as_deref(),
            Some("МВД")
        );
        assert_eq!(check(change("   ")).unwrap().value, None);
        assert!(check(change(&"a".repeat(301))).is_err());
        assert!(check(change("a\u{7}b")).is_err());
    }
}
