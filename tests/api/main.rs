//! Black-box tests of the HTTP service. Each test gets its own database: a fresh
//! SQLite file, or a fresh PostgreSQL database when `TEST_DATABASE_URL` is set.

mod auth_login;
mod auth_tokens;
mod cli;
mod comments;
mod configuration;
mod demo;
mod editorial;
mod feeds;
mod fixtures;
mod graphql_accounts;
mod graphql_articles;
mod graphql_editorial;
mod graphql_limits;
mod graphql_regions;
mod graphql_relations;
mod graphql_statements;
mod helpers;
mod http_basics;
mod operations;
mod rest_articles;
mod rest_caching;
mod rest_comment_post;
mod rest_comments;
mod rest_ninjs;
mod rest_openapi;
mod rest_resources;
mod rest_support;
mod search;
mod search_candidates;
mod search_visibility;
mod shutdown;
