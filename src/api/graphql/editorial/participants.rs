//! Recording the people who take part in meetings and are quoted in articles.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};

use super::{DeletePayload, maybe, maybe_id, optional_id};
use crate::{
    api::graphql::{
        context::ContextExt,
        ids::{self, NodeKind},
        participant::Participant,
        scalars::Date,
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
    /// The position the person holds now, in Russian: one line, at most 300
    /// characters. It becomes their first position (`positions`), open-ended, its
    /// start not recorded.
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
    /// A new current position, in Russian: it renames the position held today
    /// (dropping its Kazakh and English titles, which translated the old one), or,
    /// when none is held today, opens one from today, open-ended. `null` ends the
    /// position held today on the day before (removes it if it began today).
    /// Earlier positions stay; meeting rows and quotes follow what is held on their
    /// days, rows whose position was chosen keeping it. `setParticipantPositions`
    /// records dates, organisations and translations.
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

    /// Replaces a person's positions, all at once (EDITOR, ADMIN). The meetings they
    /// took part in and the quotes they said point again at the position held on
    /// each meeting's or article's day, rows whose position was chosen too (the
    /// chosen position went with the old list).
    async fn set_participant_positions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the person.")] participant_id: ID,
        #[graphql(desc = "Every position, at most 100; `[]` clears the list.")] positions: Vec<
            PositionInput,
        >,
    ) -> async_graphql::Result<ParticipantPayload> {
        let person = ids::decode_as(&participant_id, NodeKind::Participant, "participantId")?;
        let positions = positions
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                Ok(input::PositionInput {
                    organization_id: optional_id(
                        p.organization_id.as_ref(),
                        NodeKind::Organization,
                        &format!("positions[{i}].organizationId"),
                    )?,
                    title_ru: p.title_ru,
                    title_kk: p.title_kk,
                    title_en: p.title_en,
                    from: p.from.map(|d| d.0),
                    to: p.to.map(|d| d.0),
                })
            })
            .collect::<crate::error::AppResult<Vec<_>>>()?;
        let person =
            editorial::set_positions(ctx.db(), ctx.viewer(), person, positions, ctx.now()).await?;
        Ok(ParticipantPayload {
            participant: Participant::new(person),
        })
    }

    /// Replaces a person's honours, in order (EDITOR, ADMIN); `honours` then lists
    /// their titles.
    async fn set_participant_honours(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the person.")] participant_id: ID,
        #[graphql(desc = "Every honour in order, at most 20; `[]` clears the list.")] honours: Vec<
            HonourInput,
        >,
    ) -> async_graphql::Result<ParticipantPayload> {
        let person = ids::decode_as(&participant_id, NodeKind::Participant, "participantId")?;
        let honours = honours
            .into_iter()
            .enumerate()
            .map(|(i, h)| {
                Ok(input::HonourInput {
                    title_ru: h.title_ru,
                    title_kk: h.title_kk,
                    title_en: h.title_en,
                    awarded_on: h.awarded_on.map(|d| d.0),
                    awarded_by_organization_id: optional_id(
                        h.awarded_by_organization_id.as_ref(),
                        NodeKind::Organization,
                        &format!("honours[{i}].awardedByOrganizationId"),
                    )?,
                    awarded_by: h.awarded_by,
                })
            })
            .collect::<crate::error::AppResult<Vec<_>>>()?;
        let person =
            editorial::set_honours(ctx.db(), ctx.viewer(), person, honours, ctx.now()).await?;
        Ok(ParticipantPayload {
            participant: Participant::new(person),
        })
    }
}

/// One position of a person.
#[derive(InputObject)]
pub struct PositionInput {
    /// Where it is held (global id of an organisation).
    pub organization_id: Option<ID>,
    /// The title in Russian, one line of at most 300 characters.
    pub title_ru: String,
    /// The title in Kazakh; absent, Kazakh readers get the Russian.
    pub title_kk: Option<String>,
    /// The title in English; absent, English readers get the Russian.
    pub title_en: Option<String>,
    /// The first day held; absent when not known.
    pub from: Option<Date>,
    /// The last day held; absent while it is held. Not before `from`.
    pub to: Option<Date>,
}

/// One honour of a person.
#[derive(InputObject)]
pub struct HonourInput {
    /// The honour in Russian, one line of at most 300 characters.
    pub title_ru: String,
    /// The honour in Kazakh.
    pub title_kk: Option<String>,
    /// The honour in English.
    pub title_en: Option<String>,
    /// The day awarded.
    pub awarded_on: Option<Date>,
    /// The organisation that awarded it (global id), when the portal lists it.
    pub awarded_by_organization_id: Option<ID>,
    /// Who awarded it, as text, one line of at most 300 characters.
    pub awarded_by: Option<String>,
}
