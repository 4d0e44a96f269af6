//! The comment form as sites have it: name, email and the commenter's own site; a
//! honeypot under a configured name; signed-in users posting without name and email;
//! `commentsOpen` telling the truth; and browsers allowed to retry and to wait.

use chrono::Duration;
use polisia_api::{
    domain::{CommentStatus, Role},
    entity::{article, comment},
};
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::{
    comments::{encode, input},
    fixtures::NewArticle,
    helpers::{TestApp, data, error_code},
};

const ADD: &str = "mutation($i: AddCommentInput!) { addComment(input: $i) { comment { id status authorName website } } }";

fn comments_path(article: &article::Model) -> String {
    format!("/api/v1/articles/{}/comments", article.slug)
}

/// The status a comment was saved with, whatever its author was shown.
async fn stored(app: &TestApp, id: uuid::Uuid) -> comment::Model {
    comment::Entity::find_by_id(id)
        .one(app.conn())
        .await
        .unwrap()
        .expect("the comment is saved")
}

fn graphql_id(response: &Value) -> uuid::Uuid {
    let id = data(response)["addComment"]["comment"]["id"]
        .as_str()
        .unwrap();
    polisia_api::api::graphql::ids::decode(id).unwrap().1
}

/// Flood control allows one comment per address every 15 s: the next test step
/// comes later on the service's clock.
fn wait_out_flood(app: &TestApp) {
    app.clock.advance(Duration::seconds(16));
}

#[tokio::test]
async fn a_website_is_saved_and_shown_in_both_apis_and_is_no_spam_signal() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("Сайт читателя", 60)
        .insert(app.conn())
        .await;
    let editor = app.account(Role::Editor).await;

    let mut with_site = input(&article, "e@example.com", "Подробнее у меня в блоге");
    with_site["i"]["website"] = json!(" https://blog.example.kz/about ");
    let posted = app.graphql_as(&editor, ADD, with_site).await;
    let comment = &data(&posted)["addComment"]["comment"];
    assert_eq!(comment["website"], "https://blog.example.kz/about");
    assert_eq!(comment["status"], "APPROVED", "a site is no spam signal");

    wait_out_flood(&app);
    let rest = app
        .rest_post_json_with(
            &comments_path(&article),
            &json!({ "body": "И по REST", "website": "http://reader.example.kz" }),
            &[("authorization", &editor.bearer())],
        )
        .await;
    assert_eq!(rest.status, 201, "{:?}", rest.body);
    assert_eq!(rest.json()["website"], "http://reader.example.kz");
    assert_eq!(rest.json()["status"], "APPROVED");

    let view = app
        .graphql(
            "query($s: String!) { article(slug: $s) { comments { edges { node { website } } } } }",
            json!({ "s": article.slug }),
        )
        .await;
    let shown: Vec<&Value> = data(&view)["article"]["comments"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| &edge["node"]["website"])
        .collect();
    assert_eq!(
        shown,
        [
            &json!("https://blog.example.kz/about"),
            &json!("http://reader.example.kz")
        ]
    );
    let listed = app.rest_get(&comments_path(&article)).await;
    assert_eq!(
        listed.json()["items"][0]["website"],
        "https://blog.example.kz/about"
    );

    // An anonymous reader with a site waits for a moderator like any other, and is
    // not marked as spam for it.
    wait_out_flood(&app);
    let mut anonymous = input(&article, "anon@example.com", "Обычный комментарий");
    anonymous["i"]["website"] = json!("https://anon.example.kz");
    let response = app.graphql(ADD, anonymous).await;
    let saved = stored(&app, graphql_id(&response)).await;
    assert_eq!(saved.status, CommentStatus::Pending);
    assert_eq!(saved.website.as_deref(), Some("https://anon.example.kz"));
}

#[tokio::test]
async fn a_website_must_be_an_http_url_of_sane_length_naming_the_field() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("Неверный сайт", 60)
        .insert(app.conn())
        .await;
    let long = format!("https://example.kz/{}", "a".repeat(200));
    for bad in [
        "javascript:alert(1)",
        "ftp://files.example.kz",
        "blog.example.kz",
        &long,
    ] {
        let mut i = input(&article, "a@example.com", "Текст");
        i["i"]["website"] = json!(bad);
        let refused = app.graphql(ADD, i).await;
        assert_eq!(error_code(&refused), "BAD_USER_INPUT", "{bad}");
        assert_eq!(
            refused["errors"][0]["extensions"]["field"], "input.website",
            "{bad}"
        );

        let rest = app
            .rest_post_json(
                &comments_path(&article),
                &json!({ "authorName": "A", "authorEmail": "a@example.com", "body": "Текст", "website": bad }),
            )
            .await;
        assert_eq!(rest.status, 400, "{bad}");
        assert_eq!(rest.header("content-type"), "application/problem+json");
        assert_eq!(rest.json()["errors"][0]["field"], "input.website", "{bad}");
    }
}

#[tokio::test]
async fn the_honeypot_is_the_configured_field_and_marks_spam_silently() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("Ловушка", 60)
        .insert(app.conn())
        .await;
    let path = comments_path(&article);

    // REST: the default field, `phone`.
    let bot = app
        .rest_post_json(
            &path,
            &json!({ "authorName": "Bot", "authorEmail": "bot@example.com", "body": "Купите", "phone": "+7 700 000 0000" }),
        )
        .await;
    assert_eq!(bot.status, 201, "{:?}", bot.body);
    assert_eq!(bot.json()["status"], "PENDING", "silently");
    let id = bot.json()["id"].as_str().unwrap().parse().unwrap();
    assert_eq!(stored(&app, id).await.status, CommentStatus::Spam);

    // An empty trap is a person.
    wait_out_flood(&app);
    let person = app
        .rest_post_json(
            &path,
            &json!({ "authorName": "Person", "authorEmail": "p@example.com", "body": "Спасибо", "phone": "" }),
        )
        .await;
    let id = person.json()["id"].as_str().unwrap().parse().unwrap();
    assert_eq!(stored(&app, id).await.status, CommentStatus::Pending);

    // GraphQL: the front-end passes the trap's value as `honeypot`.
    wait_out_flood(&app);
    let mut caught = input(&article, "bot2@example.com", "Купите");
    caught["i"]["honeypot"] = json!("filled");
    let response = app.graphql(ADD, caught).await;
    assert_eq!(
        data(&response)["addComment"]["comment"]["status"],
        "PENDING"
    );
    assert_eq!(
        stored(&app, graphql_id(&response)).await.status,
        CommentStatus::Spam
    );

    // Another name, configured: that one is the trap, the default is just unknown.
    let renamed = TestApp::spawn_with(|args| {
        args.comments.comment_honeypot_field = "fax".into();
    })
    .await;
    let article = NewArticle::published("Другая ловушка", 60)
        .insert(renamed.conn())
        .await;
    let path = comments_path(&article);
    let bot = renamed
        .rest_post_json(
            &path,
            &json!({ "authorName": "Bot", "authorEmail": "bot@example.com", "body": "Купите", "fax": 12345 }),
        )
        .await;
    assert_eq!(bot.status, 201, "{:?}", bot.body);
    let id = bot.json()["id"].as_str().unwrap().parse().unwrap();
    assert_eq!(stored(&renamed, id).await.status, CommentStatus::Spam);
    renamed.clock.advance(Duration::seconds(16));
    let unknown = renamed
        .rest_post_json(
            &path,
            &json!({ "authorName": "A", "authorEmail": "a@example.com", "body": "x", "phone": "1" }),
        )
        .await;
    assert_eq!(unknown.status, 400);
    assert_eq!(unknown.json()["errors"][0]["field"], "phone");

    // Each service's OpenAPI document names its own trap among the body's fields, so
    // a client that checks bodies against the schema may send it.
    for (app, trap, other) in [(&app, "phone", "fax"), (&renamed, "fax", "phone")] {
        let document = app.rest_get("/openapi.json").await;
        let body = &document.json()["components"]["schemas"]["NewCommentBody"];
        assert_eq!(body["additionalProperties"], false);
        assert!(body["properties"][trap].is_object(), "{trap}: {body}");
        assert!(body["properties"][other].is_null(), "{other}: {body}");
    }
}

#[tokio::test]
async fn signed_in_users_need_not_send_a_name_and_email_but_anonymous_ones_must() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("Без имени", 60)
        .insert(app.conn())
        .await;
    let reader = app.account(Role::Reader).await;

    let posted = app
        .graphql_as(
            &reader,
            ADD,
            json!({ "i": { "articleId": encode("Article", article.id), "body": "Я вошёл" } }),
        )
        .await;
    assert_eq!(
        data(&posted)["addComment"]["comment"]["authorName"],
        "Test user",
        "the account's name"
    );
    let saved = stored(&app, graphql_id(&posted)).await;
    assert_eq!(saved.author_email, reader.email);

    wait_out_flood(&app);
    let rest = app
        .rest_post_json_with(
            &comments_path(&article),
            &json!({ "body": "И по REST" }),
            &[("authorization", &reader.bearer())],
        )
        .await;
    assert_eq!(rest.status, 201, "{:?}", rest.body);
    assert_eq!(rest.json()["authorName"], "Test user");

    for (missing, field) in [
        ("authorName", "input.authorName"),
        ("authorEmail", "input.authorEmail"),
    ] {
        let mut i = input(&article, "anon@example.com", "Аноним");
        i["i"].as_object_mut().unwrap().remove(missing);
        let refused = app.graphql(ADD, i).await;
        assert_eq!(error_code(&refused), "BAD_USER_INPUT", "{missing}");
        assert_eq!(refused["errors"][0]["extensions"]["field"], field);

        let mut body =
            json!({ "authorName": "A", "authorEmail": "anon@example.com", "body": "Аноним" });
        body.as_object_mut().unwrap().remove(missing);
        let rest = app.rest_post_json(&comments_path(&article), &body).await;
        assert_eq!(rest.status, 400, "{missing}");
        assert_eq!(rest.json()["errors"][0]["field"], field);
    }
}

#[tokio::test]
async fn comments_open_is_false_once_comments_have_closed_in_both_apis() {
    let app = TestApp::spawn().await;
    // Comments close 30 days after publication in the test configuration.
    let old = NewArticle::published("Старая новость", 60 * 24 * 40)
        .insert(app.conn())
        .await;
    let fresh = NewArticle::published("Свежая новость", 60 * 24 * 29)
        .insert(app.conn())
        .await;
    let open = |article: &article::Model| {
        let (app, slug) = (&app, article.slug.clone());
        async move {
            let graphql = app
                .graphql(
                    "query($s: String!) { article(slug: $s) { commentsOpen } }",
                    json!({ "s": slug }),
                )
                .await;
            let rest = app.rest_get(&format!("/api/v1/articles/{slug}")).await;
            (
                data(&graphql)["article"]["commentsOpen"].clone(),
                rest.json()["commentsOpen"].clone(),
            )
        }
    };
    assert_eq!(open(&old).await, (json!(false), json!(false)));
    let refused = app.graphql(ADD, input(&old, "a@example.com", "x")).await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "posting agrees");

    assert_eq!(open(&fresh).await, (json!(true), json!(true)));
    // Two days on, the fresh one has closed too.
    app.clock.advance(Duration::days(2));
    assert_eq!(open(&fresh).await, (json!(false), json!(false)));
    let refused = app.graphql(ADD, input(&fresh, "a@example.com", "x")).await;
    assert_eq!(error_code(&refused), "FORBIDDEN");
}

#[tokio::test]
async fn browsers_may_send_an_idempotency_key_and_read_retry_after() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("CORS", 60).insert(app.conn()).await;
    let path = comments_path(&article);
    let origin = "https://front.example.kz";

    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, app.url(&path))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type,idempotency-key",
        )
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    let allowed = preflight.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(allowed.contains("idempotency-key"), "{allowed}");

    let body = json!({ "authorName": "A", "authorEmail": "a@example.com", "body": "раз" });
    let headers = [("origin", origin), ("idempotency-key", "cors-1")];
    let first = app.rest_post_json_with(&path, &body, &headers).await;
    assert_eq!(first.status, 201);
    let body = json!({ "authorName": "B", "authorEmail": "b@example.com", "body": "два" });
    let limited = app
        .rest_post_json_with(&path, &body, &[("origin", origin)])
        .await;
    assert_eq!(limited.status, 429);
    let exposed = limited
        .header("access-control-expose-headers")
        .to_lowercase();
    assert!(exposed.contains("retry-after"), "{exposed}");
    assert_eq!(limited.header("access-control-allow-origin"), origin);
}
