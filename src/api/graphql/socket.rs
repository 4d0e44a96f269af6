//! GraphQL over WebSocket (`graphql-transport-ws`, or the older `graphql-ws`): every
//! operation on a socket, and every event of a subscription, runs in a context of its
//! own.
//!
//! A request's context ([`RequestContext`], and the batch loader made from it) is made
//! once, at its start. A socket stays open for hours: a context made at
//! `connection_init` would judge every later event by that moment (an article
//! scheduled since has not come out yet) and answer from a cache of rows read long
//! ago. async-graphql resolves each event of a subscription inside the `execute` hook
//! of the schema's extensions, and what an extension passes on there
//! (`NextExecute::run_with_data`) is read before the connection's data. So
//! [`FreshContext`] makes the context per event, and every object type resolves the
//! same way over HTTP and over a socket; events carrying a context of their own would
//! have needed a second way to resolve each type a subscription reaches.

use std::{net::IpAddr, sync::Arc};

use async_graphql::{
    Data, Response,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextExecute},
};
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::{extract::ws::WebSocket, http::HeaderMap};
use chrono::{DateTime, Utc};

use super::{ApiSchema, context::RequestContext};
use crate::{auth::viewer::Viewer, http::viewer, state::AppState};

/// A socket being served: what it was opened with, shared with its operations.
#[derive(Clone)]
pub struct Socket(Arc<Inner>);

struct Inner {
    state: AppState,
    headers: HeaderMap,
    client: IpAddr,
}

impl Socket {
    /// A socket upgraded from a request with `headers` from `client`.
    pub fn new(state: AppState, headers: HeaderMap, client: IpAddr) -> Socket {
        Socket(Arc::new(Inner {
            state,
            headers,
            client,
        }))
    }

    /// Serves GraphQL on `socket` until either side closes it.
    pub async fn serve(self, socket: WebSocket, schema: ApiSchema, protocol: GraphQLProtocol) {
        let init = self.clone();
        GraphQLWebSocket::new(socket, schema, protocol)
            .on_connection_init(move |payload| init.open(payload))
            .serve()
            .await;
    }

    /// Answers `connection_init`: the viewer its token names and the socket itself
    /// become the connection's data, read by [`FreshContext`].
    async fn open(self, payload: serde_json::Value) -> async_graphql::Result<Data> {
        let state = &self.0.state;
        let viewer = viewer::from_connection_init(&payload, &state.keys, state.clock.now())
            .map_err(|_| async_graphql::Error::new("authentication required"))?;
        let mut data = Data::default();
        data.insert(viewer);
        data.insert(self);
        Ok(data)
    }

    /// The data one operation runs with: the context at `now` for `viewer`, and a
    /// batch loader of its own, whose cache starts empty.
    fn context(&self, viewer: Viewer, now: DateTime<Utc>) -> Data {
        let context = RequestContext::new(&self.0.headers, viewer, self.0.client, now);
        let mut data = Data::default();
        data.insert(context.loaders(self.0.state.conn().clone()));
        data.insert(context);
        data
    }
}

/// Gives every operation on a socket, and every event of a subscription, its own
/// context, made when it runs: the time on the service's clock, and a new batch
/// loader. Requests over HTTP bring their context and pass through.
pub struct FreshContext;

impl ExtensionFactory for FreshContext {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(FreshContext)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for FreshContext {
    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let (Some(socket), Some(viewer)) = (ctx.data_opt::<Socket>(), ctx.data_opt::<Viewer>())
        else {
            return next.run(ctx, operation_name).await;
        };
        let data = socket.context(*viewer, socket.0.state.clock.now());
        next.run_with_data(ctx, operation_name, data).await
    }
}
