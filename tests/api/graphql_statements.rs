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

/// What an article shows of one article, with its first comments (the shape of an
/// article page).
const ARTICLE_PAGE: &str = r#"query($slug: String!) {
  article(slug: $slug) {
    id slug title lead body publishedAt
    region { code name }
    tags { slug name }
    author { displayName }
    meeting { title heldOn }
    participants { fullName position }
    quotes { text kind participant { fullName } }
    commentCount
    comments(first: 20) {
      edges { node { id authorName body createdAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
}"#;

/// On PostgreSQL, a front page and an article page each compile to one statement.
/// Run on the engine, what a page shows beside each article (tags, people, quotes and
/// their speakers, comment count, author, meeting) is read in one statement: a front
/// page costs two statements (the page and its relations) and an article page three
/// (the article, its relations, its comments). SQLite reads a relation a statement,
/// which costs no round trip there. Either way the answers are the same.
#[tokio::test]
async fn a_page_reads_what_it_shows_of_its_articles_in_one_statement_on_postgresql() {
    let app = TestApp::spawn().await;
    polisia_api::seed::bulk::generate(app.conn(), 60, 3, app.clock.now())
        .await
        .unwrap();
    let postgres = app.conn().get_database_backend() == sea_orm::DbBackend::Postgres;
    let front = FRONT_PAGE.replace("related(first: 3) { slug title publishedAt }", "");
    let measure = |query: String, variables: serde_json::Value| {
        let app = &app;
        async move {
            // Once to let the pool open its connections, whose own statements are
            // no cost of the query; then counted.
            app.graphql(&query, variables.clone()).await;
            let before = app.state.db.statements.get();
            let response = app.graphql(&query, variables).await;
            let cost = app.state.db.statements.get() - before;
            assert!(response.get("errors").is_none(), "{}", response["errors"]);
            (cost, response)
        }
    };

    let (front_cost, response) = measure(front, json!({ "first": 20 })).await;
    let edges = data(&response)["articles"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 20);
    let shown = |field: &str| edges.iter().any(|e| !e["node"][field].is_null());
    assert!(shown("meeting") && shown("author") && shown("region"));
    let nonempty = |field: &str| {
        edges
            .iter()
            .any(|e| !e["node"][field].as_array().unwrap().is_empty())
    };
    // (The generated articles name their people through quotes only.)
    assert!(nonempty("tags") && nonempty("quotes"));
    assert!(
        edges
            .iter()
            .flat_map(|e| e["node"]["quotes"].as_array().unwrap())
            .any(|q| {
                q["participant"]["fullName"]
                    .as_str()
                    .is_some_and(|n| !n.is_empty())
            })
    );
    assert!(
        edges
            .iter()
            .any(|e| e["node"]["commentCount"].as_u64() > Some(0))
    );

    let slug = edges
        .iter()
        .find(|e| e["node"]["commentCount"].as_u64() > Some(0))
        .unwrap()["node"]["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let (article_cost, response) = measure(ARTICLE_PAGE.to_owned(), json!({ "slug": slug })).await;
    let article = &data(&response)["article"];
    assert_eq!(article["slug"], slug.as_str());
    assert!(!article["comments"]["edges"].as_array().unwrap().is_empty());
    assert!(!article["author"].is_null());

    // The same pages on the engine (which alone runs a root with a directive): a
    // statement for the page or article, one for all their relations, and one for
    // the comments.
    let engine =
        |query: &str, root: &str| query.replacen(root, &format!("{root} @include(if: true)"), 1);
    let front = FRONT_PAGE.replace("related(first: 3) { slug title publishedAt }", "");
    let (front_engine, _) = measure(
        engine(&front, "articles(first: $first)"),
        json!({ "first": 20 }),
    )
    .await;
    let (article_engine, _) = measure(
        engine(ARTICLE_PAGE, "article(slug: $slug)"),
        json!({ "slug": slug }),
    )
    .await;

    println!(
        "front page {front_cost} ({front_engine} on the engine), \
         article page {article_cost} ({article_engine} on the engine) statements"
    );
    if postgres {
        assert_eq!(
            (front_cost, article_cost),
            (1, 1),
            "compiled, one statement each"
        );
        assert_eq!(front_engine, 2, "the page and its relations");
        assert_eq!(
            article_engine, 3,
            "the article, its relations, its comments"
        );
    } else {
        assert!(front_cost <= 9 && article_cost <= 10);
        assert_eq!((front_cost, article_cost), (front_engine, article_engine));
    }
}

/// A list reads its articles' text only when a node shows it; the text a node shows
/// is the article's own either way, whether the list asked for it directly, through a
/// fragment, or nested under a tag.
#[tokio::test]
async fn a_list_shows_the_full_text_whether_or_not_it_read_it() {
    let app = TestApp::spawn().await;
    polisia_api::seed::bulk::generate(app.conn(), 30, 1, app.clock.now())
        .await
        .unwrap();
    let own = |slug: &str| {
        let app = &app;
        let slug = slug.to_owned();
        async move {
            let response = app
                .graphql(
                    "query($s: String!) { article(slug: $s) { body bodyText } }",
                    json!({ "s": slug }),
                )
                .await;
            data(&response)["article"].clone()
        }
    };
    let shapes = [
        "{ articles(first: 10) { nodes { slug body bodyText } } }",
        "{ articles(first: 10) { edges { node { slug ...T } } } } \
         fragment T on Article { body bodyText }",
        "{ tags { articles(first: 3) { nodes { slug body bodyText } } } }",
    ];
    for shape in shapes {
        let response = app.graphql(shape, json!({})).await;
        assert!(response.get("errors").is_none(), "{shape}: {response}");
        let text = response.to_string();
        let mut seen = 0;
        for slug in text
            .split("\"slug\":\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap())
        {
            let expected = own(slug).await;
            assert!(!expected["body"].as_str().unwrap().is_empty());
            assert!(
                text.contains(&serde_json::to_string(&expected["body"]).unwrap()),
                "{shape}: the body of {slug}"
            );
            seen += 1;
        }
        assert!(seen >= 3, "{shape}: {seen} articles");
    }
    // Without the text in the selection, the same list still costs the page and
    // its relations, and no statement per article.
    let before = app.state.db.statements.get();
    app.graphql(
        "{ articles(first: 10) { nodes { slug title } } }",
        json!({}),
    )
    .await;
    assert!(app.state.db.statements.get() - before <= 2);
}

/// Uploaded covers, galleries and people's photos are read in a few batches per
/// page, however many articles it holds.
#[tokio::test]
async fn pictures_cost_the_same_statements_for_5_and_for_50_articles() {
    use polisia_api::entity::{article, participant};
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};

    let app = TestApp::spawn().await;
    polisia_api::seed::bulk::generate(app.conn(), 60, 2, app.clock.now())
        .await
        .unwrap();
    let editor = app.account(polisia_api::domain::Role::Editor).await;
    let mut images = Vec::new();
    for (w, h) in [(400, 300), (300, 300), (500, 280)] {
        let image = app
            .upload(&editor.bearer(), &crate::media::pictures::png(w, h))
            .await;
        let image = app.settled(image["id"].as_str().unwrap()).await;
        images.push(uuid::Uuid::parse_str(image["id"].as_str().unwrap()).unwrap());
    }
    for (i, a) in article::Entity::find()
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .enumerate()
    {
        let id = a.id;
        let mut row: article::ActiveModel = a.into();
        row.cover_media_id = Set(Some(images[i % 3]));
        row.update(app.conn()).await.unwrap();
        let gallery = [images[(i + 1) % 3], images[(i + 2) % 3]];
        polisia_api::store::media::set_gallery(app.conn(), id, &gallery)
            .await
            .unwrap();
    }
    for (i, p) in participant::Entity::find()
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .enumerate()
    {
        let mut row: participant::ActiveModel = p.into();
        row.photo_media_id = Set(Some(images[i % 3]));
        row.update(app.conn()).await.unwrap();
    }
    let query = r#"query($first: Int) {
      articles(first: $first) { nodes {
        slug coverImage { url width alt srcset(format: JPEG) }
        gallery { url(width: 300) alt }
        meeting { title photo { url } }
        quotes { participant { fullName photo { url width } } }
      } }
    }"#;
    let mut counts = Vec::new();
    for first in [5, 50] {
        app.graphql(query, json!({ "first": first })).await;
        let before = app.state.db.statements.get();
        let response = app.graphql(query, json!({ "first": first })).await;
        counts.push(app.state.db.statements.get() - before);
        assert!(response.get("errors").is_none(), "{response}");
        let nodes = data(&response)["articles"]["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), first);
        assert!(nodes.iter().all(|n| n["coverImage"]["width"].is_i64()));
        assert!(
            nodes
                .iter()
                .all(|n| n["gallery"].as_array().unwrap().len() == 2)
        );
        assert!(nodes.iter().any(|n| {
            n["quotes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|q| q["participant"]["photo"]["url"].is_string())
        }));
    }
    println!("pictures: {counts:?} SQL statements for 5 and 50 articles");
    assert_eq!(
        counts[0], counts[1],
        "pictures for 5 and 50 articles: {counts:?}"
    );
    assert!(
        counts[1] <= 20,
        "a handful of batched statements, got {counts:?}"
    );
}
