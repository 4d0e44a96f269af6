use sea_orm::entity::prelude::*;

/// A GraphQL operation trusted to run for anonymous and API-key clients (see
/// [`crate::store::trusted_documents`]).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "trusted_documents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Lowercase hex of the SHA-256 of `document`.
    #[sea_orm(unique)]
    pub hash: String,
    pub document: String,
    pub created_at: DateTimeUtc,
    pub created_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
