//! Corrections and retractions: a correction shows with its article in GraphQL, REST,
//! ninjs and JSON-LD and moves `updatedAt`; a retracted article leaves every list,
//! feed, search and sitemap and keeps only its public notice; delta sync carries
//! both; the permission table holds for the new mutations in both APIs.

use chrono::Duration;
use polisia_api::domain::Role;
use serde_json::{Value, json};

use crate::{
    graphql_editorial::{ROLES, cell},
    helpers::{Account, RestResponse, TestApp, data, error_code},
    rest_support::{assert_conforms, assert_matches_doc, document},
    search::{SEARCH, titles},
};

pub(crate) const ADD_CORRECTION: &str = "mutation($id: ID!, $t: String!) { addCorrection(articleId: $id, text: $t) { correction { text createdAt } article { updatedAt } } }";
pub(crate) const RETRACT: &str = "mutation($id: ID!, $r: String!) { retractArticle(id: $id, reason: $r) { article { status body retraction { reason retractedAt } } } }";

/// An article created and published by `editor` in Kyzylorda region under a tag;
/// its global id and its slug.
pub(crate) async fn published(app: &TestApp, editor: &Account, title: &str) -> (String, String) {
    let region = data(
        &app.graphql(r#"{ region(code: "KZ-43") { id } }"#, json!({}))
            .await,
    )["region"]["id"]
        .clone();
    let created = app
        .graphql_as(
            editor,
            "mutation($t: String!, $r: ID!) { createArticle(input: { lang: RU, title: $t, lead: \"Вводка к заметке.\", body: \"<p>Подробности операции кабель.</p>\", regionId: $r, tags: [\"proisshestviya\"], coverImageUrl: \"https://img.example.kz/cable.jpg\", coverImageAlt: \"Кабель\", quotes: [{ text: \"Проверка продолжается.\" }] }) { article { id slug } } }",
            json!({ "t": title, "r": region }),
        )
        .await;
    let article = &data(&created)["createArticle"]["article"];
    let id = article["id"].as_str().unwrap().to_owned();
    let published = app
        .graphql_as(
            editor,
            "mutation($id: ID!) { publishArticle(id: $id) { article { status } } }",
            json!({ "id": id }),
        )
        .await;
    assert!(published.get("errors").is_none(), "{published}");
    (id, article["slug"].as_str().unwrap().to_owned())
}

fn ok(response: &Value) -> &Value {
    assert!(response.get("errors").is_none(), "{response}");
    data(response)
}

#[tokio::test]
async fn a_correction_shows_everywhere_the_article_does_and_moves_updated_at() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let (id, slug) = published(&app, &editor, "Заметка с поправкой").await;

    app.clock.advance(Duration::minutes(10));
    let first_at = app.clock.now();
    let added = app
        .graphql_as(
            &editor,
            ADD_CORRECTION,
            json!({ "id": id, "t": "  Уточнено время операции.  " }),
        )
        .await;
    let added = &ok(&added)["addCorrection"];
    assert_eq!(added["correction"]["text"], "Уточнено время операции.");
    assert_eq!(
        added["article"]["updatedAt"]
            .as_str()
            .unwrap()
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap(),
        first_at
    );

    app.clock.advance(Duration::minutes(5));
    let second_at = app.clock.now();
    let bearer = editor.bearer();
    let posted = app
        .rest_post_json_with(
            &format!("/api/v1/articles/{slug}/corrections"),
            &json!({ "text": "Исправлено название <b>отдела</b>." }),
            &[("authorization", &bearer)],
        )
        .await;
    assert_eq!(posted.status, 201, "{:?}", posted.body);
    assert_conforms(&document(), "AddedCorrection", posted.json());

    // GraphQL: oldest first, with the article's new updatedAt.
    let read = app
        .graphql(
            "query($id: ID!) { article(id: $id) { updatedAt retraction { reason } corrections { text createdAt } } }",
            json!({ "id": id }),
        )
        .await;
    let article = &ok(&read)["article"];
    let shown: Vec<(&str, chrono::DateTime<chrono::Utc>)> = article["corrections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["text"].as_str().unwrap(),
                c["createdAt"].as_str().unwrap().parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("Уточнено время операции.", first_at),
            ("Исправлено название <b>отдела</b>.", second_at),
        ]
    );
    assert!(article["retraction"].is_null());
    let updated: chrono::DateTime<chrono::Utc> =
        article["updatedAt"].as_str().unwrap().parse().unwrap();
    assert_eq!(updated, second_at);

    // REST: the article JSON, its JSON-LD, and ninjs.
    let rest = app.rest_get(&format!("/api/v1/articles/{slug}")).await;
    assert_eq!(rest.status, 200);
    let body = rest.json();
    assert_matches_doc(&document(), "/api/v1/articles/{idOrSlug}", body);
    let texts: Vec<&str> = body["corrections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "Уточнено время операции.",
            "Исправлено название <b>отдела</b>."
        ]
    );
    let rest_updated: chrono::DateTime<chrono::Utc> =
        body["updatedAt"].as_str().unwrap().parse().unwrap();
    assert_eq!(rest_updated, second_at);
    let ld = &body["jsonLd"]["correction"];
    assert_eq!(ld.as_array().unwrap().len(), 2);
    assert_eq!(ld[0]["@type"], "CorrectionComment");
    assert_eq!(ld[0]["text"], "Уточнено время операции.");
    assert!(ld[1]["datePublished"].is_string());
    let modified: chrono::DateTime<chrono::Utc> = body["jsonLd"]["dateModified"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(modified, second_at);

    let ninjs = app
        .rest_get(&format!("/api/v1/articles/{slug}/ninjs"))
        .await;
    let ninjs = ninjs.json();
    assert_eq!(ninjs["pubstatus"], "usable");
    let note = ninjs["ednote"].as_str().unwrap();
    let first = note.find("Уточнено время операции.").expect("first noted");
    let second = note.find("Исправлено название").expect("second noted");
    assert!(first < second, "oldest first: {note}");
    let version_created: chrono::DateTime<chrono::Utc> =
        ninjs["versioncreated"].as_str().unwrap().parse().unwrap();
    assert_eq!(version_created, second_at);
}

#[tokio::test]
async fn corrections_are_checked_and_only_published_articles_take_them() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let (id, _) = published(&app, &editor, "Проверка поправок").await;
    for (text, why) in [
        ("   ", "blank"),
        (&"я".repeat(2001) as &str, "too long"),
        ("строка\u{7}звонок", "a control character"),
    ] {
        let refused = app
            .graphql_as(&editor, ADD_CORRECTION, json!({ "id": id, "t": text }))
            .await;
        assert_eq!(error_code(&refused), "BAD_USER_INPUT", "{why}: {refused}");
        assert_eq!(
            refused["errors"][0]["extensions"]["field"], "text",
            "{why}: {refused}"
        );
    }
    let bearer = editor.bearer();
    let refused = app
        .rest_post_json_with(
            &format!("/api/v1/articles/{id}/corrections"),
            &json!({ "text": "" }),
            &[("authorization", &bearer)],
        )
        .await;
    assert_eq!(refused.status, 400);
    assert_eq!(refused.json()["errors"][0]["field"], "text");
    let missing = app
        .rest_post_json_with(
            &format!("/api/v1/articles/{id}/corrections"),
            &json!({}),
            &[("authorization", &bearer)],
        )
        .await;
    assert_eq!(missing.status, 400);
    assert_eq!(missing.json()["errors"][0]["field"], "text");

    let draft = app
        .graphql_as(
            &editor,
            "mutation { createArticle(input: { lang: RU, title: \"Черновик для поправки\", body: \"<p>Текст</p>\" }) { article { id } } }",
            json!({}),
        )
        .await;
    let draft = ok(&draft)["createArticle"]["article"]["id"].clone();
    let refused = app
        .graphql_as(
            &editor,
            ADD_CORRECTION,
            json!({ "id": draft, "t": "Поправка к черновику" }),
        )
        .await;
    assert_eq!(error_code(&refused), "CONFLICT", "{refused}");
    let refused = app
        .graphql_as(
            &editor,
            RETRACT,
            json!({ "id": draft, "r": "Отзыв черновика" }),
        )
        .await;
    assert_eq!(error_code(&refused), "CONFLICT", "{refused}");
}

/// Whether any of the public lists, feeds, sitemaps and searches shows `needle`.
async fn shown_anywhere(app: &TestApp, needle: &str, word: &str) -> Vec<String> {
    let mut seen = Vec::new();
    for path in [
        "/api/v1/articles?limit=100",
        "/api/v1/articles?region=KZ-43&limit=100",
        "/api/v1/articles?tag=proisshestviya&limit=100",
        "/feeds/rss.xml",
        "/feeds/atom.xml",
        "/feeds/feed.json",
        "/feeds/regions/KZ-43/rss.xml",
        "/sitemaps/articles.xml",
        "/sitemap-news.xml",
        &format!("/api/v1/search?q={word}"),
    ] {
        let answer = app.rest_get(path).await;
        assert_eq!(answer.status, 200, "{path}");
        if answer.text().contains(needle) {
            seen.push(path.to_owned());
        }
    }
    let listed = app
        .graphql(
            "{ articles(first: 100) { nodes { slug } } region(code: \"KZ-43\") { articles(first: 100) { nodes { slug } } } }",
            json!({}),
        )
        .await;
    if ok(&listed).to_string().contains(needle) {
        seen.push("GraphQL articles".into());
    }
    let found = app.graphql(SEARCH, json!({ "q": word })).await;
    if !titles(&found).is_empty() {
        seen.push("GraphQL search".into());
    }
    seen
}

#[tokio::test]
async fn a_retracted_article_leaves_every_list_and_keeps_only_its_notice() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let title = "Отозванная заметка о подстанции";
    let (id, slug) = published(&app, &editor, title).await;
    let before = shown_anywhere(&app, &slug, "подстанции").await;
    assert_eq!(before.len(), 12, "public before the retraction: {before:?}");

    app.clock.advance(Duration::minutes(10));
    let retracted_at = app.clock.now();
    let reason = "Сведения не подтвердились.";
    let answer = app
        .graphql_as(&editor, RETRACT, json!({ "id": id, "r": reason }))
        .await;
    let article = &ok(&answer)["retractArticle"]["article"];
    assert_eq!(article["status"], "RETRACTED");
    assert_eq!(article["body"], "", "no text is shown");
    assert_eq!(article["retraction"]["reason"], reason);

    assert_eq!(
        shown_anywhere(&app, &slug, "подстанции").await,
        Vec::<String>::new()
    );

    // REST: 410 with the notice, by id and by slug, and no trace of the text.
    for path in [
        format!("/api/v1/articles/{id}"),
        format!("/api/v1/articles/{slug}"),
    ] {
        let gone = app.rest_get(&path).await;
        assert_eq!(gone.status, 410, "{path}");
        assert_eq!(gone.header("content-type"), "application/problem+json");
        assert!(
            gone.header("cache-tag").contains("a:"),
            "purged with the article"
        );
        let notice = gone.json();
        assert_conforms(&document(), "RetractionNotice", notice);
        assert_conforms(&document(), "Problem", notice);
        assert_eq!(notice["status"], 410);
        assert_eq!(notice["title"], "Article retracted");
        assert_eq!(notice["articleTitle"], title);
        assert_eq!(notice["reason"], reason);
        let at: chrono::DateTime<chrono::Utc> =
            notice["retractedAt"].as_str().unwrap().parse().unwrap();
        assert_eq!(at, retracted_at);
        for leak in [
            "Подробности операции",
            "Вводка",
            "Проверка продолжается",
            "cable.jpg",
        ] {
            assert!(!gone.text().contains(leak), "{path} leaks {leak}");
        }
    }

    // GraphQL: the notice, without the text, for anyone.
    let read = app
        .graphql(
            "query($id: ID!, $slug: String!) {
               byId: article(id: $id) { title status body bodyText lead coverImage { url } quotes { text } retraction { reason retractedAt } }
               bySlug: article(slug: $slug) { id retraction { reason } }
             }",
            json!({ "id": id, "slug": slug }),
        )
        .await;
    let read = ok(&read);
    let by_id = &read["byId"];
    assert_eq!(by_id["title"], title);
    assert_eq!(by_id["status"], "RETRACTED");
    for hidden in ["body", "bodyText"] {
        assert_eq!(by_id[hidden], "", "{hidden}: {by_id}");
    }
    for hidden in ["lead", "coverImage"] {
        assert!(by_id[hidden].is_null(), "{hidden}: {by_id}");
    }
    assert_eq!(by_id["quotes"], json!([]));
    assert_eq!(by_id["retraction"]["reason"], reason);
    let at: chrono::DateTime<chrono::Utc> = by_id["retraction"]["retractedAt"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(at, retracted_at);
    assert_eq!(read["bySlug"]["id"], id.as_str());

    // ninjs: canceled, with the reason, without the text.
    let ninjs = app
        .rest_get(&format!("/api/v1/articles/{slug}/ninjs"))
        .await;
    assert_eq!(ninjs.status, 200);
    let document_ninjs = ninjs.json();
    assert_eq!(document_ninjs["pubstatus"], "canceled");
    assert_eq!(document_ninjs["bodies"], json!([]));
    assert!(document_ninjs["ednote"].as_str().unwrap().contains(reason));
    assert!(!ninjs.text().contains("Подробности операции"));

    // Final: not retracted twice, corrected, edited or published again.
    for (query, variables) in [
        (RETRACT, json!({ "id": id, "r": "Ещё раз" })),
        (ADD_CORRECTION, json!({ "id": id, "t": "Поправка" })),
        (
            "mutation($id: ID!) { publishArticle(id: $id) { article { status } } }",
            json!({ "id": id }),
        ),
        (
            "mutation($id: ID!) { unpublishArticle(id: $id) { article { status } } }",
            json!({ "id": id }),
        ),
        (
            "mutation($id: ID!) { updateArticle(id: $id, input: { version: 3, title: \"Новый\" }) { article { status } } }",
            json!({ "id": id }),
        ),
    ] {
        let refused = app.graphql_as(&editor, query, variables).await;
        assert_eq!(error_code(&refused), "CONFLICT", "{query}: {refused}");
    }
}

#[tokio::test]
async fn a_retraction_needs_a_reason_in_both_apis() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let (id, slug) = published(&app, &editor, "Без причины не отзывается").await;
    let refused = app
        .graphql_as(&editor, RETRACT, json!({ "id": id, "r": " " }))
        .await;
    assert_eq!(error_code(&refused), "BAD_USER_INPUT");
    assert_eq!(refused["errors"][0]["extensions"]["field"], "reason");
    let bearer = editor.bearer();
    for body in [json!({}), json!({ "reason": "" })] {
        let refused = app
            .rest_post_json_with(
                &format!("/api/v1/articles/{slug}/retraction"),
                &body,
                &[("authorization", &bearer)],
            )
            .await;
        assert_eq!(refused.status, 400, "{body}");
        assert_eq!(refused.json()["errors"][0]["field"], "reason");
    }
    let done = app
        .rest_post_json_with(
            &format!("/api/v1/articles/{slug}/retraction"),
            &json!({ "reason": "Ошибка в фактах." }),
            &[("authorization", &bearer)],
        )
        .await;
    assert_eq!(done.status, 201, "{:?}", done.body);
    assert_conforms(&document(), "Retracted", done.json());
    assert_eq!(
        app.rest_get(&format!("/api/v1/articles/{slug}"))
            .await
            .status,
        410
    );
}

#[tokio::test]
async fn the_permission_table_holds_for_corrections_and_retractions() {
    use Role::*;
    let app = TestApp::spawn().await;
    let editor = app.account(Editor).await;
    let (correctable, _) = published(&app, &editor, "Для поправок").await;
    cell(
        &app,
        "addCorrection",
        &[Editor, Admin],
        ADD_CORRECTION,
        || json!({ "id": correctable, "t": "Поправка" }),
    )
    .await;
    let mut targets = Vec::new();
    for i in 0..ROLES.len() {
        targets.push(published(&app, &editor, &format!("Для отзыва {i}")).await.0);
    }
    let next = std::sync::Mutex::new(targets.into_iter());
    cell(
        &app,
        "retractArticle",
        &[Editor, Admin],
        RETRACT,
        || json!({ "id": next.lock().unwrap().next().unwrap(), "r": "Причина" }),
    )
    .await;

    // REST: the same cells.
    for role in [
        None,
        Some(Reader),
        Some(Author),
        Some(Moderator),
        Some(Editor),
        Some(Admin),
    ] {
        let account = match role {
            Some(role) => Some(app.account(role).await),
            None => None,
        };
        let bearer = account.as_ref().map(Account::bearer);
        let headers: Vec<(&str, &str)> = bearer
            .iter()
            .map(|b| ("authorization", b.as_str()))
            .collect();
        let (target, _) = published(&app, &editor, &format!("REST {role:?}")).await;
        let may = matches!(role, Some(Editor | Admin));
        let expected = match role {
            None => 401,
            _ if may => 201,
            _ => 403,
        };
        for (path, body) in [
            ("corrections", json!({ "text": "Поправка" })),
            ("retraction", json!({ "reason": "Причина" })),
        ] {
            let answer: RestResponse = app
                .rest_post_json_with(
                    &format!("/api/v1/articles/{target}/{path}"),
                    &body,
                    &headers,
                )
                .await;
            assert_eq!(
                answer.status, expected,
                "{path} as {role:?}: {:?}",
                answer.body
            );
        }
        let status = app
            .rest_get(&format!("/api/v1/articles/{target}"))
            .await
            .status;
        assert_eq!(status, if may { 410 } else { 200 }, "{role:?}");
    }
}

#[tokio::test]
async fn delta_sync_carries_a_correction_as_an_upsert_and_a_retraction_as_a_tombstone() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let (corrected, _) = published(&app, &editor, "Синхронизация поправки").await;
    let (retracted, _) = published(&app, &editor, "Синхронизация отзыва").await;
    let start = app.graphql("{ changes { cursor } }", json!({})).await;
    let cursor = ok(&start)["changes"]["cursor"].as_str().unwrap().to_owned();

    app.clock.advance(Duration::minutes(1));
    let corrected_at = app.clock.now();
    ok(&app
        .graphql_as(
            &editor,
            ADD_CORRECTION,
            json!({ "id": corrected, "t": "Поправка" }),
        )
        .await);
    ok(&app
        .graphql_as(&editor, RETRACT, json!({ "id": retracted, "r": "Причина" }))
        .await);

    let page = app
        .graphql(
            "query($after: String) { changes(after: $after) { items { __typename
                ... on Article { id updatedAt corrections { text } }
                ... on Tombstone { type id reason } } } }",
            json!({ "after": cursor }),
        )
        .await;
    let items = ok(&page)["changes"]["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0]["__typename"], "Article");
    assert_eq!(items[0]["id"], corrected.as_str());
    assert_eq!(items[0]["corrections"], json!([{ "text": "Поправка" }]));
    let updated: chrono::DateTime<chrono::Utc> =
        items[0]["updatedAt"].as_str().unwrap().parse().unwrap();
    assert_eq!(updated, corrected_at);
    assert_eq!(
        items[1],
        json!({ "__typename": "Tombstone", "type": "ARTICLE", "id": retracted, "reason": "RETRACTED" })
    );

    let rest = app
        .rest_get(&format!("/api/v1/changes?after={cursor}"))
        .await;
    assert_eq!(rest.status, 200);
    let rest = rest.json();
    assert_matches_doc(&document(), "/api/v1/changes", rest);
    let ops: Vec<(&str, Option<&str>)> = rest["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["op"].as_str().unwrap(), i["reason"].as_str()))
        .collect();
    assert_eq!(ops, [("UPSERT", None), ("TOMBSTONE", Some("RETRACTED"))]);
}

#[tokio::test]
async fn corrections_of_a_page_of_articles_cost_one_statement() {
    let app = TestApp::spawn().await;
    polisia_api::seed::bulk::generate(app.conn(), 60, 0, app.clock.now())
        .await
        .unwrap();
    let listed = app
        .graphql("{ articles(first: 20) { nodes { id } } }", json!({}))
        .await;
    let editor = app.account(Role::Editor).await;
    for node in ok(&listed)["articles"]["nodes"].as_array().unwrap() {
        for text in ["Первая поправка", "Вторая поправка"] {
            ok(&app
                .graphql_as(
                    &editor,
                    ADD_CORRECTION,
                    json!({ "id": node["id"], "t": text }),
                )
                .await);
        }
    }
    let query =
        "query($n: Int) { articles(first: $n) { nodes { id corrections { text createdAt } } } }";
    let measure = |n: i64| {
        let app = &app;
        async move {
            app.changes_dispatched().await;
            let before = app.state.db.statements.get();
            let answer = app.graphql(query, json!({ "n": n })).await;
            let cost = app.state.db.statements.get() - before;
            (cost, ok(&answer).clone())
        }
    };
    measure(20).await;
    let (small, _) = measure(2).await;
    let (large, answer) = measure(20).await;
    assert_eq!(small, large, "2 articles: {small} statements, 20: {large}");
    // The page and its corrections (no count was asked).
    assert!(large <= 2, "{large} statements");
    for node in answer["articles"]["nodes"].as_array().unwrap() {
        let texts: Vec<&str> = node["corrections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["text"].as_str().unwrap())
            .collect();
        assert_eq!(texts, ["Первая поправка", "Вторая поправка"]);
    }
}
