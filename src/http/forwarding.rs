//! What a request's forwarding headers say: the hops that `Forwarded` (RFC 7239, its
//! `for=` parameters) or `X-Forwarded-For` list. They are read leniently and are
//! never an error; whether to believe them is for [`super::client_addr`] to decide.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use axum::http::{HeaderMap, HeaderName, header};

pub use crate::config::ForwardingHeader;

const X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");

/// The hops header `which` lists, from the client's end to the service's: each its
/// address, or `None` when it gives none usable (`unknown`, an obfuscated name,
/// anything else); `None` when the header cannot be read at all (it is not text, or
/// a quoted string never ends).
pub fn hops(headers: &HeaderMap, which: ForwardingHeader) -> Option<Vec<Option<IpAddr>>> {
    if which == ForwardingHeader::Forwarded {
        let value = joined(headers, &header::FORWARDED)?;
        Some(
            split_unquoted(&value, ',')?
                .into_iter()
                .map(forwarded_for)
                .collect(),
        )
    } else {
        let value = joined(headers, &X_FORWARDED_FOR)?;
        Some(
            value
                .split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(node)
                .collect(),
        )
    }
}

/// Every value of header `name`, in order, as one list; `None` when one is not text.
fn joined(headers: &HeaderMap, name: &HeaderName) -> Option<String> {
    let values = headers
        .get_all(name)
        .iter()
        .map(|value| value.to_str().ok())
        .collect::<Option<Vec<_>>>()?;
    Some(values.join(","))
}

/// The address of a `Forwarded` element's one `for` parameter.
fn forwarded_for(element: &str) -> Option<IpAddr> {
    let pairs = split_unquoted(element, ';')?;
    let mut values = pairs.iter().filter_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("for")
            .then_some(value.trim())
    });
    let value = values.next()?;
    if values.next().is_some() {
        return None;
    }
    node(&unquote(value)?)
}

/// `text` split at every `separator` outside a quoted string, its items trimmed and
/// the empty ones left out (an HTTP list may hold empty items, which mean nothing);
/// `None` when a quoted string never ends.
fn split_unquoted(text: &str, separator: char) -> Option<Vec<&str>> {
    let mut items = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (at, ch) in text.char_indices() {
        match ch {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            _ if ch == separator && !quoted => {
                items.push(&text[start..at]);
                start = at + ch.len_utf8();
            }
            _ => {}
        }
    }
    if quoted {
        return None;
    }
    items.push(&text[start..]);
    Some(
        items
            .into_iter()
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .collect(),
    )
}

/// A token as it is, a quoted string without its quotes and escapes.
fn unquote(value: &str) -> Option<String> {
    let Some(inner) = value.strip_prefix('"') else {
        return Some(value.to_owned());
    };
    let inner = inner.strip_suffix('"')?;
    let mut text = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(ch) = chars.next() {
        text.push(if ch == '\\' { chars.next()? } else { ch });
    }
    Some(text)
}

/// The address of a node: `192.0.2.1`, `2001:db8::1` or `[2001:db8::1]`, each may
/// be followed by a port (`192.0.2.1:4711`, `[2001:db8::1]:4711`). `None` for
/// `unknown`, an obfuscated `_name` and anything else.
fn node(text: &str) -> Option<IpAddr> {
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Some(rest) = text.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        let ip = inside.parse::<Ipv6Addr>().ok()?;
        return (after.is_empty() || after.strip_prefix(':').is_some_and(is_port))
            .then_some(IpAddr::V6(ip));
    }
    let (host, port) = text.split_once(':')?;
    let ip = host.parse::<Ipv4Addr>().ok()?;
    is_port(port).then_some(IpAddr::V4(ip))
}

/// A port number, or an obfuscated one (`_` and letters, digits, `.`, `_`, `-`).
fn is_port(port: &str) -> bool {
    let digits = !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
    let obfuscated = port.strip_prefix('_').is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
    });
    digits || obfuscated
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    /// The hops `headers` list, each as text (`-` for one without an address).
    fn listed(headers: &[(&str, &str)]) -> Option<Vec<String>> {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.append(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        let which = if map.contains_key(header::FORWARDED) {
            ForwardingHeader::Forwarded
        } else {
            ForwardingHeader::XForwardedFor
        };
        let hops = hops(&map, which)?;
        Some(
            hops.into_iter()
                .map(|hop| hop.map_or_else(|| "-".to_owned(), |ip| ip.to_string()))
                .collect(),
        )
    }

    fn forwarded(value: &str) -> Option<Vec<String>> {
        listed(&[("forwarded", value)])
    }

    fn x_forwarded_for(value: &str) -> Option<Vec<String>> {
        listed(&[("x-forwarded-for", value)])
    }

    #[test]
    fn x_forwarded_for_lists_addresses_with_or_without_ports() {
        assert_eq!(
            x_forwarded_for(
                "198.51.100.1, 203.0.113.7:4711,2001:db8::1, [2001:db8::2]:80 ,[2001:db8::3]"
            ),
            Some(
                [
                    "198.51.100.1",
                    "203.0.113.7",
                    "2001:db8::1",
                    "2001:db8::2",
                    "2001:db8::3"
                ]
                .map(String::from)
                .to_vec()
            )
        );
        assert_eq!(listed(&[]), Some(vec![]));
    }

    #[test]
    fn header_lines_are_one_list_and_empty_items_mean_nothing() {
        assert_eq!(
            listed(&[
                ("x-forwarded-for", "198.51.100.1, ,"),
                ("x-forwarded-for", "10.0.0.2")
            ]),
            Some(vec!["198.51.100.1".into(), "10.0.0.2".into()])
        );
        assert_eq!(x_forwarded_for(" , "), Some(vec![]));
    }

    #[test]
    fn what_is_not_an_address_is_a_hop_without_one() {
        for item in [
            "unknown",
            "proxy.local",
            "203.0.113.7:port",
            "203.0.113.7:",
            "203.0.113.7:123456",
            "203.0.113.7/24",
            "2001:db8::1:80]",
            "[2001:db8::1",
            "[203.0.113.7]",
            "fe80::1%eth0",
        ] {
            assert_eq!(
                x_forwarded_for(&format!("198.51.100.1, {item}")),
                Some(vec!["198.51.100.1".into(), "-".into()]),
                "{item}"
            );
        }
    }

    #[test]
    fn forwarded_reads_quotes_ipv6_in_brackets_and_ports() {
        assert_eq!(
            forwarded(
                "for=203.0.113.7, For=\"203.0.113.8:4711\";proto=https, for=\"[2001:db8::1]:4711\", by=10.0.0.1;for=\"[2001:db8::2]\", for=\"[2001:db8::3]:_port\""
            ),
            Some(
                [
                    "203.0.113.7",
                    "203.0.113.8",
                    "2001:db8::1",
                    "2001:db8::2",
                    "2001:db8::3"
                ]
                .map(String::from)
                .to_vec()
            )
        );
        // A quoted comma or semicolon splits nothing; an escaped quote ends nothing.
        assert_eq!(
            forwarded("for=203.0.113.7;host=\"a,b;c\\\"d\", for=10.0.0.2"),
            Some(vec!["203.0.113.7".into(), "10.0.0.2".into()])
        );
        assert_eq!(
            forwarded("for=\"\\[2001:db8::1\\]\""),
            Some(vec!["2001:db8::1".into()])
        );
    }

    #[test]
    fn unknown_obfuscated_missing_or_repeated_for_give_no_address() {
        for element in [
            "for=unknown",
            "for=_hidden",
            "for=\"_hidden:4711\"",
            "proto=https",
            "for=203.0.113.7;for=198.51.100.1",
            "for",
            "for=\"[2001:db8::1\"",
            "for=[2001:db8::1]:99999x",
        ] {
            assert_eq!(forwarded(element), Some(vec!["-".into()]), "{element}");
        }
    }

    #[test]
    fn only_the_header_named_is_read() {
        let mut both = HeaderMap::new();
        both.insert(X_FORWARDED_FOR, HeaderValue::from_static("198.51.100.1"));
        both.insert(
            header::FORWARDED,
            HeaderValue::from_static("for=203.0.113.7"),
        );
        let ip = |text: &str| Some(vec![Some(text.parse().unwrap())]);
        assert_eq!(
            hops(&both, ForwardingHeader::XForwardedFor),
            ip("198.51.100.1")
        );
        assert_eq!(hops(&both, ForwardingHeader::Forwarded), ip("203.0.113.7"));
        assert_eq!(
            ForwardingHeader::parse(" Forwarded "),
            Some(ForwardingHeader::Forwarded)
        );
        assert_eq!(ForwardingHeader::parse("x-real-ip"), None);
    }

    #[test]
    fn an_unreadable_header_lists_nothing() {
        assert_eq!(forwarded("for=\"203.0.113.7"), None);
        assert_eq!(forwarded("for=\"203.0.113.7\\\""), None);
        let mut binary = HeaderMap::new();
        binary.insert(
            X_FORWARDED_FOR,
            HeaderValue::from_bytes(b"203.0.113.\xff").unwrap(),
        );
        assert_eq!(hops(&binary, ForwardingHeader::XForwardedFor), None);
    }
}
