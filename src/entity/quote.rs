use sea_orm::entity::prelude::*;

use crate::domain::QuoteKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Deserialize)]
#[sea_orm(table_name = "quotes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub article_id: Uuid,
    pub participant_id: Option<Uuid>,
    /// Order within the article, from 0.
    pub position: i32,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub kind: QuoteKind,
    /// Quotes are rewritten with their article: this is when that last happened.
    pub updated_at: DateTimeUtc,
    /// The speaker's position as of the article's event.
    pub position_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
