//! Bylines and sections over GraphQL and REST: a press service signing in three
//! languages with the names' fallback, the section tree, lists of a section holding
//! its subsections, unknown sections refused with the field named, ninjs `by` and
//! JSON-LD `author`, and a fixed statement count for a page asking both.

use polisia_api::domain::{ChangeKind, Role, Section};
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::fixtures::NewArticle;
use crate::helpers::{Account, TestApp, data, error_code};

const CREATE: &str = "mutation($i: CreateArticleInput!) { createArticle(input: $i) { article { id slug version } } }";
const PUBLISH: &str = "mutation($id: ID!) { publishArticle(id: $id) { article { id } } }";
const BYLINE: &str = r#"query($id: ID!) { article(id: $id) {
  byline { name kind author { displayName } kk: name(lang: KK) en: name(lang: EN) ru: name(lang: RU) }
  section { code slug name parent { code } }
} }"#;

const PRESS: (&str, &str, &str) = (
    "Пресс-служба ДП Кызылординской области",
    "Қызылорда облысы ПД баспасөз қызметі",
    "Press service of the Kyzylorda Region Police Department",
);

/// Creates and publishes an article written by `editor` from `input` (with a body
/// and title added); returns its global id.
async fn published(app: &TestApp, editor: &Account, mut input: Value) -> String {
    input["title"] = json!(format!("Статья {}", uuid::Uuid::now_v7().simple()));
    input["body"] = json!("<p>Текст статьи.</p>");
    if input.get("lang").is_none() {
        input["lang"] = json!("RU");
    }
    let created = app.graphql_as(editor, CREATE, json!({ "i": input })).await;
    let id = data(&created)["createArticle"]["article"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{created}"))
        .to_owned();
    let done = app.graphql_as(editor, PUBLISH, json!({ "id": id })).await;
    assert!(done.get("errors").is_none(), "{done}");
    id
}

fn uuid_of(global: &str) -> String {
    polisia_api::domain::global_id::decode(global)
        .map(|(_, id)| id.to_string())
        .unwrap()
}

#[tokio::test]
async fn a_press_service_signs_in_three_languages_and_staff_sign_with_their_name() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let press = published(
        &app,
        &editor,
        json!({ "byline": { "ru": PRESS.0, "kk": PRESS.1, "en": PRESS.2 }, "section": "NEWS" }),
    )
    .await;
    let staff = published(&app, &editor, json!({})).await;

    let answer = app.graphql(BYLINE, json!({ "id": press })).await;
    let byline = &data(&answer)["article"]["byline"];
    assert_eq!(byline["name"], PRESS.0, "{answer}");
    assert_eq!(byline["kind"], "TEXT");
    assert_eq!(byline["author"], Value::Null);
    assert_eq!(byline["kk"], PRESS.1);
    assert_eq!(byline["en"], PRESS.2);

    let answer = app.graphql(BYLINE, json!({ "id": staff })).await;
    let byline = &data(&answer)["article"]["byline"];
    assert_eq!(byline["name"], "Test user", "{answer}");
    assert_eq!(byline["kind"], "STAFF");
    assert_eq!(byline["author"]["displayName"], "Test user");
    assert_eq!(data(&answer)["article"]["section"], Value::Null);

    // REST: the byline in the article's language, ninjs `by`, JSON-LD `author`.
    let article = app
        .rest_get(&format!("/api/v1/articles/{}", uuid_of(&press)))
        .await;
    let body = article.json();
    assert_eq!(body["byline"], json!({ "name": PRESS.0, "kind": "TEXT" }));
    assert_eq!(body["author"], "Test user", "the author field stays");
    assert_eq!(body["jsonLd"]["author"][0]["@type"], "Organization");
    assert_eq!(body["jsonLd"]["author"][0]["name"], PRESS.0);
    assert_eq!(body["section"]["code"], "NEWS");
    let ninjs = app
        .rest_get(&format!("/api/v1/articles/{}/ninjs", uuid_of(&press)))
        .await;
    assert_eq!(ninjs.json()["by"], PRESS.0);

    let article = app
        .rest_get(&format!("/api/v1/articles/{}", uuid_of(&staff)))
        .await;
    let body = article.json();
    assert_eq!(
        body["byline"],
        json!({ "name": "Test user", "kind": "STAFF" })
    );
    assert_eq!(body["jsonLd"]["author"][0]["@type"], "Person");
    let ninjs = app
        .rest_get(&format!("/api/v1/articles/{}/ninjs", uuid_of(&staff)))
        .await;
    assert_eq!(ninjs.json()["by"], "Test user");

    let list = app.rest_get("/api/v1/articles").await;
    let items = list.json()["items"].as_array().unwrap().clone();
    assert!(
        items
            .iter()
            .any(|a| a["byline"]["name"] == PRESS.0 && a["section"]["slug"] == "news"),
        "{items:?}"
    );

    // Clearing the byline signs the article with the author's name again.
    let version = app
        .graphql_as(
            &editor,
            "query($id: ID!) { article(id: $id) { version } }",
            json!({ "id": press }),
        )
        .await;
    let version = data(&version)["article"]["version"].clone();
    let cleared = app
        .graphql_as(
            &editor,
            "mutation($id: ID!, $i: UpdateArticleInput!) { updateArticle(id: $id, input: $i) { article { byline { name kind } section { code } } } }",
            json!({ "id": press, "i": { "version": version, "byline": null, "section": "missing-persons" } }),
        )
        .await;
    let article = &data(&cleared)["updateArticle"]["article"];
    assert_eq!(
        article["byline"],
        json!({ "name": "Test user", "kind": "STAFF" })
    );
    assert_eq!(article["section"]["code"], "MISSING_PERSONS");
}

#[tokio::test]
async fn a_byline_falls_back_between_languages_like_names() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    // Kazakh article signed in Russian only: Kazakh readers read Russian.
    let ru_only = published(
        &app,
        &editor,
        json!({ "lang": "KK", "byline": { "ru": PRESS.0 } }),
    )
    .await;
    // Kazakh and English only: Russian readers read English, not Kazakh.
    let kk_en = published(
        &app,
        &editor,
        json!({ "lang": "KK", "byline": { "kk": PRESS.1, "en": PRESS.2 } }),
    )
    .await;
    // Russian and Kazakh only: English readers read Russian.
    let ru_kk = published(
        &app,
        &editor,
        json!({ "lang": "EN", "byline": { "ru": PRESS.0, "kk": PRESS.1 } }),
    )
    .await;

    let answer = app.graphql(BYLINE, json!({ "id": ru_only })).await;
    let byline = &data(&answer)["article"]["byline"];
    assert_eq!(byline["name"], PRESS.0, "{answer}");
    assert_eq!(byline["kk"], PRESS.0);
    assert_eq!(byline["en"], PRESS.0);

    let answer = app.graphql(BYLINE, json!({ "id": kk_en })).await;
    let byline = &data(&answer)["article"]["byline"];
    assert_eq!(byline["name"], PRESS.1, "{answer}");
    assert_eq!(byline["ru"], PRESS.2);

    let answer = app.graphql(BYLINE, json!({ "id": ru_kk })).await;
    let byline = &data(&answer)["article"]["byline"];
    assert_eq!(byline["name"], PRESS.0, "{answer}");
    assert_eq!(byline["kk"], PRESS.1);

    // REST gives it in the article's language, with the same fallback.
    let body = app
        .rest_get(&format!("/api/v1/articles/{}", uuid_of(&ru_kk)))
        .await;
    assert_eq!(body.json()["byline"]["name"], PRESS.0);
}

#[tokio::test]
async fn bylines_and_sections_are_checked_and_name_their_field() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let cases = [
        // A Russian article signed only in English.
        (json!({ "byline": { "en": PRESS.2 } }), "input.byline.ru"),
        (
            json!({ "byline": { "ru": PRESS.0, "kk": "я".repeat(301) } }),
            "input.byline.kk",
        ),
        (
            json!({ "byline": { "ru": "две\nстроки" } }),
            "input.byline.ru",
        ),
        (json!({ "section": "SPORT" }), "input.section"),
    ];
    for (extra, field) in cases {
        let mut input = json!({ "lang": "RU", "title": "Заголовок", "body": "<p>Текст.</p>" });
        for (k, v) in extra.as_object().unwrap() {
            input[k] = v.clone();
        }
        let answer = app.graphql_as(&editor, CREATE, json!({ "i": input })).await;
        assert_eq!(error_code(&answer), "BAD_USER_INPUT", "{answer}");
        assert_eq!(
            answer["errors"][0]["extensions"]["field"], field,
            "{answer}"
        );
    }
    // Trimmed when stored.
    let id = published(
        &app,
        &editor,
        json!({ "byline": { "ru": format!("  {}  ", PRESS.0) } }),
    )
    .await;
    let answer = app.graphql(BYLINE, json!({ "id": id })).await;
    assert_eq!(data(&answer)["article"]["byline"]["name"], PRESS.0);
}

#[tokio::test]
async fn sections_form_a_tree_and_a_section_lists_its_descendants() {
    let app = TestApp::spawn().await;
    let db = app.conn();
    let wanted = NewArticle::published("Разыскивается подозреваемый", 10)
        .section(Section::Wanted)
        .insert(db)
        .await;
    let missing = NewArticle::published("Пропал подросток", 20)
        .section(Section::MissingPersons)
        .insert(db)
        .await;
    let searches = NewArticle::published("Итоги розыска за месяц", 30)
        .section(Section::Searches)
        .insert(db)
        .await;
    NewArticle::published("Новости дня", 40)
        .section(Section::News)
        .insert(db)
        .await;
    NewArticle::published("Без раздела", 50).insert(db).await;

    // The tree over GraphQL.
    let tree = app
        .graphql(
            "{ sections { code slug name(lang: KK) parent { code } children { code slug name parent { code } } } }",
            json!({}),
        )
        .await;
    let roots = data(&tree)["sections"].as_array().unwrap().clone();
    let codes: Vec<&str> = roots.iter().map(|s| s["code"].as_str().unwrap()).collect();
    assert!(
        codes.contains(&"NEWS") && codes.contains(&"ROAD_SAFETY"),
        "{codes:?}"
    );
    assert!(
        !codes.contains(&"WANTED"),
        "children are not roots: {codes:?}"
    );
    let search = roots.iter().find(|s| s["code"] == "SEARCHES").unwrap();
    assert_eq!(search["name"], "Іздестіру");
    assert_eq!(search["parent"], Value::Null);
    assert_eq!(
        search["children"],
        json!([
            { "code": "WANTED", "slug": "wanted", "name": "Разыскиваются", "parent": { "code": "SEARCHES" } },
            { "code": "MISSING_PERSONS", "slug": "missing-persons", "name": "Без вести пропавшие", "parent": { "code": "SEARCHES" } },
        ])
    );

    // The list of a section holds its subsections; a leaf holds itself only.
    let list = "query($s: String, $f: ArticleFilterInput) { articles(section: $s, filter: $f) { totalCount edges { node { title section { code } } } } }";
    let titles = |answer: &Value| -> Vec<String> {
        data(answer)["articles"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["title"].as_str().unwrap().to_owned())
            .collect()
    };
    let answer = app.graphql(list, json!({ "s": "SEARCHES" })).await;
    assert_eq!(
        titles(&answer),
        [&*wanted.title, &*missing.title, &*searches.title],
        "{answer}"
    );
    assert_eq!(data(&answer)["articles"]["totalCount"], 3);
    let answer = app
        .graphql(list, json!({ "f": { "section": "missing-persons" } }))
        .await;
    assert_eq!(titles(&answer), [&*missing.title], "{answer}");

    let answer = app.graphql(list, json!({ "s": "sport" })).await;
    assert_eq!(error_code(&answer), "BAD_USER_INPUT", "{answer}");
    assert_eq!(answer["errors"][0]["extensions"]["field"], "section");
    let answer = app
        .graphql(list, json!({ "f": { "section": "sport" } }))
        .await;
    assert_eq!(answer["errors"][0]["extensions"]["field"], "filter.section");

    // REST: the tree, the filter, the refusal.
    let tree = app.rest_get("/api/v1/sections?lang=en").await;
    let items = tree.json()["items"].as_array().unwrap().clone();
    let search = items.iter().find(|s| s["code"] == "SEARCHES").unwrap();
    assert_eq!(search["name"], "Searches");
    assert_eq!(search["children"][1]["slug"], "missing-persons");
    assert_eq!(search["children"][1]["parent"], "SEARCHES");
    assert_eq!(tree.json()["nextCursor"], Value::Null);

    let list = app.rest_get("/api/v1/articles?section=searches").await;
    let titles: Vec<&str> = list.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, [&*wanted.title, &*missing.title, &*searches.title]);
    let list = app.rest_get("/api/v1/articles?section=WANTED").await;
    assert_eq!(list.json()["items"][0]["section"]["code"], "WANTED");
    assert_eq!(list.json()["items"].as_array().unwrap().len(), 1);

    let refused = app.rest_get("/api/v1/articles?section=sport").await;
    assert_eq!(refused.status, 400, "{}", refused.text());
    assert_eq!(refused.json()["errors"][0]["field"], "section");
}

#[tokio::test]
async fn a_page_asking_bylines_and_sections_costs_the_same_statements_for_5_and_20() {
    let app = TestApp::spawn().await;
    polisia_api::seed::bulk::generate(app.conn(), 40, 2, app.clock.now())
        .await
        .unwrap();
    let query = "query($first: Int) { articles(first: $first) { edges { node { id byline { name kind author { displayName } } section { code name parent { code } children { code } } } } } }";
    let mut counts = Vec::new();
    for first in [5, 20] {
        let before = app.state.db.statements.get();
        let answer = app.graphql(query, json!({ "first": first })).await;
        counts.push(app.state.db.statements.get() - before);
        let edges = data(&answer)["articles"]["edges"].as_array().unwrap();
        assert_eq!(edges.len(), first, "{answer}");
        assert!(edges.iter().all(|e| e["node"]["byline"]["kind"] == "STAFF"
            && !e["node"]["byline"]["name"].as_str().unwrap().is_empty()));
    }
    assert_eq!(counts[0], counts[1], "statements for 5 and 20: {counts:?}");
    assert!(
        counts[1] <= 4,
        "a page and one batch of authors: {counts:?}"
    );
}

const FEATURE: &str = "mutation($id: ID!, $p: Int) { setFeaturedPosition(id: $id, position: $p) { article { id featuredPosition } } }";

#[tokio::test]
async fn featured_articles_come_by_place_and_a_taken_place_changes_hands() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let author = app.account(Role::Author).await;
    let first = published(&app, &editor, json!({})).await;
    let second = published(&app, &editor, json!({})).await;
    let third = published(&app, &editor, json!({})).await;
    let kazakh = published(&app, &editor, json!({ "lang": "KK" })).await;
    for (id, place) in [(&second, 2), (&first, 1), (&third, 3), (&kazakh, 1)] {
        let done = app
            .graphql_as(&editor, FEATURE, json!({ "id": id, "p": place }))
            .await;
        assert_eq!(
            data(&done)["setFeaturedPosition"]["article"]["featuredPosition"],
            place
        );
    }
    let front = "query($l: Language) { featured(lang: $l) { id featuredPosition } }";
    let ids = |answer: &Value| -> Vec<String> {
        data(answer)["featured"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let answer = app.graphql(front, json!({ "l": "RU" })).await;
    assert_eq!(ids(&answer), [&*first, &*second, &*third], "{answer}");
    let answer = app.graphql(front, json!({ "l": "KK" })).await;
    assert_eq!(ids(&answer), [&*kazakh], "one front page per language");

    // An author may not arrange the front page; nothing moves.
    let refused = app
        .graphql_as(&author, FEATURE, json!({ "id": third, "p": 1 }))
        .await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    // Out of range.
    let refused = app
        .graphql_as(&editor, FEATURE, json!({ "id": third, "p": 21 }))
        .await;
    assert_eq!(refused["errors"][0]["extensions"]["field"], "position");

    // Taking a place that is held takes the holder off the front page.
    app.graphql_as(&editor, FEATURE, json!({ "id": third, "p": 1 }))
        .await;
    let answer = app.graphql(front, json!({ "l": "RU" })).await;
    assert_eq!(ids(&answer), [&*third, &*second], "{answer}");
    let answer = app
        .graphql(
            "query($id: ID!) { article(id: $id) { featuredPosition } }",
            json!({ "id": first }),
        )
        .await;
    assert_eq!(data(&answer)["article"]["featuredPosition"], Value::Null);

    // Filters and REST.
    let answer = app
        .graphql(
            "{ yes: articles(featured: true, lang: RU) { totalCount } no: articles(filter: { featured: false, lang: RU }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(data(&answer)["yes"]["totalCount"], 2, "{answer}");
    assert_eq!(data(&answer)["no"]["totalCount"], 1);
    let rest = app.rest_get("/api/v1/articles/featured?lang=ru").await;
    let rest_ids: Vec<&str> = rest.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(rest_ids, [uuid_of(&third), uuid_of(&second)]);
    let rest = app.rest_get("/api/v1/articles?featured=true&lang=ru").await;
    assert_eq!(rest.json()["items"].as_array().unwrap().len(), 2);

    // Taking an article off the front page, and the changes on the bus.
    app.graphql_as(&editor, FEATURE, json!({ "id": third, "p": null }))
        .await;
    let answer = app.graphql(front, json!({ "l": "RU" })).await;
    assert_eq!(ids(&answer), [&*second]);
    let changes = polisia_api::entity::change::Entity::find()
        .all(app.conn())
        .await
        .unwrap();
    let first_uuid = uuid::Uuid::parse_str(&uuid_of(&first)).unwrap();
    // Featured, then displaced: each recorded as a change of the article.
    let updates = changes
        .iter()
        .filter(|c| c.entity_id == first_uuid && c.kind == ChangeKind::ArticleUpdated)
        .count();
    assert_eq!(updates, 2, "{changes:?}");
}

#[tokio::test]
async fn no_article_takes_the_slug_of_the_front_page_route() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let created = app
        .graphql_as(
            &editor,
            CREATE,
            json!({ "i": { "lang": "EN", "title": "Featured", "body": "<p>Text.</p>" } }),
        )
        .await;
    let article = &data(&created)["createArticle"]["article"];
    // `/articles/featured` is the front page: the article's own address must differ.
    assert_eq!(article["slug"], "featured-2", "{created}");
    let id = article["id"].as_str().unwrap();
    let done = app.graphql_as(&editor, PUBLISH, json!({ "id": id })).await;
    assert!(done.get("errors").is_none(), "{done}");
    let shown = app.rest_get("/api/v1/articles/featured-2").await;
    assert_eq!(shown.status, 200);
    assert_eq!(shown.json()["id"], uuid_of(id).as_str());
    let front = app.rest_get("/api/v1/articles/featured?lang=en").await;
    assert_eq!(front.status, 200);
    assert!(front.json()["items"].is_array(), "{:?}", front.body);
}

#[tokio::test]
async fn search_finds_an_article_by_its_byline_in_each_language() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let press = published(
        &app,
        &editor,
        json!({ "byline": { "ru": PRESS.0, "kk": PRESS.1, "en": PRESS.2 } }),
    )
    .await;
    published(&app, &editor, json!({})).await;
    for query in ["пресс-служба", "баспасөз", "press service"] {
        let found = crate::search::search(&app, query, json!({})).await;
        let hits: Vec<&str> = data(&found)["search"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["id"].as_str().unwrap())
            .collect();
        assert_eq!(hits, [press.as_str()], "{query}: {found}");
    }
}

#[tokio::test]
async fn the_demo_lists_wanted_and_missing_persons_in_three_languages() {
    let app = TestApp::spawn_with_demo().await;
    let list = "query($s: String) { articles(section: $s, first: 50) { edges { node { lang section { code } } } } }";
    for (code, slug) in [("WANTED", "wanted"), ("MISSING_PERSONS", "missing-persons")] {
        let answer = app.graphql(list, json!({ "s": code })).await;
        let nodes: Vec<Value> = data(&answer)["articles"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"].clone())
            .collect();
        assert!(
            nodes.iter().all(|n| n["section"]["code"] == code),
            "{answer}"
        );
        let mut langs: Vec<&str> = nodes.iter().map(|n| n["lang"].as_str().unwrap()).collect();
        langs.sort_unstable();
        langs.dedup();
        assert_eq!(langs, ["EN", "KK", "RU"], "{code}");
        let rest = app
            .rest_get(&format!("/api/v1/articles?section={slug}"))
            .await;
        assert_eq!(rest.status, 200, "{}", rest.text());
        assert_eq!(
            rest.json()["items"].as_array().unwrap().len(),
            nodes.len(),
            "{slug}"
        );
    }
    // Their parent lists them all.
    let answer = app.graphql(list, json!({ "s": "SEARCHES" })).await;
    assert_eq!(
        data(&answer)["articles"]["edges"].as_array().unwrap().len(),
        6
    );
}
