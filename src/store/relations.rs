//! What a page shows of each of its articles, read for the whole page at once.
//!
//! A list of articles shows, beside each, its tags, the people it names, its quotes
//! with their speakers, its approved comment count, its author and its meeting. On
//! PostgreSQL all of these come back in one statement: each relation is a correlated
//! subquery that PostgreSQL folds into JSON (`json_agg`, `row_to_json`), so a page
//! costs one round trip for its relations instead of one per relation, and the
//! database builds the nested rows where the indexes are. SQLite runs inside the
//! service's process, where a statement costs no round trip, so there each relation
//! keeps its own batched statement.

use std::collections::{HashMap, HashSet};

use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::{
    entity::{article, meeting, participant, quote, tag, user},
    error::{AppError, AppResult},
};

/// The relations a page asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Wanted {
    pub tags: bool,
    pub participants: bool,
    pub quotes: bool,
    /// The people who spoke the quotes (with `quotes`).
    pub speakers: bool,
    pub comment_count: bool,
    pub author: bool,
    pub meeting: bool,
}

impl Wanted {
    /// The approved comment count alone.
    pub fn comment_count() -> Self {
        Self {
            comment_count: true,
            ..Self::default()
        }
    }

    /// Whether anything is asked at all.
    pub fn any(self) -> bool {
        self != Self::default()
    }

    /// Everything either asks for.
    pub fn union(self, other: Self) -> Self {
        Self {
            tags: self.tags || other.tags,
            participants: self.participants || other.participants,
            quotes: self.quotes || other.quotes,
            speakers: self.speakers || other.speakers,
            comment_count: self.comment_count || other.comment_count,
            author: self.author || other.author,
            meeting: self.meeting || other.meeting,
        }
    }
}

/// The article a page holds, as far as its relations need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArticleRef {
    pub id: Uuid,
    pub author_id: Option<Uuid>,
    pub meeting_id: Option<Uuid>,
}

impl ArticleRef {
    pub fn of(article: &article::Model) -> Self {
        Self {
            id: article.id,
            author_id: article.author_id,
            meeting_id: article.meeting_id,
        }
    }
}

/// One article's relations; what was not asked for is left empty.
#[derive(Debug, Clone, Default)]
pub struct Relations {
    pub tags: Vec<tag::Model>,
    pub participants: Vec<participant::Model>,
    /// In the article's order.
    pub quotes: Vec<quote::Model>,
    /// The people who spoke `quotes`, each once.
    pub speakers: Vec<participant::Model>,
    pub comment_count: u64,
    pub author: Option<user::Model>,
    pub meeting: Option<meeting::Model>,
}

/// The `wanted` relations of every article in `articles`, each article with an
/// entry.
pub async fn of_articles(
    db: &impl ConnectionTrait,
    articles: &[ArticleRef],
    wanted: Wanted,
) -> AppResult<HashMap<Uuid, Relations>> {
    if articles.is_empty() || !wanted.any() {
        return Ok(articles
            .iter()
            .map(|a| (a.id, Relations::default()))
            .collect());
    }
    match db.get_database_backend() {
        DbBackend::Postgres => in_one_statement(db, articles, wanted).await,
        _ => one_statement_each(db, articles, wanted).await,
    }
}

/// PostgreSQL: every relation as a JSON column of one row per article.
async fn in_one_statement(
    db: &impl ConnectionTrait,
    articles: &[ArticleRef],
    wanted: Wanted,
) -> AppResult<HashMap<Uuid, Relations>> {
    let columns = [
        (
            wanted.tags,
            "(SELECT json_agg(t ORDER BY t.name) FROM article_tags l \
             JOIN tags t ON t.id = l.tag_id WHERE l.article_id = a.id)::text AS tags",
        ),
        (
            wanted.participants,
            "(SELECT json_agg(p ORDER BY l.sort_order) FROM article_participants l \
             JOIN participants p ON p.id = l.participant_id WHERE l.article_id = a.id)::text \
             AS participants",
        ),
        (
            wanted.quotes,
            "(SELECT json_agg(q ORDER BY q.position) FROM quotes q \
             WHERE q.article_id = a.id)::text AS quotes",
        ),
        (
            wanted.quotes && wanted.speakers,
            "(SELECT json_agg(p) FROM participants p WHERE p.id IN \
             (SELECT q.participant_id FROM quotes q WHERE q.article_id = a.id))::text AS speakers",
        ),
        (
            wanted.comment_count,
            "(SELECT count(*) FROM comments c \
             WHERE c.article_id = a.id AND c.status = 'APPROVED') AS comment_count",
        ),
        (
            wanted.author,
            "(SELECT row_to_json(u) FROM users u WHERE u.id = a.author_id)::text AS author",
        ),
        (
            wanted.meeting,
            "(SELECT row_to_json(m) FROM meetings m WHERE m.id = a.meeting_id)::text AS meeting",
        ),
    ];
    let selected: Vec<&str> = columns
        .iter()
        .filter(|(asked, _)| *asked)
        .map(|(_, sql)| *sql)
        .collect();
    let placeholders: Vec<String> = (1..=articles.len())
        .map(|i| format!("${i}::uuid"))
        .collect();
    let sql = format!(
        "SELECT a.id, {} FROM articles a WHERE a.id IN ({})",
        selected.join(", "),
        placeholders.join(", ")
    );
    let values: Vec<Value> = articles.iter().map(|a| Value::from(a.id)).collect();
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            values,
        ))
        .await?;

    let mut found: HashMap<Uuid, Relations> = articles
        .iter()
        .map(|a| (a.id, Relations::default()))
        .collect();
    for row in rows {
        let id: Uuid = row.try_get("", "id")?;
        let mut relations = Relations::default();
        if wanted.tags {
            relations.tags = json_list(row.try_get("", "tags")?)?;
        }
        if wanted.participants {
            relations.participants = json_list(row.try_get("", "participants")?)?;
        }
        if wanted.quotes {
            relations.quotes = json_list(row.try_get("", "quotes")?)?;
        }
        if wanted.quotes && wanted.speakers {
            relations.speakers = json_list(row.try_get("", "speakers")?)?;
        }
        if wanted.comment_count {
            let n: i64 = row.try_get("", "comment_count")?;
            relations.comment_count = u64::try_from(n).unwrap_or(0);
        }
        if wanted.author {
            relations.author = json_row(row.try_get("", "author")?)?;
        }
        if wanted.meeting {
            relations.meeting = json_row(row.try_get("", "meeting")?)?;
        }
        found.insert(id, relations);
    }
    Ok(found)
}

/// A `json_agg` column: null when there were no rows.
fn json_list<T: DeserializeOwned>(text: Option<String>) -> AppResult<Vec<T>> {
    text.map_or(Ok(Vec::new()), |text| decode(&text))
}

/// A `row_to_json` column: null when there was no row.
fn json_row<T: DeserializeOwned>(text: Option<String>) -> AppResult<Option<T>> {
    text.map(|text| decode(&text)).transpose()
}

fn decode<T: DeserializeOwned>(text: &str) -> AppResult<T> {
    serde_json::from_str(text)
        .map_err(|err| AppError::Internal(format!("decoding relations built as JSON: {err}")))
}

/// SQLite: one batched statement per relation, as the loaders read them one by one.
async fn one_statement_each(
    db: &impl ConnectionTrait,
    articles: &[ArticleRef],
    wanted: Wanted,
) -> AppResult<HashMap<Uuid, Relations>> {
    let ids: Vec<Uuid> = articles.iter().map(|a| a.id).collect();
    let mut found: HashMap<Uuid, Relations> = articles
        .iter()
        .map(|a| (a.id, Relations::default()))
        .collect();

    if wanted.tags {
        for (article, tag) in super::tags::by_articles(db, &ids).await? {
            found.entry(article).or_default().tags.push(tag);
        }
    }
    if wanted.participants {
        for (article, person) in super::participants::by_articles(db, &ids).await? {
            found.entry(article).or_default().participants.push(person);
        }
    }
    if wanted.quotes {
        let quotes = super::quotes::by_articles(db, &ids).await?;
        if wanted.speakers {
            let people: HashSet<Uuid> = quotes.iter().filter_map(|q| q.participant_id).collect();
            let people: Vec<Uuid> = people.into_iter().collect();
            let people: HashMap<Uuid, participant::Model> =
                super::participants::by_ids(db, &people)
                    .await?
                    .into_iter()
                    .map(|p| (p.id, p))
                    .collect();
            for article in &ids {
                let spoke: HashSet<Uuid> = quotes
                    .iter()
                    .filter(|q| q.article_id == *article)
                    .filter_map(|q| q.participant_id)
                    .collect();
                found.entry(*article).or_default().speakers = spoke
                    .iter()
                    .filter_map(|p| people.get(p).cloned())
                    .collect();
            }
        }
        for quote in quotes {
            found
                .entry(quote.article_id)
                .or_default()
                .quotes
                .push(quote);
        }
    }
    if wanted.comment_count {
        for (article, n) in super::comments::approved_counts(db, &ids).await? {
            found.entry(article).or_default().comment_count = n;
        }
    }
    if wanted.author {
        let authors: HashSet<Uuid> = articles.iter().filter_map(|a| a.author_id).collect();
        let authors: Vec<Uuid> = authors.into_iter().collect();
        let users: HashMap<Uuid, user::Model> = super::users::by_ids(db, &authors)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect();
        for article in articles {
            found.entry(article.id).or_default().author =
                article.author_id.and_then(|id| users.get(&id).cloned());
        }
    }
    if wanted.meeting {
        let meetings: HashSet<Uuid> = articles.iter().filter_map(|a| a.meeting_id).collect();
        let meetings: Vec<Uuid> = meetings.into_iter().collect();
        let meetings: HashMap<Uuid, meeting::Model> = super::meetings::by_ids(db, &meetings)
            .await?
            .into_iter()
            .map(|m| (m.id, m))
            .collect();
        for article in articles {
            found.entry(article.id).or_default().meeting =
                article.meeting_id.and_then(|id| meetings.get(&id).cloned());
        }
    }
    Ok(found)
}
