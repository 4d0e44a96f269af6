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
    /// The words.
    pub text: String,
    /// DIRECT (default) or PARAPHRASE.
    pub kind: Option<QuoteKind>,
}

/// A new article; it starts as a DRAFT of the viewer's.
#[derive(InputObject)]
pub struct CreateArticleInput {
    pub lang: Language,
    pub title: String,
    pub lead: Option<String>,
    /// HTML; sanitised to an allow-list of tags and attributes.
    pub body: String,
    pub region_id: Option<ID>,
    /// Tag names or slugs.
    pub tags: Option<Vec<String>>,
    pub meeting_id: Option<ID>,
    pub participant_ids: Option<Vec<ID>>,
    pub quotes: Option<Vec<QuoteInput>>,
    /// The editor's "read also", in order.
    pub related_ids: Option<Vec<ID>>,
    pub cover_image_url: Option<String>,
    pub cover_image_alt: Option<String>,
    pub source: Option<String>,
    /// Generated from the title when not given.
    pub slug: Option<String>,
    /// The article this one translates.
    pub translation_of: Option<ID>,
}

/// Changes to an article; absent fields stay as they are, `null` clears.
#[derive(InputObject)]
pub struct UpdateArticleInput {
    /// The version read before editing: a save in between answers CONFLICT.
    pub version: i32,
    pub lang: Option<Language>,
    pub title: Option<String>,
    pub lead: MaybeUndefined<String>,
    pub body: Option<String>,
    pub region_id: MaybeUndefined<ID>,
    pub tags: Option<Vec<String>>,
    pub meeting_id: MaybeUndefined<ID>,
    pub participant_ids: Option<Vec<ID>>,
    pub quotes: Option<Vec<QuoteInput>>,
    pub related_ids: Option<Vec<ID>>,
    pub cover_image_url: MaybeUndefined<String>,
    pub cover_image_alt: MaybeUndefined<String>,
    pub source: MaybeUndefined<String>,
    pub slug: Option<String>,
    pub translation_of: MaybeUndefined<ID>,
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
            source: self.source,
            slug: self.slug,
            translation_of: optional_id(
                self.translation_of.as_ref(),
                NodeKind::Article,
                "input.translationOf",
            )?,
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
            source: maybe(self.source),
            slug: self.slug,
            translation_of: maybe_id(
                self.translation_of,
                NodeKind::Article,
                "input.translationOf",
            )?,
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
        input: CreateArticleInput,
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
        id: ID,
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
        id: ID,
    ) -> async_graphql::Result<DeletePayload> {
        let uuid = ids::decode_as(&id, NodeKind::Article, "id")?;
        editorial::delete_article(ctx.db(), ctx.viewer(), uuid, ctx.now()).await?;
        Ok(DeletePayload { deleted_id: id })
    }
}
