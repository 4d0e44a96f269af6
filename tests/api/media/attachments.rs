//! Uploaded images attached to content: an article's cover and ordered gallery, a
//! meeting's and a person's photo, over GraphQL and REST; unknown images refused
//! naming the field; an image in use cannot be deleted.

use polisia_api::domain::Role;
use serde_json::{Value, json};

use super::pictures::{Part, png};
use crate::helpers::{Account, TestApp, data, error_code};

const CREATE: &str =
    "mutation($i: CreateArticleInput!) { createArticle(input: $i) { article { id version } } }";
const UPDATE: &str = "mutation($id: ID!, $i: UpdateArticleInput!) { updateArticle(id: $id, input: $i) { article { id version } } }";
const PUBLISH: &str = "mutation($id: ID!) { publishArticle(id: $id) { article { id } } }";
const PICTURES: &str = r#"query($id: ID!) { article(id: $id) {
  coverImage { id url width height alt caption credit srcset(format: JPEG) }
  gallery { id url(width: 600) alt }
} }"#;

/// Uploads a `width` × `height` picture with a Russian alt text, caption and
/// credit, waits for its renditions; the REST answer.
pub async fn uploaded(app: &TestApp, who: &Account, width: u32, height: u32, alt: &str) -> Value {
    let bytes = png(width, height);
    let answer = app
        .upload_form(
            Some(&who.bearer()),
            &[
                Part::file("photo.png", "image/png", &bytes),
                Part::text("alt_ru", alt),
                Part::text("caption_ru", "Подпись к снимку"),
                Part::text("credit_ru", "Фото пресс-службы"),
            ],
        )
        .await;
    assert_eq!(answer.status, 201, "{:?}", answer.body);
    app.settled(answer.json()["id"].as_str().unwrap()).await
}

fn global(image: &Value) -> &str {
    image["globalId"].as_str().unwrap()
}

fn uuid_of(global: &str) -> String {
    polisia_api::domain::global_id::decode(global)
        .map(|(_, id)| id.to_string())
        .unwrap()
}

/// A published article made from `input` (title and body added); its global id.
pub async fn published(app: &TestApp, editor: &Account, mut input: Value) -> String {
    input["lang"] = json!("RU");
    input["title"] = json!(format!("Снимки {}", uuid::Uuid::now_v7().simple()));
    input["body"] = json!("<p>Текст заметки о выезде.</p>");
    let created = app.graphql_as(editor, CREATE, json!({ "i": input })).await;
    let id = data(&created)["createArticle"]["article"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{created}"))
        .to_owned();
    let done = app.graphql_as(editor, PUBLISH, json!({ "id": id })).await;
    assert!(done.get("errors").is_none(), "{done}");
    id
}

#[tokio::test]
async fn an_article_shows_its_uploaded_cover_and_gallery_in_graphql_and_rest() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let cover = uploaded(&app, &editor, 1300, 800, "Патруль у здания").await;
    let first = uploaded(&app, &editor, 700, 500, "Первый снимок").await;
    let second = uploaded(&app, &editor, 500, 700, "Второй снимок").await;
    let article = published(
        &app,
        &editor,
        json!({
            "coverImageUrl": "https://img.example.kz/old.jpg",
            "coverImageAlt": "Старая обложка",
            "coverMediaId": global(&cover),
            "galleryMediaIds": [global(&second), global(&first)],
        }),
    )
    .await;

    let answer = app.graphql(PICTURES, json!({ "id": article })).await;
    let shown = &data(&answer)["article"];
    let cover_image = &shown["coverImage"];
    assert_eq!(cover_image["id"], global(&cover), "{answer}");
    assert_eq!(cover_image["width"], 1300);
    assert_eq!(cover_image["height"], 800);
    assert_eq!(cover_image["alt"], "Патруль у здания");
    assert_eq!(cover_image["caption"], "Подпись к снимку");
    assert_eq!(cover_image["credit"], "Фото пресс-службы");
    assert!(
        cover_image["url"].as_str().unwrap().starts_with(&format!(
            "https://news.example.kz/media/{}/",
            cover["id"].as_str().unwrap()
        )),
        "{answer}"
    );
    let srcset = cover_image["srcset"].as_str().unwrap();
    assert!(
        srcset.contains(" 320w") && srcset.contains(" 1024w"),
        "{srcset}"
    );
    let gallery: Vec<&Value> = shown["gallery"].as_array().unwrap().iter().collect();
    assert_eq!(gallery.len(), 2);
    assert_eq!(gallery[0]["id"], global(&second));
    assert_eq!(gallery[1]["id"], global(&first));
    assert_eq!(gallery[1]["alt"], "Первый снимок");
    assert!(gallery[1]["url"].as_str().unwrap().contains("/w640-"));

    // REST: the same cover with its size, texts and renditions, and the gallery.
    let detail = app
        .rest_get(&format!("/api/v1/articles/{}", uuid_of(&article)))
        .await;
    assert_eq!(detail.status, 200);
    let rest_cover = &detail.json()["coverImage"];
    assert_eq!(rest_cover["id"], cover["id"]);
    assert_eq!(rest_cover["width"], 1300);
    assert_eq!(rest_cover["alt"], "Патруль у здания");
    assert_eq!(rest_cover["credit"], "Фото пресс-службы");
    assert!(
        rest_cover["url"].as_str().unwrap().contains("/w1024-"),
        "{rest_cover}"
    );
    assert!(rest_cover["url"].as_str().unwrap().ends_with(".jpg"));
    assert!(
        rest_cover["srcset"]
            .as_str()
            .unwrap()
            .contains(".webp 640w")
    );
    let renditions = rest_cover["renditions"].as_array().unwrap();
    assert!(
        renditions
            .iter()
            .any(|r| r["kind"] == "WIDE" && r["format"] == "JPEG")
    );
    assert!(renditions.iter().all(|r| r["kind"] != "ORIGINAL"));
    let rest_gallery = detail.json()["gallery"].as_array().unwrap();
    assert_eq!(rest_gallery.len(), 2);
    assert_eq!(rest_gallery[0]["id"], second["id"]);
    // Lists carry the cover too.
    let list = app.rest_get("/api/v1/articles").await;
    let item = list.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == uuid_of(&article))
        .unwrap()
        .clone();
    assert_eq!(item["coverImage"]["id"], cover["id"]);

    // Without the uploaded cover, the linked one is shown again, as before.
    let version = 2;
    let changed = app
        .graphql_as(
            &editor,
            UPDATE,
            json!({ "id": article, "i": { "version": version, "coverMediaId": null, "galleryMediaIds": [global(&first)] } }),
        )
        .await;
    assert!(changed.get("errors").is_none(), "{changed}");
    let answer = app.graphql(PICTURES, json!({ "id": article })).await;
    let shown = &data(&answer)["article"];
    assert_eq!(
        shown["coverImage"]["url"], "https://img.example.kz/old.jpg",
        "{answer}"
    );
    assert_eq!(shown["coverImage"]["alt"], "Старая обложка");
    assert_eq!(shown["coverImage"]["id"], Value::Null);
    assert_eq!(shown["gallery"].as_array().unwrap().len(), 1);
    assert_eq!(shown["gallery"][0]["id"], global(&first));
}

#[tokio::test]
async fn unknown_images_are_refused_naming_the_field_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let real = uploaded(&app, &editor, 400, 300, "Снимок").await;
    let missing = polisia_api::domain::global_id::encode(
        polisia_api::domain::global_id::NodeKind::Image,
        uuid::Uuid::now_v7(),
    );
    let region = data(
        &app.graphql(r#"{ region(code: "KZ-43") { id } }"#, json!({}))
            .await,
    )["region"]["id"]
        .clone();
    let cases = [
        (
            CREATE,
            json!({ "i": { "lang": "RU", "title": "Обложка", "body": "<p>x</p>", "coverMediaId": missing } }),
            "input.coverMediaId",
        ),
        (
            CREATE,
            json!({ "i": { "lang": "RU", "title": "Галерея", "body": "<p>x</p>", "galleryMediaIds": [global(&real), missing] } }),
            "input.galleryMediaIds[1]",
        ),
        (
            CREATE,
            json!({ "i": { "lang": "RU", "title": "Галерея", "body": "<p>x</p>", "galleryMediaIds": [global(&real), global(&real)] } }),
            "input.galleryMediaIds[1]",
        ),
        (
            "mutation($r: ID!, $p: ID!) { createMeeting(input: { title: \"Приём граждан\", body: \"ДП\", kind: RECEPTION_OF_CITIZENS, heldOn: \"2026-03-01\", regionId: $r, photoMediaId: $p }) { meeting { id } } }",
            json!({ "r": region, "p": missing }),
            "input.photoMediaId",
        ),
        (
            "mutation($p: ID!) { createParticipant(input: { fullName: \"Тестов Тест\", photoMediaId: $p }) { participant { id } } }",
            json!({ "p": missing }),
            "input.photoMediaId",
        ),
    ];
    for (query, variables, field) in cases {
        let answer = app.graphql_as(&editor, query, variables).await;
        assert_eq!(error_code(&answer), "BAD_USER_INPUT", "{answer}");
        assert_eq!(
            answer["errors"][0]["extensions"]["field"], field,
            "{answer}"
        );
    }
    let count = data(
        &app.graphql_as(
            &editor,
            "{ articles(first: 5) { totalCount } meetings(first: 5) { totalCount } }",
            json!({}),
        )
        .await,
    )
    .clone();
    assert_eq!(count["meetings"]["totalCount"], 0, "{count}");
}

#[tokio::test]
async fn meetings_and_people_show_their_photos() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let photo = uploaded(&app, &editor, 800, 600, "Зал заседаний").await;
    let portrait = uploaded(&app, &editor, 600, 800, "Портрет").await;
    let region = data(
        &app.graphql(r#"{ region(code: "KZ-43") { id } }"#, json!({}))
            .await,
    )["region"]["id"]
        .clone();
    let meeting = app
        .graphql_as(
            &editor,
            "mutation($r: ID!, $p: ID!) { createMeeting(input: { title: \"Приём граждан\", body: \"ДП\", kind: RECEPTION_OF_CITIZENS, heldOn: \"2026-03-01\", regionId: $r, photoMediaId: $p }) { meeting { id slug photo { id alt width } } } }",
            json!({ "r": region, "p": global(&photo) }),
        )
        .await;
    let meeting = &data(&meeting)["createMeeting"]["meeting"];
    assert_eq!(meeting["photo"]["id"], global(&photo));
    assert_eq!(meeting["photo"]["alt"], "Зал заседаний");
    let person = app
        .graphql_as(
            &editor,
            "mutation { createParticipant(input: { fullName: \"Тестов Тест\" }) { participant { id slug photo { id } } } }",
            json!({}),
        )
        .await;
    let person = &data(&person)["createParticipant"]["participant"];
    assert_eq!(person["photo"], Value::Null);
    let changed = app
        .graphql_as(
            &editor,
            "mutation($id: ID!, $p: ID!) { updateParticipant(id: $id, input: { photoMediaId: $p }) { participant { photo { id height } } } }",
            json!({ "id": person["id"], "p": global(&portrait) }),
        )
        .await;
    let shown = &data(&changed)["updateParticipant"]["participant"]["photo"];
    assert_eq!(shown["id"], global(&portrait), "{changed}");
    assert_eq!(shown["height"], 800);

    let rest = app
        .rest_get(&format!(
            "/api/v1/meetings/{}",
            meeting["slug"].as_str().unwrap()
        ))
        .await;
    assert_eq!(rest.json()["photo"]["id"], photo["id"], "{:?}", rest.body);
    assert_eq!(rest.json()["photo"]["width"], 800);
    let rest = app
        .rest_get(&format!(
            "/api/v1/participants/{}",
            person["slug"].as_str().unwrap()
        ))
        .await;
    assert_eq!(
        rest.json()["photo"]["id"],
        portrait["id"],
        "{:?}",
        rest.body
    );
    assert!(
        rest.json()["photo"]["srcset"]
            .as_str()
            .unwrap()
            .contains(" 320w")
    );
}

#[tokio::test]
async fn an_image_in_use_cannot_be_deleted_until_it_is_detached() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let cover = uploaded(&app, &editor, 400, 300, "Обложка").await;
    let shot = uploaded(&app, &editor, 300, 400, "Снимок").await;
    let article = published(
        &app,
        &editor,
        json!({ "coverMediaId": global(&cover), "galleryMediaIds": [global(&shot)] }),
    )
    .await;
    let delete = "mutation($id: ID!) { deleteMedia(id: $id) { deleted } }";
    let answer = app
        .graphql_as(&editor, delete, json!({ "id": global(&cover) }))
        .await;
    assert_eq!(error_code(&answer), "CONFLICT", "{answer}");
    let message = answer["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("cover of article") && message.contains(&uuid_of(&article)),
        "{message}"
    );
    let path = format!("/api/v1/media/{}", shot["id"].as_str().unwrap());
    let bearer = editor.bearer();
    let refused = app
        .rest(
            reqwest::Method::DELETE,
            &path,
            &[("authorization", &bearer)],
            None,
        )
        .await;
    assert_eq!(refused.status, 409, "{:?}", refused.body);
    assert_eq!(refused.header("content-type"), "application/problem+json");
    assert!(
        refused.json()["detail"]
            .as_str()
            .unwrap()
            .contains(&format!("gallery of article {}", uuid_of(&article))),
        "{:?}",
        refused.body
    );
    // Both are still served.
    assert_eq!(app.rest_get(&path).await.status, 200);

    let detached = app
        .graphql_as(
            &editor,
            UPDATE,
            json!({ "id": article, "i": { "version": 2, "coverMediaId": null, "galleryMediaIds": [] } }),
        )
        .await;
    assert!(detached.get("errors").is_none(), "{detached}");
    let answer = app
        .graphql_as(&editor, delete, json!({ "id": global(&cover) }))
        .await;
    assert_eq!(data(&answer)["deleteMedia"]["deleted"], true, "{answer}");
    let gone = app
        .rest(
            reqwest::Method::DELETE,
            &path,
            &[("authorization", &bearer)],
            None,
        )
        .await;
    assert_eq!(gone.status, 204, "{:?}", gone.body);
}
