//! Names in a language, with the fallbacks every representation uses: GraphQL, REST,
//! feeds and structured data all call these.

use crate::{
    domain::{Language, language::pick_name},
    entity::{participant, region},
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

/// The name of `region` in `lang`.
pub fn region_name(region: &region::Model, lang: Language) -> &str {
    match lang {
        Language::Ru => &region.name_ru,
        Language::Kk => &region.name_kk,
        Language::En => &region.name_en,
    }
}
