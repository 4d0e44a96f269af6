//! Where each demo article sits on the portal, and which ones a press service signs.
//! Kept apart from the articles' text so that the table reads at a glance.

use crate::domain::Section;

/// The section of each demo article, by article key.
pub static SECTIONS: &[(&str, Section)] = &[
    ("alm_obl_livestock", Section::News),
    ("ast_holiday_schedule", Section::Announcements),
    ("kzo_kso_concept", Section::News),
    ("kzo_kso_concept_kk", Section::News),
    ("kzo_kso_concept_en", Section::News),
    ("kzo_uchastkovye", Section::News),
    ("ast_volunteers", Section::News),
    ("ast_volunteers_kk", Section::News),
    ("ast_volunteers_en", Section::News),
    ("ast_police_day_awards", Section::News),
    ("mng_water_safety", Section::LawExplained),
    ("shym_reception", Section::Announcements),
    ("krg_road_winter", Section::RoadSafety),
    ("krg_road_winter_kk", Section::RoadSafety),
    ("vko_pensioners_fraud", Section::LawExplained),
    ("trk_juveniles", Section::News),
    ("trk_juveniles_en", Section::News),
    ("pvl_hearing", Section::News),
    ("pvl_hearing_kk", Section::News),
    ("pvl_cameras", Section::News),
    ("kst_youth_football_kk", Section::News),
    ("kst_retracted_detention", Section::News),
    ("sko_school_routes", Section::RoadSafety),
    ("ala_fraud_briefing", Section::News),
    ("ala_fraud_briefing_en", Section::News),
    ("ala_fraud_tips_kk", Section::LawExplained),
    ("akt_drunk_drivers", Section::RoadSafety),
    ("zhm_district_officers_kk", Section::News),
    ("atr_new_post", Section::Announcements),
    ("ast_students_online_en", Section::LawExplained),
    ("uly_pensioners_winter", Section::News),
    ("kzo_online_reception", Section::Announcements),
    ("draft_pvl_ice", Section::RoadSafety),
    ("draft_krg_report", Section::News),
    ("review_trk_markets", Section::News),
    ("krg_wanted_fraud", Section::Wanted),
    ("krg_wanted_fraud_kk", Section::Wanted),
    ("ast_wanted_driver_en", Section::Wanted),
    ("pvl_missing_pensioner", Section::MissingPersons),
    ("pvl_missing_pensioner_en", Section::MissingPersons),
    ("zhm_missing_herder_kk", Section::MissingPersons),
];

/// A press service's byline in (ru, kk, en).
pub type DemoByline = (&'static str, &'static str, &'static str);

const KYZYLORDA: DemoByline = (
    "Пресс-служба ДП Кызылординской области",
    "Қызылорда облысы ПД баспасөз қызметі",
    "Press service of the Kyzylorda Region Police Department",
);
const KARAGANDA: DemoByline = (
    "Пресс-служба ДП Карагандинской области",
    "Қарағанды облысы ПД баспасөз қызметі",
    "Press service of the Karaganda Region Police Department",
);
const AKTOBE: DemoByline = (
    "Пресс-служба ДП Актюбинской области",
    "Ақтөбе облысы ПД баспасөз қызметі",
    "Press service of the Aktobe Region Police Department",
);

/// The articles a press service signs instead of their author, by article key.
pub static BYLINES: &[(&str, DemoByline)] = &[
    ("kzo_online_reception", KYZYLORDA),
    ("krg_road_winter", KARAGANDA),
    ("krg_road_winter_kk", KARAGANDA),
    ("akt_drunk_drivers", AKTOBE),
    ("krg_wanted_fraud", KARAGANDA),
    ("krg_wanted_fraud_kk", KARAGANDA),
];

/// The section of the article `key`.
pub fn section(key: &str) -> Option<Section> {
    SECTIONS.iter().find(|(k, _)| *k == key).map(|(_, s)| *s)
}

/// The press-service byline of the article `key`, if one signs it.
pub fn byline(key: &str) -> Option<DemoByline> {
    BYLINES.iter().find(|(k, _)| *k == key).map(|(_, b)| *b)
}

/// The demo's front page: featured articles and their places, by article key.
pub static FEATURED: &[(&str, i16)] = &[
    ("kzo_kso_concept", 1),
    ("ala_fraud_briefing", 2),
    ("akt_drunk_drivers", 3),
    ("kzo_kso_concept_kk", 1),
];

/// The featured place of the article `key`, if it has one.
pub fn featured(key: &str) -> Option<i16> {
    FEATURED.iter().find(|(k, _)| *k == key).map(|(_, p)| *p)
}
