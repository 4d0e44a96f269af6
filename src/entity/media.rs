use sea_orm::entity::prelude::*;

use crate::domain::{ImageFormat, MediaState};

/// An uploaded image (see [`crate::media`]).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "media")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Lowercase hex of the SHA-256 of the bytes uploaded.
    pub content_hash: String,
    pub format: ImageFormat,
    /// Upright, after the EXIF orientation was applied.
    pub width: i32,
    pub height: i32,
    /// The size of the upload.
    pub bytes: i64,
    #[sea_orm(column_type = "Text", nullable)]
    pub alt_ru: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub alt_kk: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub alt_en: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub caption_ru: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub caption_kk: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub caption_en: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub credit_ru: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub credit_kk: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub credit_en: Option<String>,
    pub focal_x: f64,
    pub focal_y: f64,
    pub state: MediaState,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
