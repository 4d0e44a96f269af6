//! Reading tags.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::{
    entity::{article_tag, tag},
    error::AppResult,
};

/// Every tag, by name ([`list`]'s order), as the root of a [`tree`](super::tree) read.
pub fn tree_all() -> super::tree::Rows {
    super::tree::Rows {
        select: sea_orm::QueryTrait::into_query(tag::Entity::find()),
        order: vec![(
            sea_orm::IdenStatic::as_str(&tag::Column::Name),
            sea_orm::sea_query::Order::Asc,
        )],
    }
}

/// Every tag (or those changed at or after `updated_since`), by name.
pub async fn list(
    db: &impl ConnectionTrait,
    updated_since: Option<chrono::DateTime<chrono::Utc>>,
) -> AppResult<Vec<tag::Model>> {
    let mut query = tag::Entity::find().order_by_asc(tag::Column::Name);
    if let Some(since) = updated_since {
        query = query.filter(tag::Column::UpdatedAt.gte(since));
    }
    Ok(query.all(db).await?)
}

/// The tags of each of `articles`, by name.
pub async fn by_articles(
    db: &impl ConnectionTrait,
    articles: &[Uuid],
) -> AppResult<Vec<(Uuid, tag::Model)>> {
    let rows = article_tag::Entity::find()
        .find_also_related(tag::Entity)
        .filter(article_tag::Column::ArticleId.is_in(articles.iter().copied()))
        .order_by_asc(tag::Column::Name)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(link, tag)| tag.map(|tag| (link.article_id, tag)))
        .collect())
}

/// Tags by id.
pub async fn by_ids(db: &impl ConnectionTrait, ids: &[Uuid]) -> AppResult<Vec<tag::Model>> {
    Ok(tag::Entity::find()
        .filter(tag::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}

/// The tags of the article `article` names, by name ([`by_articles`]'s order), as a
/// level of a [`tree`](super::tree) read.
pub fn tree_of_article(article: sea_orm::sea_query::Expr) -> super::tree::Rows {
    use sea_orm::{IdenStatic, QueryTrait, sea_query::ExprTrait};
    let mut select = tag::Entity::find().into_query();
    select
        .inner_join(
            article_tag::Entity,
            sea_orm::sea_query::Expr::col((article_tag::Entity, article_tag::Column::TagId))
                .equals((tag::Entity, tag::Column::Id)),
        )
        .and_where(
            sea_orm::sea_query::Expr::col((article_tag::Entity, article_tag::Column::ArticleId))
                .eq(article),
        );
    super::tree::Rows {
        select,
        order: vec![(tag::Column::Name.as_str(), sea_orm::sea_query::Order::Asc)],
    }
}
