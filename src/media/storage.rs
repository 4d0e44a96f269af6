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
}

impl Files {
    /// Opens the storage `settings` name; the local directory is made if missing.
    pub fn open(settings: &Storage) -> Result<Files, String> {
        let store: Arc<dyn ObjectStore> = match settings {
            Storage::Local(dir) => {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
                Arc::new(
                    LocalFileSystem::new_with_prefix(dir)
                        .map_err(|e| format!("cannot use {}: {e}", dir.display()))?,
                )
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
        Ok(Files { store })
    }

    /// Stores `bytes` under `key`, replacing what was there.
    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), AppError> {
        self.store
            .put(&Path::from(key), PutPayload::from(bytes))
            .await
            .map(|_| ())
            .map_err(|e| AppError::Internal(format!("storing {key}: {e}")))
    }

    /// The bytes under `key`.
    pub async fn get(&self, key: &str) -> Result<axum::body::Bytes, AppError> {
        let stored = self
            .store
            .get(&Path::from(key))
            .await
            .map_err(|e| AppError::Internal(format!("reading {key}: {e}")))?;
        stored
            .bytes()
            .await
            .map_err(|e| AppError::Internal(format!("reading {key}: {e}")))
    }

    /// Removes `key`; one already gone is no error.
    pub async fn delete(&self, key: &str) -> Result<(), AppError> {
        match self.store.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(AppError::Internal(format!("removing {key}: {e}"))),
        }
    }
}
