//! Answers many operations share, documented once and referred to by each.

use utoipa::ToResponse;

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

/// The copy the client holds (its `If-None-Match`) is current; no body.
#[derive(ToResponse)]
pub struct NotModified;
