//! Where the files are kept: a directory under `DATA_DIR/media`, or an S3-compatible
//! bucket, both behind `object_store`, so the rest of the service does not care.

use std::sync::Arc;

use object_store::{
    ObjectStore, PutPayload, aws::AmazonS3Builder, local::LocalFileSystem, path::Path,
};

use super::settings::Storage;
use crate::error::AppError;

/// The files of every image; cheap to clone.
#[derive(Clone)]
pub struct Files {
    store: Arc<dyn ObjectStore>,
    /// Put before every key: the directory, for local files.
    prefix: String,
}

impl Files {
    /// Opens the storage `settings` name; the local directory is made if missing.
    pub fn open(settings: &Storage) -> Result<Files, String> {
        let store: Arc<dyn ObjectStore> = match settings {
            Storage::Local(dir) => {
                // Made when the first file is stored, not at start: an instance that
                // is never sent an image leaves no directory behind.
                let dir = std::path::absolute(dir)
                    .map_err(|e| format!("cannot use {}: {e}", dir.display()))?;
                let prefix = dir
                    .to_str()
                    .ok_or_else(|| format!("{} is not UTF-8", dir.display()))?
                    .trim_matches('/')
                    .to_owned();
                return Ok(Files {
                    store: Arc::new(LocalFileSystem::new()),
                    prefix,
                });
            }
            Storage::S3(s3) => Arc::new(
                AmazonS3Builder::new()
                    .with_endpoint(&s3.endpoint)
                    .with_bucket_name(&s3.bucket)
                    .with_region(&s3.region)
                    .with_access_key_id(&s3.access_key_id)
                    .with_secret_access_key(&s3.secret_access_key)
                    // Buckets as a path (`endpoint/bucket/key`), which every
                    // S3-compatible store understands.
                    .with_virtual_hosted_style_request(false)
                    .with_allow_http(s3.endpoint.starts_with("http://"))
                    .build()
                    .map_err(|e| format!("cannot use the bucket: {e}"))?,
            ),
        };
        Ok(Files {
            store,
            prefix: String::new(),
        })
    }

    fn path(&self, key: &str) -> Path {
        if self.prefix.is_empty() {
            Path::from(key)
        } else {
            Path::from(format!("{}/{key}", self.prefix))
        }
    }

    /// Stores `bytes` under `key`, replacing what was there.
    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), AppError> {
        self.store
            .put(&self.path(key), PutPayload::from(bytes))
            .await
            .map(|_| ())
            .map_err(|e| AppError::Internal(format!("storing {key}: {e}")))
    }

    /// The bytes under `key`.
    pub async fn get(&self, key: &str) -> Result<axum::body::Bytes, AppError> {
        let stored = self
            .store
            .get(&self.path(key))
            .await
            .map_err(|e| AppError::Internal(format!("reading {key}: {e}")))?;
        stored
            .bytes()
            .await
            .map_err(|e| AppError::Internal(format!("reading {key}: {e}")))
    }

    /// Removes `key`; one already gone is no error.
    pub async fn delete(&self, key: &str) -> Result<(), AppError> {
        match self.store.delete(&self.path(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(AppError::Internal(format!("removing {key}: {e}"))),
        }
    }
}
