//! People's positions over time and their honours, and which position a meeting row
//! or a quote names: the one held on the meeting's day, or on the article's event.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use uuid::Uuid;

use crate::{
    auth::{Action, Viewer, authorize, viewer},
    domain::{ChangeKind, tenure},
    editorial::{
        input::{HonourInput, PositionInput, honours_json},
        refs, tx,
        validate::{self, LINE_MAX, MAX_HONOURS, MAX_ITEMS},
    },
    entity::{
        article, meeting, meeting_participant, participant, participant_honour,
        participant_position, quote,
    },
    error::{AppError, AppResult},
    store::{self, changes::NewChange, search_index},
};

/// The position each of `people` held on `day`, by person; people who held none
/// are absent.
pub async fn held_on(
    db: &impl ConnectionTrait,
    people: &[Uuid],
    day: NaiveDate,
) -> AppResult<HashMap<Uuid, Uuid>> {
    let mut by_person: HashMap<Uuid, Vec<participant_position::Model>> = HashMap::new();
    for p in store::positions::of_people(db, people).await? {
        by_person.entry(p.participant_id).or_default().push(p);
    }
    Ok(by_person
        .into_iter()
        .filter_map(|(person, list)| {
            let held = tenure::held_on(list.iter(), |p| store::positions::tenure(p), day)?;
            Some((person, held.id))
        })
        .collect())
}

/// The day an article's quotes speak of: the day of the meeting it covers, else the
/// day it was first written.
pub async fn event_day(db: &impl ConnectionTrait, article_id: Uuid) -> AppResult<NaiveDate> {
    let article = article::Entity::find_by_id(article_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("article"))?;
    if let Some(id) = article.meeting_id
        && let Some(m) = meeting::Entity::find_by_id(id).one(db).await?
    {
        return Ok(m.held_on);
    }
    Ok(article.created_at.date_naive())
}

struct Checked {
    organization_id: Option<Uuid>,
    title: [Option<String>; 3],
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

fn check_position(i: usize, p: &PositionInput) -> AppResult<Checked> {
    let field = |name: &str| format!("positions[{i}].{name}");
    let tenure = tenure::Tenure {
        from: p.from,
        to: p.to,
    };
    if !tenure.is_ordered() {
        return Err(AppError::bad_input(
            field("to"),
            "must not be before `from`",
        ));
    }
    Ok(Checked {
        organization_id: p.organization_id,
        title: [
            Some(validate::line(&field("titleRu"), &p.title_ru, LINE_MAX)?),
            validate::optional_line(&field("titleKk"), p.title_kk.as_deref(), LINE_MAX)?,
            validate::optional_line(&field("titleEn"), p.title_en.as_deref(), LINE_MAX)?,
        ],
        from: p.from,
        to: p.to,
    })
}

/// Replaces a person's positions with `positions`, all at once, at `now`. The
/// meetings they took part in and the quotes they said then point again at the
/// position held on each meeting's (or article's) day.
pub async fn set_positions(
    db: &DatabaseConnection,
    viewer: &Viewer,
    participant_id: Uuid,
    positions: Vec<PositionInput>,
    now: DateTime<Utc>,
) -> AppResult<participant::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::ManageParticipants)?;
    validate::at_most("positions", positions.len(), MAX_ITEMS)?;
    let checked = positions
        .iter()
        .enumerate()
        .map(|(i, p)| check_position(i, p))
        .collect::<AppResult<Vec<_>>>()?;
    let txn = tx::begin_write(db).await?;
    let result = async {
        let person = touch(&txn, &viewer, participant_id, now).await?;
        for (i, p) in checked.iter().enumerate() {
            if let Some(org) = p.organization_id {
                refs::organization(&txn, &format!("positions[{i}].organizationId"), org).await?;
            }
        }
        participant_position::Entity::delete_many()
            .filter(participant_position::Column::ParticipantId.eq(participant_id))
            .exec(&txn)
            .await?;
        for p in checked {
            let [ru, kk, en] = p.title;
            participant_position::ActiveModel {
                id: Set(Uuid::now_v7()),
                participant_id: Set(participant_id),
                organization_id: Set(p.organization_id),
                title_ru: Set(ru.unwrap_or_default()),
                title_kk: Set(kk),
                title_en: Set(en),
                from_date: Set(p.from),
                to_date: Set(p.to),
            }
            .insert(&txn)
            .await?;
        }
        repoint(&txn, participant_id).await?;
        search_index::index_participants(&txn, &[participant_id]).await?;
        Ok(person)
    }
    .await;
    tx::finish_recorded(txn, result, now, |person| {
        [NewChange::of(ChangeKind::ParticipantChanged, person.id)]
    })
    .await
}

/// Replaces a person's honours with `honours`, in order, at `now`. The honours text
/// list of the person is kept as the Russian titles.
pub async fn set_honours(
    db: &DatabaseConnection,
    viewer: &Viewer,
    participant_id: Uuid,
    honours: Vec<HonourInput>,
    now: DateTime<Utc>,
) -> AppResult<participant::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::ManageParticipants)?;
    validate::at_most("honours", honours.len(), MAX_HONOURS)?;
    let mut checked = Vec::with_capacity(honours.len());
    for (i, h) in honours.into_iter().enumerate() {
        let field = |name: &str| format!("honours[{i}].{name}");
        checked.push(HonourInput {
            title_ru: validate::line(&field("titleRu"), &h.title_ru, LINE_MAX)?,
            title_kk: validate::optional_line(&field("titleKk"), h.title_kk.as_deref(), LINE_MAX)?,
            title_en: validate::optional_line(&field("titleEn"), h.title_en.as_deref(), LINE_MAX)?,
            awarded_by: validate::optional_line(
                &field("awardedBy"),
                h.awarded_by.as_deref(),
                LINE_MAX,
            )?,
            ..h
        });
    }
    let txn = tx::begin_write(db).await?;
    let result = async {
        touch(&txn, &viewer, participant_id, now).await?;
        for (i, h) in checked.iter().enumerate() {
            if let Some(org) = h.awarded_by_organization_id {
                refs::organization(&txn, &format!("honours[{i}].awardedByOrganizationId"), org)
                    .await?;
            }
        }
        write_honours(&txn, participant_id, &checked).await?;
        let titles: Vec<String> = checked.iter().map(|h| h.title_ru.clone()).collect();
        participant::Entity::update_many()
            .set(participant::ActiveModel {
                honours: Set(honours_json(&titles)),
                ..Default::default()
            })
            .filter(participant::Column::Id.eq(participant_id))
            .exec(&txn)
            .await?;
        search_index::index_participants(&txn, &[participant_id]).await?;
        participant::Entity::find_by_id(participant_id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound("participant"))
    }
    .await;
    tx::finish_recorded(txn, result, now, |person| {
        [NewChange::of(ChangeKind::ParticipantChanged, person.id)]
    })
    .await
}

/// Writes a person's honour rows in order, replacing those there were.
pub(crate) async fn write_honours(
    db: &impl ConnectionTrait,
    participant_id: Uuid,
    honours: &[HonourInput],
) -> AppResult<()> {
    participant_honour::Entity::delete_many()
        .filter(participant_honour::Column::ParticipantId.eq(participant_id))
        .exec(db)
        .await?;
    for (order, h) in honours.iter().enumerate() {
        participant_honour::ActiveModel {
            id: Set(Uuid::now_v7()),
            participant_id: Set(participant_id),
            sort_order: Set(order as i32),
            title_ru: Set(h.title_ru.clone()),
            title_kk: Set(h.title_kk.clone()),
            title_en: Set(h.title_en.clone()),
            awarded_on: Set(h.awarded_on),
            awarded_by_organization_id: Set(h.awarded_by_organization_id),
            awarded_by: Set(h.awarded_by.clone()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Marks the person changed by `viewer` at `now`; not found when there is none.
async fn touch(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<participant::Model> {
    let updated = participant::Entity::update_many()
        .set(participant::ActiveModel {
            updated_by: Set(viewer.user_id()),
            updated_at: Set(now),
            ..Default::default()
        })
        .filter(participant::Column::Id.eq(id))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Err(AppError::NotFound("participant"));
    }
    participant::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("participant"))
}

/// Points the person's meeting rows and quotes at the position held on each
/// meeting's day and each quoting article's event.
pub(crate) async fn repoint(db: &impl ConnectionTrait, person: Uuid) -> AppResult<()> {
    let rows = meeting_participant::Entity::find()
        .filter(meeting_participant::Column::ParticipantId.eq(person))
        .all(db)
        .await?;
    for row in rows {
        let Some(m) = meeting::Entity::find_by_id(row.meeting_id).one(db).await? else {
            continue;
        };
        let held = held_on(db, &[person], m.held_on)
            .await?
            .get(&person)
            .copied();
        meeting_participant::Entity::update_many()
            .set(meeting_participant::ActiveModel {
                position_id: Set(held),
                ..Default::default()
            })
            .filter(meeting_participant::Column::MeetingId.eq(row.meeting_id))
            .filter(meeting_participant::Column::ParticipantId.eq(person))
            .exec(db)
            .await?;
    }
    let quotes = quote::Entity::find()
        .filter(quote::Column::ParticipantId.eq(person))
        .all(db)
        .await?;
    for q in quotes {
        let day = event_day(db, q.article_id).await?;
        let held = held_on(db, &[person], day).await?.get(&person).copied();
        quote::Entity::update_many()
            .set(quote::ActiveModel {
                position_id: Set(held),
                ..Default::default()
            })
            .filter(quote::Column::Id.eq(q.id))
            .exec(db)
            .await?;
    }
    Ok(())
}
