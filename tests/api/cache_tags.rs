//! Cache tags: every cacheable public answer names what it shows in `Cache-Tag` and
//! `Surrogate-Key`, within a size CDNs take, and each change sends a `PURGE` with the
//! tags it made stale to `PURGE_URL` (a recording server on 127.0.0.1 here).

use std::{
    collections::BTreeSet,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use axum::{extract::Request, http::StatusCode};
use polisia_api::domain::{
    CommentStatus, Role,
    cache_tags::{CacheTag, short_id},
};
use serde_json::json;
use tokio::sync::mpsc;

use crate::{
    comments::encode,
    fixtures::{self, NewArticle},
    helpers::{RestResponse, TestApp, data},
};

/// The tags of an answer; both headers must carry the same ones.
fn tags_of(response: &RestResponse) -> BTreeSet<String> {
    let surrogate: BTreeSet<String> = response
        .header("surrogate-key")
        .split(' ')
        .map(str::to_owned)
        .collect();
    let cache_tag: BTreeSet<String> = response
        .header("cache-tag")
        .split(',')
        .map(str::to_owned)
        .collect();
    assert_eq!(
        surrogate, cache_tag,
        "{}: the same tags in both headers",
        response.url
    );
    surrogate
}

fn has(tags: &BTreeSet<String>, tag: &CacheTag, what: &str) {
    assert!(
        tags.contains(tag.as_str()),
        "{what}: {} in {tags:?}",
        tag.as_str()
    );
}

fn lacks(tags: &BTreeSet<String>, tag: &CacheTag, what: &str) {
    assert!(
        !tags.contains(tag.as_str()),
        "{what}: no {} in {tags:?}",
        tag.as_str()
    );
}

async fn graphql_get(app: &TestApp, query: &str) -> RestResponse {
    let response = app
        .client
        .get(app.url("/graphql"))
        .query(&[("query", query)])
        .header("accept", "application/json")
        .send()
        .await
        .expect("answered");
    RestResponse::read(response).await
}

#[tokio::test]
async fn every_kind_of_public_answer_names_what_it_shows() {
    let app = TestApp::spawn().await;
    let region = fixtures::region_id(app.conn(), "KZ-43").await;
    let article = NewArticle::published("Совет", 5)
        .region(region)
        .insert(app.conn())
        .await;
    let other = NewArticle::published("Другая", 10).insert(app.conn()).await;
    let topic = fixtures::tag(app.conn(), "sovet", &[article.id]).await;
    let (a, o) = (CacheTag::article(article.id), CacheTag::article(other.id));
    let kz43 = CacheTag::region("KZ-43");

    let list = tags_of(&app.rest_get("/api/v1/articles").await);
    for tag in [&a, &o, &CacheTag::article_list()] {
        has(&list, tag, "the article list");
    }
    let narrowed = tags_of(&app.rest_get("/api/v1/articles?region=KZ-43").await);
    has(&narrowed, &a, "a region's list");
    has(&narrowed, &kz43, "a region's list");
    lacks(&narrowed, &o, "a region's list");
    lacks(&narrowed, &CacheTag::article_list(), "a region's list");

    let item = tags_of(
        &app.rest_get(&format!("/api/v1/articles/{}", article.id))
            .await,
    );
    for tag in [
        &a,
        &kz43,
        &CacheTag::tag(topic.id),
        &CacheTag::comments_of(article.id),
    ] {
        has(&item, tag, "the article");
    }
    lacks(&item, &o, "the article");
    let ninjs = tags_of(
        &app.rest_get(&format!("/api/v1/articles/{}/ninjs", article.id))
            .await,
    );
    has(&ninjs, &a, "ninjs");
    let comments = tags_of(
        &app.rest_get(&format!("/api/v1/articles/{}/comments", article.id))
            .await,
    );
    has(
        &comments,
        &CacheTag::comments_of(article.id),
        "its comments",
    );

    for feed in ["/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json"] {
        let tags = tags_of(&app.rest_get(feed).await);
        for tag in [&a, &o, &CacheTag::feed(polisia_api::domain::Language::Ru)] {
            has(&tags, tag, feed);
        }
        let region_feed = feed.replace("/feeds/", "/feeds/regions/KZ-43/");
        let tags = tags_of(&app.rest_get(&region_feed).await);
        has(&tags, &a, &region_feed);
        has(&tags, &kz43, &region_feed);
        lacks(&tags, &o, &region_feed);
    }
    for sitemap in [
        "/sitemap.xml",
        "/sitemaps/articles.xml",
        "/sitemap-news.xml",
    ] {
        has(
            &tags_of(&app.rest_get(sitemap).await),
            &CacheTag::sitemap(),
            sitemap,
        );
    }
    let regions = tags_of(&app.rest_get("/api/v1/regions").await);
    has(&regions, &CacheTag::region_list(), "the regions");
    has(
        &tags_of(&app.rest_get("/api/v1/regions/KZ-43").await),
        &kz43,
        "a region",
    );
    // Fixtures are not indexed: what search shows is the lists any new item joins.
    has(
        &tags_of(&app.rest_get("/api/v1/search?q=Совет").await),
        &CacheTag::article_list(),
        "search",
    );

    // GraphQL GET: every object named by its id, aliases and all; the lists it holds.
    let answer = graphql_get(
        &app,
        "{ articles(first: 5) { nodes { key: id title commentCount region { id } } } }",
    )
    .await;
    assert_eq!(answer.status, 200);
    let tags = tags_of(&answer);
    for tag in [
        &a,
        &o,
        &kz43,
        &CacheTag::article_list(),
        &CacheTag::comments_of(article.id),
    ] {
        has(&tags, tag, "GraphQL GET");
    }
    lacks(
        &tags,
        &CacheTag::unnamed(),
        "GraphQL GET naming every object",
    );
    // An object without its id cannot be purged by name: any change purges the answer.
    let unnamed = tags_of(&graphql_get(&app, "{ articles(first: 5) { nodes { title } } }").await);
    has(&unnamed, &CacheTag::unnamed(), "GraphQL GET without ids");
}

#[tokio::test]
async fn a_page_of_100_articles_keeps_each_tag_header_under_4_kb() {
    let app = TestApp::spawn().await;
    for i in 0..100 {
        NewArticle::published(&format!("Статья {i}"), i + 1)
            .insert(app.conn())
            .await;
    }
    let page = app.rest_get("/api/v1/articles?limit=100").await;
    assert_eq!(page.json()["items"].as_array().unwrap().len(), 100);
    let tags = tags_of(&page);
    assert_eq!(tags.iter().filter(|t| t.starts_with("a:")).count(), 100);
    let query = "{ articles(first: 100) { nodes { id title region { id } tags { id } } } }";
    let graphql = graphql_get(&app, query).await;
    // An article's tags are part of the article, not the list of every tag.
    assert_eq!(tags_of(&graphql).len(), 101, "100 articles and the list");
    for answer in [&page, &graphql] {
        for header in ["cache-tag", "surrogate-key"] {
            let size = answer.header(header).len();
            assert!(size < 4096, "{header}: {size} bytes");
        }
    }
}

#[test]
fn short_ids_are_the_head_of_the_sha256_of_the_uuid_in_base64url() {
    use base64::Engine;
    use sha2::Digest;
    let id = uuid::Uuid::now_v7();
    let digest = sha2::Sha256::digest(id.as_bytes());
    let expected = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..6]);
    assert_eq!(short_id(id), expected);
    assert_eq!(CacheTag::article(id).as_str(), format!("a:{expected}"));
}

/// One request the recording server received.
#[derive(Debug)]
pub(crate) struct Recorded {
    method: String,
    xkey: String,
    surrogate_key: String,
}

/// A server on 127.0.0.1 that records every request and answers 503 to the first
/// `failures`, 200 after.
pub(crate) async fn recorder(failures: usize) -> (String, mpsc::UnboundedReceiver<Recorded>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let seen = Arc::new(AtomicUsize::new(0));
    let app = axum::Router::new().fallback(move |request: Request| {
        let (tx, seen) = (tx.clone(), seen.clone());
        async move {
            let header = |name: &str| {
                request
                    .headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned()
            };
            let _ = tx.send(Recorded {
                method: request.method().to_string(),
                xkey: header("xkey"),
                surrogate_key: header("surrogate-key"),
            });
            if seen.fetch_add(1, Ordering::SeqCst) < failures {
                StatusCode::SERVICE_UNAVAILABLE
            } else {
                StatusCode::OK
            }
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}/"), rx)
}

/// The next purge the recorder receives, as its set of tags.
pub(crate) async fn next_purge(
    received: &mut mpsc::UnboundedReceiver<Recorded>,
) -> BTreeSet<String> {
    let purge = tokio::time::timeout(Duration::from_secs(5), received.recv())
        .await
        .expect("a purge within 5 s")
        .expect("the recorder runs");
    assert_eq!(purge.method, "PURGE");
    assert_eq!(purge.xkey, purge.surrogate_key);
    purge.xkey.split(' ').map(str::to_owned).collect()
}

const UPDATE: &str = "mutation($id: ID!) { updateArticle(id: $id, input: { version: 1, title: \"Исправлено\" }) { article { title } } }";
const UNPUBLISH: &str = "mutation($id: ID!) { unpublishArticle(id: $id) { article { status } } }";
const APPROVE: &str =
    "mutation($id: ID!) { moderateComment(id: $id, status: APPROVED) { comment { status } } }";

#[tokio::test]
async fn changes_send_purges_with_the_tags_they_made_stale() {
    let (url, mut received) = recorder(0).await;
    let app = TestApp::spawn_with(|args| args.purge.purge_url = url).await;
    let region = fixtures::region_id(app.conn(), "KZ-43").await;
    let article = NewArticle::published("Совет", 5)
        .region(region)
        .insert(app.conn())
        .await;
    let pending = fixtures::comment(
        app.conn(),
        article.id,
        None,
        CommentStatus::Pending,
        "Спасибо",
    )
    .await;
    let editor = app.account(Role::Editor).await;
    let id = json!({ "id": encode("Article", article.id) });
    let a = CacheTag::article(article.id);

    // An edit: the article (and the lists showing it, by its tag), not every list.
    let edited = app.graphql_as(&editor, UPDATE, id.clone()).await;
    assert_eq!(
        data(&edited)["updateArticle"]["article"]["title"],
        "Исправлено"
    );
    let purged = next_purge(&mut received).await;
    has(&purged, &a, "an edit");
    has(&purged, &CacheTag::region("KZ-43"), "an edit");
    lacks(&purged, &CacheTag::article_list(), "an edit");

    // An approved comment: the article's comment answers.
    let moderator = app.account(Role::Moderator).await;
    let approved = app
        .graphql_as(
            &moderator,
            APPROVE,
            json!({ "id": encode("Comment", pending.id) }),
        )
        .await;
    assert_eq!(
        data(&approved)["moderateComment"]["comment"]["status"],
        "APPROVED"
    );
    let purged = next_purge(&mut received).await;
    has(&purged, &CacheTag::comments_of(article.id), "a comment");
    lacks(&purged, &a, "a comment");

    // Unpublished: the article, and the lists and feeds it leaves.
    let unpublished = app.graphql_as(&editor, UNPUBLISH, id).await;
    assert_eq!(
        data(&unpublished)["unpublishArticle"]["article"]["status"],
        "DRAFT"
    );
    let purged = next_purge(&mut received).await;
    for tag in [
        &a,
        &CacheTag::comments_of(article.id),
        &CacheTag::article_list(),
        &CacheTag::region("KZ-43"),
        &CacheTag::feed(polisia_api::domain::Language::Ru),
        &CacheTag::sitemap(),
    ] {
        has(&purged, tag, "an unpublication");
    }
    // The tags it sent are those the answers carried.
    let list = tags_of(&app.rest_get("/api/v1/articles?region=KZ-43").await);
    has(&list, &CacheTag::region("KZ-43"), "the region's list");
}

#[tokio::test]
async fn a_refused_purge_is_tried_again_as_the_clock_moves() {
    let (url, mut received) = recorder(2).await;
    let app = TestApp::spawn_with(|args| args.purge.purge_url = url).await;
    let article = NewArticle::published("Совет", 5).insert(app.conn()).await;
    let editor = app.account(Role::Editor).await;
    let id = json!({ "id": encode("Article", article.id) });
    app.graphql_as(&editor, UNPUBLISH, id).await;
    let first = next_purge(&mut received).await;
    has(&first, &CacheTag::article(article.id), "the first try");
    // Each retry waits on the service's clock: move it until the next try comes.
    for attempt in 2..=3 {
        let again = loop {
            app.clock.advance(chrono::Duration::seconds(1));
            if let Ok(Some(purge)) =
                tokio::time::timeout(Duration::from_millis(100), received.recv()).await
            {
                break purge;
            }
        };
        assert_eq!(again.method, "PURGE", "try {attempt}");
        assert_eq!(
            again.xkey.split(' ').collect::<BTreeSet<_>>(),
            first.iter().map(String::as_str).collect(),
            "try {attempt} sends the same tags"
        );
    }
    // The third try was answered 200: nothing more comes.
    app.clock.advance(chrono::Duration::seconds(60));
    let more = tokio::time::timeout(Duration::from_millis(300), received.recv()).await;
    assert!(more.is_err(), "no try after a success: {more:?}");
}

#[tokio::test]
async fn of_two_instances_exactly_one_sends_each_purge() {
    let (url, mut received) = recorder(0).await;
    let app = TestApp::spawn_with(|args| args.purge.purge_url = url.clone()).await;
    let sibling = app.sibling(|args| args.purge.purge_url = url).await;
    let article = NewArticle::published("Совет", 5).insert(app.conn()).await;
    let editor = app.account(Role::Editor).await;
    let id = json!({ "id": encode("Article", article.id) });
    app.graphql_as(&editor, UNPUBLISH, id).await;
    let purged = next_purge(&mut received).await;
    has(&purged, &CacheTag::article(article.id), "the purge");
    // Both instances read the change (the sibling on its safety poll on SQLite)...
    let newest = polisia_api::store::changes::newest(app.conn())
        .await
        .unwrap();
    tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            app.clock.advance(polisia_api::bus::SAFETY_POLL);
            if tokio::time::timeout(
                Duration::from_millis(100),
                sibling.state.bus.reached(newest),
            )
            .await
            .is_ok()
            {
                break;
            }
        }
    })
    .await
    .expect("the sibling reads the change");
    // ...and the second finds the stretch claimed: no second purge.
    let again = tokio::time::timeout(Duration::from_millis(500), received.recv()).await;
    assert!(again.is_err(), "one purge for one change: {again:?}");
    let cursor = polisia_api::store::consumer_cursors::read(
        app.conn(),
        polisia_api::store::consumer_cursors::Consumer::CachePurges,
    )
    .await
    .unwrap();
    assert_eq!(cursor, newest);
}

#[tokio::test]
async fn a_burst_of_changes_goes_out_in_one_purge() {
    use polisia_api::{
        domain::ChangeKind,
        store::changes::{self, NewChange},
    };
    let (url, mut received) = recorder(0).await;
    let app = TestApp::spawn_with(|args| args.purge.purge_url = url).await;
    let mut burst = Vec::new();
    for i in 0..3 {
        let article = NewArticle::published(&format!("Статья {i}"), i + 1)
            .insert(app.conn())
            .await;
        burst.push(article);
    }
    // Recorded in one transaction: on PostgreSQL each append notifies the bus as it
    // commits, and three commits could each wake the purge loop on a busy machine.
    let recorded = burst
        .iter()
        .map(|a| NewChange::article(ChangeKind::ArticleUpdated, a));
    let txn = sea_orm::TransactionTrait::begin(app.conn()).await.unwrap();
    changes::append_all(&txn, recorded, app.clock.now())
        .await
        .unwrap();
    txn.commit().await.unwrap();
    app.state.bus.committed();
    let purged = next_purge(&mut received).await;
    for article in &burst {
        has(
            &purged,
            &CacheTag::article(article.id),
            "the burst's one purge",
        );
    }
    let more = tokio::time::timeout(Duration::from_millis(300), received.recv()).await;
    assert!(more.is_err(), "one request for the burst: {more:?}");
}

#[tokio::test]
async fn a_persons_answer_is_purged_when_an_organisation_it_names_is_renamed() {
    let (url, mut received) = recorder(0).await;
    let app = TestApp::spawn_with(|args| args.purge.purge_url = url).await;
    let editor = app.account(Role::Editor).await;
    let mut orgs = Vec::new();
    for name in [
        "Департамент полиции Кызылординской области",
        "Аким Кызылординской области",
    ] {
        let made = app
            .graphql_as(
                &editor,
                "mutation($n: String!) { createOrganization(input: { kind: POLICE_DEPARTMENT, nameRu: $n }) { organization { id } } }",
                json!({ "n": name }),
            )
            .await;
        orgs.push(data(&made)["createOrganization"]["organization"]["id"].clone());
    }
    let made = app
        .graphql_as(
            &editor,
            "mutation { createParticipant(input: { fullName: \"Сапаров Ерлан\" }) { participant { id } } }",
            json!({}),
        )
        .await;
    let person = data(&made)["createParticipant"]["participant"]["id"].clone();
    let set = app
        .graphql_as(
            &editor,
            "mutation($p: ID!, $o: ID!, $a: ID!) {
               setParticipantPositions(participantId: $p, positions: [{ titleRu: \"начальник\", organizationId: $o }]) { participant { id } }
               setParticipantHonours(participantId: $p, honours: [{ titleRu: \"грамота\", awardedByOrganizationId: $a }]) { participant { id } }
             }",
            json!({ "p": person, "o": orgs[0], "a": orgs[1] }),
        )
        .await;
    assert!(set["errors"].is_null(), "{set}");
    let uuid = |id: &serde_json::Value| {
        polisia_api::domain::global_id::decode(id.as_str().unwrap())
            .unwrap()
            .1
    };
    let (person_id, department) = (uuid(&person), uuid(&orgs[0]));
    // What the setup purged, up to the person's last change.
    while !next_purge(&mut received)
        .await
        .contains(CacheTag::participant(person_id).as_str())
    {}

    let path = format!("/api/v1/participants/{person_id}");
    let shown = app.rest_get(&path).await;
    let tags = tags_of(&shown);
    for org in &orgs {
        has(
            &tags,
            &CacheTag::organization(uuid(org)),
            "a person's answer",
        );
    }

    let renamed = app
        .graphql_as(
            &editor,
            "mutation($id: ID!) { updateOrganization(id: $id, input: { nameRu: \"Департамент полиции города Кызылорды\" }) { organization { id } } }",
            json!({ "id": orgs[0] }),
        )
        .await;
    assert!(renamed["errors"].is_null(), "{renamed}");
    // Purges come in order: past the setup's, the next naming the department is the
    // rename's.
    let department = CacheTag::organization(department);
    while !next_purge(&mut received)
        .await
        .contains(department.as_str())
    {}
    let shown = app.rest_get(&path).await;
    assert_eq!(
        shown.json()["positions"][0]["organization"]["name"],
        "Департамент полиции города Кызылорды"
    );
}
