//! Shutting down without dropping a request that has already reached us.
//!
//! On its own, axum stops accepting when told to shut down and hyper at once closes
//! every connection that has not sent a byte yet. Two kinds of request are lost that
//! way, and a client cannot tell either from a crash: connections the kernel has
//! completed but nobody has accepted (reset when the socket closes), and connections
//! just accepted whose request is still on its way. [`DrainingListener`] hands out
//! what the kernel has queued before it closes the socket, and [`Drain::run`] holds
//! the shutdown back until every accepted connection has sent its first byte (hyper
//! then finishes its request) or [`FIRST_BYTE_GRACE`] has passed.

use std::{
    io,
    net::SocketAddr,
    pin::Pin,
    sync::Arc,
    task::{Context, Poll},
    time::Duration,
};

use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    net::{TcpListener, TcpStream},
    sync::watch,
};

/// How long a connection accepted before the shutdown may take to start its request.
pub const FIRST_BYTE_GRACE: Duration = Duration::from_secs(1);

/// How long the listener may take to hand out the connections the kernel queued.
const CLOSE_WAIT: Duration = Duration::from_secs(1);

/// What the listener and the shutdown share.
#[derive(Debug)]
struct Shared {
    /// Set when the shutdown begins.
    stopping: watch::Sender<bool>,
    /// Set when the listening socket is closed.
    closed: watch::Sender<bool>,
    /// How many accepted connections have not sent a byte yet.
    silent: watch::Sender<usize>,
}

/// The shutdown side: see [`Drain::run`].
#[derive(Debug, Clone)]
pub struct Drain {
    shared: Arc<Shared>,
}

/// A TCP listener that stops accepting only once it has handed out every connection
/// the kernel completed before the shutdown.
#[derive(Debug)]
pub struct DrainingListener {
    listener: Option<TcpListener>,
    local_addr: SocketAddr,
    stopping: watch::Receiver<bool>,
    shared: Arc<Shared>,
}

/// Wraps `listener`; the [`Drain`] starts its shutdown.
pub fn listener(listener: TcpListener) -> io::Result<(DrainingListener, Drain)> {
    let local_addr = listener.local_addr()?;
    let shared = Arc::new(Shared {
        stopping: watch::Sender::new(false),
        closed: watch::Sender::new(false),
        silent: watch::Sender::new(0),
    });
    let listener = DrainingListener {
        listener: Some(listener),
        local_addr,
        stopping: shared.stopping.subscribe(),
        shared: Arc::clone(&shared),
    };
    Ok((listener, Drain { shared }))
}

impl Drain {
    /// Stops accepting and waits until the connections already accepted have each
    /// begun a request (or had [`FIRST_BYTE_GRACE`] to begin one): after this, a
    /// graceful shutdown of the connections loses no request that reached us.
    pub async fn run(self) {
        self.shared.stopping.send_replace(true);
        let mut closed = self.shared.closed.subscribe();
        let _ = tokio::time::timeout(CLOSE_WAIT, closed.wait_for(|closed| *closed)).await;
        let mut silent = self.shared.silent.subscribe();
        let _ = tokio::time::timeout(FIRST_BYTE_GRACE, silent.wait_for(|n| *n == 0)).await;
    }
}

impl DrainingListener {
    /// One connection the kernel has already completed, without waiting; `None` when
    /// there is none left.
    fn queued(listener: &TcpListener) -> Option<io::Result<(TcpStream, SocketAddr)>> {
        let (socket, addr) = match socket2::SockRef::from(listener).accept() {
            Ok(accepted) => accepted,
            Err(err) if err.kind() == io::ErrorKind::WouldBlock => return None,
            Err(err) => return Some(Err(err)),
        };
        let addr = addr
            .as_socket()
            .ok_or_else(|| io::Error::other("not an IP connection"));
        Some(addr.and_then(|addr| {
            socket.set_nonblocking(true)?;
            Ok((TcpStream::from_std(socket.into())?, addr))
        }))
    }

    fn wrap(&self, stream: TcpStream) -> FirstByte {
        self.shared.silent.send_modify(|n| *n += 1);
        FirstByte {
            stream,
            shared: Some(Arc::clone(&self.shared)),
        }
    }
}

impl axum::serve::Listener for DrainingListener {
    type Io = FirstByte;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let Some(listener) = &self.listener else {
                // Closed: axum stops calling once the shutdown completes.
                return std::future::pending().await;
            };
            if *self.stopping.borrow() {
                match Self::queued(listener) {
                    Some(Ok((stream, addr))) => return (self.wrap(stream), addr),
                    Some(Err(err)) if is_connection_error(&err) => continue,
                    Some(Err(err)) => tracing::warn!(error = %err, "accept while draining"),
                    None => {}
                }
                self.listener = None;
                self.shared.closed.send_replace(true);
                continue;
            }
            tokio::select! {
                biased;
                _ = self.stopping.changed() => {}
                accepted = listener.accept() => match accepted {
                    Ok((stream, addr)) => return (self.wrap(stream), addr),
                    Err(err) => on_accept_error(err).await,
                },
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        Ok(self.local_addr)
    }
}

fn is_connection_error(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// As axum does: a connection that died before it was accepted is nobody's concern;
/// anything else (out of file descriptors, say) is logged and retried a second later,
/// when connections may have closed.
async fn on_accept_error(err: io::Error) {
    if is_connection_error(&err) {
        return;
    }
    tracing::error!(error = %err, "accept failed");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

/// An accepted connection that reports its first byte read (or its end) once.
#[derive(Debug)]
pub struct FirstByte {
    stream: TcpStream,
    /// Present until the first byte or the end.
    shared: Option<Arc<Shared>>,
}

impl FirstByte {
    /// Sends small answers at once rather than waiting to fill a packet (Nagle).
    pub fn set_nodelay(&mut self) {
        if let Err(err) = self.stream.set_nodelay(true) {
            tracing::debug!(error = %err, "TCP_NODELAY not set");
        }
    }

    /// Writes what fits in the socket's send buffer now, without waiting.
    pub fn try_write(&self, buf: &[u8]) -> io::Result<usize> {
        self.stream.try_write(buf)
    }

    fn heard(&mut self) {
        if let Some(shared) = self.shared.take() {
            shared.silent.send_modify(|n| *n = n.saturating_sub(1));
        }
    }
}

impl Drop for FirstByte {
    fn drop(&mut self) {
        self.heard();
    }
}

impl AsyncRead for FirstByte {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.stream).poll_read(cx, buf);
        // Data, the end or an error: whichever, the connection is no longer silent.
        if poll.is_ready() {
            self.heard();
        }
        poll
    }
}

impl AsyncWrite for FirstByte {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use axum::serve::Listener;
    use tokio::time::timeout;

    use super::*;

    /// Connects `n` clients nobody has accepted yet: the kernel completes and queues them.
    async fn queue(addr: SocketAddr, n: usize) -> Vec<TcpStream> {
        let mut clients = Vec::new();
        for _ in 0..n {
            clients.push(TcpStream::connect(addr).await.unwrap());
        }
        clients
    }

    #[tokio::test]
    async fn connections_queued_before_the_shutdown_are_handed_out_then_the_socket_closes() {
        let socket = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = socket.local_addr().unwrap();
        let (mut listener, drain) = listener(socket).unwrap();
        let _clients = queue(addr, 3).await;

        let run = tokio::spawn(drain.run());
        // The current-thread runtime runs the shutdown up to its first wait.
        tokio::task::yield_now().await;
        let mut accepted = Vec::new();
        for _ in 0..3 {
            let (io, _) = timeout(Duration::from_secs(1), listener.accept())
                .await
                .expect("a queued connection after the shutdown began");
            accepted.push(io);
        }
        assert!(
            timeout(Duration::from_millis(100), listener.accept())
                .await
                .is_err(),
            "nothing more to accept"
        );
        assert!(
            TcpStream::connect(addr).await.is_err(),
            "the socket is closed"
        );

        // They have not said a word: the shutdown waits for them.
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(
            !run.is_finished(),
            "the shutdown waits for silent connections"
        );
        drop(accepted);
        timeout(Duration::from_millis(300), run)
            .await
            .expect("the shutdown goes on once no connection is silent")
            .unwrap();
    }

    #[tokio::test]
    async fn a_connection_that_has_spoken_does_not_hold_the_shutdown() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};

        let socket = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = socket.local_addr().unwrap();
        let (mut listener, drain) = listener(socket).unwrap();
        let mut clients = queue(addr, 1).await;
        let (mut io, _) = listener.accept().await;
        clients[0].write_all(b"G").await.unwrap();
        let mut byte = [0u8; 1];
        io.read_exact(&mut byte).await.unwrap();
        // As axum does, something always waits on the listener.
        tokio::spawn(async move {
            loop {
                listener.accept().await;
            }
        });

        timeout(Duration::from_millis(500), drain.run())
            .await
            .expect("nothing silent to wait for");
        drop(io);
    }
}
