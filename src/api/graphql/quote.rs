//! Quotes: what people said, as the article renders it.

use async_graphql::{Context, ID, Object};

use super::{
    article::Article,
    connection::connection,
    context::ContextExt,
    ids::{self, NodeKind},
    participant::Participant,
};
use crate::store::loaders::{ArticleById, ParticipantById};
use crate::{domain::QuoteKind, entity::quote};

/// Direct or reported speech in an article, attributed to a person.
#[derive(Clone)]
pub struct Quote(pub quote::Model);

connection!(QuoteConnection, QuoteEdge, Quote, "quotes");

#[Object]
impl Quote {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Quote, self.0.id)
    }

    /// The words, as the article gives them.
    async fn text(&self) -> &str {
        &self.0.text
    }

    /// Word for word, or reported.
    async fn kind(&self) -> QuoteKind {
        self.0.kind
    }

    /// Order within the article, from 0.
    async fn position(&self) -> i32 {
        self.0.position
    }

    /// Who said it, when known.
    async fn participant(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Participant>> {
        let Some(id) = self.0.participant_id else {
            return Ok(None);
        };
        Ok(ctx
            .loaders()
            .load_one(ParticipantById(id))
            .await?
            .map(Participant))
    }

    /// The article it appears in.
    async fn article(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Article>> {
        Ok(ctx
            .loaders()
            .load_one(ArticleById(self.0.article_id))
            .await?
            .map(Article))
    }
}
