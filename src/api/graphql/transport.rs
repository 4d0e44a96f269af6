//! GraphQL over HTTP: POST and GET on `/graphql`, and GraphiQL for browsers.
//!
//! Requests are read by [`graphql_request`] and answered by [`graphql_response`],
//! in the media type the client accepts. GET only reads (a mutation is 405), and an
//! anonymous GET answer is cacheable: it carries a strong `ETag` and
//! `Cache-Control`, and a matching `If-None-Match` gets 304.

use std::net::IpAddr;

use async_graphql_axum::GraphQLProtocol;
use axum::{
    Extension, Router,
    extract::{RawQuery, Request, State, WebSocketUpgrade},
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Response},
    routing::get as get_route,
};

use crate::{
    api::graphql::{
        Schemas, build_schema,
        cache_tags::{self, TagCollector},
        compiled,
        context::{RequestContext, SearchConnection},
        limits::{ReadOnly, Writes},
        persisted::{self, PersistedDocuments},
        preview::PrivateAnswer,
        rules::Rules,
    },
    domain::cache_tags::{CacheTag, TagSet},
    error::AppError,
    http::{
        body::BODY_LIMIT_BYTES,
        cache::{CachePolicy, Cached},
        client_addr::ClientAddr,
        graphql_request,
        graphql_response::{self, Media},
        micro_cache::Shareable,
        viewer,
    },
    state::AppState,
};

/// The GraphQL routes, with the schema built once for `state`.
pub fn router(state: &AppState) -> Router<AppState> {
    let persisted = PersistedDocuments::new(state.trusted_documents.clone());
    let schemas = build_schema(
        &state.config,
        state.conn().clone(),
        state.keys.clone(),
        state.api_keys.clone(),
        state.events.clone(),
        state.clock.clone(),
        &persisted,
        state.webhooks.clone(),
        state.media.clone(),
    );
    Router::new()
        .route("/graphql", get_route(get).post(post))
        .route("/graphql/ws", get_route(websocket))
        .layer(Extension(schemas))
}

/// Runs a GraphQL request sent as JSON.
pub async fn post(
    State(state): State<AppState>,
    Extension(schemas): Extension<Schemas>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let media = Media::negotiate(&headers);
    let request = match graphql_request::from_post(request, state.media.settings.max_bytes).await {
        Ok(request) => request,
        Err(problem) => return graphql_response::refusal(&problem, media),
    };
    let writes = Writes::default();
    let private = PrivateAnswer::default();
    let request = request.data(writes.clone()).data(private.clone());
    let response = match prepare(&state, &schemas.rules, &headers, client, request).await {
        Ok(mut prepared) => match compiled_read(&schemas.compiled, &mut prepared).await {
            Some(data) => {
                let mut response = graphql_response::data_text(data, media);
                if viewer::is_anonymous(&headers) {
                    response.extensions_mut().insert(Shareable);
                }
                return response;
            }
            None => Rules::finish(schemas.plain.execute(prepared.request).await),
        },
        Err(refused) => refused,
    };
    if writes.asked() {
        state.micro_cache.content_changed();
    }
    if private.asked() {
        return private_answer(graphql_response::answer(response, media));
    }
    let shareable = !writes.asked() && response.is_ok() && viewer::is_anonymous(&headers);
    let mut response = graphql_response::answer(response, media);
    if shareable {
        response.extensions_mut().insert(Shareable);
    }
    response
}

/// `response` marked for its holder alone: no cache, shared or private, keeps it
/// (it opened a preview link, whose token is the only right to see it).
fn private_answer(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

/// Serves GraphiQL to a browser that asks for a page, and runs `?query=` otherwise.
pub async fn get(
    State(state): State<AppState>,
    Extension(schemas): Extension<Schemas>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    if query.is_none() && wants_html(&headers) {
        return crate::api::graphiql::page();
    }
    let media = Media::negotiate(&headers);
    let request = match graphql_request::from_query_string(query.as_deref()) {
        Ok(request) => request,
        Err(problem) => return graphql_response::refusal(&problem, media),
    };
    // The query limits refuse a document that writes; this learns that they did.
    let writes = Writes::default();
    let private = PrivateAnswer::default();
    // Only an anonymous answer is shared, so only it is tagged.
    let tagging = viewer::is_anonymous(&headers).then(TagCollector::default);
    let mut request = request
        .data(ReadOnly)
        .data(writes.clone())
        .data(private.clone());
    if let Some(collector) = &tagging {
        request = request.data(collector.clone());
    }
    let response = match prepare(&state, &schemas.rules, &headers, client, request).await {
        Ok(prepared) if tagging.is_some() => {
            Rules::finish(schemas.tagged.execute(prepared.request).await)
        }
        Ok(prepared) => Rules::finish(schemas.plain.execute(prepared.request).await),
        Err(refused) => refused,
    };
    if private.asked() && !writes.asked() {
        return private_answer(graphql_response::answer(response, media));
    }
    if writes.asked() {
        let mut refused = graphql_response::refusal(&graphql_request::mutation_over_get(), media);
        refused
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, POST"));
        return refused;
    }
    if !(response.is_ok() && viewer::is_anonymous(&headers)) {
        return graphql_response::answer(response, media);
    }
    let tags = match &tagging {
        Some(collector) => tags_of(&state, collector, &response.data).await,
        None => TagSet::new().with(CacheTag::unnamed()),
    };
    // The same answer for every anonymous reader of the same type: an ETag, 304s
    // and shared caches.
    let mut answer = Cached::new(CachePolicy::List, graphql_response::answer(response, media))
        .vary_language(true)
        .tags(tags)
        .into_response();
    for varies in ["Accept", "Authorization"] {
        answer
            .headers_mut()
            .append(header::VARY, HeaderValue::from_static(varies));
    }
    answer
}

/// The cache tags of an anonymous GET's answer `data`.
async fn tags_of(
    state: &AppState,
    collector: &TagCollector,
    data: &async_graphql::Value,
) -> TagSet {
    let (mut tags, regions) = collector.finish(data);
    if regions.is_empty() {
        return tags;
    }
    match state.regions.all(state.read_conn()).await {
        Ok(all) => {
            tags.extend(cache_tags::region_tags(&regions, &all));
        }
        // Without the regions' codes the answer cannot name them: it goes with any change.
        Err(_) => {
            tags.insert(CacheTag::unnamed());
        }
    }
    tags
}

/// A request the rules admitted, ready for the engine, with what a compiled read of
/// it needs.
struct Prepared {
    request: async_graphql::Request,
    /// The pool of compiled reads on the database the request reads.
    trees: sea_orm::DatabaseConnection,
    reader: compiled::Reader,
}

/// The `data` of a query that compiles to one statement, read; `None` for any other
/// request, or when the read failed (the engine then answers, and reports what it
/// meets).
async fn compiled_read(
    statements: &compiled::Statements,
    prepared: &mut Prepared,
) -> Option<String> {
    let operation = prepared.request.operation_name.clone();
    let variables = prepared.request.variables.clone();
    let text = prepared.request.query.clone();
    let document = prepared.request.parsed_query().ok()?;
    let request = compiled::Request {
        text: &text,
        document,
        operation: operation.as_deref(),
        variables: &variables,
    };
    match compiled::read(&prepared.trees, statements, request, &prepared.reader).await {
        Ok(data) => data,
        Err(err) => {
            tracing::warn!(error = ?err, "a compiled read failed; the engine answers");
            None
        }
    }
}

/// Applies the request rules and attaches what resolvers need to know about this
/// request; or the answer that refuses it. A bad access token refuses the whole
/// request, with the same message whatever was wrong with it.
async fn prepare(
    state: &AppState,
    rules: &Rules,
    headers: &HeaderMap,
    client: IpAddr,
    request: async_graphql::Request,
) -> Result<Prepared, async_graphql::Response> {
    let now = state.clock.now();
    let viewer = viewer::from_headers(headers, &state.keys, now).map_err(refusal)?;
    if let Some(field) = crate::http::nul::in_graphql(&request) {
        return Err(refusal(AppError::bad_input(
            field,
            "must not contain NUL characters",
        )));
    }
    let mut request = rules
        .admit(request, Some(viewer))
        .await
        .map_err(|error| Rules::finish(async_graphql::Response::from_errors(vec![error])))?;
    // An anonymous query reads from the replica, when there is one; a signed-in
    // reader (who may have just written) and every mutation read the primary.
    let (db, search, trees) = if viewer.is_signed_in()
        || state.db.replica.is_none()
        || !persisted::runs_query(&mut request)
    {
        (state.conn(), &state.db.search, &state.db.trees)
    } else {
        (state.read_conn(), state.search_conn(), state.trees_conn())
    };
    let context = RequestContext::new(headers, viewer, client, now);
    let loaders = context.loaders(db.clone(), state.regions.clone());
    let reader = compiled::Reader {
        lang: context.lang,
        scope: context.scope,
        comments: context.comments,
        api_base: state.config.public_base_url.clone(),
        files: state.file_urls(),
    };
    Ok(Prepared {
        request: request
            .data(context)
            .data(loaders)
            .data(db.clone())
            .data(SearchConnection(search.clone())),
        trees: trees.clone(),
        reader,
    })
}

/// A GraphQL answer that refuses the whole request.
fn refusal(err: AppError) -> async_graphql::Response {
    async_graphql::Response::from_errors(vec![err.into_server_error()])
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// When a client refused a socket for having too many may try again: sockets last
/// long, so no sooner than this.
const SOCKET_RETRY_AFTER_SECS: u64 = 30;

/// The read buffer of a socket: GraphQL messages are small.
const SOCKET_READ_BUFFER: usize = 4 * 1024;

/// GraphQL subscriptions over WebSocket (`graphql-transport-ws`, or the older
/// `graphql-ws`). The `connection_init` payload may carry `Authorization`; each event
/// runs in a context of its own, and the socket closes with 4403 when its token
/// expires or its account is disabled or demoted (see [`socket`](super::socket)).
pub async fn websocket(
    State(state): State<AppState>,
    Extension(schemas): Extension<Schemas>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    protocol: GraphQLProtocol,
    upgrade: WebSocketUpgrade,
) -> Response {
    // Refused before the upgrade: a client over its share learns why, in HTTP.
    let slot = match state.sockets.take(client) {
        Ok(slot) => slot,
        Err(_) => {
            return AppError::RateLimited {
                retry_after_secs: SOCKET_RETRY_AFTER_SECS,
            }
            .into_response();
        }
    };
    let socket = super::socket::Socket::new(state, headers, client);
    upgrade
        .protocols(async_graphql::http::ALL_WEBSOCKET_PROTOCOLS)
        // Thousands of sockets mostly wait: tungstenite's default 128 KiB read buffer
        // each made 3,000 idle sockets cost hundreds of megabytes. A message is
        // capped as a request body is.
        .read_buffer_size(SOCKET_READ_BUFFER)
        .write_buffer_size(0)
        .max_message_size(BODY_LIMIT_BYTES)
        .max_frame_size(BODY_LIMIT_BYTES)
        .on_upgrade(move |upgraded| async move {
            socket.serve(upgraded, schemas.socket, protocol).await;
            drop(slot);
        })
}
