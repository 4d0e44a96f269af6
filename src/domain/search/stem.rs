//! Small suffix strippers that cut a lower-case query word to the stem matched as a
//! prefix of document words. They aim at recall: cutting a little too much only
//! widens a prefix match, while cutting too little would miss inflected forms.
//!
//! Every stemmer keeps at least [`MIN_STEM`] letters, and a word is never cut below
//! it. Words with digits are left alone.
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
//! **Russian** (`ru`, used on SQLite and for prefix matching): one pass removing the
//! longest inflectional ending of nouns, adjectives, participles and verbs from a
//! fixed list (e.g. -ями/-ами/-ого/-ему/-ия/-ии/-ию/-ой/-ый/-ая/-ов/-ах/-а/-я/-ы/-и/-у/-ю/-е/-о/-ь/-й,
//! -ться/-ется/-ить/-ать/-ют/-ет/-ла/-ли, reflexive -ся/-сь), so `полиция`, `полиции`
//! and `полицию` all become `полиц`.
//!
//! **English** (`en`, used on SQLite and for prefix matching): removes one of
//! -ations/-ation/-ings/-ing/-edly/-ed/-ies/-es/-s/-ly/-y/-e, then undoubles a final
//! consonant, so `patrols`, `patrolling` and `patrolled` all become `patrol`.

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

const RUSSIAN_ENDINGS: &[&str] = &[
    "иями", "ться", "ется", "ются", "ится", "ятся", "ями", "ами", "ого", "его", "ому", "ему",
    "ыми", "ими", "ией", "ием", "иях", "ешь", "ете", "ить", "ать", "ять", "еть", "тся", "ая", "яя",
    "ое", "ее", "ые", "ие", "ый", "ий", "ой", "ей", "ую", "юю", "ым", "им", "ом", "ем", "ых", "их",
    "ия", "ию", "ии", "ья", "ье", "ью", "ях", "ах", "ов", "ев", "ам", "ям", "ют", "ут", "ят", "ит",
    "ет", "ла", "ли", "ло", "ся", "сь", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й",
];

const ENGLISH_ENDINGS: &[&str] = &[
    "ations", "ation", "ings", "edly", "ing", "ies", "ed", "es", "ly", "s", "y", "e",
];

/// Letters only Kazakh uses among the Cyrillic ones.
fn is_kazakh(word: &str) -> bool {
    word.chars()
        .any(|c| matches!(c, 'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ' | 'і'))
}

fn is_cyrillic(word: &str) -> bool {
    word.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
}

/// The stem of lower-case `word` for a query in `lang`: Kazakh rules for a Kazakh
/// query or a word with Kazakh letters, Russian for other Cyrillic words, English
/// for Latin ones.
pub fn stem(word: &str, lang: Option<Language>) -> String {
    if word.chars().any(|c| c.is_numeric()) {
        return word.to_owned();
    }
    if is_cyrillic(word) {
        if lang == Some(Language::Kk) || is_kazakh(word) {
            kazakh(word)
        } else {
            russian(word)
        }
    } else if word.is_ascii() {
        english(word)
    } else {
        word.to_owned()
    }
}

/// Cuts `ending` off `word` if it ends so and enough letters remain.
fn cut<'a>(word: &'a str, ending: &str) -> Option<&'a str> {
    let rest = word.strip_suffix(ending)?;
    (rest.chars().count() >= MIN_STEM).then_some(rest)
}

fn longest_cut<'a>(word: &'a str, endings: &[&str]) -> Option<&'a str> {
    // The lists run longest-first, so the first ending that fits is the longest.
    endings.iter().find_map(|ending| cut(word, ending))
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

/// The Russian stem of `word` (see the module documentation).
pub fn russian(word: &str) -> String {
    longest_cut(word, RUSSIAN_ENDINGS)
        .unwrap_or(word)
        .to_owned()
}

/// The English stem of `word` (see the module documentation).
pub fn english(word: &str) -> String {
    let Some(stem) = longest_cut(word, ENGLISH_ENDINGS) else {
        return word.to_owned();
    };
    let bytes = stem.as_bytes();
    let n = bytes.len();
    let doubled = n > MIN_STEM
        && bytes[n - 1] == bytes[n - 2]
        && !matches!(bytes[n - 1], b'a' | b'e' | b'i' | b'o' | b'u' | b's' | b'l');
    // "patroll" → "patrol": a doubled "l" is undone too, but "s"/"ss" stays.
    let doubled_l = n > MIN_STEM && bytes[n - 1] == b'l' && bytes[n - 2] == b'l';
    if doubled || doubled_l {
        stem[..n - 1].to_owned()
    } else {
        stem.to_owned()
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

    #[test]
    fn russian_forms_share_a_stem() {
        for form in ["полиция", "полиции", "полицию", "полицией"] {
            assert_eq!(russian(form), "полиц", "{form}");
        }
        assert_eq!(russian("дорожной"), "дорожн");
        assert_eq!(russian("мир"), "мир");
    }

    #[test]
    fn english_forms_share_a_stem() {
        for form in ["patrols", "patrolling", "patrolled", "patrol"] {
            assert_eq!(english(form), "patrol", "{form}");
        }
        assert_eq!(english("police"), "polic");
        assert_eq!(english("policies"), "polic");
    }

    #[test]
    fn the_language_picks_the_stemmer() {
        assert_eq!(stem("полициясы", Some(Language::Kk)), "полиция");
        assert_eq!(stem("полиции", None), "полиц");
        assert_eq!(stem("қызметі", None), "қызмет");
        assert_eq!(stem("102", None), "102");
    }
}
