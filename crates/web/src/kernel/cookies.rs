//! Reading cookies from a request (the few the application sets: the visit and visitor cookies of
//! the portal, the session cookie of the administration).

use axum::http::{HeaderMap, header};

/// The value of cookie `name` in the request's `Cookie` headers, trimmed; `None` when absent or
/// empty.
pub fn request_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn finds_a_cookie_among_several_headers_and_pairs() {
        let mut headers = HeaderMap::new();
        headers.append(
            header::COOKIE,
            HeaderValue::from_static("a=1;  dh_visit=x "),
        );
        headers.append(
            header::COOKIE,
            HeaderValue::from_static("dh_session=tok; empty="),
        );
        assert_eq!(request_cookie(&headers, "dh_visit").as_deref(), Some("x"));
        assert_eq!(
            request_cookie(&headers, "dh_session").as_deref(),
            Some("tok")
        );
        assert_eq!(request_cookie(&headers, "empty"), None);
        assert_eq!(request_cookie(&headers, "missing"), None);
    }
}
