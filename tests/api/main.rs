//! Black-box tests of the HTTP service. Each test gets its own database: a fresh
//! SQLite file, or a fresh PostgreSQL database when `TEST_DATABASE_URL` is set.

mod auth_login;
mod auth_tokens;
mod cli;
mod configuration;
mod demo;
mod editorial;
mod graphql_regions;
mod helpers;
mod http_basics;
mod operations;
mod shutdown;
