//! Recording the people who take part in meetings and are quoted in articles.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};

use super::{DeletePayload, maybe, maybe_id, optional_id};
use crate::{
    api::graphql::{
        context::ContextExt,
        ids::{self, NodeKind},
        participant::Participant,
    },
    editorial::{self, input},
};

/// A changed person.
#[derive(SimpleObject)]
pub struct ParticipantPayload {
    /// The person as saved.
    pub participant: Participant,
}

/// A new person.
#[derive(InputObject)]
pub struct CreateParticipantInput {
    /// The full name in Russian: one line, at most 200 characters. The slug is made
    /// from it.
    pub full_name: String,
    /// The full name in Kazakh, at most 200 characters.
    pub full_name_kk: Option<String>,
    /// The full name in English, at most 200 characters.
    pub full_name_en: Option<String>,
    /// The position the person holds now: one line, at most 300 characters.
    pub position: Option<String>,
    /// The organisation the person works for now: one line, at most 300 characters.
    pub organization: Option<String>,
    /// Honours and titles, at most 20, each one line of at most 300 characters.
    pub honours: Option<Vec<String>>,
    /// The region the person is associated with (global id).
    pub region_id: Option<ID>,
    /// An uploaded photo of the person (global id of an `Image`).
    pub photo_media_id: Option<ID>,
}

/// Changes to a person; absent fields stay, `null` clears.
#[derive(InputObject)]
pub struct UpdateParticipantInput {
    /// A new full name in Russian (the slug stays).
    pub full_name: Option<String>,
    /// A new full name in Kazakh; `null` removes it.
    pub full_name_kk: MaybeUndefined<String>,
    /// A new full name in English; `null` removes it.
    pub full_name_en: MaybeUndefined<String>,
    /// A new current position; `null` removes it. Positions recorded for past
    /// meetings stay as they were.
    pub position: MaybeUndefined<String>,
    /// A new current organisation; `null` removes it.
    pub organization: MaybeUndefined<String>,
    /// Replaces all honours; `[]` removes them.
    pub honours: Option<Vec<String>>,
    /// Another region (global id); `null` for none.
    pub region_id: MaybeUndefined<ID>,
    /// Another uploaded photo (global id of an `Image`); `null` removes it.
    pub photo_media_id: MaybeUndefined<ID>,
}

/// Recording, changing and deleting people.
#[derive(Default)]
pub struct ParticipantMutation;

#[Object]
impl ParticipantMutation {
    /// Records a person (EDITOR, ADMIN).
    async fn create_participant(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person's names, position and region.")] input: CreateParticipantInput,
    ) -> async_graphql::Result<ParticipantPayload> {
        let input = input::ParticipantInput {
            full_name: input.full_name,
            full_name_kk: input.full_name_kk,
            full_name_en: input.full_name_en,
            position: input.position,
            organization: input.organization,
            honours: input.honours.unwrap_or_default(),
            region_id: optional_id(input.region_id.as_ref(), NodeKind::Region, "input.regionId")?,
            photo_media_id: optional_id(
                input.photo_media_id.as_ref(),
                NodeKind::Image,
                "input.photoMediaId",
            )?,
        };
        let person =
            editorial::create_participant(ctx.db(), ctx.viewer(), input, ctx.now()).await?;
        Ok(ParticipantPayload {
            participant: Participant::new(person),
        })
    }

    /// Changes a person (EDITOR, ADMIN).
    async fn update_participant(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the person.")] id: ID,
        #[graphql(desc = "What to change.")] input: UpdateParticipantInput,
    ) -> async_graphql::Result<ParticipantPayload> {
        let uuid = ids::decode_as(&id, NodeKind::Participant, "id")?;
        let patch = input::ParticipantPatch {
            full_name: input.full_name,
            full_name_kk: maybe(input.full_name_kk),
            full_name_en: maybe(input.full_name_en),
            position: maybe(input.position),
            organization: maybe(input.organization),
            honours: input.honours,
            region_id: maybe_id(input.region_id, NodeKind::Region, "input.regionId")?,
            photo_media_id: maybe_id(input.photo_media_id, NodeKind::Image, "input.photoMediaId")?,
        };
        let person =
            editorial::update_participant(ctx.db(), ctx.viewer(), uuid, patch, ctx.now()).await?;
        Ok(ParticipantPayload {
            participant: Participant::new(person),
        })
    }

    /// Deletes a person not recorded in any meeting (EDITOR, ADMIN).
    async fn delete_participant(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the person.")] id: ID,
    ) -> async_graphql::Result<DeletePayload> {
        let uuid = ids::decode_as(&id, NodeKind::Participant, "id")?;
        editorial::delete_participant(ctx.db(), ctx.viewer(), uuid, ctx.now()).await?;
        Ok(DeletePayload { deleted_id: id })
    }
}
