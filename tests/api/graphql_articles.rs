//! `articles`: Relay paging, filters, order and visibility.

use chrono::Duration;
use polisia_api::domain::{ArticleStatus, Language};
use serde_json::{Value, json};

use crate::{
    fixtures::{self, NewArticle},
    helpers::{TestApp, data, error_code},
};

const PAGE: &str = r#"query($first: Int, $after: String, $last: Int, $before: String, $filter: ArticleFilterInput, $orderBy: ArticleOrderBy) {
  articles(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount
    edges { cursor node { title } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"#;

pub(crate) fn titles(response: &Value) -> Vec<String> {
    data(response)["articles"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["title"].as_str().unwrap().to_owned())
        .collect()
}

/// Ten published articles, "a0" newest … "a9" oldest.
async fn ten(app: &TestApp) {
    for i in 0..10 {
        NewArticle::published(&format!("a{i}"), 10 + i)
            .insert(app.conn())
            .await;
    }
}

#[tokio::test]
async fn pages_forward_to_the_end_without_repeats_and_report_page_info() {
    let app = TestApp::spawn().await;
    ten(&app).await;
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    let mut pages = 0;
    loop {
        let response = app
            .graphql(PAGE, json!({ "first": 4, "after": after }))
            .await;
        let info = &data(&response)["articles"]["pageInfo"];
        assert_eq!(data(&response)["articles"]["totalCount"], 10);
        assert_eq!(info["hasPreviousPage"], after.is_some());
        seen.extend(titles(&response));
        pages += 1;
        if info["hasNextPage"] == false {
            break;
        }
        after = info["endCursor"].as_str().map(str::to_owned);
    }
    assert_eq!(pages, 3);
    let expected: Vec<String> = (0..10).map(|i| format!("a{i}")).collect();
    assert_eq!(seen, expected, "newest first, each once");
}

#[tokio::test]
async fn pages_backward_with_last_and_before() {
    let app = TestApp::spawn().await;
    ten(&app).await;
    let tail = app.graphql(PAGE, json!({ "last": 3 })).await;
    assert_eq!(titles(&tail), ["a7", "a8", "a9"]);
    let info = &data(&tail)["articles"]["pageInfo"];
    assert_eq!(info["hasPreviousPage"], true);
    assert_eq!(info["hasNextPage"], false);
    let before = info["startCursor"].as_str().unwrap();
    let earlier = app
        .graphql(PAGE, json!({ "last": 3, "before": before }))
        .await;
    assert_eq!(titles(&earlier), ["a4", "a5", "a6"]);
    assert_eq!(data(&earlier)["articles"]["pageInfo"]["hasNextPage"], true);
}

#[tokio::test]
async fn an_article_published_while_paging_neither_repeats_nor_skips_items() {
    let app = TestApp::spawn().await;
    ten(&app).await;
    let first = app.graphql(PAGE, json!({ "first": 5 })).await;
    let cursor = data(&first)["articles"]["pageInfo"]["endCursor"]
        .as_str()
        .unwrap()
        .to_owned();
    NewArticle::published("breaking", 0)
        .insert(app.conn())
        .await;
    let second = app
        .graphql(PAGE, json!({ "first": 5, "after": cursor }))
        .await;
    assert_eq!(titles(&second), ["a5", "a6", "a7", "a8", "a9"]);
}

#[tokio::test]
async fn oldest_first_reverses_the_order() {
    let app = TestApp::spawn().await;
    ten(&app).await;
    let response = app
        .graphql(PAGE, json!({ "first": 3, "orderBy": "OLDEST_FIRST" }))
        .await;
    assert_eq!(titles(&response), ["a9", "a8", "a7"]);
}

#[tokio::test]
async fn page_sizes_over_100_or_negative_and_foreign_cursors_are_input_errors() {
    let app = TestApp::spawn().await;
    for (variables, field) in [
        (json!({ "first": 101 }), "first"),
        (json!({ "first": -1 }), "first"),
        (json!({ "last": 101 }), "last"),
        (json!({ "first": 1, "last": 1 }), "last"),
        (json!({ "first": 1, "after": "bm90LWEtY3Vyc29y" }), "after"),
    ] {
        let response = app.graphql(PAGE, variables.clone()).await;
        assert_eq!(error_code(&response), "BAD_USER_INPUT", "{variables}");
        assert_eq!(
            response["errors"][0]["extensions"]["field"], field,
            "{variables}"
        );
    }
    let response = app.graphql(PAGE, json!({ "first": 100 })).await;
    assert!(response.get("errors").is_none());
    let response = app
        .graphql("{ articles { edges { cursor } } }", json!({}))
        .await;
    assert_eq!(
        data(&response)["articles"]["edges"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[tokio::test]
async fn twenty_is_the_default_page_size() {
    let app = TestApp::spawn().await;
    for i in 0..25 {
        NewArticle::published(&format!("n{i}"), i)
            .insert(app.conn())
            .await;
    }
    let response = app.graphql(PAGE, json!({})).await;
    assert_eq!(titles(&response).len(), 20);
}

#[tokio::test]
async fn drafts_scheduled_review_and_archived_articles_are_invisible_in_lists_and_counts() {
    let app = TestApp::spawn().await;
    let db = app.conn();
    NewArticle::published("visible", 5).insert(db).await;
    NewArticle::published("draft", 5)
        .status(ArticleStatus::Draft)
        .at(None)
        .insert(db)
        .await;
    NewArticle::published("review", 5)
        .status(ArticleStatus::InReview)
        .at(None)
        .insert(db)
        .await;
    NewArticle::published("archived", 5)
        .status(ArticleStatus::Archived)
        .insert(db)
        .await;
    NewArticle::published("scheduled", 5)
        .at(Some(app.clock.now() + Duration::hours(2)))
        .insert(db)
        .await;
    let response = app.graphql(PAGE, json!({ "first": 50 })).await;
    assert_eq!(titles(&response), ["visible"]);
    assert_eq!(data(&response)["articles"]["totalCount"], 1);
}

#[tokio::test]
async fn a_scheduled_article_appears_when_its_time_comes() {
    let app = TestApp::spawn().await;
    NewArticle::published("soon", 0)
        .at(Some(app.clock.now() + Duration::seconds(2)))
        .insert(app.conn())
        .await;
    assert!(titles(&app.graphql(PAGE, json!({})).await).is_empty());
    app.clock.advance(Duration::milliseconds(1_999));
    assert!(titles(&app.graphql(PAGE, json!({})).await).is_empty());
    app.clock.advance(Duration::milliseconds(1));
    assert_eq!(titles(&app.graphql(PAGE, json!({})).await), ["soon"]);
}

#[tokio::test]
async fn the_status_filter_is_for_staff_only() {
    let app = TestApp::spawn().await;
    let response = app
        .graphql(PAGE, json!({ "filter": { "status": "DRAFT" } }))
        .await;
    assert_eq!(error_code(&response), "UNAUTHENTICATED");
}

#[tokio::test]
async fn every_filter_narrows_the_list() {
    let app = TestApp::spawn().await;
    let db = app.conn();
    let kyzylorda = fixtures::region_id(db, "KZ-43").await;
    let astana = fixtures::region_id(db, "KZ-71").await;
    let a = NewArticle::published("kyzylorda-ru", 60)
        .region(kyzylorda)
        .insert(db)
        .await;
    let b = NewArticle::published("kyzylorda-kk", 30)
        .region(kyzylorda)
        .lang(Language::Kk)
        .insert(db)
        .await;
    NewArticle::published("astana-en", 10)
        .region(astana)
        .lang(Language::En)
        .insert(db)
        .await;
    fixtures::tag(db, "doroga", &[a.id, b.id]).await;

    let by = |filter: Value| {
        let app = &app;
        async move {
            titles(
                &app.graphql(PAGE, json!({ "first": 10, "filter": filter }))
                    .await,
            )
        }
    };
    assert_eq!(
        by(json!({ "regionCode": "KZ-43" })).await,
        ["kyzylorda-kk", "kyzylorda-ru"]
    );
    let region = app
        .graphql(r#"{ region(code: "KZ-71") { id } }"#, json!({}))
        .await;
    assert_eq!(
        by(json!({ "regionId": data(&region)["region"]["id"] })).await,
        ["astana-en"]
    );
    assert_eq!(
        by(json!({ "tag": "doroga" })).await,
        ["kyzylorda-kk", "kyzylorda-ru"]
    );
    assert_eq!(by(json!({ "lang": "KK" })).await, ["kyzylorda-kk"]);
    assert_eq!(
        by(json!({ "regionCode": "KZ-43", "lang": "RU" })).await,
        ["kyzylorda-ru"]
    );
    let cut = (app.clock.now() - Duration::minutes(45)).to_rfc3339();
    assert_eq!(
        by(json!({ "publishedAfter": cut })).await,
        ["astana-en", "kyzylorda-kk"]
    );
    assert_eq!(
        by(json!({ "publishedBefore": cut })).await,
        ["kyzylorda-ru"]
    );
    // An unknown region code is the client's mistake, the same error REST gives for
    // its `region` filter.
    let unknown = app
        .graphql(
            PAGE,
            json!({ "first": 10, "filter": { "regionCode": "KZ-99" } }),
        )
        .await;
    assert_eq!(error_code(&unknown), "BAD_USER_INPUT");
    assert_eq!(
        unknown["errors"][0]["extensions"]["field"],
        "filter.regionCode"
    );
    let rest = app.rest_get("/api/v1/articles?region=KZ-99").await;
    assert_eq!(rest.status.as_u16(), 400);
    assert_eq!(
        rest.json()["errors"][0]["field"],
        "region",
        "{}",
        rest.json()
    );
    let lang_arg = app
        .graphql(
            "{ articles(lang: EN) { edges { node { title } } } }",
            json!({}),
        )
        .await;
    assert_eq!(titles(&lang_arg), ["astana-en"]);
}

#[tokio::test]
async fn meeting_and_participant_filters_follow_the_demo_content() {
    let app = TestApp::spawn_with_demo().await;
    let meetings = app
        .graphql(
            "{ meetings(first: 5) { edges { node { id articles(first: 50) { totalCount } } } } }",
            json!({}),
        )
        .await;
    let meeting = &data(&meetings)["meetings"]["edges"][0]["node"];
    let via_filter = app
        .graphql(
            PAGE,
            json!({ "first": 50, "filter": { "meetingId": meeting["id"] } }),
        )
        .await;
    assert_eq!(
        data(&via_filter)["articles"]["totalCount"],
        meeting["articles"]["totalCount"]
    );
    assert!(meeting["articles"]["totalCount"].as_u64().unwrap() >= 2);

    let people = app
        .graphql(
            "{ participants(first: 50) { edges { node { id articles { totalCount } } } } }",
            json!({}),
        )
        .await;
    let quoted = data(&people)["participants"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["node"]["articles"]["totalCount"].as_u64().unwrap() > 0)
        .expect("someone is quoted");
    let via_filter = app
        .graphql(
            PAGE,
            json!({ "first": 50, "filter": { "participantId": quoted["node"]["id"] } }),
        )
        .await;
    assert_eq!(
        data(&via_filter)["articles"]["totalCount"],
        quoted["node"]["articles"]["totalCount"]
    );
}

/// `article(slug:)` looks a slug up as REST does: in `lang` (or the request's
/// language) first, then in the other languages.
#[tokio::test]
async fn article_by_slug_is_found_in_another_language_as_rest_finds_it() {
    let app = TestApp::spawn().await;
    let db = app.conn();
    let (_, _, en) = crate::rest_support::one_slug_in_two_languages(db).await;
    let query =
        "query($slug: String!, $lang: Language) { article(slug: $slug, lang: $lang) { title } }";
    let title = |response: Value| data(&response)["article"]["title"].clone();
    let ask = |slug: &str, lang: Value| app.graphql(query, json!({ "slug": slug, "lang": lang }));

    assert_eq!(title(ask("ortaq", Value::Null).await), "ru");
    assert_eq!(title(ask("ortaq", json!("KK")).await), "kk");
    assert_eq!(
        title(ask("ortaq", json!("EN")).await),
        "ru",
        "no English article has the slug: the chain goes on"
    );
    assert_eq!(title(ask(&en.slug, json!("RU")).await), "en only");
    assert_eq!(title(ask("no-such-slug", json!("RU")).await), Value::Null);
    // REST gives the same articles for the same asks.
    for (path, expected) in [
        ("/api/v1/articles/ortaq?lang=en", "ru"),
        (&*format!("/api/v1/articles/{}?lang=ru", en.slug), "en only"),
    ] {
        let found = app.rest_get(path).await;
        assert_eq!(found.json()["title"], expected, "{path}");
    }
}
