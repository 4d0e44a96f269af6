//! `search` over more matches than it ranks: the most recently created candidates,
//! paged through in a stable order.

use std::collections::HashSet;

use polisia_api::store::{search::MAX_CANDIDATES, search_index};
use serde_json::json;

use crate::{
    fixtures::NewArticle,
    helpers::{TestApp, data},
    search::{search, titles},
};

#[tokio::test]
async fn a_common_word_pages_through_its_most_recent_matches_once_each() {
    let app = TestApp::spawn().await;
    let older = 7;
    for i in 0..older {
        NewArticle::published(&format!("Ранний патруль {i}"), 5)
            .insert(app.conn())
            .await;
    }
    for i in 0..MAX_CANDIDATES {
        // Publication times differ from creation order, so ranks do too.
        NewArticle::published(&format!("Патруль {i}"), (i as i64 * 37) % 1_000 + 1)
            .insert(app.conn())
            .await;
    }
    search_index::backfill(app.conn()).await.unwrap();

    let mut seen = HashSet::new();
    let mut after: Option<String> = None;
    let mut ranks = Vec::new();
    let mut pages = 0;
    loop {
        let page = search(&app, "патруль", json!({ "first": 100, "after": after })).await;
        assert_eq!(
            data(&page)["search"]["totalCount"],
            MAX_CANDIDATES,
            "{page}"
        );
        for title in titles(&page) {
            assert!(seen.insert(title.clone()), "{title} came twice");
        }
        for edge in data(&page)["search"]["edges"].as_array().unwrap() {
            ranks.push(edge["rank"].as_f64().unwrap());
        }
        if pages == 0 {
            // Published while the client pages: not among this search's candidates.
            NewArticle::published("Свежий патруль", 0)
                .insert(app.conn())
                .await;
            search_index::backfill(app.conn()).await.unwrap();
        }
        pages += 1;
        let info = &data(&page)["search"]["pageInfo"];
        if info["hasNextPage"] == false {
            break;
        }
        after = info["endCursor"].as_str().map(str::to_owned);
    }
    assert_eq!(seen.len() as u64, MAX_CANDIDATES);
    assert!(seen.iter().all(|t| t.starts_with("Патруль")), "{seen:?}");
    assert!(ranks.windows(2).all(|w| w[0] >= w[1]), "best first");

    // A new search sees the new article, and still ranks no more than the bound.
    let fresh = search(&app, "патруль", json!({ "first": 1 })).await;
    assert_eq!(data(&fresh)["search"]["totalCount"], MAX_CANDIDATES);
    assert_eq!(titles(&fresh), ["Свежий патруль"]);
}

/// On PostgreSQL a search tests hundreds of documents' vectors one by one: each is
/// kept in its row, compressed, while the long body goes out of line.
#[tokio::test]
async fn postgresql_keeps_a_documents_vector_in_its_row() {
    use sea_orm::{ConnectionTrait, DatabaseBackend::Postgres, Statement};

    let app = TestApp::spawn().await;
    if app.conn().get_database_backend() != Postgres {
        return; // SQLite's FTS5 index has no such storage to choose.
    }
    NewArticle::published("Патруль", 5).insert(app.conn()).await;
    search_index::backfill(app.conn()).await.unwrap();
    // Long enough that the row goes over PostgreSQL's 2 KB threshold.
    let body: Vec<String> = (0..600).map(|i| format!("дежурство{i}")).collect();
    let conn = app.conn();
    conn.execute_raw(Statement::from_sql_and_values(
        Postgres,
        "UPDATE search_documents SET body = $1",
        [body.join(" ").into()],
    ))
    .await
    .unwrap();
    let text = |sql: &str| {
        let sql = sql.to_owned();
        async move {
            conn.query_one_raw(Statement::from_string(Postgres, sql))
                .await
                .unwrap()
                .unwrap()
                .try_get_by_index::<String>(0)
                .unwrap()
        }
    };
    let toast = text(
        "SELECT reltoastrelid::regclass::text FROM pg_class \
         WHERE oid = 'search_documents'::regclass",
    )
    .await;
    // Out of line, a value is a run of chunks whose sizes add up to its own.
    let stored = text(&format!(
        "SELECT format('%s %s', pg_column_compression(d.document), EXISTS (\
         SELECT 1 FROM (SELECT sum(octet_length(chunk_data)) AS size FROM {toast} \
         GROUP BY chunk_id) chunks WHERE chunks.size = pg_column_size(d.document))) \
         FROM search_documents d"
    ))
    .await;
    assert_eq!(stored, "lz4 f", "compressed with LZ4, not out of line");
    let found = crate::search::search(&app, "дежурство599", json!({})).await;
    assert_eq!(titles(&found), ["Патруль"]);
}

#[tokio::test]
async fn searches_run_on_sessions_that_plan_each_statement_for_its_words() {
    use sea_orm::{ConnectionTrait, Statement};

    let app = TestApp::spawn().await;
    if app.conn().get_database_backend() != sea_orm::DbBackend::Postgres {
        // SQLite plans every statement afresh: the search pool is the main one.
        return;
    }
    let mode = |conn: &sea_orm::DatabaseConnection| {
        let conn = conn.clone();
        async move {
            let row = conn
                .query_one_raw(Statement::from_string(
                    conn.get_database_backend(),
                    "SHOW plan_cache_mode",
                ))
                .await
                .unwrap()
                .unwrap();
            row.try_get::<String>("", "plan_cache_mode").unwrap()
        }
    };
    assert_eq!(mode(&app.state.db.search).await, "force_custom_plan");
    // Every other statement keeps the plans PostgreSQL caches.
    assert_eq!(mode(app.conn()).await, "auto");
}

/// The candidates are the most recently *created* matches, whatever order the index
/// was written in: an old article indexed after newer ones is not among them. (On
/// SQLite the index is walked in id order, so ids must follow creation.)
#[tokio::test]
async fn an_old_article_indexed_last_is_not_among_the_newest_candidates() {
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};

    let app = TestApp::spawn().await;
    for i in 0..MAX_CANDIDATES {
        NewArticle::published(&format!("Патруль {i}"), 5)
            .insert(app.conn())
            .await;
    }
    let old = NewArticle::published("Давний патруль", 5)
        .insert(app.conn())
        .await;
    let mut old = old.into_active_model();
    old.created_at = Set(crate::fixtures::start() - chrono::Duration::days(400));
    old.update(app.conn()).await.unwrap();
    search_index::backfill(app.conn()).await.unwrap();

    let page = search(&app, "патруль", json!({ "first": 100 })).await;
    assert_eq!(
        data(&page)["search"]["totalCount"],
        MAX_CANDIDATES,
        "{page}"
    );
    let found = search(&app, "давний патруль", json!({ "first": 5 })).await;
    assert_eq!(
        titles(&found),
        ["Давний патруль"],
        "found when the query narrows to it"
    );
    let mut seen = HashSet::new();
    let mut after: Option<String> = None;
    loop {
        let page = search(&app, "патруль", json!({ "first": 100, "after": after })).await;
        seen.extend(titles(&page));
        let info = &data(&page)["search"]["pageInfo"];
        if info["hasNextPage"] == false {
            break;
        }
        after = info["endCursor"].as_str().map(str::to_owned);
    }
    assert_eq!(seen.len() as u64, MAX_CANDIDATES);
    assert!(
        !seen.contains("Давний патруль"),
        "the oldest match is past the bound"
    );
}
