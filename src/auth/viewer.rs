//! Who is asking: nobody, or a signed-in user with a role.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

use crate::{
    auth::{
        keys::KeySet,
        tokens::{self, VerifiedToken},
    },
    domain::Role,
    entity::user,
    error::{AppError, AppResult},
};

/// The person behind a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// No credentials were presented.
    Anonymous,
    /// A valid access token named this user.
    User {
        /// The account's id.
        id: Uuid,
        /// The role the token (or the database, after [`refresh`]) gives them.
        role: Role,
    },
}

impl Viewer {
    /// The user a verified access token names, with the role it gives them.
    pub fn of(token: &VerifiedToken) -> Viewer {
        Viewer::User {
            id: token.user_id,
            role: token.role,
        }
    }

    /// The role, for a signed-in viewer.
    pub fn role(&self) -> Option<Role> {
        match self {
            Viewer::Anonymous => None,
            Viewer::User { role, .. } => Some(*role),
        }
    }

    /// The account's id, for a signed-in viewer.
    pub fn user_id(&self) -> Option<Uuid> {
        match self {
            Viewer::Anonymous => None,
            Viewer::User { id, .. } => Some(*id),
        }
    }

    /// Whether anyone is signed in.
    pub fn is_signed_in(&self) -> bool {
        matches!(self, Viewer::User { .. })
    }

    /// Whether the viewer works for the portal (anyone but an anonymous or READER).
    pub fn is_staff(&self) -> bool {
        matches!(
            self.role(),
            Some(Role::Admin | Role::Editor | Role::Author | Role::Moderator)
        )
    }
}

/// The viewer an `Authorization` header names: none is [`Viewer::Anonymous`]; anything
/// but a `Bearer` access token valid at `now` is [`AppError::Unauthenticated`], so a
/// client with a broken token is told so rather than silently served as a stranger.
pub fn from_authorization(
    header: Option<&str>,
    keys: &KeySet,
    now: DateTime<Utc>,
) -> AppResult<Viewer> {
    Ok(token_of(header, keys, now)?.map_or(Viewer::Anonymous, |token| Viewer::of(&token)))
}

/// The access token an `Authorization` header presents, verified at `now`: `None`
/// without a header, and [`AppError::Unauthenticated`] like [`from_authorization`].
/// A connection that outlives the request keeps it to know when it expires.
pub fn token_of(
    header: Option<&str>,
    keys: &KeySet,
    now: DateTime<Utc>,
) -> AppResult<Option<VerifiedToken>> {
    let Some(header) = header else {
        return Ok(None);
    };
    let (scheme, token) = header
        .trim()
        .split_once(' ')
        .ok_or(AppError::Unauthenticated)?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(AppError::Unauthenticated);
    }
    tokens::verify(keys, token.trim(), now).map(Some)
}

/// The viewer as the database sees them now: the current role, and
/// [`AppError::Unauthenticated`] for an account disabled or deleted since the token
/// was issued. Writes call this so a demotion takes effect at once rather than when
/// the access token expires.
pub async fn refresh(db: &impl ConnectionTrait, viewer: &Viewer) -> AppResult<Viewer> {
    let Viewer::User { id, .. } = viewer else {
        return Ok(Viewer::Anonymous);
    };
    match user::Entity::find_by_id(*id).one(db).await? {
        Some(account) if !account.disabled => Ok(Viewer::User {
            id: account.id,
            role: account.role,
        }),
        _ => Err(AppError::Unauthenticated),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"viewer-test-secret-viewer-test-secret-01";

    #[test]
    fn headers_become_viewers() {
        let keys = KeySet::hs256("k1", SECRET);
        let id = Uuid::now_v7();
        let now = "2025-03-10T09:00:00Z".parse().unwrap();
        let token = tokens::issue(&keys, id, Role::Moderator, now)
            .unwrap()
            .token;
        assert_eq!(
            from_authorization(None, &keys, now).unwrap(),
            Viewer::Anonymous
        );
        for header in [format!("Bearer {token}"), format!("bearer  {token} ")] {
            let viewer = from_authorization(Some(&header), &keys, now).unwrap();
            assert_eq!(viewer.user_id(), Some(id));
            assert_eq!(viewer.role(), Some(Role::Moderator));
            assert!(viewer.is_staff());
        }
        for bad in [
            String::new(),
            "Bearer".into(),
            "Bearer ".into(),
            format!("Basic {token}"),
            format!("Bearer{token}"),
            "Bearer not-a-token".into(),
        ] {
            assert!(
                matches!(
                    from_authorization(Some(&bad), &keys, now),
                    Err(AppError::Unauthenticated)
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn helpers() {
        assert!(!Viewer::Anonymous.is_staff());
        assert!(!Viewer::Anonymous.is_signed_in());
        let reader = Viewer::User {
            id: Uuid::now_v7(),
            role: Role::Reader,
        };
        assert!(reader.is_signed_in());
        assert!(!reader.is_staff());
    }
}
