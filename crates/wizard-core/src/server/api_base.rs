//! Where the wizard may send credentials: the API base judged on the URL the
//! browser itself resolves it to.
//!
//! String splitting and the browser disagree on URLs such as
//! `http://evil.example\@localhost` or `/\evil.example`, so nothing here looks
//! inside the text the user or a link gave: a [`UrlResolver`] (the browser's
//! WHATWG parser in the page, the `url` crate in native tests) turns it into a
//! [`ParsedUrl`], and the rules read only the parsed parts.

use crate::server::ConfigError;

/// The parts of a URL the judgement reads, as a WHATWG parser serialises them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedUrl {
    /// The scheme with its colon, lower case: `https:`.
    pub protocol: String,
    /// The host without the port: IPv4 in dotted decimal, IPv6 in brackets,
    /// names in lower-case ASCII (punycode).
    pub hostname: String,
    /// `scheme://host[:port]`, or `null` for an opaque origin.
    pub origin: String,
    /// The path, percent-encoded as the parser leaves it.
    pub pathname: String,
    /// The URL names a user or a password (`https://user@host`).
    pub has_credentials: bool,
}

/// Resolves text against a base URL, as the browser does.
pub trait UrlResolver {
    /// `input` resolved against the absolute URL `base`, or `None` when the
    /// parser fails.
    fn resolve(&self, input: &str, base: &str) -> Option<ParsedUrl>;
}

/// Who chose the API base: the host (trusted: `config.json`, the embedding
/// console's options) or a link to the page (untrusted: its URL parameters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BaseSource {
    /// Written by whoever installed or embedded the wizard.
    #[default]
    Host,
    /// Taken from the page's URL, which anyone can craft and send.
    Link,
}

/// Decides where API requests go: the absolute base (origin and path, no
/// trailing slash, no query) or why the wizard must not start.
///
/// - The base is resolved against `page` (the page's own URL), so an empty
///   base means the page's origin and `/vb365` a path on it.
/// - Only `http:` and `https:` are accepted, without a user name or password.
/// - From a [`BaseSource::Link`], the origin must be the page's own or one of
///   `allowed` (the host's `allowedApiOrigins`).
/// - Plain HTTP only to this computer (loopback), where nothing crosses a
///   network.
pub fn judge_api_base(
    raw: &str,
    source: BaseSource,
    page: &str,
    allowed: &[String],
    resolver: &impl UrlResolver,
) -> Result<String, ConfigError> {
    let page_url = resolver
        .resolve(page, page)
        .filter(is_web)
        .ok_or_else(|| ConfigError::PageNotOnTheWeb(page.to_owned()))?;
    let raw = raw.trim();
    let target = if raw.is_empty() {
        ParsedUrl {
            pathname: String::new(),
            ..page_url.clone()
        }
    } else {
        resolver
            .resolve(raw, page)
            .filter(is_web)
            .ok_or_else(|| ConfigError::BadApiBase(raw.to_owned()))?
    };
    if target.has_credentials {
        return Err(ConfigError::CredentialsInApiBase(raw.to_owned()));
    }
    if source == BaseSource::Link && target.origin != page_url.origin {
        let listed = allowed_origins(allowed, page, resolver)?;
        if !listed.contains(&target.origin) {
            return Err(ConfigError::OriginNotAllowed {
                given: raw.to_owned(),
                origin: target.origin,
            });
        }
    }
    check_transport(&target)?;
    Ok(format!(
        "{}{}",
        target.origin,
        target.pathname.trim_end_matches('/')
    ))
}

/// The host's `allowedApiOrigins`, each checked to be an origin (no path) the
/// wizard could use, in the parser's serialisation so they compare exactly.
fn allowed_origins(
    allowed: &[String],
    page: &str,
    resolver: &impl UrlResolver,
) -> Result<Vec<String>, ConfigError> {
    allowed
        .iter()
        .map(|entry| {
            let bad = || ConfigError::BadAllowedOrigin(entry.clone());
            let url = resolver
                .resolve(entry.trim(), page)
                .filter(is_web)
                .filter(|u| !u.has_credentials && u.pathname == "/")
                .ok_or_else(bad)?;
            // Relative entries would silently mean the page's own origin.
            if !entry.trim().to_ascii_lowercase().starts_with(&url.protocol) {
                return Err(bad());
            }
            check_transport(&url).map_err(|_| bad())?;
            Ok(url.origin)
        })
        .collect()
}

/// HTTPS anywhere; plain HTTP only to this computer.
fn check_transport(url: &ParsedUrl) -> Result<(), ConfigError> {
    if url.protocol == "https:" || is_loopback(&url.hostname) {
        Ok(())
    } else {
        Err(ConfigError::InsecureApiBase(url.origin.clone()))
    }
}

fn is_web(url: &ParsedUrl) -> bool {
    matches!(url.protocol.as_str(), "http:" | "https:") && !url.hostname.is_empty()
}

/// Loopback as the Secure Contexts specification counts it, on a hostname
/// the parser has already normalised (so `127.1` arrives as `127.0.0.1`).
/// IPv4-mapped IPv6 (`[::ffff:7f00:1]`) is not counted, as browsers do not.
fn is_loopback(hostname: &str) -> bool {
    let name = hostname.strip_suffix('.').unwrap_or(hostname);
    if name == "localhost" || name.ends_with(".localhost") || hostname == "[::1]" {
        return true;
    }
    let parts: Vec<&str> = hostname.split('.').collect();
    parts.len() == 4
        && parts[0] == "127"
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `url` crate implements the same WHATWG parser as the browser.
    struct Whatwg;

    impl UrlResolver for Whatwg {
        fn resolve(&self, input: &str, base: &str) -> Option<ParsedUrl> {
            let base = url::Url::parse(base).ok()?;
            let url = base.join(input).ok()?;
            Some(ParsedUrl {
                protocol: format!("{}:", url.scheme()),
                hostname: url.host_str().unwrap_or_default().to_owned(),
                origin: url.origin().ascii_serialization(),
                pathname: url.path().to_owned(),
                has_credentials: !url.username().is_empty() || url.password().is_some(),
            })
        }
    }

    const PAGE: &str = "https://setup.example/console/wizard/index.html?apiBase=x";

    fn link(raw: &str) -> Result<String, ConfigError> {
        judge_api_base(raw, BaseSource::Link, PAGE, &[], &Whatwg)
    }

    fn host(raw: &str, page: &str) -> Result<String, ConfigError> {
        judge_api_base(raw, BaseSource::Host, page, &[], &Whatwg)
    }

    fn refused_origin(result: Result<String, ConfigError>) -> String {
        match result {
            Err(ConfigError::OriginNotAllowed { origin, .. }) => origin,
            other => panic!("expected a refused origin, got {other:?}"),
        }
    }

    #[test]
    fn a_link_may_choose_a_path_on_the_page_origin() {
        for (raw, base) in [
            ("", "https://setup.example"),
            ("   ", "https://setup.example"),
            ("/vb365", "https://setup.example/vb365"),
            ("/vb365/", "https://setup.example/vb365"),
            ("vb365", "https://setup.example/console/wizard/vb365"),
            ("https://setup.example/api", "https://setup.example/api"),
            ("HTTPS://SETUP.EXAMPLE:443/api", "https://setup.example/api"),
            // Percent-encoded slashes stay in the path, on this origin.
            (
                "/%2F%2Fevil.example",
                "https://setup.example/%2F%2Fevil.example",
            ),
            ("/api?x=1#y", "https://setup.example/api"),
        ] {
            assert_eq!(link(raw).as_deref(), Ok(base), "{raw:?}");
        }
    }

    #[test]
    fn a_link_cannot_choose_another_origin() {
        for (raw, origin) in [
            (
                "https://somewhere-else.example/",
                "https://somewhere-else.example",
            ),
            ("//evil.example", "https://evil.example"),
            ("/\\evil.example", "https://evil.example"),
            ("\\\\evil.example", "https://evil.example"),
            ("https:\\\\evil.example", "https://evil.example"),
            (
                "https://setup.example.evil.example",
                "https://setup.example.evil.example",
            ),
            ("https://setup.example:4443", "https://setup.example:4443"),
            ("http://setup.example", "http://setup.example"),
            ("https://%65vil.example", "https://evil.example"),
            (
                "https://xn--bcher-kva.example",
                "https://xn--bcher-kva.example",
            ),
            ("https://bücher.example", "https://xn--bcher-kva.example"),
            ("HTTPS://EVIL.EXAMPLE", "https://evil.example"),
            ("http://localhost:4443", "http://localhost:4443"),
            ("http://127.1:4443", "http://127.0.0.1:4443"),
        ] {
            assert_eq!(refused_origin(link(raw)), origin, "{raw:?}");
        }
    }

    #[test]
    fn backslashes_and_user_info_are_read_as_the_browser_reads_them() {
        // The text after `@` looks like loopback; the browser goes to evil.example.
        assert_eq!(
            refused_origin(link("http://evil.example\\@localhost:4443")),
            "http://evil.example"
        );
        assert_eq!(
            host("http://evil.example\\@localhost:4443", PAGE),
            Err(ConfigError::InsecureApiBase("http://evil.example".into()))
        );
        for raw in [
            "https://a@b.example",
            "https://user:pw@setup.example/api",
            "http://x@localhost:4443",
        ] {
            assert_eq!(
                host(raw, PAGE),
                Err(ConfigError::CredentialsInApiBase(raw.into())),
                "{raw}"
            );
        }
        // `a\@b` on a special scheme: the backslash ends the host.
        assert_eq!(refused_origin(link("https://a\\@b.example")), "https://a");
    }

    #[test]
    fn only_web_addresses() {
        for raw in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/plain,x",
            "blob:https://setup.example/0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90",
            "ftp://setup.example",
            "file:///etc/passwd",
            "vb365:4443",
            "https://",
            "http://[::1",
        ] {
            assert_eq!(link(raw), Err(ConfigError::BadApiBase(raw.into())), "{raw}");
            assert_eq!(host(raw, PAGE), Err(ConfigError::BadApiBase(raw.into())));
        }
        assert!(matches!(
            host("", "file:///C:/wizard/index.html"),
            Err(ConfigError::PageNotOnTheWeb(_))
        ));
    }

    #[test]
    fn plain_http_only_to_this_computer() {
        let page = "http://127.0.0.1:8080/";
        for (raw, base) in [
            ("", "http://127.0.0.1:8080"),
            ("http://localhost:4443", "http://localhost:4443"),
            ("http://LOCALHOST.:4443/x", "http://localhost.:4443/x"),
            ("http://vb365.localhost", "http://vb365.localhost"),
            ("http://127.1:4443", "http://127.0.0.1:4443"),
            ("http://0x7f.1", "http://127.0.0.1"),
            ("http://2130706433", "http://127.0.0.1"),
            ("http://127.255.0.9", "http://127.255.0.9"),
            ("http://[::1]:4443", "http://[::1]:4443"),
            ("http://[0:0:0:0:0:0:0:1]", "http://[::1]"),
            ("https://vb365.example:4443", "https://vb365.example:4443"),
        ] {
            assert_eq!(host(raw, page).as_deref(), Ok(base), "{raw}");
        }
        for (raw, origin) in [
            ("http://vb365.example:4443", "http://vb365.example:4443"),
            ("http://[::ffff:127.0.0.1]", "http://[::ffff:7f00:1]"),
            (
                "http://127.0.0.1.evil.example",
                "http://127.0.0.1.evil.example",
            ),
            (
                "http://localhost.evil.example",
                "http://localhost.evil.example",
            ),
            ("http://10.0.0.5", "http://10.0.0.5"),
            ("http://128.0.0.1", "http://128.0.0.1"),
        ] {
            assert_eq!(
                host(raw, page),
                Err(ConfigError::InsecureApiBase(origin.into())),
                "{raw}"
            );
        }
        assert_eq!(
            host("/api", "http://console.example/"),
            Err(ConfigError::InsecureApiBase(
                "http://console.example".into()
            ))
        );
    }

    #[test]
    fn the_host_may_allow_origins_for_links() {
        let allowed = vec![
            "https://vb365.example.com:4443".to_owned(),
            "https://BÜCHER.example/".to_owned(),
        ];
        let judge = |raw: &str| judge_api_base(raw, BaseSource::Link, PAGE, &allowed, &Whatwg);
        assert_eq!(
            judge("https://vb365.example.com:4443/").as_deref(),
            Ok("https://vb365.example.com:4443")
        );
        assert_eq!(
            judge("https://VB365.example.com:4443/api").as_deref(),
            Ok("https://vb365.example.com:4443/api")
        );
        assert_eq!(
            judge("https://xn--bcher-kva.example").as_deref(),
            Ok("https://xn--bcher-kva.example")
        );
        assert_eq!(
            refused_origin(judge("https://vb365.example.com")),
            "https://vb365.example.com"
        );
        for bad in [
            "vb365.example.com",
            "/api",
            "https://vb365.example.com/api",
            "http://vb365.example.com",
            "javascript:alert(1)",
            "https://u@vb365.example.com",
        ] {
            let allowed = vec![bad.to_owned()];
            assert_eq!(
                judge_api_base(
                    "https://x.example",
                    BaseSource::Link,
                    PAGE,
                    &allowed,
                    &Whatwg
                ),
                Err(ConfigError::BadAllowedOrigin(bad.into())),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_host_may_name_any_https_origin() {
        assert_eq!(
            host("https://vb365.example:4443/", PAGE).as_deref(),
            Ok("https://vb365.example:4443")
        );
        assert_eq!(
            host("//vb365.example", PAGE).as_deref(),
            Ok("https://vb365.example")
        );
    }

    #[test]
    fn refusals_name_the_address() {
        let message = link("https://somewhere-else.example/x")
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("https://somewhere-else.example"),
            "{message}"
        );
        assert!(message.contains("allowedApiOrigins"), "{message}");
        assert!(message.contains("config.json"), "{message}");
    }
}
