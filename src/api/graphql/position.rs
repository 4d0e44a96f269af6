//! People's positions over time and their honours.

use async_graphql::{Context, ID, Object};

use super::{
    context::ContextExt,
    ids::{self, NodeKind},
    names::NamesIn,
    organization::Organization,
    scalars::Date,
};
use crate::{
    domain::Language,
    entity::{participant_honour, participant_position},
    presentation::names::{honour_title, position_title},
    store::loaders::OrganizationById,
};

/// A position a person held or holds, and the language its texts default to.
#[derive(Clone)]
pub struct Position(pub participant_position::Model, pub NamesIn);

/// A post a person held or holds: its title, where, and from when to when.
#[Object]
impl Position {
    /// Global id of the position, for `setMeetingParticipants(positionId:)`.
    async fn id(&self) -> ID {
        ids::encode(NodeKind::Position, self.0.id)
    }

    /// The title in `lang`, with the fallbacks of names.
    async fn title(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language wanted; default: the request's `Accept-Language`, else RU."
        )]
        lang: Option<Language>,
    ) -> String {
        position_title(&self.0, self.1.pick(lang, ctx)).to_owned()
    }

    /// The title in Russian.
    async fn title_ru(&self) -> &str {
        &self.0.title_ru
    }

    /// The title in Kazakh, if recorded.
    async fn title_kk(&self) -> Option<&str> {
        self.0.title_kk.as_deref()
    }

    /// The title in English, if recorded.
    async fn title_en(&self) -> Option<&str> {
        self.0.title_en.as_deref()
    }

    /// Where it is held; null when not recorded.
    async fn organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        let Some(id) = self.0.organization_id else {
            return Ok(None);
        };
        Ok(ctx
            .loaders()
            .load_one(OrganizationById(id))
            .await?
            .map(|row| Organization(row, self.1)))
    }

    /// The first day held; null when not recorded.
    async fn from(&self) -> Option<Date> {
        self.0.from_date.map(Date)
    }

    /// The last day held; null while it is held.
    async fn to(&self) -> Option<Date> {
        self.0.to_date.map(Date)
    }
}

/// An honour a person received, and the language its texts default to.
#[derive(Clone)]
pub struct Honour(pub participant_honour::Model, pub NamesIn);

/// An honour or title a person received: what, when, and from whom.
#[Object]
impl Honour {
    /// The honour in `lang`, with the fallbacks of names.
    async fn title(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language wanted; default: the request's `Accept-Language`, else RU."
        )]
        lang: Option<Language>,
    ) -> String {
        honour_title(&self.0, self.1.pick(lang, ctx)).to_owned()
    }

    /// The honour in Russian.
    async fn title_ru(&self) -> &str {
        &self.0.title_ru
    }

    /// The honour in Kazakh, if recorded.
    async fn title_kk(&self) -> Option<&str> {
        self.0.title_kk.as_deref()
    }

    /// The honour in English, if recorded.
    async fn title_en(&self) -> Option<&str> {
        self.0.title_en.as_deref()
    }

    /// The day awarded; null when not recorded.
    async fn awarded_on(&self) -> Option<Date> {
        self.0.awarded_on.map(Date)
    }

    /// The organisation that awarded it, when the portal knows it.
    async fn awarded_by_organization(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Organization>> {
        let Some(id) = self.0.awarded_by_organization_id else {
            return Ok(None);
        };
        Ok(ctx
            .loaders()
            .load_one(OrganizationById(id))
            .await?
            .map(|row| Organization(row, self.1)))
    }

    /// Who awarded it, as recorded in text; null when not recorded.
    async fn awarded_by(&self) -> Option<&str> {
        self.0.awarded_by.as_deref()
    }
}
