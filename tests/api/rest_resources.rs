//! `/api/v1/regions`, `/api/v1/meetings` and `/api/v1/participants`.

use std::collections::HashSet;

use polisia_api::entity::{comment, meeting, participant, user};
use sea_orm::EntityTrait;
use serde_json::Value;

use crate::{
    helpers::TestApp,
    rest_support::{assert_matches_doc, bad_input, document, get_json, problem},
};

fn items(list: &Value) -> &Vec<Value> {
    list["items"].as_array().expect("items")
}

/// Reads a list to its end, `limit` at a time; returns every item.
async fn read_all(app: &TestApp, path: &str, limit: u32) -> Vec<Value> {
    let doc = document();
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page_path = match &cursor {
            Some(c) => format!("{path}?limit={limit}&cursor={c}"),
            None => format!("{path}?limit={limit}"),
        };
        let page = get_json(app, &page_path).await;
        assert_matches_doc(&doc, path, &page);
        assert!(items(&page).len() <= limit as usize);
        all.extend(items(&page).iter().cloned());
        match page["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return all,
        }
    }
}

fn distinct_ids(items: &[Value]) -> usize {
    items
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect::<HashSet<_>>()
        .len()
}

#[tokio::test]
async fn regions_list_all_twenty_and_answer_by_slug_or_code_in_the_chosen_language() {
    let app = TestApp::spawn().await;
    let doc = document();
    let all = get_json(&app, "/api/v1/regions").await;
    assert_matches_doc(&doc, "/api/v1/regions", &all);
    assert_eq!(items(&all).len(), 20);
    assert!(all["nextCursor"].is_null());
    assert_eq!(items(&all)[0]["code"], "KZ-71", "cities first, by code");
    let cities = get_json(&app, "/api/v1/regions?kind=CITY&lang=en").await;
    let names: Vec<&str> = items(&cities)
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Astana", "Almaty", "Shymkent"]);
    bad_input(&app, "/api/v1/regions?kind=VILLAGE", "kind").await;

    for key in ["KZ-43", "kz-43", "kyzylorda-region"] {
        let one = get_json(&app, &format!("/api/v1/regions/{key}")).await;
        assert_matches_doc(&doc, "/api/v1/regions/{slugOrCode}", &one);
        assert_eq!(one["code"], "KZ-43");
        assert_eq!(one["name"], "Кызылординская область");
    }
    let kazakh = app
        .rest_get_with("/api/v1/regions/KZ-43", &[("accept-language", "kk")])
        .await;
    let vary: Vec<_> = kazakh.headers.get_all("vary").iter().cloned().collect();
    assert!(vary.iter().any(|v| v == "Accept-Language"));
    assert_eq!(kazakh.json()["name"], "Қызылорда облысы");
    let english = get_json(&app, "/api/v1/regions/KZ-43?lang=en").await;
    assert_eq!(english["name"], "Kyzylorda Region");
    problem(app.rest_get("/api/v1/regions/KZ-99").await, 404);
    problem(app.rest_get("/api/v1/regions/atlantis").await, 404);
}

#[tokio::test]
async fn meetings_page_to_the_end_and_one_meeting_shows_agenda_people_and_articles() {
    let app = TestApp::spawn_with_demo().await;
    let doc = document();
    let all = read_all(&app, "/api/v1/meetings", 1).await;
    let stored = meeting::Entity::find().all(app.conn()).await.unwrap();
    assert_eq!(all.len(), stored.len());
    assert_eq!(distinct_ids(&all), stored.len(), "no repeats");
    let days: Vec<&str> = all.iter().map(|m| m["heldOn"].as_str().unwrap()).collect();
    let mut newest_first = days.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(days, newest_first);

    let kso = all
        .iter()
        .find(|m| m["kind"] == "ADVISORY_COUNCIL")
        .expect("an advisory council meeting");
    for key in [kso["slug"].as_str().unwrap(), kso["id"].as_str().unwrap()] {
        let one = get_json(&app, &format!("/api/v1/meetings/{key}")).await;
        assert_matches_doc(&doc, "/api/v1/meetings/{idOrSlug}", &one);
        assert_eq!(one["id"], kso["id"]);
        assert!(!one["agenda"].as_array().unwrap().is_empty());
        let people = one["participants"].as_array().unwrap();
        assert!(people.iter().any(|p| p["role"] == "CHAIR"));
        assert!(!one["articles"].as_array().unwrap().is_empty());
    }
    let region = kso["region"]["code"].as_str().unwrap();
    let here = get_json(&app, &format!("/api/v1/meetings?region={region}")).await;
    assert!(items(&here).iter().all(|m| m["region"]["code"] == region));
    bad_input(&app, "/api/v1/meetings?kind=PARTY", "kind").await;
    bad_input(&app, "/api/v1/meetings?region=atlantis", "region").await;
    problem(app.rest_get("/api/v1/meetings/no-such-meeting").await, 404);
}

#[tokio::test]
async fn participants_page_to_the_end_and_one_person_shows_their_meetings() {
    let app = TestApp::spawn_with_demo().await;
    let doc = document();
    let all = read_all(&app, "/api/v1/participants", 3).await;
    let stored = participant::Entity::find().all(app.conn()).await.unwrap();
    assert_eq!(all.len(), stored.len());
    assert_eq!(distinct_ids(&all), stored.len(), "no repeats");

    let chair = stored
        .iter()
        .find(|p| p.full_name_ru.starts_with("Ерболат"))
        .expect("the chair of the Kyzylorda council");
    let one = get_json(&app, &format!("/api/v1/participants/{}", chair.slug)).await;
    assert_matches_doc(&doc, "/api/v1/participants/{idOrSlug}", &one);
    assert!(
        one["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["role"] == "CHAIR")
    );
    let by_id = get_json(&app, &format!("/api/v1/participants/{}?lang=en", chair.id)).await;
    assert_eq!(by_id["slug"], chair.slug.as_str());
    let found = get_json(&app, "/api/v1/participants?name=ерболат").await;
    assert_eq!(items(&found)[0]["id"], chair.id.to_string());

    let meeting_cursor = get_json(&app, "/api/v1/meetings?limit=1").await["nextCursor"]
        .as_str()
        .unwrap()
        .to_owned();
    bad_input(
        &app,
        &format!("/api/v1/participants?cursor={meeting_cursor}"),
        "cursor",
    )
    .await;
    problem(
        app.rest_get("/api/v1/participants/nobody-at-all").await,
        404,
    );
}

#[tokio::test]
async fn no_email_address_appears_in_any_public_answer() {
    let app = TestApp::spawn_with_demo().await;
    let db = app.conn();
    let mut secrets: Vec<String> = comment::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.author_email)
        .collect();
    secrets.extend(
        user::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|u| u.email),
    );
    assert!(!secrets.is_empty());
    let list = get_json(&app, "/api/v1/articles?limit=100").await;
    let mut paths = vec![
        "/api/v1/articles?limit=100".to_owned(),
        "/api/v1/participants?limit=100".to_owned(),
        "/api/v1/meetings?limit=100".to_owned(),
        "/feeds/rss.xml".to_owned(),
        "/feeds/atom.xml".to_owned(),
        "/feeds/feed.json".to_owned(),
    ];
    for article in items(&list) {
        let id = article["id"].as_str().unwrap();
        paths.push(format!("/api/v1/articles/{id}"));
        paths.push(format!("/api/v1/articles/{id}/comments"));
        paths.push(format!("/api/v1/articles/{id}/ninjs"));
    }
    for path in paths {
        let body = app.get(&path).await.text().await.unwrap();
        for secret in &secrets {
            assert!(!body.contains(secret.as_str()), "{secret} in {path}");
        }
    }
}

/// REST takes a GraphQL global id wherever it takes an id: in paths and in filters.
/// Another type's global id names nothing of this type.
#[tokio::test]
async fn rest_accepts_graphql_global_ids_wherever_it_accepts_an_id() {
    let app = TestApp::spawn_with_demo().await;
    let response = app
        .graphql(
            "{ articles(first: 20) { nodes { id slug meeting { id slug } region { id code } } } \
             participants(first: 1) { nodes { id slug } } }",
            serde_json::json!({}),
        )
        .await;
    let data = crate::helpers::data(&response);
    let articles = data["articles"]["nodes"].as_array().unwrap();
    let article = articles
        .iter()
        .find(|a| !a["meeting"].is_null())
        .expect("a demo article covers a meeting");
    let person = &data["participants"]["nodes"][0];
    let id = |v: &Value| v["id"].as_str().unwrap().to_owned();
    let slug = |v: &Value| v["slug"].as_str().unwrap().to_owned();

    let found = get_json(&app, &format!("/api/v1/articles/{}", id(article))).await;
    assert_eq!(found["slug"], slug(article).as_str());
    let found = get_json(&app, &format!("/api/v1/participants/{}", id(person))).await;
    assert_eq!(found["slug"], slug(person).as_str());
    let region = &article["region"];
    let found = get_json(&app, &format!("/api/v1/regions/{}", id(region))).await;
    assert_eq!(found["code"], region["code"]);
    let meeting = &article["meeting"];
    let found = get_json(&app, &format!("/api/v1/meetings/{}", id(meeting))).await;
    assert_eq!(found["slug"], slug(meeting).as_str());
    let list = get_json(&app, &format!("/api/v1/articles?meeting={}", id(meeting))).await;
    assert!(
        items(&list)
            .iter()
            .any(|a| a["slug"] == slug(article).as_str())
    );
    let list = get_json(&app, &format!("/api/v1/articles?region={}", id(region))).await;
    assert!(!items(&list).is_empty());

    // A person's id is no article's.
    let wrong = app
        .rest_get(&format!("/api/v1/articles/{}", id(person)))
        .await;
    assert_eq!(wrong.status.as_u16(), 404);
}
