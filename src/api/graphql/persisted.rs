//! Documents a client names by their hash alone: Apollo's automatic persisted queries
//! (remembered by each instance once sent with their text) and trusted documents
//! (registered for the whole cluster, see [`crate::trusted_documents`]).
//!
//! The transport asks what such a request runs before the engine does, to choose the
//! database: a query may read the replica, anything else the primary. Without the
//! text, a request known by its hash alone went to the primary, so the clients that
//! send the least (persisted queries are what production clients send) were the ones
//! kept off the replica.

use async_graphql::{
    Request, ServerError, ServerResult, Value,
    extensions::apollo_persisted_queries::{CacheStorage, LruCacheStorage},
    parser::types::{DocumentOperations, ExecutableDocument, OperationType},
};
use sha2::{Digest, Sha256};

use crate::trusted_documents::TrustedDocuments;

/// How many persisted queries each instance remembers. A query it has forgotten is
/// simply sent again by the client, as the protocol expects.
pub const APQ_CACHE_SIZE: usize = 1024;

/// The documents known by hash on this instance; cheap to clone.
#[derive(Clone)]
pub struct PersistedDocuments {
    apq: LruCacheStorage,
    trusted: TrustedDocuments,
}

/// What a request's `persistedQuery` extension asks for (Apollo's automatic
/// persisted queries, version 1).
pub enum Persisted {
    /// Nothing: the request carries its text.
    Nothing,
    /// A document this instance remembers, named by its hash alone.
    Known(ExecutableDocument),
    /// The text with its hash: to be remembered under the hash once it is found
    /// within the limits.
    Register(String),
}

impl PersistedDocuments {
    pub fn new(trusted: TrustedDocuments) -> Self {
        PersistedDocuments {
            apq: LruCacheStorage::new(APQ_CACHE_SIZE),
            trusted,
        }
    }

    /// The cluster's trusted documents.
    pub fn trusted(&self) -> &TrustedDocuments {
        &self.trusted
    }

    /// Takes `request`'s persisted-query extension and says what it asks for. The
    /// messages are the protocol's: Apollo's clients send the text again on
    /// `PersistedQueryNotFound`.
    pub async fn lookup(&self, request: &mut Request) -> ServerResult<Persisted> {
        let Some(extension) = request.extensions.remove("persistedQuery") else {
            return Ok(Persisted::Nothing);
        };
        let invalid =
            || ServerError::new("Invalid \"PersistedQuery\" extension configuration.", None);
        let Value::Object(fields) = extension else {
            return Err(invalid());
        };
        let version = match fields.get("version") {
            Some(Value::Number(n)) => n.as_i64().ok_or_else(invalid)?,
            _ => return Err(invalid()),
        };
        let Some(Value::String(hash)) = fields.get("sha256Hash") else {
            return Err(invalid());
        };
        if version != 1 {
            return Err(ServerError::new(
                format!(
                    "Only the \"PersistedQuery\" extension of version \"1\" is supported, and the current version is \"{version}\"."
                ),
                None,
            ));
        }
        let hash = hash.to_ascii_lowercase();
        if request.query.is_empty() {
            return match self.apq.get(hash).await {
                Some(document) => Ok(Persisted::Known(document)),
                None => Err(ServerError::new("PersistedQueryNotFound", None)),
            };
        }
        if format!("{:x}", Sha256::digest(request.query.as_bytes())) != hash {
            return Err(ServerError::new("provided sha does not match query", None));
        }
        Ok(Persisted::Register(hash))
    }

    /// Remembers `document` under `hash`, for the clients that will send the hash alone.
    pub async fn remember(&self, hash: String, document: ExecutableDocument) {
        self.apq.set(hash, document).await;
    }
}

/// Whether the operation an admitted `request` (its document parsed by
/// [`Rules::admit`](super::rules::Rules::admit)) runs is a query. One that does not
/// parse counts as no query: the engine answers it on the primary, which is never
/// wrong.
pub fn runs_query(request: &mut Request) -> bool {
    let name = request.operation_name.clone();
    match request.parsed_query() {
        Ok(document) => is_query(document, name.as_deref()),
        Err(_) => false,
    }
}

/// The hash a request names in `extensions.persistedQuery.sha256Hash` (where
/// `documentId` was put too), lower-cased.
pub fn hash_of_request(request: &Request) -> Option<String> {
    let Some(Value::Object(persisted)) = request.extensions.get("persistedQuery") else {
        return None;
    };
    match persisted.get("sha256Hash") {
        Some(Value::String(hash)) => Some(hash.to_ascii_lowercase()),
        _ => None,
    }
}

fn is_query(document: &ExecutableDocument, name: Option<&str>) -> bool {
    let operation = match (&document.operations, name) {
        (DocumentOperations::Single(operation), _) => Some(operation),
        (DocumentOperations::Multiple(operations), Some(name)) => operations.get(name),
        (DocumentOperations::Multiple(operations), None) if operations.len() == 1 => {
            operations.values().next()
        }
        _ => None,
    };
    operation.is_some_and(|op| op.node.ty == OperationType::Query)
}
