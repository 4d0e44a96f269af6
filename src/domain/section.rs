//! The sections of the portal: a small fixed tree alongside tags. Each article sits in
//! at most one; a list of a section holds the articles of its subsections too.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use super::Language;

/// A section of the portal. Stored, and named in GraphQL and REST, by its
/// SCREAMING_CASE code; readers' URLs use its slug.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    EnumIter,
    DeriveActiveEnum,
    async_graphql::Enum,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(name = "SectionCode")]
pub enum Section {
    /// Everyday news of the police.
    #[sea_orm(string_value = "NEWS")]
    News,
    /// Announcements: receptions of citizens, hearings, changes to services.
    #[sea_orm(string_value = "ANNOUNCEMENTS")]
    Announcements,
    /// Searches (розыск): the parent of wanted and missing persons.
    #[sea_orm(string_value = "SEARCHES")]
    Searches,
    /// People the police are looking for as suspects.
    #[sea_orm(string_value = "WANTED")]
    Wanted,
    /// People who went missing.
    #[sea_orm(string_value = "MISSING_PERSONS")]
    MissingPersons,
    /// Road safety: traffic police, campaigns, accident figures.
    #[sea_orm(string_value = "ROAD_SAFETY")]
    RoadSafety,
    /// The law explained: what a rule means and what to do.
    #[sea_orm(string_value = "LAW_EXPLAINED")]
    LawExplained,
}

impl Section {
    /// Every section, parents before their children, in the order menus show them.
    pub const ALL: [Section; 7] = [
        Section::News,
        Section::Announcements,
        Section::Searches,
        Section::Wanted,
        Section::MissingPersons,
        Section::RoadSafety,
        Section::LawExplained,
    ];

    /// The stored (and GraphQL) code.
    pub fn code(self) -> &'static str {
        match self {
            Section::News => "NEWS",
            Section::Announcements => "ANNOUNCEMENTS",
            Section::Searches => "SEARCHES",
            Section::Wanted => "WANTED",
            Section::MissingPersons => "MISSING_PERSONS",
            Section::RoadSafety => "ROAD_SAFETY",
            Section::LawExplained => "LAW_EXPLAINED",
        }
    }

    /// Lowercase ASCII name for URLs.
    pub fn slug(self) -> &'static str {
        match self {
            Section::News => "news",
            Section::Announcements => "announcements",
            Section::Searches => "searches",
            Section::Wanted => "wanted",
            Section::MissingPersons => "missing-persons",
            Section::RoadSafety => "road-safety",
            Section::LawExplained => "law-explained",
        }
    }

    /// The section's name in `lang`: every section is named in all three.
    pub fn name(self, lang: Language) -> &'static str {
        let (ru, kk, en) = match self {
            Section::News => ("Новости", "Жаңалықтар", "News"),
            Section::Announcements => ("Объявления", "Хабарландырулар", "Announcements"),
            Section::Searches => ("Розыск", "Іздестіру", "Searches"),
            Section::Wanted => ("Разыскиваются", "Ізделуде", "Wanted"),
            Section::MissingPersons => (
                "Без вести пропавшие",
                "Хабар-ошарсыз кеткендер",
                "Missing persons",
            ),
            Section::RoadSafety => (
                "Безопасность дорожного движения",
                "Жол қозғалысы қауіпсіздігі",
                "Road safety",
            ),
            Section::LawExplained => (
                "Разъяснения закона",
                "Заң түсіндірмесі",
                "The law explained",
            ),
        };
        match lang {
            Language::Ru => ru,
            Language::Kk => kk,
            Language::En => en,
        }
    }

    /// The section this one belongs to; `None` at the top.
    pub fn parent(self) -> Option<Section> {
        match self {
            Section::Wanted | Section::MissingPersons => Some(Section::Searches),
            _ => None,
        }
    }

    /// The sections directly under this one, in menu order.
    pub fn children(self) -> Vec<Section> {
        Section::ALL
            .into_iter()
            .filter(|s| s.parent() == Some(self))
            .collect()
    }

    /// This section and every one below it, at any depth: what a list of the
    /// section holds.
    pub fn with_descendants(self) -> Vec<Section> {
        let mut all = vec![self];
        let mut i = 0;
        while i < all.len() {
            all.extend(all[i].children());
            i += 1;
        }
        all
    }

    /// The top-level sections, in menu order.
    pub fn roots() -> Vec<Section> {
        Section::ALL
            .into_iter()
            .filter(|s| s.parent().is_none())
            .collect()
    }

    /// A section by its code (`ROAD_SAFETY`) or slug (`road-safety`), in any case.
    pub fn parse(text: &str) -> Option<Section> {
        let wanted = text.trim().to_ascii_lowercase().replace('_', "-");
        Section::ALL.into_iter().find(|s| s.slug() == wanted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searches_hold_wanted_and_missing_persons() {
        assert_eq!(
            Section::Searches.with_descendants(),
            [Section::Searches, Section::Wanted, Section::MissingPersons]
        );
        assert_eq!(Section::Wanted.with_descendants(), [Section::Wanted]);
        assert_eq!(Section::MissingPersons.parent(), Some(Section::Searches));
        assert!(!Section::roots().contains(&Section::Wanted));
    }

    #[test]
    fn codes_and_slugs_parse() {
        for section in Section::ALL {
            assert_eq!(Section::parse(section.code()), Some(section));
            assert_eq!(Section::parse(section.slug()), Some(section));
            assert_eq!(
                section.code().to_ascii_lowercase().replace('_', "-"),
                section.slug()
            );
        }
        assert_eq!(Section::parse(" Road_Safety "), Some(Section::RoadSafety));
        assert_eq!(Section::parse("sport"), None);
    }
}
