//! Typed configuration, read once from the environment (or the matching flags).
//!
//! clap collects the raw strings; [`Config::from_args`] turns them into types, and a
//! bad value becomes a [`ConfigError`] naming the variable and what it expects.

use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
};

use clap::{Args, ValueEnum};

pub mod connections;
pub mod media;
pub mod purge;
pub mod rate_limits;
pub mod trusted_documents;
pub mod webhooks;

pub use crate::{
    auth::key_config::{JwtAlgorithm, JwtKeySettings, JwtSecret, KeyBytes, PreviousKey},
    error::ConfigError,
};
use crate::{
    auth::{key_config::KeyArgs, keys::KeySet, refresh::ReuseGrace},
    domain::site::Site,
    error::invalid,
};

/// The settings shared by every subcommand.
#[derive(Debug, Clone, Args)]
pub struct ConfigArgs {
    /// Database URL (`postgres://...` or `sqlite://...`). Unset: an SQLite file under
    /// the data directory, migrated and filled with demo content.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,
    /// A PostgreSQL read replica of DATABASE_URL for anonymous reads (optional).
    #[arg(long, env = "DATABASE_READ_URL", global = true, hide_env_values = true)]
    pub database_read_url: Option<String>,

    /// Address to listen on.
    #[arg(long, env = "BIND", global = true, default_value = "127.0.0.1:8080")]
    pub bind: String,

    /// Secret for signing access tokens (HS256), at least 32 bytes. Required with
    /// DATABASE_URL unless key files sign the tokens; generated once and kept in the
    /// data directory otherwise.
    #[arg(long, env = "JWT_SECRET", global = true, hide_env_values = true)]
    pub jwt_secret: Option<String>,

    /// Algorithm of access tokens: `HS256` (signed with JWT_SECRET), `EdDSA` or
    /// `RS256` (signed with JWT_PRIVATE_KEY_FILE, verified with JWT_PUBLIC_KEY_FILE).
    #[arg(long, env = "JWT_ALGORITHM", global = true, default_value = "HS256")]
    pub jwt_algorithm: String,

    /// Key id written into every token header; verification picks the key by it.
    #[arg(long, env = "JWT_KEY_ID", global = true, default_value = "k1")]
    pub jwt_key_id: String,

    /// PEM file of the signing key for EdDSA (Ed25519, PKCS#8) or RS256 (RSA, 2048 bits
    /// or more).
    #[arg(long, env = "JWT_PRIVATE_KEY_FILE", global = true)]
    pub jwt_private_key_file: Option<PathBuf>,

    /// PEM file of the public key matching JWT_PRIVATE_KEY_FILE.
    #[arg(long, env = "JWT_PUBLIC_KEY_FILE", global = true)]
    pub jwt_public_key_file: Option<PathBuf>,

    /// Retired keys that still verify tokens during a rotation, comma-separated:
    /// `kid:secret` (HS256), or `kid:HS256:secret`, `kid:EdDSA:public.pem`,
    /// `kid:RS256:public.pem`.
    #[arg(long, env = "JWT_PREVIOUS_KEYS", global = true, hide_env_values = true)]
    pub jwt_previous_keys: Option<String>,

    /// The public address of the service, used for absolute links in feeds.
    #[arg(long, env = "PUBLIC_BASE_URL", global = true)]
    pub public_base_url: Option<String>,

    /// The public site where readers open articles, e.g. `https://polisia.kz`; article
    /// links in answers, feeds, sitemaps, ninjs and JSON-LD point there. Unset: the
    /// API's own address (PUBLIC_BASE_URL).
    #[arg(long, env = "SITE_BASE_URL", global = true)]
    pub site_base_url: Option<String>,

    /// The path of an article on the site: starts with `/`, names `{slug}` and may
    /// name `{lang}`.
    #[arg(
        long,
        env = "SITE_ARTICLE_PATH",
        global = true,
        default_value = Site::DEFAULT_ARTICLE_PATH
    )]
    pub site_article_path: String,

    /// Log format: `pretty` or `json`.
    #[arg(long, env = "LOG_FORMAT", global = true, default_value = "pretty")]
    pub log_format: String,

    /// Comma-separated origins allowed by CORS (`*` for any).
    #[arg(long, env = "CORS_ORIGINS", global = true, default_value = "")]
    pub cors_origins: String,

    /// Directory of the embedded default database and its generated secret.
    #[arg(long, env = "DATA_DIR", global = true, default_value = "./data")]
    pub data_dir: PathBuf,

    /// Whether GraphQL introspection is on (`true` or `false`).
    #[arg(
        long,
        env = "GRAPHQL_INTROSPECTION",
        global = true,
        default_value = "true"
    )]
    pub graphql_introspection: String,

    /// Milliseconds an anonymous answer may be served again from this instance's
    /// memory (0: off). Writes through this instance empty it at once.
    #[arg(long, env = "MICRO_CACHE_MS", global = true, default_value = "0")]
    pub micro_cache_ms: String,

    /// Comma-separated addresses or CIDR ranges of the reverse proxies in front of
    /// the service: only from them is a `Forwarded` or `X-Forwarded-For` header
    /// believed about who the client is. Empty: the connecting address is the client.
    #[arg(long, env = "TRUSTED_PROXIES", global = true, default_value = "")]
    pub trusted_proxies: String,
    /// The header the trusted proxies write the client into: `x-forwarded-for` or
    /// `forwarded` (RFC 7239).
    #[arg(
        long,
        env = "FORWARDED_HEADER",
        global = true,
        default_value = "x-forwarded-for"
    )]
    pub forwarded_header: String,

    /// The most articles one sitemap file lists, from 1 to 50000 (the sitemap
    /// protocol's limit); the index at /sitemap.xml names as many files as it takes.
    #[arg(
        long,
        env = "SITEMAP_URLS_PER_FILE",
        global = true,
        default_value = "50000"
    )]
    pub sitemap_urls_per_file: String,
    /// Seconds after a refresh in which the same refresh token, presented again, gets
    /// the same new tokens instead of signing the session out (0: none; at most 300).
    #[arg(
        long,
        env = "REFRESH_GRACE_SECONDS",
        global = true,
        default_value = "30"
    )]
    pub refresh_grace_seconds: String,

    #[command(flatten)]
    pub comments: crate::comments::settings::CommentArgs,

    #[command(flatten)]
    pub rate_limits: rate_limits::RateLimitArgs,

    #[command(flatten)]
    pub trusted_documents: trusted_documents::TrustedDocumentArgs,
    /// Timeouts and caps on connections and WebSockets.
    #[command(flatten)]
    pub connections: connections::ConnectionArgs,
    /// Where purges of cached answers go.
    #[command(flatten)]
    pub purge: purge::PurgeArgs,
    /// Where webhooks may go; WebSub hubs.
    #[command(flatten)]
    pub webhooks: webhooks::WebhookArgs,
    /// Image uploads: limits, workers, storage.
    #[command(flatten)]
    pub media: media::MediaArgs,
}

/// The most addresses one sitemap file may list (the sitemap protocol's limit).
pub const MAX_SITEMAP_URLS: u64 = 50_000;

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Pretty,
    /// One JSON object per line.
    Json,
}

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseChoice {
    /// `DATABASE_URL` was given: never touched by demo content unless asked.
    External(String),
    /// The embedded SQLite file under this directory.
    Embedded(PathBuf),
}

impl DatabaseChoice {
    /// The URL to connect to.
    pub fn url(&self) -> String {
        match self {
            DatabaseChoice::External(url) => url.clone(),
            DatabaseChoice::Embedded(dir) => {
                format!("sqlite://{}?mode=rwc", dir.join("polisia.db").display())
            }
        }
    }

    /// Whether this is the embedded default.
    pub fn is_embedded(&self) -> bool {
        matches!(self, DatabaseChoice::Embedded(_))
    }
}

/// Which origins CORS lets in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorsOrigins {
    /// No cross-origin access.
    None,
    /// Any origin (`*`).
    Any,
    /// These origins exactly.
    List(Vec<String>),
}

/// Everything the service needs to know, parsed.
#[derive(Debug, Clone)]
pub struct Config {
    pub database: DatabaseChoice,
    /// A read replica of `database` (PostgreSQL only).
    pub database_read_url: Option<String>,
    pub bind: SocketAddr,
    /// `None` only until the embedded default has generated or read its secret (and
    /// when asymmetric keys sign tokens and no secret was given).
    pub jwt_secret: Option<JwtSecret>,
    /// How access tokens are signed and which keys verify them.
    pub jwt_keys: JwtKeySettings,
    /// The API's own address: REST resources, feeds, sitemap files.
    pub public_base_url: String,
    /// Where readers open articles.
    pub site: Site,
    pub log_format: LogFormat,
    pub cors_origins: CorsOrigins,
    pub data_dir: PathBuf,
    pub graphql_introspection: bool,
    /// How long an anonymous answer is reused; `None`: never.
    pub micro_cache: Option<std::time::Duration>,
    /// The reverse proxies whose forwarding headers name the client; empty: none.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// The one forwarding header read on their connections.
    pub forwarded_header: ForwardingHeader,
    /// The most articles one sitemap file lists.
    pub sitemap_urls_per_file: u64,
    /// How long a rotated refresh token is answered with its successor.
    pub refresh_grace: ReuseGrace,
    pub comments: crate::comments::settings::CommentSettings,
    /// How many requests a client without an API key may make.
    pub rate_limits: rate_limits::RateLimitSettings,
    pub trusted_documents: trusted_documents::TrustedDocumentSettings,
    /// Timeouts and caps on connections and WebSockets.
    pub connections: connections::ConnectionLimits,
    /// Where purges of cached answers go.
    pub purge: purge::PurgeSettings,
    /// Where webhooks may go; WebSub hubs.
    pub webhooks: webhooks::WebhookSettings,
    /// Image uploads: limits, workers, storage.
    pub media: crate::media::MediaSettings,
}

impl Config {
    /// Parses and checks every value.
    pub fn from_args(args: &ConfigArgs) -> Result<Self, ConfigError> {
        let database = match args.database_url.as_deref().map(str::trim) {
            None | Some("") => DatabaseChoice::Embedded(args.data_dir.clone()),
            Some(url) if is_supported_database_url(url) => DatabaseChoice::External(url.into()),
            Some(_) => {
                return Err(invalid(
                    "DATABASE_URL",
                    "a postgres://, postgresql:// or sqlite:// URL",
                ));
            }
        };
        let database_read_url = match args.database_read_url.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(url)
                if is_postgres_url(url)
                    && matches!(&database, DatabaseChoice::External(primary) if is_postgres_url(primary)) =>
            {
                Some(url.to_owned())
            }
            Some(_) => {
                return Err(invalid(
                    "DATABASE_READ_URL",
                    "a postgres:// URL of a replica, beside a PostgreSQL DATABASE_URL",
                ));
            }
        };
        let bind: SocketAddr = args
            .bind
            .trim()
            .parse()
            .map_err(|_| invalid("BIND", "an address and port such as 127.0.0.1:8080"))?;
        let jwt_keys = crate::auth::key_config::parse_settings(KeyArgs {
            jwt_algorithm: &args.jwt_algorithm,
            jwt_key_id: &args.jwt_key_id,
            jwt_private_key_file: args.jwt_private_key_file.as_deref(),
            jwt_public_key_file: args.jwt_public_key_file.as_deref(),
            jwt_previous_keys: args.jwt_previous_keys.as_deref(),
        })?;
        let jwt_secret = match args.jwt_secret.as_deref() {
            Some(secret) if secret.len() >= JwtSecret::MIN_LEN => {
                Some(JwtSecret::new(secret.as_bytes().to_vec()))
            }
            Some(_) => return Err(invalid("JWT_SECRET", "at least 32 bytes")),
            // Key files sign the tokens: no secret is needed.
            None if !jwt_keys.algorithm.is_symmetric() => None,
            None if !database.is_embedded() => {
                return Err(invalid(
                    "JWT_SECRET",
                    "a secret of at least 32 bytes whenever DATABASE_URL is set",
                ));
            }
            None => None,
        };
        let public_base_url = match args.public_base_url.as_deref().map(str::trim) {
            None | Some("") => format!("http://{bind}"),
            Some(url) => parse_base_url(url)
                .ok_or_else(|| invalid("PUBLIC_BASE_URL", "an absolute http:// or https:// URL"))?,
        };
        let site_base_url = match args.site_base_url.as_deref().map(str::trim) {
            None | Some("") => public_base_url.clone(),
            Some(url) => parse_base_url(url)
                .ok_or_else(|| invalid("SITE_BASE_URL", "an absolute http:// or https:// URL"))?,
        };
        let site = Site::new(site_base_url, args.site_article_path.trim()).ok_or_else(|| {
            invalid(
                "SITE_ARTICLE_PATH",
                "a path starting with `/` that names `{slug}`, such as /{lang}/news/{slug}",
            )
        })?;
        let log_format = LogFormat::from_str(args.log_format.trim(), true)
            .map_err(|_| invalid("LOG_FORMAT", "`pretty` or `json`"))?;
        let cors_origins = parse_cors_origins(&args.cors_origins).ok_or_else(|| {
            invalid(
                "CORS_ORIGINS",
                "`*` or comma-separated origins such as https://polisia.kz",
            )
        })?;
        let graphql_introspection = parse_bool(&args.graphql_introspection)
            .ok_or_else(|| invalid("GRAPHQL_INTROSPECTION", "`true` or `false`"))?;
        let micro_cache_ms: u64 = args
            .micro_cache_ms
            .trim()
            .parse()
            .ok()
            .filter(|ms| *ms <= 60_000)
            .ok_or_else(|| invalid("MICRO_CACHE_MS", "milliseconds from 0 (off) to 60000"))?;
        let trusted_proxies = parse_networks(&args.trusted_proxies).ok_or_else(|| {
            invalid(
                "TRUSTED_PROXIES",
                "comma-separated IP addresses or CIDR ranges such as 10.0.0.0/8, ::1",
            )
        })?;
        let forwarded_header = ForwardingHeader::parse(&args.forwarded_header)
            .ok_or_else(|| invalid("FORWARDED_HEADER", "`x-forwarded-for` or `forwarded`"))?;
        let sitemap_urls_per_file = args
            .sitemap_urls_per_file
            .trim()
            .parse()
            .ok()
            .filter(|n| (1..=MAX_SITEMAP_URLS).contains(n))
            .ok_or_else(|| invalid("SITEMAP_URLS_PER_FILE", "a number from 1 to 50000"))?;
        let refresh_grace = args
            .refresh_grace_seconds
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|secs| (0..=ReuseGrace::MAX_SECS).contains(secs))
            .map(|secs| ReuseGrace(chrono::Duration::seconds(secs)))
            .ok_or_else(|| invalid("REFRESH_GRACE_SECONDS", "seconds from 0 (none) to 300"))?;
        let config = Config {
            database,
            database_read_url,
            bind,
            jwt_secret,
            jwt_keys,
            public_base_url,
            site,
            log_format,
            cors_origins,
            data_dir: args.data_dir.clone(),
            graphql_introspection,
            micro_cache: (micro_cache_ms > 0)
                .then(|| std::time::Duration::from_millis(micro_cache_ms)),
            trusted_proxies,
            forwarded_header,
            sitemap_urls_per_file,
            refresh_grace,
            comments: crate::comments::settings::CommentSettings::from_args(&args.comments)?,
            rate_limits: rate_limits::RateLimitSettings::from_args(&args.rate_limits)?,
            trusted_documents: trusted_documents::TrustedDocumentSettings::from_args(
                &args.trusted_documents,
            )?,
            connections: connections::ConnectionLimits::from_args(&args.connections)?,
            purge: purge::PurgeSettings::from_args(&args.purge)?,
            webhooks: webhooks::WebhookSettings::from_args(&args.webhooks)?,
            media: media::settings(&args.media, &args.data_dir)?,
        };
        // Building the keys now turns an unusable key into a start-up error; the
        // embedded default's secret comes later, from `ensure_jwt_secret`.
        if config.jwt_secret.is_some() || !config.jwt_keys.algorithm.is_symmetric() {
            config.key_set()?;
        }
        Ok(config)
    }

    /// Gives the embedded default its secret: read from the data directory, or made
    /// and kept there once, so tokens survive a restart.
    pub fn ensure_jwt_secret(&mut self) -> std::io::Result<()> {
        if self.jwt_secret.is_some() {
            return Ok(());
        }
        let path = self.data_dir.join("jwt-secret");
        let secret = match std::fs::read_to_string(&path) {
            Ok(existing) if existing.trim().len() >= JwtSecret::MIN_LEN => {
                existing.trim().to_owned()
            }
            _ => {
                let fresh = generate_secret();
                write_private_file(&path, &fresh)?;
                tracing::warn!(
                    "JWT_SECRET is not set: generated one for the embedded database and kept it in the data directory"
                );
                fresh
            }
        };
        self.jwt_secret = Some(JwtSecret::new(secret.into_bytes()));
        Ok(())
    }

    /// The key for hashing client addresses (flood control, login limits): derived
    /// from the signing key material, so every instance hashes alike and no address
    /// is stored in the clear.
    pub fn address_hash_key(&self) -> Vec<u8> {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        hasher.update(b"polisia-api client address v1");
        if let Some(secret) = &self.jwt_secret {
            hasher.update(secret.expose());
        }
        if let Some((private, _)) = &self.jwt_keys.key_pair {
            hasher.update(private.expose());
        }
        hasher.finalize().to_vec()
    }

    /// The keys that sign and verify access tokens, as configured.
    pub fn key_set(&self) -> Result<KeySet, ConfigError> {
        KeySet::from_settings(&self.jwt_keys, self.jwt_secret.as_ref())
    }

    /// The signing secret; present after [`Config::ensure_jwt_secret`].
    pub fn jwt_secret(&self) -> &JwtSecret {
        self.jwt_secret
            .as_ref()
            .expect("the secret is settled before the service starts")
    }
}

fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

fn is_supported_database_url(url: &str) -> bool {
    ["postgres://", "postgresql://", "sqlite:"]
        .iter()
        .any(|scheme| url.starts_with(scheme))
}

fn parse_base_url(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split('/').next().unwrap_or("");
    let valid_host = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-.:[]".contains(c));
    valid_host.then(|| url.trim_end_matches('/').to_owned())
}

fn parse_cors_origins(raw: &str) -> Option<CorsOrigins> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Some(CorsOrigins::None);
    }
    if raw == "*" {
        return Some(CorsOrigins::Any);
    }
    raw.split(',')
        .map(str::trim)
        .map(|origin| {
            let parsed = parse_base_url(origin)?;
            // An origin is scheme and host only.
            let path_free = parsed.matches('/').count() == 2;
            path_free.then_some(parsed)
        })
        .collect::<Option<Vec<_>>>()
        .map(CorsOrigins::List)
}

/// Comma-separated addresses (each a network of one) or CIDR ranges; `None` when an
/// entry is neither.
fn parse_networks(raw: &str) -> Option<Vec<ipnet::IpNet>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Some(Vec::new());
    }
    raw.split(',')
        .map(str::trim)
        .map(|entry| {
            entry
                .parse::<ipnet::IpNet>()
                .map(|net| net.trunc())
                .or_else(|_| entry.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .ok()
        })
        .collect()
}

fn parse_bool(raw: &str) -> Option<bool> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Some(true),
        "false" | "0" | "no" | "off" => Some(false),
        _ => None,
    }
}

fn generate_secret() -> String {
    use base64::Engine;
    let bytes: [u8; 48] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn write_private_file(path: &Path, contents: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, contents)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

/// The one header a deployment's proxies write. Only that one is read: a proxy that
/// appends to `X-Forwarded-For` passes a client's own `Forwarded` through untouched
/// (nginx does by default), and the other way round, so reading the other header
/// would let a client name any address it likes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ForwardingHeader {
    /// `X-Forwarded-For` (nginx's `$proxy_add_x_forwarded_for`, most proxies).
    #[default]
    XForwardedFor,
    /// RFC 7239 `Forwarded`, its `for=` parameters.
    Forwarded,
}

impl ForwardingHeader {
    /// The setting's value: `x-forwarded-for` or `forwarded`, in any case.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "x-forwarded-for" => Some(ForwardingHeader::XForwardedFor),
            "forwarded" => Some(ForwardingHeader::Forwarded),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Wrapper {
        #[command(flatten)]
        args: ConfigArgs,
    }

    fn parse(flags: &[&str]) -> Result<Config, ConfigError> {
        let mut argv = vec!["test"];
        argv.extend_from_slice(flags);
        Config::from_args(&Wrapper::parse_from(argv).args)
    }

    #[test]
    fn embedded_default_needs_no_secret() {
        let config = parse(&[]).unwrap();
        assert!(config.database.is_embedded());
        assert_eq!(config.public_base_url, "http://127.0.0.1:8080");
        assert_eq!(config.site.base(), "http://127.0.0.1:8080");
        assert_eq!(config.sitemap_urls_per_file, MAX_SITEMAP_URLS);
    }

    #[test]
    fn database_url_requires_a_secret() {
        let err = parse(&["--database-url", "postgres://x/y"]).unwrap_err();
        assert_eq!(err.variable, "JWT_SECRET");
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        let secret = "s".repeat(32);
        let cases: [(&[&str], &str); 15] = [
            (&["--bind", "nowhere"], "BIND"),
            (&["--database-url", "mysql://x"], "DATABASE_URL"),
            (&["--jwt-secret", "short"], "JWT_SECRET"),
            (&["--public-base-url", "ftp://x"], "PUBLIC_BASE_URL"),
            (&["--site-base-url", "polisia.kz"], "SITE_BASE_URL"),
            (&["--site-article-path", "news/{slug}"], "SITE_ARTICLE_PATH"),
            (
                &["--site-article-path", "/{lang}/news"],
                "SITE_ARTICLE_PATH",
            ),
            (&["--log-format", "xml"], "LOG_FORMAT"),
            (&["--cors-origins", "https://a.kz/path"], "CORS_ORIGINS"),
            (&["--trusted-proxies", "10.0.0.0/33"], "TRUSTED_PROXIES"),
            (&["--forwarded-header", "x-real-ip"], "FORWARDED_HEADER"),
            (&["--sitemap-urls-per-file", "0"], "SITEMAP_URLS_PER_FILE"),
            (
                &["--sitemap-urls-per-file", "50001"],
                "SITEMAP_URLS_PER_FILE",
            ),
            (
                &["--database-read-url", "postgres://r/db"],
                "DATABASE_READ_URL",
            ),
            (
                &["--trusted-proxies", "10.0.0.1,proxy.local"],
                "TRUSTED_PROXIES",
            ),
        ];
        for (flags, variable) in cases {
            let mut all = flags.to_vec();
            all.extend(
                ["--jwt-secret", secret.as_str()]
                    .iter()
                    .filter(|_| variable != "JWT_SECRET"),
            );
            assert_eq!(parse(&all).unwrap_err().variable, variable, "{flags:?}");
        }
    }

    #[test]
    fn trusted_proxies_are_addresses_and_ranges_of_both_families() {
        let net = |s: &str| s.parse::<ipnet::IpNet>().unwrap();
        assert_eq!(parse_networks(" "), Some(vec![]));
        assert_eq!(
            parse_networks("127.0.0.1, 10.1.2.3/8, ::1, 2001:db8::/32"),
            Some(vec![
                net("127.0.0.1/32"),
                net("10.0.0.0/8"),
                net("::1/128"),
                net("2001:db8::/32"),
            ])
        );
        for bad in ["10.0.0.1,", "10.0.0.0/", "[::1]", "10.0.0.1:80", "*"] {
            assert_eq!(parse_networks(bad), None, "{bad}");
        }
    }

    #[test]
    fn cors_origins_parse() {
        assert_eq!(parse_cors_origins("*"), Some(CorsOrigins::Any));
        assert_eq!(
            parse_cors_origins("https://a.kz, http://localhost:3000"),
            Some(CorsOrigins::List(vec![
                "https://a.kz".into(),
                "http://localhost:3000".into()
            ]))
        );
    }
}

#[cfg(test)]
mod key_tests;
