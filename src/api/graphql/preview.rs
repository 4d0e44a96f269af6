//! Preview links: staff make them (`createPreviewLink`), list and revoke them; anyone
//! holding one reads the article's current text with `articlePreview(token:)`.
//!
//! An answer that opened a preview is private to its holder: the transport sends it
//! with `Cache-Control: private, no-store` and never shares it through the
//! micro-cache ([`PrivateAnswer`]).

use std::sync::{
    Arc,
    atomic::{AtomicBool, Ordering},
};

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::{
    article::Article,
    context::ContextExt,
    ids::{self, NodeKind},
    prefetch,
};
use crate::{editorial::previews, entity::preview_link};

/// Set when a resolver shows something only the request's holder may see: the
/// answer must not be stored by any cache.
#[derive(Clone, Default)]
pub struct PrivateAnswer(Arc<AtomicBool>);

impl PrivateAnswer {
    /// Marks the answer private.
    pub fn mark(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether a resolver marked the answer private.
    pub fn asked(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// A preview link as staff see it: never its token.
pub struct PreviewLink(pub preview_link::Model);

/// A link that shows one article's current text, draft or not, to whoever holds its
/// token, until it expires or is revoked.
#[Object]
impl PreviewLink {
    /// Global id of the link, for `revokePreviewLink`.
    async fn id(&self) -> ID {
        ids::encode(NodeKind::PreviewLink, self.0.id)
    }

    /// When the link was made.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When it stops working.
    async fn expires_at(&self) -> DateTime<Utc> {
        self.0.expires_at
    }

    /// When it was revoked; null unless it was.
    async fn revoked_at(&self) -> Option<DateTime<Utc>> {
        self.0.revoked_at
    }

    /// Whether it opens the preview now: neither expired nor revoked.
    async fn active(&self, ctx: &Context<'_>) -> bool {
        self.0.revoked_at.is_none() && self.0.expires_at > ctx.now()
    }
}

/// A link just made.
#[derive(SimpleObject)]
pub struct CreatePreviewLinkPayload {
    /// The token, shown this once (only its hash is kept). Read the preview with
    /// `articlePreview(token:)` or `GET /api/v1/preview/{token}`.
    pub token: String,
    /// What is kept about the link.
    pub preview_link: PreviewLink,
}

/// A revoked link.
#[derive(SimpleObject)]
pub struct RevokePreviewLinkPayload {
    /// The link, with the moment it was revoked.
    pub preview_link: PreviewLink,
}

/// Root fields for previews.
#[derive(Default)]
pub struct PreviewQuery;

#[Object]
impl PreviewQuery {
    /// The article a preview link shows, as it is now (a draft too), for anyone
    /// holding the token; no sign-in needed. Null when the token is not a live
    /// link (unknown, expired, revoked). The answer is sent with `Cache-Control:
    /// private, no-store`.
    async fn article_preview(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The token `createPreviewLink` gave.")] token: String,
    ) -> async_graphql::Result<Option<Article>> {
        // Over WebSocket there is no answer to mark: nothing caches those.
        if let Some(private) = ctx.data_opt::<PrivateAnswer>() {
            private.mark();
        }
        match previews::open(ctx.db(), &token, ctx.now()).await {
            Ok(article) => {
                prefetch::article(ctx, &article).await?;
                Ok(Some(Article(article)))
            }
            Err(crate::error::AppError::NotFound(_)) => Ok(None),
            Err(err) => Err(err.into()),
        }
    }

    /// The preview links of an article, newest first, expired and revoked ones too
    /// (its author, EDITOR, ADMIN).
    async fn preview_links(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the article.")] article_id: ID,
    ) -> async_graphql::Result<Vec<PreviewLink>> {
        let id = ids::decode_as(&article_id, NodeKind::Article, "articleId")?;
        let links = previews::list(ctx.db(), ctx.viewer(), id).await?;
        Ok(links.into_iter().map(PreviewLink).collect())
    }
}

/// Mutations for preview links.
#[derive(Default)]
pub struct PreviewMutation;

#[Object]
impl PreviewMutation {
    /// Makes a link that shows the article's current text to anyone holding its
    /// token, for `expiresIn` seconds (the article's author, EDITOR, ADMIN). The
    /// answer is the only place the token is ever shown.
    async fn create_preview_link(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the article.")] article_id: ID,
        #[graphql(
            desc = "How long the link works, in seconds: 1 to 604800 (7 days)."
        )]
        expires_in: i64,
    ) -> async_graphql::Result<CreatePreviewLinkPayload> {
        let id = ids::decode_as(&article_id, NodeKind::Article, "articleId")?;
        let issued = previews::create(
            ctx.db(),
            ctx.viewer(),
            id,
            expires_in,
            "expiresIn",
            ctx.now(),
        )
        .await?;
        Ok(CreatePreviewLinkPayload {
            token: issued.token,
            preview_link: PreviewLink(issued.link),
        })
    }

    /// Revokes a preview link (the article's author, EDITOR, ADMIN): it stops
    /// working at once on every instance. Revoking twice is harmless.
    async fn revoke_preview_link(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the link (a `PreviewLink`).")] id: ID,
    ) -> async_graphql::Result<RevokePreviewLinkPayload> {
        let id = ids::decode_as(&id, NodeKind::PreviewLink, "id")?;
        let link = previews::revoke(ctx.db(), ctx.viewer(), id, ctx.now()).await?;
        Ok(RevokePreviewLinkPayload {
            preview_link: PreviewLink(link),
        })
    }
}
