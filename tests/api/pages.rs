//! The pages for people and crawlers: GraphiQL and its files, the front door at `/`,
//! robots.txt.

use reqwest::header;

use crate::helpers::TestApp;

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
