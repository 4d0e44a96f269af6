//! Making renditions off the request path: each image's job waits for one of a few
//! permits (`MEDIA_WORKERS`) and does its pixel work on a blocking thread, so a burst
//! of uploads neither blocks the threads that answer reads nor runs more decoders
//! at once than the machine has room for.

use std::sync::atomic::{AtomicUsize, Ordering};

use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::{Media, process, storage::Files};
use crate::{
    domain::{
        MediaState, RenditionKind,
        media::{FocalPoint, file_name},
        time::Clock,
    },
    entity::media_rendition,
    error::{AppError, AppResult},
    store,
};

/// Every kind of rendition made of a new image.
pub const ALL_KINDS: [RenditionKind; 3] = [
    RenditionKind::Width,
    RenditionKind::Wide,
    RenditionKind::Square,
];
/// The kinds the focal point decides, made again when it moves.
pub const CROPS: [RenditionKind; 2] = [RenditionKind::Wide, RenditionKind::Square];

/// Queues the renditions of `kinds` of image `id`; the image is READY when they are
/// stored, FAILED if they cannot be made.
pub fn queue(
    media: &Media,
    db: DatabaseConnection,
    clock: Clock,
    id: Uuid,
    kinds: Vec<RenditionKind>,
) {
    let pool = media.pool.clone();
    let files = media.files.clone();
    let bus = media.bus.clone();
    let outstanding = media.outstanding.clone();
    outstanding.fetch_add(1, Ordering::SeqCst);
    tokio::spawn(async move {
        // Counted down however the job ends.
        let _done = Countdown(outstanding);
        let Ok(_permit) = pool.acquire_owned().await else {
            return;
        };
        match run(&db, &files, &clock, id, &kinds).await {
            Ok(Outcome::Done { focal, shown }) => {
                if shown {
                    bus.committed();
                }
                // A focal point moved while this job ran has its own job queued,
                // which sets the state when its crops are stored.
                let current = store::media::find(&db, id).await;
                if let Ok(Some(row)) = current
                    && row.focal_x == focal.x
                    && row.focal_y == focal.y
                {
                    finish(&db, &clock, id, MediaState::Ready).await;
                }
            }
            Ok(Outcome::Gone) => {}
            Err(err) => {
                tracing::error!(media = %id, error = %err.describe(), "renditions failed");
                finish(&db, &clock, id, MediaState::Failed).await;
            }
        }
    });
}

/// Takes one off a count when dropped.
struct Countdown(std::sync::Arc<AtomicUsize>);

impl Drop for Countdown {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

async fn finish(db: &DatabaseConnection, clock: &Clock, id: Uuid, state: MediaState) {
    if let Err(err) = store::media::set_state(db, id, state, clock.now()).await {
        tracing::error!(media = %id, error = %err.describe(), "recording the renditions' state");
    }
}

enum Outcome {
    /// Stored, with the crops made around `focal`; `shown`: things showing the
    /// image were marked changed.
    Done { focal: FocalPoint, shown: bool },
    /// The image was deleted before its turn.
    Gone,
}

async fn run(
    db: &DatabaseConnection,
    files: &Files,
    clock: &Clock,
    id: Uuid,
    kinds: &[RenditionKind],
) -> AppResult<Outcome> {
    // Read when its turn comes, so the crops follow the latest focal point.
    let Some(row) = store::media::find(db, id).await? else {
        return Ok(Outcome::Gone);
    };
    let focal = FocalPoint {
        x: row.focal_x,
        y: row.focal_y,
    };
    let original = store::media::renditions(db, id)
        .await?
        .into_iter()
        .find(|r| r.kind == RenditionKind::Original)
        .ok_or_else(|| AppError::Internal(format!("image {id} has no original")))?;
    let original = files.get(&original.key).await?;
    let format = row.format;
    let kinds_owned = kinds.to_vec();
    let made = tokio::task::spawn_blocking(move || {
        let image = process::decode(&original, format)?;
        process::renditions(&image, &kinds_owned, focal)
    })
    .await
    .map_err(|e| AppError::Internal(format!("rendition worker: {e}")))?
    .map_err(AppError::Internal)?;
    let mut rows = Vec::with_capacity(made.len());
    for file in made {
        let hash = super::sha256_hex(&file.bytes);
        let name = file_name(file.kind, file.width, file.format, &hash);
        let key = key(id, &name);
        let row = media_rendition::Model {
            id: Uuid::now_v7(),
            media_id: id,
            kind: file.kind,
            format: file.format,
            width: file.width as i32,
            height: file.height as i32,
            bytes: file.bytes.len() as i64,
            file: name,
            key: key.clone(),
            content_hash: hash,
        };
        files.put(&key, file.bytes).await?;
        rows.push(row);
    }
    let new_keys: Vec<String> = rows.iter().map(|r| r.key.clone()).collect();
    let (old_keys, shown) = {
        let txn = crate::db::begin_write(db).await?;
        let old = store::media::remove_renditions(&txn, id, kinds).await?;
        store::media::save_renditions(&txn, rows).await?;
        // The answers showing the image name the files just replaced.
        let shown = super::shown::changed(&txn, id, clock.now()).await?;
        txn.commit().await?;
        (old, shown)
    };
    for old in old_keys.iter().filter(|k| !new_keys.contains(k)) {
        files.delete(old).await?;
    }
    Ok(Outcome::Done { focal, shown })
}

/// Where the object store keeps file `name` of image `id`.
pub fn key(id: Uuid, name: &str) -> String {
    format!("{id}/{name}")
}
