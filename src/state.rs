//! The state every request sees: cheap to clone, built once at start.

use std::{ops::Deref, sync::Arc};

use metrics_exporter_prometheus::PrometheusHandle;
use sea_orm::DatabaseConnection;

use crate::{
    auth::{api_keys::ApiKeyCache, keys::KeySet},
    bus::ChangeBus,
    config::Config,
    db::Db,
    domain::time::Clock,
    events::Events,
    http::{micro_cache::MicroCache, rate_limit::RateLimits, socket_slots::SocketSlots},
    media::Media,
    store::{
        articles::ArticleScope,
        comments::CommentAccess,
        loaders::{self, Loaders},
        regions::RegionCache,
    },
    trusted_documents::TrustedDocuments,
    webhooks::{AddressPolicy, Webhooks},
};

/// Shared state of one running service.
#[derive(Clone)]
pub struct AppState(Arc<App>);

/// What [`AppState`] holds.
pub struct App {
    pub config: Config,
    pub db: Db,
    pub metrics: PrometheusHandle,
    /// Keys that sign and verify access tokens.
    pub keys: KeySet,
    /// Live events for subscribers of this instance.
    pub events: Events,
    /// The changes committed through any instance, read in order.
    pub bus: ChangeBus,
    /// The regions, held in memory until a change to one.
    pub regions: RegionCache,
    /// Anonymous answers kept for a moment.
    pub micro_cache: Arc<MicroCache>,
    /// What time it is for every rule: the system's clock, except in tests.
    pub clock: Clock,
    /// What presented API keys turned out to be.
    pub api_keys: ApiKeyCache,
    /// Requests per minute, counted per API key and per anonymous address.
    pub rate_limits: Arc<RateLimits>,
    /// The GraphQL documents the public may run under `TRUSTED_DOCUMENTS_ONLY`.
    pub trusted_documents: TrustedDocuments,
    /// The GraphQL WebSockets open, in all and by client.
    pub sockets: Arc<SocketSlots>,
    /// Where webhooks may go, and the wake of this instance's sender.
    pub webhooks: Webhooks,
    /// Uploaded images: their files and the workers that make renditions.
    pub media: Media,
}

impl AppState {
    /// Assembles the state.
    pub fn new(
        config: Config,
        db: Db,
        metrics: PrometheusHandle,
        keys: KeySet,
        clock: Clock,
        media: Media,
    ) -> Self {
        let events = Events::default();
        let bus = ChangeBus::default();
        let media = media.on_bus(bus.clone());
        let micro_cache = Arc::new(MicroCache::new(config.micro_cache, bus.clone()));
        let api_keys = ApiKeyCache::default();
        let rate_limits = Arc::new(RateLimits::new(
            config.rate_limits,
            config.cors_origins.clone(),
            api_keys.clone(),
            db.conn.clone(),
            keys.clone(),
            clock.clone(),
        ));
        let sockets = Arc::new(SocketSlots::new(&config.connections.ws));
        let webhooks = Webhooks {
            policy: AddressPolicy {
                allow_private: config.webhooks.allow_private,
            },
            queued: Arc::default(),
        };
        AppState(Arc::new(App {
            api_keys,
            rate_limits,
            micro_cache,
            config,
            db,
            metrics,
            keys,
            events,
            bus,
            regions: RegionCache::default(),
            clock,
            trusted_documents: TrustedDocuments::default(),
            sockets,
            webhooks,
            media,
        }))
    }

    /// The batch loader of one REST or feed request, which reads as the public does
    /// at the moment `scope` fixes: the same loader GraphQL resolvers use. It reads
    /// from the replica when there is one.
    pub fn loaders(&self, scope: ArticleScope) -> Loaders {
        loaders::for_request(
            self.read_conn().clone(),
            scope,
            CommentAccess::Public,
            self.regions.clone(),
        )
    }

    /// Where the REST API and the feeds point clients for uploaded images' files.
    pub fn file_urls(&self) -> crate::media::FileUrls {
        self.media.urls(&self.config.public_base_url)
    }

    /// The primary's pool: writes, reads inside a write, signed-in reads.
    pub fn conn(&self) -> &DatabaseConnection {
        &self.0.db.conn
    }

    /// The pool for anonymous reads: the read replica while it answers and holds
    /// every change the bus has read (what a cache was emptied for is never read
    /// back stale from it), else the primary.
    pub fn read_conn(&self) -> &DatabaseConnection {
        self.0.db.for_reads(self.0.bus.seen())
    }

    /// The compiled reads' pool of the database [`AppState::read_conn`] reads.
    pub fn trees_conn(&self) -> &DatabaseConnection {
        self.0.db.for_trees(self.0.bus.seen())
    }

    /// The search pool of the database [`AppState::read_conn`] reads.
    pub fn search_conn(&self) -> &DatabaseConnection {
        self.0.db.for_search(self.0.bus.seen())
    }
}

impl Deref for AppState {
    type Target = App;

    fn deref(&self) -> &App {
        &self.0
    }
}
