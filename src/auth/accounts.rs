//! What administrators change about accounts: the role and whether it may sign in.
//! Each change commits with its record in the changes, so live sessions on every
//! instance can act on it.

use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, DatabaseTransaction};
use uuid::Uuid;

use crate::{
    auth::refresh,
    db::begin_write,
    domain::{ChangeKind, Role},
    entity::user,
    error::AppResult,
    store::{
        self,
        changes::{self, NewChange},
    },
};

/// Gives account `id` another role at `now`.
pub async fn set_role(
    db: &DatabaseConnection,
    id: Uuid,
    role: Role,
    now: DateTime<Utc>,
) -> AppResult<user::Model> {
    let txn = begin_write(db).await?;
    let result = async {
        let account = store::users::set_role(&txn, id, role, now).await?;
        changes::append(&txn, NewChange::of(ChangeKind::UserRoleChanged, id), now).await?;
        Ok(account)
    }
    .await;
    finish(txn, result).await
}

/// Disables account `id` at `now`, with every refresh token it holds, or enables it
/// again.
pub async fn set_disabled(
    db: &DatabaseConnection,
    id: Uuid,
    disabled: bool,
    now: DateTime<Utc>,
) -> AppResult<user::Model> {
    let txn = begin_write(db).await?;
    let result = async {
        let account = store::users::set_disabled(&txn, id, disabled, now).await?;
        if disabled {
            refresh::revoke_all_for_user(&txn, id, now).await?;
        }
        changes::append(&txn, NewChange::of(ChangeKind::UserDisabled, id), now).await?;
        Ok(account)
    }
    .await;
    finish(txn, result).await
}

async fn finish(
    txn: DatabaseTransaction,
    result: AppResult<user::Model>,
) -> AppResult<user::Model> {
    match result {
        Ok(account) => {
            txn.commit().await?;
            Ok(account)
        }
        Err(err) => {
            txn.rollback().await?;
            Err(err)
        }
    }
}
