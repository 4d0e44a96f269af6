use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Deserialize)]
#[sea_orm(table_name = "participants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub slug: String,
    pub full_name_ru: String,
    pub full_name_kk: Option<String>,
    pub full_name_en: Option<String>,
    pub position: Option<String>,
    pub organization: Option<String>,
    /// A JSON array of strings.
    #[sea_orm(column_type = "JsonBinary")]
    pub honours: Json,
    pub region_id: Option<Uuid>,
    /// An uploaded photo of them.
    pub photo_media_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
