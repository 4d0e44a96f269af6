//! GraphQL over HTTP: POST and GET on `/graphql`, and GraphiQL for browsers.

use async_graphql::http::GraphiQLSource;
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::{
    extract::{RawQuery, State},
    http::{HeaderMap, header},
    response::{Html, IntoResponse, Response},
};

use crate::{graphql::context::RequestContext, state::AppState};

/// Runs a GraphQL request sent as JSON.
pub async fn post(
    State(state): State<AppState>,
    headers: HeaderMap,
    request: GraphQLRequest,
) -> GraphQLResponse {
    let request = request
        .into_inner()
        .data(RequestContext::from_headers(&headers));
    state.schema.execute(request).await.into()
}

/// Serves GraphiQL to a browser that asks for a page, and runs `?query=` otherwise.
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    request: GraphQLRequest,
) -> Response {
    if query.is_none() && wants_html(&headers) {
        return Html(
            GraphiQLSource::build()
                .endpoint("/graphql")
                .subscription_endpoint("/graphql/ws")
                .title("polisia-api GraphiQL")
                .finish(),
        )
        .into_response();
    }
    let request = request
        .into_inner()
        .data(RequestContext::from_headers(&headers));
    GraphQLResponse::from(state.schema.execute(request).await).into_response()
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}
