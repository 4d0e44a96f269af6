//! What an article links to, loaded for many articles at once through the request's
//! loader (the one GraphQL resolvers use): a page of any size costs the same few
//! statements.

use std::{
    collections::{BTreeSet, HashMap},
    sync::Arc,
};

use uuid::Uuid;

use super::names::position_then;
pub use super::names::{person_name, region_name};
use super::pictures::{Photos, Picture};
use crate::{
    domain::{ArticleStatus, Language, MeetingRole},
    entity::{
        article, correction, meeting, meeting_participant, participant, participant_position,
        quote, region, retraction, tag,
    },
    error::AppResult,
    media::FileUrls,
    store::{
        loaders::{
            self, AttendeesOf, CorrectionsOf, GalleryOf, Loaders, MediaById, MeetingById,
            ParticipantById, ParticipantsOf, PositionById, QuotesOf, RegionById, RetractionOf,
            TagsOf, UserById,
        },
        relations::Wanted,
    },
};

/// A person an article mentions, with the part they played in its meeting.
#[derive(Debug, Clone)]
pub struct Person {
    pub participant: participant::Model,
    /// Their role, when they took part in the meeting the article covers.
    pub role: Option<MeetingRole>,
    /// The position they held at that meeting, in the article's language: as
    /// recorded in text for the meeting, else the title of the one held on its day.
    pub position_then: Option<String>,
}

impl Person {
    /// The name in `lang`, falling back as names do.
    pub fn name(&self, lang: Language) -> &str {
        person_name(&self.participant, lang)
    }
}

/// Everything an article links to that its representations show.
#[derive(Debug, Clone, Default)]
pub struct ArticleParts {
    pub region: Option<region::Model>,
    /// The author's public name.
    pub author: Option<String>,
    /// Tags, by name.
    pub tags: Vec<tag::Model>,
    pub meeting: Option<meeting::Model>,
    /// People mentioned, in the article's order (loaded with [`Detail::Full`]).
    pub people: Vec<Person>,
    /// Quotes in article order, each with its speaker (loaded with [`Detail::Full`]).
    pub quotes: Vec<(quote::Model, Option<participant::Model>)>,
    /// The positions the quotes' speakers held on the article's event, by id
    /// (`quote.position_id`; loaded with [`Detail::Full`]).
    pub speaker_positions: HashMap<Uuid, participant_position::Model>,
    /// Corrections, oldest first (loaded with [`Detail::Full`]).
    pub corrections: Vec<correction::Model>,
    /// The notice of a retracted article (loaded with [`Detail::Full`]).
    pub retraction: Option<retraction::Model>,
    /// The cover: the uploaded image when one is attached, else the linked picture.
    pub cover: Option<Picture>,
    /// The gallery's uploaded images, in order.
    pub gallery: Vec<Picture>,
    /// The photos of the meeting and the people shown (one set for a whole page).
    pub photos: Arc<Photos>,
}

/// How much to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Region, author, tags and meeting: what lists and feeds show.
    Summary,
    /// Those, and people, quotes and corrections: what one article shows.
    Full,
}

impl Detail {
    /// The relations read together for this much (`store::relations`).
    pub fn wanted(self) -> Wanted {
        let full = self == Detail::Full;
        Wanted {
            tags: true,
            author: true,
            meeting: true,
            participants: full,
            quotes: full,
            speakers: full,
            comment_count: false,
        }
    }
}

/// The parts of each of `articles`, keyed by article id; `urls` say where their
/// pictures' files are fetched.
pub async fn load(
    loaders: &Loaders,
    articles: &[article::Model],
    detail: Detail,
    urls: &FileUrls,
) -> AppResult<HashMap<Uuid, ArticleParts>> {
    // One read of the relations; the loads below then answer from the loader's cache.
    loaders::prime(loaders, articles, detail.wanted()).await?;
    let distinct = |f: fn(&article::Model) -> Option<Uuid>| {
        let mut v: Vec<Uuid> = articles.iter().filter_map(f).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let ids = || articles.iter().map(|a| a.id);
    // A retracted article shows no picture.
    let shown = || {
        articles
            .iter()
            .filter(|a| a.status != ArticleStatus::Retracted)
    };
    let mut covers: Vec<Uuid> = shown().filter_map(|a| a.cover_media_id).collect();
    covers.sort_unstable();
    covers.dedup();
    let (regions, authors, tags, meetings, covers, galleries) = tokio::try_join!(
        loaders.load_many(distinct(|a| a.region_id).into_iter().map(RegionById)),
        loaders.load_many(distinct(|a| a.author_id).into_iter().map(UserById)),
        loaders.load_many(ids().map(TagsOf)),
        loaders.load_many(distinct(|a| a.meeting_id).into_iter().map(MeetingById)),
        loaders.load_many(covers.into_iter().map(MediaById)),
        loaders.load_many(shown().map(|a| GalleryOf(a.id))),
    )?;
    let mut parts: HashMap<Uuid, ArticleParts> = articles
        .iter()
        .map(|a| {
            let part = ArticleParts {
                region: a
                    .region_id
                    .and_then(|id| regions.get(&RegionById(id)).cloned()),
                author: a
                    .author_id
                    .and_then(|id| authors.get(&UserById(id)).map(|u| u.display_name.clone())),
                meeting: a
                    .meeting_id
                    .and_then(|id| meetings.get(&MeetingById(id)).cloned()),
                tags: tags.get(&TagsOf(a.id)).cloned().unwrap_or_default(),
                cover: (a.status != ArticleStatus::Retracted)
                    .then(|| {
                        let uploaded = a.cover_media_id.and_then(|id| covers.get(&MediaById(id)));
                        Picture::cover(a, uploaded, urls)
                    })
                    .flatten(),
                gallery: galleries
                    .get(&GalleryOf(a.id))
                    .into_iter()
                    .flatten()
                    .map(|view| Picture::uploaded(view, a.lang, urls))
                    .collect(),
                ..ArticleParts::default()
            };
            (a.id, part)
        })
        .collect();
    if detail == Detail::Full {
        let retracted = articles
            .iter()
            .filter(|a| a.status == ArticleStatus::Retracted)
            .map(|a| RetractionOf(a.id));
        let (corrections, retractions, ()) = tokio::try_join!(
            async {
                Ok::<_, crate::error::AppError>(loaders.load_many(ids().map(CorrectionsOf)).await?)
            },
            async { Ok(loaders.load_many(retracted).await?) },
            load_people_and_quotes(loaders, articles, &mut parts),
        )?;
        for (CorrectionsOf(id), list) in corrections {
            if let Some(part) = parts.get_mut(&id) {
                part.corrections = list;
            }
        }
        for (RetractionOf(id), notice) in retractions {
            if let Some(part) = parts.get_mut(&id) {
                part.retraction = Some(notice);
            }
        }
    }
    // The photos of the meetings and people shown, in one more batch for the page.
    let photo_ids: BTreeSet<Uuid> = parts
        .values()
        .flat_map(|part| {
            let meeting = part.meeting.as_ref().and_then(|m| m.photo_media_id);
            let people = part.people.iter().map(|p| p.participant.photo_media_id);
            let speakers = part
                .quotes
                .iter()
                .map(|(_, speaker)| speaker.as_ref().and_then(|p| p.photo_media_id));
            std::iter::once(meeting).chain(people).chain(speakers)
        })
        .flatten()
        .collect();
    if !photo_ids.is_empty() {
        let views = loaders
            .load_many(photo_ids.into_iter().map(MediaById))
            .await?;
        let photos = Arc::new(Photos::of(views.into_values(), urls));
        for part in parts.values_mut() {
            part.photos = photos.clone();
        }
    }
    Ok(parts)
}

/// The parts of one article: what [`load`] gives for a list of one.
pub async fn load_one(
    loaders: &Loaders,
    article: &article::Model,
    detail: Detail,
    urls: &FileUrls,
) -> AppResult<ArticleParts> {
    let mut parts = load(loaders, std::slice::from_ref(article), detail, urls).await?;
    Ok(parts.remove(&article.id).unwrap_or_default())
}

async fn load_people_and_quotes(
    loaders: &Loaders,
    articles: &[article::Model],
    parts: &mut HashMap<Uuid, ArticleParts>,
) -> AppResult<()> {
    let meeting_of: HashMap<Uuid, Uuid> = articles
        .iter()
        .filter_map(|a| a.meeting_id.map(|m| (a.id, m)))
        .collect();
    let mut meetings: Vec<Uuid> = meeting_of.values().copied().collect();
    meetings.sort_unstable();
    meetings.dedup();
    let (mentioned, attendees, quotes) = tokio::try_join!(
        loaders.load_many(articles.iter().map(|a| ParticipantsOf(a.id))),
        loaders.load_many(meetings.into_iter().map(AttendeesOf)),
        loaders.load_many(articles.iter().map(|a| QuotesOf(a.id))),
    )?;
    // Speakers the articles do not list among their people, and the positions
    // the rows and quotes name, read together.
    let listed: BTreeSet<Uuid> = mentioned.values().flatten().map(|p| p.id).collect();
    let missing: BTreeSet<Uuid> = quotes
        .values()
        .flatten()
        .filter_map(|q| q.participant_id)
        .filter(|id| !listed.contains(id))
        .collect();
    let named: BTreeSet<Uuid> = attendees
        .values()
        .flatten()
        .filter_map(|(link, _)| link.position_id)
        .chain(quotes.values().flatten().filter_map(|q| q.position_id))
        .collect();
    let (speakers, positions) = tokio::try_join!(
        loaders.load_many(missing.into_iter().map(ParticipantById)),
        loaders.load_many(named.into_iter().map(PositionById)),
    )?;
    let held = |id: Option<Uuid>| id.and_then(|id| positions.get(&PositionById(id)));
    // Each person's row in the meeting, by meeting and person.
    let rows: HashMap<(Uuid, Uuid), meeting_participant::Model> = attendees
        .into_values()
        .flatten()
        .map(|(link, _)| ((link.meeting_id, link.participant_id), link))
        .collect();
    let mut known: HashMap<Uuid, participant::Model> = HashMap::new();
    for article in articles {
        let Some(part) = parts.get_mut(&article.id) else {
            continue;
        };
        for person in mentioned
            .get(&ParticipantsOf(article.id))
            .into_iter()
            .flatten()
        {
            known.insert(person.id, person.clone());
            let row = meeting_of
                .get(&article.id)
                .and_then(|m| rows.get(&(*m, person.id)));
            part.people.push(Person {
                participant: person.clone(),
                role: row.map(|r| r.role),
                position_then: row.and_then(|r| {
                    position_then(r.position.as_deref(), held(r.position_id), article.lang)
                        .map(str::to_owned)
                }),
            });
        }
    }
    known.extend(speakers.into_iter().map(|(ParticipantById(id), p)| (id, p)));
    for article in articles {
        let Some(part) = parts.get_mut(&article.id) else {
            continue;
        };
        for quote in quotes.get(&QuotesOf(article.id)).into_iter().flatten() {
            let speaker = quote.participant_id.and_then(|id| known.get(&id).cloned());
            if let Some(position) = held(quote.position_id) {
                part.speaker_positions.insert(position.id, position.clone());
            }
            part.quotes.push((quote.clone(), speaker));
        }
    }
    Ok(())
}
