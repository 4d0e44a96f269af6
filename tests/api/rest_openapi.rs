//! The OpenAPI document: OpenAPI 3.1, every route in it, and answers that match it.

use std::collections::HashSet;

use serde_json::Value;

use crate::{
    helpers::TestApp,
    rest_support::{assert_conforms, assert_matches_doc, document, get_json, problem},
};

/// Every route the document must describe.
const PATHS: [&str; 40] = [
    "/",
    "/healthz",
    "/readyz",
    "/metrics",
    "/openapi.json",
    "/api/v1/articles",
    "/api/v1/articles/featured",
    "/api/v1/articles/{idOrSlug}",
    "/api/v1/articles/{idOrSlug}/comments",
    "/api/v1/articles/{idOrSlug}/ninjs",
    "/api/v1/articles/{idOrSlug}/corrections",
    "/api/v1/articles/{idOrSlug}/retraction",
    "/api/v1/articles/{idOrSlug}/preview-links",
    "/api/v1/preview-links/{id}",
    "/api/v1/preview/{token}",
    "/api/v1/regions",
    "/api/v1/regions/{slugOrCode}",
    "/api/v1/meetings",
    "/api/v1/meetings/{idOrSlug}",
    "/api/v1/organizations",
    "/api/v1/organizations/{idOrSlug}",
    "/api/v1/participants",
    "/api/v1/participants/{idOrSlug}",
    "/api/v1/participants/{idOrSlug}/positions",
    "/api/v1/participants/{idOrSlug}/honours",
    "/api/v1/search",
    "/api/v1/sections",
    "/api/v1/changes",
    "/api/v1/media",
    "/api/v1/media/{id}",
    "/feeds/rss.xml",
    "/feeds/atom.xml",
    "/feeds/feed.json",
    "/feeds/regions/{slugOrCode}/rss.xml",
    "/feeds/regions/{slugOrCode}/atom.xml",
    "/feeds/regions/{slugOrCode}/feed.json",
    "/sitemap.xml",
    "/sitemaps/articles.xml",
    "/sitemap-news.xml",
    "/robots.txt",
];

#[tokio::test]
async fn the_served_document_is_openapi_3_1_with_every_route() {
    let app = TestApp::spawn().await;
    let served = get_json(&app, "/openapi.json").await;
    assert_eq!(served, document(), "served and exported documents agree");
    assert!(
        served["openapi"].as_str().unwrap().starts_with("3.1."),
        "{}",
        served["openapi"]
    );
    let paths = served["paths"].as_object().unwrap();
    let documented: HashSet<&str> = paths.keys().map(String::as_str).collect();
    let expected: HashSet<&str> = PATHS.into_iter().collect();
    assert_eq!(documented, expected);

    let mut operation_ids = HashSet::new();
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap();
            assert!(operation_ids.insert(id.to_owned()), "{id} twice");
            assert!(
                operation["summary"].is_string(),
                "{method} {path} has no summary"
            );
            for (status, response) in operation["responses"].as_object().unwrap() {
                if status.starts_with('4') || status.starts_with('5') {
                    let response = resolve(&served, response);
                    // A retracted article's notice is a problem with members of its
                    // own (see `a_retracted_article_leaves_every_list_and_keeps_only_its_notice`,
                    // which checks an answer against both schemas).
                    let schema = match (path.as_str(), status.as_str()) {
                        ("/api/v1/articles/{idOrSlug}", "410") => {
                            "#/components/schemas/RetractionNotice"
                        }
                        _ => "#/components/schemas/Problem",
                    };
                    assert!(
                        response["content"]["application/problem+json"]["schema"]["$ref"] == schema,
                        "{method} {path} {status} is not a problem"
                    );
                }
            }
            // Every parameter a path template names is documented.
            for name in path.split('{').skip(1).filter_map(|p| p.split('}').next()) {
                let params = operation["parameters"].as_array().unwrap();
                assert!(
                    params
                        .iter()
                        .any(|p| p["name"] == name && p["in"] == "path"),
                    "{path}: {name}"
                );
            }
        }
    }
}

fn resolve<'a>(doc: &'a Value, response: &'a Value) -> &'a Value {
    match response["$ref"].as_str() {
        Some(reference) => {
            let name = reference.trim_start_matches("#/components/responses/");
            &doc["components"]["responses"][name]
        }
        None => response,
    }
}

/// Every operation taking a JSON body answers 415 to a body not declared as JSON
/// (the extractor's refusal), so each must document it.
#[tokio::test]
async fn every_operation_with_a_json_body_documents_415() {
    let doc = document();
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let json_body = operation["requestBody"]["content"]
                .as_object()
                .is_some_and(|c| c.contains_key("application/json"));
            if json_body {
                checked += 1;
                assert!(
                    operation["responses"].get("415").is_some(),
                    "{method} {path} takes JSON but does not document 415"
                );
            }
        }
    }
    assert!(checked >= 5, "operations with a JSON body: {checked}");
}

#[tokio::test]
async fn every_component_schema_compiles_as_json_schema_2020_12() {
    let doc = document();
    for name in doc["components"]["schemas"].as_object().unwrap().keys() {
        let mut root = doc.clone();
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema".into();
        root["$ref"] = format!("#/components/schemas/{name}").into();
        jsonschema::options()
            .offline()
            .build(&root)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[tokio::test]
async fn every_json_answer_conforms_to_its_documented_schema() {
    let app = TestApp::spawn_with_demo().await;
    let doc = document();
    let articles = get_json(&app, "/api/v1/articles?limit=100").await;
    let meetings = get_json(&app, "/api/v1/meetings").await;
    let people = get_json(&app, "/api/v1/participants").await;
    let article = articles["items"][0]["slug"].as_str().unwrap().to_owned();
    let meeting = meetings["items"][0]["slug"].as_str().unwrap().to_owned();
    let person = people["items"][0]["id"].as_str().unwrap().to_owned();
    let cases = [
        ("/api/v1/articles", "/api/v1/articles?limit=100".to_owned()),
        (
            "/api/v1/articles/{idOrSlug}",
            format!("/api/v1/articles/{article}"),
        ),
        (
            "/api/v1/articles/{idOrSlug}/comments",
            format!("/api/v1/articles/{article}/comments"),
        ),
        (
            "/api/v1/articles/{idOrSlug}/ninjs",
            format!("/api/v1/articles/{article}/ninjs"),
        ),
        ("/api/v1/regions", "/api/v1/regions".to_owned()),
        ("/api/v1/sections", "/api/v1/sections?lang=kk".to_owned()),
        (
            "/api/v1/articles/featured",
            "/api/v1/articles/featured?lang=ru".to_owned(),
        ),
        (
            "/api/v1/regions/{slugOrCode}",
            "/api/v1/regions/KZ-75".to_owned(),
        ),
        ("/api/v1/meetings", "/api/v1/meetings".to_owned()),
        (
            "/api/v1/meetings/{idOrSlug}",
            format!("/api/v1/meetings/{meeting}"),
        ),
        ("/api/v1/participants", "/api/v1/participants".to_owned()),
        (
            "/api/v1/participants/{idOrSlug}",
            format!("/api/v1/participants/{person}"),
        ),
        ("/feeds/feed.json", "/feeds/feed.json".to_owned()),
        (
            "/feeds/regions/{slugOrCode}/feed.json",
            "/feeds/regions/KZ-43/feed.json".to_owned(),
        ),
        ("/healthz", "/healthz".to_owned()),
        ("/readyz", "/readyz".to_owned()),
    ];
    for (template, path) in cases {
        let body = get_json(&app, &path).await;
        assert_matches_doc(&doc, template, &body);
    }
    // Every article and comment thread of the demo, not just the first.
    for item in articles["items"].as_array().unwrap() {
        let id = item["id"].as_str().unwrap();
        let detail = get_json(&app, &format!("/api/v1/articles/{id}")).await;
        assert_matches_doc(&doc, "/api/v1/articles/{idOrSlug}", &detail);
        let comments = get_json(&app, &format!("/api/v1/articles/{id}/comments")).await;
        assert_matches_doc(&doc, "/api/v1/articles/{idOrSlug}/comments", &comments);
    }
    let missing = problem(app.rest_get("/api/v1/meetings/nope").await, 404);
    assert_conforms(&doc, "Problem", &missing);
}

#[tokio::test]
async fn docs_serve_swagger_ui_from_the_binary_pointed_at_the_document() {
    let app = TestApp::spawn().await;
    let page = app.rest_get("/docs/").await;
    assert_eq!(page.status, 200);
    let policy = page.header("content-security-policy");
    assert!(policy.contains("script-src 'self'"), "{policy}");
    assert!(page.text().contains("swagger-ui"));
    let init = app.rest_get("/docs/swagger-initializer.js").await;
    assert_eq!(init.status, 200);
    assert!(init.text().contains("\"/openapi.json\""));
    let bundle = app.rest_get("/docs/swagger-ui-bundle.js").await;
    assert_eq!(bundle.status, 200);
    assert!(bundle.bytes.len() > 100_000);
    let redirect = app.rest_get("/docs").await;
    assert_eq!(redirect.url.path(), "/docs/");
}
