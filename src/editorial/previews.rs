//! Preview links: an editor, or the article's author, lets someone without an
//! account read the article's current text (a draft, usually) through a link that
//! expires and can be revoked.
//!
//! A link's token is `pv_` and 43 characters of base64url: 32 random bytes. Only its
//! SHA-256 is stored, so the database alone cannot open a preview. A random token
//! rather than a signed one: every opening reads the link's row anyway (a revocation
//! through any instance must count at once everywhere), and the row then says all a
//! signature would. It is never a login either way: the bearer extractor reads JWTs
//! only, and no access token has this shape.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Duration, Utc};
use sea_orm::DatabaseConnection;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{
    auth::{Action, Viewer, authorize, hex, viewer},
    editorial::articles,
    entity::{article, preview_link},
    error::{AppError, AppResult},
    store,
};

/// What every preview token starts with, so that one pasted in the wrong place is
/// recognised.
pub const TOKEN_PREFIX: &str = "pv_";
/// Random bytes in a token.
const TOKEN_BYTES: usize = 32;
/// Characters in a whole token: `pv_` and the base64url of 32 bytes.
const TOKEN_LEN: usize = TOKEN_PREFIX.len() + 43;
/// The longest a link may live: a week.
pub const MAX_EXPIRES_IN_SECS: i64 = 7 * 24 * 60 * 60;

/// A link just created: the token is shown this once.
pub struct IssuedPreview {
    pub token: String,
    pub link: preview_link::Model,
}

/// Creates a link to article `article_id` that works for `expires_in` seconds from
/// `now` (1 to [`MAX_EXPIRES_IN_SECS`]; `field` names it for errors).
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    article_id: Uuid,
    expires_in: i64,
    field: &str,
    now: DateTime<Utc>,
) -> AppResult<IssuedPreview> {
    let viewer = viewer::refresh(db, viewer).await?;
    // Whoever cannot write articles at all learns nothing about this one.
    authorize(&viewer, Action::CreateArticle)?;
    if !(1..=MAX_EXPIRES_IN_SECS).contains(&expires_in) {
        return Err(AppError::bad_input(
            field,
            format!("must be between 1 and {MAX_EXPIRES_IN_SECS} seconds (7 days)"),
        ));
    }
    let article = articles::find(db, article_id).await?;
    authorize(
        &viewer,
        Action::ManagePreviewLinks {
            author_id: article.author_id,
        },
    )?;
    super::corrections::ensure_not_retracted(&article)?;
    let bytes: [u8; TOKEN_BYTES] = rand::random();
    let token = format!("{TOKEN_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes));
    let link = preview_link::Model {
        id: Uuid::now_v7(),
        article_id,
        token_hash: token_hash(&token),
        created_by: viewer.user_id(),
        created_at: now,
        expires_at: now + Duration::seconds(expires_in),
        revoked_at: None,
    };
    let link = store::preview_links::insert(db, link).await?;
    Ok(IssuedPreview { token, link })
}

/// The links of article `article_id`, newest first (its author and editors).
pub async fn list(
    db: &DatabaseConnection,
    viewer: &Viewer,
    article_id: Uuid,
) -> AppResult<Vec<preview_link::Model>> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::CreateArticle)?;
    let article = articles::find(db, article_id).await?;
    authorize(
        &viewer,
        Action::ManagePreviewLinks {
            author_id: article.author_id,
        },
    )?;
    store::preview_links::of_article(db, article_id).await
}

/// Revokes link `id` at `now`: it stops working on every instance with the next
/// request. Revoking twice is harmless and keeps the first moment.
pub async fn revoke(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<preview_link::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::CreateArticle)?;
    let link = store::preview_links::find(db, id)
        .await?
        .ok_or(AppError::NotFound("preview link"))?;
    let article = articles::find(db, link.article_id).await?;
    authorize(
        &viewer,
        Action::ManagePreviewLinks {
            author_id: article.author_id,
        },
    )?;
    store::preview_links::revoke(db, id, now).await?;
    store::preview_links::find(db, id)
        .await?
        .ok_or(AppError::NotFound("preview link"))
}

/// The article `token` shows at `now`, as it is now. Any token that is not a live
/// link (malformed, unknown, expired, revoked, or its article retracted or deleted)
/// is the same [`AppError::NotFound`], so a guess learns nothing.
pub async fn open(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> AppResult<article::Model> {
    let gone = || AppError::NotFound("preview");
    let token = token.trim();
    let well_formed = token.len() == TOKEN_LEN
        && token.strip_prefix(TOKEN_PREFIX).is_some_and(|rest| {
            URL_SAFE_NO_PAD
                .decode(rest)
                .is_ok_and(|b| b.len() == TOKEN_BYTES)
        });
    if !well_formed {
        return Err(gone());
    }
    let link = store::preview_links::by_hash(db, &token_hash(token))
        .await?
        .ok_or_else(gone)?;
    if link.revoked_at.is_some() || link.expires_at <= now {
        return Err(gone());
    }
    let article = articles::find(db, link.article_id)
        .await
        .map_err(|_| gone())?;
    if super::corrections::ensure_not_retracted(&article).is_err() {
        return Err(gone());
    }
    Ok(article)
}

/// The stored form of a token: SHA-256, lowercase hex.
fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_have_their_prefix_and_length() {
        let bytes = [7u8; TOKEN_BYTES];
        let token = format!("{TOKEN_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes));
        assert_eq!(token.len(), TOKEN_LEN);
        assert_eq!(token_hash(&token).len(), 64);
    }
}
