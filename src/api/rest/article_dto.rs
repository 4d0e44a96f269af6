//! What the REST API says about an article, in a list and on its own.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::refs::{ArticleRef, Image, MeetingRef, ParticipantRef, RegionRef, TagRef, list_of};
use super::sections::SectionRef;
use crate::{
    domain::{Language, MeetingRole, QuoteKind},
    entity::{article, correction, retraction},
    error::ErrorCode,
    presentation::{
        byline::{self, Byline},
        jsonld::{self, NewsArticle},
        links::Site,
        names::position_title,
        parts::ArticleParts,
    },
};

/// An article as lists show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ArticleSummary {
    pub id: Uuid,
    /// URL-safe name, unique within the article's language.
    #[schema(example = "zasedanie-kso-sostoyalos-v-departamente-politsii-kyzylordinskoy-oblasti")]
    pub slug: String,
    /// The language the article is written in.
    pub lang: Language,
    /// Headline.
    pub title: String,
    /// Summary shown under the headline.
    pub lead: Option<String>,
    /// When it was published.
    pub published_at: Option<DateTime<Utc>>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Where readers open the article on the public site.
    #[schema(example = "https://polisia.kz/ru/news/zasedanie-kso")]
    pub url: String,
    /// The picture shown with the article.
    pub cover_image: Option<Image>,
    /// Attribution, e.g. the publication the text comes from.
    pub source: Option<String>,
    /// The region the article is about; its name in the article's language.
    pub region: Option<RegionRef>,
    /// Tags, by name.
    pub tags: Vec<TagRef>,
    /// The author's public name.
    pub author: Option<String>,
    /// The meeting the article covers.
    pub meeting: Option<MeetingRef>,
    /// Approved comments, replies included.
    pub comment_count: u64,
    /// Who the article is by: a press service's name, or the author's.
    pub byline: Option<Byline>,
    /// The section the article sits in.
    pub section: Option<SectionRef>,
}

/// A quote, attributed.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuoteDto {
    /// What was said.
    pub text: String,
    /// Direct speech or paraphrase.
    pub kind: QuoteKind,
    /// Who said it, when known.
    pub participant: Option<ParticipantRef>,
    /// The title of the position the speaker held on the article's event (the day
    /// of the meeting it covers, else the day it was first written), in the
    /// article's language; null when none is recorded for that day.
    pub speaker_position: Option<String>,
}

/// A person an article mentions.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MentionedParticipant {
    pub id: Uuid,
    pub slug: String,
    /// The name in the article's language.
    pub full_name: String,
    /// The current position.
    pub position: Option<String>,
    /// The current organisation.
    pub organization: Option<String>,
    /// Their part in the meeting the article covers, if they took part.
    pub role: Option<MeetingRole>,
    /// The position they held at that meeting: as recorded in text for it, else
    /// the title of the one held on its day, in the article's language.
    pub position_then: Option<String>,
    /// An uploaded photo of the person, as articles' pictures are shown.
    pub photo: Option<Image>,
}

/// One article with everything it links to.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ArticleDetail {
    pub id: Uuid,
    /// URL-safe name, unique within the article's language.
    pub slug: String,
    /// The language the article is written in.
    pub lang: Language,
    /// Headline.
    pub title: String,
    /// Summary shown under the headline.
    pub lead: Option<String>,
    /// Full text as sanitised HTML.
    pub body: String,
    /// When it was published.
    pub published_at: Option<DateTime<Utc>>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Where readers open the article on the public site.
    pub url: String,
    /// The picture shown with the article.
    pub cover_image: Option<Image>,
    /// The article's gallery: uploaded images in the editors' order.
    pub gallery: Vec<Image>,
    /// Attribution, e.g. the publication the text comes from.
    pub source: Option<String>,
    /// The region the article is about; its name in the article's language.
    pub region: Option<RegionRef>,
    /// Tags, by name.
    pub tags: Vec<TagRef>,
    /// The author's public name.
    pub author: Option<String>,
    /// The meeting the article covers.
    pub meeting: Option<MeetingRef>,
    /// Who the article is by: a press service's name, or the author's.
    pub byline: Option<Byline>,
    /// The section the article sits in.
    pub section: Option<SectionRef>,
    /// People mentioned, in the article's order.
    pub participants: Vec<MentionedParticipant>,
    /// What was said, in the article's order.
    pub quotes: Vec<QuoteDto>,
    /// "Read also": the editor's choice, then the same meeting, region and tags.
    pub related: Vec<ArticleRef>,
    /// The same story in the other languages.
    pub translations: Vec<ArticleRef>,
    /// Whether the comment POST takes comments now: false once they have closed (by
    /// the editors, or some days after publication).
    pub comments_open: bool,
    /// Approved comments, replies included.
    pub comment_count: u64,
    /// Corrections made since publication, oldest first.
    pub corrections: Vec<CorrectionDto>,
    /// schema.org `NewsArticle` for the page's `<script type="application/ld+json">`.
    pub json_ld: NewsArticle,
}

/// A correction of a published article, in the article's language.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CorrectionDto {
    pub id: Uuid,
    /// What was corrected, as plain text: render it escaped.
    #[schema(example = "Уточнена дата заседания: оно прошло 5 апреля.")]
    pub text: String,
    /// When the correction was made.
    pub created_at: DateTime<Utc>,
}

impl From<&correction::Model> for CorrectionDto {
    fn from(c: &correction::Model) -> Self {
        CorrectionDto {
            id: c.id,
            text: c.text.clone(),
            created_at: c.created_at,
        }
    }
}

/// The public notice of a retracted article, answered with `410 Gone` where the
/// article was: an RFC 9457 problem (`application/problem+json`, every member of
/// `Problem`) with members of its own. It names the article and says why and when,
/// never its text.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RetractionNotice {
    /// Always `https://polisia.kz/problems/retracted`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Always `Article retracted`.
    pub title: &'static str,
    /// Always 410.
    #[schema(example = 410)]
    pub status: u16,
    /// The reason, as a sentence for people.
    pub detail: String,
    /// Always `NOT_FOUND`, what GraphQL says of an article it cannot show; `type`
    /// tells a retraction apart.
    pub code: ErrorCode,
    pub id: Uuid,
    pub slug: String,
    pub lang: Language,
    /// The retracted article's headline.
    pub article_title: String,
    /// Where the article was on the public site.
    pub url: String,
    /// Why the editors retracted it (plain text).
    pub reason: String,
    /// When it was retracted.
    pub retracted_at: DateTime<Utc>,
}

/// Where a retraction notice's `type` points.
pub const RETRACTED_TYPE: &str = "https://polisia.kz/problems/retracted";

impl RetractionNotice {
    pub fn new(article: &article::Model, notice: &retraction::Model, site: &Site) -> Self {
        RetractionNotice {
            kind: RETRACTED_TYPE,
            title: "Article retracted",
            status: 410,
            detail: notice.reason.clone(),
            code: ErrorCode::NotFound,
            id: article.id,
            slug: article.slug.clone(),
            lang: article.lang,
            article_title: article.title.clone(),
            url: site.article_url(article.lang, &article.slug),
            reason: notice.reason.clone(),
            retracted_at: notice.retracted_at,
        }
    }
}

list_of!(
    /// A page of articles, newest first.
    ArticleList,
    ArticleSummary
);

impl ArticleSummary {
    /// The cover comes from `parts`, its addresses already absolute.
    pub fn new(article: &article::Model, parts: &ArticleParts, comments: u64, site: &Site) -> Self {
        ArticleSummary {
            id: article.id,
            slug: article.slug.clone(),
            lang: article.lang,
            title: article.title.clone(),
            lead: article.lead.clone(),
            published_at: article.published_at,
            updated_at: article.updated_at,
            url: site.article_url(article.lang, &article.slug),
            cover_image: parts.cover.as_ref().map(Image::from),
            source: article.source.clone(),
            region: parts
                .region
                .as_ref()
                .map(|r| RegionRef::new(r, article.lang)),
            tags: parts
                .tags
                .iter()
                .map(|t| TagRef::new(t, article.lang))
                .collect(),
            author: parts.author.clone(),
            meeting: parts
                .meeting
                .as_ref()
                .map(|m| MeetingRef::new(m, article.lang, &parts.photos)),
            comment_count: comments,
            byline: byline::of(article, parts.author.as_deref()),
            section: article.section.map(|s| SectionRef::new(s, article.lang)),
        }
    }
}

/// What the detail adds to an article and its parts.
pub struct Extras {
    pub related: Vec<article::Model>,
    pub translations: Vec<article::Model>,
    pub comment_count: u64,
    /// Whether the article takes comments now (`comments::open_for_comments`).
    pub comments_open: bool,
}

impl ArticleDetail {
    pub fn new(
        article: &article::Model,
        parts: &ArticleParts,
        extras: Extras,
        base: &str,
        site: &Site,
    ) -> Self {
        let lang = article.lang;
        let summary = ArticleSummary::new(article, parts, extras.comment_count, site);
        ArticleDetail {
            id: summary.id,
            slug: summary.slug,
            lang,
            title: summary.title,
            lead: summary.lead,
            body: article.body.clone(),
            published_at: summary.published_at,
            updated_at: summary.updated_at,
            url: summary.url,
            cover_image: summary.cover_image,
            gallery: parts.gallery.iter().map(Image::from).collect(),
            source: summary.source,
            region: summary.region,
            tags: summary.tags,
            author: summary.author,
            meeting: summary.meeting,
            byline: summary.byline,
            section: summary.section,
            participants: parts
                .people
                .iter()
                .map(|p| {
                    let person = ParticipantRef::new(&p.participant, lang, &parts.photos);
                    MentionedParticipant {
                        id: person.id,
                        slug: person.slug,
                        full_name: person.full_name,
                        position: person.position,
                        organization: person.organization,
                        role: p.role,
                        position_then: p.position_then.clone(),
                        photo: person.photo,
                    }
                })
                .collect(),
            quotes: parts
                .quotes
                .iter()
                .map(|(quote, speaker)| QuoteDto {
                    text: quote.text.clone(),
                    kind: quote.kind,
                    participant: speaker
                        .as_ref()
                        .map(|p| ParticipantRef::new(p, lang, &parts.photos)),
                    speaker_position: quote
                        .position_id
                        .and_then(|id| parts.speaker_positions.get(&id))
                        .map(|p| position_title(p, lang).to_owned()),
                })
                .collect(),
            related: extras
                .related
                .iter()
                .map(|a| ArticleRef::new(a, site))
                .collect(),
            translations: extras
                .translations
                .iter()
                .map(|a| ArticleRef::new(a, site))
                .collect(),
            comments_open: extras.comments_open,
            comment_count: summary.comment_count,
            corrections: parts.corrections.iter().map(CorrectionDto::from).collect(),
            json_ld: jsonld::news_article(article, parts, base, site),
        }
    }
}
