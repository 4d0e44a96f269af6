//! The closed sets of values the content model uses: statuses, kinds and roles.
//!
//! Each enum is stored as its SCREAMING_CASE name, and is the same type in the
//! database, in GraphQL and in REST, so a value can never drift between them.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Declares a stored enum whose database value is its GraphQL name.
macro_rules! stored_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $value:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum,
            async_graphql::Enum, Serialize, Deserialize, utoipa::ToSchema,
        )]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        pub enum $name {
            $($(#[$vmeta])* #[sea_orm(string_value = $value)] $variant,)+
        }

        impl $name {
            /// The stored (and GraphQL) name of this value.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $value,)+ }
            }
        }
    };
}

stored_enum! {
    /// Where an article is in the editorial workflow.
    ArticleStatus {
        /// Being written; seen by its author and editors only.
        Draft = "DRAFT",
        /// Submitted by its author, waiting for an editor.
        InReview = "IN_REVIEW",
        /// Public once its publication time has come (a future time means scheduled).
        Published = "PUBLISHED",
        /// Withdrawn from public view but kept.
        Archived = "ARCHIVED",
        /// Withdrawn for cause by the editors: out of every list, feed and search, but
        /// its page keeps a public notice (title, reason, time) without its text.
        Retracted = "RETRACTED",
    }
}

stored_enum! {
    /// What moderators decided about a reader comment.
    CommentStatus {
        /// Waiting for a moderator; invisible to the public.
        Pending = "PENDING",
        /// Visible to everyone.
        Approved = "APPROVED",
        /// Marked as spam; invisible.
        Spam = "SPAM",
        /// Refused by a moderator; invisible.
        Rejected = "REJECTED",
    }
}

stored_enum! {
    /// What a user may do; see the permission table in the README.
    Role {
        /// Manages users and roles, and may do everything an editor may.
        Admin = "ADMIN",
        /// Edits, publishes and archives any article; manages meetings, people and tags.
        Editor = "EDITOR",
        /// Writes own drafts and submits them for review.
        Author = "AUTHOR",
        /// Moderates reader comments.
        Moderator = "MODERATOR",
        /// A registered reader.
        Reader = "READER",
    }
}

stored_enum! {
    /// The kind of a first-level administrative unit of Kazakhstan.
    RegionKind {
        /// An oblast (province).
        Oblast = "OBLAST",
        /// A city of republican significance.
        City = "CITY",
    }
}

stored_enum! {
    /// What sort of gathering a meeting was.
    MeetingKind {
        /// A session of a standing advisory council (e.g. of a regional police department).
        AdvisoryCouncil = "ADVISORY_COUNCIL",
        /// A hearing open to the public.
        PublicHearing = "PUBLIC_HEARING",
        /// A press or internal briefing.
        Briefing = "BRIEFING",
        /// Officials receiving citizens with their questions.
        ReceptionOfCitizens = "RECEPTION_OF_CITIZENS",
        /// Anything else.
        Other = "OTHER",
    }
}

stored_enum! {
    /// What sort of body an organisation is.
    OrganizationKind {
        /// A standing council, e.g. the public advisory council of a police department.
        Council = "COUNCIL",
        /// A regional (or city) police department.
        PoliceDepartment = "POLICE_DEPARTMENT",
        /// A division within another body, e.g. a department's migration service.
        Division = "DIVISION",
        /// A ministry, e.g. the Ministry of Internal Affairs.
        Ministry = "MINISTRY",
        /// An elected local assembly (maslikhat).
        LocalAssembly = "LOCAL_ASSEMBLY",
        /// Anything else.
        Other = "OTHER",
    }
}

stored_enum! {
    /// The part a person played in a meeting.
    MeetingRole {
        /// Chaired the meeting.
        Chair = "CHAIR",
        /// A member of the body that met.
        Member = "MEMBER",
        /// Gave a report or a speech.
        Speaker = "SPEAKER",
        /// Attended as a guest.
        Guest = "GUEST",
    }
}

stored_enum! {
    /// How a quote renders what was said.
    QuoteKind {
        /// Direct speech, word for word.
        Direct = "DIRECT",
        /// Reported speech: what the person said, in the article's words.
        Paraphrase = "PARAPHRASE",
    }
}

stored_enum! {
    /// What a committed write changed, as the change bus records it. Consumers (live
    /// subscriptions, caches, and whatever reads the record of changes) act on the
    /// kind without reading the write's tables.
    ChangeKind {
        ArticleCreated = "ARTICLE_CREATED",
        /// Text, relations or settings of an article changed.
        ArticleUpdated = "ARTICLE_UPDATED",
        /// Sent to the editors.
        ArticleSubmitted = "ARTICLE_SUBMITTED",
        /// Published for a moment still to come: not public yet.
        ArticleScheduled = "ARTICLE_SCHEDULED",
        /// Became public: published for now, or its scheduled moment came.
        ArticlePublished = "ARTICLE_PUBLISHED",
        /// Taken back to a draft.
        ArticleUnpublished = "ARTICLE_UNPUBLISHED",
        ArticleArchived = "ARTICLE_ARCHIVED",
        ArticleDeleted = "ARTICLE_DELETED",
        /// Given a new slug; the old one keeps redirecting.
        ArticleSlugChanged = "ARTICLE_SLUG_CHANGED",
        /// A correction was added to a published article.
        ArticleCorrected = "ARTICLE_CORRECTED",
        /// Retracted: out of public view, leaving a notice.
        ArticleRetracted = "ARTICLE_RETRACTED",
        CommentCreated = "COMMENT_CREATED",
        /// Became public: approved by a moderator, or on posting.
        CommentApproved = "COMMENT_APPROVED",
        /// Refused or marked as spam: no longer public.
        CommentRejected = "COMMENT_REJECTED",
        /// Its text changed (possibly back to the moderators).
        CommentEdited = "COMMENT_EDITED",
        CommentDeleted = "COMMENT_DELETED",
        MeetingChanged = "MEETING_CHANGED",
        ParticipantChanged = "PARTICIPANT_CHANGED",
        /// An organisation, its members or its place in the tree changed.
        OrganizationChanged = "ORGANIZATION_CHANGED",
        TagChanged = "TAG_CHANGED",
        RegionChanged = "REGION_CHANGED",
        UserRoleChanged = "USER_ROLE_CHANGED",
        /// Disabled or enabled again.
        UserDisabled = "USER_DISABLED",
        /// An API key stopped working: every instance forgets it.
        ApiKeyRevoked = "API_KEY_REVOKED",
        /// Trusted GraphQL documents were registered or removed.
        TrustedDocumentsChanged = "TRUSTED_DOCUMENTS_CHANGED",
    }
}

stored_enum! {
    /// Who an endpoint of outgoing messages belongs to.
    EndpointKind {
        /// An administrator's webhook, sent the events it subscribed to.
        Webhook = "WEBHOOK",
        /// A WebSub hub named by `WEBSUB_HUBS`, pinged when a feed changes.
        WebsubHub = "WEBSUB_HUB",
    }
}

stored_enum! {
    /// Whether a webhook is sent its messages.
    WebhookState {
        /// Messages are sent to it.
        Active = "ACTIVE",
        /// Nothing is sent until an administrator enables it again (`updateWebhook`
        /// with `enabled: true`); see `disabledReason`.
        Disabled = "DISABLED",
    }
}

stored_enum! {
    /// Where one message to one endpoint is.
    DeliveryState {
        /// Waiting for its next try (or for an earlier message to the same endpoint).
        Pending = "PENDING",
        /// The endpoint answered 2xx.
        Delivered = "DELIVERED",
        /// Every try failed; `redeliverWebhook` queues it again.
        Failed = "FAILED",
    }
}

stored_enum! {
    /// Why a try to deliver a message failed.
    DeliveryError {
        /// No answer within 10 seconds.
        Timeout = "TIMEOUT",
        /// The connection could not be made or broke.
        Connection = "CONNECTION",
        /// The endpoint answered, but not with 2xx.
        HttpStatus = "HTTP_STATUS",
        /// The endpoint's host resolves only to addresses webhooks may not reach
        /// (loopback, private, link-local, multicast...).
        RefusedAddress = "REFUSED_ADDRESS",
    }
}

stored_enum! {
    /// Where an uploaded image's renditions are.
    MediaState {
        /// Uploaded; its renditions are being made.
        Pending = "PENDING",
        /// Every rendition is stored and served.
        Ready = "READY",
        /// Making the renditions failed; the original is kept.
        Failed = "FAILED",
    }
}

stored_enum! {
    /// An image file format the service accepts and stores.
    ImageFormat {
        /// JPEG (lossy, no transparency).
        Jpeg = "JPEG",
        /// PNG (lossless).
        Png = "PNG",
        /// WebP.
        Webp = "WEBP",
    }
}

stored_enum! {
    /// What a rendition of an image is.
    RenditionKind {
        /// The upload itself, decoded, turned upright and encoded again without its
        /// metadata.
        Original = "ORIGINAL",
        /// The whole picture at a smaller width.
        Width = "WIDTH",
        /// A 16:9 crop around the focal point.
        Wide = "WIDE",
        /// A 1:1 crop around the focal point.
        Square = "SQUARE",
    }
}
