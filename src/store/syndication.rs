//! What sitemaps need of many articles at once: addresses and dates, never bodies.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::articles::ArticleScope;
use crate::{domain::Language, entity::article, error::AppResult};

/// One article as a sitemap lists it.
#[derive(Debug, Clone, FromQueryResult)]
pub struct SitemapEntry {
    pub lang: Language,
    pub slug: String,
    pub title: String,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

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
        .columns([
            article::Column::Lang,
            article::Column::Slug,
            article::Column::Title,
            article::Column::PublishedAt,
            article::Column::UpdatedAt,
        ])
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
