//! What a page shows of each of its articles, read for the whole page at once.
//!
//! A list of articles shows, beside each, its tags, the people it names, its quotes
//! with their speakers, its approved comment count, its author and its meeting. On
//! PostgreSQL all of these come back in one statement: each relation is a correlated
//! subquery that PostgreSQL folds into JSON (`json_agg`), so a page costs one round
//! trip for its relations instead of one per relation, and the database builds the
//! nested rows where the indexes are. SQLite runs inside the service's process,
//! where a statement costs no round trip, so there each relation keeps its own
//! batched statement.

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

/// PostgreSQL: a row per article with its own relations as JSON columns, and one
/// more row with the authors, meetings and speakers the page shares, each once (a
/// page's articles often share a meeting, whose text would otherwise come back
/// once per article).
async fn in_one_statement(
    db: &impl ConnectionTrait,
    articles: &[ArticleRef],
    wanted: Wanted,
) -> AppResult<HashMap<Uuid, Relations>> {
    let own = [
        (
            wanted.tags,
            "tags",
            "(SELECT json_agg(t ORDER BY t.name) FROM article_tags l \
             JOIN tags t ON t.id = l.tag_id WHERE l.article_id = p.id)::text",
        ),
        (
            wanted.participants,
            "participants",
            "(SELECT json_agg(pa ORDER BY l.sort_order, l.participant_id) FROM article_participants l \
             JOIN participants pa ON pa.id = l.participant_id WHERE l.article_id = p.id)::text",
        ),
        (
            wanted.quotes,
            "quotes",
            "(SELECT json_agg(q ORDER BY q.position) FROM quotes q \
             WHERE q.article_id = p.id)::text",
        ),
        (
            wanted.comment_count,
            "comment_count",
            "(SELECT count(*) FROM comments c \
             WHERE c.article_id = p.id AND c.status = 'APPROVED')",
        ),
    ];
    let shared = [
        (
            wanted.author,
            "authors",
            "(SELECT json_agg(u) FROM users u \
             WHERE u.id IN (SELECT author_id FROM page))::text",
        ),
        (
            wanted.meeting,
            "meetings",
            "(SELECT json_agg(m) FROM meetings m \
             WHERE m.id IN (SELECT meeting_id FROM page))::text",
        ),
        (
            wanted.quotes && wanted.speakers,
            "speakers",
            "(SELECT json_agg(sp) FROM participants sp WHERE sp.id IN \
             (SELECT q.participant_id FROM quotes q WHERE q.article_id IN (SELECT id FROM page)))::text",
        ),
    ];
    let own: Vec<_> = own.into_iter().filter(|c| c.0).collect();
    let shared: Vec<_> = shared.into_iter().filter(|c| c.0).collect();
    // The article rows leave the shared columns empty, and the shared row the
    // articles' columns (typed by the first branch of the union).
    let mut per_article = vec!["p.id".to_owned()];
    per_article.extend(own.iter().map(|(_, name, sql)| format!("{sql} AS {name}")));
    per_article.extend(
        shared
            .iter()
            .map(|(_, name, _)| format!("NULL::text AS {name}")),
    );
    let mut sql = format!(
        "WITH page AS (SELECT a.id, a.author_id, a.meeting_id FROM articles a WHERE a.id IN ({})) \
         SELECT {} FROM page p",
        (1..=articles.len())
            .map(|i| format!("${i}::uuid"))
            .collect::<Vec<_>>()
            .join(", "),
        per_article.join(", "),
    );
    if !shared.is_empty() {
        let mut once = vec!["NULL".to_owned()];
        once.extend(own.iter().map(|_| "NULL".to_owned()));
        once.extend(shared.iter().map(|(_, _, sql)| sql.to_string()));
        sql.push_str(&format!(" UNION ALL SELECT {}", once.join(", ")));
    }
    let values: Vec<Value> = articles.iter().map(|a| Value::from(a.id)).collect();
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            values,
        ))
        .await?;

    let mut found: HashMap<Uuid, Relations> = HashMap::with_capacity(articles.len());
    let (mut users, mut meetings, mut speakers) = (HashMap::new(), HashMap::new(), HashMap::new());
    for row in rows {
        let Some(id) = row.try_get::<Option<Uuid>>("", "id")? else {
            if wanted.author {
                users = by_id(
                    json_list(row.try_get("", "authors")?)?,
                    |u: &user::Model| u.id,
                );
            }
            if wanted.meeting {
                meetings = by_id(
                    json_list(row.try_get("", "meetings")?)?,
                    |m: &meeting::Model| m.id,
                );
            }
            if wanted.quotes && wanted.speakers {
                speakers = by_id(
                    json_list(row.try_get("", "speakers")?)?,
                    |p: &participant::Model| p.id,
                );
            }
            continue;
        };
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
        if wanted.comment_count {
            let n: i64 = row.try_get("", "comment_count")?;
            relations.comment_count = u64::try_from(n).unwrap_or(0);
        }
        found.insert(id, relations);
    }
    attach(
        &mut found,
        articles,
        &Shared {
            users,
            meetings,
            speakers,
        },
    );
    Ok(found)
}

/// What the articles of a page share, each once.
struct Shared {
    users: HashMap<Uuid, user::Model>,
    meetings: HashMap<Uuid, meeting::Model>,
    speakers: HashMap<Uuid, participant::Model>,
}

/// Gives each article its author, meeting and speakers out of `shared`.
fn attach(found: &mut HashMap<Uuid, Relations>, articles: &[ArticleRef], shared: &Shared) {
    for article in articles {
        let relations = found.entry(article.id).or_default();
        relations.author = article
            .author_id
            .and_then(|id| shared.users.get(&id).cloned());
        relations.meeting = article
            .meeting_id
            .and_then(|id| shared.meetings.get(&id).cloned());
        relations.speakers = spoke(&relations.quotes, &shared.speakers);
    }
}

/// `rows` by their id.
fn by_id<M>(rows: Vec<M>, id: impl Fn(&M) -> Uuid) -> HashMap<Uuid, M> {
    rows.into_iter().map(|row| (id(&row), row)).collect()
}

/// The people among `known` who spoke `quotes`, each once, in order of first quote.
fn spoke(
    quotes: &[quote::Model],
    known: &HashMap<Uuid, participant::Model>,
) -> Vec<participant::Model> {
    let mut seen = HashSet::new();
    quotes
        .iter()
        .filter_map(|q| q.participant_id)
        .filter(|id| seen.insert(*id))
        .filter_map(|id| known.get(&id).cloned())
        .collect()
}

/// A `json_agg` column: null when there were no rows.
fn json_list<T: DeserializeOwned>(text: Option<String>) -> AppResult<Vec<T>> {
    text.map_or(Ok(Vec::new()), |text| decode(&text))
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
    let distinct = |of: fn(&ArticleRef) -> Option<Uuid>| -> Vec<Uuid> {
        let set: HashSet<Uuid> = articles.iter().filter_map(of).collect();
        set.into_iter().collect()
    };
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
        for quote in super::quotes::by_articles(db, &ids).await? {
            found
                .entry(quote.article_id)
                .or_default()
                .quotes
                .push(quote);
        }
    }
    let speakers = if wanted.quotes && wanted.speakers {
        let people: HashSet<Uuid> = found
            .values()
            .flat_map(|r| r.quotes.iter().filter_map(|q| q.participant_id))
            .collect();
        let people: Vec<Uuid> = people.into_iter().collect();
        by_id(super::participants::by_ids(db, &people).await?, |p| p.id)
    } else {
        HashMap::new()
    };
    if wanted.comment_count {
        for (article, n) in super::comments::approved_counts(db, &ids).await? {
            found.entry(article).or_default().comment_count = n;
        }
    }
    let users = if wanted.author {
        by_id(
            super::users::by_ids(db, &distinct(|a| a.author_id)).await?,
            |u| u.id,
        )
    } else {
        HashMap::new()
    };
    let meetings = if wanted.meeting {
        by_id(
            super::meetings::by_ids(db, &distinct(|a| a.meeting_id)).await?,
            |m| m.id,
        )
    } else {
        HashMap::new()
    };
    attach(
        &mut found,
        articles,
        &Shared {
            users,
            meetings,
            speakers,
        },
    );
    Ok(found)
}
