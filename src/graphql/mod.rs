//! The GraphQL API: schema assembly from per-domain parts.

pub mod context;
pub mod errors;
pub mod ids;
pub mod region;

use async_graphql::{EmptyMutation, EmptySubscription, MergedObject, SDLExportOptions, Schema};
use sea_orm::DatabaseConnection;

use crate::config::Config;

/// The root query, merged from each domain's fields.
#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct QueryRoot(region::RegionQuery);

/// The executable schema.
pub type ApiSchema = Schema<QueryRoot, EmptyMutation, EmptySubscription>;

/// Deepest selection nesting accepted.
pub const MAX_DEPTH: usize = 12;
/// Largest total cost accepted.
pub const MAX_COMPLEXITY: usize = 5_000;

/// Builds the schema with its limits; `db` is available to every resolver.
pub fn build_schema(config: &Config, db: DatabaseConnection) -> ApiSchema {
    let mut builder = Schema::build(QueryRoot::default(), EmptyMutation, EmptySubscription)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .extension(errors::ErrorCodes)
        .data(db);
    if !config.graphql_introspection {
        builder = builder.disable_introspection().disable_suggestions();
    }
    builder.finish()
}

/// The SDL, sorted so that it only changes when the schema does.
pub fn sdl() -> String {
    Schema::build(QueryRoot::default(), EmptyMutation, EmptySubscription)
        .finish()
        .sdl_with_options(
            SDLExportOptions::new()
                .sorted_fields()
                .sorted_arguments()
                .sorted_enum_items(),
        )
}
