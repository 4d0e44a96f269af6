//! Stemmers for lower-case words: Kazakh suffix stripping of our own, Snowball for
//! Russian and English. Words with digits are left alone.
//!
//! **Kazakh** (`kk`): Kazakh is agglutinative, so endings stack (`облыс-тар-ы-ның`).
//! The stemmer repeatedly removes the longest ending it knows from the end of the
//! word while at least three letters remain. The endings, in both vowel harmonies
//! and after voiced and voiceless consonants:
//! - genitive: -ның/-нің/-дың/-дің/-тың/-тің
//! - locative: -нда/-нде/-да/-де/-та/-те, and the adjectival -дағы/-дегі/-тағы/-тегі
//! - dative: -ға/-ге/-қа/-ке/-на/-не
//! - ablative: -нан/-нен/-дан/-ден/-тан/-тен
//! - accusative: -ны/-ні/-ды/-ді/-ты/-ті
//! - instrumental: -мен/-бен/-пен
//! - plural: -лар/-лер/-дар/-дер/-тар/-тер
//! - possessive (3rd person): -сы/-сі/-ы/-і
//!
//! Where the sound before an ending decides it, the stemmer checks that sound:
//! -ны/-ні and -сы/-сі only after a vowel (-сы/-сі not after ы/і), -ды/-ді/-ты/-ті
//! only after a consonant; otherwise the shorter -ы/-і is taken.
//!
//! So `облысының` → `облысы` → `облыс`, `облысында` → `облысы` → `облыс`,
//! `полициясы` → `полиция`.
//!
//! **Russian** and **English** (`ru`, `en`): Snowball, the algorithms of PostgreSQL's
//! `russian_stem` and `english_stem` dictionaries, so a word stems the same on both
//! databases: `полиция`, `полиции` and `полицию` become `полиц`, `patrols`,
//! `patrolling` and `patrolled` become `patrol`.
//!
//! [`Config`] analyses a document's words the way PostgreSQL's configuration of the same
//! name does (stop words dropped, words with digits left alone), which is how SQLite
//! indexes Russian and English articles and matches queries against them.
//!
//! [`stem`] gives the prefixes matched against every other document (the `simple`
//! configuration: Kazakh articles, meetings, people), on both databases. A Snowball
//! stem is not always a prefix of its word (`dmitry` → `dmitri`), so the prefix is
//! what the word and its stem begin with (`dmitr`), and never fewer than [`MIN_STEM`]
//! letters of the word.

use std::{collections::HashSet, sync::LazyLock};

use rust_stemmers::{Algorithm, Stemmer};

use crate::domain::Language;

/// The fewest letters a stem keeps.
pub const MIN_STEM: usize = 3;

const KAZAKH_ENDINGS: &[&str] = &[
    "дағы", "дегі", "тағы", "тегі", "ның", "нің", "дың", "дің", "тың", "тің", "нда", "нде", "нан",
    "нен", "дан", "ден", "тан", "тен", "лар", "лер", "дар", "дер", "тар", "тер", "мен", "бен",
    "пен", "да", "де", "та", "те", "ға", "ге", "қа", "ке", "на", "не", "ны", "ні", "ды", "ді",
    "ты", "ті", "сы", "сі", "ы", "і",
];

const KAZAKH_VOWELS: &str = "аәеиоөұүуыіэюя";

/// Whether Kazakh `ending` may follow `stem`: the accusative -ны/-ні and the
/// possessive -сы/-сі follow vowels (the possessive not ы/і, or `облысы` would lose
/// its `с`), the accusative -ды/-ді/-ты/-ті follows consonants.
fn kazakh_fits(stem: &str, ending: &str) -> bool {
    let last = stem.chars().last().unwrap_or(' ');
    let after_vowel = KAZAKH_VOWELS.contains(last);
    match ending {
        "ны" | "ні" => after_vowel,
        "сы" | "сі" => after_vowel && !matches!(last, 'ы' | 'і'),
        "ды" | "ді" | "ты" | "ті" => !after_vowel,
        _ => true,
    }
}

/// Letters only Kazakh uses among the Cyrillic ones.
fn is_kazakh(word: &str) -> bool {
    word.chars()
        .any(|c| matches!(c, 'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ' | 'і'))
}

fn is_cyrillic(word: &str) -> bool {
    word.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
}

/// The prefix of lower-case `word` matched against documents of the `simple`
/// configuration, for a query in `lang`: Kazakh rules for a Kazakh query or a word
/// with Kazakh letters, Russian for other Cyrillic words, English for Latin ones.
pub fn stem(word: &str, lang: Option<Language>) -> String {
    if has_digits(word) {
        return word.to_owned();
    }
    if is_cyrillic(word) {
        if lang == Some(Language::Kk) || is_kazakh(word) {
            kazakh(word)
        } else {
            prefix(word, &russian(word))
        }
    } else if word.is_ascii() {
        prefix(word, &english(word))
    } else {
        word.to_owned()
    }
}

fn has_digits(word: &str) -> bool {
    word.chars().any(char::is_numeric)
}

/// What `word` and its `stem` begin with, but at least [`MIN_STEM`] letters of `word`.
fn prefix(word: &str, stem: &str) -> String {
    let common: String = word
        .chars()
        .zip(stem.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a)
        .collect();
    if common.chars().count() >= MIN_STEM {
        common
    } else {
        word.chars().take(MIN_STEM).collect()
    }
}

/// Cuts `ending` off `word` if it ends so and enough letters remain.
fn cut<'a>(word: &'a str, ending: &str) -> Option<&'a str> {
    let rest = word.strip_suffix(ending)?;
    (rest.chars().count() >= MIN_STEM).then_some(rest)
}

/// The Kazakh stem of `word` (see the module documentation).
pub fn kazakh(word: &str) -> String {
    let mut current = word;
    while let Some(shorter) = KAZAKH_ENDINGS
        .iter()
        .find_map(|e| cut(current, e).filter(|stem| kazakh_fits(stem, e)))
    {
        current = shorter;
    }
    current.to_owned()
}

/// The Snowball Russian stem of `word`, as PostgreSQL's `russian_stem` makes it.
pub fn russian(word: &str) -> String {
    Stemmer::create(Algorithm::Russian).stem(word).into_owned()
}

/// The Snowball English (Porter2) stem of `word`, as PostgreSQL's `english_stem`
/// makes it.
pub fn english(word: &str) -> String {
    Stemmer::create(Algorithm::English).stem(word).into_owned()
}

/// Snowball's stop word lists, as PostgreSQL ships them (`russian.stop`,
/// `english.stop`): its stemming dictionaries drop these words.
static RUSSIAN_STOP_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("stopwords/russian.txt").lines().collect());
static ENGLISH_STOP_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("stopwords/english.txt").lines().collect());

/// How a document's words are analysed, after the PostgreSQL text-search
/// configuration of the same name: `russian` for Russian articles, `english` for
/// English ones, `simple` (no stemming; queries match by [`stem`] prefixes) for the
/// rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Config {
    Russian,
    English,
    Simple,
}

impl Config {
    /// The configuration of a document whose stored language code is `lang`.
    pub fn of_document(lang: Option<&str>) -> Config {
        match lang {
            Some("ru") => Config::Russian,
            Some("en") => Config::English,
            _ => Config::Simple,
        }
    }

    /// The lexeme PostgreSQL's configuration makes of lower-case `word`, or `None`
    /// for a stop word it drops. Words with digits stay as they are (PostgreSQL reads
    /// them as numbers or `numword`s, which go to the `simple` dictionary); in the
    /// `russian` configuration Latin words go to the English stemmer, the rest to the
    /// Russian one; the `english` configuration sends every word to the English one.
    pub fn lexeme(self, word: &str) -> Option<String> {
        if self == Config::Simple || has_digits(word) {
            return Some(word.to_owned());
        }
        let english_word = self == Config::English || word.is_ascii();
        let (stop_words, stemmed): (&HashSet<&str>, fn(&str) -> String) = if english_word {
            (&ENGLISH_STOP_WORDS, english)
        } else {
            (&RUSSIAN_STOP_WORDS, russian)
        };
        (!stop_words.contains(word)).then(|| stemmed(word))
    }

    /// The lexemes of normalised `text`, lower-cased and separated by spaces: what
    /// SQLite's full-text index holds for a document of this configuration.
    pub fn lexemes(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for lexeme in super::words(text)
            .iter()
            .filter_map(|word| self.lexeme(word))
        {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&lexeme);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_endings_stack_and_come_off_longest_first() {
        assert_eq!(kazakh("облысының"), "облыс");
        assert_eq!(kazakh("облысында"), "облыс");
        assert_eq!(kazakh("облыстарының"), "облыс");
        assert_eq!(kazakh("полициясы"), "полиция");
        assert_eq!(kazakh("полиция"), "полиция");
        assert_eq!(kazakh("облыс"), "облыс");
        assert_eq!(kazakh("ата"), "ата");
    }

    /// Stems as PostgreSQL 15 makes them: `ts_lexize('russian_stem', word)`.
    #[test]
    fn russian_stems_are_postgresqls() {
        for (word, stem) in [
            ("полиция", "полиц"),
            ("полиции", "полиц"),
            ("полицию", "полиц"),
            ("полицией", "полиц"),
            ("полицейские", "полицейск"),
            ("участковых", "участков"),
            ("участковый", "участков"),
            ("дорожной", "дорожн"),
            ("мошенничеству", "мошенничеств"),
            ("мир", "мир"),
            ("мировой", "миров"),
            ("задержанные", "задержа"),
            ("преступлений", "преступлен"),
            ("длинный", "длин"),
        ] {
            assert_eq!(russian(word), stem, "{word}");
        }
    }

    /// Stems as PostgreSQL 15 makes them: `ts_lexize('english_stem', word)`.
    #[test]
    fn english_stems_are_postgresqls() {
        for (word, stem) in [
            ("patrols", "patrol"),
            ("patrolling", "patrol"),
            ("patrolled", "patrol"),
            ("police", "polic"),
            ("policies", "polici"),
            ("happiness", "happi"),
            ("agreed", "agre"),
            ("agreement", "agreement"),
            ("officers", "offic"),
            ("running", "run"),
            ("generously", "generous"),
            ("cities", "citi"),
            ("dmitry", "dmitri"),
        ] {
            assert_eq!(english(word), stem, "{word}");
        }
    }

    /// As `to_tsvector('russian', …)` and `to_tsvector('english', …)` analyse them.
    #[test]
    fn configurations_analyse_documents_as_postgresql_does() {
        assert_eq!(
            Config::Russian.lexemes("Полицейские задержали patrol cars в 2024 году"),
            "полицейск задержа patrol car 2024 год"
        );
        assert_eq!(
            Config::English.lexemes("The officers arrested полиция и mp5"),
            "offic arrest полиция и mp5"
        );
        assert_eq!(Config::Russian.lexeme("и"), None);
        assert_eq!(Config::Simple.lexeme("и").as_deref(), Some("и"));
        assert_eq!(Config::of_document(Some("ru")), Config::Russian);
        assert_eq!(Config::of_document(Some("kk")), Config::Simple);
        assert_eq!(Config::of_document(None), Config::Simple);
    }

    #[test]
    fn prefixes_begin_the_word_and_keep_three_letters() {
        assert_eq!(stem("dmitry", None), "dmitr");
        assert_eq!(stem("patrolling", None), "patrol");
        assert_eq!(stem("полицейские", None), "полицейск");
        assert_eq!(stem("она", None), "она");
        assert_eq!(stem("имени", None), "имен");
        assert_eq!(stem("он", None), "он");
    }

    #[test]
    fn the_language_picks_the_stemmer() {
        assert_eq!(stem("полициясы", Some(Language::Kk)), "полиция");
        assert_eq!(stem("полиции", None), "полиц");
        assert_eq!(stem("қызметі", None), "қызмет");
        assert_eq!(stem("102", None), "102");
    }
}
