//! Forged, stale and malformed access tokens (the cases of RFC 8725), each tried on
//! every surface that reads `Authorization`: GraphQL's `viewer`, a protected
//! mutation, and REST comment posting. All of them must meet the same
//! UNAUTHENTICATED with the same message, and none may lift a REST read above
//! the public view. Key rotation with an overlap works end to end.

use std::{
    path::Path,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
};

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, EncodingKey};
use polisia_api::{
    auth::tokens::{AUDIENCE, ISSUER, LEEWAY_SECS},
    domain::{ArticleStatus, Role},
    entity::{comment, user},
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::{
    fixtures::NewArticle,
    helpers::{TEST_JWT_SECRET, TestApp, data},
};

const ATTACKER_SECRET: &[u8] = b"attacker-secret-attacker-secret-attacker";
const NEW_SECRET: &str = "rotated-secret-rotated-secret-rotated-0123";

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/jwt")
        .join(name)
        .display()
        .to_string()
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Claims as the service issues them, for `sub`, valid now: at the moment the test
/// service's clock starts at.
fn claims(sub: &str) -> Value {
    let now = crate::fixtures::start().timestamp();
    json!({
        "sub": sub, "role": "ADMIN", "iat": now, "nbf": now, "exp": now + 600,
        "iss": ISSUER, "aud": AUDIENCE, "jti": uuid::Uuid::now_v7().to_string(),
    })
}

fn with(mut value: Value, key: &str, replacement: Value) -> Value {
    value[key] = replacement;
    value
}

fn without(mut value: Value, key: &str) -> Value {
    value.as_object_mut().unwrap().remove(key);
    value
}

/// `header.claims` signed by HMAC `alg` with `secret`, whatever the header says.
fn hmac(header: &Value, claims: &Value, alg: Algorithm, secret: &[u8]) -> String {
    let input = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    );
    let signature =
        jsonwebtoken::crypto::sign(input.as_bytes(), &EncodingKey::from_secret(secret), alg)
            .unwrap();
    format!("{input}.{signature}")
}

/// Signed exactly as the service signs, so one test can break one thing.
fn genuine(claims: &Value) -> String {
    hmac(
        &json!({ "alg": "HS256", "typ": "JWT", "kid": "k1" }),
        claims,
        Algorithm::HS256,
        TEST_JWT_SECRET.as_bytes(),
    )
}

fn unsigned(header: &Value, claims: &Value) -> String {
    format!(
        "{}.{}.",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    )
}

/// Every hostile `Authorization` header, by name.
fn attacks(sub: &str, jwks_url: &str) -> Vec<(&'static str, String)> {
    let now = crate::fixtures::start().timestamp();
    let hs = |kid: &str| json!({ "alg": "HS256", "typ": "JWT", "kid": kid });
    let valid = genuine(&claims(sub));
    let parts: Vec<&str> = valid.split('.').collect();
    let promoted = {
        let mut payload: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        payload["sub"] = json!(uuid::Uuid::now_v7().to_string());
        format!(
            "{}.{}.{}",
            parts[0],
            b64(payload.to_string().as_bytes()),
            parts[2]
        )
    };
    let flipped = {
        let mut signature = parts[2].to_owned().into_bytes();
        signature[3] = if signature[3] == b'A' { b'B' } else { b'A' };
        format!(
            "{}.{}.{}",
            parts[0],
            parts[1],
            String::from_utf8(signature).unwrap()
        )
    };
    let rsa_public = std::fs::read(fixture("rsa-public.pem")).unwrap();
    let tokens = vec![
        (
            "alg none",
            unsigned(
                &json!({ "alg": "none", "typ": "JWT", "kid": "k1" }),
                &claims(sub),
            ),
        ),
        (
            "alg None",
            unsigned(
                &json!({ "alg": "None", "typ": "JWT", "kid": "k1" }),
                &claims(sub),
            ),
        ),
        (
            "alg missing",
            hmac(
                &json!({ "typ": "JWT", "kid": "k1" }),
                &claims(sub),
                Algorithm::HS256,
                TEST_JWT_SECRET.as_bytes(),
            ),
        ),
        (
            "another HMAC (HS512, same secret)",
            hmac(
                &json!({ "alg": "HS512", "typ": "JWT", "kid": "k1" }),
                &claims(sub),
                Algorithm::HS512,
                TEST_JWT_SECRET.as_bytes(),
            ),
        ),
        (
            "HS256 keyed with the RS256 public key",
            hmac(&hs("rs1"), &claims(sub), Algorithm::HS256, &rsa_public),
        ),
        (
            "expired past the leeway",
            genuine(&with(
                with(claims(sub), "exp", json!(now - LEEWAY_SECS as i64 - 5)),
                "iat",
                json!(now - 3600),
            )),
        ),
        (
            "nbf in the future",
            genuine(&with(claims(sub), "nbf", json!(now + 600))),
        ),
        ("exp missing", genuine(&without(claims(sub), "exp"))),
        (
            "exp not a time",
            genuine(&with(claims(sub), "exp", json!("tomorrow"))),
        ),
        ("aud missing", genuine(&without(claims(sub), "aud"))),
        (
            "aud wrong",
            genuine(&with(claims(sub), "aud", json!("another-api"))),
        ),
        ("iss missing", genuine(&without(claims(sub), "iss"))),
        (
            "iss wrong",
            genuine(&with(claims(sub), "iss", json!("evil-issuer"))),
        ),
        ("sub missing", genuine(&without(claims(sub), "sub"))),
        (
            "sub wrong",
            genuine(&with(claims(sub), "sub", json!("admin"))),
        ),
        (
            "signed with another secret",
            hmac(&hs("k1"), &claims(sub), Algorithm::HS256, ATTACKER_SECRET),
        ),
        ("empty signature", format!("{}.{}.", parts[0], parts[1])),
        ("tampered signature", flipped),
        ("tampered payload", promoted),
        (
            "unknown kid",
            hmac(
                &hs("k9"),
                &claims(sub),
                Algorithm::HS256,
                TEST_JWT_SECRET.as_bytes(),
            ),
        ),
        (
            "kid carrying a path",
            hmac(
                &hs("../../../../dev/null"),
                &claims(sub),
                Algorithm::HS256,
                b"",
            ),
        ),
        (
            "kid carrying SQL",
            hmac(
                &hs("k1' UNION SELECT 'secret"),
                &claims(sub),
                Algorithm::HS256,
                b"secret",
            ),
        ),
        (
            "jku pointing at the attacker's keys",
            hmac(
                &json!({ "alg": "HS256", "typ": "JWT", "kid": "k1", "jku": jwks_url }),
                &claims(sub),
                Algorithm::HS256,
                ATTACKER_SECRET,
            ),
        ),
        (
            "jku on an otherwise genuine token",
            hmac(
                &json!({ "alg": "HS256", "typ": "JWT", "kid": "k1", "jku": jwks_url }),
                &claims(sub),
                Algorithm::HS256,
                TEST_JWT_SECRET.as_bytes(),
            ),
        ),
        (
            "embedded jwk",
            hmac(
                &json!({ "alg": "HS256", "typ": "JWT", "kid": "k1",
                         "jwk": { "kty": "oct", "k": b64(ATTACKER_SECRET) } }),
                &claims(sub),
                Algorithm::HS256,
                ATTACKER_SECRET,
            ),
        ),
        (
            "x5u on an otherwise genuine token",
            hmac(
                &json!({ "alg": "HS256", "typ": "JWT", "kid": "k1", "x5u": jwks_url }),
                &claims(sub),
                Algorithm::HS256,
                TEST_JWT_SECRET.as_bytes(),
            ),
        ),
        (
            "64 KiB token",
            genuine(&with(claims(sub), "pad", json!("x".repeat(64 * 1024)))),
        ),
        ("not a JWT", "definitely-not-a-token".to_owned()),
    ];
    let mut headers: Vec<(&'static str, String)> = tokens
        .into_iter()
        .map(|(name, token)| (name, format!("Bearer {token}")))
        .collect();
    headers.push(("Basic scheme", format!("Basic {}", b64(b"admin:admin"))));
    headers.push(("Bearer without a token", "Bearer ".to_owned()));
    headers.push(("token without a scheme", valid));
    headers
}

/// What each surface answered to one `Authorization` header.
struct Answers {
    viewer: Value,
    mutation: Value,
    rest_status: u16,
    rest: Value,
    rest_read: String,
}

async fn try_everywhere(app: &TestApp, article: &str, authorization: &str) -> Answers {
    let headers = [("authorization", authorization)];
    let viewer = app
        .graphql_with("{ viewer { id role } }", json!({}), &headers)
        .await;
    let mutation = app
        .graphql_with(
            "mutation { createTag(name: \"Подделка\") { tag { slug } } }",
            json!({}),
            &headers,
        )
        .await;
    let posted = app
        .rest_post_json_with(
            &format!("/api/v1/articles/{article}/comments"),
            &json!({ "authorName": "X", "authorEmail": "x@example.com", "body": "подделка" }),
            &headers,
        )
        .await;
    let read = app
        .rest_get_with("/api/v1/articles?limit=100", &headers)
        .await;
    Answers {
        viewer,
        mutation,
        rest_status: posted.status.as_u16(),
        rest: posted.body.unwrap_or(Value::Null),
        rest_read: read.text().to_owned(),
    }
}

#[tokio::test]
async fn every_forged_or_broken_token_is_unauthenticated_alike_on_graphql_and_rest() {
    // A previous RS256 key is configured so that the HS256/RS256 confusion has a
    // public key to abuse.
    let app = TestApp::spawn_with(|args| {
        args.jwt_previous_keys = Some(format!("rs1:RS256:{}", fixture("rsa-public.pem")));
    })
    .await;
    let editor = app.account(Role::Editor).await;
    let user = user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(editor.email.to_lowercase()))
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let sub = user.id.to_string();
    let article = NewArticle::published("Токены", 30).insert(app.conn()).await;
    let draft = NewArticle::published("Секретный черновик", 30)
        .status(ArticleStatus::Draft)
        .insert(app.conn())
        .await;

    // Whoever serves a `jku` or `x5u` must not be asked for anything.
    let jwks = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let jwks_url = format!("http://{}/jwks.json", jwks.local_addr().unwrap());
    let fetched = Arc::new(AtomicUsize::new(0));
    let counter = fetched.clone();
    tokio::spawn(async move {
        while jwks.accept().await.is_ok() {
            counter.fetch_add(1, Ordering::SeqCst);
        }
    });

    // The genuine token works on every surface: the refusals below are about the flaws.
    let control = try_everywhere(&app, &article.slug, &format!("Bearer {}", editor.access)).await;
    assert_eq!(data(&control.viewer)["viewer"]["role"], "EDITOR");
    assert!(
        control.mutation.get("errors").is_none(),
        "{}",
        control.mutation
    );
    assert_eq!(control.rest_status, 201, "{}", control.rest);
    // A token forged the service's own way is genuine: the table breaks one thing each.
    let forged_right = try_everywhere(
        &app,
        &article.slug,
        &format!("Bearer {}", genuine(&claims(&sub))),
    )
    .await;
    assert_eq!(data(&forged_right.viewer)["viewer"]["role"], "EDITOR");

    let mut messages = std::collections::BTreeSet::new();
    for (name, authorization) in attacks(&sub, &jwks_url) {
        let answers = try_everywhere(&app, &article.slug, &authorization).await;
        for (surface, response) in [("viewer", &answers.viewer), ("mutation", &answers.mutation)] {
            assert_eq!(
                response["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
                "{name} on {surface}: {response}"
            );
            assert!(
                response["data"].is_null(),
                "{name} on {surface}: nothing runs"
            );
            messages.insert(response["errors"][0]["message"].to_string());
        }
        assert_eq!(answers.rest_status, 401, "{name} on REST: {}", answers.rest);
        assert_eq!(answers.rest["code"], "UNAUTHENTICATED", "{name} on REST");
        messages.insert(answers.rest["detail"].to_string());
        assert!(
            answers.rest_read.contains(&article.id.to_string())
                && !answers.rest_read.contains(&draft.id.to_string()),
            "{name}: a REST read stays the public view"
        );
    }
    assert_eq!(
        messages.len(),
        1,
        "one generic message for every flaw: {messages:?}"
    );
    assert_eq!(fetched.load(Ordering::SeqCst), 0, "no key was fetched");
    let saved = comment::Entity::find().count(app.conn()).await.unwrap();
    assert_eq!(saved, 1, "only the genuine comment was saved");
}

/// The `viewer` a bearer token gets from the service at `base`.
async fn viewer_at(client: &reqwest::Client, base: &str, token: &str) -> Value {
    client
        .post(format!("{base}/graphql"))
        .bearer_auth(token)
        .json(&json!({ "query": "{ viewer { role } }" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn login_at(client: &reqwest::Client, base: &str, email: &str, password: &str) -> String {
    let response: Value = client
        .post(format!("{base}/graphql"))
        .json(&json!({
            "query": "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }",
            "variables": { "e": email, "p": password },
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    data(&response)["login"]["accessToken"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn key_rotation_keeps_old_tokens_during_the_overlap_and_drops_them_after() {
    let before = TestApp::spawn().await;
    let author = before.account(Role::Author).await;
    let old = author.access.clone();

    // Rotation: sign with k2, keep verifying k1.
    let during = before
        .sibling(|args| {
            args.jwt_key_id = "k2".into();
            args.jwt_secret = Some(NEW_SECRET.into());
            args.jwt_previous_keys = Some(format!("k1:{TEST_JWT_SECRET}"));
        })
        .await;
    let during_url = during.url("");
    let client = &before.client;
    assert_eq!(
        data(&viewer_at(client, &during_url, &old).await)["viewer"]["role"],
        "AUTHOR",
        "a token of the previous key still works"
    );
    let new = login_at(client, &during_url, &author.email, &author.password).await;
    let kid = jsonwebtoken::decode_header(&new).unwrap().kid;
    assert_eq!(
        kid.as_deref(),
        Some("k2"),
        "new tokens carry the new key id"
    );
    assert_eq!(
        data(&viewer_at(client, &during_url, &new).await)["viewer"]["role"],
        "AUTHOR"
    );
    let before_url = before.url("");
    let unknown = viewer_at(client, &before_url, &new).await;
    assert_eq!(
        unknown["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
        "an instance not yet rotated does not know k2"
    );

    // After the overlap: k1 is gone.
    let after = before
        .sibling(|args| {
            args.jwt_key_id = "k2".into();
            args.jwt_secret = Some(NEW_SECRET.into());
        })
        .await;
    let after_url = after.url("");
    let expired = viewer_at(client, &after_url, &old).await;
    assert_eq!(
        expired["errors"][0]["extensions"]["code"],
        "UNAUTHENTICATED"
    );
    assert_eq!(
        data(&viewer_at(client, &after_url, &new).await)["viewer"]["role"],
        "AUTHOR"
    );
}
