//! What the REST and feed tests share: the OpenAPI document as a contract that
//! answers are checked against, JSON and problem reads, and a few extra rows.

use polisia_api::{
    domain::Language,
    entity::{article, article_slug},
};
use reqwest::header;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::{
    fixtures::NewArticle,
    helpers::{RestResponse, TestApp},
};

/// The OpenAPI document, as `export-openapi` prints it.
pub fn document() -> Value {
    serde_json::from_str(&polisia_api::api::openapi::document_json()).expect("the document is JSON")
}

/// The component schema the 200 answer of `GET {template}` is documented with.
pub fn documented_schema(doc: &Value, template: &str) -> String {
    let content = &doc["paths"][template]["get"]["responses"]["200"]["content"];
    let media = content
        .as_object()
        .and_then(|c| c.values().next())
        .unwrap_or_else(|| panic!("{template} documents no 200 body"));
    media["schema"]["$ref"]
        .as_str()
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
        .unwrap_or_else(|| panic!("{template}: the 200 body is not a component schema"))
        .to_owned()
}

/// Checks `instance` against the component schema `name` (JSON Schema 2020-12, as
/// OpenAPI 3.1 defines it, formats included) and lists every violation.
pub fn assert_conforms(doc: &Value, name: &str, instance: &Value) {
    assert!(
        doc["components"]["schemas"].get(name).is_some(),
        "no component schema {name}"
    );
    let mut root = doc.clone();
    root["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    root["$ref"] = json!(format!("#/components/schemas/{name}"));
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .offline()
        .build(&root)
        .unwrap_or_else(|e| panic!("schema {name} does not compile: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}\nin {instance:#}");
}

/// Checks a 200 answer to `GET {template}` against the schema the document gives it.
pub fn assert_matches_doc(doc: &Value, template: &str, body: &Value) {
    assert_conforms(doc, &documented_schema(doc, template), body);
}

/// GETs `path`, expects 200 JSON, and returns the body.
pub async fn get_json(app: &TestApp, path: &str) -> Value {
    let response = app.rest_get(path).await;
    assert_eq!(response.status, 200, "GET {path}");
    response.body.expect("a JSON body")
}

/// Expects a problem+json answer with `status`; returns the problem.
pub fn problem(response: RestResponse, status: u16) -> Value {
    assert_eq!(response.status, status, "{}", response.url);
    assert_eq!(
        response.headers[header::CONTENT_TYPE],
        "application/problem+json"
    );
    let problem = response.body.expect("a JSON problem");
    assert_eq!(problem["status"], status);
    assert_conforms(&document(), "Problem", &problem);
    problem
}

/// Expects a 400 problem naming `field`.
pub async fn bad_input(app: &TestApp, path: &str, field: &str) {
    let problem = problem(app.rest_get(path).await, 400);
    assert_eq!(problem["code"], "BAD_USER_INPUT", "{path}");
    assert_eq!(problem["errors"][0]["field"], field, "{path}: {problem:#}");
}

/// Gives `article` the slug `slug`, keeping what it had before as a former slug
/// (given up at [`crate::fixtures::start`]).
pub async fn rename(db: &DatabaseConnection, article: &article::Model, slug: &str) {
    article_slug::ActiveModel {
        id: Set(Uuid::now_v7()),
        article_id: Set(article.id),
        lang: Set(article.lang),
        slug: Set(article.slug.clone()),
        created_at: Set(crate::fixtures::start()),
    }
    .insert(db)
    .await
    .unwrap();
    set_slug(db, article.id, slug).await;
}

/// Sets an article's slug outright.
pub async fn set_slug(db: &DatabaseConnection, id: Uuid, slug: &str) {
    let mut model: article::ActiveModel = article::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .into();
    model.slug = Set(slug.to_owned());
    model.update(db).await.unwrap();
}

/// Three published articles titled `ru`, `kk` and `en only`: the Russian and the
/// Kazakh one share the slug `ortaq` (slugs are unique per language only), the
/// English one has its own.
pub async fn one_slug_in_two_languages(
    db: &DatabaseConnection,
) -> (article::Model, article::Model, article::Model) {
    let ru = NewArticle::published("ru", 5).insert(db).await;
    let kk = NewArticle::published("kk", 5)
        .lang(Language::Kk)
        .insert(db)
        .await;
    let en = NewArticle::published("en only", 5)
        .lang(Language::En)
        .insert(db)
        .await;
    set_slug(db, ru.id, "ortaq").await;
    set_slug(db, kk.id, "ortaq").await;
    (ru, kk, en)
}

/// The titles of a page of articles.
pub fn titles(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_owned())
        .collect()
}
