//! The micro-cache (`MICRO_CACHE_MS`): an anonymous answer asked again within its life
//! costs no SQL, signed-in readers never share answers, and a write through the
//! instance is visible to the very next anonymous read.

use std::path::PathBuf;

use polisia_api::{
    config::Config,
    domain::{Role, time::Clock},
    startup,
};
use serde_json::json;

use crate::{
    comments::encode,
    fixtures::NewArticle,
    graphql_articles::titles,
    helpers::{TestApp, TestDb, config_args},
};

const LATEST: &str = "{ articles(first: 5) { edges { node { title } } } }";

/// The service with answers kept for a minute: long enough that only an
/// invalidation, never an expiry, can explain a fresh answer.
async fn spawn_cached() -> TestApp {
    let db = TestDb::fresh().await;
    let mut args = config_args(Some(db.url()), PathBuf::from("unused"));
    args.micro_cache_ms = "60000".into();
    let config = Config::from_args(&args).expect("valid configuration");
    let state = startup::prepare(config, true, Clock::manual(crate::fixtures::start()))
        .await
        .expect("the service starts");
    TestApp::serve(state, db).await
}

#[tokio::test]
async fn an_anonymous_answer_asked_again_runs_no_sql() {
    let app = spawn_cached().await;
    NewArticle::published("Первая", 10).insert(app.conn()).await;
    let statements = || app.state.db.statements.get();

    let first = app.graphql(LATEST, json!({})).await;
    let before = statements();
    assert_eq!(app.graphql(LATEST, json!({})).await, first);
    assert_eq!(statements(), before, "GraphQL POST answered from memory");

    let path = "/api/v1/articles?limit=5";
    let listed = app.rest_get(path).await;
    assert_eq!(listed.status, 200);
    let tag = listed.header("etag");
    let before = statements();
    assert_eq!(app.rest_get(path).await.bytes, listed.bytes);
    let revalidated = app.rest_get_with(path, &[("if-none-match", tag)]).await;
    assert_eq!(revalidated.status, 304);
    assert_eq!(
        statements(),
        before,
        "REST and its 304 answered from memory"
    );

    // Another question, or another language, is another answer.
    app.graphql(
        "{ articles(first: 4) { edges { node { title } } } }",
        json!({}),
    )
    .await;
    assert!(statements() > before);
    let before = statements();
    app.graphql_with(LATEST, json!({}), &[("accept-language", "en")])
        .await;
    assert!(statements() > before);
}

#[tokio::test]
async fn signed_in_readers_and_mutations_never_share_answers() {
    let app = spawn_cached().await;
    NewArticle::published("Для всех", 10)
        .insert(app.conn())
        .await;
    let editor = app.account(Role::Editor).await;
    for _ in 0..2 {
        let before = app.state.db.statements.get();
        app.graphql_as(&editor, LATEST, json!({})).await;
        assert!(
            app.state.db.statements.get() > before,
            "a signed-in read runs"
        );
    }
    // The same mutation twice runs twice.
    let create = r#"mutation { createTag(name: "Рейд") { tag { slug } } }"#;
    for _ in 0..2 {
        let before = app.state.db.statements.get();
        let created = app.graphql_as(&editor, create, json!({})).await;
        assert!(app.state.db.statements.get() > before, "{created}");
    }
}

#[tokio::test]
async fn a_write_through_the_instance_is_seen_by_the_next_anonymous_read() {
    let app = spawn_cached().await;
    let article = NewArticle::published("Снимут", 10).insert(app.conn()).await;
    let path = format!("/api/v1/articles/{}", article.slug);
    assert_eq!(app.get(&path).await.status(), 200);
    assert_eq!(titles(&app.graphql(LATEST, json!({})).await), ["Снимут"]);

    let editor = app.account(Role::Editor).await;
    let unpublished = app
        .graphql_as(
            &editor,
            "mutation($id: ID!) { unpublishArticle(id: $id) { article { status } } }",
            json!({ "id": encode("Article", article.id) }),
        )
        .await;
    assert!(unpublished["errors"].is_null(), "{unpublished}");

    assert_eq!(app.get(&path).await.status(), 404);
    assert!(titles(&app.graphql(LATEST, json!({})).await).is_empty());
}

#[tokio::test]
async fn a_rest_comment_post_starts_a_new_generation() {
    let app = spawn_cached().await;
    let article = NewArticle::published("Обсуждение", 10)
        .insert(app.conn())
        .await;
    let path = format!("/api/v1/articles/{}", article.slug);
    app.get(&path).await;
    let before = app.state.db.statements.get();
    app.get(&path).await;
    assert_eq!(app.state.db.statements.get(), before);
    let posted = app
        .rest_post_json(
            &format!("/api/v1/articles/{}/comments", article.id),
            &json!({ "authorName": "Асель", "authorEmail": "asel@example.kz", "body": "Спасибо" }),
        )
        .await;
    assert!(posted.status.is_success(), "{}", posted.status);
    let before = app.state.db.statements.get();
    app.get(&path).await;
    assert!(
        app.state.db.statements.get() > before,
        "read again after the write"
    );
}
