//! The media service's settings, read from the environment: limits, workers, and
//! where files are kept and served from (`docs/media.md`).

use std::path::Path;

use clap::Args;

use crate::{
    error::{ConfigError, invalid},
    media::settings::{DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, MediaSettings, S3Settings, Storage},
};

/// The settings, as the environment gives them.
#[derive(Debug, Clone, Args, Default)]
pub struct MediaArgs {
    /// Largest image upload, in bytes (default 20 MiB).
    #[arg(long, env = "MEDIA_MAX_BYTES", global = true, default_value = "")]
    pub media_max_bytes: String,
    /// Most pixels an uploaded image may have (default 40 megapixels).
    #[arg(long, env = "MEDIA_MAX_PIXELS", global = true, default_value = "")]
    pub media_max_pixels: String,
    /// How many images have their renditions made at once (default 1).
    #[arg(long, env = "MEDIA_WORKERS", global = true, default_value = "1")]
    pub media_workers: String,
    /// An S3-compatible store to keep image files in, e.g. `https://s3.example.kz`;
    /// empty: files are kept under `DATA_DIR/media`.
    #[arg(long, env = "MEDIA_S3_ENDPOINT", global = true, default_value = "")]
    pub media_s3_endpoint: String,
    /// The bucket in that store.
    #[arg(long, env = "MEDIA_S3_BUCKET", global = true, default_value = "")]
    pub media_s3_bucket: String,
    /// The store's access key id.
    #[arg(
        long,
        env = "MEDIA_S3_ACCESS_KEY_ID",
        global = true,
        default_value = ""
    )]
    pub media_s3_access_key_id: String,
    /// The store's secret access key.
    #[arg(
        long,
        env = "MEDIA_S3_SECRET_ACCESS_KEY",
        global = true,
        default_value = "",
        hide_env_values = true
    )]
    pub media_s3_secret_access_key: String,
    /// The store's region (default `us-east-1`, which most S3-compatible stores take).
    #[arg(
        long,
        env = "MEDIA_S3_REGION",
        global = true,
        default_value = "us-east-1"
    )]
    pub media_s3_region: String,
    /// Where clients fetch image files instead of from `/media/` of this service (a
    /// CDN or the bucket's public address); the file's key is appended.
    #[arg(long, env = "MEDIA_PUBLIC_BASE_URL", global = true, default_value = "")]
    pub media_public_base_url: String,
}

/// Checks and parses the settings; files go under `data_dir/media` unless an S3
/// store is named.
pub fn settings(args: &MediaArgs, data_dir: &Path) -> Result<MediaSettings, ConfigError> {
    let number = |raw: &str, default: u64, variable: &'static str, expected: &'static str| {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(default);
        }
        raw.parse::<u64>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| invalid(variable, expected))
    };
    let max_bytes = number(
        &args.media_max_bytes,
        DEFAULT_MAX_BYTES,
        "MEDIA_MAX_BYTES",
        "a number of bytes above 0",
    )?;
    let max_pixels = number(
        &args.media_max_pixels,
        DEFAULT_MAX_PIXELS,
        "MEDIA_MAX_PIXELS",
        "a number of pixels above 0",
    )?;
    let workers = number(
        &args.media_workers,
        1,
        "MEDIA_WORKERS",
        "a number of workers from 1 to 64",
    )?;
    if workers > 64 {
        return Err(invalid("MEDIA_WORKERS", "a number of workers from 1 to 64"));
    }
    let endpoint = args.media_s3_endpoint.trim();
    let storage = if endpoint.is_empty() {
        Storage::Local(data_dir.join("media"))
    } else {
        if !(endpoint.starts_with("http://") || endpoint.starts_with("https://")) {
            return Err(invalid(
                "MEDIA_S3_ENDPOINT",
                "an http:// or https:// URL of an S3-compatible store",
            ));
        }
        let required = |raw: &str, variable: &'static str| {
            let raw = raw.trim();
            if raw.is_empty() {
                Err(invalid(variable, "a value, since MEDIA_S3_ENDPOINT is set"))
            } else {
                Ok(raw.to_owned())
            }
        };
        Storage::S3(S3Settings {
            endpoint: endpoint.trim_end_matches('/').to_owned(),
            bucket: required(&args.media_s3_bucket, "MEDIA_S3_BUCKET")?,
            region: required(&args.media_s3_region, "MEDIA_S3_REGION")?,
            access_key_id: required(&args.media_s3_access_key_id, "MEDIA_S3_ACCESS_KEY_ID")?,
            secret_access_key: required(
                &args.media_s3_secret_access_key,
                "MEDIA_S3_SECRET_ACCESS_KEY",
            )?,
        })
    };
    let public = args.media_public_base_url.trim();
    let public_base_url = if public.is_empty() {
        None
    } else if public.starts_with("http://") || public.starts_with("https://") {
        Some(public.trim_end_matches('/').to_owned())
    } else {
        return Err(invalid(
            "MEDIA_PUBLIC_BASE_URL",
            "an http:// or https:// URL, or nothing",
        ));
    };
    Ok(MediaSettings {
        max_bytes,
        max_pixels,
        workers: workers as usize,
        storage,
        public_base_url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_keep_files_in_the_data_directory() {
        let settings = settings(&MediaArgs::default(), Path::new("/srv/data")).unwrap();
        assert_eq!(settings.max_bytes, DEFAULT_MAX_BYTES);
        assert_eq!(settings.max_pixels, DEFAULT_MAX_PIXELS);
        assert_eq!(settings.workers, 1);
        assert_eq!(settings.storage, Storage::Local("/srv/data/media".into()));
        assert_eq!(settings.public_base_url, None);
    }

    #[test]
    fn bad_values_name_their_variable() {
        let args = MediaArgs {
            media_max_bytes: "lots".into(),
            ..MediaArgs::default()
        };
        assert_eq!(
            settings(&args, Path::new("d")).unwrap_err().variable,
            "MEDIA_MAX_BYTES"
        );
        let args = MediaArgs {
            media_s3_endpoint: "http://127.0.0.1:9000".into(),
            media_s3_region: "us-east-1".into(),
            ..MediaArgs::default()
        };
        assert_eq!(
            settings(&args, Path::new("d")).unwrap_err().variable,
            "MEDIA_S3_BUCKET"
        );
    }
}
