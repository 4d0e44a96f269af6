//! Delta sync: `changes`, the public view of what changed since a cursor (the rule is
//! in [`crate::sync`], shared with REST).

use async_graphql::{Context, ID, Object, SimpleObject, Union};
use chrono::{DateTime, Utc};

use super::{
    article::Article,
    comment::Comment,
    context::ContextExt,
    ids::{self, NodeKind},
    meeting::Meeting,
    organization::Organization,
    participant::Participant,
    region::Region,
    tag::Tag,
};
use crate::sync::{self, Entry, SyncRequest, SyncType, TombstoneReason, Upsert};

/// The primary database, which delta sync reads whoever asks: an anonymous query
/// reads the replica, which may not yet hold the change a cursor (from REST, or an
/// earlier answer from the primary) names, and would refuse the cursor as reset.
pub struct Primary(pub sea_orm::DatabaseConnection);

/// Something the public may no longer see: delete it from what the app keeps.
#[derive(SimpleObject, Clone)]
pub struct Tombstone {
    /// What kind of thing it was.
    #[graphql(name = "type")]
    pub kind: SyncType,
    /// Its global id, as its `id` field gave it.
    pub id: ID,
    /// When it left public view.
    pub deleted_at: DateTime<Utc>,
    /// Why it left public view.
    pub reason: TombstoneReason,
}

/// One entry of `changes`: a thing as the public sees it now (each with its
/// `updatedAt`), or a `Tombstone` for one it may no longer see.
#[derive(Union)]
pub enum SyncItem {
    Article(Article),
    Comment(Comment),
    Meeting(Meeting),
    Participant(Participant),
    Region(Region),
    Tag(Tag),
    Organization(Organization),
    Tombstone(Tombstone),
}

/// A page of `changes`, oldest first.
#[derive(SimpleObject)]
pub struct ChangePage {
    /// The latest word on each thing that changed, oldest first.
    pub items: Vec<SyncItem>,
    /// Pass as `after` next time. Keep it even when `items` is empty: it moves on.
    pub cursor: String,
    /// Whether more changes follow at once: ask again with `cursor` straight away.
    pub has_more: bool,
}

fn node_kind(kind: SyncType) -> NodeKind {
    match kind {
        SyncType::Article => NodeKind::Article,
        SyncType::Comment => NodeKind::Comment,
        SyncType::Meeting => NodeKind::Meeting,
        SyncType::Participant => NodeKind::Participant,
        SyncType::Region => NodeKind::Region,
        SyncType::Tag => NodeKind::Tag,
        SyncType::Organization => NodeKind::Organization,
    }
}

/// Root field for delta sync.
#[derive(Default)]
pub struct SyncQuery;

#[Object]
impl SyncQuery {
    /// What changed in public view since `after`, oldest first: for apps that keep
    /// content offline. Without `after`, no items and the cursor of now: load
    /// everything, then sync from that cursor. Things the public may see are given as
    /// they are now; things it may no longer see (deleted, unpublished, archived
    /// articles, removed comments) as a `Tombstone`. Drafts, pending comments and
    /// staff-only fields never appear. Changes are kept 14 days: an older cursor gets
    /// `CURSOR_EXPIRED`, and the app loads everything again.
    #[graphql(complexity = "super::connection::cost(first, None, child_complexity)")]
    async fn changes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The `cursor` of the previous page; none to start now.")] after: Option<
            String,
        >,
        #[graphql(
            desc = "How many changes to read, 0 to 100, default 20: each thing appears once, with its latest change, so a page may hold fewer items."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "Only these kinds of things (default: all). Keep the same types for a cursor."
        )]
        types: Option<Vec<SyncType>>,
    ) -> async_graphql::Result<ChangePage> {
        let request = SyncRequest::parse(after.as_deref(), first.map(i64::from), "first", types)?;
        let primary = &ctx.data_unchecked::<Primary>().0;
        let page = sync::changes(primary, ctx.now(), &request).await?;
        let articles: Vec<_> = page
            .entries
            .iter()
            .filter_map(|e| match e {
                Entry::Upsert(Upsert::Article(a)) => Some(a.clone()),
                _ => None,
            })
            .collect();
        super::prefetch::articles(ctx, &articles).await?;
        let items = page
            .entries
            .into_iter()
            .map(|entry| match entry {
                Entry::Upsert(Upsert::Article(a)) => SyncItem::Article(Article(a)),
                Entry::Upsert(Upsert::Comment(c)) => SyncItem::Comment(Comment(c)),
                Entry::Upsert(Upsert::Meeting(m)) => SyncItem::Meeting(Meeting::new(m)),
                Entry::Upsert(Upsert::Participant(p)) => SyncItem::Participant(Participant::new(p)),
                Entry::Upsert(Upsert::Region(r)) => SyncItem::Region(Region::new(r)),
                Entry::Upsert(Upsert::Tag(t)) => SyncItem::Tag(Tag::new(t)),
                Entry::Upsert(Upsert::Organization(o)) => {
                    SyncItem::Organization(Organization::new(o))
                }
                Entry::Tombstone(t) => SyncItem::Tombstone(Tombstone {
                    kind: t.kind,
                    id: ids::encode(node_kind(t.kind), t.id),
                    deleted_at: t.deleted_at,
                    reason: t.reason,
                }),
            })
            .collect();
        Ok(ChangePage {
            items,
            cursor: page.cursor,
            has_more: page.has_more,
        })
    }
}
