//! `/changes`: delta sync for apps, the REST face of GraphQL `changes` (the rule is in
//! [`crate::sync`]). Things are shown as the other routes show them.

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Response},
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{
    article_dto::ArticleSummary, meetings::MeetingSummary, organizations::Organization,
    participants::Participant, regions::Region,
};
use crate::{
    domain::Language,
    entity::{comment, tag},
    error::{AppError, AppResult},
    http::{extract::Query, lang::negotiate},
    presentation::pictures::Photos,
    state::AppState,
    store,
    sync::{self, Entry, SyncRequest, SyncType, TombstoneReason, Upsert},
};

/// What an entry says about its thing.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ChangeOp {
    /// The thing as the public sees it now: keep it (replacing any older copy).
    Upsert,
    /// The public may no longer see it: delete it.
    Tombstone,
}

/// A reader comment as delta sync shows it: approved, on a public article. The text
/// is plain: render it escaped, never as HTML.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChangedComment {
    pub id: Uuid,
    /// The article it is on.
    pub article_id: Uuid,
    /// The comment it answers; null for a top-level comment.
    pub parent_id: Option<Uuid>,
    /// How deep in the thread: 0 for a top-level comment.
    pub depth: i32,
    pub author_name: String,
    /// The reader's own site, if they gave one: link it with `rel="nofollow ugc"`.
    pub website: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<comment::Model> for ChangedComment {
    fn from(c: comment::Model) -> Self {
        ChangedComment {
            id: c.id,
            article_id: c.article_id,
            parent_id: c.parent_id,
            depth: c.depth,
            author_name: c.author_name,
            website: c.website,
            body: c.body,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

/// A tag.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tag {
    pub id: Uuid,
    /// Use as the `tag` filter of the article list.
    #[schema(example = "profilaktika")]
    pub slug: String,
    /// The name in Russian.
    #[schema(example = "Профилактика")]
    pub name: String,
    /// The name in Kazakh, if recorded.
    pub name_kk: Option<String>,
    /// The name in English, if recorded.
    pub name_en: Option<String>,
    pub updated_at: DateTime<Utc>,
}

impl From<tag::Model> for Tag {
    fn from(t: tag::Model) -> Self {
        Tag {
            id: t.id,
            slug: t.slug,
            name: t.name,
            name_kk: t.name_kk,
            name_en: t.name_en,
            updated_at: t.updated_at,
        }
    }
}

/// One entry of a page of changes: the latest word on one thing. An upsert carries
/// `updatedAt` and the thing in the field its `type` names (`article`, `comment`,
/// `meeting`, `participant`, `region`, `tag`, `organization`); a tombstone carries
/// `deletedAt` and `reason`.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChangeItem {
    pub op: ChangeOp,
    /// What kind of thing changed.
    #[serde(rename = "type")]
    pub kind: SyncType,
    pub id: Uuid,
    /// Upserts: when the thing last changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    /// Tombstones: when the thing left public view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<DateTime<Utc>>,
    /// Tombstones: why the thing left public view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<TombstoneReason>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<ArticleSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<ChangedComment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting: Option<MeetingSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participant: Option<Participant>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<Tag>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<Organization>,
}

impl ChangeItem {
    fn upsert(kind: SyncType, id: Uuid, updated_at: DateTime<Utc>) -> Self {
        ChangeItem {
            op: ChangeOp::Upsert,
            kind,
            id,
            updated_at: Some(updated_at),
            deleted_at: None,
            reason: None,
            article: None,
            comment: None,
            meeting: None,
            participant: None,
            region: None,
            tag: None,
            organization: None,
        }
    }
}

/// A page of changes, oldest first.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChangeList {
    /// The latest word on each thing that changed, oldest first.
    pub items: Vec<ChangeItem>,
    /// Pass as `after` next time. Keep it even when `items` is empty: it moves on.
    #[schema(example = "MTIzLjE3NjQ1Nzk2MDAwMDAwMDA")]
    pub cursor: String,
    /// Whether more changes follow at once: ask again with `cursor` straight away.
    pub has_more: bool,
}

/// Where to start, how much, and what.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangeParams {
    /// `cursor` of the previous answer; none to start now (with a full load).
    after: Option<String>,
    /// How many changes to read, 0 to 100 (default 20): each thing appears once, with
    /// its latest change, so a page may hold fewer items.
    #[param(minimum = 0, maximum = 100, default = 20)]
    limit: Option<i64>,
    /// Only these kinds of things, comma-separated (default: all). Keep the same
    /// types for a cursor.
    #[param(example = "ARTICLE,COMMENT")]
    types: Option<String>,
    /// The language of region and people names (default: `Accept-Language`, else `ru`).
    lang: Option<Language>,
}

fn parse_types(raw: Option<&str>) -> AppResult<Option<Vec<SyncType>>> {
    let Some(raw) = raw else {
        return Ok(None);
    };
    raw.split(',')
        .filter(|t| !t.trim().is_empty())
        .map(|t| {
            let name = t.trim().to_ascii_uppercase();
            SyncType::ALL
                .into_iter()
                .find(|candidate| {
                    serde_json::to_value(candidate)
                        .ok()
                        .as_ref()
                        .and_then(|v| v.as_str())
                        == Some(name.as_str())
                })
                .ok_or_else(|| {
                    AppError::bad_input(
                        "types",
                        "one or more of ARTICLE, COMMENT, MEETING, PARTICIPANT, REGION, TAG, \
                         ORGANIZATION",
                    )
                })
        })
        .collect::<AppResult<Vec<_>>>()
        .map(Some)
}

/// What changed in public view since `after`, oldest first: for apps that keep
/// content offline. Without `after`: no items and the cursor of now (load everything,
/// then sync from it). Deleted, unpublished and archived articles and removed
/// comments come as tombstones; drafts and pending comments never appear. Changes
/// are kept 14 days: an older cursor gets 410 `CURSOR_EXPIRED`, and the app loads
/// everything again.
#[utoipa::path(get, path = "/changes", operation_id = "listChanges", tag = "changes",
    params(ChangeParams),
    responses(
        (status = 200, description = "A page of changes", body = ChangeList,
            headers(("Cache-Control" = String, description = "`no-store`: the answer to a cursor grows as changes come"))),
        (status = 400, response = crate::api::responses::BadRequest),
        (status = 410, response = crate::api::responses::CursorExpired),
        (status = 503, response = crate::api::responses::Unavailable),
    ))]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<ChangeParams>,
) -> AppResult<Response> {
    let types = parse_types(params.types.as_deref())?;
    let request = SyncRequest::parse(params.after.as_deref(), params.limit, "limit", types)?;
    let lang = negotiate(params.lang, &headers).lang;
    // The primary, as GraphQL reads it: a cursor is never ahead of the database read.
    let db = state.conn();
    let page = sync::changes(db, state.clock.now(), &request).await?;
    let articles: Vec<_> = page
        .entries
        .iter()
        .filter_map(|e| match e {
            Entry::Upsert(Upsert::Article(a)) => Some(a.clone()),
            _ => None,
        })
        .collect();
    let region_ids = page.entries.iter().filter_map(|e| match e {
        Entry::Upsert(Upsert::Meeting(m)) => Some(m.region_id),
        Entry::Upsert(Upsert::Participant(p)) => p.region_id,
        Entry::Upsert(Upsert::Organization(o)) => o.region_id,
        _ => None,
    });
    let parent_ids: Vec<Uuid> = page
        .entries
        .iter()
        .filter_map(|e| match e {
            Entry::Upsert(Upsert::Organization(o)) => o.parent_id,
            _ => None,
        })
        .collect();
    let photo_ids = page.entries.iter().map(|e| match e {
        Entry::Upsert(Upsert::Meeting(m)) => m.photo_media_id,
        Entry::Upsert(Upsert::Participant(p)) => p.photo_media_id,
        _ => None,
    });
    let urls = state.file_urls();
    let (summaries, regions, parents, photos) = tokio::try_join!(
        super::articles::summaries(&state, &articles),
        store::regions::keyed_by_id(db, region_ids.collect::<Vec<_>>()),
        organizations_by_id(db, &parent_ids),
        Photos::load(db, &urls, photo_ids),
    )?;
    let mut summaries = summaries.into_iter();
    let items = page
        .entries
        .into_iter()
        .map(|entry| match entry {
            Entry::Tombstone(t) => ChangeItem {
                op: ChangeOp::Tombstone,
                deleted_at: Some(t.deleted_at),
                reason: Some(t.reason),
                updated_at: None,
                ..ChangeItem::upsert(t.kind, t.id, t.deleted_at)
            },
            Entry::Upsert(Upsert::Article(a)) => ChangeItem {
                article: summaries.next(),
                ..ChangeItem::upsert(SyncType::Article, a.id, a.updated_at)
            },
            Entry::Upsert(Upsert::Comment(c)) => {
                ChangeItem::upsert(SyncType::Comment, c.id, c.updated_at).with_comment(c)
            }
            Entry::Upsert(Upsert::Meeting(m)) => ChangeItem {
                meeting: Some(super::meetings::summary(&m, &regions, &photos, lang)),
                ..ChangeItem::upsert(SyncType::Meeting, m.id, m.updated_at)
            },
            Entry::Upsert(Upsert::Participant(p)) => ChangeItem {
                participant: Some(super::participants::dto(&p, &regions, &photos, lang)),
                ..ChangeItem::upsert(SyncType::Participant, p.id, p.updated_at)
            },
            Entry::Upsert(Upsert::Region(r)) => {
                ChangeItem::upsert(SyncType::Region, r.id, r.updated_at)
                    .with_region(Region::new(r, lang))
            }
            Entry::Upsert(Upsert::Tag(t)) => {
                ChangeItem::upsert(SyncType::Tag, t.id, t.updated_at).with_tag(t.into())
            }
            Entry::Upsert(Upsert::Organization(o)) => ChangeItem {
                organization: Some(super::organizations::dto(&o, &regions, &parents, lang)),
                ..ChangeItem::upsert(SyncType::Organization, o.id, o.updated_at)
            },
        })
        .collect();
    let list = ChangeList {
        items,
        cursor: page.cursor,
        has_more: page.has_more,
    };
    let mut response = Json(list).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

impl ChangeItem {
    fn with_comment(mut self, c: comment::Model) -> Self {
        self.comment = Some(c.into());
        self
    }

    fn with_region(mut self, r: Region) -> Self {
        self.region = Some(r);
        self
    }

    fn with_tag(mut self, t: Tag) -> Self {
        self.tag = Some(t);
        self
    }
}

/// The organisations among `ids`, by id, in one statement (none for no ids).
async fn organizations_by_id(
    db: &sea_orm::DatabaseConnection,
    ids: &[Uuid],
) -> AppResult<std::collections::HashMap<Uuid, crate::entity::organization::Model>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(store::organizations::by_ids(db, ids)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect())
}
