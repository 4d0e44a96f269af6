//! Names in a language, with the fallbacks every representation uses: GraphQL, REST,
//! feeds and structured data all call these.

use crate::{
    domain::{Language, language::pick_name},
    entity::{organization, participant, region},
};

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
