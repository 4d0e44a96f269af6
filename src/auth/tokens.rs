//! Access tokens: short-lived JWTs that carry who the viewer is and their role.
//!
//! Verification trusts nothing in a token before its signature: the header's `kid`
//! must name a configured key, the algorithm is the one pinned to that key (never the
//! one the header asks for), and every registered claim we rely on must be present.
//! Every failure is the same [`AppError::Unauthenticated`], so a client learns nothing
//! about why a forged token failed.

use chrono::{DateTime, Utc};
use jsonwebtoken::{Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    auth::keys::KeySet,
    domain::Role,
    error::{AppError, AppResult},
};

/// Who issues access tokens (`iss`).
pub const ISSUER: &str = "polisia-api";
/// Whom access tokens are for (`aud`).
pub const AUDIENCE: &str = "polisia-api";
/// How long an access token lives, in seconds.
pub const ACCESS_TOKEN_TTL_SECS: i64 = 15 * 60;
/// Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds.
pub const LEEWAY_SECS: u64 = 30;
/// Tokens longer than this are refused before any parsing: ours are well under 1 KiB.
pub const MAX_TOKEN_BYTES: usize = 8 * 1024;

/// The claims of an access token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The user's id.
    pub sub: String,
    /// The user's role when the token was issued.
    pub role: Role,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Not valid before.
    pub nbf: i64,
    /// Expires at.
    pub exp: i64,
    /// Issuer: [`ISSUER`].
    pub iss: String,
    /// Audience: [`AUDIENCE`].
    pub aud: String,
    /// A unique id of this token.
    pub jti: String,
}

/// A freshly signed access token.
#[derive(Clone)]
pub struct AccessToken {
    /// The compact JWT to send as `Authorization: Bearer ...`.
    pub token: String,
    /// When it stops being accepted.
    pub expires_at: DateTime<Utc>,
}

impl std::fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccessToken")
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// What a valid access token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedToken {
    /// The user it was issued to.
    pub user_id: Uuid,
    /// Their role at the time.
    pub role: Role,
    /// The token's id.
    pub jti: String,
    /// When it expires.
    pub expires_at: DateTime<Utc>,
}

impl VerifiedToken {
    /// The first moment [`verify`] refuses this token: a leeway after `exp`, which
    /// counts whole seconds, so a connection opened with it ends when a request
    /// presenting it would be refused.
    pub fn refused_from(&self) -> DateTime<Utc> {
        self.expires_at + chrono::Duration::seconds(LEEWAY_SECS as i64 + 1)
    }
}

/// Signs an access token for `user_id` with `role`, valid from `now` for
/// [`ACCESS_TOKEN_TTL_SECS`].
pub fn issue(
    keys: &KeySet,
    user_id: Uuid,
    role: Role,
    now: DateTime<Utc>,
) -> AppResult<AccessToken> {
    let iat = now.timestamp();
    let exp = iat + ACCESS_TOKEN_TTL_SECS;
    let claims = Claims {
        sub: user_id.to_string(),
        role,
        iat,
        nbf: iat,
        exp,
        iss: ISSUER.to_owned(),
        aud: AUDIENCE.to_owned(),
        jti: Uuid::now_v7().to_string(),
    };
    let token = sign(keys, &claims)?;
    let expires_at = DateTime::from_timestamp(exp, 0)
        .ok_or_else(|| AppError::Internal("token expiry out of range".into()))?;
    Ok(AccessToken { token, expires_at })
}

/// Signs any serialisable claims with the current signing key, its `kid` in the header.
fn sign<T: Serialize>(keys: &KeySet, claims: &T) -> AppResult<String> {
    let mut header = Header::new(keys.signing_algorithm());
    header.kid = Some(keys.signing_kid().to_owned());
    jsonwebtoken::encode(&header, claims, keys.signing_key())
        .map_err(|err| AppError::Internal(format!("signing an access token: {err}")))
}

/// Checks `token` completely, its times against `now`, and returns what it says, or
/// [`AppError::Unauthenticated`] for any flaw at all.
pub fn verify(keys: &KeySet, token: &str, now: DateTime<Utc>) -> AppResult<VerifiedToken> {
    check(keys, token, now).ok_or(AppError::Unauthenticated)
}

fn check(keys: &KeySet, token: &str, now: DateTime<Utc>) -> Option<VerifiedToken> {
    // Size first: nothing below should ever spend effort on a huge input.
    if token.len() > MAX_TOKEN_BYTES {
        return None;
    }
    let header = jsonwebtoken::decode_header(token).ok()?;
    // We never issue critical extensions, so we cannot honour any; and keys come
    // from our configuration only, never from where a token says to find them.
    if header.crit.is_some()
        || header.jku.is_some()
        || header.jwk.is_some()
        || header.x5u.is_some()
        || header.x5c.is_some()
    {
        return None;
    }
    let key = keys.verifying_key(header.kid.as_deref()?)?;
    let data = jsonwebtoken::decode::<Claims>(token, &key.key, &validation(key.algorithm)).ok()?;
    let claims = data.claims;
    let now = now.timestamp();
    let leeway = LEEWAY_SECS as i64;
    // What jsonwebtoken would check against the system's clock, against ours: expired
    // a leeway after `exp`, valid from a leeway before `nbf`.
    if claims.exp < now - leeway || claims.nbf > now + leeway {
        return None;
    }
    // A token from the future was not issued by a clock we trust.
    if claims.iat > now + leeway {
        return None;
    }
    Some(VerifiedToken {
        user_id: Uuid::parse_str(&claims.sub).ok()?,
        role: claims.role,
        jti: claims.jti,
        expires_at: DateTime::from_timestamp(claims.exp, 0)?,
    })
}

/// The checks for a token under a key of `algorithm`. jsonwebtoken's defaults require
/// only `exp`: `nbf`, `iss`, `aud` and `sub` are required too here. The times in `exp`
/// and `nbf` are left to [`check`], which compares them with the service's clock
/// rather than the system's.
fn validation(algorithm: jsonwebtoken::Algorithm) -> Validation {
    let mut validation = Validation::new(algorithm);
    validation.algorithms = vec![algorithm];
    validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = true;
    validation.set_issuer(&[ISSUER]);
    validation.set_audience(&[AUDIENCE]);
    validation
}

#[cfg(test)]
#[path = "tokens_tests.rs"]
mod tests;
