//! A nested read answered by PostgreSQL as one JSON document, in one statement.
//!
//! A GraphQL selection whose every field maps onto columns and lists of rows is
//! described here as a tree of [`Object`]s; [`render`] writes the tree as one `SELECT`
//! whose correlated subqueries build each level with `json_build_object` and
//! `json_agg`, and [`run`] returns the document's text. The service passes that text on
//! without taking it apart: what PostGraphile and Hasura do, and what a
//! level-per-statement read (one round trip, one decode and one assembly per level)
//! costs several times over in the service.
//!
//! Each level reads from the row source its store module describes (the same
//! conditions, order and page size a batched read of that list uses), wrapped as
//! `(…) AS tN`, `N` its depth: a level's children compare their parent column with
//! `tN.id`, so a table may appear at several depths without one hiding the other.

use sea_orm::{
    ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryTrait,
    sea_query::{Alias, Expr, ExprTrait, Order, Query, SelectStatement, SubQueryStatement},
};

use crate::{domain::Language, error::AppResult};

/// What one JSON object holds, key by key, in the order the client asked.
#[derive(Debug, Default)]
pub struct Object {
    fields: Vec<(String, Field)>,
}

impl Object {
    pub fn push(&mut self, key: impl Into<String>, field: Field) {
        self.fields.push((key.into(), field));
    }
}

/// One value of an object, read from the row of its level (`tN`).
#[derive(Debug)]
pub enum Field {
    /// A column as JSON: text, numbers, booleans, dates as ISO 8601, stored enums by
    /// their name.
    Column(&'static str),
    /// A text kept in Russian, Kazakh and English (`columns`, in that order) in the
    /// language `lang` names: the first column present along that language's
    /// fallback chain, unless it is empty, else `otherwise` (a column or null). The
    /// same rule as [`crate::domain::language::pick_name`].
    Text {
        columns: [&'static str; 3],
        lang: TextLang,
        otherwise: Option<&'static str>,
    },
    /// The one of `columns` (Russian, Kazakh, English) in the language `lang` names,
    /// without fallback: a text every row holds in all three.
    InLang {
        columns: [&'static str; 3],
        lang: TextLang,
    },
    /// A moment (`timestamptz`) as the engine writes it: RFC 3339 in UTC, `+00:00`,
    /// with 0, 3 or 6 digits of fraction as chrono's `to_rfc3339` gives them.
    Moment(&'static str),
    /// A global id: the URL-safe base64 of `Kind:uuid`, as
    /// [`crate::domain::global_id::encode`] writes it.
    GlobalId(&'static str),
    /// A constant, e.g. a type's name.
    Literal(String),
    /// The objects of rows under this one, in the list's order.
    List(Box<Level>),
    /// The object of one row related to this one; null when there is none.
    One(Box<Level>),
    /// An object of more values of this same row (a connection around its list).
    Same(Object),
    /// How many rows `SELECT`s, correlated to this row.
    Count(Box<SelectStatement>),
    /// Whether the `SELECT` finds any row (e.g. one past a page: more follow).
    Exists(Box<SelectStatement>),
    /// A value the service's rule computes in SQL from this row's columns (an
    /// address, a cursor, a constant).
    Computed(Computed),
    /// `field` where the condition holds of this row, else null.
    When(Computed, Box<Field>),
    /// The first of these that is not null, else null.
    FirstOf(Vec<Field>),
    /// One value of the first row of a level below this one; null when it has none.
    Pick(Box<Pick>),
}

/// How a [`Computed`] names a column of its row.
pub type ColumnOf<'c> = &'c dyn Fn(&'static str) -> Expr;

/// An SQL expression over one row, given how to name a column of that row.
pub struct Computed(Box<dyn Fn(ColumnOf<'_>) -> Expr + Send + Sync>);

impl Computed {
    pub fn new(rule: impl Fn(ColumnOf<'_>) -> Expr + Send + Sync + 'static) -> Self {
        Computed(Box::new(rule))
    }

    /// A constant, the same for every row.
    pub fn constant(value: impl Into<sea_orm::Value>) -> Self {
        let value = value.into();
        Computed::new(move |_| Expr::val(value.clone()))
    }
}

impl std::fmt::Debug for Computed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Computed")
    }
}

/// The value [`Field::Pick`] takes from the first of `rows` (in `rows.order`, else
/// the order the source's own `ORDER BY` gives).
#[derive(Debug)]
pub struct Pick {
    pub rows: Rows,
    pub value: Field,
}

/// The rows of one level: where they come from, their order, and the object built
/// from each.
#[derive(Debug)]
pub struct Level {
    pub rows: Rows,
    pub object: Object,
}

/// The language a [`Field::Text`] is given in.
#[derive(Debug, Clone)]
pub enum TextLang {
    /// One for every row (the request's, or a field's `lang`).
    Fixed(Language),
    /// The language stored in a column of a row above (an article's `lang`, for the
    /// names of what it shows).
    Of(Expr),
}

/// A level's row source: `select`, correlated to its parent through [`parent`], in
/// `order` (columns of the source's table).
#[derive(Debug, Clone)]
pub struct Rows {
    pub select: SelectStatement,
    pub order: Vec<(&'static str, Order)>,
}

/// The row of `E` whose id `id` names, as a level of one row (an article's meeting,
/// a meeting's region, a root found by id).
pub fn by_id<E: EntityTrait>(id: Expr) -> Rows {
    let table = E::default().table_name();
    Rows {
        select: E::find()
            .filter(Expr::col((Alias::new(table), Alias::new("id"))).eq(id))
            .into_query(),
        order: Vec::new(),
    }
}

/// The column `column` of the row at `depth`, for a level below it to compare with.
pub fn parent(depth: usize, column: &'static str) -> Expr {
    Expr::col((Alias::new(alias(depth)), Alias::new(column)))
}

fn alias(depth: usize) -> String {
    format!("t{depth}")
}

/// Whether `db` builds a tree's JSON itself: PostgreSQL does; SQLite answers through
/// the engine, in process, with no round trip to save.
pub fn builds_json(db: &impl ConnectionTrait) -> bool {
    db.get_database_backend() == DbBackend::Postgres
}

/// A tree read as PostgreSQL runs it: its SQL, page sizes written in, and the values
/// it binds, in the order of their placeholders.
#[derive(Debug, Clone)]
pub struct Statement {
    pub sql: String,
    pub values: Vec<sea_orm::Value>,
}

/// The statement that reads the tree under `root`. Rendering is most of the service's
/// work for a compiled read (a front page is some 12,000 characters of SQL), so a
/// caller may keep the statement and run it again with other values.
pub fn render(root: &Object) -> Statement {
    let statement = Query::select()
        .expr_as(
            Expr::cust_with_expr("($1)::text", object(root, 0)),
            Alias::new("data"),
        )
        .to_owned();
    let (sql, values) = statement.build(sea_orm::sea_query::PostgresQueryBuilder);
    let (sql, values) = literal_limits(&sql, values.0);
    Statement { sql, values }
}

/// Runs `statement` and returns the document it reads; `None` where the database
/// does not build JSON (see [`builds_json`]).
pub async fn run(db: &impl ConnectionTrait, statement: Statement) -> AppResult<Option<String>> {
    if !builds_json(db) {
        return Ok(None);
    }
    let row = db
        .query_one_raw(sea_orm::Statement::from_sql_and_values(
            DbBackend::Postgres,
            statement.sql,
            statement.values,
        ))
        .await?;
    Ok(match row {
        Some(row) => Some(compact(&row.try_get::<String>("", "data")?)),
        None => None,
    })
}

/// `sql` with the values of its `LIMIT`s and `OFFSET`s written in, the other
/// placeholders renumbered. The statement is planned once for every run
/// ([`crate::db::trees_pool`]), and a generic plan knows nothing of a bound limit:
/// PostgreSQL then assumes a tenth of the rows are wanted, and reads a page of 20
/// articles out of 100,000 by sorting them all (816 ms against 1.7 ms). A page size
/// is part of the query's shape, not of its arguments.
fn literal_limits(sql: &str, values: Vec<sea_orm::Value>) -> (String, Vec<sea_orm::Value>) {
    let mut out = String::with_capacity(sql.len());
    let mut kept = Vec::with_capacity(values.len());
    let mut chars = sql.char_indices().peekable();
    let mut quoted = false;
    while let Some((at, c)) = chars.next() {
        if c == '\'' {
            quoted = !quoted;
        }
        let digits = c == '$' && !quoted && chars.peek().is_some_and(|(_, d)| d.is_ascii_digit());
        if !digits {
            out.push(c);
            continue;
        }
        let mut end = at + 1;
        while let Some((i, d)) = chars.peek().copied().filter(|(_, d)| d.is_ascii_digit()) {
            end = i + d.len_utf8();
            chars.next();
        }
        let index: usize = sql[at + 1..end].parse().expect("digits");
        let value = values[index - 1].clone();
        let limit = out.ends_with("LIMIT ") || out.ends_with("OFFSET ");
        match value {
            sea_orm::Value::BigUnsigned(Some(n)) if limit => out.push_str(&n.to_string()),
            value => {
                kept.push(value);
                out.push_str(&format!("${}", kept.len()));
            }
        }
    }
    (out, kept)
}

/// `json` without the spaces and line breaks PostgreSQL puts between keys, values
/// and array items (`{"a" : 1}`, `[1, \n 2]`): the compact form the engine writes.
/// Whitespace inside strings is kept; the text is otherwise unchanged.
pub fn compact(json: &str) -> String {
    // Bytes, not chars: a quote, a backslash and ASCII whitespace never occur inside
    // a multi-byte UTF-8 sequence, so dropping whitespace bytes outside strings keeps
    // the text valid UTF-8 (a char loop decoding every character cost 5 % of a
    // compiled front page's CPU).
    let mut out = Vec::with_capacity(json.len());
    let mut in_string = false;
    let mut escaped = false;
    for &b in json.as_bytes() {
        if in_string {
            out.push(b);
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
            out.push(b);
        } else if !b.is_ascii_whitespace() {
            out.push(b);
        }
    }
    String::from_utf8(out).expect("whitespace bytes removed outside strings keep UTF-8 valid")
}

/// `json_build_object` of `object`'s fields over the row at `depth`.
fn object(object: &Object, depth: usize) -> Expr {
    if object.fields.is_empty() {
        return Expr::cust("'{}'::json");
    }
    let mut args = Vec::with_capacity(object.fields.len() * 2);
    for (key, field) in &object.fields {
        args.push(Expr::val(key.as_str()));
        args.push(value(field, depth));
    }
    let placeholders: Vec<String> = (1..=args.len()).map(|i| format!("${i}")).collect();
    Expr::cust_with_exprs(
        format!("json_build_object({})", placeholders.join(", ")),
        args,
    )
}

fn value(field: &Field, depth: usize) -> Expr {
    let column = |name: &'static str| parent(depth, name);
    match field {
        Field::Column(name) => Expr::cust_with_expr("to_json($1)", column(name)),
        Field::Text {
            columns,
            lang,
            otherwise,
        } => {
            let in_lang = |lang: Language| {
                let first = Expr::cust_with_exprs(
                    "nullif(coalesce($1, $2, $3), '')",
                    lang.fallback_chain().map(|l| {
                        column(match l {
                            Language::Ru => columns[0],
                            Language::Kk => columns[1],
                            Language::En => columns[2],
                        })
                    }),
                );
                match otherwise {
                    Some(other) => {
                        Expr::cust_with_exprs("coalesce($1, $2)", [first, column(other)])
                    }
                    None => first,
                }
            };
            let text = match lang {
                TextLang::Fixed(lang) => in_lang(*lang),
                TextLang::Of(stored) => by_language(stored, in_lang),
            };
            Expr::cust_with_expr("to_json($1)", text)
        }
        Field::InLang { columns, lang } => {
            let in_lang = |lang: Language| {
                column(match lang {
                    Language::Ru => columns[0],
                    Language::Kk => columns[1],
                    Language::En => columns[2],
                })
            };
            let text = match lang {
                TextLang::Fixed(lang) => in_lang(*lang),
                TextLang::Of(stored) => by_language(stored, in_lang),
            };
            Expr::cust_with_expr("to_json($1)", text)
        }
        Field::Moment(name) => Expr::cust_with_expr("to_json($1)", rfc3339(column(name), "+00:00")),
        Field::GlobalId(kind) => Expr::cust_with_expr(
            "to_json($1)",
            base64url(Expr::cust_with_exprs(
                "$1 || ':' || $2::text",
                [Expr::val(*kind), column("id")],
            )),
        ),
        Field::Literal(text) => Expr::cust_with_expr("to_json($1::text)", Expr::val(text.as_str())),
        Field::Same(inner) => object(inner, depth),
        Field::Count(select) => {
            let mut count = Query::select();
            count
                .expr(Expr::cust("count(*)"))
                .from_subquery((**select).clone(), Alias::new("counted"));
            subquery(count)
        }
        Field::Exists(select) => {
            Expr::cust_with_expr("to_json(EXISTS($1))", subquery((**select).clone()))
        }
        Field::Computed(rule) => Expr::cust_with_expr("to_json($1)", (rule.0)(&column)),
        Field::When(condition, field) => Expr::cust_with_exprs(
            "CASE WHEN $1 THEN $2 END",
            [(condition.0)(&column), value(field, depth)],
        ),
        Field::FirstOf(fields) => {
            let placeholders: Vec<String> = (1..=fields.len()).map(|i| format!("${i}")).collect();
            Expr::cust_with_exprs(
                format!("coalesce({})", placeholders.join(", ")),
                fields.iter().map(|f| value(f, depth)),
            )
        }
        Field::Pick(pick) => {
            let mut select = Query::select();
            select
                .expr(value(&pick.value, depth + 1))
                .from_subquery(pick.rows.select.clone(), Alias::new(alias(depth + 1)));
            for (column, order) in &pick.rows.order {
                select.order_by(
                    (Alias::new(alias(depth + 1)), Alias::new(*column)),
                    order.clone(),
                );
            }
            select.limit(1);
            subquery(select)
        }
        Field::List(level) => list(level, depth + 1),
        Field::One(level) => {
            let mut from = level.rows.select.clone();
            from.limit(1);
            let mut select = Query::select();
            select
                .expr(object(&level.object, depth + 1))
                .from_subquery(from, Alias::new(alias(depth + 1)));
            subquery(select)
        }
    }
}

/// `moment` (a `timestamptz`) as RFC 3339 text in UTC, the way chrono writes it: 0,
/// 3 or 6 digits of fraction (`SecondsFormat::AutoSi`), then `zone` (`+00:00` from
/// `to_rfc3339`, `Z` from chrono's serde form).
pub fn rfc3339(moment: Expr, zone: &str) -> Expr {
    let micros = Expr::cust_with_expr(
        "(extract(microseconds FROM $1)::bigint % 1000000)",
        moment.clone(),
    );
    Expr::cust_with_exprs(
        "to_char($1 AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || \
         CASE WHEN $2 = 0 THEN '' WHEN $3 % 1000 = 0 THEN '.' || lpad(($4 / 1000)::text, 3, '0') \
         ELSE '.' || lpad(($5)::text, 6, '0') END || $6",
        [
            moment,
            micros.clone(),
            micros.clone(),
            micros.clone(),
            micros,
            Expr::val(zone),
        ],
    )
}

/// The URL-safe base64 of `text`'s UTF-8, without padding, as
/// `base64::engine::general_purpose::URL_SAFE_NO_PAD` writes it (PostgreSQL's
/// `encode` breaks lines, which go).
pub fn base64url(text: Expr) -> Expr {
    Expr::cust_with_expr(
        "rtrim(translate(encode(convert_to($1, 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')",
        text,
    )
}

/// `in_lang` of the language the column `stored` holds (Russian for any other).
fn by_language(stored: &Expr, in_lang: impl Fn(Language) -> Expr) -> Expr {
    Expr::cust_with_exprs(
        "CASE $1 WHEN $2 THEN $3 WHEN $4 THEN $5 ELSE $6 END",
        [
            stored.clone(),
            Expr::val(Language::Kk.code()),
            in_lang(Language::Kk),
            Expr::val(Language::En.code()),
            in_lang(Language::En),
            in_lang(Language::Ru),
        ],
    )
}

/// The JSON array of `level`'s objects at `depth`, in its order; `[]` for no rows.
fn list(level: &Level, depth: usize) -> Expr {
    let order: Vec<String> = level
        .rows
        .order
        .iter()
        .map(|(column, order)| {
            let direction = match order {
                Order::Desc => "DESC",
                _ => "ASC",
            };
            format!("\"{}\".\"{column}\" {direction}", alias(depth))
        })
        .collect();
    let aggregate = if order.is_empty() {
        "coalesce(json_agg($1), '[]'::json)".to_owned()
    } else {
        format!(
            "coalesce(json_agg($1 ORDER BY {}), '[]'::json)",
            order.join(", ")
        )
    };
    let mut select = Query::select();
    select
        .expr(Expr::cust_with_expr(
            aggregate,
            object(&level.object, depth),
        ))
        .from_subquery(level.rows.select.clone(), Alias::new(alias(depth)));
    subquery(select)
}

fn subquery(select: SelectStatement) -> Expr {
    Expr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(select)))
}

#[cfg(test)]
mod tests {
    use super::{compact, literal_limits};
    use sea_orm::Value;

    #[test]
    fn limits_are_written_in_and_the_other_placeholders_renumbered() {
        let (sql, values) = literal_limits(
            "SELECT $1, '$2' FROM t WHERE a = $2 LIMIT $3 OFFSET $4) AND b = $5 LIMIT $6",
            vec![
                Value::from("x"),
                Value::from(7i32),
                Value::BigUnsigned(Some(20)),
                Value::BigUnsigned(Some(40)),
                Value::from("y"),
                Value::BigUnsigned(Some(1)),
            ],
        );
        assert_eq!(
            sql,
            "SELECT $1, '$2' FROM t WHERE a = $2 LIMIT 20 OFFSET 40) AND b = $3 LIMIT 1"
        );
        assert_eq!(
            values,
            vec![Value::from("x"), Value::from(7i32), Value::from("y")]
        );
    }

    #[test]
    fn compact_drops_whitespace_between_tokens_only() {
        assert_eq!(
            compact("{\"a b\" : [1, \n 2], \"c\" : \"x \\\" y\\\\\", \"d\" : {}}"),
            "{\"a b\":[1,2],\"c\":\"x \\\" y\\\\\",\"d\":{}}"
        );
    }
}
