//! GraphQL over WebSocket (`graphql-transport-ws`, or the older `graphql-ws`): every
//! operation on a socket, and every event of a subscription, runs in a context of its
//! own, and the socket closes when the credentials it was opened with lapse.
//!
//! A request's context ([`RequestContext`], and the batch loader made from it) is made
//! once, at its start. A socket stays open for hours: a context made at
//! `connection_init` would judge every later event by that moment (an article
//! scheduled since has not come out yet), answer from a cache of rows read long ago,
//! and keep the role of an account demoted meanwhile. async-graphql resolves each
//! event of a subscription inside the `execute` hook of the schema's extensions, and
//! what an extension passes on there (`NextExecute::run_with_data`) is read before the
//! connection's data. So [`OnSocket`] makes the context per event, and every object
//! type resolves the same way over HTTP and over a socket; events carrying a context of
//! their own would have needed a second way to resolve each type a subscription reaches.
//!
//! A socket reads from the primary, never from the read replica: an event is relayed
//! once the primary has its change, which a replica may not have yet, and a demotion
//! must count from the moment it commits.

use std::{
    collections::HashSet,
    future,
    net::IpAddr,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use async_graphql::{
    Data, Request, Response, ServerResult,
    extensions::{
        Extension, ExtensionContext, ExtensionFactory, NextExecute, NextPrepareRequest, NextRequest,
    },
};
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::{
    extract::ws::{CloseFrame, Message, WebSocket},
    http::HeaderMap,
};
use chrono::{DateTime, Utc};
use futures_util::{StreamExt, sink, stream};
use tokio::sync::{broadcast, mpsc, oneshot, watch};

use super::{ApiSchema, context::RequestContext, rules::Rules};
use crate::{
    auth::{
        standing::{Lapse, Standing},
        viewer::Viewer,
    },
    error::{AppError, AppResult, ErrorCode},
    http::viewer,
    state::AppState,
    store::changes::Change,
};

/// The protocol's close code for a connection refused on its credentials, at
/// `connection_init` or later. The reference client connects again after it (with
/// the token it fetches then), whereas 4401 means a subscribe sent before the
/// acknowledgement and makes it give up.
pub const FORBIDDEN: u16 = 4403;

/// What async-graphql closes with when `connection_init` is refused.
const PROTOCOL_ERROR: u16 = 1002;

/// The protocol's close code for a socket that sent no `connection_init` in time.
pub const INIT_TIMEOUT: u16 = 4408;

/// The close code for a peer that answered no ping: it has gone away, as far as the
/// service can tell.
pub const UNANSWERED: u16 = 1001;

/// Messages waiting to be written before the operations wait for the peer to read.
const OUT_QUEUE: usize = 16;

/// How long the last messages and the close may take to go out.
const CLOSE_WAIT: Duration = Duration::from_secs(1);

/// How serving a socket ended.
enum Ending {
    /// Either side closed it, as the protocol goes.
    Served,
    /// The peer cannot be written to any more.
    Gone,
    Lapsed(Lapse),
    Uninitialised,
    Unanswered,
}

/// A socket being served: what it was opened with, shared with its operations.
#[derive(Clone)]
pub struct Socket(Arc<Inner>);

struct Inner {
    state: AppState,
    headers: HeaderMap,
    client: IpAddr,
    /// Set when `connection_init` was refused.
    refused: AtomicBool,
    /// Set when `connection_init` came.
    initialised: AtomicBool,
    /// Set by an operation that found the standing lapsed.
    lapsed: watch::Sender<Option<Lapse>>,
}

/// What `connection_init` hands to the watch of a signed-in socket's standing: the
/// standing, and the changes from before the account was read.
type Opened = (Standing, broadcast::Receiver<Arc<Change>>);

impl Socket {
    /// A socket upgraded from a request with `headers` from `client`.
    pub fn new(state: AppState, headers: HeaderMap, client: IpAddr) -> Socket {
        Socket(Arc::new(Inner {
            state,
            headers,
            client,
            refused: AtomicBool::new(false),
            initialised: AtomicBool::new(false),
            lapsed: watch::Sender::new(None),
        }))
    }

    /// Serves GraphQL on `socket` until either side closes it, or until its standing
    /// lapses: then it closes with [`FORBIDDEN`]. A socket that sends no
    /// `connection_init` in time closes with [`INIT_TIMEOUT`], and one whose peer
    /// answers no ping with [`UNANSWERED`]; an operation past the cap is refused with
    /// an `error` message (see [`Operations`]).
    pub async fn serve(self, socket: WebSocket, schema: ApiSchema, protocol: GraphQLProtocol) {
        let limits = self.0.state.config.connections.ws;
        let (sink, stream) = socket.split();
        // Everything written goes through one queue: the operations, the refusals,
        // the pings and the final close share the socket.
        let (out, queued) = mpsc::channel::<Message>(OUT_QUEUE);
        let queued = stream::unfold(queued, |mut queued| async move {
            queued.recv().await.map(|message| (Ok(message), queued))
        });
        let mut writer = std::pin::pin!(queued.forward(sink));
        let heard = Arc::new(AtomicBool::new(true));
        let operations = Arc::new(Operations::new(limits.max_subscriptions));
        let (opened, on_open) = oneshot::channel();
        let ending = {
            let outgoing = (self.clone(), Arc::clone(&operations));
            let sink = sink::unfold(out.clone(), move |out, message: Message| {
                operations_seen(&outgoing.1, &message);
                let message = outgoing.0.outgoing(message);
                async move { out.send(message).await.map(|()| out) }
            });
            let incoming = {
                let (heard, operations, out) = (Arc::clone(&heard), operations, out.clone());
                stream.filter_map(move |message| {
                    heard.store(true, Ordering::Relaxed);
                    let refusal = match &message {
                        Ok(Message::Text(text)) => operations.admit(text),
                        _ => None,
                    };
                    let out = out.clone();
                    async move {
                        match refusal {
                            None => Some(message),
                            Some(refusal) => {
                                metrics::counter!("ws_operations_refused_total").increment(1);
                                let _ = out.send(Message::text(refusal)).await;
                                None
                            }
                        }
                    }
                })
            };
            let init = self.clone();
            let graphql = GraphQLWebSocket::new_with_pair(sink, incoming, schema, protocol)
                .on_connection_init(move |payload| init.open(payload, opened))
                .serve();
            tokio::select! {
                biased;
                lapse = self.lapses(on_open) => Ending::Lapsed(lapse),
                () = self.uninitialised(limits.init_timeout) => Ending::Uninitialised,
                () = keep_alive(out.clone(), heard, every(limits.ping_interval)) => Ending::Unanswered,
                () = graphql => Ending::Served,
                _ = &mut writer => Ending::Gone,
            }
        };
        let close = match ending {
            Ending::Served => None,
            Ending::Gone => return,
            Ending::Lapsed(lapse) => Some((FORBIDDEN, reason(lapse))),
            Ending::Uninitialised => {
                metrics::counter!("ws_sockets_closed_total", "reason" => "init_timeout")
                    .increment(1);
                Some((INIT_TIMEOUT, "Connection initialisation timeout"))
            }
            Ending::Unanswered => {
                metrics::counter!("ws_sockets_closed_total", "reason" => "unanswered_ping")
                    .increment(1);
                Some((UNANSWERED, "No answer to ping"))
            }
        };
        if let Some((code, reason)) = close {
            let frame = CloseFrame {
                code,
                reason: reason.into(),
            };
            // The client may have gone already.
            let _ = out.try_send(Message::Close(Some(frame)));
        }
        drop(out);
        // What is queued goes out, unless the peer does not read it.
        let _ = tokio::time::timeout(CLOSE_WAIT, writer).await;
    }

    /// Completes when `connection_init` has not come within `wait` by the service's
    /// clock.
    async fn uninitialised(&self, wait: Duration) {
        let clock = &self.0.state.clock;
        let wait = chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::MAX);
        clock.sleep_until(clock.now() + wait).await;
        if self.0.initialised.load(Ordering::SeqCst) {
            future::pending::<()>().await;
        }
    }

    /// Answers `connection_init`: the socket's standing and the socket itself become
    /// the connection's data, read by [`OnSocket`].
    async fn open(
        self,
        payload: serde_json::Value,
        opened: oneshot::Sender<Opened>,
    ) -> async_graphql::Result<Data> {
        self.0.initialised.store(true, Ordering::SeqCst);
        let changes = self.0.state.bus.subscribe();
        let standing = match self.admit(&payload).await {
            Ok(standing) => standing,
            Err(err) => {
                self.0.refused.store(true, Ordering::SeqCst);
                return Err(err.into());
            }
        };
        // An anonymous socket has nothing to watch: dropping the sender says so.
        if standing.viewer().is_signed_in() {
            let _ = opened.send((standing, changes));
        }
        let mut data = Data::default();
        data.insert(standing);
        data.insert(self);
        Ok(data)
    }

    /// The standing of a socket whose `connection_init` carries `payload`. A bad
    /// token is refused as on a request, and so is a token the account no longer
    /// backs (disabled, or demoted since it was issued): a client sent away when its
    /// standing lapsed does not come back with the same token.
    async fn admit(&self, payload: &serde_json::Value) -> AppResult<Standing> {
        let state = &self.0.state;
        let now = state.clock.now();
        let standing = match viewer::token_from_connection_init(payload, &state.keys, now)? {
            Some(token) => Standing::of(&token),
            None => Standing::anonymous(),
        };
        match standing.judge(state.conn(), now).await? {
            None => Ok(standing),
            Some(lapse) => Err(lapse.into()),
        }
    }

    /// Completes when the socket's standing lapses, as its watch or an operation
    /// finds; never for an anonymous socket.
    async fn lapses(&self, on_open: oneshot::Receiver<Opened>) -> Lapse {
        let state = &self.0.state;
        let watched = async {
            match on_open.await {
                Ok((standing, changes)) => {
                    standing.lapses(state.conn(), &state.clock, changes).await
                }
                // Anonymous, or never opened.
                Err(_) => future::pending().await,
            }
        };
        let mut found = self.0.lapsed.subscribe();
        let reported = async {
            match found.wait_for(Option::is_some).await {
                Ok(lapse) => *lapse,
                // The sender lives as long as `self`.
                Err(_) => None,
            }
        };
        tokio::select! {
            lapse = watched => lapse,
            Some(lapse) = reported => lapse,
        }
    }

    /// What goes out on the socket: the close after a refused `connection_init`
    /// carries [`FORBIDDEN`], as the protocol asks, where async-graphql closes every
    /// failed `connection_init` with 1002.
    fn outgoing(&self, message: Message) -> Message {
        match message {
            Message::Close(Some(frame))
                if frame.code == PROTOCOL_ERROR && self.0.refused.load(Ordering::SeqCst) =>
            {
                Message::Close(Some(CloseFrame {
                    code: FORBIDDEN,
                    reason: frame.reason,
                }))
            }
            other => other,
        }
    }

    /// The data one operation runs with: the context at `now` for `viewer`, a batch
    /// loader of its own, whose cache starts empty, and the primary to read from.
    fn context(&self, viewer: Viewer, now: DateTime<Utc>) -> Data {
        let db = self.0.state.conn().clone();
        let context = RequestContext::new(&self.0.headers, viewer, self.0.client, now);
        let mut data = Data::default();
        data.insert(context.loaders(db.clone(), self.0.state.regions.clone()));
        data.insert(context);
        data.insert(db);
        data
    }
}

/// Pings the peer at every tick; completes when a ping went unanswered (nothing at
/// all came from the peer since it was sent). Pends once the socket is closing.
async fn keep_alive(
    out: mpsc::Sender<Message>,
    heard: Arc<AtomicBool>,
    mut ticks: impl futures_util::Stream<Item = ()> + Unpin,
) {
    while ticks.next().await.is_some() {
        if !heard.swap(false, Ordering::Relaxed) {
            return;
        }
        if out.send(Message::Ping(Default::default())).await.is_err() {
            break;
        }
    }
    future::pending().await
}

/// A tick every `every`, the first after `every`.
fn every(every: Duration) -> impl futures_util::Stream<Item = ()> + Unpin {
    let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    Box::pin(stream::unfold(ticks, |mut ticks| async move {
        ticks.tick().await;
        Some(((), ticks))
    }))
}

/// The operations running on one socket, capped: a client may not make a socket
/// hold hundreds of subscriptions. async-graphql runs whatever it is sent, so the
/// cap is kept on the messages going each way: an operation starts with the
/// client's `subscribe` (`start` in `graphql-ws`) and ends with a `complete` (`stop`)
/// either way or an `error` from the service.
pub struct Operations {
    max: usize,
    running: Mutex<HashSet<String>>,
}

/// The fields of a protocol message the cap reads.
#[derive(serde::Deserialize)]
struct Envelope {
    #[serde(rename = "type")]
    kind: String,
    id: Option<String>,
}

impl Operations {
    fn new(max: usize) -> Self {
        Operations {
            max,
            running: Mutex::default(),
        }
    }

    /// Notes a message from the client; the `error` message that refuses it when it
    /// starts an operation past the cap.
    fn admit(&self, text: &str) -> Option<String> {
        let envelope: Envelope = serde_json::from_str(text).ok()?;
        let id = envelope.id?;
        let mut running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        match envelope.kind.as_str() {
            kind @ ("subscribe" | "start") => {
                if running.len() >= self.max && !running.contains(&id) {
                    return Some(too_many(kind, &id, self.max));
                }
                running.insert(id);
            }
            "complete" | "stop" => {
                running.remove(&id);
            }
            _ => {}
        }
        None
    }

    /// Notes a message from the service that ends an operation.
    fn ended(&self, text: &str) {
        let Ok(Envelope { kind, id: Some(id) }) = serde_json::from_str(text) else {
            return;
        };
        if kind == "complete" || kind == "error" {
            self.running
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&id);
        }
    }
}

fn operations_seen(operations: &Operations, message: &Message) {
    if let Message::Text(text) = message {
        operations.ended(text);
    }
}

/// The `error` message for the operation `id` over the cap of `max`, in the shape of
/// the protocol that started it with `kind`.
fn too_many(kind: &str, id: &str, max: usize) -> String {
    let error = serde_json::json!({
        "message": format!("Too many operations on this socket: at most {max} at once"),
        "extensions": { "code": ErrorCode::RateLimited.as_str() },
    });
    // `graphql-transport-ws` sends a list of errors, `graphql-ws` one.
    let payload = if kind == "subscribe" {
        serde_json::json!([error])
    } else {
        error
    };
    serde_json::json!({ "type": "error", "id": id, "payload": payload }).to_string()
}

/// The close frame's reason for a lapse.
fn reason(lapse: Lapse) -> &'static str {
    match lapse {
        Lapse::Expired => "Forbidden: the access token expired",
        Lapse::Disabled => "Forbidden: the account was disabled",
        Lapse::Demoted => "Forbidden: the account's role changed",
    }
}

/// The socket schema's one extension. It applies the request [`Rules`] (which
/// HTTP applies around the engine, but a socket's operations reach the engine through
/// `async-graphql-axum`), and gives every operation on a socket, and every event of a
/// subscription, its own context, made when it runs: the time on the service's
/// clock, the viewer once their standing is judged to hold (the account read again
/// for a signed-in socket), and a new batch loader.
pub struct OnSocket(pub Rules);

impl ExtensionFactory for OnSocket {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(OnSocketExtension(self.0.clone()))
    }
}

struct OnSocketExtension(Rules);

#[async_graphql::async_trait::async_trait]
impl Extension for OnSocketExtension {
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        Rules::finish(next.run(ctx).await)
    }

    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        let viewer = ctx.data_opt::<Standing>().map(Standing::viewer);
        let request = self.0.admit(request, viewer).await?;
        next.run(ctx, request).await
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let (Some(socket), Some(standing)) = (ctx.data_opt::<Socket>(), ctx.data_opt::<Standing>())
        else {
            return next.run(ctx, operation_name).await;
        };
        let state = &socket.0.state;
        let now = state.clock.now();
        match standing.judge(state.conn(), now).await {
            Ok(None) => {
                let data = socket.context(standing.viewer(), now);
                next.run_with_data(ctx, operation_name, data).await
            }
            Ok(Some(lapse)) => {
                // Nothing more is answered on a lapsed standing: the socket closes at
                // once, and this operation with it.
                socket.0.lapsed.send_replace(Some(lapse));
                future::pending().await
            }
            Err(err) => refusal(err),
        }
    }
}

fn refusal(err: AppError) -> Response {
    let error: async_graphql::Error = err.into();
    Response::from_errors(vec![error.into_server_error(Default::default())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_peer_is_pinged_and_let_go_once_a_ping_goes_unanswered() {
        let (out, mut sent) = mpsc::channel(4);
        let (tick, ticks) = mpsc::channel::<()>(1);
        let ticks = Box::pin(stream::unfold(ticks, |mut ticks| async move {
            ticks.recv().await.map(|()| ((), ticks))
        }));
        let heard = Arc::new(AtomicBool::new(true));
        let pinging = tokio::spawn(keep_alive(out, Arc::clone(&heard), ticks));

        tick.send(()).await.unwrap();
        assert!(matches!(sent.recv().await, Some(Message::Ping(_))));
        // The peer answers the first ping.
        heard.store(true, Ordering::Relaxed);
        tick.send(()).await.unwrap();
        assert!(matches!(sent.recv().await, Some(Message::Ping(_))));
        assert!(!pinging.is_finished(), "an answering peer is kept");
        // Not the second.
        tick.send(()).await.unwrap();
        pinging.await.expect("a silent peer is let go");
        assert!(sent.try_recv().is_err(), "no more pings");
    }

    #[test]
    fn operations_past_the_cap_are_refused_until_one_ends() {
        let operations = Operations::new(2);
        let subscribe = |id: &str| format!(r#"{{"type":"subscribe","id":"{id}","payload":{{}}}}"#);
        assert!(operations.admit(&subscribe("1")).is_none());
        assert!(operations.admit(&subscribe("2")).is_none());
        let refusal: serde_json::Value =
            serde_json::from_str(&operations.admit(&subscribe("3")).unwrap()).unwrap();
        assert_eq!(refusal["type"], "error");
        assert_eq!(refusal["id"], "3");
        assert_eq!(refusal["payload"][0]["extensions"]["code"], "RATE_LIMITED");
        // Ended by the client, then by the service.
        assert!(
            operations
                .admit(r#"{"type":"complete","id":"1"}"#)
                .is_none()
        );
        assert!(operations.admit(&subscribe("3")).is_none());
        operations.ended(r#"{"type":"complete","id":"2"}"#);
        let start = r#"{"type":"start","id":"4","payload":{}}"#;
        assert!(operations.admit(start).is_none());
        let old: serde_json::Value =
            serde_json::from_str(&operations.admit(r#"{"type":"start","id":"5"}"#).unwrap())
                .unwrap();
        assert_eq!(
            old["payload"]["extensions"]["code"], "RATE_LIMITED",
            "graphql-ws: one error"
        );
    }
}
