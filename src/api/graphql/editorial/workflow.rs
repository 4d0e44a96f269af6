//! Moving an article through its workflow: review, publication, withdrawal.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};

use super::articles::ArticlePayload;
use crate::{
    api::graphql::{
        article::Article,
        context::ContextExt,
        ids::{self, NodeKind},
    },
    editorial,
};

/// Workflow transitions of articles.
#[derive(Default)]
pub struct WorkflowMutation;

#[Object]
impl WorkflowMutation {
    /// Hands a draft to the editors: its status becomes IN_REVIEW. Only a DRAFT can
    /// be submitted.
    async fn submit_article_for_review(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the article.")] id: ID,
    ) -> async_graphql::Result<ArticlePayload> {
        let id = ids::decode_as(&id, NodeKind::Article, "id")?;
        let article = editorial::submit_for_review(ctx.db(), ctx.viewer(), id, ctx.now()).await?;
        Ok(ArticlePayload {
            article: Article(article),
        })
    }

    /// Puts the article at `position` on its language's front page (1 first, at most
    /// 20), or takes it off with `position: null` (EDITOR, ADMIN). An article of the
    /// same language holding that place leaves the front page. Only public articles
    /// show in `featured`.
    async fn set_featured_position(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the article.")] id: ID,
        #[graphql(desc = "The place, 1 to 20; null takes the article off the front page.")]
        position: Option<i32>,
    ) -> async_graphql::Result<ArticlePayload> {
        let id = ids::decode_as(&id, NodeKind::Article, "id")?;
        let article = editorial::featured::set_featured_position(
            ctx.db(),
            ctx.viewer(),
            id,
            position,
            ctx.now(),
        )
        .await?;
        Ok(ArticlePayload {
            article: Article(article),
        })
    }

    /// Publishes now, or at `at` when it lies in the future (EDITOR, ADMIN).
    async fn publish_article(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the article.")] id: ID,
        #[graphql(
            desc = "When to publish; omit for now. A time in the future schedules the article; one more than a minute past is refused."
        )]
        at: Option<DateTime<Utc>>,
    ) -> async_graphql::Result<ArticlePayload> {
        let id = ids::decode_as(&id, NodeKind::Article, "id")?;
        let article = editorial::publish(ctx.db(), ctx.viewer(), id, at, ctx.now()).await?;
        Ok(ArticlePayload {
            article: Article(article),
        })
    }

    /// Takes a published or scheduled article back to DRAFT (EDITOR, ADMIN).
    async fn unpublish_article(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the article.")] id: ID,
    ) -> async_graphql::Result<ArticlePayload> {
        let id = ids::decode_as(&id, NodeKind::Article, "id")?;
        let article = editorial::unpublish(ctx.db(), ctx.viewer(), id, ctx.now()).await?;
        Ok(ArticlePayload {
            article: Article(article),
        })
    }

    /// Withdraws a published article from public view, keeping it (EDITOR, ADMIN).
    async fn archive_article(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the article.")] id: ID,
    ) -> async_graphql::Result<ArticlePayload> {
        let id = ids::decode_as(&id, NodeKind::Article, "id")?;
        let article = editorial::archive(ctx.db(), ctx.viewer(), id, ctx.now()).await?;
        Ok(ArticlePayload {
            article: Article(article),
        })
    }
}
