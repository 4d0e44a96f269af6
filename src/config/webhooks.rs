//! Where webhooks may go and which WebSub hubs to ping, read from the environment;
//! the machinery is in `crate::webhooks`.

use clap::Args;

use crate::error::{ConfigError, invalid};

/// The settings, as the environment gives them.
#[derive(Debug, Clone, Args, Default)]
pub struct WebhookArgs {
    /// `true`: webhooks may reach loopback, private, link-local and other internal
    /// addresses (tests, endpoints on one's own network). Off, they are refused.
    #[arg(
        long,
        env = "WEBHOOK_ALLOW_PRIVATE",
        global = true,
        default_value = "false"
    )]
    pub webhook_allow_private: String,

    /// WebSub hubs, comma-separated URLs: every feed names them, and each is pinged
    /// when a feed changes. Empty: none.
    #[arg(long, env = "WEBSUB_HUBS", global = true, default_value = "")]
    pub websub_hubs: String,
}

/// The settings, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WebhookSettings {
    /// Whether internal addresses may be reached.
    pub allow_private: bool,
    /// The hubs, as absolute http(s) URLs.
    pub websub_hubs: Vec<String>,
}

impl WebhookSettings {
    /// Checks and parses the settings.
    pub fn from_args(args: &WebhookArgs) -> Result<Self, ConfigError> {
        let allow_private = super::parse_bool(&args.webhook_allow_private)
            .ok_or_else(|| invalid("WEBHOOK_ALLOW_PRIVATE", "`true` or `false`"))?;
        let websub_hubs = args
            .websub_hubs
            .split(',')
            .map(str::trim)
            .filter(|hub| !hub.is_empty())
            .map(|hub| match url::Url::parse(hub) {
                Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => {
                    Ok(url.to_string())
                }
                _ => Err(invalid(
                    "WEBSUB_HUBS",
                    "comma-separated absolute http:// or https:// URLs",
                )),
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(WebhookSettings {
            allow_private,
            websub_hubs,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hubs_are_read_as_urls() {
        let args = WebhookArgs {
            webhook_allow_private: "true".into(),
            websub_hubs: " https://hub.example/ , http://127.0.0.1:9/hub".into(),
        };
        let settings = WebhookSettings::from_args(&args).unwrap();
        assert!(settings.allow_private);
        assert_eq!(
            settings.websub_hubs,
            ["https://hub.example/", "http://127.0.0.1:9/hub"]
        );
        for bad in ["hub.example", "ftp://hub.example/"] {
            let args = WebhookArgs {
                websub_hubs: bad.into(),
                webhook_allow_private: "false".into(),
            };
            assert!(WebhookSettings::from_args(&args).is_err(), "{bad}");
        }
    }
}
