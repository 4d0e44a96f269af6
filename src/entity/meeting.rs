use sea_orm::entity::prelude::*;

use crate::domain::MeetingKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Deserialize)]
#[sea_orm(table_name = "meetings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub slug: String,
    /// The title in Russian; the Kazakh and English ones beside it.
    pub title: String,
    pub title_kk: Option<String>,
    pub title_en: Option<String>,
    /// The body that met, in Russian; Kazakh and English beside it.
    pub body: String,
    pub body_kk: Option<String>,
    pub body_en: Option<String>,
    pub kind: MeetingKind,
    pub held_on: Date,
    pub region_id: Uuid,
    /// The venue in Russian; Kazakh and English beside it.
    pub venue: Option<String>,
    pub venue_kk: Option<String>,
    pub venue_en: Option<String>,
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
