//! The permission table on REST: reads are the public view whoever asks, comment
//! posting follows the account's standing, object-level checks hold, and fields a
//! client may not set are refused rather than applied.

use polisia_api::{
    domain::{ArticleStatus, CommentStatus, Role},
    entity::{comment, user},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};
use serde_json::{Value, json};

use crate::{
    fixtures::{self, NewArticle},
    helpers::{Account, RestResponse, TestApp},
};

/// Who asks: `None` is anonymous.
const ROLES: [Option<Role>; 6] = [
    None,
    Some(Role::Reader),
    Some(Role::Author),
    Some(Role::Editor),
    Some(Role::Moderator),
    Some(Role::Admin),
];

/// The service with flood control off, so one test may post many comments.
async fn spawn() -> TestApp {
    TestApp::spawn_with(|args| {
        args.comments.comment_flood_seconds = "0".into();
        args.comments.comment_hourly_cap = "0".into();
    })
    .await
}

async fn get_as(app: &TestApp, account: Option<&Account>, path: &str) -> RestResponse {
    let bearer = account.map(Account::bearer);
    let headers: Vec<_> = bearer
        .iter()
        .map(|b| ("authorization", b.as_str()))
        .collect();
    app.rest_get_with(path, &headers).await
}

async fn post_comment(
    app: &TestApp,
    account: Option<&Account>,
    article: &str,
    body: Value,
    key: Option<&str>,
) -> (u16, Value) {
    let bearer = account.map(Account::bearer);
    let bearer = bearer.iter().map(|b| ("authorization", b.as_str()));
    let headers: Vec<_> = bearer.chain(key.map(|k| ("idempotency-key", k))).collect();
    let path = format!("/api/v1/articles/{article}/comments");
    let response = app.rest_post_json_with(&path, &body, &headers).await;
    (
        response.status.as_u16(),
        response.body.unwrap_or(Value::Null),
    )
}

async fn comments(app: &TestApp) -> u64 {
    comment::Entity::find().count(app.conn()).await.unwrap()
}

#[tokio::test]
async fn rest_reads_are_the_public_view_whoever_asks() {
    let app = spawn().await;
    let published = NewArticle::published("Опубликовано", 60)
        .insert(app.conn())
        .await;
    let mut hidden = Vec::new();
    for (title, status, at) in [
        ("Черновик", ArticleStatus::Draft, None),
        ("На проверке", ArticleStatus::InReview, None),
        (
            "Запланировано",
            ArticleStatus::Published,
            Some(app.clock.now() + chrono::Duration::hours(3)),
        ),
        (
            "В архиве",
            ArticleStatus::Archived,
            Some(app.clock.now() - chrono::Duration::days(3)),
        ),
    ] {
        let article = NewArticle::published(title, 60)
            .status(status)
            .at(at)
            .insert(app.conn())
            .await;
        fixtures::comment(
            app.conn(),
            article.id,
            None,
            CommentStatus::Approved,
            "скрытый комментарий",
        )
        .await;
        hidden.push(article);
    }
    fixtures::comment(
        app.conn(),
        published.id,
        None,
        CommentStatus::Approved,
        "видимый комментарий",
    )
    .await;
    for (status, body) in [
        (CommentStatus::Pending, "ждущий"),
        (CommentStatus::Spam, "спам"),
        (CommentStatus::Rejected, "отклонённый"),
    ] {
        fixtures::comment(app.conn(), published.id, None, status, body).await;
    }

    for role in ROLES {
        let account = match role {
            Some(role) => Some(app.account(role).await),
            None => None,
        };
        let who = format!("{role:?}");
        let list = get_as(&app, account.as_ref(), "/api/v1/articles?limit=100").await;
        let list = list.text();
        assert!(list.contains(&published.id.to_string()), "{who}");
        for article in &hidden {
            assert!(
                !list.contains(&article.id.to_string()),
                "{who}: {}",
                article.title
            );
            for suffix in ["", "/comments", "/ninjs"] {
                for key in [article.id.to_string(), article.slug.clone()] {
                    let path = format!("/api/v1/articles/{key}{suffix}");
                    let response = get_as(&app, account.as_ref(), &path).await;
                    assert_eq!(response.status, 404, "{who}: {path}");
                }
            }
        }
        let thread = get_as(
            &app,
            account.as_ref(),
            &format!("/api/v1/articles/{}/comments", published.id),
        )
        .await;
        let thread = thread.text();
        assert!(thread.contains("видимый комментарий"), "{who}");
        for body in ["ждущий", "спам", "отклонённый"] {
            assert!(!thread.contains(body), "{who} sees a {body} comment");
        }
        let feed = get_as(&app, account.as_ref(), "/feeds/rss.xml").await;
        let feed = feed.text();
        assert!(feed.contains(&published.slug), "{who}");
        assert!(
            hidden.iter().all(|a| !feed.contains(&a.slug)),
            "{who}: the feed is public"
        );
    }
}

#[tokio::test]
async fn comment_posting_follows_the_account_standing() {
    let app = spawn().await;
    let article = NewArticle::published("Комментарии по ролям", 60)
        .insert(app.conn())
        .await;
    let body = |text: &str| json!({ "authorName": "Администратор", "authorEmail": "someone@example.com", "body": text });

    let (status, anonymous) = post_comment(&app, None, &article.slug, body("аноним"), None).await;
    assert_eq!(status, 201, "{anonymous}");
    assert_eq!(anonymous["status"], "PENDING");
    assert_eq!(anonymous["authorName"], "Администратор");

    for role in [
        Role::Reader,
        Role::Author,
        Role::Editor,
        Role::Moderator,
        Role::Admin,
    ] {
        let account = app.account(role).await;
        let (status, posted) = post_comment(
            &app,
            Some(&account),
            &article.slug,
            body("от аккаунта"),
            None,
        )
        .await;
        assert_eq!(status, 201, "{role:?}: {posted}");
        assert_eq!(
            posted["authorName"], "Test user",
            "{role:?} posts under the account's own name"
        );
        let saved = comment::Entity::find_by_id(
            uuid::Uuid::parse_str(posted["id"].as_str().unwrap()).unwrap(),
        )
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
        assert_eq!(
            saved.author_email,
            account.email.to_lowercase(),
            "{role:?}: the account's email, not the one in the body"
        );
        assert!(saved.user_id.is_some());
    }

    // Disabled after signing in: the token is still unexpired, but refused.
    let reader = app.account(Role::Reader).await;
    let stored = user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(reader.email.to_lowercase()))
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let mut disabled = stored.into_active_model();
    disabled.disabled = Set(true);
    disabled.update(app.conn()).await.unwrap();
    let before = comments(&app).await;
    let (status, refused) = post_comment(
        &app,
        Some(&reader),
        &article.slug,
        body("заблокирован"),
        None,
    )
    .await;
    assert_eq!(status, 401, "{refused}");
    assert_eq!(refused["code"], "UNAUTHENTICATED");
    assert_eq!(comments(&app).await, before);
}

#[tokio::test]
async fn fields_a_client_may_not_set_are_refused_in_a_rest_comment() {
    let app = spawn().await;
    let article = NewArticle::published("Лишние поля", 60)
        .insert(app.conn())
        .await;
    let other = NewArticle::published("Другая статья", 60)
        .insert(app.conn())
        .await;
    let reader = app.account(Role::Reader).await;
    let fields = [
        ("status", json!("APPROVED")),
        ("approved", json!(true)),
        ("userId", json!(uuid::Uuid::now_v7())),
        ("role", json!("ADMIN")),
        ("id", json!(uuid::Uuid::now_v7())),
        ("articleId", json!(other.id)),
        ("depth", json!(0)),
        ("createdAt", json!("2020-01-01T00:00:00Z")),
        ("clientIpHash", json!("x")),
    ];
    for account in [None, Some(&reader)] {
        for (field, value) in &fields {
            let mut body =
                json!({ "authorName": "A", "authorEmail": "a@example.com", "body": "текст" });
            body[*field] = value.clone();
            let (status, answer) = post_comment(&app, account, &article.slug, body, None).await;
            assert!(
                (400..500).contains(&status),
                "{field} as {:?}: {status} {answer}",
                account.map(|_| "reader")
            );
            assert_eq!(answer["code"], "BAD_USER_INPUT", "{field}");
            assert!(
                answer["detail"].as_str().unwrap().contains(field),
                "the refusal names {field}: {answer}"
            );
        }
    }
    assert_eq!(comments(&app).await, 0, "nothing was saved");
}

#[tokio::test]
async fn a_reply_reaches_only_a_visible_comment_of_the_same_article() {
    let app = spawn().await;
    let article = NewArticle::published("Ответы", 60).insert(app.conn()).await;
    let elsewhere = NewArticle::published("Чужая ветка", 60)
        .insert(app.conn())
        .await;
    let pending = fixtures::comment(
        app.conn(),
        article.id,
        None,
        CommentStatus::Pending,
        "чужой ждущий",
    )
    .await;
    let foreign = fixtures::comment(
        app.conn(),
        elsewhere.id,
        None,
        CommentStatus::Approved,
        "на другой статье",
    )
    .await;
    let before = comments(&app).await;
    for parent in [pending.id, foreign.id, uuid::Uuid::now_v7()] {
        let (status, answer) = post_comment(
            &app,
            None,
            &article.slug,
            json!({ "parentId": parent, "authorName": "A", "authorEmail": "a@example.com", "body": "ответ" }),
            None,
        )
        .await;
        assert_eq!(status, 400, "{answer}");
        assert_eq!(answer["errors"][0]["field"], "input.parentId");
    }
    assert_eq!(comments(&app).await, before);
}

#[tokio::test]
async fn an_idempotency_key_never_returns_someone_elses_comment() {
    let app = spawn().await;
    let article = NewArticle::published("Ключи повтора", 60)
        .insert(app.conn())
        .await;
    let secret = "мой ещё не одобренный текст";
    let (status, first) = post_comment(
        &app,
        None,
        &article.slug,
        json!({ "authorName": "Первый", "authorEmail": "first@example.com", "body": secret }),
        Some("retry-1"),
    )
    .await;
    assert_eq!(status, 201, "{first}");
    let (status, again) = post_comment(
        &app,
        None,
        &article.slug,
        json!({ "authorName": "Первый", "authorEmail": "first@example.com", "body": secret }),
        Some("retry-1"),
    )
    .await;
    assert_eq!((status, &again["id"]), (200, &first["id"]), "a retry");

    let reader = app.account(Role::Reader).await;
    for account in [None, Some(&reader)] {
        let (status, answer) = post_comment(
            &app,
            account,
            &article.slug,
            json!({ "authorName": "Другой", "authorEmail": "other@example.com", "body": "другое" }),
            Some("retry-1"),
        )
        .await;
        assert_eq!(status, 409, "{answer}");
        assert_eq!(answer["code"], "CONFLICT");
        let text = answer.to_string();
        assert!(!text.contains(secret) && !text.contains(first["id"].as_str().unwrap()));
    }
    assert_eq!(comments(&app).await, 1);
}
