//! Recording meetings: their agenda and who took part.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};

use super::{DeletePayload, id, maybe, optional_id};
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
    pub title: String,
    pub description: Option<String>,
}

/// A new meeting.
#[derive(InputObject)]
pub struct CreateMeetingInput {
    pub title: String,
    /// The body that met.
    pub body: String,
    pub kind: MeetingKind,
    pub held_on: Date,
    pub region_id: ID,
    pub venue: Option<String>,
    /// In order.
    pub agenda: Option<Vec<AgendaItemInput>>,
}

/// Changes to a meeting; absent fields stay, `null` clears.
#[derive(InputObject)]
pub struct UpdateMeetingInput {
    pub title: Option<String>,
    pub body: Option<String>,
    pub kind: Option<MeetingKind>,
    pub held_on: Option<Date>,
    pub region_id: Option<ID>,
    pub venue: MaybeUndefined<String>,
    /// Replaces the whole agenda.
    pub agenda: Option<Vec<AgendaItemInput>>,
}

/// A person's part in a meeting.
#[derive(InputObject)]
pub struct MeetingParticipantInput {
    pub participant_id: ID,
    pub role: MeetingRole,
    /// The position held at the meeting's time.
    pub position: Option<String>,
}

fn agenda(items: Vec<AgendaItemInput>) -> Vec<input::AgendaItemInput> {
    items
        .into_iter()
        .map(|a| input::AgendaItemInput {
            title: a.title,
            description: a.description,
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
        input: CreateMeetingInput,
    ) -> async_graphql::Result<MeetingPayload> {
        let input = input::MeetingInput {
            title: input.title,
            body: input.body,
            kind: input.kind,
            held_on: input.held_on.0,
            region_id: id(&input.region_id, NodeKind::Region, "input.regionId")?,
            venue: input.venue,
            agenda: agenda(input.agenda.unwrap_or_default()),
        };
        let meeting = editorial::create_meeting(ctx.db(), ctx.viewer(), input, ctx.now()).await?;
        Ok(MeetingPayload {
            meeting: Meeting(meeting),
        })
    }

    /// Changes a meeting (EDITOR, ADMIN).
    async fn update_meeting(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateMeetingInput,
    ) -> async_graphql::Result<MeetingPayload> {
        let uuid = ids::decode_as(&id, NodeKind::Meeting, "id")?;
        let patch = input::MeetingPatch {
            title: input.title,
            body: input.body,
            kind: input.kind,
            held_on: input.held_on.map(|d| d.0),
            region_id: optional_id(input.region_id.as_ref(), NodeKind::Region, "input.regionId")?,
            venue: maybe(input.venue),
            agenda: input.agenda.map(agenda),
        };
        let meeting =
            editorial::update_meeting(ctx.db(), ctx.viewer(), uuid, patch, ctx.now()).await?;
        Ok(MeetingPayload {
            meeting: Meeting(meeting),
        })
    }

    /// Deletes a meeting; articles that covered it stay (EDITOR, ADMIN).
    async fn delete_meeting(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<DeletePayload> {
        let uuid = ids::decode_as(&id, NodeKind::Meeting, "id")?;
        editorial::delete_meeting(ctx.db(), ctx.viewer(), uuid, ctx.now()).await?;
        Ok(DeletePayload { deleted_id: id })
    }

    /// Replaces who took part in a meeting, in order (EDITOR, ADMIN).
    async fn set_meeting_participants(
        &self,
        ctx: &Context<'_>,
        meeting_id: ID,
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
            meeting: Meeting(meeting),
        })
    }
}
