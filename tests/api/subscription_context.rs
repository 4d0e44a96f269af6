//! Every event of a subscription is resolved in a context of its own: judged at the
//! moment it happens on the service's clock, with a batch loader that has read
//! nothing yet. A socket stays open for hours; nothing it answers is as of when it
//! opened.

use std::time::Duration;

use chrono::Duration as Span;
use polisia_api::domain::{ArticleStatus, CommentStatus, Language, Role};
use serde_json::{Value, json};

use crate::{
    comments::encode,
    fixtures::{self, NewArticle},
    helpers::{Account, Subscription, TestApp, data},
};

const WITHIN: Duration = Duration::from_secs(5);

async fn ok(app: &TestApp, account: &Account, query: &str, variables: Value) -> Value {
    let answer = app.graphql_as(account, query, variables).await;
    data(&answer);
    answer
}

#[tokio::test]
async fn each_event_sees_what_is_public_at_its_own_moment() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    // An author sees their own drafts and, of everyone else's, what is public at the
    // moment: a scope that depends on the time.
    let author = app.account(Role::Author).await;
    let kazakh = NewArticle::published("Қазақша жаңалық", 0)
        .status(ArticleStatus::Draft)
        .at(None)
        .lang(Language::Kk)
        .insert(app.conn())
        .await;
    let russian = NewArticle::published("Новость по-русски", 0)
        .status(ArticleStatus::Draft)
        .at(None)
        .translation_of(kazakh.translation_group_id)
        .insert(app.conn())
        .await;
    let start = app.clock.now();
    let publish = "mutation($id: ID!, $at: DateTime) { publishArticle(id: $id, at: $at) { article { status } } }";
    for (article, minutes) in [(&kazakh, 4), (&russian, 5)] {
        let at = (start + Span::minutes(minutes)).to_rfc3339();
        let variables = json!({ "id": encode("Article", article.id), "at": at });
        ok(&app, &editor, publish, variables).await;
    }
    let query = "subscription { articlePublished { title translations { title } } }";
    let mut subscription = Subscription::open_as(&app, &author, query, json!({})).await;

    app.clock.advance(Span::minutes(4));
    let first = subscription.next_within(WITHIN).await.expect("an event");
    assert_eq!(
        first["articlePublished"],
        json!({ "title": "Қазақша жаңалық", "translations": [] }),
        "its translation is not out yet"
    );
    app.clock.advance(Span::minutes(1));
    let second = subscription.next_within(WITHIN).await.expect("an event");
    assert_eq!(
        second["articlePublished"],
        json!({
            "title": "Новость по-русски",
            "translations": [{ "title": "Қазақша жаңалық" }],
        }),
        "the translation that came out a minute ago is seen"
    );
}

#[tokio::test]
async fn each_event_reads_rows_afresh_rather_than_from_an_earlier_events_cache() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let article = NewArticle::published("Старый заголовок", 60)
        .insert(app.conn())
        .await;
    let mut pending = Vec::new();
    for body in ["Первый", "Второй"] {
        let comment =
            fixtures::comment(app.conn(), article.id, None, CommentStatus::Pending, body).await;
        pending.push(encode("Comment", comment.id));
    }
    let query = "subscription($a: ID!) { commentAdded(articleId: $a) { body authorEmail article { title } } }";
    let variables = json!({ "a": encode("Article", article.id) });
    let mut subscription = Subscription::open_as(&app, &editor, query, variables).await;
    let approve =
        "mutation($id: ID!) { moderateComment(id: $id, status: APPROVED) { comment { status } } }";

    ok(&app, &editor, approve, json!({ "id": pending[0] })).await;
    let first = subscription.next_within(WITHIN).await.expect("an event");
    assert_eq!(
        first["commentAdded"],
        json!({
            "body": "Первый",
            "authorEmail": "reader-secret@example.com",
            "article": { "title": "Старый заголовок" },
        }),
        "an editor moderates, so sees the email"
    );
    let rename = "mutation($id: ID!, $i: UpdateArticleInput!) { updateArticle(id: $id, input: $i) { article { title } } }";
    let input = json!({ "title": "Новый заголовок", "version": article.version });
    ok(
        &app,
        &editor,
        rename,
        json!({ "id": encode("Article", article.id), "i": input }),
    )
    .await;
    ok(&app, &editor, approve, json!({ "id": pending[1] })).await;
    let second = subscription.next_within(WITHIN).await.expect("an event");
    assert_eq!(second["commentAdded"]["body"], "Второй");
    assert_eq!(
        second["commentAdded"]["article"]["title"], "Новый заголовок",
        "the article as it is now, not as the first event loaded it"
    );
}
