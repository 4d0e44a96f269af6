//! Positions over time and dated honours.
//!
//! A person's positions become rows: an organisation (or none), a title in three
//! languages, and the days it was held from and to. Honours become rows with a title
//! in three languages, the day awarded and who awarded it (an organisation or text).
//! A meeting's participant row and a quote point at the position held then.
//!
//! Until now a position was free text on the person (`participants.position`, with
//! `participants.organization`). Each person's text becomes one position, held from a
//! day not recorded (`from_date` NULL) until now (`to_date` NULL), at the organisation
//! of that name: the one the organisations migration made of the same text (case and
//! spaces aside), else the only organisation the person belongs to, else a new one
//! made of the text as that migration made them. Each honour string becomes an honour
//! with no date. Meeting rows and quotes of a person point at that position, unless
//! a meeting row recorded another title as held then. The text columns stay.

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
        use ForeignKeyAction::{Cascade, SetNull};
        manager
            .create_table(
                Table::create()
                    .table("participant_positions")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    .col(uuid("participant_id"))
                    .col(uuid_null("organization_id"))
                    .col(string_len("title_ru", 300))
                    .col(string_len_null("title_kk", 300))
                    .col(string_len_null("title_en", 300))
                    // NULL: since a day not recorded.
                    .col(date_null("from_date"))
                    // NULL: still held.
                    .col(date_null("to_date"))
                    .foreign_key(&mut fk(
                        "participant_positions",
                        "participant_id",
                        "participants",
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "participant_positions",
                        "organization_id",
                        "organizations",
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("participant_honours")
                    .if_not_exists()
                    .col(pk_uuid("id"))
                    .col(uuid("participant_id"))
                    .col(integer("sort_order"))
                    .col(string_len("title_ru", 300))
                    .col(string_len_null("title_kk", 300))
                    .col(string_len_null("title_en", 300))
                    .col(date_null("awarded_on"))
                    .col(uuid_null("awarded_by_organization_id"))
                    .col(string_len_null("awarded_by", 300))
                    .foreign_key(&mut fk(
                        "participant_honours",
                        "participant_id",
                        "participants",
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "participant_honours",
                        "awarded_by_organization_id",
                        "organizations",
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        for table in ["meeting_participants", "quotes"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(uuid_null("position_id"))
                        .to_owned(),
                )
                .await?;
        }
        create_indexes(
            manager,
            vec![
                index("participant_positions", &["participant_id"], false),
                index("participant_positions", &["organization_id"], false),
                index(
                    "participant_honours",
                    &["participant_id", "sort_order"],
                    false,
                ),
            ],
        )
        .await?;
        carry_over(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["meeting_participants", "quotes"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .drop_column("position_id")
                        .to_owned(),
                )
                .await?;
        }
        drop_tables(manager, &["participant_honours", "participant_positions"]).await
    }
}

/// Spaces collapsed and case folded: how the organisations migration told names apart.
fn key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

async fn carry_over(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let backend = manager.get_database_backend();
    let query = |sql: &str| Statement::from_string(backend, sql.to_owned());
    let mut organizations: HashMap<String, Uuid> = HashMap::new();
    for row in db
        .query_all_raw(query("SELECT id, name_ru FROM organizations ORDER BY id"))
        .await?
    {
        let name: String = row.try_get("", "name_ru")?;
        organizations
            .entry(key(&name))
            .or_insert(row.try_get("", "id")?);
    }
    let mut memberships: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for row in db
        .query_all_raw(query(
            "SELECT participant_id, organization_id FROM organization_members",
        ))
        .await?
    {
        memberships
            .entry(row.try_get("", "participant_id")?)
            .or_default()
            .push(row.try_get("", "organization_id")?);
    }
    let people = db
        .query_all_raw(query(
            "SELECT id, position, organization, CAST(honours AS TEXT) AS honours, region_id \
             FROM participants ORDER BY id",
        ))
        .await?;
    let now = chrono::Utc::now();
    // Each person's carried position: its id and title.
    let mut positions: HashMap<Uuid, (Uuid, String)> = HashMap::new();
    for row in people {
        let person: Uuid = row.try_get("", "id")?;
        let title: Option<String> = row.try_get("", "position")?;
        let organization: Option<String> = row.try_get("", "organization")?;
        let organization = organization.filter(|o| !key(o).is_empty());
        let title = title.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
        let org_id = match &organization {
            None => None,
            Some(text) => Some(match organizations.get(&key(text)) {
                Some(id) => *id,
                None => match memberships.get(&person).map(Vec::as_slice) {
                    Some([only]) => *only,
                    _ => {
                        let id = Uuid::now_v7();
                        let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
                        let region: Option<Uuid> = row.try_get("", "region_id")?;
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
                                    // Spelled by the service after the migrations.
                                    format!("~{id}").into(),
                                    crate::m20261210_000022_organizations::kind_of(&name).into(),
                                    name.into(),
                                    region.into(),
                                    now.into(),
                                    now.into(),
                                ])
                                .to_owned(),
                        )
                        .await?;
                        organizations.insert(key(text), id);
                        id
                    }
                },
            }),
        };
        // A person with an organisation and no title held a post there all the
        // same: the organisation is not lost, the title says what is known.
        let title = match (title, org_id) {
            (Some(title), _) => Some(title),
            (None, Some(_)) => Some("—".to_owned()),
            (None, None) => None,
        };
        if let Some(title) = title {
            let id = Uuid::now_v7();
            db.execute(
                &Query::insert()
                    .into_table("participant_positions")
                    .columns(["id", "participant_id", "organization_id", "title_ru"])
                    .values_panic([
                        id.into(),
                        person.into(),
                        org_id.into(),
                        title.clone().into(),
                    ])
                    .to_owned(),
            )
            .await?;
            positions.insert(person, (id, title));
        }
        let honours: Option<String> = row.try_get("", "honours")?;
        let honours: Vec<String> = honours
            .and_then(|h| serde_json::from_str(&h).ok())
            .unwrap_or_default();
        for (order, title) in honours.into_iter().enumerate() {
            let title = title.trim().to_owned();
            if title.is_empty() {
                continue;
            }
            db.execute(
                &Query::insert()
                    .into_table("participant_honours")
                    .columns(["id", "participant_id", "sort_order", "title_ru"])
                    .values_panic([
                        Uuid::now_v7().into(),
                        person.into(),
                        <i32 as TryFrom<usize>>::try_from(order)
                            .unwrap_or(i32::MAX)
                            .into(),
                        title.into(),
                    ])
                    .to_owned(),
            )
            .await?;
        }
    }
    for row in db
        .query_all_raw(query(
            "SELECT meeting_id, participant_id, position FROM meeting_participants",
        ))
        .await?
    {
        let person: Uuid = row.try_get("", "participant_id")?;
        let recorded: Option<String> = row.try_get("", "position")?;
        let Some((id, title)) = positions.get(&person) else {
            continue;
        };
        if recorded.is_some_and(|r| key(&r) != key(title)) {
            continue;
        }
        let meeting: Uuid = row.try_get("", "meeting_id")?;
        db.execute(
            &Query::update()
                .table("meeting_participants")
                .value("position_id", *id)
                .and_where(Expr::col("meeting_id").eq(meeting))
                .and_where(Expr::col("participant_id").eq(person))
                .to_owned(),
        )
        .await?;
    }
    db.execute_raw(query(
        "UPDATE quotes SET position_id = (SELECT p.id FROM participant_positions p \
         WHERE p.participant_id = quotes.participant_id) WHERE participant_id IS NOT NULL",
    ))
    .await?;
    Ok(())
}
