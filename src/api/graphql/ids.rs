//! Opaque global ids (`domain::global_id`) as GraphQL `ID`s, so `node(id)` knows what
//! to load and clients cannot mistake one type's id for another's.

use async_graphql::ID;
use uuid::Uuid;

use crate::error::AppError;

pub use crate::domain::global_id::{NodeKind, decode};

/// The global id of `uuid` as a `kind`.
pub fn encode(kind: NodeKind, uuid: Uuid) -> ID {
    ID(crate::domain::global_id::encode(kind, uuid))
}

/// Reads the id of a `kind` given in `field`, or says what is wrong with it.
pub fn decode_as(id: &ID, kind: NodeKind, field: &str) -> Result<Uuid, AppError> {
    match decode(id) {
        Some((found, uuid)) if found == kind => Ok(uuid),
        _ => Err(AppError::bad_input(
            field,
            format!("not the id of a {}", kind.name()),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The codec itself is tested in `domain::global_id`.
    #[test]
    fn an_id_of_another_type_is_refused() {
        let uuid = Uuid::now_v7();
        let id = encode(NodeKind::Meeting, uuid);
        assert_eq!(decode_as(&id, NodeKind::Meeting, "id").unwrap(), uuid);
        assert!(decode_as(&id, NodeKind::Article, "id").is_err());
    }
}
