//! Refresh tokens: opaque, stored only as a hash, rotated on every use.
//!
//! Each sign-in starts a family; rotating replaces the token with a new one of the
//! same family. A token presented a second time means two parties hold it (one of
//! them a thief), so the whole family is revoked and everyone must sign in again.
//!
//! Except within a short grace: a phone whose answer was lost on the way sends the
//! same refresh again, and two requests of one app may race. Within [`ReuseGrace`]
//! of its rotation, a token is answered with the successor it was rotated to, as long
//! as that successor is still unused; later, it is the reuse above. The successor is
//! kept sealed with a key derived from the rotated token, so only the one who presents
//! that token can open it: the database never holds a usable token.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr,
    EntityTrait, IntoActiveModel, QueryFilter,
    sea_query::{Expr, ExprTrait, Func, Query},
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{
    auth::hex,
    entity::{refresh_token, user},
    error::{AppError, AppResult},
};

/// How long a refresh token lives, in days.
pub const REFRESH_TOKEN_TTL_DAYS: i64 = 30;

/// Random bytes in a token.
const TOKEN_BYTES: usize = 32;

/// How long after its rotation a refresh token is answered with its successor rather
/// than taken for a stolen one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReuseGrace(pub Duration);

impl ReuseGrace {
    /// The grace unless configured.
    pub const DEFAULT_SECS: i64 = 30;
    /// The longest grace allowed: beyond a few minutes, reuse detection would mean
    /// little.
    pub const MAX_SECS: i64 = 300;
    /// No grace: every second use is a reuse.
    pub const NONE: ReuseGrace = ReuseGrace(Duration::zero());
}

impl Default for ReuseGrace {
    fn default() -> Self {
        ReuseGrace(Duration::seconds(Self::DEFAULT_SECS))
    }
}

/// A refresh token as handed to the client (the only time it exists in the clear).
#[derive(Clone)]
pub struct RefreshToken {
    /// The opaque token, base64url without padding.
    pub token: String,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
    /// The sign-in it belongs to.
    pub family_id: Uuid,
}

impl std::fmt::Debug for RefreshToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RefreshToken")
            .field("expires_at", &self.expires_at)
            .field("family_id", &self.family_id)
            .finish_non_exhaustive()
    }
}

/// The outcome of a successful rotation.
#[derive(Debug, Clone)]
pub struct Rotated {
    /// The replacement token.
    pub refresh: RefreshToken,
    /// Its owner, as stored now (role included), for the new access token.
    pub user: user::Model,
}

/// Starts a new family for `user_id` (one sign-in) at `now` and returns its first
/// token.
pub async fn issue(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<RefreshToken> {
    insert(db, user_id, Uuid::now_v7(), now).await
}

/// Exchanges `token` for a new one of the same family at `now`. An unknown, expired
/// or revoked token fails; a token used before is answered with the same successor
/// within `grace` of its rotation, and otherwise revokes its family and fails; the
/// token of a disabled account fails and revokes its family too.
pub async fn rotate(
    db: &DatabaseConnection,
    token: &str,
    grace: ReuseGrace,
    now: DateTime<Utc>,
) -> AppResult<Rotated> {
    let hash = hash_token(token).ok_or(AppError::Unauthenticated)?;
    let txn = crate::db::begin_write(db).await?;
    let presented = Presented {
        token: token.trim(),
        hash: &hash,
        grace,
        now,
    };
    // Every way out ends the transaction explicitly: on SQLite it holds the write
    // lock, which must not wait for the connection's next use to be released.
    match rotate_in(&txn, &presented).await {
        Ok(Step::Rotated(rotated)) => {
            txn.commit().await?;
            Ok(rotated)
        }
        Ok(Step::FamilyRevoked) => {
            txn.commit().await?;
            Err(AppError::Unauthenticated)
        }
        Ok(Step::Refused) => {
            txn.rollback().await?;
            Err(AppError::Unauthenticated)
        }
        Err(err) => {
            if let Err(rollback) = txn.rollback().await {
                tracing::warn!(error = %rollback, "rollback failed");
            }
            Err(err)
        }
    }
}

/// How a rotation ended, and so whether its transaction commits.
enum Step {
    Rotated(Rotated),
    /// Refused, with the family revoked: commit the revocation.
    FamilyRevoked,
    /// Refused, nothing changed.
    Refused,
}

/// A token presented for rotation, and the moment and grace it is judged by.
struct Presented<'a> {
    token: &'a str,
    hash: &'a str,
    grace: ReuseGrace,
    now: DateTime<Utc>,
}

async fn rotate_in(txn: &DatabaseTransaction, presented: &Presented<'_>) -> AppResult<Step> {
    let now = presented.now;
    let Some(row) = find_by_hash(txn, presented.hash).await? else {
        return Ok(Step::Refused);
    };
    if row.revoked_at.is_some() {
        return revoked_for_reuse(txn, &row, now).await;
    }
    if row.used_at.is_some() {
        return answer_again(txn, &row, presented).await;
    }
    if row.expires_at <= now {
        return Ok(Step::Refused);
    }
    let Some(account) = live_account(txn, row.user_id).await? else {
        revoke_family(txn, row.family_id, now).await?;
        return Ok(Step::FamilyRevoked);
    };
    let successor = new_token(row.user_id, row.family_id, now);
    // Marking it rotated only if nobody else did first: of two concurrent rotations
    // exactly one writes its successor; the other waits for it (the row is locked
    // until the winner commits), finds the token rotated, and answers with the
    // winner's successor like any retry.
    let marked = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(now))
        .col_expr(
            refresh_token::Column::ReplacedBy,
            Expr::value(successor.row.id),
        )
        .col_expr(
            refresh_token::Column::SuccessorSealed,
            Expr::value(seal(presented.token, &successor.bytes)),
        )
        .filter(refresh_token::Column::Id.eq(row.id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(txn)
        .await?;
    if marked.rows_affected != 1 {
        let Some(row) = refresh_token::Entity::find_by_id(row.id).one(txn).await? else {
            return Ok(Step::Refused);
        };
        return answer_again(txn, &row, presented).await;
    }
    successor.row.into_active_model().insert(txn).await?;
    Ok(Step::Rotated(Rotated {
        refresh: successor.token,
        user: account,
    }))
}

/// A token already rotated, presented again: within the grace, and while its successor
/// is unused, the same successor; otherwise a reuse, which revokes the family.
async fn answer_again(
    txn: &DatabaseTransaction,
    row: &refresh_token::Model,
    presented: &Presented<'_>,
) -> AppResult<Step> {
    let now = presented.now;
    let within_grace = row
        .used_at
        .is_some_and(|at| now >= at && now - at < presented.grace.0);
    if row.revoked_at.is_none()
        && within_grace
        && let (Some(next_id), Some(sealed)) = (row.replaced_by, row.successor_sealed.as_deref())
        && let Some(next) = refresh_token::Entity::find_by_id(next_id).one(txn).await?
        && next.used_at.is_none()
        && next.revoked_at.is_none()
        && next.expires_at > now
        && let Some(token) = unseal(presented.token, sealed)
        && let Some(account) = live_account(txn, next.user_id).await?
    {
        return Ok(Step::Rotated(Rotated {
            refresh: RefreshToken {
                token,
                expires_at: next.expires_at,
                family_id: next.family_id,
            },
            user: account,
        }));
    }
    revoked_for_reuse(txn, row, now).await
}

async fn revoked_for_reuse(
    txn: &DatabaseTransaction,
    row: &refresh_token::Model,
    now: DateTime<Utc>,
) -> AppResult<Step> {
    revoke_family(txn, row.family_id, now).await?;
    tracing::warn!(family = %row.family_id, "a refresh token was reused: its family is revoked");
    Ok(Step::FamilyRevoked)
}

/// The account behind a token, unless it is gone or disabled.
async fn live_account(
    txn: &DatabaseTransaction,
    user_id: Uuid,
) -> Result<Option<user::Model>, DbErr> {
    let account = user::Entity::find_by_id(user_id).one(txn).await?;
    Ok(account.filter(|account| !account.disabled))
}

/// Signs out at `now`: revokes the family of `token`. Revoking twice is fine; an
/// unknown token fails like any other bad credential.
pub async fn revoke(db: &DatabaseConnection, token: &str, now: DateTime<Utc>) -> AppResult<()> {
    let hash = hash_token(token).ok_or(AppError::Unauthenticated)?;
    let row = find_by_hash(db, &hash)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    revoke_family(db, row.family_id, now).await?;
    Ok(())
}

/// Revokes at `now` every refresh token of `user_id` (a disabled account, a changed
/// password); returns how many were still live.
pub async fn revoke_all_for_user(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<u64> {
    let result = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Deletes every sign-in (family) whose newest token expired before `before`;
/// returns how many tokens went. A family with a live token is kept whole: its used
/// tokens are how a replayed one is recognised.
pub async fn prune(db: &impl ConnectionTrait, before: DateTime<Utc>) -> AppResult<u64> {
    let expired = Query::select()
        .column(refresh_token::Column::FamilyId)
        .from(refresh_token::Entity)
        .group_by_col(refresh_token::Column::FamilyId)
        .and_having(Expr::expr(Func::max(Expr::col(refresh_token::Column::ExpiresAt))).lt(before))
        .to_owned();
    let result = refresh_token::Entity::delete_many()
        .filter(refresh_token::Column::FamilyId.in_subquery(expired))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// The stored form of `token`: SHA-256, hex. `None` for anything that cannot be one
/// of ours, so garbage never reaches the database.
pub fn hash_token(token: &str) -> Option<String> {
    let decoded = URL_SAFE_NO_PAD.decode(token.trim()).ok()?;
    (decoded.len() == TOKEN_BYTES).then(|| hex(&Sha256::digest(token.trim().as_bytes())))
}

async fn insert(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    family_id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<RefreshToken> {
    let fresh = new_token(user_id, family_id, now);
    fresh.row.into_active_model().insert(db).await?;
    Ok(fresh.token)
}

/// A new token of `family_id` and the row that stores it (not yet saved).
struct NewToken {
    token: RefreshToken,
    /// The token's random bytes, for sealing it.
    bytes: [u8; TOKEN_BYTES],
    row: refresh_token::Model,
}

fn new_token(user_id: Uuid, family_id: Uuid, now: DateTime<Utc>) -> NewToken {
    let bytes: [u8; TOKEN_BYTES] = rand::random();
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let expires_at = now + Duration::days(REFRESH_TOKEN_TTL_DAYS);
    let row = refresh_token::Model {
        id: Uuid::now_v7(),
        user_id,
        family_id,
        token_hash: hex(&Sha256::digest(token.as_bytes())),
        expires_at,
        used_at: None,
        revoked_at: None,
        created_at: now,
        replaced_by: None,
        successor_sealed: None,
    };
    NewToken {
        token: RefreshToken {
            token,
            expires_at,
            family_id,
        },
        bytes,
        row,
    }
}

/// The key a successor is sealed with: derived from the rotated token, which the
/// database holds only as a differently computed hash, so only the presenter of that
/// token can derive it. Each token is rotated once, so each key seals one successor.
fn sealing_key(rotated: &str) -> [u8; TOKEN_BYTES] {
    let mut hasher = Sha256::new();
    hasher.update(b"polisia-api refresh successor v1\0");
    hasher.update(rotated.as_bytes());
    hasher.finalize().into()
}

/// A successor's bytes sealed under `rotated`: XOR the key, hex.
fn seal(rotated: &str, successor: &[u8; TOKEN_BYTES]) -> String {
    let key = sealing_key(rotated);
    let sealed: Vec<u8> = successor.iter().zip(key).map(|(b, k)| b ^ k).collect();
    hex(&sealed)
}

/// The successor sealed by [`seal`], opened with the rotated token.
fn unseal(rotated: &str, sealed: &str) -> Option<String> {
    if sealed.len() != TOKEN_BYTES * 2 || !sealed.is_ascii() {
        return None;
    }
    let key = sealing_key(rotated);
    let bytes = (0..TOKEN_BYTES)
        .map(|i| {
            u8::from_str_radix(&sealed[2 * i..2 * i + 2], 16)
                .ok()
                .map(|b| b ^ key[i])
        })
        .collect::<Option<Vec<u8>>>()?;
    Some(URL_SAFE_NO_PAD.encode(bytes))
}

async fn find_by_hash(
    db: &impl ConnectionTrait,
    hash: &str,
) -> Result<Option<refresh_token::Model>, DbErr> {
    refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash))
        .one(db)
        .await
}

async fn revoke_family(
    db: &impl ConnectionTrait,
    family_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::FamilyId.eq(family_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_successor_opens_only_with_the_rotated_token() {
        let rotated = URL_SAFE_NO_PAD.encode([1u8; TOKEN_BYTES]);
        let successor = URL_SAFE_NO_PAD.encode([2u8; TOKEN_BYTES]);
        let sealed = seal(&rotated, &[2u8; TOKEN_BYTES]);
        assert_eq!(sealed.len(), 64);
        assert!(!sealed.contains(&hex(&[2u8; TOKEN_BYTES])));
        assert_eq!(unseal(&rotated, &sealed), Some(successor.clone()));
        let other = URL_SAFE_NO_PAD.encode([3u8; TOKEN_BYTES]);
        assert_ne!(unseal(&other, &sealed), Some(successor));
        assert_eq!(unseal(&rotated, "zz"), None);
    }

    #[test]
    fn only_our_shape_is_hashed() {
        let token = URL_SAFE_NO_PAD.encode([7u8; TOKEN_BYTES]);
        let hash = hash_token(&token).unwrap();
        assert_eq!(hash.len(), 64);
        assert!(hash.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(hash_token(&format!(" {token} ")), Some(hash));
        for bad in ["", "short", "!!!!", &"A".repeat(10_000)] {
            assert!(hash_token(bad).is_none(), "{bad}");
        }
    }
}
