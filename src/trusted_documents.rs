//! Trusted documents: the GraphQL operations the public may run when the service is
//! started with `TRUSTED_DOCUMENTS_ONLY=true`.
//!
//! A document is known by the lowercase hex SHA-256 of its text, the hash that
//! GraphQL Code Generator's persisted-documents manifest, Relay's (with SHA-256) and
//! Apollo's persisted queries all use. Documents come from a manifest file read at
//! start-up (`TRUSTED_DOCUMENTS_FILE`) or from an ADMIN's `registerTrustedDocuments`,
//! and are kept in the database, so every instance trusts the same ones: each holds
//! them in memory ([`TrustedDocuments`]) and reloads them when the change bus says
//! they changed.

use std::{
    collections::HashMap,
    path::Path,
    sync::{Arc, RwLock},
};

use sea_orm::{ConnectionTrait, DatabaseConnection};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{
    auth::{
        permissions::{Action, authorize},
        viewer::Viewer,
    },
    domain::{ChangeKind, time::Clock},
    editorial::tx,
    entity::trusted_document,
    error::{AppError, AppResult},
    store::{self, changes::NewChange},
};

/// Most documents one registration may carry; a manifest file has no such limit.
pub const MAX_PER_CALL: usize = 500;
/// Longest document accepted, in bytes: a client's largest operation is a few KB.
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024;

/// The lowercase hex SHA-256 of `document`, its name as clients send it.
pub fn hash_of(document: &str) -> String {
    format!("{:x}", Sha256::digest(document.as_bytes()))
}

/// `id` as a hash: 64 hex digits, bare or after `sha256:` (the GraphQL-over-HTTP
/// draft's `documentId`); lowercase.
pub fn parse_id(id: &str) -> Option<String> {
    let hex = id.strip_prefix("sha256:").unwrap_or(id);
    (hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| hex.to_ascii_lowercase())
}

/// The trusted documents, held in memory by every instance.
#[derive(Clone, Default)]
pub struct TrustedDocuments(Arc<RwLock<HashMap<String, Arc<str>>>>);

impl TrustedDocuments {
    /// The text of the document of `hash`, when it is trusted.
    pub fn get(&self, hash: &str) -> Option<Arc<str>> {
        self.read().get(hash).cloned()
    }

    /// How many documents are trusted.
    pub fn len(&self) -> usize {
        self.read().len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reads them all again from the database.
    pub async fn reload(&self, db: &impl ConnectionTrait) -> AppResult<()> {
        let rows = store::trusted_documents::all(db).await?;
        let documents = rows
            .into_iter()
            .map(|row| (row.hash, Arc::from(row.document)))
            .collect();
        *self
            .0
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = documents;
        Ok(())
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<String, Arc<str>>> {
        // A panic while the map was being replaced leaves a whole map either way.
        self.0
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Registers `documents` for the public, for `viewer` (ADMIN) at the clock's time.
/// Each must be a GraphQL document that parses; one that is already trusted is not
/// an error. `held` (this instance's) trusts them on return; the others, when the bus
/// tells them. Returns every one of them as stored, in the order given.
pub async fn register(
    db: &DatabaseConnection,
    held: &TrustedDocuments,
    clock: &Clock,
    viewer: &Viewer,
    documents: &[String],
) -> AppResult<Vec<trusted_document::Model>> {
    authorize(viewer, Action::ManageTrustedDocuments)?;
    if documents.is_empty() || documents.len() > MAX_PER_CALL {
        return Err(AppError::bad_input(
            "documents",
            format!("give 1 to {MAX_PER_CALL} documents"),
        ));
    }
    let mut hashed = Vec::with_capacity(documents.len());
    for (i, document) in documents.iter().enumerate() {
        check(document)
            .map_err(|message| AppError::bad_input(format!("documents[{i}]"), message))?;
        hashed.push((hash_of(document), document.clone()));
    }
    let now = clock.now();
    let txn = tx::begin_write(db).await?;
    let result =
        store::trusted_documents::insert_missing(&txn, &hashed, viewer.user_id(), now).await;
    let inserted = tx::finish_recorded(txn, result, now, |inserted| changed(*inserted > 0)).await?;
    tracing::info!(
        given = hashed.len(),
        inserted,
        "trusted documents registered"
    );
    held.reload(db).await?;
    let stored: HashMap<String, trusted_document::Model> =
        store::trusted_documents::by_hashes(db, hashed.iter().map(|(hash, _)| hash.clone()))
            .await?
            .into_iter()
            .map(|row| (row.hash.clone(), row))
            .collect();
    Ok(hashed
        .iter()
        .filter_map(|(hash, _)| stored.get(hash).cloned())
        .collect())
}

/// Stops trusting the document of `id` (a hash, as [`parse_id`] reads it), for
/// `viewer` (ADMIN); whether it was trusted. `held` (this instance's) stops at once.
pub async fn remove(
    db: &DatabaseConnection,
    held: &TrustedDocuments,
    clock: &Clock,
    viewer: &Viewer,
    id: &str,
) -> AppResult<bool> {
    authorize(viewer, Action::ManageTrustedDocuments)?;
    let hash = parse_id(id).ok_or_else(|| {
        AppError::bad_input(
            "hash",
            "not a SHA-256: 64 hex digits, optionally after `sha256:`",
        )
    })?;
    let now = clock.now();
    let txn = tx::begin_write(db).await?;
    let result = store::trusted_documents::delete(&txn, &hash).await;
    let removed = tx::finish_recorded(txn, result, now, |removed| changed(*removed)).await?;
    held.reload(db).await?;
    Ok(removed)
}

/// Every trusted document, for `viewer` (ADMIN).
pub async fn list(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
) -> AppResult<Vec<trusted_document::Model>> {
    authorize(viewer, Action::ManageTrustedDocuments)?;
    store::trusted_documents::all(db).await
}

/// Stores the documents of the manifest at `path`, at start-up: a JSON object from
/// each document's hash (bare or as `sha256:…`) to its text, as GraphQL Code
/// Generator's `persisted-documents.json` has it. A key that is not the SHA-256 of
/// its text is refused: clients send that hash, so the document could never be run.
/// Returns how many documents the file has and how many were new.
pub async fn load_manifest(
    db: &DatabaseConnection,
    clock: &Clock,
    path: &Path,
) -> Result<(usize, u64), String> {
    let text = std::fs::read_to_string(path).map_err(|err| format!("cannot read it: {err}"))?;
    let documents = parse_manifest(&text)?;
    let now = clock.now();
    let stored = async {
        let txn = tx::begin_write(db).await?;
        let result = store::trusted_documents::insert_missing(&txn, &documents, None, now).await;
        tx::finish_recorded(txn, result, now, |inserted| changed(*inserted > 0)).await
    }
    .await
    .map_err(|err| err.describe())?;
    Ok((documents.len(), stored))
}

/// The documents of a manifest, each with its hash, checked.
pub fn parse_manifest(text: &str) -> Result<Vec<(String, String)>, String> {
    let entries: serde_json::Map<String, serde_json::Value> = serde_json::from_str(text)
        .map_err(|err| format!("not a JSON object of hash to document: {err}"))?;
    let mut documents = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        let serde_json::Value::String(document) = value else {
            return Err(format!("{key}: the document is not a string"));
        };
        let hash = parse_id(&key).ok_or_else(|| format!("{key}: not a SHA-256 (64 hex digits)"))?;
        if hash != hash_of(&document) {
            return Err(format!("{key}: not the SHA-256 of its document"));
        }
        check(&document).map_err(|message| format!("{key}: {message}"))?;
        documents.push((hash, document));
    }
    Ok(documents)
}

/// Why `document` cannot be trusted, if it cannot.
fn check(document: &str) -> Result<(), String> {
    if document.len() > MAX_DOCUMENT_BYTES {
        return Err(format!("longer than {MAX_DOCUMENT_BYTES} bytes"));
    }
    async_graphql::parser::parse_query(document)
        .map(|_| ())
        .map_err(|err| format!("not a GraphQL document: {err}"))
}

/// The change every instance reloads on, when something changed.
fn changed(any: bool) -> Vec<NewChange> {
    if any {
        vec![NewChange::of(
            ChangeKind::TrustedDocumentsChanged,
            Uuid::now_v7(),
        )]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_sha256_hashes_bare_or_prefixed() {
        let hash = hash_of("{ regions { code } }");
        assert_eq!(hash.len(), 64);
        assert_eq!(parse_id(&hash).as_deref(), Some(hash.as_str()));
        assert_eq!(
            parse_id(&format!("sha256:{}", hash.to_uppercase())).as_deref(),
            Some(hash.as_str())
        );
        for bad in ["", "sha256:", "abc", &hash[1..], &format!("md5:{hash}")] {
            assert_eq!(parse_id(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_manifest_maps_each_hash_to_its_document() {
        let query = "query Regions { regions { code } }";
        let good = serde_json::json!({ hash_of(query): query }).to_string();
        assert_eq!(
            parse_manifest(&good).unwrap(),
            vec![(hash_of(query), query.to_owned())]
        );
        let wrong = serde_json::json!({ hash_of("{ a }"): query }).to_string();
        assert!(
            parse_manifest(&wrong)
                .unwrap_err()
                .contains("not the SHA-256")
        );
        let broken = serde_json::json!({ hash_of("{ a"): "{ a" }).to_string();
        assert!(
            parse_manifest(&broken)
                .unwrap_err()
                .contains("not a GraphQL document")
        );
        assert!(parse_manifest("[]").is_err());
    }
}
