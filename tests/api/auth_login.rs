//! Signing in: one answer for every kind of failure, and failures rate-limited per
//! account and per address in the database.

use std::{
    net::{IpAddr, Ipv4Addr},
    time::{Duration, Instant},
};

use polisia_api::{
    auth::{
        attempts,
        login::{self, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, client_hash},
    },
    domain::Role,
    entity::user,
    error::AppError,
};
use sea_orm::{ActiveModelTrait, DatabaseConnection, IntoActiveModel, Set};

use crate::helpers::{account_with_password, migrated_db};

const PASSWORD: &str = "correct horse battery staple";

/// The moment these tests sign in at, unless they say otherwise.
fn now() -> chrono::DateTime<chrono::Utc> {
    crate::fixtures::start()
}

fn address(last: u8) -> String {
    client_hash(IpAddr::V4(Ipv4Addr::new(198, 51, 100, last)), b"test-key")
}

fn code(result: &Result<user::Model, AppError>) -> &'static str {
    match result {
        Ok(_) => "OK",
        Err(err) => err.code().as_str(),
    }
}

async fn editor(conn: &DatabaseConnection) -> user::Model {
    account_with_password(conn, "Editor@Example.kz", PASSWORD, Role::Editor).await
}

#[tokio::test]
async fn the_right_password_signs_in_case_insensitively() {
    let (_db, conn) = migrated_db().await;
    let account = editor(&conn).await;
    let signed_in = login::login(&conn, " editor@EXAMPLE.kz ", PASSWORD, &address(1), now())
        .await
        .unwrap();
    assert_eq!(signed_in.id, account.id);
    assert_eq!(signed_in.role, Role::Editor);
}

#[tokio::test]
async fn every_failure_looks_the_same() {
    let (_db, conn) = migrated_db().await;
    let account = editor(&conn).await;
    let wrong = login::login(&conn, "editor@example.kz", "wrong", &address(1), now()).await;
    let unknown = login::login(&conn, "nobody@example.kz", PASSWORD, &address(1), now()).await;
    let huge = login::login(&conn, &"a".repeat(10_000), PASSWORD, &address(1), now()).await;
    let mut disabled = account.into_active_model();
    disabled.disabled = Set(true);
    disabled.update(&conn).await.unwrap();
    let refused = login::login(&conn, "editor@example.kz", PASSWORD, &address(1), now()).await;
    for result in [&wrong, &unknown, &huge, &refused] {
        assert!(
            matches!(result, Err(AppError::Unauthenticated)),
            "{result:?}"
        );
    }
}

#[tokio::test]
async fn an_unknown_email_costs_a_password_check_too() {
    let (_db, conn) = migrated_db().await;
    editor(&conn).await;
    // The fastest of a few runs each, so that a busy machine does not decide the test.
    let mut known = Duration::MAX;
    let mut unknown = Duration::MAX;
    for i in 0..3 {
        let started = Instant::now();
        let _ = login::login(&conn, "editor@example.kz", "wrong", &address(i), now()).await;
        known = known.min(started.elapsed());
        let started = Instant::now();
        let _ = login::login(&conn, "ghost@example.kz", "wrong", &address(i), now()).await;
        unknown = unknown.min(started.elapsed());
    }
    assert!(
        unknown * 3 >= known,
        "unknown {unknown:?} vs known {known:?}: the dummy hash was not checked"
    );
}

#[tokio::test]
async fn an_account_is_locked_after_five_failures_in_the_window() {
    let (_db, conn) = migrated_db().await;
    editor(&conn).await;
    for i in 0..MAX_FAILURES_PER_ACCOUNT {
        let result = login::login(
            &conn,
            "editor@example.kz",
            "guess",
            &address(i as u8),
            now(),
        )
        .await;
        assert_eq!(code(&result), "UNAUTHENTICATED", "attempt {i}");
    }
    // Even the right password, from another address, waits now.
    let locked = login::login(&conn, "editor@example.kz", PASSWORD, &address(200), now()).await;
    match locked {
        Err(AppError::RateLimited { retry_after_secs }) => {
            assert!(
                (1..=15 * 60).contains(&retry_after_secs),
                "{retry_after_secs}"
            );
        }
        other => panic!("expected RATE_LIMITED, got {other:?}"),
    }
    // Unknown emails are limited just the same, so the limit reveals no account.
    for i in 0..MAX_FAILURES_PER_ACCOUNT {
        let _ = login::login(
            &conn,
            "ghost@example.kz",
            "guess",
            &address(100 + i as u8),
            now(),
        )
        .await;
    }
    let ghost = login::login(&conn, "ghost@example.kz", "guess", &address(201), now()).await;
    assert_eq!(code(&ghost), "RATE_LIMITED");
    // Once the window has passed, the account opens again.
    let window = chrono::Duration::minutes(login::FAILURE_WINDOW_MINUTES);
    let still = now() + window - chrono::Duration::seconds(1);
    let locked = login::login(&conn, "editor@example.kz", PASSWORD, &address(200), still).await;
    assert_eq!(
        code(&locked),
        "RATE_LIMITED",
        "a second before the window ends"
    );
    let later = now() + window + chrono::Duration::seconds(1);
    let open = login::login(&conn, "editor@example.kz", PASSWORD, &address(200), later).await;
    assert_eq!(code(&open), "OK");
}

#[tokio::test]
async fn a_success_forgives_the_accounts_earlier_failures() {
    let (_db, conn) = migrated_db().await;
    editor(&conn).await;
    for _ in 0..MAX_FAILURES_PER_ACCOUNT - 1 {
        let _ = login::login(&conn, "editor@example.kz", "typo", &address(1), now()).await;
    }
    assert_eq!(
        code(&login::login(&conn, "editor@example.kz", PASSWORD, &address(1), now()).await),
        "OK"
    );
    for _ in 0..MAX_FAILURES_PER_ACCOUNT - 1 {
        let _ = login::login(&conn, "editor@example.kz", "typo", &address(1), now()).await;
    }
    assert_eq!(
        code(&login::login(&conn, "editor@example.kz", PASSWORD, &address(1), now()).await),
        "OK"
    );
}

#[tokio::test]
async fn one_address_trying_many_accounts_is_limited() {
    let (_db, conn) = migrated_db().await;
    editor(&conn).await;
    let attacker = address(66);
    for i in 0..MAX_FAILURES_PER_ADDRESS {
        let email = format!("victim{i}@example.kz");
        let result = login::login(&conn, &email, "123456", &attacker, now()).await;
        assert_eq!(code(&result), "UNAUTHENTICATED", "attempt {i}");
    }
    let blocked = login::login(&conn, "editor@example.kz", PASSWORD, &attacker, now()).await;
    assert_eq!(code(&blocked), "RATE_LIMITED");
    // Someone else's address is not affected.
    let elsewhere = login::login(&conn, "editor@example.kz", PASSWORD, &address(67), now()).await;
    assert_eq!(code(&elsewhere), "OK");
}

#[tokio::test]
async fn a_burst_of_parallel_guesses_gets_no_more_than_the_limit() {
    let (_db, conn) = migrated_db().await;
    editor(&conn).await;
    let guesses = (0..16u8).map(|i| {
        let conn = conn.clone();
        async move { login::login(&conn, "editor@example.kz", "guess", &address(i), now()).await }
    });
    let results = futures_util::future::join_all(guesses).await;
    let checked = results
        .iter()
        .filter(|r| matches!(r, Err(AppError::Unauthenticated)))
        .count();
    let limited = results
        .iter()
        .filter(|r| matches!(r, Err(AppError::RateLimited { .. })))
        .count();
    assert_eq!(checked + limited, results.len(), "{results:?}");
    assert!(
        checked as u64 <= MAX_FAILURES_PER_ACCOUNT,
        "{checked} passwords were tried"
    );
}

#[tokio::test]
async fn old_failed_sign_ins_are_pruned_in_the_background() {
    use attempts::login_attempt;
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

    let app = crate::helpers::TestApp::spawn().await;
    // Once the service answers, its own first housekeeping is over: what follows is
    // left to the sibling's.
    assert!(app.get("/healthz").await.status().is_success());
    let now = app.clock.now();
    for (subject, age) in [("email:old@example.kz", 16), ("email:new@example.kz", 1)] {
        login_attempt::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            subject: Set(subject.into()),
            attempted_at: Set(now - chrono::Duration::minutes(age)),
        }
        .insert(app.conn())
        .await
        .unwrap();
    }
    // Another instance starting on the database runs its housekeeping at once.
    let _sibling = app.sibling(|_| {}).await;
    let count = |subject: &'static str| {
        login_attempt::Entity::find()
            .filter(login_attempt::Column::Subject.eq(subject))
            .count(app.conn())
    };
    let mut old = 1;
    for _ in 0..50 {
        old = count("email:old@example.kz").await.unwrap();
        if old == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(old, 0, "a failure older than the window is deleted");
    assert_eq!(
        count("email:new@example.kz").await.unwrap(),
        1,
        "a failure inside the window still counts"
    );
}

#[tokio::test]
async fn failed_sign_ins_are_pruned_again_when_the_clock_reaches_the_next_run() {
    use attempts::login_attempt;
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

    let app = crate::helpers::TestApp::spawn().await;
    // Once the service answers, its first housekeeping has run and the next is due.
    assert!(app.get("/healthz").await.status().is_success());
    let start = app.clock.now();
    let window = chrono::Duration::minutes(login::FAILURE_WINDOW_MINUTES);
    let later = start + window + chrono::Duration::seconds(1);
    for (subject, at) in [
        ("email:early@example.kz", start),
        (
            "email:late@example.kz",
            later - chrono::Duration::minutes(1),
        ),
    ] {
        login_attempt::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            subject: Set(subject.into()),
            attempted_at: Set(at),
        }
        .insert(app.conn())
        .await
        .unwrap();
    }
    let count = |subject: &'static str| {
        login_attempt::Entity::find()
            .filter(login_attempt::Column::Subject.eq(subject))
            .count(app.conn())
    };
    // Past the next run (every ten minutes) and the early failure's window.
    assert!(later - start > polisia_api::housekeeping::EVERY);
    app.clock.set(later);
    let mut early = 1;
    for _ in 0..50 {
        early = count("email:early@example.kz").await.unwrap();
        if early == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(early, 0, "the run due by the clock deleted the old failure");
    assert_eq!(
        count("email:late@example.kz").await.unwrap(),
        1,
        "a failure inside the window still counts"
    );
}
