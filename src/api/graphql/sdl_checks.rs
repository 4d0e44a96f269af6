//! Checks on the exported SDL (`export-schema`, committed as `schema.graphql`).

use async_graphql::{Request, Schema};

use super::{MutationRoot, QueryRoot, sdl, subscription::SubscriptionRoot};

/// Every custom scalar names its specification in introspection, and the SDL names
/// the same one.
#[tokio::test]
async fn custom_scalars_carry_specified_by_in_the_sdl() {
    let schema = Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        SubscriptionRoot,
    )
    .finish();
    let response = schema
        .execute(Request::new(
            "{ __schema { types { name kind specifiedByURL } } }",
        ))
        .await;
    assert!(response.errors.is_empty(), "{:?}", response.errors);
    let data = response.data.into_json().unwrap();
    let sdl = sdl();
    let mut scalars = 0;
    for ty in data["__schema"]["types"].as_array().unwrap() {
        let name = ty["name"].as_str().unwrap();
        if ty["kind"] != "SCALAR" || ["Int", "Float", "String", "Boolean", "ID"].contains(&name) {
            continue;
        }
        scalars += 1;
        let url = ty["specifiedByURL"]
            .as_str()
            .unwrap_or_else(|| panic!("scalar {name} names no specification"));
        let line = format!("scalar {name} @specifiedBy(url: \"{url}\")\n");
        assert!(sdl.contains(&line), "the SDL lacks `{}`", line.trim_end());
    }
    assert!(scalars >= 2, "DateTime and Date at least");
    assert!(sdl.contains("directive @specifiedBy(url: String!) on SCALAR"));
}
