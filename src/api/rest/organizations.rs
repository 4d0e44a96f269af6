//! `/organizations`: councils, police departments and their divisions, ministries
//! and local assemblies.

use std::collections::HashMap;

use axum::{Json, extract::State, http::HeaderMap};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::refs::{MeetingRef, OrganizationRef, ParticipantRef, RegionRef, list_of};
use crate::api::resolve;
use crate::http::{
    extract::{PathParam, Query},
    lang::negotiate,
};
use crate::{
    domain::{
        Language, OrganizationKind,
        cache_tags::{CacheTag, TagSet},
    },
    entity::{organization, region},
    error::AppResult,
    http::cache::{CachePolicy, Cached},
    presentation::names::{organization_abbreviation, organization_name},
    state::AppState,
    store::{
        self,
        meetings::{MeetingFilter, MeetingKey, MeetingParent},
        organizations::{OrganizationFilter, OrganizationKey},
        page::PageRequest,
    },
};

/// How many of an organisation's meetings its detail lists.
const MEETINGS_SHOWN: u64 = 20;

/// An organisation.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Organization {
    pub id: Uuid,
    pub slug: String,
    pub kind: OrganizationKind,
    /// The name in the answer's language, falling back Kazakh → Russian → English,
    /// Russian → English, English → Russian.
    pub name: String,
    pub name_ru: String,
    pub name_kk: Option<String>,
    pub name_en: Option<String>,
    /// The abbreviation in the answer's language, with the same fallbacks.
    pub abbreviation: Option<String>,
    pub abbreviation_ru: Option<String>,
    pub abbreviation_kk: Option<String>,
    pub abbreviation_en: Option<String>,
    /// The region it serves.
    pub region: Option<RegionRef>,
    /// The organisation it is part of.
    pub parent: Option<OrganizationRef>,
    /// When it last changed; the list takes `updated_since` to ask for what changed since a moment.
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// A person's place in an organisation.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrganizationMember {
    pub participant: ParticipantRef,
    /// What the person is there, e.g. chair of the council.
    pub role: Option<String>,
}

/// An organisation with the organisations within it, its people and its meetings.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationDetail {
    #[serde(flatten)]
    pub organization: Organization,
    /// The organisations directly within it, by Russian name.
    pub children: Vec<OrganizationRef>,
    /// Its people, in the recorded order.
    pub members: Vec<OrganizationMember>,
    /// The most recent meetings it held itself (at most 20); `/meetings?organization=`
    /// also lists those of the organisations within it.
    pub meetings: Vec<MeetingRef>,
}

list_of!(
    /// A page of organisations, by Russian name.
    OrganizationList,
    Organization
);

/// Filters and paging of the organisation list; filters combine with AND.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganizationParams {
    /// Serving this region: its slug or ISO code.
    region: Option<String>,
    /// Of this kind.
    kind: Option<OrganizationKind>,
    /// Changed at or after this moment (their `updatedAt`): an RFC 3339 time, or a date (its start, UTC).
    #[param(value_type = Option<String>, example = "2026-11-25T00:00:00Z")]
    updated_since: Option<crate::api::resolve::Moment>,
    /// The language of names (default: `Accept-Language`, else `ru`).
    lang: Option<Language>,
    /// Page size, 0 to 100 (default 20).
    #[param(minimum = 0, maximum = 100, default = 20)]
    limit: Option<i64>,
    /// `nextCursor` of the previous page.
    cursor: Option<String>,
}

/// The language of names in one organisation's answer.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganizationLang {
    /// The language of names (default: `Accept-Language`, else `ru`).
    lang: Option<Language>,
}

/// An organisation as the list shows it, for `lang`; `regions` and `parents` hold
/// its region and parent when it has them.
pub fn dto(
    org: &organization::Model,
    regions: &HashMap<Uuid, region::Model>,
    parents: &HashMap<Uuid, organization::Model>,
    lang: Language,
) -> Organization {
    Organization {
        id: org.id,
        slug: org.slug.clone(),
        kind: org.kind,
        name: organization_name(org, lang).to_owned(),
        name_ru: org.name_ru.clone(),
        name_kk: org.name_kk.clone(),
        name_en: org.name_en.clone(),
        abbreviation: organization_abbreviation(org, lang).map(str::to_owned),
        abbreviation_ru: org.abbreviation_ru.clone(),
        abbreviation_kk: org.abbreviation_kk.clone(),
        abbreviation_en: org.abbreviation_en.clone(),
        region: org
            .region_id
            .and_then(|id| regions.get(&id))
            .map(|r| RegionRef::new(r, lang)),
        parent: org
            .parent_id
            .and_then(|id| parents.get(&id))
            .map(|p| OrganizationRef::new(p, lang)),
        updated_at: org.updated_at,
    }
}

/// The parents of `orgs`, by id, in one statement.
async fn parents_of(
    state: &AppState,
    orgs: &[&organization::Model],
) -> AppResult<HashMap<Uuid, organization::Model>> {
    let ids: Vec<Uuid> = orgs.iter().filter_map(|o| o.parent_id).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(store::organizations::by_ids(state.read_conn(), &ids)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect())
}

/// Organisations, by Russian name.
#[utoipa::path(get, path = "/organizations", operation_id = "listOrganizations", tag = "organizations",
    params(OrganizationParams),
    responses(
        (status = 200, description = "A page of organisations", body = OrganizationList,
            headers(("Vary" = String, description = "`Accept-Language` when `lang` is not given"))),
        crate::api::responses::ListRead,
    ))]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<OrganizationParams>,
) -> AppResult<Cached<Json<OrganizationList>>> {
    let request =
        PageRequest::<OrganizationKey>::from_rest(params.limit, params.cursor.as_deref())?;
    let lang = negotiate(params.lang, &headers);
    let filter = OrganizationFilter {
        region_id: resolve::region_id(&state, params.region.as_deref()).await?,
        kind: params.kind,
        updated_since: params.updated_since.map(|m| m.0),
    };
    let db = state.read_conn();
    let page = store::organizations::list(db, &filter, &request).await?;
    let listed: Vec<&organization::Model> = page.items.iter().collect();
    let (regions, parents) = tokio::try_join!(
        store::regions::keyed_by_id(db, page.items.iter().filter_map(|o| o.region_id)),
        parents_of(&state, &listed),
    )?;
    let tags: TagSet = page
        .items
        .iter()
        .map(|o| CacheTag::organization(o.id))
        .chain(parents.keys().map(|id| CacheTag::organization(*id)))
        .chain([CacheTag::organization_list()])
        .collect();
    let list = OrganizationList::of(&page, OrganizationKey::of, |o| {
        dto(o, &regions, &parents, lang.lang)
    });
    Ok(Cached::new(CachePolicy::List, Json(list))
        .vary_language(lang.from_header)
        .tags(tags))
}

/// One organisation by id or slug, with the organisations within it, its people
/// and its most recent meetings.
#[utoipa::path(get, path = "/organizations/{idOrSlug}", operation_id = "getOrganization", tag = "organizations",
    params(
        ("idOrSlug" = String, Path, description = "The organisation's id (a UUID or its GraphQL global id) or slug"),
        OrganizationLang,
    ),
    responses(
        (status = 200, description = "The organisation", body = OrganizationDetail,
            headers(("Vary" = String, description = "`Accept-Language` when `lang` is not given"))),
        crate::api::responses::NamedRead,
    ))]
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(raw): PathParam,
    Query(params): Query<OrganizationLang>,
) -> AppResult<Cached<Json<OrganizationDetail>>> {
    let lang = negotiate(params.lang, &headers);
    let org = resolve::organization(&state, &raw).await?;
    let db = state.read_conn();
    let ids = [org.id];
    let request = PageRequest::<MeetingKey>::first(MEETINGS_SHOWN);
    let (this, all_meetings) = ([&org], MeetingFilter::default());
    let (regions, parents, children, members, mut meetings) = tokio::try_join!(
        store::regions::keyed_by_id(db, org.region_id),
        parents_of(&state, &this),
        store::organizations::children(db, &ids),
        store::organizations::members(db, &ids),
        store::meetings::pages_under(
            db,
            MeetingParent::Organization,
            &ids,
            &all_meetings,
            &request,
        ),
    )?;
    let meetings = meetings
        .remove(&org.id)
        .map(|p| p.items)
        .unwrap_or_default();
    let photos = super::photos(
        &state,
        members
            .iter()
            .map(|(_, p)| p.photo_media_id)
            .chain(meetings.iter().map(|m| m.photo_media_id)),
    )
    .await?;
    // Its meetings and members are lists that a new meeting or member joins.
    let tags: TagSet = [
        CacheTag::organization(org.id),
        CacheTag::organization_list(),
        CacheTag::meeting_list(),
    ]
    .into_iter()
    .chain(parents.keys().map(|id| CacheTag::organization(*id)))
    .chain(children.iter().map(|c| CacheTag::organization(c.id)))
    .chain(members.iter().map(|(_, p)| CacheTag::participant(p.id)))
    .chain(meetings.iter().map(|m| CacheTag::meeting(m.id)))
    .collect();
    let detail = OrganizationDetail {
        organization: dto(&org, &regions, &parents, lang.lang),
        children: children
            .iter()
            .map(|c| OrganizationRef::new(c, lang.lang))
            .collect(),
        members: members
            .iter()
            .map(|(link, person)| OrganizationMember {
                participant: ParticipantRef::new(person, lang.lang, &photos),
                role: link.role.clone(),
            })
            .collect(),
        meetings: meetings
            .iter()
            .map(|m| MeetingRef::new(m, lang.lang, &photos))
            .collect(),
    };
    Ok(Cached::new(CachePolicy::Item, Json(detail))
        .vary_language(lang.from_header)
        .tags(tags))
}
