//! `search`: morphology in three languages, query syntax, ranking, snippets,
//! visibility, paging, and errors.

use polisia_api::domain::Role;
use serde_json::{Value, json};

use crate::helpers::{Account, TestApp, data, error_code};

pub(crate) const SEARCH: &str = r#"query($q: String!, $first: Int, $after: String, $lang: Language, $filter: SearchFilter) {
  search(query: $q, first: $first, after: $after, lang: $lang, filter: $filter) {
    totalCount
    edges {
      cursor rank snippet
      node {
        __typename
        ... on Article { id title }
        ... on Meeting { id title }
        ... on Participant { id fullNameRu }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}"#;

/// Creates and publishes an article through the editorial API; returns its id.
pub(crate) async fn publish(
    app: &TestApp,
    editor: &Account,
    lang: &str,
    title: &str,
    body: &str,
) -> String {
    let created = app
        .graphql_as(
            editor,
            "mutation($lang: Language!, $title: String!, $body: String!) {
               createArticle(input: { lang: $lang, title: $title, body: $body }) { article { id } }
             }",
            json!({ "lang": lang, "title": title, "body": format!("<p>{body}</p>") }),
        )
        .await;
    let id = data(&created)["createArticle"]["article"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("article created: {created}"))
        .to_owned();
    let published = app
        .graphql_as(
            editor,
            "mutation($id: ID!) { publishArticle(id: $id) { article { id } } }",
            json!({ "id": id }),
        )
        .await;
    assert!(published["errors"].is_null(), "{published}");
    id
}

pub(crate) async fn search(app: &TestApp, q: &str, vars: Value) -> Value {
    let mut vars = vars;
    vars["q"] = json!(q);
    app.graphql(SEARCH, vars).await
}

/// The titles (or names) of the hits, best first.
pub(crate) fn titles(response: &Value) -> Vec<String> {
    let edges = data(response)["search"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("a search result: {response}"));
    edges
        .iter()
        .map(|e| {
            let node = &e["node"];
            node["title"]
                .as_str()
                .or(node["fullNameRu"].as_str())
                .unwrap()
                .to_owned()
        })
        .collect()
}

pub(crate) fn sorted(mut titles: Vec<String>) -> Vec<String> {
    titles.sort();
    titles
}

pub(crate) async fn editor(app: &TestApp) -> Account {
    app.account(Role::Editor).await
}

#[tokio::test]
async fn russian_words_find_their_inflected_forms() {
    let app = TestApp::spawn().await;
    let ed = editor(&app).await;
    publish(
        &app,
        &ed,
        "RU",
        "Брифинг в департаменте",
        "Сотрудники полиции провели рейд.",
    )
    .await;
    publish(
        &app,
        &ed,
        "RU",
        "Приём граждан",
        "Жители поблагодарили полицию за работу.",
    )
    .await;
    publish(&app, &ed, "RU", "Ёлочный базар", "Продажа ёлок началась.").await;
    let found = search(&app, "полиция", json!({})).await;
    assert_eq!(
        sorted(titles(&found)),
        ["Брифинг в департаменте", "Приём граждан"]
    );
    // ё and е are one letter, and case does not matter.
    let found = search(&app, "ЕЛОК", json!({})).await;
    assert_eq!(titles(&found), ["Ёлочный базар"]);
}

#[tokio::test]
async fn kazakh_case_and_possessive_endings_are_ignored() {
    let app = TestApp::spawn().await;
    let ed = editor(&app).await;
    publish(
        &app,
        &ed,
        "KK",
        "Облысының жаңалықтары",
        "Қызылорда облысының тұрғындары.",
    )
    .await;
    publish(
        &app,
        &ed,
        "KK",
        "Жиын өтті",
        "Кеңес облысында өтті, полициясы қатысты.",
    )
    .await;
    publish(&app, &ed, "KK", "Спорт", "Жарыс басталды.").await;
    let kk = json!({ "lang": "KK" });
    let found = search(&app, "облыс", kk.clone()).await;
    assert_eq!(
        sorted(titles(&found)),
        ["Жиын өтті", "Облысының жаңалықтары"]
    );
    let found = search(&app, "полиция", kk).await;
    assert_eq!(titles(&found), ["Жиын өтті"]);
}

#[tokio::test]
async fn english_words_are_stemmed() {
    let app = TestApp::spawn().await;
    let ed = editor(&app).await;
    publish(
        &app,
        &ed,
        "EN",
        "Night patrolling in Astana",
        "Officers on duty.",
    )
    .await;
    publish(&app, &ed, "EN", "New cars", "A patrol car was handed over.").await;
    publish(
        &app,
        &ed,
        "EN",
        "Road safety",
        "Drivers were reminded of the rules.",
    )
    .await;
    let found = search(&app, "patrols", json!({ "lang": "EN" })).await;
    assert_eq!(
        sorted(titles(&found)),
        ["New cars", "Night patrolling in Astana"]
    );
}

#[tokio::test]
async fn phrases_and_exclusions_follow_websearch_syntax() {
    let app = TestApp::spawn().await;
    let ed = editor(&app).await;
    publish(
        &app,
        &ed,
        "RU",
        "Фраза",
        "Работа дорожной полиции на трассе.",
    )
    .await;
    publish(
        &app,
        &ed,
        "RU",
        "Врозь",
        "Дорожной службе помогли сотрудники полиции.",
    )
    .await;
    publish(
        &app,
        &ed,
        "RU",
        "Мошенники",
        "Сотрудники дорожной полиции предупредили о мошенничестве.",
    )
    .await;
    let found = search(&app, "\"дорожной полиции\"", json!({})).await;
    assert_eq!(sorted(titles(&found)), ["Мошенники", "Фраза"]);
    let found = search(&app, "полиции -мошенничество", json!({})).await;
    assert_eq!(sorted(titles(&found)), ["Врозь", "Фраза"]);
    let found = search(&app, "трассе OR мошенничество", json!({})).await;
    assert_eq!(sorted(titles(&found)), ["Мошенники", "Фраза"]);
}

#[tokio::test]
async fn a_title_match_outranks_a_body_match() {
    let app = TestApp::spawn().await;
    let ed = editor(&app).await;
    publish(
        &app,
        &ed,
        "RU",
        "Итоги недели",
        "В области прошёл рейд по дорогам.",
    )
    .await;
    publish(
        &app,
        &ed,
        "RU",
        "Рейд на дорогах",
        "Итоги подвели в департаменте.",
    )
    .await;
    let found = search(&app, "рейд", json!({})).await;
    assert_eq!(titles(&found), ["Рейд на дорогах", "Итоги недели"]);
    let edges = &data(&found)["search"]["edges"];
    assert!(edges[0]["rank"].as_f64().unwrap() > edges[1]["rank"].as_f64().unwrap());
}

#[tokio::test]
async fn snippets_escape_hostile_text_and_mark_matches() {
    let app = TestApp::spawn().await;
    let ed = editor(&app).await;
    publish(
        &app,
        &ed,
        "RU",
        "<script>alert('x')</script> Полиция",
        "&lt;script&gt;alert(1)&lt;/script&gt; полиция & <b>жирный</b> текст",
    )
    .await;
    let found = search(&app, "полиция", json!({})).await;
    let snippet = data(&found)["search"]["edges"][0]["snippet"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(snippet.contains("&lt;script&gt;"), "{snippet}");
    assert!(snippet.contains("<mark>"), "{snippet}");
    let rest = snippet.replace("<mark>", "").replace("</mark>", "");
    assert!(!rest.contains('<') && !rest.contains('>'), "{snippet}");
}

#[tokio::test]
async fn an_empty_query_is_refused_and_odd_ones_are_not() {
    let app = TestApp::spawn().await;
    let ed = editor(&app).await;
    publish(&app, &ed, "RU", "Полиция", "Текст").await;
    for empty in ["", "   \t "] {
        let response = search(&app, empty, json!({})).await;
        assert_eq!(error_code(&response), "BAD_USER_INPUT");
        assert_eq!(response["errors"][0]["extensions"]["field"], "query");
    }
    let long = "полиция ".repeat(125);
    let odd = [
        long.as_str(),
        "- OR \" * : ( ) & | ! ^ NEAR",
        "\"полиция",
        "-полиция",
        "полиция OR",
        "' ; DROP TABLE articles; --",
        "col:полиция*",
    ];
    for q in odd {
        let response = search(&app, q, json!({})).await;
        assert!(response["errors"].is_null(), "{q}: {response}");
    }
    assert_eq!(titles(&search(&app, &long, json!({})).await), ["Полиция"]);
}

#[tokio::test]
async fn people_and_meetings_are_found_by_name_and_title() {
    let app = TestApp::spawn().await;
    let ed = editor(&app).await;
    let region = app
        .graphql(r#"{ region(code: "KZ-43") { id } }"#, json!({}))
        .await;
    let region = data(&region)["region"]["id"].clone();
    let person = app
        .graphql_as(
            &ed,
            r#"mutation { createParticipant(input: { fullName: "Ерманов Нурмурат", position: "Председатель совета" }) { participant { id } } }"#,
            json!({}),
        )
        .await;
    assert!(person["errors"].is_null(), "{person}");
    let meeting = app
        .graphql_as(
            &ed,
            r#"mutation($r: ID!) { createMeeting(input: { title: "Заседание общественного совета", body: "Обсудили концепцию", kind: ADVISORY_COUNCIL, heldOn: "2026-04-05", regionId: $r }) { meeting { id } } }"#,
            json!({ "r": region }),
        )
        .await;
    assert!(meeting["errors"].is_null(), "{meeting}");
    let found = search(&app, "ерманов", json!({})).await;
    assert_eq!(titles(&found), ["Ерманов Нурмурат"]);
    assert_eq!(
        data(&found)["search"]["edges"][0]["node"]["__typename"],
        "Participant"
    );
    let found = search(&app, "заседания совета", json!({})).await;
    assert_eq!(titles(&found), ["Заседание общественного совета"]);
    let only_people = search(
        &app,
        "совета",
        json!({ "filter": { "kinds": ["PARTICIPANT"] } }),
    )
    .await;
    assert_eq!(titles(&only_people), ["Ерманов Нурмурат"]);
}
