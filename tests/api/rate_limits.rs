//! API keys and requests per minute: an administrator issues a partner a key with its
//! own quota; a request over its client's quota (its key's, or its address's without
//! one) is refused with 429, `Retry-After` and the `RateLimit` fields, over GraphQL,
//! REST and the feeds alike; a revoked key is refused on every instance.

use std::time::Duration as Wait;

use chrono::Duration;
use polisia_api::{bus, domain::Role, entity::api_key, store::changes};
use reqwest::Method;
use sea_orm::EntityTrait;
use serde_json::json;

use crate::{
    fixtures::NewArticle,
    helpers::{Account, RestResponse, Sibling, TestApp, data, error_code},
};

const CREATE: &str = "mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { id name prefix requestsPerMinute createdAt revokedAt } } }";
const LIST: &str = "{ apiKeys { id name prefix requestsPerMinute revokedAt } }";
const REVOKE: &str = "mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { revokedAt } } }";
const LATEST: &str = "{ articles(first: 1) { edges { node { title } } } }";

/// An issued key: the key itself and its global id.
struct Key {
    key: String,
    id: String,
}

async fn create_key(app: &TestApp, admin: &Account, name: &str, per_minute: i32) -> Key {
    let input = json!({ "i": { "name": name, "requestsPerMinute": per_minute } });
    let answer = app.graphql_as(admin, CREATE, input).await;
    let created = &data(&answer)["createApiKey"];
    Key {
        key: created["key"].as_str().unwrap().to_owned(),
        id: created["apiKey"]["id"].as_str().unwrap().to_owned(),
    }
}

/// GETs `path` presenting `headers`.
async fn get(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> RestResponse {
    app.rest_get_with(path, headers).await
}

/// Posts [`LATEST`] to `/graphql` with `headers`, whatever the status.
async fn graphql(app: &TestApp, headers: &[(&str, &str)]) -> RestResponse {
    let mut all = vec![("content-type", "application/json")];
    all.extend_from_slice(headers);
    let body = json!({ "query": LATEST }).to_string();
    app.graphql_http(Method::POST, "", &all, body).await
}

/// The `RateLimit` field of an answer.
fn remaining(answer: &RestResponse) -> &str {
    answer.header("ratelimit")
}

/// Checks a 429 in problem+json with its fields.
fn assert_problem_429(answer: &RestResponse, policy: &str) {
    assert_eq!(answer.status, 429, "{}", answer.text());
    assert_eq!(answer.header("content-type"), "application/problem+json");
    assert_eq!(answer.json()["code"], "RATE_LIMITED");
    let wait: u64 = answer.header("retry-after").parse().unwrap();
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
    assert_eq!(answer.header("ratelimit-policy"), policy);
    assert!(remaining(answer).contains(";r=0;"), "{}", remaining(answer));
}

#[tokio::test]
async fn an_admin_issues_a_key_shown_once_and_never_again() {
    let app = TestApp::spawn().await;
    let admin = app.account(Role::Admin).await;
    let key = create_key(&app, &admin, "  Агрегатор новостей ", 120).await;
    assert!(
        key.key.starts_with("pk_") && key.key.len() == 46,
        "{}",
        key.key
    );

    let listed = app.graphql_as(&admin, LIST, json!({})).await;
    let keys = &data(&listed)["apiKeys"];
    assert_eq!(
        keys,
        &json!([{ "id": key.id, "name": "Агрегатор новостей", "prefix": &key.key[..11], "requestsPerMinute": 120, "revokedAt": null }])
    );
    assert!(!listed.to_string().contains(&key.key));
    // The database keeps a hash, never the key.
    let rows = api_key::Entity::find().all(app.conn()).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert!(!format!("{rows:?}").contains(&key.key[11..]));

    // Only administrators.
    let editor = app.account(Role::Editor).await;
    let input = json!({ "i": { "name": "x", "requestsPerMinute": 5 } });
    let refused = app.graphql_as(&editor, CREATE, input.clone()).await;
    assert_eq!(error_code(&refused), "FORBIDDEN");
    assert_eq!(
        error_code(&app.graphql(CREATE, input).await),
        "UNAUTHENTICATED"
    );
    let refused = app.graphql_as(&editor, LIST, json!({})).await;
    assert_eq!(error_code(&refused), "FORBIDDEN");
    let refused = app
        .graphql_as(&editor, REVOKE, json!({ "id": key.id }))
        .await;
    assert_eq!(error_code(&refused), "FORBIDDEN");

    // A name, and a quota within bounds.
    for (name, per_minute, field) in [
        (" ", 5, "input.name"),
        ("Партнёр", 0, "input.requestsPerMinute"),
        ("Партнёр", 60_001, "input.requestsPerMinute"),
    ] {
        let input = json!({ "i": { "name": name, "requestsPerMinute": per_minute } });
        let refused = app.graphql_as(&admin, CREATE, input).await;
        assert_eq!(error_code(&refused), "BAD_USER_INPUT");
        assert_eq!(refused["errors"][0]["extensions"]["field"], field);
    }
}

#[tokio::test]
async fn a_key_s_requests_are_counted_against_its_quota_everywhere() {
    let app = TestApp::spawn().await;
    NewArticle::published("Рейд", 5).insert(app.conn()).await;
    let admin = app.account(Role::Admin).await;
    let partner = create_key(&app, &admin, "Партнёр", 3).await;
    let other = create_key(&app, &admin, "Другой партнёр", 3).await;
    let by_header = [("x-api-key", partner.key.as_str())];
    let bearer_key = format!("ApiKey {}", partner.key);
    let by_scheme = [("authorization", bearer_key.as_str())];

    // Three a minute: one through each door, each answer telling what is left.
    let first = get(&app, "/api/v1/articles", &by_header).await;
    assert_eq!(first.status, 200);
    assert_eq!(first.header("ratelimit-policy"), "\"key\";q=3;w=60");
    assert_eq!(remaining(&first), "\"key\";r=2;t=20");
    let second = graphql(&app, &by_scheme).await;
    assert_eq!(second.status, 200);
    assert_eq!(
        data(second.json())["articles"]["edges"][0]["node"]["title"],
        "Рейд"
    );
    assert_eq!(remaining(&second), "\"key\";r=1;t=40");
    let third = get(&app, "/feeds/rss.xml", &by_header).await;
    assert_eq!(third.status, 200);
    assert_eq!(remaining(&third), "\"key\";r=0;t=60");

    // The fourth is refused, in each protocol's shape.
    let policy = "\"key\";q=3;w=60";
    let refused = get(&app, "/api/v1/articles", &by_header).await;
    assert_problem_429(&refused, policy);
    assert_eq!(refused.header("retry-after"), "20");
    assert_problem_429(&get(&app, "/feeds/rss.xml", &by_header).await, policy);
    let refused = graphql(&app, &by_scheme).await;
    assert_eq!(refused.status, 429);
    assert_eq!(error_code(refused.json()), "RATE_LIMITED");
    assert!(refused.json().get("data").is_none());
    assert_eq!(refused.header("retry-after"), "20");
    assert_eq!(refused.header("ratelimit-policy"), policy);

    // Another partner and an anonymous reader are unaffected.
    let theirs = get(&app, "/api/v1/articles", &[("x-api-key", &other.key)]).await;
    assert_eq!(theirs.status, 200);
    assert_eq!(remaining(&theirs), "\"key\";r=2;t=20");
    assert_eq!(get(&app, "/api/v1/articles", &[]).await.status, 200);

    // A refusal is counted for the operators.
    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(
        metrics.contains("rate_limited_requests_total{kind=\"key\"}"),
        "{metrics}"
    );

    // The quota comes back with the minute.
    app.clock.advance(Duration::seconds(20));
    let one_more = get(&app, "/api/v1/articles", &by_header).await;
    assert_eq!(one_more.status, 200);
    assert_eq!(remaining(&one_more), "\"key\";r=0;t=60");
    app.clock.advance(Duration::minutes(1));
    let back = graphql(&app, &by_scheme).await;
    assert_eq!(back.status, 200);
    assert_eq!(remaining(&back), "\"key\";r=2;t=20");
}

#[tokio::test]
async fn an_unknown_or_revoked_key_is_refused_naming_its_header() {
    let app = TestApp::spawn().await;
    let admin = app.account(Role::Admin).await;
    let made_up = format!("pk_{}", "A".repeat(43));
    for key in [made_up.as_str(), "not a key", ""] {
        let refused = get(&app, "/api/v1/articles", &[("x-api-key", key)]).await;
        assert_eq!(refused.status, 401, "{key}");
        assert_eq!(refused.header("content-type"), "application/problem+json");
        assert_eq!(refused.json()["code"], "UNAUTHENTICATED");
        assert_eq!(refused.json()["errors"][0]["field"], "X-Api-Key");
    }
    let scheme = format!("ApiKey {made_up}");
    let refused = graphql(&app, &[("authorization", &scheme)]).await;
    assert_eq!(refused.status, 401);
    assert_eq!(error_code(refused.json()), "UNAUTHENTICATED");
    assert_eq!(
        refused.json()["errors"][0]["extensions"]["field"],
        "Authorization"
    );

    let key = create_key(&app, &admin, "Бывший партнёр", 100).await;
    let with_key = [("x-api-key", key.key.as_str())];
    assert_eq!(get(&app, "/api/v1/articles", &with_key).await.status, 200);
    let revoked = app
        .graphql_as(&admin, REVOKE, json!({ "id": key.id }))
        .await;
    let at = data(&revoked)["revokeApiKey"]["apiKey"]["revokedAt"].clone();
    assert!(at.is_string());
    let refused = get(&app, "/api/v1/articles", &with_key).await;
    assert_eq!(refused.status, 401);
    assert_eq!(refused.json()["errors"][0]["field"], "X-Api-Key");
    // Revoking again changes nothing.
    let again = app
        .graphql_as(&admin, REVOKE, json!({ "id": key.id }))
        .await;
    assert_eq!(data(&again)["revokeApiKey"]["apiKey"]["revokedAt"], at);
    let listed = app.graphql_as(&admin, LIST, json!({})).await;
    assert_eq!(data(&listed)["apiKeys"][0]["revokedAt"], at);
}

/// Lets `sibling` read every change recorded through `app` (see `change_bus`).
async fn tell(app: &TestApp, sibling: &Sibling) {
    let newest = changes::newest(app.conn()).await.unwrap();
    if !app.database_url().starts_with("postgres") {
        app.clock.advance(bus::SAFETY_POLL);
    }
    tokio::time::timeout(Wait::from_secs(1), sibling.state.bus.reached(newest))
        .await
        .expect("the other instance reads the change within a second");
}

#[tokio::test]
async fn a_key_revoked_through_one_instance_is_refused_by_another() {
    let app = TestApp::spawn().await;
    let sibling = app.sibling(|_| {}).await;
    let admin = app.account(Role::Admin).await;
    let key = create_key(&app, &admin, "Партнёр", 100).await;
    let on_sibling = || {
        app.client
            .get(sibling.url("/api/v1/articles"))
            .header("x-api-key", &key.key)
            .send()
    };
    // The sibling knows the key now, from memory from here on.
    assert_eq!(on_sibling().await.unwrap().status(), 200);
    assert_eq!(on_sibling().await.unwrap().status(), 200);

    let revoked = app
        .graphql_as(&admin, REVOKE, json!({ "id": key.id }))
        .await;
    data(&revoked);
    tell(&app, &sibling).await;
    assert_eq!(on_sibling().await.unwrap().status(), 401);
}

/// The service behind a proxy on the tests' machine, `per_minute` anonymous
/// requests per address, answers kept `micro_cache_ms`.
async fn limited(per_minute: &str, micro_cache_ms: &str) -> TestApp {
    TestApp::spawn_with(|args| {
        args.trusted_proxies = "127.0.0.1".into();
        args.rate_limits.anon_requests_per_minute = per_minute.into();
        args.micro_cache_ms = micro_cache_ms.into();
    })
    .await
}

#[tokio::test]
async fn anonymous_requests_are_counted_per_address() {
    let app = limited("3", "0").await;
    let editor = app.account(Role::Editor).await;
    let reader = app.account(Role::Reader).await;
    let from = |ip: &'static str| [("x-forwarded-for", ip)];

    let first = get(&app, "/api/v1/articles", &from("203.0.113.7")).await;
    assert_eq!(first.status, 200);
    assert_eq!(first.header("ratelimit-policy"), "\"anonymous\";q=3;w=60");
    assert_eq!(remaining(&first), "\"anonymous\";r=2;t=20");
    assert_eq!(graphql(&app, &from("203.0.113.7")).await.status, 200);
    assert_eq!(
        get(&app, "/feeds/atom.xml", &from("203.0.113.7"))
            .await
            .status,
        200
    );
    let policy = "\"anonymous\";q=3;w=60";
    assert_problem_429(
        &get(&app, "/api/v1/articles", &from("203.0.113.7")).await,
        policy,
    );
    let refused = graphql(&app, &from("203.0.113.7")).await;
    assert_eq!(refused.status, 429);
    assert_eq!(error_code(refused.json()), "RATE_LIMITED");

    // Another address is unaffected; so is staff at the same one, uncounted. A
    // reader's token is anyone's: counted with the address.
    assert_eq!(
        get(&app, "/api/v1/articles", &from("198.51.100.1"))
            .await
            .status,
        200
    );
    let bearer = editor.bearer();
    let staff = get(
        &app,
        "/api/v1/articles",
        &[
            ("x-forwarded-for", "203.0.113.7"),
            ("authorization", &bearer),
        ],
    )
    .await;
    assert_eq!(staff.status, 200);
    assert!(staff.headers.get("ratelimit").is_none());
    let bearer = reader.bearer();
    let reader = get(
        &app,
        "/api/v1/articles",
        &[
            ("x-forwarded-for", "203.0.113.7"),
            ("authorization", &bearer),
        ],
    )
    .await;
    assert_eq!(reader.status, 429);

    // A browser may read the fields.
    let cross = get(
        &app,
        "/api/v1/articles",
        &[
            ("x-forwarded-for", "192.0.2.1"),
            ("origin", "https://front.example.kz"),
        ],
    )
    .await;
    // A refusal too, though it leaves before the CORS layer; a preflight is not
    // counted.
    let refused = get(
        &app,
        "/api/v1/articles",
        &[
            ("x-forwarded-for", "203.0.113.7"),
            ("origin", "https://front.example.kz"),
        ],
    )
    .await;
    assert_eq!(refused.status, 429);
    for answer in [&cross, &refused] {
        assert_eq!(
            answer.header("access-control-allow-origin"),
            "https://front.example.kz"
        );
        let exposed = answer
            .header("access-control-expose-headers")
            .to_ascii_lowercase();
        for field in ["retry-after", "ratelimit-policy", "ratelimit"] {
            assert!(exposed.split(',').any(|h| h.trim() == field), "{exposed}");
        }
    }
    let preflight = app
        .rest(
            Method::OPTIONS,
            "/api/v1/articles",
            &[
                ("x-forwarded-for", "203.0.113.7"),
                ("origin", "https://front.example.kz"),
                ("access-control-request-method", "GET"),
                ("access-control-request-headers", "x-api-key"),
            ],
            None,
        )
        .await;
    assert!(preflight.status.is_success(), "{}", preflight.status);
    assert!(preflight.headers.get("ratelimit").is_none());

    app.clock.advance(Duration::minutes(1));
    let back = get(&app, "/api/v1/articles", &from("203.0.113.7")).await;
    assert_eq!(back.status, 200);
    assert_eq!(remaining(&back), "\"anonymous\";r=2;t=20");
}

#[tokio::test]
async fn an_answer_from_the_micro_cache_still_counts() {
    let app = limited("2", "60000").await;
    NewArticle::published("Рейд", 5).insert(app.conn()).await;
    // Signing in and issuing the key are writes, which empty the micro-cache: first.
    let admin = app.account(Role::Admin).await;
    let partner = create_key(&app, &admin, "Партнёр", 2).await;
    let with_key = [("x-api-key", partner.key.as_str())];
    // The first request with the key looks it up; from then on it is known.
    assert_eq!(get(&app, "/healthz", &with_key).await.status, 200);

    let from = [("x-forwarded-for", "203.0.113.9")];
    let first = get(&app, "/api/v1/articles", &from).await;
    assert_eq!(first.status, 200);
    let statements = app.state.db.statements.get();
    let second = get(&app, "/api/v1/articles", &from).await;
    assert_eq!(second.bytes, first.bytes);
    assert_eq!(
        app.state.db.statements.get(),
        statements,
        "answered from memory"
    );
    assert_eq!(remaining(&second), "\"anonymous\";r=0;t=60");
    assert_problem_429(
        &get(&app, "/api/v1/articles", &from).await,
        "\"anonymous\";q=2;w=60",
    );

    // A key grants a quota, not rights: its request is answered as an anonymous one,
    // from the same memory, and counted against the key.
    let keyed = get(&app, "/api/v1/articles", &with_key).await;
    assert_eq!(keyed.bytes, first.bytes);
    assert_eq!(app.state.db.statements.get(), statements);
    assert_eq!(remaining(&keyed), "\"key\";r=0;t=60");
}

#[tokio::test]
async fn made_up_keys_are_looked_up_a_quota_s_worth_a_minute_per_address() {
    let app = limited("2", "0").await;
    let from = |key: String| {
        vec![
            ("x-forwarded-for", "203.0.113.5".to_owned()),
            ("x-api-key", key),
        ]
    };
    let mut statuses = Vec::new();
    for n in 0..3 {
        let key = format!("pk_{:A>43}", n);
        let headers = from(key);
        let headers: Vec<(&str, &str)> = headers.iter().map(|(a, b)| (*a, b.as_str())).collect();
        statuses.push(
            get(&app, "/api/v1/articles", &headers)
                .await
                .status
                .as_u16(),
        );
    }
    assert_eq!(statuses, [401, 401, 429]);
    // Reading is counted apart: the address may still read.
    let read = get(
        &app,
        "/api/v1/articles",
        &[("x-forwarded-for", "203.0.113.5")],
    )
    .await;
    assert_eq!(read.status, 200);
    assert_eq!(remaining(&read), "\"anonymous\";r=1;t=30");
}
