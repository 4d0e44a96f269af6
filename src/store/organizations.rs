//! Reading organisations, their tree, and who belongs to them.

use std::collections::HashSet;

use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select, Value,
    sea_query::{
        Alias, BinOper, CommonTableExpression, Expr, ExprTrait, Query, SubQueryStatement,
        UnionType, WithClause,
    },
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::page::{self, CursorKey, KeyOrder, Page, PageRequest};
use crate::{
    domain::{
        OrganizationKind,
        slug::{slugify, with_suffix},
    },
    entity::{organization, organization_member, participant},
    error::AppResult,
};

/// What a list of organisations may be narrowed to.
#[derive(Debug, Clone, Default)]
pub struct OrganizationFilter {
    pub region_id: Option<Uuid>,
    pub kind: Option<OrganizationKind>,
    /// Changed at or after this moment.
    pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
}

/// The keyset of organisation lists: the Russian name, then id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationKey {
    pub name: String,
    pub id: Uuid,
}

impl CursorKey for OrganizationKey {
    const KIND: &'static str = "organization";

    fn values(&self) -> (Value, Value) {
        (self.name.clone().into(), self.id.into())
    }
}

impl OrganizationKey {
    pub fn of(org: &organization::Model) -> Self {
        OrganizationKey {
            name: org.name_ru.clone(),
            id: org.id,
        }
    }
}

fn filtered(filter: &OrganizationFilter) -> Select<organization::Entity> {
    let mut select = organization::Entity::find();
    if let Some(region) = filter.region_id {
        select = select.filter(organization::Column::RegionId.eq(region));
    }
    if let Some(kind) = filter.kind {
        select = select.filter(organization::Column::Kind.eq(kind));
    }
    if let Some(since) = filter.updated_since {
        select = select.filter(organization::Column::UpdatedAt.gte(since));
    }
    select
}

/// One page of organisations, by Russian name.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &OrganizationFilter,
    request: &PageRequest<OrganizationKey>,
) -> AppResult<Page<organization::Model>> {
    let order = KeyOrder {
        columns: (organization::Column::NameRu, organization::Column::Id),
        descending: false,
    };
    page::fetch(db, filtered(filter), order, request).await
}

/// How many organisations match `filter`.
pub async fn count(db: &impl ConnectionTrait, filter: &OrganizationFilter) -> AppResult<u64> {
    Ok(filtered(filter).count(db).await?)
}

/// An organisation by id.
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> AppResult<Option<organization::Model>> {
    Ok(organization::Entity::find_by_id(id).one(db).await?)
}

/// An organisation by slug.
pub async fn find_by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> AppResult<Option<organization::Model>> {
    Ok(organization::Entity::find()
        .filter(organization::Column::Slug.eq(crate::domain::slug::normalize(slug)))
        .one(db)
        .await?)
}

/// Organisations by id.
pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> AppResult<Vec<organization::Model>> {
    Ok(organization::Entity::find()
        .filter(organization::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}

/// The organisations directly within each of `parents`, by Russian name.
pub async fn children(
    db: &impl ConnectionTrait,
    parents: &[Uuid],
) -> AppResult<Vec<organization::Model>> {
    Ok(organization::Entity::find()
        .filter(organization::Column::ParentId.is_in(parents.iter().copied()))
        .order_by_asc(organization::Column::NameRu)
        .order_by_asc(organization::Column::Id)
        .all(db)
        .await?)
}

/// The members of each of `organizations`, in the recorded order, with the person.
pub async fn members(
    db: &impl ConnectionTrait,
    organizations: &[Uuid],
) -> AppResult<Vec<(organization_member::Model, participant::Model)>> {
    let rows = organization_member::Entity::find()
        .find_also_related(participant::Entity)
        .filter(organization_member::Column::OrganizationId.is_in(organizations.iter().copied()))
        .order_by_asc(organization_member::Column::SortOrder)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(link, person)| person.map(|p| (link, p)))
        .collect())
}

/// The organisations each of `people` belongs to, with the organisation, each
/// person's in the order they joined them (earliest recorded first).
pub async fn memberships(
    db: &impl ConnectionTrait,
    people: &[Uuid],
) -> AppResult<Vec<(organization_member::Model, organization::Model)>> {
    let rows = organization_member::Entity::find()
        .find_also_related(organization::Entity)
        .filter(organization_member::Column::ParticipantId.is_in(people.iter().copied()))
        .order_by_asc(organization::Column::CreatedAt)
        .order_by_asc(organization::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(link, org)| org.map(|o| (link, o)))
        .collect())
}

/// A condition on `table.column` (an organisation's id): it names `root` or an
/// organisation within it, at any depth. Lists of meetings and articles "of an
/// organisation" take in its divisions this way, so a department's list shows its
/// migration service's meetings too. `UNION` (not `UNION ALL`) ends the walk even on
/// a cycle, which the service never writes.
pub fn in_subtree(table: &'static str, column: &'static str, root: Uuid) -> Expr {
    let tree = Alias::new("subtree");
    let mut walk = Query::select()
        .column(organization::Column::Id)
        .from(organization::Entity)
        .and_where(Expr::col(organization::Column::Id).eq(root))
        .to_owned();
    walk.union(
        UnionType::Distinct,
        Query::select()
            .column((organization::Entity, organization::Column::Id))
            .from(organization::Entity)
            .inner_join(
                tree.clone(),
                Expr::col((organization::Entity, organization::Column::ParentId))
                    .equals((tree.clone(), Alias::new("id"))),
            )
            .to_owned(),
    );
    let cte = CommonTableExpression::new()
        .query(walk)
        .column(Alias::new("id"))
        .table_name(tree.clone())
        .to_owned();
    let ids = WithClause::new().recursive(true).cte(cte).to_owned().query(
        Query::select()
            .column(Alias::new("id"))
            .from(tree)
            .to_owned(),
    );
    Expr::col((Alias::new(table), Alias::new(column))).binary(
        BinOper::In,
        Expr::SubQuery(None, Box::new(SubQueryStatement::WithStatement(ids))),
    )
}

/// Whether `candidate` is `root` or lies within it: making `root` a child of such
/// an organisation would close a cycle.
pub async fn is_within(db: &impl ConnectionTrait, candidate: Uuid, root: Uuid) -> AppResult<bool> {
    let found = organization::Entity::find()
        .filter(organization::Column::Id.eq(candidate))
        .filter(in_subtree("organizations", "id", root))
        .count(db)
        .await?;
    Ok(found > 0)
}

/// The marker the migration that carried free-text organisations over put before
/// the id of an organisation whose slug it could not spell.
const PENDING: &str = "~";

/// Gives every organisation still holding the migration's placeholder slug the slug
/// of its Russian name, free among organisations. Run after the migrations; costs
/// one statement when there is nothing to do.
pub async fn spell_pending_slugs(db: &impl ConnectionTrait) -> Result<(), sea_orm::DbErr> {
    let pending = organization::Entity::find()
        .filter(organization::Column::Slug.starts_with(PENDING))
        .order_by_asc(organization::Column::NameRu)
        .all(db)
        .await?;
    if pending.is_empty() {
        return Ok(());
    }
    let mut taken: HashSet<String> = organization::Entity::find()
        .select_only()
        .column(organization::Column::Slug)
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    for org in pending {
        let base = match slugify(&org.name_ru) {
            empty if empty.is_empty() => "organization".to_owned(),
            base => base,
        };
        let slug = std::iter::once(base.clone())
            .chain((2..).map(|n| with_suffix(&base, n)))
            .find(|candidate| !taken.contains(candidate))
            .expect("an unbounded list of candidates holds a free one");
        taken.insert(slug.clone());
        organization::Entity::update(organization::ActiveModel {
            id: Set(org.id),
            slug: Set(slug),
            ..Default::default()
        })
        .exec(db)
        .await?;
    }
    Ok(())
}
