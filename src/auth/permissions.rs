//! Who may do what: the permission table of the domain, decided in one place.
//!
//! | action | anonymous | READER | AUTHOR | EDITOR | MODERATOR | ADMIN |
//! | --- | --- | --- | --- | --- | --- | --- |
//! | read published content, post a comment | yes | yes | yes | yes | yes | yes |
//! | create articles; edit, delete own DRAFT; submit own for review; see own unpublished | | | yes | yes | | yes |
//! | edit any article, publish, schedule, unpublish, archive, see every draft | | | | yes | | yes |
//! | correct or retract a published article | | | | yes | | yes |
//! | create, list and revoke preview links of an article | | | own | yes | | yes |
//! | manage meetings, participants, tags | | | | yes | | yes |
//! | upload images; change and delete own images | | | yes | yes | | yes |
//! | change and delete anyone's images | | | | yes | | yes |
//! | moderate comments | | | | yes | yes | yes |
//! | run GraphQL operations that are not trusted documents (under `TRUSTED_DOCUMENTS_ONLY`) | | | yes | yes | yes | yes |
//! | rename regions (reference data), manage users and roles, manage API keys, register trusted documents, manage webhooks | | | | | | yes |
//!
//! An author's own article stops being theirs to edit once it leaves DRAFT: after
//! submitting it, only an editor changes it (or sends it back to DRAFT).

use uuid::Uuid;

use chrono::{DateTime, Utc};

use crate::{
    auth::viewer::Viewer,
    domain::{ArticleStatus, Role},
    error::{AppError, AppResult},
    store::{
        articles::{Access, ArticleScope},
        comments::CommentAccess,
    },
};

/// Something a viewer wants to do, with what the decision depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read published content and approved comments.
    ReadPublished,
    /// Post a comment (anonymous ones wait for a moderator).
    PostComment,
    /// Start a new article (a DRAFT, written by the viewer).
    CreateArticle,
    /// Change an existing article.
    EditArticle {
        /// Its author.
        author_id: Option<Uuid>,
        /// Its status now.
        status: ArticleStatus,
    },
    /// Send an article to the editors.
    SubmitForReview {
        /// Its author.
        author_id: Option<Uuid>,
    },
    /// Publish now or at a later time.
    Publish,
    /// Put an article on the front page at a place, or take it off.
    FeatureArticles,
    /// Withdraw from public view, keeping the article.
    Archive,
    /// Send back to DRAFT.
    Unpublish,
    /// Delete an article for good.
    DeleteArticle {
        /// Its author.
        author_id: Option<Uuid>,
        /// Its status now.
        status: ArticleStatus,
    },
    /// Add a correction to a published article.
    Correct,
    /// Withdraw a published article for cause, leaving a public notice.
    Retract,
    /// Create, list and revoke the preview links of an article.
    ManagePreviewLinks {
        /// Its author.
        author_id: Option<Uuid>,
    },
    /// See every unpublished article.
    ViewDrafts,
    /// See one's own unpublished articles, and list articles by workflow status
    /// (authors see their own there, editors everyone's).
    ViewOwnDrafts,
    /// See one unpublished article.
    ViewDraft {
        /// Its author.
        author_id: Option<Uuid>,
    },
    /// Create, change and delete meetings and who took part.
    ManageMeetings,
    /// Create, change and delete people.
    ManageParticipants,
    /// Create, change and delete organisations and their members.
    ManageOrganizations,
    /// Create tags.
    ManageTags,
    /// Upload an image.
    UploadMedia,
    /// Change an image's texts and focal point, or delete it.
    EditMedia {
        /// Who uploaded it.
        uploader: Option<Uuid>,
    },
    /// Rename a region.
    UpdateRegion,
    /// Approve, reject and delete comments; see commenters' emails.
    ModerateComments,
    /// Create accounts and change roles.
    ManageUsers,
    /// Issue, list and revoke partners' API keys.
    ManageApiKeys,
    /// Run a GraphQL document of one's own under `TRUSTED_DOCUMENTS_ONLY`, which
    /// holds the public to the registered ones.
    RunAdHocOperations,
    /// Register and remove trusted documents.
    ManageTrustedDocuments,
    /// Register webhooks, read their secrets once and their delivery logs.
    ManageWebhooks,
}

/// `Ok` when `viewer` may do `action`; [`AppError::Unauthenticated`] when they must
/// sign in first, [`AppError::Forbidden`] when their role does not allow it.
pub fn authorize(viewer: &Viewer, action: Action) -> AppResult<()> {
    if allowed(viewer, action) {
        Ok(())
    } else if viewer.is_signed_in() {
        Err(AppError::Forbidden)
    } else {
        Err(AppError::Unauthenticated)
    }
}

/// Whether `viewer` may do `action` (for filtering, where refusing is not an error).
pub fn allowed(viewer: &Viewer, action: Action) -> bool {
    use Action::*;
    let Viewer::User { id, role } = *viewer else {
        return matches!(action, ReadPublished | PostComment);
    };
    let editor = matches!(role, Role::Editor | Role::Admin);
    let author = role == Role::Author;
    let own = |author_id: Option<Uuid>| author_id == Some(id);
    match action {
        ReadPublished | PostComment => true,
        CreateArticle | ViewOwnDrafts => editor || author,
        EditArticle { author_id, status } | DeleteArticle { author_id, status } => {
            editor || (author && own(author_id) && status == ArticleStatus::Draft)
        }
        SubmitForReview { author_id }
        | ViewDraft { author_id }
        | ManagePreviewLinks { author_id } => editor || (author && own(author_id)),
        Publish | Archive | Unpublish | ViewDrafts | Correct | Retract | FeatureArticles => editor,
        UploadMedia => editor || author,
        EditMedia { uploader } => editor || (author && own(uploader)),
        ManageMeetings | ManageParticipants | ManageOrganizations | ManageTags => editor,
        ModerateComments => editor || role == Role::Moderator,
        // Regions are reference data keyed by ISO codes: renaming one changes every
        // page of the portal, so it sits with user management.
        UpdateRegion | ManageUsers | ManageApiKeys => role == Role::Admin,
        // Staff write their own queries (GraphiQL, scripts); readers use the apps.
        RunAdHocOperations => editor || author || role == Role::Moderator,
        // What the public may run is as wide as the whole API: an admin's call.
        ManageTrustedDocuments => role == Role::Admin,
        // A webhook sends everything published to an address of the admin's
        // choosing, and its log shows what was sent.
        ManageWebhooks => role == Role::Admin,
    }
}

/// Whether `role` may do everything `other` may: a role whose grants shrank is no
/// longer what a token issued for `other` vouched for. ADMIN covers every role, EDITOR
/// covers AUTHOR and MODERATOR, and every role covers READER.
pub fn role_covers(role: Role, other: Role) -> bool {
    use Role::*;
    role == other
        || matches!(
            (role, other),
            (Admin, _) | (Editor, Author | Moderator | Reader) | (Author | Moderator, Reader)
        )
}

/// Which articles `viewer` sees at `now`: every one with [`Action::ViewDrafts`], the
/// public ones and their own with [`Action::ViewOwnDrafts`], else the public ones.
pub fn article_scope(viewer: &Viewer, now: DateTime<Utc>) -> ArticleScope {
    let access = match viewer.user_id() {
        _ if allowed(viewer, Action::ViewDrafts) => Access::All,
        Some(id) if allowed(viewer, Action::ViewOwnDrafts) => Access::PublicAndOwn(id),
        _ => Access::Public,
    };
    ArticleScope {
        access,
        now,
        notices: false,
    }
}

/// Which comments `viewer` sees: every status if they moderate, else approved ones.
pub fn comment_access(viewer: &Viewer) -> CommentAccess {
    if allowed(viewer, Action::ModerateComments) {
        CommentAccess::All
    } else {
        CommentAccess::Public
    }
}

#[cfg(test)]
#[path = "permissions_tests.rs"]
mod tests;
