//! `/participants/{idOrSlug}/positions` and `/participants/{idOrSlug}/honours`: the
//! editors replace a person's dated positions or honours (EDITOR, ADMIN, with a
//! bearer token). The rules are the editorial layer's, the same as GraphQL's
//! `setParticipantPositions` and `setParticipantHonours`.

use axum::{Json, extract::State, http::HeaderMap};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{
    api::resolve,
    editorial::{self, input},
    error::AppResult,
    http::extract::{JsonBody, PathParam},
    state::AppState,
};

/// One position to record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PositionBody {
    /// Where it is held: an organisation's id.
    pub organization_id: Option<Uuid>,
    /// The title in Russian, one line of at most 300 characters.
    #[schema(example = "начальник департамента полиции")]
    pub title_ru: String,
    pub title_kk: Option<String>,
    pub title_en: Option<String>,
    /// The first day held; absent when not known.
    pub from: Option<NaiveDate>,
    /// The last day held; absent while held. Not before `from`.
    pub to: Option<NaiveDate>,
}

/// A person's whole list of positions.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PositionsBody {
    /// Every position, at most 100; `[]` clears the list.
    pub positions: Vec<PositionBody>,
}

/// One honour to record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HonourBody {
    /// The honour in Russian, one line of at most 300 characters.
    pub title_ru: String,
    pub title_kk: Option<String>,
    pub title_en: Option<String>,
    /// The day awarded.
    pub awarded_on: Option<NaiveDate>,
    /// The organisation that awarded it, by id.
    pub awarded_by_organization_id: Option<Uuid>,
    /// Who awarded it, as text.
    pub awarded_by: Option<String>,
}

/// A person's whole list of honours, in order.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HonoursBody {
    /// Every honour, at most 20; `[]` clears the list.
    pub honours: Vec<HonourBody>,
}

/// The person changed; `GET /participants/{idOrSlug}` shows the lists.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CareerChanged {
    pub participant_id: Uuid,
    pub updated_at: DateTime<Utc>,
}

/// Replaces a person's positions (EDITOR, ADMIN); their meeting rows and quotes then
/// name the position held on each one's day.
#[utoipa::path(put, path = "/participants/{idOrSlug}/positions", operation_id = "setParticipantPositions", tag = "participants",
    params(("idOrSlug" = String, Path, description = "The person's id (a UUID or its GraphQL global id) or slug")),
    request_body = PositionsBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Replaced", body = CareerChanged),
        (status = 400, response = crate::api::responses::BadRequest),
        (status = 401, description = "No or a bad access token", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not manage people", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::api::responses::NotFound),
        (status = 415, response = crate::api::responses::NotJson),
        (status = 503, response = crate::api::responses::Unavailable),
    ))]
pub async fn positions(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(raw): PathParam,
    JsonBody(body): JsonBody<PositionsBody>,
) -> AppResult<Json<CareerChanged>> {
    let now = state.clock.now();
    let viewer = crate::http::viewer::from_headers(&headers, &state.keys, now)?;
    let person = resolve::participant(&state, &raw).await?;
    let list = body
        .positions
        .into_iter()
        .map(|p| input::PositionInput {
            organization_id: p.organization_id,
            title_ru: p.title_ru,
            title_kk: p.title_kk,
            title_en: p.title_en,
            from: p.from,
            to: p.to,
        })
        .collect();
    let person = editorial::set_positions(state.conn(), &viewer, person.id, list, now).await?;
    Ok(Json(CareerChanged {
        participant_id: person.id,
        updated_at: person.updated_at,
    }))
}

/// Replaces a person's honours, in order (EDITOR, ADMIN).
#[utoipa::path(put, path = "/participants/{idOrSlug}/honours", operation_id = "setParticipantHonours", tag = "participants",
    params(("idOrSlug" = String, Path, description = "The person's id (a UUID or its GraphQL global id) or slug")),
    request_body = HonoursBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Replaced", body = CareerChanged),
        (status = 400, response = crate::api::responses::BadRequest),
        (status = 401, description = "No or a bad access token", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not manage people", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::api::responses::NotFound),
        (status = 415, response = crate::api::responses::NotJson),
        (status = 503, response = crate::api::responses::Unavailable),
    ))]
pub async fn honours(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(raw): PathParam,
    JsonBody(body): JsonBody<HonoursBody>,
) -> AppResult<Json<CareerChanged>> {
    let now = state.clock.now();
    let viewer = crate::http::viewer::from_headers(&headers, &state.keys, now)?;
    let person = resolve::participant(&state, &raw).await?;
    let list = body
        .honours
        .into_iter()
        .map(|h| input::HonourInput {
            title_ru: h.title_ru,
            title_kk: h.title_kk,
            title_en: h.title_en,
            awarded_on: h.awarded_on,
            awarded_by_organization_id: h.awarded_by_organization_id,
            awarded_by: h.awarded_by,
        })
        .collect();
    let person = editorial::set_honours(state.conn(), &viewer, person.id, list, now).await?;
    Ok(Json(CareerChanged {
        participant_id: person.id,
        updated_at: person.updated_at,
    }))
}
