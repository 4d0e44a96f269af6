//! Transactions for editorial writes: everything one write touches commits together
//! or not at all.

use chrono::{DateTime, Utc};
use sea_orm::{DatabaseTransaction, SqlErr};

pub use crate::db::begin_write;
use crate::{
    error::{AppError, AppResult},
    store::changes::{self, NewChange},
};

/// [`finish`], recording first what the write changed (`describe` of its result) in
/// the record of changes, in the same transaction: the change and the write commit
/// together or not at all.
pub async fn finish_recorded<T, C>(
    txn: DatabaseTransaction,
    result: AppResult<T>,
    now: DateTime<Utc>,
    describe: impl FnOnce(&T) -> C,
) -> AppResult<T>
where
    C: IntoIterator<Item = NewChange>,
{
    let result = match result {
        Ok(value) => changes::append_all(&txn, describe(&value), now)
            .await
            .map(|()| value),
        Err(err) => Err(err),
    };
    finish(txn, result).await
}

/// Commits on success, rolls back on failure, and turns constraint violations that
/// only a concurrent writer could cause into conflicts the client may retry.
pub async fn finish<T>(txn: DatabaseTransaction, result: AppResult<T>) -> AppResult<T> {
    match result {
        Ok(value) => {
            txn.commit()
                .await
                .map_err(AppError::from)
                .map_err(conflicts)?;
            Ok(value)
        }
        Err(err) => {
            // The rollback's own failure would hide the reason: it is only logged.
            if let Err(rollback) = txn.rollback().await {
                tracing::warn!(error = %rollback, "rollback failed");
            }
            Err(conflicts(err))
        }
    }
}

/// A unique or foreign-key violation becomes [`AppError::Conflict`]: validation ran
/// first, so only a concurrent change (the same slug taken, a person deleted) can
/// cause one.
pub fn conflicts(err: AppError) -> AppError {
    match &err {
        AppError::Database(db) => match db.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => {
                AppError::Conflict("a concurrent change took the same name; try again".into())
            }
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => AppError::Conflict(
                "something this refers to was changed at the same time; try again".into(),
            ),
            _ => err,
        },
        _ => err,
    }
}
