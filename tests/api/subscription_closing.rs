//! A socket lives as long as the credentials it was opened with: it closes with 4403
//! (the protocol's Forbidden, after which a client connects again with a new token)
//! when its access token expires by the service's clock, and when an administrator
//! disables or demotes the account. A token refused at `connection_init` closes with
//! 4403 too. An anonymous socket never expires.

use std::time::Duration;

use chrono::Duration as Span;
use polisia_api::{
    auth::tokens,
    domain::{CommentStatus, Role},
};
use serde_json::{Value, json};

use crate::{
    comments::encode,
    fixtures::{self, NewArticle},
    helpers::{Account, Subscription, TestApp, data},
};

const FORBIDDEN: u16 = 4403;

/// How long a socket is watched for a close that must come.
const WITHIN: Duration = Duration::from_secs(5);

/// How long a socket is watched for a close that must not come.
const A_WHILE: Duration = Duration::from_millis(500);

const PUBLISHED: &str = "subscription { articlePublished { title } }";

async fn ok(app: &TestApp, account: &Account, query: &str, variables: Value) {
    let answer = app.graphql_as(account, query, variables).await;
    data(&answer);
}

/// The moment the service refuses `account`'s access token.
fn token_end(app: &TestApp, account: &Account) -> chrono::DateTime<chrono::Utc> {
    tokens::verify(&app.state.keys, &account.access, app.clock.now())
        .expect("a valid token")
        .refused_from()
}

async fn set_role(app: &TestApp, admin: &Account, account: &Account, role: &str) {
    let change =
        "mutation($id: ID!, $r: Role!) { updateUserRole(id: $id, role: $r) { user { role } } }";
    ok(app, admin, change, json!({ "id": account.id, "r": role })).await;
}

#[tokio::test]
async fn a_socket_closes_when_the_clock_passes_its_tokens_expiry() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let end = token_end(&app, &editor);
    let mut subscription = Subscription::open_as(&app, &editor, PUBLISHED, json!({})).await;

    app.clock.set(end - Span::microseconds(1));
    assert_eq!(
        subscription.closed_within(A_WHILE).await,
        None,
        "open while a request with the token would be answered"
    );
    app.clock.set(end);
    assert_eq!(subscription.closed_within(WITHIN).await, Some(FORBIDDEN));
    assert_eq!(
        Subscription::refused(&app, &editor.bearer()).await,
        FORBIDDEN,
        "the same token is refused at connection_init"
    );
}

#[tokio::test]
async fn a_socket_closes_when_an_admin_disables_its_account() {
    let app = TestApp::spawn().await;
    let admin = app.account(Role::Admin).await;
    let editor = app.account(Role::Editor).await;
    let mut subscription = Subscription::open_as(&app, &editor, PUBLISHED, json!({})).await;
    let disable = "mutation($id: ID!) { setUserDisabled(id: $id, disabled: true) { user { id } } }";
    ok(&app, &admin, disable, json!({ "id": editor.id })).await;
    assert_eq!(subscription.closed_within(WITHIN).await, Some(FORBIDDEN));
    assert_eq!(
        Subscription::refused(&app, &editor.bearer()).await,
        FORBIDDEN,
        "its token, valid for minutes yet, opens no other socket"
    );
}

#[tokio::test]
async fn a_socket_closes_when_an_admin_demotes_its_account_before_answering_another_event() {
    let app = TestApp::spawn().await;
    let admin = app.account(Role::Admin).await;
    let editor = app.account(Role::Editor).await;
    let article = NewArticle::published("Приём граждан", 60)
        .insert(app.conn())
        .await;
    let comment = fixtures::comment(
        app.conn(),
        article.id,
        None,
        CommentStatus::Pending,
        "Вопрос",
    )
    .await;
    let query = "subscription($a: ID!) { commentAdded(articleId: $a) { body authorEmail } }";
    let variables = json!({ "a": encode("Article", article.id) });
    let mut subscription = Subscription::open_as(&app, &editor, query, variables).await;

    set_role(&app, &admin, &editor, "READER").await;
    // Approved right after: the event must not be answered with the editor's role
    // (`closed_within` fails on any message before the close).
    let approve =
        "mutation($id: ID!) { moderateComment(id: $id, status: APPROVED) { comment { status } } }";
    ok(
        &app,
        &admin,
        approve,
        json!({ "id": encode("Comment", comment.id) }),
    )
    .await;
    assert_eq!(subscription.closed_within(WITHIN).await, Some(FORBIDDEN));
    assert_eq!(
        Subscription::refused(&app, &editor.bearer()).await,
        FORBIDDEN,
        "a token for a role the account no longer has opens no other socket"
    );
}

#[tokio::test]
async fn a_role_that_still_allows_everything_keeps_the_socket_open() {
    let app = TestApp::spawn().await;
    let admin = app.account(Role::Admin).await;
    let author = app.account(Role::Author).await;
    let mut subscription = Subscription::open_as(&app, &author, PUBLISHED, json!({})).await;
    set_role(&app, &admin, &author, "EDITOR").await;
    assert_eq!(subscription.closed_within(A_WHILE).await, None);
    publish_draft(&app, &admin, "После повышения").await;
    let event = subscription.next_within(WITHIN).await.expect("an event");
    assert_eq!(event["articlePublished"]["title"], "После повышения");
}

#[tokio::test]
async fn an_anonymous_socket_stays_open_however_far_the_clock_moves() {
    let app = TestApp::spawn().await;
    let mut subscription = Subscription::open(&app, PUBLISHED, json!({})).await;
    app.clock.advance(Span::days(400));
    assert_eq!(subscription.closed_within(A_WHILE).await, None);
    // Signed in now, so that the editor's token is valid at the clock's new time.
    let editor = app.account(Role::Editor).await;
    publish_draft(&app, &editor, "Год спустя").await;
    let event = subscription.next_within(WITHIN).await.expect("an event");
    assert_eq!(event["articlePublished"]["title"], "Год спустя");
}

#[tokio::test]
async fn a_bad_token_at_connection_init_is_refused_with_4403() {
    let app = TestApp::spawn().await;
    assert_eq!(
        Subscription::refused(&app, "Bearer not-a-token").await,
        FORBIDDEN
    );
    let reader = app.account(Role::Reader).await;
    app.clock.set(token_end(&app, &reader));
    assert_eq!(
        Subscription::refused(&app, &reader.bearer()).await,
        FORBIDDEN
    );
}

/// A draft titled `title`, published now by `account`.
async fn publish_draft(app: &TestApp, account: &Account, title: &str) {
    let draft = NewArticle::published(title, 0)
        .status(polisia_api::domain::ArticleStatus::Draft)
        .at(None)
        .insert(app.conn())
        .await;
    let publish = "mutation($id: ID!) { publishArticle(id: $id) { article { status } } }";
    ok(
        app,
        account,
        publish,
        json!({ "id": encode("Article", draft.id) }),
    )
    .await;
}
