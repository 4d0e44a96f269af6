//! What a GraphQL request knows about its caller, set by the HTTP handler.

use std::net::IpAddr;

use async_graphql::Context;
use axum::http::{HeaderMap, header};
use sea_orm::DatabaseConnection;

use crate::{
    auth::viewer::Viewer,
    domain::{Language, Role, time},
    graphql::loaders::{self, Loaders},
    store::{
        articles::{Access, ArticleScope},
        comments::CommentAccess,
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
    /// The context of a request from `viewer` at `client` with these headers.
    pub fn new(headers: &HeaderMap, viewer: Viewer, client: IpAddr) -> Self {
        let lang = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(preferred_language)
            .unwrap_or(Language::Ru);
        let now = time::now();
        let (access, comments) = match &viewer {
            Viewer::User {
                role: Role::Admin | Role::Editor,
                ..
            } => (Access::All, CommentAccess::All),
            Viewer::User {
                role: Role::Author,
                id,
            } => (Access::PublicAndOwn(*id), CommentAccess::Public),
            Viewer::User {
                role: Role::Moderator,
                ..
            } => (Access::Public, CommentAccess::All),
            _ => (Access::Public, CommentAccess::Public),
        };
        RequestContext {
            lang,
            viewer,
            client,
            scope: ArticleScope { access, now },
            comments,
        }
    }

    /// The batch loader for a request in this context.
    pub fn loaders(&self, conn: DatabaseConnection) -> Loaders {
        loaders::for_request(conn, self.scope, self.comments)
    }
}

/// Shorthands for what resolvers take from the context.
pub trait ContextExt {
    fn request(&self) -> &RequestContext;
    fn viewer(&self) -> &Viewer;
    fn db(&self) -> &DatabaseConnection;
    fn loaders(&self) -> &Loaders;
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

    fn loaders(&self) -> &Loaders {
        self.data_unchecked::<Loaders>()
    }
}

/// The first of our languages in an `Accept-Language` list, by quality then order.
pub fn preferred_language(accept: &str) -> Option<Language> {
    let mut best: Option<(f32, Language)> = None;
    for part in accept.split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or("").trim();
        let quality = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("");
        if let Some(lang) = Language::from_code(primary)
            && quality > 0.0
            && best.is_none_or(|(q, _)| quality > q)
        {
            best = Some((quality, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_our_best_language() {
        assert_eq!(preferred_language("kk-KZ,ru;q=0.8"), Some(Language::Kk));
        assert_eq!(
            preferred_language("de, en;q=0.5, ru;q=0.9"),
            Some(Language::Ru)
        );
        assert_eq!(preferred_language("de, fr"), None);
        assert_eq!(preferred_language("en;q=0"), None);
    }
}
