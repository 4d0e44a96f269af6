//! The command line: `create-user`, `export-*`, `--help`.

use std::process::Output;

use polisia_api::entity::user;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::helpers::{TEST_JWT_SECRET, TestDb};

/// The path of the binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_polisia-api");

/// Runs the binary with `args` against `database_url`, in a clean environment.
pub async fn run(args: &[&str], database_url: Option<&str>) -> Output {
    let mut command = tokio::process::Command::new(BIN);
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("RUST_LOG", "info");
    if let Some(url) = database_url {
        command
            .env("DATABASE_URL", url)
            .env("JWT_SECRET", TEST_JWT_SECRET);
    }
    command.output().await.expect("the binary runs")
}

#[tokio::test]
async fn create_user_stores_an_argon2id_hash_and_never_the_password() {
    let db = TestDb::fresh().await;
    let password = "Str0ng-and-l0ng-passphrase";
    let output = run(
        &[
            "create-user",
            "--email",
            "Chief@Polisia.KZ",
            "--password",
            password,
            "--role",
            "ADMIN",
            "--name",
            "Главный редактор",
        ],
        Some(db.url()),
    )
    .await;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let conn = sea_orm::Database::connect(db.url()).await.unwrap();
    let stored = user::Entity::find()
        .filter(user::Column::EmailNormalized.eq("chief@polisia.kz"))
        .one(&conn)
        .await
        .unwrap()
        .expect("the user exists");
    assert!(
        stored.password_hash.starts_with("$argon2id$"),
        "{}",
        stored.password_hash
    );
    assert!(!stored.password_hash.contains(password));
    assert!(polisia_api::auth::password::verify(
        password,
        &stored.password_hash
    ));
    assert_eq!(stored.role, polisia_api::domain::Role::Admin);
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!printed.contains(password), "the password is never printed");

    let duplicate = run(
        &[
            "create-user",
            "--email",
            "chief@polisia.kz",
            "--password",
            password,
            "--role",
            "EDITOR",
            "--name",
            "X",
        ],
        Some(db.url()),
    )
    .await;
    assert!(
        !duplicate.status.success(),
        "emails are unique case-insensitively"
    );
}

#[tokio::test]
async fn create_user_refuses_a_bad_role_and_a_short_password() {
    let db = TestDb::fresh().await;
    let bad_role = run(
        &[
            "create-user",
            "--email",
            "a@b.kz",
            "--password",
            "long-enough-1",
            "--role",
            "KING",
            "--name",
            "A",
        ],
        Some(db.url()),
    )
    .await;
    assert_eq!(bad_role.status.code(), Some(2));
    let short = run(
        &[
            "create-user",
            "--email",
            "a@b.kz",
            "--password",
            "short",
            "--role",
            "READER",
            "--name",
            "A",
        ],
        Some(db.url()),
    )
    .await;
    assert!(!short.status.success());
}

#[tokio::test]
async fn every_subcommand_has_help() {
    for sub in [
        "serve",
        "migrate",
        "seed-demo",
        "create-user",
        "export-schema",
        "export-openapi",
    ] {
        let output = run(&[sub, "--help"], None).await;
        assert!(output.status.success(), "{sub} --help");
        assert!(
            String::from_utf8_lossy(&output.stdout).contains("Usage"),
            "{sub}"
        );
    }
}

#[tokio::test]
async fn the_committed_contracts_equal_the_exports() {
    let schema = run(&["export-schema"], None).await;
    assert!(schema.status.success());
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql")).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&schema.stdout),
        committed,
        "run `cargo run -- export-schema > schema.graphql`"
    );
    let openapi = run(&["export-openapi"], None).await;
    assert!(openapi.status.success());
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json"))
            .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&openapi.stdout),
        committed,
        "run `cargo run -- export-openapi > openapi/openapi.json`"
    );
}

#[tokio::test]
async fn migrate_applies_the_migrations_to_a_configured_database() {
    let db = TestDb::fresh().await;
    let output = run(&["migrate"], Some(db.url())).await;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let conn = sea_orm::Database::connect(db.url()).await.unwrap();
    assert_eq!(polisia_api::db::pending_migrations(&conn).await.unwrap(), 0);
}
