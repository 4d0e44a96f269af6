//! URL slugs for titles written in Russian, Kazakh or Latin script.
//!
//! A slug is lowercase ASCII letters, digits and single dashes, so it survives any
//! URL, feed or log untouched. Cyrillic is transliterated rather than percent-encoded
//! so that links stay readable when shared.

/// The longest slug [`slugify`] and [`with_suffix`] produce, in bytes.
///
/// Well under the 200-character column, leaving room for a uniqueness suffix and
/// keeping links short enough to paste into a message.
pub const MAX_LEN: usize = 120;

/// Slugs no article may take: the REST paths beside `/articles/{idOrSlug}` (the front
/// page's `/articles/featured`) would answer in the article's place.
pub const RESERVED_FOR_ARTICLES: &[&str] = &["featured"];

/// Turns a title into a slug: transliterated, lowercase, words joined by `-`.
///
/// Russian follows the simplified table common in Russian-language URLs (`ж` → `zh`,
/// `щ` → `shch`, `ъ` and `ь` dropped); the Kazakh letters `ә ғ қ ң ө ұ ү һ і` map to `a g q n o u u h i`.
/// Latin letters and digits are kept, common accented Latin letters lose their accent,
/// and every other run of characters becomes one `-`. The result is cut to
/// [`MAX_LEN`] bytes at a word boundary when there is one.
///
/// Returns an empty string when nothing in `text` can be spelled in a slug: the
/// caller decides on a fallback, since only it knows what the slug is for.
#[must_use]
pub fn slugify(text: &str) -> String {
    cut(&spell(text), MAX_LEN).to_owned()
}

/// The whole transliterated text, before the length cap.
fn spell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for ch in text.chars().flat_map(char::to_lowercase) {
        match transliterate(ch) {
            // Soft and hard signs, apostrophes and combining accents sit inside a word:
            // they must neither show up nor split it.
            Some("") => {}
            Some(latin) => {
                if gap && !out.is_empty() {
                    out.push('-');
                }
                gap = false;
                out.push_str(latin);
            }
            None => gap = true,
        }
    }
    out
}

/// A slug as a request gives it, in the form stored slugs have: trimmed and
/// lowercased (links pasted into messages often gain capitals or spaces).
#[must_use]
pub fn normalize(given: &str) -> String {
    given.trim().to_lowercase()
}

/// Appends `-n` to `base`, for the second, third, ... page that wants the same slug.
///
/// The base is shortened (at a word boundary when possible) so the result still fits
/// in [`MAX_LEN`]; an empty base gives the bare number rather than a leading dash.
#[must_use]
pub fn with_suffix(base: &str, n: u32) -> String {
    let suffix = n.to_string();
    let room = MAX_LEN - suffix.len() - 1;
    let base = cut(base, room).trim_end_matches('-');
    if base.is_empty() {
        suffix
    } else {
        format!("{base}-{suffix}")
    }
}

/// The longest prefix of `slug` within `max` bytes, ending before a `-` when it can.
fn cut(slug: &str, max: usize) -> &str {
    if slug.len() <= max {
        return slug;
    }
    if slug.as_bytes()[max] == b'-' {
        return &slug[..max];
    }
    // `with_suffix` accepts any string, so never cut inside a character.
    let mut end = max;
    while !slug.is_char_boundary(end) {
        end -= 1;
    }
    match slug[..end].rfind('-') {
        Some(dash) if dash > 0 => &slug[..dash],
        // One word longer than the cap: a hard cut beats no slug at all.
        _ => &slug[..end],
    }
}

/// Russian `а`..=`я` in alphabet order (`ё` lies outside that range).
const RUSSIAN: [&str; 32] = [
    "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
    "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
];

/// The Latin spelling of one lowercase character: `Some("")` to drop it silently,
/// `None` for a separator.
fn transliterate(ch: char) -> Option<&'static str> {
    // Every ASCII letter and digit, to hand out as a static string without allocating.
    const ASCII: &str = "0123456789abcdefghijklmnopqrstuvwxyz";
    if let Some(i) = ASCII.find(ch) {
        return Some(&ASCII[i..=i]);
    }
    if ('а'..='я').contains(&ch) {
        return Some(RUSSIAN[(ch as u32 - 'а' as u32) as usize]);
    }
    // Each arm lists the Kazakh letter first, then accented Latin letters (the 2021
    // Kazakh Latin alphabet among them) that readers expect to see without accents.
    Some(match ch {
        'ё' | 'è'..='ë' | 'ē' | 'ę' | 'ě' => "e",
        'ә' | 'à'..='å' | 'ā' | 'ă' | 'ą' => "a",
        'ғ' | 'ğ' => "g",
        'қ' => "q",
        'ң' | 'ñ' | 'ń' | 'ň' => "n",
        'ө' | 'ò'..='ö' | 'ø' | 'ō' | 'ő' => "o",
        'ұ' | 'ү' | 'ù'..='ü' | 'ū' | 'ů' | 'ű' => "u",
        'һ' => "h",
        'і' | 'ì'..='ï' | 'ī' | 'ı' => "i",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ł' => "l",
        'œ' => "oe",
        'ś' | 'ş' | 'š' => "s",
        'ß' => "ss",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'ъ' | 'ь' | '\'' | '’' | '\u{300}'..='\u{36f}' => "",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_headline() {
        assert_eq!(
            slugify("Заседание КСО состоялось в департаменте полиции Кызылординской области"),
            "zasedanie-kso-sostoyalos-v-departamente-politsii-kyzylordinskoy-oblasti"
        );
    }

    #[test]
    fn every_russian_letter() {
        let letters = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
        let latin = "a|b|v|g|d|e|e|zh|z|i|y|k|l|m|n|o|p|r|s|t|u|f|kh|ts|ch|sh|shch||y||e|yu|ya";
        assert_eq!(letters.chars().count(), latin.split('|').count());
        for (letter, expected) in letters.chars().zip(latin.split('|')) {
            assert_eq!(slugify(&letter.to_string()), expected, "{letter}");
        }
        assert_eq!(
            slugify("абвгдеёжзийклмнопрстуфхцчшщъыьэюя"),
            "abvgdeezhziyklmnoprstufkhtschshshchyeyuya"
        );
        // The signs sit inside words: dropped, never a separator.
        assert_eq!(slugify("объявление подъезд"), "obyavlenie-podezd");
    }

    #[test]
    fn every_kazakh_letter() {
        assert_eq!(slugify("әғқңөұүһі"), "agqnouuhi");
        assert_eq!(
            slugify("Қызылорда облысының полиция департаменті"),
            "qyzylorda-oblysynyn-politsiya-departamenti"
        );
    }

    #[test]
    fn upper_case_and_accents() {
        assert_eq!(
            slugify("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"),
            slugify("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
        );
        assert_eq!(slugify("ӘҒҚҢӨҰҮҺІ"), "agqnouuhi");
        assert_eq!(
            slugify("Astana POLICE Café Straße"),
            "astana-police-cafe-strasse"
        );
        // Decomposed accents (e + U+0301) are dropped, not turned into separators.
        assert_eq!(slugify("Cafe\u{301} Kazakhstan's"), "cafe-kazakhstans");
    }

    #[test]
    fn separators_collapse() {
        assert_eq!(
            slugify("  Внимание!!! 🚓🚨  мошенники —\tв\nсети…  "),
            "vnimanie-moshenniki-v-seti"
        );
        assert_eq!(slugify("«КСО» / (итоги) ‒ 5%"), "kso-itogi-5");
    }

    #[test]
    fn digits_pass_through() {
        assert_eq!(slugify("2024-2028 годы"), "2024-2028-gody");
        assert_eq!(slugify("В 2025 году: 19 задач"), "v-2025-godu-19-zadach");
    }

    #[test]
    fn nothing_to_spell_gives_empty() {
        for text in ["", "   ", "!!! — ???", "ъь", "🚓"] {
            assert_eq!(slugify(text), "", "{text:?}");
        }
    }

    #[test]
    fn long_titles_are_cut_at_a_word_boundary() {
        let title =
            "Полицейские Кызылординской области провели профилактическое мероприятие ".repeat(4);
        let full = spell(&title);
        let slug = slugify(&title);
        assert!(slug.len() <= MAX_LEN, "{}", slug.len());
        assert!(full.len() > MAX_LEN);
        assert!(!slug.ends_with('-'));
        assert!(full.starts_with(&slug));
        assert_eq!(full.as_bytes()[slug.len()], b'-');

        let one_word = "я".repeat(200);
        assert_eq!(slugify(&one_word), "ya".repeat(MAX_LEN / 2));
    }

    #[test]
    fn suffixes() {
        assert_eq!(with_suffix("itogi-goda", 2), "itogi-goda-2");
        assert_eq!(with_suffix("itogi-goda", 17), "itogi-goda-17");
        assert_eq!(with_suffix("", 3), "3");
        // Not a slug, but it must not panic by cutting inside a character.
        assert!(with_suffix(&"я".repeat(100), 2).len() <= MAX_LEN);

        let long = slugify(&"профилактика правонарушений ".repeat(10));
        let numbered = with_suffix(&long, 12);
        assert!(numbered.len() <= MAX_LEN, "{}", numbered.len());
        assert!(numbered.ends_with("-12"));
        assert!(!numbered.contains("--"));
        assert!(long.starts_with(numbered.trim_end_matches("-12")));
    }
}
