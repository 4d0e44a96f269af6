//! Organisations (councils, police departments and their divisions, ministries,
//! local assemblies), the people who belong to them, and the organisation that
//! holds a meeting.
//!
//! Until now a person's organisation was free text (`participants.organization`).
//! Every distinct text becomes an organisation (spellings that differ only in case
//! or surrounding spaces are one), and each person who named it becomes its member,
//! with their recorded position as the role. The text column stays as it was.
//!
//! A slug is spelled by the service's own transliteration, which this crate cannot
//! reach: a carried-over organisation gets a placeholder slug, `~` and its id (a
//! character no spelled slug holds), and the service spells it right after the
//! migrations run.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, Statement};
use sea_orm_migration::{prelude::*, schema::*};
use uuid::Uuid;

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
                    .table("organizations")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    .col(string_len_uniq("slug", 160))
                    .col(string_len("kind", 32))
                    .col(string_len("name_ru", 300))
                    .col(string_len_null("name_kk", 300))
                    .col(string_len_null("name_en", 300))
                    .col(string_len_null("abbreviation_ru", 32))
                    .col(string_len_null("abbreviation_kk", 32))
                    .col(string_len_null("abbreviation_en", 32))
                    .col(uuid_null("region_id"))
                    .col(uuid_null("parent_id"))
                    .col(uuid_null("created_by"))
                    .col(uuid_null("updated_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("organizations", "region_id", "regions", SetNull))
                    // A parent with children is refused deletion by the service; the
                    // key keeps the tree whole whatever writes it.
                    .foreign_key(&mut fk(
                        "organizations",
                        "parent_id",
                        "organizations",
                        Restrict,
                    ))
                    .foreign_key(&mut fk("organizations", "created_by", "users", SetNull))
                    .foreign_key(&mut fk("organizations", "updated_by", "users", SetNull))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("organization_members")
                    .if_not_exists()
                    .col(uuid("organization_id"))
                    .col(uuid("participant_id"))
                    // What the person is there, e.g. chair of the council.
                    .col(string_len_null("role", 300))
                    .col(integer("sort_order"))
                    .primary_key(Index::create().col("organization_id").col("participant_id"))
                    .foreign_key(&mut fk(
                        "organization_members",
                        "organization_id",
                        "organizations",
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "organization_members",
                        "participant_id",
                        "participants",
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("meetings")
                    .add_column(uuid_null("organization_id"))
                    .to_owned(),
            )
            .await?;
        // SQLite cannot add a foreign key to an existing table; there the service's
        // own check (an organisation holding meetings is not deleted) keeps it.
        if manager.get_database_backend() == sea_orm::DbBackend::Postgres {
            manager
                .create_foreign_key(fk("meetings", "organization_id", "organizations", Restrict))
                .await?;
        }
        create_indexes(
            manager,
            vec![
                index("organizations", &["name_ru", "id"], false),
                index("organizations", &["region_id"], false),
                index("organizations", &["parent_id"], false),
                index("organizations", &["updated_at"], false),
                index("organization_members", &["participant_id"], false),
                index("meetings", &["organization_id", "held_on", "id"], false),
            ],
        )
        .await?;
        carry_over(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_meetings_organization_id_held_on_id")
                    .table("meetings")
                    .to_owned(),
            )
            .await?;
        if manager.get_database_backend() == sea_orm::DbBackend::Postgres {
            manager
                .drop_foreign_key(
                    ForeignKey::drop()
                        .name("fk_meetings_organization_id")
                        .table("meetings")
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("meetings")
                    .drop_column("organization_id")
                    .to_owned(),
            )
            .await?;
        drop_tables(manager, &["organization_members", "organizations"]).await
    }
}

/// One organisation as the free text named it, and who named it.
struct Named {
    name: String,
    /// `None` once two of its people are in different regions (or one in none).
    region: Option<Option<Uuid>>,
    members: Vec<(Uuid, Option<String>)>,
}

/// Turns every distinct `participants.organization` into an organisation and a
/// membership for each person who named it.
async fn carry_over(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let backend = manager.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT id, organization, position, region_id FROM participants \
             WHERE organization IS NOT NULL ORDER BY full_name_ru, id",
        ))
        .await?;
    let mut by_name: Vec<Named> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for row in rows {
        let person: Uuid = row.try_get("", "id")?;
        let text: String = row.try_get("", "organization")?;
        let position: Option<String> = row.try_get("", "position")?;
        let region: Option<Uuid> = row.try_get("", "region_id")?;
        let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            continue;
        }
        let at = *index.entry(name.to_lowercase()).or_insert_with(|| {
            by_name.push(Named {
                name: name.clone(),
                region: Some(region),
                members: Vec::new(),
            });
            by_name.len() - 1
        });
        let named = &mut by_name[at];
        if named.region != Some(region) {
            named.region = None;
        }
        named.members.push((person, position));
    }
    let now = chrono::Utc::now();
    for named in by_name {
        let id = Uuid::now_v7();
        let region = named.region.flatten();
        db.execute(
            &Query::insert()
                .into_table("organizations")
                .columns([
                    "id",
                    "slug",
                    "kind",
                    "name_ru",
                    "region_id",
                    "created_at",
                    "updated_at",
                ])
                .values_panic([
                    id.into(),
                    format!("~{id}").into(),
                    kind_of(&named.name).into(),
                    named.name.clone().into(),
                    region.into(),
                    now.into(),
                    now.into(),
                ])
                .to_owned(),
        )
        .await?;
        for (order, (person, position)) in named.members.into_iter().enumerate() {
            db.execute(
                &Query::insert()
                    .into_table("organization_members")
                    .columns(["organization_id", "participant_id", "role", "sort_order"])
                    .values_panic([
                        id.into(),
                        person.into(),
                        position.into(),
                        <i32 as TryFrom<usize>>::try_from(order)
                            .unwrap_or(i32::MAX)
                            .into(),
                    ])
                    .to_owned(),
            )
            .await?;
        }
    }
    Ok(())
}

/// The kind a name clearly says, in Russian, Kazakh or English; `OTHER` otherwise.
/// A council "at the police department" is a council: the body named first wins,
/// so the checks run from the narrowest kind to the widest.
pub(crate) fn kind_of(name: &str) -> &'static str {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |stems: &[&str]| stems.iter().any(|s| lower.contains(s));
    let word = |names: &[&str]| names.iter().any(|n| words.contains(n));
    if has(&["совет", "кеңес", "council"]) || word(&["ксо", "қко"]) {
        "COUNCIL"
    } else if has(&["маслихат", "мәслихат", "assembly"]) {
        "LOCAL_ASSEMBLY"
    } else if has(&["министерств", "министрлі", "ministry"]) || word(&["мвд", "іім"])
    {
        "MINISTRY"
    } else if has(&[
        "управлени",
        "служб",
        "отдел",
        "басқарма",
        "қызмет",
        "division",
        "service",
    ]) {
        "DIVISION"
    } else if has(&[
        "департамент полиции",
        "полиция департамент",
        "police department",
    ]) || word(&["дп"])
    {
        "POLICE_DEPARTMENT"
    } else {
        "OTHER"
    }
}

#[cfg(test)]
mod tests {
    use super::kind_of;

    #[test]
    fn a_name_says_its_kind_when_it_clearly_does() {
        assert_eq!(kind_of("КСО при ДП Кызылординской области"), "COUNCIL");
        assert_eq!(
            kind_of("Кызылординский областной маслихат"),
            "LOCAL_ASSEMBLY"
        );
        assert_eq!(kind_of("МВД Республики Казахстан"), "MINISTRY");
        assert_eq!(kind_of("Управление миграционной службы ДП"), "DIVISION");
        assert_eq!(
            kind_of("Департамент полиции Кызылординской области"),
            "POLICE_DEPARTMENT"
        );
        assert_eq!(kind_of("ТОО «Дорожник»"), "OTHER");
    }
}
