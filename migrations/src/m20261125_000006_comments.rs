//! Reader comments: threaded, moderated, never exposing the author's email or address.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{create_indexes, drop_tables, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, SetNull};
        manager
            .create_table(
                Table::create()
                    .table("comments")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    .col(uuid("article_id"))
                    .col(uuid_null("parent_id"))
                    // 0 for a top-level comment; replies nest to a fixed depth.
                    .col(integer("depth").default(0))
                    .col(uuid_null("user_id"))
                    .col(string_len("author_name", 100))
                    .col(string_len("author_email", 254))
                    // Plain text exactly as typed; escaped on output.
                    .col(text("body"))
                    .col(string_len("status", 16))
                    // Keyed hash of the client address: enough for flood control,
                    // useless to anyone who reads the table.
                    .col(string_len_null("client_ip_hash", 64))
                    // Lets a client retry a post safely.
                    .col(string_len_null("idempotency_key", 100))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("comments", "article_id", "articles", Cascade))
                    // Removing a comment removes its thread below it.
                    .foreign_key(&mut fk("comments", "parent_id", "comments", Cascade))
                    .foreign_key(&mut fk("comments", "user_id", "users", SetNull))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index(
                    "comments",
                    &["article_id", "status", "created_at", "id"],
                    false,
                ),
                index(
                    "comments",
                    &["parent_id", "status", "created_at", "id"],
                    false,
                ),
                // The moderation queue, oldest first.
                index("comments", &["status", "created_at", "id"], false),
                index("comments", &["author_email", "created_at"], false),
                index("comments", &["client_ip_hash", "created_at"], false),
                index("comments", &["user_id", "status"], false),
                index("comments", &["idempotency_key"], true),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["comments"]).await
    }
}
