//! Spawning the service on a fresh database and talking to it over real HTTP: the
//! service and its database ([`app`]), accounts and tokens ([`accounts`]), GraphQL
//! operations and subscriptions ([`graphql`]), REST requests read whole
//! ([`rest`]), and Python tools from PyPI ([`python`]).

mod accounts;
mod app;
mod graphql;
pub mod python;
mod rest;

pub use accounts::{Account, account_with_password, viewer_with_role};
pub use app::{Sibling, TEST_JWT_SECRET, TestApp, TestDb, config_args, migrated_db};
pub use graphql::{Subscription, data, error_code};
pub use rest::RestResponse;
