//! Tiêu đề bảo mật — security headers on every response, and cache headers.
//!
//! The Content-Security-Policy allows only this site's own scripts, styles and images (plus
//! `data:` images), so no inline script or third-party code can run even if some text slipped
//! through sanitising. Pages are never framed (`frame-ancestors 'none'`, `X-Frame-Options`).

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The Content-Security-Policy of every response (the web contract's policy, word for word).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// Permissions-Policy: the portal needs no camera, microphone, location or payment.
pub const PERMISSIONS_POLICY: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

/// Largest request body accepted anywhere except photo uploads (which the administration limits
/// on its own routes): 64 KiB is plenty for a rating or a login form.
pub const BODY_LIMIT_BYTES: usize = 64 * 1024;

/// Middleware: adds the security headers to every response and a `Cache-Control` that fits the
/// path (long for `/static` and `/uploads`, private and revalidated for pages, which carry a
/// visitor's form token).
pub async fn headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let h = response.headers_mut();
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
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(PERMISSIONS_POLICY),
    );
    h.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        let value = if path.starts_with("/static/") {
            HeaderValue::from_static("public, max-age=86400")
        } else if path.starts_with("/uploads/") {
            HeaderValue::from_static("public, max-age=604800")
        } else {
            HeaderValue::from_static("private, no-cache")
        };
        h.insert(header::CACHE_CONTROL, value);
    }
    response
}
