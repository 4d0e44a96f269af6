//! The editorial workflow over GraphQL: the permission table cell by cell, the seed
//! article's scenario end to end, and input errors that name their field.

use polisia_api::{domain::Role, entity};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use crate::helpers::{Account, TestApp, data, error_code};

pub(crate) const CREATE_ARTICLE: &str = "mutation($i: CreateArticleInput!) { createArticle(input: $i) { article { id slug status version } } }";

/// Who may try: `None` is an anonymous request.
pub(crate) const ROLES: [Option<Role>; 6] = [
    None,
    Some(Role::Reader),
    Some(Role::Author),
    Some(Role::Editor),
    Some(Role::Moderator),
    Some(Role::Admin),
];

async fn counts(app: &TestApp) -> [u64; 6] {
    let db = app.conn();
    [
        entity::article::Entity::find().count(db).await.unwrap(),
        entity::meeting::Entity::find().count(db).await.unwrap(),
        entity::participant::Entity::find().count(db).await.unwrap(),
        entity::tag::Entity::find().count(db).await.unwrap(),
        entity::user::Entity::find().count(db).await.unwrap(),
        entity::region::Entity::find().count(db).await.unwrap(),
    ]
}

async fn as_role(app: &TestApp, role: Option<Role>, query: &str, variables: Value) -> Value {
    match role {
        None => app.graphql(query, variables).await,
        Some(role) => {
            let account = app.account(role).await;
            app.graphql_as(&account, query, variables).await
        }
    }
}

/// Runs `query` as each role; allowed roles must succeed, the others get
/// UNAUTHENTICATED (anonymous) or FORBIDDEN and change nothing.
pub(crate) async fn cell(
    app: &TestApp,
    name: &str,
    allowed: &[Role],
    query: &str,
    variables: impl Fn() -> Value,
) {
    for role in ROLES {
        let before = counts(app).await;
        let response = as_role(app, role, query, variables()).await;
        let may = role.is_some_and(|r| allowed.contains(&r));
        if may {
            assert!(
                response.get("errors").is_none(),
                "{name} as {role:?}: {response}"
            );
        } else {
            let expected = if role.is_none() {
                "UNAUTHENTICATED"
            } else {
                "FORBIDDEN"
            };
            assert_eq!(
                error_code(&response),
                expected,
                "{name} as {role:?}: {response}"
            );
            let mut after = counts(app).await;
            // Signing a test account in adds that account, nothing else.
            after[4] -= u64::from(role.is_some());
            assert_eq!(before, after, "{name} as {role:?} changed nothing");
        }
    }
}

pub(crate) async fn draft_by(app: &TestApp, author: &Account) -> String {
    let response = app
        .graphql_as(author, CREATE_ARTICLE, json!({ "i": { "lang": "RU", "title": format!("Черновик {}", uuid::Uuid::new_v4()), "body": "<p>Текст</p>" } }))
        .await;
    data(&response)["createArticle"]["article"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn the_permission_table_holds_cell_by_cell() {
    use Role::*;
    let app = TestApp::spawn().await;
    let other_author = app.account(Author).await;
    let editor = app.account(Editor).await;
    let region = data(
        &app.graphql(r#"{ region(code: "KZ-43") { id } }"#, json!({}))
            .await,
    )["region"]["id"]
        .clone();

    cell(&app, "createArticle", &[Author, Editor, Admin], CREATE_ARTICLE, || {
        json!({ "i": { "lang": "RU", "title": format!("Новость {}", uuid::Uuid::new_v4()), "body": "<p>x</p>" } })
    })
    .await;

    // Someone else's draft: editors and admins only.
    let mut drafts = Vec::new();
    for _ in 0..ROLES.len() {
        drafts.push(draft_by(&app, &other_author).await);
    }
    let next = std::sync::Mutex::new(drafts.clone().into_iter());
    cell(
        &app,
        "updateArticle (another's draft)",
        &[Editor, Admin],
        "mutation($id: ID!) { updateArticle(id: $id, input: { version: 1, title: \"Правка\" }) { article { id } } }",
        || json!({ "id": next.lock().unwrap().next().unwrap() }),
    )
    .await;

    let next = std::sync::Mutex::new(drafts.into_iter());
    cell(
        &app,
        "publishArticle",
        &[Editor, Admin],
        "mutation($id: ID!) { publishArticle(id: $id) { article { status } } }",
        || json!({ "id": next.lock().unwrap().next().unwrap() }),
    )
    .await;

    let mut published = Vec::new();
    for _ in 0..ROLES.len() {
        let id = draft_by(&app, &other_author).await;
        app.graphql_as(
            &editor,
            "mutation($id: ID!) { publishArticle(id: $id) { article { id } } }",
            json!({ "id": id }),
        )
        .await;
        published.push(id);
    }
    let next = std::sync::Mutex::new(published.into_iter());
    cell(
        &app,
        "archiveArticle",
        &[Editor, Admin],
        "mutation($id: ID!) { archiveArticle(id: $id) { article { status } } }",
        || json!({ "id": next.lock().unwrap().next().unwrap() }),
    )
    .await;

    cell(
        &app,
        "createMeeting",
        &[Editor, Admin],
        "mutation($r: ID!) { createMeeting(input: { title: \"Приём граждан\", body: \"ДП\", kind: RECEPTION_OF_CITIZENS, heldOn: \"2026-03-01\", regionId: $r }) { meeting { id } } }",
        || json!({ "r": region }),
    )
    .await;
    cell(
        &app,
        "createParticipant",
        &[Editor, Admin],
        "mutation($n: String!) { createParticipant(input: { fullName: $n }) { participant { id } } }",
        || json!({ "n": format!("Тестов Тест {}", &uuid::Uuid::new_v4().simple().to_string()[..6]) }),
    )
    .await;
    cell(
        &app,
        "createTag",
        &[Editor, Admin],
        "mutation($n: String!) { createTag(name: $n) { tag { slug } } }",
        || json!({ "n": format!("Тема {}", &uuid::Uuid::new_v4().simple().to_string()[..6]) }),
    )
    .await;
    cell(&app, "updateRegion", &[Admin], "mutation($r: ID!) { updateRegion(id: $r, input: { nameEn: \"Kyzylorda Region\" }) { region { code } } }", || {
        json!({ "r": region })
    })
    .await;
    // Publish, then take back to draft: editors and admins only.
    let mut live = Vec::new();
    for _ in 0..ROLES.len() {
        let id = draft_by(&app, &other_author).await;
        app.graphql_as(
            &editor,
            "mutation($id: ID!) { publishArticle(id: $id) { article { id } } }",
            json!({ "id": id }),
        )
        .await;
        live.push(id);
    }
    let next = std::sync::Mutex::new(live.into_iter());
    cell(
        &app,
        "unpublishArticle",
        &[Editor, Admin],
        "mutation($id: ID!) { unpublishArticle(id: $id) { article { status } } }",
        || json!({ "id": next.lock().unwrap().next().unwrap() }),
    )
    .await;

    let mut doomed = Vec::new();
    for _ in 0..ROLES.len() {
        doomed.push(draft_by(&app, &other_author).await);
    }
    let next = std::sync::Mutex::new(doomed.into_iter());
    cell(
        &app,
        "deleteArticle (another's draft)",
        &[Editor, Admin],
        "mutation($id: ID!) { deleteArticle(id: $id) { deletedId } }",
        || json!({ "id": next.lock().unwrap().next().unwrap() }),
    )
    .await;

    // Comments to moderate, one per role.
    let host = crate::fixtures::NewArticle::published("Для модерации", 5)
        .insert(app.conn())
        .await;
    let mut pending = Vec::new();
    for _ in 0..ROLES.len() {
        let c = crate::fixtures::comment(
            app.conn(),
            host.id,
            None,
            polisia_api::domain::CommentStatus::Pending,
            "ждёт",
        )
        .await;
        use base64::Engine;
        pending.push(
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("Comment:{}", c.id)),
        );
    }
    let next = std::sync::Mutex::new(pending.into_iter());
    cell(
        &app,
        "moderateComment",
        &[Editor, Moderator, Admin],
        "mutation($id: ID!) { moderateComment(id: $id, status: APPROVED) { comment { id } } }",
        || json!({ "id": next.lock().unwrap().next().unwrap() }),
    )
    .await;
    cell(
        &app,
        "moderationQueue",
        &[Editor, Moderator, Admin],
        "{ moderationQueue { totalCount } }",
        || json!({}),
    )
    .await;

    cell(
        &app,
        "createUser",
        &[Admin],
        "mutation($e: String!) { createUser(input: { email: $e, password: \"long-enough-pass\", displayName: \"X\", role: READER }) { user { id } } }",
        || json!({ "e": format!("{}@example.kz", uuid::Uuid::new_v4().simple()) }),
    )
    .await;
}

#[tokio::test]
async fn an_author_edits_own_drafts_only_and_never_a_published_article() {
    let app = TestApp::spawn().await;
    let author = app.account(Role::Author).await;
    let editor = app.account(Role::Editor).await;
    let own = draft_by(&app, &author).await;
    let update = "mutation($id: ID!, $v: Int!) { updateArticle(id: $id, input: { version: $v, lead: \"Лид\" }) { article { version lead } } }";
    let edited = app
        .graphql_as(&author, update, json!({ "id": own, "v": 1 }))
        .await;
    assert_eq!(data(&edited)["updateArticle"]["article"]["version"], 2);
    let stale = app
        .graphql_as(&author, update, json!({ "id": own, "v": 1 }))
        .await;
    assert_eq!(error_code(&stale), "CONFLICT", "a save in between wins");
    let submitted = app
        .graphql_as(
            &author,
            "mutation($id: ID!) { submitArticleForReview(id: $id) { article { status } } }",
            json!({ "id": own }),
        )
        .await;
    assert_eq!(
        data(&submitted)["submitArticleForReview"]["article"]["status"],
        "IN_REVIEW"
    );
    let published = app
        .graphql_as(
            &editor,
            "mutation($id: ID!) { publishArticle(id: $id) { article { status version } } }",
            json!({ "id": own }),
        )
        .await;
    let version = data(&published)["publishArticle"]["article"]["version"]
        .as_i64()
        .unwrap();
    let refused = app
        .graphql_as(&author, update, json!({ "id": own, "v": version }))
        .await;
    assert_eq!(error_code(&refused), "FORBIDDEN");
    let mine = app
        .graphql_as(
            &author,
            "{ articles(filter: { status: PUBLISHED }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(data(&mine)["articles"]["totalCount"], 1);
}

#[tokio::test]
async fn staff_see_drafts_by_status_and_the_public_never_does() {
    let app = TestApp::spawn().await;
    let author = app.account(Role::Author).await;
    let editor = app.account(Role::Editor).await;
    let reader = app.account(Role::Reader).await;
    let other = app.account(Role::Author).await;
    draft_by(&app, &author).await;
    draft_by(&app, &other).await;
    let drafts = "{ articles(filter: { status: DRAFT }) { totalCount edges { node { createdBy { id } } } } }";
    assert_eq!(
        data(&app.graphql_as(&editor, drafts, json!({})).await)["articles"]["totalCount"],
        2
    );
    let own = app.graphql_as(&author, drafts, json!({})).await;
    assert_eq!(
        data(&own)["articles"]["totalCount"],
        1,
        "an author sees own drafts"
    );
    assert_eq!(
        data(&own)["articles"]["edges"][0]["node"]["createdBy"]["id"],
        author.id.as_str()
    );
    assert_eq!(
        error_code(&app.graphql_as(&reader, drafts, json!({})).await),
        "FORBIDDEN"
    );
    assert_eq!(
        error_code(&app.graphql(drafts, json!({})).await),
        "UNAUTHENTICATED"
    );
    let public = app.graphql("{ articles { totalCount } }", json!({})).await;
    assert_eq!(data(&public)["articles"]["totalCount"], 0);
}

#[tokio::test]
async fn input_errors_name_their_field_and_leave_nothing_behind() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let before = counts(&app).await;
    for (input, field) in [
        (
            json!({ "lang": "RU", "title": "", "body": "<p>x</p>" }),
            "input.title",
        ),
        (
            json!({ "lang": "RU", "title": "x".repeat(301), "body": "<p>x</p>" }),
            "input.title",
        ),
        (
            json!({ "lang": "RU", "title": "Ок", "body": "<p>x</p>", "coverImageUrl": "javascript:alert(1)" }),
            "input.coverImageUrl",
        ),
        (
            json!({ "lang": "RU", "title": "Ок", "body": "<p>x</p>", "regionId": "bm9wZQ" }),
            "input.regionId",
        ),
        (
            json!({ "lang": "RU", "title": "Ок", "body": "<p>x</p>", "tags": ["doroga"], "quotes": [{ "text": "a" }, { "text": "b", "participantId": "UGFydGljaXBhbnQ6MDE5MDAwMDAtMDAwMC03MDAwLTgwMDAtMDAwMDAwMDAwMDk5" }] }),
            "input.quotes[1].participantId",
        ),
    ] {
        let response = app
            .graphql_as(&editor, CREATE_ARTICLE, json!({ "i": input }))
            .await;
        assert!(
            ["BAD_USER_INPUT", "NOT_FOUND"].contains(&error_code(&response)),
            "{response}"
        );
        assert_eq!(
            response["errors"][0]["extensions"]["field"], field,
            "{response}"
        );
    }
    assert_eq!(before, counts(&app).await, "nothing half-written");
}

#[tokio::test]
async fn hostile_html_is_sanitised() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let body = r#"<p onclick="steal()">Текст<script>alert(1)</script><a href="javascript:alert(1)">ссылка</a><img src="x" onerror="alert(1)"></p>"#;
    let response = app
        .graphql_as(
            &editor,
            "mutation($i: CreateArticleInput!) { createArticle(input: $i) { article { body } } }",
            json!({ "i": { "lang": "RU", "title": "Проверка", "body": body } }),
        )
        .await;
    let saved = data(&response)["createArticle"]["article"]["body"]
        .as_str()
        .unwrap()
        .to_lowercase();
    for hostile in ["<script", "onclick", "onerror", "javascript:"] {
        assert!(!saved.contains(hostile), "{hostile} in {saved}");
    }
    assert!(saved.contains("текст"));
}

#[tokio::test]
async fn the_seed_articles_scenario_runs_end_to_end() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let region = data(
        &app.graphql(r#"{ region(code: "KZ-43") { id } }"#, json!({}))
            .await,
    )["region"]["id"]
        .clone();
    let person = |name: &str, honours: Value| {
        let (app, editor, region) = (&app, &editor, region.clone());
        let name = name.to_owned();
        async move {
            let response = app
                .graphql_as(
                    editor,
                    "mutation($i: CreateParticipantInput!) { createParticipant(input: $i) { participant { id honours } } }",
                    json!({ "i": { "fullName": name, "honours": honours, "regionId": region } }),
                )
                .await;
            data(&response)["createParticipant"]["participant"]["id"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    let chair = person(
        "Нурмурат Ерманов",
        json!(["почётный гражданин Кызылординской области"]),
    )
    .await;
    let head = person("Бауыржан Ибраев", json!([])).await;
    let member = person(
        "Амирбек Шаймагамбетов",
        json!([
            "почётный ветеран органов внутренних дел",
            "депутат областного маслихата"
        ]),
    )
    .await;

    let meeting = app
        .graphql_as(
            &editor,
            "mutation($r: ID!) { createMeeting(input: { title: \"Заседание консультативно-совещательного органа\", body: \"КСО при ДП Кызылординской области\",
               kind: ADVISORY_COUNCIL, heldOn: \"2024-04-05\", regionId: $r, venue: \"Департамент полиции\",
               agenda: [{ title: \"Проект концепции общественной безопасности на 2024–2028 годы\" }] }) { meeting { id } } }",
            json!({ "r": region }),
        )
        .await;
    let meeting = data(&meeting)["createMeeting"]["meeting"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let roles = app
        .graphql_as(
            &editor,
            "mutation($m: ID!, $p: [MeetingParticipantInput!]!) { setMeetingParticipants(meetingId: $m, participants: $p) { meeting { participants { role position } } } }",
            json!({ "m": meeting, "p": [
                { "participantId": chair, "role": "CHAIR", "position": "председатель КСО" },
                { "participantId": head, "role": "SPEAKER", "position": "начальник управления местной полицейской службы" },
                { "participantId": member, "role": "MEMBER" },
            ] }),
        )
        .await;
    assert_eq!(
        data(&roles)["setMeetingParticipants"]["meeting"]["participants"][0]["role"],
        "CHAIR"
    );

    let title = "Заседание КСО состоялось в департаменте полиции Кызылординской области";
    let created = app
        .graphql_as(
            &editor,
            CREATE_ARTICLE,
            json!({ "i": {
                "lang": "RU", "title": title, "lead": "Совет обсудил проект концепции, передает Polisia.kz.",
                "body": "<p>Члены совета обсудили проект концепции.</p>", "regionId": region, "meetingId": meeting,
                "participantIds": [chair, head, member], "tags": [], "source": "Polisia.kz",
                "quotes": [
                    { "participantId": head, "text": "Мы откроем отчётность для граждан.", "kind": "DIRECT" },
                    { "participantId": member, "text": "предложил конкретные шаги по реализации концепции", "kind": "PARAPHRASE" },
                ],
            } }),
        )
        .await;
    let article = &data(&created)["createArticle"]["article"];
    assert_eq!(
        article["slug"],
        "zasedanie-kso-sostoyalos-v-departamente-politsii-kyzylordinskoy-oblasti"
    );
    let hidden = app
        .graphql(
            "query($s: String!) { article(slug: $s) { id } }",
            json!({ "s": article["slug"] }),
        )
        .await;
    assert!(data(&hidden)["article"].is_null(), "a draft is not public");
    app.graphql_as(
        &editor,
        "mutation($id: ID!) { publishArticle(id: $id) { article { status } } }",
        json!({ "id": article["id"] }),
    )
    .await;

    let public = app
        .graphql(
            "query($s: String!) { article(slug: $s) { title region { code } meeting { kind heldOn agenda { title } participants { role participant { fullName honours } } }
               quotes { kind text participant { fullName } } participants { fullName } } }",
            json!({ "s": "zasedanie-kso-sostoyalos-v-departamente-politsii-kyzylordinskoy-oblasti" }),
        )
        .await;
    let article = &data(&public)["article"];
    assert_eq!(article["title"], title);
    assert_eq!(article["region"]["code"], "KZ-43");
    assert_eq!(article["meeting"]["heldOn"], "2024-04-05");
    assert_eq!(
        article["meeting"]["participants"][0]["participant"]["honours"][0],
        "почётный гражданин Кызылординской области"
    );
    assert_eq!(article["quotes"][0]["kind"], "DIRECT");
    assert_eq!(article["quotes"][1]["kind"], "PARAPHRASE");
    assert_eq!(
        article["quotes"][1]["participant"]["fullName"],
        "Амирбек Шаймагамбетов"
    );
    assert_eq!(article["participants"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn scheduled_publishing_shows_the_article_when_its_time_comes() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let id = draft_by(&app, &editor).await;
    let at = (app.clock.now() + chrono::Duration::seconds(2)).to_rfc3339();
    let scheduled = app.graphql_as(&editor, "mutation($id: ID!, $at: DateTime) { publishArticle(id: $id, at: $at) { article { status publishedAt } } }", json!({ "id": id, "at": at })).await;
    assert_eq!(
        data(&scheduled)["publishArticle"]["article"]["status"],
        "PUBLISHED"
    );
    let count = "{ articles { totalCount } }";
    assert_eq!(
        data(&app.graphql(count, json!({})).await)["articles"]["totalCount"],
        0
    );
    app.clock.advance(chrono::Duration::milliseconds(1_999));
    assert_eq!(
        data(&app.graphql(count, json!({})).await)["articles"]["totalCount"],
        0
    );
    app.clock.advance(chrono::Duration::milliseconds(1));
    assert_eq!(
        data(&app.graphql(count, json!({})).await)["articles"]["totalCount"],
        1
    );
}
