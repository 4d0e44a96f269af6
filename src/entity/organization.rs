use sea_orm::entity::prelude::*;

use crate::domain::OrganizationKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Deserialize)]
#[sea_orm(table_name = "organizations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub slug: String,
    pub kind: OrganizationKind,
    pub name_ru: String,
    pub name_kk: Option<String>,
    pub name_en: Option<String>,
    pub abbreviation_ru: Option<String>,
    pub abbreviation_kk: Option<String>,
    pub abbreviation_en: Option<String>,
    pub region_id: Option<Uuid>,
    pub parent_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
