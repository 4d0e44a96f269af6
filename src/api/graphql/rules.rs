//! The rules every GraphQL request meets before the engine runs it, and the one its
//! answer meets after: trusted documents, persisted queries, the query limits (with
//! the parsed-document cache), GET's read-only rule, required variables, and error
//! codes.
//!
//! They are applied around the engine rather than as its extensions. async-graphql
//! runs every field of every answer through each registered extension's `resolve`
//! hook, one boxed future per extension, whether it overrides the hook or not, and
//! with any extension at all it builds each field's `ResolveInfo` (a registry lookup)
//! and each list item's type name. Over HTTP the schema has no extension, so those
//! costs are gone; only an anonymous GET, whose answer is tagged for caches, runs
//! through [`CacheTagging`](super::cache_tags::CacheTagging). A socket's operations
//! reach the engine through `async-graphql-axum`, so there the same rules run from
//! the socket's extension ([`socket::OnSocket`](super::socket::OnSocket)).

use async_graphql::{Request, Response, ServerResult};

use super::{
    errors,
    limits::QueryLimits,
    persisted::{Persisted, PersistedDocuments},
    trusted::TrustedOnly,
};
use crate::auth::viewer::Viewer;

/// The request rules of one instance; cheap to clone.
#[derive(Clone)]
pub struct Rules {
    limits: QueryLimits,
    trusted: TrustedOnly,
    persisted: PersistedDocuments,
}

impl Rules {
    pub fn new(persisted: PersistedDocuments, trusted_only: bool) -> Self {
        Rules {
            limits: QueryLimits::default(),
            trusted: TrustedOnly::new(persisted.trusted().clone(), trusted_only),
            persisted,
        }
    }

    /// `request` made ready for the engine, its document parsed, or why it is
    /// refused. `viewer` is who sends it, when known: staff may run documents of
    /// their own under `TRUSTED_DOCUMENTS_ONLY`.
    pub async fn admit(
        &self,
        mut request: Request,
        viewer: Option<Viewer>,
    ) -> ServerResult<Request> {
        // A persisted query's text is parsed below without passing through the
        // cache's nesting check: it is checked here first.
        if request.extensions.contains_key("persistedQuery") {
            self.limits.nesting(&request.query)?;
        }
        self.trusted.admit(&mut request, viewer)?;
        let parsed = match self.persisted.lookup(&mut request).await? {
            Persisted::Nothing => self.limits.parse(&request.query)?,
            Persisted::Known(document) => self.limits.check(document)?,
            Persisted::Register(hash) => {
                let parsed = self.limits.parse(&request.query)?;
                self.persisted
                    .remember(hash, parsed.document().clone())
                    .await;
                parsed
            }
        };
        parsed.admit(&request)?;
        request.set_parsed_query(parsed.document().clone());
        Ok(request)
    }

    /// What the client is sent for `response`: every error with its code.
    pub fn finish(mut response: Response) -> Response {
        errors::finish(&mut response);
        response
    }
}
