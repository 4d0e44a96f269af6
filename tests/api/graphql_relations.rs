//! Relations, the Node interface, language fallback and "read also", with
//! visibility checked on every path.

use polisia_api::domain::{ArticleStatus, CommentStatus, Language};
use serde_json::{Value, json};

use crate::{
    fixtures::{self, NewArticle},
    helpers::{TestApp, data, error_code},
};

#[tokio::test]
async fn node_finds_every_type_again_by_its_id() {
    let app = TestApp::spawn_with_demo().await;
    let query = r#"{
      articles(first: 1, filter: { lang: RU }) { edges { node { id region { id } author { id } tags { id }
        quotes { id } comments(first: 1) { edges { node { id } } } meeting { id } participants { id } } } }
      tags { id }
    }"#;
    let response = app.graphql(query, json!({})).await;
    let mut ids: Vec<(String, &str)> = Vec::new();
    let articles = app.graphql("{ articles(first: 50) { edges { node { id meeting { id participants { participant { id } } }
        quotes { id } author { id } region { id } tags { id } comments(first: 1) { edges { node { id } } } } } } }", json!({})).await;
    for edge in data(&articles)["articles"]["edges"].as_array().unwrap() {
        let node = &edge["node"];
        ids.push((node["id"].as_str().unwrap().into(), "Article"));
        for (path, kind) in [
            ("author", "User"),
            ("region", "Region"),
            ("meeting", "Meeting"),
        ] {
            if let Some(id) = node[path]["id"].as_str() {
                ids.push((id.into(), kind));
            }
        }
        for quote in node["quotes"].as_array().unwrap() {
            ids.push((quote["id"].as_str().unwrap().into(), "Quote"));
        }
        for tag in node["tags"].as_array().unwrap() {
            ids.push((tag["id"].as_str().unwrap().into(), "Tag"));
        }
        for comment in node["comments"]["edges"].as_array().unwrap() {
            ids.push((comment["node"]["id"].as_str().unwrap().into(), "Comment"));
        }
        if let Some(people) = node["meeting"]["participants"].as_array() {
            for p in people {
                ids.push((
                    p["participant"]["id"].as_str().unwrap().into(),
                    "Participant",
                ));
            }
        }
    }
    assert!(data(&response)["tags"].as_array().unwrap().len() > 3);
    for kind in [
        "Article",
        "User",
        "Region",
        "Meeting",
        "Quote",
        "Tag",
        "Comment",
        "Participant",
    ] {
        let (id, _) = ids
            .iter()
            .find(|(_, k)| *k == kind)
            .unwrap_or_else(|| panic!("no {kind} in the demo"));
        let found = app
            .graphql(
                "query($id: ID!) { node(id: $id) { __typename id } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(data(&found)["node"]["__typename"], kind);
        assert_eq!(data(&found)["node"]["id"], id.as_str());
    }
    let all: Vec<&str> = ids.iter().take(30).map(|(id, _)| id.as_str()).collect();
    let many = app
        .graphql(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            json!({ "ids": all }),
        )
        .await;
    let got: Vec<&str> = data(&many)["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(got, all, "nodes keeps the order asked");
    let bad = app
        .graphql(r#"{ node(id: "garbage") { id } }"#, json!({}))
        .await;
    assert_eq!(error_code(&bad), "BAD_USER_INPUT");
}

#[tokio::test]
async fn what_the_public_may_not_see_is_null_or_absent_on_every_path() {
    let app = TestApp::spawn().await;
    let db = app.conn();
    let kyzylorda = fixtures::region_id(db, "KZ-43").await;
    let public = NewArticle::published("public", 10)
        .region(kyzylorda)
        .insert(db)
        .await;
    let draft = NewArticle::published("draft", 5)
        .region(kyzylorda)
        .status(ArticleStatus::Draft)
        .at(None)
        .insert(db)
        .await;
    fixtures::related(db, public.id, &[draft.id]).await;
    fixtures::tag(db, "t", &[public.id, draft.id]).await;
    let approved = fixtures::comment(db, public.id, None, CommentStatus::Approved, "ok").await;
    fixtures::comment(db, public.id, None, CommentStatus::Pending, "pending").await;
    fixtures::comment(db, public.id, Some(&approved), CommentStatus::Spam, "spam").await;
    let hidden_on_draft =
        fixtures::comment(db, draft.id, None, CommentStatus::Approved, "on a draft").await;

    let draft_id = app
        .graphql(
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": encode("Article", draft.id) }),
        )
        .await;
    assert_eq!(data(&draft_id)["node"], Value::Null);
    let by_slug = app
        .graphql(
            "query($s: String!) { article(slug: $s) { id } }",
            json!({ "s": draft.slug }),
        )
        .await;
    assert_eq!(data(&by_slug)["article"], Value::Null);
    let comment_on_draft = app
        .graphql(
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": encode("Comment", hidden_on_draft.id) }),
        )
        .await;
    assert_eq!(data(&comment_on_draft)["node"], Value::Null);

    let seen = app
        .graphql(
            "query($s: String!) { article(slug: $s) { related { title } commentCount
               comments(first: 10) { totalCount edges { node { body replies { totalCount } } } } } }",
            json!({ "s": public.slug }),
        )
        .await;
    let article = &data(&seen)["article"];
    assert_eq!(
        article["related"],
        json!([]),
        "a draft is never 'read also'"
    );
    assert_eq!(article["commentCount"], 1);
    assert_eq!(article["comments"]["totalCount"], 1);
    assert_eq!(article["comments"]["edges"][0]["node"]["body"], "ok");
    assert_eq!(
        article["comments"]["edges"][0]["node"]["replies"]["totalCount"],
        0
    );
    let region = app.graphql(r#"{ region(code: "KZ-43") { articles { totalCount } } tags { articles { totalCount } } }"#, json!({})).await;
    assert_eq!(data(&region)["region"]["articles"]["totalCount"], 1);
    assert_eq!(data(&region)["tags"][0]["articles"]["totalCount"], 1);
    let raw = app.client.post(app.url("/graphql")).json(&json!({ "query": "{ articles { edges { node { comments { edges { node { body authorName } } } } } } }" })).send().await.unwrap().text().await.unwrap();
    assert!(
        !raw.contains("reader-secret@example.com"),
        "emails never leave"
    );
}

fn encode(kind: &str, id: uuid::Uuid) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{kind}:{id}"))
}

#[tokio::test]
async fn read_also_puts_the_editors_choice_first_then_meeting_region_and_tags() {
    let app = TestApp::spawn().await;
    let db = app.conn();
    let region = fixtures::region_id(db, "KZ-62").await;
    let source = NewArticle::published("source", 1)
        .region(region)
        .insert(db)
        .await;
    let chosen = NewArticle::published("chosen-old", 500).insert(db).await;
    let same_region = NewArticle::published("same-region", 50)
        .region(region)
        .insert(db)
        .await;
    let tagged = NewArticle::published("tagged", 20).insert(db).await;
    let other_lang = NewArticle::published("other-lang", 2)
        .region(region)
        .lang(Language::En)
        .insert(db)
        .await;
    fixtures::related(db, source.id, &[chosen.id]).await;
    fixtures::tag(db, "shared-topic", &[source.id, tagged.id]).await;
    let response = app
        .graphql(
            "query($s: String!) { article(slug: $s) { related(first: 3) { title } } }",
            json!({ "s": source.slug }),
        )
        .await;
    let titles: Vec<&str> = data(&response)["article"]["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["chosen-old", "same-region", "tagged"]);
    assert!(!titles.contains(&other_lang.title.as_str()));
    let too_many = app
        .graphql(
            "query($s: String!) { article(slug: $s) { related(first: 21) { title } } }",
            json!({ "s": source.slug }),
        )
        .await;
    assert_eq!(error_code(&too_many), "BAD_USER_INPUT");
    let _ = same_region;
}

#[tokio::test]
async fn meetings_show_agenda_roles_positions_and_covering_articles() {
    let app = TestApp::spawn_with_demo().await;
    let response = app
        .graphql(
            r#"{ meetings(first: 10, filter: { regionCode: "KZ-43" }) { totalCount edges { node {
                 title body kind heldOn venue region { code }
                 agenda { position title }
                 participants { role position participant { fullNameRu honours } }
                 articles { totalCount edges { node { quotes { kind text participant { fullNameRu } } } } } } } } }"#,
            json!({}),
        )
        .await;
    let meetings = &data(&response)["meetings"];
    assert_eq!(meetings["totalCount"], 1);
    let meeting = &meetings["edges"][0]["node"];
    assert_eq!(meeting["kind"], "ADVISORY_COUNCIL");
    assert_eq!(meeting["region"]["code"], "KZ-43");
    assert!(meeting["heldOn"].as_str().unwrap().len() == 10);
    let agenda = meeting["agenda"].as_array().unwrap();
    assert!(agenda.len() >= 2);
    assert!(
        agenda
            .iter()
            .enumerate()
            .all(|(i, item)| item["position"] == i)
    );
    let people = meeting["participants"].as_array().unwrap();
    assert!(people.iter().any(|p| p["role"] == "CHAIR"));
    assert!(
        people
            .iter()
            .any(|p| !p["participant"]["honours"].as_array().unwrap().is_empty())
    );
    let quotes: Vec<&Value> = meeting["articles"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["node"]["quotes"].as_array().unwrap())
        .collect();
    assert!(quotes.iter().any(|q| q["kind"] == "DIRECT"));
    assert!(quotes.iter().any(|q| q["kind"] == "PARAPHRASE"));

    let by_kind = app
        .graphql(
            "{ meetings(filter: { kind: PUBLIC_HEARING }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(data(&by_kind)["meetings"]["totalCount"], 1);
    let by_date = app.graphql(r#"{ meetings(filter: { heldFrom: "2000-01-01", heldTo: "2000-12-31" }) { totalCount } }"#, json!({})).await;
    assert_eq!(data(&by_date)["meetings"]["totalCount"], 0);
    let bad_date = app
        .graphql(
            r#"{ meetings(filter: { heldFrom: "5 April" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(error_code(&bad_date), "BAD_USER_INPUT");
}

#[tokio::test]
async fn participants_page_by_name_filter_by_prefix_and_fall_back_between_languages() {
    let app = TestApp::spawn_with_demo().await;
    let all = app.graphql("{ participants(first: 100) { totalCount edges { node { fullNameRu fullNameKk fullNameEn
        kk: fullName(lang: KK) en: fullName(lang: EN) ru: fullName(lang: RU) quotes { totalCount } meetings { totalCount } } } } }", json!({})).await;
    let people = data(&all)["participants"]["edges"].as_array().unwrap();
    let names: Vec<&str> = people
        .iter()
        .map(|p| p["node"]["fullNameRu"].as_str().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "by Russian name");
    for p in people {
        let p = &p["node"];
        let expect_kk = p["fullNameKk"].as_str().or(p["fullNameRu"].as_str());
        assert_eq!(p["kk"].as_str(), expect_kk, "kk falls back to ru");
        let expect_en = p["fullNameEn"].as_str().or(p["fullNameRu"].as_str());
        assert_eq!(p["en"].as_str(), expect_en, "en falls back to ru");
        assert_eq!(p["ru"], p["fullNameRu"]);
    }
    assert!(
        people.iter().any(|p| p["node"]["fullNameEn"].is_null()),
        "the demo has someone without an English name"
    );
    assert!(
        people
            .iter()
            .any(|p| p["node"]["quotes"]["totalCount"].as_u64().unwrap() > 0)
    );
    let first = names[0];
    let prefix: String = first.chars().take(3).collect::<String>().to_lowercase();
    let found = app.graphql("query($p: String) { participants(filter: { namePrefix: $p }) { edges { node { fullNameRu } } } }", json!({ "p": prefix })).await;
    let found: Vec<&str> = data(&found)["participants"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["fullNameRu"].as_str().unwrap())
        .collect();
    assert!(found.contains(&first), "{prefix} finds {first}: {found:?}");
    let none = app
        .graphql(
            r#"{ participants(filter: { namePrefix: "%" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        data(&none)["participants"]["totalCount"],
        0,
        "wildcards are literal"
    );
}

#[tokio::test]
async fn translations_link_the_languages_of_one_story() {
    let app = TestApp::spawn().await;
    let db = app.conn();
    let ru = NewArticle::published("ru", 10).insert(db).await;
    NewArticle::published("kk", 9)
        .lang(Language::Kk)
        .translation_of(ru.id)
        .insert(db)
        .await;
    NewArticle::published("en-draft", 9)
        .lang(Language::En)
        .translation_of(ru.id)
        .status(ArticleStatus::Draft)
        .at(None)
        .insert(db)
        .await;
    let response = app
        .graphql(
            "query($s: String!) { article(slug: $s, lang: RU) { translations { lang title } } }",
            json!({ "s": ru.slug }),
        )
        .await;
    assert_eq!(
        data(&response)["article"]["translations"],
        json!([{ "lang": "KK", "title": "kk" }])
    );
}

#[tokio::test]
async fn threads_show_approved_replies_oldest_first_or_newest_on_request() {
    let app = TestApp::spawn().await;
    let db = app.conn();
    let article = NewArticle::published("thread", 10).insert(db).await;
    let root = fixtures::comment(db, article.id, None, CommentStatus::Approved, "root").await;
    for body in ["r1", "r2", "r3"] {
        fixtures::comment(db, article.id, Some(&root), CommentStatus::Approved, body).await;
    }
    fixtures::comment(
        db,
        article.id,
        Some(&root),
        CommentStatus::Pending,
        "hidden",
    )
    .await;
    let query = "query($s: String!, $o: CommentOrderBy) { article(slug: $s) { commentCount comments { edges { node {
        body replies(orderBy: $o) { totalCount edges { node { body depth parent { body } } } } } } } } }";
    let oldest = app.graphql(query, json!({ "s": article.slug })).await;
    let root_node = &data(&oldest)["article"]["comments"]["edges"][0]["node"];
    assert_eq!(data(&oldest)["article"]["commentCount"], 4);
    assert_eq!(root_node["replies"]["totalCount"], 3);
    let bodies: Vec<&str> = root_node["replies"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, ["r1", "r2", "r3"]);
    assert_eq!(
        root_node["replies"]["edges"][0]["node"]["parent"]["body"],
        "root"
    );
    assert_eq!(root_node["replies"]["edges"][0]["node"]["depth"], 1);
    let newest = app
        .graphql(query, json!({ "s": article.slug, "o": "NEWEST_FIRST" }))
        .await;
    let first_reply = &data(&newest)["article"]["comments"]["edges"][0]["node"]["replies"]["edges"]
        [0]["node"]["body"];
    assert_eq!(first_reply, "r3");
}

#[tokio::test]
async fn names_under_an_article_are_in_its_language_in_both_apis() {
    let app = TestApp::spawn_with_demo().await;
    let english = [("accept-language", "en")];
    let query = r#"{ articles(first: 50, lang: KK) { edges { node { slug lang
        region { name nameKk }
        participants { fullName fullNameKk fullNameRu }
        quotes { participant { fullName fullNameKk fullNameRu } }
        meeting { region { name nameKk } participants { participant { fullName fullNameKk fullNameRu } } } } } } }"#;
    let response = app.graphql_with(query, json!({}), &english).await;
    let articles = data(&response)["articles"]["edges"].as_array().unwrap();
    assert!(!articles.is_empty(), "the demo has Kazakh articles");
    let kazakh_name = |p: &Value| {
        p["fullNameKk"]
            .as_str()
            .or(p["fullNameRu"].as_str())
            .map(str::to_owned)
    };
    let (mut regions, mut people) = (0, 0);
    for edge in articles {
        let node = &edge["node"];
        assert_eq!(node["lang"], "KK");
        for region in [&node["region"], &node["meeting"]["region"]] {
            if !region.is_null() {
                assert_eq!(region["name"], region["nameKk"], "{region}");
                regions += 1;
            }
        }
        let mut persons: Vec<&Value> = node["participants"].as_array().unwrap().iter().collect();
        persons.extend(
            node["quotes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| &q["participant"]),
        );
        if let Some(attendees) = node["meeting"]["participants"].as_array() {
            persons.extend(attendees.iter().map(|a| &a["participant"]));
        }
        for person in persons.into_iter().filter(|p| !p.is_null()) {
            assert_eq!(
                person["fullName"].as_str().map(str::to_owned),
                kazakh_name(person),
                "{person}"
            );
            people += 1;
        }
        // REST names the same region and people, in the same language.
        let slug = node["slug"].as_str().unwrap();
        let rest = app
            .rest_get_with(&format!("/api/v1/articles/{slug}?lang=kk"), &english)
            .await;
        let detail = rest.json();
        assert_eq!(detail["region"]["name"], node["region"]["name"], "{slug}");
        let rest_people: Vec<&Value> = detail["participants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| &p["fullName"])
            .collect();
        let graphql_people: Vec<&Value> = node["participants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| &p["fullName"])
            .collect();
        assert_eq!(rest_people, graphql_people, "{slug}");
    }
    assert!(
        regions > 0 && people > 0,
        "regions {regions}, people {people}"
    );

    // Not reached through an article, a name follows Accept-Language.
    let alone = app
        .graphql_with(
            r#"{ region(code: "KZ-43") { name nameEn } }"#,
            json!({}),
            &english,
        )
        .await;
    assert_eq!(
        data(&alone)["region"]["name"],
        data(&alone)["region"]["nameEn"]
    );

    // People found by a search in Kazakh are named in Kazakh.
    let someone = articles
        .iter()
        .flat_map(|edge| edge["node"]["participants"].as_array().unwrap())
        .find(|p| !p["fullNameKk"].is_null())
        .expect("someone with a Kazakh name");
    let surname = someone["fullNameRu"]
        .as_str()
        .unwrap()
        .split(' ')
        .next()
        .unwrap();
    let found = app
        .graphql_with(
            r#"query($q: String!) { search(query: $q, lang: KK, filter: { kinds: [PARTICIPANT] }) { edges { node {
                ... on Participant { fullName fullNameKk fullNameRu } } } } }"#,
            json!({ "q": surname }),
            &english,
        )
        .await;
    let hits = data(&found)["search"]["edges"].as_array().unwrap();
    assert!(!hits.is_empty(), "{found}");
    for hit in hits {
        assert_eq!(
            hit["node"]["fullName"].as_str().map(str::to_owned),
            kazakh_name(&hit["node"])
        );
    }
}
