//! Spawning the service on a fresh database and talking to it over real HTTP.

use std::{net::SocketAddr, path::PathBuf};

use polisia_api::{
    config::{Config, ConfigArgs},
    domain::time::Clock,
    startup,
    state::AppState,
};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};
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
        bind: "127.0.0.1:0".into(),
        jwt_secret: database_url.map(|_| TEST_JWT_SECRET.to_owned()),
        jwt_algorithm: "HS256".into(),
        jwt_key_id: "k1".into(),
        jwt_private_key_file: None,
        jwt_public_key_file: None,
        jwt_previous_keys: None,
        public_base_url: Some("https://news.example.kz".into()),
        log_format: "pretty".into(),
        cors_origins: "https://front.example.kz".into(),
        data_dir,
        graphql_introspection: "true".into(),
        micro_cache_ms: "0".into(),
        comments: polisia_api::comments::settings::CommentArgs {
            comments_close_after_days: "30".into(),
            comment_flood_seconds: "15".into(),
            comment_hourly_cap: "20".into(),
            ..Default::default()
        },
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
    _shutdown: oneshot::Sender<()>,
}

impl TestApp {
    /// The service on a fresh, migrated database with no content but the regions.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    /// [`TestApp::spawn`] with its configuration adjusted by `adjust`.
    pub async fn spawn_with(adjust: impl FnOnce(&mut ConfigArgs)) -> TestApp {
        let db = TestDb::fresh().await;
        let mut args = config_args(Some(db.url()), PathBuf::from("unused"));
        adjust(&mut args);
        let config = Config::from_args(&args).expect("valid test configuration");
        let clock = Clock::manual(crate::fixtures::start());
        let state = startup::prepare(config, true, clock)
            .await
            .expect("the service starts");
        Self::serve(state, db).await
    }

    /// The service on a fresh database holding the demo content.
    pub async fn spawn_with_demo() -> TestApp {
        let app = Self::spawn().await;
        polisia_api::seed::demo::load(app.state.conn(), app.clock.now())
            .await
            .expect("the demo content loads");
        app
    }

    /// The database the service uses.
    pub fn conn(&self) -> &sea_orm::DatabaseConnection {
        self.state.conn()
    }

    /// Serves `state` on a free local port.
    pub async fn serve(state: AppState, db: TestDb) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port");
        let addr = listener.local_addr().expect("a local address");
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(startup::serve(state.clone(), listener, async move {
            let _ = rx.await;
        }));
        TestApp {
            addr,
            clock: state.clock.clone(),
            state,
            client: reqwest::Client::new(),
            _db: db,
            _shutdown: tx,
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
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port");
        let addr = listener.local_addr().expect("a local address");
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(startup::serve(state, listener, async move {
            let _ = rx.await;
        }));
        Sibling {
            addr,
            _shutdown: tx,
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("the request is answered")
    }

    /// Posts a GraphQL operation and returns the whole JSON response.
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        self.graphql_with(query, variables, &[]).await
    }

    /// Posts a GraphQL operation with extra headers.
    pub async fn graphql_with(
        &self,
        query: &str,
        variables: Value,
        headers: &[(&str, &str)],
    ) -> Value {
        let mut request = self
            .client
            .post(self.url("/graphql"))
            .json(&json!({ "query": query, "variables": variables }));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("the request is answered");
        assert!(
            response.status().is_success(),
            "GraphQL answered {}",
            response.status()
        );
        response.json().await.expect("a JSON body")
    }
}

/// Another service sharing a [`TestApp`]'s database.
pub struct Sibling {
    pub addr: SocketAddr,
    _shutdown: oneshot::Sender<()>,
}

impl Sibling {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

/// The `data` of a response that must have no errors.
pub fn data(response: &Value) -> &Value {
    assert!(
        response.get("errors").is_none(),
        "unexpected errors: {response:#}"
    );
    &response["data"]
}

/// The `extensions.code` of the first error.
pub fn error_code(response: &Value) -> &str {
    response["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no error code in {response:#}"))
}

/// A fresh, migrated database and a connection to it, for tests that call the
/// library directly rather than over HTTP.
pub async fn migrated_db() -> (TestDb, sea_orm::DatabaseConnection) {
    let db = TestDb::fresh().await;
    let conn = polisia_api::db::connect(db.url())
        .await
        .expect("the test database opens")
        .conn;
    polisia_api::db::migrate(&conn)
        .await
        .expect("the migrations apply");
    (db, conn)
}

/// An account with `role` whose password is `password` (hashed with Argon2id).
pub async fn account_with_password(
    conn: &sea_orm::DatabaseConnection,
    email: &str,
    password: &str,
    role: polisia_api::domain::Role,
) -> polisia_api::entity::user::Model {
    let hash = polisia_api::auth::password::hash(password).expect("a hash");
    let now = crate::fixtures::start();
    polisia_api::store::users::create(conn, email, "Test account", role, hash, now)
        .await
        .expect("the account is created")
}

/// A signed-in viewer with `role`, backed by an account that cannot sign in (its
/// password hash matches nothing), for tests that need a user but not a password.
pub async fn viewer_with_role(
    conn: &sea_orm::DatabaseConnection,
    role: polisia_api::domain::Role,
) -> polisia_api::auth::Viewer {
    let email = format!(
        "{}-{}@example.kz",
        role.as_str().to_lowercase(),
        uuid::Uuid::now_v7().simple()
    );
    let now = crate::fixtures::start();
    let user = polisia_api::store::users::create(conn, &email, "Staff", role, "!".into(), now)
        .await
        .expect("the account is created");
    polisia_api::auth::Viewer::User { id: user.id, role }
}

/// A signed-in account for tests.
pub struct Account {
    pub id: String,
    pub email: String,
    pub password: String,
    pub access: String,
    pub refresh: String,
}

impl TestApp {
    /// Creates an account of `role` and signs it in over GraphQL.
    pub async fn account(&self, role: polisia_api::domain::Role) -> Account {
        let email = format!(
            "{}-{}@example.kz",
            role.as_str().to_lowercase(),
            uuid::Uuid::new_v4().simple()
        );
        let password = "a-long-test-password".to_owned();
        let hash = polisia_api::auth::password::hash(&password).unwrap();
        polisia_api::store::users::create(
            self.conn(),
            &email,
            "Test user",
            role,
            hash,
            self.clock.now(),
        )
        .await
        .unwrap_or_else(|e| panic!("{}", e.describe()));
        let response = self
            .graphql(
                "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken user { id } } }",
                json!({ "e": email, "p": password }),
            )
            .await;
        let login = &data(&response)["login"];
        Account {
            id: login["user"]["id"].as_str().unwrap().to_owned(),
            email,
            password,
            access: login["accessToken"].as_str().unwrap().to_owned(),
            refresh: login["refreshToken"].as_str().unwrap().to_owned(),
        }
    }

    /// Posts a GraphQL operation as `account`.
    pub async fn graphql_as(&self, account: &Account, query: &str, variables: Value) -> Value {
        let bearer = format!("Bearer {}", account.access);
        self.graphql_with(query, variables, &[("authorization", &bearer)])
            .await
    }
}

/// A GraphQL subscription over the service's WebSocket (`graphql-transport-ws`).
pub struct Subscription {
    socket: tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
}

impl Subscription {
    /// Opens the socket and subscribes to `query`; returns once the service has
    /// taken the subscription.
    pub async fn open(app: &TestApp, query: &str, variables: Value) -> Subscription {
        Self::open_at(app.addr, query, variables).await
    }

    /// [`Subscription::open`] on the service at `addr`.
    pub async fn open_at(addr: SocketAddr, query: &str, variables: Value) -> Subscription {
        use futures_util::{SinkExt, StreamExt};
        use tokio_tungstenite::tungstenite::{Message, client::IntoClientRequest};

        let mut request = format!("ws://{addr}/graphql/ws")
            .into_client_request()
            .unwrap();
        request.headers_mut().insert(
            "Sec-WebSocket-Protocol",
            "graphql-transport-ws".parse().unwrap(),
        );
        let (mut socket, _) = tokio_tungstenite::connect_async(request)
            .await
            .expect("the socket opens");
        let init = json!({ "type": "connection_init", "payload": {} });
        socket.send(Message::text(init.to_string())).await.unwrap();
        let ack = socket.next().await.unwrap().unwrap();
        assert!(ack.to_text().unwrap().contains("connection_ack"));
        let subscribe = json!({ "id": "1", "type": "subscribe",
            "payload": { "query": query, "variables": variables } });
        socket
            .send(Message::text(subscribe.to_string()))
            .await
            .unwrap();
        // The subscription starts listening once the service has read it.
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        Subscription { socket }
    }

    /// The next event's `data`, if one comes within `wait`.
    pub async fn next_within(&mut self, wait: std::time::Duration) -> Option<Value> {
        use futures_util::StreamExt;

        let message = tokio::time::timeout(wait, self.socket.next()).await.ok()?;
        let message = message.expect("the socket stays open").unwrap();
        let event: Value = serde_json::from_str(message.to_text().unwrap()).unwrap();
        assert_eq!(event["type"], "next", "{event}");
        Some(event["payload"]["data"].clone())
    }
}
