//! Biểu mẫu — what every area's forms share: the form extractor with a Vietnamese refusal, ids
//! read from a path, and the same-origin check on state-changing requests.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{FromRequest, Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::kernel::{HttpError, Kernel};

/// Biểu mẫu — `Form<T>` whose rejection is a Vietnamese 400 page instead of axum's plain text.
pub struct CheckedForm<T>(pub T);

impl<S, T> FromRequest<S> for CheckedForm<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = HttpError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        // The body is read once (within the body limit), checked for NUL, then parsed.
        let (parts, body) = req.into_parts();
        let bytes =
            axum::body::Bytes::from_request(Request::from_parts(parts.clone(), body), state)
                .await
                .map_err(|rejection| HttpError::Refused {
                    status: rejection.status(),
                    message: crate::kernel::error::message_for_status(rejection.status())
                        .to_owned(),
                })?;
        if crate::kernel::error::has_nul(&bytes) {
            return Err(crate::kernel::error::nul_refused());
        }
        let req = Request::from_parts(parts, axum::body::Body::from(bytes));
        match Form::<T>::from_request(req, state).await {
            Ok(Form(value)) => Ok(CheckedForm(value)),
            Err(rejection) => {
                tracing::debug!(%rejection, "form rejected");
                Err(HttpError::BadRequest(
                    "Biểu mẫu gửi lên không đúng định dạng. Vui lòng tải lại trang và thử lại."
                        .to_owned(),
                ))
            }
        }
    }
}

/// Reads a numeric id from a path segment; anything else is a 404 naming the thing.
pub fn parse_id(raw: &str, what: &str) -> Result<i64, HttpError> {
    raw.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(|| {
        HttpError::NotFound(format!(
            "Không tìm thấy {what} «{}».",
            crate::kernel::error::quoted(raw)
        ))
    })
}

/// Refuses state-changing requests whose `Origin` (or, without it, `Referer`) is not this site:
/// the public URL when it is set, else the request's `Host` ([`crate::kernel::csrf::origin_allowed`]).
/// Requests with neither header pass on to the CSRF token check.
pub async fn same_origin(State(state): State<Kernel>, request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    if !crate::kernel::csrf::origin_allowed(state.config.public_url.as_deref(), headers) {
        let claimed = headers
            .get(header::ORIGIN)
            .or_else(|| headers.get(header::REFERER))
            .and_then(|v| v.to_str().ok())
            .unwrap_or("invalid");
        let host = headers.get(header::HOST);
        tracing::warn!(origin = %claimed, ?host, path = %request.uri().path(), "cross-origin POST refused");
        return HttpError::CrossOrigin.into_response();
    }
    next.run(request).await
}

/// A positive whole number from a query parameter: `default` when absent or empty, else
/// `1..=max`, or a 400 naming the parameter and the range.
pub fn positive(
    params: &HashMap<String, String>,
    name: &str,
    default: u32,
    max: u32,
) -> Result<u32, HttpError> {
    match params.get(name).map(|s| s.trim()) {
        None | Some("") => Ok(default),
        Some(raw) => match raw.parse::<u32>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(HttpError::BadRequest(format!(
                "Tham số «{name}» = «{}» không hợp lệ: phải là số nguyên từ 1 đến {max}.",
                crate::kernel::error::quoted(raw)
            ))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_positive_numbers() {
        assert_eq!(parse_id("12", "bài viết").unwrap(), 12);
        assert!(parse_id("0", "bài viết").is_err());
        assert!(parse_id("abc", "bài viết").is_err());
        assert!(parse_id("-3", "bài viết").is_err());
    }
}
