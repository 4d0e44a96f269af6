//! GraphQL over HTTP and over the WebSocket, and reading its answers.

use std::net::SocketAddr;

use serde_json::{Value, json};

use super::{Account, RestResponse, TestApp};

impl TestApp {
    /// Posts a GraphQL operation and returns the whole JSON response.
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        self.graphql_with(query, variables, &[]).await
    }

    /// Posts a GraphQL operation with extra headers.
    pub async fn graphql_with(
        &self,
        query: &str,
        variables: Value,
        headers: &[(&str, &str)],
    ) -> Value {
        let mut request = self
            .client
            .post(self.url("/graphql"))
            .json(&json!({ "query": query, "variables": variables }));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("the request is answered");
        assert!(
            response.status().is_success(),
            "GraphQL answered {}",
            response.status()
        );
        response.json().await.expect("a JSON body")
    }

    /// Sends `method` to `/graphql` followed by `query_string` (`""` or `?...`) with
    /// exactly `headers` and `body` (no `Content-Type` or `Accept` unless given), and
    /// reads the whole answer, whatever its status.
    pub async fn graphql_http(
        &self,
        method: reqwest::Method,
        query_string: &str,
        headers: &[(&str, &str)],
        body: impl Into<reqwest::Body>,
    ) -> RestResponse {
        let mut request = self
            .client
            .request(method, self.url(&format!("/graphql{query_string}")))
            .body(body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        RestResponse::read(request.send().await.expect("the request is answered")).await
    }

    /// Posts a GraphQL operation as `account`.
    pub async fn graphql_as(&self, account: &Account, query: &str, variables: Value) -> Value {
        self.graphql_with(query, variables, &[("authorization", &account.bearer())])
            .await
    }
}

/// The `data` of a response that must have no errors.
pub fn data(response: &Value) -> &Value {
    assert!(
        response.get("errors").is_none(),
        "unexpected errors: {response:#}"
    );
    &response["data"]
}

/// The `extensions.code` of the first error.
pub fn error_code(response: &Value) -> &str {
    response["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no error code in {response:#}"))
}

/// A GraphQL subscription over the service's WebSocket (`graphql-transport-ws`).
pub struct Subscription {
    socket: Socket,
}

impl Subscription {
    /// Opens the socket and subscribes to `query`; returns once the service has
    /// taken the subscription.
    pub async fn open(app: &TestApp, query: &str, variables: Value) -> Subscription {
        Self::open_at(app.addr, query, variables).await
    }

    /// [`Subscription::open`] on the service at `addr`.
    pub async fn open_at(addr: SocketAddr, query: &str, variables: Value) -> Subscription {
        Self::connect(addr, json!({}), query, variables).await
    }

    /// [`Subscription::open`] signed in as `account`: its access token in the
    /// `connection_init` payload.
    pub async fn open_as(
        app: &TestApp,
        account: &Account,
        query: &str,
        variables: Value,
    ) -> Subscription {
        let payload = json!({ "Authorization": account.bearer() });
        Self::connect(app.addr, payload, query, variables).await
    }

    /// The code the service closes a socket with when it refuses a `connection_init`
    /// that presents `authorization`.
    pub async fn refused(app: &TestApp, authorization: &str) -> u16 {
        let socket = handshake(app.addr, json!({ "Authorization": authorization })).await;
        // The answer to `connection_init` is the close itself.
        Subscription { socket }
            .closed_within(std::time::Duration::from_secs(5))
            .await
            .expect("the service refuses the connection")
    }

    async fn connect(addr: SocketAddr, payload: Value, query: &str, variables: Value) -> Self {
        use futures_util::{SinkExt, StreamExt};
        use tokio_tungstenite::tungstenite::Message;

        let mut socket = handshake(addr, payload).await;
        let ack = socket.next().await.unwrap().unwrap();
        assert!(ack.to_text().unwrap().contains("connection_ack"), "{ack}");
        let subscribe = json!({ "id": "1", "type": "subscribe",
            "payload": { "query": query, "variables": variables } });
        socket
            .send(Message::text(subscribe.to_string()))
            .await
            .unwrap();
        // The subscription starts listening once the service has read it.
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        Subscription { socket }
    }

    /// The next event's `data`, if one comes within `wait`.
    pub async fn next_within(&mut self, wait: std::time::Duration) -> Option<Value> {
        use futures_util::StreamExt;

        let message = tokio::time::timeout(wait, self.socket.next()).await.ok()?;
        let message = message.expect("the socket stays open").unwrap();
        let event: Value = serde_json::from_str(message.to_text().unwrap()).unwrap();
        assert_eq!(event["type"], "next", "{event}");
        Some(event["payload"]["data"].clone())
    }

    /// The next message of any type (`next`, `error`, `complete`), whole, if one
    /// comes within `wait`.
    pub async fn message_within(&mut self, wait: std::time::Duration) -> Option<Value> {
        use futures_util::StreamExt;

        let message = tokio::time::timeout(wait, self.socket.next()).await.ok()?;
        let message = message.expect("the socket stays open").unwrap();
        Some(serde_json::from_str(message.to_text().unwrap()).unwrap())
    }

    /// The code the service closes the socket with, if it does within `wait`. Any
    /// message before the close (an event, say) fails the test.
    pub async fn closed_within(&mut self, wait: std::time::Duration) -> Option<u16> {
        use futures_util::StreamExt;
        use tokio_tungstenite::tungstenite::Message;

        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let message = tokio::time::timeout_at(deadline, self.socket.next())
                .await
                .ok()?;
            match message {
                Some(Ok(Message::Close(frame))) => {
                    // 1005: a close frame without a code.
                    return Some(frame.map_or(1005, |frame| frame.code.into()));
                }
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
                Some(Ok(other)) => panic!("a message came before the close: {other}"),
                Some(Err(err)) => panic!("the socket failed before a close frame: {err}"),
                None => panic!("the socket ended without a close frame"),
            }
        }
    }
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A socket to the service at `addr` that has sent `connection_init` with `payload`.
async fn handshake(addr: SocketAddr, payload: Value) -> Socket {
    use futures_util::SinkExt;
    use tokio_tungstenite::tungstenite::{Message, client::IntoClientRequest};

    let mut request = format!("ws://{addr}/graphql/ws")
        .into_client_request()
        .unwrap();
    request.headers_mut().insert(
        "Sec-WebSocket-Protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    let (mut socket, _) = tokio_tungstenite::connect_async(request)
        .await
        .expect("the socket opens");
    let init = json!({ "type": "connection_init", "payload": payload });
    socket.send(Message::text(init.to_string())).await.unwrap();
    socket
}
