//! The REST API under `/api/v1`: plain JSON reads of the published content.
//!
//! One module per resource, each with its own API types. Every query goes through
//! [`crate::store`], shared with GraphQL, so visibility, cursors and page sizes are
//! the same in both. Lists answer `{ "items": [...], "nextCursor": "..." | null }`;
//! errors are problem+json; successful reads carry `Cache-Control` and an `ETag`.

pub mod article_dto;
pub mod articles;
pub mod careers;
pub mod changes;
pub mod comments;
pub mod corrections;
pub mod media;
pub mod meetings;
pub mod organizations;
pub mod participants;
pub mod previews;
pub mod refs;
pub mod regions;
pub mod search;
pub mod sections;

use axum::{
    Router,
    routing::{delete, get, post, put},
};
use utoipa::OpenApi;

use crate::state::AppState;

/// The routes, to be nested under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/articles", get(articles::list))
        .route("/articles/featured", get(articles::featured))
        .route("/articles/{idOrSlug}", get(articles::show))
        .route(
            "/articles/{idOrSlug}/comments",
            get(comments::list).post(comments::create),
        )
        .route("/articles/{idOrSlug}/ninjs", get(articles::ninjs))
        .route("/articles/{idOrSlug}/corrections", post(corrections::add))
        .route(
            "/articles/{idOrSlug}/retraction",
            post(corrections::retract),
        )
        .route(
            "/articles/{idOrSlug}/preview-links",
            get(previews::list).post(previews::create),
        )
        .route("/preview-links/{id}", delete(previews::revoke))
        .route("/preview/{token}", get(previews::show))
        .route("/regions", get(regions::list))
        .route("/regions/{slugOrCode}", get(regions::show))
        .route("/meetings", get(meetings::list))
        .route("/meetings/{idOrSlug}", get(meetings::show))
        .route("/organizations", get(organizations::list))
        .route("/organizations/{idOrSlug}", get(organizations::show))
        .route("/participants", get(participants::list))
        .route("/participants/{idOrSlug}", get(participants::show))
        .route(
            "/participants/{idOrSlug}/positions",
            put(careers::positions),
        )
        .route("/participants/{idOrSlug}/honours", put(careers::honours))
        .route("/sections", get(sections::list))
        .route("/search", get(search::search))
        .route("/changes", get(changes::list))
        // Its own body limit (MEDIA_MAX_BYTES) is `http::body::limit`'s.
        .route(
            "/media",
            axum::routing::post(media::upload).layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route(
            "/media/{id}",
            get(media::show).patch(media::update).delete(media::delete),
        )
}

/// The REST part of the OpenAPI document (paths relative to `/api/v1`).
#[derive(OpenApi)]
#[openapi(
    paths(
        articles::list,
        articles::show,
        articles::ninjs,
        corrections::add,
        corrections::retract,
        previews::create,
        previews::list,
        previews::revoke,
        previews::show,
        articles::featured,
        comments::list,
        comments::create,
        regions::list,
        regions::show,
        meetings::list,
        meetings::show,
        organizations::list,
        organizations::show,
        participants::list,
        participants::show,
        careers::positions,
        careers::honours,
        search::search,
        sections::list,
        changes::list,
        media::upload,
        media::show,
        media::update,
        media::delete,
    ),
    components(responses(
        crate::api::responses::BadRequest,
        crate::api::responses::NotFound,
        crate::api::responses::Unavailable,
        crate::api::responses::NotModified,
        crate::api::responses::CursorExpired,
        crate::api::responses::NotJson,
    )),
    tags(
        (name = "articles", description = "Published news articles, one by one or in pages, and as IPTC ninjs"),
        (name = "previews", description = "Preview links: an article's current text, drafts too, for whoever holds a token"),
        (name = "comments", description = "Approved reader comments, and posting one"),
        (name = "regions", description = "The 20 first-level units of Kazakhstan (ISO 3166-2:KZ)"),
        (name = "meetings", description = "Councils, hearings, briefings and receptions of citizens"),
        (name = "organizations", description = "Councils, police departments and their divisions, ministries, local assemblies"),
        (name = "participants", description = "People who took part in meetings or are quoted"),
        (name = "sections", description = "The portal's fixed tree of sections (news, announcements, searches, road safety, ...)"),
        (name = "search", description = "Full-text search in Russian, Kazakh and English"),
        (name = "changes", description = "Delta sync: what changed in public view since a cursor, with tombstones"),
        (name = "media", description = "Uploaded images: upload (staff), renditions, texts and focal point"),
    ),
)]
pub struct RestApi;

/// The uploaded photos `ids` name (of meetings and people an answer shows), read
/// together.
async fn photos(
    state: &AppState,
    ids: impl IntoIterator<Item = Option<uuid::Uuid>>,
) -> crate::error::AppResult<crate::presentation::pictures::Photos> {
    crate::presentation::pictures::Photos::load(state.read_conn(), &state.file_urls(), ids).await
}
