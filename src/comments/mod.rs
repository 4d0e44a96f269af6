//! Reader comments: who may post what, how a comment's status is decided, moderation.
//! GraphQL and REST both call these functions; the rules live only here.

pub mod moderation;
pub mod posting;
pub mod settings;

use crate::domain::CommentStatus;

pub use moderation::{delete, edit, moderate};
pub use posting::{NewComment, Posted, open_for_comments, post};

/// Longest name a commenter may give.
pub const MAX_NAME: usize = 100;
/// Longest email accepted.
pub const MAX_EMAIL: usize = 254;
/// Longest site a commenter may give (WordPress keeps 200 characters too).
pub const MAX_WEBSITE: usize = 200;
/// Longest comment, in characters.
pub const MAX_BODY: usize = 5_000;
/// Deepest reply: replies to a comment this deep attach beside it instead.
pub const MAX_DEPTH: i32 = 3;
/// A comment with this many links waits for a moderator, whoever wrote it.
pub const HOLD_LINKS: usize = 2;
/// Minutes in which a reader may edit or delete their own comment.
pub const EDIT_MINUTES: i64 = 15;

/// The status a comment shows: SPAM reads as PENDING to everyone but moderators,
/// so a bot learns nothing from the answer to its post or from the thread.
pub fn status_shown(status: CommentStatus, to_moderator: bool) -> CommentStatus {
    match status {
        CommentStatus::Spam if !to_moderator => CommentStatus::Pending,
        status => status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spam_reads_as_pending_to_all_but_moderators() {
        assert_eq!(
            status_shown(CommentStatus::Spam, false),
            CommentStatus::Pending
        );
        assert_eq!(status_shown(CommentStatus::Spam, true), CommentStatus::Spam);
        assert_eq!(
            status_shown(CommentStatus::Approved, false),
            CommentStatus::Approved
        );
    }
}
