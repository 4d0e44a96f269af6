//! `GET /api/v1/articles` and `GET /api/v1/articles/{idOrSlug}`.

use chrono::Duration;
use polisia_api::domain::{ArticleStatus, Language};
use serde_json::Value;

use crate::{
    fixtures::{self, NewArticle},
    helpers::TestApp,
    rest_support::{
        assert_matches_doc, bad_input, document, get_json, one_slug_in_two_languages, problem,
        rename, titles,
    },
};

/// Ten published articles, "a0" newest … "a9" oldest, and one of every kind the
/// public must not see.
async fn ten_and_hidden(app: &TestApp) {
    for i in 0..10 {
        NewArticle::published(&format!("a{i}"), 10 + i)
            .insert(app.conn())
            .await;
    }
    let db = app.conn();
    NewArticle::published("draft", 1)
        .status(ArticleStatus::Draft)
        .at(None)
        .insert(db)
        .await;
    NewArticle::published("in review", 1)
        .status(ArticleStatus::InReview)
        .at(None)
        .insert(db)
        .await;
    NewArticle::published("archived", 1)
        .status(ArticleStatus::Archived)
        .insert(db)
        .await;
    NewArticle::published("scheduled", 1)
        .at(Some(app.clock.now() + Duration::hours(2)))
        .insert(db)
        .await;
}

#[tokio::test]
async fn the_list_pages_by_cursor_to_the_end_without_repeats_and_shows_only_published() {
    let app = TestApp::spawn().await;
    ten_and_hidden(&app).await;
    let doc = document();
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/articles?limit=4&cursor={c}"),
            None => "/api/v1/articles?limit=4".to_owned(),
        };
        let page = get_json(&app, &path).await;
        assert_matches_doc(&doc, "/api/v1/articles", &page);
        seen.extend(titles(&page));
        pages += 1;
        match page["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
        // A new article does not shift the pages already read.
        if pages == 1 {
            NewArticle::published("breaking", 0)
                .insert(app.conn())
                .await;
        }
    }
    assert_eq!(pages, 3);
    let expected: Vec<String> = (0..10).map(|i| format!("a{i}")).collect();
    assert_eq!(seen, expected, "newest first, each once, nothing hidden");
}

#[tokio::test]
async fn the_default_page_is_20_and_100_is_the_most() {
    let app = TestApp::spawn().await;
    for i in 0..25 {
        NewArticle::published(&format!("n{i}"), i)
            .insert(app.conn())
            .await;
    }
    let page = get_json(&app, "/api/v1/articles").await;
    assert_eq!(page["items"].as_array().unwrap().len(), 20);
    assert!(page["nextCursor"].is_string());
    let all = get_json(&app, "/api/v1/articles?limit=100").await;
    assert_eq!(all["items"].as_array().unwrap().len(), 25);
    assert!(all["nextCursor"].is_null());
    let none = get_json(&app, "/api/v1/articles?limit=0").await;
    assert_eq!(none["items"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn bad_limits_cursors_and_filters_are_400_problems_naming_the_field() {
    let app = TestApp::spawn().await;
    let comment_cursor =
        polisia_api::store::page::encode_cursor(&polisia_api::store::comments::CommentKey {
            at: app.clock.now(),
            id: uuid::Uuid::now_v7(),
        });
    for (query, field) in [
        ("limit=101".to_owned(), "limit"),
        ("limit=-1".to_owned(), "limit"),
        ("limit=ten".to_owned(), "limit"),
        ("cursor=not-a-cursor".to_owned(), "cursor"),
        (format!("cursor={comment_cursor}"), "cursor"),
        ("lang=de".to_owned(), "lang"),
        ("since=yesterday".to_owned(), "since"),
        ("until=2026-13-01".to_owned(), "until"),
        ("region=atlantis".to_owned(), "region"),
        ("meeting=no-such-meeting".to_owned(), "meeting"),
        ("participant=nobody".to_owned(), "participant"),
        ("limit=1&limit=2".to_owned(), "limit"),
    ] {
        bad_input(&app, &format!("/api/v1/articles?{query}"), field).await;
    }
}

#[tokio::test]
async fn filters_narrow_by_language_region_tag_and_time() {
    let app = TestApp::spawn().await;
    let db = app.conn();
    let kyzylorda = fixtures::region_id(db, "KZ-43").await;
    let old = NewArticle::published("old", 60 * 24 * 10).insert(db).await;
    let kk = NewArticle::published("kazakh", 30)
        .lang(Language::Kk)
        .insert(db)
        .await;
    let regional = NewArticle::published("regional", 20)
        .region(kyzylorda)
        .insert(db)
        .await;
    let tagged = NewArticle::published("tagged", 10).insert(db).await;
    fixtures::tag(db, "profilaktika", &[tagged.id, old.id]).await;

    let only = |list: Value| titles(&list);
    assert_eq!(
        only(get_json(&app, "/api/v1/articles?lang=kk").await),
        [kk.title.as_str()]
    );
    for region in ["KZ-43", "kz-43", "kyzylorda-region"] {
        assert_eq!(
            only(get_json(&app, &format!("/api/v1/articles?region={region}")).await),
            [regional.title.as_str()]
        );
    }
    assert_eq!(
        only(get_json(&app, "/api/v1/articles?tag=profilaktika").await),
        ["tagged", "old"]
    );
    assert!(only(get_json(&app, "/api/v1/articles?tag=nothing").await).is_empty());
    let week_ago = (app.clock.now() - Duration::days(7)).date_naive();
    assert_eq!(
        only(get_json(&app, &format!("/api/v1/articles?until={week_ago}")).await),
        ["old"]
    );
    let since = (app.clock.now() - Duration::minutes(25)).to_rfc3339();
    let since = since.replace('+', "%2B");
    assert_eq!(
        only(get_json(&app, &format!("/api/v1/articles?since={since}")).await),
        ["tagged", "regional"]
    );
    // Empty parameters count as absent.
    assert_eq!(
        only(get_json(&app, "/api/v1/articles?lang=&region=&tag=").await).len(),
        4
    );
}

#[tokio::test]
async fn one_article_by_id_by_slug_and_by_a_former_slug() {
    let app = TestApp::spawn().await;
    let db = app.conn();
    let article = NewArticle::published("Итоги года", 5).insert(db).await;
    let doc = document();
    let by_id = app
        .rest_get(&format!("/api/v1/articles/{}", article.id))
        .await;
    assert_eq!(by_id.status, 200);
    assert!(
        by_id
            .headers
            .get("vary")
            .is_none_or(|v| !v.to_str().unwrap().contains("Accept-Language"))
    );
    let body = by_id.json();
    assert_matches_doc(&doc, "/api/v1/articles/{idOrSlug}", body);
    assert_eq!(body["title"], "Итоги года");
    assert_eq!(body["body"], "<p>Итоги года</p>");
    assert_eq!(
        body["url"],
        format!("https://news.example.kz/ru/news/{}", article.slug)
    );
    assert_eq!(body["jsonLd"]["@type"], "NewsArticle");
    assert_eq!(body["jsonLd"]["headline"], "Итоги года");
    assert_eq!(body["jsonLd"]["url"], body["url"]);

    let by_slug = app
        .rest_get(&format!("/api/v1/articles/{}", article.slug))
        .await;
    assert_eq!(by_slug.status, 200);
    let vary: Vec<&str> = by_slug
        .headers
        .get_all("vary")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert!(vary.contains(&"Accept-Language"), "{vary:?}");

    rename(db, &article, "itogi-goda-2026").await;
    for slug in ["itogi-goda-2026", article.slug.as_str()] {
        let found = get_json(&app, &format!("/api/v1/articles/{slug}")).await;
        assert_eq!(found["id"], article.id.to_string(), "{slug}");
        assert_eq!(found["slug"], "itogi-goda-2026");
    }
}

#[tokio::test]
async fn a_slug_is_looked_up_in_lang_then_accept_language_then_russian() {
    let app = TestApp::spawn().await;
    let db = app.conn();
    let (_, _, en) = one_slug_in_two_languages(db).await;
    let title = |v: Value| v["title"].as_str().unwrap().to_owned();
    assert_eq!(title(get_json(&app, "/api/v1/articles/ortaq").await), "ru");
    let by_header = app
        .rest_get_with(
            "/api/v1/articles/ortaq",
            &[("accept-language", "kk-KZ,ru;q=0.5")],
        )
        .await;
    assert_eq!(title(by_header.json().clone()), "kk");
    assert_eq!(
        title(get_json(&app, "/api/v1/articles/ortaq?lang=kk").await),
        "kk"
    );
    assert_eq!(
        title(get_json(&app, "/api/v1/articles/ortaq?lang=en").await),
        "ru",
        "no English article has the slug: the chain goes on"
    );
    // A slug no hint points to is still found in its own language.
    assert_eq!(
        title(get_json(&app, &format!("/api/v1/articles/{}", en.slug)).await),
        "en only"
    );
}

#[tokio::test]
async fn unpublished_and_unknown_articles_are_404_problems() {
    let app = TestApp::spawn().await;
    let db = app.conn();
    let draft = NewArticle::published("draft", 1)
        .status(ArticleStatus::Draft)
        .at(None)
        .insert(db)
        .await;
    let scheduled = NewArticle::published("scheduled", 1)
        .at(Some(app.clock.now() + Duration::hours(1)))
        .insert(db)
        .await;
    for article in [&draft, &scheduled] {
        for key in [article.id.to_string(), article.slug.clone()] {
            for suffix in ["", "/ninjs", "/comments"] {
                let path = format!("/api/v1/articles/{key}{suffix}");
                let found = problem(app.rest_get(&path).await, 404);
                assert_eq!(found["code"], "NOT_FOUND", "{path}");
            }
        }
    }
    problem(app.rest_get("/api/v1/articles/no-such-article").await, 404);
    problem(
        app.rest_get(&format!("/api/v1/articles/{}", uuid::Uuid::now_v7()))
            .await,
        404,
    );
}

#[tokio::test]
async fn a_demo_article_shows_its_meeting_people_quotes_and_relations() {
    let app = TestApp::spawn_with_demo().await;
    let doc = document();
    let list = get_json(&app, "/api/v1/articles?limit=100&lang=ru").await;
    assert_matches_doc(&doc, "/api/v1/articles", &list);
    let with_meeting = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["meeting"].is_object() && a["region"]["code"] == "KZ-43")
        .expect("a Kyzylorda article covering a meeting");
    let detail = get_json(
        &app,
        &format!(
            "/api/v1/articles/{}",
            with_meeting["slug"].as_str().unwrap()
        ),
    )
    .await;
    assert_matches_doc(&doc, "/api/v1/articles/{idOrSlug}", &detail);
    let people = detail["participants"].as_array().unwrap();
    assert!(people.iter().any(|p| p["role"] == "CHAIR"), "{people:#?}");
    assert!(!detail["quotes"].as_array().unwrap().is_empty());
    assert!(!detail["related"].as_array().unwrap().is_empty());
    assert!(
        detail["related"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["lang"] == "ru")
    );
    assert_eq!(detail["jsonLd"]["contentLocation"]["identifier"], "KZ-43");
    assert_eq!(detail["jsonLd"]["about"]["@type"], "Event");
    assert!(detail["translations"].is_array());
}
