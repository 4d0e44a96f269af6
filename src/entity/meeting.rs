use sea_orm::entity::prelude::*;

use crate::domain::MeetingKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Deserialize)]
#[sea_orm(table_name = "meetings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub body: String,
    pub kind: MeetingKind,
    pub held_on: Date,
    pub region_id: Uuid,
    pub venue: Option<String>,
    /// The organisation that held it.
    pub organization_id: Option<Uuid>,
    /// An uploaded photo of it.
    pub photo_media_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
