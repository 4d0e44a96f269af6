//! "Read also": the editor's choice first, then the same meeting, then the same
//! region, then shared tags, each newest first; never the article itself, never what
//! the reader may not see, always in the article's language. Batched: a page of
//! articles costs the same few statements whatever its size (one more pair when some
//! article needs the tag tier).

use std::collections::{HashMap, HashSet};

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    sea_query::{Expr, ExprTrait, Query},
};
use uuid::Uuid;

use super::{articles::ArticleScope, batch::first_per_group};
use crate::{
    domain::Language,
    entity::{article, article_tag, related_article},
    error::AppResult,
};

/// How far each fallback looks: enough to fill `limit` after skipping the article
/// itself and what earlier tiers already chose.
fn depth(limit: u64) -> u64 {
    2 * limit + 2
}

/// What the choice of related articles needs to know of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RelatedSource {
    pub id: Uuid,
    pub lang: Language,
    pub meeting_id: Option<Uuid>,
    pub region_id: Option<Uuid>,
}

impl RelatedSource {
    pub fn of(article: &article::Model) -> Self {
        RelatedSource {
            id: article.id,
            lang: article.lang,
            meeting_id: article.meeting_id,
            region_id: article.region_id,
        }
    }
}

/// How many related articles an article shows when the client names no number.
pub const DEFAULT_LIMIT: u64 = 5;
/// The most related articles an article shows, and the most an editor may pick.
pub const MAX_LIMIT: u64 = 20;

/// Up to `limit` related articles for each of `sources`.
pub async fn for_articles(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    sources: &[RelatedSource],
    limit: u64,
) -> AppResult<HashMap<Uuid, Vec<article::Model>>> {
    let ids: Vec<Uuid> = sources.iter().map(|a| a.id).collect();
    let mut result: HashMap<Uuid, Vec<article::Model>> = HashMap::new();
    if ids.is_empty() || limit == 0 {
        return Ok(result);
    }

    // 1. The editor's choice, in the editor's order.
    let chosen = related_article::Entity::find()
        .filter(related_article::Column::ArticleId.is_in(ids.clone()))
        .order_by_asc(related_article::Column::ArticleId)
        .order_by_asc(related_article::Column::Position)
        .all(db)
        .await?;
    let chosen_ids: Vec<Uuid> = chosen.iter().map(|r| r.related_id).collect();
    let chosen_articles: HashMap<Uuid, article::Model> = if chosen_ids.is_empty() {
        HashMap::new()
    } else {
        super::articles::by_ids(db, scope, &chosen_ids)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect()
    };
    let mut editor: HashMap<Uuid, Vec<Candidate>> = HashMap::new();
    for link in chosen {
        if let Some(a) = chosen_articles.get(&link.related_id) {
            editor
                .entry(link.article_id)
                .or_default()
                .push(Candidate::of(a));
        }
    }

    // 2-4. The newest of each meeting, region and tag the sources have.
    let langs: HashSet<Language> = sources.iter().map(|a| a.lang).collect();
    // Candidates carry only what choosing needs; the chosen few load whole at the end.
    let newest = |filter: sea_orm::Condition| {
        article::Entity::find()
            .select_only()
            .column(article::Column::Id)
            .column(article::Column::PublishedAt)
            .column(article::Column::Lang)
            .filter(scope.condition())
            .filter(article::Column::Lang.is_in(langs.iter().copied()))
            .filter(filter)
            .order_by_desc(article::Column::PublishedAt)
            .order_by_desc(article::Column::Id)
            .limit(depth(limit))
            .into_query()
    };
    // The meeting and region tiers are asked for every source at once; on
    // PostgreSQL each tier is one LATERAL plan.
    let meetings: Vec<Uuid> = sources
        .iter()
        .filter_map(|a| a.meeting_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let by_meeting = group(
        first_per_group::<Candidate>(db, &meetings, |m| {
            newest(
                sea_orm::Condition::all()
                    .add(Expr::col((article::Entity, article::Column::MeetingId)).eq(m)),
            )
        })
        .await?,
    );
    let regions: Vec<Uuid> = sources
        .iter()
        .filter_map(|a| a.region_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let by_region = group(
        first_per_group::<Candidate>(db, &regions, |r| {
            newest(
                sea_orm::Condition::all()
                    .add(Expr::col((article::Entity, article::Column::RegionId)).eq(r)),
            )
        })
        .await?,
    );
    // Each source's picks from the first three tiers, in order.
    let mut picks: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for source in sources {
        let mut picker = Picker::new(source, limit);
        picker.take(editor.get(&source.id).map_or(&[][..], Vec::as_slice));
        if let Some(m) = source.meeting_id {
            picker.take(by_meeting.get(&m).map_or(&[][..], Vec::as_slice));
        }
        if let Some(r) = source.region_id {
            picker.take(by_region.get(&r).map_or(&[][..], Vec::as_slice));
        }
        picks.insert(source.id, picker.picked);
    }

    // Shared tags only for the sources the other tiers left short: scanning the
    // newest articles of a popular tag is the costliest tier.
    let short: Vec<&RelatedSource> = sources
        .iter()
        .filter(|s| picks.get(&s.id).map_or(0, Vec::len) < limit as usize)
        .collect();
    if !short.is_empty() {
        let short_ids: Vec<Uuid> = short.iter().map(|s| s.id).collect();
        let source_tags = article_tag::Entity::find()
            .filter(article_tag::Column::ArticleId.is_in(short_ids))
            .all(db)
            .await?;
        let tag_ids: Vec<Uuid> = source_tags
            .iter()
            .map(|t| t.tag_id)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let by_tag = group(
            first_per_group::<Candidate>(db, &tag_ids, |t| {
                let tagged = Query::select()
                    .column(article_tag::Column::ArticleId)
                    .from(article_tag::Entity)
                    .and_where(Expr::col((article_tag::Entity, article_tag::Column::TagId)).eq(t))
                    .to_owned();
                newest(
                    sea_orm::Condition::all()
                        .add(Expr::col((article::Entity, article::Column::Id)).in_subquery(tagged)),
                )
            })
            .await?,
        );
        let mut tags_of: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for link in source_tags {
            tags_of
                .entry(link.article_id)
                .or_default()
                .push(link.tag_id);
        }
        for source in short {
            let mut shared: Vec<Candidate> = tags_of
                .get(&source.id)
                .into_iter()
                .flatten()
                .filter_map(|t| by_tag.get(t))
                .flatten()
                .cloned()
                .collect();
            shared.sort_by_key(|a| std::cmp::Reverse((a.published_at, a.id)));
            let mut picker = Picker::new(source, limit);
            picker.picked = picks.remove(&source.id).unwrap_or_default();
            picker.seen.extend(picker.picked.iter().copied());
            picker.take(&shared);
            picks.insert(source.id, picker.picked);
        }
    }

    // The chosen articles, whole, in one query.
    let wanted: Vec<Uuid> = picks
        .values()
        .flatten()
        .copied()
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let whole: HashMap<Uuid, article::Model> = if wanted.is_empty() {
        HashMap::new()
    } else {
        super::articles::by_ids(db, scope, &wanted)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect()
    };
    for (source, ids) in picks {
        let list = ids.iter().filter_map(|id| whole.get(id).cloned()).collect();
        result.insert(source, list);
    }
    Ok(result)
}

/// Picks a source's related articles tier by tier: in its language, never itself,
/// never twice, up to the limit.
struct Picker<'a> {
    source: &'a RelatedSource,
    limit: usize,
    picked: Vec<Uuid>,
    seen: HashSet<Uuid>,
}

impl<'a> Picker<'a> {
    fn new(source: &'a RelatedSource, limit: u64) -> Self {
        Picker {
            source,
            limit: limit as usize,
            picked: Vec::new(),
            seen: HashSet::from([source.id]),
        }
    }

    fn take(&mut self, candidates: &[Candidate]) {
        for candidate in candidates {
            if self.picked.len() >= self.limit {
                return;
            }
            if candidate.lang == self.source.lang && self.seen.insert(candidate.id) {
                self.picked.push(candidate.id);
            }
        }
    }
}

/// What choosing among candidates needs of an article.
#[derive(Debug, Clone, sea_orm::FromQueryResult)]
struct Candidate {
    id: Uuid,
    published_at: Option<chrono::DateTime<chrono::Utc>>,
    lang: Language,
}

impl Candidate {
    fn of(article: &article::Model) -> Self {
        Candidate {
            id: article.id,
            published_at: article.published_at,
            lang: article.lang,
        }
    }
}

fn group(rows: Vec<(Uuid, Candidate)>) -> HashMap<Uuid, Vec<Candidate>> {
    let mut grouped: HashMap<Uuid, Vec<Candidate>> = HashMap::new();
    for (label, row) in rows {
        grouped.entry(label).or_default().push(row);
    }
    grouped
}
