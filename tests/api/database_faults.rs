//! The database misbehaving: answers stay quick and honest.

use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, DbBackend, TransactionTrait};
use serde_json::json;

use crate::{fixtures::NewArticle, helpers::TestApp};

#[tokio::test]
async fn a_write_behind_a_table_lock_fails_fast_with_503_and_reads_go_on() {
    let app = TestApp::spawn().await;
    if app.conn().get_database_backend() != DbBackend::Postgres {
        // SQLite has no table locks; its one writer waits on busy_timeout.
        return;
    }
    let article = NewArticle::published("Запись под блокировкой", 60)
        .insert(app.conn())
        .await;
    let lock = app.conn().begin().await.unwrap();
    lock.execute_unprepared("LOCK TABLE comments IN EXCLUSIVE MODE")
        .await
        .unwrap();

    let started = Instant::now();
    let posted = app
        .client
        .post(app.url(&format!("/api/v1/articles/{}/comments", article.slug)))
        .json(&json!({ "authorName": "Айгерим", "authorEmail": "a@example.com", "body": "текст" }))
        .timeout(Duration::from_secs(20))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 503);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "failed fast: {:?}",
        started.elapsed()
    );
    let read = app.get(&format!("/api/v1/articles/{}", article.slug)).await;
    assert_eq!(read.status(), 200);
    lock.rollback().await.unwrap();
}
