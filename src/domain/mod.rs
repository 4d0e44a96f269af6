//! The rules of the content model, independent of storage and of the API.

pub mod byline;
pub mod cache_tags;
pub mod global_id;
pub mod html;
pub mod kinds;
pub mod language;
pub mod media;
pub mod search;
pub mod section;
pub mod site;
pub mod slug;
pub mod tenure;
pub mod time;
pub mod webhook_events;

pub use byline::BylineKind;
pub use kinds::{
    ArticleStatus, ChangeKind, CommentStatus, DeliveryError, DeliveryState, EndpointKind,
    ImageFormat, MediaState, MeetingKind, MeetingRole, OrganizationKind, QuoteKind, RegionKind,
    RenditionKind, Role, WebhookState,
};
pub use language::{Language, preferred_language};
pub use section::Section;
pub use webhook_events::WebhookEvent;
