//! The change bus: every committed write records its change in order, in its own
//! transaction, and every instance on the database hears of it: its subscribers,
//! its micro-cache and its schedule.

use std::time::Duration;

use polisia_api::{
    bus,
    domain::{ArticleStatus, ChangeKind, Role},
    housekeeping,
    store::changes::{self, Change},
};
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use serde_json::{Value, json};

use crate::{
    comments::{ADD, encode, input},
    fixtures::{self, NewArticle},
    helpers::{Account, Sibling, Subscription, TestApp, data},
};

const PUBLISH: &str =
    "mutation($id: ID!, $at: DateTime) { publishArticle(id: $id, at: $at) { article { status } } }";
const UNPUBLISH: &str = "mutation($id: ID!) { unpublishArticle(id: $id) { article { status } } }";
const APPROVE: &str =
    "mutation($id: ID!) { moderateComment(id: $id, status: APPROVED) { comment { status } } }";
const COMMENT_ADDED: &str = "subscription($a: ID!) { commentAdded(articleId: $a) { body } }";
const ARTICLE_PUBLISHED: &str = "subscription { articlePublished { title } }";

/// What a notified instance may take to hear of another's commit.
const WITHIN: Duration = Duration::from_secs(1);

async fn recorded(app: &TestApp) -> Vec<Change> {
    changes::after(app.conn(), 0, 1_000).await.unwrap()
}

fn kinds(changes: &[Change]) -> Vec<ChangeKind> {
    changes.iter().map(|c| c.kind).collect()
}

fn postgres(app: &TestApp) -> bool {
    app.conn().get_database_backend() == DatabaseBackend::Postgres
}

/// Lets `sibling` hear of commits made through `app`: on PostgreSQL a notification
/// wakes it; SQLite (a single-instance database) has none, and a second instance
/// reads the record at its safety poll, which the clock reaches here.
async fn tell(app: &TestApp, sibling: &Sibling) {
    let newest = changes::newest(app.conn()).await.unwrap();
    if !postgres(app) {
        app.clock.advance(bus::SAFETY_POLL);
    }
    tokio::time::timeout(WITHIN, sibling.state.bus.reached(newest))
        .await
        .expect("the other instance reads the change within a second");
}

async fn ok(app: &TestApp, account: &Account, query: &str, variables: Value) -> Value {
    let answer = app.graphql_as(account, query, variables).await;
    assert!(answer.get("errors").is_none(), "{query}: {answer}");
    answer
}

/// A `commentAdded` subscription to `article` on `sibling`.
async fn comments_on(
    sibling: &Sibling,
    article: &polisia_api::entity::article::Model,
) -> Subscription {
    let variables = json!({ "a": encode("Article", article.id) });
    Subscription::open_at(sibling.addr, COMMENT_ADDED, variables).await
}

/// Takes `article` back to a draft through the service, as `editor`.
async fn unpublish(app: &TestApp, editor: &Account, article: &polisia_api::entity::article::Model) {
    let id = encode("Article", article.id);
    ok(app, editor, UNPUBLISH, json!({ "id": id })).await;
}

/// A pending comment on `article`, posted anonymously; returns its id.
async fn pending_comment(app: &TestApp, article: &polisia_api::entity::article::Model) -> String {
    let posted = app
        .graphql(
            ADD,
            input(article, "reader@example.com", "Спасибо за работу"),
        )
        .await;
    assert_eq!(data(&posted)["addComment"]["comment"]["status"], "PENDING");
    data(&posted)["addComment"]["comment"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn every_write_records_its_change_in_order_and_a_refused_one_none() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let moderator = app.account(Role::Moderator).await;
    let region = fixtures::region_id(app.conn(), "KZ-75").await;
    let article = NewArticle::published("Рейд на трассе", 0)
        .status(ArticleStatus::Draft)
        .at(None)
        .region(region)
        .insert(app.conn())
        .await;
    let id = encode("Article", article.id);

    ok(&app, &editor, PUBLISH, json!({ "id": id })).await;
    let refused = app.graphql_as(&editor, PUBLISH, json!({ "id": id })).await;
    assert!(refused.get("errors").is_some(), "already published");
    let comment = pending_comment(&app, &article).await;
    ok(&app, &moderator, APPROVE, json!({ "id": comment })).await;
    ok(&app, &editor, UNPUBLISH, json!({ "id": id })).await;
    let later = (app.clock.now() + chrono::Duration::hours(1)).to_rfc3339();
    ok(&app, &editor, PUBLISH, json!({ "id": id, "at": later })).await;

    let record = recorded(&app).await;
    assert_eq!(
        kinds(&record),
        [
            ChangeKind::ArticlePublished,
            ChangeKind::CommentCreated,
            ChangeKind::CommentApproved,
            ChangeKind::ArticleUnpublished,
            ChangeKind::ArticleScheduled,
        ]
    );
    assert!(record.windows(2).all(|w| w[0].seq < w[1].seq));
    let published = &record[0];
    assert_eq!(published.entity_id, article.id);
    assert_eq!(published.region_id, Some(region));
    assert_eq!(published.lang, Some(article.lang));
    assert_eq!(published.committed_at, app.clock.now());
    assert_eq!(
        record[2].article_id,
        Some(article.id),
        "a comment's article"
    );

    // At its moment the scheduled article is claimed, and recorded once.
    app.clock.advance(chrono::Duration::hours(1));
    let newest = record.last().unwrap().seq + 1;
    tokio::time::timeout(Duration::from_secs(5), app.state.bus.reached(newest))
        .await
        .expect("the schedule records the publication");
    let record = recorded(&app).await;
    assert_eq!(record.last().unwrap().kind, ChangeKind::ArticlePublished);
    assert_eq!(record.len(), 6);
}

#[tokio::test]
async fn a_comment_approved_through_one_instance_reaches_subscribers_of_another() {
    let app = TestApp::spawn().await;
    let sibling = app.sibling(|_| {}).await;
    let article = NewArticle::published("Встреча с жителями", 60)
        .insert(app.conn())
        .await;
    let mut there = comments_on(&sibling, &article).await;
    let moderator = app.account(Role::Moderator).await;
    let comment = pending_comment(&app, &article).await;
    ok(&app, &moderator, APPROVE, json!({ "id": comment })).await;
    tell(&app, &sibling).await;
    let event = there.next_within(WITHIN).await.expect("the event arrives");
    assert_eq!(event["commentAdded"]["body"], "Спасибо за работу");
}

#[tokio::test]
async fn an_article_unpublished_through_one_instance_leaves_the_micro_cache_of_another() {
    let app = TestApp::spawn_with(|args| args.micro_cache_ms = "30000".into()).await;
    let sibling = app
        .sibling(|args| args.micro_cache_ms = "30000".into())
        .await;
    let editor = app.account(Role::Editor).await;
    let article = NewArticle::published("Профилактика на дорогах", 60)
        .insert(app.conn())
        .await;
    let front_page = || async {
        sibling_get(&sibling, "/api/v1/articles")
            .await
            .to_string()
            .contains(&article.slug)
    };
    assert!(front_page().await, "listed");
    assert!(front_page().await, "listed, from the cache now");
    unpublish(&app, &editor, &article).await;
    tell(&app, &sibling).await;
    assert!(!front_page().await, "gone from the other instance");
}

async fn sibling_get(sibling: &Sibling, path: &str) -> Value {
    reqwest::get(sibling.url(path))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_scheduled_article_is_announced_once_on_every_instance() {
    let app = TestApp::spawn().await;
    let sibling = app.sibling(|_| {}).await;
    let editor = app.account(Role::Editor).await;
    let article = NewArticle::published("Анонс для всех", 0)
        .status(ArticleStatus::Draft)
        .at(None)
        .insert(app.conn())
        .await;
    let mut here = Subscription::open(&app, ARTICLE_PUBLISHED, json!({})).await;
    let mut there = Subscription::open_at(sibling.addr, ARTICLE_PUBLISHED, json!({})).await;
    // Further ahead than the safety poll `tell` may move the clock by.
    let at = app.clock.now() + chrono::Duration::minutes(1);
    ok(
        &app,
        &editor,
        PUBLISH,
        json!({ "id": encode("Article", article.id), "at": at.to_rfc3339() }),
    )
    .await;
    tell(&app, &sibling).await;
    // Both instances wake at the moment; one claims it.
    let claimed = changes::newest(app.conn()).await.unwrap() + 1;
    app.clock.advance(chrono::Duration::minutes(1));
    let (app_bus, sibling_bus) = (&app.state.bus, &sibling.state.bus);
    tokio::time::timeout(Duration::from_secs(5), async {
        tokio::select! {
            () = app_bus.reached(claimed) => {}
            () = sibling_bus.reached(claimed) => {}
        }
    })
    .await
    .expect("claimed at its moment, by one of them");
    if !postgres(&app) {
        app.clock.advance(bus::SAFETY_POLL);
    }
    tokio::time::timeout(WITHIN, async {
        tokio::join!(app_bus.reached(claimed), sibling_bus.reached(claimed))
    })
    .await
    .expect("both read the claim");
    for subscription in [&mut here, &mut there] {
        let event = subscription.next_within(WITHIN).await.expect("announced");
        assert_eq!(event["articlePublished"]["title"], "Анонс для всех");
        let again = subscription.next_within(Duration::from_millis(300)).await;
        assert!(again.is_none(), "announced once: {again:?}");
    }
    let published = recorded(&app)
        .await
        .into_iter()
        .filter(|c| c.kind == ChangeKind::ArticlePublished && c.entity_id == article.id)
        .count();
    assert_eq!(published, 1);
}

#[tokio::test]
async fn a_listener_whose_connection_drops_catches_up() {
    let app = TestApp::spawn().await;
    if !postgres(&app) {
        return; // SQLite has no listener.
    }
    let sibling = app.sibling(|_| {}).await;
    let article = NewArticle::published("После обрыва связи", 60)
        .insert(app.conn())
        .await;
    let mut there = comments_on(&sibling, &article).await;
    // Every listening connection on this database is cut.
    let cut = app
        .conn()
        .execute_raw(Statement::from_string(
            DatabaseBackend::Postgres,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND query LIKE 'LISTEN%'",
        ))
        .await
        .unwrap();
    assert!(cut.rows_affected() >= 2, "both instances listened");
    let moderator = app.account(Role::Moderator).await;
    let comment = pending_comment(&app, &article).await;
    ok(&app, &moderator, APPROVE, json!({ "id": comment })).await;
    let event = there
        .next_within(Duration::from_secs(5))
        .await
        .expect("heard after reconnecting");
    assert_eq!(event["commentAdded"]["body"], "Спасибо за работу");
}

#[tokio::test]
async fn changes_are_kept_for_a_fortnight() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let article = NewArticle::published("Архивная запись", 60)
        .insert(app.conn())
        .await;
    unpublish(&app, &editor, &article).await;
    assert_eq!(recorded(&app).await.len(), 1);
    // The housekeeping runs by the service's clock; a day short of the retention the
    // change stays.
    app.clock
        .advance(housekeeping::CHANGES_KEPT - chrono::Duration::days(1));
    settle(&app, 1).await;
    let later = NewArticle::published("Свежая запись", 0)
        .insert(app.conn())
        .await;
    // The first sign-in's tokens have long expired.
    let editor = app.account(Role::Admin).await;
    unpublish(&app, &editor, &later).await;
    app.clock.advance(chrono::Duration::days(2));
    settle(&app, 1).await;
    assert_eq!(recorded(&app).await[0].entity_id, later.id);
    // The newest change stays however old it is: on SQLite a new row takes the
    // highest sequence plus one, and a deleted newest would have its number reused.
    app.clock.advance(housekeeping::CHANGES_KEPT * 2);
    let horizon = app.clock.now() - housekeeping::CHANGES_KEPT;
    changes::prune(app.conn(), horizon).await.unwrap();
    assert_eq!(recorded(&app).await.len(), 1);
}

/// Waits (a few seconds at most) until the housekeeping leaves `count` changes.
async fn settle(app: &TestApp, count: usize) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let left = recorded(app).await.len();
        if left == count || tokio::time::Instant::now() > deadline {
            assert_eq!(left, count);
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn regions_are_read_from_memory_until_one_is_renamed_through_any_instance() {
    let app = TestApp::spawn().await;
    let sibling = app.sibling(|_| {}).await;
    let region = fixtures::region_id(app.conn(), "KZ-75").await;
    NewArticle::published("Рейд в Алматы", 60)
        .region(region)
        .insert(app.conn())
        .await;
    let named = "{ articles(first: 5) { nodes { id region { name } } } }";
    let plain = "{ articles(first: 5) { nodes { id } } }";
    let statements = |query: &'static str| {
        let app = &app;
        async move {
            let before = app.state.db.statements.get();
            let answer = app.graphql(query, json!({})).await;
            assert!(answer.get("errors").is_none(), "{answer}");
            app.state.db.statements.get() - before
        }
    };
    statements(named).await;
    assert_eq!(
        statements(named).await,
        statements(plain).await,
        "the regions come from memory"
    );

    let sibling_name = || async {
        reqwest::Client::new()
            .post(sibling.url("/graphql"))
            .json(&json!({ "query": named }))
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()["data"]["articles"]["nodes"][0]["region"]["name"]
            .clone()
    };
    assert_eq!(sibling_name().await, "Алматы");
    let admin = app.account(Role::Admin).await;
    ok(
        &app,
        &admin,
        "mutation($id: ID!) { updateRegion(id: $id, input: { nameRu: \"город Алматы\" }) { region { name } } }",
        json!({ "id": encode("Region", region) }),
    )
    .await;
    tell(&app, &sibling).await;
    // The bus has read the change; the region cache follows it within a moment.
    let renamed = tokio::time::timeout(WITHIN, async {
        while sibling_name().await != "город Алматы" {
            tokio::task::yield_now().await;
        }
    })
    .await;
    assert!(renamed.is_ok(), "the other instance names the region anew");
}

#[tokio::test]
async fn the_changes_of_one_write_are_appended_together_at_the_cost_of_one() {
    use std::sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    };

    use sea_orm::TransactionTrait;
    let app = TestApp::spawn().await;
    // A connection of the test's own: the service's pool also serves its background
    // readers of the changes, whose statements would blur the count.
    let mut db = sea_orm::Database::connect(app.database_url())
        .await
        .unwrap();
    let statements = Arc::new(AtomicUsize::new(0));
    let counter = statements.clone();
    db.set_metric_callback(move |_| {
        counter.fetch_add(1, Ordering::Relaxed);
    });
    let now = app.state.clock.now();
    let cost = |count: usize| {
        let (db, statements) = (&db, &statements);
        async move {
            let before = statements.load(Ordering::Relaxed);
            let txn = db.begin().await.unwrap();
            let tags = (0..count).map(|_| uuid::Uuid::now_v7()).collect::<Vec<_>>();
            let changes = tags
                .iter()
                .map(|tag| changes::NewChange::of(ChangeKind::TagChanged, *tag));
            changes::append_all(&txn, changes, now).await.unwrap();
            txn.commit().await.unwrap();
            (statements.load(Ordering::Relaxed) - before, tags)
        }
    };
    let (one, _) = cost(1).await;
    let (five, tags) = cost(5).await;
    assert!(one > 0);
    assert_eq!(one, five, "five changes cost what one does");
    let seen: Vec<_> = recorded(&app).await.iter().map(|c| c.entity_id).collect();
    assert!(seen.ends_with(&tags), "appended in order: {seen:?}");
}
