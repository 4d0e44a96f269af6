//! Who is asking, and what they may do.
//!
//! - [`accounts`]: administrators changing an account's role or standing.
//! - [`api_keys`]: partners' API keys, each with its own quota of requests.
//! - [`keys`], [`key_config`]: the keys that sign and verify access tokens, rotated
//!   with an overlap.
//! - [`tokens`]: access tokens (JWT, 15 minutes) and their strict verification.
//! - [`refresh`]: refresh tokens (opaque, hashed, rotated, revoked by family on reuse).
//! - [`login`]: signing in with a password, failures rate-limited in the database.
//! - [`viewer`]: the [`Viewer`](viewer::Viewer) behind a request.
//! - [`standing`]: whether a connection's credentials still hold while it stays open.
//! - [`permissions`]: the permission table of the domain, in one place.

pub mod accounts;
pub mod api_keys;
pub mod attempts;
pub mod key_config;
pub mod keys;
pub mod login;
pub mod password;
pub mod permissions;
pub mod refresh;
pub mod standing;
pub mod tokens;
pub mod viewer;

pub use permissions::{Action, authorize};
pub use viewer::Viewer;

/// Lowercase hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}
