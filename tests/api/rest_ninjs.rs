//! `GET /api/v1/articles/{idOrSlug}/ninjs` against the IPTC ninjs 2.2 JSON Schema.

use jsonschema::{Retrieve, Uri};
use serde_json::{Value, json};

use crate::{
    helpers::TestApp,
    rest_support::{assert_matches_doc, document, get_json},
};

/// The IPTC schema, as published (see tests/fixtures/README.md).
const NINJS_SCHEMA: &str = include_str!("../fixtures/ninjs-schema_2.2.json");

/// Answers the schema's one outside reference (GeoJSON, for `places[].geojson`, which
/// we never send) with an empty schema, and refuses every other fetch: tests run
/// offline.
struct Offline;

impl Retrieve for Offline {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        if uri.as_str().starts_with("https://geojson.org/") {
            Ok(json!({}))
        } else {
            Err(format!("no network in tests: {}", uri.as_str()).into())
        }
    }
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(NINJS_SCHEMA).expect("the schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .with_retriever(Offline)
        .build(&schema)
        .expect("the ninjs schema compiles")
}

#[tokio::test]
async fn every_demo_article_is_valid_ninjs_2_2() {
    let app = TestApp::spawn_with_demo().await;
    let validator = validator();
    let doc = document();
    let list = get_json(&app, "/api/v1/articles?limit=100").await;
    let items = list["items"].as_array().unwrap();
    assert!(items.len() >= 20);
    for item in items {
        let id = item["id"].as_str().unwrap();
        let ninjs = get_json(&app, &format!("/api/v1/articles/{id}/ninjs")).await;
        let errors: Vec<String> = validator
            .iter_errors(&ninjs)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{id}: {errors:#?}\n{ninjs:#}");
        assert_matches_doc(&doc, "/api/v1/articles/{idOrSlug}/ninjs", &ninjs);
        assert_eq!(ninjs["uri"], format!("urn:uuid:{id}"));
        assert_eq!(ninjs["type"], "text");
        assert_eq!(ninjs["pubstatus"], "usable");
        assert_eq!(ninjs["language"], item["lang"]);
        assert_eq!(ninjs["headlines"][0]["value"], item["title"]);
        assert_eq!(ninjs["bodies"][0]["contenttype"], "text/html");
    }
}

#[tokio::test]
async fn ninjs_carries_people_with_roles_the_region_tags_the_meeting_and_the_cover() {
    let app = TestApp::spawn_with_demo().await;
    let list = get_json(&app, "/api/v1/articles?limit=100&region=KZ-43&lang=ru").await;
    let covered = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["meeting"].is_object() && a["coverImage"].is_object())
        .expect("a Kyzylorda article covering a meeting, with a picture");
    let ninjs = get_json(
        &app,
        &format!(
            "/api/v1/articles/{}/ninjs",
            covered["slug"].as_str().unwrap()
        ),
    )
    .await;
    assert!(validator().is_valid(&ninjs));
    let rels: Vec<&str> = ninjs["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["rel"].as_str().unwrap())
        .collect();
    assert!(rels.contains(&"chair"), "{rels:?}");
    assert_eq!(ninjs["places"][0]["literal"], "KZ-43");
    assert_eq!(ninjs["events"][0]["literal"], covered["meeting"]["slug"]);
    let subjects = ninjs["subjects"].as_array().unwrap();
    assert_eq!(subjects.len(), covered["tags"].as_array().unwrap().len());
    assert_eq!(ninjs["descriptions"][0]["value"], covered["lead"]);
    assert_eq!(ninjs["by"], covered["author"]);
    assert_eq!(ninjs["infosources"][0]["name"], "Polisia.kz");
    let cover = &ninjs["associations"][0];
    assert_eq!(cover["type"], "picture");
    assert_eq!(cover["uri"], covered["coverImage"]["url"]);
    // Every rendition of the cover, the REST one among them.
    let renditions = cover["renditions"].as_array().unwrap();
    assert!(
        renditions
            .iter()
            .any(|r| r["href"] == covered["coverImage"]["url"]),
        "{cover}"
    );
    assert_eq!(ninjs["standard"]["version"], "2.2");
}

#[test]
fn the_validator_rejects_what_the_schema_forbids() {
    let validator = validator();
    assert!(validator.is_valid(&json!({ "uri": "urn:uuid:0190" })));
    assert!(
        !validator.is_valid(&json!({ "type": "text" })),
        "uri is required"
    );
    assert!(!validator.is_valid(&json!({ "uri": "x:y", "type": "story" })));
    assert!(!validator.is_valid(&json!({ "uri": "x:y", "unknown": 1 })));
    assert!(!validator.is_valid(&json!({ "uri": "x:y", "firstcreated": "yesterday" })));
}
