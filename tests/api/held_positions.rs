//! Meeting rows and quotes follow the day they speak of: a meeting moved to another
//! day, an article moved to another meeting (or left without one) point them at the
//! position held on the new day, unless an editor chose the row's position. Seen
//! over GraphQL and REST.

use polisia_api::domain::Role;
use serde_json::{Value, json};

use crate::helpers::{Account, TestApp, data};

const SET_POSITIONS: &str = "mutation($p: ID!, $list: [PositionInput!]!) { setParticipantPositions(participantId: $p, positions: $list) { participant { id } } }";
const MOVE_MEETING: &str = "mutation($id: ID!, $day: Date!) { updateMeeting(id: $id, input: { heldOn: $day }) { meeting { heldOn } } }";
const ROWS: &str = "query($id: ID!) { node(id: $id) { ... on Meeting { participants { participant { id } positionChosen heldPosition { title } } } } }";
const QUOTES: &str = "query($id: ID!) { node(id: $id) { ... on Article { version quotes { speakerPosition { title } } } } }";

/// A senior inspector until the end of 2023, head of the department from 2024.
async fn person(app: &TestApp, editor: &Account, name: &str) -> String {
    let made = app
        .graphql_as(
            editor,
            "mutation($n: String!) { createParticipant(input: { fullName: $n }) { participant { id } } }",
            json!({ "n": name }),
        )
        .await;
    let id = data(&made)["createParticipant"]["participant"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let set = app
        .graphql_as(
            editor,
            SET_POSITIONS,
            json!({ "p": id, "list": [
                { "titleRu": "начальник департамента", "titleEn": "head of the department",
                  "from": "2024-01-01" },
                { "titleRu": "старший инспектор", "titleEn": "senior inspector",
                  "from": "2019-03-01", "to": "2023-12-31" },
            ] }),
        )
        .await;
    assert!(set["errors"].is_null(), "{set}");
    id
}

/// The person's positions' ids, the current one first.
async fn positions(app: &TestApp, person: &str) -> Vec<String> {
    let read = app
        .graphql(
            "query($id: ID!) { node(id: $id) { ... on Participant { positions { id } } } }",
            json!({ "id": person }),
        )
        .await;
    data(&read)["node"]["positions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn meeting(app: &TestApp, editor: &Account, title: &str, day: &str) -> String {
    let region = app
        .graphql(r#"{ region(code: "KZ-43") { id } }"#, json!({}))
        .await;
    let made = app
        .graphql_as(
            editor,
            "mutation($r: ID!, $t: String!, $d: Date!) { createMeeting(input: { title: $t, body: \"ДП\", kind: BRIEFING, heldOn: $d, regionId: $r }) { meeting { id } } }",
            json!({ "r": data(&region)["region"]["id"], "t": title, "d": day }),
        )
        .await;
    data(&made)["createMeeting"]["meeting"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A published English article covering `meeting`, quoting `speaker`.
async fn article(app: &TestApp, editor: &Account, meeting: &str, speaker: &str) -> String {
    let made = app
        .graphql_as(
            editor,
            crate::graphql_editorial::CREATE_ARTICLE,
            json!({ "i": { "lang": "EN", "title": "A briefing on patrols", "body": "<p>We will patrol more.</p>",
                           "meetingId": meeting, "quotes": [{ "text": "We will patrol more.", "participantId": speaker }] } }),
        )
        .await;
    let id = data(&made)["createArticle"]["article"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let published = app
        .graphql_as(
            editor,
            "mutation($id: ID!) { publishArticle(id: $id) { article { status } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        data(&published)["publishArticle"]["article"]["status"],
        "PUBLISHED"
    );
    id
}

/// The articles changed since `since`, by `articles(updatedSince:)`.
async fn changed_since(app: &TestApp, since: String) -> Vec<String> {
    let list = app
        .graphql(
            "query($s: DateTime!) { articles(updatedSince: $s) { edges { node { id } } } }",
            json!({ "s": since }),
        )
        .await;
    data(&list)["articles"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The title each row of the meeting names and whether it was chosen, over GraphQL
/// (Russian) and REST (English), in the meeting's order.
async fn rows(app: &TestApp, meeting: &str) -> Vec<(Value, Value, Value)> {
    let graphql = app.graphql(ROWS, json!({ "id": meeting })).await;
    let rest = app
        .rest_get(&format!("/api/v1/meetings/{meeting}?lang=en"))
        .await;
    assert_eq!(rest.status, 200, "{}", rest.text());
    let graphql = data(&graphql)["node"]["participants"]
        .as_array()
        .unwrap()
        .clone();
    let rest = rest.json()["participants"].as_array().unwrap().clone();
    assert_eq!(graphql.len(), rest.len());
    graphql
        .iter()
        .zip(&rest)
        .map(|(g, r)| {
            (
                g["heldPosition"]["title"].clone(),
                g["positionChosen"].clone(),
                r["position"].clone(),
            )
        })
        .collect()
}

/// The speaker's position of the article's only quote, over GraphQL and REST.
async fn speaker_position(app: &TestApp, editor: &Account, article: &str) -> (Value, Value) {
    let graphql = app
        .graphql_as(editor, QUOTES, json!({ "id": article }))
        .await;
    let rest = app.rest_get(&format!("/api/v1/articles/{article}")).await;
    assert_eq!(rest.status, 200, "{}", rest.text());
    (
        data(&graphql)["node"]["quotes"][0]["speakerPosition"]["title"].clone(),
        rest.json()["quotes"][0]["speakerPosition"].clone(),
    )
}

async fn move_article(app: &TestApp, editor: &Account, article: &str, meeting: Value) {
    let read = app
        .graphql_as(editor, QUOTES, json!({ "id": article }))
        .await;
    let version = data(&read)["node"]["version"].clone();
    let moved = app
        .graphql_as(
            editor,
            "mutation($id: ID!, $i: UpdateArticleInput!) { updateArticle(id: $id, input: $i) { article { id } } }",
            json!({ "id": article, "i": { "version": version, "meetingId": meeting } }),
        )
        .await;
    assert!(moved["errors"].is_null(), "{moved}");
}

#[tokio::test]
async fn a_meeting_moved_across_a_change_of_position_names_the_other_one_unless_chosen() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let follows = person(&app, &editor, "Омаров Талгат").await;
    let chosen = person(&app, &editor, "Сапаров Ерлан").await;
    let inspector = positions(&app, &chosen).await[1].clone();
    let held = meeting(&app, &editor, "Совещание по патрулированию", "2022-05-05").await;
    let set = app
        .graphql_as(
            &editor,
            "mutation($m: ID!, $a: ID!, $b: ID!, $pos: ID!) { setMeetingParticipants(meetingId: $m, participants: [{ participantId: $a, role: SPEAKER }, { participantId: $b, role: GUEST, positionId: $pos }]) { meeting { id } } }",
            json!({ "m": held, "a": follows, "b": chosen, "pos": inspector }),
        )
        .await;
    assert!(set["errors"].is_null(), "{set}");
    let covering = article(&app, &editor, &held, &follows).await;
    assert_eq!(
        rows(&app, &held).await,
        [
            (
                json!("старший инспектор"),
                json!(false),
                json!("senior inspector")
            ),
            (
                json!("старший инспектор"),
                json!(true),
                json!("senior inspector")
            ),
        ]
    );
    assert_eq!(
        speaker_position(&app, &editor, &covering).await,
        (json!("senior inspector"), json!("senior inspector"))
    );

    // Moved to 2024: the row that followed the day names the head of the
    // department; the chosen one stays; the covering article's quote follows.
    let moved = app
        .graphql_as(
            &editor,
            MOVE_MEETING,
            json!({ "id": held, "day": "2024-06-01" }),
        )
        .await;
    assert!(moved["errors"].is_null(), "{moved}");
    assert_eq!(
        rows(&app, &held).await,
        [
            (
                json!("начальник департамента"),
                json!(false),
                json!("head of the department")
            ),
            (
                json!("старший инспектор"),
                json!(true),
                json!("senior inspector")
            ),
        ]
    );
    assert_eq!(
        speaker_position(&app, &editor, &covering).await,
        (
            json!("head of the department"),
            json!("head of the department")
        )
    );
    // The person's page names the position of that day too.
    let page = app
        .rest_get(&format!("/api/v1/participants/{follows}?lang=en"))
        .await;
    assert_eq!(
        page.json()["meetings"][0]["position"],
        "head of the department"
    );
}

#[tokio::test]
async fn a_quote_follows_its_article_to_another_meeting_and_to_none() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let speaker = person(&app, &editor, "Омаров Талгат").await;
    let later = meeting(&app, &editor, "Брифинг 2024", "2024-06-01").await;
    let earlier = meeting(&app, &editor, "Брифинг 2022", "2022-05-05").await;
    let covering = article(&app, &editor, &later, &speaker).await;
    assert_eq!(
        speaker_position(&app, &editor, &covering).await,
        (
            json!("head of the department"),
            json!("head of the department")
        )
    );

    move_article(&app, &editor, &covering, json!(earlier)).await;
    assert_eq!(
        speaker_position(&app, &editor, &covering).await,
        (json!("senior inspector"), json!("senior inspector"))
    );

    // Without a meeting the event is the day it was written (the clock's, in 2026).
    move_article(&app, &editor, &covering, Value::Null).await;
    assert_eq!(
        speaker_position(&app, &editor, &covering).await,
        (
            json!("head of the department"),
            json!("head of the department")
        )
    );

    // Its meeting deleted, likewise.
    move_article(&app, &editor, &covering, json!(earlier)).await;
    assert_eq!(
        speaker_position(&app, &editor, &covering).await.0,
        json!("senior inspector")
    );
    let deleted = app
        .graphql_as(
            &editor,
            "mutation($id: ID!) { deleteMeeting(id: $id) { deletedId } }",
            json!({ "id": earlier }),
        )
        .await;
    assert!(deleted["errors"].is_null(), "{deleted}");
    assert_eq!(
        speaker_position(&app, &editor, &covering).await,
        (
            json!("head of the department"),
            json!("head of the department")
        )
    );
}

/// A covering article says something new when its meeting moves (its quotes may name
/// other positions) or is deleted (it loses the meeting): it is marked changed then,
/// so `updatedSince` and everything fed by the record of changes hear of it.
#[tokio::test]
async fn moving_or_deleting_a_meeting_marks_its_articles_changed() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let speaker = person(&app, &editor, "Омаров Талгат").await;
    let held = meeting(&app, &editor, "Брифинг 2024", "2024-06-01").await;
    let covering = article(&app, &editor, &held, &speaker).await;
    let changed_since = |since: String| changed_since(&app, since);

    app.clock.advance(chrono::Duration::minutes(5));
    let before_move = app.clock.now().to_rfc3339();
    assert!(changed_since(before_move.clone()).await.is_empty());
    let moved = app
        .graphql_as(
            &editor,
            MOVE_MEETING,
            json!({ "id": held, "day": "2022-05-05" }),
        )
        .await;
    assert!(moved["errors"].is_null(), "{moved}");
    assert_eq!(
        changed_since(before_move).await,
        std::slice::from_ref(&covering)
    );

    app.clock.advance(chrono::Duration::minutes(5));
    let before_delete = app.clock.now().to_rfc3339();
    let deleted = app
        .graphql_as(
            &editor,
            "mutation($id: ID!) { deleteMeeting(id: $id) { deletedId } }",
            json!({ "id": held }),
        )
        .await;
    assert!(deleted["errors"].is_null(), "{deleted}");
    assert_eq!(changed_since(before_delete).await, [covering]);
}

#[tokio::test]
async fn new_positions_mark_changed_the_articles_whose_quotes_name_another() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let speaker = person(&app, &editor, "Омаров Талгат").await;
    let other = person(&app, &editor, "Ахметова Динара").await;
    let held = meeting(&app, &editor, "Брифинг 2024", "2024-06-01").await;
    let quoting = article(&app, &editor, &held, &speaker).await;
    let quoting_other = article(&app, &editor, &held, &other).await;
    let changed_since = |since: String| changed_since(&app, since);

    // Replaced positions: the quote names the new one held on the day.
    app.clock.advance(chrono::Duration::minutes(5));
    let before = app.clock.now().to_rfc3339();
    let set = app
        .graphql_as(
            &editor,
            SET_POSITIONS,
            json!({ "p": speaker, "list": [{ "titleRu": "заместитель начальника", "from": "2020-01-01" }] }),
        )
        .await;
    assert!(set["errors"].is_null(), "{set}");
    let changed = changed_since(before).await;
    assert_eq!(
        changed,
        std::slice::from_ref(&quoting),
        "not {quoting_other}"
    );

    // Renaming the position held today keeps every quote on the same row: no article
    // changes (the person's own change says so).
    app.clock.advance(chrono::Duration::minutes(5));
    let before = app.clock.now().to_rfc3339();
    let renamed = app
        .graphql_as(
            &editor,
            "mutation($id: ID!) { updateParticipant(id: $id, input: { position: \"советник\" }) { participant { id } } }",
            json!({ "id": speaker }),
        )
        .await;
    assert!(renamed["errors"].is_null(), "{renamed}");
    assert!(changed_since(before).await.is_empty());
}
