//! Start-up and logs as an operator sees them: a busy address, standard error.

use std::{process::Stdio, time::Duration};

use tokio::io::{AsyncBufReadExt, BufReader};

use crate::{
    cli::BIN,
    helpers::{TEST_JWT_SECRET, TestDb},
};

#[test]
fn a_busy_bind_address_stops_start_up_before_the_data_directory_is_touched() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let output = std::process::Command::new(BIN)
        .arg("serve")
        .env_clear()
        .current_dir(dir.path())
        .env("BIND", &addr)
        .env("DATA_DIR", &data)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("BIND {addr}: the address is in use")),
        "{stderr}"
    );
    assert!(
        !data.exists(),
        "nothing is written before the address is bound"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[tokio::test]
async fn an_unmigrated_database_stops_start_up_with_what_to_run() {
    let db = TestDb::fresh().await;
    let output = tokio::process::Command::new(BIN)
        .arg("serve")
        .env_clear()
        .env("DATABASE_URL", db.url())
        .env("JWT_SECRET", TEST_JWT_SECRET)
        .env("BIND", "127.0.0.1:0")
        .output()
        .await
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains("the database lacks") && stderr.contains("polisia-api migrate"),
        "{stderr}"
    );
    assert!(!stderr.contains("no such table"), "{stderr}");
}

/// The service on a fresh database with `LOG_FORMAT=format` and standard error piped,
/// asked for region KZ-71 with the request id `id`; everything it logged until then.
async fn log_of_one_request(format: &str, id: &str) -> String {
    let db = TestDb::fresh().await;
    let mut child = tokio::process::Command::new(BIN)
        .arg("serve")
        .env_clear()
        .env("DATABASE_URL", db.url())
        .env("JWT_SECRET", TEST_JWT_SECRET)
        .env("MIGRATE_ON_START", "true")
        .env("BIND", "127.0.0.1:0")
        .env("LOG_FORMAT", format)
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut log = String::new();
    let mut next_line = async || {
        let line = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
            .await
            .expect("the service logs in time")
            .unwrap()
            .expect("the service is still running");
        log.push_str(&line);
        log.push('\n');
        line
    };
    let addr = loop {
        let line = next_line().await;
        if let Some(rest) = line.split("listening on http://").nth(1) {
            break rest.split_whitespace().next().unwrap().to_owned();
        }
    };
    let response = reqwest::Client::new()
        .get(format!("http://{addr}/api/v1/regions/KZ-71"))
        .header("x-request-id", id)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    while !next_line().await.contains(id) {}
    child.kill().await.unwrap();
    log
}

#[tokio::test]
async fn no_colour_codes_when_standard_error_is_not_a_terminal() {
    let log = log_of_one_request("pretty", "no-colour-1").await;
    assert!(!log.contains("\x1b["), "{log:?}");
}

#[tokio::test]
async fn one_json_line_per_request_names_its_route_not_its_path() {
    let id = "json-line-1";
    let log = log_of_one_request("json", id).await;
    let lines: Vec<serde_json::Value> = log
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .filter(|line: &serde_json::Value| line["request_id"] == id)
        .collect();
    assert_eq!(lines.len(), 1, "{log}");
    let line = &lines[0];
    assert_eq!(line["level"], "INFO", "{line}");
    assert_eq!(line["method"], "GET", "{line}");
    assert_eq!(line["route"], "/api/v1/regions/{slugOrCode}", "{line}");
    assert_eq!(line["status"], 200, "{line}");
    let ms = line["duration_ms"]
        .as_f64()
        .expect("a number of milliseconds");
    assert!((0.0..20_000.0).contains(&ms), "{line}");
    assert!(!line.to_string().contains("KZ-71"), "no raw path: {line}");
}
