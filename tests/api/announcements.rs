//! `articlePublished`: subscribers hear of an article when it becomes public, at once
//! or at its scheduled moment, and not of one taken back before its time.

use std::time::Duration;

use polisia_api::{
    domain::{ArticleStatus, Role},
    entity::region,
};
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::{Value, json};

use crate::{
    comments::encode,
    fixtures::NewArticle,
    helpers::{Account, Subscription, TestApp, data},
};

const PUBLISHED: &str = "subscription($r: ID) { articlePublished(regionId: $r) { title } }";

const PUBLISH: &str =
    "mutation($id: ID!, $at: DateTime) { publishArticle(id: $id, at: $at) { article { status } } }";

/// A draft in `region`; returns its GraphQL id.
async fn draft(app: &TestApp, title: &str, region: uuid::Uuid) -> String {
    let article = NewArticle::published(title, 0)
        .status(ArticleStatus::Draft)
        .at(None)
        .region(region)
        .insert(app.conn())
        .await;
    encode("Article", article.id)
}

async fn publish(app: &TestApp, editor: &Account, id: &str, at: Option<String>) {
    let answer = app
        .graphql_as(editor, PUBLISH, json!({ "id": id, "at": at }))
        .await;
    assert_eq!(
        data(&answer)["publishArticle"]["article"]["status"],
        "PUBLISHED",
        "{answer}"
    );
}

async fn two_regions(app: &TestApp) -> (uuid::Uuid, uuid::Uuid) {
    let regions = region::Entity::find()
        .order_by_asc(region::Column::Code)
        .all(app.conn())
        .await
        .unwrap();
    (regions[0].id, regions[1].id)
}

fn title(event: Option<Value>) -> Option<String> {
    event.map(|data| {
        data["articlePublished"]["title"]
            .as_str()
            .unwrap()
            .to_owned()
    })
}

#[tokio::test]
async fn publishing_now_is_heard_at_once_by_the_regions_subscribers() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let (here, elsewhere) = two_regions(&app).await;
    let mut everywhere = Subscription::open(&app, PUBLISHED, json!({})).await;
    let mut in_region =
        Subscription::open(&app, PUBLISHED, json!({ "r": encode("Region", here) })).await;

    let id = draft(&app, "Рейд в другом регионе", elsewhere).await;
    publish(&app, &editor, &id, None).await;
    let id = draft(&app, "Рейд здесь", here).await;
    publish(&app, &editor, &id, None).await;

    let wait = Duration::from_secs(5);
    assert_eq!(
        title(everywhere.next_within(wait).await).as_deref(),
        Some("Рейд в другом регионе")
    );
    assert_eq!(
        title(everywhere.next_within(wait).await).as_deref(),
        Some("Рейд здесь")
    );
    // The other region's article never reached this subscriber.
    assert_eq!(
        title(in_region.next_within(wait).await).as_deref(),
        Some("Рейд здесь")
    );
}

#[tokio::test]
async fn a_scheduled_article_is_heard_at_its_moment_and_one_taken_back_never() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let (here, _) = two_regions(&app).await;
    let mut subscription = Subscription::open(&app, PUBLISHED, json!({})).await;

    let start = app.clock.now();
    let soon = |seconds| Some((start + chrono::Duration::seconds(seconds)).to_rfc3339());
    let withdrawn = draft(&app, "Отменённый анонс", here).await;
    publish(&app, &editor, &withdrawn, soon(2)).await;
    let due = draft(&app, "Анонс по расписанию", here).await;
    publish(&app, &editor, &due, soon(3)).await;
    let taken_back = app
        .graphql_as(
            &editor,
            "mutation($id: ID!) { unpublishArticle(id: $id) { article { status } } }",
            json!({ "id": withdrawn }),
        )
        .await;
    assert_eq!(
        data(&taken_back)["unpublishArticle"]["article"]["status"],
        "DRAFT"
    );

    // Up to a moment before it, by the service's clock, nothing is announced.
    app.clock.advance(chrono::Duration::milliseconds(2_999));
    let early = subscription.next_within(Duration::from_millis(1_500)).await;
    assert!(early.is_none(), "nothing before its moment: {early:?}");
    app.clock.advance(chrono::Duration::milliseconds(1));
    assert_eq!(
        title(subscription.next_within(Duration::from_secs(5)).await).as_deref(),
        Some("Анонс по расписанию")
    );
    let more = subscription.next_within(Duration::from_secs(1)).await;
    assert!(
        more.is_none(),
        "the withdrawn one is not announced: {more:?}"
    );
}

#[tokio::test]
async fn an_instance_that_starts_takes_over_the_schedule() {
    let app = TestApp::spawn().await;
    let (here, _) = two_regions(&app).await;
    // Scheduled before this instance started (by another one, say).
    NewArticle::published("Анонс после перезапуска", 0)
        .at(Some(app.clock.now() + chrono::Duration::seconds(2)))
        .region(here)
        .insert(app.conn())
        .await;
    // The sibling shares the service's clock.
    let sibling = app.sibling(|_| {}).await;
    let mut subscription = Subscription::open_at(sibling.addr, PUBLISHED, json!({})).await;
    let early = subscription.next_within(Duration::from_millis(500)).await;
    assert!(early.is_none(), "nothing before its moment: {early:?}");
    app.clock.advance(chrono::Duration::seconds(2));
    assert_eq!(
        title(subscription.next_within(Duration::from_secs(6)).await).as_deref(),
        Some("Анонс после перезапуска")
    );
}
