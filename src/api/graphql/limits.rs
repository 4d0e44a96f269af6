//! Limits a query must keep beyond complexity (which the schema checks): how deep
//! it nests, how many aliases and root fields it may have, and that a GET request
//! only reads.
//!
//! Depth is counted here rather than by the schema's own limit so that introspection
//! can have a limit of its own: the standard introspection query of GraphQL tools
//! (graphql-js, graphql-core, GraphiQL, code generators) nests its type references
//! about 13 levels deep, past the limit for data, and it costs no database work.

use std::sync::Arc;

use async_graphql::{
    Request, ServerError, ServerResult, Variables,
    parser::types::{
        DocumentOperations, ExecutableDocument, FragmentDefinition, OperationType, Selection,
        SelectionSet,
    },
};

use sha2::{Digest, Sha256};

use crate::error::ErrorCode;

/// Most aliases in one document.
pub const MAX_ALIASES: usize = 30;
/// Most fields at the root of one operation.
pub const MAX_ROOT_FIELDS: usize = 20;
/// Deepest nesting of data fields.
pub const MAX_DEPTH: usize = 10;
/// Deepest nesting below `__schema` or `__type`.
pub const MAX_INTROSPECTION_DEPTH: usize = 20;
/// Fragments spreading fragments: deeper chains are refused (a cycle is one).
const MAX_SPREAD_CHAIN: usize = 16;

/// Deepest nesting of `{`, `[` and `(` in a document, checked on the text before it
/// is parsed: the parser's time grows quickly with nesting, and the depth limit
/// (which needs a parsed document) would come too late.
pub const MAX_NESTING: usize = 64;

/// Most directives in one document, wherever they stand (the schema's own limit
/// counts those on one field only).
pub const MAX_DIRECTIVES: usize = 50;

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

/// The documents parsed and found within the limits. Clients send the same few
/// queries again and again, and parsing one costs more than answering it from the
/// loaders, so each distinct text is parsed and checked once (keyed by its hash).
#[derive(Clone)]
pub struct QueryLimits {
    parsed: Arc<moka::sync::Cache<[u8; 32], Arc<Parsed>>>,
}

/// A document within the limits, whether it writes, and the length of its text.
pub struct Parsed {
    document: ExecutableDocument,
    writes: bool,
    text_len: usize,
}

/// How much parsed text is kept, in bytes of query text (a parsed document takes a
/// few times its text).
const PARSED_TEXT_BYTES: u64 = 4 * 1024 * 1024;

impl Default for QueryLimits {
    fn default() -> Self {
        let parsed = moka::sync::Cache::builder()
            .max_capacity(PARSED_TEXT_BYTES)
            .weigher(|_, parsed: &Arc<Parsed>| parsed.weight())
            .build();
        QueryLimits {
            parsed: Arc::new(parsed),
        }
    }
}

impl QueryLimits {
    /// `query` parsed, from the documents kept or parsed and checked now.
    pub fn parse(&self, query: &str) -> ServerResult<Arc<Parsed>> {
        let key: [u8; 32] = Sha256::digest(query.as_bytes()).into();
        if let Some(parsed) = self.parsed.get(&key) {
            return Ok(parsed);
        }
        too_nested(query)?;
        let document = async_graphql::parser::parse_query(query)?;
        let parsed = Arc::new(Parsed::checked(document, query.len())?);
        self.parsed.insert(key, parsed.clone());
        Ok(parsed)
    }

    /// A document that arrived parsed (a persisted query, known by its hash), checked
    /// on its own: every such document would share the empty text's key.
    pub fn check(&self, document: ExecutableDocument) -> ServerResult<Arc<Parsed>> {
        Ok(Arc::new(Parsed::checked(document, 0)?))
    }

    /// Refuses a text nested past [`MAX_NESTING`] before anything parses it.
    pub fn nesting(&self, query: &str) -> ServerResult<()> {
        too_nested(query)
    }
}

impl Parsed {
    fn weight(&self) -> u32 {
        u32::try_from(self.text_len).unwrap_or(u32::MAX)
    }

    /// Checks `document` against the limits and notes whether it writes.
    fn checked(document: ExecutableDocument, text_len: usize) -> ServerResult<Parsed> {
        within_limits(&document)?;
        let writes = document
            .operations
            .iter()
            .any(|(_, op)| op.node.ty != OperationType::Query);
        Ok(Parsed {
            document,
            writes,
            text_len,
        })
    }

    /// The parsed document, for the engine.
    pub fn document(&self) -> &ExecutableDocument {
        &self.document
    }

    /// What depends on the request, decided for every request: a document that
    /// writes is noted in its [`Writes`] and refused if it came with [`ReadOnly`];
    /// every variable the operation requires must be given.
    pub fn admit(&self, request: &Request) -> ServerResult<()> {
        if self.writes {
            if let Some(flag) = data_of::<Writes>(request) {
                flag.set();
            }
            if data_of::<ReadOnly>(request).is_some() {
                return Err(refuse(
                    "only queries may be sent with GET; send mutations with POST".into(),
                    ErrorCode::BadUserInput,
                ));
            }
        }
        required_variables_given(&self.document, &request.variables)
    }
}

/// The value of type `T` a request carries as data.
fn data_of<T: 'static>(request: &Request) -> Option<&T> {
    request
        .data
        .get(&std::any::TypeId::of::<T>())
        .and_then(|data| data.downcast_ref::<T>())
}

fn refuse(message: String, code: ErrorCode) -> ServerError {
    let mut error = ServerError::new(message, None);
    error
        .extensions
        .get_or_insert_with(Default::default)
        .set("code", code.as_str());
    error
}

fn too_nested(query: &str) -> ServerResult<()> {
    let nesting = nesting_depth(query);
    if nesting > MAX_NESTING {
        return Err(refuse(
            format!("nested too deep: {nesting} levels, at most {MAX_NESTING}"),
            ErrorCode::QueryTooComplex,
        ));
    }
    Ok(())
}

/// Refuses a request that leaves out a variable its operation requires (non-null,
/// without a default) before anything runs, as the GraphQL-over-HTTP draft has it:
/// the engine would only notice at the first field that reads it, and answer that
/// field's error in a 200. A document of several operations is left to the engine,
/// which picks one by `operationName`.
fn required_variables_given(
    document: &ExecutableDocument,
    variables: &Variables,
) -> ServerResult<()> {
    let DocumentOperations::Single(operation) = &document.operations else {
        return Ok(());
    };
    for definition in &operation.node.variable_definitions {
        let definition = &definition.node;
        let name = definition.name.node.as_str();
        let missing = matches!(variables.get(name), None | Some(async_graphql::Value::Null));
        if missing && !definition.var_type.node.nullable && definition.default_value.is_none() {
            let mut error = refuse(
                format!(
                    "the variable `${name}` ({}) is required",
                    definition.var_type.node
                ),
                ErrorCode::BadUserInput,
            );
            if let Some(extensions) = error.extensions.as_mut() {
                extensions.set("field", format!("variables.{name}"));
            }
            return Err(error);
        }
    }
    Ok(())
}

/// Checks the limits a parsed document must keep.
fn within_limits(document: &ExecutableDocument) -> ServerResult<()> {
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
            ErrorCode::QueryTooComplex,
        ));
    }
    let directives: usize = document
        .operations
        .iter()
        .map(|(_, op)| op.node.directives.len() + count_directives(&op.node.selection_set.node))
        .chain(
            fragments
                .values()
                .map(|f| f.node.directives.len() + count_directives(&f.node.selection_set.node)),
        )
        .sum();
    if directives > MAX_DIRECTIVES {
        return Err(refuse(
            format!("too many directives: {directives}, at most {MAX_DIRECTIVES}"),
            ErrorCode::QueryTooComplex,
        ));
    }
    for (_, op) in document.operations.iter() {
        let depth = Depth::new(fragments).of(&op.node.selection_set.node, 0, 0);
        if depth.data > MAX_DEPTH || depth.introspection > MAX_INTROSPECTION_DEPTH {
            return Err(refuse(
                format!("the query nests too deep: at most {MAX_DEPTH} levels"),
                ErrorCode::QueryTooComplex,
            ));
        }
        let roots = count_root_fields(&op.node.selection_set.node, fragments, 0);
        if roots > MAX_ROOT_FIELDS {
            return Err(refuse(
                format!("too many root fields: {roots}, at most {MAX_ROOT_FIELDS}"),
                ErrorCode::QueryTooComplex,
            ));
        }
    }
    Ok(())
}

/// How deep brackets of any kind nest in `query`, outside strings and comments.
/// Delimiters are ASCII, so walking bytes is safe in any UTF-8 text.
fn nesting_depth(query: &str) -> usize {
    let bytes = query.as_bytes();
    let (mut i, mut depth, mut deepest) = (0, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                i += 3;
                while i < bytes.len() && !bytes[i..].starts_with(b"\"\"\"") {
                    i += if bytes[i..].starts_with(b"\\\"\"\"") {
                        4
                    } else {
                        1
                    };
                }
                // On the closing quotes: the step below leaves the last of them.
                i += 2;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' | b'[' | b'(' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    deepest
}

type Fragments =
    std::collections::HashMap<async_graphql::Name, async_graphql::Positioned<FragmentDefinition>>;

/// The deepest nesting of data fields and of introspection fields in a selection.
#[derive(Debug, Default, Clone, Copy)]
struct Nesting {
    data: usize,
    introspection: usize,
}

struct Depth<'a> {
    fragments: &'a Fragments,
}

impl<'a> Depth<'a> {
    fn new(fragments: &'a Fragments) -> Self {
        Depth { fragments }
    }

    /// `at` is the depth of the fields in `set`, counted from the root; `spreads`
    /// how many fragment spreads led here.
    fn of(&self, set: &SelectionSet, at: usize, spreads: usize) -> Nesting {
        let mut deepest = Nesting::default();
        if spreads > MAX_SPREAD_CHAIN {
            // Beyond any limit: the caller refuses it.
            deepest.data = usize::MAX;
            return deepest;
        }
        for item in &set.items {
            let inner = match &item.node {
                Selection::Field(field) => {
                    let name = field.node.name.node.as_str();
                    let below = self.of(&field.node.selection_set.node, at + 1, spreads);
                    if name == "__schema" || name == "__type" {
                        Nesting {
                            data: 0,
                            introspection: (at + 1).max(below.data).max(below.introspection),
                        }
                    } else {
                        Nesting {
                            data: (at + 1).max(below.data),
                            introspection: below.introspection,
                        }
                    }
                }
                Selection::InlineFragment(inline) => {
                    self.of(&inline.node.selection_set.node, at, spreads)
                }
                Selection::FragmentSpread(spread) => self
                    .fragments
                    .get(&spread.node.fragment_name.node)
                    .map_or_else(Nesting::default, |f| {
                        self.of(&f.node.selection_set.node, at, spreads + 1)
                    }),
            };
            deepest.data = deepest.data.max(inner.data);
            deepest.introspection = deepest.introspection.max(inner.introspection);
        }
        deepest
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

fn count_directives(set: &SelectionSet) -> usize {
    set.items
        .iter()
        .map(|item| match &item.node {
            Selection::Field(field) => {
                field.node.directives.len() + count_directives(&field.node.selection_set.node)
            }
            Selection::InlineFragment(inline) => {
                inline.node.directives.len() + count_directives(&inline.node.selection_set.node)
            }
            Selection::FragmentSpread(spread) => spread.node.directives.len(),
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

#[cfg(test)]
mod tests {
    use async_graphql::Request;

    use super::{QueryLimits, ReadOnly, Writes, nesting_depth};

    #[test]
    fn a_document_is_parsed_once_and_the_request_rules_apply_every_time() {
        let limits = QueryLimits::default();
        for _ in 0..3 {
            let parsed = limits.parse("{ answer }").expect("within the limits");
            assert!(parsed.admit(&Request::new("{ answer }")).is_ok());
        }
        limits.parsed.run_pending_tasks();
        assert_eq!(limits.parsed.entry_count(), 1);
        for _ in 0..2 {
            let writes = Writes::default();
            let over_get = Request::new("mutation { change }")
                .data(ReadOnly)
                .data(writes.clone());
            let parsed = limits.parse(&over_get.query).expect("within the limits");
            assert!(
                parsed.admit(&over_get).is_err(),
                "a mutation over GET, parsed or not"
            );
            assert!(writes.asked());
        }
        let over_post = Request::new("mutation { change }");
        let parsed = limits.parse(&over_post.query).expect("within the limits");
        assert!(parsed.admit(&over_post).is_ok());
        // Limits are checked before a document is kept.
        let aliases: String = (0..40).map(|i| format!("a{i}: answer ")).collect();
        for _ in 0..2 {
            assert!(limits.parse(&format!("{{ {aliases} }}")).is_err());
        }
        limits.parsed.run_pending_tasks();
        assert_eq!(limits.parsed.entry_count(), 2);
    }

    #[test]
    fn a_required_variable_left_out_is_refused_naming_it() {
        let limits = QueryLimits::default();
        let query = "query ($slug: String!) { article(slug: $slug) { id } }";
        let parsed = limits.parse(query).expect("within the limits");
        let error = parsed.admit(&Request::new(query)).expect_err("no $slug");
        let field = error
            .extensions
            .as_ref()
            .and_then(|e| e.get("field"))
            .cloned();
        assert_eq!(field, Some(async_graphql::Value::from("variables.slug")));
        let given = Request::new(query).variables(async_graphql::Variables::from_json(
            serde_json::json!({ "slug": "x" }),
        ));
        assert!(parsed.admit(&given).is_ok());
    }

    #[test]
    fn nesting_counts_brackets_outside_strings_and_comments() {
        assert_eq!(nesting_depth("{ a }"), 1);
        assert_eq!(nesting_depth("{ a(x: [{ b: 1 }]) { c } }"), 4);
        assert_eq!(nesting_depth(r#"{ a(s: "{{{{ \" [[[") }"#), 2);
        assert_eq!(
            nesting_depth("{ a(s: \"\"\"{{{ \\\"\"\" {{\"\"\") } # {{{{\n"),
            2
        );
        assert_eq!(nesting_depth("{ a(s: \"\") }"), 2);
        assert_eq!(nesting_depth(&"{ a ".repeat(100)), 100);
        assert_eq!(nesting_depth("}}} {"), 1);
    }
}
