//! Trusted documents: under `TRUSTED_DOCUMENTS_ONLY` the public runs only registered
//! operations, sent by hash; staff keep their own; an ADMIN registers them, on every
//! instance, or a manifest does at start-up.

use polisia_api::{
    domain::Role,
    store::changes,
    trusted_documents::{TrustedDocuments, hash_of},
};
use reqwest::Method;
use sea_orm::DatabaseBackend;
use serde_json::{Value, json};

use crate::helpers::{Subscription, TestApp, data, error_code};

const REGIONS: &str = "query Cities { regions(kind: CITY) { code } }";

const REGISTER: &str = "mutation($d: [String!]!) { registerTrustedDocuments(documents: $d) {
    documents { documentId hash document } } }";

fn only(args: &mut polisia_api::config::ConfigArgs) {
    args.trusted_documents.trusted_documents_only = "true".into();
}

/// POSTs `body` as JSON to /graphql, anonymously; the status and the answer.
async fn post(app: &TestApp, body: Value) -> (u16, Value) {
    let answer = app
        .graphql_http(
            Method::POST,
            "",
            &[
                ("content-type", "application/json"),
                ("accept", "application/graphql-response+json"),
            ],
            body.to_string(),
        )
        .await;
    (answer.status.as_u16(), answer.json().clone())
}

/// POSTs `body` as JSON to the GraphQL endpoint at `url` with `headers`; the answer.
async fn post_to(app: &TestApp, url: String, headers: &[(&str, &str)], body: &Value) -> Value {
    let mut request = app.client.post(url).json(body);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap().json().await.unwrap()
}

fn cities(answer: &Value) -> usize {
    data(answer)["regions"].as_array().unwrap().len()
}

#[tokio::test]
async fn under_trusted_documents_only_the_public_runs_registered_operations_by_hash() {
    let app = TestApp::spawn_with(only).await;
    let hash = hash_of(REGIONS);

    // A document of the client's own is refused, naming the rule.
    let (status, refused) = post(&app, json!({ "query": REGIONS })).await;
    assert_eq!(status, 400);
    assert_eq!(error_code(&refused), "PERSISTED_QUERY_NOT_IN_LIST");
    assert!(
        refused["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("TRUSTED_DOCUMENTS_ONLY")
    );
    assert!(refused.get("data").is_none(), "{refused}");
    let (_, unknown) = post(&app, json!({ "documentId": format!("sha256:{hash}") })).await;
    assert_eq!(error_code(&unknown), "PERSISTED_QUERY_NOT_IN_LIST");

    // Only an ADMIN registers; a document must parse.
    let editor = app.account(Role::Editor).await;
    let admin = app.account(Role::Admin).await;
    let forbidden = app
        .graphql_as(&editor, REGISTER, json!({ "d": [REGIONS] }))
        .await;
    assert_eq!(error_code(&forbidden), "FORBIDDEN");
    let broken = app
        .graphql_as(&admin, REGISTER, json!({ "d": [REGIONS, "query {"] }))
        .await;
    assert_eq!(error_code(&broken), "BAD_USER_INPUT");
    assert_eq!(broken["errors"][0]["extensions"]["field"], "documents[1]");
    let registered = app
        .graphql_as(&admin, REGISTER, json!({ "d": [REGIONS] }))
        .await;
    let document = &data(&registered)["registerTrustedDocuments"]["documents"][0];
    assert_eq!(document["hash"], hash);
    assert_eq!(document["documentId"], format!("sha256:{hash}"));

    // By `documentId` (POST and GET), by Apollo's persisted-query hash, or by its
    // very text: the same answer.
    let (status, by_id) = post(&app, json!({ "documentId": format!("sha256:{hash}") })).await;
    assert_eq!(status, 200, "{by_id}");
    assert_eq!(cities(&by_id), 3);
    let (_, by_hash) = post(
        &app,
        json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } }),
    )
    .await;
    assert_eq!(cities(&by_hash), 3);
    let (_, by_text) = post(&app, json!({ "query": REGIONS })).await;
    assert_eq!(cities(&by_text), 3);
    let by_get = app
        .graphql_http(
            Method::GET,
            &format!("?documentId=sha256:{hash}"),
            &[("accept", "application/json")],
            "",
        )
        .await;
    assert_eq!(by_get.status, 200);
    assert_eq!(cities(by_get.json()), 3);

    // Signing in needs no registered document: staff get their token so.
    let (_, login) = post(
        &app,
        json!({ "query": "mutation { login(email: \"nobody@example.kz\", password: \"wrong-password\") { accessToken } }" }),
    )
    .await;
    assert_eq!(error_code(&login), "UNAUTHENTICATED", "{login}");
    let (_, mixed) = post(
        &app,
        json!({ "query": "mutation { logout(refreshToken: \"x\") { ok } register(input: { email: \"a@b.kz\", password: \"long-enough\", displayName: \"A\" }) { user { id } } }" }),
    )
    .await;
    assert_eq!(error_code(&mixed), "PERSISTED_QUERY_NOT_IN_LIST");

    // A signed-in reader is the public; staff write their own queries.
    let reader = app.account(Role::Reader).await;
    let other = "{ regions(kind: OBLAST) { code } }";
    let refused = app.graphql_as(&reader, other, json!({})).await;
    assert_eq!(error_code(&refused), "PERSISTED_QUERY_NOT_IN_LIST");
    for staff in [&editor, &app.account(Role::Moderator).await, &admin] {
        let own = app.graphql_as(staff, other, json!({})).await;
        assert_eq!(data(&own)["regions"].as_array().unwrap().len(), 17);
    }

    // The registry, for ADMINs only; removing a document refuses it again.
    let listed = app
        .graphql_as(&admin, "{ trustedDocuments { hash document } }", json!({}))
        .await;
    assert_eq!(
        data(&listed)["trustedDocuments"],
        json!([{ "hash": hash, "document": REGIONS }])
    );
    let hidden = app
        .graphql_as(&editor, "{ trustedDocuments { hash } }", json!({}))
        .await;
    assert_eq!(error_code(&hidden), "FORBIDDEN");
    let removed = app
        .graphql_as(
            &admin,
            "mutation($h: String!) { removeTrustedDocument(hash: $h) { removed } }",
            json!({ "h": format!("sha256:{hash}") }),
        )
        .await;
    assert_eq!(data(&removed)["removeTrustedDocument"]["removed"], true);
    // This instance hears of its own change through the bus, as any other does.
    wait_until_trusted(&app.state.trusted_documents, 0).await;
    let (_, again) = post(&app, json!({ "documentId": format!("sha256:{hash}") })).await;
    assert_eq!(error_code(&again), "PERSISTED_QUERY_NOT_IN_LIST");
}

/// Waits (within a second) until an instance's `held` documents number `count`.
async fn wait_until_trusted(held: &TrustedDocuments, count: usize) {
    for _ in 0..100 {
        if held.len() == count {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("{} trusted documents, not {count}", held.len());
}

#[tokio::test]
async fn a_document_registered_through_one_instance_runs_on_another() {
    let app = TestApp::spawn_with(only).await;
    let sibling = app.sibling(only).await;
    let admin = app.account(Role::Admin).await;
    let registered = app
        .graphql_as(&admin, REGISTER, json!({ "d": [REGIONS] }))
        .await;
    data(&registered);

    let newest = changes::newest(app.conn()).await.unwrap();
    if app.conn().get_database_backend() != DatabaseBackend::Postgres {
        // SQLite has no notifications: the other instance reads at its safety poll.
        app.clock.advance(polisia_api::bus::SAFETY_POLL);
    }
    tokio::time::timeout(
        std::time::Duration::from_secs(5),
        sibling.state.bus.reached(newest),
    )
    .await
    .expect("the other instance reads the change");
    wait_until_trusted(&sibling.state.trusted_documents, 1).await;
    let by_id = json!({ "documentId": format!("sha256:{}", hash_of(REGIONS)) });
    let answer = post_to(&app, sibling.url("/graphql"), &[], &by_id).await;
    assert_eq!(cities(&answer), 3);
}

#[tokio::test]
async fn a_manifest_is_trusted_from_start_up_and_a_wrong_one_stops_it() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("persisted-documents.json");
    std::fs::write(&manifest, json!({ hash_of(REGIONS): REGIONS }).to_string()).unwrap();
    let path = manifest.display().to_string();
    let app = TestApp::spawn_with(|args| {
        only(args);
        args.trusted_documents.trusted_documents_file = path.clone();
    })
    .await;
    let (_, answer) = post(
        &app,
        json!({ "documentId": format!("sha256:{}", hash_of(REGIONS)) }),
    )
    .await;
    assert_eq!(cities(&answer), 3);

    // A key that is not its document's hash could never be asked for: refused.
    std::fs::write(
        &manifest,
        json!({ hash_of("{ tags { slug } }"): REGIONS }).to_string(),
    )
    .unwrap();
    let mut args = crate::helpers::config_args(Some(app.database_url()), dir.path().into());
    args.trusted_documents.trusted_documents_file = path;
    let config = polisia_api::config::Config::from_args(&args).unwrap();
    let refused = polisia_api::startup::prepare(config, false, app.clock.clone())
        .await
        .err()
        .expect("a wrong manifest stops start-up");
    let message = refused.to_string();
    assert!(
        message.contains("TRUSTED_DOCUMENTS_FILE") && message.contains("not the SHA-256"),
        "{message}"
    );
}

#[tokio::test]
async fn without_the_switch_anyone_runs_any_document_and_trusted_ones_by_hash() {
    let app = TestApp::spawn().await;
    let admin = app.account(Role::Admin).await;
    let (_, own) = post(&app, json!({ "query": REGIONS })).await;
    assert_eq!(cities(&own), 3);
    data(
        &app.graphql_as(&admin, REGISTER, json!({ "d": [REGIONS] }))
            .await,
    );
    wait_until_trusted(&app.state.trusted_documents, 1).await;
    let (_, by_id) = post(
        &app,
        json!({ "documentId": format!("sha256:{}", hash_of(REGIONS)) }),
    )
    .await;
    assert_eq!(cities(&by_id), 3);
    // An id that is no SHA-256 is the client's mistake, named.
    let (status, bad) = post(&app, json!({ "documentId": "md5:abc" })).await;
    assert_eq!(status, 400);
    assert_eq!(bad["errors"][0]["extensions"]["field"], "documentId");
}

#[tokio::test]
async fn a_socket_is_held_to_the_trusted_documents_too() {
    let app = TestApp::spawn_with(only).await;
    let mut socket =
        Subscription::open(&app, "subscription { articlePublished { id } }", json!({})).await;
    let message = socket
        .message_within(std::time::Duration::from_secs(5))
        .await
        .expect("an answer to the subscribe");
    // The protocol's `next` with the request's errors, then `complete`.
    assert_eq!(message["payload"]["data"], Value::Null, "{message}");
    assert_eq!(
        message["payload"]["errors"][0]["extensions"]["code"],
        "PERSISTED_QUERY_NOT_IN_LIST"
    );
}

#[tokio::test]
async fn the_typed_clients_manifest_is_a_trusted_documents_file() {
    let manifest = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/clients/typescript/src/generated/gql/persisted-documents.json"
    );
    let app = TestApp::spawn_with(|args| {
        only(args);
        args.trusted_documents.trusted_documents_file = manifest.into();
    })
    .await;
    let documents: serde_json::Map<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(manifest).unwrap()).unwrap();
    let id_of = |operation: &str| {
        documents
            .iter()
            .find(|(_, text)| text.as_str().unwrap().contains(operation))
            .map(|(id, _)| id.clone())
            .unwrap_or_else(|| panic!("{operation} is in the manifest"))
    };
    for (operation, variables, root) in [
        ("query FrontPage", json!({ "lang": "RU" }), "articles"),
        (
            "query Search",
            json!({ "query": "полиция", "lang": "RU" }),
            "search",
        ),
    ] {
        let (status, answer) = post(
            &app,
            json!({ "documentId": id_of(operation), "variables": variables }),
        )
        .await;
        assert_eq!(status, 200, "{operation}: {answer}");
        assert!(data(&answer)[root].is_object(), "{operation}: {answer}");
    }
}

#[tokio::test]
async fn a_partner_with_an_api_key_is_held_to_the_trusted_documents() {
    let app = TestApp::spawn_with(only).await;
    let admin = app.account(Role::Admin).await;
    let created = app
        .graphql_as(
            &admin,
            "mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }",
            json!({ "i": { "name": "Aggregator", "requestsPerMinute": 100 } }),
        )
        .await;
    let key = data(&created)["createApiKey"]["key"]
        .as_str()
        .unwrap()
        .to_owned();
    data(
        &app.graphql_as(&admin, REGISTER, json!({ "d": [REGIONS] }))
            .await,
    );
    let url = app.url("/graphql");
    let with_key = [("x-api-key", key.as_str())];
    let own = post_to(
        &app,
        url.clone(),
        &with_key,
        &json!({ "query": "{ tags { slug } }" }),
    )
    .await;
    assert_eq!(error_code(&own), "PERSISTED_QUERY_NOT_IN_LIST");
    let by_id = json!({ "documentId": format!("sha256:{}", hash_of(REGIONS)) });
    let trusted = post_to(&app, url, &with_key, &by_id).await;
    assert_eq!(cities(&trusted), 3);
}
