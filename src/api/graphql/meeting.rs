//! Meetings: sessions of councils, hearings, briefings, receptions of citizens.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use futures_util::FutureExt;

use super::image::Image;
use super::{
    article::{Article, ArticleConnection, ArticleOrderBy},
    connection::{self, TotalCount, connection},
    context::ContextExt,
    ids::{self, NodeKind},
    names::NamesIn,
    participant::Participant,
    position::Position,
    region::Region,
    scalars::Date,
};
use crate::store::loaders::children::{MeetingCountUnder, MeetingList, MeetingsUnder};
use crate::store::loaders::{AgendaOf, AttendeesOf, PositionById, RegionById};
use crate::store::{articles::ArticleParent, meetings::MeetingParent, page::Page};
use crate::{
    domain::{Language, MeetingKind, MeetingRole},
    entity::{agenda_item, meeting},
    error::AppError,
    presentation::names::{
        agenda_description, agenda_title, meeting_body, meeting_title, meeting_venue, position_then,
    },
    store::{
        self,
        articles::{ArticleFilter, ArticleKey},
        meetings::{MeetingFilter, MeetingKey},
        page::PageRequest,
    },
};

/// A meeting of a standing body or with the public.
#[derive(Clone)]
pub struct Meeting(pub meeting::Model, pub NamesIn);

impl Meeting {
    /// A meeting whose names follow the request's language.
    pub fn new(row: meeting::Model) -> Self {
        Self(row, NamesIn::default())
    }
}

connection!(MeetingConnection, MeetingEdge, Meeting, "meetings");

/// One item of a meeting's agenda, and the language its texts default to.
#[derive(Clone)]
pub struct AgendaItem(pub agenda_item::Model, pub NamesIn);

/// One item of a meeting's agenda.
#[Object]
impl AgendaItem {
    /// Order on the agenda, from 0.
    async fn position(&self) -> i32 {
        self.0.position
    }

    /// What was discussed, in `lang` with the fallbacks of names.
    async fn title(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language wanted; default: the request's `Accept-Language`, else RU. Kazakh falls back to Russian then English, Russian to English, English to Russian."
        )]
        lang: Option<Language>,
    ) -> String {
        agenda_title(&self.0, self.1.pick(lang, ctx)).to_owned()
    }

    /// The title in Russian, as recorded.
    async fn title_ru(&self) -> &str {
        &self.0.title
    }

    /// The title in Kazakh, if recorded.
    async fn title_kk(&self) -> Option<&str> {
        self.0.title_kk.as_deref()
    }

    /// The title in English, if recorded.
    async fn title_en(&self) -> Option<&str> {
        self.0.title_en.as_deref()
    }

    /// More about it, in `lang` with the fallbacks of names; null when there is no
    /// description in any language.
    async fn description(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language wanted; default: the request's `Accept-Language`, else RU. Kazakh falls back to Russian then English, Russian to English, English to Russian."
        )]
        lang: Option<Language>,
    ) -> Option<String> {
        agenda_description(&self.0, self.1.pick(lang, ctx)).map(str::to_owned)
    }

    /// The description in Russian, if recorded.
    async fn description_ru(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// The description in Kazakh, if recorded.
    async fn description_kk(&self) -> Option<&str> {
        self.0.description_kk.as_deref()
    }

    /// The description in English, if recorded.
    async fn description_en(&self) -> Option<&str> {
        self.0.description_en.as_deref()
    }
}

/// A person's part in a meeting.
#[derive(SimpleObject, Clone)]
pub struct MeetingParticipant {
    /// The person.
    pub participant: Participant,
    /// Chair, member, speaker or guest.
    pub role: MeetingRole,
    /// The position the person held at the meeting's time: as recorded in text for
    /// this meeting, else the title of `heldPosition` in the meeting's language.
    pub position: Option<String>,
    /// Which of the person's positions they held on the meeting's day; null when
    /// none is recorded for that day.
    pub held_position: Option<Position>,
    /// Whether the editors chose `heldPosition` (`positionId` in
    /// `setMeetingParticipants`): a chosen position stays when the meeting moves to
    /// another day, any other follows the day.
    pub position_chosen: bool,
}

/// A meeting of a standing body (such as the advisory council of a regional police
/// department) or with the public (a hearing, a briefing, a reception of citizens):
/// when and where it was held, its agenda, who took part, and the articles covering it.
#[Object]
impl Meeting {
    /// Global id of the meeting, for `node(id:)` and the `meetingId` arguments.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Meeting, self.0.id)
    }

    /// When the meeting last changed (its agenda and people included); lists take `updatedSince` to ask for what changed since a moment.
    async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.updated_at
    }

    /// URL-safe name (lowercase latin letters, digits and hyphens), unique among
    /// meetings; `meeting(slug:)` finds the meeting by it.
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// What the meeting was, as a headline would name it, in `lang` with the
    /// fallbacks of names.
    async fn title(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language wanted; default: the request's `Accept-Language`, else RU. Kazakh falls back to Russian then English, Russian to English, English to Russian."
        )]
        lang: Option<Language>,
    ) -> String {
        meeting_title(&self.0, self.1.pick(lang, ctx)).to_owned()
    }

    /// The title in Russian, as recorded.
    async fn title_ru(&self) -> &str {
        &self.0.title
    }

    /// The title in Kazakh, if recorded.
    async fn title_kk(&self) -> Option<&str> {
        self.0.title_kk.as_deref()
    }

    /// The title in English, if recorded.
    async fn title_en(&self) -> Option<&str> {
        self.0.title_en.as_deref()
    }

    /// The body that met, e.g. the advisory council of a regional police department,
    /// in `lang` with the fallbacks of names.
    async fn body(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language wanted; default: the request's `Accept-Language`, else RU. Kazakh falls back to Russian then English, Russian to English, English to Russian."
        )]
        lang: Option<Language>,
    ) -> String {
        meeting_body(&self.0, self.1.pick(lang, ctx)).to_owned()
    }

    /// The body that met, in Russian, as recorded.
    async fn body_ru(&self) -> &str {
        &self.0.body
    }

    /// The body that met, in Kazakh, if recorded.
    async fn body_kk(&self) -> Option<&str> {
        self.0.body_kk.as_deref()
    }

    /// The body that met, in English, if recorded.
    async fn body_en(&self) -> Option<&str> {
        self.0.body_en.as_deref()
    }

    /// What sort of meeting.
    async fn kind(&self) -> MeetingKind {
        self.0.kind
    }

    /// The day it was held (a date without a time).
    async fn held_on(&self) -> Date {
        Date(self.0.held_on)
    }

    /// Where it was held, e.g. the building or hall, in `lang` with the fallbacks of
    /// names; null when not recorded in any language.
    async fn venue(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language wanted; default: the request's `Accept-Language`, else RU. Kazakh falls back to Russian then English, Russian to English, English to Russian."
        )]
        lang: Option<Language>,
    ) -> Option<String> {
        meeting_venue(&self.0, self.1.pick(lang, ctx)).map(str::to_owned)
    }

    /// The venue in Russian, if recorded.
    async fn venue_ru(&self) -> Option<&str> {
        self.0.venue.as_deref()
    }

    /// The venue in Kazakh, if recorded.
    async fn venue_kk(&self) -> Option<&str> {
        self.0.venue_kk.as_deref()
    }

    /// The venue in English, if recorded.
    async fn venue_en(&self) -> Option<&str> {
        self.0.venue_en.as_deref()
    }

    /// Who recorded the meeting (staff only; null for others).
    async fn created_by(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<super::user::User>> {
        super::article::audit_user(ctx, self.0.created_by).await
    }

    /// Who last changed the meeting (staff only; null for others).
    async fn updated_by(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<super::user::User>> {
        super::article::audit_user(ctx, self.0.updated_by).await
    }

    /// An uploaded photo of the meeting; null when it has none.
    async fn photo(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Image>> {
        super::image::photo(ctx, self.0.photo_media_id).await
    }

    /// The region it was held in.
    async fn region(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Region>> {
        Ok(ctx
            .loaders()
            .load_one(RegionById(self.0.region_id))
            .await?
            .map(|row| Region(row, self.1)))
    }

    /// The organisation that held it; null when not recorded.
    async fn organization(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<super::organization::Organization>> {
        let Some(id) = self.0.organization_id else {
            return Ok(None);
        };
        Ok(ctx
            .loaders()
            .load_one(crate::store::loaders::OrganizationById(id))
            .await?
            .map(|row| super::organization::Organization(row, self.1)))
    }

    /// The agenda, in order; empty when none was recorded.
    async fn agenda(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<AgendaItem>> {
        let items = ctx
            .loaders()
            .load_one(AgendaOf(self.0.id))
            .await?
            .unwrap_or_default();
        Ok(items.into_iter().map(|i| AgendaItem(i, self.1)).collect())
    }

    /// Who took part, in the recorded order, each with their role and the position
    /// they held then.
    async fn participants(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<MeetingParticipant>> {
        let rows = ctx
            .loaders()
            .load_one(AttendeesOf(self.0.id))
            .await?
            .unwrap_or_default();
        let positions = ctx
            .loaders()
            .load_many(
                rows.iter()
                    .filter_map(|(link, _)| link.position_id)
                    .map(PositionById),
            )
            .await?;
        let lang = self.1.pick(None, ctx);
        Ok(rows
            .into_iter()
            .map(|(link, person)| {
                let held = link
                    .position_id
                    .and_then(|id| positions.get(&PositionById(id)).cloned());
                MeetingParticipant {
                    participant: Participant(person, self.1),
                    role: link.role,
                    position: position_then(link.position.as_deref(), held.as_ref(), lang)
                        .map(str::to_owned),
                    held_position: held.map(|p| Position(p, self.1)),
                    position_chosen: link.position_chosen,
                }
            })
            .collect())
    }

    /// Articles covering the meeting, newest first.
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
            ArticleParent::Meeting,
            self.0.id,
            ArticleFilter::default(),
            order_by.unwrap_or_default().into(),
            request,
        )
        .await
    }
}

/// Narrows a list of meetings; fields combine with AND.
#[derive(InputObject, Default, Clone)]
pub struct MeetingFilterInput {
    /// Held in this region (global id).
    pub region_id: Option<ID>,
    /// Held in this region (ISO code such as "KZ-43").
    pub region_code: Option<String>,
    /// Held on or after this day.
    pub held_from: Option<Date>,
    /// Held on or before this day.
    pub held_to: Option<Date>,
    /// Of this kind.
    pub kind: Option<MeetingKind>,
    /// With this person taking part.
    pub participant_id: Option<ID>,
    /// Held by this organisation or by one within it (its divisions, at any
    /// depth); global id.
    pub organization_id: Option<ID>,
    /// As `organizationId`, by the organisation's slug.
    pub organization: Option<String>,
}

impl MeetingFilterInput {
    async fn resolve(self, ctx: &Context<'_>) -> async_graphql::Result<MeetingFilter> {
        let region_id = super::region::filter_region(ctx, self.region_id, self.region_code).await?;
        let organization_id = super::organization::filter_organization(
            ctx,
            self.organization_id,
            self.organization,
            "filter.organizationId",
            "filter.organization",
        )
        .await?;
        Ok(MeetingFilter {
            organization_id,
            region_id,
            held_from: self.held_from.map(|d| d.0),
            held_to: self.held_to.map(|d| d.0),
            kind: self.kind,
            participant_id: self
                .participant_id
                .map(|id| ids::decode_as(&id, NodeKind::Participant, "filter.participantId"))
                .transpose()?,
            updated_since: None,
        })
    }
}

impl Meeting {
    /// A page of the meetings matching `filter`.
    pub async fn connection(
        ctx: &Context<'_>,
        filter: MeetingFilter,
        request: &PageRequest<MeetingKey>,
    ) -> async_graphql::Result<MeetingConnection> {
        let db = ctx.db().clone();
        let page = store::meetings::list(&db, &filter, request).await?;
        let total = TotalCount::new(move || {
            let (db, filter) = (db.clone(), filter.clone());
            async move { store::meetings::count(&db, &filter).await }.boxed()
        });
        Ok(MeetingConnection::new(
            connection::edges(page, MeetingKey::of, Meeting::new),
            total,
        ))
    }

    /// A page of the meetings under `parent`: the pages of every parent that asks
    /// alike are read together.
    pub async fn connection_under(
        ctx: &Context<'_>,
        kind: MeetingParent,
        parent: uuid::Uuid,
        request: PageRequest<MeetingKey>,
    ) -> async_graphql::Result<MeetingConnection> {
        let filter = MeetingFilter::default();
        let list = MeetingList {
            filter: filter.clone(),
            request,
        };
        let page = ctx
            .loaders()
            .load_one(MeetingsUnder::new(kind, parent, list))
            .await?
            .unwrap_or_else(Page::empty);
        let total = TotalCount::batched(MeetingCountUnder::new(kind, parent, filter));
        Ok(MeetingConnection::new(
            connection::edges(page, MeetingKey::of, Meeting::new),
            total,
        ))
    }
}

/// Root fields for meetings.
#[derive(Default)]
pub struct MeetingQuery;

#[Object]
impl MeetingQuery {
    /// One meeting by global `id` or by `slug`; null when there is no such meeting.
    async fn meeting(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Global id of the meeting, as its `id` field gives it. Give `id` or `slug`, not both."
        )]
        id: Option<ID>,
        #[graphql(
            desc = "The meeting's slug, as its `slug` field gives it. Give `id` or `slug`, not both."
        )]
        slug: Option<String>,
    ) -> async_graphql::Result<Option<Meeting>> {
        let found = match (id, slug) {
            (Some(id), None) => {
                store::meetings::find(ctx.db(), ids::decode_as(&id, NodeKind::Meeting, "id")?)
                    .await?
            }
            (None, Some(slug)) => store::meetings::find_by_slug(ctx.db(), &slug).await?,
            _ => return Err(AppError::bad_input("id", "give exactly one of id or slug").into()),
        };
        Ok(found.map(Meeting::new))
    }

    /// Meetings, the most recently held first.
    #[graphql(complexity = "connection::cost(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
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
        #[graphql(
            desc = "Which meetings to list; every field is optional and the fields combine with AND."
        )]
        filter: Option<MeetingFilterInput>,
        #[graphql(desc = "Only those changed at or after this moment (their `updatedAt`).")]
        updated_since: Option<chrono::DateTime<chrono::Utc>>,
    ) -> async_graphql::Result<MeetingConnection> {
        let request = connection::page::<MeetingKey>(first, after, last, before)?;
        let mut filter = filter.unwrap_or_default().resolve(ctx).await?;
        filter.updated_since = updated_since;
        Meeting::connection(ctx, filter, &request).await
    }
}
