//! Organisations: the bodies that hold meetings and that people belong to, arranged
//! in a tree (a department's migration service within the department).

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QuerySelect, Set,
};
use uuid::Uuid;

use crate::{
    auth::{Action, Viewer, authorize, viewer},
    domain::ChangeKind,
    editorial::{
        input::{OrganizationInput, OrganizationMemberInput, OrganizationPatch},
        refs,
        slugs::{self, Scope},
        tx,
        validate::{self, LINE_MAX, MAX_ITEMS},
    },
    entity::{meeting, organization, organization_member},
    error::{AppError, AppResult},
    store::{changes::NewChange, organizations, search_index},
};

/// The longest abbreviation, e.g. "КСО" or "ҚКО".
pub const ABBREVIATION_MAX: usize = 32;

/// The checked names of an organisation.
struct Names {
    kk: Option<String>,
    en: Option<String>,
    abbreviation_ru: Option<String>,
    abbreviation_kk: Option<String>,
    abbreviation_en: Option<String>,
}

/// Records an organisation at `now`; the slug is the one given or comes from the
/// Russian name.
pub async fn create_organization(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: OrganizationInput,
    now: DateTime<Utc>,
) -> AppResult<organization::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::ManageOrganizations)?;
    let name_ru = validate::line("input.nameRu", &input.name_ru, LINE_MAX)?;
    let names = Names {
        kk: validate::optional_line("input.nameKk", input.name_kk.as_deref(), LINE_MAX)?,
        en: validate::optional_line("input.nameEn", input.name_en.as_deref(), LINE_MAX)?,
        abbreviation_ru: abbreviation("input.abbreviationRu", input.abbreviation_ru.as_deref())?,
        abbreviation_kk: abbreviation("input.abbreviationKk", input.abbreviation_kk.as_deref())?,
        abbreviation_en: abbreviation("input.abbreviationEn", input.abbreviation_en.as_deref())?,
    };
    let explicit = input
        .slug
        .as_deref()
        .map(|s| validate::explicit_slug("input.slug", s))
        .transpose()?;

    let txn = tx::begin_write(db).await?;
    let result = async {
        if let Some(region_id) = input.region_id {
            refs::region(&txn, "input.regionId", region_id).await?;
        }
        if let Some(parent) = input.parent_id {
            refs::organization(&txn, "input.parentId", parent).await?;
        }
        let slug = match explicit {
            Some(slug) if slugs::is_free(&txn, Scope::Organization, &slug).await? => slug,
            Some(_) => {
                return Err(AppError::bad_input("input.slug", "this slug is taken"));
            }
            None => {
                let base = slugs::base_slug(&name_ru, "organization");
                slugs::free_slug(&txn, Scope::Organization, &base).await?
            }
        };
        Ok(organization::ActiveModel {
            id: Set(Uuid::now_v7()),
            slug: Set(slug),
            kind: Set(input.kind),
            name_ru: Set(name_ru),
            name_kk: Set(names.kk),
            name_en: Set(names.en),
            abbreviation_ru: Set(names.abbreviation_ru),
            abbreviation_kk: Set(names.abbreviation_kk),
            abbreviation_en: Set(names.abbreviation_en),
            region_id: Set(input.region_id),
            parent_id: Set(input.parent_id),
            created_by: Set(viewer.user_id()),
            updated_by: Set(viewer.user_id()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await?)
    }
    .await;
    tx::finish_recorded(txn, result, now, |org| {
        [NewChange::of(ChangeKind::OrganizationChanged, org.id)]
    })
    .await
}

/// Changes an organisation at `now`. The slug stays, so links to it never break. A
/// parent within the organisation itself is refused: the tree has no cycles.
pub async fn update_organization(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    patch: OrganizationPatch,
    now: DateTime<Utc>,
) -> AppResult<organization::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::ManageOrganizations)?;
    let mut changes = organization::ActiveModel {
        updated_by: Set(viewer.user_id()),
        updated_at: Set(now),
        ..Default::default()
    };
    if let Some(kind) = patch.kind {
        changes.kind = Set(kind);
    }
    if let Some(name) = &patch.name_ru {
        changes.name_ru = Set(validate::line("input.nameRu", name, LINE_MAX)?);
    }
    if let Some(name) = &patch.name_kk {
        changes.name_kk = Set(validate::optional_line(
            "input.nameKk",
            name.as_deref(),
            LINE_MAX,
        )?);
    }
    if let Some(name) = &patch.name_en {
        changes.name_en = Set(validate::optional_line(
            "input.nameEn",
            name.as_deref(),
            LINE_MAX,
        )?);
    }
    if let Some(a) = &patch.abbreviation_ru {
        changes.abbreviation_ru = Set(abbreviation("input.abbreviationRu", a.as_deref())?);
    }
    if let Some(a) = &patch.abbreviation_kk {
        changes.abbreviation_kk = Set(abbreviation("input.abbreviationKk", a.as_deref())?);
    }
    if let Some(a) = &patch.abbreviation_en {
        changes.abbreviation_en = Set(abbreviation("input.abbreviationEn", a.as_deref())?);
    }
    if let Some(region_id) = patch.region_id {
        changes.region_id = Set(region_id);
    }
    if let Some(parent_id) = patch.parent_id {
        changes.parent_id = Set(parent_id);
    }

    let txn = tx::begin_write(db).await?;
    let result = async {
        if let Some(Some(region_id)) = patch.region_id {
            refs::region(&txn, "input.regionId", region_id).await?;
        }
        if let Some(Some(parent)) = patch.parent_id {
            refs::organization(&txn, "input.parentId", parent).await?;
            // Checked in the write transaction, so no concurrent move slips a cycle in.
            if organizations::is_within(&txn, parent, id).await? {
                return Err(AppError::bad_input(
                    "input.parentId",
                    "an organization cannot be within itself or one of its own divisions",
                ));
            }
        }
        let updated = organization::Entity::update_many()
            .set(changes)
            .filter(organization::Column::Id.eq(id))
            .exec(&txn)
            .await
            .map_err(|err| tx::conflicts(err.into()))?;
        if updated.rows_affected != 1 {
            return Err(AppError::NotFound("organization"));
        }
        // Its meetings and their articles are found by its names.
        search_index::index_held_by(&txn, id).await?;
        find(&txn, id).await
    }
    .await;
    tx::finish_recorded(txn, result, now, |org| {
        [NewChange::of(ChangeKind::OrganizationChanged, org.id)]
    })
    .await
}

/// Deletes an organisation with its list of members, unless meetings record it as
/// their host or other organisations sit within it ([`AppError::Conflict`]): those
/// must be moved or deleted first, so no record loses its organisation silently.
pub async fn delete_organization(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::ManageOrganizations)?;
    let txn = tx::begin_write(db).await?;
    let result = async {
        let meetings = meeting::Entity::find()
            .filter(meeting::Column::OrganizationId.eq(id))
            .count(&txn)
            .await?;
        if meetings > 0 {
            return Err(AppError::Conflict(format!(
                "this organization held {meetings} meeting(s): give them another organization first"
            )));
        }
        let children = organization::Entity::find()
            .filter(organization::Column::ParentId.eq(id))
            .count(&txn)
            .await?;
        if children > 0 {
            return Err(AppError::Conflict(format!(
                "{children} organization(s) are within this one: move or delete them first"
            )));
        }
        let deleted = organization::Entity::delete_many()
            .filter(organization::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        if deleted.rows_affected != 1 {
            return Err(AppError::NotFound("organization"));
        }
        Ok(())
    }
    .await;
    tx::finish_recorded(txn, result, now, |()| {
        [NewChange::of(ChangeKind::OrganizationChanged, id)]
    })
    .await
}

/// Replaces the members of an organisation, in the order given, all at once, at `now`.
pub async fn set_organization_members(
    db: &DatabaseConnection,
    viewer: &Viewer,
    organization_id: Uuid,
    members: Vec<OrganizationMemberInput>,
    now: DateTime<Utc>,
) -> AppResult<organization::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::ManageOrganizations)?;
    let ids: Vec<Uuid> = members.iter().map(|m| m.participant_id).collect();
    validate::distinct_entries("members", &ids, MAX_ITEMS, "participantId")?;
    let roles = members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            validate::optional_line(&format!("members[{i}].role"), m.role.as_deref(), LINE_MAX)
        })
        .collect::<AppResult<Vec<_>>>()?;

    let txn = tx::begin_write(db).await?;
    let result = async {
        let touched = organization::Entity::update_many()
            .set(organization::ActiveModel {
                updated_by: Set(viewer.user_id()),
                updated_at: Set(now),
                ..Default::default()
            })
            .filter(organization::Column::Id.eq(organization_id))
            .exec(&txn)
            .await?;
        if touched.rows_affected != 1 {
            return Err(AppError::NotFound("organization"));
        }
        let people: Vec<Option<Uuid>> = ids.iter().copied().map(Some).collect();
        refs::participants(&txn, &people, |i| format!("members[{i}].participantId")).await?;
        let before: Vec<Uuid> = organization_member::Entity::find()
            .select_only()
            .column(organization_member::Column::ParticipantId)
            .filter(organization_member::Column::OrganizationId.eq(organization_id))
            .into_tuple()
            .all(&txn)
            .await?;
        organization_member::Entity::delete_many()
            .filter(organization_member::Column::OrganizationId.eq(organization_id))
            .exec(&txn)
            .await?;
        for (order, (id, role)) in ids.iter().zip(roles).enumerate() {
            organization_member::ActiveModel {
                organization_id: Set(organization_id),
                participant_id: Set(*id),
                role: Set(role),
                sort_order: Set(i32::try_from(order).unwrap_or(i32::MAX)),
            }
            .insert(&txn)
            .await?;
        }
        Ok((find(&txn, organization_id).await?, before))
    }
    .await;
    let (org, _) = tx::finish_recorded(txn, result, now, |(org, before)| {
        // A person's organisations are part of their public record too: those who
        // joined and those who left have changed.
        let mut people: Vec<Uuid> = ids.iter().chain(before).copied().collect();
        people.sort();
        people.dedup();
        std::iter::once(NewChange::of(ChangeKind::OrganizationChanged, org.id))
            .chain(
                people
                    .into_iter()
                    .map(|id| NewChange::of(ChangeKind::ParticipantChanged, id)),
            )
            .collect::<Vec<_>>()
    })
    .await?;
    Ok(org)
}

async fn find(db: &impl ConnectionTrait, id: Uuid) -> AppResult<organization::Model> {
    organization::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("organization"))
}

fn abbreviation(field: &str, value: Option<&str>) -> AppResult<Option<String>> {
    validate::optional_line(field, value, ABBREVIATION_MAX)
}
