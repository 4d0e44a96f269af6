//! Batched loading of every relation, per request, for GraphQL and REST alike: a
//! resolver or a representation asks for one key each, and the loader answers all
//! keys of a kind with one query. [`children`] loads lists under many parents.

pub mod children;

use std::collections::HashMap;

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::{
    entity::{
        agenda_item, article, comment, correction, meeting, meeting_participant, organization,
        organization_member, participant, participant_honour, participant_position, quote, region,
        retraction, tag, user,
    },
    error::AppError,
    store::{
        self,
        articles::ArticleScope,
        comments::CommentAccess,
        media::MediaView,
        regions::RegionCache,
        related::RelatedSource,
        relations::{ArticleRef, Relations, Wanted},
    },
};

/// A loading failure, shareable between the resolvers that waited for it.
#[derive(Debug, Clone)]
pub struct LoadError(pub std::sync::Arc<AppError>);

impl From<AppError> for LoadError {
    fn from(err: AppError) -> Self {
        LoadError(std::sync::Arc::new(err))
    }
}

impl From<LoadError> for AppError {
    fn from(err: LoadError) -> Self {
        std::sync::Arc::try_unwrap(err.0)
            .unwrap_or_else(|shared| AppError::Internal(format!("{shared:?}")))
    }
}

/// What the loaders read with: the database, the reader's visibility, and the
/// regions held in memory.
pub struct Db {
    pub conn: DatabaseConnection,
    pub scope: ArticleScope,
    pub comments: CommentAccess,
    pub regions: RegionCache,
}

/// The per-request loader. Its cache lives as long as the request, so what one field
/// loaded (or a look-ahead loaded before it) is not loaded again.
pub type Loaders = DataLoader<Db, HashMapCache>;

/// A loader for one request.
pub fn for_request(
    conn: DatabaseConnection,
    scope: ArticleScope,
    comments: CommentAccess,
    regions: RegionCache,
) -> Loaders {
    DataLoader::with_cache(
        Db {
            conn,
            scope,
            comments,
            regions,
        },
        tokio::spawn,
        HashMapCache::default(),
    )
}

/// Keys: each names what is loaded for an id.
macro_rules! key {
    ($($(#[$doc:meta])* $name:ident),+ $(,)?) => {
        $($(#[$doc])* #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)] pub struct $name(pub Uuid);)+
    };
}

key! {
    /// A region by id.
    RegionById,
    /// A user by id.
    UserById,
    /// A meeting by id.
    MeetingById,
    /// A person by id.
    ParticipantById,
    /// A tag by id.
    TagById,
    /// An article by id, if visible.
    ArticleById,
    /// A comment by id, if visible.
    CommentById,
    /// A quote by id (seen only where its article is: the caller checks).
    QuoteById,
    /// The tags of an article.
    TagsOf,
    /// The people an article mentions.
    ParticipantsOf,
    /// The quotes of an article.
    QuotesOf,
    /// The approved comment count of an article.
    CommentCountOf,
    /// The agenda of a meeting.
    AgendaOf,
    /// Who took part in a meeting.
    AttendeesOf,
    /// The visible articles of a translation group.
    TranslationsOf,
    /// An organisation by id.
    OrganizationById,
    /// The organisations directly within an organisation.
    DivisionsOf,
    /// The members of an organisation.
    MembersOf,
    /// The organisations a person belongs to.
    MembershipsOf,
    /// The corrections of an article, oldest first.
    CorrectionsOf,
    /// The retraction notice of an article, if it was retracted.
    RetractionOf,
    /// An uploaded image with its files.
    MediaById,
    /// The gallery of an article: its uploaded images in order.
    GalleryOf,
    /// A person's positions, newest first.
    PositionsOf,
    /// A person's honours, in order.
    HonoursOf,
    /// A position by id.
    PositionById,
}

/// The related articles of an article, up to a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RelatedOf {
    pub source: RelatedSource,
    pub limit: u64,
}

/// What a page shows beside an article: the relations of every article asked for
/// within a moment are read together (one statement on PostgreSQL), whichever
/// page or parent they belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RelationsOf {
    pub article: ArticleRef,
    pub wanted: Wanted,
}

/// Reads the relations shown beside each of `articles` together and hands each to
/// the loader a field or a representation asks, so those resolve from memory.
pub async fn prime(
    loaders: &Loaders,
    articles: &[article::Model],
    wanted: Wanted,
) -> Result<(), LoadError> {
    let keys = articles.iter().map(|a| RelationsOf {
        article: ArticleRef::of(a),
        wanted,
    });
    let found = loaders.load_many(keys).await?;
    let (mut tags, mut people, mut quotes, mut counts) = (vec![], vec![], vec![], vec![]);
    let (mut speakers, mut authors, mut meetings) = (vec![], vec![], vec![]);
    for (key, relations) in found {
        let (id, article) = (key.article.id, key.article);
        if wanted.tags {
            tags.push((TagsOf(id), relations.tags));
        }
        if wanted.participants {
            people.push((ParticipantsOf(id), relations.participants));
        }
        if wanted.quotes {
            quotes.push((QuotesOf(id), relations.quotes));
        }
        if wanted.comment_count {
            counts.push((CommentCountOf(id), relations.comment_count));
        }
        speakers.extend(
            relations
                .speakers
                .into_iter()
                .map(|p| (ParticipantById(p.id), p)),
        );
        if let (Some(author), Some(user)) = (article.author_id, relations.author) {
            authors.push((UserById(author), user));
        }
        if let (Some(meeting), Some(found)) = (article.meeting_id, relations.meeting) {
            meetings.push((MeetingById(meeting), found));
        }
    }
    loaders.feed_many(tags).await;
    loaders.feed_many(people).await;
    loaders.feed_many(quotes).await;
    loaders.feed_many(counts).await;
    loaders.feed_many(speakers).await;
    loaders.feed_many(authors).await;
    loaders.feed_many(meetings).await;
    Ok(())
}

fn ids<K: Copy>(keys: &[K], id: impl Fn(K) -> Uuid) -> Vec<Uuid> {
    keys.iter().map(|k| id(*k)).collect()
}

/// Groups rows by key, with an entry (maybe empty) for every key asked: the cache
/// then remembers "none" too, and a field never loads again what was loaded ahead.
fn grouped<K: std::hash::Hash + Eq + Copy, V>(
    keys: &[K],
    rows: impl IntoIterator<Item = (K, V)>,
) -> HashMap<K, Vec<V>> {
    let mut map: HashMap<K, Vec<V>> = keys.iter().map(|k| (*k, Vec::new())).collect();
    for (k, v) in rows {
        map.entry(k).or_default().push(v);
    }
    map
}

macro_rules! by_id_loader {
    ($key:ident, $value:ty, |$db:ident, $ids:ident| $fetch:expr) => {
        impl Loader<$key> for Db {
            type Value = $value;
            type Error = LoadError;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, $value>, LoadError> {
                let ($db, $ids) = (self, ids(keys, |k| k.0));
                let rows: Vec<$value> = $fetch.await?;
                Ok(rows.into_iter().map(|row| ($key(row.id), row)).collect())
            }
        }
    };
}

by_id_loader!(RegionById, region::Model, |db, ids| db
    .regions
    .by_ids(&db.conn, &ids));
by_id_loader!(UserById, user::Model, |db, ids| store::users::by_ids(
    &db.conn, &ids
));
by_id_loader!(MeetingById, meeting::Model, |db, ids| {
    store::meetings::by_ids(&db.conn, &ids)
});
by_id_loader!(ParticipantById, participant::Model, |db, ids| {
    store::participants::by_ids(&db.conn, &ids)
});
by_id_loader!(TagById, tag::Model, |db, ids| store::tags::by_ids(
    &db.conn, &ids
));
by_id_loader!(ArticleById, article::Model, |db, ids| {
    store::articles::by_ids(&db.conn, &db.scope, &ids)
});
by_id_loader!(CommentById, comment::Model, |db, ids| {
    store::comments::by_ids(&db.conn, db.comments, &db.scope, &ids)
});

by_id_loader!(OrganizationById, organization::Model, |db, ids| {
    store::organizations::by_ids(&db.conn, &ids)
});

impl Loader<DivisionsOf> for Db {
    type Value = Vec<organization::Model>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[DivisionsOf],
    ) -> Result<HashMap<DivisionsOf, Self::Value>, LoadError> {
        let rows = store::organizations::children(&self.conn, &ids(keys, |k| k.0)).await?;
        Ok(grouped(
            keys,
            rows.into_iter()
                .filter_map(|org| org.parent_id.map(|p| (DivisionsOf(p), org))),
        ))
    }
}

impl Loader<MembersOf> for Db {
    type Value = Vec<(organization_member::Model, participant::Model)>;
    type Error = LoadError;

    async fn load(&self, keys: &[MembersOf]) -> Result<HashMap<MembersOf, Self::Value>, LoadError> {
        let rows = store::organizations::members(&self.conn, &ids(keys, |k| k.0)).await?;
        Ok(grouped(
            keys,
            rows.into_iter()
                .map(|row| (MembersOf(row.0.organization_id), row)),
        ))
    }
}

impl Loader<MembershipsOf> for Db {
    type Value = Vec<(organization_member::Model, organization::Model)>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[MembershipsOf],
    ) -> Result<HashMap<MembershipsOf, Self::Value>, LoadError> {
        let rows = store::organizations::memberships(&self.conn, &ids(keys, |k| k.0)).await?;
        Ok(grouped(
            keys,
            rows.into_iter()
                .map(|row| (MembershipsOf(row.0.participant_id), row)),
        ))
    }
}

impl Loader<MediaById> for Db {
    type Value = MediaView;
    type Error = LoadError;

    async fn load(&self, keys: &[MediaById]) -> Result<HashMap<MediaById, MediaView>, LoadError> {
        let views = store::media::views(&self.conn, &ids(keys, |k| k.0)).await?;
        Ok(views
            .into_iter()
            .map(|view| (MediaById(view.media.id), view))
            .collect())
    }
}

impl Loader<GalleryOf> for Db {
    type Value = Vec<MediaView>;
    type Error = LoadError;

    async fn load(&self, keys: &[GalleryOf]) -> Result<HashMap<GalleryOf, Self::Value>, LoadError> {
        let links = store::media::galleries(&self.conn, &ids(keys, |k| k.0)).await?;
        let mut wanted: Vec<Uuid> = links.iter().map(|(_, m)| *m).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let views: HashMap<Uuid, MediaView> = store::media::views(&self.conn, &wanted)
            .await?
            .into_iter()
            .map(|view| (view.media.id, view))
            .collect();
        Ok(grouped(
            keys,
            links.into_iter().filter_map(|(article, media)| {
                Some((GalleryOf(article), views.get(&media)?.clone()))
            }),
        ))
    }
}

by_id_loader!(QuoteById, quote::Model, |db, ids| store::quotes::by_ids(
    &db.conn, &ids
));

impl Loader<TagsOf> for Db {
    type Value = Vec<tag::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[TagsOf]) -> Result<HashMap<TagsOf, Self::Value>, LoadError> {
        let rows = store::tags::by_articles(&self.conn, &ids(keys, |k| k.0)).await?;
        Ok(grouped(keys, rows.into_iter().map(|(a, t)| (TagsOf(a), t))))
    }
}

impl Loader<ParticipantsOf> for Db {
    type Value = Vec<participant::Model>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[ParticipantsOf],
    ) -> Result<HashMap<ParticipantsOf, Self::Value>, LoadError> {
        let rows = store::participants::by_articles(&self.conn, &ids(keys, |k| k.0)).await?;
        Ok(grouped(
            keys,
            rows.into_iter().map(|(a, p)| (ParticipantsOf(a), p)),
        ))
    }
}

impl Loader<QuotesOf> for Db {
    type Value = Vec<quote::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[QuotesOf]) -> Result<HashMap<QuotesOf, Self::Value>, LoadError> {
        let rows = store::quotes::by_articles(&self.conn, &ids(keys, |k| k.0)).await?;
        Ok(grouped(
            keys,
            rows.into_iter().map(|q| (QuotesOf(q.article_id), q)),
        ))
    }
}

impl Loader<CorrectionsOf> for Db {
    type Value = Vec<correction::Model>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[CorrectionsOf],
    ) -> Result<HashMap<CorrectionsOf, Self::Value>, LoadError> {
        let rows = store::corrections::by_articles(&self.conn, &ids(keys, |k| k.0)).await?;
        Ok(grouped(
            keys,
            rows.into_iter().map(|c| (CorrectionsOf(c.article_id), c)),
        ))
    }
}

impl Loader<RetractionOf> for Db {
    type Value = retraction::Model;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[RetractionOf],
    ) -> Result<HashMap<RetractionOf, Self::Value>, LoadError> {
        let rows = store::corrections::retractions(&self.conn, &ids(keys, |k| k.0)).await?;
        Ok(rows
            .into_iter()
            .map(|r| (RetractionOf(r.article_id), r))
            .collect())
    }
}

impl Loader<CommentCountOf> for Db {
    type Value = u64;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[CommentCountOf],
    ) -> Result<HashMap<CommentCountOf, u64>, LoadError> {
        let rows = store::comments::approved_counts(&self.conn, &ids(keys, |k| k.0)).await?;
        // Articles without comments get no row; their zero is cached all the same.
        let mut counts: HashMap<CommentCountOf, u64> = keys.iter().map(|k| (*k, 0)).collect();
        counts.extend(rows.into_iter().map(|(a, n)| (CommentCountOf(a), n)));
        Ok(counts)
    }
}

by_id_loader!(PositionById, participant_position::Model, |db, ids| {
    store::positions::by_ids(&db.conn, &ids)
});

impl Loader<PositionsOf> for Db {
    type Value = Vec<participant_position::Model>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[PositionsOf],
    ) -> Result<HashMap<PositionsOf, Self::Value>, LoadError> {
        let rows = store::positions::of_people(&self.conn, &ids(keys, |k| k.0)).await?;
        Ok(grouped(
            keys,
            rows.into_iter().map(|p| (PositionsOf(p.participant_id), p)),
        ))
    }
}

impl Loader<HonoursOf> for Db {
    type Value = Vec<participant_honour::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[HonoursOf]) -> Result<HashMap<HonoursOf, Self::Value>, LoadError> {
        let rows = store::positions::honours_of(&self.conn, &ids(keys, |k| k.0)).await?;
        Ok(grouped(
            keys,
            rows.into_iter().map(|h| (HonoursOf(h.participant_id), h)),
        ))
    }
}

impl Loader<AgendaOf> for Db {
    type Value = Vec<agenda_item::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[AgendaOf]) -> Result<HashMap<AgendaOf, Self::Value>, LoadError> {
        let rows = store::meetings::agenda(&self.conn, &ids(keys, |k| k.0)).await?;
        Ok(grouped(
            keys,
            rows.into_iter()
                .map(|item| (AgendaOf(item.meeting_id), item)),
        ))
    }
}

impl Loader<AttendeesOf> for Db {
    type Value = Vec<(meeting_participant::Model, participant::Model)>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[AttendeesOf],
    ) -> Result<HashMap<AttendeesOf, Self::Value>, LoadError> {
        let rows = store::meetings::participants(&self.conn, &ids(keys, |k| k.0)).await?;
        Ok(grouped(
            keys,
            rows.into_iter()
                .map(|row| (AttendeesOf(row.0.meeting_id), row)),
        ))
    }
}

impl Loader<TranslationsOf> for Db {
    type Value = Vec<article::Model>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[TranslationsOf],
    ) -> Result<HashMap<TranslationsOf, Self::Value>, LoadError> {
        let rows =
            store::articles::by_translation_groups(&self.conn, &self.scope, &ids(keys, |k| k.0))
                .await?;
        Ok(grouped(
            keys,
            rows.into_iter()
                .map(|a| (TranslationsOf(a.translation_group_id), a)),
        ))
    }
}

impl Loader<RelatedOf> for Db {
    type Value = Vec<article::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[RelatedOf]) -> Result<HashMap<RelatedOf, Self::Value>, LoadError> {
        // One batch for the largest limit asked; each key keeps its own share.
        let limit = keys.iter().map(|k| k.limit).max().unwrap_or(0);
        let sources: Vec<RelatedSource> = keys.iter().map(|k| k.source).collect();
        let found = store::related::for_articles(&self.conn, &self.scope, &sources, limit).await?;
        Ok(keys
            .iter()
            .map(|k| {
                let mut list = found.get(&k.source.id).cloned().unwrap_or_default();
                list.truncate(k.limit as usize);
                (*k, list)
            })
            .collect())
    }
}

impl Loader<RelationsOf> for Db {
    type Value = Relations;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[RelationsOf],
    ) -> Result<HashMap<RelationsOf, Relations>, LoadError> {
        // Pages that ask for different relations share one read of all of them.
        let wanted = keys
            .iter()
            .fold(Wanted::default(), |all, k| all.union(k.wanted));
        let mut articles: Vec<ArticleRef> = keys.iter().map(|k| k.article).collect();
        articles.sort_by_key(|a| a.id);
        articles.dedup();
        let mut found = store::relations::of_articles(&self.conn, &articles, wanted).await?;
        // An article asked for twice (two pages wanting different relations) gets a
        // copy for all but its last key.
        let mut left: HashMap<Uuid, usize> = HashMap::new();
        for k in keys {
            *left.entry(k.article.id).or_default() += 1;
        }
        Ok(keys
            .iter()
            .map(|k| {
                let n = left.get_mut(&k.article.id).expect("counted above");
                *n -= 1;
                let relations = if *n == 0 {
                    found.remove(&k.article.id)
                } else {
                    found.get(&k.article.id).cloned()
                };
                (*k, relations.unwrap_or_default())
            })
            .collect())
    }
}
