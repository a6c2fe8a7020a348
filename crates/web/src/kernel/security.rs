//! Tiêu đề bảo mật — security headers on every response, and the default cache header.
//!
//! The Content-Security-Policy allows only this site's own scripts, styles and images (plus
//! `data:` images), so no inline script or third-party code can run even if some text slipped
//! through sanitising. Pages are never framed (`frame-ancestors 'none'`, `X-Frame-Options`).

use axum::http::{HeaderName, HeaderValue, header};
use axum::response::Response;

/// The Content-Security-Policy of every response (the web contract's policy, word for word).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// Permissions-Policy: the portal needs no camera, microphone, location or payment.
pub const PERMISSIONS_POLICY: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

/// Largest request body accepted anywhere except photo uploads (which the administration limits
/// on its own routes): 64 KiB is plenty for a rating or a login form.
pub const BODY_LIMIT_BYTES: usize = 64 * 1024;

/// Adds the security headers to a response, and `Cache-Control: private, no-cache` when the
/// handler set no `Cache-Control` of its own (pages carry a visitor's form token; static files
/// and uploads set their own long lifetimes). A plain function over the response, installed with
/// `tower::util::MapResponseLayer`, so it costs no boxed future per request.
pub fn add_headers(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.reserve(8);
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // A page that needs a device feature (the hall screen's camera) sets its own, narrower
    // policy; every other response gets this one.
    if !h.contains_key("permissions-policy") {
        h.insert(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(PERMISSIONS_POLICY),
        );
    }
    h.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
    }
    response
}

/// `Strict-Transport-Security`, sent when the configured public address is `https://…`.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000";

/// `Cache-Control` of uploaded photos: their names are random and never reused.
pub const UPLOADS_CACHE_CONTROL: &str = "public, max-age=604800";
