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
    Request, Value,
    extensions::apollo_persisted_queries::{ApolloPersistedQueries, CacheStorage, LruCacheStorage},
    parser::types::{DocumentOperations, ExecutableDocument, OperationType},
};

use crate::trusted_documents::TrustedDocuments;

/// How many persisted queries each instance remembers. A query it has forgotten is
/// simply sent again by the client, as the protocol expects.
pub const APQ_CACHE_SIZE: usize = 1024;

/// The documents known by hash on this instance; cheap to clone, shared by the
/// schema's extension and the transport.
#[derive(Clone)]
pub struct PersistedDocuments {
    apq: LruCacheStorage,
    trusted: TrustedDocuments,
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

    /// The engine's extension for automatic persisted queries, on this cache.
    pub fn apq_extension(&self) -> ApolloPersistedQueries<LruCacheStorage> {
        ApolloPersistedQueries::new(self.apq.clone())
    }

    /// Whether the operation `request` runs is a query. A trusted document named by
    /// its hash alone gets its text here (the engine's extension accepts a client
    /// sending the registered text). A document that does not parse, or a hash this
    /// instance does not know, counts as no query: the engine answers it on the
    /// primary, which is never wrong.
    pub async fn runs_query(&self, request: &mut Request) -> bool {
        let name = request.operation_name.clone();
        if request.query.is_empty() {
            let Some(hash) = hash_of_request(request) else {
                return false;
            };
            if let Some(document) = self.trusted.get(&hash) {
                request.query = document.to_string();
            } else {
                return match self.apq.get(hash).await {
                    Some(document) => is_query(&document, name.as_deref()),
                    None => false,
                };
            }
        }
        match request.parsed_query() {
            Ok(document) => is_query(document, name.as_deref()),
            Err(_) => false,
        }
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
