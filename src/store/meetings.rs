//! Reading meetings, their agenda and who took part.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, IdenStatic, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Select, Value,
    sea_query::{Expr, ExprTrait, Order, SelectStatement},
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    children::{self, ParentLink},
    page::{self, CursorKey, KeyOrder, Page, PageRequest},
    tree,
};
use crate::{
    domain::MeetingKind,
    entity::{agenda_item, meeting, meeting_participant, participant},
    error::AppResult,
};

/// What a list of meetings may be narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct MeetingFilter {
    pub region_id: Option<Uuid>,
    pub held_from: Option<NaiveDate>,
    pub held_to: Option<NaiveDate>,
    pub kind: Option<MeetingKind>,
    pub participant_id: Option<Uuid>,
    /// Held by this organisation or one within it.
    pub organization_id: Option<Uuid>,
    /// Changed at or after this moment.
    pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
}

/// The keyset of meeting lists: the day held (newest first), then id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MeetingKey {
    pub on: NaiveDate,
    pub id: Uuid,
}

impl CursorKey for MeetingKey {
    const KIND: &'static str = "meeting";

    fn values(&self) -> (Value, Value) {
        (self.on.into(), self.id.into())
    }
}

impl MeetingKey {
    pub fn of(meeting: &meeting::Model) -> Self {
        MeetingKey {
            on: meeting.held_on,
            id: meeting.id,
        }
    }
}

fn filtered(filter: &MeetingFilter) -> Select<meeting::Entity> {
    let mut select = meeting::Entity::find();
    if let Some(region) = filter.region_id {
        select = select.filter(meeting::Column::RegionId.eq(region));
    }
    if let Some(from) = filter.held_from {
        select = select.filter(meeting::Column::HeldOn.gte(from));
    }
    if let Some(to) = filter.held_to {
        select = select.filter(meeting::Column::HeldOn.lte(to));
    }
    if let Some(kind) = filter.kind {
        select = select.filter(meeting::Column::Kind.eq(kind));
    }
    if let Some(since) = filter.updated_since {
        select = select.filter(meeting::Column::UpdatedAt.gte(since));
    }
    if let Some(org) = filter.organization_id {
        select = select.filter(super::organizations::in_subtree(
            "meetings",
            "organization_id",
            org,
        ));
    }
    if let Some(person) = filter.participant_id {
        let attended = meeting_participant::Entity::find()
            .select_only()
            .column(meeting_participant::Column::MeetingId)
            .filter(meeting_participant::Column::ParticipantId.eq(person))
            .into_query();
        select = select.filter(meeting::Column::Id.in_subquery(attended));
    }
    select
}

/// Meetings newest first: by the day held, then id.
const ORDER: KeyOrder<meeting::Column, meeting::Column> = KeyOrder {
    columns: (meeting::Column::HeldOn, meeting::Column::Id),
    descending: true,
};

/// One page of meetings, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &MeetingFilter,
    request: &PageRequest<MeetingKey>,
) -> AppResult<Page<meeting::Model>> {
    page::fetch(db, filtered(filter), ORDER, request).await
}

/// How many meetings match `filter`.
pub async fn count(db: &impl ConnectionTrait, filter: &MeetingFilter) -> AppResult<u64> {
    Ok(filtered(filter).count(db).await?)
}

/// What a list of meetings can hang under, for many parents of one kind at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeetingParent {
    Region,
    /// Meetings the person took part in.
    Participant,
    /// Meetings the organisation itself held.
    Organization,
}

impl MeetingParent {
    fn link(self) -> ParentLink {
        match self {
            MeetingParent::Region => ParentLink::Column("region_id"),
            MeetingParent::Organization => ParentLink::Column("organization_id"),
            MeetingParent::Participant => {
                ParentLink::Links(&[("meeting_participants", "meeting_id", "participant_id")])
            }
        }
    }
}

/// The page of meetings under each of `parents`, narrowed by `filter`, in one
/// statement.
pub async fn pages_under(
    db: &impl ConnectionTrait,
    parent: MeetingParent,
    parents: &[Uuid],
    filter: &MeetingFilter,
    request: &PageRequest<MeetingKey>,
) -> AppResult<HashMap<Uuid, Page<meeting::Model>>> {
    children::pages(db, filtered(filter), parent.link(), ORDER, parents, request).await
}

/// How many meetings each of `parents` has, narrowed by `filter`, in one statement.
pub async fn counts_under(
    db: &impl ConnectionTrait,
    parent: MeetingParent,
    parents: &[Uuid],
    filter: &MeetingFilter,
) -> AppResult<HashMap<Uuid, u64>> {
    children::counts(db, filtered(filter), parent.link(), parents).await
}

/// The meetings under the row `parent_id` names, narrowed by `filter`, as a level of
/// a [`tree`](super::tree) read: the first `size` of the page [`pages_under`] reads.
pub fn tree_under(
    parent: MeetingParent,
    parent_id: Expr,
    filter: &MeetingFilter,
    size: u64,
) -> tree::Rows {
    children::tree_rows(filtered(filter), parent.link(), ORDER, parent_id, size)
}

/// The meetings [`counts_under`] counts for the row `parent_id` names.
pub fn tree_count_under(
    parent: MeetingParent,
    parent_id: Expr,
    filter: &MeetingFilter,
) -> SelectStatement {
    children::tree_count(filtered(filter), parent.link(), parent_id)
}

/// Who took part in the meeting `meeting` names, in the order [`participants`]
/// gives, as a level of a [`tree`](super::tree) read (one row per person, whose
/// own row is a level below, through `participant_id`).
pub fn tree_attendees(meeting: Expr) -> tree::Rows {
    let select = meeting_participant::Entity::find()
        .filter(Expr::col(meeting_participant::Column::MeetingId).eq(meeting))
        .into_query();
    tree::Rows {
        select,
        order: vec![
            (meeting_participant::Column::SortOrder.as_str(), Order::Asc),
            (
                meeting_participant::Column::ParticipantId.as_str(),
                Order::Asc,
            ),
        ],
    }
}

/// A meeting by id.
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> AppResult<Option<meeting::Model>> {
    Ok(meeting::Entity::find_by_id(id).one(db).await?)
}

/// A meeting by slug.
pub async fn find_by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> AppResult<Option<meeting::Model>> {
    Ok(with_slug(slug).one(db).await?)
}

fn with_slug(slug: &str) -> Select<meeting::Entity> {
    meeting::Entity::find().filter(meeting::Column::Slug.eq(crate::domain::slug::normalize(slug)))
}

/// The meeting `slug` names ([`find_by_slug`]'s), as the root of a
/// [`tree`](super::tree) read.
pub fn tree_by_slug(slug: &str) -> tree::Rows {
    tree::Rows {
        select: with_slug(slug).into_query(),
        order: Vec::new(),
    }
}

/// Meetings by id.
pub async fn by_ids(db: &impl ConnectionTrait, ids: &[Uuid]) -> AppResult<Vec<meeting::Model>> {
    Ok(meeting::Entity::find()
        .filter(meeting::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}

/// The agenda of each of `meetings`, in order.
pub async fn agenda(
    db: &impl ConnectionTrait,
    meetings: &[Uuid],
) -> AppResult<Vec<agenda_item::Model>> {
    Ok(agenda_item::Entity::find()
        .filter(agenda_item::Column::MeetingId.is_in(meetings.iter().copied()))
        .order_by_asc(agenda_item::Column::MeetingId)
        .order_by_asc(agenda_item::Column::Position)
        .all(db)
        .await?)
}

/// Who took part in each of `meetings`, in the recorded order, with the person.
pub async fn participants(
    db: &impl ConnectionTrait,
    meetings: &[Uuid],
) -> AppResult<Vec<(meeting_participant::Model, participant::Model)>> {
    let rows = meeting_participant::Entity::find()
        .find_also_related(participant::Entity)
        .filter(meeting_participant::Column::MeetingId.is_in(meetings.iter().copied()))
        .order_by_asc(meeting_participant::Column::SortOrder)
        .order_by_asc(meeting_participant::Column::ParticipantId)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(link, person)| person.map(|p| (link, p)))
        .collect())
}
