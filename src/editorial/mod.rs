//! The editorial write layer: articles through their workflow, meetings, people,
//! tags and region names.
//!
//! Every function takes the connection and the [`Viewer`](crate::auth::Viewer),
//! re-reads the viewer's account (a demotion or a disabled account counts at once),
//! asks [`authorize`](crate::auth::authorize), checks its input (errors name the
//! field as the GraphQL client sent it, e.g. `input.quotes[2].participantId`) and
//! writes everything in one transaction. The API layers convert their own input
//! types into the plain structs of [`input`].

pub mod article_update;
pub mod articles;
pub mod bylines;
pub mod corrections;
pub mod featured;
pub mod held;
pub mod input;
mod links;
pub mod meetings;
pub mod organizations;
pub mod participants;
pub mod positions;
pub mod previews;
mod refs;
mod slugs;
pub mod taxonomy;
pub(crate) mod tx;
pub mod validate;
pub mod workflow;

pub use article_update::update_article;
pub use articles::create_article;
pub use corrections::{add_correction, retract};
pub use input::{
    AgendaItemInput, ArticleInput, ArticlePatch, BylineInput, MeetingInput,
    MeetingParticipantInput, MeetingPatch, OrganizationInput, OrganizationMemberInput,
    OrganizationPatch, ParticipantInput, ParticipantPatch, QuoteInput, RegionNamesInput,
};
pub use meetings::{create_meeting, delete_meeting, set_meeting_participants, update_meeting};
pub use organizations::{
    create_organization, delete_organization, set_organization_members, update_organization,
};
pub use participants::{create_participant, delete_participant, update_participant};
pub use positions::{set_honours, set_positions};
pub use taxonomy::{create_tag, create_tag_named, update_region, update_tag};
pub use workflow::{archive, delete_article, publish, submit_for_review, unpublish};
