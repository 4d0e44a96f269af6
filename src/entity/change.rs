use sea_orm::entity::prelude::*;

use crate::domain::{ChangeKind, Language};

/// One row of the record of changes (see [`crate::store::changes`]).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "changes")]
pub struct Model {
    /// Strictly increasing in commit order.
    #[sea_orm(primary_key)]
    pub seq: i64,
    pub kind: ChangeKind,
    pub entity_id: Uuid,
    pub article_id: Option<Uuid>,
    pub region_id: Option<Uuid>,
    pub lang: Option<Language>,
    pub committed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
