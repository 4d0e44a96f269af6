//! Names in a language, with the fallbacks every representation uses: GraphQL, REST,
//! feeds and structured data all call these.

use crate::{
    domain::{Language, language::pick_name},
    entity::{
        agenda_item, meeting, organization, participant, participant_honour, participant_position,
        region, tag,
    },
};

/// A text kept in Russian (always) and maybe Kazakh and English, in `lang` with the
/// fallbacks of people's names.
pub fn text_in<'a>(
    lang: Language,
    ru: &'a str,
    kk: Option<&'a str>,
    en: Option<&'a str>,
) -> &'a str {
    pick_name(lang, Some(ru), kk, en).unwrap_or(ru)
}

/// A text that may be missing in every language, in `lang` with the same fallbacks.
pub fn optional_text_in<'a>(
    lang: Language,
    ru: Option<&'a str>,
    kk: Option<&'a str>,
    en: Option<&'a str>,
) -> Option<&'a str> {
    pick_name(lang, ru, kk, en)
}

/// A meeting's title in `lang`.
pub fn meeting_title(m: &meeting::Model, lang: Language) -> &str {
    text_in(lang, &m.title, m.title_kk.as_deref(), m.title_en.as_deref())
}

/// The name of the body that met, in `lang`.
pub fn meeting_body(m: &meeting::Model, lang: Language) -> &str {
    text_in(lang, &m.body, m.body_kk.as_deref(), m.body_en.as_deref())
}

/// A meeting's venue in `lang`; `None` when recorded in no language.
pub fn meeting_venue(m: &meeting::Model, lang: Language) -> Option<&str> {
    optional_text_in(
        lang,
        m.venue.as_deref(),
        m.venue_kk.as_deref(),
        m.venue_en.as_deref(),
    )
}

/// An agenda item's title in `lang`.
pub fn agenda_title(item: &agenda_item::Model, lang: Language) -> &str {
    text_in(
        lang,
        &item.title,
        item.title_kk.as_deref(),
        item.title_en.as_deref(),
    )
}

/// An agenda item's description in `lang`; `None` when there is none in any.
pub fn agenda_description(item: &agenda_item::Model, lang: Language) -> Option<&str> {
    optional_text_in(
        lang,
        item.description.as_deref(),
        item.description_kk.as_deref(),
        item.description_en.as_deref(),
    )
}

/// A position's title in `lang`.
pub fn position_title(p: &participant_position::Model, lang: Language) -> &str {
    text_in(
        lang,
        &p.title_ru,
        p.title_kk.as_deref(),
        p.title_en.as_deref(),
    )
}

/// The position a meeting row names, in `lang`: the text recorded for that
/// meeting, else the title of the position `held` on its day.
pub fn position_then<'a>(
    recorded: Option<&'a str>,
    held: Option<&'a participant_position::Model>,
    lang: Language,
) -> Option<&'a str> {
    recorded.or_else(|| held.map(|p| position_title(p, lang)))
}

/// An honour's title in `lang`.
pub fn honour_title(h: &participant_honour::Model, lang: Language) -> &str {
    text_in(
        lang,
        &h.title_ru,
        h.title_kk.as_deref(),
        h.title_en.as_deref(),
    )
}

/// A tag's name in `lang`.
pub fn tag_name(t: &tag::Model, lang: Language) -> &str {
    text_in(lang, &t.name, t.name_kk.as_deref(), t.name_en.as_deref())
}

/// A person's name in `lang`, falling back Kazakh → Russian → English, Russian →
/// English, English → Russian.
pub fn person_name(person: &participant::Model, lang: Language) -> &str {
    pick_name(
        lang,
        Some(&person.full_name_ru),
        person.full_name_kk.as_deref(),
        person.full_name_en.as_deref(),
    )
    .unwrap_or(&person.full_name_ru)
}

/// An organisation's name in `lang`, with the fallbacks of people's names.
pub fn organization_name(org: &organization::Model, lang: Language) -> &str {
    pick_name(
        lang,
        Some(&org.name_ru),
        org.name_kk.as_deref(),
        org.name_en.as_deref(),
    )
    .unwrap_or(&org.name_ru)
}

/// An organisation's abbreviation in `lang`, with the fallbacks of names; `None`
/// when it has none in any language.
pub fn organization_abbreviation(org: &organization::Model, lang: Language) -> Option<&str> {
    pick_name(
        lang,
        org.abbreviation_ru.as_deref(),
        org.abbreviation_kk.as_deref(),
        org.abbreviation_en.as_deref(),
    )
}

/// The name of `region` in `lang`.
pub fn region_name(region: &region::Model, lang: Language) -> &str {
    match lang {
        Language::Ru => &region.name_ru,
        Language::Kk => &region.name_kk,
        Language::En => &region.name_en,
    }
}
