//! Webhooks and WebSub over real HTTP: a receiver on 127.0.0.1
//! (`tests/webhooks/receiver.py`) checks every signature with the `standardwebhooks`
//! package from PyPI, answers 500 when told to, and records what it got; the tests
//! move the service's clock to make retries due.

use std::{collections::HashSet, path::PathBuf, process::Stdio, time::Duration};

use chrono::Duration as Span;
use polisia_api::{
    domain::{EndpointKind, Role, WebhookState},
    store::webhooks as store,
};
use serde_json::{Value, json};
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, Command},
    sync::OnceCell,
};

use crate::helpers::{Account, TestApp, data, error_code};

const CREATE: &str = "mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { secret webhook { id url events state } } }";
const UPDATE: &str = "mutation($id: ID!, $i: UpdateWebhookInput!) { updateWebhook(id: $id, input: $i) { webhook { id state disabledReason failingSince } } }";
const LIST: &str =
    "{ webhooks { id url description events state disabledReason disabledAt failingSince } }";
const DELIVERIES: &str = "query($w: ID!) { webhookDeliveries(webhookId: $w, first: 100) { totalCount nodes { id messageId event state tries nextTryAt lastStatus payload attempts { triedAt statusCode durationMs error nextTryAt } } } }";
const REDELIVER: &str =
    "mutation($d: ID!) { redeliverWebhook(deliveryId: $d) { delivery { id state tries } } }";
const CREATE_ARTICLE: &str =
    "mutation($i: CreateArticleInput!) { createArticle(input: $i) { article { id slug } } }";
const UPDATE_ARTICLE: &str = "mutation($id: ID!, $i: UpdateArticleInput!) { updateArticle(id: $id, input: $i) { article { id } } }";
const PUBLISH: &str = "mutation($id: ID!) { publishArticle(id: $id) { article { status } } }";
const UNPUBLISH: &str = "mutation($id: ID!) { unpublishArticle(id: $id) { article { status } } }";

/// How long the service may take to act on what a test did (real time: sending
/// over HTTP, not waiting for a moment of the clock).
const WITHIN: Duration = Duration::from_secs(20);

/// The Python with `standardwebhooks`, which checks the signatures.
async fn python() -> &'static PathBuf {
    static VENV: OnceCell<PathBuf> = OnceCell::const_new();
    crate::helpers::python::venv(&VENV, "standardwebhooks-venv", "standardwebhooks==1.3.0").await
}

/// The receiver script, running until dropped.
struct Receiver {
    port: u16,
    client: reqwest::Client,
    _child: Child,
}

impl Receiver {
    async fn start() -> Receiver {
        let python = python().await;
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/webhooks/receiver.py");
        let mut child = Command::new(python)
            .arg(script)
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("the receiver starts");
        let stdout = child.stdout.take().unwrap();
        let mut first = String::new();
        BufReader::new(stdout)
            .read_line(&mut first)
            .await
            .expect("the receiver prints its port");
        Receiver {
            port: first.trim().parse().expect("a port"),
            client: reqwest::Client::new(),
            _child: child,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    async fn set_secret(&self, secret: &str) {
        let answer = self
            .client
            .post(self.url("/secret"))
            .body(secret.to_owned())
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 204);
    }

    async fn log(&self) -> Vec<Value> {
        self.client
            .get(self.url("/log"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// The log once `done` holds of it.
    async fn log_when(&self, what: &str, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let deadline = tokio::time::Instant::now() + WITHIN;
        loop {
            let log = self.log().await;
            if done(&log) {
                return log;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{what}: the receiver got {log:#?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

async fn ok(app: &TestApp, account: &Account, query: &str, variables: Value) -> Value {
    let answer = app.graphql_as(account, query, variables).await;
    assert!(answer.get("errors").is_none(), "{query}: {answer}");
    data(&answer).clone()
}

/// Registers a webhook for `events` at `url`, and tells `receiver` its secret.
async fn webhook(
    app: &TestApp,
    admin: &Account,
    receiver: &Receiver,
    path: &str,
    events: &[&str],
) -> String {
    let created = ok(
        app,
        admin,
        CREATE,
        json!({"i": {"url": receiver.url(path), "events": events, "description": "partner"}}),
    )
    .await;
    let secret = created["createWebhook"]["secret"].as_str().unwrap();
    receiver.set_secret(secret).await;
    created["createWebhook"]["webhook"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn deliveries(app: &TestApp, admin: &Account, webhook: &str) -> Vec<Value> {
    let page = ok(app, admin, DELIVERIES, json!({"w": webhook})).await;
    let mut nodes = page["webhookDeliveries"]["nodes"]
        .as_array()
        .unwrap()
        .clone();
    // Newest first in the API; oldest first here.
    nodes.reverse();
    nodes
}

/// The deliveries once `done` holds of them.
async fn deliveries_when(
    app: &TestApp,
    admin: &Account,
    webhook: &str,
    what: &str,
    done: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let deadline = tokio::time::Instant::now() + WITHIN;
    loop {
        let found = deliveries(app, admin, webhook).await;
        if done(&found) {
            return found;
        }
        assert!(tokio::time::Instant::now() < deadline, "{what}: {found:#?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn attempts(delivery: &Value) -> usize {
    delivery["attempts"].as_array().map_or(0, Vec::len)
}

/// A draft in region KZ-43; returns its id and slug.
async fn draft(app: &TestApp, editor: &Account, title: &str) -> (String, String) {
    let region = data(
        &app.graphql(r#"{ region(code: "KZ-43") { id } }"#, json!({}))
            .await,
    )["region"]["id"]
        .clone();
    let created = ok(
        app,
        editor,
        CREATE_ARTICLE,
        json!({"i": {"lang": "RU", "title": title, "body": "<p>Текст</p>", "regionId": region}}),
    )
    .await;
    let article = &created["createArticle"]["article"];
    (
        article["id"].as_str().unwrap().to_owned(),
        article["slug"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn signed_messages_arrive_in_order_once_the_receiver_answers() {
    let app = TestApp::spawn().await;
    let mut admin = app.account(Role::Admin).await;
    let receiver = Receiver::start().await;
    let hook = webhook(
        &app,
        &admin,
        &receiver,
        "/hook?fail=3",
        &[
            "ARTICLE_PUBLISHED",
            "ARTICLE_UPDATED",
            "ARTICLE_UNPUBLISHED",
            "ARTICLE_DELETED",
        ],
    )
    .await;

    // A draft edited is announced to no one.
    let (draft_id, _) = draft(&app, &admin, "Черновик").await;
    ok(
        &app,
        &admin,
        UPDATE_ARTICLE,
        json!({"id": draft_id, "i": {"version": 1, "title": "Черновик 2"}}),
    )
    .await;

    let (a, a_slug) = draft(&app, &admin, "Первая новость").await;
    let (b, _) = draft(&app, &admin, "Вторая новость").await;
    let queued = |n: usize| move |d: &[Value]| d.len() == n;
    ok(&app, &admin, PUBLISH, json!({"id": a})).await;
    // The first try is made at once and refused.
    let first = deliveries_when(&app, &admin, &hook, "the first try", |d| {
        d.len() == 1 && attempts(&d[0]) == 1
    })
    .await;
    let tried = &first[0]["attempts"][0];
    assert_eq!(tried["statusCode"], 500);
    assert_eq!(tried["error"], "HTTP_STATUS");
    assert!(tried["durationMs"].as_i64().unwrap() >= 0);
    let next: chrono::DateTime<chrono::Utc> = tried["nextTryAt"].as_str().unwrap().parse().unwrap();
    let wait = next - app.clock.now();
    assert!(
        wait >= Span::milliseconds(4_500) && wait <= Span::milliseconds(5_500),
        "the second try about 5 s later: {wait}"
    );
    ok(
        &app,
        &admin,
        UPDATE_ARTICLE,
        json!({"id": a, "i": {"version": 2, "lead": "Подробности"}}),
    )
    .await;
    deliveries_when(&app, &admin, &hook, "the update queued", queued(2)).await;
    ok(&app, &admin, PUBLISH, json!({"id": b})).await;
    deliveries_when(&app, &admin, &hook, "b queued", queued(3)).await;
    ok(&app, &admin, UNPUBLISH, json!({"id": a})).await;
    let waiting = deliveries_when(&app, &admin, &hook, "the unpublication queued", queued(4)).await;
    // Later messages wait behind the first while it fails.
    for later in &waiting[1..] {
        assert_eq!(attempts(later), 0, "{later}");
    }

    // Each retry when the clock reaches it: 5 s, then 5 min, then 30 min (±10%).
    for (advance, tries) in [
        (Span::seconds(6), 2),
        (Span::minutes(6), 3),
        (Span::minutes(34), 4),
    ] {
        app.clock.advance(advance);
        // Signed in again: access tokens last minutes on the clock.
        admin = app.account(Role::Admin).await;
        deliveries_when(&app, &admin, &hook, "the next try", |d| {
            attempts(&d[0]) == tries
        })
        .await;
    }
    let log = receiver
        .log_when("every message delivered", |log| {
            log.iter().filter(|e| e["status"] == 200).count() == 4
        })
        .await;
    assert!(log.iter().all(|e| e["verified"] == true), "{log:#?}");
    let delivered: Vec<&Value> = log.iter().filter(|e| e["status"] == 200).collect();
    let types: Vec<&str> = delivered
        .iter()
        .map(|e| e["body"]["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "article.published",
            "article.updated",
            "article.published",
            "article.unpublished"
        ]
    );
    // The failed tries and the delivered one are one message: one id.
    let first_id = &log[0]["id"];
    assert!(log[..4].iter().all(|e| &e["id"] == first_id), "{log:#?}");
    let ids: HashSet<&str> = delivered
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 4, "each message has its own id");
    // Sent at the service's moment of the try.
    assert_eq!(
        log.last().unwrap()["timestamp"],
        app.clock.now().timestamp().to_string()
    );
    // The public object as REST shows it; the unpublished one by id and slug only.
    let published = &delivered[0]["body"]["data"];
    let rest = app
        .client
        .get(app.url("/api/v1/articles?limit=1"))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    let listed = &rest["items"][0];
    assert_eq!(published["slug"], a_slug);
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(published), keys(listed), "the REST list's shape");
    let unpublished = &delivered[3]["body"]["data"];
    assert_eq!(keys(unpublished), ["id", "slug"]);
    assert_eq!(unpublished["slug"], a_slug);
    assert!(delivered[1]["body"]["timestamp"].is_string());
    assert!(
        log.iter()
            .all(|e| !e["body"].to_string().contains("Черновик")),
        "no draft was announced"
    );

    // The log says the same.
    let done = deliveries_when(&app, &admin, &hook, "every delivery done", |d| {
        d.iter().all(|d| d["state"] == "DELIVERED")
    })
    .await;
    let tries: Vec<usize> = done.iter().map(attempts).collect();
    assert_eq!(tries, [4, 1, 1, 1]);
    let first = &done[0]["attempts"];
    for failed in first.as_array().unwrap()[..3].iter() {
        assert_eq!(failed["statusCode"], 500);
        assert!(failed["nextTryAt"].is_string());
    }
    assert_eq!(first[3]["statusCode"], 200);
    assert!(first[3]["nextTryAt"].is_null());
    assert!(first[3]["error"].is_null());
    assert_eq!(done[0]["messageId"], *first_id);
}

#[tokio::test]
async fn only_administrators_manage_webhooks() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let input = json!({"i": {"url": "http://127.0.0.1:9/hook", "events": ["ARTICLE_PUBLISHED"]}});
    let refused = app.graphql_as(&editor, CREATE, input.clone()).await;
    assert_eq!(error_code(&refused), "FORBIDDEN");
    let refused = app.graphql(CREATE, input).await;
    assert_eq!(error_code(&refused), "UNAUTHENTICATED");
    let refused = app.graphql_as(&editor, LIST, json!({})).await;
    assert_eq!(error_code(&refused), "FORBIDDEN");
    let admin = app.account(Role::Admin).await;
    assert_eq!(
        ok(&app, &admin, LIST, json!({})).await["webhooks"],
        json!([])
    );
}

#[tokio::test]
async fn the_secret_is_shown_once() {
    let app = TestApp::spawn().await;
    let admin = app.account(Role::Admin).await;
    let created = ok(
        &app,
        &admin,
        CREATE,
        json!({"i": {"url": "http://127.0.0.1:9/hook", "events": ["MEETING_CHANGED", "COMMENT_APPROVED"]}}),
    )
    .await;
    let secret = created["createWebhook"]["secret"].as_str().unwrap();
    use base64::Engine;
    let key = base64::engine::general_purpose::STANDARD
        .decode(secret.strip_prefix("whsec_").expect("whsec_ and base64"))
        .unwrap();
    assert_eq!(key.len(), 32);
    assert_eq!(
        created["createWebhook"]["webhook"]["events"],
        json!(["COMMENT_APPROVED", "MEETING_CHANGED"])
    );
    // No field of a webhook shows it again.
    let asked = app
        .graphql_as(&admin, "{ webhooks { secret } }", json!({}))
        .await;
    assert_eq!(error_code(&asked), "BAD_USER_INPUT");
    assert!(
        asked["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("secret")
    );
    let listed = app.graphql_as(&admin, LIST, json!({})).await;
    assert!(!listed.to_string().contains(secret));
    // Bad input names its field.
    let none = app
        .graphql_as(
            &admin,
            CREATE,
            json!({"i": {"url": "http://127.0.0.1:9/", "events": []}}),
        )
        .await;
    assert_eq!(error_code(&none), "BAD_USER_INPUT");
    assert_eq!(none["errors"][0]["extensions"]["field"], "input.events");
}

#[tokio::test]
async fn internal_addresses_are_refused_without_the_setting() {
    let app =
        TestApp::spawn_with(|args| args.webhooks.webhook_allow_private = "false".into()).await;
    let admin = app.account(Role::Admin).await;
    for url in [
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://10.0.0.7/hook",
        "http://192.168.1.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/hook",
    ] {
        let refused = app
            .graphql_as(
                &admin,
                CREATE,
                json!({"i": {"url": url, "events": ["ARTICLE_PUBLISHED"]}}),
            )
            .await;
        assert_eq!(error_code(&refused), "BAD_USER_INPUT", "{url}: {refused}");
        assert_eq!(
            refused["errors"][0]["extensions"]["field"], "input.url",
            "{url}"
        );
    }
    assert_eq!(
        ok(&app, &admin, LIST, json!({})).await["webhooks"],
        json!([])
    );

    // A name that resolved to a public address when saved and to an internal one
    // now (DNS rebinding) is refused at the try: the row stands for one saved then.
    let receiver = Receiver::start().await;
    let now = app.clock.now();
    let endpoint = store::insert_endpoint(
        app.conn(),
        store::Endpoint {
            id: uuid::Uuid::now_v7(),
            kind: EndpointKind::Webhook,
            url: format!("http://localhost:{}/rebound", receiver.port),
            description: String::new(),
            events: "article.published".into(),
            secret: polisia_api::webhooks::signing::new_secret(),
            state: WebhookState::Active,
            disabled_reason: None,
            disabled_at: None,
            failing_since: None,
            created_at: now,
            updated_at: now,
        },
    )
    .await
    .unwrap();
    let hook = polisia_api::domain::global_id::encode(
        polisia_api::domain::global_id::NodeKind::Webhook,
        endpoint.id,
    );
    let (article, _) = draft(&app, &admin, "Новость").await;
    ok(&app, &admin, PUBLISH, json!({"id": article})).await;
    let tried = deliveries_when(&app, &admin, &hook, "the refused try", |d| {
        d.len() == 1 && attempts(&d[0]) == 1
    })
    .await;
    assert_eq!(tried[0]["attempts"][0]["error"], "REFUSED_ADDRESS");
    assert!(tried[0]["attempts"][0]["statusCode"].is_null());
    assert!(
        receiver.log().await.is_empty(),
        "nothing reached the address"
    );
}

#[tokio::test]
async fn an_endpoint_failing_for_a_day_is_disabled_and_can_be_enabled_again() {
    let app = TestApp::spawn().await;
    let mut admin = app.account(Role::Admin).await;
    let receiver = Receiver::start().await;
    // Refuses the eight tries, then takes what comes.
    let hook = webhook(
        &app,
        &admin,
        &receiver,
        "/down?fail=8",
        &["ARTICLE_PUBLISHED"],
    )
    .await;
    let (article, _) = draft(&app, &admin, "Новость").await;
    ok(&app, &admin, PUBLISH, json!({"id": article})).await;
    deliveries_when(&app, &admin, &hook, "the first try", |d| {
        d.len() == 1 && attempts(&d[0]) == 1
    })
    .await;
    let started = app.clock.now();
    for tries in 2..=8 {
        let wait = polisia_api::webhooks::retry::base_wait(tries - 1).unwrap();
        app.clock.advance(wait + wait / 10 + Span::seconds(1));
        // Signed in again: access tokens last minutes on the clock.
        admin = app.account(Role::Admin).await;
        deliveries_when(&app, &admin, &hook, "the next try", |d| {
            attempts(&d[0]) == tries as usize
        })
        .await;
        let listed = ok(&app, &admin, LIST, json!({})).await;
        let state = &listed["webhooks"][0]["state"];
        if app.clock.now() - started < Span::days(1) {
            assert_eq!(state, "ACTIVE", "try {tries}");
        }
    }
    let listed = ok(&app, &admin, LIST, json!({})).await;
    let endpoint = &listed["webhooks"][0];
    assert_eq!(endpoint["state"], "DISABLED");
    assert!(
        endpoint["disabledReason"]
            .as_str()
            .unwrap()
            .contains("HTTP 500"),
        "{endpoint}"
    );
    assert!(endpoint["disabledAt"].is_string());
    let given_up = deliveries(&app, &admin, &hook).await;
    assert_eq!(given_up[0]["state"], "FAILED");
    assert_eq!(attempts(&given_up[0]), 8);
    assert!(given_up[0]["attempts"][7]["nextTryAt"].is_null());
    // Nothing more is queued for a disabled endpoint.
    let (other, _) = draft(&app, &admin, "Другая").await;
    ok(&app, &admin, PUBLISH, json!({"id": other})).await;
    // Fanned out (to no one) before the endpoint is enabled again.
    app.changes_dispatched().await;

    // Sent again: queued, but not sent while the endpoint is disabled.
    let queued = ok(&app, &admin, REDELIVER, json!({"d": given_up[0]["id"]})).await;
    assert_eq!(queued["redeliverWebhook"]["delivery"]["state"], "PENDING");
    assert_eq!(receiver.log().await.len(), 8);
    let enabled = ok(
        &app,
        &admin,
        UPDATE,
        json!({"id": hook, "i": {"enabled": true}}),
    )
    .await;
    let endpoint = &enabled["updateWebhook"]["webhook"];
    assert_eq!(endpoint["state"], "ACTIVE");
    assert!(endpoint["disabledReason"].is_null());
    let log = receiver
        .log_when("the message sent again", |log| log.len() == 9)
        .await;
    assert_eq!(log[8]["status"], 200);
    assert_eq!(log[8]["id"], log[0]["id"], "the same message");
    // The receiver logs the request before the service has read its answer and
    // recorded it.
    let done = deliveries_when(&app, &admin, &hook, "recorded as delivered", |d| {
        d.first().is_some_and(|d| d["state"] == "DELIVERED")
    })
    .await;
    assert_eq!(done.len(), 1, "{done:#?}");
}

#[tokio::test]
async fn two_instances_send_each_message_once() {
    let app = TestApp::spawn().await;
    let sibling = app.sibling(|_| {}).await;
    let admin = app.account(Role::Admin).await;
    let receiver = Receiver::start().await;
    let hook = webhook(&app, &admin, &receiver, "/both", &["ARTICLE_PUBLISHED"]).await;
    let mut articles = Vec::new();
    for n in 0..6 {
        articles.push(draft(&app, &admin, &format!("Новость {n}")).await.0);
    }
    // Published through either instance; both read every change.
    for (n, article) in articles.iter().enumerate() {
        let answer = if n % 2 == 0 {
            app.graphql_as(&admin, PUBLISH, json!({"id": article}))
                .await
        } else {
            let response = app
                .client
                .post(sibling.url("/graphql"))
                .header("authorization", admin.bearer())
                .json(&json!({"query": PUBLISH, "variables": {"id": article}}))
                .send()
                .await
                .unwrap();
            response.json::<Value>().await.unwrap()
        };
        assert!(answer.get("errors").is_none(), "{answer}");
    }
    // The other instance hears of changes at its safety poll on SQLite.
    for _ in 0..3 {
        app.clock.advance(polisia_api::bus::SAFETY_POLL);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let log = receiver
        .log_when("six messages", |log| log.len() >= 6)
        .await;
    // Both instances had every chance to send again.
    for _ in 0..3 {
        app.clock.advance(polisia_api::bus::SAFETY_POLL);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let log = {
        let again = receiver.log().await;
        assert_eq!(again.len(), log.len());
        again
    };
    assert_eq!(log.len(), 6, "{log:#?}");
    let ids: HashSet<&str> = log.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 6, "each message once");
    let done = deliveries(&app, &admin, &hook).await;
    assert_eq!(done.len(), 6);
    assert!(
        done.iter()
            .all(|d| attempts(d) == 1 && d["state"] == "DELIVERED")
    );
}

#[tokio::test]
async fn websub_hubs_are_named_by_every_feed_and_pinged_when_one_changes() {
    let hub = Receiver::start().await;
    let hub_url = hub.url("/hub?fail=1");
    let app = TestApp::spawn_with(|args| args.webhooks.websub_hubs = hub_url.clone()).await;
    let admin = app.account(Role::Admin).await;

    let rss = app
        .client
        .get(app.url("/feeds/rss.xml"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let channel = rss::Channel::read_from(rss.as_bytes()).unwrap();
    let links = &channel.atom_ext().unwrap().links;
    assert!(
        links.iter().any(|l| l.rel == "hub" && l.href == hub_url),
        "{rss}"
    );
    assert!(
        links
            .iter()
            .any(|l| l.rel == "self" && l.href == "https://news.example.kz/feeds/rss.xml?lang=ru")
    );
    let atom = app
        .client
        .get(app.url("/feeds/regions/KZ-43/atom.xml"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let feed: atom_syndication::Feed = atom.parse().unwrap();
    assert!(
        feed.links
            .iter()
            .any(|l| l.rel == "hub" && l.href == hub_url),
        "{atom}"
    );
    assert!(feed.links.iter().any(|l| l.rel == "self"));
    let json_feed: Value = app
        .client
        .get(app.url("/feeds/feed.json?lang=kk"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        json_feed["hubs"],
        json!([{"type": "WebSub", "url": hub_url}])
    );
    assert_eq!(
        json_feed["feed_url"],
        "https://news.example.kz/feeds/feed.json?lang=kk"
    );

    let (article, _) = draft(&app, &admin, "Новость").await;
    ok(&app, &admin, PUBLISH, json!({"id": article})).await;
    // The first ping is refused; the rest wait behind it until its retry.
    hub.log_when("the first ping", |log| log.len() == 1).await;
    app.clock.advance(Span::seconds(6));
    let log = hub.log_when("every ping", |log| log.len() == 7).await;
    assert_eq!(log[0]["status"], 500);
    assert_eq!(log[1]["form"], log[0]["form"], "the refused ping again");
    let topics: HashSet<&str> = log[1..]
        .iter()
        .map(|e| {
            assert_eq!(e["status"], 200);
            assert_eq!(e["form"]["hub.mode"], "publish");
            e["form"]["hub.url"].as_str().unwrap()
        })
        .collect();
    let base = "https://news.example.kz/feeds";
    let expected: HashSet<String> = ["rss.xml", "atom.xml", "feed.json"]
        .iter()
        .flat_map(|f| {
            [
                format!("{base}/{f}?lang=ru"),
                format!("{base}/regions/kyzylorda-region/{f}?lang=ru"),
            ]
        })
        .collect();
    assert_eq!(topics, expected.iter().map(String::as_str).collect());
    // Each ping is logged like a webhook's message.
    let hub_id = polisia_api::webhooks::fanout::hub_id(&hub_url);
    let rows = store::deliveries(
        app.conn(),
        hub_id,
        &polisia_api::store::page::PageRequest::first(100),
    )
    .await
    .unwrap();
    assert_eq!(rows.items.len(), 6);
    // The hub logs a ping before its answer reaches the sender, which records the
    // try only then: the last try is in the log a moment after it is at the hub.
    let ids = rows.items.iter().map(|d| d.id).collect::<Vec<_>>();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let tries = store::attempts(app.conn(), &ids).await.unwrap();
        if tries.len() == 7 {
            break;
        }
        assert!(
            tries.len() < 7 && tokio::time::Instant::now() < deadline,
            "7 tries logged, not {}",
            tries.len()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // An edit of a draft changes no feed: no ping.
    let (draft_id, _) = draft(&app, &admin, "Черновик").await;
    ok(
        &app,
        &admin,
        UPDATE_ARTICLE,
        json!({"id": draft_id, "i": {"version": 1, "title": "Черновик 2"}}),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(hub.log().await.len(), 7);
}

#[tokio::test]
async fn feeds_name_no_hub_when_none_is_set() {
    let app = TestApp::spawn().await;
    let rss = app
        .client
        .get(app.url("/feeds/rss.xml"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!rss.contains("rel=\"hub\""), "{rss}");
    let json_feed: Value = app
        .client
        .get(app.url("/feeds/feed.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(json_feed.get("hubs").is_none());
}

#[tokio::test]
async fn finished_deliveries_are_kept_as_long_as_the_changes() {
    let app = TestApp::spawn().await;
    let admin = app.account(Role::Admin).await;
    let receiver = Receiver::start().await;
    let hook = webhook(&app, &admin, &receiver, "/kept", &["ARTICLE_PUBLISHED"]).await;
    let (article, _) = draft(&app, &admin, "Новость").await;
    ok(&app, &admin, PUBLISH, json!({"id": article})).await;
    deliveries_when(&app, &admin, &hook, "delivered", |d| {
        d.len() == 1 && d[0]["state"] == "DELIVERED"
    })
    .await;
    app.clock
        .advance(polisia_api::housekeeping::CHANGES_KEPT - Span::days(1));
    let admin = app.account(Role::Admin).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        deliveries(&app, &admin, &hook).await.len(),
        1,
        "kept for now"
    );
    app.clock
        .advance(Span::days(1) + polisia_api::housekeeping::EVERY);
    let admin = app.account(Role::Admin).await;
    deliveries_when(&app, &admin, &hook, "pruned", |d| d.is_empty()).await;
}

#[tokio::test]
async fn cache_purge_messages_name_the_tags_a_change_made_stale() {
    let app = TestApp::spawn().await;
    let admin = app.account(Role::Admin).await;
    let receiver = Receiver::start().await;
    webhook(&app, &admin, &receiver, "/hook", &["CACHE_PURGE"]).await;
    let (id, _) = draft(&app, &admin, "Новость для кэша").await;
    ok(&app, &admin, PUBLISH, json!({"id": id})).await;
    ok(&app, &admin, UNPUBLISH, json!({"id": id})).await;

    let (_, article) = polisia_api::domain::global_id::decode(&id).unwrap();
    let tag = polisia_api::domain::cache_tags::CacheTag::article(article);
    let log = receiver
        .log_when("two purges", |log| {
            log.iter().filter(|e| e["status"] == 200).count() >= 2
        })
        .await;
    assert!(log.iter().all(|e| e["verified"] == true), "{log:#?}");
    for entry in log.iter().filter(|e| e["status"] == 200) {
        assert_eq!(entry["body"]["type"], "cache.purge", "{entry}");
        let tags: Vec<&str> = entry["body"]["data"]["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        // The article, and the lists, feed and region it was (or is no longer) in.
        for expected in [
            tag.as_str(),
            "list:articles",
            "feed:ru",
            "r:KZ-43",
            "sitemap",
        ] {
            assert!(tags.contains(&expected), "{expected} in {tags:?}");
        }
    }
}

#[tokio::test]
async fn a_correction_and_a_retraction_are_sent_as_their_own_events() {
    let app = TestApp::spawn().await;
    let admin = app.account(Role::Admin).await;
    let receiver = Receiver::start().await;
    webhook(
        &app,
        &admin,
        &receiver,
        "/hook",
        &[
            "ARTICLE_CORRECTED",
            "ARTICLE_RETRACTED",
            "ARTICLE_UNPUBLISHED",
        ],
    )
    .await;
    let (id, slug) = draft(&app, &admin, "Новость с поправкой и отзывом").await;
    ok(&app, &admin, PUBLISH, json!({"id": id})).await;
    ok(
        &app,
        &admin,
        crate::corrections::ADD_CORRECTION,
        json!({"id": id, "t": "Уточнено место события."}),
    )
    .await;
    // Each message is read as the public sees the article when it is sent: the
    // correction's goes out before the article is retracted.
    receiver
        .log_when("the correction", |log| {
            log.iter().any(|e| e["status"] == 200)
        })
        .await;
    ok(
        &app,
        &admin,
        crate::corrections::RETRACT,
        json!({"id": id, "r": "Сведения не подтвердились."}),
    )
    .await;

    let log = receiver
        .log_when("two messages", |log| {
            log.iter().filter(|e| e["status"] == 200).count() >= 2
        })
        .await;
    let sent: Vec<&Value> = log.iter().filter(|e| e["status"] == 200).collect();
    assert_eq!(sent.len(), 2, "no article.unpublished besides: {log:#?}");
    let corrected = &sent[0]["body"];
    assert_eq!(corrected["type"], "article.corrected");
    assert_eq!(corrected["data"]["slug"], slug.as_str());
    assert_eq!(
        corrected["data"]["corrections"][0]["text"],
        "Уточнено место события."
    );
    // The notice, never the text.
    let retracted = &sent[1]["body"];
    assert_eq!(retracted["type"], "article.retracted");
    assert_eq!(retracted["data"]["slug"], slug.as_str());
    assert_eq!(retracted["data"]["reason"], "Сведения не подтвердились.");
    assert!(retracted["data"].get("body").is_none());
}

#[tokio::test]
async fn an_organisation_changed_or_deleted_is_sent() {
    let app = TestApp::spawn().await;
    let admin = app.account(Role::Admin).await;
    let receiver = Receiver::start().await;
    webhook(&app, &admin, &receiver, "/hook", &["ORGANIZATION_CHANGED"]).await;
    let made = ok(
        &app,
        &admin,
        "mutation { createOrganization(input: { kind: POLICE_DEPARTMENT, nameRu: \"Департамент полиции\", nameEn: \"Police Department\" }) { organization { id slug } } }",
        json!({}),
    )
    .await;
    let org = &made["createOrganization"]["organization"];
    let id = org["id"].as_str().unwrap().to_owned();
    receiver
        .log_when("the creation", |log| log.iter().any(|e| e["status"] == 200))
        .await;
    ok(
        &app,
        &admin,
        "mutation($id: ID!) { deleteOrganization(id: $id) { deletedId } }",
        json!({"id": id}),
    )
    .await;
    let log = receiver
        .log_when("two messages", |log| {
            log.iter().filter(|e| e["status"] == 200).count() >= 2
        })
        .await;
    let sent: Vec<&Value> = log.iter().filter(|e| e["status"] == 200).collect();
    assert!(sent.iter().all(|e| e["verified"] == true), "{log:#?}");
    let created = &sent[0]["body"];
    assert_eq!(created["type"], "organization.changed");
    assert_eq!(created["data"]["slug"], org["slug"]);
    assert_eq!(created["data"]["name"], "Департамент полиции");
    assert_eq!(created["data"]["nameEn"], "Police Department");
    let (_, uuid) = polisia_api::domain::global_id::decode(&id).unwrap();
    let deleted = &sent[1]["body"];
    assert_eq!(deleted["type"], "organization.changed");
    assert_eq!(deleted["data"], json!({"id": uuid}));
}
