use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub meeting_id: Uuid,
    pub position: i32,
    /// The title in Russian; Kazakh and English beside it.
    pub title: String,
    pub title_kk: Option<String>,
    pub title_en: Option<String>,
    /// The description in Russian; Kazakh and English beside it.
    pub description: Option<String>,
    pub description_kk: Option<String>,
    pub description_en: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
