//! The events webhooks subscribe to, with their names on the wire.
//!
//! One enum for GraphQL (`WebhookEvent`, SCREAMING_CASE), the stored subscription
//! and the `type` of a message body (the dotted wire name). A new event is one more
//! variant here, with its wire name in [`WebhookEvent::wire_name`], and the code that
//! renders its `data` in the dispatcher.

use serde::{Deserialize, Serialize};

/// Something a webhook can be told about.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    async_graphql::Enum,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum WebhookEvent {
    /// `article.published`: an article became public (published now, or its scheduled
    /// moment came). `data`: the article as the REST list shows it.
    ArticlePublished,
    /// `article.updated`: a public article changed. `data`: the article as the REST
    /// list shows it.
    ArticleUpdated,
    /// `article.unpublished`: a public article was taken back to a draft or archived.
    /// `data`: `{id, slug}` only.
    ArticleUnpublished,
    /// `article.deleted`: an article was deleted. `data`: `{id}`.
    ArticleDeleted,
    /// `comment.approved`: a reader comment became public. `data`: the comment as the
    /// REST comment list shows it, with its `articleId`.
    CommentApproved,
    /// `meeting.changed`: a meeting was created, changed or deleted. `data`: the
    /// meeting as the REST list shows it, or `{id}` once deleted.
    MeetingChanged,
    /// `article.corrected`: a correction was added to a public article. `data`: the
    /// article as the REST list shows it, with `corrections` (each `{id, text,
    /// createdAt}`, oldest first).
    ArticleCorrected,
    /// `organization.changed`: an organisation was created, renamed, moved in the
    /// tree, given other members, or deleted. `data`: the organisation as the REST
    /// list shows it, or `{id}` once deleted.
    OrganizationChanged,
    /// `article.retracted`: a public article was retracted. `data`: `{id, slug,
    /// title, reason, retractedAt}`, the public notice, never its text.
    ArticleRetracted,
    /// `cache.purge`: answers a cache in front of the API holds are stale. `data`:
    /// `{tags}`, the cache tags to purge (those the answers carried in `Cache-Tag`
    /// and `Surrogate-Key`).
    CachePurge,
}

impl WebhookEvent {
    /// Every event, in the order the documentation lists them.
    pub const ALL: [WebhookEvent; 10] = [
        WebhookEvent::ArticlePublished,
        WebhookEvent::ArticleUpdated,
        WebhookEvent::ArticleUnpublished,
        WebhookEvent::ArticleDeleted,
        WebhookEvent::CommentApproved,
        WebhookEvent::MeetingChanged,
        WebhookEvent::ArticleCorrected,
        WebhookEvent::ArticleRetracted,
        WebhookEvent::OrganizationChanged,
        WebhookEvent::CachePurge,
    ];

    /// The name in a message's `type` and in the stored subscription.
    pub fn wire_name(self) -> &'static str {
        match self {
            WebhookEvent::ArticlePublished => "article.published",
            WebhookEvent::ArticleUpdated => "article.updated",
            WebhookEvent::ArticleUnpublished => "article.unpublished",
            WebhookEvent::ArticleDeleted => "article.deleted",
            WebhookEvent::CommentApproved => "comment.approved",
            WebhookEvent::MeetingChanged => "meeting.changed",
            WebhookEvent::ArticleCorrected => "article.corrected",
            WebhookEvent::ArticleRetracted => "article.retracted",
            WebhookEvent::OrganizationChanged => "organization.changed",
            WebhookEvent::CachePurge => "cache.purge",
        }
    }

    /// The event a wire name names.
    pub fn from_wire(name: &str) -> Option<WebhookEvent> {
        WebhookEvent::ALL
            .into_iter()
            .find(|e| e.wire_name() == name)
    }

    /// A stored subscription: wire names, comma-separated, in [`Self::ALL`]'s order.
    pub fn join(events: &[WebhookEvent]) -> String {
        WebhookEvent::ALL
            .into_iter()
            .filter(|e| events.contains(e))
            .map(WebhookEvent::wire_name)
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The events of a stored subscription (names no longer known are skipped).
    pub fn split(stored: &str) -> Vec<WebhookEvent> {
        stored
            .split(',')
            .filter_map(WebhookEvent::from_wire)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip_and_are_dotted() {
        for event in WebhookEvent::ALL {
            assert_eq!(WebhookEvent::from_wire(event.wire_name()), Some(event));
            assert!(event.wire_name().contains('.'));
        }
        let stored =
            WebhookEvent::join(&[WebhookEvent::MeetingChanged, WebhookEvent::ArticlePublished]);
        assert_eq!(stored, "article.published,meeting.changed");
        assert_eq!(
            WebhookEvent::split(&stored),
            [WebhookEvent::ArticlePublished, WebhookEvent::MeetingChanged]
        );
    }
}
