//! `POST /api/v1/articles/{idOrSlug}/comments` and `GET /api/v1/search`: the same
//! rules as GraphQL, over REST.

use serde_json::json;

use crate::{fixtures::NewArticle, helpers::TestApp};

#[tokio::test]
async fn a_posted_comment_waits_for_a_moderator_and_retries_are_safe() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("REST-комментарий", 60)
        .insert(app.conn())
        .await;
    let path = format!("/api/v1/articles/{}/comments", article.slug);
    let body = json!({ "authorName": "Данияр", "authorEmail": "Hidden.Reader@example.com", "body": "<b>не разметка</b>" });
    let key = [("idempotency-key", "k-1")];
    let posted = app.rest_post_json_with(&path, &body, &key).await;
    assert_eq!(posted.status, 201);
    let first = posted.json();
    assert_eq!(first["status"], "PENDING");
    assert_eq!(first["body"], "<b>не разметка</b>");
    let retried = app.rest_post_json_with(&path, &body, &key).await;
    assert_eq!(retried.status, 200);
    assert_eq!(
        retried.json()["id"],
        first["id"],
        "one comment, however many retries"
    );

    let listed = app.rest_get(&path).await;
    let listed = listed.text();
    assert!(
        !listed.contains(first["id"].as_str().unwrap()),
        "pending stays out of the list"
    );
    assert!(!listed.to_lowercase().contains("hidden.reader@example.com"));
}

#[tokio::test]
async fn flood_control_answers_429_with_retry_after_and_bad_input_names_the_field() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("REST-флуд", 60)
        .insert(app.conn())
        .await;
    let path = format!("/api/v1/articles/{}/comments", article.id);
    let ok = app
        .rest_post_json(
            &path,
            &json!({ "authorName": "A", "authorEmail": "a@example.com", "body": "раз" }),
        )
        .await;
    assert_eq!(ok.status, 201);
    let flood = app
        .rest_post_json(
            &path,
            &json!({ "authorName": "B", "authorEmail": "b@example.com", "body": "два" }),
        )
        .await;
    assert_eq!(flood.status, 429);
    assert!(flood.header("retry-after").parse::<u64>().unwrap() <= 15);
    assert_eq!(flood.header("content-type"), "application/problem+json");
    assert_eq!(flood.json()["code"], "RATE_LIMITED");

    let other = NewArticle::published("REST-поля", 60)
        .insert(app.conn())
        .await;
    let path = format!("/api/v1/articles/{}/comments", other.id);
    let long = app
        .rest_post_json(
            &path,
            &json!({ "authorName": "я".repeat(101), "authorEmail": "c@example.com", "body": "x" }),
        )
        .await;
    assert_eq!(long.status, 400);
    assert_eq!(long.json()["errors"][0]["field"], "input.authorName");
    let sneaky = app
        .rest_post_json(&path, &json!({ "authorName": "D", "authorEmail": "d@example.com", "body": "x", "status": "APPROVED" }))
        .await;
    assert!(
        sneaky.status.is_client_error(),
        "an extra status field is refused, never applied"
    );
}

#[tokio::test]
async fn search_over_rest_finds_published_articles_and_refuses_an_empty_query() {
    let app = TestApp::spawn_with_demo().await;
    let found = app
        .rest_get("/api/v1/search?q=%D0%BF%D0%BE%D0%BB%D0%B8%D1%86%D0%B8%D1%8F&limit=5")
        .await;
    let found = found.json();
    let items = found["items"].as_array().unwrap();
    assert!(!items.is_empty(), "{found}");
    assert!(
        items
            .iter()
            .all(|h| h["snippet"].as_str().unwrap().chars().all(|c| c != '<')
                || h["snippet"].as_str().unwrap().contains("<mark>"))
    );
    let empty = app.rest_get("/api/v1/search?q=%20").await;
    assert_eq!(empty.status, 400);
}
