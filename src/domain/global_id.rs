//! Global ids: base64 of `Type:uuid`. GraphQL's `node(id:)` and every `id` argument
//! take them, and REST accepts them wherever it accepts an id, so a client that holds
//! one never has to translate it.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use uuid::Uuid;

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
    ApiKey,
    Webhook,
    WebhookDelivery,
    Organization,
    PreviewLink,
    Image,
    Position,
}

impl NodeKind {
    pub const ALL: [NodeKind; 15] = [
        NodeKind::Region,
        NodeKind::Article,
        NodeKind::Meeting,
        NodeKind::Participant,
        NodeKind::Comment,
        NodeKind::Tag,
        NodeKind::User,
        NodeKind::Quote,
        NodeKind::ApiKey,
        NodeKind::Webhook,
        NodeKind::WebhookDelivery,
        NodeKind::Organization,
        NodeKind::PreviewLink,
        NodeKind::Image,
        NodeKind::Position,
    ];

    /// The type's name, as GraphQL names it.
    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Region => "Region",
            NodeKind::Article => "Article",
            NodeKind::Meeting => "Meeting",
            NodeKind::Participant => "Participant",
            NodeKind::Comment => "Comment",
            NodeKind::Tag => "Tag",
            NodeKind::User => "User",
            NodeKind::Quote => "Quote",
            NodeKind::ApiKey => "ApiKey",
            NodeKind::Webhook => "Webhook",
            NodeKind::WebhookDelivery => "WebhookDelivery",
            NodeKind::Organization => "Organization",
            NodeKind::PreviewLink => "PreviewLink",
            NodeKind::Image => "Image",
            NodeKind::Position => "Position",
        }
    }
}

/// The global id of `uuid` as a `kind`.
pub fn encode(kind: NodeKind, uuid: Uuid) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}:{}", kind.name(), uuid))
}

/// Reads a global id of any kind; `None` if it is not one of ours.
pub fn decode(id: &str) -> Option<(NodeKind, Uuid)> {
    let raw = URL_SAFE_NO_PAD.decode(id.trim()).ok()?;
    let text = std::str::from_utf8(&raw).ok()?;
    let (name, uuid) = text.split_once(':')?;
    let kind = NodeKind::ALL.into_iter().find(|k| k.name() == name)?;
    Some((kind, Uuid::parse_str(uuid).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_carry_their_type() {
        let uuid = Uuid::now_v7();
        let id = encode(NodeKind::Meeting, uuid);
        assert_eq!(decode(&id), Some((NodeKind::Meeting, uuid)));
        assert_eq!(decode("not an id"), None);
    }
}
