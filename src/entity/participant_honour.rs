use sea_orm::entity::prelude::*;

/// An honour a person received: what, when, and from whom.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Deserialize)]
#[sea_orm(table_name = "participant_honours")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub participant_id: Uuid,
    /// Order in the person's list, from 0.
    pub sort_order: i32,
    pub title_ru: String,
    pub title_kk: Option<String>,
    pub title_en: Option<String>,
    /// The day awarded; `None` when not recorded.
    pub awarded_on: Option<Date>,
    /// The organisation that awarded it, when it is one the portal knows.
    pub awarded_by_organization_id: Option<Uuid>,
    /// Who awarded it, as text (e.g. a body the portal does not list).
    pub awarded_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
