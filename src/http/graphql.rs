//! GraphQL over HTTP: POST and GET on `/graphql`, and GraphiQL for browsers.
//!
//! GET only reads, and an anonymous GET answer is cacheable: it carries a strong
//! `ETag` and `Cache-Control`, and a matching `If-None-Match` gets 304.

use std::net::SocketAddr;

use async_graphql::http::GraphiQLSource;
use async_graphql_axum::{GraphQLProtocol, GraphQLRequest, GraphQLResponse, GraphQLWebSocket};
use axum::{
    body::Body,
    extract::{ConnectInfo, RawQuery, State, WebSocketUpgrade},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{Html, IntoResponse, Response},
};
use sha2::{Digest, Sha256};

use crate::{
    auth::viewer,
    error::AppError,
    graphql::{context::RequestContext, limits::ReadOnly},
    http::graphql_request::{GraphQlPost, Refused},
    state::AppState,
};

/// What the GraphiQL page needs: its inline start-up script, GraphiQL and React
/// from unpkg.com, and requests to this service; and it may not be framed.
const GRAPHIQL_CSP: &str = "default-src 'none'; script-src 'unsafe-inline' https://unpkg.com; style-src 'unsafe-inline' https://unpkg.com; img-src data: https://graphql.org https://unpkg.com; font-src data: https://unpkg.com; worker-src blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// How long shared caches may keep an anonymous GET answer.
const CACHE_CONTROL: &str = "public, max-age=30, stale-while-revalidate=60";

/// Runs a GraphQL request sent as JSON.
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    GraphQlPost(request): GraphQlPost,
) -> GraphQLResponse {
    match prepare(&state, &headers, client, request) {
        Ok(request) => state.schema.execute(request).await.into(),
        Err(refused) => refusal(refused).into(),
    }
}

/// Serves GraphiQL to a browser that asks for a page, and runs `?query=` otherwise.
pub async fn get(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    request: GraphQLRequest<Refused>,
) -> Response {
    if query.is_none() && wants_html(&headers) {
        let page = Html(
            GraphiQLSource::build()
                .endpoint("/graphql")
                .subscription_endpoint("/graphql/ws")
                .title("polisia-api GraphiQL")
                .finish(),
        );
        return (
            [(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(GRAPHIQL_CSP),
            )],
            page,
        )
            .into_response();
    }
    let response = match prepare(&state, &headers, client, request.into_inner()) {
        Ok(request) => state.schema.execute(request.data(ReadOnly)).await,
        Err(refused) => refusal(refused),
    };
    let cacheable = response.is_ok() && !headers.contains_key(header::AUTHORIZATION);
    if !cacheable {
        return GraphQLResponse::from(response).into_response();
    }
    let body = match serde_json::to_vec(&response) {
        Ok(body) => body,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let etag = format!("\"{:x}\"", Sha256::digest(&body));
    let mut builder = Response::builder()
        .header(header::ETAG, &etag)
        .header(header::CACHE_CONTROL, CACHE_CONTROL)
        .header(header::VARY, "Accept-Language, Authorization");
    let not_modified = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let response = if not_modified {
        builder.status(StatusCode::NOT_MODIFIED).body(Body::empty())
    } else {
        builder = builder.header(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        builder.status(StatusCode::OK).body(Body::from(body))
    };
    response.unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// Attaches what resolvers need to know about this request. A bad access token
/// refuses the whole request, with the same message whatever was wrong with it.
fn prepare(
    state: &AppState,
    headers: &HeaderMap,
    client: SocketAddr,
    request: async_graphql::Request,
) -> Result<async_graphql::Request, AppError> {
    // A header that is not text cannot be a token: let verification refuse it.
    let authorization = headers
        .get(header::AUTHORIZATION)
        .map(|v| v.to_str().unwrap_or("\u{0}"));
    let viewer = viewer::from_authorization(authorization, &state.keys)?;
    if let Some(field) = crate::http::nul::in_graphql(&request) {
        return Err(AppError::bad_input(
            field,
            "must not contain NUL characters",
        ));
    }
    let context = RequestContext::new(headers, viewer, client.ip());
    let loaders = context.loaders(state.conn().clone());
    Ok(request.data(context).data(loaders))
}

/// A GraphQL answer that refuses the whole request.
fn refusal(err: AppError) -> async_graphql::Response {
    let error: async_graphql::Error = err.into();
    async_graphql::Response::from_errors(vec![error.into_server_error(Default::default())])
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// GraphQL subscriptions over WebSocket (`graphql-transport-ws`, or the older
/// `graphql-ws`). The `connection_init` payload may carry `Authorization`.
pub async fn websocket(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    protocol: GraphQLProtocol,
    upgrade: WebSocketUpgrade,
) -> Response {
    upgrade
        .protocols(async_graphql::http::ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| {
            let schema = state.schema.clone();
            GraphQLWebSocket::new(socket, schema, protocol)
                .on_connection_init(move |payload| async move {
                    let authorization = payload
                        .get("Authorization")
                        .or_else(|| payload.get("authorization"))
                        .and_then(|v| v.as_str())
                        .map(str::to_owned);
                    let viewer = viewer::from_authorization(authorization.as_deref(), &state.keys)
                        .map_err(|_| async_graphql::Error::new("authentication required"))?;
                    let context = RequestContext::new(&headers, viewer, client.ip());
                    let mut data = async_graphql::Data::default();
                    data.insert(context.loaders(state.conn().clone()));
                    data.insert(context);
                    Ok(data)
                })
                .serve()
        })
}
