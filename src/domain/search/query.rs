//! The query language, read the way PostgreSQL's `websearch_to_tsquery` reads it:
//! words are all required, `"quoted words"` form a phrase, `-word` (or `-"phrase"`)
//! excludes, and `OR` between two items accepts either. Nothing is ever a syntax
//! error: stray operators and an unbalanced quote are simply read as well as possible.
//!
//! The parsed query is then written out for each engine: back to websearch syntax
//! (quoted, so no word can act as an operator) for PostgreSQL's stemmed
//! configurations, as a prefix `tsquery` for its `simple` one, and as an FTS5 MATCH
//! expression for SQLite in which every token is quoted. On SQLite the expression
//! reads each column of the index with the query analysed for it, as PostgreSQL's
//! configurations would: Snowball lexemes without stop words for Russian and English
//! articles, stem prefixes for the rest.

use super::{
    MAX_QUERY_CHARS,
    stem::{Config, stem},
    words,
};
use crate::domain::Language;

/// The most items a query keeps; more only cost time.
const MAX_ITEMS: usize = 16;

/// One word or phrase, possibly excluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternative {
    pub negated: bool,
    /// Lower-case, normalised words; more than one is a phrase.
    pub words: Vec<String>,
}

/// Alternatives joined by `OR`; every group must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group(pub Vec<Alternative>);

/// A query read into groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedQuery {
    pub groups: Vec<Group>,
    pub lang: Option<Language>,
}

enum Token {
    Item(Alternative),
    Or,
}

fn tokens(text: &str) -> Vec<Token> {
    let text: String = text.chars().take(MAX_QUERY_CHARS).collect();
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut negated = false;
        if c == '-' {
            chars.next();
            match chars.peek() {
                Some(next) if !next.is_whitespace() => negated = true,
                _ => continue,
            }
        }
        let raw: String = if chars.peek() == Some(&'"') {
            chars.next();
            // An unbalanced quote runs to the end of the query.
            chars.by_ref().take_while(|c| *c != '"').collect()
        } else {
            let mut raw = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '"' {
                    break;
                }
                raw.push(c);
                chars.next();
            }
            if !negated && raw.eq_ignore_ascii_case("or") {
                out.push(Token::Or);
                continue;
            }
            raw
        };
        let words = words(&raw);
        if !words.is_empty() {
            out.push(Token::Item(Alternative { negated, words }));
        }
    }
    out
}

impl ParsedQuery {
    /// Reads `text` (only its first [`MAX_QUERY_CHARS`] characters).
    pub fn parse(text: &str, lang: Option<Language>) -> Self {
        let mut groups: Vec<Group> = Vec::new();
        let mut joined = false;
        for token in tokens(text) {
            match token {
                Token::Or => joined = !groups.is_empty(),
                Token::Item(item) => {
                    match groups.last_mut() {
                        Some(group) if joined => group.0.push(item),
                        _ => groups.push(Group(vec![item])),
                    }
                    joined = false;
                }
            }
        }
        // An exclusion inside an OR has no FTS5 equivalent: it is dropped there and
        // here alike, so both databases answer the same.
        for group in &mut groups {
            if group.0.len() > 1 {
                group.0.retain(|a| !a.negated);
            }
        }
        groups.retain(|g| !g.0.is_empty());
        groups.truncate(MAX_ITEMS);
        ParsedQuery { groups, lang }
    }

    fn positives(&self) -> impl Iterator<Item = &Group> {
        self.groups.iter().filter(|g| !g.0[0].negated)
    }

    fn negatives(&self) -> impl Iterator<Item = &Alternative> {
        self.groups
            .iter()
            .filter(|g| g.0[0].negated)
            .map(|g| &g.0[0])
    }

    /// Whether anything can match: a query of exclusions alone matches nothing.
    pub fn is_empty(&self) -> bool {
        self.positives().next().is_none()
    }

    /// A canonical spelling, the same for queries that mean the same.
    pub fn canonical(&self) -> String {
        self.websearch()
    }

    /// The query in websearch syntax, every item quoted.
    pub fn websearch(&self) -> String {
        let item = |a: &Alternative| {
            let sign = if a.negated { "-" } else { "" };
            format!("{sign}\"{}\"", a.words.join(" "))
        };
        self.groups
            .iter()
            .map(|g| g.0.iter().map(item).collect::<Vec<_>>().join(" or "))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn stems(&self, words: &[String]) -> Vec<(String, bool)> {
        words
            .iter()
            .map(|w| {
                let s = stem(w, self.lang);
                let prefix = s.chars().count() >= super::stem::MIN_STEM;
                (s, prefix)
            })
            .collect()
    }

    /// The stems of the words of every positive item, each `(stem, matches as a
    /// prefix)`: what a match is made of, and what snippets highlight.
    pub fn positive_terms(&self) -> Vec<(String, bool)> {
        self.positives()
            .flat_map(|g| g.0.iter())
            .flat_map(|a| self.stems(&a.words))
            .collect()
    }

    /// A `tsquery` for the `simple` configuration matching stems as word prefixes.
    pub fn prefix_tsquery(&self) -> String {
        let phrase = |a: &Alternative| {
            let terms: Vec<String> = self
                .stems(&a.words)
                .into_iter()
                .map(|(s, prefix)| format!("'{s}'{}", if prefix { ":*" } else { "" }))
                .collect();
            format!("({})", terms.join(" <-> "))
        };
        let mut parts: Vec<String> = self
            .positives()
            .map(|g| {
                let alts: Vec<String> = g.0.iter().map(phrase).collect();
                format!("({})", alts.join(" | "))
            })
            .collect();
        parts.extend(self.negatives().map(|a| format!("!{}", phrase(a))));
        parts.join(" & ")
    }

    /// The lexemes of `a`'s words in `config`, stop words dropped (a phrase keeps
    /// the rest of its words, now adjacent); `None` when nothing is left.
    fn lexemes(a: &Alternative, config: Config) -> Option<Vec<String>> {
        let lexemes: Vec<String> = a.words.iter().filter_map(|w| config.lexeme(w)).collect();
        (!lexemes.is_empty()).then_some(lexemes)
    }

    /// The lexemes of every positive item in `config`: what snippets highlight in a
    /// document of that configuration.
    pub fn positive_lexemes(&self, config: Config) -> Vec<String> {
        self.positives()
            .flat_map(|g| g.0.iter())
            .filter_map(|a| Self::lexemes(a, config))
            .flatten()
            .collect()
    }

    /// The FTS5 expression for one column of the index: stem prefixes for the
    /// `simple` column, exact lexemes for the others. As `websearch_to_tsquery` does
    /// with stop words, an item left without words is dropped, and a query left
    /// without positive items matches nothing in that column (`None`).
    fn fts5_column(&self, column: &str, config: Config) -> Option<String> {
        let phrase = |a: &Alternative| -> Option<String> {
            let terms: Vec<String> = match config {
                Config::Simple => self
                    .stems(&a.words)
                    .into_iter()
                    .map(|(s, prefix)| {
                        format!("\"{SIMPLE_MARK}{s}\"{}", if prefix { "*" } else { "" })
                    })
                    .collect(),
                _ => Self::lexemes(a, config)?
                    .into_iter()
                    .map(|l| format!("\"{l}\""))
                    .collect(),
            };
            Some(terms.join(" + "))
        };
        let positive: Vec<String> = self
            .positives()
            .filter_map(|g| {
                let alts: Vec<String> = g.0.iter().filter_map(phrase).collect();
                (!alts.is_empty()).then(|| format!("({})", alts.join(" OR ")))
            })
            .collect();
        if positive.is_empty() {
            return None;
        }
        let mut expr = format!("({})", positive.join(" AND "));
        for negative in self.negatives().filter_map(phrase) {
            expr.push_str(&format!(" NOT ({negative})"));
        }
        Some(format!("({column} : ({expr}))"))
    }

    /// An FTS5 MATCH expression over SQLite's index, whose columns `ru`, `en` and
    /// `simple` hold the words of documents in each configuration.
    pub fn fts5(&self) -> String {
        [
            (FTS5_RUSSIAN, Config::Russian),
            (FTS5_ENGLISH, Config::English),
            (FTS5_SIMPLE, Config::Simple),
        ]
        .into_iter()
        .filter_map(|(column, config)| self.fts5_column(column, config))
        .collect::<Vec<_>>()
        .join(" OR ")
    }
}

/// The column of SQLite's index holding Russian articles' lexemes.
pub const FTS5_RUSSIAN: &str = "ru";
/// The column holding English articles' lexemes.
pub const FTS5_ENGLISH: &str = "en";
/// The column holding the words of everything else.
pub const FTS5_SIMPLE: &str = "simple";

/// What each word of the `simple` column starts with in SQLite's index. The index
/// keeps one list of terms for all its columns, and a prefix query (`полиц*`) reads
/// every term it covers before the column filter applies: unmarked, a Kazakh or
/// meeting search's prefix also read the Russian lexemes `полиц` and `полицейск`,
/// whose lists hold nearly every article. Marked, it reads the `simple` column's
/// own terms. No Snowball lexeme starts with a digit followed by a letter this way.
pub const SIMPLE_MARK: &str = "0s";

/// `text` as the words of the `simple` column: each word (a run of letters and
/// digits, as the index's tokenizer splits) behind [`SIMPLE_MARK`].
pub fn simple_words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("{SIMPLE_MARK}{w}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> ParsedQuery {
        ParsedQuery::parse(text, None)
    }

    #[test]
    fn simple_words_are_marked_one_by_one() {
        assert_eq!(
            simple_words("Полиция, ауыл-2026!"),
            "0sПолиция 0sауыл 0s2026"
        );
        assert_eq!(simple_words(" — "), "");
    }

    #[test]
    fn phrases_exclusions_and_or_are_read() {
        let q = parse("\"Дорожной полиции\" -мошенничество патруль OR рейд");
        assert_eq!(
            q.websearch(),
            "\"дорожной полиции\" -\"мошенничество\" \"патруль\" or \"рейд\""
        );
        assert_eq!(
            q.fts5(),
            "(ru : (((\"дорожн\" + \"полиц\") AND (\"патрул\" OR \"рейд\")) NOT (\"мошенничеств\"))) \
             OR (en : (((\"дорожной\" + \"полиции\") AND (\"патруль\" OR \"рейд\")) NOT (\"мошенничество\"))) \
             OR (simple : (((\"0sдорожн\"* + \"0sполиц\"*) AND (\"0sпатрул\"* OR \"0sрейд\"*)) NOT (\"0sмошенничеств\"*)))"
        );
        assert_eq!(
            q.prefix_tsquery(),
            "(('дорожн':* <-> 'полиц':*)) & (('патрул':*) | ('рейд':*)) & !('мошенничеств':*)"
        );
    }

    #[test]
    fn operators_and_broken_quotes_never_fail() {
        assert!(parse("- OR \" * : ( ) & | !").is_empty());
        assert!(parse("-полиция").is_empty());
        assert!(parse("OR OR").is_empty());
        let q = parse("\"незакрытая кавычка");
        assert_eq!(q.groups.len(), 1);
        assert_eq!(q.groups[0].0[0].words, ["незакрытая", "кавычка"]);
        let q = parse("a\"NEAR(b c)\"^* {col}:x");
        assert!(!q.fts5().contains("NEAR("));
    }

    #[test]
    fn long_queries_are_cut() {
        let q = parse(&"слово ".repeat(300));
        assert_eq!(q.groups.len(), MAX_ITEMS);
    }

    #[test]
    fn kazakh_queries_use_the_kazakh_stemmer() {
        let q = ParsedQuery::parse("облысының полициясы", Some(Language::Kk));
        assert!(
            q.fts5()
                .ends_with("(simple : (((\"0sоблыс\"*) AND (\"0sполиция\"*))))"),
            "{}",
            q.fts5()
        );
    }

    #[test]
    fn stop_words_are_dropped_where_postgresql_drops_them() {
        // websearch_to_tsquery('russian', 'кража в Алматы') is 'краж' & 'алмат'.
        let q = parse("кража в Алматы");
        assert_eq!(
            q.fts5(),
            "(ru : (((\"краж\") AND (\"алмат\")))) \
             OR (en : (((\"кража\") AND (\"в\") AND (\"алматы\")))) \
             OR (simple : (((\"0sкраж\"*) AND (\"0sв\") AND (\"0sалмат\"*))))"
        );
        // Nothing but Russian and English stop words: no Russian article can match.
        // (English has no stop word "и".)
        let q = parse("the OR и");
        assert_eq!(
            q.fts5(),
            "(en : (((\"и\")))) OR (simple : (((\"0sthe\"* OR \"0sи\"))))"
        );
        assert_eq!(q.positive_lexemes(Config::Russian), Vec::<String>::new());
    }
}
