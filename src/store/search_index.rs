//! Writing search documents. Every write of an article, meeting or person calls
//! these inside its own transaction, so what search finds changes with the content
//! and never after it. An article's document carries its publication time while it
//! is published (`public_from`), which triggers on `articles` keep in step, so
//! publishing and unpublishing take effect at once. Deletions cascade.
//!
//! PostgreSQL analyses each document itself (its `tsvector` column). SQLite's
//! full-text index, `search_fts`, holds what is written to it here, in the same
//! statements: a Russian or English article's words as the lexemes of PostgreSQL's
//! `russian` or `english` configuration (Snowball stems, stop words dropped), in the
//! column `ru` or `en`, and every other document's text as it is, in `simple`. A
//! trigger removes a document's entry when the document is deleted. There, documents
//! are numbered by their content's creation time ([`first_id_at`]), so that the
//! index, kept in rowid order, gives a search its newest matches first.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use sea_orm::{
    ActiveValue, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter,
    QuerySelect, Set, Statement, Value,
    sea_query::{Expr, ExprTrait, IntoColumnRef, Query},
};
use uuid::Uuid;

use crate::{
    domain::{
        ArticleStatus,
        html::to_plain_text,
        search::{
            normalize,
            query::{FTS5_ENGLISH, FTS5_RUSSIAN, FTS5_SIMPLE, simple_words},
            stem::Config,
        },
    },
    entity::{
        article, article_participant, article_tag, meeting, organization, participant,
        participant_honour, participant_position, region,
        search_document::{ActiveModel, Column, Entity},
    },
};

/// Documents written per statement; keeps bulk indexing under bind limits.
const CHUNK: usize = 500;

/// The kind column's value for each indexed entity.
pub const ARTICLE: &str = "article";
pub const MEETING: &str = "meeting";
pub const PARTICIPANT: &str = "participant";

fn text(parts: &[Option<&str>]) -> String {
    let joined: Vec<&str> = parts.iter().flatten().copied().collect();
    normalize(&joined.join(" "))
}

async fn region_names(
    db: &impl ConnectionTrait,
    ids: impl Iterator<Item = Uuid>,
) -> Result<HashMap<Uuid, String>, DbErr> {
    let ids: Vec<Uuid> = ids.collect();
    let regions = region::Entity::find()
        .filter(region::Column::Id.is_in(ids))
        .all(db)
        .await?;
    Ok(regions
        .into_iter()
        .map(|r| (r.id, format!("{} {} {}", r.name_ru, r.name_kk, r.name_en)))
        .collect())
}

/// The names (in Russian, Kazakh and English, with abbreviations) of the
/// organisation that held each of `meetings`, by meeting: searching a council's
/// name finds its meetings and the articles covering them.
async fn organization_names(
    db: &impl ConnectionTrait,
    meetings: &[&meeting::Model],
) -> Result<HashMap<Uuid, String>, DbErr> {
    let ids: Vec<Uuid> = meetings.iter().filter_map(|m| m.organization_id).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let names: HashMap<Uuid, String> = organization::Entity::find()
        .filter(organization::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| {
            let parts = [
                Some(o.name_ru),
                o.name_kk,
                o.name_en,
                o.abbreviation_ru,
                o.abbreviation_kk,
                o.abbreviation_en,
            ];
            (
                o.id,
                parts.into_iter().flatten().collect::<Vec<_>>().join(" "),
            )
        })
        .collect();
    Ok(meetings
        .iter()
        .filter_map(|m| Some((m.id, names.get(&m.organization_id?)?.clone())))
        .collect())
}

async fn replace(
    db: &impl ConnectionTrait,
    kind: &str,
    ids: &[Uuid],
    rows: Vec<ActiveModel>,
) -> Result<(), DbErr> {
    Entity::delete_many()
        .filter(Column::Kind.eq(kind))
        .filter(Column::EntityId.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    if rows.is_empty() {
        return Ok(());
    }
    let sqlite = db.get_database_backend() == DbBackend::Sqlite;
    let mut rows = rows;
    let indexed: Vec<Indexed> = if sqlite {
        number_by_creation(db, &mut rows).await?;
        rows.iter().map(Indexed::of).collect()
    } else {
        Vec::new()
    };
    Entity::insert_many(rows).exec_without_returning(db).await?;
    if sqlite {
        write_fts(db, kind, indexed).await?;
    }
    Ok(())
}

/// Documents created in the same millisecond that one id range holds.
const SLOTS: i64 = 1 << 20;

/// The first id of documents whose content was created in the millisecond of `at`,
/// in SQLite's numbering: ids follow creation, so the full-text index, kept in rowid
/// order, yields the newest matches first (`store::search`). Within a millisecond
/// they follow the order they were written in. Times more than about 270 years from
/// 1970 share the ends of the range.
pub fn first_id_at(at: DateTime<Utc>) -> i64 {
    const LIMIT: i64 = 1 << 42;
    at.timestamp_millis().clamp(-LIMIT, LIMIT) * SLOTS
}

/// The first id after every document created in the millisecond of `at`.
pub fn ids_after(at: DateTime<Utc>) -> i64 {
    first_id_at(at) + SLOTS
}

/// Gives each of `rows` (on SQLite) the id its content's creation time numbers it
/// by: the first free slot of that millisecond's range, after the documents already
/// there and the rows before it.
async fn number_by_creation(
    db: &impl ConnectionTrait,
    rows: &mut [ActiveModel],
) -> Result<(), DbErr> {
    let mut next: HashMap<i64, i64> = HashMap::new();
    for row in rows.iter_mut() {
        let created = *row.content_created_at.try_as_ref().ok_or_else(|| {
            DbErr::Custom("a search document without its creation time".to_owned())
        })?;
        let first = first_id_at(created);
        let id = match next.get(&first) {
            Some(id) => *id,
            None => {
                let taken = db
                    .query_one_raw(Statement::from_sql_and_values(
                        DbBackend::Sqlite,
                        "SELECT MAX(id) AS id FROM search_documents WHERE id >= ? AND id < ?",
                        [first.into(), (first + SLOTS).into()],
                    ))
                    .await?
                    .and_then(|row| row.try_get::<Option<i64>>("", "id").ok().flatten());
                taken.map_or(first, |id| id + 1)
            }
        };
        if id >= first + SLOTS {
            return Err(DbErr::Custom(format!(
                "more than {SLOTS} search documents created in one millisecond"
            )));
        }
        next.insert(first, id + 1);
        row.id = Set(id);
    }
    Ok(())
}

/// One document's entry in SQLite's full-text index.
struct Indexed {
    entity_id: Uuid,
    config: Config,
    words: String,
}

impl Indexed {
    /// The entry of the document `row` is about to insert: title, lead, body and
    /// extra, as PostgreSQL concatenates their vectors.
    fn of(row: &ActiveModel) -> Self {
        fn text(v: &ActiveValue<String>) -> &str {
            v.try_as_ref().map_or("", String::as_str)
        }
        let lang = row.lang.try_as_ref().and_then(|lang| lang.as_deref());
        let config = Config::of_document(lang);
        let joined = [
            text(&row.title),
            text(&row.lead),
            text(&row.body),
            text(&row.extra),
        ]
        .join(" ");
        let words = match config {
            // The tokenizer lower-cases them as it does the query's words.
            Config::Simple => simple_words(&joined),
            config => config.lexemes(&joined),
        };
        Indexed {
            entity_id: row.entity_id.try_as_ref().copied().unwrap_or_default(),
            config,
            words,
        }
    }
}

/// Adds the entries of documents of `kind` just inserted, each under its document's
/// id, with the words in the column of its configuration.
async fn write_fts(
    db: &impl ConnectionTrait,
    kind: &str,
    indexed: Vec<Indexed>,
) -> Result<(), DbErr> {
    let mut values: Vec<Value> = vec![kind.into()];
    let mut rows = Vec::with_capacity(indexed.len());
    for entry in indexed {
        let mut columns = [String::new(), String::new(), String::new()];
        let column = match entry.config {
            Config::Russian => 0,
            Config::English => 1,
            Config::Simple => 2,
        };
        columns[column] = entry.words;
        let at = values.len();
        values.push(entry.entity_id.into());
        values.extend(columns.map(Value::from));
        rows.push(format!(
            "((SELECT id FROM search_documents WHERE kind = ?1 AND entity_id = ?{}), \
             ?{}, ?{}, ?{})",
            at + 1,
            at + 2,
            at + 3,
            at + 4
        ));
    }
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        format!(
            "INSERT INTO search_fts (rowid, {FTS5_RUSSIAN}, {FTS5_ENGLISH}, {FTS5_SIMPLE}) \
             VALUES {}",
            rows.join(", ")
        ),
        values,
    ))
    .await?;
    Ok(())
}

fn document(kind: &str, id: Uuid, created_at: DateTime<Utc>, fields: [String; 4]) -> ActiveModel {
    let [title, lead, body, extra] = fields;
    ActiveModel {
        kind: Set(kind.to_owned()),
        entity_id: Set(id),
        article_id: Set((kind == ARTICLE).then_some(id)),
        meeting_id: Set((kind == MEETING).then_some(id)),
        participant_id: Set((kind == PARTICIPANT).then_some(id)),
        lang: Set(None),
        title: Set(title),
        lead: Set(lead),
        body: Set(body),
        extra: Set(extra),
        content_created_at: Set(created_at),
        ..Default::default()
    }
}

/// (Re)writes the documents of `ids`: title, lead, body text, and as extra the
/// names of its tags, the people it mentions, its region and its byline.
pub async fn index_articles(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<(), DbErr> {
    for ids in ids.chunks(CHUNK) {
        let articles = article::Entity::find()
            .filter(article::Column::Id.is_in(ids.iter().copied()))
            .all(db)
            .await?;
        let mut extra: HashMap<Uuid, Vec<String>> = HashMap::new();
        let tags = article_tag::Entity::find()
            .find_also_related(crate::entity::tag::Entity)
            .filter(article_tag::Column::ArticleId.is_in(ids.iter().copied()))
            .all(db)
            .await?;
        for (link, tag) in tags {
            if let Some(tag) = tag {
                // In every language, so a Kazakh query finds a Russian article by
                // its tag's Kazakh name.
                let names = [Some(tag.name), tag.name_kk, tag.name_en];
                extra
                    .entry(link.article_id)
                    .or_default()
                    .extend(names.into_iter().flatten());
            }
        }
        let people = article_participant::Entity::find()
            .find_also_related(participant::Entity)
            .filter(article_participant::Column::ArticleId.is_in(ids.iter().copied()))
            .all(db)
            .await?;
        for (link, person) in people {
            if let Some(p) = person {
                let names = [Some(p.full_name_ru), p.full_name_kk, p.full_name_en];
                extra
                    .entry(link.article_id)
                    .or_default()
                    .extend(names.into_iter().flatten());
            }
        }
        let regions = region_names(db, articles.iter().filter_map(|a| a.region_id)).await?;
        let covered = meeting::Entity::find()
            .filter(meeting::Column::Id.is_in(articles.iter().filter_map(|a| a.meeting_id)))
            .all(db)
            .await?;
        let hosts = organization_names(db, &covered.iter().collect::<Vec<_>>()).await?;
        let rows = articles
            .iter()
            .map(|a| {
                let mut extras = extra.remove(&a.id).unwrap_or_default();
                if let Some(names) = a.meeting_id.and_then(|m| hosts.get(&m)) {
                    extras.push(names.clone());
                }
                if let Some(name) = a.region_id.and_then(|r| regions.get(&r)) {
                    extras.push(name.clone());
                }
                // A free-text byline (a press service) in every language it has.
                extras.extend(
                    [&a.byline_ru, &a.byline_kk, &a.byline_en]
                        .into_iter()
                        .flatten()
                        .cloned(),
                );
                let mut row = document(
                    ARTICLE,
                    a.id,
                    a.created_at,
                    [
                        text(&[Some(&a.title)]),
                        text(&[a.lead.as_deref()]),
                        text(&[Some(&to_plain_text(&a.body))]),
                        normalize(&extras.join(" ")),
                    ],
                );
                row.lang = Set(Some(a.lang.code().to_owned()));
                row.public_from = Set(a
                    .published_at
                    .filter(|_| a.status == ArticleStatus::Published));
                row
            })
            .collect();
        replace(db, ARTICLE, ids, rows).await?;
    }
    Ok(())
}

/// (Re)writes the documents of meetings `ids`: title, venue, body (each in Russian,
/// Kazakh and English), region.
pub async fn index_meetings(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<(), DbErr> {
    for ids in ids.chunks(CHUNK) {
        let meetings = meeting::Entity::find()
            .filter(meeting::Column::Id.is_in(ids.iter().copied()))
            .all(db)
            .await?;
        let regions = region_names(db, meetings.iter().map(|m| m.region_id)).await?;
        let hosts = organization_names(db, &meetings.iter().collect::<Vec<_>>()).await?;
        let rows = meetings
            .iter()
            .map(|m| {
                let fields = [
                    text(&[Some(&m.title), m.title_kk.as_deref(), m.title_en.as_deref()]),
                    text(&[
                        m.venue.as_deref(),
                        m.venue_kk.as_deref(),
                        m.venue_en.as_deref(),
                    ]),
                    text(&[
                        Some(&to_plain_text(&m.body)),
                        m.body_kk.as_deref(),
                        m.body_en.as_deref(),
                    ]),
                    text(&[
                        regions.get(&m.region_id).map(String::as_str),
                        hosts.get(&m.id).map(String::as_str),
                    ]),
                ];
                document(MEETING, m.id, m.created_at, fields)
            })
            .collect();
        replace(db, MEETING, ids, rows).await?;
    }
    Ok(())
}

/// (Re)writes the documents of people `ids`: names, position and organisation (with
/// every dated position's title in three languages), honours (in three languages),
/// region.
pub async fn index_participants(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<(), DbErr> {
    for ids in ids.chunks(CHUNK) {
        let people = participant::Entity::find()
            .filter(participant::Column::Id.is_in(ids.iter().copied()))
            .all(db)
            .await?;
        let regions = region_names(db, people.iter().filter_map(|p| p.region_id)).await?;
        let mut titles: HashMap<Uuid, Vec<String>> = HashMap::new();
        for p in participant_position::Entity::find()
            .filter(participant_position::Column::ParticipantId.is_in(ids.iter().copied()))
            .all(db)
            .await?
        {
            let names = [Some(p.title_ru), p.title_kk, p.title_en];
            titles
                .entry(p.participant_id)
                .or_default()
                .extend(names.into_iter().flatten());
        }
        let mut awards: HashMap<Uuid, Vec<String>> = HashMap::new();
        for h in participant_honour::Entity::find()
            .filter(participant_honour::Column::ParticipantId.is_in(ids.iter().copied()))
            .all(db)
            .await?
        {
            let names = [Some(h.title_ru), h.title_kk, h.title_en, h.awarded_by];
            awards
                .entry(h.participant_id)
                .or_default()
                .extend(names.into_iter().flatten());
        }
        let rows = people
            .iter()
            .map(|p| {
                let mut honours: Vec<String> =
                    serde_json::from_value(p.honours.clone()).unwrap_or_default();
                honours.extend(awards.remove(&p.id).unwrap_or_default());
                let positions = titles.remove(&p.id).unwrap_or_default().join(" ");
                let region = p.region_id.and_then(|r| regions.get(&r));
                let fields = [
                    text(&[
                        Some(&p.full_name_ru),
                        p.full_name_kk.as_deref(),
                        p.full_name_en.as_deref(),
                    ]),
                    text(&[
                        p.position.as_deref(),
                        p.organization.as_deref(),
                        Some(&positions),
                    ]),
                    normalize(&honours.join(" ")),
                    text(&[region.map(String::as_str)]),
                ];
                document(PARTICIPANT, p.id, p.created_at, fields)
            })
            .collect();
        replace(db, PARTICIPANT, ids, rows).await?;
    }
    Ok(())
}

/// Re-indexes the articles that mention person `id`, whose names they carry.
pub async fn index_articles_mentioning(db: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    let articles: Vec<Uuid> = article_participant::Entity::find()
        .select_only()
        .column(article_participant::Column::ArticleId)
        .filter(article_participant::Column::ParticipantId.eq(id))
        .into_tuple()
        .all(db)
        .await?;
    index_articles(db, &articles).await
}

/// Re-indexes what carries the names of organisation `id`: the meetings it held and
/// the articles covering them.
pub async fn index_held_by(db: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    let meetings: Vec<Uuid> = meeting::Entity::find()
        .select_only()
        .column(meeting::Column::Id)
        .filter(meeting::Column::OrganizationId.eq(id))
        .into_tuple()
        .all(db)
        .await?;
    index_meetings(db, &meetings).await?;
    index_articles_covering(db, &meetings).await
}

/// Re-indexes the articles covering any of `meetings`, which carry their
/// organisation's names.
pub async fn index_articles_covering(
    db: &impl ConnectionTrait,
    meetings: &[Uuid],
) -> Result<(), DbErr> {
    if meetings.is_empty() {
        return Ok(());
    }
    let articles: Vec<Uuid> = article::Entity::find()
        .select_only()
        .column(article::Column::Id)
        .filter(article::Column::MeetingId.is_in(meetings.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    index_articles(db, &articles).await
}

/// Whether the row whose id is `id` has no document of `kind` yet. `NOT EXISTS`,
/// which PostgreSQL runs as an anti-join: a `NOT IN` over a subquery too large for
/// `work_mem` is scanned again for every row, hours over a million articles.
fn unindexed(kind: &str, id: impl IntoColumnRef) -> sea_orm::sea_query::Expr {
    Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(Entity)
            .and_where(Expr::col((Entity, Column::Kind)).eq(kind))
            .and_where(Expr::col((Entity, Column::EntityId)).equals(id))
            .to_owned(),
    )
    .not()
}

/// Indexes every article, meeting and person that has no document yet (content
/// written before search existed, or inserted in bulk). Returns how many.
pub async fn backfill(db: &impl ConnectionTrait) -> Result<usize, DbErr> {
    let articles: Vec<Uuid> = article::Entity::find()
        .select_only()
        .column(article::Column::Id)
        .filter(unindexed(ARTICLE, (article::Entity, article::Column::Id)))
        .into_tuple()
        .all(db)
        .await?;
    let meetings: Vec<Uuid> = meeting::Entity::find()
        .select_only()
        .column(meeting::Column::Id)
        .filter(unindexed(MEETING, (meeting::Entity, meeting::Column::Id)))
        .into_tuple()
        .all(db)
        .await?;
    let people: Vec<Uuid> = participant::Entity::find()
        .select_only()
        .column(participant::Column::Id)
        .filter(unindexed(
            PARTICIPANT,
            (participant::Entity, participant::Column::Id),
        ))
        .into_tuple()
        .all(db)
        .await?;
    index_articles(db, &articles).await?;
    index_meetings(db, &meetings).await?;
    index_participants(db, &people).await?;
    Ok(articles.len() + meetings.len() + people.len())
}
