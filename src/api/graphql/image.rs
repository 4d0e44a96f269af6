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

/// A picture: an uploaded image, with its renditions, texts and focal point, or a
/// picture linked by its address (an article's `coverImageUrl`), which has only
/// `url` and `alt`.
pub enum Image {
    /// Linked by its address.
    Linked {
        /// Absolute URL of the picture.
        url: String,
        alt: Option<String>,
    },
    /// Uploaded here. Its files are made after the upload: while `state` is
    /// PENDING, `url` gives the original.
    Uploaded(Box<MediaView>),
}

fn service<'a>(ctx: &Context<'a>) -> &'a Media {
    ctx.data_unchecked::<Media>()
}

fn file_url(ctx: &Context<'_>, file: &crate::entity::media_rendition::Model) -> String {
    let base = ctx.data_unchecked::<ApiBase>();
    service(ctx).url(&base.0, file)
}

/// A picture: an uploaded image (with its renditions, texts and focal point), or a
/// picture linked by its address, which has only `url` and `alt`.
#[Object]
impl Image {
    /// Global id of an uploaded image; null for a linked picture.
    async fn id(&self) -> Option<ID> {
        self.uploaded()
            .map(|view| ids::encode(NodeKind::Image, view.media.id))
    }

    /// Width of the original in pixels, upright; null for a linked picture.
    async fn width(&self) -> Option<i32> {
        self.uploaded().map(|view| view.media.width)
    }

    /// Height of the original in pixels, upright; null for a linked picture.
    async fn height(&self) -> Option<i32> {
        self.uploaded().map(|view| view.media.height)
    }

    /// The format uploaded and kept for the original.
    async fn format(&self) -> Option<ImageFormat> {
        self.uploaded().map(|view| view.media.format)
    }

    /// Size of the upload in bytes.
    async fn byte_size(&self) -> Option<i32> {
        self.uploaded()
            .map(|view| i32::try_from(view.media.bytes).unwrap_or(i32::MAX))
    }

    /// PENDING while renditions are made, then READY (or FAILED).
    async fn state(&self) -> Option<MediaState> {
        self.uploaded().map(|view| view.media.state)
    }

    /// Text describing the picture for those who cannot see it: of an uploaded
    /// image in `lang` (default: the request's `Accept-Language`, else RU), falling
    /// back as names do.
    async fn alt(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language wanted; default: the request's `Accept-Language`, else RU."
        )]
        lang: Option<Language>,
    ) -> Option<String> {
        match self {
            Image::Linked { alt, .. } => alt.clone(),
            Image::Uploaded(view) => text(ctx, view, TextField::Alt, lang),
        }
    }

    /// The caption, in `lang`, falling back as names do.
    async fn caption(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language wanted; default: the request's `Accept-Language`, else RU."
        )]
        lang: Option<Language>,
    ) -> Option<String> {
        self.uploaded()
            .and_then(|view| text(ctx, view, TextField::Caption, lang))
    }

    /// Who made the picture, in `lang`, falling back as names do.
    async fn credit(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language wanted; default: the request's `Accept-Language`, else RU."
        )]
        lang: Option<Language>,
    ) -> Option<String> {
        self.uploaded()
            .and_then(|view| text(ctx, view, TextField::Credit, lang))
    }

    /// Where crops are centred.
    async fn focal_point(&self) -> Option<FocalPoint> {
        self.uploaded().map(|view| FocalPoint {
            x: view.media.focal_x,
            y: view.media.focal_y,
        })
    }

    /// Absolute URL of the picture. For an uploaded image, the rendition for a
    /// display `width` pixels wide: the narrowest at least that wide, else the
    /// widest (default: the widest); the original until the renditions are made.
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
    ) -> async_graphql::Result<String> {
        let width = match width {
            Some(w) if w < 1 => return Err(AppError::bad_input("width", "at least 1").into()),
            other => other.map(|w| w as u32),
        };
        let view = match self {
            Image::Linked { url, .. } => return Ok(url.clone()),
            Image::Uploaded(view) => view,
        };
        pick::rendition(view, kind, format, width)
            .or_else(|| pick::original(view))
            .map(|r| file_url(ctx, r))
            .ok_or_else(|| {
                AppError::Internal(format!("image {} has no file", view.media.id)).into()
            })
    }

    /// Every width of a kind in a format, as an HTML `srcset` (`… 320w, … 640w`);
    /// null for a linked picture.
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
    ) -> Option<String> {
        self.uploaded().map(|view| {
            pick::widths(view, kind, format)
                .into_iter()
                .map(|r| format!("{} {}w", file_url(ctx, r), r.width))
                .collect::<Vec<_>>()
                .join(", ")
        })
    }

    /// Every stored file: the original first, then the renditions.
    async fn renditions(&self, ctx: &Context<'_>) -> Vec<ImageRendition> {
        let Some(view) = self.uploaded() else {
            return Vec::new();
        };
        view.renditions
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
    async fn created_at(&self) -> Option<DateTime<Utc>> {
        self.uploaded().map(|view| view.media.created_at)
    }

    /// When its texts, focal point or state last changed.
    async fn updated_at(&self) -> Option<DateTime<Utc>> {
        self.uploaded().map(|view| view.media.updated_at)
    }
}

impl Image {
    fn uploaded(&self) -> Option<&MediaView> {
        match self {
            Image::Linked { .. } => None,
            Image::Uploaded(view) => Some(view.as_ref()),
        }
    }
}

/// The uploaded image `id`, if any, loaded with the others of the request.
pub async fn photo(
    ctx: &Context<'_>,
    id: Option<uuid::Uuid>,
) -> async_graphql::Result<Option<Image>> {
    let Some(id) = id else {
        return Ok(None);
    };
    Ok(ctx
        .loaders()
        .load_one(crate::store::loaders::MediaById(id))
        .await?
        .map(|view| Image::Uploaded(Box::new(view))))
}

fn text(
    ctx: &Context<'_>,
    view: &MediaView,
    field: TextField,
    lang: Option<Language>,
) -> Option<String> {
    let lang = NamesIn::default().pick(lang, ctx);
    texts::pick(&view.media, field, lang).map(str::to_owned)
}

/// Where crops are centred: 0..1 from the left and from the top.
#[derive(SimpleObject)]
pub struct FocalPoint {
    /// From the left edge (0) to the right (1).
    pub x: f64,
    /// From the top edge (0) to the bottom (1).
    pub y: f64,
}

/// One stored file of an image.
#[derive(SimpleObject)]
pub struct ImageRendition {
    /// The original, the whole picture, or a crop.
    pub kind: RenditionKind,
    /// Its file format.
    pub format: ImageFormat,
    /// Its width in pixels.
    pub width: i32,
    /// Its height in pixels.
    pub height: i32,
    /// Its size in bytes.
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
            Ok(view) => Ok(Some(Image::Uploaded(Box::new(view)))),
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
    /// Alt text in Russian.
    pub alt_ru: Option<String>,
    /// Alt text in Kazakh.
    pub alt_kk: Option<String>,
    /// Alt text in English.
    pub alt_en: Option<String>,
    /// Caption in Russian.
    pub caption_ru: Option<String>,
    /// Caption in Kazakh.
    pub caption_kk: Option<String>,
    /// Caption in English.
    pub caption_en: Option<String>,
    /// Credit in Russian.
    pub credit_ru: Option<String>,
    /// Credit in Kazakh.
    pub credit_kk: Option<String>,
    /// Credit in English.
    pub credit_en: Option<String>,
}

/// What to change; a text sent empty is removed, one left out is kept.
#[derive(InputObject, Default)]
pub struct UpdateMediaInput {
    /// Alt text in Russian.
    pub alt_ru: Option<String>,
    /// Alt text in Kazakh.
    pub alt_kk: Option<String>,
    /// Alt text in English.
    pub alt_en: Option<String>,
    /// Caption in Russian.
    pub caption_ru: Option<String>,
    /// Caption in Kazakh.
    pub caption_kk: Option<String>,
    /// Caption in English.
    pub caption_en: Option<String>,
    /// Credit in Russian.
    pub credit_ru: Option<String>,
    /// Credit in Kazakh.
    pub credit_kk: Option<String>,
    /// Credit in English.
    pub credit_en: Option<String>,
    /// Moving it makes the WIDE and SQUARE crops again.
    pub focal_point: Option<FocalPointInput>,
}

/// A focal point: x and y from 0 to 1.
#[derive(InputObject)]
pub struct FocalPointInput {
    /// From the left edge (0) to the right (1).
    pub x: f64,
    /// From the top edge (0) to the bottom (1).
    pub y: f64,
}

/// An image uploaded or changed.
#[derive(SimpleObject)]
pub struct MediaPayload {
    /// The image as it is now.
    pub image: Image,
    /// False when the same file had been uploaded before: this is that image.
    pub created: bool,
}

/// The outcome of `deleteMedia`.
#[derive(SimpleObject)]
pub struct DeleteMediaPayload {
    /// Whether there was such an image.
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
        #[graphql(desc = "The file and its texts.")] input: UploadMediaInput,
    ) -> async_graphql::Result<MediaPayload> {
        let viewer = *ctx.viewer();
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
            image: Image::Uploaded(Box::new(uploaded.view)),
            created: uploaded.created,
        })
    }

    /// Changes an image's texts and focal point (its uploader, or an editor). The
    /// articles, meetings and people showing it change with it: their `updatedAt` moves,
    /// and delta sync, webhooks and cache purges report them.
    async fn update_media(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the image.")] id: ID,
        #[graphql(desc = "What to change.")] input: UpdateMediaInput,
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
            image: Image::Uploaded(Box::new(view)),
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
