//! `GET /api/v1/articles/{idOrSlug}/comments`: approved comments, threaded.

use polisia_api::domain::CommentStatus::{Approved, Pending, Rejected, Spam};
use serde_json::Value;

use crate::{
    fixtures::{self, NewArticle},
    helpers::TestApp,
    rest_support::{assert_matches_doc, bad_input, document, get_json},
};

fn bodies(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["body"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn only_approved_comments_appear_with_their_visible_threads() {
    let app = TestApp::spawn().await;
    let db = app.conn();
    let article = NewArticle::published("with comments", 5).insert(db).await;
    let id = article.id;
    let a = fixtures::comment(db, id, None, Approved, "A").await;
    let a1 = fixtures::comment(db, id, Some(&a), Approved, "A1").await;
    let a1a = fixtures::comment(db, id, Some(&a1), Approved, "A1a").await;
    let a2 = fixtures::comment(db, id, Some(&a), Pending, "A2 pending").await;
    fixtures::comment(db, id, Some(&a2), Approved, "under a pending reply").await;
    let b = fixtures::comment(db, id, None, Pending, "B pending").await;
    fixtures::comment(db, id, Some(&b), Approved, "under a pending comment").await;
    fixtures::comment(db, id, None, Spam, "spam").await;
    fixtures::comment(db, id, None, Rejected, "rejected").await;
    let c = fixtures::comment(db, id, None, Approved, "C").await;

    let response = app
        .get(&format!("/api/v1/articles/{}/comments", article.slug))
        .await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    assert!(!text.contains("reader-secret"), "an email leaked: {text}");
    assert!(!text.contains('@'), "an email leaked: {text}");
    let list: Value = serde_json::from_str(&text).unwrap();
    assert_matches_doc(&document(), "/api/v1/articles/{idOrSlug}/comments", &list);
    assert_eq!(bodies(&list), ["A", "C"]);
    let replies = list["items"][0]["replies"].as_array().unwrap();
    let thread: Vec<(&str, &str, i64)> = replies
        .iter()
        .map(|r| {
            (
                r["body"].as_str().unwrap(),
                r["parentId"].as_str().unwrap(),
                r["depth"].as_i64().unwrap(),
            )
        })
        .collect();
    let (a_id, a1_id) = (a.id.to_string(), a1.id.to_string());
    assert_eq!(
        thread,
        [("A1", a_id.as_str(), 1), ("A1a", a1_id.as_str(), 2)]
    );
    assert_eq!(a1a.depth, 2);
    assert_eq!(list["items"][1]["id"], c.id.to_string());
    assert!(list["items"][1]["replies"].as_array().unwrap().is_empty());

    // The count is the store's shared with GraphQL: every approved comment, also
    // those under a hidden one (A, A1, A1a, C and the two orphaned replies).
    let detail = get_json(&app, &format!("/api/v1/articles/{}", article.id)).await;
    assert_eq!(detail["commentCount"], 6);
}

#[tokio::test]
async fn comments_page_by_cursor_to_the_end_without_repeats() {
    let app = TestApp::spawn().await;
    let db = app.conn();
    let article = NewArticle::published("busy", 5).insert(db).await;
    for i in 0..5 {
        fixtures::comment(db, article.id, None, Approved, &format!("c{i}")).await;
    }
    let mut seen = Vec::new();
    let mut path = format!("/api/v1/articles/{}/comments?limit=2", article.id);
    let mut pages = 0;
    loop {
        let page = get_json(&app, &path).await;
        seen.extend(bodies(&page));
        pages += 1;
        match page["nextCursor"].as_str() {
            Some(next) => {
                path = format!(
                    "/api/v1/articles/{}/comments?limit=2&cursor={next}",
                    article.id
                )
            }
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(
        seen,
        ["c0", "c1", "c2", "c3", "c4"],
        "oldest first, each once"
    );
}

#[tokio::test]
async fn bad_paging_is_400_and_an_unknown_article_404() {
    let app = TestApp::spawn().await;
    let article = NewArticle::published("quiet", 5).insert(app.conn()).await;
    let base = format!("/api/v1/articles/{}/comments", article.id);
    bad_input(&app, &format!("{base}?limit=500"), "limit").await;
    bad_input(&app, &format!("{base}?cursor=zzz"), "cursor").await;
    let article_cursor = get_json(&app, "/api/v1/articles?limit=0").await;
    assert!(article_cursor["nextCursor"].is_null());
    let response = app.get("/api/v1/articles/nothing-here/comments").await;
    assert_eq!(response.status(), 404);
}
