//! Loads the demo content of [`super::content`] in one transaction.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait};
use serde_json::json;
use uuid::Uuid;

use super::content::{self, DemoPublication, MeetingTexts};
use crate::{
    auth::password,
    domain::{Language, html, slug},
    entity::{
        agenda_item, article, article_participant, article_tag, comment, correction, meeting,
        meeting_participant, organization, organization_member, participant, participant_honour,
        participant_position, quote, region, related_article, retraction, tag, user,
    },
};

/// Keys of the demo content mapped to the ids they were given.
#[derive(Default)]
struct Ids {
    regions: HashMap<String, Uuid>,
    users: HashMap<&'static str, Uuid>,
    tags: HashMap<&'static str, Uuid>,
    participants: HashMap<&'static str, Uuid>,
    meetings: HashMap<&'static str, Uuid>,
    organizations: HashMap<&'static str, Uuid>,
    articles: HashMap<&'static str, (Uuid, Option<DateTime<Utc>>)>,
    comments: HashMap<&'static str, (Uuid, i32)>,
}

fn missing(what: &str, key: &str) -> DbErr {
    DbErr::Custom(format!("demo content names an unknown {what} `{key}`"))
}

/// Inserts every user, tag, person, meeting, article and comment of the demo set,
/// dated relative to `now`.
pub async fn load(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<(), DbErr> {
    // Hashing is slow on purpose: it is done before the write lock is taken.
    let hashes = content::USERS
        .iter()
        .map(|u| password::hash(u.password).map_err(|e| DbErr::Custom(e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    // The write lock is taken first: a deferred SQLite transaction that has read
    // fails at once, without waiting, when another connection writes meanwhile.
    let txn = crate::db::begin_write(db).await?;
    let mut ids = Ids::default();
    for r in region::Entity::find().all(&txn).await? {
        ids.regions.insert(r.code, r.id);
    }
    insert_users(&txn, &mut ids, hashes, now).await?;
    insert_tags(&txn, &mut ids, now).await?;
    insert_participants(&txn, &mut ids, now).await?;
    insert_organizations(&txn, &mut ids, now).await?;
    insert_meetings(&txn, &mut ids, now).await?;
    insert_articles(&txn, &mut ids, now).await?;
    insert_comments(&txn, &mut ids).await?;
    insert_careers(&txn, &ids).await?;
    crate::store::search_index::backfill(&txn).await?;
    txn.commit().await
}

/// Dated positions and honours, in three languages; then every meeting row and quote
/// of those people names the position held on its day, as the editorial service
/// would have set it.
async fn insert_careers(txn: &impl ConnectionTrait, ids: &Ids) -> Result<(), DbErr> {
    let day = |s: Option<&str>| -> Result<Option<NaiveDate>, DbErr> {
        s.map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| missing("date", s)))
            .transpose()
    };
    let org = |key: Option<&str>| -> Result<Option<Uuid>, DbErr> {
        key.map(|k| {
            ids.organizations
                .get(k)
                .copied()
                .ok_or_else(|| missing("organization", k))
        })
        .transpose()
    };
    let person = |key: &str| -> Result<Uuid, DbErr> {
        ids.participants
            .get(key)
            .copied()
            .ok_or_else(|| missing("participant", key))
    };
    let mut people = Vec::new();
    for p in content::POSITIONS {
        let [ru, kk, en] = p.title;
        let id = person(p.participant)?;
        people.push(id);
        participant_position::Entity::insert(participant_position::ActiveModel {
            id: Set(Uuid::now_v7()),
            participant_id: Set(id),
            organization_id: Set(org(p.organization)?),
            title_ru: Set(ru.to_owned()),
            title_kk: Set(Some(kk.to_owned())),
            title_en: Set(Some(en.to_owned())),
            from_date: Set(day(p.from)?),
            to_date: Set(day(p.to)?),
        })
        .exec(txn)
        .await?;
    }
    for p in content::PARTICIPANTS {
        let id = person(p.key)?;
        for (order, title) in p.honours.iter().enumerate() {
            let known = content::HONOURS
                .iter()
                .find(|(key, ru, ..)| *key == p.key && ru == title);
            participant_honour::Entity::insert(participant_honour::ActiveModel {
                id: Set(Uuid::now_v7()),
                participant_id: Set(id),
                sort_order: Set(order as i32),
                title_ru: Set((*title).to_owned()),
                title_kk: Set(known.map(|h| h.2.to_owned())),
                title_en: Set(known.map(|h| h.3.to_owned())),
                awarded_on: Set(day(known.and_then(|h| h.4))?),
                awarded_by_organization_id: Set(org(known.and_then(|h| h.5))?),
                awarded_by: Set(None),
            })
            .exec(txn)
            .await?;
        }
    }
    people.dedup();
    for id in people {
        crate::editorial::held::repoint(txn, id, crate::editorial::held::Chosen::Kept)
            .await
            .map_err(|e| DbErr::Custom(format!("{e:?}")))?;
    }
    Ok(())
}

fn region_id(ids: &Ids, code: &str) -> Result<Uuid, DbErr> {
    ids.regions
        .get(code)
        .copied()
        .ok_or_else(|| missing("region", code))
}

async fn insert_users(
    txn: &impl ConnectionTrait,
    ids: &mut Ids,
    hashes: Vec<String>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut rows = Vec::new();
    for (u, hash) in content::USERS.iter().zip(hashes) {
        let id = Uuid::now_v7();
        ids.users.insert(u.key, id);
        rows.push(user::ActiveModel {
            id: Set(id),
            email: Set(u.email.to_owned()),
            email_normalized: Set(u.email.to_lowercase()),
            display_name: Set(u.display_name.to_owned()),
            role: Set(u.role),
            password_hash: Set(hash),
            disabled: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
        });
    }
    user::Entity::insert_many(rows).exec(txn).await?;
    Ok(())
}

async fn insert_tags(
    txn: &impl ConnectionTrait,
    ids: &mut Ids,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let rows = content::TAGS.iter().map(|t| {
        let id = Uuid::now_v7();
        ids.tags.insert(t.slug, id);
        tag::ActiveModel {
            id: Set(id),
            slug: Set(t.slug.to_owned()),
            name: Set(t.name.to_owned()),
            name_kk: Set(content::tag_names(t.slug).map(|(kk, _)| kk.to_owned())),
            name_en: Set(content::tag_names(t.slug).map(|(_, en)| en.to_owned())),
            created_at: Set(now),
            updated_at: Set(now),
        }
    });
    tag::Entity::insert_many(rows.collect::<Vec<_>>())
        .exec(txn)
        .await?;
    Ok(())
}

async fn insert_participants(
    txn: &impl ConnectionTrait,
    ids: &mut Ids,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let editor = ids.users.get("editor").copied();
    let mut rows = Vec::new();
    let mut slugs = HashSet::new();
    for p in content::PARTICIPANTS {
        let id = Uuid::now_v7();
        ids.participants.insert(p.key, id);
        let slug = unique(&mut slugs, slug::slugify(p.full_name_ru));
        rows.push(participant::ActiveModel {
            id: Set(id),
            slug: Set(slug),
            full_name_ru: Set(p.full_name_ru.to_owned()),
            full_name_kk: Set(p.full_name_kk.map(str::to_owned)),
            full_name_en: Set(p.full_name_en.map(str::to_owned)),
            position: Set(p.position.map(str::to_owned)),
            organization: Set(p.organization.map(str::to_owned)),
            honours: Set(json!(p.honours)),
            region_id: Set(p.region_code.map(|c| region_id(ids, c)).transpose()?),
            photo_media_id: Set(None),
            created_by: Set(editor),
            updated_by: Set(editor),
            created_at: Set(now),
            updated_at: Set(now),
        });
    }
    participant::Entity::insert_many(rows).exec(txn).await?;
    Ok(())
}

async fn insert_organizations(
    txn: &impl ConnectionTrait,
    ids: &mut Ids,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let editor = ids.users.get("editor").copied();
    let mut slugs = HashSet::new();
    for o in content::ORGANIZATIONS {
        let id = Uuid::now_v7();
        let parent = o
            .parent
            .map(|key| {
                ids.organizations
                    .get(key)
                    .copied()
                    .ok_or_else(|| missing("organization", key))
            })
            .transpose()?;
        ids.organizations.insert(o.key, id);
        let [abbreviation_ru, abbreviation_kk, abbreviation_en] =
            o.abbreviations.map(|a| a.map(str::to_owned));
        organization::Entity::insert(organization::ActiveModel {
            id: Set(id),
            slug: Set(unique(&mut slugs, slug::slugify(o.name_ru))),
            kind: Set(o.kind),
            name_ru: Set(o.name_ru.to_owned()),
            name_kk: Set(Some(o.name_kk.to_owned())),
            name_en: Set(Some(o.name_en.to_owned())),
            abbreviation_ru: Set(abbreviation_ru),
            abbreviation_kk: Set(abbreviation_kk),
            abbreviation_en: Set(abbreviation_en),
            region_id: Set(o.region_code.map(|c| region_id(ids, c)).transpose()?),
            parent_id: Set(parent),
            created_by: Set(editor),
            updated_by: Set(editor),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .exec(txn)
        .await?;
        for (member, order) in o.members.iter().zip(0..) {
            let person = ids
                .participants
                .get(member.participant)
                .copied()
                .ok_or_else(|| missing("person", member.participant))?;
            organization_member::Entity::insert(organization_member::ActiveModel {
                organization_id: Set(id),
                participant_id: Set(person),
                role: Set(member.role.map(str::to_owned)),
                sort_order: Set(order),
            })
            .exec(txn)
            .await?;
        }
    }
    Ok(())
}

async fn insert_meetings(
    txn: &impl ConnectionTrait,
    ids: &mut Ids,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let editor = ids.users.get("editor").copied();
    let mut slugs = HashSet::new();
    for m in content::MEETINGS {
        let id = Uuid::now_v7();
        ids.meetings.insert(m.key, id);
        let held_on = NaiveDate::parse_from_str(m.held_on, "%Y-%m-%d")
            .map_err(|_| missing("date", m.held_on))?;
        let slug = unique(
            &mut slugs,
            slug::slugify(&format!("{} {}", m.title, m.held_on)),
        );
        let texts = content::meeting_texts(m.key);
        let kk = |pick: fn(&MeetingTexts) -> (&'static str, &'static str)| {
            texts.map(|t| pick(t).0.to_owned())
        };
        let en = |pick: fn(&MeetingTexts) -> (&'static str, &'static str)| {
            texts.map(|t| pick(t).1.to_owned())
        };
        meeting::Entity::insert(meeting::ActiveModel {
            id: Set(id),
            slug: Set(slug),
            title: Set(m.title.to_owned()),
            title_kk: Set(kk(|t| t.title)),
            title_en: Set(en(|t| t.title)),
            body: Set(m.body.to_owned()),
            body_kk: Set(kk(|t| t.body)),
            body_en: Set(en(|t| t.body)),
            kind: Set(m.kind),
            held_on: Set(held_on),
            region_id: Set(region_id(ids, m.region_code)?),
            venue: Set(m.venue.map(str::to_owned)),
            venue_kk: Set(m.venue.and(kk(|t| t.venue))),
            venue_en: Set(m.venue.and(en(|t| t.venue))),
            organization_id: Set(m
                .organization
                .map(|key| {
                    ids.organizations
                        .get(key)
                        .copied()
                        .ok_or_else(|| missing("organization", key))
                })
                .transpose()?),
            photo_media_id: Set(None),
            created_by: Set(editor),
            updated_by: Set(editor),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .exec(txn)
        .await?;
        let agenda = m.agenda.iter().zip(0..).map(|(item, position)| {
            let translated = texts.and_then(|t| t.agenda.get(position as usize));
            agenda_item::ActiveModel {
                id: Set(Uuid::now_v7()),
                meeting_id: Set(id),
                position: Set(position),
                title: Set(item.title.to_owned()),
                title_kk: Set(translated.map(|(kk, _)| (*kk).to_owned())),
                title_en: Set(translated.map(|(_, en)| (*en).to_owned())),
                description: Set(item.description.map(str::to_owned)),
                description_kk: Set(None),
                description_en: Set(None),
            }
        });
        agenda_item::Entity::insert_many(agenda.collect::<Vec<_>>())
            .exec(txn)
            .await?;
        let mut people = Vec::new();
        for (mp, order) in m.participants.iter().zip(0..) {
            people.push(meeting_participant::ActiveModel {
                meeting_id: Set(id),
                participant_id: Set(*ids
                    .participants
                    .get(mp.participant)
                    .ok_or_else(|| missing("participant", mp.participant))?),
                role: Set(mp.role),
                position: Set(mp.position.map(str::to_owned)),
                sort_order: Set(order),
                position_id: Set(None),
                position_chosen: Set(false),
            });
        }
        meeting_participant::Entity::insert_many(people)
            .exec(txn)
            .await?;
    }
    Ok(())
}

fn publication_time(
    p: &DemoPublication,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    Ok(match p {
        DemoPublication::At(at) => Some(
            DateTime::parse_from_rfc3339(at)
                .map_err(|_| missing("time", at))?
                .to_utc(),
        ),
        DemoPublication::ScheduledInDays(days) => Some(now + Duration::days(i64::from(*days))),
        DemoPublication::Unpublished => None,
    })
}

async fn insert_articles(
    txn: &impl ConnectionTrait,
    ids: &mut Ids,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    // Ids first, so translations and "read also" may point forward.
    for a in content::ARTICLES {
        ids.articles.insert(
            a.key,
            (Uuid::now_v7(), publication_time(&a.published, now)?),
        );
    }
    let mut slugs: HashMap<Language, HashSet<String>> = HashMap::new();
    let (mut tags, mut people, mut quotes, mut related) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut rows = Vec::new();
    for a in content::ARTICLES {
        let (id, published_at) = ids.articles[a.key];
        let group = match a.translation_of {
            Some(original) => {
                ids.articles
                    .get(original)
                    .ok_or_else(|| missing("article", original))?
                    .0
            }
            None => id,
        };
        let author = *ids
            .users
            .get(a.author)
            .ok_or_else(|| missing("user", a.author))?;
        let slug = unique(slugs.entry(a.lang).or_default(), slug::slugify(a.title));
        let created = published_at.map_or(now, |at| at.min(now) - Duration::hours(3));
        // Written three hours before publication and last changed by publishing it, as
        // the editorial flow would leave it; a scheduled article was last changed when
        // it was scheduled (now); a corrected or retracted one, by its last correction
        // or its retraction.
        let updated = published_at.map_or(now, |at| at.min(now));
        let updated = last_touched(a.key)?.map_or(updated, |at| at.max(updated).min(now));
        let byline = content::placement::byline(a.key);
        rows.push(article::ActiveModel {
            id: Set(id),
            translation_group_id: Set(group),
            lang: Set(a.lang),
            slug: Set(slug),
            title: Set(a.title.to_owned()),
            lead: Set(a.lead.map(str::to_owned)),
            body: Set(html::sanitize(a.body)),
            status: Set(a.status),
            published_at: Set(published_at),
            announced_at: Set(published_at.filter(|at| *at <= now)),
            region_id: Set(a.region_code.map(|c| region_id(ids, c)).transpose()?),
            author_id: Set(Some(author)),
            meeting_id: Set(a
                .meeting
                .map(|m| {
                    ids.meetings
                        .get(m)
                        .copied()
                        .ok_or_else(|| missing("meeting", m))
                })
                .transpose()?),
            cover_image_url: Set(a.cover_image_url.map(str::to_owned)),
            cover_image_alt: Set(a.cover_image_alt.map(str::to_owned)),
            cover_media_id: Set(None),
            source: Set(a.source.map(str::to_owned)),
            comments_open: Set(true),
            byline_ru: Set(byline.map(|b| b.0.to_owned())),
            byline_kk: Set(byline.map(|b| b.1.to_owned())),
            byline_en: Set(byline.map(|b| b.2.to_owned())),
            section: Set(content::placement::section(a.key)),
            featured_position: Set(content::placement::featured(a.key)),
            version: Set(1),
            created_by: Set(Some(author)),
            updated_by: Set(Some(author)),
            created_at: Set(created),
            updated_at: Set(updated),
        });
        for t in a.tags {
            tags.push(article_tag::ActiveModel {
                article_id: Set(id),
                tag_id: Set(*ids.tags.get(t).ok_or_else(|| missing("tag", t))?),
            });
        }
        for (p, order) in a.participants.iter().zip(0..) {
            people.push(article_participant::ActiveModel {
                article_id: Set(id),
                participant_id: Set(*ids
                    .participants
                    .get(p)
                    .ok_or_else(|| missing("participant", p))?),
                sort_order: Set(order),
            });
        }
        for (q, position) in a.quotes.iter().zip(0..) {
            quotes.push(quote::ActiveModel {
                id: Set(Uuid::now_v7()),
                article_id: Set(id),
                participant_id: Set(q
                    .participant
                    .map(|p| {
                        ids.participants
                            .get(p)
                            .copied()
                            .ok_or_else(|| missing("participant", p))
                    })
                    .transpose()?),
                position: Set(position),
                text: Set(q.text.to_owned()),
                kind: Set(q.kind),
                updated_at: Set(updated),
                position_id: Set(None),
            });
        }
        for (r, position) in a.related.iter().zip(0..) {
            related.push(related_article::ActiveModel {
                article_id: Set(id),
                related_id: Set(ids.articles.get(r).ok_or_else(|| missing("article", r))?.0),
                position: Set(position),
            });
        }
    }
    article::Entity::insert_many(rows).exec(txn).await?;
    article_tag::Entity::insert_many(tags).exec(txn).await?;
    article_participant::Entity::insert_many(people)
        .exec(txn)
        .await?;
    quote::Entity::insert_many(quotes).exec(txn).await?;
    related_article::Entity::insert_many(related)
        .exec(txn)
        .await?;
    insert_corrections(txn, ids).await
}

fn demo_time(at: &str) -> Result<DateTime<Utc>, DbErr> {
    Ok(DateTime::parse_from_rfc3339(at)
        .map_err(|_| missing("time", at))?
        .to_utc())
}

/// When the editors last touched article `key` after publishing it: its latest
/// correction or its retraction.
fn last_touched(key: &str) -> Result<Option<DateTime<Utc>>, DbErr> {
    let corrections = content::CORRECTIONS
        .iter()
        .filter(|c| c.article == key)
        .map(|c| c.at);
    let retractions = content::RETRACTIONS
        .iter()
        .filter(|r| r.article == key)
        .map(|r| r.at);
    let mut latest = None;
    for at in corrections.chain(retractions) {
        let at = demo_time(at)?;
        latest = Some(latest.map_or(at, |l: DateTime<Utc>| l.max(at)));
    }
    Ok(latest)
}

async fn insert_corrections(txn: &impl ConnectionTrait, ids: &Ids) -> Result<(), DbErr> {
    let editor = ids.users.get("editor").copied();
    let article = |key: &str| {
        ids.articles
            .get(key)
            .map(|(id, _)| *id)
            .ok_or_else(|| missing("article", key))
    };
    let mut corrections = Vec::new();
    for c in content::CORRECTIONS {
        corrections.push(correction::ActiveModel {
            id: Set(Uuid::now_v7()),
            article_id: Set(article(c.article)?),
            text: Set(c.text.to_owned()),
            created_by: Set(editor),
            created_at: Set(demo_time(c.at)?),
        });
    }
    let mut retractions = Vec::new();
    for r in content::RETRACTIONS {
        retractions.push(retraction::ActiveModel {
            article_id: Set(article(r.article)?),
            reason: Set(r.reason.to_owned()),
            retracted_by: Set(editor),
            retracted_at: Set(demo_time(r.at)?),
        });
    }
    correction::Entity::insert_many(corrections)
        .exec(txn)
        .await?;
    retraction::Entity::insert_many(retractions)
        .exec(txn)
        .await?;
    Ok(())
}

async fn insert_comments(txn: &impl ConnectionTrait, ids: &mut Ids) -> Result<(), DbErr> {
    // One by one and in order: a reply needs its parent's id and depth.
    for c in content::COMMENTS {
        let (article_id, published_at) = *ids
            .articles
            .get(c.article)
            .ok_or_else(|| missing("article", c.article))?;
        let (parent_id, depth) = match c.parent {
            Some(parent) => {
                let (pid, pdepth) = *ids
                    .comments
                    .get(parent)
                    .ok_or_else(|| missing("comment", parent))?;
                (Some(pid), pdepth + 1)
            }
            None => (None, 0),
        };
        let created = published_at.ok_or_else(|| missing("published article", c.article))?
            + Duration::minutes(i64::from(c.minutes_after_publication));
        let id = Uuid::now_v7();
        ids.comments.insert(c.key, (id, depth));
        comment::Entity::insert(comment::ActiveModel {
            id: Set(id),
            article_id: Set(article_id),
            parent_id: Set(parent_id),
            depth: Set(depth),
            user_id: Set(c
                .user
                .map(|u| ids.users.get(u).copied().ok_or_else(|| missing("user", u)))
                .transpose()?),
            author_name: Set(c.author_name.to_owned()),
            author_email: Set(c.author_email.to_owned()),
            body: Set(c.body.to_owned()),
            status: Set(c.status),
            client_ip_hash: Set(None),
            idempotency_key: Set(None),
            website: Set(None),
            created_at: Set(created),
            updated_at: Set(created),
        })
        .exec(txn)
        .await?;
    }
    Ok(())
}

/// `candidate`, or it with the first free numeric suffix; remembers what it gave out.
fn unique(taken: &mut HashSet<String>, candidate: String) -> String {
    let mut chosen = candidate.clone();
    let mut n = 2;
    while taken.contains(&chosen) {
        chosen = slug::with_suffix(&candidate, n);
        n += 1;
    }
    taken.insert(chosen.clone());
    chosen
}
