//! People's positions over time and their honours, as editors record them. Which
//! position a meeting row or a quote names is [`super::held`].

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, sea_query::Expr,
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
    entity::{meeting_participant, participant, participant_honour, participant_position},
    error::{AppError, AppResult},
    store::{self, changes::NewChange, search_index},
};

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
        let quoting =
            super::held::repoint(&txn, participant_id, super::held::Chosen::Dropped).await?;
        // Their quotes name other positions: the articles say something new.
        let quoting = super::held::touch_articles(&txn, &quoting, now).await?;
        search_index::index_participants(&txn, &[participant_id]).await?;
        Ok((person, quoting))
    }
    .await;
    tx::finish_recorded(txn, result, now, |(person, quoting)| {
        super::held::person_changed(person, quoting)
    })
    .await
    .map(|(person, _)| person)
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

/// Applies the position given as text (`position` of `createParticipant` and
/// `updateParticipant`, in Russian) to the person's positions as of `today`, so
/// that `Participant.position` reads it back:
/// - a title renames the position held today (its Kazakh and English titles, which
///   translated the old one, are dropped); when none is held today, one opens with
///   that title, open-ended, from `today` (from a day not recorded when it is the
///   person's first, as the text positions carried over were);
/// - `None` ends the position held today on the day before (removes it when it
///   began today); earlier positions stay.
///
/// Meeting rows and quotes then follow what is held on their days, rows whose
/// position editors chose keeping it. Returns the articles whose quotes now name
/// another position.
pub(crate) async fn set_current_title(
    db: &impl ConnectionTrait,
    person: Uuid,
    title: Option<&str>,
    today: NaiveDate,
) -> AppResult<Vec<Uuid>> {
    let list = store::positions::of_people(db, &[person]).await?;
    let current = tenure::held_on(list.iter(), |p| store::positions::tenure(p), today);
    let row = |id| participant_position::Column::Id.eq(id);
    match (current, title) {
        (Some(held), Some(title)) if held.title_ru == title => return Ok(Vec::new()),
        (Some(held), Some(title)) => {
            // The same row under a new name: nothing points elsewhere.
            participant_position::Entity::update_many()
                .set(participant_position::ActiveModel {
                    title_ru: Set(title.to_owned()),
                    title_kk: Set(None),
                    title_en: Set(None),
                    ..Default::default()
                })
                .filter(row(held.id))
                .exec(db)
                .await?;
            return Ok(Vec::new());
        }
        (None, Some(title)) => {
            participant_position::ActiveModel {
                id: Set(Uuid::now_v7()),
                participant_id: Set(person),
                organization_id: Set(None),
                title_ru: Set(title.to_owned()),
                title_kk: Set(None),
                title_en: Set(None),
                from_date: Set((!list.is_empty()).then_some(today)),
                to_date: Set(None),
            }
            .insert(db)
            .await?;
        }
        (Some(held), None) if held.from_date.is_some_and(|from| from >= today) => {
            participant_position::Entity::delete_many()
                .filter(row(held.id))
                .exec(db)
                .await?;
            // A row that chose it follows its day again.
            meeting_participant::Entity::update_many()
                .col_expr(
                    meeting_participant::Column::PositionChosen,
                    Expr::value(false),
                )
                .filter(meeting_participant::Column::PositionId.eq(held.id))
                .exec(db)
                .await?;
        }
        (Some(held), None) => {
            participant_position::Entity::update_many()
                .set(participant_position::ActiveModel {
                    to_date: Set(today.pred_opt()),
                    ..Default::default()
                })
                .filter(row(held.id))
                .exec(db)
                .await?;
        }
        (None, None) => return Ok(Vec::new()),
    }
    super::held::repoint(db, person, super::held::Chosen::Kept).await
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
