//! Inputs a fuzzer sends: every one gets a clear answer, never a dropped connection,
//! and the OpenAPI document says what the service accepts.

use serde_json::{Value, json};

use crate::{
    fixtures::NewArticle,
    helpers::{TestApp, data, error_code},
};

#[tokio::test]
async fn a_region_key_with_a_multibyte_letter_is_not_found_not_a_dropped_connection() {
    let app = TestApp::spawn().await;
    // Five bytes whose third falls inside a letter: the shape of an ISO code.
    for path in [
        "/api/v1/regions/00%E0%A0%80",
        "/api/v1/regions/6z%E8%8A%AD",
        "/feeds/regions/00%C2%800/rss.xml",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json",
            "{path}"
        );
    }
}

/// The type reference part of the introspection query GraphQL tools send
/// (graphql-js `getIntrospectionQuery`), seven `ofType` levels deep.
const TYPE_REF: &str = "fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }";

#[tokio::test]
async fn the_standard_introspection_query_of_graphql_tools_is_answered() {
    let app = TestApp::spawn().await;
    let query = format!(
        "query IntrospectionQuery {{ __schema {{ queryType {{ name }} types {{ kind name fields(includeDeprecated: true) {{ name args {{ name type {{ ...TypeRef }} }} type {{ ...TypeRef }} }} inputFields {{ name type {{ ...TypeRef }} }} }} }} }} {TYPE_REF}"
    );
    let response = app.graphql(&query, json!({})).await;
    assert!(response.get("errors").is_none(), "{response}");
    assert_eq!(data(&response)["__schema"]["queryType"]["name"], "Query");

    // Introspection has a limit of its own.
    let mut endless = String::from("name");
    for _ in 0..25 {
        endless = format!("ofType {{ {endless} }}");
    }
    let response = app
        .graphql(
            &format!("{{ __type(name: \"Article\") {{ {endless} }} }}"),
            json!({}),
        )
        .await;
    assert_eq!(error_code(&response), "QUERY_TOO_COMPLEX", "{response}");
}

#[tokio::test]
async fn a_fragment_cannot_hide_depth_from_the_limit() {
    let app = TestApp::spawn().await;
    let query = "query { articles(first: 1) { ...A } } fragment A on ArticleConnection { edges { node { comments(first: 1) { edges { node { replies(first: 1) { edges { node { replies(first: 1) { edges { node { id } } } } } } } } } } } }";
    let response = app.graphql(query, json!({})).await;
    assert_eq!(error_code(&response), "QUERY_TOO_COMPLEX", "{response}");
}

#[tokio::test]
async fn a_comment_body_that_is_not_the_documented_json_is_a_400_naming_the_field() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("Проверка тела запроса", 60)
        .insert(app.conn())
        .await;
    let url = app.url(&format!("/api/v1/articles/{}/comments", article.slug));
    let cases = [
        (
            json!({ "authorName": 5, "authorEmail": "a@example.com", "body": "текст" }).to_string(),
            "application/json",
            "authorName",
        ),
        // Optional in the body (signed-in users need not send it), required of an
        // anonymous commenter: named as the other checks of a comment name it.
        (
            json!({ "authorName": "Айгерим", "body": "текст" }).to_string(),
            "application/json",
            "input.authorEmail",
        ),
        (
            json!({ "authorName": "Айгерим", "authorEmail": "a@example.com", "body": "текст", "extra": 1 }).to_string(),
            "application/json",
            "extra",
        ),
        ("not json".to_owned(), "application/json", "body"),
        ("name=x".to_owned(), "text/plain", "Content-Type"),
    ];
    for (body, kind, field) in cases {
        let response = app
            .client
            .post(&url)
            .header("content-type", kind)
            .body(body.clone())
            .send()
            .await
            .unwrap();
        let expected = if field == "Content-Type" { 415 } else { 400 };
        assert_eq!(response.status(), expected, "{body}");
        let problem: Value = response.json().await.unwrap();
        assert_eq!(problem["code"], "BAD_USER_INPUT", "{body}");
        assert_eq!(problem["errors"][0]["field"], field, "{body}: {problem}");
    }
}

#[tokio::test]
async fn optional_query_parameters_are_documented_as_accepting_an_empty_value() {
    let app = TestApp::spawn().await;
    let document: Value = app.get("/openapi.json").await.json().await.unwrap();
    let feed_lang = document["paths"]["/feeds/rss.xml"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "lang")
        .cloned()
        .unwrap();
    assert_eq!(feed_lang["allowEmptyValue"], true, "{feed_lang}");
    assert_eq!(app.get("/feeds/rss.xml?lang=").await.status(), 200);
    let search_q = document["paths"]["/api/v1/search"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "q")
        .cloned()
        .unwrap();
    assert!(search_q.get("allowEmptyValue").is_none(), "{search_q}");
}

#[tokio::test]
async fn graphql_sent_as_another_type_is_a_415_naming_the_content_type() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", "text/plain")
        .body(r#"{"query":"{ tags { id } }"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 415);
    let answer: Value = response.json().await.unwrap();
    let extensions = &answer["errors"][0]["extensions"];
    assert_eq!(extensions["code"], "BAD_USER_INPUT", "{answer}");
    assert_eq!(extensions["field"], "Content-Type", "{answer}");
}
