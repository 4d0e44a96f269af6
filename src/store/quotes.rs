//! Reading quotes. A quote is seen only where its article is.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    Select, Value,
    sea_query::{Expr, SelectStatement},
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    articles::ArticleScope,
    children::{self, ParentLink},
    page::{CursorKey, KeyOrder, Page, PageRequest},
    tree,
};
use crate::{
    entity::{article, quote},
    error::AppResult,
};

/// The keyset of a person's quotes: newest first (quote ids are time-ordered).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct QuoteKey {
    pub id: Uuid,
}

impl CursorKey for QuoteKey {
    const KIND: &'static str = "quote";

    fn values(&self) -> (Value, Value) {
        (self.id.into(), self.id.into())
    }
}

/// The quotes of each of `articles`, in article order. The caller has already
/// checked that the articles may be seen.
pub async fn by_articles(
    db: &impl ConnectionTrait,
    articles: &[Uuid],
) -> AppResult<Vec<quote::Model>> {
    Ok(quote::Entity::find()
        .filter(quote::Column::ArticleId.is_in(articles.iter().copied()))
        .order_by_asc(quote::Column::ArticleId)
        .order_by_asc(quote::Column::Position)
        .all(db)
        .await?)
}

/// Quotes in articles `scope` may see.
fn visible(scope: &ArticleScope) -> Select<quote::Entity> {
    let visible = article::Entity::find()
        .select_only()
        .column(article::Column::Id)
        .filter(scope.condition())
        .into_query();
    quote::Entity::find().filter(quote::Column::ArticleId.in_subquery(visible))
}

/// A person's quotes, newest first (quote ids are time-ordered).
const ORDER: KeyOrder<quote::Column, quote::Column> = KeyOrder {
    columns: (quote::Column::Id, quote::Column::Id),
    descending: true,
};

/// Where a quote names its speaker.
const SPEAKER: ParentLink = ParentLink::Column("participant_id");

/// The page of what each of `people` said, in articles `scope` may see, in one
/// statement.
pub async fn pages_by_participants(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    people: &[Uuid],
    request: &PageRequest<QuoteKey>,
) -> AppResult<HashMap<Uuid, Page<quote::Model>>> {
    children::pages(db, visible(scope), SPEAKER, ORDER, people, request).await
}

/// How many quotes of each of `people` `scope` may see, in one statement.
pub async fn counts_by_participants(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    people: &[Uuid],
) -> AppResult<HashMap<Uuid, u64>> {
    children::counts(db, visible(scope), SPEAKER, people).await
}

/// What the person the row `person` names said, in articles `scope` may see, as a
/// level of a [`tree`](super::tree) read: the first `size` of the page
/// [`pages_by_participants`] reads.
pub fn tree_by_participant(scope: &ArticleScope, person: Expr, size: u64) -> tree::Rows {
    children::tree_rows(visible(scope), SPEAKER, ORDER, person, size)
}

/// The quotes [`counts_by_participants`] counts for the person `person` names.
pub fn tree_count_by_participant(scope: &ArticleScope, person: Expr) -> SelectStatement {
    children::tree_count(visible(scope), SPEAKER, person)
}

/// Quotes by id; the caller checks that their articles may be seen.
pub async fn by_ids(db: &impl ConnectionTrait, ids: &[Uuid]) -> AppResult<Vec<quote::Model>> {
    Ok(quote::Entity::find()
        .filter(quote::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}

/// The quotes of the article `article` names, in its order ([`by_articles`]'), as a
/// level of a [`tree`](super::tree) read.
pub fn tree_of_article(article: Expr) -> tree::Rows {
    tree::Rows {
        select: quote::Entity::find()
            .filter(sea_orm::sea_query::ExprTrait::eq(
                Expr::col((quote::Entity, quote::Column::ArticleId)),
                article,
            ))
            .into_query(),
        order: vec![(
            sea_orm::IdenStatic::as_str(&quote::Column::Position),
            sea_orm::sea_query::Order::Asc,
        )],
    }
}
