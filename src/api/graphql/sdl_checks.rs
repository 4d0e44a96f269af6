//! Checks on the exported SDL (`export-schema`, committed as `schema.graphql`):
//! every element a client can see is described, and custom scalars name their
//! specification.

use async_graphql::{
    Request, Schema,
    parser::{
        parse_schema,
        types::{TypeKind, TypeSystemDefinition},
    },
};

use super::{MutationRoot, QueryRoot, sdl, subscription::SubscriptionRoot};

/// Directives the GraphQL specification defines: their descriptions and arguments
/// come from async-graphql, not from this project.
const SPEC_DIRECTIVES: &[&str] = &["include", "skip", "deprecated", "specifiedBy", "oneOf"];

fn described(description: Option<&str>) -> bool {
    description.is_some_and(|d| !d.trim().is_empty())
}

/// Every type, field, argument, input field and enum value of the SDL that has no
/// description, as `Type`, `Type.field`, `Type.field(arg:)` or `Enum.VALUE`.
fn undescribed(sdl: &str) -> Vec<String> {
    let document = parse_schema(sdl).expect("the exported SDL parses");
    let mut missing = Vec::new();
    for definition in &document.definitions {
        match definition {
            TypeSystemDefinition::Schema(_) => {}
            TypeSystemDefinition::Directive(directive) => {
                let directive = &directive.node;
                let name = directive.name.node.as_str();
                if SPEC_DIRECTIVES.contains(&name) {
                    continue;
                }
                if !described(directive.description.as_ref().map(|d| d.node.as_str())) {
                    missing.push(format!("@{name}"));
                }
                for arg in &directive.arguments {
                    if !described(arg.node.description.as_ref().map(|d| d.node.as_str())) {
                        missing.push(format!("@{name}({}:)", arg.node.name.node));
                    }
                }
            }
            TypeSystemDefinition::Type(ty) => {
                let ty = &ty.node;
                let name = ty.name.node.as_str();
                if name.starts_with("__") {
                    continue;
                }
                if !described(ty.description.as_ref().map(|d| d.node.as_str())) {
                    missing.push(name.to_string());
                }
                let fields = match &ty.kind {
                    TypeKind::Object(object) => &object.fields[..],
                    TypeKind::Interface(interface) => &interface.fields[..],
                    _ => &[],
                };
                for field in fields {
                    let field = &field.node;
                    if !described(field.description.as_ref().map(|d| d.node.as_str())) {
                        missing.push(format!("{name}.{}", field.name.node));
                    }
                    for arg in &field.arguments {
                        if !described(arg.node.description.as_ref().map(|d| d.node.as_str())) {
                            missing.push(format!(
                                "{name}.{}({}:)",
                                field.name.node, arg.node.name.node
                            ));
                        }
                    }
                }
                match &ty.kind {
                    TypeKind::InputObject(input) => {
                        for field in &input.fields {
                            let field = &field.node;
                            if !described(field.description.as_ref().map(|d| d.node.as_str())) {
                                missing.push(format!("{name}.{}", field.name.node));
                            }
                        }
                    }
                    TypeKind::Enum(en) => {
                        for value in &en.values {
                            let value = &value.node;
                            if !described(value.description.as_ref().map(|d| d.node.as_str())) {
                                missing.push(format!("{name}.{}", value.value.node));
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    missing
}

#[test]
fn every_element_of_the_schema_is_described() {
    let missing = undescribed(&sdl());
    assert!(
        missing.is_empty(),
        "{} schema elements have no description (a `///` comment, or `desc` on an \
         argument):\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn the_check_finds_what_is_undescribed() {
    let sdl = r#"
        "A thing." type Thing { "Named." name(lang: String): String! size: Int }
        enum Kind { "Big." BIG SMALL }
        input ThingInput { name: String }
        scalar Bare
        "Shows up." type Query { "The thing." thing: Thing }
    "#;
    assert_eq!(
        undescribed(sdl),
        [
            "Thing.name(lang:)",
            "Thing.size",
            "Kind",
            "Kind.SMALL",
            "ThingInput",
            "ThingInput.name",
            "Bare",
        ]
    );
}

/// Every custom scalar that names a specification in introspection names the same
/// one in the SDL, and every custom scalar names one.
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
