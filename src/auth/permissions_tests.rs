//! Every cell of the permission table, role by role.

use super::*;
use ArticleStatus::{Archived, Draft, InReview, Published};

/// The viewer signed in as `role`; `me` is their id.
fn as_role(role: Role, me: Uuid) -> Viewer {
    Viewer::User { id: me, role }
}

/// What the table expects: `Ok`, or the error's code.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Yes,
    SignIn,
    No,
}

fn outcome(viewer: &Viewer, action: Action) -> Outcome {
    match authorize(viewer, action) {
        Ok(()) => Outcome::Yes,
        Err(AppError::Unauthenticated) => Outcome::SignIn,
        Err(AppError::Forbidden) => Outcome::No,
        Err(other) => panic!("unexpected {other:?}"),
    }
}

/// Columns of the table, in its order.
const ROLES: [Role; 5] = [
    Role::Reader,
    Role::Author,
    Role::Editor,
    Role::Moderator,
    Role::Admin,
];

/// Checks one row: `anonymous` and then one expectation per role in [`ROLES`].
fn row(action: impl Fn(Uuid) -> Action, anonymous: Outcome, roles: [bool; 5]) {
    let me = Uuid::now_v7();
    assert_eq!(
        outcome(&Viewer::Anonymous, action(me)),
        anonymous,
        "anonymous: {:?}",
        action(me)
    );
    for (role, expected) in ROLES.into_iter().zip(roles) {
        let expected = if expected { Outcome::Yes } else { Outcome::No };
        assert_eq!(
            outcome(&as_role(role, me), action(me)),
            expected,
            "{role:?}: {:?}",
            action(me)
        );
    }
}

//                                  READER AUTHOR EDITOR MODERATOR ADMIN
const EVERYONE: [bool; 5] = [true, true, true, true, true];
const WRITERS: [bool; 5] = [false, true, true, false, true];
const EDITORS: [bool; 5] = [false, false, true, false, true];
const MODERATORS: [bool; 5] = [false, false, true, true, true];
const ADMINS: [bool; 5] = [false, false, false, false, true];
const STAFF: [bool; 5] = [false, true, true, true, true];

#[test]
fn public_reading_and_commenting() {
    row(|_| Action::ReadPublished, Outcome::Yes, EVERYONE);
    row(|_| Action::PostComment, Outcome::Yes, EVERYONE);
}

#[test]
fn creating_articles() {
    row(|_| Action::CreateArticle, Outcome::SignIn, WRITERS);
}

#[test]
fn editing_own_drafts_only() {
    let own = |status| {
        move |me| Action::EditArticle {
            author_id: Some(me),
            status,
        }
    };
    row(own(Draft), Outcome::SignIn, WRITERS);
    for status in [InReview, Published, Archived] {
        row(own(status), Outcome::SignIn, EDITORS);
    }
}

#[test]
fn editing_someone_elses_article() {
    for status in [Draft, InReview, Published, Archived] {
        let others = Uuid::now_v7();
        row(
            |_| Action::EditArticle {
                author_id: Some(others),
                status,
            },
            Outcome::SignIn,
            EDITORS,
        );
        row(
            |_| Action::EditArticle {
                author_id: None,
                status,
            },
            Outcome::SignIn,
            EDITORS,
        );
    }
}

#[test]
fn deleting_follows_editing() {
    row(
        |me| Action::DeleteArticle {
            author_id: Some(me),
            status: Draft,
        },
        Outcome::SignIn,
        WRITERS,
    );
    for status in [InReview, Published, Archived] {
        row(
            |me| Action::DeleteArticle {
                author_id: Some(me),
                status,
            },
            Outcome::SignIn,
            EDITORS,
        );
    }
    let others = Uuid::now_v7();
    row(
        |_| Action::DeleteArticle {
            author_id: Some(others),
            status: Draft,
        },
        Outcome::SignIn,
        EDITORS,
    );
}

#[test]
fn submitting_for_review() {
    row(
        |me| Action::SubmitForReview {
            author_id: Some(me),
        },
        Outcome::SignIn,
        WRITERS,
    );
    let others = Uuid::now_v7();
    row(
        |_| Action::SubmitForReview {
            author_id: Some(others),
        },
        Outcome::SignIn,
        EDITORS,
    );
}

#[test]
fn publishing_workflow_is_for_editors() {
    row(|_| Action::Publish, Outcome::SignIn, EDITORS);
    row(|_| Action::Archive, Outcome::SignIn, EDITORS);
    row(|_| Action::Unpublish, Outcome::SignIn, EDITORS);
    row(|_| Action::Correct, Outcome::SignIn, EDITORS);
    row(|_| Action::Retract, Outcome::SignIn, EDITORS);
    row(|_| Action::FeatureArticles, Outcome::SignIn, EDITORS);
}

#[test]
fn preview_links_are_for_the_author_and_editors() {
    row(
        |me| Action::ManagePreviewLinks {
            author_id: Some(me),
        },
        Outcome::SignIn,
        WRITERS,
    );
    let others = Uuid::now_v7();
    row(
        |_| Action::ManagePreviewLinks {
            author_id: Some(others),
        },
        Outcome::SignIn,
        EDITORS,
    );
}

#[test]
fn seeing_drafts() {
    row(|_| Action::ViewDrafts, Outcome::SignIn, EDITORS);
    row(|_| Action::ViewOwnDrafts, Outcome::SignIn, WRITERS);
    row(
        |me| Action::ViewDraft {
            author_id: Some(me),
        },
        Outcome::SignIn,
        WRITERS,
    );
    let others = Uuid::now_v7();
    row(
        |_| Action::ViewDraft {
            author_id: Some(others),
        },
        Outcome::SignIn,
        EDITORS,
    );
}

#[test]
fn managing_meetings_people_and_tags() {
    row(|_| Action::ManageMeetings, Outcome::SignIn, EDITORS);
    row(|_| Action::ManageParticipants, Outcome::SignIn, EDITORS);
    row(|_| Action::ManageOrganizations, Outcome::SignIn, EDITORS);
    row(|_| Action::ManageTags, Outcome::SignIn, EDITORS);
}

#[test]
fn moderating_comments() {
    row(|_| Action::ModerateComments, Outcome::SignIn, MODERATORS);
}

#[test]
fn regions_users_api_keys_and_trusted_documents_are_for_admins() {
    row(|_| Action::UpdateRegion, Outcome::SignIn, ADMINS);
    row(|_| Action::ManageUsers, Outcome::SignIn, ADMINS);
    row(|_| Action::ManageApiKeys, Outcome::SignIn, ADMINS);
    row(|_| Action::ManageTrustedDocuments, Outcome::SignIn, ADMINS);
    row(|_| Action::ManageWebhooks, Outcome::SignIn, ADMINS);
}

#[test]
fn staff_run_their_own_operations() {
    row(|_| Action::RunAdHocOperations, Outcome::SignIn, STAFF);
}

#[test]
fn allowed_matches_authorize() {
    let me = Uuid::now_v7();
    for role in ROLES {
        let viewer = as_role(role, me);
        for action in [Action::Publish, Action::ManageUsers, Action::PostComment] {
            assert_eq!(allowed(&viewer, action), authorize(&viewer, action).is_ok());
        }
    }
}

#[test]
fn what_each_role_sees() {
    let now = chrono::Utc::now();
    let me = Uuid::now_v7();
    let seen = |viewer: &Viewer| (article_scope(viewer, now).access, comment_access(viewer));
    assert_eq!(
        seen(&Viewer::Anonymous),
        (Access::Public, CommentAccess::Public)
    );
    let expected = [
        (Role::Reader, Access::Public, CommentAccess::Public),
        (
            Role::Author,
            Access::PublicAndOwn(me),
            CommentAccess::Public,
        ),
        (Role::Editor, Access::All, CommentAccess::All),
        (Role::Moderator, Access::Public, CommentAccess::All),
        (Role::Admin, Access::All, CommentAccess::All),
    ];
    for (role, articles, comments) in expected {
        assert_eq!(seen(&as_role(role, me)), (articles, comments), "{role:?}");
    }
    assert_eq!(article_scope(&Viewer::Anonymous, now).now, now);
}

/// Every action a row above checks, for a viewer whose id is `me` on articles of
/// `author` in each status.
fn actions(me: Uuid, author: Uuid) -> Vec<Action> {
    let mut all = vec![
        Action::ReadPublished,
        Action::PostComment,
        Action::CreateArticle,
        Action::Publish,
        Action::Archive,
        Action::Unpublish,
        Action::ViewDrafts,
        Action::ViewOwnDrafts,
        Action::ManageMeetings,
        Action::ManageParticipants,
        Action::ManageOrganizations,
        Action::ManageTags,
        Action::UpdateRegion,
        Action::ModerateComments,
        Action::ManageUsers,
        Action::ManageApiKeys,
        Action::RunAdHocOperations,
        Action::ManageTrustedDocuments,
        Action::ManageWebhooks,
    ];
    for author_id in [Some(me), Some(author), None] {
        all.push(Action::SubmitForReview { author_id });
        all.push(Action::ViewDraft { author_id });
        for status in [Draft, InReview, Published, Archived] {
            all.push(Action::EditArticle { author_id, status });
            all.push(Action::DeleteArticle { author_id, status });
        }
    }
    all
}

#[test]
fn a_role_covers_another_exactly_when_it_allows_all_it_does() {
    let (me, someone) = (Uuid::now_v7(), Uuid::now_v7());
    for role in ROLES {
        for other in ROLES {
            let all_of_it = actions(me, someone)
                .into_iter()
                .all(|a| !allowed(&as_role(other, me), a) || allowed(&as_role(role, me), a));
            assert_eq!(
                role_covers(role, other),
                all_of_it,
                "{role:?} over {other:?}"
            );
        }
    }
}
