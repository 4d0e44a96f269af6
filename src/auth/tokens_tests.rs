//! Unit tests of access tokens: every way a token can be wrong is refused alike.

use std::path::Path;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header};
use serde_json::{Value, json};

use super::*;
use crate::auth::key_config::{JwtAlgorithm, KeyBytes};

const SECRET: &[u8] = b"unit-test-secret-unit-test-secret-0123";
const OTHER_SECRET: &[u8] = b"another-secret-another-secret-another-1";

/// The moment the tests verify at: far from the system's, which must not matter.
fn now() -> DateTime<Utc> {
    "2025-03-10T09:00:00Z".parse().unwrap()
}

fn keys() -> KeySet {
    KeySet::hs256("k1", SECRET)
}

fn pem(name: &str) -> KeyBytes {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/jwt")
        .join(name);
    KeyBytes(std::fs::read(path).unwrap())
}

fn ed_keys() -> KeySet {
    KeySet::from_pem_pair(
        "ed1",
        JwtAlgorithm::EdDsa,
        &pem("ed25519-a-private.pem"),
        &pem("ed25519-a-public.pem"),
    )
    .unwrap()
}

fn rsa_keys() -> KeySet {
    KeySet::from_pem_pair(
        "rs1",
        JwtAlgorithm::Rs256,
        &pem("rsa-private.pem"),
        &pem("rsa-public.pem"),
    )
    .unwrap()
}

/// Valid claims, as JSON, so a test can break exactly one thing.
fn claims() -> Value {
    let now = now().timestamp();
    json!({
        "sub": Uuid::now_v7().to_string(),
        "role": "EDITOR",
        "iat": now,
        "nbf": now,
        "exp": now + 600,
        "iss": ISSUER,
        "aud": AUDIENCE,
        "jti": Uuid::now_v7().to_string(),
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

/// Signs `claims` with `secret` under `kid` and `alg`, whatever they are.
fn forge(alg: Algorithm, kid: Option<&str>, claims: &Value, secret: &[u8]) -> String {
    let mut header = Header::new(alg);
    header.kid = kid.map(str::to_owned);
    jsonwebtoken::encode(&header, claims, &EncodingKey::from_secret(secret)).unwrap()
}

fn refused(keys: &KeySet, token: &str) -> bool {
    matches!(verify(keys, token, now()), Err(AppError::Unauthenticated))
}

#[test]
fn round_trip_on_every_algorithm() {
    for keys in [keys(), ed_keys(), rsa_keys()] {
        let user = Uuid::now_v7();
        let issued = issue(&keys, user, Role::Author, now()).unwrap();
        let header = jsonwebtoken::decode_header(&issued.token).unwrap();
        assert_eq!(header.kid.as_deref(), Some(keys.signing_kid()));
        assert_eq!(header.alg, keys.signing_algorithm());
        let verified = verify(&keys, &issued.token, now()).unwrap();
        assert_eq!(verified.user_id, user);
        assert_eq!(verified.role, Role::Author);
        assert_eq!(verified.expires_at, issued.expires_at);
        let lifetime = issued.expires_at - now();
        assert_eq!(lifetime.num_seconds(), ACCESS_TOKEN_TTL_SECS);
    }
}

#[test]
fn claims_carry_everything_the_contract_names() {
    let issued = issue(&keys(), Uuid::now_v7(), Role::Admin, now()).unwrap();
    let payload = issued.token.split('.').nth(1).unwrap();
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
    for name in ["sub", "role", "iat", "nbf", "exp", "iss", "aud", "jti"] {
        assert!(claims.get(name).is_some(), "{name} in {claims}");
    }
    assert_eq!(claims["role"], "ADMIN");
}

#[test]
fn alg_none_is_refused() {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT","kid":"k1"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims().to_string());
    for token in [
        format!("{header}.{payload}."),
        format!("{header}.{payload}"),
    ] {
        assert!(refused(&keys(), &token), "{token}");
    }
}

#[test]
fn another_algorithm_under_a_known_kid_is_refused() {
    for alg in [Algorithm::HS384, Algorithm::HS512] {
        let token = forge(alg, Some("k1"), &claims(), SECRET);
        assert!(refused(&keys(), &token), "{alg:?}");
    }
    // The classic confusion: HS256 "signed" with the RSA public key as the secret.
    let public = pem("rsa-public.pem");
    let token = forge(Algorithm::HS256, Some("rs1"), &claims(), public.expose());
    assert!(refused(&rsa_keys(), &token));
}

#[test]
fn a_token_signed_with_another_key_is_refused() {
    let token = forge(Algorithm::HS256, Some("k1"), &claims(), OTHER_SECRET);
    assert!(refused(&keys(), &token));
    let other_ed = KeySet::from_pem_pair(
        "ed1",
        JwtAlgorithm::EdDsa,
        &pem("ed25519-b-private.pem"),
        &pem("ed25519-b-public.pem"),
    )
    .unwrap();
    let token = issue(&other_ed, Uuid::now_v7(), Role::Admin, now())
        .unwrap()
        .token;
    assert!(refused(&ed_keys(), &token));
}

#[test]
fn expiry_allows_the_leeway_and_no_more() {
    let keys = keys();
    let lifetime = ACCESS_TOKEN_TTL_SECS;
    let just_expired = now() - chrono::Duration::seconds(lifetime + 10);
    let token = issue(&keys, Uuid::now_v7(), Role::Reader, just_expired).unwrap();
    assert!(
        verify(&keys, &token.token, now()).is_ok(),
        "within the leeway"
    );
    let long_expired = now() - chrono::Duration::seconds(lifetime + LEEWAY_SECS as i64 + 5);
    let token = issue(&keys, Uuid::now_v7(), Role::Reader, long_expired).unwrap();
    assert!(refused(&keys, &token.token));
}

#[test]
fn times_are_judged_by_the_given_clock_not_the_systems() {
    let keys = keys();
    let leeway = chrono::Duration::seconds(LEEWAY_SECS as i64);
    let issued = issue(&keys, Uuid::now_v7(), Role::Reader, now()).unwrap();
    // Years away from the system's clock, a token lives its lifetime on ours.
    assert!(verify(&keys, &issued.token, now()).is_ok());
    assert!(verify(&keys, &issued.token, issued.expires_at + leeway).is_ok());
    let after = issued.expires_at + leeway + chrono::Duration::seconds(1);
    assert!(matches!(
        verify(&keys, &issued.token, after),
        Err(AppError::Unauthenticated)
    ));
    // Before its `nbf` (and `iat`), less the leeway, it is not yet valid.
    let early = now() - leeway - chrono::Duration::seconds(1);
    assert!(verify(&keys, &issued.token, now() - leeway).is_ok());
    assert!(matches!(
        verify(&keys, &issued.token, early),
        Err(AppError::Unauthenticated)
    ));
}

#[test]
fn a_token_is_refused_from_the_moment_it_says() {
    let keys = keys();
    let issued = issue(&keys, Uuid::now_v7(), Role::Reader, now()).unwrap();
    let verified = verify(&keys, &issued.token, now()).unwrap();
    let end = verified.refused_from();
    let before = end - chrono::Duration::microseconds(1);
    assert!(verify(&keys, &issued.token, before).is_ok());
    assert!(matches!(
        verify(&keys, &issued.token, end),
        Err(AppError::Unauthenticated)
    ));
}

#[test]
fn not_yet_valid_tokens_are_refused() {
    let later = now().timestamp() + 120;
    let token = forge(
        Algorithm::HS256,
        Some("k1"),
        &with(claims(), "nbf", json!(later)),
        SECRET,
    );
    assert!(refused(&keys(), &token));
    let token = forge(
        Algorithm::HS256,
        Some("k1"),
        &with(claims(), "iat", json!(later)),
        SECRET,
    );
    assert!(refused(&keys(), &token), "issued in the future");
}

#[test]
fn each_required_claim_must_be_present_and_right() {
    let broken = [
        without(claims(), "iss"),
        with(claims(), "iss", json!("someone-else")),
        without(claims(), "aud"),
        with(claims(), "aud", json!("another-api")),
        with(claims(), "aud", json!(["another-api"])),
        without(claims(), "sub"),
        with(claims(), "sub", json!("not-a-uuid")),
        with(claims(), "sub", json!(42)),
        without(claims(), "exp"),
        without(claims(), "nbf"),
        with(claims(), "role", json!("SUPERUSER")),
        without(claims(), "role"),
    ];
    for claims in broken {
        let token = forge(Algorithm::HS256, Some("k1"), &claims, SECRET);
        assert!(refused(&keys(), &token), "{claims}");
    }
}

#[test]
fn tampered_payloads_are_refused() {
    let keys = keys();
    let token = issue(&keys, Uuid::now_v7(), Role::Reader, now())
        .unwrap()
        .token;
    let parts: Vec<&str> = token.split('.').collect();
    let mut claims: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    claims["role"] = json!("ADMIN");
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let promoted = format!("{}.{payload}.{}", parts[0], parts[2]);
    assert!(refused(&keys, &promoted));
    // One flipped character anywhere in the signed part.
    let mut bytes = token.clone().into_bytes();
    let middle = parts[0].len() + 1 + parts[1].len() / 2;
    bytes[middle] = if bytes[middle] == b'A' { b'B' } else { b'A' };
    assert!(refused(&keys, &String::from_utf8(bytes).unwrap()));
    assert!(refused(&keys, &format!("{token}x")));
    assert!(refused(&keys, "not.a.token"));
    assert!(refused(&keys, ""));
}

#[test]
fn unknown_missing_and_hostile_key_ids_are_refused() {
    for kid in [
        Some("k2"),
        None,
        Some(""),
        Some("../../../../etc/passwd"),
        Some("/dev/null"),
        Some("k1' OR '1'='1"),
        Some("k1; DROP TABLE users; --"),
        Some("K1"),
    ] {
        let token = forge(Algorithm::HS256, kid, &claims(), SECRET);
        assert!(refused(&keys(), &token), "{kid:?}");
    }
}

#[test]
fn huge_tokens_are_refused_before_parsing() {
    let keys = keys();
    let padded = with(claims(), "padding", json!("x".repeat(64 * 1024)));
    let token = forge(Algorithm::HS256, Some("k1"), &padded, SECRET);
    assert!(token.len() > 64 * 1024);
    assert!(refused(&keys, &token));
    assert!(refused(&keys, &"a".repeat(64 * 1024)));
    // Just under the limit, a correctly signed token still verifies.
    let fits = with(claims(), "padding", json!("x".repeat(4 * 1024)));
    let token = forge(Algorithm::HS256, Some("k1"), &fits, SECRET);
    assert!(token.len() < MAX_TOKEN_BYTES);
    assert!(verify(&keys, &token, now()).is_ok());
}

#[test]
fn critical_header_extensions_are_refused() {
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some("k1".into());
    header.crit = Some(vec!["exp".into()]);
    let token =
        jsonwebtoken::encode(&header, &claims(), &EncodingKey::from_secret(SECRET)).unwrap();
    assert!(refused(&keys(), &token));
}

#[test]
fn rotation_keeps_previous_keys_while_configured() {
    let old = KeySet::hs256("k1", SECRET);
    let old_token = issue(&old, Uuid::now_v7(), Role::Editor, now())
        .unwrap()
        .token;

    let rotated = KeySet::hs256("k2", OTHER_SECRET).with_previous(
        "k1",
        Algorithm::HS256,
        DecodingKey::from_secret(SECRET),
    );
    assert!(
        verify(&rotated, &old_token, now()).is_ok(),
        "the old key still verifies"
    );
    let new_token = issue(&rotated, Uuid::now_v7(), Role::Editor, now())
        .unwrap()
        .token;
    assert_eq!(
        jsonwebtoken::decode_header(&new_token)
            .unwrap()
            .kid
            .as_deref(),
        Some("k2")
    );
    assert!(verify(&rotated, &new_token, now()).is_ok());
    assert!(refused(&old, &new_token), "the old set does not know k2");

    let after = KeySet::hs256("k2", OTHER_SECRET);
    assert!(refused(&after, &old_token), "k1 was removed");

    // From a shared secret to Ed25519, with the HS256 key kept for the overlap.
    let ed = ed_keys().with_previous("k1", Algorithm::HS256, DecodingKey::from_secret(SECRET));
    assert!(verify(&ed, &old_token, now()).is_ok());
    assert!(
        verify(
            &ed,
            &issue(&ed, Uuid::now_v7(), Role::Author, now())
                .unwrap()
                .token,
            now()
        )
        .is_ok()
    );
}

#[test]
fn headers_that_point_at_keys_are_refused_even_on_a_good_signature() {
    let signed = |header: Header| {
        jsonwebtoken::encode(&header, &claims(), &EncodingKey::from_secret(SECRET)).unwrap()
    };
    let base = || {
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some("k1".into());
        header
    };
    assert!(verify(&keys(), &signed(base()), now()).is_ok());
    let mut jku = base();
    jku.jku = Some("http://127.0.0.1:9/jwks.json".into());
    let mut x5u = base();
    x5u.x5u = Some("http://127.0.0.1:9/cert.pem".into());
    let mut x5c = base();
    x5c.x5c = Some(vec!["MIIB".into()]);
    for header in [jku, x5u, x5c] {
        assert!(refused(&keys(), &signed(header)));
    }
}
