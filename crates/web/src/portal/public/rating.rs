//! Đánh giá bài viết — `POST /tin-tuc/<slug>/rating`.
//!
//! Checks, in order: the article exists (404); the client's address is within the per-IP limit
//! (429); the request carries the visitor cookie and a form token issued to that visitor (403);
//! `stars` is a whole number from 1 to 5 (422). Then one row is stored. A visitor who already
//! rated the article is refused (409 for `fetch`, a 303 back with the message for the form) and
//! nothing changes; so is a rating beyond what one address may give one article
//! ([`daihoi_domain::rating::RATINGS_PER_ADDRESS`], 429), however many cookies it uses. The stored visitor key and address key are HMACs, not the raw cookie or IP,
//! so the rating table identifies no one (rater privacy, NĐ 224 Điều 10 k3 b).

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::connect_info::ConnectInfo;
use axum::extract::rejection::{FormRejection, PathRejection};
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Json};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use daihoi_domain::rating::Stars;
use daihoi_store::RatingOutcome;
use hmac::{Hmac, Mac};
use serde_json::json;
use sha2::Sha256;

use super::pages::slug_from;
use super::views::{article_url, rating_view};
use crate::kernel::error::{HttpError, json_error, wants_json};
use crate::portal::PortalState;
use crate::portal::visits::visitor_cookie;

/// Lời cảm ơn.
pub const MSG_THANKS: &str = "Cảm ơn bạn đã đánh giá bài viết.";
/// Đã đánh giá.
pub const MSG_ALREADY: &str = "Bạn đã đánh giá bài viết này rồi.";
/// Thiếu cookie hoặc mã biểu mẫu.
pub const MSG_FORBIDDEN: &str = "Không gửi được đánh giá: thiếu cookie của trang hoặc mã xác nhận biểu mẫu không đúng. Hãy tải lại trang bài viết rồi đánh giá lại.";
/// Địa chỉ đã đánh giá đủ số lần cho bài này (the figures of
/// [`daihoi_domain::rating::RATINGS_PER_ADDRESS`]).
pub static MSG_ADDRESS_LIMIT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let limit = daihoi_domain::rating::RATINGS_PER_ADDRESS;
    format!(
        "Bài viết này đã nhận đủ {} đánh giá từ địa chỉ mạng của bạn trong {} giờ qua; đánh giá của bạn chưa được tính. Vui lòng thử lại vào ngày mai.",
        limit.per_article,
        limit.window.num_hours()
    )
});
/// Quá nhiều lượt.
pub const MSG_TOO_MANY: &str =
    "Có quá nhiều lượt đánh giá từ địa chỉ mạng của bạn. Vui lòng thử lại sau ít phút.";

/// The client's network (see [`crate::kernel::auth::client_ip`] and
/// [`crate::kernel::auth::network_of`]: an IPv6 address counts by its /64); unknown peers share
/// one key.
pub fn client_ip(state: &PortalState, headers: &HeaderMap, peer: Option<SocketAddr>) -> IpAddr {
    crate::kernel::auth::client_ip(state, headers, peer)
        .map(crate::kernel::auth::network_of)
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

/// A keyed hash of `value` for storage, so the stored key cannot be turned back into a cookie or
/// an address.
pub(crate) fn keyed(secret: &[u8], context: &str, value: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC accepts keys of any length");
    mac.update(context.as_bytes());
    mac.update(value.as_bytes());
    URL_SAFE_NO_PAD.encode(&mac.finalize().into_bytes()[..16])
}

/// Đánh giá của người đọc này — the stars the visitor whose cookie came with `headers` gave the
/// article, if any (no cookie: none, and no store read).
pub async fn stars_given(
    state: &PortalState,
    headers: &HeaderMap,
    article_id: i64,
) -> Result<Option<Stars>, HttpError> {
    let Some(visitor_id) = visitor_cookie(headers) else {
        return Ok(None);
    };
    let rater = keyed(&state.secret, "daihoi-rater:", &visitor_id);
    Ok(state.store.rating_of_visitor(article_id, &rater).await?)
}

/// "Bạn đã đánh giá bài viết này 4 sao." — what the rating block says to a reader who rated.
pub fn already_rated_sentence(stars: Stars) -> String {
    format!("Bạn đã đánh giá bài viết này {} sao.", stars.get())
}

fn refuse(json: bool, err: HttpError) -> Response {
    if json {
        json_error(err.status(), err.code(), &err.public_message())
    } else {
        err.into_response()
    }
}

/// `POST /tin-tuc/<slug>/rating` with form fields `stars` and `csrf_token`.
pub async fn rate(
    State(state): State<PortalState>,
    headers: HeaderMap,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    path: Result<Path<String>, PathRejection>,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Result<Response, HttpError> {
    let json = wants_json("", &headers);
    let slug = match slug_from(path) {
        Ok(slug) => slug,
        Err(err) => return Ok(refuse(json, err)),
    };
    let now = state.now();
    let Some(article) = state.store.published_article_by_slug(&slug, now).await? else {
        return Ok(refuse(
            json,
            HttpError::NotFound(format!(
                "Không tìm thấy bài viết «{}» để đánh giá. Bài có thể đã bị gỡ.",
                crate::kernel::error::quoted(&slug)
            )),
        ));
    };
    let ip = client_ip(&state, &headers, peer.map(|Extension(ConnectInfo(a))| a));
    if state.rating_limiter.check_key(&ip).is_err() {
        return Ok(refuse(
            json,
            HttpError::TooManyRequests(MSG_TOO_MANY.to_owned()),
        ));
    }
    let Ok(Form(fields)) = form else {
        return Ok(refuse(
            json,
            HttpError::BadRequest(
                "Biểu mẫu đánh giá không đọc được: cần các trường «stars» và «csrf_token»."
                    .to_owned(),
            ),
        ));
    };
    let Some(visitor_id) = visitor_cookie(&headers) else {
        return Ok(refuse(json, HttpError::Forbidden(MSG_FORBIDDEN.to_owned())));
    };
    let token = fields.get("csrf_token").map(String::as_str).unwrap_or("");
    if !crate::kernel::csrf::verify(&state.secret, &visitor_id, token) {
        return Ok(refuse(json, HttpError::Forbidden(MSG_FORBIDDEN.to_owned())));
    }
    let stars = match Stars::parse(fields.get("stars").map(String::as_str).unwrap_or("")) {
        Ok(stars) => stars,
        Err(err) => return Ok(refuse(json, HttpError::Unprocessable(err.to_string()))),
    };
    let rater = keyed(&state.secret, "daihoi-rater:", &visitor_id);
    let ip_key = keyed(&state.secret, "daihoi-ip:", &ip.to_string());
    let outcome = state
        .store
        .add_rating(article.id, &rater, stars, &ip_key, now)
        .await?;
    let summary = outcome.summary();
    state.ratings.put(article.id, summary, now);
    let view = rating_view(summary);
    let (status, message, code, error_code) = match outcome {
        RatingOutcome::Recorded(_) => (StatusCode::OK, MSG_THANKS, "cam-on", ""),
        RatingOutcome::AlreadyRated(_) => (
            StatusCode::CONFLICT,
            MSG_ALREADY,
            "da-danh-gia",
            "already_rated",
        ),
        RatingOutcome::AddressLimit(_) => (
            StatusCode::TOO_MANY_REQUESTS,
            MSG_ADDRESS_LIMIT.as_str(),
            "du-luot",
            "address_limit",
        ),
    };
    if json {
        let body = json!({
            "ok": status == StatusCode::OK,
            "message": message,
            "summary": {
                "sum": summary.sum,
                "count": summary.count,
                "sentence": view.sentence,
                "average": view.average,
            },
            "error": (status != StatusCode::OK).then(|| json!({ "code": error_code, "message": message })),
        });
        return Ok((status, Json(body)).into_response());
    }
    let back = format!("{}?danh-gia={code}#rating", article_url(&article.slug));
    let mut response = Redirect::to(&back).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        "no-store".parse().expect("valid header"),
    );
    Ok(response)
}
