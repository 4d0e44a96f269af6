//! Serving HTTP connections within bounds a slow or numerous client cannot stretch.
//!
//! axum's own `serve` waits on a client for as long as it likes: a request line and
//! then a header line every few seconds holds a connection, and its file descriptor,
//! forever; enough of them and the service runs out of descriptors for everyone.
//! Here every connection is served by hyper with
//!
//! - a header read timeout (hyper's own timer): the request line and headers must
//!   arrive within it, counted from when the connection waits for them, so a
//!   kept-alive connection also waits at most that long for its next request;
//! - an idle timeout: a connection on which no byte moves either way for that long,
//!   while no handler is working on one of its requests, is closed (a client that
//!   stops reading its answer holds the answer's memory otherwise);
//! - a cap on open connections: past it, a new connection is answered 503 at once
//!   and closed, without being read, rather than left to queue.
//!
//! The shutdown is axum's: stop accepting once [`super::drain`] has run, let every
//! connection finish the request it is on, then return.

use std::{
    future::Future,
    io,
    net::SocketAddr,
    pin::{Pin, pin},
    sync::{
        Arc,
        atomic::{AtomicU64, AtomicUsize, Ordering},
    },
    task::{Context, Poll},
    time::Duration,
};

use axum::{Router, extract::ConnectInfo, serve::Listener};
use hyper::{body::Incoming, server::conn::http1};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    sync::{OwnedSemaphorePermit, Semaphore, watch},
    time::Instant,
};
use tower::Service;

use super::drain::{DrainingListener, FirstByte};

/// The bounds every connection is served within.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    pub header_read_timeout: Duration,
    pub idle_timeout: Duration,
    pub max_connections: usize,
}

/// What a connection past the cap is told before it is closed: cheap to send, and a
/// client (or the proxy in front) learns the service is busy rather than broken.
const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\n\
content-length: 0\r\nretry-after: 1\r\n\r\n";

/// File descriptors kept out of [`default_max_connections`]: the database pool,
/// files, the listening socket and the logs. A tenth of the limit, at least this.
const RESERVED_DESCRIPTORS: u64 = 64;

/// Raises the soft limit of open files to the hard one where the system allows, and
/// returns the soft limit then in force (`None` when it cannot be read, or there is
/// none).
pub fn raise_open_files_limit() -> Option<u64> {
    use rustix::process::{Resource, getrlimit, setrlimit};

    let mut limit = getrlimit(Resource::Nofile);
    if limit.current != limit.maximum {
        let raised = rustix::process::Rlimit {
            current: limit.maximum,
            maximum: limit.maximum,
        };
        match setrlimit(Resource::Nofile, raised) {
            Ok(()) => limit = raised,
            Err(err) => tracing::debug!(error = %err, "the open-files limit stays as it is"),
        }
    }
    limit.current
}

/// The connections the service takes at once with `open_files` descriptors: all but
/// a tenth of them (at least [`RESERVED_DESCRIPTORS`]), and at least one.
pub fn default_max_connections(open_files: Option<u64>) -> usize {
    let Some(limit) = open_files else {
        // No limit: still a bound, so memory is.
        return 65_536;
    };
    let reserved = (limit / 10).max(RESERVED_DESCRIPTORS);
    usize::try_from(limit.saturating_sub(reserved).max(1)).unwrap_or(usize::MAX)
}

/// Serves `router` on `listener` within `bounds` until `shutdown` completes, then
/// lets every connection finish its request.
pub async fn serve(
    mut listener: DrainingListener,
    router: Router,
    bounds: Bounds,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let slots = Arc::new(Semaphore::new(bounds.max_connections));
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(bounds.header_read_timeout);
    // Told to stop: every connection finishes its request and closes.
    let (stop, stopping) = watch::channel(false);
    // Every connection holds a receiver: when none is left, all are closed.
    let (all_closed, open) = watch::channel(());
    let mut shutdown = pin!(shutdown);
    loop {
        let (mut io, peer) = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        io.set_nodelay();
        let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
            refuse(&io);
            continue;
        };
        let connection = Connection {
            io: Watched::new(io, slot),
            peer,
            router: router.clone(),
            builder: builder.clone(),
            idle_timeout: bounds.idle_timeout,
        };
        let (stopping, open) = (stopping.clone(), open.clone());
        tokio::spawn(async move {
            connection.run(stopping).await;
            drop(open);
        });
    }
    drop(listener);
    stop.send_replace(true);
    drop(open);
    all_closed.closed().await;
    Ok(())
}

/// Answers a connection past the cap and closes it, counting it.
fn refuse(io: &FirstByte) {
    metrics::counter!("http_connections_refused_total").increment(1);
    // A full send buffer is the client's loss: it is closed either way.
    let _ = io.try_write(BUSY);
}

/// One accepted connection, before it is served.
struct Connection {
    io: Watched,
    peer: SocketAddr,
    router: Router,
    builder: http1::Builder,
    idle_timeout: Duration,
}

impl Connection {
    async fn run(self, mut stopping: watch::Receiver<bool>) {
        let Connection {
            io,
            peer,
            router,
            builder,
            idle_timeout,
        } = self;
        let activity = Arc::clone(&io.activity);
        let busy = Arc::clone(&activity);
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            // As axum's `into_make_service_with_connect_info` does.
            request.extensions_mut().insert(ConnectInfo(peer));
            let mut router = router.clone();
            let working = Working::start(Arc::clone(&busy));
            async move {
                let response = router.call(request).await;
                drop(working);
                response
            }
        });
        let mut conn = pin!(
            builder
                .serve_connection(TokioIo::new(io), service)
                .with_upgrades()
        );
        let mut stop_asked = false;
        loop {
            tokio::select! {
                served = conn.as_mut() => {
                    if let Err(err) = served {
                        if err.is_timeout() {
                            metrics::counter!("http_connections_closed_total", "reason" => "header_timeout").increment(1);
                        }
                        tracing::trace!(error = %err, "connection ended");
                    }
                    return;
                }
                Ok(_) = stopping.wait_for(|stop| *stop), if !stop_asked => {
                    stop_asked = true;
                    conn.as_mut().graceful_shutdown();
                }
                () = activity.stalled(idle_timeout) => {
                    metrics::counter!("http_connections_closed_total", "reason" => "idle").increment(1);
                    // Dropping the connection closes it.
                    return;
                }
            }
        }
    }
}

/// When bytes last moved on a connection, and whether a handler is working on one of
/// its requests.
#[derive(Debug)]
struct Activity {
    since: Instant,
    /// Milliseconds from `since` to the last byte moved.
    last: AtomicU64,
    /// Requests whose handler has not answered yet.
    working: AtomicUsize,
}

impl Activity {
    fn new() -> Self {
        Activity {
            since: Instant::now(),
            last: AtomicU64::new(0),
            working: AtomicUsize::new(0),
        }
    }

    fn touch(&self) {
        let millis = u64::try_from(self.since.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(millis, Ordering::Relaxed);
    }

    /// Completes once no byte has moved for `idle` while no handler was working.
    async fn stalled(&self, idle: Duration) {
        loop {
            let last = self.last.load(Ordering::Relaxed);
            tokio::time::sleep_until(self.since + Duration::from_millis(last) + idle).await;
            if self.last.load(Ordering::Relaxed) == last
                && self.working.load(Ordering::Relaxed) == 0
            {
                return;
            }
            if self.working.load(Ordering::Relaxed) > 0 {
                // The handler's own timeout bounds it; the idle time counts from its end.
                self.touch();
            }
        }
    }
}

/// A request a handler is working on; dropped when it answers (or is cancelled).
struct Working(Arc<Activity>);

impl Working {
    fn start(activity: Arc<Activity>) -> Self {
        activity.working.fetch_add(1, Ordering::Relaxed);
        Working(activity)
    }
}

impl Drop for Working {
    fn drop(&mut self) {
        self.0.working.fetch_sub(1, Ordering::Relaxed);
        self.0.touch();
    }
}

/// An accepted connection holding its place under the cap (until closed, upgraded to
/// a WebSocket or not) and noting when bytes move.
struct Watched {
    io: FirstByte,
    activity: Arc<Activity>,
    _slot: OwnedSemaphorePermit,
}

impl Watched {
    fn new(io: FirstByte, slot: OwnedSemaphorePermit) -> Self {
        metrics::gauge!("http_connections_open").increment(1);
        Watched {
            io,
            activity: Arc::new(Activity::new()),
            _slot: slot,
        }
    }

    fn moved<T>(&self, poll: &Poll<io::Result<T>>) {
        if matches!(poll, Poll::Ready(Ok(_))) {
            self.activity.touch();
        }
    }
}

impl Drop for Watched {
    fn drop(&mut self) {
        metrics::gauge!("http_connections_open").decrement(1);
    }
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.io).poll_read(cx, buf);
        self.moved(&poll);
        poll
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.io).poll_write(cx, buf);
        self.moved(&poll);
        poll
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.io).poll_write_vectored(cx, bufs);
        self.moved(&poll);
        poll
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_cap_keeps_descriptors_for_the_rest() {
        assert_eq!(default_max_connections(Some(1024)), 922);
        assert_eq!(default_max_connections(Some(256)), 192);
        assert_eq!(default_max_connections(Some(65_536)), 58_983);
        assert_eq!(default_max_connections(Some(10)), 1);
        assert_eq!(default_max_connections(None), 65_536);
    }
}
