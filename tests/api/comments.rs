//! Reader comments: posting, visibility, threads, moderation, defences, privacy and
//! live updates.

use chrono::Duration;
use polisia_api::{
    domain::{CommentStatus, Role},
    entity::{article, comment},
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde_json::{Value, json};

use crate::{
    fixtures::{self, NewArticle},
    helpers::{Subscription, TestApp, data, error_code},
};

pub(crate) const ADD: &str = "mutation($i: AddCommentInput!) { addComment(input: $i) { comment { id status body authorName depth parent { id } } } }";

pub(crate) fn encode(kind: &str, id: uuid::Uuid) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{kind}:{id}"))
}

pub(crate) fn input(article: &article::Model, email: &str, body: &str) -> Value {
    json!({ "i": { "articleId": encode("Article", article.id), "authorName": "Айгерим", "authorEmail": email, "body": body } })
}

async fn public_view(app: &TestApp, article: &article::Model) -> Value {
    let response = app
        .graphql(
            "query($s: String!) { article(slug: $s) { commentCount comments { totalCount edges { node { id body } } } } }",
            json!({ "s": article.slug }),
        )
        .await;
    data(&response)["article"].clone()
}

#[tokio::test]
async fn an_anonymous_comment_waits_and_is_invisible_until_approved() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("Новость", 60)
        .insert(app.conn())
        .await;
    let posted = app
        .graphql(
            ADD,
            input(&article, "reader@example.com", "Спасибо за работу"),
        )
        .await;
    let comment = &data(&posted)["addComment"]["comment"];
    assert_eq!(comment["status"], "PENDING");
    let id = comment["id"].as_str().unwrap().to_owned();

    let view = public_view(&app, &article).await;
    assert_eq!(view["commentCount"], 0);
    assert_eq!(view["comments"]["totalCount"], 0);
    let node = app
        .graphql(
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert!(data(&node)["node"].is_null());

    let moderator = app.account(Role::Moderator).await;
    let queue = app
        .graphql_as(
            &moderator,
            "{ moderationQueue { totalCount edges { node { id authorEmail } } } }",
            json!({}),
        )
        .await;
    assert_eq!(data(&queue)["moderationQueue"]["totalCount"], 1);
    assert_eq!(
        data(&queue)["moderationQueue"]["edges"][0]["node"]["authorEmail"],
        "reader@example.com"
    );
    let approved = app.graphql_as(&moderator, "mutation($id: ID!) { moderateComment(id: $id, status: APPROVED) { comment { status } } }", json!({ "id": id })).await;
    assert_eq!(
        data(&approved)["moderateComment"]["comment"]["status"],
        "APPROVED"
    );

    let view = public_view(&app, &article).await;
    assert_eq!(view["commentCount"], 1);
    assert_eq!(view["comments"]["edges"][0]["node"]["id"], id.as_str());
}

#[tokio::test]
async fn replies_nest_to_a_fixed_depth_and_deeper_ones_attach_beside() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("Тред", 60).insert(app.conn()).await;
    let mut parent =
        fixtures::comment(app.conn(), article.id, None, CommentStatus::Approved, "0").await;
    for depth in 1..=3 {
        parent = fixtures::comment(
            app.conn(),
            article.id,
            Some(&parent),
            CommentStatus::Approved,
            &depth.to_string(),
        )
        .await;
    }
    let editor = app.account(Role::Editor).await;
    let mut reply = input(&article, "x@example.com", "глубже");
    reply["i"]["parentId"] = json!(encode("Comment", parent.id));
    let posted = app.graphql_as(&editor, ADD, reply).await;
    let comment = &data(&posted)["addComment"]["comment"];
    assert_eq!(comment["depth"], 3, "no deeper than the limit");
    assert_eq!(
        comment["parent"]["id"],
        encode("Comment", parent.parent_id.unwrap())
    );
    assert_eq!(comment["status"], "APPROVED", "staff are approved at once");

    let other = NewArticle::published("Другая", 50).insert(app.conn()).await;
    let mut wrong = input(&other, "y@example.com", "не туда");
    wrong["i"]["parentId"] = json!(encode("Comment", parent.id));
    let refused = app.graphql(ADD, wrong).await;
    assert_eq!(error_code(&refused), "BAD_USER_INPUT");
    assert_eq!(
        refused["errors"][0]["extensions"]["field"],
        "input.parentId"
    );
}

#[tokio::test]
async fn closed_old_and_unpublished_articles_refuse_comments() {
    let app = TestApp::spawn().await;
    let db = app.conn();
    let closed = NewArticle::published("Закрыто", 60).insert(db).await;
    let mut model: article::ActiveModel = closed.clone().into();
    model.comments_open = Set(false);
    model.update(db).await.unwrap();
    assert_eq!(
        error_code(&app.graphql(ADD, input(&closed, "a@example.com", "x")).await),
        "FORBIDDEN"
    );
    let old = NewArticle::published("Давно", 60 * 24 * 40)
        .insert(db)
        .await;
    assert_eq!(
        error_code(&app.graphql(ADD, input(&old, "b@example.com", "x")).await),
        "FORBIDDEN"
    );
    // Thirty days after publication, comments close by themselves.
    let recent = NewArticle::published("Вчера", 60 * 24).insert(db).await;
    let open = app.graphql(ADD, input(&recent, "d@example.com", "x")).await;
    assert!(open.get("errors").is_none(), "{open}");
    app.clock.advance(Duration::days(29) + Duration::seconds(1));
    assert_eq!(
        error_code(&app.graphql(ADD, input(&recent, "e@example.com", "x")).await),
        "FORBIDDEN"
    );
    let draft = NewArticle::published("Черновик", 1)
        .status(polisia_api::domain::ArticleStatus::Draft)
        .at(None)
        .insert(db)
        .await;
    assert_eq!(
        error_code(&app.graphql(ADD, input(&draft, "c@example.com", "x")).await),
        "NOT_FOUND"
    );
}

#[tokio::test]
async fn flood_control_and_the_hourly_cap_answer_rate_limited() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("Флуд", 60).insert(app.conn()).await;
    assert!(
        app.graphql(ADD, input(&article, "first@example.com", "раз"))
            .await
            .get("errors")
            .is_none()
    );
    let again = app
        .graphql(ADD, input(&article, "second@example.com", "два"))
        .await;
    assert_eq!(
        error_code(&again),
        "RATE_LIMITED",
        "same address within 15 s"
    );
    assert!(
        again["errors"][0]["extensions"]["retryAfter"]
            .as_u64()
            .unwrap()
            <= 15
    );

    // Twenty comments from this address earlier in the hour use up its cap.
    let hash = polisia_api::auth::login::client_hash(
        "127.0.0.1".parse().unwrap(),
        &app.state.config.address_hash_key(),
    );
    let other = NewArticle::published("Лимит", 60).insert(app.conn()).await;
    crate::fixtures::earlier_comments(&app, &other, &hash, 20).await;
    // Past the flood window, only the cap stands in the way.
    app.clock.advance(Duration::seconds(16));
    let capped = app
        .graphql(ADD, input(&other, "third@example.com", "три"))
        .await;
    assert_eq!(error_code(&capped), "RATE_LIMITED", "{capped}");
}

#[tokio::test]
async fn flood_control_and_the_cap_can_be_switched_off() {
    let db = crate::helpers::TestDb::fresh().await;
    let mut args = crate::helpers::config_args(Some(db.url()), std::path::PathBuf::from("unused"));
    args.comments.comment_flood_seconds = "0".into();
    args.comments.comment_hourly_cap = "0".into();
    let config = polisia_api::config::Config::from_args(&args).unwrap();
    let clock = polisia_api::domain::time::Clock::manual(fixtures::start());
    let state = polisia_api::startup::prepare(config, true, clock)
        .await
        .unwrap();
    let app = TestApp::serve(state, db).await;
    let article = NewArticle::published("Без лимита", 60)
        .insert(app.conn())
        .await;
    for i in 0..25 {
        let email = format!("reader{i}@example.com");
        let posted = app.graphql(ADD, input(&article, &email, "ещё")).await;
        assert!(posted.get("errors").is_none(), "comment {i}: {posted}");
    }
}

#[tokio::test]
async fn links_words_and_the_honeypot_decide_the_status() {
    let db = crate::helpers::TestDb::fresh().await;
    let mut args = crate::helpers::config_args(Some(db.url()), std::path::PathBuf::from("unused"));
    args.comments.comment_spam_words = "казино".into();
    args.comments.comment_hold_words = "проверьте".into();
    let config = polisia_api::config::Config::from_args(&args).unwrap();
    let clock = polisia_api::domain::time::Clock::manual(fixtures::start());
    let state = polisia_api::startup::prepare(config, true, clock)
        .await
        .unwrap();
    let app = TestApp::serve(state, db).await;
    let editor = app.account(Role::Editor).await;
    let article = NewArticle::published("Статусы", 60)
        .insert(app.conn())
        .await;
    let post = |body: &'static str, extra: Value| {
        let (app, editor, article) = (&app, &editor, &article);
        async move {
            let mut i = input(article, "e@example.com", body);
            if let Value::Object(extra) = extra {
                for (k, v) in extra {
                    i["i"][k] = v;
                }
            }
            let response = app.graphql_as(editor, ADD, i).await;
            let id = data(&response)["addComment"]["comment"]["id"]
                .as_str()
                .unwrap()
                .to_owned();
            let shown = data(&response)["addComment"]["comment"]["status"]
                .as_str()
                .unwrap()
                .to_owned();
            let stored = polisia_api::api::graphql::ids::decode(&id).unwrap().1;
            let stored = comment::Entity::find_by_id(stored)
                .one(app.conn())
                .await
                .unwrap()
                .unwrap()
                .status;
            (shown, stored)
        }
    };
    // Flood control would stop a second post within 15 s; each case waits it out by
    // moving the service's clock on.
    let wait_out = || app.clock.advance(Duration::seconds(16));
    assert_eq!(
        post("см. https://a.kz и https://b.kz", json!({})).await.1,
        CommentStatus::Pending,
        "two links are held even for staff"
    );
    wait_out();
    assert_eq!(
        post("Проверьте это", json!({})).await.1,
        CommentStatus::Pending
    );
    wait_out();
    assert_eq!(
        post("Лучшее КАЗИНО", json!({})).await.1,
        CommentStatus::Spam
    );
    wait_out();
    let mut bot = input(&article, "bot@example.com", "Обычный текст");
    bot["i"]["honeypot"] = json!("http://bot.example");
    let response = app.graphql(ADD, bot).await;
    assert_eq!(
        data(&response)["addComment"]["comment"]["status"],
        "PENDING",
        "silently"
    );
    let id = data(&response)["addComment"]["comment"]["id"]
        .as_str()
        .unwrap();
    let stored = polisia_api::api::graphql::ids::decode(id).unwrap().1;
    let stored = comment::Entity::find_by_id(stored)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap()
        .status;
    assert_eq!(stored, CommentStatus::Spam, "the honeypot marks bots");
}

#[tokio::test]
async fn lengths_are_bounded_naming_the_field() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("Длина", 60).insert(app.conn()).await;
    for (field, value) in [
        ("authorName", "я".repeat(101)),
        ("authorEmail", "not-an-email".into()),
        ("body", "я".repeat(5001)),
        ("body", "   ".into()),
    ] {
        let mut i = input(&article, "ok@example.com", "ok");
        i["i"][field] = json!(value);
        let response = app.graphql(ADD, i).await;
        assert_eq!(error_code(&response), "BAD_USER_INPUT", "{field}");
        assert_eq!(
            response["errors"][0]["extensions"]["field"],
            format!("input.{field}")
        );
    }
}

#[tokio::test]
async fn emails_and_addresses_never_reach_the_public_and_hostile_text_stays_text() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("Приватность", 60)
        .insert(app.conn())
        .await;
    let hostile = "<script>alert(1)</script><img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">x</a> \u{202E}txt.exe";
    let posted = app
        .graphql(ADD, input(&article, "Secret.Person@example.com", hostile))
        .await;
    let id = data(&posted)["addComment"]["comment"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let moderator = app.account(Role::Moderator).await;
    app.graphql_as(
        &moderator,
        "mutation($id: ID!) { moderateComment(id: $id, status: APPROVED) { comment { id } } }",
        json!({ "id": id }),
    )
    .await;
    let raw = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": "query($s: String!) { article(slug: $s) { comments { edges { node { body authorName authorEmail } } } } }", "variables": { "s": article.slug } }))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !raw.to_lowercase().contains("secret.person@example.com"),
        "{raw}"
    );
    assert!(!raw.contains("127.0.0.1"));
    let body: Value = serde_json::from_str(&raw).unwrap();
    let node = &body["data"]["article"]["comments"]["edges"][0]["node"];
    assert_eq!(
        node["body"], hostile,
        "stored and returned exactly as typed, as text"
    );
    assert!(node["authorEmail"].is_null());
}

#[tokio::test]
async fn readers_cannot_moderate_nor_touch_others_comments_nor_set_a_status() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("Права", 60).insert(app.conn()).await;
    let a = app.account(Role::Reader).await;
    let b = app.account(Role::Reader).await;
    let posted = app
        .graphql_as(
            &a,
            ADD,
            input(&article, "ignored@example.com", "мой комментарий"),
        )
        .await;
    let id = data(&posted)["addComment"]["comment"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        data(&posted)["addComment"]["comment"]["authorName"],
        "Test user",
        "signed-in readers post as themselves"
    );

    let moderate = app
        .graphql_as(
            &b,
            "mutation($id: ID!) { moderateComment(id: $id, status: APPROVED) { comment { id } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(error_code(&moderate), "FORBIDDEN");
    let edit = app
        .graphql_as(
            &b,
            "mutation($id: ID!) { updateComment(id: $id, body: \"чужое\") { comment { id } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(error_code(&edit), "FORBIDDEN");
    let delete = app
        .graphql_as(
            &b,
            "mutation($id: ID!) { deleteComment(id: $id) { deletedId } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(error_code(&delete), "FORBIDDEN");
    let own_edit = app.graphql_as(&a, "mutation($id: ID!) { updateComment(id: $id, body: \"исправлено\") { comment { body } } }", json!({ "id": id })).await;
    assert_eq!(
        data(&own_edit)["updateComment"]["comment"]["body"],
        "исправлено"
    );
    // Fifteen minutes after posting, the comment is no longer the author's to change.
    app.clock
        .advance(Duration::minutes(15) + Duration::seconds(1));
    let late_edit = app
        .graphql_as(
            &a,
            "mutation($id: ID!) { updateComment(id: $id, body: \"поздно\") { comment { body } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(error_code(&late_edit), "FORBIDDEN");
    let late_delete = app
        .graphql_as(
            &a,
            "mutation($id: ID!) { deleteComment(id: $id) { deletedId } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(error_code(&late_delete), "FORBIDDEN");

    let mut sneaky = input(&article, "s@example.com", "x");
    sneaky["i"]["status"] = json!("APPROVED");
    let refused = app.graphql(ADD, sneaky).await;
    assert_eq!(
        error_code(&refused),
        "BAD_USER_INPUT",
        "unknown input fields are refused"
    );
}

#[tokio::test]
async fn a_reader_with_an_approved_comment_is_approved_at_once_and_retries_are_safe() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("Доверие", 60)
        .insert(app.conn())
        .await;
    let reader = app.account(Role::Reader).await;
    let first = app
        .graphql_as(&reader, ADD, input(&article, "r@example.com", "первый"))
        .await;
    assert_eq!(data(&first)["addComment"]["comment"]["status"], "PENDING");
    let id = data(&first)["addComment"]["comment"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let moderator = app.account(Role::Moderator).await;
    app.graphql_as(
        &moderator,
        "mutation($id: ID!) { moderateComment(id: $id, status: APPROVED) { comment { id } } }",
        json!({ "id": id }),
    )
    .await;
    // Past the flood window.
    app.clock.advance(Duration::seconds(16));
    let mut second = input(&article, "r@example.com", "второй");
    second["i"]["idempotencyKey"] = json!("retry-1");
    let posted = app.graphql_as(&reader, ADD, second.clone()).await;
    assert_eq!(data(&posted)["addComment"]["comment"]["status"], "APPROVED");
    let retried = app.graphql_as(&reader, ADD, second).await;
    assert_eq!(
        data(&retried)["addComment"]["comment"]["id"],
        data(&posted)["addComment"]["comment"]["id"],
        "the same comment, once"
    );
}

#[tokio::test]
async fn a_subscriber_hears_of_a_comment_when_it_is_approved_and_not_before() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("Живые", 60).insert(app.conn()).await;
    let mut subscription = Subscription::open(
        &app,
        "subscription($a: ID!) { commentAdded(articleId: $a) { body } }",
        json!({ "a": encode("Article", article.id) }),
    )
    .await;

    let posted = app
        .graphql(
            ADD,
            input(&article, "live@example.com", "живой комментарий"),
        )
        .await;
    let id = data(&posted)["addComment"]["comment"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let early = subscription
        .next_within(std::time::Duration::from_millis(500))
        .await;
    assert!(early.is_none(), "nothing while pending: {early:?}");

    let moderator = app.account(Role::Moderator).await;
    app.graphql_as(
        &moderator,
        "mutation($id: ID!) { moderateComment(id: $id, status: APPROVED) { comment { id } } }",
        json!({ "id": id }),
    )
    .await;
    let event = subscription
        .next_within(std::time::Duration::from_secs(5))
        .await
        .expect("an event on approval");
    assert_eq!(event["commentAdded"]["body"], "живой комментарий");
}
