//! HTTP endpoints that are not part of a resource API: health, metrics, GraphQL transport.

pub mod graphql;
pub mod health;
pub mod metrics;
pub mod openapi;
