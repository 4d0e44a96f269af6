//! Positions over time and dated honours: what editors record, the position held on
//! a day, what meeting rows and quotes point at, the old text fields that keep
//! answering, search, who may manage them, the migration that turns free text into
//! rows, and the statements a page of people with them costs.

use migration::{Migrator, MigratorTrait};
use polisia_api::{
    domain::Role,
    entity::{participant, participant_honour, participant_position},
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::{
    graphql_editorial::cell,
    helpers::{Account, TestApp, TestDb, data, error_code},
};

const SET_POSITIONS: &str = "mutation($p: ID!, $list: [PositionInput!]!) { setParticipantPositions(participantId: $p, positions: $list) { participant { id } } }";
const SET_HONOURS: &str = "mutation($p: ID!, $list: [HonourInput!]!) { setParticipantHonours(participantId: $p, honours: $list) { participant { id } } }";

async fn person(app: &TestApp, editor: &Account, name: &str) -> String {
    let made = app
        .graphql_as(
            editor,
            "mutation($n: String!) { createParticipant(input: { fullName: $n, position: \"участковый\" }) { participant { id } } }",
            json!({ "n": name }),
        )
        .await;
    data(&made)["createParticipant"]["participant"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn organization(app: &TestApp, editor: &Account, name: &str) -> String {
    let made = app
        .graphql_as(
            editor,
            "mutation($n: String!) { createOrganization(input: { kind: POLICE_DEPARTMENT, nameRu: $n }) { organization { id } } }",
            json!({ "n": name }),
        )
        .await;
    data(&made)["createOrganization"]["organization"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn region(app: &TestApp) -> Value {
    data(
        &app.graphql(r#"{ region(code: "KZ-43") { id } }"#, json!({}))
            .await,
    )["region"]["id"]
        .clone()
}

/// An inspector of one department until 2023, its chief since 2024.
async fn career(app: &TestApp, editor: &Account, person: &str) -> (String, String) {
    let district = organization(app, editor, "Отдел полиции Шиелийского района").await;
    let department = organization(app, editor, "Департамент полиции Кызылординской области").await;
    let set = app
        .graphql_as(
            editor,
            SET_POSITIONS,
            json!({ "p": person, "list": [
                { "organizationId": department, "titleRu": "начальник департамента",
                  "titleKk": "департамент бастығы", "titleEn": "head of the department",
                  "from": "2024-01-01" },
                { "organizationId": district, "titleRu": "старший инспектор",
                  "from": "2019-03-01", "to": "2023-12-31" },
            ] }),
        )
        .await;
    assert!(set["errors"].is_null(), "{set}");
    (district, department)
}

const PERSON: &str = r#"query($id: ID!) { node(id: $id) { ... on Participant {
  position kk: position(lang: KK) en: position(lang: EN)
  positions { id title titleKk from to organization { name } }
  then: positionOn(date: "2022-06-01") { title organization { name } }
  before: positionOn(date: "2018-01-01") { title }
  honours kkHonours: honours(lang: KK)
  awards { title en: title(lang: EN) awardedOn awardedBy awardedByOrganization { name } }
} } }"#;

#[tokio::test]
async fn positions_are_held_over_time_and_the_old_position_names_the_current_one() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let id = person(&app, &editor, "Сапаров Ерлан").await;
    let (_, department) = career(&app, &editor, &id).await;

    let read = app.graphql(PERSON, json!({ "id": id })).await;
    let p = &data(&read)["node"];
    // Held today (the service's clock says December 2026): the department.
    assert_eq!(p["position"], "начальник департамента");
    assert_eq!(p["kk"], "департамент бастығы");
    assert_eq!(p["en"], "head of the department");
    assert_eq!(p["positions"][0]["title"], "начальник департамента");
    assert_eq!(p["positions"][1]["to"], "2023-12-31");
    assert_eq!(p["positions"][1]["titleKk"], Value::Null);
    assert_eq!(p["then"]["title"], "старший инспектор");
    assert_eq!(
        p["then"]["organization"]["name"],
        "Отдел полиции Шиелийского района"
    );
    assert_eq!(p["before"], Value::Null);

    // A later end before its start is refused, naming the entry; nothing changes.
    let bad = app
        .graphql_as(
            &editor,
            SET_POSITIONS,
            json!({ "p": id, "list": [{ "titleRu": "x", "from": "2024-01-02", "to": "2024-01-01" }] }),
        )
        .await;
    assert_eq!(error_code(&bad), "BAD_USER_INPUT");
    assert_eq!(
        bad["errors"][0]["extensions"]["field"], "positions[0].to",
        "{bad}"
    );
    let nowhere = app
        .graphql_as(
            &editor,
            SET_POSITIONS,
            json!({ "p": id, "list": [{ "titleRu": "x", "organizationId": region(&app).await }] }),
        )
        .await;
    assert_eq!(
        nowhere["errors"][0]["extensions"]["field"], "positions[0].organizationId",
        "{nowhere}"
    );
    let read = app.graphql(PERSON, json!({ "id": id })).await;
    assert_eq!(
        data(&read)["node"]["positions"].as_array().unwrap().len(),
        2
    );

    // Honours with a date and who awarded them; the old list keeps their titles.
    let set = app
        .graphql_as(
            &editor,
            SET_HONOURS,
            json!({ "p": id, "list": [
                { "titleRu": "медаль «За безупречную службу»", "titleKk": "«Мінсіз қызметі үшін» медалі",
                  "awardedOn": "2021-11-10", "awardedByOrganizationId": department },
                { "titleRu": "почётная грамота акима", "titleEn": "certificate of honour of the akim",
                  "awardedBy": "Аким Кызылординской области" },
            ] }),
        )
        .await;
    assert!(set["errors"].is_null(), "{set}");
    let read = app.graphql(PERSON, json!({ "id": id })).await;
    let p = &data(&read)["node"];
    assert_eq!(
        p["honours"],
        json!(["медаль «За безупречную службу»", "почётная грамота акима"])
    );
    assert_eq!(p["kkHonours"][0], "«Мінсіз қызметі үшін» медалі");
    assert_eq!(p["awards"][0]["awardedOn"], "2021-11-10");
    assert_eq!(
        p["awards"][0]["awardedByOrganization"]["name"],
        "Департамент полиции Кызылординской области"
    );
    assert_eq!(p["awards"][1]["en"], "certificate of honour of the akim");
    assert_eq!(p["awards"][1]["awardedBy"], "Аким Кызылординской области");

    // REST answers the same, in the language asked.
    let rest = app
        .rest_get(&format!("/api/v1/participants/{id}?lang=en&on=2022-06-01"))
        .await;
    assert_eq!(rest.status, 200, "{}", rest.text());
    let p = rest.json();
    assert_eq!(p["position"], "head of the department");
    assert_eq!(p["positions"][0]["title"], "head of the department");
    assert_eq!(p["positions"][1]["to"], "2023-12-31");
    assert_eq!(p["positionOn"]["title"], "старший инспектор");
    assert_eq!(
        p["positionOn"]["organization"]["name"],
        "Отдел полиции Шиелийского района"
    );
    assert_eq!(p["awards"][0]["awardedOn"], "2021-11-10");
    assert_eq!(p["honours"][1], "certificate of honour of the akim");
    let rest = app
        .rest_get_with(
            &format!("/api/v1/participants/{id}?on=2018-01-01"),
            &[("accept-language", "kk")],
        )
        .await;
    assert_eq!(rest.json()["position"], "департамент бастығы");
    assert_eq!(rest.json()["positionOn"], Value::Null);
    assert!(rest.json().get("positionOn").is_some());
    let list = app.rest_get("/api/v1/participants?lang=kk").await;
    assert_eq!(list.json()["items"][0]["position"], "департамент бастығы");
    assert_eq!(
        list.json()["items"][0]["honours"][0],
        "«Мінсіз қызметі үшін» медалі"
    );

    // Search finds the person by a position's English title and an honour's Kazakh one.
    for query in ["department", "мінсіз"] {
        let found = crate::search::search(&app, query, json!({})).await;
        let hits = data(&found)["search"]["edges"].as_array().unwrap().clone();
        assert!(
            hits.iter().any(|h| h["node"]["id"] == id.as_str()),
            "{query}: {found}"
        );
    }
}

#[tokio::test]
async fn a_meeting_row_and_a_quote_name_the_position_held_on_their_day() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let id = person(&app, &editor, "Омаров Талгат").await;
    career(&app, &editor, &id).await;
    let made = app
        .graphql_as(
            &editor,
            "mutation($r: ID!) { createMeeting(input: { title: \"Совещание 2022\", body: \"ДП\", kind: BRIEFING, heldOn: \"2022-05-05\", regionId: $r }) { meeting { id } } }",
            json!({ "r": region(&app).await }),
        )
        .await;
    let meeting = data(&made)["createMeeting"]["meeting"]["id"].clone();
    let set = app
        .graphql_as(
            &editor,
            "mutation($m: ID!, $p: ID!) { setMeetingParticipants(meetingId: $m, participants: [{ participantId: $p, role: SPEAKER }]) { meeting { participants { position heldPosition { title from } } } } }",
            json!({ "m": meeting, "p": id }),
        )
        .await;
    let row = &data(&set)["setMeetingParticipants"]["meeting"]["participants"][0];
    assert_eq!(row["heldPosition"]["title"], "старший инспектор");
    assert_eq!(row["position"], "старший инспектор");

    let created = app
        .graphql_as(
            &editor,
            crate::graphql_editorial::CREATE_ARTICLE,
            json!({ "i": { "lang": "EN", "title": "A briefing in 2022", "body": "<p>Text</p>", "meetingId": meeting,
                           "quotes": [{ "text": "We will patrol more.", "participantId": id }] } }),
        )
        .await;
    let article = data(&created)["createArticle"]["article"]["id"].clone();
    let read = app
        .graphql_as(
            &editor,
            "query($id: ID!) { node(id: $id) { ... on Article { quotes { speakerPosition { title } } } } }",
            json!({ "id": article }),
        )
        .await;
    // The article's event is the meeting of 2022; its language names it.
    assert_eq!(
        data(&read)["node"]["quotes"][0]["speakerPosition"]["title"],
        "старший инспектор"
    );

    // New positions point the rows again at what was held on their day.
    app.graphql_as(
        &editor,
        SET_POSITIONS,
        json!({ "p": id, "list": [{ "titleRu": "инспектор", "titleEn": "inspector", "from": "2020-01-01", "to": "2022-12-31" }] }),
    )
    .await;
    let read = app
        .graphql_as(
            &editor,
            "query($id: ID!) { node(id: $id) { ... on Article { quotes { speakerPosition { title } } } } }",
            json!({ "id": article }),
        )
        .await;
    assert_eq!(
        data(&read)["node"]["quotes"][0]["speakerPosition"]["title"],
        "inspector"
    );

    // A position of someone else is refused by name.
    let other = person(&app, &editor, "Другой Человек").await;
    let read = app.graphql(PERSON, json!({ "id": id })).await;
    let theirs = data(&read)["node"]["positions"][0]["id"].clone();
    let refused = app
        .graphql_as(
            &editor,
            "mutation($m: ID!, $p: ID!, $pos: ID!) { setMeetingParticipants(meetingId: $m, participants: [{ participantId: $p, role: GUEST, positionId: $pos }]) { meeting { id } } }",
            json!({ "m": meeting, "p": other, "pos": theirs }),
        )
        .await;
    assert_eq!(
        refused["errors"][0]["extensions"]["field"], "participants[0].positionId",
        "{refused}"
    );
}

#[tokio::test]
async fn only_editors_and_admins_manage_positions_and_honours() {
    use Role::*;
    let app = TestApp::spawn().await;
    let editor = app.account(Editor).await;
    let id = person(&app, &editor, "Нуров Асхат").await;
    cell(
        &app,
        "setParticipantPositions",
        &[Editor, Admin],
        SET_POSITIONS,
        || json!({ "p": id, "list": [{ "titleRu": "инспектор" }] }),
    )
    .await;
    cell(
        &app,
        "setParticipantHonours",
        &[Editor, Admin],
        SET_HONOURS,
        || json!({ "p": id, "list": [{ "titleRu": "медаль" }] }),
    )
    .await;
}

#[tokio::test]
async fn a_page_of_people_with_positions_and_honours_costs_the_same_for_2_and_20() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    for i in 0..20 {
        let id = person(&app, &editor, &format!("Человек {i:02}")).await;
        career(&app, &editor, &id).await;
        app.graphql_as(
            &editor,
            SET_HONOURS,
            json!({ "p": id, "list": [{ "titleRu": "медаль" }] }),
        )
        .await;
    }
    const PAGE: &str = r#"query($n: Int) { participants(first: $n) { nodes {
        position positions { title organization { name } } positionOn(date: "2020-01-01") { title }
        honours awards { title awardedByOrganization { name } }
    } } }"#;
    let measure = |n: i64| {
        let app = &app;
        async move {
            let before = app.state.db.statements.get();
            let response = app.graphql(PAGE, json!({ "n": n })).await;
            let after = app.state.db.statements.get();
            let nodes = data(&response)["participants"]["nodes"]
                .as_array()
                .unwrap()
                .clone();
            assert_eq!(nodes.len() as i64, n);
            assert!(
                nodes
                    .iter()
                    .all(|p| p["positions"][1]["organization"]["name"]
                        == "Отдел полиции Шиелийского района"
                        && p["positionOn"]["title"] == "старший инспектор")
            );
            after - before
        }
    };
    // The writes' changes are dispatched in the background: not counted here.
    app.changes_dispatched().await;
    measure(20).await;
    let small = measure(2).await;
    let large = measure(20).await;
    assert_eq!(small, large, "statements for 2 and 20 people");
    assert!(large <= 8, "a handful of batched statements, got {large}");
}

fn before_positions() -> u32 {
    Migrator::migrations()
        .iter()
        .position(|m| m.name() == "m20261210_000031_positions_honours")
        .expect("the positions migration is listed") as u32
}

#[tokio::test]
async fn free_text_positions_and_honours_become_rows() {
    let db = TestDb::fresh().await;
    let conn = polisia_api::db::connect(db.url()).await.unwrap().conn;
    Migrator::up(&conn, Some(before_positions())).await.unwrap();
    let now = chrono::Utc::now();
    let mut people = Vec::new();
    for (name, org, position, honours) in [
        (
            "Алиев Марат",
            Some("КСО при ДП Кызылординской области"),
            Some("председатель"),
            json!(["почётный гражданин Кызылорды", "медаль"]),
        ),
        ("Бекова Айгуль", Some("Новый совет"), None, json!([])),
        ("Ермекова Дана", None, Some("пенсионер"), json!([])),
        ("Жанов Тимур", None, None, json!([])),
    ] {
        let id = Uuid::now_v7();
        participant::ActiveModel {
            id: Set(id),
            slug: Set(format!("p-{}", id.simple())),
            full_name_ru: Set(name.into()),
            full_name_kk: Set(None),
            full_name_en: Set(None),
            position: Set(position.map(str::to_owned)),
            organization: Set(org.map(str::to_owned)),
            honours: Set(honours),
            region_id: Set(None),
            photo_media_id: Set(None),
            created_by: Set(None),
            updated_by: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&conn)
        .await
        .unwrap();
        people.push(id);
    }
    // An organisation named like the first person's text, spelled differently.
    let council = Uuid::now_v7();
    polisia_api::entity::organization::ActiveModel {
        id: Set(council),
        slug: Set("kso".into()),
        kind: Set(polisia_api::domain::OrganizationKind::Council),
        name_ru: Set("КСО при ДП  Кызылординской области".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&conn)
    .await
    .unwrap();
    polisia_api::db::migrate(&conn).await.unwrap();

    let positions = |person: Uuid| {
        let conn = &conn;
        async move {
            participant_position::Entity::find()
                .filter(participant_position::Column::ParticipantId.eq(person))
                .all(conn)
                .await
                .unwrap()
        }
    };
    let first = positions(people[0]).await;
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].title_ru, "председатель");
    assert_eq!(first[0].from_date, None);
    assert_eq!(first[0].to_date, None);
    assert_eq!(first[0].organization_id, Some(council));
    // An organisation without a title keeps its place in a position.
    let second = positions(people[1]).await;
    assert_eq!(second.len(), 1);
    let new_org =
        polisia_api::entity::organization::Entity::find_by_id(second[0].organization_id.unwrap())
            .one(&conn)
            .await
            .unwrap()
            .unwrap();
    assert_eq!(new_org.name_ru, "Новый совет");
    assert!(
        !new_org.slug.starts_with('~'),
        "slugs are spelled after migrating"
    );
    assert_eq!(positions(people[2]).await[0].organization_id, None);
    assert!(positions(people[3]).await.is_empty());
    let honours = participant_honour::Entity::find()
        .filter(participant_honour::Column::ParticipantId.eq(people[0]))
        .all(&conn)
        .await
        .unwrap();
    let mut titles: Vec<(i32, String)> = honours
        .into_iter()
        .map(|h| (h.sort_order, h.title_ru))
        .collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            (0, "почётный гражданин Кызылорды".to_owned()),
            (1, "медаль".to_owned())
        ]
    );
}

#[tokio::test]
async fn the_demo_shows_careers_and_translations() {
    let app = TestApp::spawn_with_demo().await;
    let people = app
        .graphql(
            r#"{ participants(first: 100) { nodes { fullNameRu
                 positions { title(lang: EN) from to }
                 then: positionOn(date: "2021-01-01") { title(lang: KK) }
                 awards { title(lang: EN) awardedOn awardedByOrganization { name(lang: EN) } } } } }"#,
            json!({}),
        )
        .await;
    let nodes = data(&people)["participants"]["nodes"]
        .as_array()
        .unwrap()
        .clone();
    let career = nodes
        .iter()
        .find(|p| p["positions"].as_array().is_some_and(|l| l.len() == 2))
        .expect("someone with an earlier position");
    assert_eq!(career["positions"][1]["to"], "2023-02-14");
    assert!(
        career["then"]["title"]
            .as_str()
            .unwrap()
            .contains("орынбасары")
    );
    assert!(
        nodes
            .iter()
            .any(|p| p["awards"][0]["awardedOn"].is_string())
    );
    let meetings = app
        .graphql(
            r#"{ meetings(first: 10) { nodes { title(lang: KK) agenda { title(lang: EN) } } } }"#,
            json!({}),
        )
        .await;
    let nodes = data(&meetings)["meetings"]["nodes"]
        .as_array()
        .unwrap()
        .clone();
    assert!(nodes.iter().all(|m| {
        m["title"]
            .as_str()
            .unwrap()
            .chars()
            .any(|c| "әғқңөұүһі".contains(c))
    }));
    let tags = app.graphql("{ tags { name(lang: EN) } }", json!({})).await;
    assert!(
        data(&tags)["tags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["name"] == "Road safety")
    );
}
