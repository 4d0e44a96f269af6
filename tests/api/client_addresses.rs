//! Limits by address behind a reverse proxy: with TRUSTED_PROXIES naming the proxy,
//! each client its `X-Forwarded-For` or `Forwarded` names has limits of its own, over
//! GraphQL and REST alike; without it, those headers change nothing.

use std::net::IpAddr;

use chrono::Duration;
use polisia_api::{
    domain::Role,
    entity::{article, comment},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::{
    comments::encode,
    fixtures::{self, NewArticle},
    helpers::{TestApp, error_code},
};

const ADD: &str = "mutation($i: AddCommentInput!) { addComment(input: $i) { comment { id } } }";
const LOGIN: &str =
    "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }";
const REGISTER: &str = "mutation($e: String!) { register(input: { email: $e, password: \"long-enough-pass\", displayName: \"Читатель\" }) { accessToken } }";

/// The service behind a reverse proxy on the same machine as the tests.
async fn behind_proxy() -> TestApp {
    TestApp::spawn_with(|args| args.trusted_proxies = "127.0.0.1".into()).await
}

#[derive(Debug, Clone, Copy)]
enum Api {
    GraphQl,
    Rest,
}

/// Posts a comment on `article` as `email` with `headers`: `OK` or the error code.
async fn post(
    app: &TestApp,
    api: Api,
    article: &article::Model,
    email: &str,
    headers: &[(&str, &str)],
) -> String {
    match api {
        Api::GraphQl => {
            let input = json!({ "i": { "articleId": encode("Article", article.id), "authorName": "Читатель", "authorEmail": email, "body": "Спасибо" } });
            let answer: Value = app.graphql_with(ADD, input, headers).await;
            if answer.get("errors").is_none() {
                "OK".into()
            } else {
                error_code(&answer).into()
            }
        }
        Api::Rest => {
            let path = format!("/api/v1/articles/{}/comments", article.id);
            let body = json!({ "authorName": "Читатель", "authorEmail": email, "body": "Спасибо" });
            let answer = app.rest_post_json_with(&path, &body, headers).await;
            if answer.status == 201 {
                "OK".into()
            } else {
                answer.json()["code"].as_str().unwrap_or("none").into()
            }
        }
    }
}

/// The keyed hash of `ip` as the service computes it.
fn hash_of(app: &TestApp, ip: &str) -> String {
    let ip: IpAddr = ip.parse().unwrap();
    polisia_api::auth::login::client_hash(ip, &app.state.config.address_hash_key())
}

/// The address hash kept with the comment `email` wrote.
async fn stored_hash(app: &TestApp, email: &str) -> Option<String> {
    comment::Entity::find()
        .filter(comment::Column::AuthorEmail.eq(email))
        .one(app.conn())
        .await
        .unwrap()
        .expect("the comment is saved")
        .client_ip_hash
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_flood_limit_and_cap() {
    for api in [Api::GraphQl, Api::Rest] {
        let app = behind_proxy().await;
        let article = NewArticle::published("За прокси", 60)
            .insert(app.conn())
            .await;
        let first = [("x-forwarded-for", "198.51.100.1")];
        let second = [("x-forwarded-for", "2001:db8::2")];

        assert_eq!(
            post(&app, api, &article, "a1@example.com", &first).await,
            "OK"
        );
        assert_eq!(
            stored_hash(&app, "a1@example.com").await,
            Some(hash_of(&app, "198.51.100.1")),
            "{api:?}: the comment keeps the forwarded client's hash"
        );
        assert_eq!(
            post(&app, api, &article, "a2@example.com", &first).await,
            "RATE_LIMITED",
            "{api:?}: the same client within 15 s"
        );
        // An address the client wrote in front of the proxy's does not help.
        let forged = [("x-forwarded-for", "203.0.113.9, 198.51.100.1")];
        assert_eq!(
            post(&app, api, &article, "a3@example.com", &forged).await,
            "RATE_LIMITED",
            "{api:?}"
        );
        assert_eq!(
            post(&app, api, &article, "b1@example.com", &second).await,
            "OK",
            "{api:?}: another client behind the same proxy"
        );
        assert_eq!(
            stored_hash(&app, "b1@example.com").await,
            Some(hash_of(&app, "2001:db8::2"))
        );

        // The first client used up its hour; the second has not.
        fixtures::earlier_comments(&app, &article, &hash_of(&app, "198.51.100.1"), 20).await;
        app.clock.advance(Duration::seconds(16));
        assert_eq!(
            post(&app, api, &article, "a4@example.com", &first).await,
            "RATE_LIMITED",
            "{api:?}: the first client's hourly cap"
        );
        assert_eq!(
            post(&app, api, &article, "b2@example.com", &second).await,
            "OK",
            "{api:?}"
        );
    }
}

#[tokio::test]
async fn behind_a_proxy_writing_forwarded_only_that_header_names_the_client() {
    for api in [Api::GraphQl, Api::Rest] {
        let app = TestApp::spawn_with(|args| {
            args.trusted_proxies = "127.0.0.1".into();
            args.forwarded_header = "forwarded".into();
        })
        .await;
        let article = NewArticle::published("За прокси RFC 7239", 60)
            .insert(app.conn())
            .await;
        let client = [("forwarded", "for=\"[2001:db8::2]:4711\";proto=https")];
        assert_eq!(
            post(&app, api, &article, "f1@example.com", &client).await,
            "OK"
        );
        assert_eq!(
            stored_hash(&app, "f1@example.com").await,
            Some(hash_of(&app, "2001:db8::2")),
            "{api:?}"
        );
        // An X-Forwarded-For the client wrote itself passes such a proxy untouched,
        // and is not read.
        let forged = [
            ("forwarded", "for=\"[2001:db8::2]:4711\""),
            ("x-forwarded-for", "198.51.100.77"),
        ];
        assert_eq!(
            post(&app, api, &article, "f2@example.com", &forged).await,
            "RATE_LIMITED",
            "{api:?}"
        );
    }
}

#[tokio::test]
async fn without_trusted_proxies_forwarding_headers_change_nothing() {
    for api in [Api::GraphQl, Api::Rest] {
        let app = TestApp::spawn().await;
        let article = NewArticle::published("Без прокси", 60)
            .insert(app.conn())
            .await;
        let posted = post(
            &app,
            api,
            &article,
            "a1@example.com",
            &[("x-forwarded-for", "198.51.100.1")],
        )
        .await;
        assert_eq!(posted, "OK");
        assert_eq!(
            stored_hash(&app, "a1@example.com").await,
            Some(hash_of(&app, "127.0.0.1")),
            "{api:?}: the comment keeps the peer's hash"
        );
        for (i, forged) in [
            ("x-forwarded-for", "198.51.100.2"),
            ("forwarded", "for=198.51.100.3"),
        ]
        .into_iter()
        .enumerate()
        {
            let email = format!("forged{i}@example.com");
            assert_eq!(
                post(&app, api, &article, &email, &[forged]).await,
                "RATE_LIMITED",
                "{api:?}: {forged:?} still counts as the peer"
            );
        }
    }
}

#[tokio::test]
async fn behind_a_trusted_proxy_sign_in_and_registration_limits_are_per_forwarded_client() {
    let app = behind_proxy().await;
    let editor = app.account(Role::Editor).await;
    let attacker = [("x-forwarded-for", "198.51.100.66")];
    let neighbour = [("x-forwarded-for", "198.51.100.67")];

    for i in 0..polisia_api::auth::login::MAX_FAILURES_PER_ADDRESS {
        let guess = json!({ "e": format!("victim{i}@example.kz"), "p": "123456" });
        let answer = app.graphql_with(LOGIN, guess, &attacker).await;
        assert_eq!(error_code(&answer), "UNAUTHENTICATED", "attempt {i}");
    }
    let right = json!({ "e": editor.email, "p": editor.password });
    let blocked = app.graphql_with(LOGIN, right.clone(), &attacker).await;
    assert_eq!(error_code(&blocked), "RATE_LIMITED");
    let signed_in = app.graphql_with(LOGIN, right, &neighbour).await;
    assert!(
        signed_in.get("errors").is_none(),
        "another client behind the proxy signs in: {signed_in}"
    );

    let register = |i: usize| json!({ "e": format!("new{i}@example.kz") });
    for i in 0..5 {
        let answer = app.graphql_with(REGISTER, register(i), &attacker).await;
        assert!(answer.get("errors").is_none(), "registration {i}: {answer}");
    }
    let refused = app.graphql_with(REGISTER, register(5), &attacker).await;
    assert_eq!(error_code(&refused), "RATE_LIMITED");
    let registered = app.graphql_with(REGISTER, register(6), &neighbour).await;
    assert!(registered.get("errors").is_none(), "{registered}");
}
