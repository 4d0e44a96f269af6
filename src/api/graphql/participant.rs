//! People: who took part in meetings and who is quoted.

use async_graphql::{Context, ID, InputObject, Object};
use futures_util::FutureExt;

use super::image::Image;
use super::{
    article::{Article, ArticleConnection, ArticleOrderBy},
    connection::{self, TotalCount, connection},
    context::ContextExt,
    ids::{self, NodeKind},
    meeting::{Meeting, MeetingConnection},
    names::NamesIn,
    position::{Honour, Position},
    quote::{Quote, QuoteConnection},
    region::Region,
    scalars::Date,
};
use crate::store::loaders::children::{QuoteCountBy, QuotesBy};
use crate::store::loaders::{HonoursOf, MembershipsOf, PositionsOf, RegionById};
use crate::store::{articles::ArticleParent, meetings::MeetingParent, page::Page};
use crate::{
    domain::{Language, tenure},
    entity::{participant, participant_position},
    error::AppError,
    presentation::names::{honour_title, position_title},
    store::{
        self,
        articles::{ArticleFilter, ArticleKey},
        meetings::MeetingKey,
        participants::{ParticipantFilter, ParticipantKey},
        quotes::QuoteKey,
    },
};

/// A person: an official, a council member, a citizen who spoke, and the language
/// the names under it default to.
#[derive(Clone)]
pub struct Participant(pub participant::Model, pub NamesIn);

impl Participant {
    /// The position the person held on `day`, from the batched list of positions.
    async fn held_on(
        &self,
        ctx: &Context<'_>,
        day: chrono::NaiveDate,
    ) -> async_graphql::Result<Option<participant_position::Model>> {
        let list = ctx
            .loaders()
            .load_one(PositionsOf(self.0.id))
            .await?
            .unwrap_or_default();
        Ok(tenure::held_on(list, store::positions::tenure, day))
    }

    /// A person whose names follow the request's language.
    pub fn new(row: participant::Model) -> Self {
        Self(row, NamesIn::default())
    }
}

connection!(
    ParticipantConnection,
    ParticipantEdge,
    Participant,
    "people"
);

/// A person: an official, a council member, a citizen who spoke. Names are kept in
/// Russian and, when recorded, in Kazakh and English. `position` and `organization`
/// are current; `MeetingParticipant.position` keeps what the person held at a meeting.
#[Object]
impl Participant {
    /// Global id of the person, for `node(id:)` and the `participantId` arguments.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Participant, self.0.id)
    }

    /// When the person's record last changed; lists take `updatedSince` to ask for what changed since a moment.
    async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.updated_at
    }

    /// URL-safe name (lowercase latin letters, digits and hyphens), unique among
    /// people; `participant(slug:)` finds the person by it.
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// The full name in `lang` (default: the language of the article the person is
    /// reached through, else the request's), falling back
    /// Kazakh → Russian → English, Russian → English, English → Russian.
    async fn full_name(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language wanted; default: the language of the article the person is reached through, else the request's `Accept-Language`, else RU."
        )]
        lang: Option<Language>,
    ) -> String {
        let lang = self.1.pick(lang, ctx);
        crate::presentation::names::person_name(&self.0, lang).to_owned()
    }

    /// The full name in Russian.
    async fn full_name_ru(&self) -> &str {
        &self.0.full_name_ru
    }

    /// The full name in Kazakh, if recorded.
    async fn full_name_kk(&self) -> Option<&str> {
        self.0.full_name_kk.as_deref()
    }

    /// The full name in English, if recorded.
    async fn full_name_en(&self) -> Option<&str> {
        self.0.full_name_en.as_deref()
    }

    /// The position the person holds now, e.g. head of a department, in `lang` with
    /// the fallbacks of names: the title of the position held today among
    /// `positions`, else the position recorded in text; null when neither is.
    async fn position(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language wanted; default: the request's `Accept-Language`, else RU."
        )]
        lang: Option<Language>,
    ) -> async_graphql::Result<Option<String>> {
        let today = ctx.now().date_naive();
        Ok(match self.held_on(ctx, today).await? {
            Some(p) => Some(position_title(&p, self.1.pick(lang, ctx)).to_owned()),
            None => self.0.position.clone(),
        })
    }

    /// Every position the person held or holds, the current ones first, then by
    /// the later end.
    async fn positions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Position>> {
        Ok(ctx
            .loaders()
            .load_one(PositionsOf(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(|p| Position(p, self.1))
            .collect())
    }

    /// The position held on a day (of several, the one begun last); null when none
    /// covers it.
    async fn position_on(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The day.")] date: Date,
    ) -> async_graphql::Result<Option<Position>> {
        Ok(self
            .held_on(ctx, date.0)
            .await?
            .map(|p| Position(p, self.1)))
    }

    /// Honours with their dates and who awarded them, in the recorded order.
    async fn awards(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Honour>> {
        Ok(ctx
            .loaders()
            .load_one(HonoursOf(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(|h| Honour(h, self.1))
            .collect())
    }

    /// The organisation the person works for now, as recorded in text; null when not
    /// recorded. The organisations they belong to are `memberships`.
    async fn organization(&self) -> Option<&str> {
        self.0.organization.as_deref()
    }

    /// The organisations the person belongs to, each with what the person is there,
    /// in the order they were recorded.
    async fn memberships(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<ParticipantMembership>> {
        let names = self.1;
        Ok(ctx
            .loaders()
            .load_one(MembershipsOf(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(|(link, org)| ParticipantMembership {
                organization: super::organization::Organization(org, names),
                role: link.role,
            })
            .collect())
    }

    /// Who recorded the person (staff only; null for others).
    async fn created_by(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<super::user::User>> {
        super::article::audit_user(ctx, self.0.created_by).await
    }

    /// Who last changed the person (staff only; null for others).
    async fn updated_by(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<super::user::User>> {
        super::article::audit_user(ctx, self.0.updated_by).await
    }

    /// Honours and titles, e.g. honorary citizen of a region, in the recorded order,
    /// in `lang` with the fallbacks of names; empty when there are none. `awards`
    /// gives their dates and who awarded them.
    async fn honours(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language wanted; default: the request's `Accept-Language`, else RU."
        )]
        lang: Option<Language>,
    ) -> async_graphql::Result<Vec<String>> {
        let rows = ctx
            .loaders()
            .load_one(HonoursOf(self.0.id))
            .await?
            .unwrap_or_default();
        if rows.is_empty() {
            return Ok(serde_json::from_value(self.0.honours.clone()).unwrap_or_default());
        }
        let lang = self.1.pick(lang, ctx);
        Ok(rows
            .iter()
            .map(|h| honour_title(h, lang).to_owned())
            .collect())
    }

    /// An uploaded photo of the person; null when they have none.
    async fn photo(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Image>> {
        super::image::photo(ctx, self.0.photo_media_id).await
    }

    /// The region the person is associated with; null when none is recorded.
    async fn region(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Region>> {
        let Some(id) = self.0.region_id else {
            return Ok(None);
        };
        let names = self.1;
        Ok(ctx
            .loaders()
            .load_one(RegionById(id))
            .await?
            .map(|row| Region(row, names)))
    }

    /// Meetings the person took part in, most recent first.
    #[graphql(complexity = "connection::cost(first, last, child_complexity)")]
    async fn meetings(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "How many items from the start, or after `after`: 0 to 100, default 20. Not with `last`."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "Items after this cursor (an edge's `cursor` or `pageInfo.endCursor` of this list)."
        )]
        after: Option<String>,
        #[graphql(
            desc = "How many items from the end, or before `before`: 0 to 100, default 20. Not with `first`."
        )]
        last: Option<i32>,
        #[graphql(
            desc = "Items before this cursor (an edge's `cursor` or `pageInfo.startCursor` of this list). Not with `after`."
        )]
        before: Option<String>,
    ) -> async_graphql::Result<MeetingConnection> {
        let request = connection::page::<MeetingKey>(first, after, last, before)?;
        Meeting::connection_under(ctx, MeetingParent::Participant, self.0.id, request).await
    }

    /// What the person said, newest first, in articles the reader may see.
    #[graphql(complexity = "connection::cost(first, last, child_complexity)")]
    async fn quotes(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "How many items from the start, or after `after`: 0 to 100, default 20. Not with `last`."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "Items after this cursor (an edge's `cursor` or `pageInfo.endCursor` of this list)."
        )]
        after: Option<String>,
        #[graphql(
            desc = "How many items from the end, or before `before`: 0 to 100, default 20. Not with `first`."
        )]
        last: Option<i32>,
        #[graphql(
            desc = "Items before this cursor (an edge's `cursor` or `pageInfo.startCursor` of this list). Not with `after`."
        )]
        before: Option<String>,
    ) -> async_graphql::Result<QuoteConnection> {
        let request = connection::page::<QuoteKey>(first, after, last, before)?;
        let page = ctx
            .loaders()
            .load_one(QuotesBy::new((), self.0.id, request))
            .await?
            .unwrap_or_else(Page::empty);
        let total = TotalCount::batched(QuoteCountBy::new((), self.0.id, ()));
        Ok(QuoteConnection::new(
            connection::edges(page, |q| QuoteKey { id: q.id }, Quote::new),
            total,
        ))
    }

    /// Articles mentioning or quoting the person, newest first.
    #[graphql(complexity = "connection::cost(first, last, child_complexity)")]
    async fn articles(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "How many items from the start, or after `after`: 0 to 100, default 20. Not with `last`."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "Items after this cursor (an edge's `cursor` or `pageInfo.endCursor` of this list)."
        )]
        after: Option<String>,
        #[graphql(
            desc = "How many items from the end, or before `before`: 0 to 100, default 20. Not with `first`."
        )]
        last: Option<i32>,
        #[graphql(
            desc = "Items before this cursor (an edge's `cursor` or `pageInfo.startCursor` of this list). Not with `after`."
        )]
        before: Option<String>,
        #[graphql(
            desc = "Order by publication time; default NEWEST_FIRST, the latest news at the top."
        )]
        order_by: Option<ArticleOrderBy>,
    ) -> async_graphql::Result<ArticleConnection> {
        let request = connection::page::<ArticleKey>(first, after, last, before)?;
        Article::connection_under(
            ctx,
            ArticleParent::Participant,
            self.0.id,
            ArticleFilter::default(),
            order_by.unwrap_or_default().into(),
            request,
        )
        .await
    }
}

/// A person's place in an organisation, seen from the person.
#[derive(async_graphql::SimpleObject, Clone)]
pub struct ParticipantMembership {
    /// The organisation.
    pub organization: super::organization::Organization,
    /// What the person is there, e.g. chair of the council; null when not recorded.
    pub role: Option<String>,
}

/// Narrows a list of people; fields combine with AND.
#[derive(InputObject, Default, Clone)]
pub struct ParticipantFilterInput {
    /// The start of a name, in any of its languages.
    pub name_prefix: Option<String>,
    /// Associated with this region (global id).
    pub region_id: Option<ID>,
    /// Associated with this region (ISO code such as "KZ-43").
    pub region_code: Option<String>,
}

/// Root fields for people.
#[derive(Default)]
pub struct ParticipantQuery;

#[Object]
impl ParticipantQuery {
    /// One person by global `id` or by `slug`; null when there is no such person.
    async fn participant(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the person. Give `id` or `slug`, not both.")] id: Option<ID>,
        #[graphql(desc = "The person's slug. Give `id` or `slug`, not both.")] slug: Option<String>,
    ) -> async_graphql::Result<Option<Participant>> {
        let found = match (id, slug) {
            (Some(id), None) => {
                store::participants::find(
                    ctx.db(),
                    ids::decode_as(&id, NodeKind::Participant, "id")?,
                )
                .await?
            }
            (None, Some(slug)) => store::participants::find_by_slug(ctx.db(), &slug).await?,
            _ => return Err(AppError::bad_input("id", "give exactly one of id or slug").into()),
        };
        Ok(found.map(Participant::new))
    }

    /// People, ordered by their Russian names.
    #[graphql(complexity = "connection::cost(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn participants(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "How many items from the start, or after `after`: 0 to 100, default 20. Not with `last`."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "Items after this cursor (an edge's `cursor` or `pageInfo.endCursor` of this list)."
        )]
        after: Option<String>,
        #[graphql(
            desc = "How many items from the end, or before `before`: 0 to 100, default 20. Not with `first`."
        )]
        last: Option<i32>,
        #[graphql(
            desc = "Items before this cursor (an edge's `cursor` or `pageInfo.startCursor` of this list). Not with `after`."
        )]
        before: Option<String>,
        #[graphql(
            desc = "Which people to list; every field is optional and the fields combine with AND."
        )]
        filter: Option<ParticipantFilterInput>,
        #[graphql(desc = "Only those changed at or after this moment (their `updatedAt`).")]
        updated_since: Option<chrono::DateTime<chrono::Utc>>,
    ) -> async_graphql::Result<ParticipantConnection> {
        let request = connection::page::<ParticipantKey>(first, after, last, before)?;
        let input = filter.unwrap_or_default();
        let region_id =
            super::region::filter_region(ctx, input.region_id, input.region_code).await?;
        let filter = ParticipantFilter {
            name_prefix: input.name_prefix,
            region_id,
            updated_since,
        };
        let db = ctx.db().clone();
        let page = store::participants::list(&db, &filter, &request).await?;
        let total = TotalCount::new(move || {
            let (db, filter) = (db.clone(), filter.clone());
            async move { store::participants::count(&db, &filter).await }.boxed()
        });
        Ok(ParticipantConnection::new(
            connection::edges(page, ParticipantKey::of, Participant::new),
            total,
        ))
    }
}
