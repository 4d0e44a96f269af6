//! Small API types shared by several resources: how one thing names another, and the
//! list envelope. API types are separate from entities, so a column rename never
//! reaches a client.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{
    domain::{ImageFormat, Language, MeetingKind, OrganizationKind, RenditionKind},
    entity::{article, meeting, organization, participant, region, tag},
    presentation::{
        links::Site,
        names::{self, organization_abbreviation, organization_name},
        parts::{person_name, region_name},
        pictures::{Photos, Picture},
    },
    store::page::{CursorKey, Page, encode_cursor},
};

/// Declares a list envelope: `{ "items": [...], "nextCursor": "..." | null }`.
macro_rules! list_of {
    ($(#[$doc:meta])* $name:ident, $item:ty) => {
        $(#[$doc])*
        #[derive(Debug, serde::Serialize, utoipa::ToSchema)]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        pub struct $name {
            /// This page's items, in list order.
            pub items: Vec<$item>,
            /// Pass as `cursor` to get the next page; null on the last page.
            #[schema(example = "eyJrIjoiYXJ0aWNsZSIsInYiOnt9fQ")]
            pub next_cursor: Option<String>,
        }

        impl $name {
            /// The list of `page`'s items, each made by `item`, with the cursor of the
            /// page after it taken from its last item by `key`.
            pub fn of<T, K: $crate::store::page::CursorKey>(
                page: &$crate::store::page::Page<T>,
                key: impl Fn(&T) -> K,
                item: impl FnMut(&T) -> $item,
            ) -> Self {
                $name {
                    items: page.items.iter().map(item).collect(),
                    next_cursor: $crate::api::rest::refs::next_cursor(page, key),
                }
            }
        }
    };
}
pub(crate) use list_of;

/// The cursor of the page after `page`, if there is one.
pub fn next_cursor<T, K: CursorKey>(page: &Page<T>, key: impl Fn(&T) -> K) -> Option<String> {
    page.has_next
        .then(|| page.items.last().map(|last| encode_cursor(&key(last))))
        .flatten()
}

/// A region, briefly.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegionRef {
    pub id: Uuid,
    /// ISO 3166-2:KZ code.
    #[schema(example = "KZ-43")]
    pub code: String,
    #[schema(example = "kyzylorda-region")]
    pub slug: String,
    /// The name in the answer's language.
    #[schema(example = "Кызылординская область")]
    pub name: String,
}

impl RegionRef {
    pub fn new(region: &region::Model, lang: Language) -> Self {
        RegionRef {
            id: region.id,
            code: region.code.clone(),
            slug: region.slug.clone(),
            name: region_name(region, lang).to_owned(),
        }
    }
}

/// A tag.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TagRef {
    /// Use as the `tag` filter of the article list.
    #[schema(example = "profilaktika")]
    pub slug: String,
    #[schema(example = "Профилактика")]
    pub name: String,
}

impl TagRef {
    /// `tag` named in `lang`, with the fallbacks of names.
    pub fn new(tag: &tag::Model, lang: Language) -> Self {
        TagRef {
            slug: tag.slug.clone(),
            name: names::tag_name(tag, lang).to_owned(),
        }
    }
}

/// A picture with its text alternative: an uploaded image (with its size, texts
/// and renditions) or a picture linked by its address (only `url` and `alt`).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Image {
    /// Address of the picture; of an uploaded image, its JPEG nearest 1024 pixels
    /// wide (the original until the renditions are made).
    pub url: String,
    /// Text describing the picture for those who cannot see it.
    pub alt: Option<String>,
    /// The uploaded image's id (`GET /api/v1/media/{id}`); null for a linked picture.
    pub id: Option<Uuid>,
    /// Width of the original in pixels; null for a linked picture.
    pub width: Option<i32>,
    /// Height of the original in pixels; null for a linked picture.
    pub height: Option<i32>,
    /// The caption.
    pub caption: Option<String>,
    /// Who made the picture.
    pub credit: Option<String>,
    /// Every WebP width of the whole picture as an HTML `srcset`; null for a linked
    /// picture.
    #[schema(
        example = "https://api.polisia.kz/media/0190…/w320-1a2b.webp 320w, https://api.polisia.kz/media/0190…/w640-3c4d.webp 640w"
    )]
    pub srcset: Option<String>,
    /// Every rendition: the whole picture and its 16:9 and 1:1 crops, in WebP and
    /// JPEG; empty for a linked picture.
    pub renditions: Vec<ImageFile>,
}

/// One rendition of an uploaded picture.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImageFile {
    /// Where to fetch it; it never changes.
    pub url: String,
    /// The whole picture (WIDTH) or a crop (WIDE, SQUARE).
    pub kind: RenditionKind,
    pub format: ImageFormat,
    pub width: i32,
    pub height: i32,
    /// Its size in bytes.
    pub bytes: i64,
}

impl From<&Picture> for Image {
    fn from(p: &Picture) -> Self {
        Image {
            url: p.url.clone(),
            alt: p.alt.clone(),
            id: p.id,
            width: p.width,
            height: p.height,
            caption: p.caption.clone(),
            credit: p.credit.clone(),
            srcset: p.srcset(RenditionKind::Width, ImageFormat::Webp),
            renditions: p
                .files
                .iter()
                .map(|f| ImageFile {
                    url: f.url.clone(),
                    kind: f.kind,
                    format: f.format,
                    width: f.width,
                    height: f.height,
                    bytes: f.bytes,
                })
                .collect(),
        }
    }
}

/// How one thing names an organisation.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrganizationRef {
    pub id: Uuid,
    pub slug: String,
    pub kind: OrganizationKind,
    /// The name in the answer's language, falling back Kazakh → Russian → English,
    /// Russian → English, English → Russian.
    pub name: String,
    /// The abbreviation in the answer's language, with the same fallbacks.
    pub abbreviation: Option<String>,
}

impl OrganizationRef {
    pub fn new(org: &organization::Model, lang: Language) -> Self {
        OrganizationRef {
            id: org.id,
            slug: org.slug.clone(),
            kind: org.kind,
            name: organization_name(org, lang).to_owned(),
            abbreviation: organization_abbreviation(org, lang).map(str::to_owned),
        }
    }
}

/// A meeting, briefly.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeetingRef {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub kind: MeetingKind,
    /// The day it was held.
    pub held_on: NaiveDate,
    /// An uploaded photo of the meeting, as articles' pictures are shown.
    pub photo: Option<Image>,
}

impl MeetingRef {
    /// `m` with its title in `lang`, with the fallbacks of names, and its photo from
    /// `photos`.
    pub fn new(m: &meeting::Model, lang: Language, photos: &Photos) -> Self {
        MeetingRef {
            id: m.id,
            slug: m.slug.clone(),
            title: names::meeting_title(m, lang).to_owned(),
            kind: m.kind,
            held_on: m.held_on,
            photo: photos
                .image(m.photo_media_id, lang)
                .map(|p| Image::from(&p)),
        }
    }
}

/// A person, briefly.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ParticipantRef {
    pub id: Uuid,
    pub slug: String,
    /// The name in the answer's language (falling back Kazakh → Russian → English,
    /// Russian → English, English → Russian).
    #[schema(example = "Нурмурат Ерманов")]
    pub full_name: String,
    /// The current position.
    pub position: Option<String>,
    /// The current organisation.
    pub organization: Option<String>,
    /// An uploaded photo of the person, as articles' pictures are shown.
    pub photo: Option<Image>,
}

impl ParticipantRef {
    /// `person` with their name in `lang`, and their photo from `photos`.
    pub fn new(person: &participant::Model, lang: Language, photos: &Photos) -> Self {
        ParticipantRef {
            id: person.id,
            slug: person.slug.clone(),
            full_name: person_name(person, lang).to_owned(),
            position: person.position.clone(),
            organization: person.organization.clone(),
            photo: photos
                .image(person.photo_media_id, lang)
                .map(|p| Image::from(&p)),
        }
    }
}

/// An article, briefly: enough to link to it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ArticleRef {
    pub id: Uuid,
    pub slug: String,
    pub lang: Language,
    pub title: String,
    /// Where readers open the article on the public site.
    pub url: String,
    pub published_at: Option<DateTime<Utc>>,
}

impl ArticleRef {
    pub fn new(article: &article::Model, site: &Site) -> Self {
        ArticleRef {
            id: article.id,
            slug: article.slug.clone(),
            lang: article.lang,
            title: article.title.clone(),
            url: site.article_url(article.lang, &article.slug),
            published_at: article.published_at,
        }
    }
}
