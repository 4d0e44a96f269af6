//! A query whose every field maps onto columns and lists is answered in one statement
//! on PostgreSQL (`api::graphql::compiled`), and the answer is the engine's: each
//! shape here is sent as written and again with `@include(if: true)` on its root
//! field, which only the engine runs, and the two answers must be the same JSON. (The
//! engine writes an object's keys in the order its fields finish; the compiled answer
//! in the order they were asked, as the GraphQL specification orders them.) On SQLite
//! both run on the engine.

use sea_orm::{ConnectionTrait, DbBackend};
use serde_json::{Value, json};

use crate::helpers::TestApp;

/// The raw body of a POST of `query`, and the statements it cost.
async fn posted(
    app: &TestApp,
    query: &str,
    variables: &Value,
    headers: &[(&str, &str)],
) -> (String, u64) {
    let before = app.state.db.statements.get();
    let mut request = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": query, "variables": variables }));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("the request is answered");
    assert_eq!(response.status(), 200, "{query}");
    let body = response.text().await.unwrap();
    (body, app.state.db.statements.get() - before)
}

/// `query` with `@include(if: true)` on its first root field (named `root`): the same
/// answer, from the engine.
fn on_the_engine(query: &str, root: &str) -> String {
    let at = query.find(root).expect("the root field is in the query");
    let open = at + query[at..].find(['(', '{']).unwrap();
    let insert = if query[open..].starts_with('(') {
        open + query[open..].find(')').unwrap() + 1
    } else {
        open
    };
    format!(
        "{} @include(if: true) {}",
        &query[..insert],
        &query[insert..]
    )
}

/// Sends `query` both ways and checks that the answers match, that it had data, and
/// that the compiled one took one statement on PostgreSQL.
async fn same_answer(
    app: &TestApp,
    query: &str,
    root: &str,
    variables: Value,
    headers: &[(&str, &str)],
) -> Value {
    let (engine, engine_statements) =
        posted(app, &on_the_engine(query, root), &variables, headers).await;
    let (compiled, statements) = posted(app, query, &variables, headers).await;
    let answer: Value = serde_json::from_str(&compiled).unwrap();
    let engine: Value = serde_json::from_str(&engine).unwrap();
    assert_eq!(answer, engine, "{query}");
    assert!(answer.get("errors").is_none(), "{query}: {answer}");
    if app.conn().get_database_backend() == DbBackend::Postgres {
        assert_eq!(statements, 1, "{query}: compiled to one statement");
        // Found, the engine reads the root and then what is under it (an empty page
        // has nothing under it).
        if answer["data"][root] != Value::Null && variables.get("first") != Some(&json!(0)) {
            assert!(
                engine_statements > 1,
                "{query}: the engine runs it level by level"
            );
        }
    }
    answer
}

/// The benchmark's nested shape, as `bench/run.sh` sends it.
const BENCH_SHAPE: &str = include_str!("../../bench/queries/ours/region_meetings.graphql");

const EVERY_FIELD: &str = r#"query Every($code: String!, $first: Int, $lang: Language) {
  region(code: $code) {
    __typename id code slug kind name nameRu nameKk nameEn
    inKazakh: name(lang: KK)
    articles(first: $first, lang: RU) { totalCount nodes { slug title } pageInfo { hasNextPage endCursor } }
    meetings(first: $first) {
      __typename totalCount
      nodes {
        __typename id slug kind heldOn title titleRu titleKk titleEn
        english: title(lang: EN) body bodyRu bodyKk bodyEn venue venueRu venueKk venueEn
        chosen: venue(lang: $lang)
        participants {
          __typename role positionChosen
          participant {
            __typename id slug fullName fullNameRu fullNameKk fullNameEn
            inEnglish: fullName(lang: EN)
            quotes(first: 2) { __typename totalCount nodes { __typename id text kind position } }
            none: quotes(first: 0) { totalCount nodes { id } }
            everything: quotes { nodes { id } }
          }
        }
      }
    }
  }
}"#;

const FRAGMENTS: &str = r#"query WithFragments($slug: String) {
  region(slug: $slug) {
    ...Names
    meetings(first: 3) { nodes { ... on Meeting { title } ...When participants { participant { ...Person } } } }
  }
}
fragment Names on Region { code name }
fragment When on Meeting { heldOn }
fragment Person on Participant { fullName quotes(first: 1) { nodes { text } } }"#;

const A_MEETING: &str = r#"query($slug: String) {
  meeting(slug: $slug) {
    id title heldOn region { code name meetings(first: 2) { nodes { slug } } }
    participants { role position participant { slug fullName meetings(first: 3) { totalCount nodes { title region { nameEn } } } } }
    articles(first: 1) { totalCount edges { cursor node { slug } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }
  }
}"#;

/// The benchmark's meeting page, as `bench/run.sh` sends it.
const MEETING_PAGE: &str = include_str!("../../bench/queries/ours/meeting.graphql");

const A_PERSON: &str = r#"query($id: ID) {
  participant(id: $id) {
    fullName
    meetings { totalCount nodes { title participants { participant { fullName } } } }
    quotes(first: 5) { totalCount nodes { text kind } }
    articles(first: 3) { totalCount nodes { slug title } }
  }
}"#;

#[tokio::test]
async fn a_compiled_answer_keeps_the_order_the_fields_were_asked_in() {
    let app = seeded().await;
    let (code, _) = busiest_region(&app).await;
    let query = "query($code: String!) { region(code: $code) { meetings(first: 1) { \
                 totalCount nodes { heldOn title } } slug code } }";
    let (body, _) = posted(&app, query, &json!({ "code": code }), &[]).await;
    let at = |key: &str| body.find(&format!("\"{key}\":")).expect(key);
    if app.conn().get_database_backend() == DbBackend::Postgres {
        assert!(at("totalCount") < at("nodes"), "{body}");
        assert!(at("heldOn") < at("title"), "{body}");
        assert!(at("slug") < at("code"), "{body}");
    }
}

const TAGS: &str = r#"query {
  tags {
    __typename id slug name nameRu nameKk nameEn inEnglish: name(lang: EN)
    articles(first: 5) {
      __typename totalCount
      nodes {
        __typename id slug title publishedAt
        author { __typename displayName }
        meeting { title heldOn venue region { name } participants { role participant { fullName } } }
      }
    }
    none: articles(first: 0) { totalCount nodes { id } }
    paged: articles(first: 2) { edges { cursor node { slug } } pageInfo { hasNextPage endCursor } }
  }
}"#;

/// Gives publication times a fraction of a second, which the engine writes with 3 or
/// 6 digits (the compiled read writes them in SQL; SQLite runs only the engine).
async fn fractional_moments(app: &TestApp) {
    if app.conn().get_database_backend() == DbBackend::Postgres {
        app.conn()
            .execute_unprepared(
                "UPDATE articles SET published_at = published_at + CASE WHEN extract(epoch FROM published_at)::bigint % 2 = 0 \
                 THEN interval '0.123 second' ELSE interval '0.123456 second' END \
                 WHERE published_at IS NOT NULL",
            )
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn a_tags_articles_with_their_authors_and_meetings_compile_too() {
    let app = seeded().await;
    fractional_moments(&app).await;
    for lang in ["ru", "kk", "en"] {
        let answer = same_answer(&app, TAGS, "tags", json!({}), &[("Accept-Language", lang)]).await;
        let tags = answer["data"]["tags"].as_array().unwrap();
        assert!(tags.iter().any(|t| {
            t["articles"]["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| !a["meeting"].is_null() && !a["author"].is_null())
        }));
    }
    // An editor's lists include what the public does not see, along another path.
    let editor = app.account(polisia_api::domain::Role::Editor).await;
    let bearer = editor.bearer();
    same_answer(&app, TAGS, "tags", json!({}), &[("Authorization", &bearer)]).await;
}

/// The benchmark's front page, as `bench/run.sh` sends it.
const FRONT_PAGE: &str = include_str!("../../bench/queries/ours/front_page.graphql");

const EVERY_ARTICLE_FIELD: &str = r#"query Page($first: Int, $after: String, $lang: Language) {
  articles(first: $first, after: $after, lang: $lang) {
    __typename totalCount
    pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor }
    edges {
      __typename cursor
      node {
        __typename id slug title lead source featuredPosition version publishedAt updatedAt
        coverImage { __typename url alt inKazakh: alt(lang: KK) }
        region { code name } tags { slug name } author { displayName }
        meeting { title heldOn }
        participants { slug fullName position inEnglish: position(lang: EN) }
        quotes { id text kind position participant { slug fullName position } }
        commentCount
      }
    }
    nodes { slug }
  }
}"#;

#[tokio::test]
async fn a_page_of_articles_with_everything_a_front_page_shows_compiles() {
    use polisia_api::entity::{article, participant_position};
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};

    let app = seeded().await;
    fractional_moments(&app).await;
    // The newest articles: an uploaded cover (with its Kazakh alt text alone), a
    // picture linked by path, one linked by a full address, and none.
    let editor = app.account(polisia_api::domain::Role::Editor).await;
    let image = app
        .upload(&editor.bearer(), &crate::media::pictures::png(640, 360))
        .await;
    let image = app.settled(image["id"].as_str().unwrap()).await;
    let image = uuid::Uuid::parse_str(image["id"].as_str().unwrap()).unwrap();
    app.conn()
        .execute_unprepared(&format!(
            "UPDATE media SET alt_ru = NULL, alt_kk = 'Суреттің сипаттамасы' WHERE id = '{image}'"
        ))
        .await
        .unwrap();
    let newest = app
        .graphql("{ articles(first: 4) { nodes { id } } }", json!({}))
        .await;
    let newest = newest["data"]["articles"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let (_, id) =
                polisia_api::domain::global_id::decode(n["id"].as_str().unwrap()).unwrap();
            id
        });
    let covers = [
        (Some(image), None),
        (None, Some("/media/linked.jpg")),
        (None, Some("https://example.org/picture.jpg")),
        (None, None),
    ];
    for (id, (media, url)) in newest.zip(covers) {
        let a = article::Entity::find_by_id(id)
            .one(app.conn())
            .await
            .unwrap()
            .unwrap();
        let mut row: article::ActiveModel = a.into();
        row.cover_media_id = Set(media);
        row.cover_image_url = Set(url.map(str::to_owned));
        row.update(app.conn()).await.unwrap();
    }
    // Everyone quoted is named too, all in the same place (the order falls back on
    // the person's id).
    app.conn()
        .execute_unprepared(
            "INSERT INTO article_participants (article_id, participant_id, sort_order) \
             SELECT DISTINCT article_id, participant_id, 0 FROM quotes WHERE participant_id IS NOT NULL \
             ON CONFLICT DO NOTHING",
        )
        .await
        .unwrap();
    // A position held today for everyone named on the first page, beside the one
    // recorded in text; one ended, which no longer counts.
    let first_page = app
        .graphql(
            "{ articles(first: 20) { nodes { participants { id } quotes { participant { id } } } } }",
            json!({}),
        )
        .await;
    let mut people: Vec<uuid::Uuid> = first_page["data"]["articles"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|n| {
            let named = n["participants"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].clone());
            let quoted = n["quotes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| q["participant"]["id"].clone());
            named.chain(quoted).collect::<Vec<_>>()
        })
        .filter_map(|id| polisia_api::domain::global_id::decode(id.as_str()?).map(|(_, id)| id))
        .collect();
    people.sort();
    people.dedup();
    assert!(!people.is_empty());
    let today = app.clock.now().date_naive();
    for (i, person) in people.iter().enumerate().filter(|(i, _)| i % 2 == 0) {
        let ended = today - chrono::Duration::days(30);
        for (title, from, to) in [
            ("Бывший начальник", None, Some(ended)),
            ("Начальник управления", Some(ended), None),
        ] {
            participant_position::ActiveModel {
                id: Set(uuid::Uuid::now_v7()),
                participant_id: Set(*person),
                organization_id: Set(None),
                title_ru: Set(format!("{title} {i}")),
                title_kk: Set(None),
                title_en: Set((i % 4 == 0).then(|| format!("Head {i}"))),
                from_date: Set(from),
                to_date: Set(to),
            }
            .insert(app.conn())
            .await
            .unwrap();
        }
    }

    for lang in ["ru", "kk", "en"] {
        let headers = [("Accept-Language", lang)];
        let answer = same_answer(
            &app,
            FRONT_PAGE,
            "articles",
            json!({ "first": 20 }),
            &headers,
        )
        .await;
        let nodes = answer["data"]["articles"]["edges"].as_array().unwrap();
        assert_eq!(nodes.len(), 20);
        assert!(
            nodes[0]["node"]["coverImage"]["url"]
                .as_str()
                .unwrap()
                .contains("/media/")
        );
        assert!(nodes[3]["node"]["coverImage"].is_null());
        let named: Vec<&Value> = nodes
            .iter()
            .flat_map(|n| n["node"]["participants"].as_array().unwrap())
            .collect();
        assert!(named.iter().any(|p| {
            p["position"]
                .as_str()
                .is_some_and(|t| t.starts_with("Начальник управления"))
        }));
        assert!(named.iter().any(|p| {
            p["position"]
                .as_str()
                .is_some_and(|t| !t.starts_with("Начальник управления"))
        }));
        for first in [json!(3), json!(null), json!(0)] {
            let variables = json!({ "first": first, "lang": "RU" });
            same_answer(&app, EVERY_ARTICLE_FIELD, "articles", variables, &headers).await;
        }
    }

    // Page by page from the cursors the compiled answer gives, to the end.
    let mut after = Value::Null;
    let mut seen = 0;
    loop {
        let variables = json!({ "first": 40, "after": after });
        let page = same_answer(&app, EVERY_ARTICLE_FIELD, "articles", variables, &[]).await;
        let page = &page["data"]["articles"];
        seen += page["edges"].as_array().unwrap().len();
        assert_eq!(page["pageInfo"]["hasPreviousPage"], !after.is_null());
        if page["pageInfo"]["hasNextPage"] != true {
            assert_eq!(seen as i64, page["totalCount"].as_i64().unwrap());
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }

    // What an editor sees, and a cursor of another list: the engine's refusal.
    let bearer = editor.bearer();
    same_answer(
        &app,
        FRONT_PAGE,
        "articles",
        json!({ "first": 5 }),
        &[("Authorization", &bearer)],
    )
    .await;
    let (body, _) = posted(
        &app,
        EVERY_ARTICLE_FIELD,
        &json!({ "after": "bm90LWEtY3Vyc29y" }),
        &[],
    )
    .await;
    let refused: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        refused["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{refused}"
    );
}

/// The benchmark's article page, as `bench/run.sh` sends it.
const ARTICLE_PAGE: &str = include_str!("../../bench/queries/ours/article.graphql");

const AN_ARTICLE: &str = r#"query One($id: ID, $slug: String, $lang: Language) {
  article(id: $id, slug: $slug, lang: $lang) {
    __typename id slug title lead body publishedAt
    coverImage { url alt }
    quotes { text participant { fullName } }
    commentCount
    comments(first: 1) {
      __typename totalCount
      edges { __typename cursor node { __typename id body authorName website depth createdAt updatedAt } }
      nodes { id }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
    none: comments(first: 0) { totalCount pageInfo { hasNextPage endCursor } }
  }
}"#;

#[tokio::test]
async fn an_article_with_its_comments_compiles_by_slug_by_former_slug_and_by_id() {
    use polisia_api::{
        domain::Language,
        entity::{article, article_slug},
    };
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};

    let app = seeded().await;
    fractional_moments(&app).await;
    let page = app
        .graphql(
            "{ articles(first: 20) { nodes { id slug lang commentCount } } }",
            json!({}),
        )
        .await;
    let nodes = page["data"]["articles"]["nodes"]
        .as_array()
        .unwrap()
        .clone();
    // The most commented of the page, whose comments run past one page of one.
    let busiest = nodes
        .iter()
        .max_by_key(|n| n["commentCount"].as_i64().unwrap())
        .unwrap();
    assert!(busiest["commentCount"].as_i64().unwrap() > 1);
    let slug = busiest["slug"].as_str().unwrap();

    for lang in ["ru", "kk", "en"] {
        let headers = [("Accept-Language", lang)];
        let answer = same_answer(
            &app,
            ARTICLE_PAGE,
            "article",
            json!({ "slug": slug }),
            &headers,
        )
        .await;
        assert_eq!(answer["data"]["article"]["slug"], slug);
        let variables = json!({ "slug": slug.to_uppercase(), "lang": "KK" });
        same_answer(&app, AN_ARTICLE, "article", variables, &headers).await;
    }
    let by_id = same_answer(
        &app,
        AN_ARTICLE,
        "article",
        json!({ "id": busiest["id"] }),
        &[],
    )
    .await;
    assert_eq!(
        by_id["data"]["article"]["comments"]["pageInfo"]["hasNextPage"],
        true
    );

    // A slug the article had before, and one nobody has.
    let other = nodes.iter().find(|n| n["id"] != busiest["id"]).unwrap();
    let (_, id) = polisia_api::domain::global_id::decode(other["id"].as_str().unwrap()).unwrap();
    article_slug::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        article_id: Set(id),
        lang: Set(Language::Ru),
        slug: Set("a-slug-it-had-before".into()),
        created_at: Set(app.clock.now()),
    }
    .insert(app.conn())
    .await
    .unwrap();
    let former = same_answer(
        &app,
        AN_ARTICLE,
        "article",
        json!({ "slug": "a-slug-it-had-before" }),
        &[],
    )
    .await;
    assert_eq!(former["data"]["article"]["id"], other["id"]);
    let nobody = same_answer(
        &app,
        AN_ARTICLE,
        "article",
        json!({ "slug": "no-such-article" }),
        &[],
    )
    .await;
    assert_eq!(nobody["data"]["article"], Value::Null);

    // Retracted: found, with its title and without its lead, text, picture or quotes.
    let a = article::Entity::find_by_id(id)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let mut row: article::ActiveModel = a.into();
    row.status = Set(polisia_api::domain::ArticleStatus::Retracted);
    row.update(app.conn()).await.unwrap();
    let retracted = same_answer(
        &app,
        AN_ARTICLE,
        "article",
        json!({ "id": other["id"] }),
        &[],
    )
    .await;
    let retracted = &retracted["data"]["article"];
    assert_eq!(retracted["body"], "");
    assert!(retracted["lead"].is_null() && retracted["coverImage"].is_null());
    assert_eq!(retracted["quotes"], json!([]));

    // A moderator sees every comment, a reader the approved ones.
    app.conn()
        .execute_unprepared(
            "UPDATE comments SET status = 'PENDING' WHERE depth = 0 AND body LIKE '%а%'",
        )
        .await
        .unwrap();
    let editor = app.account(polisia_api::domain::Role::Editor).await;
    let bearer = editor.bearer();
    let variables = json!({ "slug": slug });
    let seen = same_answer(
        &app,
        AN_ARTICLE,
        "article",
        variables.clone(),
        &[("Authorization", &bearer)],
    )
    .await;
    let public = same_answer(&app, AN_ARTICLE, "article", variables, &[]).await;
    let total = |a: &Value| {
        a["data"]["article"]["comments"]["totalCount"]
            .as_i64()
            .unwrap()
    };
    assert!(total(&public) < total(&seen), "{public} {seen}");
}

/// The code and slug of the region with the most meetings.
async fn busiest_region(app: &TestApp) -> (String, String) {
    let answer = app
        .graphql(
            "{ regions { code slug meetings(first: 0) { totalCount } } }",
            json!({}),
        )
        .await;
    let regions = answer["data"]["regions"].as_array().unwrap();
    let busiest = regions
        .iter()
        .max_by_key(|r| r["meetings"]["totalCount"].as_i64().unwrap())
        .unwrap();
    assert!(busiest["meetings"]["totalCount"].as_i64().unwrap() > 0);
    (
        busiest["code"].as_str().unwrap().to_owned(),
        busiest["slug"].as_str().unwrap().to_owned(),
    )
}

async fn seeded() -> TestApp {
    let app = TestApp::spawn_with_demo().await;
    polisia_api::seed::bulk::generate(app.conn(), 160, 2, app.clock.now())
        .await
        .unwrap();
    app
}

#[tokio::test]
async fn a_compiled_query_answers_what_the_engine_answers() {
    let app = seeded().await;
    let (code, slug) = busiest_region(&app).await;

    let answer = same_answer(&app, BENCH_SHAPE, "region", json!({ "code": code }), &[]).await;
    let meetings = answer["data"]["region"]["meetings"]["nodes"]
        .as_array()
        .unwrap();
    assert!(!meetings.is_empty());
    assert!(
        meetings
            .iter()
            .flat_map(|m| m["participants"].as_array().unwrap())
            .any(|p| !p["participant"]["quotes"]["nodes"]
                .as_array()
                .unwrap()
                .is_empty()),
        "some person on the page is quoted: {answer}"
    );

    // Every field, in each language a reader may ask for, with the page size from a
    // variable, by default, and zero.
    for lang in ["ru", "kk", "en"] {
        let headers = [("Accept-Language", lang)];
        for first in [json!(4), json!(null), json!(0)] {
            let variables = json!({ "code": code.to_lowercase(), "first": first, "lang": "KK" });
            same_answer(&app, EVERY_FIELD, "region", variables, &headers).await;
        }
    }

    same_answer(&app, FRAGMENTS, "region", json!({ "slug": slug }), &[]).await;

    // A region found by its global id, and none found: null, as the engine says.
    let id = app
        .graphql(
            "query($code: String!) { region(code: $code) { id } }",
            json!({ "code": code }),
        )
        .await["data"]["region"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let by_id = "query($id: ID) { region(id: $id) { code meetings(first: 2) { totalCount } } }";
    same_answer(&app, by_id, "region", json!({ "id": id }), &[]).await;
    let missing = same_answer(&app, BENCH_SHAPE, "region", json!({ "code": "KZ-00" }), &[]).await;
    assert_eq!(missing["data"]["region"], Value::Null);

    // A meeting by slug and a person by id, down to the meetings of its people.
    let slug = app
        .graphql(
            "query($code: String!) { region(code: $code) { meetings(first: 1) { nodes { slug participants { participant { id } } } } } }",
            json!({ "code": code }),
        )
        .await["data"]["region"]["meetings"]["nodes"][0]
        .clone();
    let meeting = same_answer(
        &app,
        A_MEETING,
        "meeting",
        json!({ "slug": slug["slug"] }),
        &[("Accept-Language", "en")],
    )
    .await;
    assert!(meeting["data"]["meeting"]["region"]["code"].is_string());
    same_answer(
        &app,
        MEETING_PAGE,
        "meeting",
        json!({ "slug": slug["slug"] }),
        &[],
    )
    .await;
    let person = slug["participants"][0]["participant"]["id"].clone();
    same_answer(&app, A_PERSON, "participant", json!({ "id": person }), &[]).await;
    let nobody = same_answer(
        &app,
        "{ participant(slug: \"nobody-of-that-name\") { fullName } }",
        "participant",
        json!({}),
        &[],
    )
    .await;
    assert_eq!(nobody["data"]["participant"], Value::Null);
}

#[tokio::test]
async fn a_compiled_query_shows_quotes_only_where_the_reader_may_see_their_article() {
    let app = seeded().await;
    let (code, _) = busiest_region(&app).await;
    // Every public article of the region's quoted people withdrawn from public view
    // but one: an anonymous reader sees fewer quotes, an editor all.
    app.conn()
        .execute_unprepared(
            "UPDATE articles SET status = 'ARCHIVED' WHERE id IN \
             (SELECT article_id FROM quotes WHERE position = 0)",
        )
        .await
        .unwrap();
    let query = "query($code: String!) { region(code: $code) { meetings(first: 20) { nodes { \
                 participants { participant { quotes(first: 5) { totalCount nodes { id } } } } } } } }";
    let anonymous = same_answer(&app, query, "region", json!({ "code": code }), &[]).await;
    let editor = app.account(polisia_api::domain::Role::Editor).await;
    let bearer = editor.bearer();
    let seen = same_answer(
        &app,
        query,
        "region",
        json!({ "code": code }),
        &[("Authorization", &bearer)],
    )
    .await;
    let total = |answer: &Value| -> i64 {
        answer["data"]["region"]["meetings"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|m| m["participants"].as_array().unwrap())
            .map(|p| p["participant"]["quotes"]["totalCount"].as_i64().unwrap())
            .sum()
    };
    assert!(
        total(&anonymous) < total(&seen),
        "anonymous {} < editor {}",
        total(&anonymous),
        total(&seen)
    );
}

#[tokio::test]
async fn what_does_not_compile_is_answered_or_refused_by_the_engine() {
    let app = seeded().await;
    let (code, _) = busiest_region(&app).await;
    let variables = json!({ "code": code });
    let postgres = app.conn().get_database_backend() == DbBackend::Postgres;

    // Fields the compiler does not map (edges and cursors below the root): the
    // engine answers, level by level.
    let edges = "query($code: String!) { region(code: $code) { meetings(first: 2) { \
                 edges { cursor node { title } } pageInfo { hasNextPage } } } }";
    let (body, statements) = posted(&app, edges, &variables, &[]).await;
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        answer["data"]["region"]["meetings"]["edges"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    if postgres {
        assert!(statements > 1, "the engine ran it");
    }

    // What the engine refuses stays refused, with its code: a page too large, an
    // unknown field, a variable of the wrong type or never used, an object without a
    // selection, a scalar with one.
    for (query, variables) in [
        (
            "query($code: String!) { region(code: $code) { meetings(first: 101) { nodes { title } } } }",
            variables.clone(),
        ),
        (
            "query($code: String!) { region(code: $code) { colour } }",
            variables.clone(),
        ),
        (
            "query($code: Int!) { region(code: $code) { code } }",
            json!({ "code": 43 }),
        ),
        (
            "query($code: String!, $unused: Int) { region(code: $code) { code } }",
            variables.clone(),
        ),
        (
            "query($code: String!) { region(code: $code) }",
            variables.clone(),
        ),
        (
            "query($code: String!) { region(code: $code) { code { name } } }",
            variables.clone(),
        ),
    ] {
        let response = app
            .client
            .post(app.url("/graphql"))
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .unwrap();
        let answer: Value = response.json().await.unwrap();
        let errors = answer["errors"].as_array().expect(query);
        assert!(
            errors.iter().all(|e| e["extensions"]["code"].is_string()),
            "{query}: {answer}"
        );
    }
}

/// A compiled statement is built once for a document and its variables, and run again
/// at the moment of each request: an article scheduled for later appears when the
/// clock reaches it, and a position held from tomorrow shows from tomorrow, as they
/// do on the engine.
#[tokio::test]
async fn a_kept_statement_runs_at_the_moment_of_each_request() {
    use crate::fixtures::NewArticle;
    use polisia_api::entity::participant_position;
    use sea_orm::{ActiveModelTrait, Set};

    let app = TestApp::spawn_with_demo().await;
    NewArticle::published("Скоро", 0)
        .at(Some(app.clock.now() + chrono::Duration::seconds(2)))
        .insert(app.conn())
        .await;
    const PAGE: &str =
        "query Page($first: Int) { articles(first: $first) { nodes { title tags { slug } } } }";
    let newest = |answer: &Value| answer["data"]["articles"]["nodes"][0]["title"].clone();
    let page = json!({ "first": 3 });
    for _ in 0..2 {
        let answer = same_answer(&app, PAGE, "articles", page.clone(), &[]).await;
        assert_ne!(newest(&answer), "Скоро");
    }
    app.clock.advance(chrono::Duration::milliseconds(1_999));
    let answer = same_answer(&app, PAGE, "articles", page.clone(), &[]).await;
    assert_ne!(newest(&answer), "Скоро");
    app.clock.advance(chrono::Duration::milliseconds(1));
    let answer = same_answer(&app, PAGE, "articles", page, &[]).await;
    assert_eq!(newest(&answer), "Скоро");

    // Someone an article names takes up a post tomorrow.
    let named = app
        .graphql(
            "{ articles(first: 50) { nodes { slug participants { id } } } }",
            json!({}),
        )
        .await;
    let (slug, person) = named["data"]["articles"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|n| {
            Some((
                n["slug"].clone(),
                n["participants"][0]["id"].as_str()?.to_owned(),
            ))
        })
        .expect("the demo names people in its articles");
    let (_, person) = polisia_api::domain::global_id::decode(&person).unwrap();
    let tomorrow = app.clock.now().date_naive() + chrono::Duration::days(1);
    participant_position::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        participant_id: Set(person),
        organization_id: Set(None),
        title_ru: Set("Начальник департамента с завтрашнего дня".into()),
        title_kk: Set(None),
        title_en: Set(None),
        from_date: Set(Some(tomorrow)),
        to_date: Set(None),
    }
    .insert(app.conn())
    .await
    .unwrap();
    const ARTICLE: &str =
        "query One($slug: String) { article(slug: $slug) { participants { position } } }";
    let held = |answer: &Value| {
        answer["data"]["article"]["participants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["position"] == "Начальник департамента с завтрашнего дня")
    };
    let slug = json!({ "slug": slug });
    for _ in 0..2 {
        assert!(!held(
            &same_answer(&app, ARTICLE, "article", slug.clone(), &[]).await
        ));
    }
    app.clock.advance(chrono::Duration::days(1));
    assert!(held(
        &same_answer(&app, ARTICLE, "article", slug, &[]).await
    ));
}
