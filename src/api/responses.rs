//! Answers many operations share, documented once and referred to by each.

use utoipa::{IntoResponses, ToResponse};

use crate::error::Problem;

/// A parameter is malformed or out of range; `errors[].field` names it.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({
        "type": "https://polisia.kz/problems/bad-user-input",
        "title": "Bad Request",
        "status": 400,
        "detail": "must be between 0 and 100",
        "code": "BAD_USER_INPUT",
        "errors": [{ "field": "limit", "message": "must be between 0 and 100" }]
    })
)]
pub struct BadRequest(#[allow(dead_code)] Problem);

/// Nothing is published under this id or name.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({
        "type": "https://polisia.kz/problems/not-found",
        "title": "Not Found",
        "status": 404,
        "detail": "article not found",
        "code": "NOT_FOUND"
    })
)]
pub struct NotFound(#[allow(dead_code)] Problem);

/// The database cannot be reached; try again shortly.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({
        "type": "https://polisia.kz/problems/unavailable",
        "title": "Service Unavailable",
        "status": 503,
        "detail": "the service is temporarily unavailable",
        "code": "UNAVAILABLE"
    })
)]
pub struct Unavailable(#[allow(dead_code)] Problem);

/// The delta-sync cursor in `after` is older than the record of changes keeps (14
/// days): load everything again, then sync from a new cursor.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({
        "type": "https://polisia.kz/problems/cursor-expired",
        "title": "Gone",
        "status": 410,
        "detail": "the cursor has expired: load everything again, then sync from the cursor of `changes` without `after`",
        "code": "CURSOR_EXPIRED",
        "errors": [{ "field": "after", "message": "expired" }]
    })
)]
pub struct CursorExpired(#[allow(dead_code)] Problem);

/// The body is not declared as JSON (`Content-Type: application/json`).
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({
        "type": "https://polisia.kz/problems/bad-user-input",
        "title": "Unsupported Media Type",
        "status": 415,
        "detail": "send the body as application/json",
        "code": "BAD_USER_INPUT",
        "errors": [{ "field": "Content-Type", "message": "send the body as application/json" }]
    })
)]
pub struct NotJson(#[allow(dead_code)] Problem);

/// The copy the client holds (its `If-None-Match`) is current; no body.
#[derive(ToResponse)]
pub struct NotModified;

/// Declares a set of the shared responses above under one name, so an operation lists
/// its own success and names the set for the rest. Each entry refers to its response
/// (`$ref`), exactly as a `(status = …, response = …)` tuple does; the variants only
/// describe and are never built.
macro_rules! response_set {
    ($(#[$doc:meta])* $name:ident { $($status:tt => $response:ident),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(IntoResponses)]
        #[allow(dead_code)]
        pub enum $name {
            $(
                #[response(status = $status)]
                $response(#[ref_response] $response),
            )+
        }
    };
}

response_set!(
    /// What a REST read of a list may answer besides its page: the client's copy is
    /// current, a parameter is wrong, or the database is away.
    ListRead { 304 => NotModified, 400 => BadRequest, 503 => Unavailable }
);

response_set!(
    /// What a REST read of something named in its path may answer besides the thing:
    /// as [`ListRead`], or nothing is known by that name.
    NamedRead { 304 => NotModified, 400 => BadRequest, 404 => NotFound, 503 => Unavailable }
);

response_set!(
    /// What the portal's feed may answer besides the feed: the client's copy is
    /// current, or a parameter is wrong.
    FeedRead { 304 => NotModified, 400 => BadRequest }
);

response_set!(
    /// What a region's feed may answer besides the feed: as [`FeedRead`], or no region
    /// is known by the name in the path.
    RegionFeedRead { 304 => NotModified, 400 => BadRequest, 404 => NotFound }
);
