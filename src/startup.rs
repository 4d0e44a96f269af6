//! Turning a configuration into a running service.

use std::{future::Future, net::SocketAddr};

use tokio::{net::TcpListener, sync::broadcast::error::RecvError};

use crate::{
    announce, bus,
    config::{Config, connections::ConnectionLimits},
    db::{self, Db},
    domain::{ChangeKind, time::Clock},
    events, housekeeping,
    http::{connections, drain},
    media::Media,
    purge, seed,
    state::AppState,
    telemetry, trusted_documents, webhook_dispatch, webhooks,
};

/// Why the service could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("the data directory cannot be used: {0}")]
    DataDir(#[source] std::io::Error),
    #[error("the database cannot be used: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("BIND {addr}: {}", bind_reason(.source))]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Keys(#[from] crate::config::ConfigError),
    #[error("TRUSTED_DOCUMENTS_FILE {path}: {reason}")]
    TrustedDocuments { path: String, reason: String },
    #[error(
        "the database lacks {0} migration(s) this version needs: run `polisia-api migrate`, \
         or start with `serve --migrate`"
    )]
    NotMigrated(usize),
    #[error("image storage: {0}")]
    Media(String),
}

/// Opens the database and builds the state, which tells the time by `clock` (the
/// system's, but for tests). The embedded default is migrated and, when it holds no
/// content yet, filled with demo content; an external database is migrated only
/// when `migrate` says so, and never gets demo content by itself.
pub async fn prepare(
    mut config: Config,
    migrate: bool,
    clock: Clock,
) -> Result<AppState, StartupError> {
    let embedded = config.database.is_embedded();
    if embedded {
        std::fs::create_dir_all(&config.data_dir).map_err(StartupError::DataDir)?;
        config.ensure_jwt_secret().map_err(StartupError::DataDir)?;
    }
    let keys = config.key_set()?;
    if embedded || migrate {
        db::migrate_url(&config.database.url()).await?;
    }
    let mut db: Db = db::connect(&config.database.url()).await?;
    if !(embedded || migrate) {
        // Said at once, rather than as the first query's missing table.
        let pending = db::pending_migrations(&db.conn).await?;
        if pending > 0 {
            return Err(StartupError::NotMigrated(pending));
        }
    }
    // After migrating: the replica's first check reads the record of changes, which
    // reaches it with the migrations.
    if let Some(url) = &config.database_read_url {
        db.replica = Some(db::connect_replica(url).await?);
    }
    let media = Media::open(config.media.clone()).map_err(StartupError::Media)?;
    if embedded && seed::is_empty(&db.conn).await? {
        tracing::info!("empty embedded database: loading the demo content");
        seed::demo::load(&db.conn, clock.now()).await?;
        seed::photos::attach(&db.conn, &media, &clock)
            .await
            .map_err(|err| StartupError::Media(format!("demo photos: {}", err.describe())))?;
    }
    if let Some(path) = &config.trusted_documents.file {
        let (listed, new) = trusted_documents::load_manifest(&db.conn, &clock, path)
            .await
            .map_err(|reason| StartupError::TrustedDocuments {
                path: path.display().to_string(),
                reason,
            })?;
        tracing::info!(listed, new, path = %path.display(), "trusted documents read");
    }
    let state = AppState::new(config, db, telemetry::metrics_handle(), keys, clock, media);
    state
        .trusted_documents
        .reload(state.conn())
        .await
        .map_err(|err| StartupError::TrustedDocuments {
            path: "(database)".into(),
            reason: err.describe(),
        })?;
    Ok(state)
}

/// Serves `state` on `listener` until `shutdown` completes. Every request that reached
/// the service by then is answered: see [`drain`].
pub async fn serve(
    state: AppState,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let housekeeping = housekeeping::start(state.conn().clone(), state.clock.clone()).await;
    // The bus reader first: the relay and the schedule subscribe to it, and read from
    // the newest change recorded when the instance started.
    let bus = bus::start(state.conn().clone(), state.bus.clone(), state.clock.clone()).await;
    let relay = events::relay(
        state.conn().clone(),
        &state.bus,
        state.events.clone(),
        state.clock.clone(),
    );
    let schedule =
        announce::start(state.conn().clone(), state.bus.clone(), state.clock.clone()).await;
    let replica = state
        .db
        .replica
        .clone()
        .map(|r| r.watch(state.clock.clone(), state.bus.watch_seen()));
    let held = follow_held_data(&state);
    let purges = state.config.purge.url.clone().map(|url| {
        purge::start(
            state.conn().clone(),
            &state.bus,
            state.regions.clone(),
            state.clock.clone(),
            url,
        )
    });
    let dispatcher = webhook_dispatch::start(state.clone()).await;
    match state.media.resume(state.conn(), &state.clock).await {
        Ok(0) => {}
        Ok(queued) => tracing::info!(queued, "renditions left unmade are made again"),
        Err(err) => {
            tracing::error!(error = %err.describe(), "images left PENDING were not queued again");
        }
    }
    let sender = start_sender(&state).await;
    let rate_limits = state.rate_limits.start(&state.bus);
    let bounds = connection_bounds(&state.config.connections);
    let app = crate::app(state);
    let (listener, drain) = drain::listener(listener)?;
    let served = connections::serve(listener, app, bounds, async move {
        shutdown.await;
        drain.run().await;
    })
    .await;
    for task in [
        housekeeping,
        bus,
        relay,
        schedule,
        held,
        rate_limits,
        dispatcher,
    ]
    .into_iter()
    .chain(replica)
    .chain(sender)
    .chain(purges)
    {
        task.abort();
    }
    served
}

/// Starts this instance's webhook sender; `None` (logged) if its HTTP client cannot
/// be built.
async fn start_sender(state: &AppState) -> Option<tokio::task::JoinHandle<()>> {
    match webhooks::sender::Sender::new(state.webhooks.policy) {
        Ok(sender) => Some(
            webhooks::sender::start(
                state.conn().clone(),
                state.clock.clone(),
                sender,
                &state.bus,
                state.webhooks.queued.clone(),
            )
            .await,
        ),
        Err(err) => {
            tracing::error!(error = %err, "webhooks cannot be sent: no HTTP client");
            None
        }
    }
}

/// The bounds connections are served within; an unset MAX_CONNECTIONS follows the
/// open-files limit, raised first as far as the system allows.
fn connection_bounds(limits: &ConnectionLimits) -> connections::Bounds {
    let open_files = connections::raise_open_files_limit();
    let max_connections = limits
        .max_connections
        .unwrap_or_else(|| connections::default_max_connections(open_files));
    tracing::debug!(?open_files, max_connections, "connection cap");
    connections::Bounds {
        header_read_timeout: limits.header_read_timeout,
        idle_timeout: limits.idle_timeout,
        max_connections,
    }
}

/// Keeps what every instance holds in memory true to the database, whichever
/// instance changed it: the regions are forgotten (read again when next asked) and the
/// trusted documents read again, on their changes or when changes were missed.
fn follow_held_data(state: &AppState) -> tokio::task::JoinHandle<()> {
    let mut changes = state.bus.subscribe();
    let state = state.clone();
    tokio::spawn(async move {
        loop {
            let (regions, documents) = match changes.recv().await {
                Ok(change) => (
                    change.kind == ChangeKind::RegionChanged,
                    change.kind == ChangeKind::TrustedDocumentsChanged,
                ),
                Err(RecvError::Lagged(_)) => (true, true),
                Err(RecvError::Closed) => return,
            };
            if regions {
                state.regions.clear();
            }
            // On failure the bus's safety poll or the next change tries again.
            if documents && let Err(err) = state.trusted_documents.reload(state.conn()).await {
                tracing::warn!(error = %err.describe(), "trusted documents not reloaded");
            }
        }
    })
}

/// Binds the configured address. `main` binds before [`prepare`]: a busy address
/// stops start-up before anything is written to the data directory or the database.
pub async fn bind(addr: SocketAddr) -> Result<TcpListener, StartupError> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| StartupError::Bind { addr, source })
}

/// The common reasons in words an operator acts on; the system's text otherwise.
fn bind_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::AddrInUse => "the address is in use".into(),
        std::io::ErrorKind::AddrNotAvailable => "no network interface has this address".into(),
        std::io::ErrorKind::PermissionDenied => "not permitted to listen on this port".into(),
        _ => err.to_string(),
    }
}

/// Completes on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
