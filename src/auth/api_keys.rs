//! API keys: partners and aggregators get a key of their own, counted against its
//! own quota of requests per minute. A key grants a quota, not rights: a request
//! with a key reads what an anonymous one reads.
//!
//! A key is `pk_` and 43 characters of base64url: 32 random bytes. Only the SHA-256
//! of the whole key is stored, with its first 11 characters (the prefix) to name it
//! to people and to find its row. SHA-256 rather than argon2, which guards the
//! passwords: a key is a random 256-bit secret, not something a person chose, so no
//! dictionary shortens the search a slow hash would slow down; and a key is checked
//! on every request, where a deliberately slow hash would cost every partner call.
//!
//! Checking a key costs no database round trip once known: [`ApiKeyCache`] keeps
//! what each presented key turned out to be (a key, or nothing) in memory, and
//! forgets everything when the change bus reads an `API_KEY_REVOKED`, so a key
//! revoked through any instance stops working on all within a round trip.

use std::{
    num::NonZeroU32,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use sha2::{Digest, Sha256};
use tokio::{sync::broadcast::error::RecvError, task::JoinHandle};
use uuid::Uuid;

use crate::{
    auth::{
        hex,
        permissions::{Action, authorize},
        viewer::{self, Viewer},
    },
    bus::ChangeBus,
    db::begin_write,
    domain::ChangeKind,
    entity::api_key,
    error::{AppError, AppResult},
    store::{
        self,
        changes::{self, NewChange},
    },
};

/// What every key starts with, so that one pasted in the wrong place is recognised.
pub const KEY_PREFIX: &str = "pk_";
/// How many characters of the key after `pk_` are kept in the clear.
const VISIBLE_CHARS: usize = 8;
/// Random bytes in a key.
const KEY_BYTES: usize = 32;
/// Characters in a whole key: `pk_` and the base64url of 32 bytes.
const KEY_LEN: usize = KEY_PREFIX.len() + 43;
/// The highest quota a key may be given: a thousand requests a second is more than
/// one instance answers.
pub const MAX_REQUESTS_PER_MINUTE: i32 = 60_000;
/// The longest name of a key.
const MAX_NAME_CHARS: usize = 100;
/// How many presented keys are remembered (known or not).
const CACHE_ENTRIES: u64 = 10_000;
/// How long a lookup is trusted without a word from the bus: a safety net should a
/// revocation be missed, not the way revocations take effect.
const CACHE_TTL: Duration = Duration::from_secs(600);

/// The id of an API key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ApiKeyId(pub Uuid);

/// A key that works, as the rate limiter needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownKey {
    pub id: ApiKeyId,
    pub requests_per_minute: NonZeroU32,
}

/// A key an administrator asks for.
#[derive(Debug, Clone)]
pub struct NewApiKey {
    /// Who the key is for.
    pub name: String,
    /// Its quota.
    pub requests_per_minute: i32,
}

/// A key just made: the only moment the key itself is known.
#[derive(Debug)]
pub struct IssuedApiKey {
    /// The whole key, shown once.
    pub key: String,
    /// What is stored about it.
    pub record: api_key::Model,
}

/// The prefix of a key of the right shape; `None` for anything else.
pub fn prefix_of(key: &str) -> Option<&str> {
    let random = key.strip_prefix(KEY_PREFIX)?;
    let well_formed = key.len() == KEY_LEN
        && random
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    well_formed.then(|| &key[..KEY_PREFIX.len() + VISIBLE_CHARS])
}

fn digest(key: &str) -> [u8; 32] {
    Sha256::digest(key.as_bytes()).into()
}

/// Makes a key for `input` at `now`, if `viewer` is an administrator.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: NewApiKey,
    now: DateTime<Utc>,
) -> AppResult<IssuedApiKey> {
    let admin = admin(db, viewer).await?;
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(AppError::bad_input(
            "input.name",
            format!("1 to {MAX_NAME_CHARS} characters"),
        ));
    }
    if !(1..=MAX_REQUESTS_PER_MINUTE).contains(&input.requests_per_minute) {
        return Err(AppError::bad_input(
            "input.requestsPerMinute",
            format!("from 1 to {MAX_REQUESTS_PER_MINUTE}"),
        ));
    }
    let random: [u8; KEY_BYTES] = rand::random();
    let key = format!("{KEY_PREFIX}{}", URL_SAFE_NO_PAD.encode(random));
    let prefix = prefix_of(&key)
        .ok_or_else(|| AppError::Internal("a new API key of the wrong shape".into()))?
        .to_owned();
    let record = store::api_keys::insert(
        db,
        api_key::Model {
            id: Uuid::now_v7(),
            name: name.to_owned(),
            prefix,
            key_hash: hex(&digest(&key)),
            requests_per_minute: input.requests_per_minute,
            created_by: admin.user_id(),
            created_at: now,
            revoked_at: None,
        },
    )
    .await?;
    Ok(IssuedApiKey { key, record })
}

/// Every key, revoked ones too, newest first, if `viewer` is an administrator.
pub async fn list(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<Vec<api_key::Model>> {
    admin(db, viewer).await?;
    store::api_keys::list(db).await
}

/// Revokes key `id` at `now`, if `viewer` is an administrator. This instance stops
/// taking it at once; the others when their bus reads the change.
pub async fn revoke(
    db: &DatabaseConnection,
    viewer: &Viewer,
    cache: &ApiKeyCache,
    id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<api_key::Model> {
    admin(db, viewer).await?;
    let txn = begin_write(db).await?;
    let result = async {
        let key = store::api_keys::revoke(&txn, id, now).await?;
        if key.revoked_at == Some(now) {
            changes::append(&txn, NewChange::of(ChangeKind::ApiKeyRevoked, id), now).await?;
        }
        Ok(key)
    }
    .await;
    let key = match result {
        Ok(key) => {
            txn.commit().await?;
            key
        }
        Err(err) => {
            txn.rollback().await?;
            return Err(err);
        }
    };
    cache.forget_all();
    Ok(key)
}

/// The viewer, as stored now, if an administrator.
async fn admin(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<Viewer> {
    let current = viewer::refresh(db, viewer).await?;
    authorize(&current, Action::ManageApiKeys)?;
    Ok(current)
}

/// What presented keys turned out to be, by the SHA-256 of the key: a key, or
/// `None` for one that does not exist or was revoked. Cheap to clone.
#[derive(Clone)]
pub struct ApiKeyCache(Arc<CacheInner>);

struct CacheInner {
    entries: moka::sync::Cache<[u8; 32], Option<KnownKey>>,
    /// Moves on every [`ApiKeyCache::forget_all`]: a lookup that began before it
    /// read the database before the revocation, and its answer is not kept.
    generation: AtomicU64,
}

impl Default for ApiKeyCache {
    fn default() -> Self {
        ApiKeyCache(Arc::new(CacheInner {
            entries: moka::sync::Cache::builder()
                .max_capacity(CACHE_ENTRIES)
                .time_to_live(CACHE_TTL)
                .build(),
            generation: AtomicU64::new(0),
        }))
    }
}

impl ApiKeyCache {
    /// What `key` is known to be, without asking the database: `None` when it was
    /// not looked up lately.
    pub fn cached(&self, key: &str) -> Option<Option<KnownKey>> {
        self.0.entries.get(&digest(key))
    }

    /// What `key` is: from memory, or else from the database (and remembered).
    pub async fn lookup(&self, db: &DatabaseConnection, key: &str) -> AppResult<Option<KnownKey>> {
        let digest = digest(key);
        if let Some(known) = self.0.entries.get(&digest) {
            return Ok(known);
        }
        let generation = self.0.generation.load(Ordering::SeqCst);
        let found = match prefix_of(key) {
            None => None,
            Some(prefix) => store::api_keys::active_by_prefix(db, prefix)
                .await?
                .filter(|row| row.key_hash == hex(&digest))
                .and_then(|row| {
                    Some(KnownKey {
                        id: ApiKeyId(row.id),
                        requests_per_minute: NonZeroU32::new(
                            u32::try_from(row.requests_per_minute).ok()?,
                        )?,
                    })
                }),
        };
        if self.0.generation.load(Ordering::SeqCst) == generation {
            self.0.entries.insert(digest, found);
        }
        Ok(found)
    }

    /// Forgets every key: one was revoked. Revocations are rare, and forgetting all
    /// costs each partner one lookup.
    pub fn forget_all(&self) {
        self.0.generation.fetch_add(1, Ordering::SeqCst);
        self.0.entries.invalidate_all();
    }

    /// Forgets every key whenever the bus reads a revocation, through any instance
    /// (or when changes were missed).
    pub fn follow(&self, bus: &ChangeBus) -> JoinHandle<()> {
        let mut changes = bus.subscribe();
        let cache = self.clone();
        tokio::spawn(async move {
            loop {
                match changes.recv().await {
                    Ok(change) if change.kind != ChangeKind::ApiKeyRevoked => {}
                    Ok(_) | Err(RecvError::Lagged(_)) => cache.forget_all(),
                    Err(RecvError::Closed) => return,
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_key_of_the_right_shape_has_a_prefix() {
        let key = format!("{KEY_PREFIX}{}", URL_SAFE_NO_PAD.encode([7u8; KEY_BYTES]));
        assert_eq!(prefix_of(&key), Some(&key[..11]));
        assert_eq!(prefix_of(&key[..20]), None);
        assert_eq!(prefix_of(&key.replace("pk_", "sk_")), None);
        let mut odd = key.clone();
        odd.replace_range(20..21, "+");
        assert_eq!(prefix_of(&odd), None);
    }
}
