//! Keyset pagination shared by every list: opaque cursors over (sort key, id), page
//! size rules, and the fetch of one page with "is there more" answered by one extra row.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, IdenStatic,
    IntoIdentity, QueryFilter, QueryOrder, QueryTrait, Select, Value,
    sea_query::{Expr, Order, SelectStatement},
};
use serde::{Serialize, de::DeserializeOwned};

use crate::error::{AppError, AppResult};

/// The page size when a client names none.
pub const DEFAULT_PAGE_SIZE: u64 = 20;
/// The largest page a client may ask for; more is an error, not a silent clip.
pub const MAX_PAGE_SIZE: u64 = 100;

/// Which way through the order a page is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// `first`/`after`: along the order.
    Forward,
    /// `last`/`before`: against it.
    Backward,
}

/// A sort key that can travel in a cursor. `KIND` keeps a cursor of one list from
/// being accepted by another.
pub trait CursorKey: Serialize + DeserializeOwned + Clone + Send + Sync {
    const KIND: &'static str;
    /// The values of the two key columns, in order.
    fn values(&self) -> (Value, Value);
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Envelope<K> {
    k: String,
    v: K,
}

/// The opaque cursor of `key`.
pub fn encode_cursor<K: CursorKey>(key: &K) -> String {
    let envelope = Envelope {
        k: K::KIND.to_owned(),
        v: key,
    };
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(&envelope).expect("keys serialise"))
}

/// [`encode_cursor`] in SQL, for a key of `K` whose fields serialise as the JSON
/// strings `fields` compute (names in the order serde writes them; values such as
/// uuids and moments, which need no escaping).
pub fn tree_cursor<K: CursorKey>(fields: Vec<(&str, Expr)>) -> Expr {
    let mut parts = Vec::with_capacity(fields.len() * 2 + 1);
    let mut text = format!("{{\"k\":\"{}\",\"v\":{{", K::KIND);
    for (i, (name, value)) in fields.into_iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!("\"{name}\":\""));
        parts.push(Expr::val(std::mem::take(&mut text)));
        parts.push(value);
        text.push('"');
    }
    text.push_str("}}");
    parts.push(Expr::val(text));
    let placeholders: Vec<String> = (1..=parts.len()).map(|i| format!("(${i})::text")).collect();
    super::tree::base64url(Expr::cust_with_exprs(placeholders.join(" || "), parts))
}

/// The key inside `cursor`, if it is a cursor of this list.
pub fn decode_cursor<K: CursorKey>(cursor: &str) -> Option<K> {
    let raw = URL_SAFE_NO_PAD.decode(cursor.trim()).ok()?;
    let envelope: Envelope<K> = serde_json::from_slice(&raw).ok()?;
    (envelope.k == K::KIND).then_some(envelope.v)
}

/// A validated request for one page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PageRequest<K> {
    pub size: u64,
    pub direction: Direction,
    pub cursor: Option<K>,
}

impl<K: CursorKey> PageRequest<K> {
    /// The first `size` items.
    pub fn first(size: u64) -> Self {
        PageRequest {
            size,
            direction: Direction::Forward,
            cursor: None,
        }
    }

    /// Reads Relay arguments. Only one direction at a time; sizes from 0 to 100.
    pub fn from_relay(
        first: Option<i32>,
        after: Option<&str>,
        last: Option<i32>,
        before: Option<&str>,
    ) -> AppResult<Self> {
        if first.is_some() && last.is_some() {
            return Err(AppError::bad_input(
                "last",
                "give either first or last, not both",
            ));
        }
        if after.is_some() && before.is_some() {
            return Err(AppError::bad_input(
                "before",
                "give either after or before, not both",
            ));
        }
        let (direction, size, cursor, size_field, cursor_field) = match (last, before) {
            (Some(_), _) | (None, Some(_)) if first.is_none() && after.is_none() => {
                (Direction::Backward, last, before, "last", "before")
            }
            _ => (Direction::Forward, first, after, "first", "after"),
        };
        let size = page_size(size_field, size.map(i64::from))?;
        let cursor = cursor
            .map(|c| {
                decode_cursor(c)
                    .ok_or_else(|| AppError::bad_input(cursor_field, "not a cursor of this list"))
            })
            .transpose()?;
        Ok(PageRequest {
            size,
            direction,
            cursor,
        })
    }

    /// Reads REST arguments: `limit` and a forward `cursor`.
    pub fn from_rest(limit: Option<i64>, cursor: Option<&str>) -> AppResult<Self> {
        let size = page_size("limit", limit)?;
        let cursor = cursor
            .map(|c| {
                decode_cursor(c)
                    .ok_or_else(|| AppError::bad_input("cursor", "not a cursor of this list"))
            })
            .transpose()?;
        Ok(PageRequest {
            size,
            direction: Direction::Forward,
            cursor,
        })
    }
}

fn page_size(field: &str, size: Option<i64>) -> AppResult<u64> {
    match size {
        None => Ok(DEFAULT_PAGE_SIZE),
        Some(n) if (0..=MAX_PAGE_SIZE as i64).contains(&n) => Ok(n as u64),
        Some(_) => Err(AppError::bad_input(
            field,
            format!("must be between 0 and {MAX_PAGE_SIZE}"),
        )),
    }
}

/// One page of items, in list order.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub has_next: bool,
    pub has_previous: bool,
}

impl<T> Page<T> {
    /// A page with nothing on it.
    pub fn empty() -> Self {
        Page {
            items: Vec::new(),
            has_next: false,
            has_previous: false,
        }
    }

    /// The same page with each item mapped.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            has_next: self.has_next,
            has_previous: self.has_previous,
        }
    }
}

/// The order of a list: its two key columns and whether it runs descending.
pub struct KeyOrder<C1, C2> {
    pub columns: (C1, C2),
    pub descending: bool,
}

/// Fetches one page of `select` in `order`. One row more than asked tells whether
/// more follow; a range bound on the first key column lets an index skip straight
/// to the cursor.
pub async fn fetch<E, C1, C2, K>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    order: KeyOrder<C1, C2>,
    request: &PageRequest<K>,
) -> AppResult<Page<E::Model>>
where
    E: EntityTrait,
    E::Model: FromQueryResult + Send + Sync,
    C1: ColumnTrait + IntoIdentity,
    C2: ColumnTrait + IntoIdentity,
    K: CursorKey,
{
    if request.size == 0 {
        return Ok(Page {
            items: Vec::new(),
            has_next: false,
            has_previous: false,
        });
    }
    let (first_column, second_column) = order.columns;
    let mut select = select;
    if let Some(key) = &request.cursor {
        let (first_value, _) = key.values();
        // Redundant with the cursor condition, but a plain range the index can use.
        let toward_larger = order.descending == (request.direction == Direction::Backward);
        select = if toward_larger {
            select.filter(first_column.gte(first_value))
        } else {
            select.filter(first_column.lte(first_value))
        };
    }
    let mut cursor = select.cursor_by((first_column, second_column));
    if order.descending {
        cursor.desc();
    }
    let fetch = request.size + 1;
    match (&request.direction, &request.cursor) {
        (Direction::Forward, Some(key)) => {
            cursor.after(key.values()).first(fetch);
        }
        (Direction::Forward, None) => {
            cursor.first(fetch);
        }
        (Direction::Backward, Some(key)) => {
            cursor.before(key.values()).last(fetch);
        }
        (Direction::Backward, None) => {
            cursor.last(fetch);
        }
    }
    let mut items = cursor.all(db).await?;
    let more = items.len() as u64 > request.size;
    let had_cursor = request.cursor.is_some();
    Ok(match request.direction {
        Direction::Forward => {
            items.truncate(request.size as usize);
            Page {
                items,
                has_next: more,
                has_previous: had_cursor,
            }
        }
        Direction::Backward => {
            if more {
                items.remove(0);
            }
            Page {
                items,
                has_next: had_cursor,
                has_previous: more,
            }
        }
    })
}

/// One page of a list as a level of a [`tree`](super::tree) read: the rows
/// [`fetch`] returns for a forward `request`, and what its `pageInfo` says.
pub struct TreePage {
    pub rows: super::tree::Rows,
    /// The rows past the page, when it holds any: `hasNextPage` is whether one is
    /// found. `None` for a page of size 0, which [`fetch`] answers empty.
    pub more: Option<SelectStatement>,
    /// `hasPreviousPage`: a page read after a cursor has items before it.
    pub has_previous: bool,
}

/// [`fetch`] of a forward `request` as a [`TreePage`]; `None` for a backward one
/// (the engine reads those).
pub fn tree_page<E, C1, C2, K>(
    select: Select<E>,
    order: KeyOrder<C1, C2>,
    request: &PageRequest<K>,
) -> Option<TreePage>
where
    E: EntityTrait,
    C1: ColumnTrait + IdenStatic,
    C2: ColumnTrait + IdenStatic,
    K: CursorKey,
{
    if request.direction != Direction::Forward {
        return None;
    }
    let (first, second) = order.columns;
    let direction = if order.descending {
        Order::Desc
    } else {
        Order::Asc
    };
    let mut select = select;
    if let Some(key) = &request.cursor {
        // The condition `fetch`'s cursor writes: past the key in the list's order,
        // with the same plain range on the first column for the index.
        let (at, id) = key.values();
        let (past_first, past_second) = if order.descending {
            (first.lt(at.clone()), second.lt(id))
        } else {
            (first.gt(at.clone()), second.gt(id))
        };
        let range = if order.descending {
            first.lte(at.clone())
        } else {
            first.gte(at.clone())
        };
        select = select.filter(range).filter(
            Condition::any()
                .add(past_first)
                .add(Condition::all().add(first.eq(at)).add(past_second)),
        );
    }
    let ordered = select
        .order_by(first, direction.clone())
        .order_by(second, direction.clone())
        .into_query();
    let size = request.size;
    Some(TreePage {
        rows: super::tree::Rows {
            select: ordered.clone().limit(size).to_owned(),
            order: vec![
                (first.as_str(), direction.clone()),
                (second.as_str(), direction),
            ],
        },
        more: (size > 0).then(|| ordered.clone().offset(size).limit(1).to_owned()),
        has_previous: size > 0 && request.cursor.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Key(i64, String);

    impl CursorKey for Key {
        const KIND: &'static str = "test";
        fn values(&self) -> (Value, Value) {
            (self.0.into(), self.1.clone().into())
        }
    }

    #[test]
    fn cursors_round_trip_and_are_bound_to_their_list() {
        let key = Key(7, "x".into());
        let cursor = encode_cursor(&key);
        assert_eq!(decode_cursor::<Key>(&cursor), Some(key));
        assert_eq!(decode_cursor::<Key>("garbage"), None);
    }

    #[test]
    fn page_sizes_are_checked_not_clipped() {
        assert_eq!(
            PageRequest::<Key>::from_relay(None, None, None, None)
                .unwrap()
                .size,
            20
        );
        assert_eq!(
            PageRequest::<Key>::from_relay(Some(100), None, None, None)
                .unwrap()
                .size,
            100
        );
        for bad in [101, -1] {
            assert!(PageRequest::<Key>::from_relay(Some(bad), None, None, None).is_err());
        }
        let backward = PageRequest::<Key>::from_relay(None, None, Some(5), None).unwrap();
        assert_eq!(
            (backward.direction, backward.size),
            (Direction::Backward, 5)
        );
        assert!(PageRequest::<Key>::from_relay(Some(1), None, Some(1), None).is_err());
    }
}
