//! What the media service is set to do: limits, workers, where files go and where
//! they are served from. Read from the environment by `crate::config::media`.

use std::path::PathBuf;

/// Largest upload accepted by default: 20 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;
/// Most pixels an upload may have by default: 40 megapixels.
pub const DEFAULT_MAX_PIXELS: u64 = 40_000_000;
/// Longest side an upload may declare, whatever its pixel count: a header declaring
/// more is refused before anything is decoded.
pub const MAX_SIDE: u32 = 20_000;

/// The settings of the media service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaSettings {
    /// Largest upload, in bytes (`MEDIA_MAX_BYTES`).
    pub max_bytes: u64,
    /// Most pixels an upload may have (`MEDIA_MAX_PIXELS`).
    pub max_pixels: u64,
    /// How many images have their renditions made at once (`MEDIA_WORKERS`).
    pub workers: usize,
    /// Where the files are kept.
    pub storage: Storage,
    /// Where clients fetch the files from instead of this service, e.g. a CDN in
    /// front of the bucket (`MEDIA_PUBLIC_BASE_URL`); `None`: from `/media/` here.
    pub public_base_url: Option<String>,
}

/// Where the files are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Storage {
    /// A directory on this machine (`DATA_DIR/media`).
    Local(PathBuf),
    /// An S3-compatible object store.
    S3(S3Settings),
}

/// An S3-compatible bucket.
#[derive(Clone, PartialEq, Eq)]
pub struct S3Settings {
    /// The store's URL, e.g. `https://s3.example.kz` or `http://127.0.0.1:9000`.
    pub endpoint: String,
    pub bucket: String,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
}

impl std::fmt::Debug for S3Settings {
    /// Without the secret, which must not reach a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Settings")
            .field("endpoint", &self.endpoint)
            .field("bucket", &self.bucket)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .finish_non_exhaustive()
    }
}
