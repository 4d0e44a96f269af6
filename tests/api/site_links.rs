//! Article links point at the public site (`SITE_BASE_URL`, `SITE_ARTICLE_PATH`) in
//! every representation; the API's own links stay on `PUBLIC_BASE_URL`.

use polisia_api::{domain::Language, entity::article};
use serde_json::{Value, json};

use crate::{
    fixtures::NewArticle,
    helpers::{TestApp, data},
};

/// The API's address in tests.
const API: &str = "https://news.example.kz";
const SITE: &str = "https://polisia.kz";

async fn with_site() -> TestApp {
    TestApp::spawn_with(|args| {
        args.site_base_url = Some(format!("{SITE}/"));
        args.site_article_path = "/{lang}/novosti/{slug}.html".into();
    })
    .await
}

/// A Russian article and its Kazakh translation.
async fn pair(app: &TestApp) -> (article::Model, article::Model) {
    let db = app.conn();
    let russian = NewArticle::published("itogi", 10).insert(db).await;
    let kazakh = NewArticle::published("qorytyndy", 5)
        .lang(Language::Kk)
        .translation_of(russian.translation_group_id)
        .insert(db)
        .await;
    (russian, kazakh)
}

fn on_site(article: &article::Model) -> String {
    format!(
        "{SITE}/{}/novosti/{}.html",
        article.lang.code(),
        article.slug
    )
}

fn on_api(article: &article::Model) -> String {
    format!("{API}/{}/news/{}", article.lang.code(), article.slug)
}

async fn text(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

async fn json(app: &TestApp, path: &str) -> Value {
    serde_json::from_str(&text(app, path).await).expect("JSON")
}

async fn graphql_url(app: &TestApp, article: &article::Model) -> Value {
    let response = app
        .graphql(
            "query($slug: String!) { article(slug: $slug, lang: RU) { url } }",
            json!({ "slug": article.slug }),
        )
        .await;
    data(&response)["article"]["url"].clone()
}

#[tokio::test]
async fn feeds_link_their_items_to_the_site_and_themselves_to_the_api() {
    let app = with_site().await;
    let (russian, _) = pair(&app).await;

    let rss = rss::Channel::read_from(text(&app, "/feeds/rss.xml").await.as_bytes()).unwrap();
    let item = &rss.items()[0];
    assert_eq!(item.link(), Some(on_site(&russian).as_str()));
    assert_eq!(
        item.guid().unwrap().value(),
        format!("urn:uuid:{}", russian.id)
    );
    let self_link = &rss.atom_ext().unwrap().links()[0];
    assert_eq!(self_link.href(), format!("{API}/feeds/rss.xml?lang=ru"));
    assert_eq!(rss.link(), format!("{SITE}/ru/news"));

    let atom =
        atom_syndication::Feed::read_from(text(&app, "/feeds/atom.xml").await.as_bytes()).unwrap();
    let entry = &atom.entries()[0];
    assert_eq!(entry.id(), format!("urn:uuid:{}", russian.id));
    assert_eq!(entry.links()[0].href(), on_site(&russian));
    assert!(
        atom.links()
            .iter()
            .any(|l| l.rel() == "self" && l.href() == format!("{API}/feeds/atom.xml?lang=ru"))
    );

    let feed = json(&app, "/feeds/feed.json").await;
    assert_eq!(feed["items"][0]["url"], on_site(&russian));
    assert_eq!(feed["items"][0]["id"], format!("urn:uuid:{}", russian.id));
    assert_eq!(feed["feed_url"], format!("{API}/feeds/feed.json?lang=ru"));
}

#[tokio::test]
async fn sitemaps_list_site_pages_in_files_on_the_api() {
    let app = with_site().await;
    let (russian, kazakh) = pair(&app).await;

    let index = text(&app, "/sitemap.xml").await;
    assert!(
        index.contains(&format!("<loc>{API}/sitemaps/articles.xml</loc>")),
        "{index}"
    );
    let file = text(&app, "/sitemaps/articles.xml").await;
    assert!(
        file.contains(&format!("<loc>{}</loc>", on_site(&russian))),
        "{file}"
    );
    for version in [&russian, &kazakh] {
        let alternate = format!(
            "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
            version.lang.code(),
            on_site(version)
        );
        assert!(file.contains(&alternate), "{file}");
    }
    assert!(!file.contains(API), "{file}");
    let news = text(&app, "/sitemap-news.xml").await;
    assert!(
        news.contains(&format!("<loc>{}</loc>", on_site(&kazakh))),
        "{news}"
    );
}

#[tokio::test]
async fn rest_ninjs_json_ld_and_graphql_name_the_site_page() {
    let app = with_site().await;
    let (russian, kazakh) = pair(&app).await;

    let list = json(&app, "/api/v1/articles?lang=ru").await;
    assert_eq!(list["items"][0]["url"], on_site(&russian));

    let detail = json(&app, &format!("/api/v1/articles/{}", russian.id)).await;
    assert_eq!(detail["url"], on_site(&russian));
    assert_eq!(detail["translations"][0]["url"], on_site(&kazakh));
    let json_ld = &detail["jsonLd"];
    assert_eq!(json_ld["url"], on_site(&russian));
    assert_eq!(json_ld["mainEntityOfPage"], on_site(&russian));
    assert_eq!(json_ld["publisher"]["url"], SITE);

    let ninjs = json(&app, &format!("/api/v1/articles/{}/ninjs", russian.id)).await;
    assert_eq!(ninjs["uri"], format!("urn:uuid:{}", russian.id));
    assert_eq!(ninjs["infosources"][0]["uri"], SITE);

    assert_eq!(graphql_url(&app, &russian).await, on_site(&russian));
}

#[tokio::test]
async fn without_a_site_articles_live_under_the_api_address() {
    let app = TestApp::spawn().await;
    let (russian, kazakh) = pair(&app).await;

    assert_eq!(graphql_url(&app, &russian).await, on_api(&russian));
    let detail = json(&app, &format!("/api/v1/articles/{}", russian.id)).await;
    assert_eq!(detail["url"], on_api(&russian));
    assert_eq!(detail["jsonLd"]["mainEntityOfPage"], on_api(&russian));
    let feed = json(&app, "/feeds/feed.json?lang=kk").await;
    assert_eq!(feed["items"][0]["url"], on_api(&kazakh));
    let file = text(&app, "/sitemaps/articles.xml").await;
    assert!(
        file.contains(&format!("<loc>{}</loc>", on_api(&russian))),
        "{file}"
    );
}
