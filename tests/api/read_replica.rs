//! A read replica (`DATABASE_READ_URL`, PostgreSQL): anonymous reads go to it,
//! writes, reads inside a mutation and signed-in reads to the primary; while it does
//! not answer, reads go to the primary, and come back when it does.
//!
//! The replica here is the test's own database reached through a TCP relay the test
//! can cut and restore, as a network between two servers would be.

use std::{net::SocketAddr, time::Duration};

use polisia_api::{db::REPLICA_CHECK_EVERY, domain::Role, trusted_documents::hash_of};
use serde_json::json;
use tokio::{net::TcpListener, task::JoinSet};

use crate::{
    comments::{ADD, input},
    fixtures::NewArticle,
    helpers::{TestApp, data},
};

/// Forwards connections from a local port to PostgreSQL until dropped.
struct Relay {
    addr: SocketAddr,
    connections: JoinSet<()>,
}

impl Relay {
    /// A relay on `port` (any free one for 0) to `target`.
    async fn start(port: u16, target: SocketAddr) -> Relay {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .expect("a port");
        let addr = listener.local_addr().unwrap();
        let mut connections = JoinSet::new();
        connections.spawn(async move {
            let mut relayed = JoinSet::new();
            while let Ok((mut client, _)) = listener.accept().await {
                relayed.spawn(async move {
                    if let Ok(mut server) = tokio::net::TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
            }
        });
        Relay { addr, connections }
    }

    /// Cuts every connection and stops listening.
    async fn cut(mut self) -> u16 {
        self.connections.shutdown().await;
        self.addr.port()
    }
}

/// The host and port of a `postgres://user@host:port/db` URL, and the URL with
/// another port.
fn split(url: &str) -> (SocketAddr, impl Fn(u16) -> String + '_) {
    let after_at = url.rsplit_once('@').map_or(url, |(_, rest)| rest);
    let host_port = after_at.split('/').next().unwrap();
    let target: SocketAddr = host_port.parse().expect("an address and port");
    (target, move |port| {
        url.replacen(host_port, &format!("127.0.0.1:{port}"), 1)
    })
}

/// An app whose replica is its own database through a [`Relay`], the relay, and the
/// primary's address; `None` on SQLite (a replica is a PostgreSQL matter).
async fn with_replica() -> Option<(TestApp, Relay, SocketAddr)> {
    with_replica_and(|_| {}).await
}

/// [`with_replica`], with settings of its own.
async fn with_replica_and(
    adjust: impl FnOnce(&mut polisia_api::config::ConfigArgs),
) -> Option<(TestApp, Relay, SocketAddr)> {
    let db = crate::helpers::TestDb::fresh().await;
    if !db.url().starts_with("postgres") {
        return None;
    }
    let primary_url = db.url().to_owned();
    let (target, with_port) = split(&primary_url);
    let relay = Relay::start(0, target).await;
    let replica_url = with_port(relay.addr.port());
    let app = TestApp::spawn_on_with(db, |args| {
        args.database_read_url = Some(replica_url);
        adjust(args);
    })
    .await;
    Some((app, relay, target))
}

/// Waits (a few seconds at most) until the replica check has said `reachable`.
async fn replica_is(app: &TestApp, reachable: bool) {
    let replica = app.state.db.replica.as_ref().unwrap();
    for _ in 0..250 {
        if replica.is_reachable() == reachable {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the replica should be reachable: {reachable}");
}

/// The statements the primary and the replica ran for `run`.
async fn cost<F: Future<Output = ()>>(app: &TestApp, run: F) -> (u64, u64) {
    let replica = &app.state.db.replica.as_ref().unwrap().statements;
    let (primary_before, replica_before) = (app.state.db.statements.get(), replica.get());
    run.await;
    (
        app.state.db.statements.get() - primary_before,
        replica.get() - replica_before,
    )
}

const FRONT_PAGE: &str = "{ articles(first: 5) { nodes { title region { name } } } }";

#[tokio::test]
async fn anonymous_reads_go_to_the_replica_and_the_rest_to_the_primary() {
    let Some((app, relay, target)) = with_replica().await else {
        return;
    };
    let article = NewArticle::published("Рейд", 60).insert(app.conn()).await;

    let (primary, replica) = cost(&app, async {
        let answer = app.graphql(FRONT_PAGE, json!({})).await;
        assert_eq!(data(&answer)["articles"]["nodes"][0]["title"], "Рейд");
    })
    .await;
    assert_eq!(primary, 0, "an anonymous query");
    assert!(replica > 0);
    for path in ["/api/v1/articles", "/feeds/rss.xml", "/sitemap.xml"] {
        let (primary, replica) = cost(&app, async {
            assert_eq!(app.rest_get(path).await.status, 200, "{path}");
        })
        .await;
        assert_eq!((primary > 0, replica > 0), (false, true), "{path}");
    }

    let editor = app.account(Role::Editor).await;
    let (primary, replica) = cost(&app, async {
        app.graphql_as(&editor, FRONT_PAGE, json!({})).await;
    })
    .await;
    assert_eq!((primary > 0, replica), (true, 0), "a signed-in reader");
    let (primary, replica) = cost(&app, async {
        let posted = app
            .graphql(ADD, input(&article, "r@example.com", "Спасибо"))
            .await;
        assert_eq!(data(&posted)["addComment"]["comment"]["status"], "PENDING");
    })
    .await;
    assert_eq!((primary > 0, replica), (true, 0), "an anonymous mutation");

    // The replica stops answering: reads go to the primary within a check.
    let port = relay.cut().await;
    app.clock.advance(REPLICA_CHECK_EVERY);
    replica_is(&app, false).await;
    let ready = app.rest_get("/readyz").await;
    assert_eq!(ready.status, 200, "still ready");
    assert_eq!(ready.json()["replica"], "unreachable");
    let (primary, replica) = cost(&app, async {
        let answer = app.graphql(FRONT_PAGE, json!({})).await;
        assert!(answer.get("errors").is_none(), "{answer}");
    })
    .await;
    assert_eq!((primary > 0, replica), (true, 0), "read from the primary");

    // It answers again: reads go back.
    let _relay = Relay::start(port, target).await;
    app.clock.advance(REPLICA_CHECK_EVERY);
    replica_is(&app, true).await;
    assert_eq!(app.rest_get("/readyz").await.json()["replica"], "reachable");
    let (primary, replica) = cost(&app, async {
        app.graphql(FRONT_PAGE, json!({})).await;
    })
    .await;
    assert_eq!((primary, replica > 0), (0, true), "back on the replica");
}

#[tokio::test]
async fn a_replica_behind_the_change_bus_is_not_read_until_it_holds_the_change() {
    let db = crate::helpers::TestDb::fresh().await;
    if !db.url().starts_with("postgres") {
        return;
    }
    // A "replica" that never replays anything: another database of the same schema.
    let (behind, _conn) = crate::helpers::migrated_db().await;
    let replica_url = behind.url().to_owned();
    let app = TestApp::spawn_on_with(db, |args| args.database_read_url = Some(replica_url)).await;
    let (primary, replica) = cost(&app, async {
        app.graphql(FRONT_PAGE, json!({})).await;
    })
    .await;
    assert_eq!(
        (primary, replica > 0),
        (0, true),
        "no change yet: the replica"
    );

    let article = NewArticle::published("Рейд", 60).insert(app.conn()).await;
    let posted = app
        .graphql(ADD, input(&article, "r@example.com", "Спасибо"))
        .await;
    assert_eq!(data(&posted)["addComment"]["comment"]["status"], "PENDING");
    let seen = polisia_api::store::changes::newest(app.conn())
        .await
        .unwrap();
    tokio::time::timeout(Duration::from_secs(5), app.state.bus.reached(seen))
        .await
        .expect("the bus reads the comment's change");
    let (primary, replica) = cost(&app, async {
        let answer = app.graphql(FRONT_PAGE, json!({})).await;
        assert_eq!(data(&answer)["articles"]["nodes"][0]["title"], "Рейд");
    })
    .await;
    assert_eq!(
        (primary > 0, replica),
        (true, 0),
        "the replica lacks a change the bus has read: the primary"
    );
}

/// POSTs `body` to /graphql anonymously; the answer.
async fn post(app: &TestApp, body: serde_json::Value) -> serde_json::Value {
    let answer = app
        .client
        .post(app.url("/graphql"))
        .json(&body)
        .send()
        .await
        .unwrap();
    answer.json().await.unwrap()
}

#[tokio::test]
async fn a_query_sent_by_its_hash_alone_reads_the_replica_too() {
    // The typed clients' documents, trusted from start-up.
    let manifest = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/clients/typescript/src/generated/gql/persisted-documents.json"
    );
    let Some((app, _relay, _)) = with_replica_and(|args| {
        args.trusted_documents.trusted_documents_file = manifest.into();
    })
    .await
    else {
        return;
    };
    let article = NewArticle::published("Рейд", 60).insert(app.conn()).await;
    // The manifest's documents were recorded as a change after the replica's first
    // check: the replica is found to hold it without waiting for the clock's tick.
    let replica = app.state.db.replica.as_ref().unwrap();
    for _ in 0..250 {
        if replica.is_current(app.state.bus.seen()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        replica.is_current(app.state.bus.seen()),
        "the replica holds every change"
    );

    // Apollo's persisted query: sent once with its text, then by its hash alone.
    let hash = hash_of(FRONT_PAGE);
    let persisted = json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } });
    post(
        &app,
        json!({ "query": FRONT_PAGE, "extensions": persisted }),
    )
    .await;
    let (primary, replica) = cost(&app, async {
        let answer = post(&app, json!({ "extensions": persisted })).await;
        assert_eq!(data(&answer)["articles"]["nodes"][0]["title"], "Рейд");
    })
    .await;
    assert_eq!((primary, replica > 0), (0, true), "a persisted query");

    // A trusted document by its id.
    let documents: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(manifest).unwrap()).unwrap();
    let (id, _) = documents
        .iter()
        .find(|(_, text)| text.as_str().unwrap().contains("query FrontPage"))
        .expect("the front page is in the manifest");
    let (primary, replica) = cost(&app, async {
        let answer = post(
            &app,
            json!({ "documentId": id, "variables": { "lang": "RU" } }),
        )
        .await;
        assert_eq!(
            data(&answer)["articles"]["edges"][0]["node"]["title"],
            "Рейд"
        );
    })
    .await;
    assert_eq!((primary, replica > 0), (0, true), "a trusted document");

    // A mutation known by its hash still runs on the primary, its reads included.
    let persisted = json!({ "persistedQuery": { "version": 1, "sha256Hash": hash_of(ADD) } });
    let comment = |text: &str| input(&article, "r@example.com", text);
    post(
        &app,
        json!({ "query": ADD, "variables": comment("Первый"), "extensions": persisted }),
    )
    .await;
    // Past the wait between two comments from one address.
    app.clock.advance(chrono::Duration::seconds(20));
    let (primary, replica) = cost(&app, async {
        let posted = post(
            &app,
            json!({ "variables": comment("Второй"), "extensions": persisted }),
        )
        .await;
        assert_eq!(data(&posted)["addComment"]["comment"]["status"], "PENDING");
    })
    .await;
    assert_eq!((primary > 0, replica), (true, 0), "a persisted mutation");
}
