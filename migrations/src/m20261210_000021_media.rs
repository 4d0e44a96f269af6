//! Uploaded images and their renditions.
//!
//! `media.content_hash` (the SHA-256 of the bytes uploaded) is unique: the same file
//! uploaded twice is one image. A rendition is one stored file of an image (the
//! cleaned original included); `(media_id, file)` is unique and `key` is where the
//! object store keeps it. Attaching images to content will be a join table that
//! points at `media.id`.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{create_indexes, drop_tables, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("media")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    // Lowercase hex of the SHA-256 of the uploaded bytes.
                    .col(string_len("content_hash", 64))
                    // JPEG, PNG or WEBP: the format uploaded and kept.
                    .col(string_len("format", 8))
                    // Upright, after the EXIF orientation was applied.
                    .col(integer("width"))
                    .col(integer("height"))
                    // The size of the upload.
                    .col(big_integer("bytes"))
                    .col(text_null("alt_ru"))
                    .col(text_null("alt_kk"))
                    .col(text_null("alt_en"))
                    .col(text_null("caption_ru"))
                    .col(text_null("caption_kk"))
                    .col(text_null("caption_en"))
                    .col(text_null("credit_ru"))
                    .col(text_null("credit_kk"))
                    .col(text_null("credit_en"))
                    .col(double("focal_x"))
                    .col(double("focal_y"))
                    // PENDING, READY or FAILED.
                    .col(string_len("state", 16))
                    .col(uuid_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk(
                        "media",
                        "created_by",
                        "users",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("media_renditions")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    .col(uuid("media_id"))
                    // ORIGINAL, WIDTH, WIDE (16:9) or SQUARE (1:1).
                    .col(string_len("kind", 16))
                    .col(string_len("format", 8))
                    .col(integer("width"))
                    .col(integer("height"))
                    .col(big_integer("bytes"))
                    // The file's name under its image, e.g. `w640.webp`.
                    .col(string_len("file", 64))
                    // Where the object store keeps it.
                    .col(string_len("key", 200))
                    // Lowercase hex of the SHA-256 of the file: its ETag.
                    .col(string_len("content_hash", 64))
                    .foreign_key(&mut fk(
                        "media_renditions",
                        "media_id",
                        "media",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index("media", &["content_hash"], true),
                index("media_renditions", &["media_id", "file"], true),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["media_renditions", "media"]).await
    }
}
