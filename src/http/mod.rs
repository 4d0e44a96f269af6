//! HTTP endpoints that are not part of a resource API (health, metrics, GraphQL
//! transport, the API document and its viewer), and the HTTP behaviour every route
//! shares: caching, problem+json, security headers.

pub mod cache;
pub mod docs;
pub mod drain;
pub mod graphql;
pub mod graphql_request;
pub mod headers;
pub mod health;
pub mod metrics;
pub mod micro_cache;
pub mod nul;
pub mod openapi;
pub mod problem;
