//! The guard against server-side request forgery: webhooks reach the public
//! internet only. A URL is refused when its host resolves to an address of the
//! service's own networks (loopback, private, link-local, carrier-grade NAT,
//! multicast, unspecified, reserved, or such an address inside IPv6), both when an
//! administrator saves it and again at every try; at a try the client connects only
//! to the addresses this check let through, so a name that resolves to a public
//! address when saved and to a private one later (DNS rebinding) reaches nothing.
//! `WEBHOOK_ALLOW_PRIVATE=true` lifts the guard (tests; endpoints on one's own
//! network).

use std::{
    net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr},
    sync::Arc,
};

use reqwest::{
    Url,
    dns::{Addrs, Name, Resolve, Resolving},
};

use crate::error::{AppError, AppResult};

/// Whether private addresses may be reached.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AddressPolicy {
    pub allow_private: bool,
}

impl AddressPolicy {
    fn permits(self, ip: IpAddr) -> bool {
        self.allow_private || is_public(ip)
    }
}

/// Whether `ip` is an address on the public internet.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let reserved = ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_documentation()
        // 0.0.0.0/8: "this network".
        || a == 0
        // 100.64.0.0/10: carrier-grade NAT, the provider's side of the network.
        || (a == 100 && (64..128).contains(&b))
        // 192.0.0.0/24: protocol assignments.
        || (a == 192 && b == 0 && c == 0)
        // 198.18.0.0/15: benchmarking.
        || (a == 198 && (b == 18 || b == 19))
        // 240.0.0.0/4: reserved.
        || a >= 240;
    !reserved
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let s = ip.segments();
    // 64:ff9b::/96, NAT64: the IPv4 address in its last 32 bits is what is reached.
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return is_public_v4(Ipv4Addr::new(
            (s[6] >> 8) as u8,
            s[6] as u8,
            (s[7] >> 8) as u8,
            s[7] as u8,
        ));
    }
    // 2002::/16, 6to4: the IPv4 address in bits 16 to 48.
    if s[0] == 0x2002 {
        return is_public_v4(Ipv4Addr::new(
            (s[1] >> 8) as u8,
            s[1] as u8,
            (s[2] >> 8) as u8,
            s[2] as u8,
        ));
    }
    let reserved = ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        // ::/96, IPv4-compatible (deprecated): never a public destination.
        || s[..6] == [0; 6]
        // fc00::/7: unique local.
        || (s[0] & 0xfe00) == 0xfc00
        // fe80::/10: link-local; fec0::/10: the old site-local.
        || (s[0] & 0xffc0) == 0xfe80
        || (s[0] & 0xffc0) == 0xfec0
        // 2001:db8::/32: documentation.
        || (s[0] == 0x2001 && s[1] == 0x0db8);
    !reserved
}

/// Checks a webhook's (or hub's) URL given in `field`: an absolute `http` or
/// `https` URL whose host resolves, under `policy`, only to addresses that may be
/// reached.
pub async fn check_url(raw: &str, field: &str, policy: AddressPolicy) -> AppResult<Url> {
    let raw = raw.trim();
    let url = Url::parse(raw)
        .map_err(|_| AppError::bad_input(field, "not an absolute URL (http:// or https://)"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(AppError::bad_input(
            field,
            "the scheme must be http or https",
        ));
    }
    if raw.len() > 2048 {
        return Err(AppError::bad_input(field, "at most 2048 characters"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(AppError::bad_input(
            field,
            "credentials do not belong in the URL: messages are signed",
        ));
    }
    let Some(host) = url.host_str() else {
        return Err(AppError::bad_input(field, "the URL has no host"));
    };
    let port = url.port_or_known_default().unwrap_or(80);
    let addrs: Vec<IpAddr> = match host_ip(&url) {
        Some(ip) => vec![ip],
        None => tokio::net::lookup_host((host, port))
            .await
            .map_err(|_| AppError::bad_input(field, "the host does not resolve"))?
            .map(|a| a.ip())
            .collect(),
    };
    if addrs.is_empty() {
        return Err(AppError::bad_input(field, "the host does not resolve"));
    }
    if let Some(ip) = addrs.iter().find(|ip| !policy.permits(**ip)) {
        return Err(AppError::bad_input(
            field,
            format!(
                "the host resolves to {ip}, an address of a private, loopback, link-local or otherwise reserved network, which webhooks may not reach"
            ),
        ));
    }
    Ok(url)
}

/// The address a URL names literally, if it does.
pub fn host_ip(url: &Url) -> Option<IpAddr> {
    match url.host()? {
        url::Host::Ipv4(ip) => Some(IpAddr::V4(ip)),
        url::Host::Ipv6(ip) => Some(IpAddr::V6(ip)),
        url::Host::Domain(_) => None,
    }
}

/// A name resolved only to addresses that may not be reached.
#[derive(Debug, thiserror::Error)]
#[error("{0} resolves only to addresses webhooks may not reach")]
pub struct RefusedAddress(pub String);

/// The HTTP client's resolver: the system's, keeping only the addresses `policy`
/// permits. The client connects only to what this returns.
#[derive(Debug, Clone, Copy)]
pub struct GuardedResolver(pub AddressPolicy);

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.0;
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|a| policy.permits(a.ip()))
                .collect();
            if found.is_empty() {
                return Err(Box::new(RefusedAddress(host)) as _);
            }
            Ok(Box::new(found.into_iter()) as Addrs)
        })
    }
}

impl GuardedResolver {
    pub fn shared(policy: AddressPolicy) -> Arc<GuardedResolver> {
        Arc::new(GuardedResolver(policy))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(s: &str) -> bool {
        is_public(s.parse().unwrap())
    }

    #[test]
    fn internal_addresses_are_not_public() {
        for ip in [
            "127.0.0.1",
            "127.255.0.9",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.254",
            "0.0.0.0",
            "0.1.2.3",
            "224.0.0.1",
            "239.255.255.250",
            "255.255.255.255",
            "240.0.0.1",
            "198.18.0.1",
            "::",
            "::1",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::a00:1",
            "2002:c0a8:101::1",
            "::127.0.0.1",
            "2001:db8::1",
        ] {
            assert!(!public(ip), "{ip} is refused");
        }
    }

    #[test]
    fn internet_addresses_are_public() {
        for ip in [
            "8.8.8.8",
            "1.1.1.1",
            "100.63.255.255",
            "100.128.0.1",
            "172.32.0.1",
            "192.169.0.1",
            "2a00:1450:4001::1",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
        ] {
            assert!(public(ip), "{ip} is allowed");
        }
    }

    #[tokio::test]
    async fn urls_are_checked_by_where_they_lead() {
        let strict = AddressPolicy::default();
        for url in [
            "http://127.0.0.1:9000/hook",
            "http://localhost/hook",
            "http://[::1]/hook",
            "http://[::ffff:7f00:1]/hook",
            "http://10.0.0.5/",
            "http://169.254.169.254/latest/meta-data",
        ] {
            let refused = check_url(url, "input.url", strict).await.unwrap_err();
            assert!(
                matches!(&refused, AppError::BadInput(e) if e.field == "input.url"),
                "{url}: {refused:?}"
            );
        }
        for url in ["ftp://example.com/", "not a url", "http://user:pw@8.8.8.8/"] {
            assert!(check_url(url, "input.url", strict).await.is_err(), "{url}");
        }
        assert!(
            check_url("https://8.8.8.8/hook", "input.url", strict)
                .await
                .is_ok()
        );
        let open = AddressPolicy {
            allow_private: true,
        };
        assert!(
            check_url("http://127.0.0.1:9000/hook", "input.url", open)
                .await
                .is_ok()
        );
    }
}
