//! How many requests a client may make, read from the environment. Partners' API
//! keys carry their own quotas (`auth::api_keys`); this is the rule for the rest.

use std::num::NonZeroU32;

use clap::Args;

use crate::error::{ConfigError, invalid};

/// Rate-limit settings as the environment gives them.
#[derive(Debug, Clone, Args)]
pub struct RateLimitArgs {
    /// Requests one client address may make in a minute without an API key, on each
    /// instance (0: no limit). Signed-in staff are never limited.
    #[arg(
        long,
        env = "ANON_REQUESTS_PER_MINUTE",
        global = true,
        default_value = "600"
    )]
    pub anon_requests_per_minute: String,
}

/// Parsed rate-limit settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimitSettings {
    /// The quota of an address without a key; `None`: unlimited.
    pub anonymous_per_minute: Option<NonZeroU32>,
}

impl RateLimitSettings {
    /// Checks and parses the settings.
    pub fn from_args(args: &RateLimitArgs) -> Result<Self, ConfigError> {
        let per_minute: u32 = args.anon_requests_per_minute.trim().parse().map_err(|_| {
            invalid(
                "ANON_REQUESTS_PER_MINUTE",
                "a whole number of requests (0: no limit)",
            )
        })?;
        Ok(RateLimitSettings {
            anonymous_per_minute: NonZeroU32::new(per_minute),
        })
    }
}
