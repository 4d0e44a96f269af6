//! Limits a query must keep beyond depth and complexity (which the schema checks):
//! how many aliases and root fields it may have, and that a GET request only reads.

use std::sync::Arc;

use async_graphql::{
    ServerError, ServerResult, Variables,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery},
    parser::types::{
        ExecutableDocument, FragmentDefinition, OperationType, Selection, SelectionSet,
    },
};

/// Most aliases in one document.
pub const MAX_ALIASES: usize = 30;
/// Most fields at the root of one operation.
pub const MAX_ROOT_FIELDS: usize = 20;

/// Marks a request that arrived over GET: it may read, never write.
pub struct ReadOnly;

/// Set when a request's document holds a mutation (or a subscription): its answer is
/// not to be shared, and content may have changed once it has run.
#[derive(Debug, Clone, Default)]
pub struct Writes(Arc<std::sync::atomic::AtomicBool>);

impl Writes {
    fn set(&self) {
        self.0.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// Whether the document asked to write.
    pub fn asked(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// The extension factory to register on the schema.
pub struct QueryLimits;

impl ExtensionFactory for QueryLimits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(QueryLimitsExtension)
    }
}

struct QueryLimitsExtension;

fn refuse(message: String, code: &str) -> ServerError {
    let mut error = ServerError::new(message, None);
    error
        .extensions
        .get_or_insert_with(Default::default)
        .set("code", code);
    error
}

#[async_graphql::async_trait::async_trait]
impl Extension for QueryLimitsExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        let writes = document
            .operations
            .iter()
            .any(|(_, op)| op.node.ty != OperationType::Query);
        if writes && let Some(flag) = ctx.data_opt::<Writes>() {
            flag.set();
        }
        if writes && ctx.data_opt::<ReadOnly>().is_some() {
            return Err(refuse(
                "only queries may be sent with GET; send mutations with POST".into(),
                "BAD_USER_INPUT",
            ));
        }
        let fragments = &document.fragments;
        let aliases: usize = document
            .operations
            .iter()
            .map(|(_, op)| count_aliases(&op.node.selection_set.node))
            .chain(
                fragments
                    .values()
                    .map(|f| count_aliases(&f.node.selection_set.node)),
            )
            .sum();
        if aliases > MAX_ALIASES {
            return Err(refuse(
                format!("too many aliases: {aliases}, at most {MAX_ALIASES}"),
                "QUERY_TOO_COMPLEX",
            ));
        }
        for (_, op) in document.operations.iter() {
            let roots = count_root_fields(&op.node.selection_set.node, fragments, 0);
            if roots > MAX_ROOT_FIELDS {
                return Err(refuse(
                    format!("too many root fields: {roots}, at most {MAX_ROOT_FIELDS}"),
                    "QUERY_TOO_COMPLEX",
                ));
            }
        }
        Ok(document)
    }
}

fn count_aliases(set: &SelectionSet) -> usize {
    set.items
        .iter()
        .map(|item| match &item.node {
            Selection::Field(field) => {
                usize::from(field.node.alias.is_some())
                    + count_aliases(&field.node.selection_set.node)
            }
            Selection::InlineFragment(inline) => count_aliases(&inline.node.selection_set.node),
            Selection::FragmentSpread(_) => 0,
        })
        .sum()
}

fn count_root_fields(
    set: &SelectionSet,
    fragments: &std::collections::HashMap<
        async_graphql::Name,
        async_graphql::Positioned<FragmentDefinition>,
    >,
    depth: usize,
) -> usize {
    // Fragments may spread each other; a cycle is a validation error reported later.
    if depth > 8 {
        return 0;
    }
    set.items
        .iter()
        .map(|item| match &item.node {
            Selection::Field(_) => 1,
            Selection::InlineFragment(inline) => {
                count_root_fields(&inline.node.selection_set.node, fragments, depth + 1)
            }
            Selection::FragmentSpread(spread) => fragments
                .get(&spread.node.fragment_name.node)
                .map_or(0, |f| {
                    count_root_fields(&f.node.selection_set.node, fragments, depth + 1)
                }),
        })
        .sum()
}
