use sea_orm::entity::prelude::*;

use crate::domain::{ImageFormat, RenditionKind};

/// One stored file of an uploaded image, the cleaned original included.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "media_renditions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub media_id: Uuid,
    pub kind: RenditionKind,
    pub format: ImageFormat,
    pub width: i32,
    pub height: i32,
    pub bytes: i64,
    /// Its name under its image, e.g. `w640.webp`.
    pub file: String,
    /// Where the object store keeps it.
    pub key: String,
    /// Lowercase hex of the SHA-256 of the file: its ETag.
    pub content_hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
