//! Text analysis for full-text search, the same on PostgreSQL and SQLite.
//!
//! Indexed text and queries go through [`normalize`] in Rust before they reach the
//! database, so both engines see the same characters: `ё` is `е`, accents and other
//! combining marks are gone (but `й` keeps its breve), and the private-use characters
//! that mark highlights in snippets cannot appear in content. Case is kept in indexed
//! text (snippets show it) and folded by the databases' tokenizers.
//!
//! Morphology: PostgreSQL stems Russian and English documents with its own `russian`
//! and `english` configurations. SQLite's FTS5 has no Russian stemmer, so the
//! application does what those configurations do, with the same Snowball algorithms
//! ([`stem::Config`]), to the documents it indexes and to the queries. Everything else
//! (Kazakh articles, names of people, meetings) is matched by word prefixes on both:
//! the query's words are cut to a stem in Rust by [`stem::stem`], and a document word
//! matches when it starts with that stem.

pub mod highlight;
pub mod query;
pub mod stem;

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

pub use query::{Alternative, Group, ParsedQuery};

/// The longest query looked at; the rest is ignored, not refused.
pub const MAX_QUERY_CHARS: usize = 200;

/// Marks the start of a highlighted match in a raw snippet (a private-use character,
/// which [`normalize`] keeps out of every text).
pub const MARK_START: char = '\u{E000}';
/// Marks the end of a highlighted match.
pub const MARK_END: char = '\u{E001}';

/// `text` with `ё` folded to `е`, combining marks (accents, stress marks) removed
/// except the breve of `й`/`ў`, and private-use characters dropped.
pub fn normalize(text: &str) -> String {
    const BREVE: char = '\u{0306}';
    text.nfd()
        .filter(|c| *c == BREVE || !is_combining_mark(*c))
        .filter(|c| !matches!(*c, '\u{E000}'..='\u{F8FF}'))
        .nfc()
        .collect()
}

/// The words of normalised `text`, lower-cased: runs of letters and digits.
pub fn words(text: &str) -> Vec<String> {
    normalize(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A snippet as HTML: everything escaped, then the markers turned into `<mark>`
/// elements. Markers left unbalanced by a cut fragment are closed or dropped.
pub fn snippet_html(raw: &str) -> String {
    let mut html = String::with_capacity(raw.len() + 16);
    let mut open = false;
    for c in raw.chars() {
        match c {
            MARK_START if !open => {
                html.push_str("<mark>");
                open = true;
            }
            MARK_END if open => {
                html.push_str("</mark>");
                open = false;
            }
            MARK_START | MARK_END => {}
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#39;"),
            _ => html.push(c),
        }
    }
    if open {
        html.push_str("</mark>");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_folds_yo_and_accents_but_keeps_short_i_and_kazakh_letters() {
        assert_eq!(normalize("Ёлка, café, мо́локо"), "Елка, cafe, молоко");
        assert_eq!(normalize("Йошкар-Ола"), "Йошкар-Ола");
        assert_eq!(normalize("Қызылорда облысының"), "Қызылорда облысының");
        assert_eq!(normalize("a\u{E000}b\u{E001}"), "ab");
    }

    #[test]
    fn words_are_lower_case_runs_of_letters_and_digits() {
        assert_eq!(
            words("«Дорожная» полиция-102, ЁЖ"),
            ["дорожная", "полиция", "102", "еж"]
        );
    }

    #[test]
    fn snippets_escape_everything_but_the_marks() {
        let raw = format!("<script>{MARK_START}полиции{MARK_END} & \"x\"{MARK_START}y");
        assert_eq!(
            snippet_html(&raw),
            "&lt;script&gt;<mark>полиции</mark> &amp; &quot;x&quot;<mark>y</mark>"
        );
    }
}
