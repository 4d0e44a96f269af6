//! Slow and greedy clients cannot hold the service's connections: a request whose
//! headers trickle in is cut off at the header timeout, connections past the cap are
//! refused at once (and counted), a WebSocket must send `connection_init` in time,
//! and neither one socket's operations nor one address's sockets are unbounded.

use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};
use tokio_tungstenite::tungstenite::{Message, client::IntoClientRequest};

use crate::helpers::TestApp;

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// The value of the counter `series` (name and labels as rendered) in `/metrics`; 0
/// when it has not been counted yet. The metrics are the process's: other tests
/// count too, so tests compare before and after.
async fn counter(app: &TestApp, series: &str) -> f64 {
    let text = reqwest::get(app.url("/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or(0.0)
}

/// Reads until the service closes `stream`; what it sent by then.
async fn read_to_close(stream: &mut TcpStream, wait: Duration) -> Option<Vec<u8>> {
    let mut received = Vec::new();
    let read = tokio::time::timeout(wait, async {
        let mut buf = [0u8; 1024];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => received.extend_from_slice(&buf[..n]),
            }
        }
    });
    read.await.ok().map(|()| received)
}

#[tokio::test]
async fn a_request_whose_headers_trickle_in_is_cut_off_at_the_header_timeout() {
    let app = TestApp::spawn_with(|args| {
        args.connections.header_read_timeout_seconds = Some("1".into());
    })
    .await;
    let timeouts = "http_connections_closed_total{reason=\"header_timeout\"}";
    let before = counter(&app, timeouts).await;
    let mut slow = TcpStream::connect(app.addr).await.unwrap();
    let started = Instant::now();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nhost: x\r\n")
        .await
        .unwrap();
    let trickle = async {
        for n in 0.. {
            tokio::time::sleep(Duration::from_millis(250)).await;
            let line = format!("x-slow-{n}: 1\r\n");
            if slow.write_all(line.as_bytes()).await.is_err() {
                return;
            }
            let mut byte = [0u8; 1];
            // Closed by the service: the read ends.
            if let Ok(Ok(0) | Err(_)) =
                tokio::time::timeout(Duration::from_millis(1), slow.read(&mut byte)).await
            {
                return;
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(2), trickle)
        .await
        .expect("the service closes the connection within its header timeout");
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "not before the timeout: {:?}",
        started.elapsed()
    );
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200, "a prompt client is served");
    assert!(
        counter(&app, timeouts).await > before,
        "the timeout is counted"
    );
}

/// Sends one keep-alive request on `stream` and reads its whole answer (the health
/// check answers with a `Content-Length`).
async fn exchange(stream: &mut TcpStream) -> String {
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n")
        .await
        .unwrap();
    let mut received = Vec::new();
    let mut buf = [0u8; 1024];
    loop {
        let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf))
            .await
            .expect("the service answers")
            .unwrap();
        assert!(n > 0, "the connection stays open while it is used");
        received.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&received).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length: ")?
                        .parse()
                        .ok()
                })
                .expect("a content length");
            if body.len() >= length {
                return text;
            }
        }
    }
}

#[tokio::test]
async fn a_keep_alive_connection_left_silent_is_closed_at_the_idle_timeout() {
    let app = TestApp::spawn_with(|args| {
        args.connections.idle_timeout_seconds = Some("1".into());
    })
    .await;
    let idle = "http_connections_closed_total{reason=\"idle\"}";
    let before = counter(&app, idle).await;
    let mut stream = TcpStream::connect(app.addr).await.unwrap();

    // In use every 400 ms, for three times the timeout: never closed, because the
    // silence between requests never reaches it.
    let started = Instant::now();
    loop {
        assert!(exchange(&mut stream).await.starts_with("HTTP/1.1 200"));
        if started.elapsed() >= Duration::from_secs(3) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(400)).await;
    }

    // Then silent: closed once a second has passed with no byte either way.
    let silent_since = Instant::now();
    let tail = read_to_close(&mut stream, Duration::from_secs(5))
        .await
        .expect("the service closes the silent connection");
    assert!(tail.is_empty(), "nothing more is sent on it");
    let silent_for = silent_since.elapsed();
    assert!(
        silent_for >= Duration::from_millis(900) && silent_for < Duration::from_secs(3),
        "closed after {silent_for:?} of silence"
    );
    assert!(
        counter(&app, idle).await > before,
        "the idle close is counted"
    );
}

#[tokio::test]
async fn past_max_connections_a_connection_is_refused_and_counted_until_one_closes() {
    const MAX: usize = 3;
    let app = TestApp::spawn_with(|args| {
        args.connections.max_connections = Some(MAX.to_string());
    })
    .await;
    // The harness's client may keep the connection it checked /healthz on: the
    // connections are counted as they open.
    let before = counter(&app, "http_connections_refused_total").await;

    // Connections the service holds say nothing yet; the one past the cap is answered
    // 503 and closed at once.
    let mut held = Vec::new();
    let refused = loop {
        assert!(held.len() <= MAX, "a connection past the cap is refused");
        let mut stream = TcpStream::connect(app.addr).await.unwrap();
        match read_to_close(&mut stream, Duration::from_millis(300)).await {
            Some(answer) => break answer,
            None => held.push(stream),
        }
    };
    assert!(
        String::from_utf8_lossy(&refused).starts_with("HTTP/1.1 503"),
        "{}",
        String::from_utf8_lossy(&refused)
    );

    // One closes: a new client is served again.
    drop(held.pop());
    let fresh = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let mut status = None;
    for _ in 0..20 {
        if let Ok(response) = fresh.get(app.url("/healthz")).send().await {
            status = Some(response.status().as_u16());
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(status, Some(200));
    drop(held);
    let after = counter(&app, "http_connections_refused_total").await;
    assert!(
        after > before,
        "refusals are counted: {before} then {after}"
    );
}

/// A `graphql-transport-ws` socket to `app`, from the address `client` names through
/// `X-Forwarded-For` when given; nothing sent on it yet.
async fn open_socket(app: &TestApp, client: Option<&str>) -> Result<Socket, u16> {
    let mut request = format!("ws://{}/graphql/ws", app.addr)
        .into_client_request()
        .unwrap();
    let headers = request.headers_mut();
    headers.insert(
        "Sec-WebSocket-Protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    if let Some(client) = client {
        headers.insert("x-forwarded-for", client.parse().unwrap());
    }
    match tokio_tungstenite::connect_async(request).await {
        Ok((socket, _)) => Ok(socket),
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            Err(response.status().as_u16())
        }
        Err(err) => panic!("the upgrade failed: {err}"),
    }
}

/// The next protocol message on `socket` (pings skipped).
async fn next_message(socket: &mut Socket) -> Value {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(5), socket.next())
            .await
            .expect("a message in time")
            .expect("the socket stays open")
            .unwrap();
        match message {
            Message::Text(text) => return serde_json::from_str(&text).unwrap(),
            Message::Ping(_) | Message::Pong(_) => {}
            other => panic!("not a protocol message: {other:?}"),
        }
    }
}

async fn send(socket: &mut Socket, message: Value) {
    socket
        .send(Message::text(message.to_string()))
        .await
        .unwrap();
}

/// A socket that has sent `connection_init` and had its acknowledgement.
async fn initialised(app: &TestApp, client: Option<&str>) -> Socket {
    let mut socket = open_socket(app, client).await.expect("the socket opens");
    send(&mut socket, json!({ "type": "connection_init" })).await;
    assert_eq!(next_message(&mut socket).await["type"], "connection_ack");
    socket
}

#[tokio::test]
async fn a_socket_without_connection_init_is_closed_with_4408() {
    let app = TestApp::spawn_with(|args| {
        args.connections.ws_init_timeout_seconds = Some("10".into());
    })
    .await;
    let before = counter(&app, "ws_sockets_closed_total{reason=\"init_timeout\"}").await;
    let mut silent = open_socket(&app, None).await.unwrap();
    let mut greeted = initialised(&app, None).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    app.clock.advance(chrono::Duration::seconds(10));

    let closed = tokio::time::timeout(Duration::from_secs(5), silent.next())
        .await
        .expect("closed in time");
    match closed {
        Some(Ok(Message::Close(Some(frame)))) => {
            assert_eq!(u16::from(frame.code), 4408);
            assert_eq!(frame.reason, "Connection initialisation timeout");
        }
        other => panic!("not a close frame: {other:?}"),
    }
    // A socket that did send it is left open.
    send(
        &mut greeted,
        json!({ "id": "1", "type": "subscribe", "payload": { "query": "{ __typename }" } }),
    )
    .await;
    assert_eq!(next_message(&mut greeted).await["type"], "next");
    let after = counter(&app, "ws_sockets_closed_total{reason=\"init_timeout\"}").await;
    assert!(after > before);
}

const SUBSCRIPTION: &str = "subscription { articlePublished { id } }";

#[tokio::test]
async fn an_operation_past_the_cap_gets_an_error_and_the_socket_goes_on() {
    let app = TestApp::spawn_with(|args| {
        args.connections.ws_max_subscriptions = Some("2".into());
    })
    .await;
    let before = counter(&app, "ws_operations_refused_total").await;
    let mut socket = initialised(&app, None).await;
    for id in ["1", "2", "3"] {
        send(
            &mut socket,
            json!({ "id": id, "type": "subscribe", "payload": { "query": SUBSCRIPTION } }),
        )
        .await;
    }
    let refusal = next_message(&mut socket).await;
    assert_eq!(refusal["type"], "error", "{refusal}");
    assert_eq!(refusal["id"], "3");
    assert_eq!(refusal["payload"][0]["extensions"]["code"], "RATE_LIMITED");

    // Once one ends, another may start, and the socket answers it.
    send(&mut socket, json!({ "id": "1", "type": "complete" })).await;
    send(
        &mut socket,
        json!({ "id": "4", "type": "subscribe", "payload": { "query": "{ __typename }" } }),
    )
    .await;
    // The service confirms the end of the first.
    assert_eq!(next_message(&mut socket).await["id"], "1");
    let answer = next_message(&mut socket).await;
    assert_eq!(answer["type"], "next", "{answer}");
    assert_eq!(answer["id"], "4");
    let after = counter(&app, "ws_operations_refused_total").await;
    assert!(after > before);
}

#[tokio::test]
async fn one_address_may_hold_only_so_many_sockets() {
    let app = TestApp::spawn_with(|args| {
        args.connections.ws_max_per_client = Some("2".into());
        // Behind a proxy on the loopback, the address it forwards is the client's.
        args.trusted_proxies = "127.0.0.1".into();
    })
    .await;
    let before = counter(&app, "ws_sockets_refused_total{reason=\"per_client\"}").await;
    let first = initialised(&app, Some("203.0.113.7")).await;
    let _second = initialised(&app, Some("203.0.113.7")).await;
    assert_eq!(
        open_socket(&app, Some("203.0.113.7")).await.err(),
        Some(429),
        "a third from the same client"
    );
    let _other = initialised(&app, Some("203.0.113.8")).await;

    // A closed socket gives its place back.
    drop(first);
    let mut reopened = None;
    for _ in 0..20 {
        if let Ok(socket) = open_socket(&app, Some("203.0.113.7")).await {
            reopened = Some(socket);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(reopened.is_some());
    let after = counter(&app, "ws_sockets_refused_total{reason=\"per_client\"}").await;
    assert!(after > before);
}
