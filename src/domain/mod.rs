//! The rules of the content model, independent of storage and of the API.

pub mod cache_tags;
pub mod global_id;
pub mod html;
pub mod kinds;
pub mod language;
pub mod search;
pub mod site;
pub mod slug;
pub mod time;

pub use kinds::{
    ArticleStatus, ChangeKind, CommentStatus, MeetingKind, MeetingRole, QuoteKind, RegionKind, Role,
};
pub use language::{Language, preferred_language};
