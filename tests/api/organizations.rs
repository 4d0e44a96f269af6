//! Organisations over GraphQL and REST: the tree, members, the meetings they hold,
//! the `organization` filters of meetings and articles, who may manage them, what
//! their deletion and a cycle are refused, the migration that turns free-text
//! organisations into rows, and the statements a page of them costs.

use migration::{Migrator, MigratorTrait};
use polisia_api::{
    domain::{MeetingKind, OrganizationKind, Role},
    entity::{meeting, organization, organization_member, participant},
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::{
    graphql_editorial::cell,
    helpers::{Account, TestApp, TestDb, data, error_code},
};

const CREATE: &str = "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id slug kind } } }";

async fn create(app: &TestApp, editor: &Account, input: Value) -> (String, String) {
    let made = app.graphql_as(editor, CREATE, json!({ "i": input })).await;
    let org = &data(&made)["createOrganization"]["organization"];
    (
        org["id"].as_str().unwrap().to_owned(),
        org["slug"].as_str().unwrap().to_owned(),
    )
}

async fn region_id(app: &TestApp, code: &str) -> Value {
    data(
        &app.graphql(
            "query($c: String!) { region(code: $c) { id } }",
            json!({ "c": code }),
        )
        .await,
    )["region"]["id"]
        .clone()
}

/// The ministry, a department within it, the department's migration service and its
/// advisory council.
struct Tree {
    ministry: String,
    department: String,
    department_slug: String,
    service: String,
    council: String,
    council_slug: String,
}

async fn tree(app: &TestApp, editor: &Account) -> Tree {
    let region = region_id(app, "KZ-43").await;
    let (ministry, _) = create(
        app,
        editor,
        json!({ "kind": "MINISTRY", "nameRu": "Министерство внутренних дел", "nameEn": "Ministry of Internal Affairs", "abbreviationRu": "МВД" }),
    )
    .await;
    let (department, department_slug) = create(
        app,
        editor,
        json!({ "kind": "POLICE_DEPARTMENT", "nameRu": "Департамент полиции Кызылординской области",
                "nameKk": "Қызылорда облысының Полиция департаменті", "abbreviationRu": "ДП",
                "abbreviationKk": "ПД", "regionId": region, "parentId": ministry }),
    )
    .await;
    let (service, _) = create(
        app,
        editor,
        json!({ "kind": "DIVISION", "nameRu": "Управление миграционной службы", "regionId": region, "parentId": department }),
    )
    .await;
    let (council, council_slug) = create(
        app,
        editor,
        json!({ "kind": "COUNCIL", "nameRu": "КСО при ДП Кызылординской области", "regionId": region, "parentId": department }),
    )
    .await;
    Tree {
        ministry,
        department,
        department_slug,
        service,
        council,
        council_slug,
    }
}

async fn meeting_held_by(app: &TestApp, editor: &Account, org: &str, title: &str) -> String {
    let region = region_id(app, "KZ-43").await;
    let made = app
        .graphql_as(
            editor,
            "mutation($r: ID!, $o: ID, $t: String!) { createMeeting(input: { title: $t, body: \"КСО\", kind: ADVISORY_COUNCIL, heldOn: \"2026-03-01\", regionId: $r, organizationId: $o }) { meeting { id organization { id } } } }",
            json!({ "r": region, "o": org, "t": title }),
        )
        .await;
    let meeting = &data(&made)["createMeeting"]["meeting"];
    assert_eq!(meeting["organization"]["id"], org, "{made}");
    meeting["id"].as_str().unwrap().to_owned()
}

async fn published_article_on(app: &TestApp, editor: &Account, meeting: &str) -> String {
    let made = app
        .graphql_as(
            editor,
            crate::graphql_editorial::CREATE_ARTICLE,
            json!({ "i": { "lang": "RU", "title": "Совет обсудил профилактику", "body": "<p>Текст</p>", "meetingId": meeting } }),
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

async fn member(app: &TestApp, editor: &Account, name: &str) -> String {
    let made = app
        .graphql_as(
            editor,
            "mutation($n: String!) { createParticipant(input: { fullName: $n }) { participant { id } } }",
            json!({ "n": name }),
        )
        .await;
    data(&made)["createParticipant"]["participant"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn the_tree_its_people_and_its_meetings_read_alike_in_graphql_and_rest() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let t = tree(&app, &editor).await;
    assert_eq!(
        t.department_slug,
        "departament-politsii-kyzylordinskoy-oblasti"
    );
    // A second body of the same name gets the next free slug.
    let (_, again) = create(
        &app,
        &editor,
        json!({ "kind": "OTHER", "nameRu": "Департамент полиции Кызылординской области" }),
    )
    .await;
    assert_eq!(again, "departament-politsii-kyzylordinskoy-oblasti-2");

    let chair = member(&app, &editor, "Ерманов Нурлан").await;
    let set = app
        .graphql_as(
            &editor,
            "mutation($o: ID!, $p: ID!) { setOrganizationMembers(organizationId: $o, members: [{ participantId: $p, role: \"председатель\" }]) { organization { members { role participant { id } } } } }",
            json!({ "o": t.council, "p": chair }),
        )
        .await;
    assert_eq!(
        data(&set)["setOrganizationMembers"]["organization"]["members"][0]["role"],
        "председатель"
    );
    let council_meeting = meeting_held_by(&app, &editor, &t.council, "Заседание КСО").await;
    meeting_held_by(&app, &editor, &t.service, "Приём граждан").await;
    let article = published_article_on(&app, &editor, &council_meeting).await;

    let answer = app
        .graphql(
            r#"query($s: String!) { organization(slug: $s) {
                id kind name nameKk abbreviation(lang: KK) abbreviationEn
                kk: name(lang: KK) en: name(lang: EN)
                region { code } parent { id abbreviation }
                children { id kind }
                meetings { totalCount }
            } }"#,
            json!({ "s": t.department_slug }),
        )
        .await;
    let org = &data(&answer)["organization"];
    assert_eq!(org["id"], t.department.as_str());
    assert_eq!(org["kind"], "POLICE_DEPARTMENT");
    assert_eq!(org["name"], "Департамент полиции Кызылординской области");
    assert_eq!(org["kk"], "Қызылорда облысының Полиция департаменті");
    // No English name: English falls back to Russian.
    assert_eq!(org["en"], "Департамент полиции Кызылординской области");
    assert_eq!(org["abbreviation"], "ПД");
    assert_eq!(org["abbreviationEn"], Value::Null);
    assert_eq!(org["region"]["code"], "KZ-43");
    assert_eq!(org["parent"]["id"], t.ministry.as_str());
    assert_eq!(org["parent"]["abbreviation"], "МВД");
    let children: Vec<&str> = org["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(children.len(), 2);
    assert!(children.contains(&t.service.as_str()) && children.contains(&t.council.as_str()));
    // It held none itself; its divisions held two.
    assert_eq!(org["meetings"]["totalCount"], 0);

    let node = app
        .graphql(
            "query($id: ID!) { node(id: $id) { ... on Organization { slug members { participant { id } } } } }",
            json!({ "id": t.council }),
        )
        .await;
    assert_eq!(data(&node)["node"]["slug"], t.council_slug.as_str());
    assert_eq!(
        data(&node)["node"]["members"][0]["participant"]["id"],
        chair.as_str()
    );
    let memberships = app
        .graphql(
            "query($id: ID!) { participant(id: $id) { memberships { role organization { slug } } } }",
            json!({ "id": chair }),
        )
        .await;
    assert_eq!(
        data(&memberships)["participant"]["memberships"][0]["organization"]["slug"],
        t.council_slug.as_str()
    );

    // The filters take in the organisations within the one named.
    let filtered = app
        .graphql(
            r#"query($s: String!, $id: ID!) {
                bySlug: meetings(filter: { organization: $s }) { totalCount nodes { title } }
                own: meetings(filter: { organizationId: $id }) { totalCount }
                articles(filter: { organization: $s }) { nodes { id } }
            }"#,
            json!({ "s": t.department_slug, "id": t.council }),
        )
        .await;
    let filtered = data(&filtered);
    assert_eq!(filtered["bySlug"]["totalCount"], 2);
    assert_eq!(filtered["own"]["totalCount"], 1);
    assert_eq!(filtered["articles"]["nodes"][0]["id"], article.as_str());
    let ministry_articles = app
        .graphql(
            "query($id: ID!) { articles(filter: { organizationId: $id }) { nodes { id } } }",
            json!({ "id": t.service }),
        )
        .await;
    assert_eq!(
        data(&ministry_articles)["articles"]["nodes"],
        json!([]),
        "the migration service held no covered meeting"
    );
    let unknown = app
        .graphql(
            r#"{ meetings(filter: { organization: "no-such-body" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(error_code(&unknown), "BAD_USER_INPUT");
    assert_eq!(
        unknown["errors"][0]["extensions"]["field"],
        "filter.organization"
    );

    let listed = app
        .graphql(
            r#"query($r: String!) { organizations(filter: { regionCode: $r, kind: COUNCIL }) { totalCount nodes { id } } }"#,
            json!({ "r": "KZ-43" }),
        )
        .await;
    assert_eq!(data(&listed)["organizations"]["totalCount"], 1);
    assert_eq!(
        data(&listed)["organizations"]["nodes"][0]["id"],
        t.council.as_str()
    );

    // REST says the same.
    let list = app
        .rest_get("/api/v1/organizations?region=KZ-43&kind=COUNCIL")
        .await;
    assert_eq!(list.status, 200);
    let items = list.json()["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["slug"], t.council_slug.as_str());
    assert_eq!(items[0]["parent"]["slug"], t.department_slug.as_str());
    let all = app.rest_get("/api/v1/organizations").await;
    assert_eq!(all.json()["items"].as_array().unwrap().len(), 5);

    let detail = app
        .rest_get(&format!(
            "/api/v1/organizations/{}?lang=kk",
            t.department_slug
        ))
        .await;
    assert_eq!(detail.status, 200);
    let detail = detail.json();
    assert_eq!(detail["name"], "Қызылорда облысының Полиция департаменті");
    assert_eq!(detail["abbreviation"], "ПД");
    assert_eq!(detail["kind"], "POLICE_DEPARTMENT");
    assert_eq!(detail["children"].as_array().unwrap().len(), 2);
    assert_eq!(detail["meetings"], json!([]));
    let council = app
        .rest_get(&format!("/api/v1/organizations/{}", t.council_slug))
        .await;
    assert_eq!(council.json()["members"][0]["role"], "председатель");
    assert_eq!(council.json()["meetings"][0]["title"], "Заседание КСО");
    let meetings = app
        .rest_get(&format!(
            "/api/v1/meetings?organization={}",
            t.department_slug
        ))
        .await;
    assert_eq!(meetings.json()["items"].as_array().unwrap().len(), 2);
    let articles = app
        .rest_get(&format!(
            "/api/v1/articles?organization={}",
            t.department_slug
        ))
        .await;
    assert_eq!(articles.json()["items"].as_array().unwrap().len(), 1);
    let refused = app
        .rest_get("/api/v1/articles?organization=no-such-body")
        .await;
    assert_eq!(refused.status, 400);
    assert_eq!(refused.json()["errors"][0]["field"], "organization");
    let missing = app.rest_get("/api/v1/organizations/no-such-body").await;
    assert_eq!(missing.status, 404);
}

#[tokio::test]
async fn a_parent_within_the_organisation_itself_is_refused() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let t = tree(&app, &editor).await;
    const MOVE: &str = "mutation($id: ID!, $p: ID) { updateOrganization(id: $id, input: { parentId: $p }) { organization { id parent { id } } } }";
    for parent in [&t.service, &t.department, &t.ministry] {
        let refused = app
            .graphql_as(&editor, MOVE, json!({ "id": t.ministry, "p": parent }))
            .await;
        assert_eq!(error_code(&refused), "BAD_USER_INPUT", "{refused}");
        assert_eq!(
            refused["errors"][0]["extensions"]["field"],
            "input.parentId"
        );
    }
    // Moving a division to another branch is fine, and so is standing alone.
    let moved = app
        .graphql_as(&editor, MOVE, json!({ "id": t.service, "p": t.council }))
        .await;
    assert_eq!(
        data(&moved)["updateOrganization"]["organization"]["parent"]["id"],
        t.council.as_str()
    );
    let alone = app
        .graphql_as(&editor, MOVE, json!({ "id": t.department, "p": null }))
        .await;
    assert_eq!(
        data(&alone)["updateOrganization"]["organization"]["parent"],
        Value::Null
    );
}

#[tokio::test]
async fn an_organisation_holding_meetings_or_divisions_is_not_deleted() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let t = tree(&app, &editor).await;
    let meeting = meeting_held_by(&app, &editor, &t.council, "Заседание КСО").await;
    const DELETE: &str = "mutation($id: ID!) { deleteOrganization(id: $id) { deletedId } }";
    let held = app
        .graphql_as(&editor, DELETE, json!({ "id": t.council }))
        .await;
    assert_eq!(error_code(&held), "CONFLICT", "{held}");
    assert!(
        held["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("meeting")
    );
    let parent = app
        .graphql_as(&editor, DELETE, json!({ "id": t.department }))
        .await;
    assert_eq!(error_code(&parent), "CONFLICT", "{parent}");
    assert!(
        parent["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("within")
    );
    // Once the meeting has another host, the council may go.
    let moved = app
        .graphql_as(
            &editor,
            "mutation($id: ID!) { updateMeeting(id: $id, input: { organizationId: null }) { meeting { organization { id } } } }",
            json!({ "id": meeting }),
        )
        .await;
    assert_eq!(
        data(&moved)["updateMeeting"]["meeting"]["organization"],
        Value::Null
    );
    let gone = app
        .graphql_as(&editor, DELETE, json!({ "id": t.council }))
        .await;
    assert_eq!(
        data(&gone)["deleteOrganization"]["deletedId"],
        t.council.as_str()
    );
    let found = app
        .graphql(
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": t.council }),
        )
        .await;
    assert_eq!(data(&found)["node"], Value::Null);
}

#[tokio::test]
async fn editors_and_admins_manage_organisations_and_no_one_else() {
    use Role::*;
    let app = TestApp::spawn().await;
    let editor = app.account(Editor).await;
    let person = member(&app, &editor, "Сейткали Асхат").await;
    let mut orgs = Vec::new();
    for i in 0..12 {
        let (id, _) = create(
            &app,
            &editor,
            json!({ "kind": "OTHER", "nameRu": format!("Орган {i}") }),
        )
        .await;
        orgs.push(id);
    }
    let counter = std::sync::atomic::AtomicUsize::new(0);
    cell(&app, "createOrganization", &[Editor, Admin], CREATE, || {
        let n = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        json!({ "i": { "kind": "COUNCIL", "nameRu": format!("Совет {n}") } })
    })
    .await;
    let first = orgs[..6].to_vec();
    let next = std::sync::Mutex::new(first.into_iter().cycle());
    cell(&app, "updateOrganization", &[Editor, Admin],
        "mutation($id: ID!) { updateOrganization(id: $id, input: { nameEn: \"Body\" }) { organization { id } } }",
        || json!({ "id": next.lock().unwrap().next().unwrap() })).await;
    cell(&app, "setOrganizationMembers", &[Editor, Admin],
        "mutation($id: ID!, $p: ID!) { setOrganizationMembers(organizationId: $id, members: [{ participantId: $p }]) { organization { id } } }",
        || json!({ "id": next.lock().unwrap().next().unwrap(), "p": person })).await;
    let doomed = std::sync::Mutex::new(orgs[6..].iter().cloned());
    cell(
        &app,
        "deleteOrganization",
        &[Editor, Admin],
        "mutation($id: ID!) { deleteOrganization(id: $id) { deletedId } }",
        || json!({ "id": doomed.lock().unwrap().next().unwrap() }),
    )
    .await;
    // Of the six doomed, only the editor's and the admin's tries removed one.
    let left = organization::Entity::find().all(app.conn()).await.unwrap();
    assert_eq!(left.len(), 12 + 2 - 2);
}

/// The position of this change among the migrations, to stop just before it.
fn before_organizations() -> u32 {
    let names: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    names
        .iter()
        .position(|n| n == "m20261210_000022_organizations")
        .expect("the organisations migration is listed") as u32
}

#[tokio::test]
async fn free_text_organisations_become_organisations_with_their_people() {
    let db = TestDb::fresh().await;
    let conn = polisia_api::db::connect(db.url()).await.unwrap().conn;
    Migrator::up(&conn, Some(before_organizations()))
        .await
        .unwrap();
    let regions: Vec<(String, Uuid)> = polisia_api::entity::region::Entity::find()
        .all(&conn)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.code, r.id))
        .collect();
    let region = |code: &str| regions.iter().find(|(c, _)| c == code).unwrap().1;
    let now = chrono::Utc::now();
    let mut people = Vec::new();
    for (name, org, position, code) in [
        (
            "Алиев Марат",
            Some("КСО при ДП Кызылординской области"),
            Some("председатель"),
            Some("KZ-43"),
        ),
        (
            "Бекова Айгуль",
            Some(" КСО при ДП  Кызылординской области"),
            None,
            Some("KZ-43"),
        ),
        (
            "Ветров Иван",
            Some("Департамент полиции"),
            Some("начальник"),
            Some("KZ-43"),
        ),
        (
            "Гани Ержан",
            Some("департамент полиции"),
            None,
            Some("KZ-55"),
        ),
        (
            "Досов Арман",
            Some("Кызылординский областной маслихат"),
            Some("депутат"),
            None,
        ),
        ("Ермекова Дана", None, Some("пенсионер"), Some("KZ-43")),
        ("Жанов Тимур", Some("   "), None, None),
    ] {
        let id = Uuid::now_v7();
        // Written as the schema of that time has it: later columns left out.
        participant::Entity::insert(participant::ActiveModel {
            id: Set(id),
            slug: Set(format!("p-{}", id.simple())),
            full_name_ru: Set(name.into()),
            full_name_kk: Set(None),
            full_name_en: Set(None),
            position: Set(position.map(str::to_owned)),
            organization: Set(org.map(str::to_owned)),
            honours: Set(json!([])),
            region_id: Set(code.map(region)),
            created_by: Set(None),
            updated_by: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec_without_returning(&conn)
        .await
        .unwrap();
        people.push(id);
    }
    polisia_api::db::migrate(&conn).await.unwrap();

    let mut orgs = organization::Entity::find().all(&conn).await.unwrap();
    orgs.sort_by(|a, b| a.name_ru.cmp(&b.name_ru));
    let seen: Vec<(&str, OrganizationKind, &str, Option<Uuid>)> = orgs
        .iter()
        .map(|o| (o.name_ru.as_str(), o.kind, o.slug.as_str(), o.region_id))
        .collect();
    assert_eq!(
        seen,
        vec![
            (
                "Департамент полиции",
                OrganizationKind::PoliceDepartment,
                "departament-politsii",
                None
            ),
            (
                "КСО при ДП Кызылординской области",
                OrganizationKind::Council,
                "kso-pri-dp-kyzylordinskoy-oblasti",
                Some(region("KZ-43"))
            ),
            (
                "Кызылординский областной маслихат",
                OrganizationKind::LocalAssembly,
                "kyzylordinskiy-oblastnoy-maslikhat",
                None
            ),
        ]
    );
    let members = organization_member::Entity::find()
        .all(&conn)
        .await
        .unwrap();
    assert_eq!(members.len(), 5);
    let council = &orgs[1];
    let mut roles: Vec<(Uuid, Option<String>)> = members
        .iter()
        .filter(|m| m.organization_id == council.id)
        .map(|m| (m.participant_id, m.role.clone()))
        .collect();
    roles.sort();
    assert_eq!(
        roles,
        vec![(people[0], Some("председатель".into())), (people[1], None)]
    );
    // The text stays as it was, and answers as before.
    let kept = participant::Entity::find_by_id(people[1])
        .one(&conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        kept.organization.as_deref(),
        Some(" КСО при ДП  Кызылординской области")
    );
    let meetings = meeting::Entity::find()
        .filter(meeting::Column::OrganizationId.is_not_null())
        .all(&conn)
        .await
        .unwrap();
    assert!(meetings.is_empty());
}

#[tokio::test]
async fn a_page_of_organisations_with_their_people_and_meetings_costs_the_same_for_2_and_20() {
    let app = TestApp::spawn().await;
    let conn = app.conn();
    let now = app.clock.now();
    let region = polisia_api::entity::region::Entity::find()
        .one(conn)
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut parent = None;
    for i in 0..25 {
        let id = Uuid::now_v7();
        organization::ActiveModel {
            id: Set(id),
            slug: Set(format!("organ-{i}")),
            kind: Set(OrganizationKind::Council),
            name_ru: Set(format!("Орган {i:02}")),
            name_kk: Set(None),
            name_en: Set(None),
            abbreviation_ru: Set(None),
            abbreviation_kk: Set(None),
            abbreviation_en: Set(None),
            region_id: Set(Some(region)),
            parent_id: Set(parent),
            created_by: Set(None),
            updated_by: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(conn)
        .await
        .unwrap();
        parent = Some(id);
        let person = Uuid::now_v7();
        participant::ActiveModel {
            id: Set(person),
            slug: Set(format!("person-{i}")),
            full_name_ru: Set(format!("Персона {i}")),
            full_name_kk: Set(None),
            full_name_en: Set(None),
            position: Set(None),
            organization: Set(None),
            honours: Set(json!([])),
            region_id: Set(None),
            photo_media_id: Set(None),
            created_by: Set(None),
            updated_by: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(conn)
        .await
        .unwrap();
        organization_member::ActiveModel {
            organization_id: Set(id),
            participant_id: Set(person),
            role: Set(Some("член".into())),
            sort_order: Set(0),
        }
        .insert(conn)
        .await
        .unwrap();
        for day in 1..=2 {
            meeting::ActiveModel {
                id: Set(Uuid::now_v7()),
                slug: Set(format!("zasedanie-{i}-{day}")),
                title: Set(format!("Заседание {i}/{day}")),
                body: Set("Совет".into()),
                kind: Set(MeetingKind::AdvisoryCouncil),
                held_on: Set(chrono::NaiveDate::from_ymd_opt(2026, 1, day).unwrap()),
                region_id: Set(region),
                venue: Set(None),
                organization_id: Set(Some(id)),
                photo_media_id: Set(None),
                created_by: Set(None),
                updated_by: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(conn)
            .await
            .unwrap();
        }
    }
    const PAGE: &str = r#"query($n: Int) { organizations(first: $n) { nodes {
        slug name region { code } parent { slug } children { slug }
        members { role participant { fullName memberships { role } } }
        meetings(first: 1) { totalCount nodes { title organization { slug } } }
    } } }"#;
    let measure = |n: i64| {
        let app = &app;
        async move {
            let before = app.state.db.statements.get();
            let response = app.graphql(PAGE, json!({ "n": n })).await;
            let after = app.state.db.statements.get();
            assert!(response.get("errors").is_none(), "{response}");
            let nodes = data(&response)["organizations"]["nodes"]
                .as_array()
                .unwrap()
                .clone();
            assert_eq!(nodes.len() as i64, n);
            assert!(nodes.iter().all(|o| o["meetings"]["totalCount"] == 2
                && o["members"][0]["participant"]["memberships"][0]["role"] == "член"));
            after - before
        }
    };
    // Once first, so the pool has opened the connections the concurrent loads use.
    measure(20).await;
    let small = measure(2).await;
    let large = measure(20).await;
    assert_eq!(small, large, "statements for 2 and 20 organisations");
    assert!(large <= 10, "a handful of batched statements, got {large}");
}

#[tokio::test]
async fn searching_an_organisations_name_finds_its_meetings_and_their_articles() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let (council, _) = create(
        &app,
        &editor,
        json!({ "kind": "COUNCIL", "nameRu": "Общественный совет", "nameKk": "Қоғамдық кеңес", "nameEn": "Advisory Council" }),
    )
    .await;
    let meeting = meeting_held_by(&app, &editor, &council, "Очередная встреча").await;
    let article = published_article_on(&app, &editor, &meeting).await;
    let found = |query: &'static str| {
        let app = &app;
        async move {
            let answer = crate::search::search(app, query, json!({})).await;
            let mut ids: Vec<String> = data(&answer)["search"]["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"]["id"].as_str().unwrap().to_owned())
                .collect();
            ids.sort();
            ids
        }
    };
    let mut both = vec![meeting.clone(), article.clone()];
    both.sort();
    assert_eq!(found("Advisory").await, both);
    assert_eq!(found("кеңес").await, both);
    // A new name is found at once; the old one no longer is.
    let renamed = app
        .graphql_as(
            &editor,
            "mutation($id: ID!) { updateOrganization(id: $id, input: { nameEn: \"Oversight Board\" }) { organization { id } } }",
            json!({ "id": council }),
        )
        .await;
    assert!(renamed.get("errors").is_none(), "{renamed}");
    assert_eq!(found("Oversight").await, both);
    assert_eq!(found("Advisory").await, Vec::<String>::new());
}

#[tokio::test]
async fn the_demo_bodies_are_named_in_three_languages_and_hold_its_meetings() {
    let app = TestApp::spawn_with_demo().await;
    let answer = app
        .graphql(
            r#"{ organizations(filter: { regionCode: "KZ-43", kind: COUNCIL }) { nodes {
                ru: name(lang: RU) kk: name(lang: KK) en: name(lang: EN) abbreviation
                parent { abbreviation parent { slug kind } children { kind } }
                members { role participant { fullName } }
                meetings { nodes { title } }
            } } }"#,
            json!({}),
        )
        .await;
    let council = &data(&answer)["organizations"]["nodes"][0];
    assert_eq!(council["abbreviation"], "КСО");
    for lang in ["ru", "kk", "en"] {
        assert!(council[lang].as_str().is_some_and(|n| !n.is_empty()));
    }
    assert_ne!(council["ru"], council["kk"]);
    assert_ne!(council["ru"], council["en"]);
    assert_eq!(council["parent"]["abbreviation"], "ДП");
    assert_eq!(council["parent"]["parent"]["kind"], "MINISTRY");
    let divisions: Vec<&Value> = council["parent"]["children"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    assert!(divisions.iter().any(|c| c["kind"] == "DIVISION"));
    assert_eq!(council["members"][0]["role"], "председатель");
    assert_eq!(council["meetings"]["nodes"].as_array().unwrap().len(), 1);
    // The ministry's tree holds the council's meeting and a city department's.
    let ministry = council["parent"]["parent"]["slug"].as_str().unwrap();
    let held = app
        .graphql(
            "query($s: String!) { meetings(filter: { organization: $s }) { totalCount } articles(filter: { organization: $s }) { totalCount } }",
            json!({ "s": ministry }),
        )
        .await;
    assert_eq!(data(&held)["meetings"]["totalCount"], 2);
    assert!(data(&held)["articles"]["totalCount"].as_i64().unwrap() >= 1);
    let maslikhat = app
        .rest_get("/api/v1/organizations?kind=LOCAL_ASSEMBLY&lang=kk")
        .await;
    assert_eq!(
        maslikhat.json()["items"][0]["name"],
        "Қызылорда облыстық мәслихаты"
    );
}

#[tokio::test]
async fn who_joins_or_leaves_an_organisation_is_recorded_as_changed() {
    use polisia_api::{domain::ChangeKind, entity::change};
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let (council, _) = create(
        &app,
        &editor,
        json!({ "kind": "COUNCIL", "nameRu": "Совет ветеранов" }),
    )
    .await;
    let leaving = member(&app, &editor, "Куанышев Серик").await;
    let joining = member(&app, &editor, "Оспанова Гульнар").await;
    const SET: &str = "mutation($o: ID!, $m: [OrganizationMemberInput!]!) { setOrganizationMembers(organizationId: $o, members: $m) { organization { id } } }";
    let set = |people: Vec<&String>| {
        let members: Vec<Value> = people
            .into_iter()
            .map(|p| json!({ "participantId": p }))
            .collect();
        app.graphql_as(&editor, SET, json!({ "o": council, "m": members }))
    };
    assert!(set(vec![&leaving]).await.get("errors").is_none());
    let last = change::Entity::find().all(app.conn()).await.unwrap();
    let seen = last.iter().map(|c| c.seq).max().unwrap();
    assert!(set(vec![&joining]).await.get("errors").is_none());
    let recorded: Vec<(ChangeKind, Uuid)> = change::Entity::find()
        .filter(change::Column::Seq.gt(seen))
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.kind, c.entity_id))
        .collect();
    let uuid = |id: &str| polisia_api::domain::global_id::decode(id).unwrap().1;
    for person in [&leaving, &joining] {
        assert!(
            recorded.contains(&(ChangeKind::ParticipantChanged, uuid(person))),
            "{recorded:?}"
        );
    }
    assert!(recorded.contains(&(ChangeKind::OrganizationChanged, uuid(&council))));
}
