//! Administration under `/quan-tri` (quản trị): login, articles, categories, photos, accounts,
//! audit log.
//!
//! Every page needs a [`CurrentUser`] (the login form excepted) and checks the user's
//! [`Permission`](crate::kernel::auth::Permission); every state-changing form carries a `csrf_token`
//! bound to the session, and POSTs whose `Origin`/`Referer` names another site are refused
//! before any handler runs. Changes go through store functions that write the audit row in the
//! same transaction. The role rules are in [`crate::kernel::auth`].

mod articles;
mod audit;
mod categories;
mod error;
mod login;
mod upload;
mod users;
mod views;

pub use error::error_pages;

use crate::kernel::HttpError;

use axum::Form;
use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequest, Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::de::DeserializeOwned;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::kernel::auth::CurrentUser;
use crate::portal::PortalState;

/// Largest multipart body of a photo upload: the photo limit plus room for the caption, the
/// token and the multipart framing. Larger bodies are cut off while streaming (413).
pub const UPLOAD_BODY_LIMIT: usize = crate::portal::photos::MAX_PHOTO_BYTES + 64 * 1024;

/// The administration's routes, to be nested at `/quan-tri`.
pub fn router(state: PortalState) -> Router<PortalState> {
    Router::new()
        .route("/", get(home))
        .route("/dang-nhap", get(login::form).post(login::submit))
        .route("/dang-xuat", post(login::logout))
        .route(
            "/xem-truoc",
            post(articles::preview).layer(DefaultBodyLimit::max(articles::ARTICLE_FORM_LIMIT)),
        )
        .route(
            "/bai-viet",
            get(articles::list)
                .post(articles::create)
                .layer(DefaultBodyLimit::max(articles::ARTICLE_FORM_LIMIT)),
        )
        .route("/bai-viet/moi", get(articles::new_form))
        .route(
            "/bai-viet/{id}",
            get(articles::edit_form)
                .post(articles::update)
                .layer(DefaultBodyLimit::max(articles::ARTICLE_FORM_LIMIT)),
        )
        .route("/bai-viet/{id}/xuat-ban", post(articles::publish))
        .route("/bai-viet/{id}/go-xuat-ban", post(articles::unpublish))
        .route(
            "/bai-viet/{id}/anh/{photo_id}/chu-thich",
            post(upload::update_caption),
        )
        .route(
            "/bai-viet/{id}/anh",
            post(upload::upload).layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        )
        .route(
            "/chuyen-muc",
            get(categories::list).post(categories::create),
        )
        .route("/chuyen-muc/moi", get(categories::new_form))
        .route(
            "/chuyen-muc/{id}",
            get(categories::edit_form).post(categories::update),
        )
        .route("/nhat-ky", get(audit::list))
        .route("/nguoi-dung", get(users::list).post(users::create))
        .route("/nguoi-dung/{id}", get(users::show))
        .route("/nguoi-dung/{id}/vai-tro", post(users::set_role))
        .route("/nguoi-dung/{id}/mat-khau", post(users::reset_password))
        .route("/nguoi-dung/{id}/khoa", post(users::set_disabled))
        .route(
            "/tai-khoan",
            get(users::account).post(users::change_own_password),
        )
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state, same_origin))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

/// `/quan-tri` → the article list.
async fn home(_user: CurrentUser) -> Redirect {
    Redirect::to("/quan-tri/bai-viet")
}

async fn not_found() -> HttpError {
    HttpError::NotFound("Không có trang quản trị này.".to_owned())
}

/// Refuses state-changing requests whose `Origin` (or, without it, `Referer`) is not this site:
/// the public URL when it is set, else the request's `Host` ([`crate::kernel::csrf::origin_allowed`]).
/// Requests with neither header pass on to the CSRF token check.
async fn same_origin(State(state): State<PortalState>, request: Request, next: Next) -> Response {
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

/// Biểu mẫu — `Form<T>` whose rejection is a Vietnamese 400 page instead of axum's plain text.
pub struct AdminForm<T>(pub T);

impl<S, T> FromRequest<S> for AdminForm<T>
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
            Ok(Form(value)) => Ok(AdminForm(value)),
            Err(rejection) => {
                tracing::debug!(%rejection, "admin form rejected");
                Err(HttpError::BadRequest(
                    "Biểu mẫu gửi lên không đúng định dạng. Vui lòng tải lại trang và thử lại."
                        .to_owned(),
                ))
            }
        }
    }
}

/// Reads a numeric id from a path segment; anything else is a 404 naming the thing.
fn parse_id(raw: &str, what: &str) -> Result<i64, HttpError> {
    raw.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(|| {
        HttpError::NotFound(format!(
            "Không tìm thấy {what} «{}».",
            crate::kernel::error::quoted(raw)
        ))
    })
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
