//! RSS, Atom, JSON Feed and the sitemaps.

use chrono::{DateTime, Duration};
use polisia_api::{
    domain::{ArticleStatus, Language},
    entity::article,
};
use reqwest::header;
use rss::validation::Validate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::Value;

use crate::{
    fixtures::{self, NewArticle},
    helpers::TestApp,
    rest_support::{assert_matches_doc, bad_input, document, problem},
};

const BASE: &str = "https://news.example.kz";

/// Published Russian articles "r0" (newest) to "r2", and what a feed must leave out:
/// a Kazakh article, a draft, a scheduled and an archived one.
async fn mixed(app: &TestApp) {
    let db = app.conn();
    for i in 0..3 {
        NewArticle::published(&format!("r{i}"), 10 + i)
            .insert(db)
            .await;
    }
    NewArticle::published("kazakh", 5)
        .lang(Language::Kk)
        .insert(db)
        .await;
    NewArticle::published("draft", 1)
        .status(ArticleStatus::Draft)
        .at(None)
        .insert(db)
        .await;
    NewArticle::published("scheduled", 1)
        .at(Some(app.clock.now() + Duration::hours(3)))
        .insert(db)
        .await;
    NewArticle::published("archived", 1)
        .status(ArticleStatus::Archived)
        .insert(db)
        .await;
}

async fn fetch(app: &TestApp, path: &str, content_type: &str) -> Vec<u8> {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        content_type,
        "{path}"
    );
    response.bytes().await.unwrap().to_vec()
}

async fn rss(app: &TestApp, path: &str) -> rss::Channel {
    let body = fetch(app, path, "application/rss+xml; charset=utf-8").await;
    let channel = rss::Channel::read_from(&body[..]).expect("valid RSS");
    channel.validate().expect("RSS 2.0 rules hold");
    channel
}

async fn atom(app: &TestApp, path: &str) -> atom_syndication::Feed {
    let body = fetch(app, path, "application/atom+xml; charset=utf-8").await;
    atom_syndication::Feed::read_from(&body[..]).expect("valid Atom")
}

async fn json_feed(app: &TestApp, path: &str) -> Value {
    let body = fetch(app, path, "application/feed+json; charset=utf-8").await;
    serde_json::from_slice(&body).expect("JSON")
}

#[tokio::test]
async fn rss_holds_the_published_articles_of_its_language_with_full_content() {
    let app = TestApp::spawn().await;
    mixed(&app).await;
    let channel = rss(&app, "/feeds/rss.xml").await;
    let titles: Vec<&str> = channel.items().iter().filter_map(|i| i.title()).collect();
    assert_eq!(titles, ["r0", "r1", "r2"]);
    assert_eq!(channel.language(), Some("ru"));
    assert!(channel.link().starts_with(BASE));
    let self_link = &channel.atom_ext().unwrap().links()[0];
    assert_eq!(self_link.href(), format!("{BASE}/feeds/rss.xml?lang=ru"));
    for item in channel.items() {
        assert!(
            item.link()
                .unwrap()
                .starts_with(&format!("{BASE}/ru/news/"))
        );
        assert!(item.content().unwrap().starts_with("<p>"));
        assert!(item.description().unwrap().contains("Polisia.kz"));
        assert!(item.guid().unwrap().value().starts_with("urn:uuid:"));
        DateTime::parse_from_rfc2822(item.pub_date().unwrap()).unwrap();
        let creators = item.dublin_core_ext().unwrap().creators();
        assert_eq!(creators, ["Polisia.kz"]);
    }
    let kazakh = rss(&app, "/feeds/rss.xml?lang=kk").await;
    let titles: Vec<&str> = kazakh.items().iter().filter_map(|i| i.title()).collect();
    assert_eq!(titles, ["kazakh"]);
    bad_input(&app, "/feeds/rss.xml?lang=fr", "lang").await;
}

#[tokio::test]
async fn atom_holds_the_same_entries_with_html_content_and_dates() {
    let app = TestApp::spawn().await;
    mixed(&app).await;
    let feed = atom(&app, "/feeds/atom.xml").await;
    let titles: Vec<&str> = feed.entries().iter().map(|e| e.title().as_str()).collect();
    assert_eq!(titles, ["r0", "r1", "r2"]);
    assert_eq!(feed.lang(), Some("ru"));
    assert!(
        feed.links()
            .iter()
            .any(|l| l.rel() == "self" && l.href() == format!("{BASE}/feeds/atom.xml?lang=ru"))
    );
    let newest_change = feed.entries().iter().map(|e| *e.updated()).max().unwrap();
    assert_eq!(*feed.updated(), newest_change);
    for entry in feed.entries() {
        assert!(entry.id().starts_with("urn:uuid:"));
        assert!(entry.published().is_some());
        let content = entry.content().unwrap();
        assert_eq!(content.content_type(), Some("html"));
        assert!(content.value().unwrap().starts_with("<p>"));
        assert!(
            entry.links()[0]
                .href()
                .starts_with(&format!("{BASE}/ru/news/"))
        );
        assert!(!entry.authors().is_empty());
    }
}

#[tokio::test]
async fn json_feed_is_version_1_1_with_the_same_items() {
    let app = TestApp::spawn().await;
    mixed(&app).await;
    let feed = json_feed(&app, "/feeds/feed.json").await;
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["feed_url"], format!("{BASE}/feeds/feed.json?lang=ru"));
    assert_matches_doc(&document(), "/feeds/feed.json", &feed);
    let items = feed["items"].as_array().unwrap();
    let titles: Vec<&str> = items.iter().map(|i| i["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["r0", "r1", "r2"]);
    for item in items {
        assert!(item["id"].as_str().unwrap().starts_with("urn:uuid:"));
        assert!(item["url"].as_str().unwrap().starts_with(BASE));
        assert!(item["content_html"].as_str().unwrap().starts_with("<p>"));
        DateTime::parse_from_rfc3339(item["date_published"].as_str().unwrap()).unwrap();
        assert_eq!(item["language"], "ru");
    }
}

#[tokio::test]
async fn a_region_feed_holds_only_that_region() {
    let app = TestApp::spawn().await;
    let db = app.conn();
    let kyzylorda = fixtures::region_id(db, "KZ-43").await;
    let almaty = fixtures::region_id(db, "KZ-75").await;
    NewArticle::published("kyzylorda", 5)
        .region(kyzylorda)
        .insert(db)
        .await;
    NewArticle::published("almaty", 4)
        .region(almaty)
        .insert(db)
        .await;
    NewArticle::published("nowhere", 3).insert(db).await;
    for key in ["KZ-43", "kyzylorda-region"] {
        let channel = rss(&app, &format!("/feeds/regions/{key}/rss.xml")).await;
        let titles: Vec<&str> = channel.items().iter().filter_map(|i| i.title()).collect();
        assert_eq!(titles, ["kyzylorda"], "{key}");
        assert!(channel.title().contains("Кызылординская область"));
        let categories: Vec<&str> = channel.items()[0]
            .categories()
            .iter()
            .map(|c| c.name())
            .collect();
        assert!(categories.contains(&"Кызылординская область"));
        let feed = atom(&app, &format!("/feeds/regions/{key}/atom.xml")).await;
        assert_eq!(feed.entries().len(), 1);
        assert!(
            feed.entries()[0]
                .categories()
                .iter()
                .any(|c| c.term() == "KZ-43")
        );
        let json = json_feed(&app, &format!("/feeds/regions/{key}/feed.json")).await;
        assert_eq!(json["items"].as_array().unwrap().len(), 1);
        assert_eq!(json["items"][0]["_region"]["code"], "KZ-43");
    }
    problem(app.rest_get("/feeds/regions/atlantis/rss.xml").await, 404);
}

#[tokio::test]
async fn a_feed_holds_the_newest_fifty() {
    let app = TestApp::spawn().await;
    for i in 0..55 {
        NewArticle::published(&format!("n{i:02}"), i)
            .insert(app.conn())
            .await;
    }
    let channel = rss(&app, "/feeds/rss.xml").await;
    assert_eq!(channel.items().len(), 50);
    assert_eq!(channel.items()[0].title(), Some("n00"));
    assert_eq!(channel.items()[49].title(), Some("n49"));
}

#[tokio::test]
async fn an_empty_feed_is_still_valid_and_stable() {
    let app = TestApp::spawn().await;
    let channel = rss(&app, "/feeds/rss.xml?lang=en").await;
    assert!(channel.items().is_empty());
    let first = app.get("/feeds/atom.xml").await;
    let second = app.get("/feeds/atom.xml").await;
    assert_eq!(first.headers()["etag"], second.headers()["etag"]);
    atom_syndication::Feed::read_from(&first.bytes().await.unwrap()[..]).unwrap();
}

#[tokio::test]
async fn sitemaps_list_published_articles_and_the_news_sitemap_only_the_last_two_days() {
    let app = TestApp::spawn().await;
    let db = app.conn();
    let fresh = NewArticle::published("свежая", 60).insert(db).await;
    let old = NewArticle::published("старая & <важная>", 60 * 24 * 5)
        .insert(db)
        .await;
    let draft = NewArticle::published("черновик", 1)
        .status(ArticleStatus::Draft)
        .at(None)
        .insert(db)
        .await;
    let files = sitemap_files(&app).await;
    assert_eq!(files, [format!("{BASE}/sitemaps/articles.xml")]);
    let all = sitemap(&app, &files[0]).await;
    assert!(all.starts_with("<?xml"));
    assert!(all.contains("xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""));
    for article in [&fresh, &old] {
        assert!(all.contains(&format!("<loc>{BASE}/ru/news/{}</loc>", article.slug)));
    }
    assert!(!all.contains(&draft.slug));
    assert_eq!(all.matches("<url>").count(), 2);
    assert_eq!(all.matches("<lastmod>").count(), 2);

    let news =
        String::from_utf8(fetch(&app, "/sitemap-news.xml", "application/xml; charset=utf-8").await)
            .unwrap();
    assert!(news.contains("xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\""));
    assert!(news.contains(&fresh.slug));
    assert!(!news.contains(&old.slug));
    assert!(news.contains("<news:title>свежая</news:title>"));
    assert!(news.contains("<news:language>ru</news:language>"));
    assert!(news.contains("<news:name>Polisia.kz</news:name>"));
    // Titles are escaped where they appear.
    NewArticle::published("A & B <i>", 1).insert(db).await;
    let escaped =
        String::from_utf8(fetch(&app, "/sitemap-news.xml", "application/xml; charset=utf-8").await)
            .unwrap();
    assert!(escaped.contains("<news:title>A &amp; B &lt;i&gt;</news:title>"));
}

/// The addresses of the files `/sitemap.xml` indexes.
async fn sitemap_files(app: &TestApp) -> Vec<String> {
    let index =
        String::from_utf8(fetch(app, "/sitemap.xml", "application/xml; charset=utf-8").await)
            .unwrap();
    assert!(index.starts_with("<?xml"));
    assert!(
        index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"),
        "{index}"
    );
    assert!(!index.contains("<url>"));
    elements(&index, "loc")
}

/// The sitemap file at the absolute address `url`.
async fn sitemap(app: &TestApp, url: &str) -> String {
    let path = url
        .strip_prefix(BASE)
        .expect("an address under the base URL");
    String::from_utf8(fetch(app, path, "application/xml; charset=utf-8").await).unwrap()
}

/// The text of every `<name>` element of `xml`, in order.
fn elements(xml: &str, name: &str) -> Vec<String> {
    xml.split(&format!("<{name}>"))
        .skip(1)
        .map(|rest| rest.split(&format!("</{name}>")).next().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_sitemap_index_splits_every_published_article_into_files_of_the_set_size() {
    let app = TestApp::spawn_with(|args| args.sitemap_urls_per_file = "2".into()).await;
    mixed(&app).await;
    let mut published = Vec::new();
    for i in 0..3 {
        published.push(
            NewArticle::published(&format!("old{i}"), 1000 - i)
                .insert(app.conn())
                .await,
        );
    }
    let files = sitemap_files(&app).await;
    // Seven public articles, two a file.
    assert_eq!(files.len(), 4, "{files:?}");
    assert_eq!(files[0], format!("{BASE}/sitemaps/articles.xml"));
    let mut listed = Vec::new();
    for file in &files {
        let xml = sitemap(&app, file).await;
        let locs = elements(&xml, "loc");
        assert!(!locs.is_empty() && locs.len() <= 2, "{file}: {locs:?}");
        assert_eq!(elements(&xml, "lastmod").len(), locs.len());
        listed.extend(locs);
    }
    let slugs: Vec<&str> = listed
        .iter()
        .map(|url| url.rsplit('/').next().unwrap())
        .collect();
    let titles: Vec<&str> = slugs
        .iter()
        .map(|slug| slug.rsplit_once('-').unwrap().0)
        .collect();
    assert_eq!(
        titles,
        ["old0", "old1", "old2", "r2", "r1", "r0", "kazakh"],
        "every public article once, oldest first"
    );
    assert_eq!(slugs[0], published[0].slug);

    // A new article changes the last file only: the first stays the same, and so does
    // its ETag.
    let first = app.get("/sitemaps/articles.xml").await;
    let etag = first.headers()["etag"].clone();
    assert_eq!(
        first.headers()["cache-control"],
        "public, max-age=900, stale-while-revalidate=3600"
    );
    let before = first.bytes().await.unwrap();
    NewArticle::published("newest", 0).insert(app.conn()).await;
    assert_eq!(sitemap(&app, &files[0]).await.as_bytes(), before);
    let again = app
        .client
        .get(app.url("/sitemaps/articles.xml"))
        .header(header::IF_NONE_MATCH, etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    let files = sitemap_files(&app).await;
    assert_eq!(files.len(), 4);
    let last = sitemap(&app, &files[3]).await;
    assert!(last.contains("/ru/news/newest-"), "{last}");
    let index = app.get("/sitemap.xml").await;
    assert!(index.headers().contains_key("etag"));
    assert_eq!(
        index.headers()["cache-control"],
        "public, max-age=900, stale-while-revalidate=3600"
    );
    bad_input(&app, "/sitemaps/articles.xml?from=nonsense", "from").await;
}

#[tokio::test]
async fn sitemap_entries_name_their_translations_and_when_they_last_changed() {
    // One article a file: alternates reach across files.
    let app = TestApp::spawn_with(|args| args.sitemap_urls_per_file = "1".into()).await;
    let db = app.conn();
    let russian = NewArticle::published("итоги", 30).insert(db).await;
    let kazakh = NewArticle::published("qorytyndy", 20)
        .lang(Language::Kk)
        .translation_of(russian.translation_group_id)
        .insert(db)
        .await;
    let english_draft = NewArticle::published("results", 10)
        .lang(Language::En)
        .status(ArticleStatus::Draft)
        .at(None)
        .translation_of(russian.translation_group_id)
        .insert(db)
        .await;
    let alone = NewArticle::published("одна", 5).insert(db).await;
    let changed = fixtures::start() + Duration::minutes(90);
    article::Entity::update_many()
        .col_expr(article::Column::UpdatedAt, Expr::value(changed))
        .filter(article::Column::Id.eq(kazakh.id))
        .exec(db)
        .await
        .unwrap();

    let files = sitemap_files(&app).await;
    assert_eq!(files.len(), 3, "{files:?}");
    let entries: Vec<String> = {
        let mut all = Vec::new();
        for file in &files {
            let xml = sitemap(&app, file).await;
            assert!(xml.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
            all.extend(elements(&xml, "url"));
        }
        all
    };
    let url = |lang: &str, slug: &str| format!("{BASE}/{lang}/news/{slug}");
    let alternates = format!(
        "<xhtml:link rel=\"alternate\" hreflang=\"kk\" href=\"{}\"/><xhtml:link rel=\"alternate\" hreflang=\"ru\" href=\"{}\"/>",
        url("kk", &kazakh.slug),
        url("ru", &russian.slug),
    );
    assert_eq!(
        entries[0],
        format!(
            "<loc>{}</loc><lastmod>2026-12-01T09:00:00Z</lastmod>{alternates}",
            url("ru", &russian.slug)
        )
    );
    assert_eq!(
        entries[1],
        format!(
            "<loc>{}</loc><lastmod>2026-12-01T10:30:00Z</lastmod>{alternates}",
            url("kk", &kazakh.slug)
        )
    );
    assert_eq!(
        entries[2],
        format!(
            "<loc>{}</loc><lastmod>2026-12-01T09:00:00Z</lastmod>",
            url("ru", &alone.slug)
        )
    );
    assert!(!entries.concat().contains(&english_draft.slug));
}
