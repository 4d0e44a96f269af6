//! The cells of the permission table that `graphql_editorial` does not try: people,
//! meetings and accounts; drafts seen and touched by their author only; and input
//! fields a client may not set.

use std::sync::Mutex;

use polisia_api::{
    domain::Role,
    entity::{article, user},
};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use crate::{
    graphql_editorial::{CREATE_ARTICLE, cell, draft_by},
    helpers::{TestApp, data, error_code},
};

/// Hands out one prepared id per call, so each role acts on a fresh object.
fn one_each(ids: Vec<String>) -> impl Fn() -> String {
    let ids = Mutex::new(ids.into_iter());
    move || ids.lock().unwrap().next().expect("an id per role")
}

async fn region_id(app: &TestApp) -> Value {
    data(
        &app.graphql(r#"{ region(code: "KZ-43") { id } }"#, json!({}))
            .await,
    )["region"]["id"]
        .clone()
}

#[tokio::test]
async fn accounts_meetings_and_people_cells_hold() {
    use Role::*;
    let app = TestApp::spawn().await;
    let editor = app.account(Editor).await;
    let region = region_id(&app).await;
    let mut targets = Vec::new();
    let mut also = Vec::new();
    let mut meetings = Vec::new();
    let mut doomed_meetings = Vec::new();
    let mut people = Vec::new();
    let mut doomed_people = Vec::new();
    for i in 0..6 {
        targets.push(app.account(Reader).await.id);
        also.push(app.account(Reader).await.id);
        for list in [&mut meetings, &mut doomed_meetings] {
            let made = app
                .graphql_as(
                    &editor,
                    "mutation($r: ID!, $t: String!) { createMeeting(input: { title: $t, body: \"ДП\", kind: BRIEFING, heldOn: \"2026-03-01\", regionId: $r }) { meeting { id } } }",
                    json!({ "r": region, "t": format!("Брифинг {i} {}", uuid::Uuid::new_v4()) }),
                )
                .await;
            list.push(
                data(&made)["createMeeting"]["meeting"]["id"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            );
        }
        for list in [&mut people, &mut doomed_people] {
            let made = app
                .graphql_as(
                    &editor,
                    "mutation($n: String!) { createParticipant(input: { fullName: $n }) { participant { id } } }",
                    json!({ "n": format!("Персона {}", &uuid::Uuid::new_v4().simple().to_string()[..8]) }),
                )
                .await;
            list.push(
                data(&made)["createParticipant"]["participant"]["id"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            );
        }
    }
    let person = people[0].clone();

    let next = one_each(targets.clone());
    cell(
        &app,
        "updateUserRole",
        &[Admin],
        "mutation($id: ID!) { updateUserRole(id: $id, role: ADMIN) { user { role } } }",
        || json!({ "id": next() }),
    )
    .await;
    let admins = user::Entity::find()
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .filter(|u| u.role == Admin)
        .count();
    assert_eq!(
        admins, 2,
        "the admin who acted and the one target promoted by an admin"
    );

    let next = one_each(also);
    cell(
        &app,
        "setUserDisabled",
        &[Admin],
        "mutation($id: ID!) { setUserDisabled(id: $id, disabled: true) { user { id } } }",
        || json!({ "id": next() }),
    )
    .await;

    let next = one_each(meetings.clone());
    cell(&app, "updateMeeting", &[Editor, Admin],
        "mutation($id: ID!) { updateMeeting(id: $id, input: { venue: \"Актовый зал\" }) { meeting { id } } }",
        || json!({ "id": next() })).await;
    let next = one_each(meetings);
    cell(&app, "setMeetingParticipants", &[Editor, Admin],
        "mutation($id: ID!, $p: ID!) { setMeetingParticipants(meetingId: $id, participants: [{ participantId: $p, role: CHAIR }]) { meeting { id } } }",
        || json!({ "id": next(), "p": person })).await;
    let next = one_each(doomed_meetings);
    cell(
        &app,
        "deleteMeeting",
        &[Editor, Admin],
        "mutation($id: ID!) { deleteMeeting(id: $id) { deletedId } }",
        || json!({ "id": next() }),
    )
    .await;
    let next = one_each(people);
    cell(&app, "updateParticipant", &[Editor, Admin],
        "mutation($id: ID!) { updateParticipant(id: $id, input: { position: \"Начальник\" }) { participant { id } } }",
        || json!({ "id": next() })).await;
    let next = one_each(doomed_people);
    cell(
        &app,
        "deleteParticipant",
        &[Editor, Admin],
        "mutation($id: ID!) { deleteParticipant(id: $id) { deletedId } }",
        || json!({ "id": next() }),
    )
    .await;
}

#[tokio::test]
async fn a_draft_is_seen_and_touched_by_its_author_and_editors_only() {
    let app = TestApp::spawn().await;
    let author = app.account(Role::Author).await;
    let draft = draft_by(&app, &author).await;
    let read = "query($id: ID!) { article(id: $id) { id } node(id: $id) { id } }";
    let own = app.graphql_as(&author, read, json!({ "id": draft })).await;
    assert_eq!(data(&own)["article"]["id"], draft.as_str());
    let editor = app.account(Role::Editor).await;
    let seen = app.graphql_as(&editor, read, json!({ "id": draft })).await;
    assert_eq!(data(&seen)["node"]["id"], draft.as_str());

    let anonymous = app.graphql(read, json!({ "id": draft })).await;
    assert!(data(&anonymous)["article"].is_null() && data(&anonymous)["node"].is_null());
    for role in [Role::Reader, Role::Author, Role::Moderator] {
        let other = app.account(role).await;
        let unseen = app.graphql_as(&other, read, json!({ "id": draft })).await;
        assert!(
            data(&unseen)["article"].is_null() && data(&unseen)["node"].is_null(),
            "{role:?} sees another's draft: {unseen}"
        );
        for (name, mutation) in [
            (
                "updateArticle",
                "mutation($id: ID!) { updateArticle(id: $id, input: { version: 1, title: \"Чужая правка\" }) { article { id } } }",
            ),
            (
                "submitArticleForReview",
                "mutation($id: ID!) { submitArticleForReview(id: $id) { article { id } } }",
            ),
            (
                "deleteArticle",
                "mutation($id: ID!) { deleteArticle(id: $id) { deletedId } }",
            ),
            (
                "publishArticle",
                "mutation($id: ID!) { publishArticle(id: $id) { article { id } } }",
            ),
        ] {
            let refused = app
                .graphql_as(&other, mutation, json!({ "id": draft }))
                .await;
            assert_eq!(
                error_code(&refused),
                "FORBIDDEN",
                "{role:?} {name}: {refused}"
            );
        }
    }
    let untouched = app
        .graphql_as(
            &author,
            "query($id: ID!) { article(id: $id) { title version status } }",
            json!({ "id": draft }),
        )
        .await;
    assert_eq!(data(&untouched)["article"]["version"], 1);
    assert_eq!(data(&untouched)["article"]["status"], "DRAFT");
}

#[tokio::test]
async fn fields_a_client_may_not_set_are_refused_in_graphql_inputs() {
    let app = TestApp::spawn().await;
    let users = || async { user::Entity::find().count(app.conn()).await.unwrap() };
    let articles = || async { article::Entity::find().count(app.conn()).await.unwrap() };
    let register = "mutation($i: RegisterInput!) { register(input: $i) { user { role } } }";
    let before = users().await;
    for (field, value) in [
        ("role", json!("ADMIN")),
        ("disabled", json!(false)),
        ("id", json!("VXNlcjox")),
        ("emailVerified", json!(true)),
    ] {
        let mut input = json!({ "email": format!("{}@example.kz", uuid::Uuid::new_v4().simple()), "password": "long-enough-password", "displayName": "Новичок" });
        input[field] = value;
        let refused = app.graphql(register, json!({ "i": input })).await;
        assert_eq!(
            error_code(&refused),
            "BAD_USER_INPUT",
            "register with {field}"
        );
    }
    assert_eq!(users().await, before, "no account was made");
    let plain = app
        .graphql(register, json!({ "i": { "email": "plain@example.kz", "password": "long-enough-password", "displayName": "Новичок" } }))
        .await;
    assert_eq!(data(&plain)["register"]["user"]["role"], "READER");

    let author = app.account(Role::Author).await;
    let before = articles().await;
    for (field, value) in [
        ("status", json!("PUBLISHED")),
        ("publishedAt", json!("2026-01-01T00:00:00Z")),
        ("createdBy", json!(author.id)),
        ("authorId", json!(author.id)),
        ("version", json!(7)),
    ] {
        let mut input = json!({ "lang": "RU", "title": "Самопубликация", "body": "<p>x</p>" });
        input[field] = value;
        let refused = app
            .graphql_as(&author, CREATE_ARTICLE, json!({ "i": input }))
            .await;
        assert_eq!(
            error_code(&refused),
            "BAD_USER_INPUT",
            "createArticle with {field}"
        );
    }
    assert_eq!(articles().await, before);

    let draft = draft_by(&app, &author).await;
    for (field, value) in [
        ("status", json!("PUBLISHED")),
        ("publishedAt", json!("2026-01-01T00:00:00Z")),
        ("authorId", json!(author.id)),
        ("updatedBy", json!(author.id)),
    ] {
        let mut input = json!({ "version": 1, "title": "Правка" });
        input[field] = value;
        let refused = app
            .graphql_as(
                &author,
                "mutation($id: ID!, $i: UpdateArticleInput!) { updateArticle(id: $id, input: $i) { article { id } } }",
                json!({ "id": draft, "i": input }),
            )
            .await;
        assert_eq!(
            error_code(&refused),
            "BAD_USER_INPUT",
            "updateArticle with {field}"
        );
    }
    let still = app
        .graphql_as(
            &author,
            "query($id: ID!) { article(id: $id) { status version } }",
            json!({ "id": draft }),
        )
        .await;
    assert_eq!(data(&still)["article"]["status"], "DRAFT");
    assert_eq!(data(&still)["article"]["version"], 1);

    let comment_status = app
        .graphql_as(
            &author,
            "mutation($id: ID!) { updateComment(id: $id, body: \"x\", status: APPROVED) { comment { id } } }",
            json!({ "id": draft }),
        )
        .await;
    assert_eq!(error_code(&comment_status), "BAD_USER_INPUT");
}

#[tokio::test]
async fn only_editors_and_admins_arrange_the_front_page() {
    use Role::*;
    let app = TestApp::spawn().await;
    let author = app.account(Author).await;
    let mut drafts = Vec::new();
    for _ in 0..6 {
        drafts.push(draft_by(&app, &author).await);
    }
    let next = one_each(drafts);
    cell(
        &app,
        "setFeaturedPosition",
        &[Editor, Admin],
        "mutation($id: ID!) { setFeaturedPosition(id: $id, position: 1) { article { featuredPosition } } }",
        || json!({ "id": next() }),
    )
    .await;
    let featured = article::Entity::find()
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.featured_position.is_some())
        .count();
    // The editor's and the administrator's; the second took the place from the first.
    assert_eq!(featured, 1);
}
