//! An article's pictures as REST, feeds, ninjs and JSON-LD show them: the uploaded
//! cover (with its renditions) when there is one, else the picture linked by its
//! address, and the gallery. One rule for every representation.

use std::collections::HashMap;

use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::{
    domain::{ImageFormat, Language, RenditionKind},
    entity::{article, media_rendition},
    error::AppResult,
    media::{FileUrls, MediaView, TextField, pick, texts},
    presentation::links::absolute,
    store,
};

/// The width feeds and syndication point at: large enough for a card, small
/// enough for a reader's download.
pub const FEED_WIDTH: u32 = 1024;

/// One stored file of an uploaded picture, with its address.
#[derive(Debug, Clone, PartialEq)]
pub struct PictureFile {
    pub url: String,
    pub kind: RenditionKind,
    pub format: ImageFormat,
    pub width: i32,
    pub height: i32,
    pub bytes: i64,
}

impl PictureFile {
    fn of(file: &media_rendition::Model, urls: &FileUrls) -> Self {
        PictureFile {
            url: urls.url(file),
            kind: file.kind,
            format: file.format,
            width: file.width,
            height: file.height,
            bytes: file.bytes,
        }
    }

    /// The media type it is served as.
    pub fn mime(&self) -> &'static str {
        self.format.mime()
    }
}

/// A picture shown with an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// The uploaded image's id; `None` for a picture linked by its address.
    pub id: Option<Uuid>,
    /// Where to fetch it: for an uploaded image, the JPEG of the whole picture
    /// nearest [`FEED_WIDTH`] (the original until its renditions are made).
    pub url: String,
    /// The file `url` points at (uploaded images only).
    pub main: Option<PictureFile>,
    /// The original's size in pixels (uploaded images only).
    pub width: Option<i32>,
    pub height: Option<i32>,
    /// Texts in the article's language, falling back as names do.
    pub alt: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// Every rendition (the original left out), by kind, format and width.
    pub files: Vec<PictureFile>,
}

impl Picture {
    /// An uploaded image, its texts in `lang`.
    pub fn uploaded(view: &MediaView, lang: Language, urls: &FileUrls) -> Self {
        let main = pick::rendition(
            view,
            RenditionKind::Width,
            ImageFormat::Jpeg,
            Some(FEED_WIDTH),
        )
        .or_else(|| pick::original(view))
        .map(|file| PictureFile::of(file, urls));
        let text = |field| texts::pick(&view.media, field, lang).map(str::to_owned);
        Picture {
            id: Some(view.media.id),
            url: main.as_ref().map(|m| m.url.clone()).unwrap_or_default(),
            main,
            width: Some(view.media.width),
            height: Some(view.media.height),
            alt: text(TextField::Alt),
            caption: text(TextField::Caption),
            credit: text(TextField::Credit),
            files: view
                .renditions
                .iter()
                .filter(|r| r.kind != RenditionKind::Original)
                .map(|r| PictureFile::of(r, urls))
                .collect(),
        }
    }

    /// A picture linked by its address; one kept as a path (the demo's) is on the
    /// API.
    pub fn linked(url: &str, alt: Option<&str>, api_base: &str) -> Self {
        Picture {
            id: None,
            url: absolute(api_base, url),
            main: None,
            width: None,
            height: None,
            alt: alt.map(str::to_owned),
            caption: None,
            credit: None,
            files: Vec::new(),
        }
    }

    /// The article's cover: the uploaded one when loaded, else the linked one.
    pub fn cover(
        article: &article::Model,
        uploaded: Option<&MediaView>,
        urls: &FileUrls,
    ) -> Option<Self> {
        match uploaded {
            Some(view) => Some(Picture::uploaded(view, article.lang, urls)),
            None => article.cover_image_url.as_deref().map(|url| {
                Picture::linked(url, article.cover_image_alt.as_deref(), &urls.api_base)
            }),
        }
    }

    /// The media type of the file `url` points at: known for an uploaded image,
    /// read from the address's extension for a linked one (JPEG when it says
    /// nothing).
    pub fn mime(&self) -> &'static str {
        if let Some(main) = &self.main {
            return main.mime();
        }
        let path = self.url.split(['?', '#']).next().unwrap_or("");
        let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        match ext.as_str() {
            "png" => "image/png",
            "webp" => "image/webp",
            "gif" => "image/gif",
            "svg" => "image/svg+xml",
            _ => "image/jpeg",
        }
    }

    /// The size in bytes of the file `url` points at; 0 when unknown (a linked
    /// picture), as RSS enclosures say it.
    pub fn byte_size(&self) -> i64 {
        self.main.as_ref().map_or(0, |m| m.bytes)
    }

    /// The pixel size of the file `url` points at, when known.
    pub fn main_size(&self) -> Option<(i32, i32)> {
        self.main.as_ref().map(|m| (m.width, m.height))
    }

    /// The widths of `kind` in `format` as an HTML `srcset`; `None` when there are
    /// none (a linked picture).
    pub fn srcset(&self, kind: RenditionKind, format: ImageFormat) -> Option<String> {
        let mut list: Vec<&PictureFile> = self
            .files
            .iter()
            .filter(|f| f.kind == kind && f.format == format)
            .collect();
        list.sort_by_key(|f| f.width);
        (!list.is_empty()).then(|| {
            list.iter()
                .map(|f| format!("{} {}w", f.url, f.width))
                .collect::<Vec<_>>()
                .join(", ")
        })
    }

    /// The files of `kind` in `format`, narrowest first.
    pub fn widths(&self, kind: RenditionKind, format: ImageFormat) -> Vec<&PictureFile> {
        let mut list: Vec<&PictureFile> = self
            .files
            .iter()
            .filter(|f| f.kind == kind && f.format == format)
            .collect();
        list.sort_by_key(|f| f.width);
        list
    }
}

/// The uploaded photos of the meetings and people one answer shows, read together:
/// a list costs the same two statements (the images, their files) whatever its
/// length, and none when nothing on it has a photo.
#[derive(Debug, Clone, Default)]
pub struct Photos {
    views: HashMap<Uuid, MediaView>,
    urls: FileUrls,
}

impl Photos {
    /// Reads the images `ids` name (the `photo_media_id` of each thing shown);
    /// `urls` say where their files are fetched.
    pub async fn load(
        db: &impl ConnectionTrait,
        urls: &FileUrls,
        ids: impl IntoIterator<Item = Option<Uuid>>,
    ) -> AppResult<Photos> {
        let mut ids: Vec<Uuid> = ids.into_iter().flatten().collect();
        ids.sort_unstable();
        ids.dedup();
        let views = store::media::views(db, &ids).await?;
        Ok(Photos::of(views, urls))
    }

    /// The photos among `views`, already read.
    pub fn of(views: impl IntoIterator<Item = MediaView>, urls: &FileUrls) -> Photos {
        Photos {
            views: views
                .into_iter()
                .map(|view| (view.media.id, view))
                .collect(),
            urls: urls.clone(),
        }
    }

    /// The photo `id` names, its texts in `lang`, shown as articles' pictures are.
    pub fn image(&self, id: Option<Uuid>, lang: Language) -> Option<Picture> {
        let view = self.views.get(&id?)?;
        Some(Picture::uploaded(view, lang, &self.urls))
    }
}
