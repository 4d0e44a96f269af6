//! Who the client is. Behind a reverse proxy every connection comes from the proxy,
//! so the client's address is read from the proxy's `Forwarded` or `X-Forwarded-For`
//! header ([`super::forwarding`]), but only on connections from a proxy
//! TRUSTED_PROXIES names: anyone else could write those headers to pass for someone
//! else.
//!
//! Every rule keyed by address (flood control and the hourly cap of comments, the
//! sign-in and registration limits, the address hash kept with a comment) and the
//! request log take the address from here, through [`ClientAddr`].

use std::{
    net::{IpAddr, SocketAddr},
    sync::Arc,
};

use axum::{
    extract::{ConnectInfo, FromRequestParts, Request, State, connect_info::MockConnectInfo},
    http::{HeaderMap, request::Parts},
    middleware::Next,
    response::Response,
};
use ipnet::IpNet;

pub use crate::http::forwarding::ForwardingHeader;
use crate::{error::AppError, http::forwarding};

/// The reverse proxies whose forwarding header is believed, and which header that is.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies {
    networks: Arc<[IpNet]>,
    header: ForwardingHeader,
}

impl TrustedProxies {
    /// Believes `header` from proxies in `networks`.
    pub fn new(networks: &[IpNet], header: ForwardingHeader) -> Self {
        TrustedProxies {
            networks: networks.into(),
            header,
        }
    }

    fn contains(&self, ip: IpAddr) -> bool {
        self.networks.iter().any(|net| net.contains(&ip))
    }

    /// The client of a request that came from `peer` with `headers`.
    ///
    /// From a trusted peer, the forwarding hops are walked from the right, the one
    /// nearest to the service, past every trusted proxy: the first hop that is not
    /// one is the client, as the last proxy we trust saw it; whatever lies further
    /// left was written by the client and is not believed. A chain of trusted
    /// proxies only names its left-most. A header that cannot be read, or a deciding
    /// hop with no usable address (`for=unknown`, an obfuscated name, garbage),
    /// leaves the peer as the client: a malformed header is never an error.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.contains(peer) {
            return peer;
        }
        forwarding::hops(headers, self.header)
            .and_then(|hops| self.walk(hops))
            .unwrap_or(peer)
    }

    /// The client among `hops`, listed from the client's end; `None` when the
    /// deciding hop has no usable address, or there is no hop.
    fn walk(&self, hops: Vec<Option<IpAddr>>) -> Option<IpAddr> {
        let mut leftmost = None;
        for hop in hops.into_iter().rev() {
            let ip = hop?.to_canonical();
            if !self.contains(ip) {
                return Some(ip);
            }
            leftmost = Some(ip);
        }
        leftmost
    }
}

/// The client's address, as [`TrustedProxies::client`] finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

/// Finds the client of every request once, before anything logs or reads it.
pub async fn resolve(
    State(trusted): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    // As axum's `ConnectInfo` extractor does, a `MockConnectInfo` layer (an app
    // driven without a socket) stands in for the connection's.
    let extensions = request.extensions();
    let peer = extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(peer)| *peer)
        .or_else(|| {
            extensions
                .get::<MockConnectInfo<SocketAddr>>()
                .map(|MockConnectInfo(peer)| *peer)
        });
    if let Some(peer) = peer {
        let client = trusted.client(peer.ip(), request.headers());
        request.extensions_mut().insert(ClientAddr(client));
    }
    next.run(request).await
}

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parts
            .extensions
            .get::<ClientAddr>()
            .copied()
            .ok_or_else(|| {
                AppError::Internal(
                    "no client address: the service is served without the peer's address".into(),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderName, HeaderValue};

    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    /// Proxies in 10.0.0.0/8 and 2001:db8:ffff::/48.
    fn proxies() -> TrustedProxies {
        let networks: Vec<IpNet> = ["10.0.0.0/8", "2001:db8:ffff::/48"]
            .iter()
            .map(|n| n.parse().unwrap())
            .collect();
        TrustedProxies::new(&networks, ForwardingHeader::XForwardedFor)
    }

    /// The client `trusted` finds for a request from `peer` with `headers`.
    fn client(trusted: &TrustedProxies, peer: &str, headers: &[(&str, &str)]) -> IpAddr {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.append(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        trusted.client(ip(peer), &map)
    }

    /// The client behind the proxy 10.0.0.1 when it sends this `X-Forwarded-For`.
    fn xff(chain: &str) -> IpAddr {
        client(&proxies(), "10.0.0.1", &[("x-forwarded-for", chain)])
    }

    /// The client behind the proxy 10.0.0.1 when it sends this `Forwarded`, and
    /// that is the header it writes.
    fn fwd(value: &str) -> IpAddr {
        let trusted = TrustedProxies {
            header: ForwardingHeader::Forwarded,
            ..proxies()
        };
        client(&trusted, "10.0.0.1", &[("forwarded", value)])
    }

    #[test]
    fn without_headers_the_peer_is_the_client() {
        assert_eq!(client(&proxies(), "10.0.0.1", &[]), ip("10.0.0.1"));
        assert_eq!(
            client(&TrustedProxies::default(), "203.0.113.7", &[]),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn an_untrusted_peer_cannot_name_another_client() {
        let forged = [
            ("x-forwarded-for", "198.51.100.1"),
            ("forwarded", "for=198.51.100.1"),
        ];
        assert_eq!(
            client(&proxies(), "203.0.113.7", &forged),
            ip("203.0.113.7")
        );
        assert_eq!(
            client(&TrustedProxies::default(), "127.0.0.1", &forged[..1]),
            ip("127.0.0.1"),
            "no proxy is trusted unless configured"
        );
    }

    #[test]
    fn a_trusted_peer_names_the_right_most_untrusted_hop() {
        assert_eq!(xff("203.0.113.7"), ip("203.0.113.7"));
        // What the client wrote itself lies left of what our proxy appended.
        assert_eq!(xff("198.51.100.1, 203.0.113.7"), ip("203.0.113.7"));
        assert_eq!(xff("not an address, 203.0.113.7"), ip("203.0.113.7"));
    }

    #[test]
    fn several_trusted_hops_are_passed_over() {
        assert_eq!(
            xff("198.51.100.1, 203.0.113.7, 10.2.0.1, 2001:db8:ffff::5"),
            ip("203.0.113.7")
        );
        assert_eq!(
            fwd("for=198.51.100.1, for=\"[2001:db8::1]:4711\";proto=https, for=10.2.0.1"),
            ip("2001:db8::1")
        );
    }

    #[test]
    fn a_chain_of_trusted_proxies_names_its_left_most() {
        assert_eq!(xff("10.9.9.9, 2001:db8:ffff::5, 10.2.0.1"), ip("10.9.9.9"));
    }

    #[test]
    fn forwarded_with_quotes_ipv6_and_ports_names_the_client() {
        assert_eq!(fwd("for=\"203.0.113.7:4711\""), ip("203.0.113.7"));
        assert_eq!(fwd("for=\"[2001:db8::1]:4711\""), ip("2001:db8::1"));
        assert_eq!(
            fwd("for=\"[::ffff:203.0.113.7]\""),
            ip("203.0.113.7"),
            "an IPv4-mapped address is the IPv4 one"
        );
    }

    #[test]
    fn a_client_s_own_forwarded_is_not_read_behind_a_proxy_writing_x_forwarded_for() {
        let both = [
            ("x-forwarded-for", "198.51.100.1"),
            ("forwarded", "for=203.0.113.7"),
        ];
        assert_eq!(client(&proxies(), "10.0.0.1", &both), ip("198.51.100.1"));
    }

    #[test]
    fn a_deciding_hop_without_a_usable_address_leaves_the_peer() {
        for value in ["for=unknown", "for=_hidden", "proto=https"] {
            assert_eq!(fwd(value), ip("10.0.0.1"), "{value}");
        }
        // Behind it, nothing further left is believed.
        assert_eq!(fwd("for=203.0.113.7, for=unknown"), ip("10.0.0.1"));
        assert_eq!(xff("203.0.113.7, garbage, 10.2.0.1"), ip("10.0.0.1"));
    }

    #[test]
    fn a_malformed_header_leaves_the_peer() {
        assert_eq!(fwd("for=\"203.0.113.7"), ip("10.0.0.1"));
        assert_eq!(fwd(""), ip("10.0.0.1"));
        assert_eq!(xff(" , "), ip("10.0.0.1"));
    }

    #[test]
    fn an_ipv4_peer_seen_through_an_ipv6_socket_is_trusted_by_its_ipv4_address() {
        assert_eq!(
            client(
                &proxies(),
                "::ffff:10.0.0.1",
                &[("x-forwarded-for", "203.0.113.7")]
            ),
            ip("203.0.113.7")
        );
        assert_eq!(
            client(&proxies(), "::ffff:203.0.113.7", &[]),
            ip("203.0.113.7")
        );
    }
}
