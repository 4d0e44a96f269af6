//! Photos of meetings and people wherever REST names them (their lists, their
//! details, beside articles and organisations, in delta sync), in the shape of an
//! article's cover, and read in a fixed number of statements whatever a page holds.

use polisia_api::domain::Role;
use serde_json::{Value, json};

use super::attachments::{published, uploaded};
use super::pictures::png;
use crate::helpers::{Account, TestApp, data};

fn global(image: &Value) -> &str {
    image["globalId"].as_str().unwrap()
}

/// The global id of Kyzylorda region.
async fn kyzylorda(app: &TestApp) -> Value {
    data(
        &app.graphql(r#"{ region(code: "KZ-43") { id } }"#, json!({}))
            .await,
    )["region"]["id"]
        .clone()
}

/// A person, with `photo` when given; their global id and slug.
async fn person(app: &TestApp, editor: &Account, name: &str, photo: Option<&Value>) -> Value {
    let made = app
        .graphql_as(
            editor,
            "mutation($n: String!, $p: ID) { createParticipant(input: { fullName: $n, photoMediaId: $p }) { participant { id slug } } }",
            json!({ "n": name, "p": photo.map(global) }),
        )
        .await;
    data(&made)["createParticipant"]["participant"].clone()
}

/// A meeting in Kyzylorda region, with `photo` and held by `organization` when
/// given; its global id and slug.
async fn meeting(
    app: &TestApp,
    editor: &Account,
    title: &str,
    photo: Option<&Value>,
    organization: Option<&Value>,
) -> Value {
    let made = app
        .graphql_as(
            editor,
            "mutation($t: String!, $r: ID!, $o: ID, $p: ID) { createMeeting(input: { title: $t, body: \"КСО при ДП\", kind: ADVISORY_COUNCIL, heldOn: \"2026-03-01\", regionId: $r, organizationId: $o, photoMediaId: $p }) { meeting { id slug } } }",
            json!({ "t": title, "r": kyzylorda(app).await, "o": organization, "p": photo.map(global) }),
        )
        .await;
    data(&made)["createMeeting"]["meeting"].clone()
}

fn items(answer: &Value) -> &Vec<Value> {
    answer["items"].as_array().unwrap()
}

#[tokio::test]
async fn rest_shows_the_photos_of_meetings_and_people_wherever_it_names_them() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let start = app.rest_get("/api/v1/changes").await.json()["cursor"]
        .as_str()
        .unwrap()
        .to_owned();
    let hall = uploaded(&app, &editor, 800, 600, "Зал заседаний").await;
    let portrait = uploaded(&app, &editor, 600, 800, "Портрет председателя").await;
    let council = app
        .graphql_as(
            &editor,
            "mutation { createOrganization(input: { kind: COUNCIL, nameRu: \"Общественный совет\" }) { organization { id slug } } }",
            json!({}),
        )
        .await;
    let council = data(&council)["createOrganization"]["organization"].clone();
    let chair = person(&app, &editor, "Ерманов Нурмурат", Some(&portrait)).await;
    let guest = person(&app, &editor, "Гостев Гость", None).await;
    let session = meeting(
        &app,
        &editor,
        "Заседание совета",
        Some(&hall),
        Some(&council["id"]),
    )
    .await;
    let set = app
        .graphql_as(
            &editor,
            "mutation($m: ID!, $a: ID!, $b: ID!) { setMeetingParticipants(meetingId: $m, participants: [{ participantId: $a, role: CHAIR }, { participantId: $b, role: GUEST }]) { meeting { id } } }",
            json!({ "m": session["id"], "a": chair["id"], "b": guest["id"] }),
        )
        .await;
    assert!(set.get("errors").is_none(), "{set}");
    let set = app
        .graphql_as(
            &editor,
            "mutation($o: ID!, $p: ID!) { setOrganizationMembers(organizationId: $o, members: [{ participantId: $p, role: \"председатель\" }]) { organization { id } } }",
            json!({ "o": council["id"], "p": chair["id"] }),
        )
        .await;
    assert!(set.get("errors").is_none(), "{set}");
    // The hall is also the cover of an article about the meeting: the shape every
    // photo takes is the cover's.
    let article = published(
        &app,
        &editor,
        json!({
            "coverMediaId": global(&hall),
            "meetingId": session["id"],
            "participantIds": [chair["id"]],
            "quotes": [{ "participantId": chair["id"], "text": "Работа продолжится.", "kind": "DIRECT" }],
        }),
    )
    .await;
    let article_id = polisia_api::domain::global_id::decode(&article)
        .map(|(_, id)| id)
        .unwrap();
    let detail = app
        .rest_get(&format!("/api/v1/articles/{article_id}"))
        .await
        .json()
        .clone();
    let cover = detail["coverImage"].clone();
    assert_eq!(cover["id"], hall["id"], "{detail}");
    assert_eq!(cover["alt"], "Зал заседаний");
    assert!(!cover["renditions"].as_array().unwrap().is_empty());
    let chair_slug = chair["slug"].as_str().unwrap();
    let shown = app
        .rest_get(&format!("/api/v1/participants/{chair_slug}"))
        .await
        .json()
        .clone();
    let photo = shown["photo"].clone();
    assert_eq!(photo["id"], portrait["id"], "{shown}");
    assert_eq!(photo["alt"], "Портрет председателя");
    assert_eq!(photo["height"], 800);
    assert!(photo["srcset"].as_str().unwrap().contains(" 320w"));

    // Beside the article, its list entry, and the person's meetings.
    assert_eq!(detail["meeting"]["photo"], cover);
    assert_eq!(detail["participants"][0]["photo"], photo, "{detail}");
    assert_eq!(detail["quotes"][0]["participant"]["photo"], photo);
    let list = app.rest_get("/api/v1/articles").await;
    assert_eq!(items(list.json())[0]["meeting"]["photo"], cover);
    assert_eq!(shown["meetings"][0]["meeting"]["photo"], cover, "{shown}");

    // The lists of meetings and of people; a person without one has null.
    let meetings = app.rest_get("/api/v1/meetings").await;
    assert_eq!(items(meetings.json())[0]["photo"], cover);
    let people = app.rest_get("/api/v1/participants").await;
    let by_slug = |slug: &str| {
        items(people.json())
            .iter()
            .find(|p| p["slug"] == slug)
            .unwrap()
            .clone()
    };
    assert_eq!(by_slug(chair_slug)["photo"], photo);
    let nobody = by_slug(guest["slug"].as_str().unwrap());
    assert!(nobody.get("photo").is_some_and(Value::is_null), "{nobody}");

    // A meeting's people, an organisation's people and meetings.
    let session_slug = session["slug"].as_str().unwrap();
    let held = app
        .rest_get(&format!("/api/v1/meetings/{session_slug}"))
        .await
        .json()
        .clone();
    assert_eq!(held["photo"], cover);
    assert_eq!(held["participants"][0]["participant"]["photo"], photo);
    assert!(held["participants"][1]["participant"]["photo"].is_null());
    let council_slug = council["slug"].as_str().unwrap();
    let org = app
        .rest_get(&format!("/api/v1/organizations/{council_slug}"))
        .await
        .json()
        .clone();
    assert_eq!(org["members"][0]["participant"]["photo"], photo, "{org}");
    assert_eq!(org["meetings"][0]["photo"], cover);

    // Delta sync gives the things as their lists do.
    let changes = app
        .rest_get(&format!(
            "/api/v1/changes?after={start}&types=MEETING,PARTICIPANT&limit=100"
        ))
        .await;
    let synced = items(changes.json());
    let entry = |kind: &str, slug: &str| {
        synced
            .iter()
            .find(|c| c[kind]["slug"] == slug)
            .unwrap_or_else(|| panic!("{kind} {slug} in {synced:?}"))[kind]
            .clone()
    };
    assert_eq!(entry("meeting", session_slug)["photo"], cover);
    assert_eq!(entry("participant", chair_slug)["photo"], photo);
}

#[tokio::test]
async fn a_page_of_meetings_or_people_reads_their_photos_in_one_batch() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let mut images = Vec::new();
    for (w, h) in [(400, 300), (300, 300), (500, 280)] {
        let image = app.upload(&editor.bearer(), &png(w, h)).await;
        images.push(app.settled(image["id"].as_str().unwrap()).await);
    }
    for i in 0..20 {
        let photo = &images[i % images.len()];
        person(&app, &editor, &format!("Человек {i:02}"), Some(photo)).await;
        meeting(
            &app,
            &editor,
            &format!("Заседание {i:02}"),
            Some(photo),
            None,
        )
        .await;
    }
    // The bus and the webhooks have read the writes: what is counted is the lists'.
    app.changes_dispatched().await;
    for list in ["/api/v1/meetings", "/api/v1/participants"] {
        let measure = |limit: u32| {
            let app = &app;
            async move {
                let before = app.state.db.statements.get();
                let answer = app.rest_get(&format!("{list}?limit={limit}")).await;
                let cost = app.state.db.statements.get() - before;
                assert_eq!(answer.status, 200, "{:?}", answer.body);
                let shown = items(answer.json());
                assert_eq!(shown.len(), limit as usize);
                assert!(
                    shown.iter().all(|item| item["photo"]["url"].is_string()),
                    "{list}: {shown:?}"
                );
                cost
            }
        };
        // Once first, so the pool has opened the connections the concurrent reads use.
        measure(20).await;
        let (small, large) = (measure(2).await, measure(20).await);
        println!("{list}: {small} and {large} statements for 2 and 20 items");
        assert_eq!(small, large, "{list}: statements for 2 and 20 items");
        assert!(large <= 10, "{list}: a handful of statements, got {large}");
    }
}
