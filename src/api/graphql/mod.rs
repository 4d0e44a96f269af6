//! The GraphQL API: schema assembly from per-domain parts.

pub mod account;
pub mod api_key;
pub mod article;
pub mod cache_tags;
pub mod comment;
pub mod compiled;
pub mod connection;
pub mod context;
pub mod corrections;
pub mod editorial;
pub mod errors;
pub mod ids;
pub mod image;
pub mod limits;
pub mod meeting;
pub mod moderation;
pub mod names;
pub mod node;
pub mod organization;
pub mod participant;
pub mod persisted;
pub mod position;
pub mod prefetch;
pub mod preview;
pub mod quote;
pub mod region;
pub mod rules;
pub mod scalars;
#[cfg(test)]
mod sdl_checks;
pub mod search;
pub mod section;
pub mod socket;
pub mod subscription;
pub mod sync;
pub mod tag;
pub mod transport;
pub mod trusted;
pub mod user;
pub mod webhook;

use crate::{api::graphql::persisted::PersistedDocuments, presentation::links::ApiBase};
use async_graphql::{MergedObject, SDLExportOptions, Schema};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use crate::{
    auth::{api_keys::ApiKeyCache, keys::KeySet},
    config::Config,
    domain::time::Clock,
    events::Events,
    webhooks::Webhooks,
};

/// Reading: articles, regions, meetings, people, tags, search, the viewer, the
/// moderation queue, and any object by its global id. Anonymous requests see
/// published content only; a signed-in viewer's role may show more.
#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct QueryRoot(
    node::NodeQuery,
    account::ViewerQuery,
    api_key::ApiKeyQuery,
    moderation::ModerationQuery,
    article::ArticleQuery,
    region::RegionQuery,
    meeting::MeetingQuery,
    participant::ParticipantQuery,
    organization::OrganizationQuery,
    tag::TagQuery,
    section::SectionQuery,
    search::SearchQuery,
    sync::SyncQuery,
    trusted::TrustedDocumentQuery,
    webhook::WebhookQuery,
    preview::PreviewQuery,
    image::ImageQuery,
);

/// Changing: signing in and out, accounts, articles and their workflow, meetings,
/// people, tags, region names and comments. Each returns a payload with what it
/// changed; a refused change is an error whose `extensions.code` says why.
#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct MutationRoot(
    account::AccountMutation,
    api_key::ApiKeyMutation,
    editorial::ArticleMutation,
    editorial::WorkflowMutation,
    editorial::MeetingMutation,
    editorial::ParticipantMutation,
    editorial::OrganizationMutation,
    editorial::TaxonomyMutation,
    moderation::CommentMutation,
    trusted::TrustedDocumentMutation,
    webhook::WebhookMutation,
    corrections::CorrectionMutation,
    preview::PreviewMutation,
    image::ImageMutation,
);

/// The executable schema.
pub type ApiSchema = Schema<QueryRoot, MutationRoot, subscription::SubscriptionRoot>;

/// Deepest selection nesting accepted (checked with the other limits in [`limits`]).
pub use limits::MAX_DEPTH;
/// Largest total cost accepted.
pub const MAX_COMPLEXITY: usize = 10_000;
/// Most directives on one field (`@include` and `@skip` are all a client needs).
pub const MAX_DIRECTIVES: usize = 4;

/// The description of `DateTime`, in place of the library's own, which speaks of its
/// Rust type.
const DATE_TIME: &str = "A point in time: an RFC 3339 string with an offset, such as\n\
    `2024-04-05T09:30:00+00:00`. Times the API returns are in UTC, with fractional\n\
    seconds only when they are not zero; times sent to it may carry any offset.";

/// The schema in the three forms requests meet it, and the rules they meet
/// around it (see [`rules`] for why the rules are not the engine's extensions).
#[derive(Clone)]
pub struct Schemas {
    /// Over HTTP: no extension; the transport applies [`Schemas::rules`].
    pub plain: ApiSchema,
    /// An anonymous GET's: notes its answer's cache tags as it resolves.
    pub tagged: ApiSchema,
    /// A socket's: the rules, and a context of its own for every operation.
    pub socket: ApiSchema,
    pub rules: rules::Rules,
    /// The statements of the queries read in one statement lately.
    pub compiled: compiled::Statements,
}

/// Builds the schema with its limits; `db` and `clock` are available to every
/// resolver.
// One argument per piece of shared state the resolvers read: a struct of them would
// only repeat `AppState`, which sits above this layer.
#[allow(clippy::too_many_arguments)]
pub fn build_schema(
    config: &Config,
    db: DatabaseConnection,
    keys: KeySet,
    api_keys: ApiKeyCache,
    events: Events,
    clock: Clock,
    persisted: &PersistedDocuments,
    webhooks: Webhooks,
    media: crate::media::Media,
) -> Schemas {
    let build = || {
        let builder = Schema::build(
            QueryRoot::default(),
            MutationRoot::default(),
            subscription::SubscriptionRoot,
        )
        .override_output_type_description::<DateTime<Utc>>(DATE_TIME)
        .limit_complexity(MAX_COMPLEXITY)
        .limit_directives(MAX_DIRECTIVES)
        .data(sync::Primary(db.clone()))
        .data(db.clone())
        .data(keys.clone())
        .data(api_keys.clone())
        .data(account::AddressKey(config.address_hash_key()))
        .data(config.comments.clone())
        .data(config.refresh_grace)
        .data(config.site.clone())
        .data(ApiBase(config.public_base_url.clone()))
        .data(events.clone())
        .data(persisted.trusted().clone())
        .data(webhooks.clone())
        .data(media.clone())
        .data(clock.clone());
        if config.graphql_introspection {
            builder
        } else {
            builder.disable_introspection().disable_suggestions()
        }
    };
    let rules = rules::Rules::new(persisted.clone(), config.trusted_documents.only);
    Schemas {
        plain: build().finish(),
        tagged: build().extension(cache_tags::CacheTagging).finish(),
        socket: build().extension(socket::OnSocket(rules.clone())).finish(),
        rules,
        compiled: compiled::Statements::default(),
    }
}

/// The SDL, sorted so that it only changes when the schema does. Custom scalars
/// carry `@specifiedBy(url:)` as introspection's `specifiedByURL` does (the export
/// leaves it out unless asked).
pub fn sdl() -> String {
    Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        subscription::SubscriptionRoot,
    )
    .override_output_type_description::<DateTime<Utc>>(DATE_TIME)
    .finish()
    .sdl_with_options(
        SDLExportOptions::new()
            .sorted_fields()
            .sorted_arguments()
            .sorted_enum_items()
            .include_specified_by(),
    )
}
