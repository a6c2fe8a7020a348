//! Mã chống giả mạo yêu cầu (CSRF token) — a form token bound to one subject.
//!
//! The token is `base64url(HMAC-SHA256(secret, "daihoi-csrf:" + subject))`. The subject is the
//! visitor id (public forms such as the rating) or the session id (administration forms), so a
//! token copied from another visitor's page does not verify. No server-side state is needed, which
//! keeps several instances behind a load balancer in agreement as long as they share the secret
//! (it lives in the database).

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
}
