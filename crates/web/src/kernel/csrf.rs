//! Mã chống giả mạo yêu cầu (CSRF token) — a form token bound to one subject.
//!
//! The token is `base64url(HMAC-SHA256(secret, "daihoi-csrf:" + subject))`. The subject is the
//! visitor id (public forms such as the rating) or the session id (administration forms), so a
//! token copied from another visitor's page does not verify. No server-side state is needed, which
//! keeps several instances behind a load balancer in agreement as long as they share the secret
//! (it lives in the database).

use axum::http::uri::Authority;
use axum::http::{HeaderMap, Uri, header};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Domain separation so a CSRF token can never be mistaken for another HMAC made with the secret.
const CONTEXT: &[u8] = b"daihoi-csrf:";

fn mac(secret: &[u8], subject: &str) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC accepts keys of any length");
    mac.update(CONTEXT);
    mac.update(subject.as_bytes());
    mac
}

/// Issues the token for `subject` (visitor id or session id), to put in the hidden `csrf_token`
/// field of a form.
pub fn issue(secret: &[u8], subject: &str) -> String {
    URL_SAFE_NO_PAD.encode(mac(secret, subject).finalize().into_bytes())
}

/// Checks a submitted token against `subject` in constant time. An empty subject never verifies.
pub fn verify(secret: &[u8], subject: &str, token: &str) -> bool {
    if subject.is_empty() {
        return false;
    }
    let Ok(bytes) = URL_SAFE_NO_PAD.decode(token.trim()) else {
        return false;
    };
    mac(secret, subject).verify_slice(&bytes).is_ok()
}

/// Domain separation of the stamped tokens ([`issue_stamped`]).
const STAMP_CONTEXT: &[u8] = b"daihoi-stamp:";

/// Longest stamped token accepted (a Unix time and a MAC are far shorter).
const MAX_STAMPED_LEN: usize = 96;

fn stamp_mac(secret: &[u8], purpose: &str, at: i64) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC accepts keys of any length");
    mac.update(STAMP_CONTEXT);
    mac.update(purpose.as_bytes());
    mac.update(b":");
    mac.update(at.to_string().as_bytes());
    mac
}

/// Vé có dấu thời gian — a token saying "issued for `purpose` at Unix second `at`", signed with
/// the secret: `"{at}.{base64url(HMAC)}"`. A form that wants to know how long it was open
/// (a public form's spam check) carries one; no server-side state.
pub fn issue_stamped(secret: &[u8], purpose: &str, at: i64) -> String {
    format!(
        "{at}.{}",
        URL_SAFE_NO_PAD.encode(stamp_mac(secret, purpose, at).finalize().into_bytes())
    )
}

/// The Unix second a token from [`issue_stamped`] for `purpose` was issued at, if it verifies
/// (constant-time comparison); `None` for anything else, however malformed or long.
pub fn verify_stamped(secret: &[u8], purpose: &str, token: &str) -> Option<i64> {
    let token = token.trim();
    if token.len() > MAX_STAMPED_LEN {
        return None;
    }
    let (at, signature) = token.split_once('.')?;
    // One spelling per time: no sign, no leading zero.
    if at.is_empty()
        || at.len() > 12
        || (at.len() > 1 && at.starts_with('0'))
        || !at.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let at: i64 = at.parse().ok()?;
    let bytes = URL_SAFE_NO_PAD.decode(signature).ok()?;
    stamp_mac(secret, purpose, at)
        .verify_slice(&bytes)
        .ok()
        .map(|()| at)
}

/// Cùng nguồn gốc — whether a state-changing request may come from where its `Origin` (or,
/// without one, its `Referer`) says it comes from.
///
/// With a public URL (`--public-url`), the claimed origin must be that URL's origin: the same
/// scheme, host (any case) and port, a default port written or not (`https://x.vn` is
/// `https://x.vn:443`). The `Host` header does not matter then, so a proxy may rewrite it.
/// Without a public URL the claimed origin must name the request's `Host` (the port defaulting
/// to the claimed scheme's). A request with neither header passes (the CSRF token still has to
/// verify); `null` or an unreadable value does not.
pub fn origin_allowed(public_url: Option<&str>, headers: &HeaderMap) -> bool {
    let Some(claimed) = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
    else {
        return true;
    };
    let Some(claimed) = claimed.to_str().ok().and_then(origin_of) else {
        return false;
    };
    match public_url.map(str::trim).filter(|u| !u.is_empty()) {
        Some(public) => origin_of(public).is_some_and(|public| public == claimed),
        None => headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .and_then(|h| h.parse::<Authority>().ok())
            .is_some_and(|host| {
                host.host().eq_ignore_ascii_case(&claimed.host)
                    && host.port_u16().or(default_port(&claimed.scheme)) == Some(claimed.port)
            }),
    }
}

/// Whether `url` can be the site's public URL (`--public-url`): an absolute `http://` or
/// `https://` address with a host, with no query or fragment. Anything else would make every
/// absolute link wrong and refuse every administration form.
pub fn is_site_url(url: &str) -> bool {
    origin_of(url).is_some() && !url.contains(['?', '#'])
}

/// An origin: lowercase scheme and host, and the port (the scheme's default when not written).
#[derive(Debug, PartialEq, Eq)]
struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

/// The origin of an absolute `http`/`https` URL, `None` for anything else.
fn origin_of(url: &str) -> Option<Origin> {
    let uri: Uri = url.trim().parse().ok()?;
    let scheme = uri.scheme_str()?.to_ascii_lowercase();
    let host = uri.host().filter(|h| !h.is_empty())?.to_ascii_lowercase();
    let port = uri.port_u16().or(default_port(&scheme))?;
    Some(Origin { scheme, host, port })
}

fn default_port(scheme: &str) -> Option<u16> {
    match scheme {
        "http" => Some(80),
        "https" => Some(443),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_verifies_for_its_subject_only() {
        let secret = b"0123456789abcdef0123456789abcdef";
        let token = issue(secret, "visitor-a");
        assert!(verify(secret, "visitor-a", &token));
        assert!(!verify(secret, "visitor-b", &token));
        assert!(!verify(b"another secret", "visitor-a", &token));
        assert!(!verify(secret, "visitor-a", "not base64 !"));
        assert!(!verify(secret, "visitor-a", ""));
        assert!(!verify(secret, "", &issue(secret, "")));
    }

    #[test]
    fn a_stamped_token_gives_back_its_time_for_its_purpose_only() {
        let secret = b"0123456789abcdef0123456789abcdef";
        let token = issue_stamped(secret, "hoi-dap", 1_769_390_000);
        assert_eq!(
            verify_stamped(secret, "hoi-dap", &token),
            Some(1_769_390_000)
        );
        assert_eq!(verify_stamped(secret, "lien-he", &token), None);
        assert_eq!(verify_stamped(b"other", "hoi-dap", &token), None);
        let (_, mac) = token.split_once('.').unwrap();
        assert_eq!(
            verify_stamped(secret, "hoi-dap", &format!("1769390001.{mac}")),
            None
        );
        for bad in ["", ".", "abc.def", "-1.x", "1769390000", &"9".repeat(200)] {
            assert_eq!(verify_stamped(secret, "hoi-dap", bad), None, "{bad}");
        }
    }

    fn with(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(name, value.parse().unwrap());
        }
        headers
    }

    #[test]
    fn origins_compare_with_default_ports_and_any_case() {
        let public = Some("https://Cong.Example.vn/");
        for ok in [
            "https://cong.example.vn",
            "https://cong.example.vn:443",
            "HTTPS://CONG.EXAMPLE.VN",
        ] {
            let headers = with(&[(header::ORIGIN, ok), (header::HOST, "10.0.0.5:8080")]);
            assert!(origin_allowed(public, &headers), "{ok}");
        }
        for bad in [
            "http://cong.example.vn",
            "https://cong.example.vn:8443",
            "https://evil.example",
            "https://cong.example.vn.evil.example",
            "null",
            "",
        ] {
            let headers = with(&[(header::ORIGIN, bad), (header::HOST, "cong.example.vn")]);
            assert!(!origin_allowed(public, &headers), "{bad}");
        }
        let referer = with(&[(
            header::REFERER,
            "https://cong.example.vn:443/quan-tri/bai-viet",
        )]);
        assert!(origin_allowed(public, &referer));
        assert!(
            origin_allowed(public, &HeaderMap::new()),
            "no claim: the token decides"
        );
        // Without a public URL, the Host names the origin; its port defaults to the scheme's.
        let host = |origin, host| with(&[(header::ORIGIN, origin), (header::HOST, host)]);
        assert!(origin_allowed(
            None,
            &host("http://portal.test", "portal.test")
        ));
        assert!(origin_allowed(
            None,
            &host("http://portal.test:80", "Portal.Test")
        ));
        assert!(origin_allowed(
            None,
            &host("https://portal.test", "portal.test:443")
        ));
        assert!(origin_allowed(
            None,
            &host("http://[::1]:8080", "[::1]:8080")
        ));
        assert!(!origin_allowed(
            None,
            &host("http://portal.test:8080", "portal.test")
        ));
        assert!(!origin_allowed(
            None,
            &host("https://evil.example", "portal.test")
        ));
        assert!(!origin_allowed(
            None,
            &with(&[(header::ORIGIN, "http://portal.test")])
        ));
    }

    #[test]
    fn a_public_url_must_be_a_whole_http_address() {
        for ok in [
            "https://cong.example.vn",
            "https://cong.example.vn/",
            "http://10.0.0.5:8080",
        ] {
            assert!(is_site_url(ok), "{ok}");
        }
        for bad in [
            "cong.example.vn",
            "ftp://cong.example.vn",
            "https://",
            "https://x.vn/?a=1",
            "",
        ] {
            assert!(!is_site_url(bad), "{bad}");
        }
    }
}
