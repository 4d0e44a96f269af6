//! Security headers beyond the basics set in [`crate::app`].

use axum::http::{HeaderMap, HeaderValue, Response, header};

/// What a JSON, XML or text answer may load or be framed by: nothing. An API answer
/// opened in a browser then cannot run script even if some text in it looked like
/// markup.
pub const API_CSP: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// [`API_CSP`] for every answer that is not an HTML page. Pages (GraphiQL, the API
/// docs) load scripts and styles and set a policy of their own.
pub fn api_csp<B>(response: &Response<B>) -> Option<HeaderValue> {
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|kind| kind.starts_with("text/html"));
    (!html).then_some(HeaderValue::from_static(API_CSP))
}

/// `Strict-Transport-Security` when the service is reached over HTTPS; browsers
/// ignore it on plain HTTP, and a development setup should not be pinned to HTTPS.
pub fn hsts(public_base_url: &str) -> Option<HeaderValue> {
    public_base_url
        .starts_with("https://")
        .then_some(HeaderValue::from_static("max-age=31536000"))
}

/// Whether a request asks for an HTML page: a browser's navigation does.
pub fn accepts_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}
