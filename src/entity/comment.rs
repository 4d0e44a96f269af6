use sea_orm::entity::prelude::*;

use crate::domain::CommentStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "comments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub article_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub depth: i32,
    pub user_id: Option<Uuid>,
    pub author_name: String,
    /// Never shown to anyone but moderators.
    pub author_email: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub status: CommentStatus,
    pub client_ip_hash: Option<String>,
    pub idempotency_key: Option<String>,
    /// The commenter's own site (an http or https URL), shown with the comment.
    pub website: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
