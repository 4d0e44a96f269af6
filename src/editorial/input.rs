//! What editors send: plain Rust inputs, independent of GraphQL and REST, which
//! convert their own input types into these. Ids are already decoded.
//!
//! In patches, `None` leaves a value as it is; for a value that may be absent,
//! `Some(None)` clears it. A list given in a patch replaces the whole list.

use chrono::NaiveDate;
use serde_json::Value;
use uuid::Uuid;

use crate::domain::{Language, MeetingKind, MeetingRole, OrganizationKind, QuoteKind};

/// A new article (`createArticle(input: ...)`).
#[derive(Debug, Clone)]
pub struct ArticleInput {
    /// The language it is written in.
    pub lang: Language,
    /// The headline (up to 300 characters).
    pub title: String,
    /// The summary paragraph, plain text (up to 1000 characters).
    pub lead: Option<String>,
    /// The body, HTML: sanitised before it is stored.
    pub body: String,
    /// The region it is about.
    pub region_id: Option<Uuid>,
    /// Tag names or slugs; missing tags are created when the viewer may manage tags.
    pub tags: Vec<String>,
    /// The meeting it covers.
    pub meeting_id: Option<Uuid>,
    /// People mentioned, in order.
    pub participant_ids: Vec<Uuid>,
    /// Quotes, in article order.
    pub quotes: Vec<QuoteInput>,
    /// Editor-chosen related articles, in order.
    pub related_ids: Vec<Uuid>,
    /// Absolute http(s) URL of the cover image.
    pub cover_image_url: Option<String>,
    /// Alternative text of the cover image.
    pub cover_image_alt: Option<String>,
    /// An uploaded image as the cover, shown instead of `cover_image_url`.
    pub cover_media_id: Option<Uuid>,
    /// Uploaded images of the gallery, in order.
    pub gallery_media_ids: Vec<Uuid>,
    /// Source or attribution.
    pub source: Option<String>,
    /// An explicit slug (lowercase ASCII letters, digits, single hyphens); generated
    /// from the title when absent.
    pub slug: Option<String>,
    /// An article this one translates: it joins that article's translation group.
    pub translation_of: Option<Uuid>,
    /// A free-text byline; absent, the byline is the author's name.
    pub byline: Option<BylineInput>,
    /// The section's code or slug.
    pub section: Option<String>,
}

impl ArticleInput {
    /// An article with only what is required; the rest empty.
    pub fn new(lang: Language, title: impl Into<String>, body: impl Into<String>) -> Self {
        ArticleInput {
            lang,
            title: title.into(),
            lead: None,
            body: body.into(),
            region_id: None,
            tags: Vec::new(),
            meeting_id: None,
            participant_ids: Vec::new(),
            quotes: Vec::new(),
            related_ids: Vec::new(),
            cover_image_url: None,
            cover_image_alt: None,
            cover_media_id: None,
            gallery_media_ids: Vec::new(),
            source: None,
            slug: None,
            translation_of: None,
            byline: None,
            section: None,
        }
    }
}

/// Changes to an article (`updateArticle(id, input: ...)`).
#[derive(Debug, Clone, Default)]
pub struct ArticlePatch {
    /// The version the editor read: the update fails with a conflict if it changed.
    pub version: i32,
    /// A new language (drafts only).
    pub lang: Option<Language>,
    /// A new headline. A draft whose slug follows its title gets a new slug; a
    /// published article keeps its slug.
    pub title: Option<String>,
    /// A new summary, or `Some(None)` to remove it.
    pub lead: Option<Option<String>>,
    /// A new body (HTML, sanitised).
    pub body: Option<String>,
    /// A new region, or `Some(None)` for none.
    pub region_id: Option<Option<Uuid>>,
    /// The whole new list of tags.
    pub tags: Option<Vec<String>>,
    /// A new meeting, or `Some(None)` for none.
    pub meeting_id: Option<Option<Uuid>>,
    /// The whole new list of people mentioned.
    pub participant_ids: Option<Vec<Uuid>>,
    /// The whole new list of quotes.
    pub quotes: Option<Vec<QuoteInput>>,
    /// The whole new related list.
    pub related_ids: Option<Vec<Uuid>>,
    /// A new cover image URL, or `Some(None)` for none.
    pub cover_image_url: Option<Option<String>>,
    /// A new cover image text, or `Some(None)` for none.
    pub cover_image_alt: Option<Option<String>>,
    /// A new uploaded cover, or `Some(None)` for none.
    pub cover_media_id: Option<Option<Uuid>>,
    /// The whole new gallery.
    pub gallery_media_ids: Option<Vec<Uuid>>,
    /// A new source, or `Some(None)` for none.
    pub source: Option<Option<String>>,
    /// A new slug; the old one keeps resolving.
    pub slug: Option<String>,
    /// Join another article's translation group, or `Some(None)` to leave the group.
    pub translation_of: Option<Option<Uuid>>,
    /// A new free-text byline (every language at once), or `Some(None)` to sign with
    /// the author's name again.
    pub byline: Option<Option<BylineInput>>,
    /// A new section (code or slug), or `Some(None)` for none.
    pub section: Option<Option<String>>,
}

/// A free-text byline, e.g. a press service, in the portal's languages.
#[derive(Debug, Clone, Default)]
pub struct BylineInput {
    /// In Russian.
    pub ru: Option<String>,
    /// In Kazakh.
    pub kk: Option<String>,
    /// In English.
    pub en: Option<String>,
}

/// One quote of an article.
#[derive(Debug, Clone)]
pub struct QuoteInput {
    /// Who said it, if known.
    pub participant_id: Option<Uuid>,
    /// The words (plain text).
    pub text: String,
    /// Direct speech (the default) or paraphrase.
    pub kind: Option<QuoteKind>,
}

/// A new meeting (`createMeeting(input: ...)`).
#[derive(Debug, Clone)]
pub struct MeetingInput {
    /// What the meeting was, e.g. "Заседание КСО".
    pub title: String,
    /// The body that met, e.g. "КСО при ДП Кызылординской области".
    pub body: String,
    /// What sort of meeting it was.
    pub kind: MeetingKind,
    /// The day it was held.
    pub held_on: NaiveDate,
    /// Where, by region.
    pub region_id: Uuid,
    /// The venue.
    pub venue: Option<String>,
    /// The organisation that held it.
    pub organization_id: Option<Uuid>,
    /// An uploaded photo of it.
    pub photo_media_id: Option<Uuid>,
    /// Its agenda, in order.
    pub agenda: Vec<AgendaItemInput>,
    /// The title, body and venue in Kazakh and English (the fields above are Russian).
    pub translations: MeetingTranslations,
}

/// A meeting's texts in Kazakh and English; blank or absent leaves a language to
/// fall back to another.
#[derive(Debug, Clone, Default)]
pub struct MeetingTranslations {
    /// The title in Kazakh.
    pub title_kk: Option<String>,
    /// The title in English.
    pub title_en: Option<String>,
    /// The body that met, in Kazakh.
    pub body_kk: Option<String>,
    /// The body that met, in English.
    pub body_en: Option<String>,
    /// The venue in Kazakh.
    pub venue_kk: Option<String>,
    /// The venue in English.
    pub venue_en: Option<String>,
}

/// Changes to a meeting's Kazakh and English texts: `None` keeps one, `Some(None)`
/// clears it.
#[derive(Debug, Clone, Default)]
pub struct MeetingTranslationsPatch {
    /// A new Kazakh title.
    pub title_kk: Option<Option<String>>,
    /// A new English title.
    pub title_en: Option<Option<String>>,
    /// A new Kazakh name of the body that met.
    pub body_kk: Option<Option<String>>,
    /// A new English name of the body that met.
    pub body_en: Option<Option<String>>,
    /// A new Kazakh venue.
    pub venue_kk: Option<Option<String>>,
    /// A new English venue.
    pub venue_en: Option<Option<String>>,
}

/// Changes to a meeting (`updateMeeting(id, input: ...)`); the slug stays.
#[derive(Debug, Clone, Default)]
pub struct MeetingPatch {
    /// A new title.
    pub title: Option<String>,
    /// A new name of the body that met.
    pub body: Option<String>,
    /// A new kind.
    pub kind: Option<MeetingKind>,
    /// A new date.
    pub held_on: Option<NaiveDate>,
    /// A new region.
    pub region_id: Option<Uuid>,
    /// A new venue, or `Some(None)` for none.
    pub venue: Option<Option<String>>,
    /// A new organisation that held it, or `Some(None)` for none.
    pub organization_id: Option<Option<Uuid>>,
    /// A new photo, or `Some(None)` for none.
    pub photo_media_id: Option<Option<Uuid>>,
    /// The whole new agenda.
    pub agenda: Option<Vec<AgendaItemInput>>,
    /// New Kazakh and English texts.
    pub translations: MeetingTranslationsPatch,
}

/// One agenda item.
#[derive(Debug, Clone, Default)]
pub struct AgendaItemInput {
    /// The item, e.g. a draft concept under discussion (Russian).
    pub title: String,
    /// More about it (Russian).
    pub description: Option<String>,
    /// The item in Kazakh.
    pub title_kk: Option<String>,
    /// The item in English.
    pub title_en: Option<String>,
    /// More about it in Kazakh.
    pub description_kk: Option<String>,
    /// More about it in English.
    pub description_en: Option<String>,
}

/// A new tag, or new names of one (`createTag`, `updateTag`).
#[derive(Debug, Clone, Default)]
pub struct TagNamesInput {
    /// The Russian name (the slug comes from it when the tag is created, and stays).
    pub name: Option<String>,
    /// The Kazakh name; in a change, `Some(None)` clears it.
    pub name_kk: Option<Option<String>>,
    /// The English name; in a change, `Some(None)` clears it.
    pub name_en: Option<Option<String>>,
}

/// One person's part in a meeting (`setMeetingParticipants`).
#[derive(Debug, Clone)]
pub struct MeetingParticipantInput {
    /// The person.
    pub participant_id: Uuid,
    /// Their part.
    pub role: MeetingRole,
    /// The position they held at the time of the meeting.
    pub position: Option<String>,
    /// Which of their positions it was, kept when the meeting moves to another day;
    /// absent, the one held on the meeting's day, following the day.
    pub position_id: Option<Uuid>,
}

/// One position of a person (`setParticipantPositions`).
#[derive(Debug, Clone, Default)]
pub struct PositionInput {
    /// Where it is held.
    pub organization_id: Option<Uuid>,
    /// The title in Russian, e.g. "начальник департамента полиции".
    pub title_ru: String,
    /// The title in Kazakh.
    pub title_kk: Option<String>,
    /// The title in English.
    pub title_en: Option<String>,
    /// The first day held; `None` when not known.
    pub from: Option<NaiveDate>,
    /// The last day held; `None` while held.
    pub to: Option<NaiveDate>,
}

/// One honour of a person (`setParticipantHonours`).
#[derive(Debug, Clone, Default)]
pub struct HonourInput {
    /// The honour in Russian, e.g. a medal or a title.
    pub title_ru: String,
    /// The honour in Kazakh.
    pub title_kk: Option<String>,
    /// The honour in English.
    pub title_en: Option<String>,
    /// The day awarded.
    pub awarded_on: Option<NaiveDate>,
    /// The organisation that awarded it.
    pub awarded_by_organization_id: Option<Uuid>,
    /// Who awarded it, as text.
    pub awarded_by: Option<String>,
}

/// A new person (`createParticipant(input: ...)`).
#[derive(Debug, Clone, Default)]
pub struct ParticipantInput {
    /// Full name in Russian (the slug comes from it).
    pub full_name: String,
    /// Full name in Kazakh.
    pub full_name_kk: Option<String>,
    /// Full name in English.
    pub full_name_en: Option<String>,
    /// Current position.
    pub position: Option<String>,
    /// Current organisation.
    pub organization: Option<String>,
    /// Honours, in order, e.g. "почётный гражданин Кызылординской области".
    pub honours: Vec<String>,
    /// Their region.
    pub region_id: Option<Uuid>,
    /// An uploaded photo of them.
    pub photo_media_id: Option<Uuid>,
}

/// Changes to a person (`updateParticipant(id, input: ...)`); the slug stays.
#[derive(Debug, Clone, Default)]
pub struct ParticipantPatch {
    /// A new Russian full name.
    pub full_name: Option<String>,
    /// A new Kazakh full name, or `Some(None)` for none.
    pub full_name_kk: Option<Option<String>>,
    /// A new English full name, or `Some(None)` for none.
    pub full_name_en: Option<Option<String>>,
    /// A new position, or `Some(None)` for none.
    pub position: Option<Option<String>>,
    /// A new organisation, or `Some(None)` for none.
    pub organization: Option<Option<String>>,
    /// The whole new list of honours.
    pub honours: Option<Vec<String>>,
    /// A new region, or `Some(None)` for none.
    pub region_id: Option<Option<Uuid>>,
    /// A new photo, or `Some(None)` for none.
    pub photo_media_id: Option<Option<Uuid>>,
}

/// A new organisation (`createOrganization(input: ...)`).
#[derive(Debug, Clone)]
pub struct OrganizationInput {
    /// What sort of body it is.
    pub kind: OrganizationKind,
    /// Its name in Russian (the slug comes from it).
    pub name_ru: String,
    /// Its name in Kazakh.
    pub name_kk: Option<String>,
    /// Its name in English.
    pub name_en: Option<String>,
    /// Its abbreviation in Russian, e.g. "ДП".
    pub abbreviation_ru: Option<String>,
    /// Its abbreviation in Kazakh, e.g. "ПД".
    pub abbreviation_kk: Option<String>,
    /// Its abbreviation in English.
    pub abbreviation_en: Option<String>,
    /// The region it serves.
    pub region_id: Option<Uuid>,
    /// The organisation it is part of.
    pub parent_id: Option<Uuid>,
    /// An explicit slug; made from the Russian name when absent.
    pub slug: Option<String>,
}

/// Changes to an organisation (`updateOrganization(id, input: ...)`); the slug stays.
#[derive(Debug, Clone, Default)]
pub struct OrganizationPatch {
    /// A new kind.
    pub kind: Option<OrganizationKind>,
    /// A new Russian name.
    pub name_ru: Option<String>,
    /// A new Kazakh name, or `Some(None)` for none.
    pub name_kk: Option<Option<String>>,
    /// A new English name, or `Some(None)` for none.
    pub name_en: Option<Option<String>>,
    /// A new Russian abbreviation, or `Some(None)` for none.
    pub abbreviation_ru: Option<Option<String>>,
    /// A new Kazakh abbreviation, or `Some(None)` for none.
    pub abbreviation_kk: Option<Option<String>>,
    /// A new English abbreviation, or `Some(None)` for none.
    pub abbreviation_en: Option<Option<String>>,
    /// A new region, or `Some(None)` for none.
    pub region_id: Option<Option<Uuid>>,
    /// A new parent, or `Some(None)` to stand alone.
    pub parent_id: Option<Option<Uuid>>,
}

/// One member of an organisation (`setOrganizationMembers`).
#[derive(Debug, Clone)]
pub struct OrganizationMemberInput {
    /// The person.
    pub participant_id: Uuid,
    /// What they are there, e.g. chair of the council.
    pub role: Option<String>,
}

/// New names of a region (`updateRegion(id, input: ...)`); codes never change.
#[derive(Debug, Clone, Default)]
pub struct RegionNamesInput {
    /// The Kazakh name.
    pub name_kk: Option<String>,
    /// The Russian name.
    pub name_ru: Option<String>,
    /// The English name.
    pub name_en: Option<String>,
}

/// Honours as stored: a JSON array of strings.
pub(crate) fn honours_json(honours: &[String]) -> Value {
    Value::Array(honours.iter().cloned().map(Value::String).collect())
}
