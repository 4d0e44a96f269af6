//! Signing in, tokens over GraphQL, the viewer, and account management.

use polisia_api::domain::Role;
use serde_json::json;

use crate::helpers::{TestApp, data, error_code};

const LOGIN: &str = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken user { displayName role } } }";
const REFRESH: &str =
    "mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }";

#[tokio::test]
async fn login_gives_tokens_and_the_viewer_is_the_user() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let me = app
        .graphql_as(&editor, "{ viewer { id role displayName } }", json!({}))
        .await;
    assert_eq!(data(&me)["viewer"]["id"], editor.id.as_str());
    assert_eq!(data(&me)["viewer"]["role"], "EDITOR");
    let anonymous = app.graphql("{ viewer { id } }", json!({})).await;
    assert!(data(&anonymous)["viewer"].is_null());
    let email_case = app
        .graphql(
            LOGIN,
            json!({ "e": editor.email.to_uppercase(), "p": editor.password }),
        )
        .await;
    assert_eq!(data(&email_case)["login"]["user"]["role"], "EDITOR");
}

#[tokio::test]
async fn wrong_password_and_unknown_email_fail_alike() {
    let app = TestApp::spawn().await;
    let reader = app.account(Role::Reader).await;
    let wrong = app
        .graphql(LOGIN, json!({ "e": reader.email, "p": "not-the-password" }))
        .await;
    let unknown = app
        .graphql(
            LOGIN,
            json!({ "e": "nobody@example.kz", "p": "not-the-password" }),
        )
        .await;
    assert_eq!(error_code(&wrong), "UNAUTHENTICATED");
    assert_eq!(error_code(&unknown), "UNAUTHENTICATED");
    assert_eq!(
        wrong["errors"][0]["message"],
        unknown["errors"][0]["message"]
    );
}

#[tokio::test]
async fn a_bad_token_refuses_the_request_with_one_generic_message() {
    let app = TestApp::spawn().await;
    let mut messages = Vec::new();
    for header in [
        "Bearer nonsense",
        "Bearer a.b.c",
        "Basic dXNlcjpwYXNz",
        "Bearer ",
    ] {
        let response = app
            .graphql_with(
                "{ regions { code } }",
                json!({}),
                &[("authorization", header)],
            )
            .await;
        assert_eq!(error_code(&response), "UNAUTHENTICATED", "{header}");
        assert!(response["data"].is_null(), "{header}");
        messages.push(
            response["errors"][0]["message"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    messages.dedup();
    assert_eq!(messages.len(), 1, "{messages:?}");
}

#[tokio::test]
async fn refresh_rotates_and_a_reused_token_signs_out_the_whole_family() {
    let app = TestApp::spawn().await;
    let reader = app.account(Role::Reader).await;
    let first = app.graphql(REFRESH, json!({ "t": reader.refresh })).await;
    let second_token = data(&first)["refreshToken"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_owned();
    // Past the grace in which a retry would get the same answer.
    app.clock.advance(chrono::Duration::seconds(31));
    let reused = app.graphql(REFRESH, json!({ "t": reader.refresh })).await;
    assert_eq!(
        error_code(&reused),
        "UNAUTHENTICATED",
        "the old token is spent"
    );
    let after_reuse = app.graphql(REFRESH, json!({ "t": second_token })).await;
    assert_eq!(
        error_code(&after_reuse),
        "UNAUTHENTICATED",
        "reuse revoked the family"
    );
}

#[tokio::test]
async fn an_access_token_expires_by_the_services_clock_and_a_refresh_renews_it() {
    use chrono::Duration;
    use polisia_api::auth::{
        refresh::REFRESH_TOKEN_TTL_DAYS,
        tokens::{ACCESS_TOKEN_TTL_SECS, LEEWAY_SECS},
    };

    let app = TestApp::spawn().await;
    let reader = app.account(Role::Reader).await;
    let me = "{ viewer { id } }";
    let viewer_id = |response: &serde_json::Value| data(response)["viewer"]["id"].clone();
    // Accepted for its fifteen minutes and the leeway for clock skew, and no longer.
    app.clock.advance(Duration::seconds(
        ACCESS_TOKEN_TTL_SECS + LEEWAY_SECS as i64,
    ));
    let late = app.graphql_as(&reader, me, json!({})).await;
    assert_eq!(viewer_id(&late), reader.id.as_str());
    app.clock.advance(Duration::seconds(1));
    let expired = app.graphql_as(&reader, me, json!({})).await;
    assert_eq!(error_code(&expired), "UNAUTHENTICATED");

    // The refresh token gets a new access token, and lives its thirty days.
    let renewed = app.graphql(REFRESH, json!({ "t": reader.refresh })).await;
    let access = data(&renewed)["refreshToken"]["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let bearer = format!("Bearer {access}");
    let again = app
        .graphql_with(me, json!({}), &[("authorization", &bearer)])
        .await;
    assert_eq!(viewer_id(&again), reader.id.as_str());
    let spare = data(&renewed)["refreshToken"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_owned();
    app.clock.advance(Duration::days(REFRESH_TOKEN_TTL_DAYS));
    let too_late = app.graphql(REFRESH, json!({ "t": spare })).await;
    assert_eq!(error_code(&too_late), "UNAUTHENTICATED");
}

#[tokio::test]
async fn logout_revokes_the_refresh_token() {
    let app = TestApp::spawn().await;
    let reader = app.account(Role::Reader).await;
    let out = app
        .graphql(
            "mutation($t: String!) { logout(refreshToken: $t) { ok } }",
            json!({ "t": reader.refresh }),
        )
        .await;
    assert_eq!(data(&out)["logout"]["ok"], true);
    let refreshed = app.graphql(REFRESH, json!({ "t": reader.refresh })).await;
    assert_eq!(error_code(&refreshed), "UNAUTHENTICATED");
}

#[tokio::test]
async fn readers_register_themselves_and_only_admins_manage_accounts() {
    let app = TestApp::spawn().await;
    let registered = app
        .graphql(
            "mutation { register(input: { email: \"new@example.kz\", password: \"long-enough-pass\", displayName: \"Новый читатель\" }) { user { role } } }",
            json!({}),
        )
        .await;
    assert_eq!(data(&registered)["register"]["user"]["role"], "READER");
    let short = app
        .graphql("mutation { register(input: { email: \"x@example.kz\", password: \"short\", displayName: \"X\" }) { user { role } } }", json!({}))
        .await;
    assert_eq!(error_code(&short), "BAD_USER_INPUT");
    assert_eq!(short["errors"][0]["extensions"]["field"], "input.password");

    let create = "mutation($r: Role!) { createUser(input: { email: \"staff@example.kz\", password: \"long-enough-pass\", displayName: \"Staff\", role: $r }) { user { id role } } }";
    let anonymous = app.graphql(create, json!({ "r": "EDITOR" })).await;
    assert_eq!(error_code(&anonymous), "UNAUTHENTICATED");
    let editor = app.account(Role::Editor).await;
    let forbidden = app
        .graphql_as(&editor, create, json!({ "r": "EDITOR" }))
        .await;
    assert_eq!(error_code(&forbidden), "FORBIDDEN");
    let admin = app.account(Role::Admin).await;
    let created = app
        .graphql_as(&admin, create, json!({ "r": "EDITOR" }))
        .await;
    let id = data(&created)["createUser"]["user"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let duplicate = app
        .graphql_as(&admin, create, json!({ "r": "EDITOR" }))
        .await;
    assert_eq!(error_code(&duplicate), "CONFLICT");

    let promoted = app
        .graphql_as(
            &admin,
            "mutation($id: ID!) { updateUserRole(id: $id, role: MODERATOR) { user { role } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        data(&promoted)["updateUserRole"]["user"]["role"],
        "MODERATOR"
    );
}

#[tokio::test]
async fn a_disabled_account_can_neither_sign_in_nor_refresh() {
    let app = TestApp::spawn().await;
    let admin = app.account(Role::Admin).await;
    let author = app.account(Role::Author).await;
    let disabled = app
        .graphql_as(
            &admin,
            "mutation($id: ID!) { setUserDisabled(id: $id, disabled: true) { user { id } } }",
            json!({ "id": author.id }),
        )
        .await;
    assert!(disabled.get("errors").is_none(), "{disabled}");
    let refresh = app.graphql(REFRESH, json!({ "t": author.refresh })).await;
    assert_eq!(error_code(&refresh), "UNAUTHENTICATED");
    let login = app
        .graphql(LOGIN, json!({ "e": author.email, "p": author.password }))
        .await;
    assert_eq!(error_code(&login), "UNAUTHENTICATED");
}
