//! Quotes: what people said, as the article renders it.

use async_graphql::{Context, ID, Object};

use super::{
    article::Article,
    connection::connection,
    context::ContextExt,
    ids::{self, NodeKind},
    names::NamesIn,
    participant::Participant,
};
use crate::store::loaders::{ArticleById, ParticipantById};
use crate::{domain::QuoteKind, entity::quote};

/// Direct or reported speech in an article, attributed to a person.
/// The second field is the language its speaker's names default to.
#[derive(Clone)]
pub struct Quote(pub quote::Model, pub NamesIn);

impl Quote {
    /// A quote whose speaker's names follow the request's language.
    pub fn new(row: quote::Model) -> Self {
        Self(row, NamesIn::default())
    }
}

connection!(QuoteConnection, QuoteEdge, Quote, "quotes");

/// Direct or reported speech in an article, attributed to a person when known. A
/// quote is visible wherever its article is.
#[Object]
impl Quote {
    /// Global id of the quote, for `node(id:)`.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Quote, self.0.id)
    }

    /// When the quote was last written (with its article); lists take `updatedSince` to ask for what changed since a moment.
    async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.updated_at
    }

    /// The words, as the article gives them.
    async fn text(&self) -> &str {
        &self.0.text
    }

    /// DIRECT (word for word) or PARAPHRASE (reported speech).
    async fn kind(&self) -> QuoteKind {
        self.0.kind
    }

    /// Order within the article, from 0.
    async fn position(&self) -> i32 {
        self.0.position
    }

    /// The speaker's position as of the article's event (the day of the meeting it
    /// covers, else the day it was written); null when none is recorded for that day.
    async fn speaker_position(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<super::position::Position>> {
        let Some(id) = self.0.position_id else {
            return Ok(None);
        };
        Ok(ctx
            .loaders()
            .load_one(crate::store::loaders::PositionById(id))
            .await?
            .map(|row| super::position::Position(row, self.1)))
    }

    /// Who said it; null when the speaker is not recorded.
    async fn participant(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Participant>> {
        let Some(id) = self.0.participant_id else {
            return Ok(None);
        };
        Ok(ctx
            .loaders()
            .load_one(ParticipantById(id))
            .await?
            .map(|row| Participant(row, self.1)))
    }

    /// The article it appears in; null when the viewer may not see that article.
    async fn article(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Article>> {
        Ok(ctx
            .loaders()
            .load_one(ArticleById(self.0.article_id))
            .await?
            .map(Article))
    }
}
