//! Full-text search over articles, meetings and people: one function for GraphQL
//! and REST. Hits are ordered by rank (best first), then id; cursors carry the rank
//! and id of the last hit, a hash of the query they belong to and the moment the
//! recency boost was measured from, so the order stays put while a client pages.
//!
//! Rank: PostgreSQL's `ts_rank_cd` over the weighted `tsvector` (title A, lead B,
//! body C, extra D); on SQLite `1 + 10 t / (t + 1.2) + 4 l / (l + 1.2)` for `t`
//! matches in the title and `l` in the lead (FTS5's `bm25` would move with every
//! document written anywhere, and cursors with it); either way times a recency boost
//! for articles, `1 + 1 / (1 + age in days / 30)`. Both depend only on the document,
//! the query and the moment the first page was asked for, so a cursor's place holds.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, Statement, Value};
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
        ArticleStatus, Language,
        search::{GREATER_THAN, LESS_THAN, MARK_END, MARK_START, ParsedQuery, snippet_html},
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
        let public = format!(
            "(a.status = {} AND a.published_at <= {})",
            self.bind(sea_orm::ActiveEnum::to_value(&ArticleStatus::Published)),
            self.bind(scope.now)
        );
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

/// How much of a body (in characters) snippets are cut from.
const SNIPPET_BODY_CHARS: i64 = 1_500;

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

/// The candidates: at most `limit` visible matches created by `until`, most recent
/// first, with what ranking needs (`id`, `kind`, `entity_id`, `lang`,
/// `published_at`, and on PostgreSQL `document`).
fn candidates(
    sql: &mut Sql,
    scope: &ArticleScope,
    query: &SearchQuery,
    prepared: &Prepared,
    until: DateTime<Utc>,
    pg: Option<&PgQuery>,
    ordered: bool,
) -> String {
    let (columns, matches) = match pg {
        Some(pg) => (", d.document", pg.matches()),
        None => (
            "",
            format!(
                "d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH {})",
                sql.bind(prepared.parsed.fts5())
            ),
        ),
    };
    let filters = sql.filters(scope, query, &prepared.kinds);
    let until = sql.bind(until);
    let limit = sql.bind(MAX_CANDIDATES as i64);
    // Without an order (counting), any `limit` matches will do.
    let order = if ordered {
        " ORDER BY d.content_created_at DESC, d.id DESC"
    } else {
        ""
    };
    // SQLite would otherwise read every match's row to sort it (the column sits
    // after the text, across overflow pages); walking the index stops early.
    let walk = if pg.is_none() {
        " INDEXED BY ix_search_documents_content_created_at_id"
    } else {
        ""
    };
    format!(
        "SELECT d.id, d.kind, d.entity_id, d.lang, a.published_at{columns} \
         FROM search_documents d{walk} LEFT JOIN articles a ON a.id = d.article_id \
         WHERE {matches}{filters} AND d.content_created_at <= {until}{order} LIMIT {limit}"
    )
}

/// On SQLite, how often the query matches column `column` (`name`) of the row,
/// saturating: 0 for none, towards 1 for many. `highlight` marks every match, so the
/// text grows by one character per match.
fn sqlite_hits(column: u8, name: &str) -> String {
    let hits = format!(
        "(length(highlight(search_fts, {column}, char(1), '')) - length(search_fts.{name}))"
    );
    format!("({hits} / ({hits} + 1.2))")
}

fn pg_query(sql: &mut Sql, parsed: &ParsedQuery) -> Option<PgQuery> {
    (sql.backend == DbBackend::Postgres).then(|| PgQuery {
        web: sql.bind(parsed.websearch()),
        prefix: sql.bind(parsed.prefix_tsquery()),
    })
}

/// One page of what `scope` may see matching `query`, best first.
pub async fn search(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    query: &SearchQuery,
    request: &PageRequest<SearchKey>,
) -> AppResult<Page<Hit>> {
    let prepared = query.prepare()?;
    query.check_cursor(request, "after")?;
    let empty = Page {
        items: Vec::new(),
        has_next: false,
        has_previous: request.cursor.is_some(),
    };
    if prepared.parsed.is_empty() || request.size == 0 {
        return Ok(empty);
    }
    let at = request.cursor.as_ref().map_or(scope.now, |k| k.at);
    let backend = db.get_database_backend();
    let mut sql = Sql {
        backend,
        values: Vec::new(),
    };
    let pg = pg_query(&mut sql, &prepared.parsed);
    let fts = (pg.is_none()).then(|| sql.bind(prepared.parsed.fts5()));
    let candidates = candidates(&mut sql, scope, query, &prepared, at, pg.as_ref(), true);
    let at_days = sql.bind(at.timestamp() as f64 / 86_400.0);
    let (score, age) = match &pg {
        Some(pg) => (
            format!("ts_rank_cd(c.document, {})::float8", pg.of("c.lang")),
            format!("({at_days} - EXTRACT(EPOCH FROM c.published_at)::float8 / 86400.0)"),
        ),
        None => (
            format!(
                "(1.0 + 10.0 * {} + 4.0 * {})",
                sqlite_hits(0, "title"),
                sqlite_hits(1, "lead")
            ),
            format!("({at_days} - (julianday(c.published_at) - 2440587.5))"),
        ),
    };
    let boost = format!(
        "(CASE WHEN c.published_at IS NULL THEN 1.0 \
         ELSE 1.0 + 1.0 / (1.0 + (CASE WHEN {age} > 0 THEN {age} ELSE 0 END) / 30.0) END)"
    );
    // FTS5 answers a MATCH for one rowid by running the whole query again: SQLite
    // must read the matches once and look the candidates up (CROSS JOIN fixes the
    // order), not the other way round.
    let ranked = match &fts {
        Some(fts) => format!(
            "SELECT c.id, c.kind, c.entity_id, {score} * {boost} AS hit_rank \
             FROM search_fts CROSS JOIN c ON c.id = search_fts.rowid WHERE search_fts MATCH {fts}"
        ),
        None => format!(
            "SELECT c.id, c.kind, c.entity_id, c.lang, {score} * {boost} AS hit_rank FROM c"
        ),
    };
    let mut after = String::new();
    if let Some(key) = &request.cursor {
        let rank = f64::from_bits(key.rank);
        let (r1, r2, id) = (sql.bind(rank), sql.bind(rank), sql.bind(key.id));
        after = format!(" WHERE (h.hit_rank < {r1} OR (h.hit_rank = {r2} AND h.entity_id > {id}))");
    }
    let limit = sql.bind(request.size as i64 + 1);
    let page =
        format!("SELECT h.* FROM h{after} ORDER BY h.hit_rank DESC, h.entity_id ASC LIMIT {limit}");
    // Snippets are made for the page's rows alone.
    let statement = match (&pg, &fts) {
        (Some(pg), _) => {
            let options = sql.bind(format!(
                "StartSel=\"{MARK_START}\", StopSel=\"{MARK_END}\", MaxWords=30, MinWords=12, \
                 MaxFragments=2, FragmentDelimiter=\" … \""
            ));
            // ts_headline drops what looks like an HTML tag: angle brackets travel
            // as stand-ins and come back escaped.
            let brackets = sql.bind(format!("{LESS_THAN}{GREATER_THAN}"));
            let body_chars = SNIPPET_BODY_CHARS;
            format!(
                "WITH c AS ({candidates}), h AS ({ranked}) \
                 SELECT p.kind, p.entity_id, p.hit_rank, ts_headline(\
                 (CASE p.lang WHEN 'ru' THEN 'russian' WHEN 'en' THEN 'english' \
                 ELSE 'simple' END)::regconfig, \
                 translate(concat_ws(' … ', NULLIF(d.title, ''), NULLIF(d.lead, ''), \
                 NULLIF(left(d.body, {body_chars}), ''), NULLIF(d.extra, '')), '<>', {brackets}), \
                 {}, {options}) AS raw \
                 FROM ({page}) p JOIN search_documents d ON d.id = p.id \
                 ORDER BY p.hit_rank DESC, p.entity_id ASC",
                pg.of("p.lang"),
            )
        }
        (None, Some(fts)) => format!(
            "WITH c AS ({candidates}), h AS ({ranked}) \
             SELECT p.kind, p.entity_id, p.hit_rank, \
             snippet(search_fts, -1, {}, {}, '…', 24) AS raw \
             FROM search_fts CROSS JOIN ({page}) p ON p.id = search_fts.rowid \
             WHERE search_fts MATCH {fts} ORDER BY p.hit_rank DESC, p.entity_id ASC",
            sql.bind(MARK_START.to_string()),
            sql.bind(MARK_END.to_string())
        ),
        (None, None) => unreachable!("a query is bound for one engine or the other"),
    };
    let rows = Row::find_by_statement(Statement::from_sql_and_values(
        backend, statement, sql.values,
    ))
    .all(db)
    .await?;
    let more = rows.len() as u64 > request.size;
    let items = rows
        .into_iter()
        .take(request.size as usize)
        .filter_map(|row| {
            let kind = HitKind::from_column(&row.kind)?;
            Some(Hit {
                kind,
                id: row.entity_id,
                rank: row.hit_rank,
                snippet: snippet_html(&row.raw),
                key: SearchKey {
                    q: prepared.hash.clone(),
                    at,
                    rank: row.hit_rank.to_bits(),
                    id: row.entity_id,
                },
            })
        })
        .collect();
    Ok(Page {
        items,
        has_next: more,
        has_previous: request.cursor.is_some(),
    })
}

/// How many hits `query` has for `scope`: the candidates a client can page through,
/// so never more than [`MAX_CANDIDATES`]. Nothing is ranked.
pub async fn count(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    query: &SearchQuery,
) -> AppResult<u64> {
    let prepared = query.prepare()?;
    if prepared.parsed.is_empty() {
        return Ok(0);
    }
    let backend = db.get_database_backend();
    let mut sql = Sql {
        backend,
        values: Vec::new(),
    };
    let pg = pg_query(&mut sql, &prepared.parsed);
    let candidates = candidates(
        &mut sql,
        scope,
        query,
        &prepared,
        scope.now,
        pg.as_ref(),
        false,
    );
    let statement = format!("SELECT COUNT(*) AS n FROM ({candidates}) c");
    let row = Count::find_by_statement(Statement::from_sql_and_values(
        backend, statement, sql.values,
    ))
    .one(db)
    .await?;
    Ok(row.map_or(0, |r| r.n.max(0) as u64))
}

#[derive(FromQueryResult)]
struct Row {
    kind: String,
    entity_id: Uuid,
    hit_rank: f64,
    raw: String,
}

#[derive(FromQueryResult)]
struct Count {
    n: i64,
}
