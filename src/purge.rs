//! Purging a cache in front of the service (Varnish with xkey, or anything that
//! takes `PURGE` with `xkey` or `Surrogate-Key`) when content changes, once for the
//! whole cluster.
//!
//! Every instance is woken by the change bus; each then reads the record of changes
//! after the purge cursor (in the database) and claims that stretch by moving the
//! cursor with a compare-and-set. The one instance whose claim succeeds sends the
//! purges; the others find nothing left. A burst of changes is read as one stretch,
//! so its tags go out together, in as few requests as the header size allows.
//!
//! The claim comes before the sending, so an instance that dies between the two
//! loses those purges: the answers concerned then live until their `max-age` ends,
//! as they would without a purge. A cache that refuses or cannot be reached is
//! tried again a few times, with growing pauses on the service's [`Clock`], and each
//! failure is logged.

use std::{collections::HashMap, time::Duration};

use sea_orm::DatabaseConnection;
use tokio::{
    sync::broadcast::error::{RecvError, TryRecvError},
    task::JoinHandle,
};
use uuid::Uuid;

use crate::{
    bus::ChangeBus,
    domain::{
        ChangeKind,
        cache_tags::{Changed, TagSet, purge_tags},
        time::Clock,
    },
    entity::region,
    error::AppResult,
    store::{
        changes::{self, Change},
        consumer_cursors::{self, Consumer},
        regions::RegionCache,
    },
};

/// How many changes one round reads and purges together.
const BATCH: u64 = 500;

/// The longest `xkey` header sent: Varnish takes request headers up to 8 KB by
/// default (`http_req_hdr_len`), CDNs less; more tags go in further requests.
const MAX_HEADER_LEN: usize = 4000;

/// How many times one request is tried, and the pause before the first retry (it
/// doubles after each).
const TRIES: u32 = 4;
const FIRST_PAUSE: chrono::Duration = chrono::Duration::seconds(1);

/// How long a round waits, once woken, for the rest of a burst (an editor's several
/// saves, a batch of scheduled articles) to be committed, so that it goes out in one
/// request. Real time: it only gathers, it measures nothing.
const GATHER: Duration = Duration::from_millis(50);

/// How long one request may take.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The tags `change` purges: [`purge_tags`] with its region named by code from
/// `regions` (every region by id). The one mapping from a change to the tags to
/// drop, for `PURGE` requests and for anything else that announces purges.
pub fn tags_of(change: &Change, regions: &HashMap<Uuid, region::Model>) -> TagSet {
    let region_id = match change.kind {
        ChangeKind::RegionChanged => Some(change.entity_id),
        _ => change.region_id,
    };
    let region_code = region_id
        .and_then(|id| regions.get(&id))
        .map(|r| r.code.as_str());
    purge_tags(&Changed {
        kind: change.kind,
        entity_id: change.entity_id,
        article_id: change.article_id,
        region_code,
        lang: change.lang,
    })
}

/// [`tags_of`] with the regions read from `cache`.
pub async fn tags_for(
    db: &DatabaseConnection,
    cache: &RegionCache,
    change: &Change,
) -> AppResult<TagSet> {
    Ok(tags_of(change, &*cache.all(db).await?))
}

/// What sends purges to one cache.
struct Purger {
    db: DatabaseConnection,
    regions: RegionCache,
    clock: Clock,
    client: reqwest::Client,
    url: String,
}

/// Starts sending purges to `url` for the changes the bus reads, until the returned
/// task is aborted. It subscribes before returning, so no change read after this
/// call is missed; changes recorded while no instance sent purges are purged first.
pub fn start(
    db: DatabaseConnection,
    bus: &ChangeBus,
    regions: RegionCache,
    clock: Clock,
    url: String,
) -> JoinHandle<()> {
    let mut changes = bus.subscribe();
    tokio::spawn(async move {
        let client = match reqwest::Client::builder().timeout(TIMEOUT).build() {
            Ok(client) => client,
            Err(err) => {
                tracing::error!(error = %err, "no HTTP client for purges: none will be sent");
                return;
            }
        };
        let purger = Purger {
            db,
            regions,
            clock,
            client,
            url,
        };
        loop {
            if let Err(err) = purger.catch_up().await {
                // The next change, or the bus's safety poll, tries again.
                tracing::warn!(error = ?err, "purges could not be claimed");
            }
            match changes.recv().await {
                Ok(_) | Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => return,
            }
            tokio::time::sleep(GATHER).await;
            // Whatever else has arrived is read from the record in the same round.
            while !matches!(
                changes.try_recv(),
                Err(TryRecvError::Empty | TryRecvError::Closed)
            ) {}
        }
    })
}

impl Purger {
    /// Claims and purges every change after the cursor, a batch at a time.
    async fn catch_up(&self) -> AppResult<()> {
        loop {
            let from = consumer_cursors::read(&self.db, Consumer::CachePurges).await?;
            let batch = changes::after(&self.db, from, BATCH).await?;
            let Some(last) = batch.last().map(|c| c.seq) else {
                return Ok(());
            };
            let regions = self.regions.all(&self.db).await?;
            let mut tags = TagSet::new();
            for change in &batch {
                tags.extend(tags_of(change, &regions));
            }
            if !consumer_cursors::claim(&self.db, Consumer::CachePurges, from, last).await? {
                // Another instance took this stretch: look again from where it ended.
                continue;
            }
            for chunk in tags.chunks(MAX_HEADER_LEN) {
                self.send(&chunk).await;
            }
            if (batch.len() as u64) < BATCH {
                return Ok(());
            }
        }
    }

    /// Sends one `PURGE` with `keys` (space-separated tags), tried again on failure.
    async fn send(&self, keys: &str) {
        let mut pause = FIRST_PAUSE;
        for attempt in 1..=TRIES {
            let outcome = self
                .client
                .request(purge_method(), &self.url)
                .header("xkey", keys)
                .header("Surrogate-Key", keys)
                .send()
                .await;
            let failure = match outcome {
                Ok(response) if response.status().is_success() => {
                    metrics::counter!("cache_purges_total", "outcome" => "sent").increment(1);
                    tracing::debug!(keys, "purge sent");
                    return;
                }
                Ok(response) => format!("the cache answered {}", response.status()),
                Err(err) => format!("the cache could not be reached: {err}"),
            };
            if attempt == TRIES {
                metrics::counter!("cache_purges_total", "outcome" => "failed").increment(1);
                tracing::error!(keys, attempt, %failure, "purge given up");
                return;
            }
            tracing::warn!(keys, attempt, %failure, retry_in_s = pause.num_seconds(), "purge failed");
            self.clock.sleep_until(self.clock.now() + pause).await;
            pause = pause * 2;
        }
    }
}

fn purge_method() -> reqwest::Method {
    // A valid token: this cannot fail.
    reqwest::Method::from_bytes(b"PURGE").unwrap_or(reqwest::Method::DELETE)
}
