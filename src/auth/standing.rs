//! Whether a connection that outlives a request (a GraphQL WebSocket) may still act on
//! the credentials it was opened with.
//!
//! A request is judged once, at its start. A connection lives on, so its access token
//! can expire while it is open, and an administrator can disable or demote the account
//! behind it. Its standing lapses then, and the connection must end so that the client
//! comes back with a new token. The role stays the token's while the account's role
//! still allows everything it did: a promotion, like over HTTP, takes effect with the
//! next token.

use std::{future, sync::Arc};

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use tokio::sync::broadcast::{Receiver, error::RecvError};

use crate::{
    auth::{
        permissions,
        tokens::VerifiedToken,
        viewer::{self, Viewer},
    },
    domain::{ChangeKind, time::Clock},
    error::{AppError, AppResult},
    store::changes::Change,
};

/// Why a connection's credentials no longer hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lapse {
    /// The access token it was opened with is refused from now on.
    Expired,
    /// The account was disabled (or deleted).
    Disabled,
    /// The account's role no longer allows everything the token's did.
    Demoted,
}

impl From<Lapse> for AppError {
    fn from(lapse: Lapse) -> Self {
        match lapse {
            Lapse::Expired | Lapse::Disabled => AppError::Unauthenticated,
            Lapse::Demoted => AppError::Forbidden,
        }
    }
}

/// Who opened a connection, and until when their token holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    viewer: Viewer,
    /// When the token is refused; `None` for an anonymous connection, which never
    /// expires.
    until: Option<DateTime<Utc>>,
}

impl Standing {
    /// A connection opened without credentials: it never lapses.
    pub fn anonymous() -> Standing {
        Standing {
            viewer: Viewer::Anonymous,
            until: None,
        }
    }

    /// A connection opened with `token`.
    pub fn of(token: &VerifiedToken) -> Standing {
        Standing {
            viewer: Viewer::of(token),
            until: Some(token.refused_from()),
        }
    }

    /// Who the connection acts for, with the token's role.
    pub fn viewer(&self) -> Viewer {
        self.viewer
    }

    /// What lapsed at `now`, if anything, reading the account as stored: one read by
    /// key for a signed-in connection, none for an anonymous one.
    pub async fn judge(
        &self,
        db: &impl ConnectionTrait,
        now: DateTime<Utc>,
    ) -> AppResult<Option<Lapse>> {
        if self.until.is_some_and(|until| now >= until) {
            return Ok(Some(Lapse::Expired));
        }
        let Viewer::User { role: granted, .. } = self.viewer else {
            return Ok(None);
        };
        match viewer::refresh(db, &self.viewer).await {
            Ok(Viewer::User { role, .. }) => {
                Ok((!permissions::role_covers(role, granted)).then_some(Lapse::Demoted))
            }
            Ok(Viewer::Anonymous) | Err(AppError::Unauthenticated) => Ok(Some(Lapse::Disabled)),
            Err(err) => Err(err),
        }
    }

    /// Completes when the standing lapses: when `clock` reaches the token's end, or
    /// when a change from the bus (`changes`, subscribed before the account was first
    /// read, so none falls between) says the account's role or standing changed and
    /// the account read again no longer backs the token. An anonymous standing never
    /// lapses. A failed read is logged and tried again at the next change; expiry
    /// still ends the connection.
    pub async fn lapses(
        &self,
        db: &impl ConnectionTrait,
        clock: &Clock,
        mut changes: Receiver<Arc<Change>>,
    ) -> Lapse {
        let (Viewer::User { id, .. }, Some(until)) = (self.viewer, self.until) else {
            return future::pending().await;
        };
        let expiry = clock.sleep_until(until);
        tokio::pin!(expiry);
        loop {
            let concerned = tokio::select! {
                () = &mut expiry => return Lapse::Expired,
                change = changes.recv() => match change {
                    Ok(change) => {
                        change.entity_id == id
                            && matches!(
                                change.kind,
                                ChangeKind::UserRoleChanged | ChangeKind::UserDisabled
                            )
                    }
                    // One of the missed changes may have been about this account.
                    Err(RecvError::Lagged(_)) => true,
                    Err(RecvError::Closed) => {
                        expiry.await;
                        return Lapse::Expired;
                    }
                },
            };
            if !concerned {
                continue;
            }
            match self.judge(db, clock.now()).await {
                Ok(Some(lapse)) => return lapse,
                Ok(None) => {}
                Err(err) => {
                    tracing::warn!(error = ?err, "a connection's account could not be read again");
                }
            }
        }
    }
}
