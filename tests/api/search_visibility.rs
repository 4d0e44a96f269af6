//! `search`: what the public finds as content changes, and paging through hits.

use serde_json::json;

use crate::{
    fixtures::NewArticle,
    helpers::{TestApp, data, error_code},
    search::{SEARCH, editor, publish, search, sorted, titles},
};

#[tokio::test]
async fn publishing_unpublishing_and_deleting_take_effect_at_once() {
    let app = TestApp::spawn().await;
    let ed = editor(&app).await;
    let created = app
        .graphql_as(
            &ed,
            r#"mutation { createArticle(input: { lang: RU, title: "Черновик", body: "<p>Секретный рейд полиции</p>" }) { article { id } } }"#,
            json!({}),
        )
        .await;
    let id = data(&created)["createArticle"]["article"]["id"].clone();
    assert_eq!(titles(&search(&app, "секретный", json!({})).await).len(), 0);
    let change = |m: &'static str| {
        let query = format!("mutation($id: ID!) {{ {m}(id: $id) {{ article {{ id }} }} }}");
        let (app, ed, id) = (&app, &ed, id.clone());
        async move {
            let r = app.graphql_as(ed, &query, json!({ "id": id })).await;
            assert!(r["errors"].is_null(), "{r}");
        }
    };
    change("publishArticle").await;
    assert_eq!(
        titles(&search(&app, "секретный", json!({})).await),
        ["Черновик"]
    );
    change("unpublishArticle").await;
    assert_eq!(titles(&search(&app, "секретный", json!({})).await).len(), 0);
    let edited = app
        .graphql_as(
            &ed,
            r#"mutation($id: ID!) { updateArticle(id: $id, input: { title: "Правка", body: "<p>Плановый рейд</p>", version: 3 }) { article { id } } }"#,
            json!({ "id": id }),
        )
        .await;
    assert!(edited["errors"].is_null(), "{edited}");
    change("publishArticle").await;
    assert_eq!(titles(&search(&app, "секретный", json!({})).await).len(), 0);
    assert_eq!(
        titles(&search(&app, "плановый", json!({})).await),
        ["Правка"]
    );
    let deleted = app
        .graphql_as(
            &ed,
            "mutation($id: ID!) { deleteArticle(id: $id) { deletedId } }",
            json!({ "id": id }),
        )
        .await;
    assert!(deleted["errors"].is_null(), "{deleted}");
    let as_editor = app
        .graphql_as(&ed, SEARCH, json!({ "q": "плановый" }))
        .await;
    assert_eq!(titles(&as_editor).len(), 0);
}

#[tokio::test]
async fn pages_through_all_hits_without_repeats() {
    let app = TestApp::spawn().await;
    let ed = editor(&app).await;
    for i in 0..7 {
        let body = "патруль ".repeat(i + 1);
        publish(&app, &ed, "RU", &format!("Новость {i}"), &body).await;
    }
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = search(&app, "патруль", json!({ "first": 3, "after": after })).await;
        assert_eq!(data(&page)["search"]["totalCount"], 7);
        seen.extend(titles(&page));
        let info = &data(&page)["search"]["pageInfo"];
        if info["hasNextPage"] == false {
            break;
        }
        after = info["endCursor"].as_str().map(str::to_owned);
    }
    assert_eq!(seen.len(), 7);
    assert_eq!(sorted(seen.clone()).len(), 7);
    let mut unique = seen.clone();
    unique.dedup();
    assert_eq!(sorted(unique), sorted(seen));

    let first = search(&app, "патруль", json!({ "first": 1 })).await;
    let cursor = data(&first)["search"]["pageInfo"]["endCursor"].clone();
    let other = search(&app, "новость", json!({ "after": cursor })).await;
    assert_eq!(error_code(&other), "BAD_USER_INPUT");
    let too_many = search(&app, "патруль", json!({ "first": 101 })).await;
    assert_eq!(error_code(&too_many), "BAD_USER_INPUT");
}

#[tokio::test]
async fn rows_inserted_directly_are_indexed_by_the_backfill() {
    let app = TestApp::spawn().await;
    NewArticle::published("Прямая вставка про полицию", 5)
        .insert(app.conn())
        .await;
    NewArticle::published("Будущая полиция", 5)
        .at(Some(app.clock.now() + chrono::Duration::days(1)))
        .insert(app.conn())
        .await;
    polisia_api::store::search_index::backfill(app.conn())
        .await
        .unwrap();
    let found = search(&app, "полиция", json!({})).await;
    assert_eq!(titles(&found), ["Прямая вставка про полицию"]);
}

#[tokio::test]
async fn the_demo_content_is_searchable() {
    let app = TestApp::spawn_with_demo().await;
    let found = search(&app, "полиция", json!({ "first": 5 })).await;
    assert!(!titles(&found).is_empty(), "{found}");
}

#[tokio::test]
async fn a_scheduled_article_is_found_from_its_moment_and_a_status_set_by_sql_hides_it() {
    let app = TestApp::spawn().await;
    let ed = editor(&app).await;
    let created = app
        .graphql_as(
            &ed,
            r#"mutation { createArticle(input: { lang: RU, title: "Анонс", body: "<p>Завтрашний брифинг участковых</p>" }) { article { id } } }"#,
            json!({}),
        )
        .await;
    let id = data(&created)["createArticle"]["article"]["id"].clone();
    let at = app.clock.now() + chrono::Duration::hours(1);
    let scheduled = app
        .graphql_as(
            &ed,
            "mutation($id: ID!, $at: DateTime) { publishArticle(id: $id, at: $at) { article { status } } }",
            json!({ "id": id, "at": at }),
        )
        .await;
    assert!(scheduled["errors"].is_null(), "{scheduled}");
    assert_eq!(titles(&search(&app, "брифинг", json!({})).await).len(), 0);
    app.clock.advance(chrono::Duration::hours(1));
    assert_eq!(titles(&search(&app, "брифинг", json!({})).await), ["Анонс"]);
    // Whatever writes the article (here an operator's SQL, no service involved), its
    // search document follows.
    let (_, uuid) = polisia_api::domain::global_id::decode(id.as_str().unwrap()).unwrap();
    use sea_orm::{ConnectionTrait, Statement};
    let sql = match app.conn().get_database_backend() {
        sea_orm::DbBackend::Postgres => "UPDATE articles SET status = 'ARCHIVED' WHERE id = $1",
        _ => "UPDATE articles SET status = 'ARCHIVED' WHERE id = ?",
    };
    app.conn()
        .execute_raw(Statement::from_sql_and_values(
            app.conn().get_database_backend(),
            sql,
            [uuid.into()],
        ))
        .await
        .unwrap();
    assert_eq!(titles(&search(&app, "брифинг", json!({})).await).len(), 0);
}
