//! schema.org `NewsArticle` as JSON-LD, for search engines and link previews.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::presentation::{
    PUBLISHER,
    links::{Site, api_url, article_urn},
    names::{meeting_title, meeting_venue, tag_name},
    parts::{ArticleParts, region_name},
    pictures::{Picture, PictureFile},
};
use crate::{
    domain::{BylineKind, ImageFormat, RenditionKind},
    entity::article,
    error::AppError,
};

/// A schema.org `NewsArticle` (JSON-LD).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = NewsArticleJsonLd)]
pub struct NewsArticle {
    /// Always `https://schema.org`.
    #[serde(rename = "@context")]
    #[schema(example = "https://schema.org")]
    pub context: &'static str,
    /// Always `NewsArticle`.
    #[serde(rename = "@type")]
    #[schema(example = "NewsArticle")]
    pub kind: &'static str,
    /// The article's page on the public site.
    #[serde(rename = "@id")]
    pub id: String,
    /// The article's page on the public site.
    pub url: String,
    /// The page the article is the main content of.
    pub main_entity_of_page: String,
    /// A stable identifier (`urn:uuid:...`).
    pub identifier: String,
    /// Headline.
    pub headline: String,
    /// The lead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// BCP 47 language code.
    #[schema(example = "ru")]
    pub in_language: &'static str,
    /// When it was published.
    pub date_published: Option<DateTime<Utc>>,
    /// When it last changed.
    pub date_modified: DateTime<Utc>,
    /// The cover as `ImageObject`s: of an uploaded picture, its 16:9, 1:1 and
    /// whole-picture JPEGs with their sizes (search engines ask for several aspect
    /// ratios); of a picture linked by its address, one with that `url` alone, its
    /// size being unknown. Empty without a cover.
    pub image: Vec<ImageObject>,
    /// Who wrote it.
    pub author: Vec<Agent>,
    /// The portal.
    pub publisher: Agent,
    /// Tag names.
    pub keywords: Vec<String>,
    /// The region the article is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_location: Option<Place>,
    /// The meeting the article covers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub about: Option<Event>,
    /// People mentioned.
    pub mentions: Vec<Agent>,
    /// Always true: the portal has no paywall.
    pub is_accessible_for_free: bool,
    /// Corrections made since publication, oldest first (schema.org `correction`
    /// with `CorrectionComment`s); left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub correction: Vec<CorrectionComment>,
}

/// A schema.org `CorrectionComment`: one correction of the article.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = JsonLdCorrectionComment)]
pub struct CorrectionComment {
    /// Always `CorrectionComment`.
    #[serde(rename = "@type")]
    #[schema(example = "CorrectionComment")]
    pub kind: &'static str,
    /// What was corrected, as plain text.
    pub text: String,
    /// When the correction was made.
    pub date_published: DateTime<Utc>,
}

/// A schema.org `Person` or `Organization`.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = JsonLdAgent)]
pub struct Agent {
    /// `Person`, `Organization` or `NewsMediaOrganization`.
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// Name.
    pub name: String,
    /// Position held.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    /// Address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A schema.org `AdministrativeArea` with its ISO 3166-2 code.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = JsonLdPlace)]
pub struct Place {
    /// `AdministrativeArea`, or `Country` for the country containing it.
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// Name in the article's language.
    pub name: String,
    /// ISO 3166 code, e.g. `KZ-43`.
    pub identifier: String,
    /// The country.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(no_recursion)]
    pub contained_in_place: Option<Box<Place>>,
}

/// A schema.org `Event`: the meeting an article covers.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = JsonLdEvent)]
pub struct Event {
    /// Always `Event`.
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// What the meeting was.
    pub name: String,
    /// The day it was held.
    pub start_date: NaiveDate,
    /// Where it was held.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Its REST address.
    pub url: String,
}

/// A schema.org `ImageObject`: a file of an uploaded picture with its size and
/// type, or a picture linked by its address with `url` alone.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImageObject {
    /// Always `ImageObject`.
    #[serde(rename = "@type")]
    #[schema(example = "ImageObject")]
    pub kind: &'static str,
    pub url: String,
    /// The file: the same address; left out for a linked picture.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_url: Option<String>,
    /// In pixels; left out for a linked picture.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<i32>,
    /// In pixels; left out for a linked picture.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<i32>,
    /// Its media type; left out for a linked picture.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding_format: Option<&'static str>,
    /// The caption, else the alternative text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Who made the picture.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit_text: Option<String>,
}

/// The cover's JSON-LD images: the widest JPEG of the 16:9 crop, the 1:1 crop and
/// the whole picture, each with its size; while those are being made, the original;
/// a picture linked by its address, by that alone.
fn images(cover: &Picture) -> Vec<ImageObject> {
    let renditions: Vec<ImageObject> = [
        RenditionKind::Wide,
        RenditionKind::Square,
        RenditionKind::Width,
    ]
    .into_iter()
    .filter_map(|kind| cover.widths(kind, ImageFormat::Jpeg).last().copied())
    .map(|file| sized(cover, file))
    .collect();
    if !renditions.is_empty() {
        return renditions;
    }
    match &cover.main {
        Some(original) => vec![sized(cover, original)],
        None => vec![ImageObject {
            kind: "ImageObject",
            url: cover.url.clone(),
            content_url: None,
            width: None,
            height: None,
            encoding_format: None,
            caption: None,
            credit_text: None,
        }],
    }
}

/// One file of an uploaded picture, with its size and type and the picture's texts.
fn sized(cover: &Picture, file: &PictureFile) -> ImageObject {
    ImageObject {
        kind: "ImageObject",
        url: file.url.clone(),
        content_url: Some(file.url.clone()),
        width: Some(file.width),
        height: Some(file.height),
        encoding_format: Some(file.mime()),
        caption: cover.caption.clone().or_else(|| cover.alt.clone()),
        credit_text: cover.credit.clone(),
    }
}

/// The `NewsArticle` of `article`, given what it links to, the API's base URL and
/// the site it is read on (its page and its publisher's address).
pub fn news_article(
    article: &article::Model,
    parts: &ArticleParts,
    base: &str,
    site: &Site,
) -> NewsArticle {
    let url = site.article_url(article.lang, &article.slug);
    let publisher = Agent {
        kind: "NewsMediaOrganization",
        name: PUBLISHER.into(),
        job_title: None,
        url: Some(site.base().to_owned()),
    };
    let byline = super::byline::of(article, parts.author.as_deref());
    let author = match (byline, &article.source) {
        // A free-text byline is a body such as a press service; a staff one a person.
        (Some(byline), _) => Agent {
            kind: match byline.kind {
                BylineKind::Staff => "Person",
                BylineKind::Text => "Organization",
            },
            name: byline.name,
            job_title: None,
            url: None,
        },
        (None, Some(source)) => Agent {
            kind: "Organization",
            name: source.clone(),
            job_title: None,
            url: None,
        },
        (None, None) => publisher.clone(),
    };
    NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        id: url.clone(),
        main_entity_of_page: url.clone(),
        url,
        identifier: article_urn(article.id),
        headline: article.title.clone(),
        description: article.lead.clone().filter(|l| !l.trim().is_empty()),
        in_language: article.lang.code(),
        date_published: article.published_at,
        date_modified: article
            .updated_at
            .max(article.published_at.unwrap_or(article.updated_at)),
        image: parts.cover.as_ref().map(images).unwrap_or_default(),
        author: vec![author],
        publisher,
        keywords: parts
            .tags
            .iter()
            .map(|t| tag_name(t, article.lang).to_owned())
            .collect(),
        content_location: parts.region.as_ref().map(|r| Place {
            kind: "AdministrativeArea",
            name: region_name(r, article.lang).to_owned(),
            identifier: r.code.clone(),
            contained_in_place: Some(Box::new(Place {
                kind: "Country",
                name: "Kazakhstan".into(),
                identifier: "KZ".into(),
                contained_in_place: None,
            })),
        }),
        about: parts.meeting.as_ref().map(|m| Event {
            kind: "Event",
            name: meeting_title(m, article.lang).to_owned(),
            start_date: m.held_on,
            location: meeting_venue(m, article.lang).map(str::to_owned),
            url: api_url(base, &format!("/meetings/{}", m.slug)),
        }),
        mentions: parts
            .people
            .iter()
            .map(|p| Agent {
                kind: "Person",
                name: p.name(article.lang).to_owned(),
                job_title: p
                    .position_then
                    .clone()
                    .or_else(|| p.participant.position.clone()),
                url: Some(api_url(
                    base,
                    &format!("/participants/{}", p.participant.slug),
                )),
            })
            .collect(),
        is_accessible_for_free: true,
        correction: parts
            .corrections
            .iter()
            .map(|c| CorrectionComment {
                kind: "CorrectionComment",
                text: c.text.clone(),
                date_published: c.created_at,
            })
            .collect(),
    }
}

/// The `NewsArticle` as a JSON value, for embedding where a typed value will not do.
pub fn news_article_json(
    article: &article::Model,
    parts: &ArticleParts,
    base: &str,
    site: &Site,
) -> Result<serde_json::Value, AppError> {
    serde_json::to_value(news_article(article, parts, base, site))
        .map_err(|e| AppError::Internal(format!("JSON-LD does not serialise: {e}")))
}
