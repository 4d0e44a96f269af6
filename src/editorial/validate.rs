//! Checks on single values, before anything touches the database. Each names the
//! field as the client sent it (`input.title`, `input.quotes[2].text`).

use std::collections::HashSet;

use uuid::Uuid;

use crate::{
    domain::{html, slug},
    error::{AppError, AppResult},
};

/// Longest article title, in characters (the column's size).
pub const TITLE_MAX: usize = 300;
/// Longest lead.
pub const LEAD_MAX: usize = 1_000;
/// Longest body, in characters, before and after sanitising.
pub const BODY_MAX: usize = 200_000;
/// Longest URL.
pub const URL_MAX: usize = 2_048;
/// Longest alternative text of an image.
pub const ALT_MAX: usize = 500;
/// Longest source, venue, position, organisation or honour.
pub const LINE_MAX: usize = 300;
/// Longest quote.
pub const QUOTE_MAX: usize = 5_000;
/// Longest tag name (the slug column's size too).
pub const TAG_MAX: usize = 96;
/// Longest person's name.
pub const NAME_MAX: usize = 200;
/// Longest agenda item title.
pub const AGENDA_TITLE_MAX: usize = 500;
/// Longest agenda item description.
pub const AGENDA_TEXT_MAX: usize = 5_000;
/// Longest region name.
pub const REGION_NAME_MAX: usize = 128;
/// Most tags on an article.
pub const MAX_TAGS: usize = 20;
/// Most people, quotes or agenda items in one list.
pub const MAX_ITEMS: usize = 100;
/// Most related articles an editor may pick: as many as an article shows.
pub const MAX_RELATED: usize = crate::store::related::MAX_LIMIT as usize;
/// Most honours of one person.
pub const MAX_HONOURS: usize = 20;

/// A required one-line text: trimmed, not empty, at most `max` characters, and no
/// control characters (they break titles in feeds and HTML attributes).
pub fn line(field: &str, value: &str, max: usize) -> AppResult<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(AppError::bad_input(field, "must not be empty"));
    }
    if value.chars().any(char::is_control) {
        return Err(AppError::bad_input(field, "must be one line of text"));
    }
    within(field, value, max)
}

/// An optional one-line text; blank counts as absent.
pub fn optional_line(field: &str, value: Option<&str>, max: usize) -> AppResult<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(value) => line(field, value, max).map(Some),
    }
}

/// A required text that may span lines (tabs and line breaks allowed).
pub fn text(field: &str, value: &str, max: usize) -> AppResult<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(AppError::bad_input(field, "must not be empty"));
    }
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(AppError::bad_input(
            field,
            "must not contain control characters",
        ));
    }
    within(field, value, max)
}

/// An optional multi-line text; blank counts as absent.
pub fn optional_text(field: &str, value: Option<&str>, max: usize) -> AppResult<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(value) => text(field, value, max).map(Some),
    }
}

fn within(field: &str, value: &str, max: usize) -> AppResult<String> {
    if value.chars().count() > max {
        return Err(AppError::bad_input(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    Ok(value.to_owned())
}

/// Article HTML: bounded, then sanitised to the allow-list; what remains must not
/// be empty.
pub fn body(field: &str, value: &str) -> AppResult<String> {
    // Counting before sanitising bounds the work the sanitiser can be made to do.
    if value.chars().count() > BODY_MAX {
        return Err(AppError::bad_input(
            field,
            format!("must be at most {BODY_MAX} characters"),
        ));
    }
    let clean = html::sanitize(value);
    if clean.trim().is_empty() {
        return Err(AppError::bad_input(field, "must not be empty"));
    }
    if clean.chars().count() > BODY_MAX {
        return Err(AppError::bad_input(
            field,
            format!("must be at most {BODY_MAX} characters"),
        ));
    }
    Ok(clean)
}

/// An absolute `http` or `https` URL with a host, no credentials and nothing that
/// would need escaping in HTML.
pub fn http_url(field: &str, value: &str) -> AppResult<String> {
    let value = value.trim();
    let bad = || AppError::bad_input(field, "must be an absolute http:// or https:// URL");
    if value.len() > URL_MAX {
        return Err(AppError::bad_input(
            field,
            format!("must be at most {URL_MAX} characters"),
        ));
    }
    let lower = value.to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &value[8..]
    } else if lower.starts_with("http://") {
        &value[7..]
    } else {
        return Err(bad());
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_ok = valid_authority(authority);
    let rest_ok = !value
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\\'));
    if host_ok && rest_ok {
        Ok(value.to_owned())
    } else {
        Err(bad())
    }
}

/// `host[:port]` of a URL: a DNS name or a bracketed IPv6 address, and no
/// `user:password@`, which only ever serves to disguise where a link leads.
fn valid_authority(authority: &str) -> bool {
    if authority.contains('@') {
        return false;
    }
    let (host, port) = if authority.starts_with('[') {
        match authority.find(']') {
            Some(end) => authority.split_at(end + 1),
            None => return false,
        }
    } else {
        authority.split_at(authority.find(':').unwrap_or(authority.len()))
    };
    let port_ok = port.is_empty()
        || port.strip_prefix(':').is_some_and(|p| {
            !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit())
        });
    let host_ok = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(ipv6) => {
            !ipv6.is_empty()
                && ipv6
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        }
        None => {
            !host.is_empty()
                && !host.starts_with(['.', '-'])
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        }
    };
    host_ok && port_ok
}

/// An optional URL; blank counts as absent.
pub fn optional_url(field: &str, value: Option<&str>) -> AppResult<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(value) => http_url(field, value).map(Some),
    }
}

/// A slug typed by hand: lowercase ASCII letters and digits in words joined by
/// single hyphens, at most [`slug::MAX_LEN`] bytes.
pub fn explicit_slug(field: &str, value: &str) -> AppResult<String> {
    let value = value.trim();
    let shaped = !value.is_empty()
        && value.len() <= slug::MAX_LEN
        && value.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if shaped {
        Ok(value.to_owned())
    } else {
        Err(AppError::bad_input(
            field,
            format!(
                "must be lowercase latin letters and digits joined by single hyphens, at most {} characters",
                slug::MAX_LEN
            ),
        ))
    }
}

/// At most `max` ids, none twice (the duplicate is named by its index).
pub fn distinct_ids(field: &str, ids: &[Uuid], max: usize) -> AppResult<()> {
    distinct(field, ids, max, "")
}

/// At most `max` entries of a list whose entries name an id in `id_field`, no id
/// twice: the duplicate is named by its entry's field, as the client sent it
/// (`participants[2].participantId`).
pub fn distinct_entries(field: &str, ids: &[Uuid], max: usize, id_field: &str) -> AppResult<()> {
    distinct(field, ids, max, &format!(".{id_field}"))
}

fn distinct(field: &str, ids: &[Uuid], max: usize, suffix: &str) -> AppResult<()> {
    at_most(field, ids.len(), max)?;
    let mut seen = HashSet::with_capacity(ids.len());
    for (index, id) in ids.iter().enumerate() {
        if !seen.insert(id) {
            return Err(AppError::bad_input(
                format!("{field}[{index}]{suffix}"),
                "is listed twice",
            ));
        }
    }
    Ok(())
}

/// A list of at most `max` entries.
pub fn at_most(field: &str, len: usize, max: usize) -> AppResult<()> {
    if len > max {
        return Err(AppError::bad_input(
            field,
            format!("must have at most {max} entries"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(err: AppError) -> String {
        match err {
            AppError::BadInput(field) => field.field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn lines() {
        assert_eq!(line("input.title", "  Итоги  ", 10).unwrap(), "Итоги");
        assert_eq!(
            field_of(line("input.title", " ", 10).unwrap_err()),
            "input.title"
        );
        assert!(line("t", "a\nb", 10).is_err());
        assert!(line("t", &"я".repeat(11), 10).is_err());
        assert!(line("t", &"я".repeat(10), 10).is_ok());
        assert_eq!(optional_line("t", Some("  "), 10).unwrap(), None);
        assert!(text("t", "a\nb\tc", 10).is_ok());
        assert!(text("t", "a\u{0}b", 10).is_err());
    }

    #[test]
    fn urls() {
        for good in [
            "https://polisia.kz/img/cover.jpg",
            "http://example.kz:8080/a?b=c#d",
            "HTTPS://Cdn.Example.kz/x.png",
            "https://[2001:db8::1]/x.png",
        ] {
            assert!(http_url("u", good).is_ok(), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "//example.kz/x.png",
            "/relative.png",
            "ftp://example.kz/x",
            "https://",
            "https:///path",
            "https://exa mple.kz/",
            "https://example.kz/\"onerror=alert(1)",
            "https://user:pass@example.kz/",
            "data:image/png;base64,AAAA",
        ] {
            assert!(http_url("u", bad).is_err(), "{bad}");
        }
        assert!(http_url("u", &format!("https://a.kz/{}", "x".repeat(URL_MAX))).is_err());
    }

    #[test]
    fn slugs() {
        assert!(explicit_slug("s", "itogi-2025").is_ok());
        for bad in [
            "",
            "Itogi",
            "itogi--2025",
            "-itogi",
            "itogi-",
            "итоги",
            "a b",
            "a_b",
            &"a".repeat(121),
        ] {
            assert!(explicit_slug("s", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn ids() {
        let a = Uuid::now_v7();
        let b = Uuid::now_v7();
        assert!(distinct_ids("ids", &[a, b], 2).is_ok());
        assert_eq!(
            field_of(distinct_ids("ids", &[a, b, a], 5).unwrap_err()),
            "ids[2]"
        );
        assert_eq!(
            field_of(distinct_ids("ids", &[a, b], 1).unwrap_err()),
            "ids"
        );
    }

    #[test]
    fn bodies_are_sanitised_and_bounded() {
        let clean = body("b", "<p>Hi<script>x()</script></p>").unwrap();
        assert_eq!(clean, "<p>Hi</p>");
        assert!(body("b", "<script>x()</script>").is_err());
        assert!(body("b", &"a".repeat(BODY_MAX + 1)).is_err());
    }
}
