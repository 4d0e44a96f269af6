//! What shows an image changes with it: new texts or a moved focal point purge the
//! cached answers of the articles, meetings and people showing it, change their
//! `ETag`s and `updatedAt`, and bring them back in delta sync; what does not show
//! it is left alone.

use std::collections::BTreeSet;

use polisia_api::{
    domain::{ChangeKind, Role, cache_tags::CacheTag},
    store::{
        changes,
        consumer_cursors::{self, Consumer},
    },
};
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use super::attachments::{published, uploaded};
use crate::{
    cache_tags::{next_purge, recorder},
    helpers::{Account, TestApp, data},
};

fn global(image: &Value) -> &str {
    image["globalId"].as_str().unwrap()
}

fn uuid(value: &Value) -> Uuid {
    let raw = value.as_str().unwrap();
    polisia_api::domain::global_id::decode(raw)
        .map(|(_, id)| id)
        .or_else(|| Uuid::parse_str(raw).ok())
        .unwrap()
}

/// Everything that may show `image`: an article with it as cover, one with it in
/// its gallery, a meeting and a person with it as photo; and an article with
/// `other` as cover. Their ids, in that order.
async fn shown_everywhere(
    app: &TestApp,
    editor: &Account,
    image: &Value,
    other: &Value,
) -> [Uuid; 5] {
    let cover = published(app, editor, json!({ "coverMediaId": global(image) })).await;
    let gallery = published(app, editor, json!({ "galleryMediaIds": [global(image)] })).await;
    let unrelated = published(app, editor, json!({ "coverMediaId": global(other) })).await;
    let region = data(
        &app.graphql(r#"{ region(code: "KZ-43") { id } }"#, json!({}))
            .await,
    )["region"]["id"]
        .clone();
    let meeting = app
        .graphql_as(
            editor,
            "mutation($r: ID!, $p: ID!) { createMeeting(input: { title: \"Приём граждан\", body: \"ДП\", kind: RECEPTION_OF_CITIZENS, heldOn: \"2026-03-01\", regionId: $r, photoMediaId: $p }) { meeting { id } } }",
            json!({ "r": region, "p": global(image) }),
        )
        .await;
    let person = app
        .graphql_as(
            editor,
            "mutation($p: ID!) { createParticipant(input: { fullName: \"Тестов Тест\", photoMediaId: $p }) { participant { id } } }",
            json!({ "p": global(image) }),
        )
        .await;
    [
        uuid(&json!(cover)),
        uuid(&json!(gallery)),
        uuid(&data(&meeting)["createMeeting"]["meeting"]["id"]),
        uuid(&data(&person)["createParticipant"]["participant"]["id"]),
        uuid(&json!(unrelated)),
    ]
}

async fn patch(app: &TestApp, who: &Account, image: &Value, body: Value) -> Value {
    let path = format!("/api/v1/media/{}", image["id"].as_str().unwrap());
    let bearer = who.bearer();
    let answer = app
        .rest(
            Method::PATCH,
            &path,
            &[("authorization", &bearer)],
            Some(&body),
        )
        .await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    answer.json().clone()
}

#[tokio::test]
async fn new_texts_purge_the_answers_showing_the_image_and_no_others() {
    let (url, mut received) = recorder(0).await;
    let app = TestApp::spawn_with(|args| args.purge.purge_url = url).await;
    let editor = app.account(Role::Editor).await;
    let image = uploaded(&app, &editor, 800, 600, "Зал заседаний").await;
    let other = uploaded(&app, &editor, 600, 800, "Другой снимок").await;
    let [cover, gallery, meeting, person, unrelated] =
        shown_everywhere(&app, &editor, &image, &other).await;
    // Every purge of the writes so far claimed, then a mark: what is purged after
    // the mark's purge comes from what follows it.
    app.changes_dispatched().await;
    let newest = changes::newest(app.conn()).await.unwrap();
    while consumer_cursors::read(app.conn(), Consumer::CachePurges)
        .await
        .unwrap()
        < newest
    {
        tokio::task::yield_now().await;
    }
    let mark = app
        .graphql_as(
            &editor,
            "mutation { createTag(name: \"Метка\") { tag { id } } }",
            json!({}),
        )
        .await;
    let mark = CacheTag::tag(uuid(&data(&mark)["createTag"]["tag"]["id"]));
    patch(
        &app,
        &editor,
        &image,
        json!({ "altRu": "Зал после ремонта" }),
    )
    .await;

    let mut purged: BTreeSet<String> = loop {
        let tags = next_purge(&mut received).await;
        if tags.contains(mark.as_str()) {
            break tags;
        }
    };
    let wanted = [
        CacheTag::article(cover),
        CacheTag::article(gallery),
        CacheTag::meeting(meeting),
        CacheTag::participant(person),
    ];
    while !wanted.iter().all(|tag| purged.contains(tag.as_str())) {
        purged.extend(next_purge(&mut received).await);
    }
    assert!(
        !purged.contains(CacheTag::article(unrelated).as_str()),
        "{purged:?}"
    );
}

#[tokio::test]
async fn what_shows_an_image_changes_with_its_texts_and_its_crops() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let image = uploaded(&app, &editor, 1200, 800, "Зал заседаний").await;
    let other = uploaded(&app, &editor, 600, 800, "Другой снимок").await;
    let [cover, gallery, meeting, person, unrelated] =
        shown_everywhere(&app, &editor, &image, &other).await;
    let page = format!("/api/v1/articles/{cover}");
    let before = app.rest_get(&page).await;
    let etag = before.header("etag").to_owned();
    let unrelated_page = format!("/api/v1/articles/{unrelated}");
    let unrelated_before = app.rest_get(&unrelated_page).await.json()["updatedAt"].clone();
    let cursor = app.rest_get("/api/v1/changes").await.json()["cursor"]
        .as_str()
        .unwrap()
        .to_owned();
    app.clock.advance(chrono::Duration::minutes(5));
    let now = app.clock.now();
    patch(
        &app,
        &editor,
        &image,
        json!({ "altRu": "Зал после ремонта", "creditRu": "Фото: ДП" }),
    )
    .await;

    // The article's answer is new: another ETag, the new texts, a later updatedAt.
    let after = app.rest_get_with(&page, &[("if-none-match", &etag)]).await;
    assert_eq!(after.status, 200, "{:?}", after.body);
    assert_ne!(after.header("etag"), etag);
    let shown = after.json();
    assert_eq!(shown["coverImage"]["alt"], "Зал после ремонта");
    assert_eq!(shown["coverImage"]["credit"], "Фото: ДП");
    let moment = |v: &Value| chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap();
    assert_eq!(moment(&shown["updatedAt"]), now);
    // What does not show it is as it was.
    let unrelated_after = app.rest_get(&unrelated_page).await.json()["updatedAt"].clone();
    assert_eq!(unrelated_after, unrelated_before);

    // Delta sync brings back each thing showing it, with the new texts.
    let synced = app
        .rest_get(&format!("/api/v1/changes?after={cursor}&limit=100"))
        .await;
    let items = synced.json()["items"].as_array().unwrap().clone();
    let entry = |id: Uuid| {
        items
            .iter()
            .find(|i| i["id"] == id.to_string())
            .unwrap_or_else(|| panic!("{id} in {items:?}"))
            .clone()
    };
    assert_eq!(
        entry(cover)["article"]["coverImage"]["alt"],
        "Зал после ремонта"
    );
    assert_eq!(moment(&entry(gallery)["updatedAt"]), now);
    assert_eq!(entry(meeting)["meeting"]["photo"]["credit"], "Фото: ДП");
    assert_eq!(
        entry(person)["participant"]["photo"]["alt"],
        "Зал после ремонта"
    );
    assert!(items.iter().all(|i| i["id"] != unrelated.to_string()));
    // The lists asked for what changed since then find them.
    let since = now
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
        .replace(':', "%3A");
    for (list, id) in [
        ("/api/v1/meetings", meeting),
        ("/api/v1/participants", person),
        ("/api/v1/articles", gallery),
    ] {
        let answer = app.rest_get(&format!("{list}?updated_since={since}")).await;
        assert!(
            answer.json()["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["id"] == id.to_string()),
            "{list}: {:?}",
            answer.body
        );
    }

    // Texts sent as they were change nothing.
    let seq = changes::newest(app.conn()).await.unwrap();
    patch(
        &app,
        &editor,
        &image,
        json!({ "altRu": "Зал после ремонта" }),
    )
    .await;
    assert_eq!(changes::newest(app.conn()).await.unwrap(), seq);

    // A moved focal point: the things showing it change when it moves and again
    // when its new crops replace the old, whose addresses the answers gave.
    let wide = |answer: &Value| -> Vec<String> {
        answer["coverImage"]["renditions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["kind"] == "WIDE")
            .map(|r| r["url"].as_str().unwrap().to_owned())
            .collect()
    };
    let crops = wide(app.rest_get(&page).await.json());
    patch(
        &app,
        &editor,
        &image,
        json!({ "focalPoint": { "x": 0.1, "y": 0.2 } }),
    )
    .await;
    app.settled(image["id"].as_str().unwrap()).await;
    let recorded = changes::after(app.conn(), seq, 100).await.unwrap();
    let updates = recorded
        .iter()
        .filter(|c| c.kind == ChangeKind::ArticleUpdated && c.entity_id == cover)
        .count();
    assert_eq!(updates, 2, "{recorded:?}");
    let new_crops = wide(app.rest_get(&page).await.json());
    assert!(!new_crops.is_empty());
    assert!(
        new_crops.iter().all(|url| !crops.contains(url)),
        "{new_crops:?}"
    );
}
