//! Checks that the ids an input refers to exist, naming the field that holds a bad one.

use std::collections::HashSet;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::{
    entity::{article, meeting, organization, participant, region},
    error::{AppError, AppResult},
    store,
};

/// The region `id` exists, else a bad `field`.
pub async fn region(db: &impl ConnectionTrait, field: &str, id: Uuid) -> AppResult<()> {
    match region::Entity::find_by_id(id).one(db).await? {
        Some(_) => Ok(()),
        None => Err(AppError::bad_input(field, "no such region")),
    }
}

/// The organisation `id` exists, else a bad `field`.
pub async fn organization(db: &impl ConnectionTrait, field: &str, id: Uuid) -> AppResult<()> {
    match organization::Entity::find_by_id(id).one(db).await? {
        Some(_) => Ok(()),
        None => Err(AppError::bad_input(field, "no such organization")),
    }
}

/// The meeting `id` exists, else a bad `field`.
pub async fn meeting(db: &impl ConnectionTrait, field: &str, id: Uuid) -> AppResult<()> {
    match meeting::Entity::find_by_id(id).one(db).await? {
        Some(_) => Ok(()),
        None => Err(AppError::bad_input(field, "no such meeting")),
    }
}

/// The article `id`, else a bad `field`.
pub async fn article(
    db: &impl ConnectionTrait,
    field: &str,
    id: Uuid,
) -> AppResult<article::Model> {
    article::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::bad_input(field, "no such article"))
}

/// The image `id` was uploaded, else a bad `field`.
pub async fn media(db: &impl ConnectionTrait, field: &str, id: Uuid) -> AppResult<()> {
    match store::media::existing(db, &[id]).await?.is_empty() {
        false => Ok(()),
        true => Err(AppError::bad_input(field, "no such image")),
    }
}

/// Every id in `ids` is an uploaded image, each once; the first that is not is
/// named by `field_of(index)`.
pub async fn media_list(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
    field_of: impl Fn(usize) -> String,
) -> AppResult<()> {
    let found: HashSet<Uuid> = store::media::existing(db, ids).await?.into_iter().collect();
    let optional: Vec<Option<Uuid>> = ids.iter().copied().map(Some).collect();
    first_missing(&optional, &found, &field_of, "no such image")?;
    let mut seen = HashSet::new();
    match ids.iter().position(|id| !seen.insert(*id)) {
        Some(index) => Err(AppError::bad_input(field_of(index), "listed twice")),
        None => Ok(()),
    }
}

/// Every id in `ids` is a person; the first that is not is named by `field_of(index)`.
pub async fn participants(
    db: &impl ConnectionTrait,
    ids: &[Option<Uuid>],
    field_of: impl Fn(usize) -> String,
) -> AppResult<()> {
    let wanted: Vec<Uuid> = ids.iter().flatten().copied().collect();
    if wanted.is_empty() {
        return Ok(());
    }
    let found: HashSet<Uuid> = participant::Entity::find()
        .select_only()
        .column(participant::Column::Id)
        .filter(participant::Column::Id.is_in(wanted))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    first_missing(ids, &found, field_of, "no such person")
}

/// Every id in `ids` is an article; the first that is not is named by `field_of(index)`.
pub async fn articles(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
    field_of: impl Fn(usize) -> String,
) -> AppResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let found: HashSet<Uuid> = article::Entity::find()
        .select_only()
        .column(article::Column::Id)
        .filter(article::Column::Id.is_in(ids.iter().copied()))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let ids: Vec<Option<Uuid>> = ids.iter().copied().map(Some).collect();
    first_missing(&ids, &found, field_of, "no such article")
}

fn first_missing(
    ids: &[Option<Uuid>],
    found: &HashSet<Uuid>,
    field_of: impl Fn(usize) -> String,
    message: &str,
) -> AppResult<()> {
    match ids
        .iter()
        .position(|id| id.is_some_and(|id| !found.contains(&id)))
    {
        Some(index) => Err(AppError::bad_input(field_of(index), message)),
        None => Ok(()),
    }
}
