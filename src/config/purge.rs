//! Where purges go, read from the environment; the sending is `crate::purge`.

use clap::Args;

use crate::error::{ConfigError, invalid};

/// The settings, as the environment gives them.
#[derive(Debug, Clone, Args, Default)]
pub struct PurgeArgs {
    /// A cache to send HTTP `PURGE` requests to when content changes, with the tags
    /// to drop in `xkey` and `Surrogate-Key` (Varnish with the xkey module reads
    /// them), e.g. `http://127.0.0.1:6081/`. Empty: no purges are sent.
    #[arg(long, env = "PURGE_URL", global = true, default_value = "")]
    pub purge_url: String,
}

/// The settings, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PurgeSettings {
    /// Where `PURGE` requests go (plain HTTP); `None`: nowhere.
    pub url: Option<String>,
}

impl PurgeSettings {
    /// Checks and parses the settings.
    pub fn from_args(args: &PurgeArgs) -> Result<Self, ConfigError> {
        let raw = args.purge_url.trim();
        if raw.is_empty() {
            return Ok(PurgeSettings { url: None });
        }
        // Plain HTTP only: the cache sits beside the service, and the HTTP client is
        // built without TLS.
        let host = raw
            .strip_prefix("http://")
            .map(|rest| rest.split('/').next().unwrap_or(""));
        match host {
            Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => {
                Ok(PurgeSettings {
                    url: Some(raw.to_owned()),
                })
            }
            _ => Err(invalid(
                "PURGE_URL",
                "an http:// URL of the cache that takes PURGE requests, or nothing",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(url: &str) -> Result<PurgeSettings, ConfigError> {
        PurgeSettings::from_args(&PurgeArgs {
            purge_url: url.into(),
        })
    }

    #[test]
    fn takes_plain_http_urls_or_nothing() {
        assert_eq!(parse("").unwrap().url, None);
        assert_eq!(
            parse("http://127.0.0.1:6081/").unwrap().url.as_deref(),
            Some("http://127.0.0.1:6081/")
        );
        assert!(parse("https://cdn.example.kz/").is_err());
        assert!(parse("varnish").is_err());
    }
}
