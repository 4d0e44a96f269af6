//! Uploaded images in GraphQL: `media(id)`, the `Image` type with its addresses at
//! any width, and the mutations that upload (the GraphQL multipart request spec),
//! change and delete them. The rules are in [`crate::media`].

use std::io::Read;

use async_graphql::{Context, ID, InputObject, Object, SimpleObject, Upload};
use chrono::{DateTime, Utc};

use super::{
    context::ContextExt,
    ids::{self, NodeKind},
    names::NamesIn,
};
use crate::{
    domain::{ImageFormat, Language, MediaState, RenditionKind},
    error::AppError,
    media::{self, Media, MediaChanges, MediaView, TextChange, TextField, pick, texts},
    presentation::links::ApiBase,
};

/// An uploaded image. Its files are made after the upload: while `state` is
/// PENDING, `url` gives the original.
pub struct Image(pub MediaView);

fn service<'a>(ctx: &Context<'a>) -> &'a Media {
    ctx.data_unchecked::<Media>()
}

fn file_url(ctx: &Context<'_>, file: &crate::entity::media_rendition::Model) -> String {
    let base = ctx.data_unchecked::<ApiBase>();
    service(ctx).url(&base.0, file)
}

#[Object]
impl Image {
    /// Global id of the image.
    async fn id(&self) -> ID {
        ids::encode(NodeKind::Image, self.0.media.id)
    }

    /// Width of the original in pixels, upright.
    async fn width(&self) -> i32 {
        self.0.media.width
    }

    /// Height of the original in pixels, upright.
    async fn height(&self) -> i32 {
        self.0.media.height
    }

    /// The format uploaded and kept for the original.
    async fn format(&self) -> ImageFormat {
        self.0.media.format
    }

    /// Size of the upload in bytes.
    async fn byte_size(&self) -> i32 {
        i32::try_from(self.0.media.bytes).unwrap_or(i32::MAX)
    }

    /// PENDING while renditions are made, then READY (or FAILED).
    async fn state(&self) -> MediaState {
        self.0.media.state
    }

    /// What the picture shows, for those who cannot see it, in `lang` (default: the
    /// request's `Accept-Language`, else RU), falling back as names do.
    async fn alt(&self, ctx: &Context<'_>, lang: Option<Language>) -> Option<String> {
        self.text(ctx, TextField::Alt, lang)
    }

    /// The caption, in `lang`, falling back as names do.
    async fn caption(&self, ctx: &Context<'_>, lang: Option<Language>) -> Option<String> {
        self.text(ctx, TextField::Caption, lang)
    }

    /// Who made the picture, in `lang`, falling back as names do.
    async fn credit(&self, ctx: &Context<'_>, lang: Option<Language>) -> Option<String> {
        self.text(ctx, TextField::Credit, lang)
    }

    /// Where crops are centred.
    async fn focal_point(&self) -> FocalPoint {
        FocalPoint {
            x: self.0.media.focal_x,
            y: self.0.media.focal_y,
        }
    }

    /// The address of the rendition for a display `width` pixels wide: the
    /// narrowest at least that wide, else the widest (default: the widest).
    async fn url(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Display width in pixels.")] width: Option<i32>,
        #[graphql(desc = "WEBP (default) or JPEG.", default_with = "ImageFormat::Webp")]
        format: ImageFormat,
        #[graphql(
            desc = "WIDTH (the whole picture, default), WIDE (16:9 crop) or SQUARE (1:1 crop).",
            default_with = "RenditionKind::Width"
        )]
        kind: RenditionKind,
    ) -> async_graphql::Result<Option<String>> {
        let width = match width {
            Some(w) if w < 1 => return Err(AppError::bad_input("width", "at least 1").into()),
            other => other.map(|w| w as u32),
        };
        Ok(pick::rendition(&self.0, kind, format, width).map(|r| file_url(ctx, r)))
    }

    /// Every width of a kind in a format, as an HTML `srcset` (`… 320w, … 640w`).
    async fn srcset(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "WEBP (default) or JPEG.", default_with = "ImageFormat::Webp")]
        format: ImageFormat,
        #[graphql(
            desc = "WIDTH (default), WIDE or SQUARE.",
            default_with = "RenditionKind::Width"
        )]
        kind: RenditionKind,
    ) -> String {
        pick::widths(&self.0, kind, format)
            .into_iter()
            .map(|r| format!("{} {}w", file_url(ctx, r), r.width))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every stored file: the original first, then the renditions.
    async fn renditions(&self, ctx: &Context<'_>) -> Vec<ImageRendition> {
        self.0
            .renditions
            .iter()
            .map(|r| ImageRendition {
                kind: r.kind,
                format: r.format,
                width: r.width,
                height: r.height,
                byte_size: i32::try_from(r.bytes).unwrap_or(i32::MAX),
                url: file_url(ctx, r),
            })
            .collect()
    }

    /// When it was uploaded.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.media.created_at
    }

    /// When its texts, focal point or state last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.media.updated_at
    }
}

impl Image {
    fn text(&self, ctx: &Context<'_>, field: TextField, lang: Option<Language>) -> Option<String> {
        let lang = NamesIn::default().pick(lang, ctx);
        texts::pick(&self.0.media, field, lang).map(str::to_owned)
    }
}

/// Where crops are centred: 0..1 from the left and from the top.
#[derive(SimpleObject)]
pub struct FocalPoint {
    pub x: f64,
    pub y: f64,
}

/// One stored file of an image.
#[derive(SimpleObject)]
pub struct ImageRendition {
    pub kind: RenditionKind,
    pub format: ImageFormat,
    pub width: i32,
    pub height: i32,
    pub byte_size: i32,
    /// Where to fetch it; it never changes.
    pub url: String,
}

#[derive(Default)]
pub struct ImageQuery;

#[Object]
impl ImageQuery {
    /// An uploaded image.
    async fn media(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the image.")] id: ID,
    ) -> async_graphql::Result<Option<Image>> {
        let id = ids::decode_as(&id, NodeKind::Image, "id")?;
        match service(ctx).get(ctx.db(), id).await {
            Ok(view) => Ok(Some(Image(view))),
            Err(AppError::NotFound(_)) => Ok(None),
            Err(err) => Err(err.into()),
        }
    }
}

/// An image to upload, sent as the GraphQL multipart request spec says (the
/// `operations` and `map` fields, then the file).
#[derive(InputObject)]
pub struct UploadMediaInput {
    /// JPEG, PNG or WebP, recognised by its bytes; at most `MEDIA_MAX_BYTES`.
    pub file: Upload,
    pub alt_ru: Option<String>,
    pub alt_kk: Option<String>,
    pub alt_en: Option<String>,
    pub caption_ru: Option<String>,
    pub caption_kk: Option<String>,
    pub caption_en: Option<String>,
    pub credit_ru: Option<String>,
    pub credit_kk: Option<String>,
    pub credit_en: Option<String>,
}

/// What to change; a text sent empty is removed, one left out is kept.
#[derive(InputObject, Default)]
pub struct UpdateMediaInput {
    pub alt_ru: Option<String>,
    pub alt_kk: Option<String>,
    pub alt_en: Option<String>,
    pub caption_ru: Option<String>,
    pub caption_kk: Option<String>,
    pub caption_en: Option<String>,
    pub credit_ru: Option<String>,
    pub credit_kk: Option<String>,
    pub credit_en: Option<String>,
    /// Moving it makes the WIDE and SQUARE crops again.
    pub focal_point: Option<FocalPointInput>,
}

/// A focal point: x and y from 0 to 1.
#[derive(InputObject)]
pub struct FocalPointInput {
    pub x: f64,
    pub y: f64,
}

/// An image uploaded or changed.
#[derive(SimpleObject)]
pub struct MediaPayload {
    pub image: Image,
    /// False when the same file had been uploaded before: this is that image.
    pub created: bool,
}

/// The outcome of `deleteMedia`.
#[derive(SimpleObject)]
pub struct DeleteMediaPayload {
    pub deleted: bool,
}

/// The texts of an input, each with the name it has there.
fn text_changes(values: [Option<String>; 9]) -> Vec<TextChange> {
    let slots = TextField::ALL
        .into_iter()
        .flat_map(|f| [Language::Ru, Language::Kk, Language::En].map(move |l| (f, l)));
    slots
        .zip(values)
        .filter_map(|((field, lang), value)| {
            value.map(|value| TextChange {
                field,
                lang,
                value: Some(value),
                named: format!("input.{}", field.input_name(lang)),
            })
        })
        .collect()
}

#[derive(Default)]
pub struct ImageMutation;

#[Object]
impl ImageMutation {
    /// Uploads an image (AUTHOR and up): send the request as multipart/form-data per
    /// the GraphQL multipart request spec, with an `Apollo-Require-Preflight` or
    /// `GraphQL-Preflight` header. The same file uploaded again answers the image
    /// already stored, with `created: false`.
    async fn upload_media(
        &self,
        ctx: &Context<'_>,
        input: UploadMediaInput,
    ) -> async_graphql::Result<MediaPayload> {
        let viewer = ctx.viewer().clone();
        crate::auth::permissions::authorize(
            &viewer,
            crate::auth::permissions::Action::UploadMedia,
        )?;
        let file = input
            .file
            .value(ctx)
            .map_err(|_| AppError::bad_input("file", "the file is missing from the request"))?;
        let bytes = tokio::task::spawn_blocking(move || {
            let mut bytes = Vec::new();
            file.into_read().read_to_end(&mut bytes).map(|_| bytes)
        })
        .await
        .map_err(|e| AppError::Internal(format!("reading an upload: {e}")))?
        .map_err(|e| AppError::Internal(format!("reading an upload: {e}")))?;
        let upload = media::Upload {
            bytes,
            field: "file".into(),
            texts: text_changes([
                input.alt_ru,
                input.alt_kk,
                input.alt_en,
                input.caption_ru,
                input.caption_kk,
                input.caption_en,
                input.credit_ru,
                input.credit_kk,
                input.credit_en,
            ]),
        };
        let uploaded = service(ctx)
            .upload(ctx.db(), ctx.clock(), &viewer, upload)
            .await?;
        Ok(MediaPayload {
            image: Image(uploaded.view),
            created: uploaded.created,
        })
    }

    /// Changes an image's texts and focal point (its uploader, or an editor).
    async fn update_media(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the image.")] id: ID,
        input: UpdateMediaInput,
    ) -> async_graphql::Result<MediaPayload> {
        let id = ids::decode_as(&id, NodeKind::Image, "id")?;
        let changes = MediaChanges {
            texts: text_changes([
                input.alt_ru,
                input.alt_kk,
                input.alt_en,
                input.caption_ru,
                input.caption_kk,
                input.caption_en,
                input.credit_ru,
                input.credit_kk,
                input.credit_en,
            ]),
            focal: input.focal_point.map(|p| {
                (
                    p.x,
                    p.y,
                    ["input.focalPoint.x".into(), "input.focalPoint.y".into()],
                )
            }),
        };
        let view = service(ctx)
            .update(ctx.db(), ctx.clock(), ctx.viewer(), id, changes)
            .await?;
        Ok(MediaPayload {
            image: Image(view),
            created: false,
        })
    }

    /// Deletes an image and its files (its uploader, or an editor).
    async fn delete_media(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the image.")] id: ID,
    ) -> async_graphql::Result<DeleteMediaPayload> {
        let id = ids::decode_as(&id, NodeKind::Image, "id")?;
        let deleted = service(ctx).delete(ctx.db(), ctx.viewer(), id).await?;
        Ok(DeleteMediaPayload { deleted })
    }
}
