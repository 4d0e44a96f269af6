//! The HTTP plumbing every endpoint shares: extractors and body rules, problem+json,
//! conditional requests and the micro-cache, security headers, graceful shutdown.
//!
//! Nothing here knows an endpoint: `crate::api` builds on this module, never the
//! other way round.

pub mod body;
pub mod cache;
pub mod drain;
pub mod extract;
pub mod graphql_request;
pub mod headers;
pub mod lang;
pub mod micro_cache;
pub mod nul;
pub mod problem;
pub mod viewer;
