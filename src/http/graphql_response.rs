//! Writing GraphQL answers on HTTP, as the GraphQL-over-HTTP draft has them.
//!
//! The media type follows `Accept` ([`Media`]). Under `application/json`, the type
//! every client understands, an answer from the engine is 200 even when the request
//! never ran, as legacy clients expect. Under `application/graphql-response+json` a
//! request that never ran (its document does not parse or validate, its variables
//! do not coerce, its token is refused) is a 4xx without `data`, so that the status
//! alone tells it from a partial result. Refusals of the transport itself (an
//! unsupported content type, an oversized body, a batch) keep their own status and
//! are GraphQL errors under either type.

use axum::{
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;

use crate::error::{self, Problem};

/// The media type of a GraphQL answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    /// `application/json`: no `Accept`, `*/*`, or a client that prefers it.
    Json,
    /// `application/graphql-response+json`, for a client that prefers it.
    GraphQlResponse,
}

const JSON: &str = "application/json";
const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

impl Media {
    /// The type `headers` ask for: `application/graphql-response+json` when it
    /// weighs more than `application/json`, or as much and is listed first or faces
    /// only a wildcard; `application/json` otherwise, also for an `Accept` that names
    /// neither (the draft allows it, and it never fails a client that reads JSON).
    pub fn negotiate(headers: &HeaderMap) -> Media {
        // Weight and position of the most specific range naming each type.
        let mut graphql: Option<(f32, usize)> = None;
        let mut json: Option<(u8, f32, usize)> = None;
        let ranges = headers
            .get_all(header::ACCEPT)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','));
        for (position, range) in ranges.enumerate() {
            let mut parts = range.split(';');
            let essence = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let weight = parts
                .filter_map(|param| param.split_once('='))
                .find(|(name, _)| name.trim().eq_ignore_ascii_case("q"))
                .map_or(1.0, |(_, q)| q.trim().parse::<f32>().unwrap_or(0.0));
            let specificity = match essence.as_str() {
                GRAPHQL_RESPONSE => {
                    graphql.get_or_insert((weight, position));
                    continue;
                }
                JSON => 3,
                "application/*" => 2,
                "*/*" => 1,
                _ => continue,
            };
            if json.is_none_or(|(known, _, _)| specificity > known) {
                json = Some((specificity, weight, position));
            }
        }
        match (graphql, json) {
            (Some((weight, _)), _) if weight <= 0.0 => Media::Json,
            (Some(_), None) => Media::GraphQlResponse,
            (Some((weight, position)), Some((specificity, json_weight, json_position)))
                if weight > json_weight
                    || (weight == json_weight && (position < json_position || specificity < 3)) =>
            {
                Media::GraphQlResponse
            }
            _ => Media::Json,
        }
    }

    /// The `Content-Type` of an answer of this type.
    pub fn content_type(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Media::Json => JSON,
            Media::GraphQlResponse => GRAPHQL_RESPONSE,
        })
    }

    /// Whether an answer of `content_type` is a GraphQL answer.
    pub fn is_graphql(content_type: &str) -> bool {
        let essence = content_type.split(';').next().unwrap_or("").trim();
        essence.eq_ignore_ascii_case(JSON) || essence.eq_ignore_ascii_case(GRAPHQL_RESPONSE)
    }
}

/// A GraphQL answer with errors and no `data`: a request that never ran.
#[derive(Serialize)]
struct RequestErrors<'a> {
    errors: &'a [async_graphql::ServerError],
}

/// The HTTP answer of the engine's `response`, as `media`. 503 with `Retry-After`
/// under either type when the database was out of reach and the request got nothing
/// else, so that clients and load balancers treat an outage as one.
pub fn answer(response: async_graphql::Response, media: Media) -> Response {
    let unavailable = response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(error::is_outage);
    if unavailable {
        let mut answer = json(StatusCode::SERVICE_UNAVAILABLE, &response, media);
        answer.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from(error::UNAVAILABLE_RETRY_SECS),
        );
        return answer;
    }
    if media == Media::GraphQlResponse && never_ran(&response) {
        let status = error::request_error_status(&response.errors);
        let errors = RequestErrors {
            errors: &response.errors,
        };
        return json(status, &errors, media);
    }
    json(StatusCode::OK, &response, media)
}

/// The answer whose `data` is the JSON text `data`, read in one statement without the
/// engine ([`crate::api::graphql::compiled`]): what the engine would send for it.
pub fn data_text(data: String, media: Media) -> Response {
    let mut body = Vec::with_capacity(data.len() + 9);
    body.extend_from_slice(b"{\"data\":");
    body.extend_from_slice(data.as_bytes());
    body.push(b'}');
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, media.content_type())],
        body,
    )
        .into_response()
}

/// A request refused before the engine saw it, as a GraphQL error of `media` with
/// the problem's status.
pub fn refusal(problem: &Problem, media: Media) -> Response {
    let errors = [problem.graphql_error()];
    json(problem.status(), &RequestErrors { errors: &errors }, media)
}

/// Whether the engine stopped `response` before executing anything: no data, and no
/// error raised while resolving a field (those carry a path).
fn never_ran(response: &async_graphql::Response) -> bool {
    response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|error| error.path.is_empty())
}

fn json(status: StatusCode, body: &impl Serialize, media: Media) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (
            status,
            [(header::CONTENT_TYPE, media.content_type())],
            bytes,
        )
            .into_response(),
        Err(err) => error::AppError::Internal(format!("serialising a GraphQL answer: {err}"))
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepting(accept: Option<&str>) -> Media {
        let mut headers = HeaderMap::new();
        if let Some(accept) = accept {
            headers.insert(header::ACCEPT, accept.parse().unwrap());
        }
        Media::negotiate(&headers)
    }

    #[test]
    fn json_unless_graphql_response_is_preferred() {
        for accept in [
            None,
            Some("*/*"),
            Some("application/json"),
            Some("application/*"),
            Some("text/html"),
            Some("application/json, application/graphql-response+json"),
            Some("application/graphql-response+json;q=0.5, application/json"),
            Some("application/graphql-response+json;q=0, */*"),
            Some("application/graphql-response+json; q=0"),
        ] {
            assert_eq!(accepting(accept), Media::Json, "{accept:?}");
        }
        for accept in [
            "application/graphql-response+json",
            "Application/GraphQL-Response+JSON",
            "application/graphql-response+json, application/json",
            "application/graphql-response+json, application/json;q=0.9",
            "application/json;q=0.9, application/graphql-response+json",
            "*/*, application/graphql-response+json",
            "application/graphql-response+json; charset=utf-8",
            "text/html, application/graphql-response+json",
        ] {
            assert_eq!(accepting(Some(accept)), Media::GraphQlResponse, "{accept}");
        }
    }

    #[test]
    fn graphql_answers_are_json_of_either_type() {
        assert!(Media::is_graphql("application/json"));
        assert!(Media::is_graphql("application/graphql-response+json"));
        assert!(Media::is_graphql("application/json; charset=utf-8"));
        assert!(!Media::is_graphql("application/problem+json"));
        assert!(!Media::is_graphql("text/plain"));
    }
}
