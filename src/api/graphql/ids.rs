//! Opaque global ids: base64 of `Type:uuid`, so `node(id)` knows what to load and
//! clients cannot mistake one type's id for another's.

use async_graphql::ID;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use uuid::Uuid;

use crate::error::AppError;

/// The types that have global ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Region,
    Article,
    Meeting,
    Participant,
    Comment,
    Tag,
    User,
    Quote,
}

impl NodeKind {
    const ALL: [NodeKind; 8] = [
        NodeKind::Region,
        NodeKind::Article,
        NodeKind::Meeting,
        NodeKind::Participant,
        NodeKind::Comment,
        NodeKind::Tag,
        NodeKind::User,
        NodeKind::Quote,
    ];

    fn name(self) -> &'static str {
        match self {
            NodeKind::Region => "Region",
            NodeKind::Article => "Article",
            NodeKind::Meeting => "Meeting",
            NodeKind::Participant => "Participant",
            NodeKind::Comment => "Comment",
            NodeKind::Tag => "Tag",
            NodeKind::User => "User",
            NodeKind::Quote => "Quote",
        }
    }
}

/// The global id of `uuid` as a `kind`.
pub fn encode(kind: NodeKind, uuid: Uuid) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{}:{}", kind.name(), uuid)))
}

/// Reads a global id of any kind; `None` if it is not one of ours.
pub fn decode(id: &str) -> Option<(NodeKind, Uuid)> {
    let raw = URL_SAFE_NO_PAD.decode(id.trim()).ok()?;
    let text = std::str::from_utf8(&raw).ok()?;
    let (name, uuid) = text.split_once(':')?;
    let kind = NodeKind::ALL.into_iter().find(|k| k.name() == name)?;
    Some((kind, Uuid::parse_str(uuid).ok()?))
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

    #[test]
    fn ids_round_trip_and_carry_their_type() {
        let uuid = Uuid::now_v7();
        let id = encode(NodeKind::Meeting, uuid);
        assert_eq!(decode(&id), Some((NodeKind::Meeting, uuid)));
        assert!(decode_as(&id, NodeKind::Article, "id").is_err());
        assert_eq!(decode("not an id"), None);
    }
}
