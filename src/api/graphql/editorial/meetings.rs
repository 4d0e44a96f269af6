//! Recording meetings: their agenda and who took part.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};

use super::{DeletePayload, id, maybe, maybe_id, optional_id};
use crate::{
    api::graphql::{
        context::ContextExt,
        ids::{self, NodeKind},
        meeting::Meeting,
        scalars::Date,
    },
    domain::{MeetingKind, MeetingRole},
    editorial::{self, input},
    error::AppResult,
};

/// A changed meeting.
#[derive(SimpleObject)]
pub struct MeetingPayload {
    /// The meeting as saved.
    pub meeting: Meeting,
}

/// One item of a meeting's agenda.
#[derive(InputObject, Clone)]
pub struct AgendaItemInput {
    /// What is discussed: one line, at most 500 characters.
    pub title: String,
    /// More about it, at most 5,000 characters, may span lines; blank means none.
    pub description: Option<String>,
    /// The title in Kazakh (`title` is Russian); absent or blank, Kazakh readers get
    /// the Russian.
    pub title_kk: Option<String>,
    /// The title in English; absent or blank, English readers get the Russian.
    pub title_en: Option<String>,
    /// The description in Kazakh.
    pub description_kk: Option<String>,
    /// The description in English.
    pub description_en: Option<String>,
}

/// A new meeting.
#[derive(InputObject)]
pub struct CreateMeetingInput {
    /// What the meeting was, as a headline would name it: one line, at most 300
    /// characters. The slug is made from it and the date.
    pub title: String,
    /// The body that met, e.g. the advisory council of a regional police department:
    /// one line, at most 300 characters.
    pub body: String,
    /// What sort of meeting.
    pub kind: MeetingKind,
    /// The day it was held.
    pub held_on: Date,
    /// The region it was held in (global id).
    pub region_id: ID,
    /// Where it was held: one line, at most 300 characters.
    pub venue: Option<String>,
    /// The organisation that held it (global id).
    pub organization_id: Option<ID>,
    /// An uploaded photo of it (global id of an `Image`).
    pub photo_media_id: Option<ID>,
    /// The agenda, in order, at most 100 items.
    pub agenda: Option<Vec<AgendaItemInput>>,
    /// The title in Kazakh (`title` is Russian); absent or blank, Kazakh readers get
    /// the Russian.
    pub title_kk: Option<String>,
    /// The title in English; absent or blank, English readers get the Russian.
    pub title_en: Option<String>,
    /// The body that met, in Kazakh.
    pub body_kk: Option<String>,
    /// The body that met, in English.
    pub body_en: Option<String>,
    /// The venue in Kazakh.
    pub venue_kk: Option<String>,
    /// The venue in English.
    pub venue_en: Option<String>,
}

/// Changes to a meeting; absent fields stay, `null` clears.
#[derive(InputObject)]
pub struct UpdateMeetingInput {
    /// A new title (the slug stays).
    pub title: Option<String>,
    /// A new name of the body that met.
    pub body: Option<String>,
    /// A new kind.
    pub kind: Option<MeetingKind>,
    /// A new date.
    pub held_on: Option<Date>,
    /// Another region (global id); a meeting always has one.
    pub region_id: Option<ID>,
    /// A new venue; `null` removes it.
    pub venue: MaybeUndefined<String>,
    /// Another organisation that held it (global id); `null` for none.
    pub organization_id: MaybeUndefined<ID>,
    /// Another uploaded photo (global id of an `Image`); `null` removes it.
    pub photo_media_id: MaybeUndefined<ID>,
    /// Replaces the whole agenda.
    pub agenda: Option<Vec<AgendaItemInput>>,
    /// A new Kazakh title; `null` removes it.
    pub title_kk: MaybeUndefined<String>,
    /// A new English title; `null` removes it.
    pub title_en: MaybeUndefined<String>,
    /// A new Kazakh name of the body that met; `null` removes it.
    pub body_kk: MaybeUndefined<String>,
    /// A new English name of the body that met; `null` removes it.
    pub body_en: MaybeUndefined<String>,
    /// A new Kazakh venue; `null` removes it.
    pub venue_kk: MaybeUndefined<String>,
    /// A new English venue; `null` removes it.
    pub venue_en: MaybeUndefined<String>,
}

/// A person's part in a meeting.
#[derive(InputObject)]
pub struct MeetingParticipantInput {
    /// The person (global id), listed once per meeting.
    pub participant_id: ID,
    /// The person's part: CHAIR, MEMBER, SPEAKER or GUEST.
    pub role: MeetingRole,
    /// The position held at the meeting's time, one line of at most 300 characters;
    /// it may differ from the person's current one.
    pub position: Option<String>,
    /// Which of the person's positions (`Participant.positions`) it was, kept when
    /// the meeting moves to another day; absent, the one held on the meeting's day,
    /// following the day.
    pub position_id: Option<ID>,
}

fn agenda(items: Vec<AgendaItemInput>) -> Vec<input::AgendaItemInput> {
    items
        .into_iter()
        .map(|a| input::AgendaItemInput {
            title: a.title,
            description: a.description,
            title_kk: a.title_kk,
            title_en: a.title_en,
            description_kk: a.description_kk,
            description_en: a.description_en,
        })
        .collect()
}

/// Recording, changing and deleting meetings.
#[derive(Default)]
pub struct MeetingMutation;

#[Object]
impl MeetingMutation {
    /// Records a meeting with its agenda (EDITOR, ADMIN).
    async fn create_meeting(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The meeting and its agenda.")] input: CreateMeetingInput,
    ) -> async_graphql::Result<MeetingPayload> {
        let input = input::MeetingInput {
            title: input.title,
            body: input.body,
            kind: input.kind,
            held_on: input.held_on.0,
            region_id: id(&input.region_id, NodeKind::Region, "input.regionId")?,
            venue: input.venue,
            organization_id: optional_id(
                input.organization_id.as_ref(),
                NodeKind::Organization,
                "input.organizationId",
            )?,
            photo_media_id: optional_id(
                input.photo_media_id.as_ref(),
                NodeKind::Image,
                "input.photoMediaId",
            )?,
            agenda: agenda(input.agenda.unwrap_or_default()),
            translations: input::MeetingTranslations {
                title_kk: input.title_kk,
                title_en: input.title_en,
                body_kk: input.body_kk,
                body_en: input.body_en,
                venue_kk: input.venue_kk,
                venue_en: input.venue_en,
            },
        };
        let meeting = editorial::create_meeting(ctx.db(), ctx.viewer(), input, ctx.now()).await?;
        Ok(MeetingPayload {
            meeting: Meeting::new(meeting),
        })
    }

    /// Changes a meeting (EDITOR, ADMIN).
    async fn update_meeting(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the meeting.")] id: ID,
        #[graphql(desc = "What to change.")] input: UpdateMeetingInput,
    ) -> async_graphql::Result<MeetingPayload> {
        let uuid = ids::decode_as(&id, NodeKind::Meeting, "id")?;
        let patch = input::MeetingPatch {
            title: input.title,
            body: input.body,
            kind: input.kind,
            held_on: input.held_on.map(|d| d.0),
            region_id: optional_id(input.region_id.as_ref(), NodeKind::Region, "input.regionId")?,
            venue: maybe(input.venue),
            organization_id: maybe_id(
                input.organization_id,
                NodeKind::Organization,
                "input.organizationId",
            )?,
            photo_media_id: maybe_id(input.photo_media_id, NodeKind::Image, "input.photoMediaId")?,
            agenda: input.agenda.map(agenda),
            translations: input::MeetingTranslationsPatch {
                title_kk: maybe(input.title_kk),
                title_en: maybe(input.title_en),
                body_kk: maybe(input.body_kk),
                body_en: maybe(input.body_en),
                venue_kk: maybe(input.venue_kk),
                venue_en: maybe(input.venue_en),
            },
        };
        let meeting =
            editorial::update_meeting(ctx.db(), ctx.viewer(), uuid, patch, ctx.now()).await?;
        Ok(MeetingPayload {
            meeting: Meeting::new(meeting),
        })
    }

    /// Deletes a meeting; articles that covered it stay (EDITOR, ADMIN).
    async fn delete_meeting(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the meeting.")] id: ID,
    ) -> async_graphql::Result<DeletePayload> {
        let uuid = ids::decode_as(&id, NodeKind::Meeting, "id")?;
        editorial::delete_meeting(ctx.db(), ctx.viewer(), uuid, ctx.now()).await?;
        Ok(DeletePayload { deleted_id: id })
    }

    /// Replaces who took part in a meeting, in order (EDITOR, ADMIN).
    async fn set_meeting_participants(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the meeting.")] meeting_id: ID,
        #[graphql(
            desc = "Everyone who took part, in the order to show, at most 100; `[]` clears the list."
        )]
        participants: Vec<MeetingParticipantInput>,
    ) -> async_graphql::Result<MeetingPayload> {
        let meeting_id = ids::decode_as(&meeting_id, NodeKind::Meeting, "meetingId")?;
        let people = participants
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                Ok(input::MeetingParticipantInput {
                    participant_id: id(
                        &p.participant_id,
                        NodeKind::Participant,
                        &format!("participants[{i}].participantId"),
                    )?,
                    role: p.role,
                    position: p.position,
                    position_id: optional_id(
                        p.position_id.as_ref(),
                        NodeKind::Position,
                        &format!("participants[{i}].positionId"),
                    )?,
                })
            })
            .collect::<AppResult<Vec<_>>>()?;
        let meeting = editorial::set_meeting_participants(
            ctx.db(),
            ctx.viewer(),
            meeting_id,
            people,
            ctx.now(),
        )
        .await?;
        Ok(MeetingPayload {
            meeting: Meeting::new(meeting),
        })
    }
}
