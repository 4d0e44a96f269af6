//! Lists nested under lists cost the same statements for 2 parents as for 20, and
//! give what the same list asked for one parent gives: rows, order, cursors and
//! `totalCount`.

use serde_json::{Value, json};

use crate::helpers::{TestApp, data};

/// The statements a query costs, and its data.
async fn measured(app: &TestApp, query: &str, variables: Value) -> (u64, Value) {
    let before = app.state.db.statements.get();
    let response = app.graphql(query, variables).await;
    let after = app.state.db.statements.get();
    assert!(
        response.get("errors").is_none(),
        "{query}: {}",
        response["errors"]
    );
    (after - before, data(&response).clone())
}

/// The statements of `query` asked a second time: the first run lets the pool open
/// the connections the query's concurrent loads use (opening one runs statements of
/// its own, which are no cost of the query).
async fn measured_warm(app: &TestApp, query: &str) -> (u64, Value) {
    measured(app, query, json!({})).await;
    measured(app, query, json!({})).await
}

/// Runs `query` with `$n` parents, 2 and then 20: the statements must not grow, and
/// stay within `most` (one for the parents, then one a list and one a count).
async fn same_cost_for_2_and_20(app: &TestApp, name: &str, query: &str, most: u64) -> Value {
    // Once first, so that the pool has opened the connections the query's
    // concurrent loads use (opening one runs statements of its own).
    measured(app, query, json!({ "n": 20 })).await;
    let (small, _) = measured(app, query, json!({ "n": 2 })).await;
    let (large, answer) = measured(app, query, json!({ "n": 20 })).await;
    assert_eq!(
        small, large,
        "{name}: {small} statements for 2 parents, {large} for 20"
    );
    assert!(large <= most, "{name}: {large} statements");
    answer
}

async fn seeded() -> TestApp {
    let app = TestApp::spawn().await;
    polisia_api::seed::bulk::generate(app.conn(), 160, 3, app.clock.now())
        .await
        .unwrap();
    app
}

#[tokio::test]
async fn every_nested_list_costs_the_same_for_2_and_for_20_parents() {
    let app = seeded().await;
    let shapes = [
        (
            "Participant.articles, meetings and quotes",
            7,
            r#"query($n: Int) { participants(first: $n) { nodes {
                articles(first: 3) { totalCount nodes { id title } }
                meetings(first: 2) { totalCount nodes { id title } }
                quotes(first: 2) { totalCount nodes { id text } }
            } } }"#,
        ),
        (
            "Meeting.articles",
            3,
            r#"query($n: Int) { meetings(first: $n) { nodes {
                articles(first: 3) { totalCount pageInfo { hasNextPage } nodes { id } }
            } } }"#,
        ),
        (
            "Article.comments and Comment.replies",
            5,
            r#"query($n: Int) { articles(first: $n) { nodes {
                comments(first: 2) { totalCount nodes { id replies(first: 2) { totalCount nodes { id } } } }
            } } }"#,
        ),
        (
            "Participant.articles under Meeting.participants",
            3,
            r#"query($n: Int) { meetings(first: $n) { nodes {
                participants { role participant { id articles(first: 2) { nodes { id } } } }
            } } }"#,
        ),
    ];
    for (name, most, query) in shapes {
        let answer = same_cost_for_2_and_20(&app, name, query, most).await;
        assert_ne!(answer.to_string().matches("\"id\"").count(), 0, "{name}");
    }
}

#[tokio::test]
async fn lists_under_every_region_and_tag_cost_a_few_statements() {
    let app = seeded().await;
    let (statements, answer) = measured_warm(
        &app,
        "{ regions { code articles(first: 2) { totalCount nodes { id } } meetings(first: 2) { totalCount nodes { id } } } }",
    )
    .await;
    assert_eq!(answer["regions"].as_array().unwrap().len(), 20);
    assert!(statements <= 5, "20 regions: {statements} statements");
    let (statements, answer) = measured_warm(
        &app,
        "{ tags { slug articles(first: 2) { totalCount nodes { id } } } }",
    )
    .await;
    assert!(answer["tags"].as_array().unwrap().len() > 2);
    assert!(statements <= 3, "every tag: {statements} statements");
}

#[tokio::test]
async fn nodes_of_50_mixed_ids_cost_one_statement_a_kind() {
    let app = seeded().await;
    let (_, ids) = measured(
        &app,
        "{ articles(first: 20) { nodes { id quotes { id } meeting { id } region { id } } } }",
        json!({}),
    )
    .await;
    let mut wanted: Vec<Value> = Vec::new();
    for article in ids["articles"]["nodes"].as_array().unwrap() {
        wanted.push(article["id"].clone());
        if let Some(quote) = article["quotes"].as_array().unwrap().first() {
            wanted.push(quote["id"].clone());
        }
        for one in ["meeting", "region"] {
            if !article[one].is_null() {
                wanted.push(article[one]["id"].clone());
            }
        }
    }
    wanted.truncate(50);
    let (statements, answer) = measured(
        &app,
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
        json!({ "ids": wanted }),
    )
    .await;
    let found = answer["nodes"].as_array().unwrap();
    assert_eq!(found.len(), wanted.len());
    assert!(found.iter().all(|n| !n.is_null()));
    // Articles, quotes (and their articles, already loaded), meetings, regions.
    assert!(
        statements <= 5,
        "{} ids: {statements} statements",
        wanted.len()
    );
}

/// The same list asked under many parents and for one alone gives the same answer.
#[tokio::test]
async fn a_list_under_many_parents_equals_the_list_of_each() {
    let app = seeded().await;
    let (_, answer) = measured(
        &app,
        r#"{ regions { id
            newest: articles(first: 3) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } }
            oldest: articles(last: 2) { pageInfo { hasNextPage hasPreviousPage } nodes { id } }
            meetings(first: 2) { totalCount nodes { id } }
        } }"#,
        json!({}),
    )
    .await;
    let mut compared = 0;
    for region in answer["regions"].as_array().unwrap() {
        let (_, alone) = measured(
            &app,
            r#"query($id: ID!) {
                newest: articles(first: 3, filter: { regionId: $id }) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } }
                oldest: articles(last: 2, filter: { regionId: $id }) { pageInfo { hasNextPage hasPreviousPage } nodes { id } }
                meetings(first: 2, filter: { regionId: $id }) { totalCount nodes { id } }
            }"#,
            json!({ "id": region["id"] }),
        )
        .await;
        for field in ["newest", "oldest", "meetings"] {
            assert_eq!(region[field], alone[field], "{field} of {}", region["id"]);
        }
        compared += usize::from(region["newest"]["totalCount"].as_u64() > Some(0));
    }
    assert!(compared > 5, "regions with articles: {compared}");

    // The next page under many parents, from each parent's own cursor.
    let first = &answer["regions"][0];
    let cursor = first["newest"]["pageInfo"]["endCursor"].clone();
    let (_, next) = measured(
        &app,
        r#"query($after: String) { regions { id articles(first: 3, after: $after) { pageInfo { hasPreviousPage } nodes { id } } } }"#,
        json!({ "after": cursor }),
    )
    .await;
    let (_, alone) = measured(
        &app,
        r#"query($id: ID!, $after: String) { articles(first: 3, after: $after, filter: { regionId: $id }) { pageInfo { hasPreviousPage } nodes { id } } }"#,
        json!({ "id": first["id"], "after": cursor }),
    )
    .await;
    assert_eq!(next["regions"][0]["articles"], alone["articles"]);

    // People: articles they are mentioned or quoted in, meetings, quotes.
    let (_, people) = measured(
        &app,
        r#"{ participants(first: 15) { nodes { id
            articles(first: 4) { totalCount nodes { id } }
            meetings(first: 3) { totalCount nodes { id } }
        } } }"#,
        json!({}),
    )
    .await;
    for person in people["participants"]["nodes"].as_array().unwrap() {
        let (_, alone) = measured(
            &app,
            r#"query($id: ID!) {
                articles(first: 4, filter: { participantId: $id }) { totalCount nodes { id } }
                meetings(first: 3, filter: { participantId: $id }) { totalCount nodes { id } }
            }"#,
            json!({ "id": person["id"] }),
        )
        .await;
        assert_eq!(person["articles"], alone["articles"], "{}", person["id"]);
        assert_eq!(person["meetings"], alone["meetings"], "{}", person["id"]);
    }
}

/// REST and feeds load what articles link to through the loader GraphQL uses: a
/// list or a feed costs the same statements for 5 articles as for 50.
#[tokio::test]
async fn rest_lists_and_feeds_cost_the_same_for_5_and_50_articles() {
    let app = seeded().await;
    for (name, small, large) in [
        (
            "REST list",
            "/api/v1/articles?limit=5",
            "/api/v1/articles?limit=50",
        ),
        (
            "REST list in Kazakh",
            "/api/v1/articles?limit=5&lang=kk",
            "/api/v1/articles?limit=50&lang=kk",
        ),
    ] {
        let mut counts = Vec::new();
        for path in [large, small, large] {
            let before = app.state.db.statements.get();
            let response = app.rest_get(path).await;
            assert_eq!(response.status, 200, "{path}");
            counts.push(app.state.db.statements.get() - before);
        }
        assert_eq!(counts[1], counts[2], "{name}: {counts:?}");
    }
    let before = app.state.db.statements.get();
    let feed = app.get("/feeds/rss.xml").await;
    assert_eq!(feed.status(), 200);
    let statements = app.state.db.statements.get() - before;
    assert!(
        statements <= 6,
        "a feed of 50 items: {statements} statements"
    );
}

/// The ids of `tag`'s public articles, newest first, read straight from the tables.
async fn tag_articles_in_tables(app: &TestApp, tag: uuid::Uuid) -> Vec<String> {
    use sea_orm::{ConnectionTrait, Statement};
    let backend = app.conn().get_database_backend();
    let (tag_param, now_param) = match backend {
        sea_orm::DbBackend::Postgres => ("$1", "$2"),
        _ => ("?1", "?2"),
    };
    let sql = format!(
        "SELECT a.id FROM articles a JOIN article_tags t ON t.article_id = a.id \
         WHERE t.tag_id = {tag_param} AND a.status = 'PUBLISHED' AND a.published_at <= {now_param} \
         ORDER BY a.published_at DESC, a.id DESC"
    );
    let rows = app
        .conn()
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [tag.into(), app.clock.now().into()],
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|r| {
            let id: uuid::Uuid = r.try_get("", "id").unwrap();
            polisia_api::domain::global_id::encode(
                polisia_api::domain::global_id::NodeKind::Article,
                id,
            )
        })
        .collect()
}

fn ids(nodes: &Value) -> Vec<String> {
    nodes
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Tags read their pages along the links' copy of the publication time: the pages
/// are those the tables give, both ways and after a cursor, and the copy follows an
/// article taken back and published again.
#[tokio::test]
async fn every_tags_articles_are_its_public_articles_in_order() {
    let app = seeded().await;
    let query = r#"query($after: String) { tags { id
        newest: articles(first: 3) { totalCount pageInfo { endCursor } nodes { id } }
        oldest: articles(last: 2) { nodes { id } }
        next: articles(first: 3, after: $after) { nodes { id } }
    } }"#;
    let (_, answer) = measured(&app, query, json!({})).await;
    let mut compared = 0;
    for tag in answer["tags"].as_array().unwrap() {
        let (_, uuid) =
            polisia_api::domain::global_id::decode(tag["id"].as_str().unwrap()).unwrap();
        let expected = tag_articles_in_tables(&app, uuid).await;
        assert_eq!(tag["newest"]["totalCount"], expected.len(), "{tag}");
        assert_eq!(
            ids(&tag["newest"]["nodes"]),
            expected.iter().take(3).cloned().collect::<Vec<_>>()
        );
        let oldest: Vec<String> = expected.iter().rev().take(2).rev().cloned().collect();
        assert_eq!(ids(&tag["oldest"]["nodes"]), oldest);
        compared += usize::from(expected.len() > 3);
    }
    assert!(compared > 2, "tags with more than a page: {compared}");

    // The second page of the first tag with one, from its own cursor.
    let tag = answer["tags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["newest"]["totalCount"].as_u64() > Some(6))
        .expect("a tag with two pages");
    let (_, uuid) = polisia_api::domain::global_id::decode(tag["id"].as_str().unwrap()).unwrap();
    let expected = tag_articles_in_tables(&app, uuid).await;
    let (_, next) = measured(
        &app,
        query,
        json!({ "after": tag["newest"]["pageInfo"]["endCursor"] }),
    )
    .await;
    let again = next["tags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == tag["id"])
        .unwrap();
    assert_eq!(ids(&again["next"]["nodes"]), expected[3..6].to_vec());

    // Taken back, the newest leaves the tag's list; published again, it returns.
    let editor = app.account(polisia_api::domain::Role::Editor).await;
    let newest = expected[0].clone();
    let change = |mutation: &'static str| {
        let (app, editor, id) = (&app, &editor, newest.clone());
        async move {
            let done = app
                .graphql_as(
                    editor,
                    &format!("mutation($id: ID!) {{ {mutation}(id: $id) {{ article {{ id }} }} }}"),
                    json!({ "id": id }),
                )
                .await;
            assert!(done.get("errors").is_none(), "{done}");
        }
    };
    let first_of = |answer: &Value| -> Vec<String> {
        let t = answer["tags"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == tag["id"])
            .unwrap();
        ids(&t["newest"]["nodes"])
    };
    change("unpublishArticle").await;
    let (_, after_unpublish) = measured(&app, query, json!({})).await;
    assert_eq!(first_of(&after_unpublish), expected[1..4].to_vec());
    change("publishArticle").await;
    let (_, republished) = measured(&app, query, json!({})).await;
    // Published again now: the newest of all.
    assert_eq!(first_of(&republished)[0], newest);
}
