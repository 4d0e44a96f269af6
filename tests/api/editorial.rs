//! The editorial write layer against a real database, through the library's own
//! functions (the GraphQL mutations will call the same ones).

mod articles;
mod inputs;
mod meetings;
mod slugs;
mod workflow;

use chrono::{DateTime, Utc};
use polisia_api::{
    auth::Viewer,
    editorial::{self, ParticipantInput},
    entity::region,
    error::AppError,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

/// The moment the writes of these tests are made at.
pub fn now() -> DateTime<Utc> {
    crate::fixtures::start()
}

/// The id of the region with ISO `code` (regions come with the migrations).
pub async fn region_id(conn: &DatabaseConnection, code: &str) -> Uuid {
    region::Entity::find()
        .filter(region::Column::Code.eq(code))
        .one(conn)
        .await
        .unwrap()
        .expect("the region exists")
        .id
}

/// A person named `name`, recorded by `editor`.
pub async fn person(conn: &DatabaseConnection, editor: &Viewer, name: &str) -> Uuid {
    let input = ParticipantInput {
        full_name: name.into(),
        ..Default::default()
    };
    editorial::create_participant(conn, editor, input, now())
        .await
        .unwrap()
        .id
}

/// The field an input error names.
pub fn field<T: std::fmt::Debug>(result: Result<T, AppError>) -> String {
    match result {
        Err(AppError::BadInput(field)) => field.field,
        other => panic!("expected a bad input, got {other:?}"),
    }
}

/// The stable code of an error (or "OK").
pub fn code<T>(result: &Result<T, AppError>) -> &'static str {
    match result {
        Ok(_) => "OK",
        Err(err) => err.code().as_str(),
    }
}

/// Rows of `E`.
pub async fn count<E: EntityTrait>(conn: &DatabaseConnection) -> u64
where
    E::Model: Sync,
{
    E::find().count(conn).await.unwrap()
}
