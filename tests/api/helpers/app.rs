//! The service under test on a database of its own: fresh databases on either engine,
//! the test configuration, spawning and serving.

use std::{net::SocketAddr, path::PathBuf};

use polisia_api::{
    config::{Config, ConfigArgs},
    domain::time::Clock,
    startup,
    state::AppState,
};
use sea_orm::{ConnectionTrait, Database};
use tokio::sync::oneshot;

/// A secret long enough for HS256, for tests only.
pub const TEST_JWT_SECRET: &str = "test-secret-test-secret-test-secret-0123";

/// A database of one test's own; removed when dropped.
pub enum TestDb {
    Sqlite {
        _dir: tempfile::TempDir,
        url: String,
    },
    Postgres {
        admin_url: String,
        name: String,
        url: String,
    },
}

impl TestDb {
    /// A new, empty database on the engine the run is configured for.
    pub async fn fresh() -> TestDb {
        match std::env::var("TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.is_empty() => {
                let base = admin_url
                    .rsplit('/')
                    .next()
                    .unwrap_or("polisia")
                    .split('?')
                    .next()
                    .unwrap_or("polisia")
                    .to_owned();
                let name = format!(
                    "{base}_t{}",
                    &uuid::Uuid::new_v4().simple().to_string()[..12]
                );
                let admin = Database::connect(&admin_url)
                    .await
                    .expect("TEST_DATABASE_URL answers");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("a test database can be created");
                let url = replace_database_name(&admin_url, &name);
                TestDb::Postgres {
                    admin_url,
                    name,
                    url,
                }
            }
            _ => {
                let dir = tempfile::tempdir().expect("a temporary directory");
                let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
                TestDb::Sqlite { _dir: dir, url }
            }
        }
    }

    pub fn url(&self) -> &str {
        match self {
            TestDb::Sqlite { url, .. } | TestDb::Postgres { url, .. } => url,
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, TestDb::Postgres { .. })
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let TestDb::Postgres {
            admin_url, name, ..
        } = self
        {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop runs inside a runtime; a thread of its own may block on another.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .ok()?;
                rt.block_on(async {
                    let admin = Database::connect(&admin_url).await.ok()?;
                    admin
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        ))
                        .await
                        .ok()
                })
            })
            .join();
        }
    }
}

/// `url` with its database name replaced by `name`.
pub fn replace_database_name(url: &str, name: &str) -> String {
    let (without_query, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let (server, _) = without_query
        .rsplit_once('/')
        .expect("a URL with a database name");
    format!("{server}/{name}{query}")
}

/// Configuration arguments as the environment would give them, pointing at `url`.
pub fn config_args(database_url: Option<&str>, data_dir: PathBuf) -> ConfigArgs {
    ConfigArgs {
        database_url: database_url.map(str::to_owned),
        database_read_url: None,
        bind: "127.0.0.1:0".into(),
        jwt_secret: database_url.map(|_| TEST_JWT_SECRET.to_owned()),
        jwt_algorithm: "HS256".into(),
        jwt_key_id: "k1".into(),
        jwt_private_key_file: None,
        jwt_public_key_file: None,
        jwt_previous_keys: None,
        public_base_url: Some("https://news.example.kz".into()),
        site_base_url: None,
        site_article_path: "/{lang}/news/{slug}".into(),
        log_format: "pretty".into(),
        cors_origins: "https://front.example.kz".into(),
        data_dir,
        graphql_introspection: "true".into(),
        micro_cache_ms: "0".into(),
        trusted_proxies: String::new(),
        forwarded_header: "x-forwarded-for".into(),
        sitemap_urls_per_file: "50000".into(),
        refresh_grace_seconds: "30".into(),
        comments: polisia_api::comments::settings::CommentArgs {
            comments_close_after_days: "30".into(),
            comment_flood_seconds: "15".into(),
            comment_hourly_cap: "20".into(),
            comment_honeypot_field: "phone".into(),
            ..Default::default()
        },
        // Off: tests make many requests from one address on a clock that stands
        // still. The rate-limit tests turn it on.
        rate_limits: polisia_api::config::rate_limits::RateLimitArgs {
            anon_requests_per_minute: "0".into(),
        },
        trusted_documents: polisia_api::config::trusted_documents::TrustedDocumentArgs {
            trusted_documents_only: "false".into(),
            trusted_documents_file: String::new(),
        },
        connections: Default::default(),
        purge: Default::default(),
        // Tests' webhook receivers and hubs listen on 127.0.0.1.
        webhooks: polisia_api::config::webhooks::WebhookArgs {
            webhook_allow_private: "true".into(),
            websub_hubs: String::new(),
        },
        media: Default::default(),
    }
}

/// A running service and a client for it.
pub struct TestApp {
    pub addr: SocketAddr,
    pub state: AppState,
    pub client: reqwest::Client,
    /// The service's clock (`state.clock`); [`TestApp::spawn`] starts it at
    /// [`crate::fixtures::start`], and it stands still until the test moves it.
    pub clock: Clock,
    _db: TestDb,
    /// `DATA_DIR` of a spawned service (uploaded images are kept under it).
    _data: Option<tempfile::TempDir>,
    _shutdown: oneshot::Sender<()>,
}

impl TestApp {
    /// The service on a fresh, migrated database with no content but the regions.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    /// [`TestApp::spawn`] with its configuration adjusted by `adjust`.
    pub async fn spawn_with(adjust: impl FnOnce(&mut ConfigArgs)) -> TestApp {
        Self::spawn_on_with(TestDb::fresh().await, adjust).await
    }

    /// [`TestApp::spawn_with`] on a database made beforehand.
    pub async fn spawn_on_with(db: TestDb, adjust: impl FnOnce(&mut ConfigArgs)) -> TestApp {
        let data = tempfile::tempdir().expect("a temporary directory");
        let mut args = config_args(Some(db.url()), data.path().to_path_buf());
        adjust(&mut args);
        let config = Config::from_args(&args).expect("valid test configuration");
        let clock = Clock::manual(crate::fixtures::start());
        let state = startup::prepare(config, true, clock)
            .await
            .expect("the service starts");
        let mut app = Self::serve(state, db).await;
        app._data = Some(data);
        app
    }

    /// The service on a fresh database holding the demo content.
    pub async fn spawn_with_demo() -> TestApp {
        let app = Self::spawn().await;
        polisia_api::seed::demo::load(app.state.conn(), app.clock.now())
            .await
            .expect("the demo content loads");
        polisia_api::seed::photos::attach(app.state.conn(), &app.state.media, &app.clock)
            .await
            .expect("the demo photos are stored");
        // Their renditions made, so no job writes during the test.
        app.state.media.idle().await;
        app
    }

    /// The database the service uses.
    pub fn conn(&self) -> &sea_orm::DatabaseConnection {
        self.state.conn()
    }

    /// Completes once every change recorded so far has been read by the bus and
    /// fanned out to webhooks, and the other consumers of the bus (the relay to
    /// subscribers, the schedule, held data) have gone quiet: no statement for a
    /// while. Statements counted from here are the next request's own.
    pub async fn changes_dispatched(&self) {
        let newest = polisia_api::store::changes::newest(self.conn())
            .await
            .unwrap();
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
        tokio::time::timeout_at(deadline, self.state.bus.reached(newest))
            .await
            .expect("the bus reads the changes");
        while polisia_api::store::consumer_cursors::read(
            self.conn(),
            polisia_api::store::consumer_cursors::Consumer::WebhookFanout,
        )
        .await
        .unwrap()
            < newest
        {
            assert!(
                tokio::time::Instant::now() < deadline,
                "the changes are fanned out"
            );
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        // The consumers say nothing when they are done: they are, once the count
        // of statements stands still for 100 ms.
        let mut last = (self.state.db.statements.get(), tokio::time::Instant::now());
        while last.1.elapsed() < std::time::Duration::from_millis(100) {
            assert!(
                tokio::time::Instant::now() < deadline,
                "the consumers go quiet"
            );
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            let now = self.state.db.statements.get();
            if now != last.0 {
                last = (now, tokio::time::Instant::now());
            }
        }
    }

    /// Serves `state` on a free local port.
    pub async fn serve(state: AppState, db: TestDb) -> TestApp {
        let client = reqwest::Client::new();
        let (addr, shutdown) = answering(state.clone(), &client).await;
        TestApp {
            addr,
            clock: state.clock.clone(),
            state,
            client,
            _db: db,
            _data: None,
            _shutdown: shutdown,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// The URL of this service's database.
    pub fn database_url(&self) -> &str {
        self._db.url()
    }

    /// A second service on this one's database, configured by `adjust` (a key
    /// rotation, say); it stops when dropped.
    pub async fn sibling(&self, adjust: impl FnOnce(&mut ConfigArgs)) -> Sibling {
        let mut args = config_args(Some(self.database_url()), PathBuf::from("unused"));
        adjust(&mut args);
        let config = Config::from_args(&args).expect("valid sibling configuration");
        let state = startup::prepare(config, false, self.clock.clone())
            .await
            .expect("the sibling starts");
        let (addr, shutdown) = answering(state.clone(), &self.client).await;
        Sibling {
            addr,
            state,
            _shutdown: shutdown,
        }
    }
}

/// Serves `state` on a free local port until the returned sender is dropped, once it
/// answers. The service accepts its first connection once its start-up work (the
/// first housekeeping run, the schedule's first claim) is done: answered, it runs no
/// statement a test could count as its own.
async fn answering(state: AppState, client: &reqwest::Client) -> (SocketAddr, oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let addr = listener.local_addr().expect("a local address");
    let (tx, rx) = oneshot::channel::<()>();
    tokio::spawn(startup::serve(state, listener, async move {
        let _ = rx.await;
    }));
    let health = client.get(format!("http://{addr}/healthz")).send().await;
    assert!(
        health.is_ok_and(|r| r.status().is_success()),
        "the service answers /healthz"
    );
    (addr, tx)
}

/// Another service sharing a [`TestApp`]'s database.
pub struct Sibling {
    pub addr: SocketAddr,
    pub state: AppState,
    _shutdown: oneshot::Sender<()>,
}

impl Sibling {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

/// A fresh, migrated database and a connection to it, for tests that call the
/// library directly rather than over HTTP.
pub async fn migrated_db() -> (TestDb, sea_orm::DatabaseConnection) {
    let db = TestDb::fresh().await;
    // Migrated before the pool opens, as the service starts.
    polisia_api::db::migrate_url(db.url())
        .await
        .expect("the migrations apply");
    let conn = polisia_api::db::connect(db.url())
        .await
        .expect("the test database opens")
        .conn;
    (db, conn)
}
