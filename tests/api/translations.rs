//! Meetings, agenda items and tags in Russian, Kazakh and English: what editors
//! give, what GraphQL, REST and feeds answer in each language (with the fallbacks of
//! names: Kazakh → Russian → English, Russian → English, English → Russian), what
//! search finds, and who may rename a tag.

use polisia_api::domain::Role;
use serde_json::{Value, json};

use crate::{
    graphql_editorial::cell,
    helpers::{Account, TestApp, data, error_code},
    search::{search, titles},
};

const CREATE_MEETING: &str =
    "mutation($i: CreateMeetingInput!) { createMeeting(input: $i) { meeting { id slug } } }";

const MEETING: &str = r#"query($id: ID!, $lang: Language) { meeting(id: $id) {
  title titleRu titleKk titleEn kk: title(lang: KK) en: title(lang: EN) asked: title(lang: $lang)
  body(lang: $lang) venue(lang: $lang) venueKk
  agenda { title(lang: $lang) titleKk description(lang: $lang) }
} }"#;

async fn region(app: &TestApp) -> Value {
    data(
        &app.graphql(r#"{ region(code: "KZ-55") { id } }"#, json!({}))
            .await,
    )["region"]["id"]
        .clone()
}

/// A hearing with its title in three languages, its body in Russian and English,
/// its venue in Russian alone, and an agenda item translated to Kazakh only.
async fn hearing(app: &TestApp, editor: &Account) -> (String, String) {
    let made = app
        .graphql_as(
            editor,
            CREATE_MEETING,
            json!({ "i": {
                "title": "Слушания о детских площадках Экибастуза",
                "titleKk": "Екібастұздың балалар алаңдары туралы тыңдаулар",
                "titleEn": "Hearing on Ekibastuz playgrounds",
                "body": "Общественный совет Экибастуза",
                "bodyEn": "Ekibastuz Public Council",
                "kind": "PUBLIC_HEARING",
                "heldOn": "2026-05-14",
                "regionId": region(app).await,
                "venue": "Дворец культуры шахтёров",
                "agenda": [{
                    "title": "Ограждения и освещение",
                    "titleKk": "Қоршаулар мен жарықтандыру",
                    "description": "Какие площадки проверить первыми.",
                    "descriptionEn": "Which playgrounds to inspect first."
                }]
            } }),
        )
        .await;
    let meeting = &data(&made)["createMeeting"]["meeting"];
    (
        meeting["id"].as_str().unwrap().to_owned(),
        meeting["slug"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn a_meeting_reads_in_the_language_asked_with_the_fallbacks_of_names() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let (id, slug) = hearing(&app, &editor).await;

    let kk = app
        .graphql(MEETING, json!({ "id": id, "lang": "KK" }))
        .await;
    let m = &data(&kk)["meeting"];
    assert_eq!(m["titleRu"], "Слушания о детских площадках Экибастуза");
    assert_eq!(
        m["titleKk"],
        "Екібастұздың балалар алаңдары туралы тыңдаулар"
    );
    assert_eq!(m["asked"], m["titleKk"]);
    assert_eq!(m["en"], "Hearing on Ekibastuz playgrounds");
    // No Kazakh body: Russian next.
    assert_eq!(m["body"], "Общественный совет Экибастуза");
    assert_eq!(m["venue"], "Дворец культуры шахтёров");
    assert_eq!(m["venueKk"], Value::Null);
    assert_eq!(m["agenda"][0]["title"], "Қоршаулар мен жарықтандыру");
    assert_eq!(
        m["agenda"][0]["description"],
        "Какие площадки проверить первыми."
    );

    let en = app
        .graphql(MEETING, json!({ "id": id, "lang": "EN" }))
        .await;
    let m = &data(&en)["meeting"];
    assert_eq!(m["body"], "Ekibastuz Public Council");
    // No English venue: Russian.
    assert_eq!(m["venue"], "Дворец культуры шахтёров");
    assert_eq!(m["agenda"][0]["title"], "Ограждения и освещение");
    assert_eq!(
        m["agenda"][0]["description"],
        "Which playgrounds to inspect first."
    );

    // Without `lang`, the request's Accept-Language decides; without either, Russian.
    let by_header = app
        .graphql_with(
            MEETING,
            json!({ "id": id }),
            &[("accept-language", "en-GB,en;q=0.9")],
        )
        .await;
    assert_eq!(
        data(&by_header)["meeting"]["title"],
        "Hearing on Ekibastuz playgrounds"
    );
    let plain = app.graphql(MEETING, json!({ "id": id })).await;
    assert_eq!(
        data(&plain)["meeting"]["title"],
        "Слушания о детских площадках Экибастуза"
    );

    // REST answers the same texts in the same languages.
    let rest = app
        .rest_get(&format!("/api/v1/meetings/{slug}?lang=kk"))
        .await;
    assert_eq!(rest.status, 200, "{}", rest.text());
    let m = rest.json();
    assert_eq!(m["title"], "Екібастұздың балалар алаңдары туралы тыңдаулар");
    assert_eq!(m["body"], "Общественный совет Экибастуза");
    assert_eq!(m["agenda"][0]["title"], "Қоршаулар мен жарықтандыру");
    let rest = app
        .rest_get_with(
            &format!("/api/v1/meetings/{slug}"),
            &[("accept-language", "en")],
        )
        .await;
    let m = rest.json();
    assert_eq!(m["title"], "Hearing on Ekibastuz playgrounds");
    assert_eq!(
        m["agenda"][0]["description"],
        "Which playgrounds to inspect first."
    );
    assert!(
        rest.header("vary")
            .to_ascii_lowercase()
            .contains("accept-language")
    );
    let list = app.rest_get("/api/v1/meetings?lang=en").await;
    assert_eq!(list.json()["items"][0]["body"], "Ekibastuz Public Council");

    // Clearing a translation brings the fallback back; a bad one names its field.
    let cleared = app
        .graphql_as(
            &editor,
            "mutation($id: ID!) { updateMeeting(id: $id, input: { titleEn: null, venueKk: \"Шахтерлер мәдениет сарайы\" }) { meeting { en: title(lang: EN) kk: venue(lang: KK) } } }",
            json!({ "id": id }),
        )
        .await;
    let m = &data(&cleared)["updateMeeting"]["meeting"];
    assert_eq!(m["en"], "Слушания о детских площадках Экибастуза");
    assert_eq!(m["kk"], "Шахтерлер мәдениет сарайы");
    let bad = app
        .graphql_as(
            &editor,
            "mutation($id: ID!) { updateMeeting(id: $id, input: { bodyKk: \"бір\\nекі\" }) { meeting { id } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(error_code(&bad), "BAD_USER_INPUT", "{bad}");
    assert_eq!(
        bad["errors"][0]["extensions"]["field"], "input.bodyKk",
        "{bad}"
    );
}

#[tokio::test]
async fn search_finds_a_meeting_by_its_kazakh_and_english_titles() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    hearing(&app, &editor).await;
    for query in ["Екібастұздың", "playgrounds", "детских площадках"] {
        let found = search(&app, query, json!({})).await;
        assert_eq!(
            titles(&found),
            ["Слушания о детских площадках Экибастуза"],
            "{query}: {found}"
        );
    }
}

const CREATE_TAG: &str = "mutation($n: String!, $kk: String, $en: String) { createTag(name: $n, nameKk: $kk, nameEn: $en) { tag { id slug name nameKk nameEn } } }";

#[tokio::test]
async fn a_tag_is_named_in_its_articles_language_everywhere() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let made = app
        .graphql_as(
            &editor,
            CREATE_TAG,
            json!({ "n": "Безопасность на воде", "kk": "Судағы қауіпсіздік" }),
        )
        .await;
    let tag = &data(&made)["createTag"]["tag"];
    assert_eq!(tag["slug"], "bezopasnost-na-vode");
    assert_eq!(tag["nameEn"], Value::Null);
    let tag_id = tag["id"].as_str().unwrap().to_owned();

    let created = app
        .graphql_as(
            &editor,
            crate::graphql_editorial::CREATE_ARTICLE,
            json!({ "i": { "lang": "KK", "title": "Жағажайда құтқарушылар кезекшілік етеді", "body": "<p>Мәтін</p>", "tags": ["bezopasnost-na-vode"] } }),
        )
        .await;
    let article = data(&created)["createArticle"]["article"].clone();
    app.graphql_as(
        &editor,
        "mutation($id: ID!) { publishArticle(id: $id) { article { id } } }",
        json!({ "id": article["id"] }),
    )
    .await;

    // Under a Kazakh article the tag is Kazakh, whatever the request asks.
    let read = app
        .graphql_with(
            "query($id: ID!) { node(id: $id) { ... on Article { tags { name en: name(lang: EN) } } } }",
            json!({ "id": article["id"] }),
            &[("accept-language", "en")],
        )
        .await;
    let tags = &data(&read)["node"]["tags"];
    assert_eq!(tags[0]["name"], "Судағы қауіпсіздік");
    // No English name: Russian.
    assert_eq!(tags[0]["en"], "Безопасность на воде");
    let rest = app
        .rest_get(&format!(
            "/api/v1/articles/{}",
            article["slug"].as_str().unwrap()
        ))
        .await;
    assert_eq!(
        rest.json()["tags"][0]["name"],
        "Судағы қауіпсіздік",
        "{}",
        rest.text()
    );
    let feed = app.rest_get("/feeds/feed.json?lang=kk").await;
    assert_eq!(feed.json()["items"][0]["tags"][0], "Судағы қауіпсіздік");

    // Renamed, the slug stays and search finds the article by the new names.
    let renamed = app
        .graphql_as(
            &editor,
            "mutation($id: ID!) { updateTag(id: $id, input: { nameEn: \"Water safety\", nameKk: null }) { tag { slug name(lang: KK) nameEn } } }",
            json!({ "id": tag_id }),
        )
        .await;
    let tag = &data(&renamed)["updateTag"]["tag"];
    assert_eq!(tag["slug"], "bezopasnost-na-vode");
    assert_eq!(tag["name"], "Безопасность на воде");
    assert_eq!(tag["nameEn"], "Water safety");
    let found = search(&app, "water", json!({})).await;
    assert_eq!(
        titles(&found),
        ["Жағажайда құтқарушылар кезекшілік етеді"],
        "{found}"
    );

    let bad = app
        .graphql_as(
            &editor,
            "mutation($id: ID!) { updateTag(id: $id, input: { nameEn: \"x\\ny\" }) { tag { id } } }",
            json!({ "id": tag_id }),
        )
        .await;
    assert_eq!(
        bad["errors"][0]["extensions"]["field"], "input.nameEn",
        "{bad}"
    );
}

#[tokio::test]
async fn only_editors_and_admins_rename_tags() {
    use Role::*;
    let app = TestApp::spawn().await;
    let editor = app.account(Editor).await;
    let made = app
        .graphql_as(&editor, CREATE_TAG, json!({ "n": "Патрули" }))
        .await;
    let id = data(&made)["createTag"]["tag"]["id"].clone();
    cell(
        &app,
        "updateTag",
        &[Editor, Admin],
        "mutation($id: ID!) { updateTag(id: $id, input: { nameKk: \"Патрульдер\" }) { tag { id } } }",
        || json!({ "id": id }),
    )
    .await;
    let counter = std::sync::atomic::AtomicUsize::new(0);
    cell(
        &app,
        "createTag (translated)",
        &[Editor, Admin],
        CREATE_TAG,
        || {
            let n = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            json!({ "n": format!("Рейды {n}"), "en": format!("Raids {n}") })
        },
    )
    .await;
}
