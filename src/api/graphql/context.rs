//! What a GraphQL request knows about its caller, set by the HTTP handler.

use std::net::IpAddr;

use async_graphql::Context;
use axum::http::HeaderMap;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use crate::{
    auth::{permissions, viewer::Viewer},
    domain::{Language, time::Clock},
    store::{
        articles::ArticleScope,
        comments::CommentAccess,
        loaders::{self, Loaders},
        regions::RegionCache,
    },
};

/// Per-request facts resolvers read from the context.
#[derive(Debug, Clone)]
pub struct RequestContext {
    /// The language asked for by `Accept-Language`, Russian when none of ours is.
    pub lang: Language,
    /// Who is asking, from the access token.
    pub viewer: Viewer,
    /// The client's address, for rate limits.
    pub client: IpAddr,
    /// Which articles this request may see, fixed at its start.
    pub scope: ArticleScope,
    /// Which comments this request may see.
    pub comments: CommentAccess,
}

impl RequestContext {
    /// The context of a request from `viewer` at `client` with these headers, made
    /// at `now`.
    pub fn new(headers: &HeaderMap, viewer: Viewer, client: IpAddr, now: DateTime<Utc>) -> Self {
        let lang = crate::http::lang::header_language(headers).unwrap_or(Language::Ru);
        RequestContext {
            lang,
            scope: permissions::article_scope(&viewer, now),
            comments: permissions::comment_access(&viewer),
            viewer,
            client,
        }
    }

    /// The batch loader for a request in this context.
    pub fn loaders(&self, conn: DatabaseConnection, regions: RegionCache) -> Loaders {
        loaders::for_request(conn, self.scope, self.comments, regions)
    }
}

/// The request's search pool (`crate::db::Db::search`), beside its
/// `DatabaseConnection`.
pub struct SearchConnection(pub DatabaseConnection);

/// Shorthands for what resolvers take from the context.
pub trait ContextExt {
    fn request(&self) -> &RequestContext;
    fn viewer(&self) -> &Viewer;
    fn db(&self) -> &DatabaseConnection;
    /// The pool full-text search runs on, on the database `db` reads.
    fn search_db(&self) -> &DatabaseConnection;
    fn loaders(&self) -> &Loaders;
    /// The service's clock.
    fn clock(&self) -> &Clock;
    /// The time on the service's clock, for what a mutation writes.
    fn now(&self) -> DateTime<Utc> {
        self.clock().now()
    }
}

impl ContextExt for Context<'_> {
    fn request(&self) -> &RequestContext {
        self.data_unchecked::<RequestContext>()
    }

    fn viewer(&self) -> &Viewer {
        &self.request().viewer
    }

    fn db(&self) -> &DatabaseConnection {
        self.data_unchecked::<DatabaseConnection>()
    }

    fn search_db(&self) -> &DatabaseConnection {
        &self.data_unchecked::<SearchConnection>().0
    }

    fn loaders(&self) -> &Loaders {
        self.data_unchecked::<Loaders>()
    }

    fn clock(&self) -> &Clock {
        self.data_unchecked::<Clock>()
    }
}
