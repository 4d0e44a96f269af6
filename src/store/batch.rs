//! "The first N rows for each of these parents" in one statement.
//!
//! The caller describes the query for one parent, given an expression that stands for
//! the parent's id. On PostgreSQL the parents become a `VALUES` list joined
//! `LATERAL` to that query: one small plan, an index walk that stops early per parent.
//! SQLite has no `LATERAL`; there each parent gets its own `ORDER BY ... LIMIT n`
//! branch, joined with `UNION ALL` (SQLite plans those cheaply). Either way a
//! `row_number()` window over every row of every parent is avoided.

use sea_orm::{
    ConnectionTrait, DbBackend, FromQueryResult, Statement, Value,
    sea_query::{Alias, Asterisk, Expr, Query, SelectStatement, UnionType},
};
use uuid::Uuid;

use crate::error::AppResult;

/// Runs `query(parent)` for every parent as one statement; returns each row with its
/// parent's id. `query` receives the expression to compare with the parent id.
pub async fn first_per_group<M: FromQueryResult>(
    db: &impl ConnectionTrait,
    parents: &[Uuid],
    query: impl Fn(Expr) -> SelectStatement,
) -> AppResult<Vec<(Uuid, M)>> {
    if parents.is_empty() {
        return Ok(Vec::new());
    }
    let backend = db.get_database_backend();
    let rows = if backend == DbBackend::Postgres {
        let inner = backend.build(&query(Expr::cust("g.grp")));
        let mut values: Vec<Value> = inner.values.map(|v| v.0).unwrap_or_default();
        let first = values.len() + 1;
        let list: Vec<String> = (0..parents.len())
            .map(|i| format!("(${}::uuid)", first + i))
            .collect();
        values.extend(parents.iter().map(|p| Value::from(*p)));
        let sql = format!(
            "SELECT g.grp, b.* FROM (VALUES {}) AS g(grp) CROSS JOIN LATERAL ({}) AS b",
            list.join(", "),
            inner.sql
        );
        db.query_all_raw(Statement::from_sql_and_values(backend, sql, values))
            .await?
    } else {
        let mut branches = parents.iter().map(|parent| {
            Query::select()
                .expr_as(Expr::val(*parent), Alias::new("grp"))
                .column((Alias::new("b"), Asterisk))
                .from_subquery(query(Expr::val(*parent)), Alias::new("b"))
                .to_owned()
        });
        let mut union = branches.next().expect("parents is not empty");
        for branch in branches {
            union.union(UnionType::All, branch);
        }
        db.query_all(&union).await?
    };
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get::<Uuid>("", "grp")?,
                M::from_query_result(row, "")?,
            ))
        })
        .collect()
}
