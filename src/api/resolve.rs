//! Finding what a path or a filter names: by id, slug or code.

use axum::http::HeaderMap;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Deserializer};
use uuid::Uuid;

use crate::http::{
    extract::IdOrSlug,
    lang::{Negotiated, header_language},
};
use crate::{
    domain::{Language, global_id::NodeKind},
    entity::{article, meeting, organization, participant, region},
    error::{AppError, AppResult},
    state::AppState,
    store::{self, articles::ArticleScope},
};

/// The region a path names, by slug, ISO code or id: 404 when there is none.
pub async fn region(state: &AppState, value: &str) -> AppResult<region::Model> {
    find_region(state, value)
        .await?
        .ok_or(AppError::NotFound("region"))
}

/// The meeting a path names, by id or slug: 404 when there is none.
pub async fn meeting(state: &AppState, value: &str) -> AppResult<meeting::Model> {
    find_meeting(state, value)
        .await?
        .ok_or(AppError::NotFound("meeting"))
}

/// The person a path names, by id or slug: 404 when there is none.
pub async fn participant(state: &AppState, value: &str) -> AppResult<participant::Model> {
    find_participant(state, value)
        .await?
        .ok_or(AppError::NotFound("participant"))
}

/// The organisation a path names, by id or slug: 404 when there is none.
pub async fn organization(state: &AppState, value: &str) -> AppResult<organization::Model> {
    find_organization(state, value)
        .await?
        .ok_or(AppError::NotFound("organization"))
}

/// An organisation by id or slug.
async fn find_organization(
    state: &AppState,
    value: &str,
) -> AppResult<Option<organization::Model>> {
    match IdOrSlug::parse(value, NodeKind::Organization) {
        IdOrSlug::Id(id) => store::organizations::find(state.read_conn(), id).await,
        IdOrSlug::Slug(slug) => store::organizations::find_by_slug(state.read_conn(), &slug).await,
    }
}

/// The id of the organisation an `organization` filter names, or none when the
/// filter is absent; a client error when it names none.
pub async fn organization_id(state: &AppState, given: Option<&str>) -> AppResult<Option<Uuid>> {
    filter_id(
        given,
        "organization",
        |name| find_organization(state, name),
        |o| o.id,
    )
    .await
}

/// A region by slug, ISO code or id.
async fn find_region(state: &AppState, value: &str) -> AppResult<Option<region::Model>> {
    let key = match IdOrSlug::parse(value, NodeKind::Region) {
        IdOrSlug::Id(id) => store::regions::Key::Id(id),
        IdOrSlug::Slug(slug) => store::regions::Key::slug_or_code(&slug),
    };
    store::regions::find(state.read_conn(), key).await
}

/// A meeting by id or slug.
async fn find_meeting(state: &AppState, value: &str) -> AppResult<Option<meeting::Model>> {
    match IdOrSlug::parse(value, NodeKind::Meeting) {
        IdOrSlug::Id(id) => store::meetings::find(state.read_conn(), id).await,
        IdOrSlug::Slug(slug) => store::meetings::find_by_slug(state.read_conn(), &slug).await,
    }
}

/// A person by id or slug.
async fn find_participant(state: &AppState, value: &str) -> AppResult<Option<participant::Model>> {
    match IdOrSlug::parse(value, NodeKind::Participant) {
        IdOrSlug::Id(id) => store::participants::find(state.read_conn(), id).await,
        IdOrSlug::Slug(slug) => store::participants::find_by_slug(state.read_conn(), &slug).await,
    }
}

/// A filter's reference that must name something that exists: a client error if not
/// (the same in REST and GraphQL).
pub fn must_exist<T>(found: Option<T>, field: &str) -> AppResult<T> {
    found.ok_or_else(|| AppError::bad_input(field, format!("no {field} is known by this name")))
}

/// The id of the region a `region` filter names, or none when the filter is absent;
/// a client error when it names no region.
pub async fn region_id(state: &AppState, given: Option<&str>) -> AppResult<Option<Uuid>> {
    filter_id(given, "region", |name| find_region(state, name), |r| r.id).await
}

/// The region a `region` filter names (its code tags the answer), or none when the
/// filter is absent; an error naming `region` when it names nothing.
pub async fn region_filter(
    state: &AppState,
    given: Option<&str>,
) -> AppResult<Option<region::Model>> {
    let Some(value) = given else {
        return Ok(None);
    };
    must_exist(find_region(state, value).await?, "region").map(Some)
}

/// The id of the meeting a `meeting` filter names, or none when the filter is absent;
/// a client error when it names no meeting.
pub async fn meeting_id(state: &AppState, given: Option<&str>) -> AppResult<Option<Uuid>> {
    filter_id(given, "meeting", |name| find_meeting(state, name), |m| m.id).await
}

/// The id of the person a `participant` filter names, or none when the filter is
/// absent; a client error when it names nobody.
pub async fn participant_id(state: &AppState, given: Option<&str>) -> AppResult<Option<Uuid>> {
    filter_id(
        given,
        "participant",
        |name| find_participant(state, name),
        |p| p.id,
    )
    .await
}

/// What the filters above share: look the value up only when given, and insist
/// that it names something.
async fn filter_id<'a, T, Found>(
    given: Option<&'a str>,
    field: &str,
    find: impl FnOnce(&'a str) -> Found,
    id: impl FnOnce(T) -> Uuid,
) -> AppResult<Option<Uuid>>
where
    Found: Future<Output = AppResult<Option<T>>>,
{
    let Some(value) = given else {
        return Ok(None);
    };
    must_exist(find(value).await?, field).map(|found| Some(id(found)))
}

/// A published article by id or slug, and whether `Accept-Language` took part in
/// finding it. A slug is looked up in `lang`, then in the language the headers
/// prefer, then in Russian, then in the other languages; a slug the article had
/// before still finds it.
pub async fn article(
    db: &DatabaseConnection,
    scope: &ArticleScope,
    value: &str,
    lang: Option<Language>,
    headers: &HeaderMap,
) -> AppResult<(article::Model, Negotiated)> {
    let found = match IdOrSlug::parse(value, NodeKind::Article) {
        IdOrSlug::Id(id) => store::articles::find(db, scope, id).await?.map(|a| {
            let lang = a.lang;
            (
                a,
                Negotiated {
                    lang,
                    from_header: false,
                },
            )
        }),
        IdOrSlug::Slug(slug) => {
            let header = header_language(headers);
            let preferred = [lang, header, Some(Language::Ru)].into_iter().flatten();
            store::articles::find_by_slug_preferring(db, scope, preferred, &slug)
                .await?
                .map(|(a, found_in)| {
                    let negotiated = Negotiated {
                        lang: found_in,
                        from_header: lang != Some(found_in),
                    };
                    (a, negotiated)
                })
        }
    };
    found.ok_or(AppError::NotFound("article"))
}

/// A moment given as an RFC 3339 time or as a date (its start, UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment(pub DateTime<Utc>);

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        let raw = raw.trim();
        if let Ok(at) = DateTime::parse_from_rfc3339(raw) {
            return Ok(Moment(at.with_timezone(&Utc)));
        }
        NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .map(|day| Moment(day.and_time(NaiveTime::MIN).and_utc()))
            .map_err(|_| {
                serde::de::Error::custom(
                    "expected an RFC 3339 time such as 2026-11-01T09:00:00Z or a date such as 2026-11-01",
                )
            })
    }
}
