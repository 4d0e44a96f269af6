//! Writing and deleting articles, with their quotes, people, tags and "read also".

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};

use super::{DeletePayload, id_list, maybe, maybe_id, optional_id};
use crate::{
    api::graphql::{
        article::Article,
        context::ContextExt,
        ids::{self, NodeKind},
    },
    domain::{Language, QuoteKind},
    editorial::{self, input},
    error::AppResult,
};

/// A changed article.
#[derive(SimpleObject)]
pub struct ArticlePayload {
    /// The article as saved.
    pub article: Article,
}

/// A quote inside an article, in article order.
#[derive(InputObject, Clone)]
pub struct QuoteInput {
    /// Who said it (global id), if known.
    pub participant_id: Option<ID>,
    /// The words, as the article gives them: 1 to 5,000 characters, may span lines.
    pub text: String,
    /// DIRECT (default) or PARAPHRASE.
    pub kind: Option<QuoteKind>,
}

/// A new article; it starts as a DRAFT of the viewer's.
#[derive(InputObject)]
pub struct CreateArticleInput {
    /// The language the article is written in.
    pub lang: Language,
    /// Headline: one line, at most 300 characters.
    pub title: String,
    /// Summary shown under the headline, at most 1,000 characters; blank means none.
    pub lead: Option<String>,
    /// HTML, at most 200,000 characters; sanitised to an allow-list of tags and
    /// attributes, and what remains must not be empty.
    pub body: String,
    /// The region the article is about (global id); omit when it is about none.
    pub region_id: Option<ID>,
    /// Tag names or slugs, at most 20, each at most 96 characters. Editors create the
    /// tags that do not exist yet; authors may only pick existing ones.
    pub tags: Option<Vec<String>>,
    /// The meeting the article covers (global id).
    pub meeting_id: Option<ID>,
    /// The people the article mentions (global ids), in the order to show, each
    /// once, at most 100.
    pub participant_ids: Option<Vec<ID>>,
    /// What was said, in article order, at most 100.
    pub quotes: Option<Vec<QuoteInput>>,
    /// The editor's "read also", in order (global ids of articles), each once, at
    /// most 20, never the article itself.
    pub related_ids: Option<Vec<ID>>,
    /// Absolute `http://` or `https://` URL of the cover picture, at most 2,048
    /// characters.
    pub cover_image_url: Option<String>,
    /// Text describing the cover picture for those who cannot see it, one line, at
    /// most 500 characters.
    pub cover_image_alt: Option<String>,
    /// An uploaded image as the cover (global id of an `Image`); shown instead of
    /// `coverImageUrl`.
    pub cover_media_id: Option<ID>,
    /// Uploaded images of the article's gallery (global ids), in order, each once,
    /// at most 100.
    pub gallery_media_ids: Option<Vec<ID>>,
    /// Attribution, e.g. the publication the text comes from: one line, at most 300
    /// characters.
    pub source: Option<String>,
    /// Lowercase latin letters and digits joined by single hyphens, at most 120
    /// characters, unused by other articles in the language. Generated from the title
    /// when not given.
    pub slug: Option<String>,
    /// The article this one translates (global id): the new article joins its
    /// translation group, which may hold one article per language.
    pub translation_of: Option<ID>,
    /// A free-text byline such as a department's press service; without it the
    /// byline is the author's name.
    pub byline: Option<BylineTextInput>,
    /// The section (its code such as `ROAD_SAFETY`, or slug such as `road-safety`).
    pub section: Option<String>,
}

/// A free-text byline in the portal's languages: each one line, at most 300
/// characters, trimmed. When any is given, Russian or the article's own language
/// must be; all blank means the author's name again.
#[derive(InputObject, Clone)]
pub struct BylineTextInput {
    /// In Russian, e.g. "Пресс-служба ДП Кызылординской области".
    pub ru: Option<String>,
    /// In Kazakh.
    pub kk: Option<String>,
    /// In English.
    pub en: Option<String>,
}

impl From<BylineTextInput> for input::BylineInput {
    fn from(b: BylineTextInput) -> Self {
        input::BylineInput {
            ru: b.ru,
            kk: b.kk,
            en: b.en,
        }
    }
}

/// Changes to an article; absent fields stay as they are, `null` clears. The limits
/// are those of `CreateArticleInput`.
#[derive(InputObject)]
pub struct UpdateArticleInput {
    /// The version read before editing: a save in between answers CONFLICT.
    pub version: i32,
    /// A new language; the translation group must not already have an article in it.
    pub lang: Option<Language>,
    /// A new headline. A draft whose slug came from its title gets a new slug too; a
    /// published or archived article keeps its slug.
    pub title: Option<String>,
    /// A new summary; `null` removes it.
    pub lead: MaybeUndefined<String>,
    /// New HTML text, sanitised as on creation.
    pub body: Option<String>,
    /// Another region (global id); `null` for none.
    pub region_id: MaybeUndefined<ID>,
    /// Replaces all tags (names or slugs); `[]` removes them.
    pub tags: Option<Vec<String>>,
    /// Another meeting covered (global id); `null` for none.
    pub meeting_id: MaybeUndefined<ID>,
    /// Replaces the people mentioned (global ids, in order); `[]` removes them.
    pub participant_ids: Option<Vec<ID>>,
    /// Replaces all quotes, in article order; `[]` removes them.
    pub quotes: Option<Vec<QuoteInput>>,
    /// Replaces the editor's "read also" (global ids, in order); `[]` removes them.
    pub related_ids: Option<Vec<ID>>,
    /// A new cover picture URL; `null` removes the picture.
    pub cover_image_url: MaybeUndefined<String>,
    /// A new text alternative of the cover picture; `null` removes it.
    pub cover_image_alt: MaybeUndefined<String>,
    /// Another uploaded cover (global id of an `Image`); `null` removes it.
    pub cover_media_id: MaybeUndefined<ID>,
    /// Replaces the gallery (global ids of images, in order); `[]` empties it.
    pub gallery_media_ids: Option<Vec<ID>>,
    /// A new attribution; `null` removes it.
    pub source: MaybeUndefined<String>,
    /// A new slug, chosen by hand. The old one keeps finding the article.
    pub slug: Option<String>,
    /// Joins the translation group of this article (global id); `null` leaves the
    /// group, making the article a story of its own.
    pub translation_of: MaybeUndefined<ID>,
    /// Replaces the free-text byline (every language at once); `null` signs the
    /// article with its author's name again.
    pub byline: MaybeUndefined<BylineTextInput>,
    /// Another section (code or slug); `null` for none.
    pub section: MaybeUndefined<String>,
}

fn quotes(values: Vec<QuoteInput>, field: &str) -> AppResult<Vec<input::QuoteInput>> {
    values
        .into_iter()
        .enumerate()
        .map(|(i, q)| {
            Ok(input::QuoteInput {
                participant_id: optional_id(
                    q.participant_id.as_ref(),
                    NodeKind::Participant,
                    &format!("{field}[{i}].participantId"),
                )?,
                text: q.text,
                kind: q.kind,
            })
        })
        .collect()
}

impl CreateArticleInput {
    fn into_editorial(self) -> AppResult<input::ArticleInput> {
        Ok(input::ArticleInput {
            lang: self.lang,
            title: self.title,
            lead: self.lead,
            body: self.body,
            region_id: optional_id(self.region_id.as_ref(), NodeKind::Region, "input.regionId")?,
            tags: self.tags.unwrap_or_default(),
            meeting_id: optional_id(
                self.meeting_id.as_ref(),
                NodeKind::Meeting,
                "input.meetingId",
            )?,
            participant_ids: id_list(
                &self.participant_ids.unwrap_or_default(),
                NodeKind::Participant,
                "input.participantIds",
            )?,
            quotes: quotes(self.quotes.unwrap_or_default(), "input.quotes")?,
            related_ids: id_list(
                &self.related_ids.unwrap_or_default(),
                NodeKind::Article,
                "input.relatedIds",
            )?,
            cover_image_url: self.cover_image_url,
            cover_image_alt: self.cover_image_alt,
            cover_media_id: optional_id(
                self.cover_media_id.as_ref(),
                NodeKind::Image,
                "input.coverMediaId",
            )?,
            gallery_media_ids: id_list(
                &self.gallery_media_ids.unwrap_or_default(),
                NodeKind::Image,
                "input.galleryMediaIds",
            )?,
            source: self.source,
            slug: self.slug,
            translation_of: optional_id(
                self.translation_of.as_ref(),
                NodeKind::Article,
                "input.translationOf",
            )?,
            byline: self.byline.map(Into::into),
            section: self.section,
        })
    }
}

impl UpdateArticleInput {
    fn into_editorial(self) -> AppResult<input::ArticlePatch> {
        Ok(input::ArticlePatch {
            version: self.version,
            lang: self.lang,
            title: self.title,
            lead: maybe(self.lead),
            body: self.body,
            region_id: maybe_id(self.region_id, NodeKind::Region, "input.regionId")?,
            tags: self.tags,
            meeting_id: maybe_id(self.meeting_id, NodeKind::Meeting, "input.meetingId")?,
            participant_ids: self
                .participant_ids
                .map(|ids| id_list(&ids, NodeKind::Participant, "input.participantIds"))
                .transpose()?,
            quotes: self.quotes.map(|q| quotes(q, "input.quotes")).transpose()?,
            related_ids: self
                .related_ids
                .map(|ids| id_list(&ids, NodeKind::Article, "input.relatedIds"))
                .transpose()?,
            cover_image_url: maybe(self.cover_image_url),
            cover_image_alt: maybe(self.cover_image_alt),
            cover_media_id: maybe_id(self.cover_media_id, NodeKind::Image, "input.coverMediaId")?,
            gallery_media_ids: self
                .gallery_media_ids
                .map(|ids| id_list(&ids, NodeKind::Image, "input.galleryMediaIds"))
                .transpose()?,
            source: maybe(self.source),
            slug: self.slug,
            translation_of: maybe_id(
                self.translation_of,
                NodeKind::Article,
                "input.translationOf",
            )?,
            byline: maybe(self.byline).map(|b| b.map(Into::into)),
            section: maybe(self.section),
        })
    }
}

/// Writing and deleting articles.
#[derive(Default)]
pub struct ArticleMutation;

#[Object]
impl ArticleMutation {
    /// Writes a new DRAFT (AUTHOR, EDITOR, ADMIN).
    async fn create_article(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new article's text, links and metadata.")] input: CreateArticleInput,
    ) -> async_graphql::Result<ArticlePayload> {
        let article =
            editorial::create_article(ctx.db(), ctx.viewer(), input.into_editorial()?, ctx.now())
                .await?;
        Ok(ArticlePayload {
            article: Article(article),
        })
    }

    /// Changes an article: authors their own drafts, editors any article.
    async fn update_article(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the article.")] id: ID,
        #[graphql(desc = "What to change, with the version the changes are based on.")]
        input: UpdateArticleInput,
    ) -> async_graphql::Result<ArticlePayload> {
        let id = ids::decode_as(&id, NodeKind::Article, "id")?;
        let article = editorial::update_article(
            ctx.db(),
            ctx.viewer(),
            id,
            input.into_editorial()?,
            ctx.now(),
        )
        .await?;
        Ok(ArticlePayload {
            article: Article(article),
        })
    }

    /// Deletes an article with its comments (EDITOR, ADMIN; authors their own drafts).
    async fn delete_article(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the article.")] id: ID,
    ) -> async_graphql::Result<DeletePayload> {
        let uuid = ids::decode_as(&id, NodeKind::Article, "id")?;
        editorial::delete_article(ctx.db(), ctx.viewer(), uuid, ctx.now()).await?;
        Ok(DeletePayload { deleted_id: id })
    }
}
