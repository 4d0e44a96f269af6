//! The embedded default fills itself with demo content; a configured database never does.

use polisia_api::{config::Config, domain::time::Clock, entity, startup};
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::helpers::{TestApp, TestDb, config_args};

#[tokio::test]
async fn the_embedded_default_starts_migrated_with_demo_content_and_a_kept_secret() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::from_args(&config_args(None, dir.path().join("data"))).unwrap();
    let state = startup::prepare(config.clone(), false, Clock::system())
        .await
        .unwrap();
    let conn = state.conn();
    assert!(entity::article::Entity::find().count(conn).await.unwrap() >= 30);
    assert_eq!(
        entity::meeting::Entity::find().count(conn).await.unwrap(),
        3
    );
    assert_eq!(
        entity::region::Entity::find().count(conn).await.unwrap(),
        20
    );
    assert!(entity::comment::Entity::find().count(conn).await.unwrap() > 0);
    // Its photos, drawn at start-up and stored as uploads.
    assert_eq!(entity::media::Entity::find().count(conn).await.unwrap(), 9);
    assert!(dir.path().join("data/polisia.db").exists());
    let secret = std::fs::read_to_string(dir.path().join("data/jwt-secret")).unwrap();
    assert!(secret.len() >= 32);
    drop(state);

    // A second start keeps the secret and does not load the content twice.
    let again = startup::prepare(config, false, Clock::system())
        .await
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("data/jwt-secret")).unwrap(),
        secret
    );
    assert_eq!(
        entity::meeting::Entity::find()
            .count(again.conn())
            .await
            .unwrap(),
        3
    );
}

#[tokio::test]
async fn a_configured_database_gets_no_demo_content_by_itself() {
    let app = TestApp::spawn().await;
    let conn = app.state.conn();
    assert_eq!(
        entity::article::Entity::find().count(conn).await.unwrap(),
        0
    );
    assert_eq!(entity::user::Entity::find().count(conn).await.unwrap(), 0);
    assert_eq!(
        entity::region::Entity::find().count(conn).await.unwrap(),
        20
    );
}

/// Another connection writing meanwhile (the service's own housekeeping, say) makes
/// the load wait for its turn, never fail: on SQLite a transaction that reads before
/// it writes would be refused at its first write.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_content_loads_while_another_connection_writes() {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};

    let app = TestApp::spawn().await;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let conn = app.conn().clone();
        let clock = app.clock.clone();
        let stop = stop.clone();
        tokio::spawn(async move {
            let mut written = 0_u32;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let row = entity::tag::ActiveModel {
                    id: Set(uuid::Uuid::now_v7()),
                    slug: Set(format!("writer-{written}")),
                    name: Set(format!("Writer {written}")),
                    created_at: Set(clock.now()),
                    updated_at: Set(clock.now()),
                    ..Default::default()
                };
                if row.insert(&conn).await.is_ok() {
                    written += 1;
                }
                tokio::time::sleep(std::time::Duration::from_millis(2)).await;
            }
            written
        })
    };
    // The writer is under way before the load starts.
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let loaded = polisia_api::seed::demo::load(app.conn(), app.clock.now()).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = writer.await.unwrap();
    loaded.expect("the demo content loads beside another writer");
    assert!(written > 0, "the other connection wrote meanwhile");
    assert!(
        entity::article::Entity::find()
            .count(app.conn())
            .await
            .unwrap()
            >= 30
    );
}

#[tokio::test]
async fn seed_demo_loads_the_demo_content_into_a_configured_database_on_request() {
    let db = TestDb::fresh().await;
    let output = crate::cli::run(&["seed-demo"], Some(db.url())).await;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let conn = sea_orm::Database::connect(db.url()).await.unwrap();
    assert!(entity::article::Entity::find().count(&conn).await.unwrap() >= 30);
    // Loading twice would duplicate it: refused.
    let again = crate::cli::run(&["seed-demo"], Some(db.url())).await;
    assert!(!again.status.success());
}

#[tokio::test]
async fn seed_demo_generates_a_synthetic_data_set_of_the_size_asked() {
    let db = TestDb::fresh().await;
    let output = crate::cli::run(
        &[
            "seed-demo",
            "--articles",
            "1500",
            "--comments-per-article",
            "2",
        ],
        Some(db.url()),
    )
    .await;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(
        log.contains("articles: 1500/1500"),
        "progress lines off a terminal: {log}"
    );
    let conn = sea_orm::Database::connect(db.url()).await.unwrap();
    assert_eq!(
        entity::article::Entity::find().count(&conn).await.unwrap(),
        1500
    );
    let comments = entity::comment::Entity::find().count(&conn).await.unwrap();
    assert!((1500..=6000).contains(&comments), "{comments} comments");
    // Meetings are spread through the archive, each entered before the articles
    // covering it, rather than all made at the moment of seeding.
    let meetings = entity::meeting::Entity::find().all(&conn).await.unwrap();
    let newest_article = entity::article::Entity::find()
        .all(&conn)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|a| a.published_at)
        .max()
        .unwrap();
    let moments: std::collections::HashSet<_> = meetings.iter().map(|m| m.created_at).collect();
    assert_eq!(moments.len(), meetings.len(), "one moment per meeting");
    assert!(meetings.iter().all(|m| m.created_at < newest_article));
}

/// A published article was last changed when it was published, or later.
#[tokio::test]
async fn no_demo_article_was_updated_before_it_was_published() {
    let app = TestApp::spawn_with_demo().await;
    let mut cursor: Option<String> = None;
    let mut seen = 0;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/articles?limit=100&cursor={c}"),
            None => "/api/v1/articles?limit=100".to_owned(),
        };
        let page = app.rest_get(&path).await;
        let page = page.json();
        for article in page["items"].as_array().expect("a page of articles") {
            let at = |field: &str| {
                let raw = article[field]
                    .as_str()
                    .unwrap_or_else(|| panic!("{article}"));
                chrono::DateTime::parse_from_rfc3339(raw).unwrap()
            };
            assert!(
                at("updatedAt") >= at("publishedAt"),
                "{}: updated {} before published {}",
                article["slug"],
                article["updatedAt"],
                article["publishedAt"]
            );
            seen += 1;
        }
        match page["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert!(seen >= 20, "{seen} published demo articles");
}

#[tokio::test]
async fn the_demo_covers_are_served_by_the_service_itself() {
    let app = TestApp::spawn_with_demo().await;
    let response = app
        .graphql(
            "{ articles(first: 50) { edges { node { slug lang coverImage { url(width: 1024, format: JPEG) alt } } } } }",
            serde_json::json!({}),
        )
        .await;
    let edges = crate::helpers::data(&response)["articles"]["edges"]
        .as_array()
        .unwrap()
        .clone();
    let covers: Vec<&serde_json::Value> = edges
        .iter()
        .map(|e| &e["node"])
        .filter(|n| !n["coverImage"].is_null())
        .collect();
    assert!(covers.len() >= 10, "{} covers", covers.len());
    // Uploaded photos, served by the service from its own store.
    let base = "https://news.example.kz/media/";
    for node in &covers {
        let url = node["coverImage"]["url"].as_str().unwrap();
        let path = url
            .strip_prefix("https://news.example.kz")
            .unwrap_or_else(|| panic!("{url} is not on the API's address"));
        assert!(url.starts_with(base), "{url}");
        assert!(!node["coverImage"]["alt"].as_str().unwrap().is_empty());
        let picture = app.get(path).await;
        assert_eq!(picture.status(), 200, "{url}");
        assert_eq!(picture.headers()["content-type"], "image/jpeg");
        assert!(picture.headers().contains_key("etag"));
        let bytes = picture.bytes().await.unwrap();
        assert!(bytes.starts_with(&[0xFF, 0xD8, 0xFF]), "{url} is a JPEG");
        // REST gives the same address.
        let slug = node["slug"].as_str().unwrap();
        let lang = node["lang"].as_str().unwrap().to_lowercase();
        let rest = app
            .rest_get(&format!("/api/v1/articles/{slug}?lang={lang}"))
            .await;
        assert_eq!(rest.json()["coverImage"]["url"], url, "{slug}");
    }

    // A client that has the picture is told so without it.
    let path = covers[0]["coverImage"]["url"].as_str().unwrap()["https://news.example.kz".len()..]
        .to_owned();
    let first = app.get(&path).await;
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    let again = app
        .client
        .get(app.url(&path))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert!(again.bytes().await.unwrap().is_empty());

    // The old illustrations stay for links to them.
    let old = app.get("/media/demo/kzo_kso_concept.jpg").await;
    assert_eq!(old.status(), 200);
    assert_eq!(old.headers()["content-type"], "image/jpeg");
    let missing = app.get("/media/demo/nothing-here.jpg").await;
    assert_eq!(missing.status(), 404);
    assert_eq!(
        missing.headers()["content-type"],
        "application/problem+json"
    );
}

/// The demo shows uploaded photos: covers with their renditions, galleries, and
/// photos of a meeting and of people; articles keep their linked covers too.
#[tokio::test]
async fn the_demo_articles_meetings_and_people_show_uploaded_photos() {
    use serde_json::json;

    let app = TestApp::spawn_with_demo().await;
    let answer = app
        .graphql(
            r#"{ articles(first: 50) { nodes {
                slug coverImage { id width height alt credit state srcset(kind: WIDE) }
                gallery { id }
              } }
              meetings(first: 10) { nodes { photo { id } } }
              participants(first: 50) { nodes { photo { id height } } } }"#,
            json!({}),
        )
        .await;
    let data = crate::helpers::data(&answer);
    let articles = data["articles"]["nodes"].as_array().unwrap();
    let uploaded: Vec<&serde_json::Value> = articles
        .iter()
        .filter(|a| a["coverImage"]["id"].is_string())
        .collect();
    assert!(uploaded.len() >= 10, "{answer}");
    for a in &uploaded {
        let cover = &a["coverImage"];
        assert_eq!(cover["width"], 1280, "{a}");
        assert_eq!(cover["state"], "READY", "{a}");
        assert_eq!(cover["credit"], "Polisia.kz");
        assert!(
            cover["alt"]
                .as_str()
                .unwrap()
                .starts_with("Условная иллюстрация")
        );
        assert!(cover["srcset"].as_str().unwrap().contains(" 1024w"), "{a}");
    }
    assert!(
        articles
            .iter()
            .any(|a| a["gallery"].as_array().unwrap().len() == 2)
    );
    assert!(
        data["meetings"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["photo"]["id"].is_string())
    );
    let portraits = data["participants"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["photo"]["height"] == 750)
        .count();
    assert_eq!(portraits, 3, "{answer}");
    // The files are served.
    let list = app.rest_get("/api/v1/articles?limit=5").await;
    let url = list.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|a| {
            a["coverImage"]["url"]
                .as_str()
                .filter(|u| u.contains("/media/0"))
        })
        .unwrap()
        .to_owned();
    let path = url.strip_prefix("https://news.example.kz").unwrap();
    assert_eq!(app.get(path).await.status(), 200);
}
