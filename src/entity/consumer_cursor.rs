use sea_orm::entity::prelude::*;

/// How far one consumer of the record of changes has got (see
/// [`crate::store::consumer_cursors`]).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consumer_cursors")]
pub struct Model {
    /// The consumer's name.
    #[sea_orm(primary_key, auto_increment = false)]
    pub name: String,
    /// The sequence of the last change the consumer has claimed.
    pub seq: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
