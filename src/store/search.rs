//! Full-text search over articles, meetings and people: one function for GraphQL
//! and REST. Hits are ordered by rank (best first), then id; cursors carry the rank
//! and id of the last hit, a hash of the query they belong to and the moment the
//! recency boost was measured from, so the order stays put while a client pages.
//!
//! Rank: PostgreSQL's `ts_rank_cd` over the weighted `tsvector` (title A, lead B,
//! body C, extra D); on SQLite `1 + 10 t / (t + 1.2) + 4 l / (l + 1.2)` for the `t`
//! words of the title and `l` of the lead the query matches (FTS5's `bm25` would move with every
//! document written anywhere, and cursors with it); either way times a recency boost
//! for articles, `1 + 1 / (1 + age in days / 30)`. Both depend only on the document,
//! the query and the moment the first page was asked for, so a cursor's place holds.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement, Value};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{
    articles::{Access, ArticleScope},
    page::{CursorKey, Page, PageRequest},
    search_index::{ARTICLE, MEETING, PARTICIPANT},
};
use crate::{
    domain::{
        Language,
        search::{ParsedQuery, highlight::Terms, snippet_html},
    },
    error::{AppError, AppResult},
};

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HitKind {
    Article,
    Meeting,
    Participant,
}

impl HitKind {
    /// Every kind, the default of a search.
    pub const ALL: [HitKind; 3] = [HitKind::Article, HitKind::Meeting, HitKind::Participant];

    fn column_value(self) -> &'static str {
        match self {
            HitKind::Article => ARTICLE,
            HitKind::Meeting => MEETING,
            HitKind::Participant => PARTICIPANT,
        }
    }

    fn from_column(value: &str) -> Option<Self> {
        HitKind::ALL.into_iter().find(|k| k.column_value() == value)
    }
}

/// A search as asked.
#[derive(Debug, Clone)]
pub struct SearchQuery {
    /// What the reader typed (websearch syntax).
    pub text: String,
    /// Only articles in this language (meetings and people have none); also picks
    /// the stemmer for the query's words.
    pub lang: Option<Language>,
    /// Which kinds of hits; empty means all.
    pub kinds: Vec<HitKind>,
}

/// The keyset of search results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchKey {
    /// The hash of the query the cursor belongs to.
    pub q: String,
    /// When the recency boost is measured from.
    pub at: DateTime<Utc>,
    /// The rank's bits: exact, unlike a decimal rendering.
    pub rank: u64,
    pub id: Uuid,
}

impl CursorKey for SearchKey {
    const KIND: &'static str = "search";

    fn values(&self) -> (Value, Value) {
        (f64::from_bits(self.rank).into(), self.id.into())
    }
}

/// One search result.
#[derive(Debug, Clone)]
pub struct Hit {
    pub kind: HitKind,
    pub id: Uuid,
    /// Higher is better.
    pub rank: f64,
    /// An HTML fragment: escaped text with matches in `<mark>`.
    pub snippet: String,
    /// The position of this hit, for cursors.
    pub key: SearchKey,
}

/// A query checked and read once.
struct Prepared {
    parsed: ParsedQuery,
    kinds: Vec<HitKind>,
    hash: String,
}

impl SearchQuery {
    fn prepare(&self) -> AppResult<Prepared> {
        if self.text.trim().is_empty() {
            return Err(AppError::bad_input("query", "must not be empty"));
        }
        let parsed = ParsedQuery::parse(&self.text, self.lang);
        let mut kinds: Vec<HitKind> = HitKind::ALL
            .into_iter()
            .filter(|k| self.kinds.is_empty() || self.kinds.contains(k))
            .collect();
        kinds.dedup();
        let mut hasher = Sha256::new();
        hasher.update(parsed.canonical());
        hasher.update([0]);
        hasher.update(self.lang.map_or("", Language::code));
        for kind in &kinds {
            hasher.update(kind.column_value());
        }
        let hash = hasher.finalize()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(Prepared {
            parsed,
            kinds,
            hash,
        })
    }

    /// Refuses a cursor of another query (the client names it `field`).
    pub fn check_cursor(&self, request: &PageRequest<SearchKey>, field: &str) -> AppResult<()> {
        let prepared = self.prepare()?;
        match &request.cursor {
            Some(key) if key.q != prepared.hash => Err(AppError::bad_input(
                field,
                "the cursor belongs to another search",
            )),
            _ => Ok(()),
        }
    }
}

/// The SQL pieces shared by the page and the count.
struct Sql {
    backend: DbBackend,
    values: Vec<Value>,
}

impl Sql {
    fn new(backend: DbBackend) -> Self {
        Sql {
            backend,
            values: Vec::new(),
        }
    }

    fn bind(&mut self, value: impl Into<Value>) -> String {
        self.values.push(value.into());
        match self.backend {
            DbBackend::Postgres => format!("${}", self.values.len()),
            // Numbered, because the SQL text does not list values in binding order.
            _ => format!("?{}", self.values.len()),
        }
    }

    /// Who may see which documents, and the kinds and language asked for.
    fn filters(&mut self, scope: &ArticleScope, query: &SearchQuery, kinds: &[HitKind]) -> String {
        let kinds: Vec<String> = kinds.iter().map(|k| self.bind(k.column_value())).collect();
        let mut sql = format!(" AND d.kind IN ({})", kinds.join(", "));
        if let Some(lang) = query.lang {
            let lang = self.bind(lang.code());
            sql.push_str(&format!(" AND (d.article_id IS NULL OR d.lang = {lang})"));
        }
        // The document says whether its article is public (`public_from`), so a
        // public search reads no article; only staff searches join them.
        let public = format!("d.public_from <= {}", self.bind(scope.now));
        let visible = match scope.access {
            Access::Public => public,
            Access::PublicAndOwn(author) => {
                format!("({public} OR a.author_id = {})", self.bind(author))
            }
            Access::All => "TRUE".to_owned(),
        };
        sql.push_str(&format!(" AND (d.article_id IS NULL OR {visible})"));
        sql
    }
}

/// The most matches one search ranks. A query matching more (a common word in a
/// large archive) ranks the most recently created of its matches: finding them walks
/// an index in that order and stops early, where ranking every match would read and
/// score a large share of the archive. Matches created after the search's first page
/// are not candidates either, so the candidates, and with them the order, stay the
/// same while a client pages.
pub const MAX_CANDIDATES: u64 = 300;

/// How much of a body (in characters) snippets are cut from: about ninety words after
/// the title and lead. Highlighting costs in proportion to the text it reads, and on
/// PostgreSQL it was a third of a search at 1,500.
const SNIPPET_BODY_CHARS: i64 = 600;

/// The most words of a snippet on SQLite (as FTS5's `snippet()` was asked for).
const SNIPPET_WORDS: usize = 24;

/// The three `tsquery` forms of one query: stemmed Russian, stemmed English, and
/// prefixes for the `simple` configuration.
struct PgQuery {
    web: String,
    prefix: String,
}

impl PgQuery {
    fn ru(&self) -> String {
        format!(
            "websearch_to_tsquery('russian'::regconfig, {}::text)",
            self.web
        )
    }

    fn en(&self) -> String {
        format!(
            "websearch_to_tsquery('english'::regconfig, {}::text)",
            self.web
        )
    }

    fn prefix(&self) -> String {
        format!("to_tsquery('simple'::regconfig, {}::text)", self.prefix)
    }

    /// Matches each document with the query form of its language.
    fn matches(&self) -> String {
        format!(
            "((d.lang = 'ru' AND d.document @@ {}) OR (d.lang = 'en' AND d.document @@ {}) \
             OR (COALESCE(d.lang, '') NOT IN ('ru', 'en') AND d.document @@ {}))",
            self.ru(),
            self.en(),
            self.prefix()
        )
    }

    /// The query form for documents of language `lang`.
    fn of(&self, lang: &str) -> String {
        format!(
            "(CASE {lang} WHEN 'ru' THEN {} WHEN 'en' THEN {} ELSE {} END)",
            self.ru(),
            self.en(),
            self.prefix()
        )
    }
}

/// What the candidates are read for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Purpose {
    /// Ranking: the most recent first, with what ranking needs.
    Rank,
    /// Counting: any of them, nothing but the id.
    Count,
}

/// The candidates: at most `limit` visible matches created by `until`, most recent
/// first, with what ranking needs (`id`, `kind`, `entity_id`, `lang`,
/// `published_at`, and the `document` on PostgreSQL, `title` and `lead` on SQLite).
fn candidates(
    sql: &mut Sql,
    scope: &ArticleScope,
    query: &SearchQuery,
    prepared: &Prepared,
    until: DateTime<Utc>,
    pg: Option<&PgQuery>,
    purpose: Purpose,
) -> String {
    let Some(pg) = pg else {
        return sqlite_candidates(sql, scope, query, prepared, until, purpose);
    };
    let matches = pg.matches();
    let filters = sql.filters(scope, query, &prepared.kinds);
    let until = sql.bind(until);
    let limit = sql.bind(MAX_CANDIDATES as i64);
    let (columns, order) = match purpose {
        Purpose::Rank => (
            ", d.document",
            " ORDER BY d.content_created_at DESC, d.id DESC",
        ),
        Purpose::Count => ("", ""),
    };
    let (published, join) = publication(scope);
    format!(
        "SELECT d.id, d.kind, d.entity_id, d.lang, {published} AS published_at{columns} \
         FROM search_documents d{join} \
         WHERE {matches}{filters} AND d.content_created_at <= {until}{order} LIMIT {limit}"
    )
}

/// Where a candidate's publication time is read, and the join it takes. Public
/// searches read the document's own copy of it; staff see drafts and unpublished
/// articles too, whose time only the article holds.
fn publication(scope: &ArticleScope) -> (&'static str, &'static str) {
    match scope.access {
        Access::Public => ("d.public_from", ""),
        Access::PublicAndOwn(_) | Access::All => (
            "a.published_at",
            " LEFT JOIN articles a ON a.id = d.article_id",
        ),
    }
}

/// The candidates on SQLite: the full-text index walked newest first. A document's
/// id (the index's rowid) follows its content's creation time
/// ([`first_id_at`](super::search_index::first_id_at)), so the walk meets the matches
/// in the order ranking takes them and stops at the limit, where building the set of
/// matches first cost as much as the index holds (a common word matches nearly all).
/// Counting walks the same way.
fn sqlite_candidates(
    sql: &mut Sql,
    scope: &ArticleScope,
    query: &SearchQuery,
    prepared: &Prepared,
    until: DateTime<Utc>,
    purpose: Purpose,
) -> String {
    let matches = sql.bind(prepared.parsed.fts5());
    // Ids below this are the documents created by the millisecond of `until`; the
    // creation time itself bounds the rest of that millisecond.
    let below = sql.bind(super::search_index::ids_after(until));
    let until = sql.bind(until);
    let filters = sql.filters(scope, query, &prepared.kinds);
    let limit = sql.bind(MAX_CANDIDATES as i64);
    let columns = match purpose {
        Purpose::Rank => ", d.title, d.lead",
        Purpose::Count => "",
    };
    let (published, join) = publication(scope);
    // CROSS JOIN keeps the index the outer loop, so its order is the walk's.
    format!(
        "SELECT d.id, d.kind, d.entity_id, d.lang, {published} AS published_at{columns} \
         FROM search_fts f CROSS JOIN search_documents d ON d.id = f.rowid{join} \
         WHERE search_fts MATCH {matches} AND f.rowid < {below} \
         AND d.content_created_at <= {until}{filters} \
         ORDER BY f.rowid DESC LIMIT {limit}"
    )
}

fn pg_query(sql: &mut Sql, parsed: &ParsedQuery) -> Option<PgQuery> {
    (sql.backend == DbBackend::Postgres).then(|| PgQuery {
        web: sql.bind(parsed.websearch()),
        prefix: sql.bind(parsed.prefix_tsquery()),
    })
}

/// The recency boost of a document published at `published` (days since the epoch),
/// seen from `at_days`: 2 for today's, 1.5 a month on, towards 1 for old ones.
fn boost_sqlite(published: Option<DateTime<Utc>>, at_days: f64) -> f64 {
    published.map_or(1.0, |published| {
        let age = at_days - published.timestamp_millis() as f64 / 86_400_000.0;
        1.0 + 1.0 / (1.0 + age.max(0.0) / 30.0)
    })
}

/// One page of what `scope` may see matching `query`, best first.
///
/// `db` is a search pool (`crate::db::Db::search`): on PostgreSQL its sessions plan
/// each statement for the words it is given, which decide the plan.
pub async fn search(
    db: &DatabaseConnection,
    scope: &ArticleScope,
    query: &SearchQuery,
    request: &PageRequest<SearchKey>,
) -> AppResult<Page<Hit>> {
    let prepared = query.prepare()?;
    query.check_cursor(request, "after")?;
    if prepared.parsed.is_empty() || request.size == 0 {
        return Ok(Page {
            items: Vec::new(),
            has_next: false,
            has_previous: request.cursor.is_some(),
        });
    }
    let at = request.cursor.as_ref().map_or(scope.now, |k| k.at);
    let asked = Asked {
        scope,
        query,
        prepared: &prepared,
        request,
        at,
    };
    let hits = match db.get_database_backend() {
        DbBackend::Postgres => postgres_page(db, &asked).await?,
        _ => sqlite_page(db, &asked).await?,
    };
    let more = hits.len() as u64 > request.size;
    let items = hits
        .into_iter()
        .take(request.size as usize)
        .map(|(kind, id, rank, raw)| Hit {
            kind,
            id,
            rank,
            snippet: snippet_html(&raw),
            key: SearchKey {
                q: prepared.hash.clone(),
                at,
                rank: rank.to_bits(),
                id,
            },
        })
        .collect();
    Ok(Page {
        items,
        has_next: more,
        has_previous: request.cursor.is_some(),
    })
}

/// A ranked hit before it becomes a [`Hit`]: kind, id, rank and the raw snippet.
type RawHit = (HitKind, Uuid, f64, String);

/// One page of one search, as each engine's page function is asked for it.
#[derive(Clone, Copy)]
struct Asked<'a> {
    scope: &'a ArticleScope,
    query: &'a SearchQuery,
    prepared: &'a Prepared,
    request: &'a PageRequest<SearchKey>,
    /// When the recency boost is measured from.
    at: DateTime<Utc>,
}

/// Up to one more than a page of hits after the cursor, best first, on PostgreSQL:
/// ranked with `ts_rank_cd` in one statement. Snippets are cut here, by the same
/// rules as on SQLite (Snowball stems, as the database's `russian` and `english`
/// configurations use): `ts_headline` parsed every page text again inside the
/// database and was the largest part of a search's cost there.
async fn postgres_page(db: &DatabaseConnection, asked: &Asked<'_>) -> AppResult<Vec<RawHit>> {
    let backend = DbBackend::Postgres;
    let mut sql = Sql::new(backend);
    let Some(pg) = pg_query(&mut sql, &asked.prepared.parsed) else {
        unreachable!("the backend is PostgreSQL");
    };
    let candidates = candidates(
        &mut sql,
        asked.scope,
        asked.query,
        asked.prepared,
        asked.at,
        Some(&pg),
        Purpose::Rank,
    );
    let at_days = sql.bind(asked.at.timestamp() as f64 / 86_400.0);
    let score = format!("ts_rank_cd(c.document, {})::float8", pg.of("c.lang"));
    let age = format!("({at_days} - EXTRACT(EPOCH FROM c.published_at)::float8 / 86400.0)");
    let boost = format!(
        "(CASE WHEN c.published_at IS NULL THEN 1.0 \
         ELSE 1.0 + 1.0 / (1.0 + (CASE WHEN {age} > 0 THEN {age} ELSE 0 END) / 30.0) END)"
    );
    let ranked =
        format!("SELECT c.id, c.kind, c.entity_id, c.lang, {score} * {boost} AS hit_rank FROM c");
    let mut after = String::new();
    if let Some(key) = &asked.request.cursor {
        let rank = f64::from_bits(key.rank);
        let (r1, r2, id) = (sql.bind(rank), sql.bind(rank), sql.bind(key.id));
        after = format!(" WHERE (h.hit_rank < {r1} OR (h.hit_rank = {r2} AND h.entity_id > {id}))");
    }
    let limit = sql.bind(asked.request.size as i64 + 1);
    let page = format!(
        "SELECT h.*, row_number() OVER (ORDER BY h.hit_rank DESC, h.entity_id ASC) AS n \
         FROM h{after} ORDER BY h.hit_rank DESC, h.entity_id ASC LIMIT {limit}"
    );
    // Snippets are cut for the page's rows alone, not for the one more read to tell
    // whether there is a next page, so only theirs carry text.
    let size = sql.bind(asked.request.size as i64);
    let body_chars = SNIPPET_BODY_CHARS;
    let text = |column: &str| format!("CASE WHEN p.n <= {size} THEN {column} ELSE '' END");
    let statement = format!(
        "WITH c AS ({candidates}), h AS ({ranked}) \
         SELECT p.kind, p.entity_id, p.hit_rank, p.lang, {} AS title, {} AS lead, \
         {} AS body, {} AS extra \
         FROM ({page}) p JOIN search_documents d ON d.id = p.id \
         ORDER BY p.hit_rank DESC, p.entity_id ASC",
        text("d.title"),
        text("d.lead"),
        text(&format!("left(d.body, {body_chars})")),
        text("d.extra"),
    );
    let rows = Row::find_by_statement(Statement::from_sql_and_values(
        backend, statement, sql.values,
    ))
    .all(db)
    .await?;
    let terms = Terms::of(&asked.prepared.parsed);
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let kind = HitKind::from_column(&row.kind)?;
            let raw = terms.in_document(row.lang.as_deref()).snippet(
                &[&row.title, &row.lead, &row.body, &row.extra],
                SNIPPET_WORDS,
            );
            Some((kind, row.entity_id, row.hit_rank, raw))
        })
        .collect())
}

/// The same on SQLite: FTS5 finds the candidates; ranking (matches in the title and
/// lead, times the recency boost) and snippets are worked out here, so the full-text
/// query runs once (see [`highlight`](crate::domain::search::highlight)).
async fn sqlite_page(db: &impl ConnectionTrait, asked: &Asked<'_>) -> AppResult<Vec<RawHit>> {
    let backend = db.get_database_backend();
    let mut sql = Sql::new(backend);
    let statement = candidates(
        &mut sql,
        asked.scope,
        asked.query,
        asked.prepared,
        asked.at,
        None,
        Purpose::Rank,
    );
    let found = Candidate::find_by_statement(Statement::from_sql_and_values(
        backend, statement, sql.values,
    ))
    .all(db)
    .await?;
    let terms = Terms::of(&asked.prepared.parsed);
    let at_days = asked.at.timestamp() as f64 / 86_400.0;
    let saturate = |hits: usize| hits as f64 / (hits as f64 + 1.2);
    let mut ranked: Vec<(f64, Candidate)> = found
        .into_iter()
        .map(|c| {
            let terms = terms.in_document(c.lang.as_deref());
            let score =
                1.0 + 10.0 * saturate(terms.count(&c.title)) + 4.0 * saturate(terms.count(&c.lead));
            (score * boost_sqlite(c.published_at, at_days), c)
        })
        .collect();
    if let Some(key) = &asked.request.cursor {
        let rank = f64::from_bits(key.rank);
        ranked.retain(|(r, c)| *r < rank || (*r == rank && c.entity_id > key.id));
    }
    ranked.sort_by(|(r1, c1), (r2, c2)| r2.total_cmp(r1).then(c1.entity_id.cmp(&c2.entity_id)));
    ranked.truncate(asked.request.size as usize + 1);
    if ranked.is_empty() {
        return Ok(Vec::new());
    }

    let mut sql = Sql::new(backend);
    let ids: Vec<String> = ranked.iter().map(|(_, c)| sql.bind(c.id)).collect();
    let statement = format!(
        "SELECT id, title, lead, substr(body, 1, {SNIPPET_BODY_CHARS}) AS body, extra \
         FROM search_documents WHERE id IN ({})",
        ids.join(", ")
    );
    let texts: HashMap<i64, Texts> = Texts::find_by_statement(Statement::from_sql_and_values(
        backend, statement, sql.values,
    ))
    .all(db)
    .await?
    .into_iter()
    .map(|t| (t.id, t))
    .collect();
    Ok(ranked
        .into_iter()
        .filter_map(|(rank, c)| {
            let kind = HitKind::from_column(&c.kind)?;
            let raw = texts.get(&c.id).map_or_else(String::new, |t| {
                terms
                    .in_document(c.lang.as_deref())
                    .snippet(&[&t.title, &t.lead, &t.body, &t.extra], SNIPPET_WORDS)
            });
            Some((kind, c.entity_id, rank, raw))
        })
        .collect())
}

/// How many hits `query` has for `scope`: the candidates a client can page through,
/// so never more than [`MAX_CANDIDATES`]. Nothing is ranked. `db` is a search pool,
/// as for [`search`].
pub async fn count(
    db: &DatabaseConnection,
    scope: &ArticleScope,
    query: &SearchQuery,
) -> AppResult<u64> {
    let prepared = query.prepare()?;
    if prepared.parsed.is_empty() {
        return Ok(0);
    }
    let backend = db.get_database_backend();
    let mut sql = Sql::new(backend);
    let pg = pg_query(&mut sql, &prepared.parsed);
    let candidates = candidates(
        &mut sql,
        scope,
        query,
        &prepared,
        scope.now,
        pg.as_ref(),
        Purpose::Count,
    );
    let statement = Statement::from_sql_and_values(
        backend,
        format!("SELECT COUNT(*) AS n FROM ({candidates}) c"),
        sql.values,
    );
    let rows = Count::find_by_statement(statement).all(db).await?;
    Ok(rows.first().map_or(0, |r| r.n.max(0) as u64))
}

/// A ranked hit on PostgreSQL, with what its snippet is cut from (empty for the row
/// past the page).
#[derive(FromQueryResult)]
struct Row {
    kind: String,
    entity_id: Uuid,
    hit_rank: f64,
    lang: Option<String>,
    title: String,
    lead: String,
    body: String,
    extra: String,
}

/// A candidate on SQLite, with the texts its rank counts matches in.
#[derive(FromQueryResult)]
struct Candidate {
    id: i64,
    kind: String,
    entity_id: Uuid,
    /// The article's language, which decides how its words match.
    lang: Option<String>,
    published_at: Option<DateTime<Utc>>,
    title: String,
    lead: String,
}

/// What a snippet is cut from, on SQLite.
#[derive(FromQueryResult)]
struct Texts {
    id: i64,
    title: String,
    lead: String,
    body: String,
    extra: String,
}

#[derive(FromQueryResult)]
struct Count {
    n: i64,
}
