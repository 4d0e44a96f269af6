//! One article as an IPTC ninjs 2.2 document, for news agencies and aggregators.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::presentation::{
    PUBLISHER,
    links::{Site, api_url, article_urn},
    names::{meeting_title, tag_name},
    parts::{ArticleParts, region_name},
    pictures::Picture,
};
use crate::{
    domain::{RenditionKind, html},
    entity::article,
};

/// The ninjs version these documents follow.
pub const VERSION: &str = "2.2";
/// Where the ninjs 2.2 JSON Schema lives.
pub const SCHEMA: &str = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json";
/// The IPTC role of the party that supplied the content.
const ORIGINATOR: &str = "http://cv.iptc.org/newscodes/infosourcerole/originfo";

/// An IPTC ninjs 2.2 news item.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = NinjsItem)]
pub struct Ninjs {
    /// Stable identifier of the item (`urn:uuid:...`).
    pub uri: String,
    /// Always `text`.
    #[serde(rename = "type")]
    #[schema(example = "text")]
    pub kind: &'static str,
    /// Always `full`.
    pub representationtype: &'static str,
    /// The standard this document follows.
    pub standard: Standard,
    /// The article's edit version.
    #[schema(example = "3")]
    pub version: String,
    /// When the item was first published.
    pub firstcreated: DateTime<Utc>,
    /// When this version was made.
    pub versioncreated: DateTime<Utc>,
    /// `usable` for a published article; `canceled` for a retracted one, whose
    /// document keeps its headline and says why in `ednote`, without its text.
    #[schema(example = "usable")]
    pub pubstatus: &'static str,
    /// Notes for the receiving editors: each correction made since publication
    /// (`Correction, <time>: <text>`, oldest first, one a line), or the reason of a
    /// retraction (`Retracted, <time>: <reason>`). ninjs 2.2 has no field of its own
    /// for corrections. Left out when there is nothing to note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ednote: Option<String>,
    /// BCP 47 language code.
    #[schema(example = "ru")]
    pub language: &'static str,
    /// A human-readable identifier: the slug.
    pub slugline: String,
    /// The headline.
    pub headlines: Vec<Text>,
    /// The lead, as plain text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub descriptions: Vec<Text>,
    /// The full text as HTML; empty for a retracted article.
    pub bodies: Vec<Body>,
    /// Who it is by: a press service's name, or the author's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// Where the text comes from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub infosources: Vec<Concept>,
    /// People mentioned; `rel` is their role in the meeting covered, or `mentioned`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Concept>,
    /// The region, with its ISO 3166-2 code as `literal`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<Concept>,
    /// Tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<Concept>,
    /// The meeting covered.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Concept>,
    /// The cover image.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub associations: Vec<Association>,
}

/// Which standard a document follows.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = NinjsStandard)]
pub struct Standard {
    pub name: &'static str,
    pub version: &'static str,
    pub schema: &'static str,
}

/// A headline or description.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = NinjsText)]
pub struct Text {
    /// What the text is for, e.g. `summary`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'static str>,
    /// Its media type.
    pub contenttype: &'static str,
    /// The text.
    pub value: String,
}

/// A body of text with its counts.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = NinjsBody)]
pub struct Body {
    /// Always `main`.
    pub role: &'static str,
    /// Always `text/html`.
    pub contenttype: &'static str,
    /// Characters of the text without markup.
    pub charcount: u64,
    /// Words of the text without markup.
    pub wordcount: u64,
    /// The HTML.
    pub value: String,
}

/// A person, place, subject, event or source.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = NinjsConcept)]
pub struct Concept {
    pub name: String,
    /// How the item relates to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rel: Option<String>,
    /// Its role, for sources.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'static str>,
    /// Its address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// Its code, e.g. a slug or an ISO code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
}

/// An item associated with this one: the cover picture (`featureimage`) and the
/// gallery's pictures (`gallery1`, `gallery2`, ...).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = NinjsAssociation)]
pub struct Association {
    /// `featureimage` for the cover, `gallery1`... for the gallery in order.
    pub name: String,
    /// The picture's address (of an uploaded image, its JPEG nearest 1024 pixels
    /// wide).
    pub uri: String,
    /// Always `picture`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The alternative text (`alt`) and the caption (`caption`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub descriptions: Vec<Text>,
    /// Who made the picture.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// Where to fetch it: for a linked picture its one address (`original`); for
    /// an uploaded one every rendition, named by kind, width and format
    /// (`w640-webp`, `16x9-1024-jpeg`, `1x1-320-webp`).
    pub renditions: Vec<Rendition>,
}

/// Where to fetch one rendition of a picture (ninjs 2.0: an array of named
/// renditions).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = NinjsRendition)]
pub struct Rendition {
    /// `original` for a linked picture, else the kind, width and format.
    pub name: String,
    pub href: String,
    /// Its media type, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contenttype: Option<&'static str>,
    /// Its size in pixels, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<i32>,
    /// Its size in bytes, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sizeinbytes: Option<i64>,
}

/// A picture as a ninjs association named `name`.
fn association(name: String, picture: &Picture) -> Association {
    let text = |role, value: &Option<String>| {
        value.as_ref().map(|value| Text {
            role: Some(role),
            contenttype: "text/plain",
            value: value.clone(),
        })
    };
    let renditions = if picture.files.is_empty() {
        vec![Rendition {
            name: "original".into(),
            href: picture.url.clone(),
            contenttype: None,
            width: None,
            height: None,
            sizeinbytes: None,
        }]
    } else {
        picture
            .files
            .iter()
            .map(|f| {
                let kind = match f.kind {
                    RenditionKind::Wide => "16x9-",
                    RenditionKind::Square => "1x1-",
                    RenditionKind::Width | RenditionKind::Original => "w",
                };
                Rendition {
                    name: format!(
                        "{kind}{}-{}",
                        f.width,
                        f.format.extension().replace("jpg", "jpeg")
                    ),
                    href: f.url.clone(),
                    contenttype: Some(f.mime()),
                    width: Some(f.width),
                    height: Some(f.height),
                    sizeinbytes: Some(f.bytes),
                }
            })
            .collect()
    };
    Association {
        name,
        uri: picture.url.clone(),
        kind: "picture",
        descriptions: [text("alt", &picture.alt), text("caption", &picture.caption)]
            .into_iter()
            .flatten()
            .collect(),
        by: picture.credit.clone(),
        renditions,
    }
}

fn concept(name: String) -> Concept {
    Concept {
        name,
        rel: None,
        role: None,
        uri: None,
        literal: None,
    }
}

/// The ninjs document of `article`, given what it links to, the API's base URL and
/// the site it is read on (its originator's address). The document's `uri` is the
/// article's URN, which no address change touches.
pub fn document(article: &article::Model, parts: &ArticleParts, base: &str, site: &Site) -> Ninjs {
    if let Some(notice) = &parts.retraction {
        return canceled(article, notice, parts, base, site);
    }
    let published = article.published_at.unwrap_or(article.created_at);
    let text = html::to_plain_text(&article.body);
    let lang = article.lang;
    let ednote = (!parts.corrections.is_empty()).then(|| {
        parts
            .corrections
            .iter()
            .map(|c| format!("Correction, {}: {}", stamp(c.created_at), c.text))
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ninjs {
        uri: article_urn(article.id),
        kind: "text",
        representationtype: "full",
        standard: Standard {
            name: "ninjs",
            version: VERSION,
            schema: SCHEMA,
        },
        version: article.version.to_string(),
        firstcreated: published,
        versioncreated: article.updated_at.max(published),
        pubstatus: "usable",
        ednote,
        language: lang.code(),
        slugline: article.slug.clone(),
        headlines: vec![Text {
            role: None,
            contenttype: "text/plain",
            value: article.title.clone(),
        }],
        descriptions: article
            .lead
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|lead| Text {
                role: Some("summary"),
                contenttype: "text/plain",
                value: lead.clone(),
            })
            .collect(),
        bodies: vec![Body {
            role: "main",
            contenttype: "text/html",
            charcount: text.chars().count() as u64,
            wordcount: text.split_whitespace().count() as u64,
            value: article.body.clone(),
        }],
        by: super::byline::of(article, parts.author.as_deref()).map(|b| b.name),
        infosources: vec![Concept {
            role: Some(ORIGINATOR),
            uri: Some(site.base().to_owned()),
            ..concept(article.source.clone().unwrap_or_else(|| PUBLISHER.into()))
        }],
        people: parts
            .people
            .iter()
            .map(|p| Concept {
                rel: Some(
                    p.role
                        .map_or("mentioned".into(), |r| r.as_str().to_ascii_lowercase()),
                ),
                uri: Some(api_url(
                    base,
                    &format!("/participants/{}", p.participant.slug),
                )),
                literal: Some(p.participant.slug.clone()),
                ..concept(p.name(lang).to_owned())
            })
            .collect(),
        places: parts
            .region
            .iter()
            .map(|r| Concept {
                rel: Some("about".into()),
                uri: Some(api_url(base, &format!("/regions/{}", r.slug))),
                literal: Some(r.code.clone()),
                ..concept(region_name(r, lang).to_owned())
            })
            .collect(),
        subjects: parts
            .tags
            .iter()
            .map(|t| Concept {
                rel: Some("tag".into()),
                literal: Some(t.slug.clone()),
                ..concept(tag_name(t, lang).to_owned())
            })
            .collect(),
        events: parts
            .meeting
            .iter()
            .map(|m| Concept {
                rel: Some("covers".into()),
                uri: Some(api_url(base, &format!("/meetings/{}", m.slug))),
                literal: Some(m.slug.clone()),
                ..concept(meeting_title(m, lang).to_owned())
            })
            .collect(),
        associations: parts
            .cover
            .iter()
            .map(|cover| association("featureimage".into(), cover))
            .chain(
                parts
                    .gallery
                    .iter()
                    .enumerate()
                    .map(|(i, p)| association(format!("gallery{}", i + 1), p)),
            )
            .collect(),
    }
}

/// The document of a retracted article: `canceled`, with its headline and the
/// reason, and nothing of its text, people or picture.
fn canceled(
    article: &article::Model,
    notice: &crate::entity::retraction::Model,
    parts: &ArticleParts,
    base: &str,
    site: &Site,
) -> Ninjs {
    let bare = ArticleParts {
        region: parts.region.clone(),
        author: parts.author.clone(),
        ..ArticleParts::default()
    };
    let withdrawn = article::Model {
        body: String::new(),
        lead: None,
        cover_image_url: None,
        cover_image_alt: None,
        ..article.clone()
    };
    let mut document = document(&withdrawn, &bare, base, site);
    document.pubstatus = "canceled";
    document.bodies.clear();
    document.ednote = Some(format!(
        "Retracted, {}: {}",
        stamp(notice.retracted_at),
        notice.reason
    ));
    document
}

/// A moment as RFC 3339 in UTC, to the second.
fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
