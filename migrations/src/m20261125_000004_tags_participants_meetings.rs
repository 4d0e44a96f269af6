//! Tags, participants (people), meetings with their agenda and participants.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{create_indexes, drop_tables, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict, SetNull};
        manager
            .create_table(
                Table::create()
                    .table("tags")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    .col(string_len_uniq("slug", 96))
                    .col(string_len("name", 96))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("participants")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    .col(string_len_uniq("slug", 160))
                    .col(string_len("full_name_ru", 200))
                    .col(string_len_null("full_name_kk", 200))
                    .col(string_len_null("full_name_en", 200))
                    .col(string_len_null("position", 300))
                    .col(string_len_null("organization", 300))
                    // An ordered list of strings, e.g. "почётный гражданин области".
                    .col(json_binary("honours"))
                    .col(uuid_null("region_id"))
                    .col(uuid_null("created_by"))
                    .col(uuid_null("updated_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    // A region is reference data: deleting one must not erase people.
                    .foreign_key(&mut fk("participants", "region_id", "regions", SetNull))
                    .foreign_key(&mut fk("participants", "created_by", "users", SetNull))
                    .foreign_key(&mut fk("participants", "updated_by", "users", SetNull))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("meetings")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    .col(string_len_uniq("slug", 200))
                    .col(string_len("title", 300))
                    // The body that met, e.g. the advisory council of a police department.
                    .col(string_len("body", 300))
                    .col(string_len("kind", 32))
                    .col(date("held_on"))
                    .col(uuid("region_id"))
                    .col(string_len_null("venue", 300))
                    .col(uuid_null("created_by"))
                    .col(uuid_null("updated_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("meetings", "region_id", "regions", Restrict))
                    .foreign_key(&mut fk("meetings", "created_by", "users", SetNull))
                    .foreign_key(&mut fk("meetings", "updated_by", "users", SetNull))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("agenda_items")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    .col(uuid("meeting_id"))
                    .col(integer("position"))
                    .col(string_len("title", 500))
                    .col(text_null("description"))
                    .foreign_key(&mut fk("agenda_items", "meeting_id", "meetings", Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("meeting_participants")
                    .if_not_exists()
                    .col(uuid("meeting_id"))
                    .col(uuid("participant_id"))
                    .col(string_len("role", 16))
                    // The position held at the meeting's time: positions change.
                    .col(string_len_null("position", 300))
                    .col(integer("sort_order"))
                    .primary_key(Index::create().col("meeting_id").col("participant_id"))
                    .foreign_key(&mut fk(
                        "meeting_participants",
                        "meeting_id",
                        "meetings",
                        Cascade,
                    ))
                    // A person who took part in a meeting cannot vanish from its record.
                    .foreign_key(&mut fk(
                        "meeting_participants",
                        "participant_id",
                        "participants",
                        Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index("participants", &["region_id", "full_name_ru"], false),
                index("participants", &["full_name_ru", "id"], false),
                index("meetings", &["held_on", "id"], false),
                index("meetings", &["region_id", "held_on", "id"], false),
                index("meetings", &["kind", "held_on", "id"], false),
                index("agenda_items", &["meeting_id", "position"], true),
                index("meeting_participants", &["participant_id"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "meeting_participants",
                "agenda_items",
                "meetings",
                "participants",
                "tags",
            ],
        )
        .await
    }
}
