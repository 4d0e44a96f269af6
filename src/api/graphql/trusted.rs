//! Trusted documents in GraphQL: the rule that holds the public to them under
//! `TRUSTED_DOCUMENTS_ONLY` (one of the request [`Rules`](super::rules::Rules), so it
//! applies alike over HTTP and over a socket), and the ADMIN's registry of them. The documents themselves are kept by
//! [`crate::trusted_documents`].

use async_graphql::{Context, Object, Request, ServerResult, SimpleObject};
use chrono::{DateTime, Utc};

use super::{context::ContextExt, persisted::hash_of_request};
use crate::{
    auth::{
        permissions::{Action, allowed},
        viewer::Viewer,
    },
    entity::trusted_document,
    error::AppError,
    trusted_documents::{self, TrustedDocuments, hash_of},
};

/// What a refused client is told: which rule, and what to send instead.
const REFUSAL: &str = "this service runs only trusted documents for anonymous and API-key clients (TRUSTED_DOCUMENTS_ONLY): send the `documentId` (sha256:<hash>) or `extensions.persistedQuery.sha256Hash` of a registered operation";

/// Runs a trusted document named by its hash, and, under `TRUSTED_DOCUMENTS_ONLY`,
/// refuses any other document from a client who is not staff. Applied before
/// Apollo's persisted queries, which then see a request with its text.
#[derive(Clone)]
pub struct TrustedOnly {
    documents: TrustedDocuments,
    only: bool,
}

impl TrustedOnly {
    pub fn new(documents: TrustedDocuments, only: bool) -> Self {
        TrustedOnly { documents, only }
    }

    /// Gives `request` the text of the trusted document it names, and refuses it if
    /// this instance runs trusted documents only and `viewer` may not run their own.
    pub fn admit(&self, request: &mut Request, viewer: Option<Viewer>) -> ServerResult<()> {
        let trusted = match hash_of_request(request) {
            Some(hash) => match self.documents.get(&hash) {
                // The text is ours: a client sending it too must send the same.
                Some(document) if request.query.is_empty() || request.query == *document => {
                    request.query = document.to_string();
                    request.extensions.remove("persistedQuery");
                    true
                }
                _ => false,
            },
            None => self.only && self.documents.get(&hash_of(&request.query)).is_some(),
        };
        let staff = viewer.is_some_and(|viewer| allowed(&viewer, Action::RunAdHocOperations));
        if self.only && !trusted && !staff && !only_signs_in(&request.query) {
            return Err(AppError::UntrustedDocument(REFUSAL).into_server_error());
        }
        Ok(())
    }
}

/// The mutations that sign in and out: anyone may send them as they like, or staff
/// could not get the token that lets them write their own queries.
const SIGN_IN: [&str; 4] = ["login", "refreshToken", "logout", "__typename"];

/// Whether `query` only signs in or out: mutations whose every root field is one of
/// [`SIGN_IN`].
fn only_signs_in(query: &str) -> bool {
    use async_graphql::parser::types::{OperationType, Selection};
    let Ok(document) = async_graphql::parser::parse_query(query) else {
        return false;
    };
    document.fragments.is_empty()
        && document.operations.iter().all(|(_, operation)| {
            operation.node.ty == OperationType::Mutation
                && operation.node.selection_set.node.items.iter().all(|item| {
                    matches!(&item.node, Selection::Field(field)
                        if SIGN_IN.contains(&field.node.name.node.as_str()))
                })
        })
}

/// This instance's trusted documents.
fn held<'a>(ctx: &Context<'a>) -> &'a TrustedDocuments {
    ctx.data_unchecked::<TrustedDocuments>()
}

/// A GraphQL operation the public may run under `TRUSTED_DOCUMENTS_ONLY`.
#[derive(SimpleObject)]
pub struct TrustedDocument {
    /// What a client sends as `documentId`: `sha256:` and the hash.
    pub document_id: String,
    /// The lowercase hex SHA-256 of `document`, as Apollo's
    /// `extensions.persistedQuery.sha256Hash` carries it.
    pub hash: String,
    /// The operation's text.
    pub document: String,
    /// When it was registered.
    pub created_at: DateTime<Utc>,
}

impl From<trusted_document::Model> for TrustedDocument {
    fn from(row: trusted_document::Model) -> Self {
        TrustedDocument {
            document_id: format!("sha256:{}", row.hash),
            hash: row.hash,
            document: row.document,
            created_at: row.created_at,
        }
    }
}

/// The outcome of `registerTrustedDocuments`.
#[derive(SimpleObject)]
pub struct RegisterTrustedDocumentsPayload {
    /// Every document given, as stored, in the order given (one trusted already is
    /// there as it was).
    pub documents: Vec<TrustedDocument>,
}

/// The outcome of `removeTrustedDocument`.
#[derive(SimpleObject)]
pub struct RemoveTrustedDocumentPayload {
    /// Whether the document was trusted until now.
    pub removed: bool,
}

#[derive(Default)]
pub struct TrustedDocumentQuery;

#[Object]
impl TrustedDocumentQuery {
    /// The documents the public may run under `TRUSTED_DOCUMENTS_ONLY`, oldest first
    /// (ADMIN only).
    async fn trusted_documents(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<TrustedDocument>> {
        let rows = trusted_documents::list(ctx.db(), ctx.viewer()).await?;
        Ok(rows.into_iter().map(TrustedDocument::from).collect())
    }
}

#[derive(Default)]
pub struct TrustedDocumentMutation;

#[Object]
impl TrustedDocumentMutation {
    /// Trusts each of `documents` (ADMIN only), on every instance: the public may
    /// then run it by its hash. Each must parse as a GraphQL document; one trusted
    /// already is not an error.
    async fn register_trusted_documents(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The operations' texts, exactly as clients hash them: 1 to 500.")]
        documents: Vec<String>,
    ) -> async_graphql::Result<RegisterTrustedDocumentsPayload> {
        let rows =
            trusted_documents::register(ctx.db(), held(ctx), ctx.clock(), ctx.viewer(), &documents)
                .await?;
        Ok(RegisterTrustedDocumentsPayload {
            documents: rows.into_iter().map(TrustedDocument::from).collect(),
        })
    }

    /// Stops trusting a document (ADMIN only), on every instance.
    async fn remove_trusted_document(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Its hash: 64 hex digits, optionally after `sha256:`.")] hash: String,
    ) -> async_graphql::Result<RemoveTrustedDocumentPayload> {
        let removed =
            trusted_documents::remove(ctx.db(), held(ctx), ctx.clock(), ctx.viewer(), &hash)
                .await?;
        Ok(RemoveTrustedDocumentPayload { removed })
    }
}
