//! Uploaded images over REST: `POST /media` (multipart/form-data) for staff, the
//! image by id for everyone, and `PATCH`/`DELETE` for its uploader or an editor.
//! The rules are in [`crate::media`].

use axum::{
    Json,
    extract::{FromRequest, Multipart, Request, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{
    api::graphql::ids::{self, NodeKind},
    domain::{ImageFormat, Language, MediaState, RenditionKind},
    error::{AppError, AppResult, Problem},
    http::{
        body,
        extract::{JsonBody, PathParam},
        viewer,
    },
    media::{MediaChanges, MediaView, TextChange, TextField, Upload, texts},
    state::AppState,
};

/// An image in three languages; a text not written is `null`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Texts {
    pub ru: Option<String>,
    pub kk: Option<String>,
    pub en: Option<String>,
}

/// Where crops of the image are centred: 0..1 from the left and from the top.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FocalPointDto {
    pub x: f64,
    pub y: f64,
}

/// One stored file of an image.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RenditionDto {
    /// ORIGINAL (the upload without its metadata), WIDTH (the whole picture),
    /// WIDE (16:9 crop) or SQUARE (1:1 crop).
    pub kind: RenditionKind,
    pub format: ImageFormat,
    pub width: i32,
    pub height: i32,
    pub bytes: i64,
    /// Where to fetch it; the file never changes (a new crop has a new address).
    pub url: String,
}

/// An uploaded image with its renditions.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MediaDto {
    pub id: Uuid,
    /// The global id GraphQL knows it by.
    pub global_id: String,
    /// The format uploaded and kept.
    pub format: ImageFormat,
    /// Upright, after the EXIF orientation was applied.
    pub width: i32,
    pub height: i32,
    /// The size of the upload.
    pub bytes: i64,
    /// SHA-256 of the upload, lowercase hex: the same file uploaded again is this image.
    pub content_hash: String,
    pub alt: Texts,
    pub caption: Texts,
    pub credit: Texts,
    pub focal_point: FocalPointDto,
    /// PENDING while renditions are made, then READY (or FAILED).
    pub state: MediaState,
    /// The original, as stored.
    pub url: Option<String>,
    /// The original first, then the renditions by kind, format and width.
    pub renditions: Vec<RenditionDto>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl MediaDto {
    pub fn new(state: &AppState, view: MediaView) -> MediaDto {
        let base = &state.config.public_base_url;
        let texts_of = |field| {
            let [ru, kk, en] = texts::all(&view.media, field).map(|t| t.map(str::to_owned));
            Texts { ru, kk, en }
        };
        let renditions: Vec<RenditionDto> = view
            .renditions
            .iter()
            .map(|r| RenditionDto {
                kind: r.kind,
                format: r.format,
                width: r.width,
                height: r.height,
                bytes: r.bytes,
                url: state.media.url(base, r),
            })
            .collect();
        let m = &view.media;
        MediaDto {
            id: m.id,
            global_id: ids::encode(NodeKind::Image, m.id).to_string(),
            format: m.format,
            width: m.width,
            height: m.height,
            bytes: m.bytes,
            content_hash: m.content_hash.clone(),
            alt: texts_of(TextField::Alt),
            caption: texts_of(TextField::Caption),
            credit: texts_of(TextField::Credit),
            focal_point: FocalPointDto {
                x: m.focal_x,
                y: m.focal_y,
            },
            state: m.state,
            url: renditions
                .iter()
                .find(|r| r.kind == RenditionKind::Original)
                .map(|r| r.url.clone()),
            renditions,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

/// The form of an upload.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// The image: JPEG, PNG or WebP, recognised by its bytes.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    alt_ru: Option<String>,
    alt_kk: Option<String>,
    alt_en: Option<String>,
    caption_ru: Option<String>,
    caption_kk: Option<String>,
    caption_en: Option<String>,
    credit_ru: Option<String>,
    credit_kk: Option<String>,
    credit_en: Option<String>,
}

/// Uploads an image (AUTHOR and up). Its EXIF and other metadata are removed and
/// its orientation applied; renditions are made after the answer (see `state`).
/// The same file uploaded again answers the image already stored, with 200.
#[utoipa::path(post, path = "/media", operation_id = "uploadMedia", tag = "media",
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Stored; renditions are being made", body = MediaDto),
        (status = 200, description = "The same file was uploaded before: that image", body = MediaDto),
        (status = 400, response = crate::api::responses::BadRequest),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not upload", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Over MEDIA_MAX_BYTES or MEDIA_MAX_PIXELS; `errors[].field` is `file`", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not multipart/form-data", body = Problem, content_type = "application/problem+json"),
        (status = 503, response = crate::api::responses::Unavailable),
    ))]
pub async fn upload(State(state): State<AppState>, request: Request) -> Response {
    match upload_inner(&state, request).await {
        Ok(response) => response,
        Err(refused) => refused,
    }
}

async fn upload_inner(state: &AppState, request: Request) -> Result<Response, Response> {
    let now = state.clock.now();
    let viewer = viewer::from_headers(request.headers(), &state.keys, now)
        .map_err(IntoResponse::into_response)?;
    // Before reading a byte of the file: an anonymous upload is refused at once.
    crate::auth::permissions::authorize(&viewer, crate::auth::permissions::Action::UploadMedia)
        .map_err(IntoResponse::into_response)?;
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    if !is_form {
        let mut problem = Problem::bad_input_with_status(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the image as multipart/form-data with the field `file`",
        );
        problem.errors.push(crate::error::FieldError {
            field: "Content-Type".into(),
            message: problem.detail.clone(),
        });
        return Err(problem.into_response());
    }
    let max_bytes = state.media.settings.max_bytes;
    let mut form = Multipart::from_request(request, state)
        .await
        .map_err(|_| bad("body", "the multipart form cannot be read"))?;
    let mut upload = Upload {
        field: "file".into(),
        ..Upload::default()
    };
    let mut has_file = false;
    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(err) => return Err(form_error(&err, max_bytes)),
        };
        let name = field.name().unwrap_or("").to_owned();
        if name == "file" {
            upload.bytes = field
                .bytes()
                .await
                .map_err(|err| form_error(&err, max_bytes))?
                .to_vec();
            has_file = true;
            continue;
        }
        let Some((text, lang)) = text_field(&name) else {
            return Err(bad(&name, "not a field of an upload"));
        };
        let value = field
            .text()
            .await
            .map_err(|err| form_error(&err, max_bytes))?;
        upload.texts.push(TextChange {
            field: text,
            lang,
            value: Some(value),
            named: name,
        });
    }
    if !has_file {
        return Err(bad("file", "the form has no `file`"));
    }
    let uploaded = state
        .media
        .upload(state.conn(), &state.clock, &viewer, upload)
        .await
        .map_err(IntoResponse::into_response)?;
    let status = if uploaded.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let location = format!("/api/v1/media/{}", uploaded.view.media.id);
    let mut response = (status, Json(MediaDto::new(state, uploaded.view))).into_response();
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// The text and language a form field names (`alt_ru`, `credit_en`).
fn text_field(name: &str) -> Option<(TextField, Language)> {
    TextField::ALL.into_iter().find_map(|field| {
        [Language::Ru, Language::Kk, Language::En]
            .into_iter()
            .find(|lang| field.form_name(*lang) == name)
            .map(|lang| (field, lang))
    })
}

fn form_error(err: &axum::extract::multipart::MultipartError, max_bytes: u64) -> Response {
    // axum finds the body limit's error in the chain of causes.
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        body::upload_too_large(max_bytes).into_response()
    } else {
        bad("body", "the multipart form cannot be read")
    }
}

fn bad(field: &str, message: &str) -> Response {
    AppError::bad_input(field, message).into_response()
}

/// An image's id from the path: its UUID or its GraphQL global id.
fn media_id(raw: &str) -> AppResult<Uuid> {
    if let Ok(id) = Uuid::parse_str(raw) {
        return Ok(id);
    }
    match crate::domain::global_id::decode(raw) {
        Some((NodeKind::Image, id)) => Ok(id),
        _ => Err(AppError::NotFound("image")),
    }
}

/// An image with its renditions and their addresses; poll `state` after an upload.
#[utoipa::path(get, path = "/media/{id}", operation_id = "getMedia", tag = "media",
    params(("id" = String, Path, description = "The image's id (a UUID or its GraphQL global id)")),
    responses(
        (status = 200, description = "The image", body = MediaDto),
        (status = 404, response = crate::api::responses::NotFound),
        (status = 503, response = crate::api::responses::Unavailable),
    ))]
pub async fn show(State(state): State<AppState>, PathParam(raw): PathParam) -> AppResult<Response> {
    let view = state.media.get(state.conn(), media_id(&raw)?).await?;
    let mut response = Json(MediaDto::new(&state, view)).into_response();
    // Its state changes as renditions are made.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}

/// What `PATCH` changes; a text sent empty (or `null`) is removed.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MediaPatch {
    #[serde(default, deserialize_with = "present")]
    pub alt_ru: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub alt_kk: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub alt_en: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub caption_ru: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub caption_kk: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub caption_en: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub credit_ru: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub credit_kk: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub credit_en: Option<Option<String>>,
    /// Moving it makes the 16:9 and 1:1 crops again (the image is PENDING meanwhile).
    pub focal_point: Option<FocalPointDto>,
}

/// A field sent (even as `null`) is `Some`; a field left out stays `None`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// Changes an image's texts and focal point (its uploader, or an editor).
///
/// The articles, meetings and people showing it change with it: their `updatedAt`
/// moves, and delta sync, webhooks and cache purges report them.
#[utoipa::path(patch, path = "/media/{id}", operation_id = "updateMedia", tag = "media",
    params(("id" = String, Path, description = "The image's id (a UUID or its GraphQL global id)")),
    request_body = MediaPatch,
    responses(
        (status = 200, description = "The image as it is now", body = MediaDto),
        (status = 400, response = crate::api::responses::BadRequest),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the uploader nor an editor", body = Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::api::responses::NotFound),
        (status = 415, response = crate::api::responses::NotJson),
        (status = 503, response = crate::api::responses::Unavailable),
    ))]
pub async fn update(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(raw): PathParam,
    JsonBody(patch): JsonBody<MediaPatch>,
) -> AppResult<Json<MediaDto>> {
    let viewer = viewer::from_headers(&headers, &state.keys, state.clock.now())?;
    let id = media_id(&raw)?;
    let mut changes = MediaChanges::default();
    let sent = [
        (TextField::Alt, Language::Ru, patch.alt_ru),
        (TextField::Alt, Language::Kk, patch.alt_kk),
        (TextField::Alt, Language::En, patch.alt_en),
        (TextField::Caption, Language::Ru, patch.caption_ru),
        (TextField::Caption, Language::Kk, patch.caption_kk),
        (TextField::Caption, Language::En, patch.caption_en),
        (TextField::Credit, Language::Ru, patch.credit_ru),
        (TextField::Credit, Language::Kk, patch.credit_kk),
        (TextField::Credit, Language::En, patch.credit_en),
    ];
    for (field, lang, value) in sent {
        if let Some(value) = value {
            changes.texts.push(TextChange {
                field,
                lang,
                value,
                named: field.input_name(lang),
            });
        }
    }
    changes.focal = patch
        .focal_point
        .map(|p| (p.x, p.y, ["focalPoint.x".into(), "focalPoint.y".into()]));
    let view = state
        .media
        .update(state.conn(), &state.clock, &viewer, id, changes)
        .await?;
    Ok(Json(MediaDto::new(&state, view)))
}

/// Deletes an image and its files (its uploader, or an editor).
#[utoipa::path(delete, path = "/media/{id}", operation_id = "deleteMedia", tag = "media",
    params(("id" = String, Path, description = "The image's id (a UUID or its GraphQL global id)")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the uploader nor an editor", body = Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::api::responses::NotFound),
        (status = 503, response = crate::api::responses::Unavailable),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(raw): PathParam,
) -> AppResult<StatusCode> {
    let viewer = viewer::from_headers(&headers, &state.keys, state.clock.now())?;
    let id = media_id(&raw)?;
    if state.media.delete(state.conn(), &viewer, id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound("image"))
    }
}
