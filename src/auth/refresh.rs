//! Refresh tokens: opaque, stored only as a hash, rotated on every use.
//!
//! Each sign-in starts a family; rotating replaces the token with a new one of the
//! same family. A token presented a second time means two parties hold it (one of
//! them a thief), so the whole family is revoked and everyone must sign in again.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr,
    EntityTrait, QueryFilter, Set,
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
/// or revoked token fails; a token used before revokes its family and fails; so
/// does the token of a disabled account.
pub async fn rotate(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> AppResult<Rotated> {
    let hash = hash_token(token).ok_or(AppError::Unauthenticated)?;
    let txn = crate::db::begin_write(db).await?;
    // Every way out ends the transaction explicitly: on SQLite it holds the write
    // lock, which must not wait for the connection's next use to be released.
    match rotate_in(&txn, &hash, now).await {
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

async fn rotate_in(txn: &DatabaseTransaction, hash: &str, now: DateTime<Utc>) -> AppResult<Step> {
    let Some(row) = find_by_hash(txn, hash).await? else {
        return Ok(Step::Refused);
    };
    if row.used_at.is_some() || row.revoked_at.is_some() {
        revoke_family(txn, row.family_id, now).await?;
        tracing::warn!(family = %row.family_id, "a refresh token was reused: its family is revoked");
        return Ok(Step::FamilyRevoked);
    }
    if row.expires_at <= now {
        return Ok(Step::Refused);
    }
    let account = user::Entity::find_by_id(row.user_id).one(txn).await?;
    let Some(account) = account.filter(|account| !account.disabled) else {
        revoke_family(txn, row.family_id, now).await?;
        return Ok(Step::FamilyRevoked);
    };
    // Marking it used only if nobody else did first: of two concurrent rotations
    // exactly one wins, and the other is treated as the reuse it is.
    let marked = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(row.id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(txn)
        .await?;
    if marked.rows_affected != 1 {
        revoke_family(txn, row.family_id, now).await?;
        return Ok(Step::FamilyRevoked);
    }
    let refresh = insert(txn, account.id, row.family_id, now).await?;
    Ok(Step::Rotated(Rotated {
        refresh,
        user: account,
    }))
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
    let bytes: [u8; TOKEN_BYTES] = rand::random();
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let expires_at = now + Duration::days(REFRESH_TOKEN_TTL_DAYS);
    refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        family_id: Set(family_id),
        token_hash: Set(hex(&Sha256::digest(token.as_bytes()))),
        expires_at: Set(expires_at),
        used_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(RefreshToken {
        token,
        expires_at,
        family_id,
    })
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
