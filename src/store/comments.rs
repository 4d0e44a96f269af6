//! Reading reader comments. The public sees approved comments on articles it may see.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, QuerySelect, QueryTrait, Select, Value,
    sea_query::{Expr, ExprTrait},
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    articles::ArticleScope,
    children::{self, ParentLink},
    page::{self, CursorKey, KeyOrder, Page, PageRequest},
};
use crate::{
    domain::CommentStatus,
    entity::{article, comment},
    error::AppResult,
};

/// Which comments a reader may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommentAccess {
    /// Approved only.
    Public,
    /// Every status (moderators).
    All,
}

/// The order of a comment list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CommentOrder {
    #[default]
    OldestFirst,
    NewestFirst,
}

/// The keyset of comment lists: creation time, then id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CommentKey {
    pub at: DateTime<Utc>,
    pub id: Uuid,
}

impl CursorKey for CommentKey {
    const KIND: &'static str = "comment";

    fn values(&self) -> (Value, Value) {
        (self.at.into(), self.id.into())
    }
}

impl CommentKey {
    pub fn of(comment: &comment::Model) -> Self {
        CommentKey {
            at: comment.created_at,
            id: comment.id,
        }
    }
}

impl CommentKey {
    /// The cursor of the comment whose columns `column` names, encoded in SQL as
    /// [`page::encode_cursor`] encodes [`Self::of`].
    pub fn tree_cursor(column: super::tree::ColumnOf<'_>) -> Expr {
        page::tree_cursor::<CommentKey>(vec![
            ("at", super::tree::rfc3339(column("created_at"), "Z")),
            ("id", column("id")),
        ])
    }
}

/// The first page of the thread of `kind` under the row `parent` names, as
/// [`pages_of_threads`] reads it, as a level of a [`tree`](super::tree) read; `None`
/// for a page it does not read that way.
pub fn tree_thread(
    access: CommentAccess,
    kind: ThreadKind,
    parent: Expr,
    order: CommentOrder,
    request: &PageRequest<CommentKey>,
) -> Option<page::TreePage> {
    let (select, link) = kind.select(access);
    children::tree_page(select, link, key_order(order), parent, request)
}

/// The comments [`counts_of_threads`] counts under the row `parent` names.
pub fn tree_thread_count(
    access: CommentAccess,
    kind: ThreadKind,
    parent: Expr,
) -> sea_orm::sea_query::SelectStatement {
    let (select, link) = kind.select(access);
    children::tree_count(select, link, parent)
}

/// Where a list of comments hangs.
#[derive(Debug, Clone, Copy)]
pub enum Thread {
    /// The top-level comments of an article.
    Article(Uuid),
    /// The replies to a comment.
    Replies(Uuid),
}

fn visible(access: CommentAccess) -> Condition {
    match access {
        CommentAccess::Public => {
            Condition::all().add(comment::Column::Status.eq(CommentStatus::Approved))
        }
        CommentAccess::All => Condition::all(),
    }
}

fn in_thread(access: CommentAccess, thread: Thread) -> Select<comment::Entity> {
    let select = comment::Entity::find().filter(visible(access));
    match thread {
        Thread::Article(article) => select
            .filter(comment::Column::ArticleId.eq(article))
            .filter(comment::Column::ParentId.is_null()),
        Thread::Replies(parent) => select.filter(comment::Column::ParentId.eq(parent)),
    }
}

/// A kind of thread, for reading many threads of that kind at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ThreadKind {
    /// The top-level comments of articles.
    Article,
    /// The replies to comments.
    Replies,
}

impl ThreadKind {
    /// The comments `access` may see in threads of this kind, and where a comment
    /// names its thread.
    fn select(self, access: CommentAccess) -> (Select<comment::Entity>, ParentLink) {
        let select = comment::Entity::find().filter(visible(access));
        match self {
            ThreadKind::Article => (
                select.filter(comment::Column::ParentId.is_null()),
                ParentLink::Column("article_id"),
            ),
            ThreadKind::Replies => (select, ParentLink::Column("parent_id")),
        }
    }
}

fn key_order(order: CommentOrder) -> KeyOrder<comment::Column, comment::Column> {
    KeyOrder {
        columns: (comment::Column::CreatedAt, comment::Column::Id),
        descending: order == CommentOrder::NewestFirst,
    }
}

/// The page of each of many threads of one kind, in one statement. The caller has
/// checked that their articles may be seen.
pub async fn pages_of_threads(
    db: &impl ConnectionTrait,
    access: CommentAccess,
    kind: ThreadKind,
    threads: &[Uuid],
    order: CommentOrder,
    request: &PageRequest<CommentKey>,
) -> AppResult<HashMap<Uuid, Page<comment::Model>>> {
    let (select, link) = kind.select(access);
    children::pages(db, select, link, key_order(order), threads, request).await
}

/// How many comments each of many threads of one kind shows, in one statement.
pub async fn counts_of_threads(
    db: &impl ConnectionTrait,
    access: CommentAccess,
    kind: ThreadKind,
    threads: &[Uuid],
) -> AppResult<HashMap<Uuid, u64>> {
    let (select, link) = kind.select(access);
    children::counts(db, select, link, threads).await
}

/// One page of a thread. The caller has checked that its article may be seen.
pub async fn list(
    db: &impl ConnectionTrait,
    access: CommentAccess,
    thread: Thread,
    order: CommentOrder,
    request: &PageRequest<CommentKey>,
) -> AppResult<Page<comment::Model>> {
    page::fetch(db, in_thread(access, thread), key_order(order), request).await
}

#[derive(FromQueryResult)]
struct ArticleCount {
    article_id: Uuid,
    n: i64,
}

/// How many approved comments each of `articles` has, replies included.
pub async fn approved_counts(
    db: &impl ConnectionTrait,
    articles: &[Uuid],
) -> AppResult<Vec<(Uuid, u64)>> {
    let rows = comment::Entity::find()
        .select_only()
        .column(comment::Column::ArticleId)
        .expr_as(Expr::col(comment::Column::Id).count(), "n")
        .filter(comment::Column::ArticleId.is_in(articles.iter().copied()))
        .filter(comment::Column::Status.eq(CommentStatus::Approved))
        .group_by(comment::Column::ArticleId)
        .into_model::<ArticleCount>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.article_id, u64::try_from(r.n).unwrap_or(0)))
        .collect())
}

/// The comments [`approved_counts`] counts for the article `article` names, for a
/// [`tree`](super::tree) read's count.
pub fn tree_approved(article: Expr) -> sea_orm::sea_query::SelectStatement {
    comment::Entity::find()
        .select_only()
        .expr(Expr::cust("1"))
        .filter(Expr::col((comment::Entity, comment::Column::ArticleId)).eq(article))
        .filter(comment::Column::Status.eq(CommentStatus::Approved))
        .into_query()
}

/// One comment, if it and its article may be seen.
pub async fn find(
    db: &impl ConnectionTrait,
    access: CommentAccess,
    scope: &ArticleScope,
    id: Uuid,
) -> AppResult<Option<comment::Model>> {
    Ok(by_ids(db, access, scope, &[id]).await?.into_iter().next())
}

/// The comments among `ids` that may be seen, with their articles.
pub async fn by_ids(
    db: &impl ConnectionTrait,
    access: CommentAccess,
    scope: &ArticleScope,
    ids: &[Uuid],
) -> AppResult<Vec<comment::Model>> {
    let visible_articles = article::Entity::find()
        .select_only()
        .column(article::Column::Id)
        .filter(scope.condition())
        .into_query();
    Ok(comment::Entity::find()
        .filter(comment::Column::Id.is_in(ids.iter().copied()))
        .filter(visible(access))
        .filter(comment::Column::ArticleId.in_subquery(visible_articles))
        .all(db)
        .await?)
}

/// What the moderation queue may be narrowed to.
#[derive(Debug, Clone, Copy)]
pub struct QueueFilter {
    pub status: CommentStatus,
    pub article_id: Option<Uuid>,
}

fn queued(filter: QueueFilter) -> Select<comment::Entity> {
    let select = comment::Entity::find().filter(comment::Column::Status.eq(filter.status));
    match filter.article_id {
        Some(article) => select.filter(comment::Column::ArticleId.eq(article)),
        None => select,
    }
}

/// One page of the moderation queue, oldest first.
pub async fn queue(
    db: &impl ConnectionTrait,
    filter: QueueFilter,
    request: &PageRequest<CommentKey>,
) -> AppResult<Page<comment::Model>> {
    let order = KeyOrder {
        columns: (comment::Column::CreatedAt, comment::Column::Id),
        descending: false,
    };
    page::fetch(db, queued(filter), order, request).await
}

/// How many comments wait in the queue.
pub async fn queue_count(db: &impl ConnectionTrait, filter: QueueFilter) -> AppResult<u64> {
    Ok(queued(filter).count(db).await?)
}
