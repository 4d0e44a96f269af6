//! Hostile requests: each is answered with a 4xx or a GraphQL error carrying a
//! client-error code, never a 5xx, promptly, and without any internal text.
//! (Depth, aliases, root fields and nested page sizes are in `graphql_limits`.)

use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use reqwest::{Method, header::HeaderMap};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

use crate::{fixtures::NewArticle, helpers::TestApp, leaks::assert_no_internals};

/// What a hostile request must get.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// This HTTP status, with a problem+json body (GraphQL errors on `/graphql`).
    Status(u16),
    /// 200 with a GraphQL error of this code, and no data.
    GraphQl(&'static str),
}

struct Case {
    name: String,
    method: Method,
    path: String,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    expect: Expect,
}

fn post_json(
    name: impl Into<String>,
    path: &str,
    body: impl Into<Vec<u8>>,
    expect: Expect,
) -> Case {
    Case {
        name: name.into(),
        method: Method::POST,
        path: path.into(),
        headers: vec![("content-type", "application/json".into())],
        body: body.into(),
        expect,
    }
}

fn graphql(name: impl Into<String>, query: &str, variables: Value, expect: &'static str) -> Case {
    post_json(
        name,
        "/graphql",
        json!({ "query": query, "variables": variables }).to_string(),
        Expect::GraphQl(expect),
    )
}

fn get(
    name: impl Into<String>,
    path: &str,
    headers: Vec<(&'static str, String)>,
    expect: Expect,
) -> Case {
    Case {
        name: name.into(),
        method: Method::GET,
        path: path.into(),
        headers,
        body: Vec::new(),
        expect,
    }
}

fn batch(size: usize) -> String {
    let one = json!({ "query": "{ tags { id } }" });
    Value::Array(vec![one; size]).to_string()
}

fn cases(slug: &str) -> Vec<Case> {
    let comments = format!("/api/v1/articles/{slug}/comments");
    let comment = |body: &str| {
        json!({ "authorName": "Тест", "authorEmail": "t@example.com", "body": body }).to_string()
    };
    let directives = "@include(if: true) ".repeat(1000);
    let sixteen_k = "a".repeat(16 * 1024);
    let mut list = vec![
        graphql(
            "first: 101",
            "{ articles(first: 101) { edges { node { id } } } }",
            json!({}),
            "BAD_USER_INPUT",
        ),
        graphql(
            "1,000 directives on one field",
            &format!("{{ regions {directives} {{ code }} }}"),
            json!({}),
            "QUERY_TOO_COMPLEX",
        ),
        graphql(
            "a list argument nested 5,000 deep",
            &format!(
                "{{ regions(kind: {}CITY{}) {{ code }} }}",
                "[".repeat(5000),
                "]".repeat(5000)
            ),
            json!({}),
            "QUERY_TOO_COMPLEX",
        ),
        graphql(
            "1,000 directives on fragment spreads",
            &format!("{{ ...F {directives} }} fragment F on Query {{ tags {{ id }} }}"),
            json!({}),
            "QUERY_TOO_COMPLEX",
        ),
        graphql(
            "a query nested 5,000 braces deep",
            &format!("{}{}", "{ regions ".repeat(5000), "}".repeat(5000)),
            json!({}),
            "QUERY_TOO_COMPLEX",
        ),
        post_json(
            "malformed JSON",
            "/graphql",
            r#"{"query": "{ tags { id } }""#,
            Expect::Status(400),
        ),
        post_json(
            "JSON that is not an object",
            "/graphql",
            "42",
            Expect::Status(400),
        ),
        post_json(
            "variables nested 10,000 arrays deep",
            "/graphql",
            format!(
                r#"{{"query":"{{ tags {{ id }} }}","variables":{{"v":{}{}}}}}"#,
                "[".repeat(10_000),
                "]".repeat(10_000)
            ),
            Expect::Status(400),
        ),
        post_json(
            "invalid UTF-8 in a GraphQL body",
            "/graphql",
            [b"{\"query\":\"{ tags { id } }\xff\xfe\"}".as_slice()].concat(),
            Expect::Status(400),
        ),
        post_json(
            "a NUL byte in a GraphQL body",
            "/graphql",
            b"{\"query\":\"{ tags\x00 { id } }\"}".to_vec(),
            Expect::Status(400),
        ),
        graphql(
            "an escaped NUL in a login email",
            "mutation($e: String!) { login(email: $e, password: \"whatever-password\") { accessToken } }",
            json!({ "e": "admin\u{0}@example.kz" }),
            "BAD_USER_INPUT",
        ),
        graphql(
            "an escaped NUL in a slug",
            "query($s: String!) { article(slug: $s) { id } }",
            json!({ "s": "itogi\u{0}goda" }),
            "BAD_USER_INPUT",
        ),
        graphql(
            "an escaped NUL in a search",
            "query($q: String!) { search(query: $q) { edges { cursor } } }",
            json!({ "q": "полиция\u{0}" }),
            "BAD_USER_INPUT",
        ),
        graphql(
            "an escaped NUL in a registration",
            "mutation($n: String!) { register(input: { email: \"nul@example.kz\", password: \"long-enough-password\", displayName: $n }) { accessToken } }",
            json!({ "n": "Nul\u{0}Name" }),
            "BAD_USER_INPUT",
        ),
        post_json(
            "an escaped NUL in a REST comment",
            &comments,
            comment("текст\u{0}"),
            Expect::Status(400),
        ),
        post_json(
            "invalid UTF-8 in a REST comment",
            &comments,
            [
                b"{\"authorName\":\"A\",\"authorEmail\":\"a@example.com\",\"body\":\"".as_slice(),
                b"\xc3\x28\"}",
            ]
            .concat(),
            Expect::Status(400),
        ),
        post_json(
            "malformed JSON in a REST comment",
            &comments,
            "{\"authorName\":",
            Expect::Status(400),
        ),
        get(
            "a NUL in a REST path",
            "/api/v1/articles/itogi%00goda",
            vec![],
            Expect::Status(400),
        ),
        get(
            "a NUL in a REST search",
            "/api/v1/search?q=%D0%BF%00",
            vec![],
            Expect::Status(400),
        ),
        get(
            "invalid UTF-8 in a REST path",
            "/api/v1/articles/%ff%fe",
            vec![],
            Expect::Status(400),
        ),
        get(
            "invalid UTF-8 in a GraphQL GET",
            "/graphql?query=%7B%20tags%20%7B%20id%20%7D%20%7D%ff",
            vec![],
            Expect::GraphQl("BAD_USER_INPUT"),
        ),
        get(
            "a mutation over GET",
            "/graphql?query=mutation%20%7B%20createTag(name%3A%20%22x%22)%20%7B%20tag%20%7B%20id%20%7D%20%7D%20%7D",
            vec![],
            Expect::Status(405),
        ),
        get(
            "a 16 KiB Authorization header",
            "/graphql?query=%7B%20viewer%20%7B%20id%20%7D%20%7D",
            vec![("authorization", format!("Bearer {sixteen_k}"))],
            Expect::GraphQl("UNAUTHENTICATED"),
        ),
        get(
            "a 16 KiB Accept-Language header",
            "/api/v1/regions/KZ-43",
            vec![("accept-language", "kk;q=0.5, ".repeat(16 * 1024 / 10))],
            Expect::Status(200),
        ),
        get(
            "a 16 KiB If-None-Match header",
            "/api/v1/regions",
            vec![("if-none-match", format!("\"{sixteen_k}\""))],
            Expect::Status(200),
        ),
    ];
    for size in [2, 10, 100, 1000] {
        list.push(post_json(
            format!("a batch of {size} operations"),
            "/graphql",
            batch(size),
            Expect::Status(400),
        ));
    }
    for (kind, body) in [
        ("text/plain", r#"{"query":"{ tags { id } }"}"#),
        (
            "application/x-www-form-urlencoded",
            "query=%7B%20tags%20%7B%20id%20%7D%20%7D",
        ),
        ("multipart/form-data; boundary=x", "--x\r\n\r\n--x--"),
    ] {
        let mut case = post_json(
            format!("GraphQL sent as {kind}"),
            "/graphql",
            body,
            Expect::Status(415),
        );
        case.headers = vec![("content-type", kind.to_owned())];
        list.push(case);
    }
    let mut untyped = post_json(
        "GraphQL without a content type",
        "/graphql",
        r#"{"query":"{ tags { id } }"}"#,
        Expect::Status(415),
    );
    untyped.headers.clear();
    list.push(untyped);
    let mut plain = post_json(
        "a REST comment sent as text/plain",
        &comments,
        comment("обычный текст"),
        Expect::Status(415),
    );
    plain.headers = vec![("content-type", "text/plain".into())];
    list.push(plain);
    list
}

/// A generous bound on a round trip on a loaded two-core machine; the service's
/// own time for these is a few milliseconds.
const PROMPT: Duration = Duration::from_secs(2);

#[tokio::test]
async fn hostile_requests_get_client_errors_promptly_and_never_a_5xx() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("Злоупотребления", 30)
        .insert(app.conn())
        .await;
    let mut slowest = (Duration::ZERO, String::new());
    for case in cases(&article.slug) {
        let mut headers = HeaderMap::new();
        for (name, value) in &case.headers {
            headers.insert(*name, value.parse().unwrap());
        }
        let started = Instant::now();
        let response = app
            .client
            .request(case.method.clone(), app.url(&case.path))
            .headers(headers)
            .body(case.body.clone())
            .send()
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let body = response.text().await.unwrap();
        let elapsed = started.elapsed();
        if elapsed > slowest.0 {
            slowest = (elapsed, case.name.clone());
        }
        let name = &case.name;
        let shown: String = body.chars().take(600).collect();
        assert!(status < 500, "{name}: {status} {shown}");
        assert!(
            body.len() < 16 * 1024,
            "{name}: a small answer, not {} bytes: {shown}",
            body.len()
        );
        match case.expect {
            Expect::Status(expected) => {
                assert_eq!(status, expected, "{name}: {shown}");
                if status >= 400 && case.path.split('?').next() == Some("/graphql") {
                    assert_eq!(content_type, "application/json", "{name}");
                    let answer: Value = serde_json::from_str(&body).unwrap();
                    assert_eq!(
                        answer["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
                        "{name}: {shown}"
                    );
                    assert!(answer.get("data").is_none(), "{name}: {shown}");
                } else if status >= 400 {
                    assert_eq!(content_type, "application/problem+json", "{name}");
                }
            }
            Expect::GraphQl(code) => {
                assert_eq!(status, 200, "{name}: {shown}");
                let answer: Value = serde_json::from_str(&body).unwrap();
                assert_eq!(
                    answer["errors"][0]["extensions"]["code"], code,
                    "{name}: {shown}"
                );
                assert!(
                    answer["data"].is_null()
                        || answer["data"]
                            .as_object()
                            .is_some_and(|d| d.values().all(Value::is_null)),
                    "{name}: {shown}"
                );
            }
        }
        assert_no_internals(name, &body);
        assert!(elapsed < PROMPT, "{name} took {elapsed:?}");
    }
    println!("slowest hostile request: {} in {:?}", slowest.1, slowest.0);
    assert_eq!(
        polisia_api::entity::comment::Entity::find()
            .count(app.conn())
            .await
            .unwrap(),
        0,
        "nothing hostile was saved"
    );
}

const FIFTY_MIB: usize = 50 * 1024 * 1024;

/// Sends a 50 MiB body to `path` over a raw connection, with a declared length or
/// chunked, and returns the status line, how long it took to arrive and how much
/// of the body had been written by then.
async fn oversized(app: &TestApp, path: &str, chunked: bool) -> (String, Duration, usize) {
    let mut stream = TcpStream::connect(app.addr).await.unwrap();
    let framing = if chunked {
        "Transfer-Encoding: chunked".to_owned()
    } else {
        format!("Content-Length: {FIFTY_MIB}")
    };
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n{framing}\r\n\r\n",
        app.addr
    );
    let started = Instant::now();
    stream.write_all(head.as_bytes()).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    let progress = Arc::new(AtomicUsize::new(0));
    let sent = progress.clone();
    let sender = tokio::spawn(async move {
        let piece = vec![b' '; 64 * 1024];
        while sent.load(Ordering::SeqCst) < FIFTY_MIB {
            let written = if chunked {
                let mut framed = format!("{:x}\r\n", piece.len()).into_bytes();
                framed.extend_from_slice(&piece);
                framed.extend_from_slice(b"\r\n");
                writer.write_all(&framed).await
            } else {
                writer.write_all(&piece).await
            };
            if written.is_err() {
                break;
            }
            sent.fetch_add(piece.len(), Ordering::SeqCst);
        }
    });
    let mut answer = vec![0u8; 1024];
    let read = tokio::time::timeout(Duration::from_secs(10), reader.read(&mut answer))
        .await
        .expect("an answer before the body is sent")
        .unwrap();
    let elapsed = started.elapsed();
    let sent = progress.load(Ordering::SeqCst);
    sender.abort();
    let text = String::from_utf8_lossy(&answer[..read]).to_string();
    (text.lines().next().unwrap_or("").to_owned(), elapsed, sent)
}

#[tokio::test]
async fn a_50_mib_body_gets_413_at_once_without_being_read() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("Большое тело", 30)
        .insert(app.conn())
        .await;
    let comments = format!("/api/v1/articles/{}/comments", article.slug);
    for path in ["/graphql", comments.as_str()] {
        for chunked in [false, true] {
            let (status, elapsed, sent) = oversized(&app, path, chunked).await;
            println!(
                "50 MiB to {path} (chunked: {chunked}): {status} in {elapsed:?}, {} KiB sent by then",
                sent / 1024
            );
            assert!(
                status.starts_with("HTTP/1.1 413"),
                "{path} chunked={chunked}: {status}"
            );
            assert!(
                elapsed < Duration::from_secs(1),
                "{path} chunked={chunked}: {elapsed:?}"
            );
            assert!(
                sent < FIFTY_MIB / 2,
                "{path} chunked={chunked}: answered only after {sent} bytes"
            );
        }
    }
}
