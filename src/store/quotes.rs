//! Reading quotes. A quote is seen only where its article is.

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Select, Value,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    articles::ArticleScope,
    page::{self, CursorKey, KeyOrder, Page, PageRequest},
};
use crate::{
    entity::{article, quote},
    error::AppResult,
};

/// The keyset of a person's quotes: newest first (quote ids are time-ordered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

fn of_person(scope: &ArticleScope, person: Uuid) -> Select<quote::Entity> {
    let visible = article::Entity::find()
        .select_only()
        .column(article::Column::Id)
        .filter(scope.condition())
        .into_query();
    quote::Entity::find()
        .filter(quote::Column::ParticipantId.eq(person))
        .filter(quote::Column::ArticleId.in_subquery(visible))
}

/// One page of what `person` said, in articles `scope` may see.
pub async fn by_participant(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    person: Uuid,
    request: &PageRequest<QuoteKey>,
) -> AppResult<Page<quote::Model>> {
    let order = KeyOrder {
        columns: (quote::Column::Id, quote::Column::Id),
        descending: true,
    };
    page::fetch(db, of_person(scope, person), order, request).await
}

/// How many quotes of `person` `scope` may see.
pub async fn count_by_participant(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    person: Uuid,
) -> AppResult<u64> {
    Ok(of_person(scope, person).count(db).await?)
}

/// One quote by id; the caller checks that its article may be seen.
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> AppResult<Option<quote::Model>> {
    Ok(quote::Entity::find_by_id(id).one(db).await?)
}
