//! The record of changes: every committed write that changes what someone may see
//! appends a row here in its own transaction (a transactional outbox), and readers
//! take the rows in order from the last sequence they have seen.
//!
//! Sequences are strictly increasing in commit order, so a reader that has seen
//! `seq` never finds a smaller one later. SQLite commits one writer at a time. On
//! PostgreSQL a sequence is drawn when the row is inserted, not when it commits, so
//! two writers could commit out of order and a reader between the two commits would
//! skip the earlier number for good; the append therefore takes a transaction-level
//! advisory lock first, held until commit, which makes writers that change content
//! commit one after another (the changes are appended last, just before the commit,
//! so the lock is held for the commit alone). A `NOTIFY` follows the rows, which
//! PostgreSQL delivers to the listeners only once the transaction commits. However
//! many changes a transaction records, that is three statements: the lock, one
//! insert and the notification.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Statement,
};
use uuid::Uuid;

use crate::{
    domain::{ChangeKind, Language},
    entity::{article, change, comment},
    error::AppResult,
};

pub use change::Model as Change;

/// The PostgreSQL channel every instance listens on.
pub const CHANNEL: &str = "polisia_changes";

/// The advisory lock that orders appends (any fixed number; "changes" in ASCII).
const APPEND_LOCK: i64 = 0x0063_6861_6e67_6573;

/// What one write changed, before it has a sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewChange {
    pub kind: ChangeKind,
    pub entity_id: Uuid,
    pub article_id: Option<Uuid>,
    pub region_id: Option<Uuid>,
    pub lang: Option<Language>,
}

impl NewChange {
    /// A change to an article, with its region and language.
    pub fn article(kind: ChangeKind, article: &article::Model) -> Self {
        NewChange {
            kind,
            entity_id: article.id,
            article_id: Some(article.id),
            region_id: article.region_id,
            lang: Some(article.lang),
        }
    }

    /// A change to a comment, with its article.
    pub fn comment(kind: ChangeKind, comment: &comment::Model) -> Self {
        NewChange {
            kind,
            entity_id: comment.id,
            article_id: Some(comment.article_id),
            region_id: None,
            lang: None,
        }
    }

    /// A change to anything else: a meeting, a person, a tag, a region, an account.
    pub fn of(kind: ChangeKind, entity_id: Uuid) -> Self {
        NewChange {
            kind,
            entity_id,
            article_id: None,
            region_id: None,
            lang: None,
        }
    }
}

/// Appends `change`, committed at `at`, inside the caller's transaction; returns its
/// sequence.
pub async fn append(
    txn: &impl ConnectionTrait,
    change: NewChange,
    at: DateTime<Utc>,
) -> AppResult<i64> {
    lock_appends(txn).await?;
    let seq = change::Entity::insert(row(change, at))
        .exec(txn)
        .await?
        .last_insert_id;
    notify(txn).await?;
    Ok(seq)
}

/// Appends every change in `changes`, in order, in one statement (with the lock and
/// the notification, three on PostgreSQL however many there are).
pub async fn append_all(
    txn: &impl ConnectionTrait,
    changes: impl IntoIterator<Item = NewChange>,
    at: DateTime<Utc>,
) -> AppResult<()> {
    let rows: Vec<_> = changes.into_iter().map(|change| row(change, at)).collect();
    if rows.is_empty() {
        return Ok(());
    }
    lock_appends(txn).await?;
    change::Entity::insert_many(rows)
        .exec_without_returning(txn)
        .await?;
    notify(txn).await
}

fn row(change: NewChange, at: DateTime<Utc>) -> change::ActiveModel {
    change::ActiveModel {
        kind: Set(change.kind),
        entity_id: Set(change.entity_id),
        article_id: Set(change.article_id),
        region_id: Set(change.region_id),
        lang: Set(change.lang),
        committed_at: Set(at),
        ..Default::default()
    }
}

/// On PostgreSQL, makes appends wait for one another until their transactions end:
/// sequences are drawn in the order the changes commit, so a reader that has seen
/// one has seen every change before it. (SQLite has one writer at a time.)
async fn lock_appends(txn: &impl ConnectionTrait) -> AppResult<()> {
    let backend = txn.get_database_backend();
    if backend == DatabaseBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            backend,
            "SELECT pg_advisory_xact_lock($1)",
            [APPEND_LOCK.into()],
        ))
        .await?;
    }
    Ok(())
}

/// On PostgreSQL, wakes every instance's reader of the changes when this transaction
/// commits (the listeners read what is new; the payload is not needed).
async fn notify(txn: &impl ConnectionTrait) -> AppResult<()> {
    let backend = txn.get_database_backend();
    if backend == DatabaseBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            backend,
            "SELECT pg_notify($1, '')",
            [CHANNEL.into()],
        ))
        .await?;
    }
    Ok(())
}

/// The changes after `seq`, oldest first, at most `limit`.
pub async fn after(db: &impl ConnectionTrait, seq: i64, limit: u64) -> AppResult<Vec<Change>> {
    Ok(change::Entity::find()
        .filter(change::Column::Seq.gt(seq))
        .order_by_asc(change::Column::Seq)
        .limit(limit)
        .all(db)
        .await?)
}

/// The sequence of the newest change, 0 when there is none.
pub async fn newest(db: &impl ConnectionTrait) -> AppResult<i64> {
    let newest: Option<Option<i64>> = change::Entity::find()
        .select_only()
        .column_as(change::Column::Seq.max(), "newest")
        .into_tuple()
        .one(db)
        .await?;
    Ok(newest.flatten().unwrap_or(0))
}

/// Deletes the changes committed before `before`, except the newest change; returns
/// how many. The newest stays because SQLite gives a new row the highest sequence
/// in the table plus one: were the newest deleted, its number would be handed out
/// again, and a reader that had seen it would skip the change that reuses it.
pub async fn prune(db: &impl ConnectionTrait, before: DateTime<Utc>) -> AppResult<u64> {
    let newest = newest(db).await?;
    Ok(change::Entity::delete_many()
        .filter(change::Column::CommittedAt.lt(before))
        .filter(change::Column::Seq.lt(newest))
        .exec(db)
        .await?
        .rows_affected)
}

/// The changes of `kinds` after `seq`, oldest first, at most `limit`.
pub async fn after_of_kinds(
    db: &impl ConnectionTrait,
    seq: i64,
    kinds: &[ChangeKind],
    limit: u64,
) -> AppResult<Vec<Change>> {
    Ok(change::Entity::find()
        .filter(change::Column::Seq.gt(seq))
        .filter(change::Column::Kind.is_in(kinds.iter().copied()))
        .order_by_asc(change::Column::Seq)
        .limit(limit)
        .all(db)
        .await?)
}

/// Which of `kinds` each of `entities` has among the changes still kept, as
/// (entity, kind) pairs, each pair once.
pub async fn kinds_of(
    db: &impl ConnectionTrait,
    entities: &[Uuid],
    kinds: &[ChangeKind],
) -> AppResult<Vec<(Uuid, ChangeKind)>> {
    if entities.is_empty() {
        return Ok(Vec::new());
    }
    Ok(change::Entity::find()
        .select_only()
        .column(change::Column::EntityId)
        .column(change::Column::Kind)
        .distinct()
        .filter(change::Column::EntityId.is_in(entities.iter().copied()))
        .filter(change::Column::Kind.is_in(kinds.iter().copied()))
        .into_tuple()
        .all(db)
        .await?)
}
