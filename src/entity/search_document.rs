use sea_orm::entity::prelude::*;

/// The text search indexes for one article, meeting or person. The index itself is
/// not part of this entity: a `tsvector` column that PostgreSQL computes, and on
/// SQLite the `search_fts` table, written by `store::search_index` with each document.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "search_documents")]
pub struct Model {
    #[sea_orm(primary_key)]
    /// On SQLite, the content's creation time in milliseconds times 2^20 plus a slot
    /// (see `store::search_index`), so the full-text index walks newest first.
    pub id: i64,
    pub kind: String,
    pub entity_id: Uuid,
    pub article_id: Option<Uuid>,
    pub meeting_id: Option<Uuid>,
    pub participant_id: Option<Uuid>,
    pub lang: Option<String>,
    pub title: String,
    pub lead: String,
    pub body: String,
    pub extra: String,
    /// When the article, meeting or person was created: the order in which search
    /// takes candidates when a query matches very many documents.
    pub content_created_at: DateTimeUtc,
    /// An article's `published_at` while it is published, else null (meetings and
    /// people too): a search tells a public article by it without reading the
    /// article. Written with the document, and copied by a trigger on `articles`
    /// whenever an article's status or publication time changes.
    pub public_from: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
