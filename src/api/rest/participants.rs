//! `/participants`: the people who took part in meetings or are quoted.

use std::collections::HashMap;

use axum::{Json, extract::State, http::HeaderMap};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::refs::{MeetingRef, RegionRef, list_of};
use crate::api::resolve;
use crate::http::{
    extract::{PathParam, Query},
    lang::negotiate,
};
use crate::{
    domain::{
        Language, MeetingRole,
        cache_tags::{CacheTag, TagSet},
    },
    entity::{participant, region},
    error::AppResult,
    http::cache::{CachePolicy, Cached},
    presentation::parts::person_name,
    state::AppState,
    store::{
        self,
        meetings::{MeetingFilter, MeetingKey},
        page::PageRequest,
        participants::{ParticipantFilter, ParticipantKey},
    },
};

/// How many of a person's meetings their detail lists.
const MEETINGS_SHOWN: u64 = 20;

/// A person: an official, a council member, a citizen who spoke.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Participant {
    pub id: Uuid,
    pub slug: String,
    /// The name in the answer's language, falling back Kazakh → Russian → English,
    /// Russian → English, English → Russian.
    pub full_name: String,
    pub full_name_ru: String,
    pub full_name_kk: Option<String>,
    pub full_name_en: Option<String>,
    /// The current position.
    pub position: Option<String>,
    /// The current organisation.
    pub organization: Option<String>,
    /// Honours, e.g. honorary citizen of a region.
    pub honours: Vec<String>,
    /// The region the person is associated with.
    pub region: Option<RegionRef>,
    /// When it last changed; the list takes `updated_since` to ask for what changed since a moment.
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// A meeting a person took part in, and their part in it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ParticipantMeeting {
    pub meeting: MeetingRef,
    pub role: MeetingRole,
    /// The position held at the meeting's time.
    pub position: Option<String>,
}

/// A person with the meetings they took part in.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ParticipantDetail {
    pub id: Uuid,
    pub slug: String,
    /// The name in the answer's language, falling back as in the list.
    pub full_name: String,
    pub full_name_ru: String,
    pub full_name_kk: Option<String>,
    pub full_name_en: Option<String>,
    /// The current position.
    pub position: Option<String>,
    /// The current organisation.
    pub organization: Option<String>,
    /// Honours, e.g. honorary citizen of a region.
    pub honours: Vec<String>,
    /// The region the person is associated with.
    pub region: Option<RegionRef>,
    /// When it last changed; the list takes `updated_since` to ask for what changed since a moment.
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// Their most recent meetings (at most 20).
    pub meetings: Vec<ParticipantMeeting>,
}

list_of!(
    /// A page of people, by Russian name.
    ParticipantList,
    Participant
);

/// Filters and paging of the people list; filters combine with AND.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ParticipantParams {
    /// The start of a name, in any of its languages.
    name: Option<String>,
    /// Associated with this region: its slug or ISO code.
    region: Option<String>,
    /// Changed at or after this moment (their `updatedAt`): an RFC 3339 time, or a date (its start, UTC).
    #[param(value_type = Option<String>, example = "2026-11-25T00:00:00Z")]
    updated_since: Option<crate::api::resolve::Moment>,
    /// The language of `fullName` and region names (default: `Accept-Language`, else `ru`).
    lang: Option<Language>,
    /// Page size, 0 to 100 (default 20).
    #[param(minimum = 0, maximum = 100, default = 20)]
    limit: Option<i64>,
    /// `nextCursor` of the previous page.
    cursor: Option<String>,
}

/// The language of names in one person's answer.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ParticipantLang {
    /// The language of `fullName` and region names (default: `Accept-Language`, else `ru`).
    lang: Option<Language>,
}

pub(crate) fn dto(
    person: &participant::Model,
    regions: &HashMap<Uuid, region::Model>,
    lang: Language,
) -> Participant {
    Participant {
        id: person.id,
        slug: person.slug.clone(),
        full_name: person_name(person, lang).to_owned(),
        full_name_ru: person.full_name_ru.clone(),
        full_name_kk: person.full_name_kk.clone(),
        full_name_en: person.full_name_en.clone(),
        position: person.position.clone(),
        organization: person.organization.clone(),
        honours: serde_json::from_value(person.honours.clone()).unwrap_or_default(),
        region: person
            .region_id
            .and_then(|id| regions.get(&id))
            .map(|r| RegionRef::new(r, lang)),
        updated_at: person.updated_at,
    }
}

/// People, by Russian name.
#[utoipa::path(get, path = "/participants", operation_id = "listParticipants", tag = "participants",
    params(ParticipantParams),
    responses(
        (status = 200, description = "A page of people", body = ParticipantList,
            headers(("Vary" = String, description = "`Accept-Language` when `lang` is not given"))),
        crate::api::responses::ListRead,
    ))]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<ParticipantParams>,
) -> AppResult<Cached<Json<ParticipantList>>> {
    let request = PageRequest::<ParticipantKey>::from_rest(params.limit, params.cursor.as_deref())?;
    let lang = negotiate(params.lang, &headers);
    let filter = ParticipantFilter {
        region_id: resolve::region_id(&state, params.region.as_deref()).await?,
        name_prefix: params.name,
        updated_since: params.updated_since.map(|m| m.0),
    };
    let db = state.read_conn();
    let page = store::participants::list(db, &filter, &request).await?;
    let regions =
        store::regions::keyed_by_id(db, page.items.iter().filter_map(|p| p.region_id)).await?;
    let tags: TagSet = page
        .items
        .iter()
        .map(|p| CacheTag::participant(p.id))
        .chain([CacheTag::participant_list()])
        .collect();
    let list = ParticipantList::of(&page, ParticipantKey::of, |p| dto(p, &regions, lang.lang));
    Ok(Cached::new(CachePolicy::List, Json(list))
        .vary_language(lang.from_header)
        .tags(tags))
}

/// One person by id or slug, with their most recent meetings.
#[utoipa::path(get, path = "/participants/{idOrSlug}", operation_id = "getParticipant", tag = "participants",
    params(
        ("idOrSlug" = String, Path, description = "The person's id (a UUID or its GraphQL global id) or slug"),
        ParticipantLang,
    ),
    responses(
        (status = 200, description = "The person", body = ParticipantDetail,
            headers(("Vary" = String, description = "`Accept-Language` when `lang` is not given"))),
        crate::api::responses::NamedRead,
    ))]
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(raw): PathParam,
    Query(params): Query<ParticipantLang>,
) -> AppResult<Cached<Json<ParticipantDetail>>> {
    let lang = negotiate(params.lang, &headers);
    let person = resolve::participant(&state, &raw).await?;
    let filter = MeetingFilter {
        participant_id: Some(person.id),
        ..MeetingFilter::default()
    };
    let request = PageRequest::<MeetingKey>::first(MEETINGS_SHOWN);
    let (regions, meetings) = tokio::try_join!(
        store::regions::keyed_by_id(state.read_conn(), person.region_id),
        store::meetings::list(state.read_conn(), &filter, &request),
    )?;
    let meeting_ids: Vec<Uuid> = meetings.items.iter().map(|m| m.id).collect();
    // Their meetings are a list that a new meeting with them joins.
    let tags: TagSet = meeting_ids
        .iter()
        .map(|id| CacheTag::meeting(*id))
        .chain([CacheTag::participant(person.id), CacheTag::meeting_list()])
        .collect();
    let parts: HashMap<Uuid, (MeetingRole, Option<String>)> =
        store::meetings::participants(state.read_conn(), &meeting_ids)
            .await?
            .into_iter()
            .filter(|(link, _)| link.participant_id == person.id)
            .map(|(link, _)| (link.meeting_id, (link.role, link.position)))
            .collect();
    let meetings = meetings
        .items
        .iter()
        .filter_map(|m| {
            let (role, position) = parts.get(&m.id)?.clone();
            Some(ParticipantMeeting {
                meeting: MeetingRef::new(m, lang.lang),
                role,
                position,
            })
        })
        .collect();
    let p = dto(&person, &regions, lang.lang);
    let detail = ParticipantDetail {
        id: p.id,
        slug: p.slug,
        full_name: p.full_name,
        full_name_ru: p.full_name_ru,
        full_name_kk: p.full_name_kk,
        full_name_en: p.full_name_en,
        position: p.position,
        organization: p.organization,
        honours: p.honours,
        region: p.region,
        updated_at: p.updated_at,
        meetings,
    };
    Ok(Cached::new(CachePolicy::Item, Json(detail))
        .vary_language(lang.from_header)
        .tags(tags))
}
