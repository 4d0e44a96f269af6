//! Webhooks and WebSub hubs: the endpoints changes are sent to, one delivery per
//! message and endpoint, every try of a delivery, and the cursor that says how far
//! the record of changes has been fanned out to them.
//!
//! `(endpoint_id, change_seq, topic)` is unique: a change is queued for an endpoint
//! once, however many instances fan it out. `webhook_cursor` holds one row; an
//! instance moves it with a compare-and-set in the transaction that queues the
//! deliveries, so only one instance fans out each change.

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
                    .table("webhook_endpoints")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    // WEBHOOK (an administrator's) or WEBSUB_HUB (from WEBSUB_HUBS).
                    .col(string_len("kind", 16))
                    .col(string_len("url", 2048))
                    .col(string_len("description", 500))
                    // Wire names of the events it takes, comma-separated.
                    .col(text("events"))
                    // `whsec_` and the base64 of 32 random bytes; empty for a hub.
                    .col(string_len("secret", 64))
                    .col(string_len("state", 16))
                    .col(text_null("disabled_reason"))
                    .col(timestamp_with_time_zone_null("disabled_at"))
                    // The first failure since the last success.
                    .col(timestamp_with_time_zone_null("failing_since"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("webhook_deliveries")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    .col(uuid("endpoint_id"))
                    .col(big_integer("change_seq"))
                    // The feed a WebSub ping names; empty for a webhook.
                    .col(string_len("topic", 2048))
                    // `webhook-id`: the same on every try.
                    .col(string_len("message_id", 64))
                    .col(string_len("event", 32))
                    .col(text("body"))
                    .col(string_len("state", 16))
                    .col(integer("tries"))
                    .col(timestamp_with_time_zone("next_try_at"))
                    // An instance sending it holds it until then.
                    .col(timestamp_with_time_zone_null("claimed_until"))
                    .col(integer_null("last_status"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("delivered_at"))
                    .foreign_key(&mut fk(
                        "webhook_deliveries",
                        "endpoint_id",
                        "webhook_endpoints",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("webhook_attempts")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    .col(uuid("delivery_id"))
                    .col(timestamp_with_time_zone("tried_at"))
                    .col(integer_null("status_code"))
                    .col(big_integer("duration_ms"))
                    .col(string_len_null("error", 32))
                    .col(timestamp_with_time_zone_null("next_try_at"))
                    .foreign_key(&mut fk(
                        "webhook_attempts",
                        "delivery_id",
                        "webhook_deliveries",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("webhook_cursor")
                    .if_not_exists()
                    .col(integer("id").primary_key())
                    .col(big_integer("seq"))
                    .to_owned(),
            )
            .await?;
        // What happened before webhooks existed is not sent.
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO webhook_cursor (id, seq) SELECT 1, COALESCE(MAX(seq), 0) FROM changes",
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index(
                    "webhook_deliveries",
                    &["endpoint_id", "change_seq", "topic"],
                    true,
                ),
                index("webhook_deliveries", &["state", "next_try_at"], false),
                index("webhook_attempts", &["delivery_id", "tried_at"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "webhook_cursor",
                "webhook_attempts",
                "webhook_deliveries",
                "webhook_endpoints",
            ],
        )
        .await
    }
}
