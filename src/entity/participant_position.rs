use sea_orm::entity::prelude::*;

/// A position a person held (or holds): where, what, and from when to when.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Deserialize)]
#[sea_orm(table_name = "participant_positions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub participant_id: Uuid,
    pub organization_id: Option<Uuid>,
    pub title_ru: String,
    pub title_kk: Option<String>,
    pub title_en: Option<String>,
    /// The first day held; `None` when not recorded.
    pub from_date: Option<Date>,
    /// The last day held; `None` while it is held.
    pub to_date: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
