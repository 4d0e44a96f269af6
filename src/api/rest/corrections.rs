//! `/articles/{idOrSlug}/corrections` and `/articles/{idOrSlug}/retraction`: the
//! editors correct or retract a published article (EDITOR, ADMIN, with a bearer
//! token). The rules are the editorial layer's, the same as GraphQL's
//! `addCorrection` and `retractArticle`.

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, StatusCode},
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::article_dto::CorrectionDto;
use crate::{
    api::resolve,
    editorial,
    error::AppResult,
    http::extract::{JsonBody, PathParam},
    state::AppState,
    store::articles::ArticleScope,
};

/// A correction to add.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewCorrectionBody {
    /// What was corrected, in the article's language: plain text, 1 to 2,000
    /// characters, may span lines.
    #[schema(example = "Уточнена дата заседания: оно прошло 5 апреля.")]
    pub text: String,
}

/// A correction just added.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AddedCorrection {
    pub article_id: Uuid,
    /// The correction as saved.
    pub correction: CorrectionDto,
    /// The article's new `updatedAt`: the correction's time.
    pub updated_at: DateTime<Utc>,
}

/// Why an article is retracted.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RetractionBody {
    /// Why it is retracted, shown to the public: plain text, 1 to 2,000 characters,
    /// may span lines.
    pub reason: String,
}

/// A retraction just made: what `GET /articles/{idOrSlug}` now answers with `410`.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Retracted {
    pub article_id: Uuid,
    pub reason: String,
    pub retracted_at: DateTime<Utc>,
}

/// Adds a correction to a published article (EDITOR, ADMIN): shown with it from
/// now on, oldest first; the article's `updatedAt` becomes now.
#[utoipa::path(post, path = "/articles/{idOrSlug}/corrections", operation_id = "addArticleCorrection", tag = "articles",
    params(("idOrSlug" = String, Path, description = "The article's id (a UUID or its GraphQL global id) or slug")),
    request_body = NewCorrectionBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Added", body = AddedCorrection),
        (status = 400, response = crate::api::responses::BadRequest),
        (status = 401, description = "No or a bad access token", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not correct articles", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::api::responses::NotFound),
        (status = 409, description = "The article is not public", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 415, response = crate::api::responses::NotJson),
        (status = 503, response = crate::api::responses::Unavailable),
    ))]
pub async fn add(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(raw): PathParam,
    JsonBody(body): JsonBody<NewCorrectionBody>,
) -> AppResult<(StatusCode, Json<AddedCorrection>)> {
    let now = state.clock.now();
    let viewer = crate::http::viewer::from_headers(&headers, &state.keys, now)?;
    let id = public_article(&state, &raw, &headers).await?;
    let (article, correction) =
        editorial::add_correction(state.conn(), &viewer, id, &body.text, "text", now).await?;
    Ok((
        StatusCode::CREATED,
        Json(AddedCorrection {
            article_id: article.id,
            correction: CorrectionDto::from(&correction),
            updated_at: article.updated_at,
        }),
    ))
}

/// Retracts a published article for cause (EDITOR, ADMIN): it leaves every list,
/// feed, search and sitemap, and `GET /articles/{idOrSlug}` answers `410 Gone` with
/// its notice. Final.
#[utoipa::path(post, path = "/articles/{idOrSlug}/retraction", operation_id = "retractArticle", tag = "articles",
    params(("idOrSlug" = String, Path, description = "The article's id (a UUID or its GraphQL global id) or slug")),
    request_body = RetractionBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Retracted", body = Retracted),
        (status = 400, response = crate::api::responses::BadRequest),
        (status = 401, description = "No or a bad access token", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not retract articles", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::api::responses::NotFound),
        (status = 409, description = "The article is not public, or changed meanwhile", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 415, response = crate::api::responses::NotJson),
        (status = 503, response = crate::api::responses::Unavailable),
    ))]
pub async fn retract(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(raw): PathParam,
    JsonBody(body): JsonBody<RetractionBody>,
) -> AppResult<(StatusCode, Json<Retracted>)> {
    let now = state.clock.now();
    let viewer = crate::http::viewer::from_headers(&headers, &state.keys, now)?;
    let id = public_article(&state, &raw, &headers).await?;
    let article =
        editorial::retract(state.conn(), &viewer, id, &body.reason, "reason", now).await?;
    Ok((
        StatusCode::CREATED,
        Json(Retracted {
            article_id: article.id,
            reason: body.reason.trim().to_owned(),
            retracted_at: now,
        }),
    ))
}

/// The id of the article a path names, among those the public sees (and retracted
/// ones, which the editorial layer then refuses with CONFLICT).
async fn public_article(state: &AppState, raw: &str, headers: &HeaderMap) -> AppResult<Uuid> {
    let scope = ArticleScope::public(state.clock.now()).with_notices();
    let (article, _) = resolve::article(state.conn(), &scope, raw, None, headers).await?;
    Ok(article.id)
}
