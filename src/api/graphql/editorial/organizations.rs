//! Recording the bodies that hold meetings and that people belong to.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};

use super::{DeletePayload, id, maybe, maybe_id, optional_id};
use crate::{
    api::graphql::{
        context::ContextExt,
        ids::{self, NodeKind},
        organization::Organization,
    },
    domain::OrganizationKind,
    editorial::{self, input},
    error::AppResult,
};

/// A changed organisation.
#[derive(SimpleObject)]
pub struct OrganizationPayload {
    /// The organisation as saved.
    pub organization: Organization,
}

/// A new organisation.
#[derive(InputObject)]
pub struct CreateOrganizationInput {
    /// What sort of body it is.
    pub kind: OrganizationKind,
    /// The name in Russian: one line, at most 300 characters. The slug is made from
    /// it unless `slug` is given.
    pub name_ru: String,
    /// The name in Kazakh, at most 300 characters.
    pub name_kk: Option<String>,
    /// The name in English, at most 300 characters.
    pub name_en: Option<String>,
    /// The abbreviation in Russian, e.g. "ДП", at most 32 characters.
    pub abbreviation_ru: Option<String>,
    /// The abbreviation in Kazakh, e.g. "ПД", at most 32 characters.
    pub abbreviation_kk: Option<String>,
    /// The abbreviation in English, at most 32 characters.
    pub abbreviation_en: Option<String>,
    /// The region it serves (global id).
    pub region_id: Option<ID>,
    /// The organisation it is part of (global id).
    pub parent_id: Option<ID>,
    /// An explicit slug (lowercase ASCII letters, digits, single hyphens), unique
    /// among organisations.
    pub slug: Option<String>,
}

/// Changes to an organisation; absent fields stay, `null` clears.
#[derive(InputObject)]
pub struct UpdateOrganizationInput {
    /// A new kind.
    pub kind: Option<OrganizationKind>,
    /// A new name in Russian (the slug stays).
    pub name_ru: Option<String>,
    /// A new name in Kazakh; `null` removes it.
    pub name_kk: MaybeUndefined<String>,
    /// A new name in English; `null` removes it.
    pub name_en: MaybeUndefined<String>,
    /// A new abbreviation in Russian; `null` removes it.
    pub abbreviation_ru: MaybeUndefined<String>,
    /// A new abbreviation in Kazakh; `null` removes it.
    pub abbreviation_kk: MaybeUndefined<String>,
    /// A new abbreviation in English; `null` removes it.
    pub abbreviation_en: MaybeUndefined<String>,
    /// Another region (global id); `null` for none.
    pub region_id: MaybeUndefined<ID>,
    /// Another parent (global id); `null` to stand alone. Neither the organisation
    /// itself nor one within it may become its parent.
    pub parent_id: MaybeUndefined<ID>,
}

/// A person's place in an organisation.
#[derive(InputObject)]
pub struct OrganizationMemberInput {
    /// The person (global id), listed once per organisation.
    pub participant_id: ID,
    /// What the person is there, e.g. chair of the council: one line, at most 300
    /// characters.
    pub role: Option<String>,
}

/// Recording, changing and deleting organisations.
#[derive(Default)]
pub struct OrganizationMutation;

#[Object]
impl OrganizationMutation {
    /// Records an organisation (EDITOR, ADMIN).
    async fn create_organization(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The organisation's kind, names and place.")]
        input: CreateOrganizationInput,
    ) -> async_graphql::Result<OrganizationPayload> {
        let input = input::OrganizationInput {
            kind: input.kind,
            name_ru: input.name_ru,
            name_kk: input.name_kk,
            name_en: input.name_en,
            abbreviation_ru: input.abbreviation_ru,
            abbreviation_kk: input.abbreviation_kk,
            abbreviation_en: input.abbreviation_en,
            region_id: optional_id(input.region_id.as_ref(), NodeKind::Region, "input.regionId")?,
            parent_id: optional_id(
                input.parent_id.as_ref(),
                NodeKind::Organization,
                "input.parentId",
            )?,
            slug: input.slug,
        };
        let org = editorial::create_organization(ctx.db(), ctx.viewer(), input, ctx.now()).await?;
        Ok(OrganizationPayload {
            organization: Organization::new(org),
        })
    }

    /// Changes an organisation (EDITOR, ADMIN).
    async fn update_organization(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the organisation.")] id: ID,
        #[graphql(desc = "What to change.")] input: UpdateOrganizationInput,
    ) -> async_graphql::Result<OrganizationPayload> {
        let uuid = ids::decode_as(&id, NodeKind::Organization, "id")?;
        let patch = input::OrganizationPatch {
            kind: input.kind,
            name_ru: input.name_ru,
            name_kk: maybe(input.name_kk),
            name_en: maybe(input.name_en),
            abbreviation_ru: maybe(input.abbreviation_ru),
            abbreviation_kk: maybe(input.abbreviation_kk),
            abbreviation_en: maybe(input.abbreviation_en),
            region_id: maybe_id(input.region_id, NodeKind::Region, "input.regionId")?,
            parent_id: maybe_id(input.parent_id, NodeKind::Organization, "input.parentId")?,
        };
        let org =
            editorial::update_organization(ctx.db(), ctx.viewer(), uuid, patch, ctx.now()).await?;
        Ok(OrganizationPayload {
            organization: Organization::new(org),
        })
    }

    /// Deletes an organisation that holds no meetings and has no organisations
    /// within it (EDITOR, ADMIN).
    async fn delete_organization(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the organisation.")] id: ID,
    ) -> async_graphql::Result<DeletePayload> {
        let uuid = ids::decode_as(&id, NodeKind::Organization, "id")?;
        editorial::delete_organization(ctx.db(), ctx.viewer(), uuid, ctx.now()).await?;
        Ok(DeletePayload { deleted_id: id })
    }

    /// Replaces the members of an organisation, in order (EDITOR, ADMIN).
    async fn set_organization_members(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the organisation.")] organization_id: ID,
        #[graphql(desc = "Every member, in the order to show, at most 100; `[]` clears the list.")]
        members: Vec<OrganizationMemberInput>,
    ) -> async_graphql::Result<OrganizationPayload> {
        let organization_id =
            ids::decode_as(&organization_id, NodeKind::Organization, "organizationId")?;
        let members = members
            .into_iter()
            .enumerate()
            .map(|(i, m)| {
                Ok(input::OrganizationMemberInput {
                    participant_id: id(
                        &m.participant_id,
                        NodeKind::Participant,
                        &format!("members[{i}].participantId"),
                    )?,
                    role: m.role,
                })
            })
            .collect::<AppResult<Vec<_>>>()?;
        let org = editorial::set_organization_members(
            ctx.db(),
            ctx.viewer(),
            organization_id,
            members,
            ctx.now(),
        )
        .await?;
        Ok(OrganizationPayload {
            organization: Organization::new(org),
        })
    }
}
