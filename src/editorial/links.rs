//! What hangs on an article: tags, people mentioned, quotes and the related list.
//! Checking the values is pure and comes first; writing replaces a whole list, in
//! the order given, inside the caller's transaction.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::{
    domain::QuoteKind,
    editorial::{
        input::QuoteInput,
        refs, slugs,
        validate::{self, MAX_ITEMS, MAX_RELATED, MAX_TAGS, QUOTE_MAX, TAG_MAX},
    },
    entity::{article_participant, article_tag, quote, related_article, tag},
    error::{AppError, AppResult},
};

/// A tag as asked for: its name and the slug that identifies it.
#[derive(Debug, Clone)]
pub struct TagName {
    /// As typed (trimmed).
    pub name: String,
    /// The tag's identity: names that slugify alike are one tag.
    pub slug: String,
    /// Where it came from, for errors (`input.tags[1]`).
    pub field: String,
}

/// A checked quote.
#[derive(Debug, Clone)]
pub struct CheckedQuote {
    participant_id: Option<Uuid>,
    text: String,
    kind: QuoteKind,
}

/// Checks tag names (or slugs); the same tag twice counts once.
pub fn tag_names(field: &str, names: &[String]) -> AppResult<Vec<TagName>> {
    validate::at_most(field, names.len(), MAX_TAGS)?;
    let mut seen = HashSet::new();
    let mut tags = Vec::with_capacity(names.len());
    for (index, raw) in names.iter().enumerate() {
        let field = format!("{field}[{index}]");
        let name = validate::line(&field, raw, TAG_MAX)?;
        let slug = slugs::tag_slug(&name)
            .ok_or_else(|| AppError::bad_input(&field, "needs letters or digits"))?;
        if seen.insert(slug.clone()) {
            tags.push(TagName { name, slug, field });
        }
    }
    Ok(tags)
}

/// Checks quotes (the people they name are checked when written).
pub fn quotes(field: &str, quotes: &[QuoteInput]) -> AppResult<Vec<CheckedQuote>> {
    validate::at_most(field, quotes.len(), MAX_ITEMS)?;
    quotes
        .iter()
        .enumerate()
        .map(|(index, q)| {
            Ok(CheckedQuote {
                participant_id: q.participant_id,
                text: validate::text(&format!("{field}[{index}].text"), &q.text, QUOTE_MAX)?,
                kind: q.kind.unwrap_or(QuoteKind::Direct),
            })
        })
        .collect()
}

/// Checks the people mentioned: each once, at most [`MAX_ITEMS`].
pub fn participant_ids(field: &str, ids: &[Uuid]) -> AppResult<()> {
    validate::distinct_ids(field, ids, MAX_ITEMS)
}

/// Checks the related list: each once, at most [`MAX_RELATED`], never the article itself.
pub fn related_ids(field: &str, ids: &[Uuid], itself: Option<Uuid>) -> AppResult<()> {
    validate::distinct_ids(field, ids, MAX_RELATED)?;
    match ids.iter().position(|id| Some(*id) == itself) {
        Some(index) => Err(AppError::bad_input(
            format!("{field}[{index}]"),
            "an article cannot be related to itself",
        )),
        None => Ok(()),
    }
}

/// Sets the article's tags to `tags`, creating the missing ones when `may_create`
/// (tags are managed by editors: an author may only pick existing ones). Returns
/// the tags it created, whose creation the caller records with the article's change.
pub async fn write_tags(
    db: &impl ConnectionTrait,
    article_id: Uuid,
    tags: &[TagName],
    may_create: bool,
    now: DateTime<Utc>,
) -> AppResult<Vec<Uuid>> {
    article_tag::Entity::delete_many()
        .filter(article_tag::Column::ArticleId.eq(article_id))
        .exec(db)
        .await?;
    let mut created = Vec::new();
    if tags.is_empty() {
        return Ok(created);
    }
    let existing: HashMap<String, Uuid> = tag::Entity::find()
        .filter(tag::Column::Slug.is_in(tags.iter().map(|t| t.slug.clone())))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.slug, t.id))
        .collect();
    for wanted in tags {
        let tag_id = match existing.get(&wanted.slug) {
            Some(id) => *id,
            None if may_create => {
                let id = Uuid::now_v7();
                tag::ActiveModel {
                    id: Set(id),
                    slug: Set(wanted.slug.clone()),
                    name: Set(wanted.name.clone()),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                created.push(id);
                id
            }
            None => {
                return Err(AppError::bad_input(
                    &wanted.field,
                    "no such tag (an editor can create it)",
                ));
            }
        };
        article_tag::ActiveModel {
            article_id: Set(article_id),
            tag_id: Set(tag_id),
        }
        .insert(db)
        .await?;
    }
    Ok(created)
}

/// Sets the people mentioned, in order.
pub async fn write_participants(
    db: &impl ConnectionTrait,
    article_id: Uuid,
    ids: &[Uuid],
    field: &str,
) -> AppResult<()> {
    let optional: Vec<Option<Uuid>> = ids.iter().copied().map(Some).collect();
    refs::participants(db, &optional, |index| format!("{field}[{index}]")).await?;
    article_participant::Entity::delete_many()
        .filter(article_participant::Column::ArticleId.eq(article_id))
        .exec(db)
        .await?;
    for (order, participant_id) in ids.iter().enumerate() {
        article_participant::ActiveModel {
            article_id: Set(article_id),
            participant_id: Set(*participant_id),
            sort_order: Set(order as i32),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Sets the quotes, in article order.
pub async fn write_quotes(
    db: &impl ConnectionTrait,
    article_id: Uuid,
    quotes: &[CheckedQuote],
    field: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let people: Vec<Option<Uuid>> = quotes.iter().map(|q| q.participant_id).collect();
    refs::participants(db, &people, |index| {
        format!("{field}[{index}].participantId")
    })
    .await?;
    quote::Entity::delete_many()
        .filter(quote::Column::ArticleId.eq(article_id))
        .exec(db)
        .await?;
    // Each speaker is named by the position held on the article's event.
    let speakers: Vec<Uuid> = people.iter().flatten().copied().collect();
    let held = if speakers.is_empty() {
        Default::default()
    } else {
        let day = super::held::event_day(db, article_id).await?;
        super::held::held_on(db, &speakers, day).await?
    };
    for (position, q) in quotes.iter().enumerate() {
        quote::ActiveModel {
            id: Set(Uuid::now_v7()),
            article_id: Set(article_id),
            participant_id: Set(q.participant_id),
            position: Set(position as i32),
            text: Set(q.text.clone()),
            kind: Set(q.kind),
            updated_at: Set(now),
            position_id: Set(q.participant_id.and_then(|p| held.get(&p).copied())),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Sets the editor-chosen related articles, in order.
pub async fn write_related(
    db: &impl ConnectionTrait,
    article_id: Uuid,
    ids: &[Uuid],
    field: &str,
) -> AppResult<()> {
    refs::articles(db, ids, |index| format!("{field}[{index}]")).await?;
    related_article::Entity::delete_many()
        .filter(related_article::Column::ArticleId.eq(article_id))
        .exec(db)
        .await?;
    for (position, related_id) in ids.iter().enumerate() {
        related_article::ActiveModel {
            article_id: Set(article_id),
            related_id: Set(*related_id),
            position: Set(position as i32),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Sets the gallery's uploaded images, in order.
pub async fn write_gallery(
    db: &impl ConnectionTrait,
    article_id: Uuid,
    ids: &[Uuid],
    field: &str,
) -> AppResult<()> {
    refs::media_list(db, ids, |index| format!("{field}[{index}]")).await?;
    crate::store::media::set_gallery(db, article_id, ids).await
}
