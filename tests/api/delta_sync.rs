//! Delta sync: `changes` in GraphQL and `/api/v1/changes` in REST give the public
//! view of what changed since a cursor, with tombstones for what left it.

use chrono::Duration;
use polisia_api::{
    announce,
    domain::{ArticleStatus, Role},
    housekeeping::CHANGES_KEPT,
    store::changes,
};
use serde_json::{Value, json};

use crate::{
    comments::{ADD, encode, input},
    fixtures::{self, NewArticle},
    helpers::{Account, TestApp, data, error_code},
    rest_support::{assert_matches_doc, document},
};

const CHANGES: &str = r#"query($after: String, $first: Int, $types: [SyncType!]) {
  changes(after: $after, first: $first, types: $types) {
    cursor hasMore
    items {
      __typename
      ... on Article { id title updatedAt createdAt status }
      ... on Comment { id body updatedAt authorEmail }
      ... on Meeting { id updatedAt }
      ... on Participant { id updatedAt }
      ... on Region { id nameEn updatedAt }
      ... on Tag { id name updatedAt }
      ... on Tombstone { type id deletedAt reason }
    }
  }
}"#;

const CREATE: &str = "mutation($t: String!) { createArticle(input: { lang: RU, title: $t, body: \"<p>Текст</p>\" }) { article { id } } }";
const PUBLISH: &str =
    "mutation($id: ID!, $at: DateTime) { publishArticle(id: $id, at: $at) { article { status } } }";
const UNPUBLISH: &str = "mutation($id: ID!) { unpublishArticle(id: $id) { article { status } } }";
const ARCHIVE: &str = "mutation($id: ID!) { archiveArticle(id: $id) { article { status } } }";
const DELETE: &str = "mutation($id: ID!) { deleteArticle(id: $id) { deletedId } }";
const EDIT: &str = "mutation($id: ID!, $v: Int!, $t: String!) { updateArticle(id: $id, input: { version: $v, title: $t }) { article { version } } }";
const MODERATE: &str = "mutation($id: ID!, $s: CommentStatus!) { moderateComment(id: $id, status: $s) { comment { status } } }";
const DELETE_COMMENT: &str = "mutation($id: ID!) { deleteComment(id: $id) { deletedId } }";
const CREATE_TAG: &str = "mutation($n: String!) { createTag(name: $n) { tag { id } } }";
const RENAME_REGION: &str = "mutation($id: ID!, $n: String!) { updateRegion(id: $id, input: { nameEn: $n }) { region { id } } }";

async fn ok(app: &TestApp, account: &Account, query: &str, variables: Value) -> Value {
    let answer = app.graphql_as(account, query, variables).await;
    assert!(answer.get("errors").is_none(), "{query}: {answer}");
    data(&answer).clone()
}

/// A draft written through the service; its global id.
async fn draft(app: &TestApp, editor: &Account, title: &str) -> String {
    let created = ok(app, editor, CREATE, json!({ "t": title })).await;
    created["createArticle"]["article"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A draft written and published through the service; its global id.
async fn published(app: &TestApp, editor: &Account, title: &str) -> String {
    let id = draft(app, editor, title).await;
    ok(app, editor, PUBLISH, json!({ "id": id })).await;
    id
}

/// The GraphQL page after `after`.
async fn page(app: &TestApp, after: Option<&str>, first: Option<i32>, types: Value) -> Value {
    let answer = app
        .graphql(
            CHANGES,
            json!({ "after": after, "first": first, "types": types }),
        )
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    data(&answer)["changes"].clone()
}

/// The cursor of now.
async fn now_cursor(app: &TestApp) -> String {
    let start = page(app, None, None, Value::Null).await;
    assert_eq!(start["items"], json!([]));
    assert_eq!(start["hasMore"], false);
    start["cursor"].as_str().unwrap().to_owned()
}

/// The REST page for `query`, checked against the OpenAPI document.
async fn rest_page(app: &TestApp, query: &str) -> Value {
    let answer = app.rest_get(&format!("/api/v1/changes{query}")).await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    assert_eq!(answer.header("cache-control"), "no-store");
    let body = answer.json().clone();
    assert_matches_doc(&document(), "/api/v1/changes", &body);
    body
}

/// (typename or tombstone type, id, reason) of each GraphQL item.
fn summary(page: &Value) -> Vec<(String, String, Option<String>)> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| match item["__typename"].as_str().unwrap() {
            "Tombstone" => (
                format!("-{}", item["type"].as_str().unwrap()),
                item["id"].as_str().unwrap().to_owned(),
                item["reason"].as_str().map(str::to_owned),
            ),
            kind => (
                kind.to_uppercase(),
                item["id"].as_str().unwrap().to_owned(),
                None,
            ),
        })
        .collect()
}

/// The same summary from REST, ids as GraphQL gives them.
fn rest_summary(page: &Value) -> Vec<(String, String, Option<String>)> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let kind = item["type"].as_str().unwrap();
            let node = match kind {
                "PARTICIPANT" => "Participant".to_owned(),
                "ORGANIZATION" => "Organization".to_owned(),
                other => format!("{}{}", &other[..1], other[1..].to_lowercase()),
            };
            let id = encode(&node, item["id"].as_str().unwrap().parse().unwrap());
            match item["op"].as_str().unwrap() {
                "TOMBSTONE" => (
                    format!("-{kind}"),
                    id,
                    item["reason"].as_str().map(str::to_owned),
                ),
                _ => (kind.to_owned(), id, None),
            }
        })
        .collect()
}

#[tokio::test]
async fn without_a_cursor_the_answer_is_the_cursor_of_now_and_nothing_else() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    published(&app, &editor, "До начала").await;
    let cursor = now_cursor(&app).await;
    let rest = rest_page(&app, "").await;
    assert_eq!(rest["items"], json!([]));

    let later = published(&app, &editor, "После начала").await;
    let next = page(&app, Some(&cursor), None, Value::Null).await;
    assert_eq!(summary(&next), [("ARTICLE".into(), later.clone(), None)]);
    assert_eq!(next["hasMore"], false);
    let rest = rest_page(
        &app,
        &format!("?after={}", rest["cursor"].as_str().unwrap()),
    )
    .await;
    assert_eq!(rest_summary(&rest), summary(&next));
    // Caught up: the next cursor gives nothing more.
    let after = page(&app, next["cursor"].as_str(), None, Value::Null).await;
    assert_eq!(after["items"], json!([]));
}

#[tokio::test]
async fn an_edit_is_an_upsert_with_its_updated_at_and_no_staff_fields() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let id = published(&app, &editor, "Первый заголовок").await;
    let cursor = now_cursor(&app).await;
    app.clock.advance(Duration::minutes(5));
    let edited_at = app.clock.now();
    ok(
        &app,
        &editor,
        EDIT,
        json!({ "id": id, "v": 2, "t": "Новый заголовок" }),
    )
    .await;

    let next = page(&app, Some(&cursor), None, Value::Null).await;
    let item = &next["items"][0];
    assert_eq!(item["__typename"], "Article");
    assert_eq!(item["title"], "Новый заголовок");
    let updated: chrono::DateTime<chrono::Utc> =
        item["updatedAt"].as_str().unwrap().parse().unwrap();
    assert_eq!(updated, edited_at);
    assert!(item["createdAt"].is_null(), "staff only: {item}");

    let rest = rest_page(&app, &format!("?after={cursor}")).await;
    let item = &rest["items"][0];
    assert_eq!(
        (item["op"].as_str(), item["type"].as_str()),
        (Some("UPSERT"), Some("ARTICLE"))
    );
    assert_eq!(item["article"]["title"], "Новый заголовок");
    let updated: chrono::DateTime<chrono::Utc> =
        item["updatedAt"].as_str().unwrap().parse().unwrap();
    assert_eq!(updated, edited_at);
    for staff in ["createdBy", "updatedBy", "createdAt", "status", "version"] {
        assert!(item["article"].get(staff).is_none(), "{staff} in {item}");
    }
}

#[tokio::test]
async fn each_way_an_article_leaves_public_view_is_a_tombstone_and_drafts_never_show() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let unpublished = published(&app, &editor, "Снята с публикации").await;
    let archived = published(&app, &editor, "В архиве").await;
    let deleted = published(&app, &editor, "Удалена").await;
    let cursor = now_cursor(&app).await;

    ok(&app, &editor, UNPUBLISH, json!({ "id": unpublished })).await;
    ok(&app, &editor, ARCHIVE, json!({ "id": archived })).await;
    ok(&app, &editor, DELETE, json!({ "id": deleted })).await;
    // A draft edited, then deleted, was never public: nothing shows of it.
    let secret = draft(&app, &editor, "Черновик").await;
    ok(
        &app,
        &editor,
        EDIT,
        json!({ "id": secret, "v": 1, "t": "Черновик 2" }),
    )
    .await;
    ok(&app, &editor, DELETE, json!({ "id": secret })).await;
    // Scheduled for later: not public yet, so neither an upsert nor a tombstone.
    let scheduled = draft(&app, &editor, "По расписанию").await;
    let moment = app.clock.now() + Duration::hours(1);
    ok(
        &app,
        &editor,
        PUBLISH,
        json!({ "id": scheduled, "at": moment.to_rfc3339() }),
    )
    .await;

    let next = page(&app, Some(&cursor), None, Value::Null).await;
    let expected = vec![
        (
            "-ARTICLE".to_owned(),
            unpublished,
            Some("UNPUBLISHED".to_owned()),
        ),
        ("-ARTICLE".to_owned(), archived, Some("ARCHIVED".to_owned())),
        ("-ARTICLE".to_owned(), deleted, Some("DELETED".to_owned())),
    ];
    assert_eq!(summary(&next), expected);
    for item in next["items"].as_array().unwrap() {
        assert!(item["deletedAt"].is_string(), "{item}");
    }
    let rest = rest_page(&app, &format!("?after={cursor}")).await;
    assert_eq!(rest_summary(&rest), expected, "REST and GraphQL agree");

    // Its moment comes: now it is public, and an upsert.
    app.clock.advance(Duration::hours(1));
    announce::claim(app.conn(), &app.state.bus, app.clock.now())
        .await
        .unwrap();
    let later = page(&app, next["cursor"].as_str(), None, Value::Null).await;
    assert_eq!(summary(&later), [("ARTICLE".into(), scheduled, None)]);
}

#[tokio::test]
async fn removed_comments_are_tombstones_and_pending_ones_never_show() {
    let app = TestApp::spawn().await;
    let moderator = app.account(Role::Moderator).await;
    let article = NewArticle::published("Новость с комментариями", 60)
        .insert(app.conn())
        .await;
    let cursor = now_cursor(&app).await;
    let post = async |body: &str| {
        // Anonymous comments wait for a moderator; one address may post every 15 s.
        app.clock.advance(Duration::seconds(20));
        let posted = app
            .graphql(ADD, input(&article, "reader@example.com", body))
            .await;
        data(&posted)["addComment"]["comment"]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let approved = post("Одобренный").await;
    let pending = post("Ждёт модерации").await;
    let rejected = post("Отклонённый").await;
    let deleted = post("Удалённый").await;
    let never = post("Отклонён, не будучи показан").await;
    for id in [&approved, &rejected, &deleted] {
        ok(
            &app,
            &moderator,
            MODERATE,
            json!({ "id": id, "s": "APPROVED" }),
        )
        .await;
    }
    ok(
        &app,
        &moderator,
        MODERATE,
        json!({ "id": rejected, "s": "REJECTED" }),
    )
    .await;
    ok(&app, &moderator, DELETE_COMMENT, json!({ "id": deleted })).await;
    ok(
        &app,
        &moderator,
        MODERATE,
        json!({ "id": never, "s": "SPAM" }),
    )
    .await;

    let next = page(&app, Some(&cursor), None, Value::Null).await;
    let expected = vec![
        ("COMMENT".to_owned(), approved.clone(), None),
        ("-COMMENT".to_owned(), rejected, Some("REMOVED".to_owned())),
        ("-COMMENT".to_owned(), deleted, Some("REMOVED".to_owned())),
    ];
    assert_eq!(summary(&next), expected);
    assert!(!next.to_string().contains(&pending));
    assert!(next["items"][0]["authorEmail"].is_null(), "staff only");
    let rest = rest_page(&app, &format!("?after={cursor}")).await;
    assert_eq!(rest_summary(&rest), expected, "REST and GraphQL agree");
    let comment = &rest["items"][0]["comment"];
    assert_eq!(comment["body"], "Одобренный");
    assert!(!rest.to_string().contains("reader@example.com"), "{rest}");
}

#[tokio::test]
async fn types_narrow_the_changes_and_pages_follow_each_other() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let admin = app.account(Role::Admin).await;
    let cursor = now_cursor(&app).await;
    let region = encode("Region", fixtures::region_id(app.conn(), "KZ-43").await);
    ok(
        &app,
        &admin,
        RENAME_REGION,
        json!({ "id": region, "n": "Kyzylorda Oblast" }),
    )
    .await;
    let tag =
        ok(&app, &editor, CREATE_TAG, json!({ "n": "Дороги" })).await["createTag"]["tag"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
    let mut articles = Vec::new();
    for n in 0..3 {
        articles.push(published(&app, &editor, &format!("Статья {n}")).await);
    }

    let tags = page(&app, Some(&cursor), None, json!(["TAG"])).await;
    assert_eq!(summary(&tags), [("TAG".into(), tag.clone(), None)]);
    let regions = rest_page(&app, &format!("?after={cursor}&types=REGION")).await;
    assert_eq!(regions["items"][0]["region"]["nameEn"], "Kyzylorda Oblast");
    assert_eq!(regions["items"].as_array().unwrap().len(), 1);

    // Two changes a page: each article's creation and publication are one thing, so
    // the pages hold the latest word on each, in order, and nothing twice.
    let mut seen = Vec::new();
    let mut rest_seen = Vec::new();
    let (mut after, mut rest_after) = (cursor.clone(), cursor.clone());
    for _ in 0..10 {
        let next = page(&app, Some(&after), Some(2), json!(["ARTICLE"])).await;
        let rest = rest_page(&app, &format!("?after={rest_after}&limit=2&types=ARTICLE")).await;
        assert!(next["items"].as_array().unwrap().len() <= 2);
        seen.extend(summary(&next));
        rest_seen.extend(rest_summary(&rest));
        after = next["cursor"].as_str().unwrap().to_owned();
        rest_after = rest["cursor"].as_str().unwrap().to_owned();
        if next["hasMore"] == false {
            assert_eq!(rest["hasMore"], false);
            break;
        }
    }
    let ids: Vec<&String> = seen.iter().map(|(_, id, _)| id).collect();
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(unique, articles.iter().collect::<Vec<_>>(), "{seen:?}");
    assert_eq!(seen, rest_seen);

    let bad = app.graphql(CHANGES, json!({ "first": 101 })).await;
    assert_eq!(error_code(&bad), "BAD_USER_INPUT");
    let bad = app.rest_get("/api/v1/changes?types=ARTICLE,USER").await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["errors"][0]["field"], "types");
}

#[tokio::test]
async fn a_cursor_older_than_the_retention_is_refused_in_both_apis() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let cursor = now_cursor(&app).await;
    published(&app, &editor, "Старая новость").await;

    // Within the retention, after pruning, the cursor still works.
    app.clock.advance(CHANGES_KEPT - Duration::hours(1));
    changes::prune(app.conn(), app.clock.now() - CHANGES_KEPT)
        .await
        .unwrap();
    let kept = page(&app, Some(&cursor), None, Value::Null).await;
    assert_eq!(kept["items"].as_array().unwrap().len(), 1);

    // Past it, with the record pruned as housekeeping prunes it.
    app.clock.advance(Duration::hours(2));
    changes::prune(app.conn(), app.clock.now() - CHANGES_KEPT)
        .await
        .unwrap();
    let answer = app.graphql(CHANGES, json!({ "after": cursor })).await;
    assert_eq!(error_code(&answer), "CURSOR_EXPIRED");
    assert_eq!(answer["errors"][0]["extensions"]["field"], "after");
    let refused = app
        .rest_get(&format!("/api/v1/changes?after={cursor}"))
        .await;
    assert_eq!(refused.status, 410);
    assert_eq!(refused.header("content-type"), "application/problem+json");
    let problem = refused.json();
    assert_eq!(problem["code"], "CURSOR_EXPIRED");
    assert_eq!(problem["errors"][0]["field"], "after");
    // Starting again works.
    now_cursor(&app).await;

    let garbage = app
        .graphql(CHANGES, json!({ "after": "bm90LWEtY3Vyc29y" }))
        .await;
    assert_eq!(error_code(&garbage), "BAD_USER_INPUT");
}

#[tokio::test]
async fn updated_since_narrows_the_lists() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let admin = app.account(Role::Admin).await;
    let old = NewArticle::published("Старая", 90).insert(app.conn()).await;
    let fresh = NewArticle::published("Свежая", 60).insert(app.conn()).await;
    fixtures::tag(app.conn(), "staryi", &[old.id]).await;
    app.clock.advance(Duration::minutes(10));
    let since = app.clock.now();
    let fresh_id = encode("Article", fresh.id);
    ok(
        &app,
        &editor,
        EDIT,
        json!({ "id": fresh_id, "v": 1, "t": "Свежая, правка" }),
    )
    .await;
    ok(&app, &editor, CREATE_TAG, json!({ "n": "Новый тег" })).await;
    let region = encode("Region", fixtures::region_id(app.conn(), "KZ-75").await);
    ok(
        &app,
        &admin,
        RENAME_REGION,
        json!({ "id": region, "n": "Almaty City" }),
    )
    .await;

    let lists = app
        .graphql(
            "query($s: DateTime) {
               articles(updatedSince: $s) { edges { node { title updatedAt } } }
               all: articles { totalCount }
               tags(updatedSince: $s) { name updatedAt }
               regions(updatedSince: $s) { nameEn updatedAt }
               meetings(updatedSince: $s) { totalCount }
               participants(updatedSince: $s) { totalCount }
             }",
            json!({ "s": since.to_rfc3339() }),
        )
        .await;
    let lists = data(&lists);
    assert_eq!(lists["all"]["totalCount"], 2);
    assert_eq!(
        lists["articles"]["edges"],
        json!([{ "node": { "title": "Свежая, правка", "updatedAt": lists["articles"]["edges"][0]["node"]["updatedAt"] } }])
    );
    assert_eq!(lists["tags"].as_array().unwrap().len(), 1);
    assert_eq!(lists["tags"][0]["name"], "Новый тег");
    assert_eq!(lists["regions"].as_array().unwrap().len(), 1);
    assert_eq!(lists["regions"][0]["nameEn"], "Almaty City");
    assert_eq!(lists["meetings"]["totalCount"], 0);

    let since = urlencoding(&since.to_rfc3339());
    let rest = app
        .rest_get(&format!("/api/v1/articles?updated_since={since}"))
        .await;
    let items = rest.json()["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["title"], "Свежая, правка");
    let regions = app
        .rest_get(&format!("/api/v1/regions?updated_since={since}"))
        .await;
    assert_eq!(regions.json()["items"].as_array().unwrap().len(), 1);
    assert!(regions.json()["items"][0]["updatedAt"].is_string());
    let everything = app.rest_get("/api/v1/regions").await;
    assert_eq!(everything.json()["items"].as_array().unwrap().len(), 20);
    let bad = app
        .rest_get("/api/v1/articles?updated_since=yesterday")
        .await;
    assert_eq!(bad.status, 400);
}

fn urlencoding(value: &str) -> String {
    value.replace('+', "%2B").replace(':', "%3A")
}

#[tokio::test]
async fn a_page_of_changes_costs_the_same_statements_for_3_and_for_30_things() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let mut ids = Vec::new();
    for n in 0..30 {
        let article = NewArticle::published(&format!("Статья {n}"), 0)
            .status(ArticleStatus::Draft)
            .at(None)
            .insert(app.conn())
            .await;
        ids.push(encode("Article", article.id));
    }
    let start = now_cursor(&app).await;
    for id in &ids {
        ok(&app, &editor, PUBLISH, json!({ "id": id })).await;
    }
    let middle = now_cursor(&app).await;
    for id in &ids {
        ok(&app, &editor, UNPUBLISH, json!({ "id": id })).await;
    }
    // The bus and the webhook fan-out read what was written, on this instance's
    // connection too: they are done before anything is counted.
    app.changes_dispatched().await;
    let query = CHANGES.replace(
        "... on Article { id title updatedAt createdAt status }",
        "... on Article { id title updatedAt region { code } tags { slug } commentCount }",
    );
    // Regions are read once into memory, by whichever request needs them first.
    app.graphql(&query, json!({ "after": start, "first": 1 }))
        .await;
    for after in [&start, &middle] {
        let mut counts = Vec::new();
        for first in [3, 30] {
            let before = app.state.db.statements.get();
            let answer = app
                .graphql(&query, json!({ "after": after, "first": first }))
                .await;
            counts.push(app.state.db.statements.get() - before);
            let items = data(&answer)["changes"]["items"].as_array().unwrap().len();
            assert_eq!(items, first as usize, "{answer}");
            let before = app.state.db.statements.get();
            let rest = rest_page(&app, &format!("?after={after}&limit={first}")).await;
            counts.push(app.state.db.statements.get() - before);
            assert_eq!(rest["items"].as_array().unwrap().len(), first as usize);
        }
        assert_eq!(counts[0], counts[2], "GraphQL, 3 and 30: {counts:?}");
        assert_eq!(counts[1], counts[3], "REST, 3 and 30: {counts:?}");
        assert!(counts.iter().all(|n| *n <= 12), "{counts:?}");
        println!(
            "a page of changes: {counts:?} statements (GraphQL 3, REST 3, GraphQL 30, REST 30)"
        );
    }
}

#[tokio::test]
async fn a_tag_an_article_creates_is_synced_as_one() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let id = draft(&app, &editor, "С новым тегом").await;
    let cursor = now_cursor(&app).await;
    ok(
        &app,
        &editor,
        "mutation($id: ID!) { updateArticle(id: $id, input: { version: 1, tags: [\"Безопасность дорог\"] }) { article { version } } }",
        json!({ "id": id }),
    )
    .await;
    let tags = page(&app, Some(&cursor), None, json!(["TAG"])).await;
    let items = tags["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{tags}");
    assert_eq!(items[0]["name"], "Безопасность дорог");
    // The draft itself stays out of sight.
    let all = page(&app, Some(&cursor), None, Value::Null).await;
    assert_eq!(all["items"].as_array().unwrap().len(), 1, "{all}");
}

#[tokio::test]
async fn organisations_are_synced_and_their_deletion_is_a_tombstone() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let cursor = now_cursor(&app).await;
    let made = ok(
        &app,
        &editor,
        "mutation { createOrganization(input: { kind: COUNCIL, nameRu: \"Общественный совет\", nameKk: \"Қоғамдық кеңес\" }) { organization { id } } }",
        json!({}),
    )
    .await;
    let id = made["createOrganization"]["organization"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let query = CHANGES.replace(
        "... on Tag { id name updatedAt }",
        "... on Tag { id name updatedAt } ... on Organization { id name(lang: KK) kind }",
    );
    let answer = app
        .graphql(
            &query,
            json!({ "after": cursor, "types": ["ORGANIZATION"] }),
        )
        .await;
    let items = &data(&answer)["changes"]["items"];
    assert_eq!(items.as_array().unwrap().len(), 1, "{answer}");
    assert_eq!(items[0]["__typename"], "Organization");
    assert_eq!(items[0]["id"], id.as_str());
    assert_eq!(items[0]["name"], "Қоғамдық кеңес");
    let rest = rest_page(&app, &format!("?after={cursor}&types=ORGANIZATION&lang=kk")).await;
    let item = &rest["items"][0];
    assert_eq!(item["op"], "UPSERT");
    assert_eq!(item["type"], "ORGANIZATION");
    assert_eq!(item["organization"]["name"], "Қоғамдық кеңес");
    assert_eq!(item["organization"]["kind"], "COUNCIL");

    ok(
        &app,
        &editor,
        "mutation($id: ID!) { deleteOrganization(id: $id) { deletedId } }",
        json!({ "id": id }),
    )
    .await;
    let gone = page(&app, Some(&cursor), None, json!(["ORGANIZATION"])).await;
    assert_eq!(
        summary(&gone),
        [(
            "-ORGANIZATION".to_owned(),
            id.clone(),
            Some("DELETED".to_owned())
        )]
    );
    let rest = rest_page(&app, &format!("?after={cursor}&types=organization")).await;
    assert_eq!(rest_summary(&rest), summary(&gone));
}
