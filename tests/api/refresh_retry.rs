//! Refreshing over networks that lose answers: a retry of the same refresh within the
//! grace gets the same new tokens; racing refreshes both succeed; a reuse after the
//! grace still signs the whole sign-in out.

use chrono::Duration;
use polisia_api::domain::Role;
use serde_json::{Value, json};

use crate::helpers::{Account, TestApp, data, error_code};

const REFRESH: &str = "mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken user { id } } }";

async fn refresh(app: &TestApp, token: &str) -> Value {
    app.graphql(REFRESH, json!({ "t": token })).await
}

fn tokens(response: &Value) -> (String, String) {
    let payload = &data(response)["refreshToken"];
    (
        payload["accessToken"].as_str().unwrap().to_owned(),
        payload["refreshToken"].as_str().unwrap().to_owned(),
    )
}

/// Who an access token signs in as.
async fn viewer_of(app: &TestApp, access: &str) -> Value {
    let response = app
        .graphql_with(
            "{ viewer { id } }",
            json!({}),
            &[("authorization", &format!("Bearer {access}"))],
        )
        .await;
    data(&response)["viewer"]["id"].clone()
}

async fn signed_in(app: &TestApp) -> Account {
    app.account(Role::Reader).await
}

#[tokio::test]
async fn a_retried_refresh_within_the_grace_gets_the_same_new_pair() {
    let app = TestApp::spawn().await;
    let reader = signed_in(&app).await;
    let (first_access, first_refresh) = tokens(&refresh(&app, &reader.refresh).await);

    // The answer was lost; the phone tries again a few seconds later.
    app.clock.advance(Duration::seconds(10));
    let retried = refresh(&app, &reader.refresh).await;
    let (retry_access, retry_refresh) = tokens(&retried);
    assert_eq!(retry_refresh, first_refresh, "the same new refresh token");
    assert_eq!(
        data(&retried)["refreshToken"]["user"]["id"],
        reader.id.as_str()
    );
    for access in [&first_access, &retry_access] {
        assert_eq!(viewer_of(&app, access).await, reader.id.as_str());
    }

    // The sign-in lives on: the new refresh token works, once.
    let (next_access, _) = tokens(&refresh(&app, &first_refresh).await);
    assert_eq!(viewer_of(&app, &next_access).await, reader.id.as_str());
}

#[tokio::test]
async fn a_reuse_after_the_grace_signs_the_whole_sign_in_out() {
    let app = TestApp::spawn_with(|args| args.refresh_grace_seconds = "5".into()).await;
    let reader = signed_in(&app).await;
    let (_, next) = tokens(&refresh(&app, &reader.refresh).await);

    app.clock.advance(Duration::seconds(5));
    let reused = refresh(&app, &reader.refresh).await;
    assert_eq!(error_code(&reused), "UNAUTHENTICATED", "past the grace");
    let after = refresh(&app, &next).await;
    assert_eq!(
        error_code(&after),
        "UNAUTHENTICATED",
        "the reuse revoked the sign-in"
    );
}

#[tokio::test]
async fn a_retry_after_the_new_token_was_used_is_a_reuse() {
    let app = TestApp::spawn().await;
    let reader = signed_in(&app).await;
    let (_, second) = tokens(&refresh(&app, &reader.refresh).await);
    let (_, third) = tokens(&refresh(&app, &second).await);

    // Within the grace of its rotation, but its successor has moved on: someone else
    // holds the old token.
    app.clock.advance(Duration::seconds(1));
    let replayed = refresh(&app, &reader.refresh).await;
    assert_eq!(error_code(&replayed), "UNAUTHENTICATED");
    assert_eq!(error_code(&refresh(&app, &third).await), "UNAUTHENTICATED");
}

#[tokio::test]
async fn racing_refreshes_of_one_token_both_succeed_with_one_new_pair() {
    let app = TestApp::spawn().await;
    let reader = signed_in(&app).await;
    let mut token = reader.refresh.clone();
    // Several rounds, each on the token the last one gave.
    for _ in 0..4 {
        let (a, b) = tokio::join!(refresh(&app, &token), refresh(&app, &token));
        let ((a_access, a_refresh), (b_access, b_refresh)) = (tokens(&a), tokens(&b));
        assert_eq!(a_refresh, b_refresh, "one successor for both");
        assert_eq!(viewer_of(&app, &a_access).await, reader.id.as_str());
        assert_eq!(viewer_of(&app, &b_access).await, reader.id.as_str());
        token = a_refresh;
    }
    // The sign-in is still whole.
    tokens(&refresh(&app, &token).await);
}
