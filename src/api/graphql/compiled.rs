//! Queries answered as one statement: a selection whose every field maps onto
//! columns and lists of rows is turned into a [`tree`] read, which PostgreSQL answers
//! as the `data` document itself; the engine never sees the request.
//!
//! What compiles:
//! - roots: `articles(first, after, lang)` (its `edges { cursor node }`, `nodes`,
//!   `pageInfo` and `totalCount`), `region(id | slug | code)`, `meeting(id | slug)`,
//!   `participant(id | slug)` and `tags`;
//! - an article's scalars, `lead`, `coverImage { url alt }`, `region`, `tags`,
//!   `author { displayName }`, `meeting`, `participants`, `quotes` (with their
//!   `participant`) and `commentCount`, names under it in its language;
//! - a region's, meeting's, person's (with `position`), quote's and tag's scalars and
//!   names (with `lang`), `meetings(first)` of a region or a person, a person's
//!   `quotes(first)`, a tag's `articles(first)` (`nodes`, `totalCount`), a meeting's
//!   `region` and `participants` (`role`, `positionChosen`, `participant`);
//! - aliases, `__typename`, fragments and variables.
//!
//! Anything else (another field or argument, a cursor or `edges` below the root, a
//! directive, a mutation, a value of the wrong type, SQLite) leaves the request to
//! the engine, which answers or refuses it as always: a document is compiled only
//! when the engine would run it without an error, and the answer is the engine's
//! (`tests/api/graphql_compiled.rs` compares the two on every shape it knows), its
//! keys in the order they were asked.
//!
//! Every condition, order and page size comes from the store function the engine's
//! loaders use for the same list, and every name's language fallback from
//! [`Language::fallback_chain`]: this module only maps GraphQL names onto them.

use std::{
    collections::{HashMap, HashSet},
    sync::Arc,
};

use async_graphql::{
    Name, Value, Variables,
    parser::types::{
        BaseType, DocumentOperations, ExecutableDocument, Field, OperationType, Selection,
        SelectionSet, Type, VariableDefinition,
    },
};
use sea_orm::{
    ConnectionTrait,
    sea_query::{Expr, ExprTrait, Order},
};

use crate::{
    domain::{Language, global_id::NodeKind},
    entity::{media, meeting, participant, participant_position, region, user},
    error::AppResult,
    media::FileUrls,
    presentation::links,
    store::{
        self,
        articles::{Access, ArticleScope},
        articles::{ArticleFilter, ArticleKey, ArticleOrder, ArticleParent},
        comments::{CommentAccess, CommentKey, CommentOrder, ThreadKind},
        meetings::{MeetingFilter, MeetingKey, MeetingParent},
        page::{PageRequest, TreePage},
        quotes::QuoteKey,
        tree::{self, Computed, Level, Object, TextLang},
    },
};

/// What a compiled read depends on besides the document: the request's language,
/// the articles its reader may see, and where this API and its files are found.
#[derive(Clone)]
pub struct Reader {
    pub lang: Language,
    pub scope: ArticleScope,
    /// The comments the reader may see.
    pub comments: CommentAccess,
    /// The API's public address (`PUBLIC_BASE_URL`), for pictures linked by path.
    pub api_base: String,
    /// Where uploaded files are fetched.
    pub files: FileUrls,
}

/// One request as a compiled read sees it: its document, operation and variables.
pub struct Request<'a> {
    /// The document's text, which names it in [`Statements`].
    pub text: &'a str,
    pub document: &'a ExecutableDocument,
    pub operation: Option<&'a str>,
    pub variables: &'a Variables,
}

/// The `data` of the request's operation as JSON text, read in one statement; `None`
/// when the operation does not compile (the engine runs it instead).
pub async fn read(
    db: &impl ConnectionTrait,
    statements: &Statements,
    request: Request<'_>,
    reader: &Reader,
) -> AppResult<Option<String>> {
    if !tree::builds_json(db) {
        return Ok(None);
    }
    match statements.get(&request, reader) {
        Some(template) => tree::run(db, template.at(reader.scope.now)).await,
        None => Ok(None),
    }
}

/// The statements of the requests compiled lately, each built once and run again
/// with the moment of each request. Building one is most of what a compiled read
/// costs the service (0.9 ms of CPU for a front page, two thirds of it rendering and
/// dropping sea-query's tree); the database's work is the same either way.
///
/// A statement is kept for one document, operation, set of variables and kind of
/// reader (language, articles and comments visible): everything a statement's shape
/// and values come from except the moment, which is a value given at each run. What
/// does not compile is kept too, as `None`, so the engine's requests skip the
/// attempt.
#[derive(Clone)]
pub struct Statements {
    kept: moka::sync::Cache<Key, Option<Arc<Template>>>,
}

/// What a kept statement was built from.
#[derive(Hash, PartialEq, Eq)]
struct Key {
    text: String,
    operation: Option<String>,
    /// The variables as JSON.
    variables: String,
    lang: Language,
    access: Access,
    notices: bool,
    comments: CommentAccess,
}

/// How many bytes of SQL the kept statements may hold in all (a front page's is
/// some 12 kB).
const KEPT_BYTES: u64 = 16 * 1024 * 1024;

impl Default for Statements {
    fn default() -> Self {
        Statements {
            kept: moka::sync::Cache::builder()
                .weigher(|key: &Key, template: &Option<Arc<Template>>| {
                    let sql = template.as_ref().map_or(0, |t| t.statement.sql.len());
                    u32::try_from(key.text.len() + key.variables.len() + sql).unwrap_or(u32::MAX)
                })
                .max_capacity(KEPT_BYTES)
                .build(),
        }
    }
}

impl Statements {
    /// The statement of `request` for `reader`, built now unless kept; `None` when
    /// it does not compile.
    fn get(&self, request: &Request<'_>, reader: &Reader) -> Option<Arc<Template>> {
        let key = Key {
            text: request.text.to_owned(),
            operation: request.operation.map(str::to_owned),
            variables: serde_json::to_string(request.variables).ok()?,
            lang: reader.lang,
            access: reader.scope.access,
            notices: reader.scope.notices,
            comments: reader.comments,
        };
        self.kept
            .get_with(key, || Template::build(request, reader).map(Arc::new))
    }
}

/// A statement whose values include the moment of the request, and where they are.
struct Template {
    statement: tree::Statement,
    /// The values that are the moment itself (visibility: published by then).
    now_at: Vec<usize>,
    /// The values that are its date (the positions people hold that day).
    today_at: Vec<usize>,
}

impl Template {
    /// The statement of `request`, and where the moment goes in it; `None` when it
    /// does not compile. It is built at two moments a day and a nanosecond apart:
    /// the values that differ are the moment's, wherever else a value came from (a
    /// cursor may hold any time), and a statement whose shape or other values
    /// depended on the moment is not kept.
    fn build(request: &Request<'_>, reader: &Reader) -> Option<Template> {
        let at = |now: chrono::DateTime<chrono::Utc>| {
            let mut reader = reader.clone();
            reader.scope.now = now;
            let root = compile(
                request.document,
                request.operation,
                request.variables,
                &reader,
            )?;
            Some(tree::render(&root))
        };
        let first = reader.scope.now;
        let second =
            first.checked_add_signed(chrono::TimeDelta::nanoseconds(86_400_000_000_001))?;
        let (statement, other) = (at(first)?, at(second)?);
        if statement.sql != other.sql || statement.values.len() != other.values.len() {
            return None;
        }
        let (mut now_at, mut today_at) = (Vec::new(), Vec::new());
        let moments = statement.values.iter().zip(&other.values).enumerate();
        for (i, (value, other)) in moments.filter(|(_, (a, b))| a != b) {
            if *value == first.into() && *other == second.into() {
                now_at.push(i);
            } else if *value == first.date_naive().into() && *other == second.date_naive().into() {
                today_at.push(i);
            } else {
                return None;
            }
        }
        Some(Template {
            statement,
            now_at,
            today_at,
        })
    }

    /// The statement as run at `now`.
    fn at(&self, now: chrono::DateTime<chrono::Utc>) -> tree::Statement {
        let mut statement = self.statement.clone();
        for &i in &self.now_at {
            statement.values[i] = sea_orm::Value::from(now);
        }
        for &i in &self.today_at {
            statement.values[i] = sea_orm::Value::from(now.date_naive());
        }
        statement
    }
}

/// The tree of `document`'s operation, or `None` when any part of it does not map.
pub fn compile(
    document: &ExecutableDocument,
    operation: Option<&str>,
    variables: &Variables,
    reader: &Reader,
) -> Option<Object> {
    // The operation the engine would run: the one named, else the only one.
    let operation = match (&document.operations, operation) {
        (DocumentOperations::Single(op), None) => op,
        (DocumentOperations::Single(_), Some(_)) => return None,
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name)?,
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next()?,
        (DocumentOperations::Multiple(_), None) => return None,
    };
    let operation = &operation.node;
    if operation.ty != OperationType::Query || !operation.directives.is_empty() {
        return None;
    }
    let mut walk = Walk {
        document,
        variables,
        definitions: operation
            .variable_definitions
            .iter()
            .map(|d| (d.node.name.node.as_str(), &d.node))
            .collect(),
        used_variables: HashSet::new(),
        used_fragments: HashSet::new(),
        reader,
    };
    if walk.definitions.len() != operation.variable_definitions.len() {
        return None;
    }
    let root = walk.query(&operation.selection_set.node)?;
    // What the engine's validation would refuse: a variable or fragment defined and
    // never used.
    let all_used = walk.used_variables.len() == walk.definitions.len()
        && walk.used_fragments.len() == document.fragments.len();
    all_used.then_some(root)
}

/// The type of an argument: its GraphQL name and whether it may be null.
#[derive(Clone, Copy)]
struct Arg {
    ty: &'static str,
    nullable: bool,
}

const STRING: Arg = Arg {
    ty: "String",
    nullable: true,
};
const ID: Arg = Arg {
    ty: "ID",
    nullable: true,
};
const INT: Arg = Arg {
    ty: "Int",
    nullable: true,
};
const LANGUAGE: Arg = Arg {
    ty: "Language",
    nullable: true,
};

struct Walk<'a> {
    document: &'a ExecutableDocument,
    variables: &'a Variables,
    definitions: HashMap<&'a str, &'a VariableDefinition>,
    used_variables: HashSet<&'a str>,
    used_fragments: HashSet<&'a str>,
    reader: &'a Reader,
}

/// How deep fragments may spread into one another (a cycle is the engine's to refuse).
const FRAGMENT_DEPTH: usize = 8;

impl<'a> Walk<'a> {
    /// The fields `set` selects on an object of type `ty`, fragments spread, each
    /// with its response key; `None` when a key repeats (the engine merges those) or
    /// a directive or a fragment of another type is met.
    fn fields(&mut self, set: &'a SelectionSet, ty: &str) -> Option<Vec<(&'a str, &'a Field)>> {
        let mut out = Vec::new();
        self.collect(set, ty, &mut out, 0)?;
        let mut keys = HashSet::with_capacity(out.len());
        out.iter().all(|(key, _)| keys.insert(*key)).then_some(out)
    }

    fn collect(
        &mut self,
        set: &'a SelectionSet,
        ty: &str,
        out: &mut Vec<(&'a str, &'a Field)>,
        depth: usize,
    ) -> Option<()> {
        if depth > FRAGMENT_DEPTH {
            return None;
        }
        for item in &set.items {
            match &item.node {
                Selection::Field(field) => {
                    let field = &field.node;
                    if !field.directives.is_empty() {
                        return None;
                    }
                    let key = field.alias.as_ref().unwrap_or(&field.name);
                    out.push((key.node.as_str(), field));
                }
                Selection::FragmentSpread(spread) => {
                    let spread = &spread.node;
                    if !spread.directives.is_empty() {
                        return None;
                    }
                    let name = spread.fragment_name.node.as_str();
                    let (name, fragment) = self.document.fragments.get_key_value(name)?;
                    let fragment = &fragment.node;
                    if fragment.type_condition.node.on.node != ty || !fragment.directives.is_empty()
                    {
                        return None;
                    }
                    self.used_fragments.insert(name.as_str());
                    self.collect(&fragment.selection_set.node, ty, out, depth + 1)?;
                }
                Selection::InlineFragment(inline) => {
                    let inline = &inline.node;
                    let same_type = inline
                        .type_condition
                        .as_ref()
                        .is_none_or(|c| c.node.on.node == ty);
                    if !same_type || !inline.directives.is_empty() {
                        return None;
                    }
                    self.collect(&inline.selection_set.node, ty, out, depth + 1)?;
                }
            }
        }
        Some(())
    }

    /// The arguments of `field`, each of one of `allowed` and of its type, with
    /// variables replaced by their values; `None` for any other.
    fn arguments(
        &mut self,
        field: &'a Field,
        allowed: &[(&str, Arg)],
    ) -> Option<HashMap<&'a str, Value>> {
        let mut out = HashMap::new();
        for (name, value) in &field.arguments {
            let name = name.node.as_str();
            let (_, arg) = allowed.iter().find(|(n, _)| *n == name)?;
            let mut from_variable = false;
            let value = value
                .node
                .clone()
                .into_const_with(|variable| {
                    from_variable = true;
                    self.variable(variable, *arg).ok_or(())
                })
                .ok()?;
            // A variable gives an enum value as a string (JSON has no enums).
            let value = match value {
                Value::String(s) if from_variable && arg.ty == LANGUAGE.ty => {
                    Value::Enum(Name::new(s))
                }
                value => value,
            };
            if !fits(&value, *arg) || out.insert(name, value).is_some() {
                return None;
            }
        }
        Some(out)
    }

    /// The value of the variable `name` where an `arg` is expected: the request's, else
    /// its default, else null; `None` when its declared type does not fit there.
    fn variable(&mut self, name: Name, arg: Arg) -> Option<Value> {
        let (key, definition) = self.definitions.get_key_value(name.as_str())?;
        let default = definition.default_value.as_ref().map(|d| &d.node);
        if !declared_fits(&definition.var_type.node, default.is_some(), arg) {
            return None;
        }
        self.used_variables.insert(key);
        Some(
            self.variables
                .get(&name)
                .or(default)
                .cloned()
                .unwrap_or(Value::Null),
        )
    }
}

/// Whether `value` is a value of `arg`'s type.
fn fits(value: &Value, arg: Arg) -> bool {
    match (value, arg.ty) {
        (Value::Null, _) => arg.nullable,
        (Value::String(_), "String" | "ID") => true,
        (Value::Number(n), "ID") => n.is_i64(),
        (Value::Number(n), "Int") => n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        (Value::Enum(name), "Language") => language(name.as_str()).is_some(),
        _ => false,
    }
}

fn language(name: &str) -> Option<Language> {
    match name {
        "RU" => Some(Language::Ru),
        "KK" => Some(Language::Kk),
        "EN" => Some(Language::En),
        _ => None,
    }
}

/// Whether a variable declared as `declared` may stand where `arg` is expected, as
/// the engine's validation decides it.
fn declared_fits(declared: &Type, has_default: bool, arg: Arg) -> bool {
    let BaseType::Named(name) = &declared.base else {
        return false;
    };
    name.as_str() == arg.ty && (arg.nullable || !declared.nullable || has_default)
}

/// The language an argument names, if it was given.
fn lang_argument(args: &HashMap<&str, Value>) -> Option<Language> {
    match args.get("lang") {
        Some(Value::Enum(name)) => language(name.as_str()),
        _ => None,
    }
}

/// The page `first` and `after` ask for, checked as the engine's resolvers check
/// them (a field that takes no `after` never has one here).
fn page_request<K: store::page::CursorKey>(args: &HashMap<&str, Value>) -> Option<PageRequest<K>> {
    let first = match args.get("first") {
        Some(Value::Number(n)) => Some(i32::try_from(n.as_i64()?).ok()?),
        _ => None,
    };
    let after = match args.get("after") {
        Some(Value::String(cursor)) => Some(cursor.as_str()),
        _ => None,
    };
    PageRequest::<K>::from_relay(first, after, None, None).ok()
}

/// A page size from a `first` argument, checked as the engine's resolvers check it.
fn first<K: store::page::CursorKey>(args: &HashMap<&str, Value>) -> Option<u64> {
    page_request::<K>(args).map(|page| page.size)
}

impl<'a> Walk<'a> {
    /// The root object of a query.
    fn query(&mut self, set: &'a SelectionSet) -> Option<Object> {
        self.object(set, "Query", |walk, field| {
            Some(match field.name.node.as_str() {
                "region" => walk.region_root(field)?,
                "meeting" => walk.meeting_root(field)?,
                "participant" => walk.participant_root(field)?,
                "article" => walk.article_root(field)?,
                "articles" => walk.articles_root(field)?,
                "tags" => {
                    walk.arguments(field, &[])?;
                    let names = walk.request_names();
                    tree::Field::List(Box::new(Level {
                        rows: store::tags::tree_all(),
                        object: walk.tag(&field.selection_set.node, 1, &names)?,
                    }))
                }
                _ => return None,
            })
        })
    }

    /// `articles(first, after, lang)`: a page of the articles the reader may see,
    /// newest first, forward from the start or from a cursor.
    fn articles_root(&mut self, field: &'a Field) -> Option<tree::Field> {
        let args = self.arguments(
            field,
            &[("first", INT), ("after", STRING), ("lang", LANGUAGE)],
        )?;
        let request = page_request::<ArticleKey>(&args)?;
        let filter = ArticleFilter {
            lang: lang_argument(&args),
            ..ArticleFilter::default()
        };
        let scope = self.reader.scope;
        let page = store::articles::tree_page(&scope, &filter, ArticleOrder::default(), &request)?;
        let count = store::articles::tree_count(&scope, &filter);
        self.article_connection(field, 0, &page, count, filter)
    }

    /// The `ArticleConnection` of `page`, under the object at `depth`, of a list
    /// filtered by `filter` (whose key its cursors hold).
    fn article_connection(
        &mut self,
        field: &'a Field,
        depth: usize,
        page: &TreePage,
        count: sea_orm::sea_query::SelectStatement,
        filter: ArticleFilter,
    ) -> Option<tree::Field> {
        let cursor = move || {
            let filter = filter.clone();
            Computed::new(move |column| ArticleKey::tree_cursor(&filter, column))
        };
        let types = ("ArticleConnection", "ArticleEdge");
        self.paged(field, types, depth, page, cursor, count, Self::article)
    }

    /// `article(id | slug, lang)`: one of `id` and `slug`, as the resolver asks; a
    /// retracted article is found too, as one looked up alone is.
    fn article_root(&mut self, field: &'a Field) -> Option<tree::Field> {
        let args = self.arguments(field, &[("id", ID), ("slug", STRING), ("lang", LANGUAGE)])?;
        let scope = self.reader.scope.with_notices();
        let given = |name: &str| args.get(name).filter(|v| **v != Value::Null);
        let rows = match (given("id"), given("slug")) {
            (Some(Value::String(id)), None) => {
                store::articles::tree_find(&scope, global_id(id, NodeKind::Article)?)
            }
            (None, Some(Value::String(slug))) => {
                let lang = lang_argument(&args).unwrap_or(self.reader.lang);
                store::articles::tree_by_slug_preferring(&scope, lang, slug)
            }
            _ => return None,
        };
        let object = self.article(&field.selection_set.node, 1)?;
        Some(tree::Field::One(Box::new(Level { rows, object })))
    }

    /// The connection of type `connection` whose `page` hangs under the object at
    /// `depth`: `edges` (of type `edge`, each with its `cursor`), `nodes` (each built
    /// by `node` at `depth + 1`), `pageInfo` and `totalCount` (the rows `count`
    /// selects).
    #[allow(clippy::too_many_arguments)]
    fn paged(
        &mut self,
        field: &'a Field,
        (connection, edge): (&'static str, &'static str),
        depth: usize,
        page: &TreePage,
        cursor: impl Fn() -> Computed,
        count: sea_orm::sea_query::SelectStatement,
        mut node: impl FnMut(&mut Self, &'a SelectionSet, usize) -> Option<Object>,
    ) -> Option<tree::Field> {
        let object = self.object(&field.selection_set.node, connection, |walk, inner| {
            walk.arguments(inner, &[])?;
            let set = &inner.selection_set.node;
            Some(match inner.name.node.as_str() {
                "nodes" => tree::Field::List(Box::new(Level {
                    rows: page.rows.clone(),
                    object: node(walk, set, depth + 1)?,
                })),
                "edges" => tree::Field::List(Box::new(Level {
                    rows: page.rows.clone(),
                    object: walk.object(set, edge, |walk, edge| {
                        walk.arguments(edge, &[])?;
                        Some(match edge.name.node.as_str() {
                            "cursor" => tree::Field::Computed(cursor()),
                            "node" => {
                                tree::Field::Same(node(walk, &edge.selection_set.node, depth + 1)?)
                            }
                            _ => return None,
                        })
                    })?,
                })),
                "pageInfo" => tree::Field::Same(walk.page_info(set, page, &cursor)?),
                "totalCount" => tree::Field::Count(Box::new(count.clone())),
                _ => return None,
            })
        })?;
        Some(tree::Field::Same(object))
    }

    /// The `pageInfo` of `page`, its cursors from `cursor`.
    fn page_info(
        &mut self,
        set: &'a SelectionSet,
        page: &TreePage,
        cursor: &impl Fn() -> Computed,
    ) -> Option<Object> {
        self.object(set, "PageInfo", |walk, field| {
            walk.arguments(field, &[])?;
            let edge = |last: bool| {
                let mut rows = page.rows.clone();
                if last {
                    for (_, order) in &mut rows.order {
                        *order = match order {
                            Order::Desc => Order::Asc,
                            _ => Order::Desc,
                        };
                    }
                }
                tree::Field::Pick(Box::new(tree::Pick {
                    rows,
                    value: tree::Field::Computed(cursor()),
                }))
            };
            Some(match field.name.node.as_str() {
                "hasNextPage" => match &page.more {
                    Some(more) => tree::Field::Exists(Box::new(more.clone())),
                    None => tree::Field::Computed(Computed::constant(false)),
                },
                "hasPreviousPage" => tree::Field::Computed(Computed::constant(page.has_previous)),
                "startCursor" => edge(false),
                "endCursor" => edge(true),
                _ => return None,
            })
        })
    }

    /// `region(id | slug | code)`: exactly one of them, as the resolver asks.
    fn region_root(&mut self, field: &'a Field) -> Option<tree::Field> {
        let args = self.arguments(field, &[("id", ID), ("slug", STRING), ("code", STRING)])?;
        let key = match one_of(&args)? {
            ("code", code) => store::regions::Key::Code(code.into()),
            ("slug", slug) => store::regions::Key::Slug(slug.into()),
            (_, id) => store::regions::Key::Id(global_id(id, NodeKind::Region)?),
        };
        self.root(field, store::regions::tree_by_key(key), Self::region)
    }

    /// `meeting(id | slug)`: one of them, as the resolver asks.
    fn meeting_root(&mut self, field: &'a Field) -> Option<tree::Field> {
        let args = self.arguments(field, &[("id", ID), ("slug", STRING)])?;
        let rows =
            id_or_slug::<meeting::Entity>(&args, NodeKind::Meeting, store::meetings::tree_by_slug)?;
        self.root(field, rows, Self::meeting)
    }

    /// `participant(id | slug)`: one of them, as the resolver asks.
    fn participant_root(&mut self, field: &'a Field) -> Option<tree::Field> {
        let args = self.arguments(field, &[("id", ID), ("slug", STRING)])?;
        let rows = id_or_slug::<participant::Entity>(
            &args,
            NodeKind::Participant,
            store::participants::tree_by_slug,
        )?;
        self.root(field, rows, Self::participant)
    }

    /// The root `field`'s object, of the row `rows` finds (null when none), built by
    /// `object` with names in the request's language.
    fn root(
        &mut self,
        field: &'a Field,
        rows: tree::Rows,
        object: impl FnOnce(&mut Self, &'a SelectionSet, usize, &TextLang) -> Option<Object>,
    ) -> Option<tree::Field> {
        let names = self.request_names();
        let object = object(self, &field.selection_set.node, 1, &names)?;
        Some(tree::Field::One(Box::new(Level { rows, object })))
    }

    /// The language of names asked without `lang`: the field's own, else `names`.
    fn names(args: &HashMap<&str, Value>, names: &TextLang) -> TextLang {
        lang_argument(args).map_or_else(|| names.clone(), TextLang::Fixed)
    }

    /// The request's language, for names reached other than through an article.
    fn request_names(&self) -> TextLang {
        TextLang::Fixed(self.reader.lang)
    }

    /// The object of type `ty` that `set` selects: each field's value from `value`
    /// (`None` when a field does not compile), `__typename` answered here, and the
    /// shape of each value checked against its field's selection.
    fn object(
        &mut self,
        set: &'a SelectionSet,
        ty: &'static str,
        mut value: impl FnMut(&mut Self, &'a Field) -> Option<tree::Field>,
    ) -> Option<Object> {
        let mut object = Object::default();
        for (key, field) in self.fields(set, ty)? {
            let value = if field.name.node == "__typename" {
                self.arguments(field, &[])?;
                tree::Field::Literal(ty.into())
            } else {
                value(self, field)?
            };
            if !leaf_or_object(field, &value) {
                return None;
            }
            object.push(key, value);
        }
        Some(object)
    }

    /// A region, its row at `depth`, its name by default in `names`.
    fn region(&mut self, set: &'a SelectionSet, depth: usize, names: &TextLang) -> Option<Object> {
        self.object(set, "Region", |walk, field| {
            let name = field.name.node.as_str();
            let args = match name {
                "name" => walk.arguments(field, &[("lang", LANGUAGE)])?,
                "meetings" => walk.arguments(field, &[("first", INT)])?,
                "articles" => walk.arguments(field, &[("first", INT), ("lang", LANGUAGE)])?,
                _ => walk.arguments(field, &[])?,
            };
            Some(match name {
                "id" => tree::Field::GlobalId(NodeKind::Region.name()),
                "articles" => walk.articles(field, &args, ArticleParent::Region, depth)?,
                "code" | "slug" | "kind" => tree::Field::Column(column(name)),
                "nameRu" => tree::Field::Column("name_ru"),
                "nameKk" => tree::Field::Column("name_kk"),
                "nameEn" => tree::Field::Column("name_en"),
                // A region's name has no fallback: every region is named in all three.
                "name" => tree::Field::InLang {
                    columns: ["name_ru", "name_kk", "name_en"],
                    lang: Self::names(&args, names),
                },
                "meetings" => {
                    let size = first::<MeetingKey>(&args)?;
                    walk.meetings(field, MeetingParent::Region, depth, size)?
                }
                _ => return None,
            })
        })
    }

    /// The `MeetingConnection` of the meetings under the `parent` row at `depth`.
    fn meetings(
        &mut self,
        field: &'a Field,
        parent: MeetingParent,
        depth: usize,
        size: u64,
    ) -> Option<tree::Field> {
        let filter = MeetingFilter::default();
        self.connection(
            field,
            "MeetingConnection",
            |walk, set| {
                Some(tree::Field::List(Box::new(Level {
                    rows: store::meetings::tree_under(
                        parent,
                        tree::parent(depth, "id"),
                        &filter,
                        size,
                    ),
                    object: walk.meeting(set, depth + 1, &walk.request_names())?,
                })))
            },
            || store::meetings::tree_count_under(parent, tree::parent(depth, "id"), &filter),
        )
    }

    /// A connection of type `ty` around its parent's row: `nodes` from `nodes`,
    /// `totalCount` from `count`.
    fn connection(
        &mut self,
        field: &'a Field,
        ty: &'static str,
        mut nodes: impl FnMut(&mut Self, &'a SelectionSet) -> Option<tree::Field>,
        count: impl Fn() -> sea_orm::sea_query::SelectStatement,
    ) -> Option<tree::Field> {
        let object = self.object(&field.selection_set.node, ty, |walk, inner| {
            walk.arguments(inner, &[])?;
            Some(match inner.name.node.as_str() {
                "nodes" => nodes(walk, &inner.selection_set.node)?,
                "totalCount" => tree::Field::Count(Box::new(count())),
                _ => return None,
            })
        })?;
        Some(tree::Field::Same(object))
    }

    /// A meeting, its row at `depth`, its names by default in `names`.
    fn meeting(&mut self, set: &'a SelectionSet, depth: usize, names: &TextLang) -> Option<Object> {
        self.object(set, "Meeting", |walk, field| {
            let name = field.name.node.as_str();
            let args = match name {
                "title" | "body" | "venue" => walk.arguments(field, &[("lang", LANGUAGE)])?,
                "articles" => walk.arguments(field, &[("first", INT)])?,
                _ => walk.arguments(field, &[])?,
            };
            let lang = Self::names(&args, names);
            Some(match name {
                "id" => tree::Field::GlobalId(NodeKind::Meeting.name()),
                "slug" | "kind" => tree::Field::Column(column(name)),
                "heldOn" => tree::Field::Column("held_on"),
                "title" => text(lang, "title", "title_kk", "title_en", true),
                "titleRu" => tree::Field::Column("title"),
                "titleKk" => tree::Field::Column("title_kk"),
                "titleEn" => tree::Field::Column("title_en"),
                "body" => text(lang, "body", "body_kk", "body_en", true),
                "bodyRu" => tree::Field::Column("body"),
                "bodyKk" => tree::Field::Column("body_kk"),
                "bodyEn" => tree::Field::Column("body_en"),
                "venue" => text(lang, "venue", "venue_kk", "venue_en", false),
                "venueRu" => tree::Field::Column("venue"),
                "venueKk" => tree::Field::Column("venue_kk"),
                "venueEn" => tree::Field::Column("venue_en"),
                "region" => tree::Field::One(Box::new(Level {
                    rows: tree::by_id::<region::Entity>(tree::parent(depth, "region_id")),
                    object: walk.region(&field.selection_set.node, depth + 1, names)?,
                })),
                "articles" => walk.articles(field, &args, ArticleParent::Meeting, depth)?,
                "participants" => tree::Field::List(Box::new(Level {
                    rows: store::meetings::tree_attendees(tree::parent(depth, "id")),
                    object: walk.attendee(&field.selection_set.node, depth + 1, names)?,
                })),
                _ => return None,
            })
        })
    }

    /// A person's part in a meeting, its row at `depth`.
    fn attendee(
        &mut self,
        set: &'a SelectionSet,
        depth: usize,
        names: &TextLang,
    ) -> Option<Object> {
        self.object(set, "MeetingParticipant", |walk, field| {
            walk.arguments(field, &[])?;
            Some(match field.name.node.as_str() {
                "role" => tree::Field::Column("role"),
                "positionChosen" => tree::Field::Column("position_chosen"),
                // The position recorded for the meeting, else the title of the one
                // held then (`position_then`).
                "position" => tree::Field::FirstOf(vec![
                    tree::Field::Column("position"),
                    tree::Field::Pick(Box::new(tree::Pick {
                        rows: tree::by_id::<participant_position::Entity>(tree::parent(
                            depth,
                            "position_id",
                        )),
                        value: text(names.clone(), "title_ru", "title_kk", "title_en", true),
                    })),
                ]),
                "participant" => tree::Field::One(Box::new(Level {
                    rows: tree::by_id::<participant::Entity>(tree::parent(depth, "participant_id")),
                    object: walk.participant(&field.selection_set.node, depth + 1, names)?,
                })),
                _ => return None,
            })
        })
    }

    /// A person, their row at `depth`, their name by default in `names`.
    fn participant(
        &mut self,
        set: &'a SelectionSet,
        depth: usize,
        names: &TextLang,
    ) -> Option<Object> {
        self.object(set, "Participant", |walk, field| {
            let name = field.name.node.as_str();
            let args = match name {
                "fullName" | "position" => walk.arguments(field, &[("lang", LANGUAGE)])?,
                "quotes" | "meetings" | "articles" => walk.arguments(field, &[("first", INT)])?,
                _ => walk.arguments(field, &[])?,
            };
            let lang = Self::names(&args, names);
            Some(match name {
                "id" => tree::Field::GlobalId(NodeKind::Participant.name()),
                "slug" => tree::Field::Column("slug"),
                "fullName" => text(lang, "full_name_ru", "full_name_kk", "full_name_en", true),
                "fullNameRu" => tree::Field::Column("full_name_ru"),
                "fullNameKk" => tree::Field::Column("full_name_kk"),
                "fullNameEn" => tree::Field::Column("full_name_en"),
                // The title of the position held today, else the one recorded in text.
                "position" => tree::Field::FirstOf(vec![
                    tree::Field::Pick(Box::new(tree::Pick {
                        rows: store::positions::tree_held_on(
                            tree::parent(depth, "id"),
                            walk.reader.scope.now.date_naive(),
                        ),
                        value: text(lang, "title_ru", "title_kk", "title_en", true),
                    })),
                    tree::Field::Column("position"),
                ]),
                "meetings" => {
                    let size = first::<MeetingKey>(&args)?;
                    walk.meetings(field, MeetingParent::Participant, depth, size)?
                }
                "articles" => walk.articles(field, &args, ArticleParent::Participant, depth)?,
                "quotes" => {
                    let size = first::<QuoteKey>(&args)?;
                    let scope = walk.reader.scope;
                    walk.connection(
                        field,
                        "QuoteConnection",
                        |walk, set| {
                            Some(tree::Field::List(Box::new(Level {
                                rows: store::quotes::tree_by_participant(
                                    &scope,
                                    tree::parent(depth, "id"),
                                    size,
                                ),
                                object: walk.quote(set, depth + 1, &walk.request_names())?,
                            })))
                        },
                        || {
                            store::quotes::tree_count_by_participant(
                                &scope,
                                tree::parent(depth, "id"),
                            )
                        },
                    )?
                }
                _ => return None,
            })
        })
    }

    /// A tag, its row at `depth`, its name by default in `names`.
    fn tag(&mut self, set: &'a SelectionSet, depth: usize, names: &TextLang) -> Option<Object> {
        self.object(set, "Tag", |walk, field| {
            let name = field.name.node.as_str();
            let args = match name {
                "name" => walk.arguments(field, &[("lang", LANGUAGE)])?,
                "articles" => walk.arguments(field, &[("first", INT)])?,
                _ => walk.arguments(field, &[])?,
            };
            Some(match name {
                "id" => tree::Field::GlobalId(NodeKind::Tag.name()),
                "slug" => tree::Field::Column("slug"),
                "name" => text(
                    Self::names(&args, names),
                    "name",
                    "name_kk",
                    "name_en",
                    true,
                ),
                "nameRu" => tree::Field::Column("name"),
                "nameKk" => tree::Field::Column("name_kk"),
                "nameEn" => tree::Field::Column("name_en"),
                "articles" => walk.articles(field, &args, ArticleParent::Tag, depth)?,
                _ => return None,
            })
        })
    }

    /// The `ArticleConnection` of the articles under the `parent` row at `depth`: its
    /// first page (`first`), in the default order (newest first), in `lang` when
    /// given.
    fn articles(
        &mut self,
        field: &'a Field,
        args: &HashMap<&str, Value>,
        parent: ArticleParent,
        depth: usize,
    ) -> Option<tree::Field> {
        let size = first::<ArticleKey>(args)?;
        let scope = self.reader.scope;
        let filter = ArticleFilter {
            lang: lang_argument(args),
            ..ArticleFilter::default()
        };
        let id = tree::parent(depth, "id");
        let page = store::articles::tree_page_under(
            &scope,
            parent,
            id.clone(),
            &filter,
            ArticleOrder::default(),
            &PageRequest::first(size),
        )?;
        let count = store::articles::tree_count_under(&scope, parent, id, &filter);
        self.article_connection(field, depth, &page, count, filter)
    }

    /// An article, its row at `depth`: what a list shows of it. The names of what it
    /// shows are in its language.
    fn article(&mut self, set: &'a SelectionSet, depth: usize) -> Option<Object> {
        let names = TextLang::Of(tree::parent(depth, "lang"));
        let id = || tree::parent(depth, "id");
        self.object(set, "Article", |walk, field| {
            let name = field.name.node.as_str();
            let args = match name {
                "comments" => walk.arguments(field, &[("first", INT)])?,
                _ => walk.arguments(field, &[])?,
            };
            let set = &field.selection_set.node;
            Some(match name {
                "id" => tree::Field::GlobalId(NodeKind::Article.name()),
                "slug" => tree::Field::Column("slug"),
                "title" => tree::Field::Column("title"),
                "source" => tree::Field::Column("source"),
                "featuredPosition" => tree::Field::Column("featured_position"),
                "version" => tree::Field::Column("version"),
                "publishedAt" => tree::Field::Moment("published_at"),
                "updatedAt" => tree::Field::Moment("updated_at"),
                "lead" => shown(tree::Field::Column("lead")),
                // A retracted article's text is no longer shown: empty.
                "body" => tree::Field::FirstOf(vec![
                    shown(tree::Field::Column("body")),
                    tree::Field::Computed(Computed::constant("")),
                ]),
                "comments" => {
                    let size = first::<CommentKey>(&args)?;
                    let access = walk.reader.comments;
                    let page = store::comments::tree_thread(
                        access,
                        ThreadKind::Article,
                        id(),
                        CommentOrder::default(),
                        &PageRequest::first(size),
                    )?;
                    let count =
                        store::comments::tree_thread_count(access, ThreadKind::Article, id());
                    let cursor = || Computed::new(CommentKey::tree_cursor);
                    let types = ("CommentConnection", "CommentEdge");
                    walk.paged(field, types, depth, &page, cursor, count, |walk, set, _| {
                        walk.comment(set)
                    })?
                }
                "coverImage" => shown(walk.cover_image(set, depth)?),
                "author" => tree::Field::One(Box::new(Level {
                    rows: tree::by_id::<user::Entity>(tree::parent(depth, "author_id")),
                    object: walk.author(set)?,
                })),
                "meeting" => tree::Field::One(Box::new(Level {
                    rows: tree::by_id::<meeting::Entity>(tree::parent(depth, "meeting_id")),
                    object: walk.meeting(set, depth + 1, &names)?,
                })),
                "region" => tree::Field::One(Box::new(Level {
                    rows: tree::by_id::<region::Entity>(tree::parent(depth, "region_id")),
                    object: walk.region(set, depth + 1, &names)?,
                })),
                "tags" => tree::Field::List(Box::new(Level {
                    rows: store::tags::tree_of_article(id()),
                    object: walk.tag(set, depth + 1, &names)?,
                })),
                "participants" => tree::Field::List(Box::new(Level {
                    rows: store::participants::tree_of_article(id()),
                    object: walk.participant(set, depth + 1, &names)?,
                })),
                // A retracted article's quotes are no longer shown: an empty list.
                "quotes" => {
                    let mut rows = store::quotes::tree_of_article(id());
                    rows.select
                        .and_where(not_withdrawn(tree::parent(depth, "status")));
                    tree::Field::List(Box::new(Level {
                        rows,
                        object: walk.quote(set, depth + 1, &names)?,
                    }))
                }
                "commentCount" => {
                    tree::Field::Count(Box::new(store::comments::tree_approved(id())))
                }
                _ => return None,
            })
        })
    }

    /// An article's `coverImage`: the uploaded cover when one is attached and found,
    /// else the picture linked by its address, else null (as `Article.coverImage`).
    fn cover_image(&mut self, set: &'a SelectionSet, depth: usize) -> Option<tree::Field> {
        let uploaded = tree::Field::One(Box::new(Level {
            rows: tree::by_id::<media::Entity>(tree::parent(depth, "cover_media_id")),
            object: self.image(set, depth + 1, true)?,
        }));
        let linked = tree::Field::When(
            Computed::new(|column| column("cover_image_url").is_not_null()),
            Box::new(tree::Field::Same(self.image(set, depth, false)?)),
        );
        Some(tree::Field::FirstOf(vec![uploaded, linked]))
    }

    /// An `Image`: of an uploaded one, its `media` row at `depth`; of a linked one,
    /// the article's row at `depth`. Its `url` without arguments and its `alt`.
    fn image(&mut self, set: &'a SelectionSet, depth: usize, uploaded: bool) -> Option<Object> {
        let files = self.reader.files.clone();
        let api_base = self.reader.api_base.clone();
        let request = self.request_names();
        self.object(set, "Image", |walk, field| {
            let name = field.name.node.as_str();
            let args = match name {
                "alt" => walk.arguments(field, &[("lang", LANGUAGE)])?,
                _ => walk.arguments(field, &[])?,
            };
            Some(match (name, uploaded) {
                ("url", true) => {
                    let files = files.clone();
                    tree::Field::Pick(Box::new(tree::Pick {
                        rows: store::media::tree_default_file(tree::parent(depth, "id")),
                        value: tree::Field::Computed(Computed::new(move |column| {
                            files.tree_url(column)
                        })),
                    }))
                }
                ("url", false) => {
                    let base = api_base.clone();
                    tree::Field::Computed(Computed::new(move |column| {
                        links::tree_absolute(&base, column("cover_image_url"))
                    }))
                }
                // An uploaded image's texts are in the request's language, not the
                // article's.
                ("alt", true) => text(
                    Self::names(&args, &request),
                    "alt_ru",
                    "alt_kk",
                    "alt_en",
                    false,
                ),
                ("alt", false) => tree::Field::Column("cover_image_alt"),
                _ => return None,
            })
        })
    }

    /// A comment's own values, as every reader sees them.
    fn comment(&mut self, set: &'a SelectionSet) -> Option<Object> {
        self.object(set, "Comment", |walk, field| {
            walk.arguments(field, &[])?;
            Some(match field.name.node.as_str() {
                "id" => tree::Field::GlobalId(NodeKind::Comment.name()),
                "body" => tree::Field::Column("body"),
                "authorName" => tree::Field::Column("author_name"),
                "website" => tree::Field::Column("website"),
                "depth" => tree::Field::Column("depth"),
                "createdAt" => tree::Field::Moment("created_at"),
                "updatedAt" => tree::Field::Moment("updated_at"),
                _ => return None,
            })
        })
    }

    /// An article's author, as readers see them: the name shown.
    fn author(&mut self, set: &'a SelectionSet) -> Option<Object> {
        self.object(set, "User", |walk, field| {
            walk.arguments(field, &[])?;
            Some(match field.name.node.as_str() {
                "displayName" => tree::Field::Column("display_name"),
                _ => return None,
            })
        })
    }

    /// A quote, its row at `depth`, its speaker's name by default in `names`.
    fn quote(&mut self, set: &'a SelectionSet, depth: usize, names: &TextLang) -> Option<Object> {
        self.object(set, "Quote", |walk, field| {
            walk.arguments(field, &[])?;
            let name = field.name.node.as_str();
            Some(match name {
                "id" => tree::Field::GlobalId(NodeKind::Quote.name()),
                "text" | "kind" | "position" => tree::Field::Column(column(name)),
                "participant" => tree::Field::One(Box::new(Level {
                    rows: tree::by_id::<participant::Entity>(tree::parent(depth, "participant_id")),
                    object: walk.participant(&field.selection_set.node, depth + 1, names)?,
                })),
                _ => return None,
            })
        })
    }
}

/// The one argument of `args` that is given (not null), as text: the resolvers of
/// `region`, `meeting` and `participant` refuse none or several.
fn one_of<'v>(args: &'v HashMap<&str, Value>) -> Option<(&'v str, &'v str)> {
    let mut given = args.iter().filter(|(_, v)| **v != Value::Null);
    let (name, value) = given.next()?;
    if given.next().is_some() {
        return None;
    }
    match value {
        Value::String(text) => Some((name, text.as_str())),
        _ => None,
    }
}

/// The row of `E` that `id | slug` names, as the resolvers of `meeting` and
/// `participant` take them: exactly one given.
fn id_or_slug<E: sea_orm::EntityTrait>(
    args: &HashMap<&str, Value>,
    kind: NodeKind,
    by_slug: fn(&str) -> tree::Rows,
) -> Option<tree::Rows> {
    Some(match one_of(args)? {
        ("slug", slug) => by_slug(slug),
        (_, id) => tree::by_id::<E>(sea_orm::sea_query::Expr::val(global_id(id, kind)?)),
    })
}

/// The uuid of a global id of `kind`; `None` for any other (the resolver says why).
fn global_id(id: &str, kind: NodeKind) -> Option<uuid::Uuid> {
    match crate::domain::global_id::decode(id)? {
        (found, uuid) if found == kind => Some(uuid),
        _ => None,
    }
}

/// A GraphQL field name that is also its column's.
fn column(name: &str) -> &'static str {
    match name {
        "code" => "code",
        "slug" => "slug",
        "kind" => "kind",
        "text" => "text",
        "position" => "position",
        _ => unreachable!("only called with a name listed above"),
    }
}

/// A text kept in Russian (`ru`, never null when `required`) and maybe Kazakh and
/// English, in `lang` with the fallbacks of names
/// ([`crate::presentation::names::text_in`] and `optional_text_in`).
fn text(
    lang: TextLang,
    ru: &'static str,
    kk: &'static str,
    en: &'static str,
    required: bool,
) -> tree::Field {
    tree::Field::Text {
        columns: [ru, kk, en],
        lang,
        otherwise: required.then_some(ru),
    }
}

/// Whether `field` selects sub-fields exactly when its value is an object: a scalar
/// with a selection, or an object without one, is the engine's to refuse.
fn leaf_or_object(field: &Field, value: &tree::Field) -> bool {
    let selects = !field.selection_set.node.items.is_empty();
    selects == is_object(value)
}

fn is_object(value: &tree::Field) -> bool {
    match value {
        tree::Field::List(_) | tree::Field::One(_) | tree::Field::Same(_) => true,
        tree::Field::When(_, value) => is_object(value),
        tree::Field::FirstOf(values) => values.first().is_some_and(is_object),
        _ => false,
    }
}

/// `value` unless the article at its level is retracted, whose lead and picture are
/// no longer shown (`Article.lead`, `coverImage`): null then.
fn shown(value: tree::Field) -> tree::Field {
    tree::Field::When(
        Computed::new(|column| not_withdrawn(column("status"))),
        Box::new(value),
    )
}

/// Whether an article whose status is `status` is not retracted.
fn not_withdrawn(status: Expr) -> Expr {
    use sea_orm::ActiveEnum;
    let retracted = crate::domain::ArticleStatus::Retracted.to_value();
    Expr::cust_with_exprs("$1 <> $2", [status, Expr::val(retracted)])
}
