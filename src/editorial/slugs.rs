//! Finding a free slug, and keeping the old slugs of articles resolvable.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
};
use uuid::Uuid;

use crate::{
    domain::{
        Language,
        slug::{self, slugify, with_suffix},
    },
    entity::{article, article_slug, meeting, organization, participant},
    error::{AppError, AppResult},
};

/// Where a slug must be unique.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    /// Articles of one language, current and retired slugs alike; `except` is the
    /// article being edited, whose own slugs do not count as taken.
    Article {
        /// The language.
        lang: Language,
        /// The article itself.
        except: Option<Uuid>,
    },
    /// Meetings.
    Meeting,
    /// People.
    Participant,
    /// Organisations.
    Organization,
}

// Every generated slug must fit the narrowest slug column it is stored in.
const _: () = assert!(crate::domain::slug::MAX_LEN <= 160);

/// The most `-n` suffixes tried before giving up.
const MAX_SUFFIX: u32 = 10_000;

/// The slug of `text`, or `fallback` when nothing in it can be spelled in ASCII.
pub fn base_slug(text: &str, fallback: &str) -> String {
    let slug = slugify(text);
    if slug.is_empty() {
        fallback.to_owned()
    } else {
        slug
    }
}

/// `base` if it is free in `scope`, else `base-2`, `base-3`, ...
pub async fn free_slug(db: &impl ConnectionTrait, scope: Scope, base: &str) -> AppResult<String> {
    // Every candidate starts with the base as cut for the longest suffix: one query
    // fetches every slug that could collide.
    let longest = with_suffix(base, MAX_SUFFIX);
    let stem = longest
        .strip_suffix(&MAX_SUFFIX.to_string())
        .unwrap_or(&longest)
        .trim_end_matches('-');
    let taken = taken_with_prefix(db, scope, stem).await?;
    if !taken.contains(base) {
        return Ok(base.to_owned());
    }
    (2..=MAX_SUFFIX)
        .map(|n| with_suffix(base, n))
        .find(|candidate| !taken.contains(candidate))
        .ok_or_else(|| AppError::Conflict("no free slug left for this title".into()))
}

/// Whether `slug` is free in `scope`.
pub async fn is_free(db: &impl ConnectionTrait, scope: Scope, slug: &str) -> AppResult<bool> {
    Ok(!taken_with_prefix(db, scope, slug).await?.contains(slug))
}

async fn taken_with_prefix(
    db: &impl ConnectionTrait,
    scope: Scope,
    prefix: &str,
) -> AppResult<HashSet<String>> {
    // Slugs hold only [a-z0-9-], so the prefix has no LIKE wildcards to escape.
    let slugs: Vec<String> = match scope {
        Scope::Article { lang, except } => {
            let mut current = article::Entity::find()
                .select_only()
                .column(article::Column::Slug)
                .filter(article::Column::Lang.eq(lang))
                .filter(article::Column::Slug.starts_with(prefix));
            let mut retired = article_slug::Entity::find()
                .select_only()
                .column(article_slug::Column::Slug)
                .filter(article_slug::Column::Lang.eq(lang))
                .filter(article_slug::Column::Slug.starts_with(prefix));
            if let Some(id) = except {
                current = current.filter(article::Column::Id.ne(id));
                retired = retired.filter(article_slug::Column::ArticleId.ne(id));
            }
            let mut slugs: Vec<String> = current.into_tuple().all(db).await?;
            slugs.extend(retired.into_tuple::<String>().all(db).await?);
            slugs.extend(
                slug::RESERVED_FOR_ARTICLES
                    .iter()
                    .filter(|r| r.starts_with(prefix))
                    .map(|r| (*r).to_owned()),
            );
            slugs
        }
        Scope::Meeting => {
            meeting::Entity::find()
                .select_only()
                .column(meeting::Column::Slug)
                .filter(meeting::Column::Slug.starts_with(prefix))
                .into_tuple()
                .all(db)
                .await?
        }
        Scope::Organization => {
            organization::Entity::find()
                .select_only()
                .column(organization::Column::Slug)
                .filter(organization::Column::Slug.starts_with(prefix))
                .into_tuple()
                .all(db)
                .await?
        }
        Scope::Participant => {
            participant::Entity::find()
                .select_only()
                .column(participant::Column::Slug)
                .filter(participant::Column::Slug.starts_with(prefix))
                .into_tuple()
                .all(db)
                .await?
        }
    };
    Ok(slugs.into_iter().collect())
}

/// Whether `slug` was generated from `title` (possibly with a `-n` suffix), rather
/// than chosen by hand: only such a slug follows a draft's title.
pub fn follows_title(slug: &str, title: &str) -> bool {
    let base = base_slug(title, "article");
    slug == base
        || slug.strip_prefix(&base).is_some_and(|rest| {
            rest.strip_prefix('-')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// Records that the article left `old` for `new`: `old` goes into the history so it
/// keeps resolving, and `new`, if it was one of the article's own old slugs, leaves it.
pub async fn retire(
    db: &impl ConnectionTrait,
    article_id: Uuid,
    old: (Language, &str),
    new: (Language, &str),
    now: DateTime<Utc>,
) -> AppResult<()> {
    article_slug::Entity::delete_many()
        .filter(article_slug::Column::ArticleId.eq(article_id))
        .filter(article_slug::Column::Lang.eq(new.0))
        .filter(article_slug::Column::Slug.eq(new.1))
        .exec(db)
        .await?;
    article_slug::ActiveModel {
        id: Set(Uuid::now_v7()),
        article_id: Set(article_id),
        lang: Set(old.0),
        slug: Set(old.1.to_owned()),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The slug of a tag name, cut to the tag column's 96 bytes at a word boundary.
pub fn tag_slug(name: &str) -> Option<String> {
    const MAX: usize = 96;
    let full = slugify(name);
    if full.is_empty() {
        return None;
    }
    if full.len() <= MAX {
        return Some(full);
    }
    let cut = &full[..MAX];
    let cut = match cut.rfind('-') {
        Some(dash) if dash > 0 && full.as_bytes()[MAX] != b'-' => &cut[..dash],
        _ => cut,
    };
    Some(cut.trim_end_matches('-').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_slugs_follow_titles() {
        assert!(follows_title("itogi-goda", "Итоги года"));
        assert!(follows_title("itogi-goda-3", "Итоги года"));
        assert!(!follows_title("itogi-goda-x", "Итоги года"));
        assert!(!follows_title("my-choice", "Итоги года"));
        assert!(follows_title("article-2", "!!!"));
    }

    #[test]
    fn tag_slugs_fit_their_column() {
        assert_eq!(tag_slug("Профилактика").unwrap(), "profilaktika");
        assert_eq!(tag_slug("!!!"), None);
        let long = tag_slug(&"щука ".repeat(40)).unwrap();
        assert!(long.len() <= 96);
        assert!(!long.ends_with('-'));
        assert!(long.starts_with("shchuka-shchuka"));
    }
}
