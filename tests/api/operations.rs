//! `/healthz`, `/readyz` and `/metrics`.

use std::{
    path::PathBuf,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use polisia_api::{config::Config, startup};
use sea_orm::ConnectionTrait;
use tokio::{net::TcpListener, task::JoinHandle};

use crate::helpers::{TestApp, TestDb, config_args};

#[tokio::test]
async fn healthz_and_readyz_answer_on_a_migrated_database() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/healthz").await.status(), 200);
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), 200);
    assert_eq!(
        ready.json::<serde_json::Value>().await.unwrap()["status"],
        "ready"
    );
}

#[tokio::test]
async fn readyz_is_red_while_a_migration_is_pending() {
    let app = TestApp::spawn().await;
    let conn = app.state.conn();
    let last = "m20261125_000006_comments";
    conn.execute_unprepared(&format!(
        "DELETE FROM seaql_migrations WHERE version = '{last}'"
    ))
    .await
    .unwrap();
    let red = app.get("/readyz").await;
    assert_eq!(red.status(), 503);
    assert_eq!(red.headers()["content-type"], "application/problem+json");
    let problem: serde_json::Value = red.json().await.unwrap();
    assert!(problem["detail"].as_str().unwrap().contains("pending"));
    conn.execute_unprepared(&format!(
        "INSERT INTO seaql_migrations (version, applied_at) VALUES ('{last}', 0)"
    ))
    .await
    .unwrap();
    assert_eq!(app.get("/readyz").await.status(), 200);
}

/// A TCP relay to PostgreSQL that can be cut and restored, to play an outage.
struct Relay {
    port: u16,
    up: Arc<AtomicBool>,
    links: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Relay {
    async fn start(upstream: String) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let up = Arc::new(AtomicBool::new(true));
        let links: Arc<Mutex<Vec<JoinHandle<()>>>> = Arc::default();
        let (up2, links2) = (up.clone(), links.clone());
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if !up2.load(Ordering::SeqCst) {
                    continue; // dropping the socket refuses the connection
                }
                let upstream = upstream.clone();
                let link = tokio::spawn(async move {
                    if let Ok(mut server) = tokio::net::TcpStream::connect(upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                links2.lock().unwrap().push(link);
            }
        });
        Relay { port, up, links }
    }

    fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        for link in self.links.lock().unwrap().drain(..) {
            link.abort();
        }
    }

    fn restore(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

#[tokio::test]
async fn readyz_turns_red_when_the_database_is_unreachable_and_green_when_it_is_back() {
    let db = TestDb::fresh().await;
    if !db.is_postgres() {
        // An SQLite file cannot be taken away from an open pool; the pending-migration
        // test covers the red state there.
        return;
    }
    let url = db.url().to_owned();
    let after_scheme = url.split_once("://").unwrap().1;
    let authority = after_scheme.split('/').next().unwrap();
    let host_port = authority.rsplit('@').next().unwrap().to_owned();
    let upstream = if host_port.contains(':') {
        host_port.clone()
    } else {
        format!("{host_port}:5432")
    };
    let relay = Relay::start(upstream).await;
    let relayed = url.replacen(&host_port, &format!("127.0.0.1:{}", relay.port), 1);
    let config = Config::from_args(&config_args(Some(&relayed), PathBuf::from("unused"))).unwrap();
    let clock = polisia_api::domain::time::Clock::manual(crate::fixtures::start());
    let state = startup::prepare(config, true, clock).await.unwrap();
    let app = TestApp::serve(state, db).await;
    assert_eq!(app.get("/readyz").await.status(), 200);

    relay.cut();
    assert_eq!(app.get("/readyz").await.status(), 503);
    assert_eq!(
        app.get("/healthz").await.status(),
        200,
        "liveness does not depend on the database"
    );

    relay.restore();
    let mut status = 0;
    for _ in 0..20 {
        status = app.get("/readyz").await.status().as_u16();
        if status == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(status, 200, "readiness recovers without a restart");
}

#[tokio::test]
async fn metrics_are_valid_prometheus_text_with_routes_statuses_and_pool() {
    let app = TestApp::spawn().await;
    app.get("/healthz").await;
    app.get("/no-such-route").await;
    let response = app.get("/metrics").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let text = response.text().await.unwrap();
    for line in text.lines().filter(|l| !l.is_empty()) {
        if let Some(comment) = line.strip_prefix('#') {
            assert!(
                comment.starts_with(" HELP ") || comment.starts_with(" TYPE "),
                "bad comment line: {line}"
            );
            continue;
        }
        let (series, value) = line
            .rsplit_once(' ')
            .unwrap_or_else(|| panic!("no value: {line}"));
        assert!(
            value.parse::<f64>().is_ok() || ["+Inf", "-Inf", "NaN"].contains(&value),
            "bad value: {line}"
        );
        let name_end = series.find('{').unwrap_or(series.len());
        let name = &series[..name_end];
        assert!(
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':'),
            "bad name: {line}"
        );
        if name_end < series.len() {
            assert!(series.ends_with('}'), "unclosed labels: {line}");
        }
    }
    assert!(
        text.contains(r#"http_requests_total{method="GET",route="/healthz",status="200"}"#),
        "{text}"
    );
    assert!(text.contains(r#"route="unmatched",status="404""#), "{text}");
    assert!(
        text.contains("http_request_duration_seconds_bucket"),
        "{text}"
    );
    assert!(
        text.contains(r#"db_pool_connections{state="idle"}"#),
        "{text}"
    );
}

#[tokio::test]
async fn an_unreachable_database_answers_503_on_graphql_and_rest() {
    let app = TestApp::spawn().await;
    // Every pool the service reads through: the compiled reads have their own.
    app.conn().close_by_ref().await.unwrap();
    app.state.db.trees.close_by_ref().await.unwrap();

    let response = app
        .client
        .post(app.url("/graphql"))
        .json(&serde_json::json!({ "query": "{ articles(first: 1) { edges { node { id } } } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["retry-after"], "1");
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "INTERNAL");
    assert_eq!(body["errors"][0]["extensions"]["retryAfter"], 1);

    let rest = app.get("/api/v1/articles").await;
    assert_eq!(rest.status(), 503);
    // REST names the outage itself, in `code` and in the problem's type alike.
    let problem: serde_json::Value = rest.json().await.unwrap();
    assert_eq!(problem["code"], "UNAVAILABLE");
    assert_eq!(problem["type"], "https://polisia.kz/problems/unavailable");
}
