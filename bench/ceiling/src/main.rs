//! The benchmark's ceiling: what the front page could cost with no database at all.
//!
//! `ceiling FRONT_PAGE.json` asks the real service (the crate's own router, in
//! process) for the front-page answer once, then serves on `BIND`:
//! - `POST /graphql`: the same query executed by async-graphql over an in-memory copy
//!   of that answer, with the service's depth and complexity limits, and its request
//!   rules applied around the engine as the service applies them;
//! - `GET /static`: the answer's bytes as they are, straight from axum.
//!
//! The service's own GraphQL types load through the database, so the in-memory schema
//! mirrors the front page's part of them field for field; it checks at start-up that
//! its answer equals the service's and says so on its last line of output.

use std::net::SocketAddr;

use async_graphql::{Context, EmptyMutation, EmptySubscription, Object, Schema, SimpleObject};
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::{
    Router,
    body::{Body, Bytes},
    extract::connect_info::MockConnectInfo,
    http::{Request, header},
    routing::{get, post},
};
use clap::Parser;
use polisia_api::{
    api::graphql::{MAX_COMPLEXITY, MAX_DEPTH, persisted::PersistedDocuments, rules::Rules},
    config::{Config, ConfigArgs},
    domain::time::Clock,
    startup,
};
use serde::Deserialize;
use tower::ServiceExt;

#[derive(Parser)]
struct Cli {
    /// The front-page request: `{"query": ..., "variables": ...}`.
    query_file: String,
    #[command(flatten)]
    config: ConfigArgs,
}

#[derive(SimpleObject, Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Image {
    url: String,
    alt: Option<String>,
}

#[derive(SimpleObject, Deserialize, Clone)]
struct Region {
    code: String,
    name: String,
}

#[derive(SimpleObject, Deserialize, Clone)]
struct Tag {
    slug: String,
    name: String,
}

#[derive(SimpleObject, Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Author {
    display_name: String,
}

#[derive(SimpleObject, Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Meeting {
    title: String,
    held_on: String,
}

#[derive(SimpleObject, Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Person {
    full_name: String,
    position: Option<String>,
}

#[derive(SimpleObject, Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Speaker {
    full_name: String,
}

#[derive(SimpleObject, Deserialize, Clone)]
struct Quote {
    text: String,
    kind: String,
    participant: Option<Speaker>,
}

#[derive(SimpleObject, Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Article {
    id: String,
    slug: String,
    title: String,
    lead: Option<String>,
    published_at: Option<String>,
    cover_image: Option<Image>,
    region: Option<Region>,
    tags: Vec<Tag>,
    author: Option<Author>,
    meeting: Option<Meeting>,
    participants: Vec<Person>,
    quotes: Vec<Quote>,
    comment_count: i64,
}

#[derive(SimpleObject, Deserialize, Clone)]
struct Edge {
    node: Article,
}

#[derive(SimpleObject, Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
struct PageInfo {
    has_next_page: bool,
    end_cursor: Option<String>,
}

#[derive(SimpleObject, Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Connection {
    edges: Vec<Edge>,
    page_info: PageInfo,
}

#[derive(Deserialize)]
struct FrontPage {
    articles: Connection,
}

struct Query;

#[Object]
impl Query {
    async fn articles<'a>(
        &self,
        ctx: &Context<'a>,
        #[graphql(default = 20)] first: i32,
    ) -> &'a Connection {
        let _ = first;
        ctx.data_unchecked::<Connection>()
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli = Cli::parse();
    let request = std::fs::read_to_string(&cli.query_file)?;
    let config = Config::from_args(&cli.config)?;
    let bind = config.bind;

    let state = startup::prepare(config, false, Clock::system()).await?;
    let rules = Rules::new(
        PersistedDocuments::new(state.trusted_documents.clone()),
        false,
    );
    let service =
        polisia_api::app(state).layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 0))));
    let response = service
        .oneshot(
            Request::post("/graphql")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(request.clone()))?,
        )
        .await?;
    let answer: Bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await?;
    let parsed: serde_json::Value = serde_json::from_slice(&answer)?;
    let page: FrontPage = serde_json::from_value(parsed["data"].clone())
        .map_err(|e| format!("the service's front page does not parse ({e}): {parsed}"))?;

    let schema = Schema::build(Query, EmptyMutation, EmptySubscription)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .data(page.articles)
        .finish();
    let run = move |request: async_graphql::Request| {
        let (rules, schema) = (rules.clone(), schema.clone());
        async move {
            match rules.admit(request, None).await {
                Ok(request) => Rules::finish(schema.execute(request).await),
                Err(error) => Rules::finish(async_graphql::Response::from_errors(vec![error])),
            }
        }
    };
    let ours = serde_json::to_vec(&run(serde_json::from_str(&request)?).await)?;
    let same = serde_json::from_slice::<serde_json::Value>(&ours)? == parsed;

    let app = Router::new()
        .route(
            "/graphql",
            post(move |request: GraphQLRequest| {
                let run = run.clone();
                async move { GraphQLResponse::from(run(request.into_inner()).await) }
            }),
        )
        .route(
            "/static",
            get(move || {
                let answer = answer.clone();
                async move { ([(header::CONTENT_TYPE, "application/json")], answer) }
            }),
        );
    let listener = tokio::net::TcpListener::bind(bind).await?;
    println!(
        "front page of {} bytes from memory; answer {} the service's",
        ours.len(),
        if same { "equal to" } else { "DIFFERENT from" }
    );
    axum::serve(listener, app).await?;
    Ok(())
}
