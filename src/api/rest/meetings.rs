//! `/meetings`: councils, hearings, briefings and receptions of citizens.

use std::collections::HashMap;

use axum::{Json, extract::State, http::HeaderMap};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::refs::{ArticleRef, Image, OrganizationRef, ParticipantRef, RegionRef, list_of};
use crate::api::resolve;
use crate::http::{
    extract::{PathParam, Query},
    lang::negotiate,
};
use crate::{
    domain::{
        Language, MeetingKind, MeetingRole,
        cache_tags::{CacheTag, TagSet},
    },
    entity::{meeting, participant_position, region},
    error::AppResult,
    http::cache::{CachePolicy, Cached},
    presentation::{names, pictures::Photos, tags},
    state::AppState,
    store::{
        self,
        articles::{ArticleFilter, ArticleKey, ArticleOrder, ArticleScope},
        meetings::{MeetingFilter, MeetingKey},
        page::PageRequest,
    },
};

/// How many of the articles covering a meeting its detail lists.
const ARTICLES_SHOWN: u64 = 20;

/// A meeting as lists show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeetingSummary {
    pub id: Uuid,
    pub slug: String,
    /// What the meeting was.
    pub title: String,
    /// The body that met, e.g. the advisory council of a regional police department.
    pub body: String,
    pub kind: MeetingKind,
    /// The day it was held.
    pub held_on: NaiveDate,
    /// Where it was held.
    pub venue: Option<String>,
    /// The region it was held in.
    pub region: Option<RegionRef>,
    /// An uploaded photo of the meeting, as articles' pictures are shown.
    pub photo: Option<Image>,
    /// When it last changed; the list takes `updated_since` to ask for what changed since a moment.
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// One item of an agenda.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgendaItem {
    /// Order on the agenda, from 0.
    pub position: i32,
    pub title: String,
    pub description: Option<String>,
}

/// A person's part in a meeting.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeetingParticipant {
    pub participant: ParticipantRef,
    pub role: MeetingRole,
    /// The position held at the meeting's time: as recorded in text for this
    /// meeting, else the title of the position the person held on its day, in the
    /// answer's language.
    pub position: Option<String>,
}

/// One meeting with its agenda, who took part, and the articles covering it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeetingDetail {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub body: String,
    pub kind: MeetingKind,
    pub held_on: NaiveDate,
    pub venue: Option<String>,
    pub region: Option<RegionRef>,
    /// The organisation that held it.
    pub organization: Option<OrganizationRef>,
    /// An uploaded photo of the meeting, as articles' pictures are shown.
    pub photo: Option<Image>,
    /// When it last changed; the list takes `updated_since` to ask for what changed since a moment.
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// The agenda, in order.
    pub agenda: Vec<AgendaItem>,
    /// Who took part, in the recorded order.
    pub participants: Vec<MeetingParticipant>,
    /// The newest published articles covering it (at most 20).
    pub articles: Vec<ArticleRef>,
}

list_of!(
    /// A page of meetings, the most recent first.
    MeetingList,
    MeetingSummary
);

/// Filters and paging of the meeting list; filters combine with AND.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MeetingParams {
    /// Held in this region: its slug or ISO code.
    region: Option<String>,
    /// With this person taking part: their id or slug.
    participant: Option<String>,
    /// Held by this organisation or by one within it (its divisions, at any
    /// depth): its id or slug.
    organization: Option<String>,
    /// Of this kind.
    kind: Option<MeetingKind>,
    /// Changed at or after this moment (their `updatedAt`): an RFC 3339 time, or a date (its start, UTC).
    #[param(value_type = Option<String>, example = "2026-11-25T00:00:00Z")]
    updated_since: Option<crate::api::resolve::Moment>,
    /// The language of region and people names (default: `Accept-Language`, else `ru`).
    lang: Option<Language>,
    /// Page size, 0 to 100 (default 20).
    #[param(minimum = 0, maximum = 100, default = 20)]
    limit: Option<i64>,
    /// `nextCursor` of the previous page.
    cursor: Option<String>,
}

/// The language of names in one meeting.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MeetingLang {
    /// The language of region and people names (default: `Accept-Language`, else `ru`).
    lang: Option<Language>,
}

/// A meeting as lists show it, its region named in `lang`, its photo from
/// `photos`.
pub fn summary(
    m: &meeting::Model,
    regions: &HashMap<Uuid, region::Model>,
    photos: &Photos,
    lang: Language,
) -> MeetingSummary {
    MeetingSummary {
        id: m.id,
        slug: m.slug.clone(),
        title: names::meeting_title(m, lang).to_owned(),
        body: names::meeting_body(m, lang).to_owned(),
        kind: m.kind,
        held_on: m.held_on,
        venue: names::meeting_venue(m, lang).map(str::to_owned),
        region: regions.get(&m.region_id).map(|r| RegionRef::new(r, lang)),
        photo: photos
            .image(m.photo_media_id, lang)
            .map(|p| Image::from(&p)),
        updated_at: m.updated_at,
    }
}

/// Meetings, the most recent first.
#[utoipa::path(get, path = "/meetings", operation_id = "listMeetings", tag = "meetings",
    params(MeetingParams),
    responses(
        (status = 200, description = "A page of meetings", body = MeetingList,
            headers(("Vary" = String, description = "`Accept-Language` when `lang` is not given"))),
        crate::api::responses::ListRead,
    ))]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<MeetingParams>,
) -> AppResult<Cached<Json<MeetingList>>> {
    let request = PageRequest::<MeetingKey>::from_rest(params.limit, params.cursor.as_deref())?;
    let lang = negotiate(params.lang, &headers);
    let filter = MeetingFilter {
        kind: params.kind,
        region_id: resolve::region_id(&state, params.region.as_deref()).await?,
        participant_id: resolve::participant_id(&state, params.participant.as_deref()).await?,
        organization_id: resolve::organization_id(&state, params.organization.as_deref()).await?,
        updated_since: params.updated_since.map(|m| m.0),
        ..MeetingFilter::default()
    };
    let db = state.read_conn();
    let page = store::meetings::list(db, &filter, &request).await?;
    let (regions, photos) = tokio::try_join!(
        store::regions::keyed_by_id(db, page.items.iter().map(|m| m.region_id)),
        super::photos(&state, page.items.iter().map(|m| m.photo_media_id)),
    )?;
    let tags: TagSet = page
        .items
        .iter()
        .map(|m| CacheTag::meeting(m.id))
        .chain([CacheTag::meeting_list()])
        .collect();
    let list = MeetingList::of(&page, MeetingKey::of, |m| {
        summary(m, &regions, &photos, lang.lang)
    });
    Ok(Cached::new(CachePolicy::List, Json(list))
        .vary_language(lang.from_header)
        .tags(tags))
}

/// One meeting by id or slug.
#[utoipa::path(get, path = "/meetings/{idOrSlug}", operation_id = "getMeeting", tag = "meetings",
    params(
        ("idOrSlug" = String, Path, description = "The meeting's id (a UUID or its GraphQL global id) or slug"),
        MeetingLang,
    ),
    responses(
        (status = 200, description = "The meeting", body = MeetingDetail,
            headers(("Vary" = String, description = "`Accept-Language` when `lang` is not given"))),
        crate::api::responses::NamedRead,
    ))]
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(raw): PathParam,
    Query(params): Query<MeetingLang>,
) -> AppResult<Cached<Json<MeetingDetail>>> {
    let lang = negotiate(params.lang, &headers);
    let meeting = resolve::meeting(&state, &raw).await?;
    let db = state.read_conn();
    let ids = [meeting.id];
    let scope = ArticleScope::public(state.clock.now());
    let filter = ArticleFilter {
        meeting_id: Some(meeting.id),
        ..ArticleFilter::default()
    };
    let request = PageRequest::<ArticleKey>::first(ARTICLES_SHOWN);
    let (regions, agenda, attendees, articles, host) = tokio::try_join!(
        store::regions::keyed_by_id(db, [meeting.region_id]),
        store::meetings::agenda(db, &ids),
        store::meetings::participants(db, &ids),
        store::articles::list(db, &scope, &filter, ArticleOrder::NewestFirst, &request),
        async {
            match meeting.organization_id {
                Some(id) => store::organizations::find(db, id).await,
                None => Ok(None),
            }
        },
    )?;
    let held: HashMap<Uuid, participant_position::Model> = store::positions::by_ids(
        db,
        &attendees
            .iter()
            .filter_map(|(link, _)| link.position_id)
            .collect::<Vec<_>>(),
    )
    .await?
    .into_iter()
    .map(|p| (p.id, p))
    .collect();
    let photos = super::photos(
        &state,
        [meeting.photo_media_id]
            .into_iter()
            .chain(attendees.iter().map(|(_, p)| p.photo_media_id)),
    )
    .await?;
    // Its articles are a list that a new article about the meeting joins.
    let mut tags = tags::articles_listed(&articles.items);
    tags.insert(CacheTag::meeting(meeting.id))
        .insert(CacheTag::article_list())
        .extend(regions.values().map(|r| CacheTag::region(&r.code)))
        .extend(attendees.iter().map(|(_, p)| CacheTag::participant(p.id)))
        .extend(host.iter().map(|o| CacheTag::organization(o.id)));
    let site = &state.config.site;
    let head = summary(&meeting, &regions, &photos, lang.lang);
    let detail = MeetingDetail {
        id: head.id,
        slug: head.slug,
        title: head.title,
        body: head.body,
        kind: head.kind,
        held_on: head.held_on,
        venue: head.venue,
        region: head.region,
        organization: host.as_ref().map(|o| OrganizationRef::new(o, lang.lang)),
        photo: head.photo,
        updated_at: head.updated_at,
        agenda: agenda
            .into_iter()
            .map(|i| AgendaItem {
                position: i.position,
                title: names::agenda_title(&i, lang.lang).to_owned(),
                description: names::agenda_description(&i, lang.lang).map(str::to_owned),
            })
            .collect(),
        participants: attendees
            .into_iter()
            .map(|(link, person)| MeetingParticipant {
                participant: ParticipantRef::new(&person, lang.lang, &photos),
                role: link.role,
                position: names::position_then(
                    link.position.as_deref(),
                    link.position_id.and_then(|id| held.get(&id)),
                    lang.lang,
                )
                .map(str::to_owned),
            })
            .collect(),
        articles: articles
            .items
            .iter()
            .map(|a| ArticleRef::new(a, site))
            .collect(),
    };
    Ok(Cached::new(CachePolicy::Item, Json(detail))
        .vary_language(lang.from_header)
        .tags(tags))
}
