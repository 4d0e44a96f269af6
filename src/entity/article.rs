use sea_orm::entity::prelude::*;

use crate::domain::{ArticleStatus, Language, Section};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "articles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub translation_group_id: Uuid,
    pub lang: Language,
    pub slug: String,
    pub title: String,
    pub lead: Option<String>,
    pub body: String,
    pub status: ArticleStatus,
    pub published_at: Option<DateTimeUtc>,
    /// When its publication was announced to subscribers (claimed by one instance);
    /// `None` while it is not public or its moment has not come.
    pub announced_at: Option<DateTimeUtc>,
    pub region_id: Option<Uuid>,
    pub author_id: Option<Uuid>,
    pub meeting_id: Option<Uuid>,
    pub cover_image_url: Option<String>,
    pub cover_image_alt: Option<String>,
    /// An uploaded cover image; shown instead of `cover_image_url` when set.
    pub cover_media_id: Option<Uuid>,
    pub source: Option<String>,
    pub comments_open: bool,
    /// Free-text byline in Russian (e.g. a press service); with no free text in any
    /// language the byline is the author's name.
    pub byline_ru: Option<String>,
    /// Free-text byline in Kazakh.
    pub byline_kk: Option<String>,
    /// Free-text byline in English.
    pub byline_en: Option<String>,
    /// The section the article sits in.
    pub section: Option<Section>,
    /// The article's place among the featured ones of its language (1 = first);
    /// `None` when it is not featured.
    pub featured_position: Option<i16>,
    pub version: i32,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The free-text byline, in each language it is written in.
    pub fn byline_text(&self) -> crate::domain::byline::BylineText<'_> {
        crate::domain::byline::BylineText {
            ru: self.byline_ru.as_deref(),
            kk: self.byline_kk.as_deref(),
            en: self.byline_en.as_deref(),
        }
    }
}
