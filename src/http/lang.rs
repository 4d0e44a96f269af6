//! Which language an answer is given in: the `lang` parameter, then `Accept-Language`,
//! then Russian, the portal's first language.

use axum::http::{HeaderMap, header};

use crate::domain::{Language, preferred_language};

/// The language of an answer, and whether the request's headers chose it (the
/// answer then varies with `Accept-Language`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Negotiated {
    pub lang: Language,
    pub from_header: bool,
}

/// The language `Accept-Language` prefers among ours, if any.
pub fn header_language(headers: &HeaderMap) -> Option<Language> {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(preferred_language)
}

/// `param` if given, else the headers' choice, else Russian.
pub fn negotiate(param: Option<Language>, headers: &HeaderMap) -> Negotiated {
    match param {
        Some(lang) => Negotiated {
            lang,
            from_header: false,
        },
        None => Negotiated {
            lang: header_language(headers).unwrap_or(Language::Ru),
            from_header: true,
        },
    }
}
