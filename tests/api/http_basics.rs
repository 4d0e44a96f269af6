//! Behaviour every route shares: limits, errors, headers, GraphiQL.

use crate::helpers::TestApp;

#[tokio::test]
async fn a_body_over_one_mebibyte_is_refused_with_413_on_graphql() {
    let app = TestApp::spawn().await;
    let padding = "x".repeat(polisia_api::BODY_LIMIT_BYTES + 1);
    let body =
        format!(r#"{{"query":"{{ regions {{ code }} }}","variables":{{"pad":"{padding}"}}}}"#);
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
}

#[tokio::test]
async fn a_body_under_the_limit_is_served() {
    let app = TestApp::spawn().await;
    let padding = "x".repeat(polisia_api::BODY_LIMIT_BYTES / 2);
    let body =
        format!(r#"{{"query":"{{ regions {{ code }} }}","variables":{{"pad":"{padding}"}}}}"#);
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn unknown_routes_answer_problem_json() {
    let app = TestApp::spawn().await;
    let response = app.get("/no/such/route").await;
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let problem: serde_json::Value = response.json().await.unwrap();
    assert_eq!(problem["status"], 404);
    assert_eq!(problem["code"], "NOT_FOUND");
    assert!(problem["type"].as_str().unwrap().starts_with("https://"));
    let response = app.client.delete(app.url("/healthz")).send().await.unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
}

#[tokio::test]
async fn responses_carry_a_request_id_and_security_headers() {
    let app = TestApp::spawn().await;
    let response = app.get("/healthz").await;
    let headers = response.headers();
    assert!(uuid::Uuid::parse_str(headers["x-request-id"].to_str().unwrap()).is_ok());
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["x-frame-options"], "DENY");
    let given = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(given.headers()["x-request-id"], "abc-123");
}

#[tokio::test]
async fn browsers_get_graphiql_and_clients_get_answers_on_get() {
    let app = TestApp::spawn().await;
    let page = app
        .client
        .get(app.url("/graphql"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        page.text()
            .await
            .unwrap()
            .to_lowercase()
            .contains("graphiql")
    );
    let answer = app
        .get("/graphql?query=%7B%20regions%28kind%3A%20CITY%29%20%7B%20code%20%7D%20%7D")
        .await;
    assert_eq!(answer.status(), 200);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["data"]["regions"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn cors_allows_the_configured_origin_only() {
    let app = TestApp::spawn().await;
    let preflight = |origin: &'static str| {
        app.client
            .request(reqwest::Method::OPTIONS, app.url("/graphql"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
    };
    let allowed = preflight("https://front.example.kz").await.unwrap();
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://front.example.kz"
    );
    let other = preflight("https://evil.example.com").await.unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
}
