//! What sitemaps need of many articles at once: addresses and dates, never bodies.
//!
//! The sitemap files split the public articles in publication order, oldest first (so
//! a new article changes only the last file), into runs of a fixed size. A file is
//! known by the key of its first article, and read from there as one keyset range:
//! nothing is skipped row by row but the run between two files' starts.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
    sea_query::{Alias, Expr, ExprTrait, Query},
};
use uuid::Uuid;

use super::articles::{ArticleKey, ArticleScope};
use crate::{domain::Language, entity::article, error::AppResult};

/// One article as a sitemap lists it.
#[derive(Debug, Clone, FromQueryResult)]
pub struct SitemapEntry {
    pub id: Uuid,
    pub lang: Language,
    pub slug: String,
    pub title: String,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

impl SitemapEntry {
    /// Its place in publication order (every entry a sitemap lists is published).
    pub fn key(&self) -> ArticleKey {
        ArticleKey {
            at: self.published_at.unwrap_or(self.updated_at),
            id: self.id,
        }
    }
}

/// Another language's version of a listed article.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Translation {
    /// The listed article.
    pub article_id: Uuid,
    pub lang: Language,
    pub slug: String,
}

const ENTRY_COLUMNS: [article::Column; 6] = [
    article::Column::Id,
    article::Column::Lang,
    article::Column::Slug,
    article::Column::Title,
    article::Column::PublishedAt,
    article::Column::UpdatedAt,
];

/// The newest `limit` articles `scope` may see, published at or after `since` when
/// given, newest first.
pub async fn sitemap_entries(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    since: Option<DateTime<Utc>>,
    limit: u64,
) -> AppResult<Vec<SitemapEntry>> {
    let mut select = article::Entity::find()
        .select_only()
        .columns(ENTRY_COLUMNS)
        .filter(scope.condition());
    if let Some(since) = since {
        select = select.filter(article::Column::PublishedAt.gte(since));
    }
    Ok(select
        .order_by_desc(article::Column::PublishedAt)
        .order_by_desc(article::Column::Id)
        .limit(limit)
        .into_model::<SitemapEntry>()
        .all(db)
        .await?)
}

/// The articles of the sitemap file that starts at `from` (at the first article when
/// `None`): the next `size` that `scope` may see, oldest first.
pub async fn sitemap_file(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    from: Option<&ArticleKey>,
    size: u64,
) -> AppResult<Vec<SitemapEntry>> {
    Ok(article::Entity::find()
        .select_only()
        .columns(ENTRY_COLUMNS)
        .filter(scope.condition())
        .apply_if(from, |select, from| select.filter(at_or_after(from)))
        .order_by_asc(article::Column::PublishedAt)
        .order_by_asc(article::Column::Id)
        .limit(size)
        .into_model::<SitemapEntry>()
        .all(db)
        .await?)
}

/// Where the sitemap file after the one starting at `from` starts: the key of the
/// article `size` places on, or `None` when the file at `from` holds the rest. One
/// index range of `size` entries is walked, never the articles before `from`.
pub async fn next_file_start(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    from: Option<&ArticleKey>,
    size: u64,
) -> AppResult<Option<ArticleKey>> {
    #[derive(FromQueryResult)]
    struct Key {
        published_at: DateTime<Utc>,
        id: Uuid,
    }
    let next = article::Entity::find()
        .select_only()
        .columns([article::Column::PublishedAt, article::Column::Id])
        .filter(scope.condition())
        .apply_if(from, |select, from| select.filter(at_or_after(from)))
        .order_by_asc(article::Column::PublishedAt)
        .order_by_asc(article::Column::Id)
        .offset(size)
        .limit(1)
        .into_model::<Key>()
        .one(db)
        .await?;
    Ok(next.map(|key| ArticleKey {
        at: key.published_at,
        id: key.id,
    }))
}

/// The other versions `scope` may see of the articles from `first` to `last` (both
/// included, in publication order): the articles of the same translation group.
pub async fn translations(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    first: &ArticleKey,
    last: &ArticleKey,
) -> AppResult<Vec<Translation>> {
    let other = Alias::new("other");
    let column = |name: article::Column| Expr::col((other.clone(), name));
    // The versions come from a derived table under the same scope, so that what may be
    // seen is decided in one place for both sides of the join.
    let visible = article::Entity::find()
        .select_only()
        .columns([
            article::Column::Id,
            article::Column::TranslationGroupId,
            article::Column::Lang,
            article::Column::Slug,
        ])
        .filter(scope.condition())
        .into_query();
    let query = Query::select()
        .expr_as(
            Expr::col((article::Entity, article::Column::Id)),
            "article_id",
        )
        .expr_as(column(article::Column::Lang), "lang")
        .expr_as(column(article::Column::Slug), "slug")
        .from(article::Entity)
        .join_subquery(
            sea_orm::JoinType::InnerJoin,
            visible,
            other.clone(),
            Condition::all()
                .add(
                    column(article::Column::TranslationGroupId)
                        .equals((article::Entity, article::Column::TranslationGroupId)),
                )
                .add(
                    column(article::Column::Id).not_equals((article::Entity, article::Column::Id)),
                ),
        )
        .cond_where(scope.condition())
        .cond_where(at_or_after(first))
        .cond_where(at_or_before(last))
        .to_owned();
    db.query_all(&query)
        .await?
        .iter()
        .map(|row| Ok(Translation::from_query_result(row, "")?))
        .collect()
}

/// Articles at `key` or after it in publication order. The plain range on the first
/// column is redundant, but one an index can start from.
fn at_or_after(key: &ArticleKey) -> Condition {
    Condition::all()
        .add(article::Column::PublishedAt.gte(key.at))
        .add(
            Condition::any()
                .add(article::Column::PublishedAt.gt(key.at))
                .add(article::Column::Id.gte(key.id)),
        )
}

/// Articles at `key` or before it in publication order.
fn at_or_before(key: &ArticleKey) -> Condition {
    Condition::all()
        .add(article::Column::PublishedAt.lte(key.at))
        .add(
            Condition::any()
                .add(article::Column::PublishedAt.lt(key.at))
                .add(article::Column::Id.lte(key.id)),
        )
}
