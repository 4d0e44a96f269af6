//! `/participants`: the people who took part in meetings or are quoted.

use std::collections::HashMap;

use axum::{Json, extract::State, http::HeaderMap};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use chrono::NaiveDate;

use super::refs::{Image, MeetingRef, OrganizationRef, RegionRef, list_of};
use crate::api::resolve;
use crate::http::{
    extract::{PathParam, Query},
    lang::negotiate,
};
use crate::{
    domain::{
        Language, MeetingRole,
        cache_tags::{CacheTag, TagSet},
        tenure,
    },
    entity::{
        meeting_participant, organization, participant, participant_honour, participant_position,
        region,
    },
    error::AppResult,
    http::cache::{CachePolicy, Cached},
    presentation::{
        names::{honour_title, position_then, position_title},
        parts::person_name,
        pictures::Photos,
    },
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
    /// An uploaded photo of the person, as articles' pictures are shown.
    pub photo: Option<Image>,
    /// When it last changed; the list takes `updated_since` to ask for what changed since a moment.
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// A post a person held or holds.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Position {
    pub id: Uuid,
    /// The title in the answer's language, with the fallbacks of names.
    pub title: String,
    pub title_ru: String,
    pub title_kk: Option<String>,
    pub title_en: Option<String>,
    /// Where it is held.
    pub organization: Option<OrganizationRef>,
    /// The first day held; null when not recorded.
    pub from: Option<NaiveDate>,
    /// The last day held; null while held.
    pub to: Option<NaiveDate>,
}

/// An honour a person received.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Honour {
    /// The honour in the answer's language, with the fallbacks of names.
    pub title: String,
    pub title_ru: String,
    pub title_kk: Option<String>,
    pub title_en: Option<String>,
    /// The day awarded; null when not recorded.
    pub awarded_on: Option<NaiveDate>,
    /// The organisation that awarded it, when the portal lists it.
    pub awarded_by_organization: Option<OrganizationRef>,
    /// Who awarded it, as text.
    pub awarded_by: Option<String>,
}

/// A meeting a person took part in, and their part in it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ParticipantMeeting {
    pub meeting: MeetingRef,
    pub role: MeetingRole,
    /// The position held at the meeting's time: as recorded in text for that
    /// meeting, else the title of the position held on its day, in the answer's
    /// language.
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
    /// An uploaded photo of the person, as articles' pictures are shown.
    pub photo: Option<Image>,
    /// When it last changed; the list takes `updated_since` to ask for what changed since a moment.
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// Their most recent meetings (at most 20).
    pub meetings: Vec<ParticipantMeeting>,
    /// Every position held or holding, the current ones first.
    pub positions: Vec<Position>,
    /// The position held on the day `on` asks about; absent without `on`, null when
    /// none covers it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position_on: Option<Option<Position>>,
    /// Honours with their dates and who awarded them, in order.
    pub awards: Vec<Honour>,
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
    /// A day (`YYYY-MM-DD`): the answer's `positionOn` is the position held then.
    on: Option<NaiveDate>,
}

/// People's positions and honours, by person, with the organisations they name.
struct Careers {
    positions: HashMap<Uuid, Vec<participant_position::Model>>,
    honours: HashMap<Uuid, Vec<participant_honour::Model>>,
    organizations: HashMap<Uuid, organization::Model>,
}

impl Careers {
    /// Reads the careers of `people` in three statements whatever their number.
    async fn of(db: &impl sea_orm::ConnectionTrait, people: &[Uuid]) -> AppResult<Careers> {
        let (positions, honours) = tokio::try_join!(
            store::positions::of_people(db, people),
            store::positions::honours_of(db, people),
        )?;
        let orgs: Vec<Uuid> = positions
            .iter()
            .filter_map(|p| p.organization_id)
            .chain(honours.iter().filter_map(|h| h.awarded_by_organization_id))
            .collect();
        let organizations = store::organizations::by_ids(db, &orgs)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
        let mut careers = Careers {
            positions: HashMap::new(),
            honours: HashMap::new(),
            organizations,
        };
        for p in positions {
            careers
                .positions
                .entry(p.participant_id)
                .or_default()
                .push(p);
        }
        for h in honours {
            careers.honours.entry(h.participant_id).or_default().push(h);
        }
        Ok(careers)
    }

    fn position(&self, p: &participant_position::Model, lang: Language) -> Position {
        Position {
            id: p.id,
            title: position_title(p, lang).to_owned(),
            title_ru: p.title_ru.clone(),
            title_kk: p.title_kk.clone(),
            title_en: p.title_en.clone(),
            organization: p
                .organization_id
                .and_then(|id| self.organizations.get(&id))
                .map(|o| OrganizationRef::new(o, lang)),
            from: p.from_date,
            to: p.to_date,
        }
    }

    fn held_on(&self, person: Uuid, day: NaiveDate) -> Option<&participant_position::Model> {
        tenure::held_on(
            self.positions.get(&person).into_iter().flatten(),
            |p| store::positions::tenure(p),
            day,
        )
    }

    /// The current position's title and the honours' titles in `lang`, in place of
    /// the texts recorded on the person, as GraphQL gives them.
    fn localize(&self, dto: &mut Participant, today: NaiveDate, lang: Language) {
        if let Some(p) = self.held_on(dto.id, today) {
            dto.position = Some(position_title(p, lang).to_owned());
        }
        if let Some(list) = self.honours.get(&dto.id).filter(|l| !l.is_empty()) {
            dto.honours = list
                .iter()
                .map(|h| honour_title(h, lang).to_owned())
                .collect();
        }
    }
}

/// A person as lists show them, names in `lang`, their photo from `photos`.
pub(crate) fn dto(
    person: &participant::Model,
    regions: &HashMap<Uuid, region::Model>,
    photos: &Photos,
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
        photo: photos
            .image(person.photo_media_id, lang)
            .map(|p| Image::from(&p)),
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
    let (regions, photos) = tokio::try_join!(
        store::regions::keyed_by_id(db, page.items.iter().filter_map(|p| p.region_id)),
        super::photos(&state, page.items.iter().map(|p| p.photo_media_id)),
    )?;
    let tags: TagSet = page
        .items
        .iter()
        .map(|p| CacheTag::participant(p.id))
        .chain([CacheTag::participant_list()])
        .collect();
    let people: Vec<Uuid> = page.items.iter().map(|p| p.id).collect();
    let careers = Careers::of(db, &people).await?;
    let today = state.clock.now().date_naive();
    let list = ParticipantList::of(&page, ParticipantKey::of, |p| {
        let mut item = dto(p, &regions, &photos, lang.lang);
        careers.localize(&mut item, today, lang.lang);
        item
    });
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
    let photos = super::photos(
        &state,
        [person.photo_media_id]
            .into_iter()
            .chain(meetings.items.iter().map(|m| m.photo_media_id)),
    )
    .await?;
    let meeting_ids: Vec<Uuid> = meetings.items.iter().map(|m| m.id).collect();
    // Their meetings are a list that a new meeting with them joins.
    let mut tags: TagSet = meeting_ids
        .iter()
        .map(|id| CacheTag::meeting(*id))
        .chain([CacheTag::participant(person.id), CacheTag::meeting_list()])
        .collect();
    let parts: HashMap<Uuid, meeting_participant::Model> =
        store::meetings::participants(state.read_conn(), &meeting_ids)
            .await?
            .into_iter()
            .filter(|(link, _)| link.participant_id == person.id)
            .map(|(link, _)| (link.meeting_id, link))
            .collect();
    let careers = Careers::of(state.read_conn(), &[person.id]).await?;
    // The organisations its positions and awards name: renaming one purges it.
    // (The list names none: it shows a position's title and the text recorded.)
    tags.extend(
        careers
            .organizations
            .keys()
            .map(|id| CacheTag::organization(*id)),
    );
    let held = |id: Option<Uuid>| {
        let list = careers.positions.get(&person.id)?;
        list.iter().find(|p| Some(p.id) == id)
    };
    let meetings = meetings
        .items
        .iter()
        .filter_map(|m| {
            let link = parts.get(&m.id)?;
            Some(ParticipantMeeting {
                meeting: MeetingRef::new(m, lang.lang, &photos),
                role: link.role,
                position: position_then(
                    link.position.as_deref(),
                    held(link.position_id),
                    lang.lang,
                )
                .map(str::to_owned),
            })
        })
        .collect();
    let mut p = dto(&person, &regions, &photos, lang.lang);
    careers.localize(&mut p, state.clock.now().date_naive(), lang.lang);
    let positions = careers
        .positions
        .get(&person.id)
        .into_iter()
        .flatten()
        .map(|pos| careers.position(pos, lang.lang))
        .collect();
    let position_on = params.on.map(|day| {
        careers
            .held_on(person.id, day)
            .map(|pos| careers.position(pos, lang.lang))
    });
    let awards = careers
        .honours
        .get(&person.id)
        .into_iter()
        .flatten()
        .map(|h| Honour {
            title: honour_title(h, lang.lang).to_owned(),
            title_ru: h.title_ru.clone(),
            title_kk: h.title_kk.clone(),
            title_en: h.title_en.clone(),
            awarded_on: h.awarded_on,
            awarded_by_organization: h
                .awarded_by_organization_id
                .and_then(|id| careers.organizations.get(&id))
                .map(|o| OrganizationRef::new(o, lang.lang)),
            awarded_by: h.awarded_by.clone(),
        })
        .collect();
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
        photo: p.photo,
        updated_at: p.updated_at,
        meetings,
        positions,
        position_on,
        awards,
    };
    Ok(Cached::new(CachePolicy::Item, Json(detail))
        .vary_language(lang.from_header)
        .tags(tags))
}
