//! Which position a meeting row or a quote names: the one its person held on the
//! meeting's day, or on the day of the event its article covers. The rows follow
//! when the day changes (a meeting moves, an article covers another meeting, a
//! person's positions are replaced), each time in a fixed number of statements
//! whatever the number of rows; a position editors chose for a meeting row stays
//! when the meeting moves.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QuerySelect, QueryTrait, sea_query::Expr,
};
use uuid::Uuid;

use crate::{
    domain::{ChangeKind, tenure},
    entity::{article, meeting, meeting_participant, participant_position, quote},
    error::{AppError, AppResult},
    store::{self, changes::NewChange},
};

/// People's positions, read once, to say which one each held on a day.
struct Careers(HashMap<Uuid, Vec<participant_position::Model>>);

impl Careers {
    /// The positions of `people`, in one statement.
    async fn of(db: &impl ConnectionTrait, people: &[Uuid]) -> AppResult<Careers> {
        let mut by_person: HashMap<Uuid, Vec<participant_position::Model>> = HashMap::new();
        for p in store::positions::of_people(db, people).await? {
            by_person.entry(p.participant_id).or_default().push(p);
        }
        Ok(Careers(by_person))
    }

    /// The position `person` held on `day`: of several, the one begun last.
    fn held(&self, person: Uuid, day: NaiveDate) -> Option<Uuid> {
        let list = self.0.get(&person)?;
        tenure::held_on(list.iter(), |p| store::positions::tenure(p), day).map(|p| p.id)
    }
}

/// The position each of `people` held on `day`, by person; people who held none
/// are absent.
pub async fn held_on(
    db: &impl ConnectionTrait,
    people: &[Uuid],
    day: NaiveDate,
) -> AppResult<HashMap<Uuid, Uuid>> {
    let careers = Careers::of(db, people).await?;
    Ok(people
        .iter()
        .filter_map(|person| Some((*person, careers.held(*person, day)?)))
        .collect())
}

/// The day an article's quotes speak of: the day of the meeting it covers, else the
/// day it was first written.
pub async fn event_day(db: &impl ConnectionTrait, article_id: Uuid) -> AppResult<NaiveDate> {
    event_days(db, &[article_id])
        .await?
        .remove(&article_id)
        .ok_or(AppError::NotFound("article"))
}

/// The day each of `articles` speaks of ([`event_day`]), by article, in two
/// statements.
async fn event_days(
    db: &impl ConnectionTrait,
    articles: &[Uuid],
) -> AppResult<HashMap<Uuid, NaiveDate>> {
    if articles.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, Option<Uuid>, DateTime<Utc>)> = article::Entity::find()
        .select_only()
        .columns([
            article::Column::Id,
            article::Column::MeetingId,
            article::Column::CreatedAt,
        ])
        .filter(article::Column::Id.is_in(articles.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let meetings: HashMap<Uuid, NaiveDate> = meeting::Entity::find()
        .select_only()
        .columns([meeting::Column::Id, meeting::Column::HeldOn])
        .filter(meeting::Column::Id.is_in(rows.iter().filter_map(|r| r.1)))
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|(id, meeting, created)| {
            let day = meeting.and_then(|m| meetings.get(&m).copied());
            (id, day.unwrap_or_else(|| created.date_naive()))
        })
        .collect())
}

/// A quote with a speaker: its id, its article, who said it and the position it
/// names now.
type Spoken = (Uuid, Uuid, Uuid, Option<Uuid>);

/// The quotes with a speaker that `filter` selects.
async fn spoken(db: &impl ConnectionTrait, filter: Condition) -> AppResult<Vec<Spoken>> {
    Ok(quote::Entity::find()
        .select_only()
        .columns([
            quote::Column::Id,
            quote::Column::ArticleId,
            quote::Column::ParticipantId,
            quote::Column::PositionId,
        ])
        .filter(quote::Column::ParticipantId.is_not_null())
        .filter(filter)
        .into_tuple()
        .all(db)
        .await?)
}

/// Points each of `quotes` at what its speaker held on its article's day
/// (`day_of`), in a fixed number of statements; returns the articles whose quotes
/// now name another position, each once.
async fn point_quotes(
    db: &impl ConnectionTrait,
    quotes: &[Spoken],
    day_of: impl Fn(Uuid) -> Option<NaiveDate>,
) -> AppResult<Vec<Uuid>> {
    if quotes.is_empty() {
        return Ok(Vec::new());
    }
    let mut people: Vec<Uuid> = quotes.iter().map(|q| q.2).collect();
    people.sort_unstable();
    people.dedup();
    let careers = Careers::of(db, &people).await?;
    let mut articles = Vec::new();
    let mut targets: Vec<(Uuid, Option<Uuid>)> = Vec::new();
    for &(id, article, speaker, now_named) in quotes {
        let Some(day) = day_of(article) else { continue };
        let held = careers.held(speaker, day);
        if held != now_named {
            targets.push((id, held));
            articles.push(article);
        }
    }
    store::positions::point::<quote::Entity>(
        db,
        quote::Column::Id,
        quote::Column::PositionId,
        &targets,
        Condition::all(),
    )
    .await?;
    articles.sort_unstable();
    articles.dedup();
    Ok(articles)
}

/// What a change to `person`'s positions records: the person, and each article
/// `quoting` them whose quotes now name another position.
pub(crate) fn person_changed(
    person: &crate::entity::participant::Model,
    quoting: &[article::Model],
) -> Vec<NewChange> {
    std::iter::once(NewChange::of(ChangeKind::ParticipantChanged, person.id))
        .chain(
            quoting
                .iter()
                .map(|a| NewChange::article(ChangeKind::ArticleUpdated, a)),
        )
        .collect()
}

/// Marks `articles` changed at `now` (their quotes name other positions) and
/// returns them as they now are, for the record of changes.
pub(crate) async fn touch_articles(
    db: &impl ConnectionTrait,
    articles: &[Uuid],
    now: DateTime<Utc>,
) -> AppResult<Vec<article::Model>> {
    if articles.is_empty() {
        return Ok(Vec::new());
    }
    article::Entity::update_many()
        .set(article::ActiveModel {
            updated_at: Set(now),
            ..Default::default()
        })
        .filter(article::Column::Id.is_in(articles.iter().copied()))
        .exec(db)
        .await?;
    Ok(article::Entity::find()
        .filter(article::Column::Id.is_in(articles.iter().copied()))
        .all(db)
        .await?)
}

/// What re-pointing a person's meeting rows does with a position editors chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen {
    /// The row keeps it: the person's positions are the rows they were, some
    /// opened, ended or renamed.
    Kept,
    /// The row follows its day again: the positions were replaced, so the chosen
    /// one is gone.
    Dropped,
}

/// Points the person's meeting rows and quotes at the position held on each
/// meeting's day and each quoting article's event, in a fixed number of
/// statements; `chosen` says what becomes of the rows whose position editors chose.
/// Returns the articles whose quotes now name another position: they are changed.
pub(crate) async fn repoint(
    db: &impl ConnectionTrait,
    person: Uuid,
    chosen: Chosen,
) -> AppResult<Vec<Uuid>> {
    let careers = Careers::of(db, &[person]).await?;
    let mut rows = Condition::all().add(meeting_participant::Column::ParticipantId.eq(person));
    if chosen == Chosen::Kept {
        rows = rows.add(meeting_participant::Column::PositionChosen.eq(false));
    }
    let attended = meeting_participant::Entity::find()
        .select_only()
        .column(meeting_participant::Column::MeetingId)
        .filter(rows.clone())
        .into_query();
    let days: Vec<(Uuid, NaiveDate)> = meeting::Entity::find()
        .select_only()
        .columns([meeting::Column::Id, meeting::Column::HeldOn])
        .filter(meeting::Column::Id.in_subquery(attended))
        .into_tuple()
        .all(db)
        .await?;
    if !days.is_empty() {
        let targets: Vec<(Uuid, Option<Uuid>)> = days
            .iter()
            .map(|&(meeting, day)| (meeting, careers.held(person, day)))
            .collect();
        store::positions::point::<meeting_participant::Entity>(
            db,
            meeting_participant::Column::MeetingId,
            meeting_participant::Column::PositionId,
            &targets,
            rows.clone(),
        )
        .await?;
        if chosen == Chosen::Dropped {
            meeting_participant::Entity::update_many()
                .col_expr(
                    meeting_participant::Column::PositionChosen,
                    Expr::value(false),
                )
                .filter(rows)
                .exec(db)
                .await?;
        }
    }
    let quotes = spoken(
        db,
        Condition::all().add(quote::Column::ParticipantId.eq(person)),
    )
    .await?;
    let articles: Vec<Uuid> = quotes.iter().map(|q| q.1).collect();
    let days = event_days(db, &articles).await?;
    point_quotes(db, &quotes, |article| days.get(&article).copied()).await
}

/// The meeting moved to `day`: its rows whose position the editors did not choose,
/// and the quotes of the articles covering it, point at what each person held on
/// that day. A fixed number of statements, whatever the number of rows.
pub(crate) async fn repoint_meeting(
    db: &impl ConnectionTrait,
    meeting_id: Uuid,
    day: NaiveDate,
) -> AppResult<()> {
    let following = Condition::all()
        .add(meeting_participant::Column::MeetingId.eq(meeting_id))
        .add(meeting_participant::Column::PositionChosen.eq(false));
    let people: Vec<Uuid> = meeting_participant::Entity::find()
        .select_only()
        .column(meeting_participant::Column::ParticipantId)
        .filter(following.clone())
        .into_tuple()
        .all(db)
        .await?;
    let careers = Careers::of(db, &people).await?;
    let targets: Vec<(Uuid, Option<Uuid>)> = people
        .iter()
        .map(|&person| (person, careers.held(person, day)))
        .collect();
    store::positions::point::<meeting_participant::Entity>(
        db,
        meeting_participant::Column::ParticipantId,
        meeting_participant::Column::PositionId,
        &targets,
        following,
    )
    .await?;
    let covering = article::Entity::find()
        .select_only()
        .column(article::Column::Id)
        .filter(article::Column::MeetingId.eq(meeting_id))
        .into_query();
    let quotes = spoken(
        db,
        Condition::all().add(quote::Column::ArticleId.in_subquery(covering)),
    )
    .await?;
    // The caller marks every covering article changed: they lose or change their day.
    point_quotes(db, &quotes, |_| Some(day)).await.map(drop)
}

/// The event of each of `articles` changed (it covers another meeting, or none):
/// their quotes point at what each speaker held on the new day, in a fixed number
/// of statements.
pub(crate) async fn repoint_articles(
    db: &impl ConnectionTrait,
    articles: &[Uuid],
) -> AppResult<()> {
    if articles.is_empty() {
        return Ok(());
    }
    let quotes = spoken(
        db,
        Condition::all().add(quote::Column::ArticleId.is_in(articles.iter().copied())),
    )
    .await?;
    let days = event_days(db, articles).await?;
    // The articles themselves are what changed, and are recorded by the caller.
    point_quotes(db, &quotes, |article| days.get(&article).copied())
        .await
        .map(drop)
}
