//! The HTTP plumbing every endpoint shares: extractors and body rules, the client's
//! address, problem+json, conditional requests and the micro-cache, security headers,
//! graceful shutdown.
//!
//! Nothing here knows an endpoint: `crate::api` builds on this module, never the
//! other way round.

pub mod access_log;
pub mod body;
pub mod cache;
pub mod client_addr;
pub mod connections;
pub mod drain;
pub mod extract;
pub mod forwarding;
pub mod graphql_request;
pub mod graphql_response;
pub mod headers;
pub mod lang;
pub mod micro_cache;
pub mod nul;
pub mod problem;
pub mod rate_limit;
pub mod socket_slots;
pub mod viewer;
