//! `POST /api/v1/articles/{idOrSlug}/comments` and `GET /api/v1/search`: the same
//! rules as GraphQL, over REST.

use serde_json::{Value, json};

use crate::{fixtures::NewArticle, helpers::TestApp};

#[tokio::test]
async fn a_posted_comment_waits_for_a_moderator_and_retries_are_safe() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("REST-комментарий", 60)
        .insert(app.conn())
        .await;
    let url = app.url(&format!("/api/v1/articles/{}/comments", article.slug));
    let body = json!({ "authorName": "Данияр", "authorEmail": "Hidden.Reader@example.com", "body": "<b>не разметка</b>" });
    let posted = app
        .client
        .post(&url)
        .header("idempotency-key", "k-1")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 201);
    let first: Value = posted.json().await.unwrap();
    assert_eq!(first["status"], "PENDING");
    assert_eq!(first["body"], "<b>не разметка</b>");
    let retried = app
        .client
        .post(&url)
        .header("idempotency-key", "k-1")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(retried.status(), 200);
    assert_eq!(
        retried.json::<Value>().await.unwrap()["id"],
        first["id"],
        "one comment, however many retries"
    );

    let listed = app
        .get(&format!("/api/v1/articles/{}/comments", article.slug))
        .await
        .text()
        .await
        .unwrap();
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
    let url = app.url(&format!("/api/v1/articles/{}/comments", article.id));
    let ok = app
        .client
        .post(&url)
        .json(&json!({ "authorName": "A", "authorEmail": "a@example.com", "body": "раз" }))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 201);
    let flood = app
        .client
        .post(&url)
        .json(&json!({ "authorName": "B", "authorEmail": "b@example.com", "body": "два" }))
        .send()
        .await
        .unwrap();
    assert_eq!(flood.status(), 429);
    assert!(
        flood.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            <= 15
    );
    assert_eq!(flood.headers()["content-type"], "application/problem+json");
    assert_eq!(flood.json::<Value>().await.unwrap()["code"], "RATE_LIMITED");

    let other = NewArticle::published("REST-поля", 60)
        .insert(app.conn())
        .await;
    let url = app.url(&format!("/api/v1/articles/{}/comments", other.id));
    let long = app
        .client
        .post(&url)
        .json(
            &json!({ "authorName": "я".repeat(101), "authorEmail": "c@example.com", "body": "x" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(long.status(), 400);
    assert_eq!(
        long.json::<Value>().await.unwrap()["errors"][0]["field"],
        "input.authorName"
    );
    let sneaky = app
        .client
        .post(&url)
        .json(&json!({ "authorName": "D", "authorEmail": "d@example.com", "body": "x", "status": "APPROVED" }))
        .send()
        .await
        .unwrap();
    assert!(
        sneaky.status().is_client_error(),
        "an extra status field is refused, never applied"
    );
}

#[tokio::test]
async fn search_over_rest_finds_published_articles_and_refuses_an_empty_query() {
    let app = TestApp::spawn_with_demo().await;
    let found: Value = app
        .get("/api/v1/search?q=%D0%BF%D0%BE%D0%BB%D0%B8%D1%86%D0%B8%D1%8F&limit=5")
        .await
        .json()
        .await
        .unwrap();
    let items = found["items"].as_array().unwrap();
    assert!(!items.is_empty(), "{found}");
    assert!(
        items
            .iter()
            .all(|h| h["snippet"].as_str().unwrap().chars().all(|c| c != '<')
                || h["snippet"].as_str().unwrap().contains("<mark>"))
    );
    let empty = app.get("/api/v1/search?q=%20").await;
    assert_eq!(empty.status(), 400);
}
