//! Reading people.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    Select, Value, sea_query::LikeExpr,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::page::{self, CursorKey, KeyOrder, Page, PageRequest};
use crate::{
    entity::{article_participant, participant},
    error::AppResult,
};

/// What a list of people may be narrowed to.
#[derive(Debug, Clone, Default)]
pub struct ParticipantFilter {
    /// The start of a name in any language.
    pub name_prefix: Option<String>,
    pub region_id: Option<Uuid>,
    /// Changed at or after this moment.
    pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
}

/// The keyset of people lists: the Russian name, then id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantKey {
    pub name: String,
    pub id: Uuid,
}

impl CursorKey for ParticipantKey {
    const KIND: &'static str = "participant";

    fn values(&self) -> (Value, Value) {
        (self.name.clone().into(), self.id.into())
    }
}

impl ParticipantKey {
    pub fn of(person: &participant::Model) -> Self {
        ParticipantKey {
            name: person.full_name_ru.clone(),
            id: person.id,
        }
    }
}

/// Escapes LIKE's wildcards so a prefix matches only itself.
fn like_prefix(prefix: &str) -> String {
    let escaped = prefix
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("{escaped}%")
}

/// `text` with its first letter upper-cased: names are written that way, and neither
/// database folds Cyrillic case in LIKE on its own.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn filtered(filter: &ParticipantFilter) -> Select<participant::Entity> {
    let mut select = participant::Entity::find();
    if let Some(prefix) = filter
        .name_prefix
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let mut any = Condition::any();
        for form in [prefix.to_owned(), capitalised(prefix)] {
            let pattern = like_prefix(&form);
            any = any
                .add(
                    participant::Column::FullNameRu
                        .like(LikeExpr::new(pattern.clone()).escape('\\')),
                )
                .add(
                    participant::Column::FullNameKk
                        .like(LikeExpr::new(pattern.clone()).escape('\\')),
                )
                .add(participant::Column::FullNameEn.like(LikeExpr::new(pattern).escape('\\')));
        }
        select = select.filter(any);
    }
    if let Some(region) = filter.region_id {
        select = select.filter(participant::Column::RegionId.eq(region));
    }
    if let Some(since) = filter.updated_since {
        select = select.filter(participant::Column::UpdatedAt.gte(since));
    }
    select
}

/// One page of people, by name.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &ParticipantFilter,
    request: &PageRequest<ParticipantKey>,
) -> AppResult<Page<participant::Model>> {
    let order = KeyOrder {
        columns: (participant::Column::FullNameRu, participant::Column::Id),
        descending: false,
    };
    page::fetch(db, filtered(filter), order, request).await
}

/// How many people match `filter`.
pub async fn count(db: &impl ConnectionTrait, filter: &ParticipantFilter) -> AppResult<u64> {
    Ok(filtered(filter).count(db).await?)
}

/// A person by id.
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> AppResult<Option<participant::Model>> {
    Ok(participant::Entity::find_by_id(id).one(db).await?)
}

/// A person by slug.
pub async fn find_by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> AppResult<Option<participant::Model>> {
    Ok(with_slug(slug).one(db).await?)
}

fn with_slug(slug: &str) -> Select<participant::Entity> {
    participant::Entity::find()
        .filter(participant::Column::Slug.eq(crate::domain::slug::normalize(slug)))
}

/// The person `slug` names ([`find_by_slug`]'s), as the root of a
/// [`tree`](super::tree) read.
pub fn tree_by_slug(slug: &str) -> super::tree::Rows {
    super::tree::Rows {
        select: sea_orm::QueryTrait::into_query(with_slug(slug)),
        order: Vec::new(),
    }
}

/// People by id.
pub async fn by_ids(db: &impl ConnectionTrait, ids: &[Uuid]) -> AppResult<Vec<participant::Model>> {
    Ok(participant::Entity::find()
        .filter(participant::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}

/// The people each of `articles` mentions, in the article's order.
pub async fn by_articles(
    db: &impl ConnectionTrait,
    articles: &[Uuid],
) -> AppResult<Vec<(Uuid, participant::Model)>> {
    let rows = article_participant::Entity::find()
        .find_also_related(participant::Entity)
        .filter(article_participant::Column::ArticleId.is_in(articles.iter().copied()))
        .order_by_asc(article_participant::Column::SortOrder)
        .order_by_asc(article_participant::Column::ParticipantId)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(link, person)| person.map(|p| (link.article_id, p)))
        .collect())
}

/// The name of the link's order in a [`tree_of_article`] row.
const LINK_ORDER: &str = "link_order";

/// The people the article `article` names, in its order ([`by_articles`]'), as a
/// level of a [`tree`](super::tree) read.
pub fn tree_of_article(article: sea_orm::sea_query::Expr) -> super::tree::Rows {
    use sea_orm::{
        QueryTrait,
        sea_query::{Alias, Expr, ExprTrait, Order},
    };
    let mut select = participant::Entity::find().into_query();
    select
        .expr_as(
            Expr::col((
                article_participant::Entity,
                article_participant::Column::SortOrder,
            )),
            Alias::new(LINK_ORDER),
        )
        .inner_join(
            article_participant::Entity,
            Expr::col((
                article_participant::Entity,
                article_participant::Column::ParticipantId,
            ))
            .equals((participant::Entity, participant::Column::Id)),
        )
        .and_where(
            Expr::col((
                article_participant::Entity,
                article_participant::Column::ArticleId,
            ))
            .eq(article),
        );
    super::tree::Rows {
        select,
        order: vec![(LINK_ORDER, Order::Asc), ("id", Order::Asc)],
    }
}
