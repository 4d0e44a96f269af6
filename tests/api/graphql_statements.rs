//! No N+1: the front page costs the same number of SQL statements for 5 articles as
//! for 50. "Read also" adds one pair of statements when some article on the page
//! needs the shared-tags tier, whatever the number of such articles.
//!
//! The query asks for what the front page shows. Each relation is loaded in one batch
//! per level; a relation asked for at two levels that finish at different moments
//! (say `meeting { region }` beside `related { region }`) may take one batch or two
//! depending on timing, which is why the count is measured on this shape.

use serde_json::json;

use crate::helpers::{TestApp, data};

const FRONT_PAGE: &str = r#"query($first: Int) {
  articles(first: $first) {
    edges { node {
      id slug title lead publishedAt coverImage { url alt }
      region { code name }
      tags { slug name }
      author { displayName }
      meeting { title heldOn }
      participants { fullName position }
      quotes { text kind participant { fullName } }
      commentCount
      related(first: 3) { slug title publishedAt }
    } }
    pageInfo { hasNextPage endCursor }
  }
}"#;

#[tokio::test]
async fn the_front_page_costs_the_same_statements_for_5_and_for_50_articles() {
    let app = TestApp::spawn().await;
    polisia_api::seed::bulk::generate(app.conn(), 120, 2, app.clock.now())
        .await
        .unwrap();
    let mut counts = Vec::new();
    for first in [5, 50] {
        let before = app.state.db.statements.get();
        let response = app.graphql(FRONT_PAGE, json!({ "first": first })).await;
        let after = app.state.db.statements.get();
        let edges = data(&response)["articles"]["edges"].as_array().unwrap();
        assert_eq!(edges.len(), first);
        assert!(
            edges
                .iter()
                .all(|e| e["node"]["related"].as_array().unwrap().len() == 3)
        );
        assert!(edges.iter().any(|e| !e["node"]["meeting"].is_null()));
        counts.push(after - before);
    }
    assert!(
        counts[0] <= counts[1] && counts[1] <= counts[0] + 2,
        "statements for 5 and 50 articles: {counts:?}"
    );
    assert!(
        counts[1] <= 15,
        "a handful of batched statements, got {counts:?}"
    );
    println!("front page: {counts:?} SQL statements for 5 and 50 articles");

    // Without "read also" the count is exactly the same.
    let plain = FRONT_PAGE.replace("related(first: 3) { slug title publishedAt }", "");
    let mut counts = Vec::new();
    for first in [5, 50] {
        let before = app.state.db.statements.get();
        let response = app.graphql(&plain, json!({ "first": first })).await;
        counts.push(app.state.db.statements.get() - before);
        assert_eq!(
            data(&response)["articles"]["edges"]
                .as_array()
                .unwrap()
                .len(),
            first
        );
    }
    assert_eq!(counts[0], counts[1], "without related: {counts:?}");
    assert!(counts[0] <= 10, "without related: {counts:?}");
}
