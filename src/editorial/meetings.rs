//! Meetings with their agenda, and who took part in them.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use uuid::Uuid;

use crate::{
    auth::{Action, Viewer, authorize, viewer},
    domain::ChangeKind,
    editorial::{
        input::{
            AgendaItemInput, MeetingInput, MeetingParticipantInput, MeetingPatch,
            MeetingTranslationsPatch,
        },
        refs,
        slugs::{self, Scope},
        tx,
        validate::{self, AGENDA_TEXT_MAX, AGENDA_TITLE_MAX, LINE_MAX, MAX_ITEMS, TITLE_MAX},
    },
    entity::{agenda_item, article, meeting, meeting_participant},
    error::{AppError, AppResult},
    store::{changes::NewChange, search_index},
};

/// Records a meeting and its agenda at `now`. The slug comes from the title and the
/// date.
pub async fn create_meeting(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: MeetingInput,
    now: DateTime<Utc>,
) -> AppResult<meeting::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::ManageMeetings)?;
    let title = validate::line("input.title", &input.title, TITLE_MAX)?;
    let body = validate::line("input.body", &input.body, LINE_MAX)?;
    let venue = validate::optional_line("input.venue", input.venue.as_deref(), LINE_MAX)?;
    let held_on = held_on("input.heldOn", input.held_on)?;
    let agenda = agenda("input.agenda", &input.agenda)?;
    let t = &input.translations;
    let line = |field: &str, value: &Option<String>, max| {
        validate::optional_line(field, value.as_deref(), max)
    };
    let title_kk = line("input.titleKk", &t.title_kk, TITLE_MAX)?;
    let title_en = line("input.titleEn", &t.title_en, TITLE_MAX)?;
    let body_kk = line("input.bodyKk", &t.body_kk, LINE_MAX)?;
    let body_en = line("input.bodyEn", &t.body_en, LINE_MAX)?;
    let venue_kk = line("input.venueKk", &t.venue_kk, LINE_MAX)?;
    let venue_en = line("input.venueEn", &t.venue_en, LINE_MAX)?;

    let txn = tx::begin_write(db).await?;
    let result = async {
        refs::region(&txn, "input.regionId", input.region_id).await?;
        if let Some(org) = input.organization_id {
            refs::organization(&txn, "input.organizationId", org).await?;
        }
        if let Some(photo) = input.photo_media_id {
            refs::media(&txn, "input.photoMediaId", photo).await?;
        }
        let base = slugs::base_slug(&format!("{title} {held_on}"), "meeting");
        let slug = slugs::free_slug(&txn, Scope::Meeting, &base).await?;
        let id = Uuid::now_v7();
        let model = meeting::ActiveModel {
            id: Set(id),
            slug: Set(slug),
            title: Set(title),
            title_kk: Set(title_kk),
            title_en: Set(title_en),
            body: Set(body),
            body_kk: Set(body_kk),
            body_en: Set(body_en),
            kind: Set(input.kind),
            held_on: Set(held_on),
            region_id: Set(input.region_id),
            venue: Set(venue),
            venue_kk: Set(venue_kk),
            venue_en: Set(venue_en),
            organization_id: Set(input.organization_id),
            photo_media_id: Set(input.photo_media_id),
            created_by: Set(viewer.user_id()),
            updated_by: Set(viewer.user_id()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await?;
        write_agenda(&txn, id, &agenda).await?;
        search_index::index_meetings(&txn, &[id]).await?;
        Ok(model)
    }
    .await;
    tx::finish_recorded(txn, result, now, |meeting| {
        [NewChange::of(ChangeKind::MeetingChanged, meeting.id)]
    })
    .await
}

/// Changes a meeting at `now`; a given agenda replaces the whole agenda. The slug
/// stays. A new day points its rows (but those whose position the editors chose) and
/// the quotes of the articles covering it at what each person held on that day.
pub async fn update_meeting(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    patch: MeetingPatch,
    now: DateTime<Utc>,
) -> AppResult<meeting::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::ManageMeetings)?;
    let mut changes = meeting::ActiveModel {
        updated_by: Set(viewer.user_id()),
        updated_at: Set(now),
        ..Default::default()
    };
    if let Some(title) = &patch.title {
        changes.title = Set(validate::line("input.title", title, TITLE_MAX)?);
    }
    if let Some(body) = &patch.body {
        changes.body = Set(validate::line("input.body", body, LINE_MAX)?);
    }
    if let Some(kind) = patch.kind {
        changes.kind = Set(kind);
    }
    let moved_to = patch
        .held_on
        .map(|date| held_on("input.heldOn", date))
        .transpose()?;
    if let Some(day) = moved_to {
        changes.held_on = Set(day);
    }
    if let Some(region_id) = patch.region_id {
        changes.region_id = Set(region_id);
    }
    if let Some(venue) = &patch.venue {
        changes.venue = Set(validate::optional_line(
            "input.venue",
            venue.as_deref(),
            LINE_MAX,
        )?);
    }
    if let Some(org) = patch.organization_id {
        changes.organization_id = Set(org);
    }
    if let Some(photo) = patch.photo_media_id {
        changes.photo_media_id = Set(photo);
    }
    translate(&mut changes, &patch.translations)?;
    let agenda = patch
        .agenda
        .as_deref()
        .map(|items| agenda("input.agenda", items))
        .transpose()?;

    let txn = tx::begin_write(db).await?;
    let result = async {
        if let Some(region_id) = patch.region_id {
            refs::region(&txn, "input.regionId", region_id).await?;
        }
        if let Some(Some(org)) = patch.organization_id {
            refs::organization(&txn, "input.organizationId", org).await?;
        }
        if let Some(Some(photo)) = patch.photo_media_id {
            refs::media(&txn, "input.photoMediaId", photo).await?;
        }
        let updated = meeting::Entity::update_many()
            .set(changes)
            .filter(meeting::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(AppError::NotFound("meeting"));
        }
        if let Some(agenda) = &agenda {
            write_agenda(&txn, id, agenda).await?;
        }
        let mut covering = Vec::new();
        if let Some(day) = moved_to {
            // Who held what on the new day: its rows and its articles' quotes follow,
            // so those articles say something new too.
            super::held::repoint_meeting(&txn, id, day).await?;
            covering = touch_covering(&txn, id, now).await?;
        }
        search_index::index_meetings(&txn, &[id]).await?;
        if patch.organization_id.is_some() {
            // The articles covering it carry its organisation's names.
            search_index::index_articles_covering(&txn, &[id]).await?;
        }
        Ok((find(&txn, id).await?, covering))
    }
    .await;
    tx::finish_recorded(txn, result, now, |(meeting, covering)| {
        std::iter::once(NewChange::of(ChangeKind::MeetingChanged, meeting.id))
            .chain(
                covering
                    .iter()
                    .map(|a| NewChange::article(ChangeKind::ArticleUpdated, a)),
            )
            .collect::<Vec<_>>()
    })
    .await
    .map(|(meeting, _)| meeting)
}

/// Marks the articles covering meeting `id` changed at `now` (their quotes name other
/// positions, or they lose the meeting) and returns them, as they now are, for the
/// record of changes.
async fn touch_covering(
    db: &impl ConnectionTrait,
    id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<Vec<article::Model>> {
    article::Entity::update_many()
        .set(article::ActiveModel {
            updated_at: Set(now),
            ..Default::default()
        })
        .filter(article::Column::MeetingId.eq(id))
        .exec(db)
        .await?;
    Ok(article::Entity::find()
        .filter(article::Column::MeetingId.eq(id))
        .all(db)
        .await?)
}

/// Deletes a meeting with its agenda and participant list; articles that covered it
/// stay, without it, their quotes naming what was held on the day each was written.
pub async fn delete_meeting(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::ManageMeetings)?;
    let txn = tx::begin_write(db).await?;
    let result = async {
        let covering = touch_covering(&txn, id, now).await?;
        let deleted = meeting::Entity::delete_many()
            .filter(meeting::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        if deleted.rows_affected != 1 {
            return Err(AppError::NotFound("meeting"));
        }
        // Without a meeting, their quotes speak of the day each was first written.
        let ids: Vec<Uuid> = covering.iter().map(|a| a.id).collect();
        super::held::repoint_articles(&txn, &ids).await?;
        Ok(covering)
    }
    .await;
    tx::finish_recorded(txn, result, now, |covering| {
        std::iter::once(NewChange::of(ChangeKind::MeetingChanged, id))
            .chain(
                covering
                    .iter()
                    .map(|a| NewChange::article(ChangeKind::ArticleUpdated, a)),
            )
            .collect::<Vec<_>>()
    })
    .await
    .map(|_| ())
}

/// Replaces who took part in a meeting, in the order given, all at once, at `now`.
pub async fn set_meeting_participants(
    db: &DatabaseConnection,
    viewer: &Viewer,
    meeting_id: Uuid,
    participants: Vec<MeetingParticipantInput>,
    now: DateTime<Utc>,
) -> AppResult<meeting::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::ManageMeetings)?;
    let ids: Vec<Uuid> = participants.iter().map(|p| p.participant_id).collect();
    validate::distinct_entries("participants", &ids, MAX_ITEMS, "participantId")?;
    let positions = participants
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let field = format!("participants[{i}].position");
            validate::optional_line(&field, p.position.as_deref(), LINE_MAX)
        })
        .collect::<AppResult<Vec<_>>>()?;

    let txn = tx::begin_write(db).await?;
    let result = async {
        let touched = meeting::Entity::update_many()
            .set(meeting::ActiveModel {
                updated_by: Set(viewer.user_id()),
                updated_at: Set(now),
                ..Default::default()
            })
            .filter(meeting::Column::Id.eq(meeting_id))
            .exec(&txn)
            .await?;
        if touched.rows_affected != 1 {
            return Err(AppError::NotFound("meeting"));
        }
        let people: Vec<Option<Uuid>> = ids.iter().copied().map(Some).collect();
        refs::participants(&txn, &people, |i| {
            format!("participants[{i}].participantId")
        })
        .await?;
        meeting_participant::Entity::delete_many()
            .filter(meeting_participant::Column::MeetingId.eq(meeting_id))
            .exec(&txn)
            .await?;
        let meeting = find(&txn, meeting_id).await?;
        let held = super::held::held_on(&txn, &ids, meeting.held_on).await?;
        let chosen: Vec<Uuid> = participants.iter().filter_map(|p| p.position_id).collect();
        let owners: std::collections::HashMap<Uuid, Uuid> =
            crate::store::positions::by_ids(&txn, &chosen)
                .await?
                .into_iter()
                .map(|p| (p.id, p.participant_id))
                .collect();
        for (order, (entry, position)) in participants.iter().zip(positions).enumerate() {
            let position_id = match entry.position_id {
                Some(id) if owners.get(&id) == Some(&entry.participant_id) => Some(id),
                Some(_) => {
                    return Err(AppError::bad_input(
                        format!("participants[{order}].positionId"),
                        "not a position of this person",
                    ));
                }
                None => held.get(&entry.participant_id).copied(),
            };
            meeting_participant::ActiveModel {
                meeting_id: Set(meeting_id),
                participant_id: Set(entry.participant_id),
                role: Set(entry.role),
                position: Set(position),
                sort_order: Set(order as i32),
                position_id: Set(position_id),
                position_chosen: Set(entry.position_id.is_some()),
            }
            .insert(&txn)
            .await?;
        }
        find(&txn, meeting_id).await
    }
    .await;
    tx::finish_recorded(txn, result, now, |meeting| {
        [NewChange::of(ChangeKind::MeetingChanged, meeting.id)]
    })
    .await
}

/// Sets the Kazakh and English texts a patch changes.
fn translate(changes: &mut meeting::ActiveModel, t: &MeetingTranslationsPatch) -> AppResult<()> {
    let line = |field: &str, value: &Option<String>, max| {
        validate::optional_line(field, value.as_deref(), max)
    };
    if let Some(v) = &t.title_kk {
        changes.title_kk = Set(line("input.titleKk", v, TITLE_MAX)?);
    }
    if let Some(v) = &t.title_en {
        changes.title_en = Set(line("input.titleEn", v, TITLE_MAX)?);
    }
    if let Some(v) = &t.body_kk {
        changes.body_kk = Set(line("input.bodyKk", v, LINE_MAX)?);
    }
    if let Some(v) = &t.body_en {
        changes.body_en = Set(line("input.bodyEn", v, LINE_MAX)?);
    }
    if let Some(v) = &t.venue_kk {
        changes.venue_kk = Set(line("input.venueKk", v, LINE_MAX)?);
    }
    if let Some(v) = &t.venue_en {
        changes.venue_en = Set(line("input.venueEn", v, LINE_MAX)?);
    }
    Ok(())
}

async fn find(db: &impl ConnectionTrait, id: Uuid) -> AppResult<meeting::Model> {
    meeting::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("meeting"))
}

/// A plausible date for a meeting of the portal's era.
fn held_on(field: &str, date: NaiveDate) -> AppResult<NaiveDate> {
    if (1991..=2100).contains(&date.year()) {
        Ok(date)
    } else {
        Err(AppError::bad_input(
            field,
            "must be a date between 1991 and 2100",
        ))
    }
}

/// One agenda item as validated: its title and description in Russian, Kazakh and
/// English.
struct Item {
    title: [Option<String>; 3],
    description: [Option<String>; 3],
}

fn agenda(field: &str, items: &[AgendaItemInput]) -> AppResult<Vec<Item>> {
    validate::at_most(field, items.len(), MAX_ITEMS)?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let title = |suffix: &str, value: &Option<String>| {
                validate::optional_line(
                    &format!("{field}[{i}].{suffix}"),
                    value.as_deref(),
                    AGENDA_TITLE_MAX,
                )
            };
            let text = |suffix: &str, value: &Option<String>| {
                validate::optional_text(
                    &format!("{field}[{i}].{suffix}"),
                    value.as_deref(),
                    AGENDA_TEXT_MAX,
                )
            };
            Ok(Item {
                title: [
                    Some(validate::line(
                        &format!("{field}[{i}].title"),
                        &item.title,
                        AGENDA_TITLE_MAX,
                    )?),
                    title("titleKk", &item.title_kk)?,
                    title("titleEn", &item.title_en)?,
                ],
                description: [
                    text("description", &item.description)?,
                    text("descriptionKk", &item.description_kk)?,
                    text("descriptionEn", &item.description_en)?,
                ],
            })
        })
        .collect()
}

async fn write_agenda(
    db: &impl ConnectionTrait,
    meeting_id: Uuid,
    items: &[Item],
) -> AppResult<()> {
    agenda_item::Entity::delete_many()
        .filter(agenda_item::Column::MeetingId.eq(meeting_id))
        .exec(db)
        .await?;
    for (position, item) in items.iter().enumerate() {
        let [title, title_kk, title_en] = item.title.clone();
        let [description, description_kk, description_en] = item.description.clone();
        agenda_item::ActiveModel {
            id: Set(Uuid::now_v7()),
            meeting_id: Set(meeting_id),
            position: Set(position as i32),
            title: Set(title.unwrap_or_default()),
            title_kk: Set(title_kk),
            title_en: Set(title_en),
            description: Set(description),
            description_kk: Set(description_kk),
            description_en: Set(description_en),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
