//! What an article links to, loaded for many articles at once: a page of any size
//! costs the same few statements.

use std::collections::HashMap;

use uuid::Uuid;

pub use super::names::{person_name, region_name};
use crate::{
    domain::{Language, MeetingRole},
    entity::{article, meeting, participant, quote, region, tag},
    error::AppResult,
    store,
};

/// A person an article mentions, with the part they played in its meeting.
#[derive(Debug, Clone)]
pub struct Person {
    pub participant: participant::Model,
    /// Their role, when they took part in the meeting the article covers.
    pub role: Option<MeetingRole>,
    /// The position they held at that meeting.
    pub position_then: Option<String>,
}

impl Person {
    /// The name in `lang`, falling back as names do.
    pub fn name(&self, lang: Language) -> &str {
        person_name(&self.participant, lang)
    }
}

/// Everything an article links to that its representations show.
#[derive(Debug, Clone, Default)]
pub struct ArticleParts {
    pub region: Option<region::Model>,
    /// The author's public name.
    pub author: Option<String>,
    /// Tags, by name.
    pub tags: Vec<tag::Model>,
    pub meeting: Option<meeting::Model>,
    /// People mentioned, in the article's order (loaded with [`Detail::Full`]).
    pub people: Vec<Person>,
    /// Quotes in article order, each with its speaker (loaded with [`Detail::Full`]).
    pub quotes: Vec<(quote::Model, Option<participant::Model>)>,
}

/// How much to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Region, author, tags and meeting: what lists and feeds show.
    Summary,
    /// Those, and people and quotes: what one article shows.
    Full,
}

/// The parts of each of `articles`, keyed by article id.
pub async fn load(
    db: &sea_orm::DatabaseConnection,
    articles: &[article::Model],
    detail: Detail,
) -> AppResult<HashMap<Uuid, ArticleParts>> {
    let ids: Vec<Uuid> = articles.iter().map(|a| a.id).collect();
    let distinct = |f: fn(&article::Model) -> Option<Uuid>| {
        let mut v: Vec<Uuid> = articles.iter().filter_map(f).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let (region_ids, author_ids, meeting_ids) = (
        distinct(|a| a.region_id),
        distinct(|a| a.author_id),
        distinct(|a| a.meeting_id),
    );
    let (regions, authors, tags, meetings) = tokio::try_join!(
        store::regions::by_ids(db, &region_ids),
        store::users::by_ids(db, &author_ids),
        store::tags::by_articles(db, &ids),
        store::meetings::by_ids(db, &meeting_ids),
    )?;
    let regions: HashMap<Uuid, region::Model> = regions.into_iter().map(|r| (r.id, r)).collect();
    let authors: HashMap<Uuid, String> = authors
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let meetings: HashMap<Uuid, meeting::Model> = meetings.into_iter().map(|m| (m.id, m)).collect();
    let mut parts: HashMap<Uuid, ArticleParts> = articles
        .iter()
        .map(|a| {
            let part = ArticleParts {
                region: a.region_id.and_then(|id| regions.get(&id).cloned()),
                author: a.author_id.and_then(|id| authors.get(&id).cloned()),
                meeting: a.meeting_id.and_then(|id| meetings.get(&id).cloned()),
                ..ArticleParts::default()
            };
            (a.id, part)
        })
        .collect();
    for (article, tag) in tags {
        if let Some(part) = parts.get_mut(&article) {
            part.tags.push(tag);
        }
    }
    if detail == Detail::Full {
        load_people_and_quotes(db, articles, &ids, &meeting_ids, &mut parts).await?;
    }
    Ok(parts)
}

/// The parts of one article: what [`load`] gives for a list of one.
pub async fn load_one(
    db: &sea_orm::DatabaseConnection,
    article: &article::Model,
    detail: Detail,
) -> AppResult<ArticleParts> {
    let mut parts = load(db, std::slice::from_ref(article), detail).await?;
    Ok(parts.remove(&article.id).unwrap_or_default())
}

async fn load_people_and_quotes(
    db: &sea_orm::DatabaseConnection,
    articles: &[article::Model],
    ids: &[Uuid],
    meeting_ids: &[Uuid],
    parts: &mut HashMap<Uuid, ArticleParts>,
) -> AppResult<()> {
    let (mentioned, attendees, quotes) = tokio::try_join!(
        store::participants::by_articles(db, ids),
        store::meetings::participants(db, meeting_ids),
        store::quotes::by_articles(db, ids),
    )?;
    let meeting_of: HashMap<Uuid, Uuid> = articles
        .iter()
        .filter_map(|a| a.meeting_id.map(|m| (a.id, m)))
        .collect();
    let roles: HashMap<(Uuid, Uuid), (MeetingRole, Option<String>)> = attendees
        .into_iter()
        .map(|(link, _)| {
            (
                (link.meeting_id, link.participant_id),
                (link.role, link.position),
            )
        })
        .collect();
    let mut known: HashMap<Uuid, participant::Model> = HashMap::new();
    for (article, person) in mentioned {
        known.insert(person.id, person.clone());
        let role = meeting_of
            .get(&article)
            .and_then(|m| roles.get(&(*m, person.id)));
        if let Some(part) = parts.get_mut(&article) {
            part.people.push(Person {
                participant: person,
                role: role.map(|r| r.0),
                position_then: role.and_then(|r| r.1.clone()),
            });
        }
    }
    // Speakers the article does not list among its people.
    let mut missing: Vec<Uuid> = quotes
        .iter()
        .filter_map(|q| q.participant_id)
        .filter(|id| !known.contains_key(id))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    if !missing.is_empty() {
        for person in store::participants::by_ids(db, &missing).await? {
            known.insert(person.id, person);
        }
    }
    for quote in quotes {
        let speaker = quote.participant_id.and_then(|id| known.get(&id).cloned());
        if let Some(part) = parts.get_mut(&quote.article_id) {
            part.quotes.push((quote, speaker));
        }
    }
    Ok(())
}
