//! Delta sync: the public view of what changed since a cursor, for apps that keep
//! content offline. One rule for GraphQL `changes` and REST `/api/v1/changes`.
//!
//! A page reads the record of changes after the cursor, keeps the latest change of
//! each thing, and reads each thing as it is now: what the public may see is an
//! upsert; what it may no longer see is a tombstone. What was never public yields
//! nothing where that is cheap to tell: an article (or comment) whose creation is
//! still in the record with no publication (or approval) after it. Older ones, whose
//! history has been pruned, may yield a tombstone of an id the client never had,
//! which it ignores; the tombstone says no more than the id and when.
//!
//! The cost of a page is a fixed number of statements: the newest sequence, the page
//! of changes, one read per kind of thing on the page, and one of history.

pub mod cursor;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    domain::ChangeKind,
    entity::{article, comment, meeting, organization, participant, region, tag},
    error::{AppError, AppResult},
    store::{
        self,
        articles::{Access, ArticleScope},
        changes::Change,
        comments::CommentAccess,
        page::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE},
    },
};
use cursor::Cursor;

/// The kinds of things delta sync reports.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    async_graphql::Enum,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SyncType {
    /// A published article.
    Article,
    /// An approved reader comment.
    Comment,
    /// A meeting.
    Meeting,
    /// A person who took part in meetings or is quoted.
    Participant,
    /// A region (only its names change).
    Region,
    /// A tag.
    Tag,
    /// An organisation: a council, a department, a ministry.
    Organization,
}

impl SyncType {
    /// Every type, in the order the API lists them.
    pub const ALL: [SyncType; 7] = [
        SyncType::Article,
        SyncType::Comment,
        SyncType::Meeting,
        SyncType::Participant,
        SyncType::Region,
        SyncType::Tag,
        SyncType::Organization,
    ];

    /// The changes that concern things of this type. Changes of accounts, keys and
    /// documents concern no public thing and are never read.
    fn kinds(self) -> &'static [ChangeKind] {
        use ChangeKind::*;
        match self {
            SyncType::Article => &[
                ArticleCreated,
                ArticleUpdated,
                ArticleSubmitted,
                ArticleScheduled,
                ArticlePublished,
                ArticleUnpublished,
                ArticleArchived,
                ArticleDeleted,
                ArticleSlugChanged,
                ArticleCorrected,
                ArticleRetracted,
            ],
            SyncType::Comment => &[
                CommentCreated,
                CommentApproved,
                CommentRejected,
                CommentEdited,
                CommentDeleted,
            ],
            SyncType::Meeting => &[MeetingChanged],
            SyncType::Participant => &[ParticipantChanged],
            SyncType::Region => &[RegionChanged],
            SyncType::Tag => &[TagChanged],
            SyncType::Organization => &[OrganizationChanged],
        }
    }

    fn of(kind: ChangeKind) -> Option<SyncType> {
        SyncType::ALL
            .into_iter()
            .find(|t| t.kinds().contains(&kind))
    }
}

/// Why a thing left public view.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    async_graphql::Enum,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TombstoneReason {
    /// Deleted for good.
    Deleted,
    /// Taken back to a draft or to review, or rescheduled for a moment to come.
    Unpublished,
    /// Archived: kept, but no longer public.
    Archived,
    /// A comment rejected, marked as spam, sent back to moderation, or deleted.
    Removed,
    /// An article retracted by the editors: its page keeps a public notice (reason
    /// and time) but nothing of its text.
    Retracted,
}

/// A thing the public may no longer see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tombstone {
    pub kind: SyncType,
    pub id: Uuid,
    /// When it left public view: the commit of the change that took it away.
    pub deleted_at: DateTime<Utc>,
    pub reason: TombstoneReason,
}

/// A thing as the public sees it now.
#[derive(Debug, Clone)]
pub enum Upsert {
    Article(article::Model),
    Comment(comment::Model),
    Meeting(meeting::Model),
    Participant(participant::Model),
    Region(region::Model),
    Tag(tag::Model),
    Organization(organization::Model),
}

/// One entry of a page: the latest word on one thing.
// A page holds at most 100 entries, each presented at once: boxing the rows would
// save little and cost an allocation each.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Entry {
    Upsert(Upsert),
    Tombstone(Tombstone),
}

/// A page of changes, oldest first.
#[derive(Debug, Clone)]
pub struct SyncPage {
    pub entries: Vec<Entry>,
    /// Where the next page starts.
    pub cursor: String,
    /// Whether more changes follow at once (ask again with `cursor`).
    pub has_more: bool,
}

/// A checked request for a page.
#[derive(Debug, Clone)]
pub struct SyncRequest {
    /// `None`: the client starts now (with a full load).
    pub after: Option<Cursor>,
    /// The field the cursor came in, for an expired one.
    pub after_field: &'static str,
    pub size: u64,
    pub types: Vec<SyncType>,
}

impl SyncRequest {
    /// Reads the arguments: the cursor from `after`, the page size from `size_field`
    /// (0 to 100, default 20: changes read, of which entries are the latest per
    /// thing), the types (none: all).
    pub fn parse(
        after: Option<&str>,
        size: Option<i64>,
        size_field: &'static str,
        types: Option<Vec<SyncType>>,
    ) -> AppResult<Self> {
        let size = match size {
            None => DEFAULT_PAGE_SIZE,
            Some(n) if (0..=MAX_PAGE_SIZE as i64).contains(&n) => n as u64,
            Some(_) => {
                return Err(AppError::bad_input(
                    size_field,
                    format!("must be between 0 and {MAX_PAGE_SIZE}"),
                ));
            }
        };
        let mut types = types.unwrap_or_default();
        if types.is_empty() {
            types = SyncType::ALL.to_vec();
        }
        Ok(SyncRequest {
            after: after.map(|a| Cursor::decode("after", a)).transpose()?,
            after_field: "after",
            size,
            types,
        })
    }
}

/// The page of public changes `request` asks for, at `now`.
pub async fn changes(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    request: &SyncRequest,
) -> AppResult<SyncPage> {
    // Read before the page: every change up to it has committed (sequences follow
    // commits), so a page that ends early has seen all of them.
    let newest = store::changes::newest(db).await?;
    let Some(after) = request.after else {
        return Ok(SyncPage {
            entries: Vec::new(),
            cursor: Cursor::caught_up(newest, None, now).encode(),
            has_more: false,
        });
    };
    after.check(request.after_field, newest, now)?;
    let kinds: Vec<ChangeKind> = request
        .types
        .iter()
        .flat_map(|t| t.kinds().iter().copied())
        .collect();
    let mut rows = store::changes::after_of_kinds(db, after.seq, &kinds, request.size + 1).await?;
    let has_more = rows.len() as u64 > request.size;
    rows.truncate(request.size as usize);
    let next = match rows.last() {
        Some(last) if has_more => Cursor::after_change(last.seq, last.committed_at),
        Some(last) => Cursor::caught_up(last.seq.max(newest), Some(after.at), now),
        None if has_more => after,
        None => Cursor::caught_up(after.seq.max(newest), Some(after.at), now),
    };
    let entries = entries(db, now, latest_per_thing(&rows)).await?;
    Ok(SyncPage {
        entries,
        cursor: next.encode(),
        has_more,
    })
}

/// The latest change of each thing among `rows`, oldest first.
fn latest_per_thing(rows: &[Change]) -> Vec<(SyncType, &Change)> {
    let mut latest: HashMap<(SyncType, Uuid), &Change> = HashMap::new();
    for row in rows {
        if let Some(kind) = SyncType::of(row.kind) {
            latest.insert((kind, row.entity_id), row);
        }
    }
    let mut latest: Vec<(SyncType, &Change)> =
        latest.into_iter().map(|((t, _), row)| (t, row)).collect();
    latest.sort_by_key(|(_, row)| row.seq);
    latest
}

/// What the public sees now of each thing, read a kind at a time.
struct Current {
    articles: HashMap<Uuid, article::Model>,
    comments: HashMap<Uuid, comment::Model>,
    meetings: HashMap<Uuid, meeting::Model>,
    participants: HashMap<Uuid, participant::Model>,
    regions: HashMap<Uuid, region::Model>,
    tags: HashMap<Uuid, tag::Model>,
    organizations: HashMap<Uuid, organization::Model>,
}

fn keyed<M>(rows: Vec<M>, id: fn(&M) -> Uuid) -> HashMap<Uuid, M> {
    rows.into_iter().map(|m| (id(&m), m)).collect()
}

async fn current(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    latest: &[(SyncType, &Change)],
) -> AppResult<Current> {
    let ids = |kind: SyncType| -> Vec<Uuid> {
        latest
            .iter()
            .filter(|(t, _)| *t == kind)
            .map(|(_, row)| row.entity_id)
            .collect()
    };
    let (articles, comments, meetings, participants, regions, tags, organizations) = (
        ids(SyncType::Article),
        ids(SyncType::Comment),
        ids(SyncType::Meeting),
        ids(SyncType::Participant),
        ids(SyncType::Region),
        ids(SyncType::Tag),
        ids(SyncType::Organization),
    );
    // Every article, public or not: why one is not public gives the tombstone's
    // reason. Only public ones are ever shown.
    let every = ArticleScope {
        access: Access::All,
        now,
        notices: false,
    };
    let public = ArticleScope::public(now);
    Ok(Current {
        articles: if articles.is_empty() {
            HashMap::new()
        } else {
            keyed(store::articles::by_ids(db, &every, &articles).await?, |a| {
                a.id
            })
        },
        comments: if comments.is_empty() {
            HashMap::new()
        } else {
            keyed(
                store::comments::by_ids(db, CommentAccess::Public, &public, &comments).await?,
                |c| c.id,
            )
        },
        meetings: if meetings.is_empty() {
            HashMap::new()
        } else {
            keyed(store::meetings::by_ids(db, &meetings).await?, |m| m.id)
        },
        participants: if participants.is_empty() {
            HashMap::new()
        } else {
            keyed(store::participants::by_ids(db, &participants).await?, |p| {
                p.id
            })
        },
        regions: if regions.is_empty() {
            HashMap::new()
        } else {
            keyed(store::regions::by_ids(db, &regions).await?, |r| r.id)
        },
        tags: if tags.is_empty() {
            HashMap::new()
        } else {
            keyed(store::tags::by_ids(db, &tags).await?, |t| t.id)
        },
        organizations: if organizations.is_empty() {
            HashMap::new()
        } else {
            keyed(
                store::organizations::by_ids(db, &organizations).await?,
                |o| o.id,
            )
        },
    })
}

/// The changes that tell whether an article or a comment was ever public: its
/// creation, and its publication or approval.
const HISTORY: [ChangeKind; 4] = [
    ChangeKind::ArticleCreated,
    ChangeKind::ArticlePublished,
    ChangeKind::CommentCreated,
    ChangeKind::CommentApproved,
];

/// The things among `hidden` that were never public, as far as the record tells:
/// created within it and never published (or approved) since.
async fn never_public(db: &DatabaseConnection, hidden: &[Uuid]) -> AppResult<HashSet<Uuid>> {
    let history = store::changes::kinds_of(db, hidden, &HISTORY).await?;
    let created: HashSet<Uuid> = history
        .iter()
        .filter(|(_, k)| matches!(k, ChangeKind::ArticleCreated | ChangeKind::CommentCreated))
        .map(|(id, _)| *id)
        .collect();
    let shown: HashSet<Uuid> = history
        .iter()
        .filter(|(_, k)| {
            matches!(
                k,
                ChangeKind::ArticlePublished | ChangeKind::CommentApproved
            )
        })
        .map(|(id, _)| *id)
        .collect();
    Ok(created.difference(&shown).copied().collect())
}

async fn entries(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    latest: Vec<(SyncType, &Change)>,
) -> AppResult<Vec<Entry>> {
    let mut now_state = current(db, now, &latest).await?;
    let public = ArticleScope::public(now);
    // Articles and comments the public cannot see now: tombstones, unless never public.
    let hidden: Vec<Uuid> = latest
        .iter()
        .filter(|(t, row)| match t {
            SyncType::Article => !now_state
                .articles
                .get(&row.entity_id)
                .is_some_and(|a| public.allows(a)),
            SyncType::Comment => !now_state.comments.contains_key(&row.entity_id),
            _ => false,
        })
        .map(|(_, row)| row.entity_id)
        .collect();
    let never = never_public(db, &hidden).await?;
    let mut entries = Vec::with_capacity(latest.len());
    for (kind, row) in latest {
        let id = row.entity_id;
        if never.contains(&id) {
            continue;
        }
        let tombstone = |reason| {
            Entry::Tombstone(Tombstone {
                kind,
                id,
                deleted_at: row.committed_at,
                reason,
            })
        };
        let entry = match kind {
            SyncType::Article => match now_state.articles.remove(&id) {
                Some(a) if public.allows(&a) => Entry::Upsert(Upsert::Article(a)),
                Some(a) if a.status == crate::domain::ArticleStatus::Archived => {
                    tombstone(TombstoneReason::Archived)
                }
                Some(a) if a.status == crate::domain::ArticleStatus::Retracted => {
                    tombstone(TombstoneReason::Retracted)
                }
                Some(_) => tombstone(TombstoneReason::Unpublished),
                None => tombstone(TombstoneReason::Deleted),
            },
            SyncType::Comment => match now_state.comments.remove(&id) {
                Some(c) => Entry::Upsert(Upsert::Comment(c)),
                None => tombstone(TombstoneReason::Removed),
            },
            SyncType::Meeting => match now_state.meetings.remove(&id) {
                Some(m) => Entry::Upsert(Upsert::Meeting(m)),
                None => tombstone(TombstoneReason::Deleted),
            },
            SyncType::Participant => match now_state.participants.remove(&id) {
                Some(p) => Entry::Upsert(Upsert::Participant(p)),
                None => tombstone(TombstoneReason::Deleted),
            },
            SyncType::Region => match now_state.regions.remove(&id) {
                Some(r) => Entry::Upsert(Upsert::Region(r)),
                None => tombstone(TombstoneReason::Deleted),
            },
            SyncType::Tag => match now_state.tags.remove(&id) {
                Some(t) => Entry::Upsert(Upsert::Tag(t)),
                None => tombstone(TombstoneReason::Deleted),
            },
            SyncType::Organization => match now_state.organizations.remove(&id) {
                Some(o) => Entry::Upsert(Upsert::Organization(o)),
                None => tombstone(TombstoneReason::Deleted),
            },
        };
        entries.push(entry);
    }
    Ok(entries)
}
