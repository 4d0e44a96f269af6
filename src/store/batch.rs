//! "The first N rows for each of these parents" in one statement.
//!
//! Each parent gets its own `ORDER BY ... LIMIT n` branch, so every branch walks an
//! index and stops early; the branches are joined with `UNION ALL` and each row is
//! labelled with its parent. It works the same on SQLite and PostgreSQL and avoids a
//! `row_number()` window over every row of every parent.

use sea_orm::{
    ConnectionTrait, FromQueryResult,
    sea_query::{Alias, Asterisk, Expr, Query, SelectStatement, UnionType},
};
use uuid::Uuid;

use crate::error::AppResult;

/// Runs every `(label, query)` branch as one statement; returns each row with its label.
pub async fn first_per_group<M: FromQueryResult>(
    db: &impl ConnectionTrait,
    branches: Vec<(Uuid, SelectStatement)>,
) -> AppResult<Vec<(Uuid, M)>> {
    let mut branches = branches.into_iter().map(|(label, inner)| {
        Query::select()
            .expr_as(Expr::val(label), Alias::new("grp"))
            .column((Alias::new("b"), Asterisk))
            .from_subquery(inner, Alias::new("b"))
            .to_owned()
    });
    let Some(mut union) = branches.next() else {
        return Ok(Vec::new());
    };
    for branch in branches {
        union.union(UnionType::All, branch);
    }
    let rows = db.query_all(&union).await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get::<Uuid>("", "grp")?,
                M::from_query_result(row, "")?,
            ))
        })
        .collect()
}
