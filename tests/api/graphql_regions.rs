//! `regions` and `region`: the reference data every installation starts with.

use serde_json::{Value, json};

use crate::helpers::{TestApp, data, error_code};

/// ISO 3166-2:KZ as the portal uses it: (code, kind, English, Russian, Kazakh).
const EXPECTED: [(&str, &str, &str, &str, &str); 20] = [
    (
        "KZ-10",
        "OBLAST",
        "Abai Region",
        "Абайская область",
        "Абай облысы",
    ),
    (
        "KZ-11",
        "OBLAST",
        "Akmola Region",
        "Акмолинская область",
        "Ақмола облысы",
    ),
    (
        "KZ-15",
        "OBLAST",
        "Aktobe Region",
        "Актюбинская область",
        "Ақтөбе облысы",
    ),
    (
        "KZ-19",
        "OBLAST",
        "Almaty Region",
        "Алматинская область",
        "Алматы облысы",
    ),
    (
        "KZ-23",
        "OBLAST",
        "Atyrau Region",
        "Атырауская область",
        "Атырау облысы",
    ),
    (
        "KZ-27",
        "OBLAST",
        "West Kazakhstan Region",
        "Западно-Казахстанская область",
        "Батыс Қазақстан облысы",
    ),
    (
        "KZ-31",
        "OBLAST",
        "Jambyl Region",
        "Жамбылская область",
        "Жамбыл облысы",
    ),
    (
        "KZ-33",
        "OBLAST",
        "Jetisu Region",
        "Жетысуская область",
        "Жетісу облысы",
    ),
    (
        "KZ-35",
        "OBLAST",
        "Karaganda Region",
        "Карагандинская область",
        "Қарағанды облысы",
    ),
    (
        "KZ-39",
        "OBLAST",
        "Kostanay Region",
        "Костанайская область",
        "Қостанай облысы",
    ),
    (
        "KZ-43",
        "OBLAST",
        "Kyzylorda Region",
        "Кызылординская область",
        "Қызылорда облысы",
    ),
    (
        "KZ-47",
        "OBLAST",
        "Mangystau Region",
        "Мангистауская область",
        "Маңғыстау облысы",
    ),
    (
        "KZ-55",
        "OBLAST",
        "Pavlodar Region",
        "Павлодарская область",
        "Павлодар облысы",
    ),
    (
        "KZ-59",
        "OBLAST",
        "North Kazakhstan Region",
        "Северо-Казахстанская область",
        "Солтүстік Қазақстан облысы",
    ),
    (
        "KZ-61",
        "OBLAST",
        "Turkistan Region",
        "Туркестанская область",
        "Түркістан облысы",
    ),
    (
        "KZ-62",
        "OBLAST",
        "Ulytau Region",
        "Улытауская область",
        "Ұлытау облысы",
    ),
    (
        "KZ-63",
        "OBLAST",
        "East Kazakhstan Region",
        "Восточно-Казахстанская область",
        "Шығыс Қазақстан облысы",
    ),
    ("KZ-71", "CITY", "Astana", "Астана", "Астана"),
    ("KZ-75", "CITY", "Almaty", "Алматы", "Алматы"),
    ("KZ-79", "CITY", "Shymkent", "Шымкент", "Шымкент"),
];

#[tokio::test]
async fn a_new_database_has_the_twenty_regions_with_exact_codes_and_names() {
    let app = TestApp::spawn().await;
    let response = app
        .graphql(
            "{ regions { code kind nameEn nameRu nameKk slug } }",
            json!({}),
        )
        .await;
    let mut regions: Vec<Value> = data(&response)["regions"].as_array().unwrap().clone();
    assert_eq!(regions.len(), 20);
    regions.sort_by(|a, b| a["code"].as_str().cmp(&b["code"].as_str()));
    for (region, (code, kind, en, ru, kk)) in regions.iter().zip(EXPECTED) {
        assert_eq!(region["code"], code);
        assert_eq!(region["kind"], kind);
        assert_eq!(region["nameEn"], en);
        assert_eq!(region["nameRu"], ru);
        assert_eq!(region["nameKk"], kk);
        let slug = region["slug"].as_str().unwrap();
        assert!(
            !slug.is_empty() && slug.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{slug}"
        );
    }
}

#[tokio::test]
async fn regions_filter_by_kind() {
    let app = TestApp::spawn().await;
    let response = app
        .graphql("{ regions(kind: CITY) { code } }", json!({}))
        .await;
    let codes: Vec<&str> = data(&response)["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["KZ-71", "KZ-75", "KZ-79"]);
    let response = app
        .graphql("{ regions(kind: OBLAST) { code } }", json!({}))
        .await;
    assert_eq!(data(&response)["regions"].as_array().unwrap().len(), 17);
}

#[tokio::test]
async fn a_region_is_found_by_code_slug_and_id() {
    let app = TestApp::spawn().await;
    let by_code = app
        .graphql(r#"{ region(code: "kz-43") { id slug nameRu } }"#, json!({}))
        .await;
    let region = &data(&by_code)["region"];
    assert_eq!(region["nameRu"], "Кызылординская область");
    let by_slug = app
        .graphql(
            "query($s: String) { region(slug: $s) { code } }",
            json!({ "s": region["slug"] }),
        )
        .await;
    assert_eq!(data(&by_slug)["region"]["code"], "KZ-43");
    let by_id = app
        .graphql(
            "query($id: ID) { region(id: $id) { code } }",
            json!({ "id": region["id"] }),
        )
        .await;
    assert_eq!(data(&by_id)["region"]["code"], "KZ-43");
    let unknown = app
        .graphql(r#"{ region(code: "KZ-99") { code } }"#, json!({}))
        .await;
    assert_eq!(data(&unknown)["region"], Value::Null);
}

#[tokio::test]
async fn region_names_follow_the_requested_language() {
    let app = TestApp::spawn().await;
    let query = r#"{ region(code: "KZ-43") { name kk: name(lang: KK) en: name(lang: EN) } }"#;
    let default = app.graphql(query, json!({})).await;
    assert_eq!(data(&default)["region"]["name"], "Кызылординская область");
    assert_eq!(data(&default)["region"]["kk"], "Қызылорда облысы");
    assert_eq!(data(&default)["region"]["en"], "Kyzylorda Region");
    let kazakh = app
        .graphql_with(query, json!({}), &[("accept-language", "kk-KZ, ru;q=0.5")])
        .await;
    assert_eq!(data(&kazakh)["region"]["name"], "Қызылорда облысы");
}

#[tokio::test]
async fn a_region_lookup_needs_exactly_one_key() {
    let app = TestApp::spawn().await;
    for query in [
        "{ region { code } }",
        r#"{ region(code: "KZ-43", slug: "astana") { code } }"#,
    ] {
        let response = app.graphql(query, json!({})).await;
        assert_eq!(error_code(&response), "BAD_USER_INPUT", "{query}");
    }
}

#[tokio::test]
async fn an_id_of_another_type_is_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let response = app
        .graphql(r#"{ region(id: "bm90LWFuLWlk") { code } }"#, json!({}))
        .await;
    assert_eq!(error_code(&response), "BAD_USER_INPUT");
    assert_eq!(response["errors"][0]["extensions"]["field"], "id");
}

#[tokio::test]
async fn syntax_errors_carry_a_code() {
    let app = TestApp::spawn().await;
    let response = app.graphql("{ regions { code ", json!({})).await;
    assert_eq!(error_code(&response), "BAD_USER_INPUT");
    let response = app.graphql("{ regions { noSuchField } }", json!({})).await;
    assert_eq!(error_code(&response), "BAD_USER_INPUT");
}
