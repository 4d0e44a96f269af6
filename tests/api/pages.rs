//! The pages for people and crawlers: GraphiQL and its files, the front door at `/`,
//! robots.txt.

use reqwest::header;

use crate::{
    helpers::TestApp,
    rest_support::{assert_matches_doc, document},
};

const BASE: &str = "https://news.example.kz";

async fn graphiql(app: &TestApp) -> (String, String) {
    let page = app
        .client
        .get(app.url("/graphql"))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let policy = page.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    (policy, page.text().await.unwrap())
}

/// The values of `attribute` in `html` that are paths on this site.
fn local_paths(html: &str, attribute: &str) -> Vec<String> {
    html.split(&format!("{attribute}=\""))
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|value| value.starts_with('/'))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn graphiql_loads_nothing_from_elsewhere_and_its_policy_allows_only_this_origin() {
    let app = TestApp::spawn().await;
    let (policy, page) = graphiql(&app).await;
    for external in ["http://", "https://", "\"//", "unpkg", "cdn"] {
        assert!(!page.contains(external), "{external} in {page}");
    }
    assert!(page.contains("data-endpoint=\"/graphql\""));
    assert!(page.contains("data-subscriptions=\"/graphql/ws\""));
    assert!(!page.contains("<script>"), "no inline script: {page}");
    for directive in policy.split(';').map(str::trim) {
        let mut words = directive.split_whitespace();
        let name = words.next().unwrap();
        for source in words {
            // Fonts and the icon of GraphiQL's stylesheet are data: URIs, not places.
            assert!(
                ["'self'", "'none'", "data:"].contains(&source),
                "{name} allows {source}: {policy}"
            );
        }
    }
    assert!(policy.contains("script-src 'self';"), "{policy}");
    assert!(policy.contains("connect-src 'self';"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
}

#[tokio::test]
async fn graphiql_files_are_served_with_their_type_for_a_year() {
    let app = TestApp::spawn().await;
    let (_, page) = graphiql(&app).await;
    let scripts = local_paths(&page, "src");
    let styles = local_paths(&page, "href");
    assert_eq!(scripts.len(), 4, "{scripts:?}");
    assert_eq!(styles.len(), 2, "{styles:?}");
    for (paths, content_type) in [
        (&scripts, "text/javascript; charset=utf-8"),
        (&styles, "text/css; charset=utf-8"),
    ] {
        for path in paths {
            assert!(path.starts_with("/graphql/assets/"), "{path}");
            let response = app.get(path).await;
            assert_eq!(response.status(), 200, "{path}");
            let headers = response.headers();
            assert_eq!(headers[header::CONTENT_TYPE], content_type, "{path}");
            assert_eq!(
                headers[header::CACHE_CONTROL],
                "public, max-age=31536000, immutable",
                "{path}"
            );
            assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
            assert!(!response.bytes().await.unwrap().is_empty(), "{path}");
        }
    }
    let bundle = scripts.iter().find(|p| p.ends_with("/graphiql.min.js"));
    let bundle = app.get(bundle.unwrap()).await.bytes().await.unwrap();
    assert!(bundle.len() > 500_000, "the whole of GraphiQL");
    // Another content under an old hash would be kept for a year as that version.
    let stale = scripts[0].replacen("/graphql/assets/", "/graphql/assets/0", 1);
    assert_eq!(app.get(&stale).await.status(), 404);
    assert_eq!(app.get("/graphql/assets/x/nothing.js").await.status(), 404);
}

#[tokio::test]
async fn the_root_gives_a_browser_a_page_of_links_and_other_clients_json() {
    let app = TestApp::spawn().await;
    let page = app
        .client
        .get(app.url("/"))
        .header(
            header::ACCEPT,
            "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(
        page.headers()[header::CONTENT_TYPE],
        "text/html; charset=utf-8"
    );
    assert!(
        page.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .starts_with("default-src 'none'")
    );
    let html = page.text().await.unwrap();
    let mut paths = local_paths(&html, "href");
    paths.dedup();
    let expected = [
        "/graphql",
        "/docs/",
        "/openapi.json",
        "/feeds/rss.xml",
        "/feeds/atom.xml",
        "/feeds/feed.json",
        "/sitemap.xml",
        "/sitemap-news.xml",
    ];
    assert_eq!(paths, expected);

    for accept in [None, Some("application/json"), Some("*/*")] {
        let mut request = app.client.get(app.url("/"));
        if let Some(accept) = accept {
            request = request.header(header::ACCEPT, accept);
        }
        let answer = request.send().await.unwrap();
        assert_eq!(answer.status(), 200, "{accept:?}");
        assert_eq!(answer.headers()[header::CONTENT_TYPE], "application/json");
        assert!(
            answer
                .headers()
                .get_all(header::VARY)
                .iter()
                .any(|v| v == "Accept")
        );
        assert!(answer.headers().contains_key(header::ETAG));
        let index: serde_json::Value = answer.json().await.unwrap();
        assert_matches_doc(&document(), "/", &index);
        let links = index["links"].as_array().unwrap();
        let urls: Vec<&str> = links.iter().map(|l| l["url"].as_str().unwrap()).collect();
        for path in expected {
            assert!(urls.contains(&format!("{BASE}{path}").as_str()), "{path}");
        }
        let rss = links.iter().find(|l| l["name"] == "rss").unwrap();
        assert_eq!(rss["mediaType"], "application/rss+xml");
        let graphiql = links.iter().find(|l| l["name"] == "graphiql").unwrap();
        assert_eq!(graphiql["mediaType"], "text/html");
    }
}

#[tokio::test]
async fn robots_txt_allows_crawling_and_names_the_sitemaps() {
    let app = TestApp::spawn().await;
    let answer = app.get("/robots.txt").await;
    assert_eq!(answer.status(), 200);
    assert_eq!(
        answer.headers()[header::CONTENT_TYPE],
        "text/plain; charset=utf-8"
    );
    assert!(answer.headers().contains_key(header::CACHE_CONTROL));
    let text = answer.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.contains(&"User-agent: *"), "{text}");
    assert!(lines.contains(&"Allow: /"), "{text}");
    assert!(!text.contains("Disallow: /\n"), "{text}");
    assert!(lines.contains(&format!("Sitemap: {BASE}/sitemap.xml").as_str()));
    assert!(lines.contains(&format!("Sitemap: {BASE}/sitemap-news.xml").as_str()));
    // The sitemap it names is there.
    assert_eq!(app.get("/sitemap.xml").await.status(), 200);
}
