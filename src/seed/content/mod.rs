//! The demo content that `seed-demo` loads: staff accounts, tags, people, meetings,
//! articles in three languages with corrections and a retraction, and a moderated
//! comment section.
//!
//! Everything refers to everything else by short keys, so these files stay plain data
//! and the inserter resolves keys to ids in one place. Statuses, kinds, roles and
//! languages are the domain's own enums. The regions and places are real; the people,
//! their words, the figures and the events are invented for the demo. Passwords here
//! are public by design and must never reach a real deployment.

mod articles;
mod comments;
mod corrections;
mod meetings;
mod organizations;
mod participants;
pub mod placement;
mod tags;
mod translations;
mod users;

#[cfg(test)]
mod tests;

pub use articles::{ARTICLES, DemoArticle, DemoPublication, DemoQuote};
pub use comments::{COMMENTS, DemoComment};
pub use corrections::{CORRECTIONS, DemoCorrection, DemoRetraction, RETRACTIONS};
pub use meetings::{DemoAgendaItem, DemoMeeting, DemoMeetingParticipant, MEETINGS};
pub use organizations::{DemoMember, DemoOrganization, ORGANIZATIONS};
pub use participants::{DemoParticipant, PARTICIPANTS};
pub use tags::{DemoTag, TAGS};
pub use translations::{DemoPosition, HONOURS, MeetingTexts, POSITIONS, meeting_texts, tag_names};
pub use users::{DemoUser, USERS};
