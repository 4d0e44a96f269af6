//! The purge cursor: the one row saying how far through the record of changes the
//! purges have been claimed. Instances move it by compare-and-set: whoever moves it
//! from `seq` sends the purges of the changes after `seq`, and no one else does.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};

use crate::{
    entity::purge_cursor::{self, Column, Entity},
    error::{AppError, AppResult},
};

/// The row's key.
const ROW: i32 = 1;

/// The sequence of the last change whose purges were claimed.
pub async fn read(db: &impl ConnectionTrait) -> AppResult<i64> {
    Entity::find_by_id(ROW)
        .one(db)
        .await?
        .map(|row: purge_cursor::Model| row.seq)
        .ok_or_else(|| AppError::Internal("the purge cursor's row is missing".into()))
}

/// Moves the cursor from `from` to `to`; false when another instance moved it first.
pub async fn claim(db: &impl ConnectionTrait, from: i64, to: i64) -> AppResult<bool> {
    let moved = Entity::update_many()
        .col_expr(Column::Seq, Expr::value(to))
        .filter(Column::Id.eq(ROW))
        .filter(Column::Seq.eq(from))
        .exec(db)
        .await?
        .rows_affected;
    Ok(moved == 1)
}
