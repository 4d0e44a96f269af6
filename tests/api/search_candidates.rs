//! `search` over more matches than it ranks: the most recently created candidates,
//! paged through in a stable order.

use std::collections::HashSet;

use polisia_api::store::{search::MAX_CANDIDATES, search_index};
use serde_json::json;

use crate::{
    fixtures::NewArticle,
    helpers::{TestApp, data},
    search::{search, titles},
};

#[tokio::test]
async fn a_common_word_pages_through_its_most_recent_matches_once_each() {
    let app = TestApp::spawn().await;
    let older = 7;
    for i in 0..older {
        NewArticle::published(&format!("Ранний патруль {i}"), 5)
            .insert(app.conn())
            .await;
    }
    for i in 0..MAX_CANDIDATES {
        // Publication times differ from creation order, so ranks do too.
        NewArticle::published(&format!("Патруль {i}"), (i as i64 * 37) % 1_000 + 1)
            .insert(app.conn())
            .await;
    }
    search_index::backfill(app.conn()).await.unwrap();

    let mut seen = HashSet::new();
    let mut after: Option<String> = None;
    let mut ranks = Vec::new();
    let mut pages = 0;
    loop {
        let page = search(&app, "патруль", json!({ "first": 100, "after": after })).await;
        assert_eq!(
            data(&page)["search"]["totalCount"],
            MAX_CANDIDATES,
            "{page}"
        );
        for title in titles(&page) {
            assert!(seen.insert(title.clone()), "{title} came twice");
        }
        for edge in data(&page)["search"]["edges"].as_array().unwrap() {
            ranks.push(edge["rank"].as_f64().unwrap());
        }
        if pages == 0 {
            // Published while the client pages: not among this search's candidates.
            NewArticle::published("Свежий патруль", 0)
                .insert(app.conn())
                .await;
            search_index::backfill(app.conn()).await.unwrap();
        }
        pages += 1;
        let info = &data(&page)["search"]["pageInfo"];
        if info["hasNextPage"] == false {
            break;
        }
        after = info["endCursor"].as_str().map(str::to_owned);
    }
    assert_eq!(seen.len() as u64, MAX_CANDIDATES);
    assert!(seen.iter().all(|t| t.starts_with("Патруль")), "{seen:?}");
    assert!(ranks.windows(2).all(|w| w[0] >= w[1]), "best first");

    // A new search sees the new article, and still ranks no more than the bound.
    let fresh = search(&app, "патруль", json!({ "first": 1 })).await;
    assert_eq!(data(&fresh)["search"]["totalCount"], MAX_CANDIDATES);
    assert_eq!(titles(&fresh), ["Свежий патруль"]);
}
