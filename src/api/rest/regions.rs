//! `/regions`: the 20 first-level units of Kazakhstan (reference data).

use axum::{Json, extract::State, http::HeaderMap};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::refs::list_of;
use crate::api::resolve;
use crate::http::{
    extract::{PathParam, Query},
    lang::negotiate,
};
use crate::{
    domain::{
        Language, RegionKind,
        cache_tags::{CacheTag, TagSet},
    },
    entity::region,
    error::AppResult,
    http::cache::{CachePolicy, Cached},
    presentation::parts::region_name,
    state::AppState,
    store,
};

/// An oblast or a city of republican significance.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Region {
    pub id: Uuid,
    /// ISO 3166-2:KZ code.
    #[schema(example = "KZ-43")]
    pub code: String,
    /// Oblast or city.
    pub kind: RegionKind,
    #[schema(example = "kyzylorda-region")]
    pub slug: String,
    /// The name in the answer's language (`lang`, else `Accept-Language`, else `ru`).
    #[schema(example = "Кызылординская область")]
    pub name: String,
    #[schema(example = "Қызылорда облысы")]
    pub name_kk: String,
    #[schema(example = "Кызылординская область")]
    pub name_ru: String,
    #[schema(example = "Kyzylorda Region")]
    pub name_en: String,
    /// When its names last changed; the list takes `updated_since`.
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl Region {
    pub(crate) fn new(region: region::Model, lang: Language) -> Self {
        Region {
            id: region.id,
            updated_at: region.updated_at,
            name: region_name(&region, lang).to_owned(),
            code: region.code,
            kind: region.kind,
            slug: region.slug,
            name_kk: region.name_kk,
            name_ru: region.name_ru,
            name_en: region.name_en,
        }
    }
}

list_of!(
    /// Every region (never more than one page): cities first, then oblasts, each by code.
    RegionList,
    Region
);

/// Which regions, in which language.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegionParams {
    /// Only oblasts or only cities.
    kind: Option<RegionKind>,
    /// Changed at or after this moment (their `updatedAt`): an RFC 3339 time, or a date (its start, UTC).
    #[param(value_type = Option<String>, example = "2026-11-25T00:00:00Z")]
    updated_since: Option<crate::api::resolve::Moment>,
    /// The language of `name` (default: `Accept-Language`, else `ru`).
    lang: Option<Language>,
}

/// The language of one region's `name`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegionLang {
    /// The language of `name` (default: `Accept-Language`, else `ru`).
    lang: Option<Language>,
}

/// Every region, or those of one kind.
#[utoipa::path(get, path = "/regions", operation_id = "listRegions", tag = "regions",
    params(RegionParams),
    responses(
        (status = 200, description = "The regions", body = RegionList,
            headers(("Vary" = String, description = "`Accept-Language` when `lang` is not given"))),
        crate::api::responses::ListRead,
    ))]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<RegionParams>,
) -> AppResult<Cached<Json<RegionList>>> {
    let lang = negotiate(params.lang, &headers);
    let rows = store::regions::list(
        state.read_conn(),
        params.kind,
        params.updated_since.map(|m| m.0),
    )
    .await?;
    let tags: TagSet = rows
        .iter()
        .map(|r| CacheTag::region(&r.code))
        .chain([CacheTag::region_list()])
        .collect();
    let items = rows
        .into_iter()
        .map(|r| Region::new(r, lang.lang))
        .collect();
    let list = RegionList {
        items,
        next_cursor: None,
    };
    Ok(Cached::new(CachePolicy::Reference, Json(list))
        .vary_language(lang.from_header)
        .tags(tags))
}

/// One region by slug or ISO code.
#[utoipa::path(get, path = "/regions/{slugOrCode}", operation_id = "getRegion", tag = "regions",
    params(
        ("slugOrCode" = String, Path, description = "The region's slug (`kyzylorda-region`), ISO code (`KZ-43`) or id (a UUID or its GraphQL global id)", example = "KZ-43"),
        RegionLang,
    ),
    responses(
        (status = 200, description = "The region", body = Region,
            headers(("Vary" = String, description = "`Accept-Language` when `lang` is not given"))),
        crate::api::responses::NamedRead,
    ))]
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(raw): PathParam,
    Query(params): Query<RegionLang>,
) -> AppResult<Cached<Json<Region>>> {
    let lang = negotiate(params.lang, &headers);
    let region = resolve::region(&state, &raw).await?;
    let tags = TagSet::new().with(CacheTag::region(&region.code));
    Ok(
        Cached::new(CachePolicy::Reference, Json(Region::new(region, lang.lang)))
            .vary_language(lang.from_header)
            .tags(tags),
    )
}
