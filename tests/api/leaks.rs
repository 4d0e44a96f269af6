//! What must never leave the service: internal text in an error (stack, SQL, file
//! paths, library debug output), and passwords, tokens or emails in its log. And
//! what must always be there: the security headers, on every kind of answer.

use std::{
    process::Stdio,
    sync::{Arc, Mutex},
    time::Duration,
};

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use polisia_api::http::headers::API_CSP;
use reqwest::{Method, Response};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::{
    cli::{BIN, run},
    fixtures::NewArticle,
    helpers::{TEST_JWT_SECRET, TestApp, TestDb},
};

/// Fragments only internal text contains.
const INTERNAL_MARKERS: [&str; 22] = [
    "panicked",
    "backtrace",
    "src/",
    ".rs:",
    "/home/",
    "/tmp/",
    "/usr/",
    "SELECT ",
    "INSERT ",
    "UPDATE ",
    "DELETE FROM",
    "sqlx",
    "sea_orm",
    "DbErr",
    "Custom {",
    "kind: ",
    "Io(",
    "InvalidRequest(",
    "Error(\"",
    "no such table",
    "relation \"",
    "thread '",
];

/// Fails when `body` carries any internal text.
pub fn assert_no_internals(name: &str, body: &str) {
    for marker in INTERNAL_MARKERS {
        assert!(
            !body.contains(marker),
            "{name}: internal text {marker:?} in {body}"
        );
    }
}

fn assert_security_headers(name: &str, response: &Response) {
    let headers = response.headers();
    let header = |key: &str| {
        headers
            .get(key)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("{name} ({}): no {key}", response.status()))
    };
    assert_eq!(header("x-content-type-options"), "nosniff", "{name}");
    assert_eq!(header("x-frame-options"), "DENY", "{name}");
    assert_eq!(header("referrer-policy"), "no-referrer", "{name}");
    assert!(
        header("strict-transport-security").contains("max-age="),
        "{name}"
    );
    let html = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|kind| kind.starts_with("text/html"));
    if html {
        // Pages set a policy of their own that lets their scripts run.
        assert!(
            header("content-security-policy").contains("frame-ancestors 'none'"),
            "{name}"
        );
    } else {
        assert_eq!(header("content-security-policy"), API_CSP, "{name}");
    }
}

/// A request to try: a name, the method, the path, headers and a body.
type Probe = (
    &'static str,
    Method,
    String,
    Vec<(&'static str, String)>,
    Vec<u8>,
);

#[tokio::test]
async fn every_kind_of_answer_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("Заголовки", 30)
        .insert(app.conn())
        .await;
    let regions = app.get("/api/v1/regions").await;
    let etag = regions.headers()["etag"].to_str().unwrap().to_owned();
    let comments = format!("/api/v1/articles/{}/comments", article.slug);
    let huge = vec![b' '; polisia_api::BODY_LIMIT_BYTES + 1];
    let requests: Vec<Probe> = vec![
        ("health", Method::GET, "/healthz".into(), vec![], vec![]),
        (
            "REST list",
            Method::GET,
            "/api/v1/articles".into(),
            vec![],
            vec![],
        ),
        (
            "304",
            Method::GET,
            "/api/v1/regions".into(),
            vec![("if-none-match", etag)],
            vec![],
        ),
        ("404", Method::GET, "/nowhere".into(), vec![], vec![]),
        (
            "REST 404",
            Method::GET,
            "/api/v1/articles/no-such-article".into(),
            vec![],
            vec![],
        ),
        ("405", Method::DELETE, "/healthz".into(), vec![], vec![]),
        (
            "400",
            Method::GET,
            "/api/v1/articles?limit=1000".into(),
            vec![],
            vec![],
        ),
        (
            "413",
            Method::POST,
            "/graphql".into(),
            vec![("content-type", "application/json".into())],
            huge,
        ),
        (
            "401",
            Method::POST,
            comments.clone(),
            vec![
                ("authorization", "Bearer forged".into()),
                ("content-type", "application/json".into()),
            ],
            br#"{"authorName":"A","authorEmail":"a@example.com","body":"b"}"#.to_vec(),
        ),
        (
            "GraphQL error",
            Method::POST,
            "/graphql".into(),
            vec![("content-type", "application/json".into())],
            br#"{"query":"{ nothing }"}"#.to_vec(),
        ),
        (
            "CORS preflight",
            Method::OPTIONS,
            "/graphql".into(),
            vec![
                ("origin", "https://front.example.kz".into()),
                ("access-control-request-method", "POST".into()),
            ],
            vec![],
        ),
        ("RSS", Method::GET, "/feeds/rss.xml".into(), vec![], vec![]),
        (
            "sitemap",
            Method::GET,
            "/sitemap.xml".into(),
            vec![],
            vec![],
        ),
        ("metrics", Method::GET, "/metrics".into(), vec![], vec![]),
        (
            "OpenAPI",
            Method::GET,
            "/openapi.json".into(),
            vec![],
            vec![],
        ),
        ("API docs", Method::GET, "/docs".into(), vec![], vec![]),
        (
            "front page",
            Method::GET,
            "/".into(),
            vec![("accept", "text/html".into())],
            vec![],
        ),
        (
            "robots.txt",
            Method::GET,
            "/robots.txt".into(),
            vec![],
            vec![],
        ),
        (
            "GraphiQL",
            Method::GET,
            "/graphql".into(),
            vec![("accept", "text/html".into())],
            vec![],
        ),
    ];
    let mut statuses = Vec::new();
    for (name, method, path, headers, body) in requests {
        let mut request = app.client.request(method, app.url(&path)).body(body);
        for (key, value) in headers {
            request = request.header(key, value);
        }
        let response = request.send().await.unwrap();
        statuses.push(response.status().as_u16());
        assert_security_headers(name, &response);
    }
    for expected in [200, 304, 400, 401, 404, 405, 413] {
        assert!(
            statuses.contains(&expected),
            "{expected} was tried: {statuses:?}"
        );
    }
}

#[tokio::test]
async fn a_failing_database_is_reported_without_its_words() {
    let app = TestApp::spawn().await;
    NewArticle::published("Сбой", 30).insert(app.conn()).await;
    app.conn()
        .execute_unprepared("ALTER TABLE tags RENAME TO tags_elsewhere")
        .await
        .unwrap();
    let answer = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": "{ tags { id name } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 503, "nothing else to give: unavailable");
    let response: Value = answer.json().await.unwrap();
    assert_eq!(response["errors"][0]["extensions"]["code"], "INTERNAL");
    assert_eq!(
        response["errors"][0]["message"],
        "the service is temporarily unavailable"
    );
    let text = response.to_string();
    assert_no_internals("GraphQL", &text);
    assert!(!text.contains("tags_elsewhere"), "{text}");

    let rest = app.get("/api/v1/articles?tag=any").await;
    assert_eq!(rest.status(), 503);
    let text = rest.text().await.unwrap();
    assert_no_internals("REST", &text);
    let problem: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(problem["detail"], "the service is temporarily unavailable");
}

fn global_id(kind: &str, id: uuid::Uuid) -> String {
    URL_SAFE_NO_PAD.encode(format!("{kind}:{id}"))
}

async fn graphql(
    client: &reqwest::Client,
    base: &str,
    query: &str,
    variables: Value,
    token: Option<&str>,
) -> Value {
    let mut request = client
        .post(format!("{base}/graphql"))
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap().json().await.unwrap()
}

#[tokio::test]
async fn the_log_never_holds_passwords_tokens_or_emails() {
    let db = TestDb::fresh().await;
    assert!(run(&["migrate"], Some(db.url())).await.status.success());
    let email = "Staff.Member@Example.kz";
    let password = "correct-horse-battery-staple";
    let created = run(
        &[
            "create-user",
            "--email",
            email,
            "--password",
            password,
            "--role",
            "EDITOR",
            "--name",
            "Staff",
        ],
        Some(db.url()),
    )
    .await;
    assert!(created.status.success());
    let conn = polisia_api::db::connect(db.url()).await.unwrap().conn;
    // The service below runs on the system's clock, not a test's.
    let half_an_hour_ago =
        polisia_api::domain::time::Clock::system().now() - chrono::Duration::minutes(30);
    let article = NewArticle::published("Журнал", 30)
        .at(Some(half_an_hour_ago))
        .insert(&conn)
        .await;

    let mut child = tokio::process::Command::new(BIN)
        .arg("serve")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", db.url())
        .env("JWT_SECRET", TEST_JWT_SECRET)
        .env("BIND", "127.0.0.1:0")
        .env("LOG_FORMAT", "json")
        // Every second use of a refresh token is a reuse, to see how one is logged.
        .env("REFRESH_GRACE_SECONDS", "0")
        // Everything the service itself says, requests included; not the SQL echo
        // of the database driver, which is for a developer's machine only.
        .env(
            "RUST_LOG",
            "info,polisia_api=trace,tower_http=trace,async_graphql=trace",
        )
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let addr = loop {
        let line = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
            .await
            .unwrap()
            .unwrap()
            .expect("the service logs its address");
        log.lock().unwrap().push(line.clone());
        if let Some(rest) = line.split("listening on http://").nth(1) {
            break rest
                .split(|c: char| c.is_whitespace() || c == '"')
                .next()
                .unwrap()
                .to_owned();
        }
    };
    let collected = log.clone();
    tokio::spawn(async move {
        while let Ok(Some(line)) = lines.next_line().await {
            collected.lock().unwrap().push(line);
        }
    });
    let base = format!("http://{addr}");
    let client = reqwest::Client::new();

    let login = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }";
    let signed_in = graphql(
        &client,
        &base,
        login,
        json!({ "e": email, "p": password }),
        None,
    )
    .await;
    let access = signed_in["data"]["login"]["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let refresh = signed_in["data"]["login"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let wrong_password = "wrong-horse-battery-staple";
    let failed = graphql(
        &client,
        &base,
        login,
        json!({ "e": email, "p": wrong_password }),
        None,
    )
    .await;
    assert_eq!(failed["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    let viewer = graphql(
        &client,
        &base,
        "{ viewer { role } }",
        json!({}),
        Some(&access),
    )
    .await;
    assert_eq!(viewer["data"]["viewer"]["role"], "EDITOR");
    let rotated = graphql(
        &client,
        &base,
        "mutation($r: String!) { refreshToken(refreshToken: $r) { accessToken } }",
        json!({ "r": refresh }),
        None,
    )
    .await;
    assert!(
        rotated["data"]["refreshToken"]["accessToken"].is_string(),
        "{rotated}"
    );
    // A replayed refresh token is logged as an incident: without the token.
    let replayed = graphql(
        &client,
        &base,
        "mutation($r: String!) { refreshToken(refreshToken: $r) { accessToken } }",
        json!({ "r": refresh }),
        None,
    )
    .await;
    assert_eq!(
        replayed["errors"][0]["extensions"]["code"],
        "UNAUTHENTICATED"
    );
    let reader_email = "New.Reader@Example.kz";
    let reader_password = "a-reader-password-never-logged";
    let registered = graphql(
        &client,
        &base,
        "mutation($e: String!, $p: String!) { register(input: { email: $e, password: $p, displayName: \"Читатель\" }) { accessToken } }",
        json!({ "e": reader_email, "p": reader_password }),
        None,
    )
    .await;
    assert!(
        registered["data"]["register"]["accessToken"].is_string(),
        "{registered}"
    );
    let commenter = "Commenter.Private@Example.com";
    let commented = graphql(
        &client,
        &base,
        "mutation($i: AddCommentInput!) { addComment(input: $i) { comment { status } } }",
        json!({ "i": { "articleId": global_id("Article", article.id), "authorName": "Гость", "authorEmail": commenter, "body": "Спасибо" } }),
        None,
    )
    .await;
    assert_eq!(
        commented["data"]["addComment"]["comment"]["status"],
        "PENDING"
    );
    let rest_commenter = "Rest.Commenter@Example.com";
    client
        .post(format!("{base}/api/v1/articles/{}/comments", article.slug))
        .bearer_auth(&access)
        .json(&json!({ "authorName": "R", "authorEmail": rest_commenter, "body": "ещё" }))
        .send()
        .await
        .unwrap();
    client
        .post(format!("{base}/api/v1/articles/{}/comments", article.slug))
        .bearer_auth("forged.token.here")
        .json(&json!({ "authorName": "R", "authorEmail": rest_commenter, "body": "ещё" }))
        .send()
        .await
        .unwrap();

    tokio::time::sleep(Duration::from_millis(300)).await;
    child.start_kill().unwrap();
    let _ = child.wait().await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let log = log.lock().unwrap().join("\n");
    assert!(
        log.contains("\"method\":\"POST\"") || log.contains("method=POST") || log.contains("POST"),
        "requests are logged, so the log is worth reading: {log}"
    );
    for secret in [
        password,
        wrong_password,
        reader_password,
        access.as_str(),
        refresh.as_str(),
        email,
        reader_email,
        commenter,
        rest_commenter,
    ] {
        for form in [secret.to_owned(), secret.to_lowercase()] {
            assert!(!log.contains(&form), "the log holds {form:?}:\n{log}");
        }
    }
}
