use sea_orm::entity::prelude::*;

use crate::domain::MeetingRole;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_participants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub meeting_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub participant_id: Uuid,
    pub role: MeetingRole,
    /// The position held at the meeting's time.
    pub position: Option<String>,
    pub sort_order: i32,
    /// The person's position held on the meeting's day.
    pub position_id: Option<Uuid>,
    /// Whether the editors chose `position_id`: a chosen one stays when the meeting
    /// moves to another day, the others follow the day.
    pub position_chosen: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::participant::Entity",
        from = "Column::ParticipantId",
        to = "super::participant::Column::Id"
    )]
    Participant,
}

impl Related<super::participant::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Participant.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
