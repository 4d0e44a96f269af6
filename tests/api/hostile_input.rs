//! Inputs a fuzzer sends: every one gets a clear answer, never a dropped connection,
//! and the OpenAPI document says what the service accepts.

use serde_json::{Value, json};

use crate::{
    fixtures::NewArticle,
    helpers::{TestApp, data, error_code},
};

#[tokio::test]
async fn a_region_key_with_a_multibyte_letter_is_not_found_not_a_dropped_connection() {
    let app = TestApp::spawn().await;
    // Five bytes whose third falls inside a letter: the shape of an ISO code.
    for path in [
        "/api/v1/regions/00%E0%A0%80",
        "/api/v1/regions/6z%E8%8A%AD",
        "/feeds/regions/00%C2%800/rss.xml",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json",
            "{path}"
        );
    }
}

/// The type reference part of the introspection query GraphQL tools send
/// (graphql-js `getIntrospectionQuery`), seven `ofType` levels deep.
const TYPE_REF: &str = "fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }";
