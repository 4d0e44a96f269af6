//! People who appear in meetings, quotes and articles.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};
use uuid::Uuid;

use crate::{
    auth::{Action, Viewer, authorize, viewer},
    domain::ChangeKind,
    editorial::{
        input::{HonourInput, ParticipantInput, ParticipantPatch, honours_json},
        refs,
        slugs::{self, Scope},
        tx,
        validate::{self, LINE_MAX, MAX_HONOURS, NAME_MAX},
    },
    entity::{meeting_participant, participant},
    error::{AppError, AppResult},
    store::{changes::NewChange, search_index},
};

/// Records a person at `now`; the slug comes from the Russian full name.
pub async fn create_participant(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: ParticipantInput,
    now: DateTime<Utc>,
) -> AppResult<participant::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::ManageParticipants)?;
    let full_name = validate::line("input.fullName", &input.full_name, NAME_MAX)?;
    let full_name_kk =
        validate::optional_line("input.fullNameKk", input.full_name_kk.as_deref(), NAME_MAX)?;
    let full_name_en =
        validate::optional_line("input.fullNameEn", input.full_name_en.as_deref(), NAME_MAX)?;
    let position = validate::optional_line("input.position", input.position.as_deref(), LINE_MAX)?;
    let organization = validate::optional_line(
        "input.organization",
        input.organization.as_deref(),
        LINE_MAX,
    )?;
    let honours = honours("input.honours", &input.honours)?;

    let txn = tx::begin_write(db).await?;
    let result = async {
        if let Some(region_id) = input.region_id {
            refs::region(&txn, "input.regionId", region_id).await?;
        }
        if let Some(photo) = input.photo_media_id {
            refs::media(&txn, "input.photoMediaId", photo).await?;
        }
        let base = slugs::base_slug(&full_name, "person");
        let slug = slugs::free_slug(&txn, Scope::Participant, &base).await?;
        let person = participant::ActiveModel {
            id: Set(Uuid::now_v7()),
            slug: Set(slug),
            full_name_ru: Set(full_name),
            full_name_kk: Set(full_name_kk),
            full_name_en: Set(full_name_en),
            position: Set(position),
            organization: Set(organization),
            honours: Set(honours_json(&honours)),
            region_id: Set(input.region_id),
            photo_media_id: Set(input.photo_media_id),
            created_by: Set(viewer.user_id()),
            updated_by: Set(viewer.user_id()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await?;
        super::positions::write_honours(&txn, person.id, &undated(&honours)).await?;
        if let Some(title) = &person.position {
            super::positions::set_current_title(&txn, person.id, Some(title), now.date_naive())
                .await?;
        }
        search_index::index_participants(&txn, &[person.id]).await?;
        Ok(person)
    }
    .await;
    tx::finish_recorded(txn, result, now, |person| {
        [NewChange::of(ChangeKind::ParticipantChanged, person.id)]
    })
    .await
}

/// Changes a person at `now`. The slug stays, so links to them never break.
pub async fn update_participant(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    patch: ParticipantPatch,
    now: DateTime<Utc>,
) -> AppResult<participant::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::ManageParticipants)?;
    let mut changes = participant::ActiveModel {
        updated_by: Set(viewer.user_id()),
        updated_at: Set(now),
        ..Default::default()
    };
    if let Some(name) = &patch.full_name {
        changes.full_name_ru = Set(validate::line("input.fullName", name, NAME_MAX)?);
    }
    if let Some(name) = &patch.full_name_kk {
        changes.full_name_kk = Set(validate::optional_line(
            "input.fullNameKk",
            name.as_deref(),
            NAME_MAX,
        )?);
    }
    if let Some(name) = &patch.full_name_en {
        changes.full_name_en = Set(validate::optional_line(
            "input.fullNameEn",
            name.as_deref(),
            NAME_MAX,
        )?);
    }
    let position = patch
        .position
        .as_ref()
        .map(|p| validate::optional_line("input.position", p.as_deref(), LINE_MAX))
        .transpose()?;
    if let Some(position) = &position {
        changes.position = Set(position.clone());
    }
    if let Some(organization) = &patch.organization {
        changes.organization = Set(validate::optional_line(
            "input.organization",
            organization.as_deref(),
            LINE_MAX,
        )?);
    }
    let honour_rows = patch
        .honours
        .as_deref()
        .map(|list| honours("input.honours", list))
        .transpose()?;
    if let Some(list) = &honour_rows {
        changes.honours = Set(honours_json(list));
    }
    if let Some(region_id) = patch.region_id {
        if let Some(region) = region_id {
            refs::region(db, "input.regionId", region).await?;
        }
        changes.region_id = Set(region_id);
    }
    if let Some(photo) = patch.photo_media_id {
        if let Some(photo) = photo {
            refs::media(db, "input.photoMediaId", photo).await?;
        }
        changes.photo_media_id = Set(photo);
    }
    let txn = tx::begin_write(db).await?;
    let result = async {
        let updated = participant::Entity::update_many()
            .set(changes)
            .filter(participant::Column::Id.eq(id))
            .exec(&txn)
            .await
            .map_err(|err| tx::conflicts(err.into()))?;
        if updated.rows_affected != 1 {
            return Err(AppError::NotFound("participant"));
        }
        if let Some(list) = &honour_rows {
            // Honours given as text replace the dated ones, undated.
            super::positions::write_honours(&txn, id, &undated(list)).await?;
        }
        let mut quoting = Vec::new();
        if let Some(position) = &position {
            // The position given as text is the one held today; articles whose
            // quotes now name another position say something new.
            let repointed = super::positions::set_current_title(
                &txn,
                id,
                position.as_deref(),
                now.date_naive(),
            )
            .await?;
            quoting = super::held::touch_articles(&txn, &repointed, now).await?;
        }
        // The person's document, and the articles that carry their names.
        search_index::index_participants(&txn, &[id]).await?;
        search_index::index_articles_mentioning(&txn, id).await?;
        let person = participant::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound("participant"))?;
        Ok((person, quoting))
    }
    .await;
    tx::finish_recorded(txn, result, now, |(person, quoting)| {
        super::held::person_changed(person, quoting)
    })
    .await
    .map(|(person, _)| person)
}

/// Deletes a person, unless a meeting records them: the record of who took part
/// must not change behind the meeting's back ([`AppError::Conflict`]). Quotes keep
/// their words without a speaker; articles stop listing them.
pub async fn delete_participant(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::ManageParticipants)?;
    let txn = tx::begin_write(db).await?;
    let result = async {
        let meetings = meeting_participant::Entity::find()
            .filter(meeting_participant::Column::ParticipantId.eq(id))
            .count(&txn)
            .await?;
        if meetings > 0 {
            return Err(AppError::Conflict(format!(
                "this person is recorded in {meetings} meeting(s): remove them there first"
            )));
        }
        let deleted = participant::Entity::delete_many()
            .filter(participant::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        if deleted.rows_affected != 1 {
            return Err(AppError::NotFound("participant"));
        }
        Ok(())
    }
    .await;
    tx::finish_recorded(txn, result, now, |()| {
        [NewChange::of(ChangeKind::ParticipantChanged, id)]
    })
    .await
}

/// Honours given as text: Russian titles with nothing else known.
fn undated(titles: &[String]) -> Vec<HonourInput> {
    titles
        .iter()
        .map(|t| HonourInput {
            title_ru: t.clone(),
            ..HonourInput::default()
        })
        .collect()
}

fn honours(field: &str, honours: &[String]) -> AppResult<Vec<String>> {
    validate::at_most(field, honours.len(), MAX_HONOURS)?;
    honours
        .iter()
        .enumerate()
        .map(|(i, honour)| validate::line(&format!("{field}[{i}]"), honour, LINE_MAX))
        .collect()
}
