//! Making renditions off the request path: each image's job waits for one of a few
//! permits (`MEDIA_WORKERS`) and does its pixel work on a blocking thread, so a burst
//! of uploads neither blocks the threads that answer reads nor runs more decoders
//! at once than the machine has room for.

use std::sync::{
    Arc, Mutex,
    atomic::{AtomicUsize, Ordering},
};

use sea_orm::DatabaseConnection;
use tokio::sync::{mpsc, watch};
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
    let gate = media.gate.clone();
    let outstanding = media.outstanding.clone();
    outstanding.fetch_add(1, Ordering::SeqCst);
    tokio::spawn(async move {
        // Counted down however the job ends.
        let _done = Countdown(outstanding);
        let Ok(_permit) = pool.acquire_owned().await else {
            return;
        };
        match run(&db, &files, &gate, &clock, id, &kinds).await {
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
            // Deleted while its files were read: nothing failed.
            Err(_) if matches!(store::media::find(&db, id).await, Ok(None)) => {}
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
    /// The image was deleted before its turn, or while its files were made (and
    /// those were removed).
    Gone,
}

/// Where a test may stop rendition jobs ([`super::Media::hold_jobs`]): after a job
/// has stored its files and before it records them, the moment when an image
/// deleted meanwhile would leave them behind. Open (one uncontended lock per job)
/// unless a test holds it.
#[derive(Debug, Default)]
pub(super) struct Gate(Mutex<Option<Stop>>);

#[derive(Debug, Clone)]
struct Stop {
    arrived: mpsc::UnboundedSender<Uuid>,
    released: watch::Receiver<()>,
}

impl Gate {
    /// Waits here while a test holds the jobs.
    async fn pass(&self, id: Uuid) {
        let stop = self.0.lock().ok().and_then(|held| held.clone());
        if let Some(mut stop) = stop {
            let _ = stop.arrived.send(id);
            // Ends when the hold is dropped, and its sender with it.
            let _ = stop.released.changed().await;
        }
    }
}

/// Rendition jobs stopped by [`super::Media::hold_jobs`]; dropping it lets them go on.
#[derive(Debug)]
pub struct HeldJobs {
    arrived: mpsc::UnboundedReceiver<Uuid>,
    _release: watch::Sender<()>,
    gate: Arc<Gate>,
}

impl HeldJobs {
    /// The image of the next job that stopped, once it has stored its files.
    pub async fn next(&mut self) -> Option<Uuid> {
        self.arrived.recv().await
    }
}

impl Drop for HeldJobs {
    fn drop(&mut self) {
        if let Ok(mut held) = self.gate.0.lock() {
            *held = None;
        }
        // `_release` goes after this, and every job stopped goes on.
    }
}

/// Stops the jobs passing `gate` from now on, until the hold is dropped.
pub(super) fn hold(gate: &Arc<Gate>) -> HeldJobs {
    let (arrived, receiver) = mpsc::unbounded_channel();
    let (release, released) = watch::channel(());
    if let Ok(mut held) = gate.0.lock() {
        *held = Some(Stop { arrived, released });
    }
    HeldJobs {
        arrived: receiver,
        _release: release,
        gate: gate.clone(),
    }
}

async fn run(
    db: &DatabaseConnection,
    files: &Files,
    gate: &Gate,
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
    gate.pass(id).await;
    let new_keys: Vec<String> = rows.iter().map(|r| r.key.clone()).collect();
    let txn = crate::db::begin_write(db).await?;
    let recorded = async {
        // Locked until the commit: a deletion waits, then finds these files among
        // the image's; one that came first has left no image to find.
        if store::media::find_for_update(&txn, id).await?.is_none() {
            return Ok(None);
        }
        let old = store::media::remove_renditions(&txn, id, kinds).await?;
        store::media::save_renditions(&txn, rows).await?;
        // The answers showing the image name the files just replaced.
        let shown = super::shown::changed(&txn, id, clock.now()).await?;
        Ok::<_, AppError>(Some((old, shown)))
    }
    .await;
    let Some((old_keys, shown)) = super::settle(txn, recorded).await? else {
        // Deleted while these were made: nothing names them, so they go too.
        for key in &new_keys {
            files.delete(key).await?;
        }
        return Ok(Outcome::Gone);
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
