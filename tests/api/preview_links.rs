//! Preview links: a token shows an article's current text (a draft too) to whoever
//! holds it, over REST and GraphQL, never cached; it expires on the service's clock,
//! is revoked at once on every instance, is never a login, and only the article's
//! author and editors make, list and revoke links.

use chrono::Duration;
use polisia_api::domain::Role;
use serde_json::{Value, json};

use crate::{
    graphql_editorial::draft_by,
    helpers::{Account, TestApp, data, error_code},
    rest_support::{assert_conforms, document},
};

const CREATE: &str = "mutation($id: ID!, $s: Int!) { createPreviewLink(articleId: $id, expiresIn: $s) { token previewLink { id expiresAt revokedAt active } } }";
const REVOKE: &str =
    "mutation($id: ID!) { revokePreviewLink(id: $id) { previewLink { id revokedAt active } } }";
const PREVIEW: &str = "query($t: String!) { articlePreview(token: $t) { id title body status } }";
const LINKS: &str = "query($id: ID!) { previewLinks(articleId: $id) { id revokedAt active } }";

fn ok(response: &Value) -> &Value {
    assert!(response.get("errors").is_none(), "{response}");
    data(response)
}

/// A link to `article` made by `account` for `seconds`: its token and global id.
async fn link(app: &TestApp, account: &Account, article: &str, seconds: i64) -> (String, String) {
    let made = app
        .graphql_as(account, CREATE, json!({ "id": article, "s": seconds }))
        .await;
    let made = &ok(&made)["createPreviewLink"];
    (
        made["token"].as_str().unwrap().to_owned(),
        made["previewLink"]["id"].as_str().unwrap().to_owned(),
    )
}

/// The preview over REST: its status, and the title when it opened.
async fn rest_preview(app: &TestApp, token: &str) -> (u16, Option<String>) {
    let answer = app.rest_get(&format!("/api/v1/preview/{token}")).await;
    assert_eq!(
        answer.header("cache-control"),
        "private, no-store",
        "every preview answer is private"
    );
    let title = answer
        .body
        .as_ref()
        .and_then(|b| b["title"].as_str())
        .map(str::to_owned);
    (
        answer.status.as_u16(),
        title.filter(|_| answer.status == 200),
    )
}

/// The preview over GraphQL: the title when it opened.
async fn graphql_preview(app: &TestApp, token: &str) -> Option<String> {
    let answer = app.graphql(PREVIEW, json!({ "t": token })).await;
    ok(&answer)["articlePreview"]["title"]
        .as_str()
        .map(str::to_owned)
}

#[tokio::test]
async fn a_link_shows_the_current_draft_to_anyone_until_it_expires() {
    let app = TestApp::spawn().await;
    let author = app.account(Role::Author).await;
    let draft = draft_by(&app, &author).await;
    let (token, _) = link(&app, &author, &draft, 3600).await;
    assert!(token.starts_with("pv_"), "{token}");

    // REST: the article as it is now, with the article's JSON shape.
    let answer = app.rest_get(&format!("/api/v1/preview/{token}")).await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    assert_eq!(answer.header("cache-control"), "private, no-store");
    assert!(answer.headers.get("etag").is_none());
    assert!(answer.headers.get("cache-tag").is_none());
    assert_conforms(&document(), "ArticleDetail", answer.json());
    assert_eq!(answer.json()["body"], "<p>Текст</p>");

    // GraphQL over POST and GET: the draft, private.
    let body = json!({ "query": PREVIEW, "variables": { "t": token } }).to_string();
    let post = app
        .graphql_http(
            reqwest::Method::POST,
            "",
            &[("content-type", "application/json")],
            body,
        )
        .await;
    assert_eq!(post.header("cache-control"), "private, no-store");
    assert_eq!(post.json()["data"]["articlePreview"]["status"], "DRAFT");
    assert_eq!(
        post.json()["data"]["articlePreview"]["body"],
        "<p>Текст</p>"
    );
    let query_string = format!(
        "?query={}&variables={}",
        urlencoding(PREVIEW),
        urlencoding(&json!({ "t": token }).to_string())
    );
    let get = app
        .graphql_http(reqwest::Method::GET, &query_string, &[], "")
        .await;
    assert_eq!(get.status, 200, "{:?}", get.body);
    assert_eq!(get.header("cache-control"), "private, no-store");
    assert!(get.headers.get("etag").is_none());
    assert_eq!(get.json()["data"]["articlePreview"]["status"], "DRAFT");

    // An edit shows at once: the link shows the article as it is now.
    ok(&app
        .graphql_as(
            &author,
            "mutation($id: ID!) { updateArticle(id: $id, input: { version: 1, title: \"Новый заголовок черновика\" }) { article { id } } }",
            json!({ "id": draft }),
        )
        .await);
    assert_eq!(
        rest_preview(&app, &token).await,
        (200, Some("Новый заголовок черновика".into()))
    );

    // Expiry on the service's clock.
    app.clock.advance(Duration::seconds(3599));
    assert_eq!(rest_preview(&app, &token).await.0, 200);
    app.clock.advance(Duration::seconds(1));
    assert_eq!(rest_preview(&app, &token).await, (404, None));
    assert_eq!(graphql_preview(&app, &token).await, None);
    // The author's access token has expired meanwhile: an editor looks.
    let editor = app.account(Role::Editor).await;
    let links = app.graphql_as(&editor, LINKS, json!({ "id": draft })).await;
    assert_eq!(ok(&links)["previewLinks"][0]["active"], false);

    // Nothing else opens anything.
    for token in ["pv_short", "not-a-token", &format!("pv_{}", "A".repeat(43))] {
        assert_eq!(rest_preview(&app, token).await, (404, None), "{token}");
        assert_eq!(graphql_preview(&app, token).await, None, "{token}");
    }
}

fn urlencoding(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn a_link_lives_at_most_seven_days() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let draft = draft_by(&app, &editor).await;
    for seconds in [0, -5, 604_801, 10_000_000] {
        let refused = app
            .graphql_as(&editor, CREATE, json!({ "id": draft, "s": seconds }))
            .await;
        assert_eq!(error_code(&refused), "BAD_USER_INPUT", "{seconds}");
        assert_eq!(refused["errors"][0]["extensions"]["field"], "expiresIn");
    }
    let bearer = editor.bearer();
    let refused = app
        .rest_post_json_with(
            &format!("/api/v1/articles/{draft}/preview-links"),
            &json!({ "expiresIn": 604_801 }),
            &[("authorization", &bearer)],
        )
        .await;
    assert_eq!(refused.status, 400);
    assert_eq!(refused.json()["errors"][0]["field"], "expiresIn");

    let made = app
        .rest_post_json_with(
            &format!("/api/v1/articles/{draft}/preview-links"),
            &json!({ "expiresIn": 604_800 }),
            &[("authorization", &bearer)],
        )
        .await;
    assert_eq!(made.status, 201, "{:?}", made.body);
    assert_conforms(&document(), "CreatedPreviewLink", made.json());
    let expires: chrono::DateTime<chrono::Utc> = made.json()["link"]["expiresAt"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(expires, app.clock.now() + Duration::days(7));
    let token = made.json()["token"].as_str().unwrap().to_owned();
    assert!(
        made.json()["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/api/v1/preview/{token}"))
    );
    app.clock.advance(Duration::days(7) - Duration::seconds(1));
    assert_eq!(rest_preview(&app, &token).await.0, 200);
}

#[tokio::test]
async fn a_revoked_link_stops_working_on_every_instance_and_staff_list_the_links() {
    let app = TestApp::spawn().await;
    let sibling = app.sibling(|_| {}).await;
    let author = app.account(Role::Author).await;
    let draft = draft_by(&app, &author).await;
    let (first, first_id) = link(&app, &author, &draft, 3600).await;
    let (second, second_id) = link(&app, &author, &draft, 3600).await;
    let on_sibling = |token: String| {
        let url = sibling.url(&format!("/api/v1/preview/{token}"));
        let client = app.client.clone();
        async move { client.get(url).send().await.unwrap().status().as_u16() }
    };
    assert_eq!(on_sibling(first.clone()).await, 200);

    // Revoked through this instance, refused at once by the other.
    app.clock.advance(Duration::minutes(3));
    let revoked = app
        .graphql_as(&author, REVOKE, json!({ "id": first_id }))
        .await;
    let revoked = &ok(&revoked)["revokePreviewLink"]["previewLink"];
    assert_eq!(revoked["active"], false);
    let at: chrono::DateTime<chrono::Utc> = revoked["revokedAt"].as_str().unwrap().parse().unwrap();
    assert_eq!(at, app.clock.now());
    assert_eq!(on_sibling(first.clone()).await, 404);
    assert_eq!(rest_preview(&app, &first).await, (404, None));
    assert_eq!(graphql_preview(&app, &first).await, None);
    // The other link still works.
    assert_eq!(on_sibling(second.clone()).await, 200);

    // Revoking twice keeps the first moment.
    app.clock.advance(Duration::minutes(1));
    let again = app
        .graphql_as(&author, REVOKE, json!({ "id": first_id }))
        .await;
    assert_eq!(
        ok(&again)["revokePreviewLink"]["previewLink"]["revokedAt"],
        revoked["revokedAt"]
    );

    // REST: listed newest first, revoked with DELETE.
    let bearer = author.bearer();
    let second_uuid = decode(&second_id);
    let gone = app
        .rest(
            reqwest::Method::DELETE,
            &format!("/api/v1/preview-links/{second_uuid}"),
            &[("authorization", &bearer)],
            None,
        )
        .await;
    assert_eq!(gone.status, 200, "{:?}", gone.body);
    assert_conforms(&document(), "PreviewLinkDto", gone.json());
    assert_eq!(on_sibling(second).await, 404);
    let listed = app
        .rest_get_with(
            &format!("/api/v1/articles/{draft}/preview-links"),
            &[("authorization", &bearer)],
        )
        .await;
    assert_eq!(listed.status, 200);
    assert_eq!(listed.header("cache-control"), "private, no-store");
    assert_conforms(&document(), "PreviewLinkList", listed.json());
    let ids: Vec<&str> = listed.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [second_uuid.to_string(), decode(&first_id).to_string()]
    );
    let graphql = app.graphql_as(&author, LINKS, json!({ "id": draft })).await;
    let graphql = ok(&graphql)["previewLinks"].as_array().unwrap().clone();
    assert_eq!(graphql.len(), 2);
    assert!(graphql.iter().all(|l| l["active"] == false));
}

/// The UUID inside a global id.
fn decode(global: &str) -> uuid::Uuid {
    use base64::Engine;
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(global)
        .unwrap();
    let text = String::from_utf8(raw).unwrap();
    text.split_once(':').unwrap().1.parse().unwrap()
}

#[tokio::test]
async fn a_preview_token_is_no_login_and_a_login_is_no_preview() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let draft = draft_by(&app, &editor).await;
    let (token, _) = link(&app, &editor, &draft, 3600).await;
    let bearer = format!("Bearer {token}");
    let viewer = app
        .graphql_with(
            "{ viewer { id } }",
            json!({}),
            &[("authorization", &bearer)],
        )
        .await;
    assert_eq!(error_code(&viewer), "UNAUTHENTICATED", "{viewer}");
    let refused = app
        .rest_post_json_with(
            &format!("/api/v1/articles/{draft}/preview-links"),
            &json!({ "expiresIn": 60 }),
            &[("authorization", &bearer)],
        )
        .await;
    assert_eq!(refused.status, 401);
    // The editor's own access token opens no preview.
    assert_eq!(rest_preview(&app, &editor.access).await, (404, None));
    assert_eq!(graphql_preview(&app, &editor.access).await, None);
    assert_eq!(graphql_preview(&app, &editor.refresh).await, None);
}

#[tokio::test]
async fn the_micro_cache_never_keeps_a_preview() {
    let app = TestApp::spawn_with(|args| args.micro_cache_ms = "60000".into()).await;
    let editor = app.account(Role::Editor).await;
    let draft = draft_by(&app, &editor).await;
    let (token, id) = link(&app, &editor, &draft, 3600).await;
    for _ in 0..2 {
        assert_eq!(rest_preview(&app, &token).await.0, 200);
        assert!(graphql_preview(&app, &token).await.is_some());
    }
    // Revoked behind the service's back: no change on the bus starts a new
    // generation, so only an answer that was never kept can tell.
    polisia_api::store::preview_links::revoke(app.conn(), decode(&id), app.clock.now())
        .await
        .unwrap();
    assert_eq!(rest_preview(&app, &token).await, (404, None));
    assert_eq!(graphql_preview(&app, &token).await, None);
}

#[tokio::test]
async fn the_permission_table_holds_for_preview_links() {
    let app = TestApp::spawn().await;
    let owner = app.account(Role::Author).await;
    let draft = draft_by(&app, &owner).await;
    for role in [
        None,
        Some(Role::Reader),
        Some(Role::Author),
        Some(Role::Moderator),
        Some(Role::Editor),
        Some(Role::Admin),
    ] {
        let account = match role {
            Some(role) => Some(app.account(role).await),
            None => None,
        };
        let may = matches!(role, Some(Role::Editor | Role::Admin));
        let (code, status) = match role {
            None => ("UNAUTHENTICATED", 401),
            _ if may => ("", 201),
            _ => ("FORBIDDEN", 403),
        };
        let made = match &account {
            Some(a) => {
                app.graphql_as(a, CREATE, json!({ "id": draft, "s": 60 }))
                    .await
            }
            None => app.graphql(CREATE, json!({ "id": draft, "s": 60 })).await,
        };
        if may {
            ok(&made);
        } else {
            assert_eq!(
                error_code(&made),
                code,
                "createPreviewLink as {role:?}: {made}"
            );
        }
        let bearer = account.as_ref().map(Account::bearer);
        let headers: Vec<(&str, &str)> = bearer
            .iter()
            .map(|b| ("authorization", b.as_str()))
            .collect();
        let rest = app
            .rest_post_json_with(
                &format!("/api/v1/articles/{draft}/preview-links"),
                &json!({ "expiresIn": 60 }),
                &headers,
            )
            .await;
        assert_eq!(rest.status, status, "REST as {role:?}: {:?}", rest.body);
        let listed = app
            .rest_get_with(&format!("/api/v1/articles/{draft}/preview-links"), &headers)
            .await;
        assert_eq!(
            listed.status,
            if may { 200 } else { status },
            "list as {role:?}"
        );
    }
    // The author: their own draft, not another author's.
    let (_, own_link) = link(&app, &owner, &draft, 60).await;
    let other_author = app.account(Role::Author).await;
    let other_draft = draft_by(&app, &other_author).await;
    let refused = app
        .graphql_as(&owner, CREATE, json!({ "id": other_draft, "s": 60 }))
        .await;
    assert_eq!(error_code(&refused), "FORBIDDEN");
    let refused = app
        .rest_post_json_with(
            &format!("/api/v1/articles/{other_draft}/preview-links"),
            &json!({ "expiresIn": 60 }),
            &[("authorization", &owner.bearer())],
        )
        .await;
    assert_eq!(refused.status, 403);
    let refused = app
        .graphql_as(&other_author, REVOKE, json!({ "id": own_link }))
        .await;
    assert_eq!(error_code(&refused), "FORBIDDEN");
    let refused = app
        .graphql_as(&other_author, LINKS, json!({ "id": draft }))
        .await;
    assert_eq!(error_code(&refused), "FORBIDDEN");
    let reader = app.account(Role::Reader).await;
    let refused = app
        .graphql_as(&reader, REVOKE, json!({ "id": own_link }))
        .await;
    assert_eq!(error_code(&refused), "FORBIDDEN");
    let refused = app.graphql(REVOKE, json!({ "id": own_link })).await;
    assert_eq!(error_code(&refused), "UNAUTHENTICATED");
    // Still working after every refused revocation.
    let listed = app.graphql_as(&owner, LINKS, json!({ "id": draft })).await;
    let listed = ok(&listed)["previewLinks"].as_array().unwrap().clone();
    assert!(
        listed
            .iter()
            .any(|l| l["id"] == own_link.as_str() && l["active"] == true)
    );
}
