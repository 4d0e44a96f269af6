//! Organisations: councils, police departments and their divisions, ministries and
//! local assemblies; the bodies that hold meetings and that people belong to.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use futures_util::FutureExt;

use super::{
    connection::{self, TotalCount, connection},
    context::ContextExt,
    ids::{self, NodeKind},
    meeting::{Meeting, MeetingConnection},
    names::NamesIn,
    participant::Participant,
    region::Region,
};
use crate::store::loaders::{DivisionsOf, MembersOf, OrganizationById, RegionById};
use crate::{
    domain::{Language, OrganizationKind},
    entity::organization,
    error::AppError,
    presentation::names::{organization_abbreviation, organization_name},
    store::{
        self,
        meetings::{MeetingKey, MeetingParent},
        organizations::{OrganizationFilter, OrganizationKey},
    },
};

/// An organisation, and the language the names under it default to.
#[derive(Clone)]
pub struct Organization(pub organization::Model, pub NamesIn);

impl Organization {
    /// An organisation whose names follow the request's language.
    pub fn new(row: organization::Model) -> Self {
        Self(row, NamesIn::default())
    }
}

connection!(
    OrganizationConnection,
    OrganizationEdge,
    Organization,
    "organisations"
);

/// A person's place in an organisation.
#[derive(SimpleObject, Clone)]
pub struct OrganizationMember {
    /// The person.
    pub participant: Participant,
    /// What the person is there, e.g. chair of the council; null when not recorded.
    pub role: Option<String>,
}

/// A body that holds meetings and that people belong to: a council, a police
/// department or one of its divisions, a ministry, a local assembly. Names are kept
/// in Russian and, when recorded, in Kazakh and English.
#[Object]
impl Organization {
    /// Global id of the organisation, for `node(id:)` and the `organizationId` arguments.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Organization, self.0.id)
    }

    /// When the organisation's record or its members last changed.
    async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.updated_at
    }

    /// URL-safe name, unique among organisations; `organization(slug:)` finds it.
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// What sort of body it is.
    async fn kind(&self) -> OrganizationKind {
        self.0.kind
    }

    /// The name in `lang` (default: the request's `Accept-Language`, else RU),
    /// falling back Kazakh → Russian → English, Russian → English, English → Russian.
    async fn name(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language wanted; default: the request's `Accept-Language`, else RU."
        )]
        lang: Option<Language>,
    ) -> String {
        organization_name(&self.0, self.1.pick(lang, ctx)).to_owned()
    }

    /// The name in Russian.
    async fn name_ru(&self) -> &str {
        &self.0.name_ru
    }

    /// The name in Kazakh, if recorded.
    async fn name_kk(&self) -> Option<&str> {
        self.0.name_kk.as_deref()
    }

    /// The name in English, if recorded.
    async fn name_en(&self) -> Option<&str> {
        self.0.name_en.as_deref()
    }

    /// The abbreviation in `lang`, e.g. "ДП" (Russian) or "ПД" (Kazakh), with the
    /// fallbacks of `name`; null when none is recorded in any language.
    async fn abbreviation(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language wanted; default: the request's `Accept-Language`, else RU."
        )]
        lang: Option<Language>,
    ) -> Option<String> {
        organization_abbreviation(&self.0, self.1.pick(lang, ctx)).map(str::to_owned)
    }

    /// The abbreviation in Russian, if recorded.
    async fn abbreviation_ru(&self) -> Option<&str> {
        self.0.abbreviation_ru.as_deref()
    }

    /// The abbreviation in Kazakh, if recorded.
    async fn abbreviation_kk(&self) -> Option<&str> {
        self.0.abbreviation_kk.as_deref()
    }

    /// The abbreviation in English, if recorded.
    async fn abbreviation_en(&self) -> Option<&str> {
        self.0.abbreviation_en.as_deref()
    }

    /// The region it serves; null for a body of the whole country.
    async fn region(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Region>> {
        let Some(id) = self.0.region_id else {
            return Ok(None);
        };
        let names = self.1;
        Ok(ctx
            .loaders()
            .load_one(RegionById(id))
            .await?
            .map(|row| Region(row, names)))
    }

    /// The organisation it is part of, e.g. the department of a migration service.
    async fn parent(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        let Some(id) = self.0.parent_id else {
            return Ok(None);
        };
        let names = self.1;
        Ok(ctx
            .loaders()
            .load_one(OrganizationById(id))
            .await?
            .map(|row| Organization(row, names)))
    }

    /// The organisations directly within it, by Russian name.
    async fn children(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Organization>> {
        let names = self.1;
        Ok(ctx
            .loaders()
            .load_one(DivisionsOf(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(|row| Organization(row, names))
            .collect())
    }

    /// Its people, in the recorded order, with what each is there.
    async fn members(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<OrganizationMember>> {
        let names = self.1;
        Ok(ctx
            .loaders()
            .load_one(MembersOf(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(|(link, person)| OrganizationMember {
                participant: Participant(person, names),
                role: link.role,
            })
            .collect())
    }

    /// The meetings it held itself, most recent first. `meetings(filter: {
    /// organizationId })` also takes in those of the organisations within it.
    #[graphql(complexity = "connection::cost(first, last, child_complexity)")]
    async fn meetings(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "How many items from the start, or after `after`: 0 to 100, default 20. Not with `last`."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "Items after this cursor (an edge's `cursor` or `pageInfo.endCursor` of this list)."
        )]
        after: Option<String>,
        #[graphql(
            desc = "How many items from the end, or before `before`: 0 to 100, default 20. Not with `first`."
        )]
        last: Option<i32>,
        #[graphql(
            desc = "Items before this cursor (an edge's `cursor` or `pageInfo.startCursor` of this list). Not with `after`."
        )]
        before: Option<String>,
    ) -> async_graphql::Result<MeetingConnection> {
        let request = connection::page::<MeetingKey>(first, after, last, before)?;
        Meeting::connection_under(ctx, MeetingParent::Organization, self.0.id, request).await
    }
}

/// Narrows a list of organisations; fields combine with AND.
#[derive(InputObject, Default, Clone)]
pub struct OrganizationFilterInput {
    /// Serving this region (global id).
    pub region_id: Option<ID>,
    /// Serving this region (ISO code such as "KZ-43").
    pub region_code: Option<String>,
    /// Of this kind.
    pub kind: Option<OrganizationKind>,
}

/// The organisation a filter names by global id or by slug, or none; a client
/// error (naming `id_field` or `slug_field`) when it names nothing.
pub async fn filter_organization(
    ctx: &Context<'_>,
    id: Option<ID>,
    slug: Option<String>,
    id_field: &str,
    slug_field: &str,
) -> async_graphql::Result<Option<uuid::Uuid>> {
    Ok(match (id, slug) {
        (Some(id), _) => Some(ids::decode_as(&id, NodeKind::Organization, id_field)?),
        (None, Some(slug)) => {
            let found = store::organizations::find_by_slug(ctx.db(), &slug).await?;
            Some(crate::api::resolve::must_exist(found, slug_field)?.id)
        }
        (None, None) => None,
    })
}

/// Root fields for organisations.
#[derive(Default)]
pub struct OrganizationQuery;

#[Object]
impl OrganizationQuery {
    /// One organisation by global `id` or by `slug`; null when there is none.
    async fn organization(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the organisation. Give `id` or `slug`, not both.")]
        id: Option<ID>,
        #[graphql(desc = "The organisation's slug. Give `id` or `slug`, not both.")] slug: Option<
            String,
        >,
    ) -> async_graphql::Result<Option<Organization>> {
        let found = match (id, slug) {
            (Some(id), None) => {
                store::organizations::find(
                    ctx.db(),
                    ids::decode_as(&id, NodeKind::Organization, "id")?,
                )
                .await?
            }
            (None, Some(slug)) => store::organizations::find_by_slug(ctx.db(), &slug).await?,
            _ => return Err(AppError::bad_input("id", "give exactly one of id or slug").into()),
        };
        Ok(found.map(Organization::new))
    }

    /// Organisations, ordered by their Russian names.
    #[graphql(complexity = "connection::cost(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn organizations(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "How many items from the start, or after `after`: 0 to 100, default 20. Not with `last`."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "Items after this cursor (an edge's `cursor` or `pageInfo.endCursor` of this list)."
        )]
        after: Option<String>,
        #[graphql(
            desc = "How many items from the end, or before `before`: 0 to 100, default 20. Not with `first`."
        )]
        last: Option<i32>,
        #[graphql(
            desc = "Items before this cursor (an edge's `cursor` or `pageInfo.startCursor` of this list). Not with `after`."
        )]
        before: Option<String>,
        #[graphql(
            desc = "Which organisations to list; every field is optional and the fields combine with AND."
        )]
        filter: Option<OrganizationFilterInput>,
        #[graphql(desc = "Only those changed at or after this moment (their `updatedAt`).")]
        updated_since: Option<chrono::DateTime<chrono::Utc>>,
    ) -> async_graphql::Result<OrganizationConnection> {
        let request = connection::page::<OrganizationKey>(first, after, last, before)?;
        let input = filter.unwrap_or_default();
        let region_id =
            super::region::filter_region(ctx, input.region_id, input.region_code).await?;
        let filter = OrganizationFilter {
            region_id,
            kind: input.kind,
            updated_since,
        };
        let db = ctx.db().clone();
        let page = store::organizations::list(&db, &filter, &request).await?;
        let total = TotalCount::new(move || {
            let (db, filter) = (db.clone(), filter.clone());
            async move { store::organizations::count(&db, &filter).await }.boxed()
        });
        Ok(OrganizationConnection::new(
            connection::edges(page, OrganizationKey::of, Organization::new),
            total,
        ))
    }
}
