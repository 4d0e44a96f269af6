//! Lists under many parents in one statement: the first page of every region's
//! articles, of every article's comments, of every person's meetings, and their
//! counts.
//!
//! A page of 20 parents asking for their children costs one statement (and one more
//! for `totalCount`), whatever the number of parents: [`first_per_group`] runs the
//! one-parent query for all of them at once. The rows, cursors and `hasNextPage`
//! are those [`super::page::fetch`] gives for one parent.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, IdenStatic, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Select,
    sea_query::{
        Alias, Condition, DynIden, Expr, ExprTrait, IntoIden, JoinType, Order, Query,
        SelectStatement, UnionType,
    },
};
use uuid::Uuid;

use super::{
    batch::first_per_group,
    page::{CursorKey, Direction, KeyOrder, Page, PageRequest},
};
use crate::error::AppResult;

/// The column of a counted row that names its parent. Not a name any table uses.
const PARENT: &str = "batch_parent";
/// The alias of the link rows joined in counts.
const LINK: &str = "batch_link";

/// How a child row names its parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParentLink {
    /// A column of the child's own table (an article's region, a comment's article).
    Column(&'static str),
    /// Rows of link tables, each `(table, child column, parent column)`, joined on
    /// the child's id; more than one is their union (a person is linked to an
    /// article by a mention or by a quote).
    Links(&'static [(&'static str, &'static str, &'static str)]),
    /// Rows of one link table that also carry a copy of the child's first sort
    /// column, indexed as `(parent, key, child)`: each parent's page is read along
    /// that index, a page's worth of rows, instead of along the children's own order
    /// until enough of them are linked to it. The caller guarantees that, for every
    /// child the list may show, `key` equals its first sort column and `child` its
    /// id (the second); see [`SortedLink`].
    Sorted(SortedLink),
}

/// A link table whose rows copy their child's sort key (kept by the database).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SortedLink {
    pub table: &'static str,
    /// The column holding the child's id, the order's second column.
    pub child: &'static str,
    pub parent: &'static str,
    /// The copy of the order's first column; null for a child no list shows.
    pub key: &'static str,
}

impl ParentLink {
    /// The link tables, `(table, child column, parent column)`; none for a column.
    fn tables(self) -> Vec<(&'static str, &'static str, &'static str)> {
        match self {
            ParentLink::Column(_) => Vec::new(),
            ParentLink::Links(links) => links.to_vec(),
            ParentLink::Sorted(l) => vec![(l.table, l.child, l.parent)],
        }
    }
}

/// A column of the link row a [`ParentLink::Sorted`] list joins, for conditions on
/// it (the bound of its key).
pub fn link_column(column: &'static str) -> Expr {
    Expr::col((Alias::new(LINK), Alias::new(column)))
}

/// The page of `select` under each of `parents`, in `order`, as `request` asks (its
/// cursor applies to every parent alike). `select` holds every condition but the
/// parent's; a parent with no rows gets an empty page.
pub async fn pages<E, C1, C2, K>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    link: ParentLink,
    order: KeyOrder<C1, C2>,
    parents: &[Uuid],
    request: &PageRequest<K>,
) -> AppResult<HashMap<Uuid, Page<E::Model>>>
where
    E: EntityTrait,
    E::Model: FromQueryResult + Send + Sync,
    C1: ColumnTrait + IdenStatic,
    C2: ColumnTrait + IdenStatic,
    K: CursorKey,
{
    let mut pages: HashMap<Uuid, Page<E::Model>> =
        parents.iter().map(|p| (*p, Page::empty())).collect();
    if parents.is_empty() || request.size == 0 {
        return Ok(pages);
    }
    let table = E::default().table_name();
    // Read away from the cursor: along the order going forward, against it going
    // backward (and turned round below).
    let direction = if order.descending != (request.direction == Direction::Backward) {
        Order::Desc
    } else {
        Order::Asc
    };
    let rows = if let ParentLink::Sorted(sorted) = link {
        sorted_pages::<E, K>(db, select, sorted, order.descending, parents, request).await?
    } else {
        let mut select = select;
        if let Some(key) = &request.cursor {
            select = select.filter(after_cursor(&order, key, request.direction));
        }
        let select = select
            .order_by(order.columns.0, direction.clone())
            .order_by(order.columns.1, direction)
            .limit(request.size + 1);
        first_per_group::<E::Model>(db, parents, |parent| {
            select
                .clone()
                .filter(of_parent(table, link, parent))
                .into_query()
        })
        .await?
    };
    let mut grouped: HashMap<Uuid, Vec<E::Model>> = HashMap::new();
    for (parent, row) in rows {
        grouped.entry(parent).or_default().push(row);
    }
    let had_cursor = request.cursor.is_some();
    for (parent, mut items) in grouped {
        let more = items.len() as u64 > request.size;
        items.truncate(request.size as usize);
        let page = match request.direction {
            Direction::Forward => Page {
                items,
                has_next: more,
                has_previous: had_cursor,
            },
            Direction::Backward => {
                items.reverse();
                Page {
                    items,
                    has_next: had_cursor,
                    has_previous: more,
                }
            }
        };
        pages.insert(parent, page);
    }
    Ok(pages)
}

/// The rows of [`pages`] for a [`ParentLink::Sorted`] list: `select` joined to the
/// link rows, ordered and bounded by the link's copy of the key, so that each
/// parent's page is a short range of the link's index.
async fn sorted_pages<E, K>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    link: SortedLink,
    descending: bool,
    parents: &[Uuid],
    request: &PageRequest<K>,
) -> AppResult<Vec<(Uuid, E::Model)>>
where
    E: EntityTrait,
    E::Model: FromQueryResult + Send + Sync,
    K: CursorKey,
{
    let table = E::default().table_name();
    let key = link_column(link.key);
    let child = link_column(link.child);
    let toward_larger = descending == (request.direction == Direction::Backward);
    let direction = if toward_larger {
        Order::Asc
    } else {
        Order::Desc
    };
    let mut query = select.into_query();
    join_sorted(&mut query, table, link);
    if let Some(cursor) = &request.cursor {
        let (v1, v2) = cursor.values();
        query.cond_where(if toward_larger {
            Condition::any().add(key.clone().gt(v1.clone())).add(
                Condition::all()
                    .add(key.clone().eq(v1))
                    .add(child.clone().gt(v2)),
            )
        } else {
            Condition::any().add(key.clone().lt(v1.clone())).add(
                Condition::all()
                    .add(key.clone().eq(v1))
                    .add(child.clone().lt(v2)),
            )
        });
    }
    query
        .order_by_expr(key, direction.clone())
        .order_by_expr(child, direction)
        .limit(request.size + 1);
    first_per_group::<E::Model>(db, parents, |parent| {
        query
            .clone()
            .and_where(link_column(link.parent).eq(parent))
            .to_owned()
    })
    .await
}

/// `query` (of `table`'s rows) joined to the rows of `link` that name them, without
/// those whose copy of the sort key is null (a child no list shows).
fn join_sorted(query: &mut SelectStatement, table: &str, link: SortedLink) {
    query
        .join_as(
            JoinType::InnerJoin,
            Alias::new(link.table),
            Alias::new(LINK),
            link_column(link.child).equals((Alias::new(table), Alias::new("id"))),
        )
        .and_where(link_column(link.key).is_not_null());
}

/// How many rows of `select` each of `parents` has, in one grouped statement.
pub async fn counts<E: EntityTrait>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    link: ParentLink,
    parents: &[Uuid],
) -> AppResult<HashMap<Uuid, u64>> {
    let mut counts: HashMap<Uuid, u64> = parents.iter().map(|p| (*p, 0)).collect();
    if parents.is_empty() {
        return Ok(counts);
    }
    let table = E::default().table_name();
    let mut query = select.select_only().into_query();
    let links = link.tables();
    if !links.is_empty() {
        let rows = union(links.iter().map(|(link_table, child, parent)| {
            Query::select()
                .expr_as(Expr::col(Alias::new(*child)), Alias::new("child_id"))
                .expr_as(Expr::col(Alias::new(*parent)), Alias::new("parent_id"))
                .from(Alias::new(*link_table))
                .to_owned()
        }));
        query.join_subquery(
            JoinType::InnerJoin,
            rows,
            Alias::new(LINK),
            Expr::col((Alias::new(LINK), Alias::new("child_id")))
                .equals((Alias::new(table), Alias::new("id"))),
        );
    }
    let parent = parent_column(table, link);
    query
        .and_where(Expr::col(parent.clone()).is_in(parents.iter().copied()))
        .expr_as(Expr::col(parent.clone()), Alias::new(PARENT))
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("batch_count"))
        .group_by_col(parent);
    for row in db.query_all(&query).await? {
        let parent: Uuid = row.try_get("", PARENT)?;
        let n: i64 = row.try_get("", "batch_count")?;
        counts.insert(parent, u64::try_from(n).unwrap_or(0));
    }
    Ok(counts)
}

/// The condition that a row is `parent`'s child.
/// One parent's first `size` rows of `select` in `order`, as a level of a
/// [`super::tree`] read: `parent` is the expression of the parent's id (the id of
/// the row a level above). The same conditions and order [`pages`] reads for many
/// parents at once.
pub fn tree_rows<E, C1, C2>(
    select: Select<E>,
    link: ParentLink,
    order: KeyOrder<C1, C2>,
    parent: Expr,
    size: u64,
) -> super::tree::Rows
where
    E: EntityTrait,
    C1: ColumnTrait + IdenStatic,
    C2: ColumnTrait + IdenStatic,
{
    let table = E::default().table_name();
    let direction = if order.descending {
        Order::Desc
    } else {
        Order::Asc
    };
    let select = if let ParentLink::Sorted(sorted) = link {
        // Along the link's index, as [`sorted_pages`] reads: its key and child are
        // the order's two columns for every row the list may show.
        let mut query = select.into_query();
        join_sorted(&mut query, table, sorted);
        query
            .and_where(link_column(sorted.parent).eq(parent))
            .order_by_expr(link_column(sorted.key), direction.clone())
            .order_by_expr(link_column(sorted.child), direction.clone())
            .limit(size);
        query
    } else {
        select
            .filter(of_parent(table, link, parent))
            .order_by(order.columns.0, direction.clone())
            .order_by(order.columns.1, direction.clone())
            .limit(size)
            .into_query()
    };
    super::tree::Rows {
        select,
        order: vec![
            (order.columns.0.as_str(), direction.clone()),
            (order.columns.1.as_str(), direction),
        ],
    }
}

/// The first page of `select` under one parent, as [`pages`] reads it for a forward
/// `request` from the start, with its `pageInfo`; `None` for a page after a cursor
/// or read backward (the engine reads those).
pub fn tree_page<E, C1, C2, K>(
    select: Select<E>,
    link: ParentLink,
    order: KeyOrder<C1, C2>,
    parent: Expr,
    request: &PageRequest<K>,
) -> Option<super::page::TreePage>
where
    E: EntityTrait,
    C1: ColumnTrait + IdenStatic,
    C2: ColumnTrait + IdenStatic,
    K: CursorKey,
{
    if request.direction != Direction::Forward || request.cursor.is_some() {
        return None;
    }
    let rows = tree_rows(select, link, order, parent, request.size);
    let more = (request.size > 0).then(|| {
        let mut more = rows.select.clone();
        more.offset(request.size).limit(1);
        more
    });
    Some(super::page::TreePage {
        rows,
        more,
        has_previous: false,
    })
}

/// Every row of `select` under one parent, for a [`super::tree`] level's count:
/// the rows [`counts`] counts for many parents at once.
pub fn tree_count<E: EntityTrait>(
    select: Select<E>,
    link: ParentLink,
    parent: Expr,
) -> SelectStatement {
    let table = E::default().table_name();
    select
        .select_only()
        .expr(Expr::cust("1"))
        .filter(of_parent(table, link, parent))
        .into_query()
}

fn of_parent(table: &str, link: ParentLink, parent: Expr) -> Condition {
    match link {
        ParentLink::Column(column) => {
            Condition::all().add(Expr::col((Alias::new(table), Alias::new(column))).eq(parent))
        }
        ParentLink::Links(_) | ParentLink::Sorted(_) => {
            let children = union(link.tables().into_iter().map(
                |(link_table, child, parent_column)| {
                    Query::select()
                        .column(Alias::new(child))
                        .from(Alias::new(link_table))
                        .and_where(Expr::col(Alias::new(parent_column)).eq(parent.clone()))
                        .to_owned()
                },
            ));
            Condition::all()
                .add(Expr::col((Alias::new(table), Alias::new("id"))).in_subquery(children))
        }
    }
}

/// The column naming a row's parent, once any link rows are joined.
fn parent_column(table: &str, link: ParentLink) -> (DynIden, DynIden) {
    match link {
        ParentLink::Column(column) => (
            Alias::new(table).into_iden(),
            Alias::new(column).into_iden(),
        ),
        ParentLink::Links(_) | ParentLink::Sorted(_) => (
            Alias::new(LINK).into_iden(),
            Alias::new("parent_id").into_iden(),
        ),
    }
}

/// `(first, second) > (v1, v2)` in the list's direction of travel, spelled out so
/// that both engines use the index on the first column.
fn after_cursor<C1, C2, K>(order: &KeyOrder<C1, C2>, key: &K, direction: Direction) -> Condition
where
    C1: ColumnTrait,
    C2: ColumnTrait,
    K: CursorKey,
{
    let (first, second) = order.columns;
    let (v1, v2) = key.values();
    let toward_larger = order.descending == (direction == Direction::Backward);
    if toward_larger {
        Condition::any()
            .add(first.gt(v1.clone()))
            .add(Condition::all().add(first.eq(v1)).add(second.gt(v2)))
    } else {
        Condition::any()
            .add(first.lt(v1.clone()))
            .add(Condition::all().add(first.eq(v1)).add(second.lt(v2)))
    }
}

/// The distinct union of `selects` (a person both mentioned and quoted in an
/// article is linked to it once).
fn union(selects: impl Iterator<Item = SelectStatement>) -> SelectStatement {
    let mut selects = selects;
    let mut first = selects.next().expect("a link table");
    for next in selects {
        first.union(UnionType::Distinct, next);
    }
    first
}
