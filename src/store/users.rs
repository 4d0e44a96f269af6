//! Reading and writing accounts.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::{
    domain::Role,
    entity::user,
    error::{AppError, AppResult},
};

/// The form in which emails are compared: trimmed and lower-cased.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Checks the shape of an email address (one `@`, a dot in the domain, no spaces).
pub fn validate_email(field: &str, email: &str) -> AppResult<()> {
    let email = email.trim();
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        })
        && !email.chars().any(char::is_whitespace);
    if valid {
        Ok(())
    } else {
        Err(AppError::bad_input(field, "not a valid email address"))
    }
}

/// Creates an account with an already hashed password, made at `now`.
pub async fn create(
    db: &impl ConnectionTrait,
    email: &str,
    display_name: &str,
    role: Role,
    password_hash: String,
    now: DateTime<Utc>,
) -> AppResult<user::Model> {
    validate_email("email", email)?;
    let display_name = display_name.trim();
    if display_name.is_empty() || display_name.chars().count() > 120 {
        return Err(AppError::bad_input("displayName", "1 to 120 characters"));
    }
    let normalized = normalize_email(email);
    if find_by_email(db, &normalized).await?.is_some() {
        return Err(AppError::Conflict("a user with this email exists".into()));
    }
    let model = user::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email.trim().to_owned()),
        email_normalized: Set(normalized),
        display_name: Set(display_name.to_owned()),
        role: Set(role),
        password_hash: Set(password_hash),
        disabled: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
    };
    Ok(model.insert(db).await?)
}

/// The account with this email, compared case-insensitively.
pub async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<user::Model>, sea_orm::DbErr> {
    user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(normalize_email(email)))
        .one(db)
        .await
}

/// Accounts by id.
pub async fn by_ids(db: &impl ConnectionTrait, ids: &[Uuid]) -> AppResult<Vec<user::Model>> {
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}

async fn update(
    db: &impl ConnectionTrait,
    id: Uuid,
    now: DateTime<Utc>,
    change: impl FnOnce(&mut user::ActiveModel),
) -> AppResult<user::Model> {
    let found = user::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("user"))?;
    let mut model: user::ActiveModel = found.into();
    change(&mut model);
    model.updated_at = Set(now);
    Ok(model.update(db).await?)
}

/// Gives an account another role at `now`.
pub async fn set_role(
    db: &impl ConnectionTrait,
    id: Uuid,
    role: Role,
    now: DateTime<Utc>,
) -> AppResult<user::Model> {
    update(db, id, now, |m| m.role = Set(role)).await
}

/// Disables or re-enables an account at `now`.
pub async fn set_disabled(
    db: &impl ConnectionTrait,
    id: Uuid,
    disabled: bool,
    now: DateTime<Utc>,
) -> AppResult<user::Model> {
    update(db, id, now, |m| m.disabled = Set(disabled)).await
}
