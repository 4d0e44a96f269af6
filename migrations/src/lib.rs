//! The database schema of polisia-api, one frozen file per change.
//!
//! A landed migration never changes: a new change is a new file, appended to
//! [`Migrator::migrations`] in order. The same migrations run on SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod common;
mod m20261125_000001_regions;
mod m20261125_000002_insert_regions;
mod m20261125_000003_users;
mod m20261125_000004_tags_participants_meetings;
mod m20261125_000005_articles;
mod m20261125_000006_comments;
mod m20261125_000007_login_attempts;
mod m20261126_000008_search;
mod m20261126_000009_search_recency;
mod m20261126_000010_search_document_inline;
mod m20261206_000011_search_snowball;
mod m20261206_000012_changes;
mod m20261207_000013_refresh_successor;
mod m20261207_000014_comment_website;
mod m20261208_000015_api_keys;
mod m20261208_000016_trusted_documents;
mod m20261209_000017_webhooks;
mod m20261209_000018_purge_cursor;
mod m20261209_000019_updated_at;
mod m20261210_000020_consumer_cursors;
mod m20261210_000021_media;
mod m20261210_000022_organizations;
mod m20261210_000024_corrections;
mod m20261210_000025_preview_links;
mod m20261210_000026_quote_speaker_order;
mod m20261210_000027_bylines_sections;
mod m20261210_000028_media_attachments;
mod m20261210_000030_translations;
mod m20261210_000031_positions_honours;
mod m20261210_000032_byline_search;
mod m20261210_000033_search_visibility;
mod m20261210_000034_article_tags_public_from;
mod m20261210_000035_position_chosen;
mod m20261210_000038_search_rowid_order;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_regions::Migration),
            Box::new(m20261125_000002_insert_regions::Migration),
            Box::new(m20261125_000003_users::Migration),
            Box::new(m20261125_000004_tags_participants_meetings::Migration),
            Box::new(m20261125_000005_articles::Migration),
            Box::new(m20261125_000006_comments::Migration),
            Box::new(m20261125_000007_login_attempts::Migration),
            Box::new(m20261126_000008_search::Migration),
            Box::new(m20261126_000009_search_recency::Migration),
            Box::new(m20261126_000010_search_document_inline::Migration),
            Box::new(m20261206_000011_search_snowball::Migration),
            Box::new(m20261206_000012_changes::Migration),
            Box::new(m20261207_000013_refresh_successor::Migration),
            Box::new(m20261207_000014_comment_website::Migration),
            Box::new(m20261208_000015_api_keys::Migration),
            Box::new(m20261208_000016_trusted_documents::Migration),
            Box::new(m20261209_000017_webhooks::Migration),
            Box::new(m20261209_000018_purge_cursor::Migration),
            Box::new(m20261209_000019_updated_at::Migration),
            Box::new(m20261210_000020_consumer_cursors::Migration),
            Box::new(m20261210_000021_media::Migration),
            Box::new(m20261210_000022_organizations::Migration),
            Box::new(m20261210_000024_corrections::Migration),
            Box::new(m20261210_000025_preview_links::Migration),
            Box::new(m20261210_000026_quote_speaker_order::Migration),
            Box::new(m20261210_000027_bylines_sections::Migration),
            Box::new(m20261210_000028_media_attachments::Migration),
            Box::new(m20261210_000030_translations::Migration),
            Box::new(m20261210_000031_positions_honours::Migration),
            Box::new(m20261210_000032_byline_search::Migration),
            Box::new(m20261210_000033_search_visibility::Migration),
            Box::new(m20261210_000034_article_tags_public_from::Migration),
            Box::new(m20261210_000035_position_chosen::Migration),
            Box::new(m20261210_000038_search_rowid_order::Migration),
        ]
    }
}
