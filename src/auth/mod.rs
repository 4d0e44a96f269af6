//! Who is asking, and what they may do.
//!
//! - [`keys`], [`key_config`]: the keys that sign and verify access tokens, rotated
//!   with an overlap.
//! - [`tokens`]: access tokens (JWT, 15 minutes) and their strict verification.
//! - [`viewer`]: the [`Viewer`](viewer::Viewer) behind a request.
//! - [`permissions`]: the permission table of the domain, in one place.

pub mod key_config;
pub mod keys;
pub mod password;
pub mod permissions;
pub mod tokens;
pub mod viewer;

pub use permissions::{Action, authorize};
pub use viewer::Viewer;
