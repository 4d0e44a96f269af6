//! The position given as text (`createParticipant`/`updateParticipant` `position`)
//! is the one held today among the person's positions: it renames it, opens one,
//! or ends it, and `position` reads back what was given.

use polisia_api::domain::Role;
use serde_json::{Value, json};

use crate::helpers::{Account, TestApp, data};

const UPDATE: &str = "mutation($id: ID!, $p: String) { updateParticipant(id: $id, input: { position: $p }) { participant { position } } }";
const READ: &str = "query($id: ID!) { node(id: $id) { ... on Participant {
  position en: position(lang: EN) positions { title titleEn from to } } } }";

async fn read(app: &TestApp, id: &str) -> Value {
    data(&app.graphql(READ, json!({ "id": id })).await)["node"].clone()
}

async fn update(app: &TestApp, editor: &Account, id: &str, position: Value) {
    let updated = app
        .graphql_as(editor, UPDATE, json!({ "id": id, "p": position }))
        .await;
    assert!(updated["errors"].is_null(), "{updated}");
    assert_eq!(
        data(&updated)["updateParticipant"]["participant"]["position"],
        position
    );
}

/// What the person's row in `meeting` names as held then.
async fn held(app: &TestApp, meeting: &str) -> Value {
    let read = app
        .graphql(
            "query($id: ID!) { node(id: $id) { ... on Meeting { participants { heldPosition { title } } } } }",
            json!({ "id": meeting }),
        )
        .await;
    data(&read)["node"]["participants"][0]["heldPosition"]["title"].clone()
}

#[tokio::test]
async fn the_position_given_as_text_is_the_one_held_today() {
    // The service's clock says 1 December 2026.
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let made = app
        .graphql_as(
            &editor,
            "mutation { createParticipant(input: { fullName: \"Ахметов Серик\", position: \"участковый инспектор\" }) { participant { id } } }",
            json!({}),
        )
        .await;
    let id = data(&made)["createParticipant"]["participant"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // A new person's text position is their first position, its start not recorded.
    let person = read(&app, &id).await;
    assert_eq!(person["position"], "участковый инспектор");
    assert_eq!(
        person["positions"],
        json!([{ "title": "участковый инспектор", "titleEn": null, "from": null, "to": null }])
    );

    let set = app
        .graphql_as(
            &editor,
            "mutation($p: ID!) { setParticipantPositions(participantId: $p, positions: [
               { titleRu: \"старший инспектор\", from: \"2019-03-01\", to: \"2023-12-31\" },
               { titleRu: \"начальник отдела\", titleEn: \"head of division\", from: \"2024-01-01\" }
             ]) { participant { id } } }",
            json!({ "p": id }),
        )
        .await;
    assert!(set["errors"].is_null(), "{set}");
    let region = app
        .graphql(r#"{ region(code: "KZ-43") { id } }"#, json!({}))
        .await;
    let meeting = app
        .graphql_as(
            &editor,
            "mutation($r: ID!) { createMeeting(input: { title: \"Приём граждан\", body: \"ДП\", kind: RECEPTION_OF_CITIZENS, heldOn: \"2026-12-10\", regionId: $r }) { meeting { id } } }",
            json!({ "r": data(&region)["region"]["id"] }),
        )
        .await;
    let meeting = data(&meeting)["createMeeting"]["meeting"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.graphql_as(
        &editor,
        "mutation($m: ID!, $p: ID!) { setMeetingParticipants(meetingId: $m, participants: [{ participantId: $p, role: CHAIR }]) { meeting { id } } }",
        json!({ "m": meeting, "p": id }),
    )
    .await;
    assert_eq!(held(&app, &meeting).await, "начальник отдела");

    // A new title renames the position held today; its English title, a
    // translation of the old one, goes; its dates and the earlier position stay.
    update(&app, &editor, &id, json!("начальник управления")).await;
    let person = read(&app, &id).await;
    assert_eq!(person["en"], "начальник управления");
    assert_eq!(
        person["positions"],
        json!([
            { "title": "начальник управления", "titleEn": null, "from": "2024-01-01", "to": null },
            { "title": "старший инспектор", "titleEn": null, "from": "2019-03-01", "to": "2023-12-31" },
        ])
    );
    assert_eq!(held(&app, &meeting).await, "начальник управления");

    // None ends it yesterday: the meeting ahead finds none held on its day.
    update(&app, &editor, &id, Value::Null).await;
    let person = read(&app, &id).await;
    assert_eq!(person["positions"][0]["to"], "2026-11-30");
    assert_eq!(held(&app, &meeting).await, Value::Null);

    // Holding none today, a title opens a position from today.
    update(&app, &editor, &id, json!("заместитель начальника")).await;
    let person = read(&app, &id).await;
    assert_eq!(person["positions"].as_array().unwrap().len(), 3);
    assert_eq!(
        person["positions"][0],
        json!({ "title": "заместитель начальника", "titleEn": null, "from": "2026-12-01", "to": null })
    );
    assert_eq!(held(&app, &meeting).await, "заместитель начальника");
    let rest = app.rest_get(&format!("/api/v1/participants/{id}")).await;
    assert_eq!(rest.json()["position"], "заместитель начальника");

    // Ending a position begun today removes it.
    update(&app, &editor, &id, Value::Null).await;
    let person = read(&app, &id).await;
    assert_eq!(person["position"], Value::Null);
    assert_eq!(person["positions"].as_array().unwrap().len(), 2);
    assert_eq!(held(&app, &meeting).await, Value::Null);
}
