//! Uploaded images: the one home of their rules, which REST and GraphQL both call.
//!
//! An upload is recognised by its bytes (JPEG, PNG or WebP), refused past the size
//! and pixel limits, decoded, turned upright and encoded again, so that nothing of
//! its metadata (EXIF with GPS, XMP, comments) is stored; the same bytes uploaded
//! again are the image already stored. Its renditions are made by [`jobs`], off
//! the request path.

pub mod jobs;
pub mod pick;
pub mod process;
pub mod settings;
pub mod shown;
pub mod storage;
pub mod texts;

use std::sync::Arc;

use sea_orm::{DatabaseConnection, DatabaseTransaction, sea_query::Expr};
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;
use uuid::Uuid;

use crate::{
    auth::{
        permissions::{Action, authorize},
        viewer::Viewer,
    },
    bus::ChangeBus,
    domain::{
        ImageFormat, MediaState, RenditionKind,
        media::{FocalPoint, file_name},
        time::Clock,
    },
    entity::{media, media_rendition},
    error::{AppError, AppResult},
    store,
};

pub use settings::MediaSettings;
pub use texts::{TextChange, TextField};

/// The media service: where files go and the workers that make renditions; cheap to
/// clone.
#[derive(Clone)]
pub struct Media {
    pub settings: Arc<MediaSettings>,
    files: storage::Files,
    pool: Arc<Semaphore>,
    /// Rendition jobs queued and not finished.
    outstanding: Arc<std::sync::atomic::AtomicUsize>,
    /// Woken when a job records a change (what shows an image whose crops it
    /// replaced): no request's end does it for a job.
    bus: ChangeBus,
    /// Where a test may stop the jobs ([`Media::hold_jobs`]).
    gate: Arc<jobs::Gate>,
}

pub use crate::store::media::MediaView;

/// The answer to an upload.
#[derive(Debug)]
pub struct Uploaded {
    pub view: MediaView,
    /// False when the same bytes had been uploaded before: this is that image.
    pub created: bool,
}

/// A file and what its texts say.
#[derive(Debug, Default)]
pub struct Upload {
    /// The bytes sent.
    pub bytes: Vec<u8>,
    /// How the client named the file's field (`file`, `input.file`).
    pub field: String,
    /// Its texts.
    pub texts: Vec<TextChange>,
}

/// What an update changes.
#[derive(Debug, Default)]
pub struct MediaChanges {
    pub texts: Vec<TextChange>,
    /// The new focal point, with the names of its two fields for errors.
    pub focal: Option<(f64, f64, [String; 2])>,
}

impl Media {
    /// Opens the storage and sizes the worker pool.
    pub fn open(settings: MediaSettings) -> Result<Media, String> {
        let files = storage::Files::open(&settings.storage)?;
        let pool = Arc::new(Semaphore::new(settings.workers.max(1)));
        Ok(Media {
            settings: Arc::new(settings),
            files,
            pool,
            outstanding: Arc::default(),
            bus: ChangeBus::default(),
            gate: Arc::default(),
        })
    }

    /// Stops every rendition job, from now on, once it has stored its files and
    /// before it records them, until the returned hold is dropped: for tests of
    /// what happens meanwhile (an image deleted, say).
    pub fn hold_jobs(&self) -> jobs::HeldJobs {
        jobs::hold(&self.gate)
    }

    /// The service whose jobs tell `bus` of the changes they record.
    pub fn on_bus(mut self, bus: ChangeBus) -> Media {
        self.bus = bus;
        self
    }

    /// Stores an upload from `viewer` (AUTHOR and up) and queues its renditions.
    pub async fn upload(
        &self,
        db: &DatabaseConnection,
        clock: &Clock,
        viewer: &Viewer,
        upload: Upload,
    ) -> AppResult<Uploaded> {
        authorize(viewer, Action::UploadMedia)?;
        let field = upload.field;
        if upload.bytes.len() as u64 > self.settings.max_bytes {
            return Err(too_large(&field, self.settings.max_bytes));
        }
        let Some(format) = ImageFormat::sniff(&upload.bytes) else {
            return Err(AppError::bad_input(
                field,
                "not a JPEG, PNG or WebP image (the file's bytes decide, not its name)",
            ));
        };
        let texts = upload
            .texts
            .into_iter()
            .map(texts::check)
            .collect::<AppResult<Vec<_>>>()?;
        let hash = sha256_hex(&upload.bytes);
        if let Some(existing) = store::media::find_by_hash(db, &hash).await? {
            return Ok(Uploaded {
                view: self.view_of(db, existing).await?,
                created: false,
            });
        }
        let max_pixels = self.settings.max_pixels;
        let size = upload.bytes.len() as i64;
        let cleaned = tokio::task::spawn_blocking(move || {
            process::clean(&upload.bytes, format, max_pixels)
        })
        .await
        .map_err(|e| AppError::Internal(format!("decoding worker: {e}")))?
        .map_err(|refusal| match refusal {
            process::Refusal::TooManyPixels => AppError::TooLarge(crate::error::FieldError {
                field: field.clone(),
                message: format!(
                    "the picture has more than {max_pixels} pixels, or a side longer than {} pixels",
                    settings::MAX_SIDE
                ),
            }),
            process::Refusal::Undecodable => AppError::bad_input(
                field.clone(),
                "the file is damaged or not the image its bytes claim",
            ),
        })?;
        let now = clock.now();
        let id = Uuid::now_v7();
        let mut row = media::Model {
            id,
            content_hash: hash.clone(),
            format,
            width: cleaned.image.width() as i32,
            height: cleaned.image.height() as i32,
            bytes: size,
            alt_ru: None,
            alt_kk: None,
            alt_en: None,
            caption_ru: None,
            caption_kk: None,
            caption_en: None,
            credit_ru: None,
            credit_kk: None,
            credit_en: None,
            focal_x: FocalPoint::default().x,
            focal_y: FocalPoint::default().y,
            state: MediaState::Pending,
            created_by: viewer.user_id(),
            created_at: now,
            updated_at: now,
        };
        for change in texts {
            texts::apply(&mut row, change);
        }
        let original = original_row(id, format, &cleaned);
        // The file first: a row never names a file that is not there.
        self.files.put(&original.key, cleaned.encoded).await?;
        if !store::media::insert(db, row).await? {
            // The same bytes were uploaded at the same moment by someone else.
            self.files.delete(&original.key).await?;
            let existing = store::media::find_by_hash(db, &hash)
                .await?
                .ok_or(AppError::NotFound("image"))?;
            return Ok(Uploaded {
                view: self.view_of(db, existing).await?,
                created: false,
            });
        }
        store::media::save_renditions(db, vec![original]).await?;
        jobs::queue(
            self,
            db.clone(),
            clock.clone(),
            id,
            jobs::ALL_KINDS.to_vec(),
        );
        Ok(Uploaded {
            view: self.get(db, id).await?,
            created: true,
        })
    }

    /// Queues again the renditions of every image still PENDING: an instance stopped
    /// while making them (or before its turn came) left them so. Making them again
    /// is safe: a file made twice replaces its row, and an image finished meanwhile
    /// by another instance only has its files made once more. The number queued.
    pub async fn resume(&self, db: &DatabaseConnection, clock: &Clock) -> AppResult<usize> {
        let pending = store::media::pending(db).await?;
        for id in &pending {
            jobs::queue(
                self,
                db.clone(),
                clock.clone(),
                *id,
                jobs::ALL_KINDS.to_vec(),
            );
        }
        Ok(pending.len())
    }

    /// Completes once no rendition job is running or waiting: for a command that
    /// uploads and then ends.
    pub async fn idle(&self) {
        while self.outstanding.load(std::sync::atomic::Ordering::SeqCst) > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }

    /// The image of `id`, with its files.
    pub async fn get(&self, db: &DatabaseConnection, id: Uuid) -> AppResult<MediaView> {
        let row = store::media::find(db, id)
            .await?
            .ok_or(AppError::NotFound("image"))?;
        self.view_of(db, row).await
    }

    async fn view_of(&self, db: &DatabaseConnection, media: media::Model) -> AppResult<MediaView> {
        let renditions = store::media::renditions(db, media.id).await?;
        Ok(MediaView { media, renditions })
    }

    /// Changes an image's texts and focal point (its uploader, or an editor); a
    /// moved focal point has its crops made again.
    pub async fn update(
        &self,
        db: &DatabaseConnection,
        clock: &Clock,
        viewer: &Viewer,
        id: Uuid,
        changes: MediaChanges,
    ) -> AppResult<MediaView> {
        let mut row = store::media::find(db, id)
            .await?
            .ok_or(AppError::NotFound("image"))?;
        authorize(
            viewer,
            Action::EditMedia {
                uploader: row.created_by,
            },
        )?;
        let before = row.clone();
        for change in changes.texts {
            texts::apply(&mut row, texts::check(change)?);
        }
        let mut moved = false;
        if let Some((x, y, [x_name, y_name])) = changes.focal {
            let focal = FocalPoint::new(x, y).map_err(|which| {
                let name = if which == "x" { x_name } else { y_name };
                AppError::bad_input(name, "a coordinate from 0 to 1")
            })?;
            moved = focal.x != row.focal_x || focal.y != row.focal_y;
            row.focal_x = focal.x;
            row.focal_y = focal.y;
        }
        // Texts or focal point: what the answers showing it say (a moved focal point
        // changes them again once its crops are made).
        let shown_differently = row != before;
        if moved {
            row.state = MediaState::Pending;
        }
        let now = clock.now();
        row.updated_at = now;
        let txn = crate::db::begin_write(db).await?;
        let saved = async {
            let row = store::media::update(&txn, row).await?;
            if shown_differently {
                shown::changed(&txn, id, now).await?;
            }
            Ok::<_, AppError>(row)
        }
        .await;
        let row = settle(txn, saved).await?;
        if moved {
            jobs::queue(self, db.clone(), clock.clone(), id, jobs::CROPS.to_vec());
        }
        self.view_of(db, row).await
    }

    /// Deletes an image and its files (its uploader, or an editor); whether there
    /// was one. An image that is an article's cover, in a gallery, or the photo of a
    /// meeting or a person is refused (a conflict naming where), so no page loses
    /// its picture.
    pub async fn delete(
        &self,
        db: &DatabaseConnection,
        viewer: &Viewer,
        id: Uuid,
    ) -> AppResult<bool> {
        let txn = crate::db::begin_write(db).await?;
        let found = async {
            // Locked: a rendition job recording its files meanwhile waits, and then
            // finds the image gone and removes them; one that recorded them first
            // has them listed here.
            let Some(row) = store::media::find_for_update(&txn, id).await? else {
                authorize(viewer, Action::UploadMedia)?;
                return Ok(None);
            };
            authorize(
                viewer,
                Action::EditMedia {
                    uploader: row.created_by,
                },
            )?;
            let uses = store::media::uses(&txn, id).await?;
            if !uses.is_empty() {
                return Err(AppError::Conflict(in_use(&uses)));
            }
            let files = store::media::renditions(&txn, id).await?;
            store::media::delete(&txn, id).await?;
            Ok::<_, AppError>(Some(files))
        }
        .await;
        let Some(files) = settle(txn, found).await? else {
            return Ok(false);
        };
        for file in files {
            self.files.delete(&file.key).await?;
        }
        Ok(true)
    }

    /// A stored file of an image, by its name, with its bytes.
    pub async fn file(
        &self,
        db: &DatabaseConnection,
        id: Uuid,
        name: &str,
    ) -> AppResult<(media_rendition::Model, axum::body::Bytes)> {
        let row = store::media::rendition(db, id, name)
            .await?
            .ok_or(AppError::NotFound("file"))?;
        let bytes = self.files.get(&row.key).await?;
        Ok((row, bytes))
    }

    /// Where clients fetch a stored file: under `MEDIA_PUBLIC_BASE_URL` when it is
    /// set, else from this service at `api_base`.
    pub fn url(&self, api_base: &str, file: &media_rendition::Model) -> String {
        self.urls(api_base).url(file)
    }

    /// The addresses of stored files, for an API at `api_base`.
    pub fn urls(&self, api_base: &str) -> FileUrls {
        FileUrls {
            api_base: api_base.trim_end_matches('/').to_owned(),
            public_base: self
                .settings
                .public_base_url
                .as_ref()
                .map(|b| b.trim_end_matches('/').to_owned()),
        }
    }
}

/// Where clients fetch stored files: one rule for every API and feed.
#[derive(Debug, Clone, Default)]
pub struct FileUrls {
    /// The API's own address (`PUBLIC_BASE_URL`), which serves `/media/{id}/{file}`.
    pub api_base: String,
    /// `MEDIA_PUBLIC_BASE_URL`, when files are fetched from elsewhere.
    pub public_base: Option<String>,
}

impl FileUrls {
    /// The address of one stored file.
    pub fn url(&self, file: &media_rendition::Model) -> String {
        match &self.public_base {
            Some(base) => format!("{base}/{}", file.key),
            None => format!("{}/media/{}/{}", self.api_base, file.media_id, file.file),
        }
    }

    /// [`Self::url`] in SQL, of the `media_renditions` row whose columns `column`
    /// names.
    pub fn tree_url(&self, column: crate::store::tree::ColumnOf<'_>) -> Expr {
        match &self.public_base {
            Some(base) => {
                Expr::cust_with_exprs("$1 || $2", [Expr::val(format!("{base}/")), column("key")])
            }
            None => Expr::cust_with_exprs(
                "$1 || ($2)::text || '/' || $3",
                [
                    Expr::val(format!("{}/media/", self.api_base)),
                    column("media_id"),
                    column("file"),
                ],
            ),
        }
    }
}

fn original_row(
    id: Uuid,
    format: ImageFormat,
    cleaned: &process::Cleaned,
) -> media_rendition::Model {
    let hash = sha256_hex(&cleaned.encoded);
    let name = file_name(RenditionKind::Original, 0, format, &hash);
    media_rendition::Model {
        id: Uuid::now_v7(),
        media_id: id,
        kind: RenditionKind::Original,
        format,
        width: cleaned.image.width() as i32,
        height: cleaned.image.height() as i32,
        bytes: cleaned.encoded.len() as i64,
        key: jobs::key(id, &name),
        file: name,
        content_hash: hash,
    }
}

/// Commits `txn` when `result` is a success, else rolls it back; `result` either way.
async fn settle<T>(txn: DatabaseTransaction, result: AppResult<T>) -> AppResult<T> {
    match result {
        Ok(value) => {
            txn.commit().await?;
            Ok(value)
        }
        Err(err) => {
            // The rollback's own failure would hide the reason: it is only logged.
            if let Err(rollback) = txn.rollback().await {
                tracing::warn!(error = %rollback, "rollback failed");
            }
            Err(err)
        }
    }
}

/// Where an image is used, as the refusal to delete it says.
fn in_use(uses: &store::media::Uses) -> String {
    let list = |what: &str, ids: &[Uuid]| {
        (!ids.is_empty()).then(|| {
            let ids: Vec<String> = ids.iter().map(Uuid::to_string).collect();
            format!("{what} {}", ids.join(", "))
        })
    };
    let places: Vec<String> = [
        list("the cover of article", &uses.covers),
        list("the gallery of article", &uses.galleries),
        list("the photo of meeting", &uses.meetings),
        list("the photo of person", &uses.participants),
    ]
    .into_iter()
    .flatten()
    .collect();
    format!(
        "the image is in use ({}); detach it first",
        places.join("; ")
    )
}

fn too_large(field: &str, max: u64) -> AppError {
    AppError::TooLarge(crate::error::FieldError {
        field: field.to_owned(),
        message: format!("the file is larger than the limit of {max} bytes"),
    })
}

/// Lowercase hex of the SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}
