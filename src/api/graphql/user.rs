//! Users as others see them: a name and a role.

use async_graphql::{ID, Object};

use super::ids::{self, NodeKind};
use crate::{domain::Role, entity::user};

/// The public profile of a registered user.
#[derive(Clone)]
pub struct User(pub user::Model);

/// The public profile of a registered user, staff or reader: a display name and a
/// role. The email and the rest of the account are never shown here.
#[Object]
impl User {
    /// Global id of the user, for `node(id:)` and the account mutations.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::User, self.0.id)
    }

    /// The name shown publicly.
    async fn display_name(&self) -> &str {
        &self.0.display_name
    }

    /// What the user may do: READER, AUTHOR, EDITOR, MODERATOR or ADMIN.
    async fn role(&self) -> Role {
        self.0.role
    }
}
