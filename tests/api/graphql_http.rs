//! GraphQL over HTTP as the GraphQL-over-HTTP draft has it: the media type follows
//! `Accept`, a request that never ran is a 4xx without `data` for clients that
//! accept `application/graphql-response+json`, and refusals of the transport are
//! GraphQL errors with their own status. (`tests/http-audit` runs the draft's audit
//! suite against the binary.)

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{RestResponse, TestApp};

const JSON: &str = "application/json";
const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

async fn post(app: &TestApp, accept: Option<&str>, body: &Value) -> RestResponse {
    let mut headers = vec![("content-type", JSON)];
    if let Some(accept) = accept {
        headers.push(("accept", accept));
    }
    app.graphql_http(Method::POST, "", &headers, body.to_string())
        .await
}

async fn get(app: &TestApp, accept: Option<&str>, parameters: &[(&str, &str)]) -> RestResponse {
    let query_string = format!("?{}", serde_urlencoded::to_string(parameters).unwrap());
    let headers: Vec<_> = accept
        .map(|accept| ("accept", accept))
        .into_iter()
        .collect();
    app.graphql_http(Method::GET, &query_string, &headers, Vec::new())
        .await
}

#[tokio::test]
async fn the_answer_has_the_media_type_the_client_prefers() {
    let app = TestApp::spawn().await;
    let query = json!({ "query": "{ __typename }" });
    for (accept, expected) in [
        (None, JSON),
        (Some("*/*"), JSON),
        (Some("application/json"), JSON),
        (
            Some("application/json, application/graphql-response+json"),
            JSON,
        ),
        (Some("application/graphql-response+json"), GRAPHQL_RESPONSE),
        (
            Some("application/graphql-response+json, application/json;q=0.9"),
            GRAPHQL_RESPONSE,
        ),
        (
            Some("application/json;q=0.5, application/graphql-response+json"),
            GRAPHQL_RESPONSE,
        ),
    ] {
        let answer = post(&app, accept, &query).await;
        assert_eq!(answer.status, 200, "{accept:?}");
        assert_eq!(answer.header("content-type"), expected, "{accept:?}");
        assert_eq!(answer.json()["data"]["__typename"], "Query", "{accept:?}");
    }
}

#[tokio::test]
async fn a_get_answer_has_the_preferred_type_and_varies_on_accept() {
    let app = TestApp::spawn().await;
    let parameters = [("query", "{ __typename }")];
    let plain = get(&app, None, &parameters).await;
    let typed = get(&app, Some(GRAPHQL_RESPONSE), &parameters).await;
    assert_eq!(plain.header("content-type"), JSON);
    assert_eq!(typed.header("content-type"), GRAPHQL_RESPONSE);
    for answer in [&plain, &typed] {
        assert_eq!(answer.status, 200);
        let vary: Vec<_> = answer
            .headers
            .get_all("vary")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect();
        assert!(vary.iter().any(|v| v == "Accept"), "{vary:?}");
    }
    // Two representations, two strong validators.
    assert_ne!(plain.header("etag"), typed.header("etag"));
}

#[tokio::test]
async fn a_request_that_never_ran_is_400_without_data_for_graphql_response_json() {
    let app = TestApp::spawn().await;
    let cases = [
        ("a document that does not parse", json!({ "query": "{" })),
        (
            "a document that does not validate",
            json!({ "query": "{ noSuchField }" }),
        ),
        (
            "variables that do not coerce",
            json!({ "query": "query ($id: ID!) { __typename }", "variables": { "id": null } }),
        ),
        (
            "a required variable left out",
            json!({ "query": "query ($lang: Language!) { articles(lang: $lang) { edges { cursor } } }" }),
        ),
    ];
    for (name, body) in &cases {
        let typed = post(&app, Some(GRAPHQL_RESPONSE), body).await;
        assert_eq!(typed.status, 400, "{name}: {}", typed.text());
        assert_eq!(typed.header("content-type"), GRAPHQL_RESPONSE, "{name}");
        let answer = typed.json();
        assert!(answer.get("data").is_none(), "{name}: {answer}");
        assert_eq!(
            answer["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{name}: {answer}"
        );

        if *name == "a required variable left out" {
            assert_eq!(answer["errors"][0]["extensions"]["field"], "variables.lang");
        }

        // A legacy client gets 200, as before.
        let plain = post(&app, Some(JSON), body).await;
        assert_eq!(plain.status, 200, "{name}");
        assert_eq!(plain.header("content-type"), JSON, "{name}");
        assert!(plain.json()["errors"][0]["message"].is_string(), "{name}");
    }

    let over_get = get(
        &app,
        Some(GRAPHQL_RESPONSE),
        &[("query", "{ noSuchField }")],
    )
    .await;
    assert_eq!(over_get.status, 400, "{}", over_get.text());
    assert!(over_get.json().get("data").is_none(), "{}", over_get.text());
    let plain_get = get(&app, None, &[("query", "{ noSuchField }")]).await;
    assert_eq!(plain_get.status, 200);
}

#[tokio::test]
async fn a_refused_token_is_401_and_a_field_error_stays_200_for_graphql_response_json() {
    let app = TestApp::spawn().await;
    let query = json!({ "query": "{ __typename }" });
    let forged = app
        .graphql_http(
            Method::POST,
            "",
            &[
                ("content-type", JSON),
                ("accept", GRAPHQL_RESPONSE),
                ("authorization", "Bearer forged"),
            ],
            query.to_string(),
        )
        .await;
    assert_eq!(forged.status, 401, "{}", forged.text());
    assert!(forged.json().get("data").is_none(), "{}", forged.text());
    assert_eq!(
        forged.json()["errors"][0]["extensions"]["code"],
        "UNAUTHENTICATED"
    );

    // Execution began: a partial result, whatever its errors.
    let partial = post(
        &app,
        Some(GRAPHQL_RESPONSE),
        &json!({ "query": "{ __typename articles(first: 101) { edges { node { id } } } }" }),
    )
    .await;
    assert_eq!(partial.status, 200, "{}", partial.text());
    assert!(partial.json().get("data").is_some(), "{}", partial.text());
    assert_eq!(
        partial.json()["errors"][0]["extensions"]["code"],
        "BAD_USER_INPUT"
    );
}

/// The GraphQL error a refusal of the transport must be: errors only, each with a
/// message and a code.
fn assert_graphql_refusal(name: &str, answer: &RestResponse, status: u16, media: &str) {
    assert_eq!(answer.status, status, "{name}: {}", answer.text());
    assert_eq!(answer.header("content-type"), media, "{name}");
    let body = answer.json();
    assert_eq!(
        body.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["errors"],
        "{name}: {body}"
    );
    assert!(body["errors"][0]["message"].is_string(), "{name}: {body}");
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{name}: {body}"
    );
}

/// A request the transport refuses, and the status it must get.
struct Refused {
    name: &'static str,
    method: Method,
    query_string: &'static str,
    headers: Vec<(&'static str, &'static str)>,
    body: Vec<u8>,
    status: u16,
}

fn refused_post(
    name: &'static str,
    content_type: Option<&'static str>,
    body: &[u8],
    status: u16,
) -> Refused {
    Refused {
        name,
        method: Method::POST,
        query_string: "",
        headers: content_type
            .map(|kind| ("content-type", kind))
            .into_iter()
            .collect(),
        body: body.to_vec(),
        status,
    }
}

fn refused_get(name: &'static str, query_string: &'static str, status: u16) -> Refused {
    Refused {
        name,
        method: Method::GET,
        query_string,
        headers: Vec::new(),
        body: Vec::new(),
        status,
    }
}

#[tokio::test]
async fn refusals_of_the_transport_are_graphql_errors_with_their_status() {
    let app = TestApp::spawn().await;
    let one = json!({ "query": "{ __typename }" }).to_string();
    let cases = [
        refused_post(
            "sent as text/plain",
            Some("text/plain"),
            one.as_bytes(),
            415,
        ),
        refused_post("sent without a content type", None, one.as_bytes(), 415),
        refused_post(
            "a body over the limit",
            Some(JSON),
            &vec![b' '; polisia_api::BODY_LIMIT_BYTES + 1],
            413,
        ),
        refused_post(
            "a batch",
            Some(JSON),
            format!("[{one},{one}]").as_bytes(),
            400,
        ),
        refused_post(
            "malformed JSON",
            Some(JSON),
            br#"{"query": "{ __typename }""#,
            400,
        ),
        refused_post("no query", Some(JSON), br#"{"variables": {}}"#, 400),
        refused_post(
            "a query that is no string",
            Some(JSON),
            br#"{"query": {"obj": "ect"}}"#,
            400,
        ),
        refused_get(
            "a mutation over GET",
            "?query=mutation%20%7B%20__typename%20%7D",
            405,
        ),
        refused_get(
            "variables over GET that are not JSON",
            "?query=%7B%20__typename%20%7D&variables=%7B",
            400,
        ),
        Refused {
            method: Method::PUT,
            ..refused_post("a method /graphql has not", Some(JSON), one.as_bytes(), 405)
        },
    ];
    for case in cases {
        let name = case.name;
        let answer = app
            .graphql_http(
                case.method.clone(),
                case.query_string,
                &case.headers,
                case.body.clone(),
            )
            .await;
        assert_graphql_refusal(name, &answer, case.status, JSON);
        if case.status == 405 {
            assert!(answer.header("allow").contains("POST"), "{name}");
        }
        let mut typed = case.headers.clone();
        typed.push(("accept", GRAPHQL_RESPONSE));
        let answer = app
            .graphql_http(case.method, case.query_string, &typed, case.body)
            .await;
        assert_graphql_refusal(name, &answer, case.status, GRAPHQL_RESPONSE);
    }
}

#[tokio::test]
async fn a_mutation_over_get_is_405_and_says_to_post_it() {
    let app = TestApp::spawn().await;
    let answer = get(
        &app,
        None,
        &[(
            "query",
            r#"mutation { login(email: "a@example.com", password: "x") { accessToken } }"#,
        )],
    )
    .await;
    assert_eq!(answer.status, 405, "{}", answer.text());
    assert!(
        answer.json()["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("POST"),
        "{}",
        answer.text()
    );
}
