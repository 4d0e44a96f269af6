//! Refresh tokens against a real database: rotation, reuse detection, sign-out,
//! expiry and disabled accounts; and access tokens issued from a rotation.

use polisia_api::{
    auth::{
        keys::KeySet,
        refresh::{self, REFRESH_TOKEN_TTL_DAYS, ReuseGrace},
        tokens,
        viewer::{self, Viewer},
    },
    domain::Role,
    entity::{refresh_token, user},
    error::AppError,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, Set,
};
use sha2::{Digest, Sha256};

use crate::helpers::{TEST_JWT_SECRET, migrated_db, viewer_with_role};

/// The moment these tests sign in at, unless they say otherwise.
fn now() -> chrono::DateTime<chrono::Utc> {
    crate::fixtures::start()
}

/// The grace of the default configuration.
const GRACE: ReuseGrace = ReuseGrace(chrono::Duration::seconds(ReuseGrace::DEFAULT_SECS));

fn is_unauthenticated<T: std::fmt::Debug>(result: Result<T, AppError>) -> bool {
    matches!(result, Err(AppError::Unauthenticated))
}

async fn live_tokens(conn: &DatabaseConnection, family: uuid::Uuid) -> u64 {
    refresh_token::Entity::find()
        .filter(refresh_token::Column::FamilyId.eq(family))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .count(conn)
        .await
        .unwrap()
}

#[tokio::test]
async fn rotation_replaces_the_token_within_its_family() {
    let (_db, conn) = migrated_db().await;
    let viewer = viewer_with_role(&conn, Role::Author).await;
    let user_id = viewer.user_id().unwrap();

    let first = refresh::issue(&conn, user_id, now()).await.unwrap();
    let expected_expiry = now() + chrono::Duration::days(REFRESH_TOKEN_TTL_DAYS);
    assert_eq!(first.expires_at, expected_expiry);

    let rotated = refresh::rotate(&conn, &first.token, GRACE, now())
        .await
        .unwrap();
    assert_ne!(rotated.refresh.token, first.token);
    assert_eq!(rotated.refresh.family_id, first.family_id);
    assert_eq!(rotated.user.id, user_id);
    let again = refresh::rotate(&conn, &rotated.refresh.token, GRACE, now())
        .await
        .unwrap();
    assert_eq!(again.refresh.family_id, first.family_id);

    // Only hashes are stored.
    let rows = refresh_token::Entity::find().all(&conn).await.unwrap();
    assert_eq!(rows.len(), 3);
    let hash = format!("{:x}", Sha256::digest(first.token.as_bytes()));
    assert!(rows.iter().any(|row| row.token_hash == hash));
    assert!(rows.iter().all(|row| row.token_hash != first.token));
}

#[tokio::test]
async fn reusing_a_rotated_token_after_the_grace_revokes_the_whole_family() {
    let (_db, conn) = migrated_db().await;
    let user_id = viewer_with_role(&conn, Role::Editor)
        .await
        .user_id()
        .unwrap();
    let stolen = refresh::issue(&conn, user_id, now()).await.unwrap();
    let other_session = refresh::issue(&conn, user_id, now()).await.unwrap();
    let legitimate = refresh::rotate(&conn, &stolen.token, GRACE, now())
        .await
        .unwrap();

    // The thief replays the old token after the grace: refused, and the family dies
    // with it.
    let later = now() + GRACE.0 + chrono::Duration::seconds(1);
    assert!(is_unauthenticated(
        refresh::rotate(&conn, &stolen.token, GRACE, later).await
    ));
    assert_eq!(live_tokens(&conn, stolen.family_id).await, 0);
    assert!(is_unauthenticated(
        refresh::rotate(&conn, &legitimate.refresh.token, GRACE, later).await
    ));
    // Another sign-in of the same person is a different family and lives on.
    assert!(
        refresh::rotate(&conn, &other_session.token, GRACE, later)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn within_the_grace_a_retry_gets_the_same_successor_until_that_is_used() {
    let (_db, conn) = migrated_db().await;
    let user_id = viewer_with_role(&conn, Role::Reader)
        .await
        .user_id()
        .unwrap();
    let first = refresh::issue(&conn, user_id, now()).await.unwrap();
    let rotated = refresh::rotate(&conn, &first.token, GRACE, now())
        .await
        .unwrap();
    let retry_at = now() + GRACE.0 - chrono::Duration::seconds(1);
    let retried = refresh::rotate(&conn, &first.token, GRACE, retry_at)
        .await
        .unwrap();
    assert_eq!(retried.refresh.token, rotated.refresh.token);
    assert_eq!(retried.refresh.expires_at, rotated.refresh.expires_at);
    assert_eq!(retried.user.id, user_id);
    // Nothing new was stored for the retry, and the successor is stored only hashed.
    let rows = refresh_token::Entity::find()
        .filter(refresh_token::Column::FamilyId.eq(first.family_id))
        .all(&conn)
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|row| {
        let sealed = row.successor_sealed.as_deref().unwrap_or("");
        !sealed.contains(&rotated.refresh.token) && row.token_hash != rotated.refresh.token
    }));

    // Once the successor has been used, the old token is a reuse even in the grace.
    refresh::rotate(&conn, &rotated.refresh.token, GRACE, retry_at)
        .await
        .unwrap();
    assert!(is_unauthenticated(
        refresh::rotate(&conn, &first.token, GRACE, retry_at).await
    ));
    assert_eq!(live_tokens(&conn, first.family_id).await, 0);

    // With no grace, the first reuse is a reuse.
    let strict = refresh::issue(&conn, user_id, now()).await.unwrap();
    refresh::rotate(&conn, &strict.token, ReuseGrace::NONE, now())
        .await
        .unwrap();
    assert!(is_unauthenticated(
        refresh::rotate(&conn, &strict.token, ReuseGrace::NONE, now()).await
    ));
    assert_eq!(live_tokens(&conn, strict.family_id).await, 0);
}

#[tokio::test]
async fn concurrent_rotations_of_one_token_agree_on_one_successor() {
    let (_db, conn) = migrated_db().await;
    let user_id = viewer_with_role(&conn, Role::Reader)
        .await
        .user_id()
        .unwrap();
    // A few rounds, so that on PostgreSQL both orders of the race are likely met.
    for _ in 0..5 {
        let token = refresh::issue(&conn, user_id, now()).await.unwrap();
        let (a, b) = tokio::join!(
            refresh::rotate(&conn, &token.token, GRACE, now()),
            refresh::rotate(&conn, &token.token, GRACE, now())
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.refresh.token, b.refresh.token, "one successor for both");
        let family = refresh_token::Entity::find()
            .filter(refresh_token::Column::FamilyId.eq(token.family_id))
            .count(&conn)
            .await
            .unwrap();
        assert_eq!(family, 2, "exactly one rotation wrote a successor");
        let later = now() + GRACE.0 + chrono::Duration::seconds(1);
        assert!(is_unauthenticated(
            refresh::rotate(&conn, &token.token, GRACE, later).await
        ));
    }
}

#[tokio::test]
async fn logout_revokes_the_family() {
    let (_db, conn) = migrated_db().await;
    let user_id = viewer_with_role(&conn, Role::Reader)
        .await
        .user_id()
        .unwrap();
    let first = refresh::issue(&conn, user_id, now()).await.unwrap();
    let second = refresh::rotate(&conn, &first.token, GRACE, now())
        .await
        .unwrap()
        .refresh;
    refresh::revoke(&conn, &second.token, now()).await.unwrap();
    assert!(is_unauthenticated(
        refresh::rotate(&conn, &second.token, GRACE, now()).await
    ));
    // Signing out twice is harmless; an unknown token is not.
    refresh::revoke(&conn, &second.token, now()).await.unwrap();
    let unknown = refresh::issue(&conn, user_id, now()).await.unwrap();
    refresh_token::Entity::delete_many()
        .exec(&conn)
        .await
        .unwrap();
    assert!(is_unauthenticated(
        refresh::revoke(&conn, &unknown.token, now()).await
    ));
}

#[tokio::test]
async fn expired_unknown_and_malformed_tokens_fail() {
    let (_db, conn) = migrated_db().await;
    let user_id = viewer_with_role(&conn, Role::Reader)
        .await
        .user_id()
        .unwrap();
    let token = refresh::issue(&conn, user_id, now()).await.unwrap();
    let last_chance = refresh::issue(&conn, user_id, now()).await.unwrap();
    // A moment before its expiry a token still works; at its expiry it no longer does.
    let just_before = last_chance.expires_at - chrono::Duration::seconds(1);
    assert!(
        refresh::rotate(&conn, &last_chance.token, GRACE, just_before)
            .await
            .is_ok()
    );
    assert!(is_unauthenticated(
        refresh::rotate(&conn, &token.token, GRACE, token.expires_at).await
    ));

    let fresh = refresh::issue(&conn, user_id, now()).await.unwrap();
    let mut forged = fresh.token.clone().into_bytes();
    forged[5] = if forged[5] == b'A' { b'B' } else { b'A' };
    for bad in [
        String::from_utf8(forged).unwrap(),
        String::new(),
        "'; DROP TABLE refresh_tokens; --".into(),
        "x".repeat(100_000),
    ] {
        assert!(is_unauthenticated(
            refresh::rotate(&conn, &bad, GRACE, now()).await
        ));
    }
    assert!(
        refresh::rotate(&conn, &fresh.token, GRACE, now())
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_disabled_account_cannot_refresh() {
    let (_db, conn) = migrated_db().await;
    let user_id = viewer_with_role(&conn, Role::Author)
        .await
        .user_id()
        .unwrap();
    let token = refresh::issue(&conn, user_id, now()).await.unwrap();
    let account = user::Entity::find_by_id(user_id)
        .one(&conn)
        .await
        .unwrap()
        .unwrap();
    let mut disabled = account.into_active_model();
    disabled.disabled = Set(true);
    disabled.update(&conn).await.unwrap();
    assert!(is_unauthenticated(
        refresh::rotate(&conn, &token.token, GRACE, now()).await
    ));
    assert_eq!(live_tokens(&conn, token.family_id).await, 0);
}

#[tokio::test]
async fn revoking_every_session_of_a_user() {
    let (_db, conn) = migrated_db().await;
    let user_id = viewer_with_role(&conn, Role::Editor)
        .await
        .user_id()
        .unwrap();
    let a = refresh::issue(&conn, user_id, now()).await.unwrap();
    let b = refresh::issue(&conn, user_id, now()).await.unwrap();
    assert_eq!(
        refresh::revoke_all_for_user(&conn, user_id, now())
            .await
            .unwrap(),
        2
    );
    assert!(is_unauthenticated(
        refresh::rotate(&conn, &a.token, GRACE, now()).await
    ));
    assert!(is_unauthenticated(
        refresh::rotate(&conn, &b.token, GRACE, now()).await
    ));
}

#[tokio::test]
async fn an_access_token_from_a_rotation_names_the_current_role() {
    let (_db, conn) = migrated_db().await;
    let keys = KeySet::hs256("k1", TEST_JWT_SECRET.as_bytes());
    let user_id = viewer_with_role(&conn, Role::Author)
        .await
        .user_id()
        .unwrap();
    let token = refresh::issue(&conn, user_id, now()).await.unwrap();

    // Promoted between two refreshes: the next access token carries the new role.
    let account = user::Entity::find_by_id(user_id)
        .one(&conn)
        .await
        .unwrap()
        .unwrap();
    let mut promoted = account.into_active_model();
    promoted.role = Set(Role::Editor);
    promoted.update(&conn).await.unwrap();

    let rotated = refresh::rotate(&conn, &token.token, GRACE, now())
        .await
        .unwrap();
    let access = tokens::issue(&keys, rotated.user.id, rotated.user.role, now()).unwrap();
    let header = format!("Bearer {}", access.token);
    let viewer = viewer::from_authorization(Some(&header), &keys, now()).unwrap();
    assert_eq!(
        viewer,
        Viewer::User {
            id: user_id,
            role: Role::Editor
        }
    );
    // And the database has the last word on writes.
    let demoted = user::Entity::find_by_id(user_id)
        .one(&conn)
        .await
        .unwrap()
        .unwrap();
    let mut demoted = demoted.into_active_model();
    demoted.role = Set(Role::Reader);
    demoted.update(&conn).await.unwrap();
    assert_eq!(
        viewer::refresh(&conn, &viewer).await.unwrap().role(),
        Some(Role::Reader)
    );
}

/// Sign-ins whose every token has expired are deleted in the background; a sign-in
/// still alive keeps its used and expired tokens, which catch a replay.
#[tokio::test]
async fn expired_sign_ins_are_pruned_in_the_background() {
    let app = crate::helpers::TestApp::spawn().await;
    // Once the service answers, its own first housekeeping is over: what follows is
    // left to the sibling's.
    assert!(app.get("/healthz").await.status().is_success());
    let conn = app.conn();
    let user_id = viewer_with_role(conn, Role::Author)
        .await
        .user_id()
        .unwrap();
    // A month and a minute ago, two sign-ins; one was continued yesterday.
    let start = app.clock.now();
    let month_ago =
        start - chrono::Duration::days(REFRESH_TOKEN_TTL_DAYS) - chrono::Duration::minutes(1);
    let yesterday = start - chrono::Duration::days(1);
    let ended = refresh::issue(conn, user_id, month_ago).await.unwrap();
    let ended_next = refresh::rotate(conn, &ended.token, GRACE, month_ago)
        .await
        .unwrap();
    let alive = refresh::issue(conn, user_id, month_ago).await.unwrap();
    let alive_next = refresh::rotate(conn, &alive.token, GRACE, yesterday)
        .await
        .unwrap();
    assert!(ended_next.refresh.expires_at < start && alive.expires_at < start);
    assert!(alive_next.refresh.expires_at > start);

    // Another instance starting on the database runs its housekeeping at once.
    let _sibling = app.sibling(|_| {}).await;
    let family = |id: uuid::Uuid| {
        refresh_token::Entity::find()
            .filter(refresh_token::Column::FamilyId.eq(id))
            .count(conn)
    };
    let mut left = 2;
    for _ in 0..50 {
        left = family(ended.family_id).await.unwrap();
        if left == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(left, 0, "a sign-in with no live token is deleted");
    assert_eq!(
        family(alive.family_id).await.unwrap(),
        2,
        "a live one is kept"
    );
    // The kept, expired token still gives a replay away.
    assert!(is_unauthenticated(
        refresh::rotate(conn, &alive.token, GRACE, start).await
    ));
    assert!(is_unauthenticated(
        refresh::rotate(conn, &alive_next.refresh.token, GRACE, start).await
    ));
}
