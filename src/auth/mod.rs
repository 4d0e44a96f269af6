//! Who is asking, and what they may do.
//!
//! - [`keys`], [`key_config`]: the keys that sign and verify access tokens, rotated
//!   with an overlap.

pub mod key_config;
pub mod keys;
pub mod password;
