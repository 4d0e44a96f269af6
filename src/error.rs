//! The one error type of the service, and the only place it meets the outside world:
//! GraphQL `extensions.code` and RFC 9457 problem+json are both produced here, and
//! so are the GraphQL errors of a request refused before it could run. Causes of
//! internal failures are logged, never sent.

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;

/// Stable, machine-readable error codes, the same in GraphQL and REST.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    BadUserInput,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    RateLimited,
    QueryTooComplex,
    /// Under `TRUSTED_DOCUMENTS_ONLY`, a document that is not a registered one (the
    /// code Apollo's router gives its safelist).
    PersistedQueryNotInList,
    /// A delta-sync cursor older than the record of changes keeps (or from before
    /// the record was reset): load everything again and sync from the new cursor.
    CursorExpired,
    Unavailable,
    Internal,
}

impl ErrorCode {
    /// Every code; `Internal` before `Unavailable`, which GraphQL names alike.
    const ALL: [ErrorCode; 11] = [
        ErrorCode::BadUserInput,
        ErrorCode::Unauthenticated,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::Conflict,
        ErrorCode::RateLimited,
        ErrorCode::QueryTooComplex,
        ErrorCode::PersistedQueryNotInList,
        ErrorCode::CursorExpired,
        ErrorCode::Internal,
        ErrorCode::Unavailable,
    ];

    /// The code a GraphQL error carries in `extensions.code`, if it is one of ours.
    fn of_graphql(error: &async_graphql::ServerError) -> Option<ErrorCode> {
        let extensions = error.extensions.as_ref()?;
        let async_graphql::Value::String(code) = extensions.get("code")? else {
            return None;
        };
        ErrorCode::ALL.into_iter().find(|c| c.as_str() == code)
    }

    /// The code as GraphQL's `extensions.code` carries it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadUserInput => "BAD_USER_INPUT",
            ErrorCode::Unauthenticated => "UNAUTHENTICATED",
            ErrorCode::Forbidden => "FORBIDDEN",
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::Conflict => "CONFLICT",
            ErrorCode::RateLimited => "RATE_LIMITED",
            ErrorCode::QueryTooComplex => "QUERY_TOO_COMPLEX",
            ErrorCode::PersistedQueryNotInList => "PERSISTED_QUERY_NOT_IN_LIST",
            ErrorCode::CursorExpired => "CURSOR_EXPIRED",
            // GraphQL clients know one code for every server-side failure.
            ErrorCode::Unavailable | ErrorCode::Internal => "INTERNAL",
        }
    }

    /// The code's own name, as problem+json carries it in `code` and in its `type`
    /// URI: REST tells an outage (503, UNAVAILABLE) from a failure (500, INTERNAL).
    pub fn name(self) -> &'static str {
        match self {
            ErrorCode::Unavailable => "UNAVAILABLE",
            other => other.as_str(),
        }
    }

    /// The HTTP status REST answers with.
    pub fn status(self) -> StatusCode {
        match self {
            ErrorCode::BadUserInput => StatusCode::BAD_REQUEST,
            ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
            ErrorCode::Forbidden => StatusCode::FORBIDDEN,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::Conflict => StatusCode::CONFLICT,
            ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::QueryTooComplex | ErrorCode::PersistedQueryNotInList => {
                StatusCode::BAD_REQUEST
            }
            // What the cursor pointed into is gone for good, as with a sync token
            // a calendar server no longer knows.
            ErrorCode::CursorExpired => StatusCode::GONE,
            ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// One problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// The field, as the client named it (e.g. `input.title`, `first`).
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

/// Everything that can go wrong in a request.
///
/// It deliberately does not implement `Display`: async-graphql converts any
/// `Display` error into a GraphQL error without a code, and `?` would pick that
/// conversion silently. Without it, `?` in a resolver must go through
/// `From<AppError> for async_graphql::Error` below, which sets `extensions.code`.
#[derive(Debug)]
pub enum AppError {
    BadInput(FieldError),
    /// An input over a size limit: `BAD_USER_INPUT` naming the field, and 413 in REST.
    TooLarge(FieldError),
    Unauthenticated,
    Forbidden,
    NotFound(&'static str),
    Conflict(String),
    RateLimited {
        retry_after_secs: u64,
    },
    QueryTooComplex(String),
    /// A GraphQL document the public may not run: not a trusted one.
    UntrustedDocument(&'static str),
    /// The delta-sync cursor sent in this field has expired.
    CursorExpired(String),
    /// The database failed or could not be reached.
    Database(sea_orm::DbErr),
    /// A bug or a broken invariant; the text is for the log only.
    Internal(String),
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        AppError::Database(err)
    }
}

/// Shorthand for results in handlers and resolvers.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// A bad value in `field`.
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::BadInput(FieldError {
            field: field.into(),
            message: message.into(),
        })
    }

    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::BadInput(_) | AppError::TooLarge(_) => ErrorCode::BadUserInput,
            AppError::Unauthenticated => ErrorCode::Unauthenticated,
            AppError::Forbidden => ErrorCode::Forbidden,
            AppError::NotFound(_) => ErrorCode::NotFound,
            AppError::Conflict(_) => ErrorCode::Conflict,
            AppError::RateLimited { .. } => ErrorCode::RateLimited,
            AppError::QueryTooComplex(_) => ErrorCode::QueryTooComplex,
            AppError::UntrustedDocument(_) => ErrorCode::PersistedQueryNotInList,
            AppError::CursorExpired(_) => ErrorCode::CursorExpired,
            AppError::Database(_) => ErrorCode::Unavailable,
            AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The message a client may see. Server-side causes stay in the log.
    pub fn public_message(&self) -> String {
        match self {
            AppError::BadInput(field) | AppError::TooLarge(field) => field.message.clone(),
            AppError::Unauthenticated => "authentication required".into(),
            AppError::Forbidden => "you are not allowed to do this".into(),
            AppError::NotFound(what) => format!("{what} not found"),
            AppError::Conflict(message) | AppError::QueryTooComplex(message) => message.clone(),
            AppError::UntrustedDocument(message) => (*message).to_owned(),
            AppError::CursorExpired(_) => "the cursor has expired: load everything again, \
                then sync from the cursor of `changes` without `after`"
                .into(),
            AppError::RateLimited { retry_after_secs } => {
                format!("too many requests, try again in {retry_after_secs} s")
            }
            AppError::Database(_) => "the service is temporarily unavailable".into(),
            AppError::Internal(_) => "internal error".into(),
        }
    }

    /// The whole story, cause included: for logs and the command line, never a client.
    pub fn describe(&self) -> String {
        match self {
            AppError::Database(cause) => format!("database failure: {cause}"),
            AppError::Internal(cause) => format!("internal error: {cause}"),
            other => other.public_message(),
        }
    }

    /// Logs what the client will not be told.
    fn log_cause(&self) {
        match self {
            AppError::Database(cause) => tracing::error!(error = %cause, "database failure"),
            AppError::Internal(cause) => tracing::error!(error = %cause, "internal error"),
            _ => {}
        }
    }
}

/// Seconds a client is asked to wait when the database is out of reach.
pub const UNAVAILABLE_RETRY_SECS: u64 = 1;

impl From<AppError> for async_graphql::Error {
    fn from(err: AppError) -> Self {
        use async_graphql::ErrorExtensions;
        err.log_cause();
        let message = err.public_message();
        async_graphql::Error::new(message).extend_with(|_, ext| {
            ext.set("code", err.code().as_str());
            match &err {
                // Worth a retry, and the HTTP answer of a request that got nothing
                // else is a 503 (see `is_outage`).
                AppError::BadInput(field) | AppError::TooLarge(field) => {
                    ext.set("field", field.field.clone())
                }
                AppError::CursorExpired(field) => ext.set("field", field.clone()),
                AppError::RateLimited { retry_after_secs } => {
                    ext.set("retryAfter", *retry_after_secs)
                }
                AppError::Database(_) => ext.set("retryAfter", UNAVAILABLE_RETRY_SECS),
                _ => {}
            }
        })
    }
}

/// The HTTP status of a GraphQL request whose `errors` stopped it before it ran, for
/// a client that accepts `application/graphql-response+json`: the status of their
/// code when they all have the same one (401 for a bad access token), else 400.
pub fn request_error_status(errors: &[async_graphql::ServerError]) -> StatusCode {
    let mut codes = errors.iter().map(ErrorCode::of_graphql);
    match codes.next() {
        Some(Some(first)) if codes.all(|code| code == Some(first)) => first.status(),
        _ => StatusCode::BAD_REQUEST,
    }
}

impl AppError {
    /// This error as a GraphQL error of the whole request, at no place in a document.
    pub fn into_server_error(self) -> async_graphql::ServerError {
        let error = async_graphql::Error::from(self);
        let mut server_error = async_graphql::ServerError::new(error.message, None);
        server_error.extensions = error.extensions;
        server_error
    }
}

/// Whether a GraphQL error reports the database out of reach: the code of
/// [`ErrorCode::Unavailable`] with a `retryAfter`, as `From<AppError>` sets them.
pub fn is_outage(error: &async_graphql::ServerError) -> bool {
    error.extensions.as_ref().is_some_and(|ext| {
        ext.get("code") == Some(&async_graphql::Value::from(ErrorCode::Unavailable.as_str()))
            && ext.get("retryAfter").is_some()
    })
}

/// An RFC 9457 problem document.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem.
    #[serde(rename = "type")]
    #[schema(example = "https://polisia.kz/problems/not-found")]
    pub kind: String,
    /// A short summary of the kind of problem.
    #[schema(example = "Not Found")]
    pub title: String,
    /// The HTTP status.
    #[schema(example = 404)]
    pub status: u16,
    /// What went wrong in this request.
    #[schema(example = "article not found")]
    pub detail: String,
    /// The same code as GraphQL's `extensions.code`.
    pub code: ErrorCode,
    /// The fields at fault, for input errors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

impl Problem {
    /// A problem of `code` with `detail`.
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        let status = code.status();
        Problem {
            kind: format!(
                "https://polisia.kz/problems/{}",
                code.name().to_ascii_lowercase().replace('_', "-")
            ),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: detail.into(),
            code,
            errors: Vec::new(),
        }
    }

    /// Bad input answered with a more precise status than 400 (413, 415), so that
    /// HTTP clients and proxies know what to change; the code stays `BAD_USER_INPUT`.
    pub fn bad_input_with_status(status: StatusCode, detail: impl Into<String>) -> Self {
        let mut problem = Problem::new(ErrorCode::BadUserInput, detail);
        problem.status = status.as_u16();
        problem.title = status.canonical_reason().unwrap_or("Error").into();
        problem
    }

    /// A 415 naming `Content-Type`: the body is not JSON, or not declared so.
    pub fn not_json(detail: &str) -> Self {
        let mut problem =
            Problem::bad_input_with_status(StatusCode::UNSUPPORTED_MEDIA_TYPE, detail);
        problem.errors.push(FieldError {
            field: "Content-Type".into(),
            message: detail.into(),
        });
        problem
    }

    /// The HTTP status of this problem.
    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The same refusal as a GraphQL error of the whole request: `detail` as its
    /// message, the code, and the field at fault as input errors name it.
    pub fn graphql_error(&self) -> async_graphql::ServerError {
        let mut error = async_graphql::ServerError::new(self.detail.clone(), None);
        let extensions = error.extensions.get_or_insert_with(Default::default);
        extensions.set("code", self.code.as_str());
        if let Some(field) = self.errors.first() {
            extensions.set("field", field.field.clone());
        }
        error
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = self.status();
        let mut response = (status, axum::Json(&self)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        // On `/graphql` the same refusal leaves as a GraphQL error
        // ([`Problem::graphql_error`]): the answer keeps the problem, so that the
        // error-shape middleware can reshape it there.
        response.extensions_mut().insert(self);
        response
    }
}

impl From<AppError> for Problem {
    fn from(err: AppError) -> Self {
        err.log_cause();
        let mut problem = match &err {
            AppError::TooLarge(_) => {
                Problem::bad_input_with_status(StatusCode::PAYLOAD_TOO_LARGE, err.public_message())
            }
            _ => Problem::new(err.code(), err.public_message()),
        };
        match err {
            AppError::BadInput(field) | AppError::TooLarge(field) => problem.errors.push(field),
            AppError::CursorExpired(field) => problem.errors.push(FieldError {
                field,
                message: "expired".into(),
            }),
            _ => {}
        }
        problem
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let retry_after = match &self {
            AppError::RateLimited { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        };
        let mut response = Problem::from(self).into_response();
        if let Some(retry_after_secs) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response
    }
}

/// A configuration value that cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{variable} is invalid: expected {expected}")]
pub struct ConfigError {
    /// The environment variable (the flag has the same name in kebab case).
    pub variable: &'static str,
    /// What a good value looks like.
    pub expected: &'static str,
}

/// Builds the error for a bad value of `variable`.
pub(crate) fn invalid(variable: &'static str, expected: &'static str) -> ConfigError {
    ConfigError { variable, expected }
}
