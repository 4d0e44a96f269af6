//! Query limits, batches, introspection, persisted queries and GET behaviour.

use std::path::PathBuf;

use polisia_api::{config::Config, startup};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::helpers::{TestApp, TestDb, config_args, data, error_code};

fn nest(depth_pairs: usize) -> String {
    let mut query = String::from("{ id }");
    for _ in 0..depth_pairs {
        query = format!("{{ replies(first: 2) {{ edges {{ node {query} }} }} }}");
    }
    format!(
        "{{ articles(first: 2) {{ edges {{ node {{ comments(first: 2) {{ edges {{ node {query} }} }} }} }} }} }}"
    )
}

#[tokio::test]
async fn queries_over_a_limit_are_refused_as_too_complex() {
    let app = TestApp::spawn().await;
    let aliases: String = (0..31).map(|i| format!("c{i}: code ")).collect();
    let roots: String = (0..21).map(|_| "tags { id } ").collect();
    let cases = [
        ("depth 11+", nest(2)),
        (
            "first: 100 three deep",
            "{ articles(first: 100) { edges { node { comments(first: 100) { edges { node { replies(first: 100) { edges { node { id } } } } } } } } } }".to_owned(),
        ),
        ("31 aliases", format!("{{ regions {{ {aliases} }} }}")),
        ("21 root fields", format!("{{ {roots} }}")),
    ];
    for (name, query) in cases {
        let started = std::time::Instant::now();
        let response = app.graphql(&query, json!({})).await;
        assert_eq!(
            error_code(&response),
            "QUERY_TOO_COMPLEX",
            "{name}: {response}"
        );
        assert!(
            response.get("data").is_none_or(Value::is_null),
            "{name}: nothing runs"
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(1),
            "{name} answered fast"
        );
    }
    let within = app.graphql(&nest(1), json!({})).await;
    assert!(within.get("errors").is_none(), "depth 10 is fine: {within}");
}

#[tokio::test]
async fn batched_requests_are_refused() {
    let app = TestApp::spawn().await;
    let batch = json!([{ "query": "{ tags { id } }" }, { "query": "{ tags { id } }" }]);
    let response = app
        .client
        .post(app.url("/graphql"))
        .json(&batch)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_client_error(), "{}", response.status());
}

#[tokio::test]
async fn introspection_can_be_switched_off_and_suggestions_go_with_it() {
    let on = TestApp::spawn().await;
    let schema = on
        .graphql("{ __schema { queryType { name } } }", json!({}))
        .await;
    assert_eq!(data(&schema)["__schema"]["queryType"]["name"], "Query");

    let db = TestDb::fresh().await;
    let mut args = config_args(Some(db.url()), PathBuf::from("unused"));
    args.graphql_introspection = "false".into();
    let clock = polisia_api::domain::time::Clock::manual(crate::fixtures::start());
    let state = startup::prepare(Config::from_args(&args).unwrap(), true, clock)
        .await
        .unwrap();
    let off = TestApp::serve(state, db).await;
    let refused = off
        .graphql("{ __schema { queryType { name } } }", json!({}))
        .await;
    assert!(refused["data"]["__schema"].is_null(), "{refused}");
    let typo = off.graphql("{ regionz { code } }", json!({})).await;
    assert!(!typo.to_string().contains("Did you mean"), "{typo}");
}

#[tokio::test]
async fn automatic_persisted_queries_work_over_post_and_get() {
    let app = TestApp::spawn().await;
    let query = "{ regions(kind: CITY) { code } }";
    let hash = format!("{:x}", Sha256::digest(query.as_bytes()));
    let extensions = json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } });
    let unknown: Value = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "extensions": extensions }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(unknown["errors"][0]["message"], "PersistedQueryNotFound");
    let registered: Value = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": query, "extensions": extensions }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(registered["data"]["regions"].as_array().unwrap().len(), 3);
    let by_hash: Value = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "extensions": extensions }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(by_hash["data"], registered["data"]);
    let over_get = app
        .client
        .get(app.url("/graphql"))
        .query(&[("extensions", extensions.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(over_get.status(), 200);
    assert!(over_get.headers().contains_key("etag"));
    let body: Value = over_get.json().await.unwrap();
    assert_eq!(body["data"], registered["data"]);
}

/// Sends `query` (none: the hash alone) as an automatic persisted query.
async fn persisted(app: &TestApp, query: &str, text: bool) -> Value {
    let hash = format!("{:x}", Sha256::digest(query.as_bytes()));
    let mut body =
        json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } });
    if text {
        body["query"] = json!(query);
    }
    let response = app
        .client
        .post(app.url("/graphql"))
        .json(&body)
        .send()
        .await;
    response.unwrap().json().await.unwrap()
}

/// A persisted query reaches the parse cache without its text, which the cache keys
/// documents by: each must still run its own document, not the first one seen.
#[tokio::test]
async fn each_persisted_query_runs_its_own_document() {
    let app = TestApp::spawn().await;
    let cities = "{ regions(kind: CITY) { code } }";
    let tags = "{ tags { slug } }";
    let first = persisted(&app, cities, true).await;
    assert_eq!(data(&first)["regions"].as_array().unwrap().len(), 3);
    let second = persisted(&app, tags, true).await;
    assert!(data(&second)["tags"].is_array(), "{second}");
    assert!(data(&second).get("regions").is_none(), "{second}");
    let by_hash = persisted(&app, cities, false).await;
    assert_eq!(data(&by_hash)["regions"], data(&first)["regions"]);
    let by_hash = persisted(&app, tags, false).await;
    assert_eq!(data(&by_hash)["tags"], data(&second)["tags"]);
}

/// The text of a persisted query is parsed before the limits see a document: its
/// nesting is checked on the text all the same.
#[tokio::test]
async fn a_persisted_query_is_held_to_the_nesting_limit() {
    let app = TestApp::spawn().await;
    let query = format!("{}{}", "{".repeat(100), "}".repeat(100));
    let refused = persisted(&app, &query, true).await;
    assert_eq!(error_code(&refused), "QUERY_TOO_COMPLEX", "{refused}");
}

#[tokio::test]
async fn get_reads_are_cacheable_and_answer_if_none_match_with_304() {
    let app = TestApp::spawn().await;
    let url = app.url("/graphql?query=%7B%20tags%20%7B%20id%20%7D%20%7D");
    let first = app.client.get(&url).send().await.unwrap();
    assert_eq!(first.status(), 200);
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    assert!(
        etag.starts_with('"') && etag.len() > 10,
        "a strong etag: {etag}"
    );
    assert!(
        first.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age")
    );
    assert!(
        first.headers()["vary"]
            .to_str()
            .unwrap()
            .contains("Accept-Language")
    );
    let again = app
        .client
        .get(&url)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert!(again.bytes().await.unwrap().is_empty());
    let stale = app
        .client
        .get(&url)
        .header("if-none-match", "\"other\"")
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 200);
}

#[tokio::test]
async fn mutations_are_refused_over_get() {
    let app = TestApp::spawn().await;
    let response: Value = app
        .client
        .get(app.url("/graphql"))
        .query(&[("query", "mutation { anything }")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(error_code(&response), "BAD_USER_INPUT");
    assert!(
        response["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("POST")
    );
}
