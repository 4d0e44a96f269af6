//! Tags, and the names of regions.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set,
};
use uuid::Uuid;

use crate::{
    auth::{Action, Viewer, authorize, viewer},
    domain::ChangeKind,
    editorial::{
        input::{RegionNamesInput, TagNamesInput},
        slugs, tx,
        validate::{self, REGION_NAME_MAX, TAG_MAX},
    },
    entity::{article_tag, region, tag},
    error::{AppError, AppResult},
    store::{changes::NewChange, search_index},
};

/// Creates a tag named `name` at `now`; its slug comes from the name. A tag whose
/// name makes the same slug already exists → [`AppError::Conflict`].
pub async fn create_tag(
    db: &DatabaseConnection,
    viewer: &Viewer,
    name: &str,
    now: DateTime<Utc>,
) -> AppResult<tag::Model> {
    let names = TagNamesInput {
        name: Some(name.to_owned()),
        ..TagNamesInput::default()
    };
    create_tag_named(db, viewer, names, now).await
}

/// Creates a tag with its names in Russian (required) and maybe Kazakh and English.
pub async fn create_tag_named(
    db: &DatabaseConnection,
    viewer: &Viewer,
    names: TagNamesInput,
    now: DateTime<Utc>,
) -> AppResult<tag::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::ManageTags)?;
    let name = validate::line("input.name", names.name.as_deref().unwrap_or(""), TAG_MAX)?;
    let name_kk = translation("input.nameKk", &names.name_kk)?.flatten();
    let name_en = translation("input.nameEn", &names.name_en)?.flatten();
    let slug = slugs::tag_slug(&name)
        .ok_or_else(|| AppError::bad_input("input.name", "needs letters or digits"))?;
    let existing = tag::Entity::find()
        .filter(tag::Column::Slug.eq(&slug))
        .one(db)
        .await?;
    if existing.is_some() {
        return Err(AppError::Conflict(format!("the tag `{slug}` exists")));
    }
    let txn = tx::begin_write(db).await?;
    let result = tag::ActiveModel {
        id: Set(Uuid::now_v7()),
        slug: Set(slug),
        name: Set(name),
        name_kk: Set(name_kk),
        name_en: Set(name_en),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(AppError::from);
    tx::finish_recorded(txn, result, now, |tag| {
        [NewChange::of(ChangeKind::TagChanged, tag.id)]
    })
    .await
}

/// A tag name in Kazakh or English as given: `None` when not given, `Some(None)`
/// when given blank or null.
fn translation(field: &str, value: &Option<Option<String>>) -> AppResult<Option<Option<String>>> {
    value
        .as_ref()
        .map(|v| validate::optional_line(field, v.as_deref(), TAG_MAX))
        .transpose()
}

/// Changes a tag's names at `now`; its slug stays, so links to it keep working.
pub async fn update_tag(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    names: TagNamesInput,
    now: DateTime<Utc>,
) -> AppResult<tag::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::ManageTags)?;
    let mut changes = tag::ActiveModel {
        updated_at: Set(now),
        ..Default::default()
    };
    if let Some(name) = &names.name {
        changes.name = Set(validate::line("input.name", name, TAG_MAX)?);
    }
    if let Some(v) = translation("input.nameKk", &names.name_kk)? {
        changes.name_kk = Set(v);
    }
    if let Some(v) = translation("input.nameEn", &names.name_en)? {
        changes.name_en = Set(v);
    }
    let txn = tx::begin_write(db).await?;
    let result = async {
        let updated = tag::Entity::update_many()
            .set(changes)
            .filter(tag::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(AppError::NotFound("tag"));
        }
        // The articles filed under it carry its names.
        let articles: Vec<Uuid> = article_tag::Entity::find()
            .select_only()
            .column(article_tag::Column::ArticleId)
            .filter(article_tag::Column::TagId.eq(id))
            .into_tuple()
            .all(&txn)
            .await?;
        search_index::index_articles(&txn, &articles).await?;
        tag::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound("tag"))
    }
    .await;
    tx::finish_recorded(txn, result, now, |tag| {
        [NewChange::of(ChangeKind::TagChanged, tag.id)]
    })
    .await
}

/// Renames a region in any of its three languages at `now`; its code and slug never
/// change.
pub async fn update_region(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    names: RegionNamesInput,
    now: DateTime<Utc>,
) -> AppResult<region::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::UpdateRegion)?;
    let mut changes = region::ActiveModel {
        updated_at: Set(now),
        ..Default::default()
    };
    if let Some(name) = &names.name_kk {
        changes.name_kk = Set(validate::line("input.nameKk", name, REGION_NAME_MAX)?);
    }
    if let Some(name) = &names.name_ru {
        changes.name_ru = Set(validate::line("input.nameRu", name, REGION_NAME_MAX)?);
    }
    if let Some(name) = &names.name_en {
        changes.name_en = Set(validate::line("input.nameEn", name, REGION_NAME_MAX)?);
    }
    let txn = tx::begin_write(db).await?;
    let result = async {
        let updated = region::Entity::update_many()
            .set(changes)
            .filter(region::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(AppError::NotFound("region"));
        }
        region::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound("region"))
    }
    .await;
    tx::finish_recorded(txn, result, now, |region| {
        [NewChange::of(ChangeKind::RegionChanged, region.id)]
    })
    .await
}
