//! What sitemaps need of many articles at once: addresses and dates, never bodies.
//!
//! The sitemap files split the public articles in publication order, oldest first (so
//! a new article changes only the last file), into runs of a fixed size. A file is
//! known by the key of its first article and read from there as one keyset range; the
//! start of the next is found by walking the index over one file's run, never over
//! the archive from its beginning.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};
use uuid::Uuid;

use super::articles::{ArticleKey, ArticleScope};
use crate::{domain::Language, entity::article, error::AppResult};

/// One article as a sitemap lists it.
#[derive(Debug, Clone, FromQueryResult)]
pub struct SitemapEntry {
    pub id: Uuid,
    pub translation_group_id: Uuid,
    pub lang: Language,
    pub slug: String,
    pub title: String,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// One language's version of an article.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Version {
    pub translation_group_id: Uuid,
    pub lang: Language,
    pub slug: String,
}

const ENTRY_COLUMNS: [article::Column; 7] = [
    article::Column::Id,
    article::Column::TranslationGroupId,
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

/// How many translation groups one statement asks about: well under the bound
/// parameters SQLite takes (32 766) and PostgreSQL (65 535).
const GROUPS_PER_STATEMENT: usize = 5_000;

/// Every version `scope` may see of the articles of the translation groups `groups`:
/// the articles in each language, the listed ones among them. Each statement is an
/// index lookup by group, so a file's versions cost what the file holds, whatever the
/// size of the archive.
pub async fn versions(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    groups: &[Uuid],
) -> AppResult<Vec<Version>> {
    let mut versions = Vec::new();
    for chunk in groups.chunks(GROUPS_PER_STATEMENT) {
        versions.extend(
            article::Entity::find()
                .select_only()
                .columns([
                    article::Column::TranslationGroupId,
                    article::Column::Lang,
                    article::Column::Slug,
                ])
                .filter(scope.condition())
                .filter(article::Column::TranslationGroupId.is_in(chunk.iter().copied()))
                .into_model::<Version>()
                .all(db)
                .await?,
        );
    }
    Ok(versions)
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
