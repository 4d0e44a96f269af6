//! Accounts for tests: created straight in the database, or signed in over GraphQL
//! with their tokens.

use serde_json::json;

use super::{TestApp, data};

/// An account with `role` whose password is `password` (hashed with Argon2id).
pub async fn account_with_password(
    conn: &sea_orm::DatabaseConnection,
    email: &str,
    password: &str,
    role: polisia_api::domain::Role,
) -> polisia_api::entity::user::Model {
    let hash = polisia_api::auth::password::hash(password).expect("a hash");
    let now = crate::fixtures::start();
    polisia_api::store::users::create(conn, email, "Test account", role, hash, now)
        .await
        .expect("the account is created")
}

/// A signed-in viewer with `role`, backed by an account that cannot sign in (its
/// password hash matches nothing), for tests that need a user but not a password.
pub async fn viewer_with_role(
    conn: &sea_orm::DatabaseConnection,
    role: polisia_api::domain::Role,
) -> polisia_api::auth::Viewer {
    let email = format!(
        "{}-{}@example.kz",
        role.as_str().to_lowercase(),
        uuid::Uuid::now_v7().simple()
    );
    let now = crate::fixtures::start();
    let user = polisia_api::store::users::create(conn, &email, "Staff", role, "!".into(), now)
        .await
        .expect("the account is created");
    polisia_api::auth::Viewer::User { id: user.id, role }
}

/// A signed-in account for tests.
pub struct Account {
    pub id: String,
    pub email: String,
    pub password: String,
    pub access: String,
    pub refresh: String,
}

impl Account {
    /// The `Authorization` header that presents this account's access token.
    pub fn bearer(&self) -> String {
        format!("Bearer {}", self.access)
    }
}

impl TestApp {
    /// Creates an account of `role` and signs it in over GraphQL.
    pub async fn account(&self, role: polisia_api::domain::Role) -> Account {
        let email = format!(
            "{}-{}@example.kz",
            role.as_str().to_lowercase(),
            uuid::Uuid::new_v4().simple()
        );
        let password = "a-long-test-password".to_owned();
        let hash = polisia_api::auth::password::hash(&password).unwrap();
        polisia_api::store::users::create(
            self.conn(),
            &email,
            "Test user",
            role,
            hash,
            self.clock.now(),
        )
        .await
        .unwrap_or_else(|e| panic!("{}", e.describe()));
        let response = self
            .graphql(
                "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken user { id } } }",
                json!({ "e": email, "p": password }),
            )
            .await;
        let login = &data(&response)["login"];
        Account {
            id: login["user"]["id"].as_str().unwrap().to_owned(),
            email,
            password,
            access: login["accessToken"].as_str().unwrap().to_owned(),
            refresh: login["refreshToken"].as_str().unwrap().to_owned(),
        }
    }
}
