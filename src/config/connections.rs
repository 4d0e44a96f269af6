//! What bounds the connections a slow or greedy client can hold: HTTP timeouts, the
//! cap on open connections, and the limits of GraphQL WebSockets.
//!
//! Every field is optional: unset, the default named in its help applies. That keeps
//! the settings out of the way of callers that build [`ConnectionArgs`] by hand
//! (`ConnectionArgs::default()` is the defaults).

use std::time::Duration;

use clap::Args;

use crate::error::{ConfigError, invalid};

/// Connection settings as the environment gives them.
#[derive(Debug, Clone, Default, Args)]
pub struct ConnectionArgs {
    /// Seconds a client may take to send a request's line and headers, counted from
    /// when the connection waits for them (also between requests on a kept-alive
    /// connection). Default 10.
    #[arg(long, env = "HEADER_READ_TIMEOUT_SECONDS", global = true)]
    pub header_read_timeout_seconds: Option<String>,

    /// Seconds a connection may go without a byte moving either way (a client that
    /// stops reading its answer, say) before it is closed. Default 60.
    #[arg(long, env = "IDLE_TIMEOUT_SECONDS", global = true)]
    pub idle_timeout_seconds: Option<String>,

    /// The most connections open at once; past it a new one is answered 503 and
    /// closed. Default: the open-files limit less a tenth (at least 64) kept for the
    /// database pool and files.
    #[arg(long, env = "MAX_CONNECTIONS", global = true)]
    pub max_connections: Option<String>,

    /// Seconds a GraphQL WebSocket has to send `connection_init`. Default 10.
    #[arg(long, env = "WS_INIT_TIMEOUT_SECONDS", global = true)]
    pub ws_init_timeout_seconds: Option<String>,

    /// The most operations running at once on one GraphQL WebSocket. Default 32.
    #[arg(long, env = "WS_MAX_SUBSCRIPTIONS", global = true)]
    pub ws_max_subscriptions: Option<String>,

    /// The most GraphQL WebSockets open at once from one client address. Default 16.
    #[arg(long, env = "WS_MAX_PER_CLIENT", global = true)]
    pub ws_max_per_client: Option<String>,

    /// Seconds between the pings sent on a GraphQL WebSocket; a peer that has not
    /// answered one by the next is closed. Default 30.
    #[arg(long, env = "WS_PING_SECONDS", global = true)]
    pub ws_ping_seconds: Option<String>,

    /// The most GraphQL WebSockets open at once in all. Default 4096.
    #[arg(long, env = "WS_MAX_SOCKETS", global = true)]
    pub ws_max_sockets: Option<String>,
}

/// Parsed connection settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionLimits {
    pub header_read_timeout: Duration,
    pub idle_timeout: Duration,
    /// `None`: derived from the open-files limit when the service starts.
    pub max_connections: Option<usize>,
    pub ws: SocketLimits,
}

/// The limits of GraphQL WebSockets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SocketLimits {
    pub init_timeout: Duration,
    pub max_subscriptions: usize,
    pub max_per_client: usize,
    pub ping_interval: Duration,
    pub max_sockets: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            max_connections: None,
            ws: SocketLimits::default(),
        }
    }
}

impl Default for SocketLimits {
    fn default() -> Self {
        SocketLimits {
            init_timeout: Duration::from_secs(10),
            max_subscriptions: 32,
            max_per_client: 16,
            ping_interval: Duration::from_secs(30),
            max_sockets: 4096,
        }
    }
}

/// The most seconds any of these timeouts may be: a day.
const MAX_SECONDS: u64 = 86_400;

/// `raw` as seconds from 1 to a day, `default` when unset.
fn seconds(
    raw: Option<&str>,
    default: Duration,
    variable: &'static str,
) -> Result<Duration, ConfigError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(default),
        Some(raw) => raw
            .parse::<u64>()
            .ok()
            .filter(|s| (1..=MAX_SECONDS).contains(s))
            .map(Duration::from_secs)
            .ok_or_else(|| invalid(variable, "a whole number of seconds from 1 to 86400")),
    }
}

/// `raw` as a count of at least 1, `default` when unset.
fn count(raw: Option<&str>, default: usize, variable: &'static str) -> Result<usize, ConfigError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(default),
        Some(raw) => raw
            .parse::<usize>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| invalid(variable, "a whole number of at least 1")),
    }
}

impl ConnectionLimits {
    /// Checks and parses the settings.
    pub fn from_args(args: &ConnectionArgs) -> Result<Self, ConfigError> {
        let defaults = ConnectionLimits::default();
        let ws = SocketLimits::default();
        let max_connections = match args.max_connections.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(count(Some(raw), 0, "MAX_CONNECTIONS")?),
        };
        Ok(ConnectionLimits {
            header_read_timeout: seconds(
                args.header_read_timeout_seconds.as_deref(),
                defaults.header_read_timeout,
                "HEADER_READ_TIMEOUT_SECONDS",
            )?,
            idle_timeout: seconds(
                args.idle_timeout_seconds.as_deref(),
                defaults.idle_timeout,
                "IDLE_TIMEOUT_SECONDS",
            )?,
            max_connections,
            ws: SocketLimits {
                init_timeout: seconds(
                    args.ws_init_timeout_seconds.as_deref(),
                    ws.init_timeout,
                    "WS_INIT_TIMEOUT_SECONDS",
                )?,
                max_subscriptions: count(
                    args.ws_max_subscriptions.as_deref(),
                    ws.max_subscriptions,
                    "WS_MAX_SUBSCRIPTIONS",
                )?,
                max_per_client: count(
                    args.ws_max_per_client.as_deref(),
                    ws.max_per_client,
                    "WS_MAX_PER_CLIENT",
                )?,
                ping_interval: seconds(
                    args.ws_ping_seconds.as_deref(),
                    ws.ping_interval,
                    "WS_PING_SECONDS",
                )?,
                max_sockets: count(
                    args.ws_max_sockets.as_deref(),
                    ws.max_sockets,
                    "WS_MAX_SOCKETS",
                )?,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unset_settings_take_their_defaults() {
        assert_eq!(
            ConnectionLimits::from_args(&ConnectionArgs::default()).unwrap(),
            ConnectionLimits::default()
        );
    }

    #[test]
    fn values_are_read() {
        let args = ConnectionArgs {
            header_read_timeout_seconds: Some(" 3 ".into()),
            max_connections: Some("500".into()),
            ws_max_subscriptions: Some("4".into()),
            ..Default::default()
        };
        let limits = ConnectionLimits::from_args(&args).unwrap();
        assert_eq!(limits.header_read_timeout, Duration::from_secs(3));
        assert_eq!(limits.max_connections, Some(500));
        assert_eq!(limits.ws.max_subscriptions, 4);
    }

    #[test]
    fn a_bad_value_names_its_setting() {
        type Set = fn(&mut ConnectionArgs, String);
        let cases: [(Set, &str); 8] = [
            (
                |a, v| a.header_read_timeout_seconds = Some(v),
                "HEADER_READ_TIMEOUT_SECONDS",
            ),
            (
                |a, v| a.idle_timeout_seconds = Some(v),
                "IDLE_TIMEOUT_SECONDS",
            ),
            (|a, v| a.max_connections = Some(v), "MAX_CONNECTIONS"),
            (
                |a, v| a.ws_init_timeout_seconds = Some(v),
                "WS_INIT_TIMEOUT_SECONDS",
            ),
            (
                |a, v| a.ws_max_subscriptions = Some(v),
                "WS_MAX_SUBSCRIPTIONS",
            ),
            (|a, v| a.ws_max_per_client = Some(v), "WS_MAX_PER_CLIENT"),
            (|a, v| a.ws_ping_seconds = Some(v), "WS_PING_SECONDS"),
            (|a, v| a.ws_max_sockets = Some(v), "WS_MAX_SOCKETS"),
        ];
        for (set, variable) in cases {
            for bad in ["0", "-1", "ten"] {
                let mut args = ConnectionArgs::default();
                set(&mut args, bad.into());
                let err = ConnectionLimits::from_args(&args).unwrap_err();
                assert_eq!(err.variable, variable, "{bad}");
            }
        }
    }
}
