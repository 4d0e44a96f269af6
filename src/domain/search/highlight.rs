//! Finding a query's words in a text without the database: how often a column
//! matches (for SQLite's rank) and the highlighted fragment shown as a snippet.
//!
//! On SQLite, FTS5 could do both (`highlight()`, `snippet()`), but only inside a
//! full-text query: each would evaluate the MATCH over the whole archive again, and
//! a prefix term such as `полиц*` merges the postings of every word it starts. Done
//! here, the MATCH runs once, to find the candidates. The rules are those of the
//! index: words are runs of letters and digits, compared lower-cased; in a Russian or
//! English article a word matches when its lexeme is one of the query's (see
//! [`Config`]), elsewhere when it equals a term or, for a stem, starts with it.

use super::{MARK_END, MARK_START, ParsedQuery, stem::Config};

/// The terms of a query's positive items, for each configuration.
#[derive(Debug, Clone)]
pub struct Terms {
    russian: Vec<String>,
    english: Vec<String>,
    /// `(stem, matches as a prefix)`.
    simple: Vec<(String, bool)>,
}

/// The terms of a query as they match the words of one document.
#[derive(Debug, Clone, Copy)]
pub struct DocumentTerms<'a> {
    terms: &'a Terms,
    config: Config,
}

/// A word of a text: its byte range and whether a term matches it.
struct Word {
    start: usize,
    end: usize,
    hit: bool,
}

impl Terms {
    /// The terms `query` looks for (exclusions are never highlighted).
    pub fn of(query: &ParsedQuery) -> Self {
        Terms {
            russian: query.positive_lexemes(Config::Russian),
            english: query.positive_lexemes(Config::English),
            simple: query.positive_terms(),
        }
    }

    /// The terms as they match a document whose stored language code is `lang`.
    pub fn in_document(&self, lang: Option<&str>) -> DocumentTerms<'_> {
        DocumentTerms {
            terms: self,
            config: Config::of_document(lang),
        }
    }
}

impl DocumentTerms<'_> {
    fn matches(&self, word: &str) -> bool {
        let word = word.to_lowercase();
        let lexemes = match self.config {
            Config::Russian => &self.terms.russian,
            Config::English => &self.terms.english,
            Config::Simple => {
                return self.terms.simple.iter().any(|(term, prefix)| {
                    if *prefix {
                        word.starts_with(term.as_str())
                    } else {
                        word == *term
                    }
                });
            }
        };
        !lexemes.is_empty()
            && self
                .config
                .lexeme(&word)
                .is_some_and(|lexeme| lexemes.contains(&lexeme))
    }

    fn words(&self, text: &str) -> Vec<Word> {
        let mut words = Vec::new();
        let mut start = None;
        for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(at),
                (false, Some(from)) => {
                    words.push(Word {
                        start: from,
                        end: at,
                        hit: self.matches(&text[from..at]),
                    });
                    start = None;
                }
                _ => {}
            }
        }
        words
    }

    /// How many words of `text` the query matches.
    pub fn count(&self, text: &str) -> usize {
        self.words(text).iter().filter(|w| w.hit).count()
    }

    /// The best fragment of at most `size` words of `text`: the window with the most
    /// matches (the earliest of equals), marked with [`MARK_START`]/[`MARK_END`], with
    /// `…` where text was cut. Also how many matches it holds.
    fn fragment(&self, text: &str, size: usize) -> (usize, String) {
        let words = self.words(text);
        if words.is_empty() || size == 0 {
            return (0, String::new());
        }
        let size = size.min(words.len());
        let mut hits: usize = words[..size].iter().filter(|w| w.hit).count();
        let (mut best, mut best_hits) = (0, hits);
        for first in 1..=words.len() - size {
            hits =
                hits + usize::from(words[first + size - 1].hit) - usize::from(words[first - 1].hit);
            if hits > best_hits {
                (best, best_hits) = (first, hits);
            }
        }
        // Start a little before the first match, so that it reads in context.
        if best_hits > 0 {
            let first_hit = (best..best + size).find(|&i| words[i].hit).unwrap_or(best);
            let lead_in = (first_hit - best).min(3);
            let shift = (first_hit - best - lead_in).min(words.len() - size - best);
            if (best + shift..best + shift + size)
                .filter(|&i| words[i].hit)
                .count()
                == best_hits
            {
                best += shift;
            }
        }
        let window = &words[best..best + size];
        let mut out = String::new();
        if best > 0 {
            out.push('…');
        }
        let mut at = if best == 0 { 0 } else { window[0].start };
        for word in window {
            out.push_str(&text[at..word.start]);
            if word.hit {
                out.push(MARK_START);
                out.push_str(&text[word.start..word.end]);
                out.push(MARK_END);
            } else {
                out.push_str(&text[word.start..word.end]);
            }
            at = word.end;
        }
        let last = window[window.len() - 1].end;
        if best + size < words.len() {
            out.push('…');
        } else {
            out.push_str(&text[last..]);
        }
        (best_hits, out)
    }

    /// A snippet of at most `size` words from the first of `columns` with the best
    /// fragment (as FTS5's `snippet()` picks among columns), or the start of the
    /// first non-empty column when nothing matches.
    pub fn snippet(&self, columns: &[&str], size: usize) -> String {
        let mut best: Option<(usize, String)> = None;
        for column in columns.iter().filter(|c| !c.trim().is_empty()) {
            let (hits, fragment) = self.fragment(column, size);
            if best.as_ref().is_none_or(|(most, _)| hits > *most) {
                best = Some((hits, fragment));
            }
        }
        best.map(|(_, fragment)| fragment).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::search::snippet_html;

    fn terms(query: &str) -> Terms {
        Terms::of(&ParsedQuery::parse(query, None))
    }

    #[test]
    fn stems_match_word_beginnings_in_any_case() {
        let t = terms("полиция");
        let t = t.in_document(None);
        assert_eq!(t.count("Полиции и полицию, но не политика. ПОЛИЦИЯ."), 3);
    }

    #[test]
    fn russian_and_english_articles_match_lexemes() {
        let t = terms("полиция patrols");
        let text = "Полиции, полицейские и ПОЛИЦИЮ. Patrolling, patrol.";
        assert_eq!(t.in_document(Some("ru")).count(text), 4);
        assert_eq!(t.in_document(Some("en")).count(text), 2);
        assert_eq!(t.in_document(Some("kk")).count(text), 5);
        assert_eq!(terms("в").in_document(Some("ru")).count("в доме"), 0);
    }

    #[test]
    fn exclusions_are_not_highlighted() {
        let t = terms("полиция -кража");
        assert_eq!(t.in_document(None).count("полиция раскрыла кражу"), 1);
    }

    #[test]
    fn the_fragment_holds_the_most_matches_and_says_where_it_was_cut() {
        let t = terms("патруль");
        let t = t.in_document(None);
        let text = "Один два три четыре пять шесть семь восемь. Патруль вышел, патрульные \
                    проверили двор. Девять десять одиннадцать двенадцать.";
        let html = snippet_html(&t.snippet(&["", text], 6));
        assert_eq!(
            html,
            "…шесть семь восемь. <mark>Патруль</mark> вышел, <mark>патрульные</mark>…"
        );
    }

    #[test]
    fn the_best_column_wins_and_short_texts_are_whole() {
        let t = terms("рейд");
        let t = t.in_document(Some("ru"));
        let snippet = t.snippet(&["Итоги недели", "Ночной рейд в Актау"], 24);
        assert_eq!(snippet_html(&snippet), "Ночной <mark>рейд</mark> в Актау");
        assert_eq!(
            t.snippet(&["", "Без совпадений здесь"], 2),
            "Без совпадений…"
        );
    }

    #[test]
    fn hostile_text_is_escaped_around_the_marks() {
        let t = terms("script");
        let t = t.in_document(Some("en"));
        let html = snippet_html(&t.snippet(&["<script>alert(1)</script>"], 10));
        assert_eq!(
            html,
            "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;"
        );
    }
}
