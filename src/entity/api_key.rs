use sea_orm::entity::prelude::*;

/// A partner's API key: never the key itself, only its hash and its first characters.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_keys")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    /// `pk_` and the next 8 characters of the key: shown to people, and the index
    /// the key is found by.
    pub prefix: String,
    /// Lowercase hex of the SHA-256 of the whole key.
    pub key_hash: String,
    pub requests_per_minute: i32,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::CreatedBy",
        to = "super::user::Column::Id"
    )]
    User,
}

impl ActiveModelBehavior for ActiveModel {}
