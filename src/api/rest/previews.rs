//! Preview links over REST: staff make, list and revoke them; anyone holding a
//! token reads the article's current text at `/preview/{token}`, which no cache
//! keeps (`Cache-Control: private, no-store`). The rules are the editorial layer's,
//! the same as GraphQL's.

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::article_dto::{ArticleDetail, Extras};
use crate::{
    api::resolve,
    auth::{Action, authorize},
    domain::global_id::NodeKind,
    editorial::previews,
    entity::preview_link,
    error::{AppError, AppResult},
    http::extract::{IdOrSlug, JsonBody, PathParam},
    presentation::parts::{self, Detail},
    state::AppState,
    store::articles::{Access, ArticleScope},
};

/// A preview link to make.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewPreviewLinkBody {
    /// How long the link works, in seconds: 1 to 604800 (7 days).
    #[schema(example = 86400, minimum = 1, maximum = 604800)]
    pub expires_in: i64,
}

/// A preview link as staff see it: never its token.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreviewLinkDto {
    pub id: Uuid,
    pub article_id: Uuid,
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
    /// When it was revoked; null unless it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<preview_link::Model> for PreviewLinkDto {
    fn from(link: preview_link::Model) -> Self {
        PreviewLinkDto {
            id: link.id,
            article_id: link.article_id,
            created_at: link.created_at,
            expires_at: link.expires_at,
            revoked_at: link.revoked_at,
        }
    }
}

/// A link just made.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreatedPreviewLink {
    /// The token, shown this once (only its hash is kept): read the preview at
    /// `GET /api/v1/preview/{token}` or with GraphQL `articlePreview(token:)`.
    pub token: String,
    /// The preview's address in this API.
    pub url: String,
    pub link: PreviewLinkDto,
}

/// The preview links of an article, newest first.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreviewLinkList {
    pub items: Vec<PreviewLinkDto>,
}

/// Makes a preview link of an article (its author, EDITOR, ADMIN).
#[utoipa::path(post, path = "/articles/{idOrSlug}/preview-links", operation_id = "createPreviewLink", tag = "previews",
    params(("idOrSlug" = String, Path, description = "The article's id (a UUID or its GraphQL global id) or slug")),
    request_body = NewPreviewLinkBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Made; the token is shown this once", body = CreatedPreviewLink),
        (status = 400, response = crate::api::responses::BadRequest),
        (status = 401, description = "No or a bad access token", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither the article's author nor an editor", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::api::responses::NotFound),
        (status = 415, response = crate::api::responses::NotJson),
        (status = 503, response = crate::api::responses::Unavailable),
    ))]
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(raw): PathParam,
    JsonBody(body): JsonBody<NewPreviewLinkBody>,
) -> AppResult<(StatusCode, Json<CreatedPreviewLink>)> {
    let now = state.clock.now();
    let viewer = crate::http::viewer::from_headers(&headers, &state.keys, now)?;
    let id = staff_article(&state, &viewer, &raw, &headers).await?;
    let issued =
        previews::create(state.conn(), &viewer, id, body.expires_in, "expiresIn", now).await?;
    let url = crate::presentation::links::api_url(
        &state.config.public_base_url,
        &format!("/preview/{}", issued.token),
    );
    Ok((
        StatusCode::CREATED,
        Json(CreatedPreviewLink {
            token: issued.token,
            url,
            link: issued.link.into(),
        }),
    ))
}

/// The preview links of an article, newest first, expired and revoked ones too
/// (its author, EDITOR, ADMIN).
#[utoipa::path(get, path = "/articles/{idOrSlug}/preview-links", operation_id = "listPreviewLinks", tag = "previews",
    params(("idOrSlug" = String, Path, description = "The article's id (a UUID or its GraphQL global id) or slug")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The links", body = PreviewLinkList),
        (status = 401, description = "No or a bad access token", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither the article's author nor an editor", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::api::responses::NotFound),
        (status = 503, response = crate::api::responses::Unavailable),
    ))]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(raw): PathParam,
) -> AppResult<Response> {
    let now = state.clock.now();
    let viewer = crate::http::viewer::from_headers(&headers, &state.keys, now)?;
    let id = staff_article(&state, &viewer, &raw, &headers).await?;
    let links = previews::list(state.conn(), &viewer, id).await?;
    let items = links.into_iter().map(PreviewLinkDto::from).collect();
    Ok(private(Json(PreviewLinkList { items }).into_response()))
}

/// Revokes a preview link (the article's author, EDITOR, ADMIN): it stops working
/// at once on every instance. Revoking twice is harmless.
#[utoipa::path(delete, path = "/preview-links/{id}", operation_id = "revokePreviewLink", tag = "previews",
    params(("id" = String, Path, description = "The link's id (a UUID or its GraphQL global id)")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Revoked", body = PreviewLinkDto),
        (status = 401, description = "No or a bad access token", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither the article's author nor an editor", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::api::responses::NotFound),
        (status = 503, response = crate::api::responses::Unavailable),
    ))]
pub async fn revoke(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(raw): PathParam,
) -> AppResult<Json<PreviewLinkDto>> {
    let now = state.clock.now();
    let viewer = crate::http::viewer::from_headers(&headers, &state.keys, now)?;
    let IdOrSlug::Id(id) = IdOrSlug::parse(&raw, NodeKind::PreviewLink) else {
        return Err(AppError::NotFound("preview link"));
    };
    let link = previews::revoke(state.conn(), &viewer, id, now).await?;
    Ok(Json(link.into()))
}

/// The article a preview link shows, as it is now (a draft too), for anyone holding
/// the token; no sign-in needed. Never cached: `Cache-Control: private, no-store`.
#[utoipa::path(get, path = "/preview/{token}", operation_id = "getPreview", tag = "previews",
    params(("token" = String, Path, description = "The token `createPreviewLink` gave")),
    responses(
        (status = 200, description = "The article as it is now",
            body = ArticleDetail,
            headers(("Cache-Control" = String, description = "Always `private, no-store`"))),
        (status = 404, description = "Not a live link: unknown, expired or revoked", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 503, response = crate::api::responses::Unavailable),
    ))]
pub async fn show(State(state): State<AppState>, PathParam(token): PathParam) -> Response {
    match preview(&state, &token).await {
        Ok(response) => response,
        // Refusals are private too: whether a token works is its holder's business.
        Err(err) => private(err.into_response()),
    }
}

async fn preview(state: &AppState, token: &str) -> AppResult<Response> {
    let now = state.clock.now();
    let article = previews::open(state.conn(), token, now).await?;
    // What the article links to is read as the public sees it: a preview shows the
    // article's own text, not other unpublished work.
    let loaders = state.loaders(ArticleScope::public(now));
    let part = parts::load_one(&loaders, &article, Detail::Full, &state.file_urls()).await?;
    let extras = Extras {
        related: Vec::new(),
        translations: Vec::new(),
        comment_count: 0,
        comments_open: false,
    };
    let config = &state.config;
    let detail = ArticleDetail::new(
        &article,
        &part,
        extras,
        &config.public_base_url,
        &config.site,
    );
    Ok(private(Json(detail).into_response()))
}

/// `response` for its holder alone: no cache keeps it, no search engine indexes it,
/// and the token in the address is not sent on as a referrer.
fn private(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    headers.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// The id of the article a path names, for someone who writes articles: whether
/// they may act on it is the editorial layer's to say (403 for another's draft, as
/// in GraphQL); whoever cannot write articles at all learns nothing of it.
async fn staff_article(
    state: &AppState,
    viewer: &crate::auth::Viewer,
    raw: &str,
    headers: &HeaderMap,
) -> AppResult<Uuid> {
    authorize(viewer, Action::CreateArticle)?;
    let scope = ArticleScope {
        access: Access::All,
        now: state.clock.now(),
        notices: true,
    };
    let (article, _) = resolve::article(state.conn(), &scope, raw, None, headers).await?;
    Ok(article.id)
}
