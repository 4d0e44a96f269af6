//! HTTP behaviour of public reads: ETags and 304s, cache lifetimes, Vary, gzip, CORS,
//! security headers, and problem+json for every error.

use std::io::Read;

use reqwest::{Method, header};

use polisia_api::domain::Role;
use serde_json::json;

use crate::{
    comments::encode,
    fixtures::NewArticle,
    helpers::{RestResponse, TestApp, data},
    rest_support::problem,
};

fn etag(response: &RestResponse) -> String {
    let tag = response.header("etag").to_owned();
    assert!(
        tag.starts_with('"') && tag.ends_with('"') && !tag.starts_with("W/"),
        "a strong ETag: {tag}"
    );
    tag
}

#[tokio::test]
async fn a_matching_if_none_match_gets_304_until_the_article_changes() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("before", 5).insert(app.conn()).await;
    for path in [
        format!("/api/v1/articles/{}", article.id),
        "/api/v1/articles".to_owned(),
        format!("/api/v1/articles/{}/ninjs", article.id),
        "/feeds/rss.xml".to_owned(),
        "/feeds/atom.xml".to_owned(),
        "/feeds/feed.json".to_owned(),
        "/sitemap.xml".to_owned(),
    ] {
        let first = app.rest_get(&path).await;
        assert_eq!(first.status, 200, "{path}");
        let tag = etag(&first);
        let again = app.rest_get_with(&path, &[("if-none-match", &tag)]).await;
        assert_eq!(again.status, 304, "{path}");
        assert_eq!(etag(&again), tag);
        assert!(again.headers.contains_key(header::CACHE_CONTROL));
        assert!(again.bytes.is_empty());
        let listed = format!("\"other\", W/{tag}");
        let weak = app
            .rest_get_with(&path, &[("if-none-match", &listed)])
            .await;
        assert_eq!(weak.status, 304, "{path}: weak comparison in a list");
        let stale = app
            .rest_get_with(&path, &[("if-none-match", "\"stale\"")])
            .await;
        assert_eq!(stale.status, 200, "{path}");
    }

    // Edited through the service: the next revalidation builds the answer again.
    let path = format!("/api/v1/articles/{}", article.id);
    let tag = etag(&app.rest_get(&path).await);
    let editor = app.account(Role::Editor).await;
    let edited = app
        .graphql_as(
            &editor,
            "mutation($id: ID!) { updateArticle(id: $id, input: { version: 1, title: \"after\" }) { article { title } } }",
            json!({ "id": encode("Article", article.id) }),
        )
        .await;
    assert_eq!(data(&edited)["updateArticle"]["article"]["title"], "after");
    let changed = app.rest_get_with(&path, &[("if-none-match", &tag)]).await;
    assert_eq!(changed.status, 200);
    assert_ne!(etag(&changed), tag);
    assert_eq!(changed.json()["title"], "after");
}

#[tokio::test]
async fn a_revalidation_runs_no_sql_while_nothing_changed() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("unchanged", 5)
        .insert(app.conn())
        .await;
    for path in [
        format!("/api/v1/articles/{}", article.id),
        "/api/v1/articles".to_owned(),
        "/feeds/rss.xml".to_owned(),
        "/graphql?query=%7Barticles(first%3A2)%7Bnodes%7Btitle%7D%7D%7D".to_owned(),
    ] {
        let tag = etag(&app.rest_get(&path).await);
        let before = app.state.db.statements.get();
        let again = app.rest_get_with(&path, &[("if-none-match", &tag)]).await;
        assert_eq!(again.status, 304, "{path}");
        assert_eq!(etag(&again), tag, "{path}");
        assert_eq!(
            app.state.db.statements.get(),
            before,
            "{path}: no statement"
        );
        // Another representation is another validator.
        let gzip = app
            .rest_get_with(
                &path,
                &[("if-none-match", &tag), ("accept-encoding", "gzip")],
            )
            .await;
        assert_eq!(gzip.status, 200, "{path}");
    }
}

#[tokio::test]
async fn lists_live_briefly_items_longer_and_reference_data_longest() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("cached", 5).insert(app.conn()).await;
    for (path, max_age) in [
        ("/api/v1/articles".to_owned(), "max-age=30,"),
        (
            format!("/api/v1/articles/{}/comments", article.id),
            "max-age=30,",
        ),
        (format!("/api/v1/articles/{}", article.id), "max-age=300,"),
        (
            format!("/api/v1/articles/{}/ninjs", article.id),
            "max-age=300,",
        ),
        ("/api/v1/regions".to_owned(), "max-age=3600,"),
        ("/api/v1/regions/KZ-43".to_owned(), "max-age=3600,"),
        ("/api/v1/meetings".to_owned(), "max-age=30,"),
        ("/api/v1/participants".to_owned(), "max-age=30,"),
        ("/feeds/rss.xml".to_owned(), "max-age=300,"),
        ("/feeds/regions/KZ-43/atom.xml".to_owned(), "max-age=300,"),
        ("/sitemap.xml".to_owned(), "max-age=900,"),
        ("/sitemap-news.xml".to_owned(), "max-age=900,"),
        ("/openapi.json".to_owned(), "max-age=3600,"),
    ] {
        let response = app.rest_get(&path).await;
        assert_eq!(response.status, 200, "{path}");
        let policy = response.header("cache-control");
        assert!(policy.starts_with("public, "), "{path}: {policy}");
        assert!(policy.contains(max_age), "{path}: {policy}");
        assert!(
            policy.contains("stale-while-revalidate="),
            "{path}: {policy}"
        );
        etag(&response);
    }
    // Errors are not cached as if they were content.
    let missing = app.rest_get("/api/v1/articles/missing").await;
    assert!(missing.headers.get(header::ETAG).is_none());
    assert!(missing.headers.get(header::CACHE_CONTROL).is_none());
}

fn varies_on_language(response: &reqwest::Response) -> bool {
    response
        .headers()
        .get_all(header::VARY)
        .iter()
        .any(|v| v.to_str().unwrap().contains("Accept-Language"))
}

#[tokio::test]
async fn answers_vary_on_accept_language_only_when_it_chose_the_language() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("vary", 5).insert(app.conn()).await;
    assert!(varies_on_language(&app.get("/api/v1/regions").await));
    assert!(!varies_on_language(
        &app.get("/api/v1/regions?lang=kk").await
    ));
    assert!(varies_on_language(&app.get("/api/v1/participants").await));
    assert!(varies_on_language(
        &app.get(&format!("/api/v1/articles/{}", article.slug)).await
    ));
    assert!(!varies_on_language(
        &app.get(&format!("/api/v1/articles/{}?lang=ru", article.slug))
            .await
    ));
    assert!(!varies_on_language(
        &app.get(&format!("/api/v1/articles/{}", article.id)).await
    ));
    assert!(!varies_on_language(&app.get("/api/v1/articles").await));
    assert!(!varies_on_language(&app.get("/feeds/rss.xml").await));
}

#[tokio::test]
async fn gzip_when_asked_with_an_etag_of_its_own() {
    let app = TestApp::spawn().await;
    for i in 0..5 {
        NewArticle::published(&format!("compressible {i}"), i)
            .insert(app.conn())
            .await;
    }
    for path in ["/api/v1/articles", "/feeds/rss.xml"] {
        let plain = app.rest_get(path).await;
        let plain_tag = etag(&plain);
        let zipped = app
            .rest_get_with(path, &[("accept-encoding", "gzip")])
            .await;
        assert_eq!(zipped.headers[header::CONTENT_ENCODING], "gzip", "{path}");
        let zipped_tag = etag(&zipped);
        assert_ne!(
            zipped_tag, plain_tag,
            "{path}: one validator per representation"
        );
        assert!(zipped.bytes.len() < plain.bytes.len());
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&zipped.bytes[..])
            .read_to_end(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, plain.bytes, "{path}");
        let revalidated = app
            .rest_get_with(
                path,
                &[("accept-encoding", "gzip"), ("if-none-match", &zipped_tag)],
            )
            .await;
        assert_eq!(revalidated.status, 304, "{path}");
    }
}

#[tokio::test]
async fn cors_lets_the_configured_origin_read_and_revalidate() {
    let app = TestApp::spawn().await;
    let preflight = app
        .rest(
            Method::OPTIONS,
            "/api/v1/articles",
            &[
                ("origin", "https://front.example.kz"),
                ("access-control-request-method", "GET"),
                (
                    "access-control-request-headers",
                    "if-none-match, accept-language",
                ),
            ],
            None,
        )
        .await;
    assert!(preflight.status.is_success());
    assert_eq!(
        preflight.header("access-control-allow-origin"),
        "https://front.example.kz"
    );
    let allowed = preflight.header("access-control-allow-headers");
    assert!(allowed.contains("if-none-match") && allowed.contains("accept-language"));
    let read = app
        .rest_get_with(
            "/feeds/feed.json",
            &[("origin", "https://front.example.kz")],
        )
        .await;
    assert_eq!(
        read.header("access-control-allow-origin"),
        "https://front.example.kz"
    );
    let exposed = read.header("access-control-expose-headers");
    assert!(exposed.contains("etag"), "{exposed}");
    let foreign = app
        .rest_get_with(
            "/api/v1/articles",
            &[("origin", "https://evil.example.com")],
        )
        .await;
    assert!(foreign.headers.get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn json_answers_carry_a_strict_security_policy() {
    let app = TestApp::spawn().await;
    for path in ["/api/v1/regions", "/feeds/rss.xml", "/api/v1/nowhere"] {
        let response = app.rest_get(path).await;
        let headers = &response.headers;
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert_eq!(
            headers["content-security-policy"],
            polisia_api::http::headers::API_CSP,
            "{path}"
        );
        // The test service's public address is HTTPS.
        assert!(headers.contains_key("strict-transport-security"), "{path}");
    }
}

#[tokio::test]
async fn every_error_is_problem_json_whatever_raised_it() {
    let app = TestApp::spawn().await;
    let unknown = problem(app.rest_get("/api/v1/unknown").await, 404);
    assert_eq!(unknown["code"], "NOT_FOUND");
    let method = app.rest(Method::POST, "/api/v1/regions", &[], None).await;
    problem(method, 405);
    let delete = app
        .rest(Method::DELETE, "/api/v1/articles/x/comments", &[], None)
        .await;
    problem(delete, 405);
    let big = app
        .client
        .post(app.url("/api/v1/articles/x/comments"))
        .header("content-type", "application/json")
        .body(vec![b' '; polisia_api::BODY_LIMIT_BYTES + 1])
        .send()
        .await
        .unwrap();
    let too_large = problem(RestResponse::read(big).await, 413);
    assert_eq!(too_large["title"], "Payload Too Large");
    let bad_utf8 = problem(app.rest_get("/api/v1/regions/%FF%FE").await, 400);
    assert_eq!(bad_utf8["code"], "BAD_USER_INPUT");
}
