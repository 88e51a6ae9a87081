//! Where a webhook may post: `http` or `https` addresses whose host is (or resolves only
//! to) global addresses, unless `SKILLS_WEBHOOK_ALLOW_PRIVATE` allows the rest — so nobody
//! who may register a webhook can make the server post into its own intranet (server-side
//! request forgery). Checked when a webhook is added and again at every connection: the
//! client resolves names through [`CheckedResolver`], which refuses before connecting, so
//! the address checked is the address connected to even if DNS changes in between.

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use url::Url;

/// Why a target was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    /// Not an absolute address.
    #[error("`{0}` is not an address such as https://portal.example.com/hooks/skills")]
    NotAnAddress(String),
    /// Another scheme than `http` or `https`.
    #[error("only http and https addresses may be webhooks, not {0}:")]
    Scheme(String),
    /// A user name or password in the address (it would be shown by `webhook list`).
    #[error("put no user name or password in a webhook's address: deliveries are signed instead")]
    Credentials,
    /// The host is or resolves to a loopback, private or other non-global address.
    #[error(
        "{} a {kind} address (SKILLS_WEBHOOK_ALLOW_PRIVATE=1 allows it)",
        if host.trim_matches(['[', ']']) == ip.to_string() {
            format!("{ip} is")
        } else {
            format!("{host} resolves to {ip},")
        }
    )]
    NotGlobal {
        /// The host as written.
        host: String,
        /// The address it is or resolved to.
        ip: IpAddr,
        /// What kind of address that is.
        kind: &'static str,
    },
    /// The name did not resolve.
    #[error("{host} does not resolve: {reason}")]
    Unresolved {
        /// The host.
        host: String,
        /// The resolver's answer.
        reason: String,
    },
}

/// An address a webhook may post to as far as its text says: absolute, `http(s)`, with a
/// host and no credentials. Where its host leads is checked by [`Target::addresses`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target(Url);

impl Target {
    /// Reads `text` as a target.
    pub fn parse(text: &str) -> Result<Self, TargetError> {
        let url = Url::parse(text.trim()).map_err(|_| TargetError::NotAnAddress(text.into()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(TargetError::Scheme(url.scheme().into()));
        }
        if url.host().is_none() {
            return Err(TargetError::NotAnAddress(text.into()));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(TargetError::Credentials);
        }
        Ok(Self(url))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The address.
    pub fn url(&self) -> &Url {
        &self.0
    }

    /// A host written as an IP address, checked (no resolver is asked for these, so the
    /// client's [`CheckedResolver`] never sees them); `Ok` for a name.
    pub fn check_literal(&self, allow_private: bool) -> Result<(), TargetError> {
        let ip = match self.0.host() {
            Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip),
            Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip),
            _ => return Ok(()),
        };
        check(&self.host(), ip, allow_private)
    }

    /// Every address the host is or resolves to, each checked: all of them must be allowed.
    pub async fn addresses(&self, allow_private: bool) -> Result<Vec<SocketAddr>, TargetError> {
        let port = self.0.port_or_known_default().unwrap_or(443);
        match self.0.host() {
            Some(url::Host::Ipv4(ip)) => {
                checked(&self.host(), vec![(ip, port).into()], allow_private)
            }
            Some(url::Host::Ipv6(ip)) => {
                checked(&self.host(), vec![(ip, port).into()], allow_private)
            }
            _ => resolve(&self.host(), port, allow_private).await,
        }
    }

    fn host(&self) -> String {
        self.0.host_str().unwrap_or_default().to_owned()
    }
}

/// Resolves `host` with tokio and checks every address it answered.
pub async fn resolve(
    host: &str,
    port: u16,
    allow_private: bool,
) -> Result<Vec<SocketAddr>, TargetError> {
    let found = tokio::net::lookup_host((host, port))
        .await
        .map_err(|err| TargetError::Unresolved {
            host: host.into(),
            reason: err.to_string(),
        })?
        .collect();
    checked(host, found, allow_private)
}

/// `addresses` if every one is allowed and there is one.
fn checked(
    host: &str,
    addresses: Vec<SocketAddr>,
    allow_private: bool,
) -> Result<Vec<SocketAddr>, TargetError> {
    if addresses.is_empty() {
        return Err(TargetError::Unresolved {
            host: host.into(),
            reason: "no address".into(),
        });
    }
    for address in &addresses {
        check(host, address.ip(), allow_private)?;
    }
    Ok(addresses)
}

fn check(host: &str, ip: IpAddr, allow_private: bool) -> Result<(), TargetError> {
    match (allow_private, not_global(ip)) {
        (false, Some(kind)) => Err(TargetError::NotGlobal {
            host: host.into(),
            ip,
            kind,
        }),
        _ => Ok(()),
    }
}

/// What kind of non-global address `ip` is, or `None` for a global one. (The standard
/// library's `is_global` is not stable yet; this follows IANA's special-purpose registries.)
pub fn not_global(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(ip) => not_global_v4(ip),
        IpAddr::V6(ip) => not_global_v6(ip),
    }
}

fn not_global_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    Some(match (a, b, c) {
        (0, ..) => "unspecified (\"this network\")",
        (127, ..) => "loopback",
        (10, ..) | (172, 16..=31, _) | (192, 168, _) => "private",
        (169, 254, _) => "link-local",
        (100, 64..=127, _) => "shared (carrier-grade NAT)",
        (192, 0, 0) => "protocol assignment",
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => "documentation",
        (198, 18..=19, _) => "benchmarking",
        (224..=239, ..) => "multicast",
        (240..=255, ..) => "reserved or broadcast",
        _ => return None,
    })
}

fn not_global_v6(ip: Ipv6Addr) -> Option<&'static str> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return not_global_v4(v4);
    }
    let segments = ip.segments();
    let last_32 = Ipv4Addr::from((u32::from(segments[6]) << 16) | u32::from(segments[7]));
    Some(match segments {
        [0, 0, 0, 0, 0, 0, 0, 0] => "unspecified",
        [0, 0, 0, 0, 0, 0, 0, 1] => "loopback",
        [0, 0, 0, 0, 0, 0, _, _] => "IPv4-compatible (deprecated)",
        // NAT64 leads to the IPv4 address in its last 32 bits.
        [0x64, 0xff9b, 0, 0, 0, 0, _, _] => return not_global_v4(last_32),
        [0x100, 0, 0, 0, ..] => "discard-only",
        [0x2001, 0x0db8, ..] => "documentation",
        [0x2001, 0..=0x01ff, ..] => "protocol assignment",
        [0x2002, ..] => {
            // 6to4 leads to the IPv4 address in its second and third segments.
            let v4 = Ipv4Addr::from((u32::from(segments[1]) << 16) | u32::from(segments[2]));
            return not_global_v4(v4);
        }
        [first, ..] if first & 0xfe00 == 0xfc00 => "unique-local",
        [first, ..] if first & 0xffc0 == 0xfe80 => "link-local",
        [first, ..] if first & 0xffc0 == 0xfec0 => "site-local",
        [first, ..] if first & 0xff00 == 0xff00 => "multicast",
        _ => return None,
    })
}

/// The DNS resolver of the delivery client: tokio's, with every answer checked by
/// [`resolve`], so the client connects only to addresses allowed at that moment.
#[derive(Debug, Clone, Copy)]
pub struct CheckedResolver {
    /// `SKILLS_WEBHOOK_ALLOW_PRIVATE`.
    pub allow_private: bool,
}

impl Resolve for CheckedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            // The client sets the port itself; 0 only fills the pair.
            let found = resolve(name.as_str(), 0, allow_private).await?;
            Ok(Box::new(found.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
#[expect(
    clippy::unwrap_used,
    reason = "a test fails by panicking; the workspace lint guards request paths"
)]
mod tests {
    use super::*;

    fn refused(text: &str) -> TargetError {
        match Target::parse(text) {
            Ok(target) => target.check_literal(false).unwrap_err(),
            Err(err) => err,
        }
    }

    #[test]
    fn only_http_and_https_addresses_without_credentials_are_targets() {
        assert_eq!(
            refused("ftp://example.com/x"),
            TargetError::Scheme("ftp".into())
        );
        assert_eq!(
            refused("file:///etc/passwd"),
            TargetError::Scheme("file".into())
        );
        assert!(matches!(
            refused("example.com/hooks"),
            TargetError::NotAnAddress(_)
        ));
        assert_eq!(
            refused("https://user:pw@example.com/"),
            TargetError::Credentials
        );
        assert!(Target::parse("https://portal.example.com/hooks?team=7").is_ok());
    }

    #[test]
    fn loopback_private_and_link_local_literals_are_refused_unless_allowed() {
        for text in [
            "http://127.0.0.1:8080/",
            "http://10.0.0.1",
            "http://[::1]/",
            "http://192.168.1.1",
            "http://172.20.0.1",
            "http://169.254.169.254/latest/meta-data",
            "http://100.64.0.1",
            "http://0.0.0.0",
            "http://[fd00::1]",
            "http://[fe80::1]",
            "http://[::ffff:127.0.0.1]",
            "http://[::]",
        ] {
            assert!(
                matches!(refused(text), TargetError::NotGlobal { .. }),
                "{text}"
            );
            let target = Target::parse(text).unwrap();
            assert_eq!(target.check_literal(true), Ok(()), "{text}");
        }
    }

    #[test]
    fn global_addresses_are_allowed() {
        for ip in ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450::1"] {
            assert_eq!(not_global(ip.parse().unwrap()), None, "{ip}");
        }
        for (ip, kind) in [
            ("100.127.255.255", "shared (carrier-grade NAT)"),
            ("64:ff9b::a00:1", "private"),
            ("2002:c0a8:101::1", "private"),
            ("2001:db8::1", "documentation"),
            ("ff02::1", "multicast"),
        ] {
            assert_eq!(not_global(ip.parse().unwrap()), Some(kind), "{ip}");
        }
        assert_eq!(not_global("64:ff9b::808:808".parse().unwrap()), None);
    }

    #[tokio::test]
    async fn a_name_that_resolves_to_loopback_is_refused_unless_allowed() {
        let target = Target::parse("http://localhost:9/hook").unwrap();
        assert!(matches!(
            target.addresses(false).await,
            Err(TargetError::NotGlobal {
                kind: "loopback",
                ..
            })
        ));
        let allowed = target.addresses(true).await.unwrap();
        assert!(allowed
            .iter()
            .all(|a| a.ip().is_loopback() && a.port() == 9));
    }
}
