//! SIGTERM lets a request in flight finish before the process exits.

use std::{process::Stdio, time::Duration};

use tokio::{
    io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader},
    net::TcpStream,
};

use crate::{
    cli::{BIN, run},
    helpers::{TEST_JWT_SECRET, TestDb},
};

#[tokio::test]
async fn sigterm_lets_an_in_flight_request_finish() {
    let db = TestDb::fresh().await;
    assert!(run(&["migrate"], Some(db.url())).await.status.success());
    let mut child = tokio::process::Command::new(BIN)
        .arg("serve")
        .env_clear()
        .env("DATABASE_URL", db.url())
        .env("JWT_SECRET", TEST_JWT_SECRET)
        .env("BIND", "127.0.0.1:0")
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut log = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = tokio::time::timeout(Duration::from_secs(20), log.next_line())
            .await
            .unwrap()
            .unwrap()
            .expect("the service logs its address");
        if let Some(rest) = line.split("listening on http://").nth(1) {
            break rest.split_whitespace().next().unwrap().to_owned();
        }
    };
    tokio::spawn(async move { while let Ok(Some(_)) = log.next_line().await {} });

    // Headers and half of the body: the request is in flight.
    let body = r#"{"query":"{ regions(kind: CITY) { code } }"}"#;
    let (first, second) = body.split_at(body.len() / 2);
    let mut stream = TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /graphql HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(first.as_bytes()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;

    let pid = child.id().unwrap().to_string();
    assert!(
        std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    tokio::time::sleep(Duration::from_millis(300)).await;

    stream.write_all(second.as_bytes()).await.unwrap();
    let mut response = String::new();
    tokio::time::timeout(
        Duration::from_secs(10),
        stream.read_to_string(&mut response),
    )
    .await
    .unwrap()
    .unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("KZ-71"), "{response}");

    let status = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success(), "exits cleanly after draining: {status}");
    assert!(
        TcpStream::connect(&addr).await.is_err(),
        "no longer listening"
    );
}

/// A client that connected before the shutdown but sends its request a moment after
/// still gets its answer (hyper alone would close the silent connection at once).
#[tokio::test]
async fn a_connection_opened_before_the_shutdown_is_answered() {
    let app = crate::helpers::TestApp::spawn().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(polisia_api::startup::serve(
        app.state.clone(),
        listener,
        async move {
            let _ = stopped.await;
        },
    ));

    let mut stream = TcpStream::connect(addr).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    stop.send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    // Reading to the end also shows the service closes the connection after answering.
    let mut response = String::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_string(&mut response))
        .await
        .unwrap()
        .unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response:?}");
    assert!(response.ends_with(r#"{"status":"ok"}"#), "{response}");
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("the service stops once the answer is sent")
        .unwrap()
        .unwrap();
}
