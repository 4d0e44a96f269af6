//! Corrections and retractions: how an article shows them, and the editors'
//! mutations that make them.

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::{
    article::Article,
    context::ContextExt,
    editorial::articles::ArticlePayload,
    ids::{self, NodeKind},
};
use crate::{
    editorial,
    entity::{correction, retraction},
};

/// A correction of a published article, in the article's language.
pub struct Correction(pub correction::Model);

/// A note the editors added to a published article to set something right. Its
/// text is plain: render it escaped.
#[Object]
impl Correction {
    /// What was corrected.
    async fn text(&self) -> &str {
        &self.0.text
    }

    /// When the correction was made.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// Why and when an article was retracted.
pub struct Retraction(pub retraction::Model);

/// The public notice of a retracted article. Its reason is plain text: render it
/// escaped.
#[Object]
impl Retraction {
    /// Why the editors retracted the article.
    async fn reason(&self) -> &str {
        &self.0.reason
    }

    /// When it was retracted.
    async fn retracted_at(&self) -> DateTime<Utc> {
        self.0.retracted_at
    }
}

/// A correction just added, and the article it corrects.
#[derive(SimpleObject)]
pub struct AddCorrectionPayload {
    /// The correction as saved.
    pub correction: Correction,
    /// The article, its `updatedAt` moved to the correction's time.
    pub article: Article,
}

/// Mutations for corrections and retractions (EDITOR, ADMIN).
#[derive(Default)]
pub struct CorrectionMutation;

#[Object]
impl CorrectionMutation {
    /// Adds a correction to a published article (EDITOR, ADMIN): shown with it from
    /// now on, oldest first, in GraphQL, REST, ninjs and JSON-LD; the article's
    /// `updatedAt` becomes now. CONFLICT unless the article is public.
    async fn add_correction(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the article.")] article_id: ID,
        #[graphql(
            desc = "What was corrected, in the article's language: plain text, 1 to 2,000 characters, may span lines."
        )]
        text: String,
    ) -> async_graphql::Result<AddCorrectionPayload> {
        let id = ids::decode_as(&article_id, NodeKind::Article, "articleId")?;
        let (article, correction) =
            editorial::add_correction(ctx.db(), ctx.viewer(), id, &text, "text", ctx.now()).await?;
        Ok(AddCorrectionPayload {
            correction: Correction(correction),
            article: Article(article),
        })
    }

    /// Retracts a published article for cause (EDITOR, ADMIN): its status becomes
    /// RETRACTED, it leaves every list, feed, search and sitemap, and its page keeps
    /// a public notice with the title, the reason and the time, but not its text.
    /// Final: a retracted article is not edited or published again. CONFLICT unless
    /// the article is public.
    async fn retract_article(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the article.")] id: ID,
        #[graphql(
            desc = "Why it is retracted, shown to the public: plain text, 1 to 2,000 characters, may span lines."
        )]
        reason: String,
    ) -> async_graphql::Result<ArticlePayload> {
        let id = ids::decode_as(&id, NodeKind::Article, "id")?;
        let article =
            editorial::retract(ctx.db(), ctx.viewer(), id, &reason, "reason", ctx.now()).await?;
        Ok(ArticlePayload {
            article: Article(article),
        })
    }
}
