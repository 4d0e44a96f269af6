//! Gives every GraphQL error an `extensions.code`, whoever raised it.
//!
//! Our resolvers raise [`AppError`](crate::error::AppError)s that carry a code. What
//! arrives here without one was raised by async-graphql itself (a syntax or
//! validation error, a limit) or is a failure nobody mapped: the latter is logged
//! and its message replaced, so no internal text reaches a client.

use async_graphql::{Response, ServerError};

use crate::error::ErrorCode;

/// Gives each error of `response` its code and trims what a client is sent: run on
/// every answer, whichever way it came ([`Rules`](super::rules::Rules)).
pub fn finish(response: &mut Response) {
    // A hostile document can fail validation once per repeated part; the first
    // few errors say all a client needs, and the answer stays small.
    response.errors.truncate(MAX_ERRORS);
    for error in &mut response.errors {
        ensure_code(error);
        if let Some((cut, _)) = error.message.char_indices().nth(MAX_MESSAGE_CHARS) {
            error.message.truncate(cut);
            error.message.push('…');
        }
    }
}

/// Most errors one answer carries.
pub const MAX_ERRORS: usize = 20;
/// Longest error message sent, in characters: a syntax error quotes the client's
/// line, which a hostile document makes as long as it likes.
pub const MAX_MESSAGE_CHARS: usize = 500;

/// Messages async-graphql gives when a query is over one of the schema's limits.
const LIMIT_MESSAGES: [&str; 6] = [
    "cannot be greater than",
    "too complex",
    "nested too deep",
    "too many",
    "recursion",
    "exceeds the limit",
];

/// How async-graphql words a bad argument value found while resolving a field.
fn is_input_error(message: &str) -> bool {
    message.starts_with("Failed to parse") || message.starts_with("Invalid value for argument")
}

fn ensure_code(error: &mut ServerError) {
    let has_code = error
        .extensions
        .as_ref()
        .is_some_and(|ext| ext.get("code").is_some());
    if has_code {
        return;
    }
    let code = if is_input_error(&error.message) {
        // async-graphql's own complaint about an argument's value: about input, safe.
        ErrorCode::BadUserInput
    } else if !error.path.is_empty() {
        // Raised while resolving a field, but not by us: never show its text.
        tracing::error!(message = %error.message, "GraphQL error without a code");
        error.message = "internal error".into();
        ErrorCode::Internal
    } else if LIMIT_MESSAGES
        .iter()
        .any(|m| error.message.to_lowercase().contains(m))
    {
        ErrorCode::QueryTooComplex
    } else {
        ErrorCode::BadUserInput
    };
    error
        .extensions
        .get_or_insert_with(Default::default)
        .set("code", code.as_str());
}

/// A loading failure shared by the resolvers that waited for it, as a GraphQL error
/// with its code.
impl From<crate::store::loaders::LoadError> for async_graphql::Error {
    fn from(err: crate::store::loaders::LoadError) -> Self {
        match std::sync::Arc::try_unwrap(err.0) {
            Ok(err) => err.into(),
            Err(shared) => crate::error::AppError::Internal(format!("{:?}", shared)).into(),
        }
    }
}
