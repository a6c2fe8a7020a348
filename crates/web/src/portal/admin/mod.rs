//! Administration under `/quan-tri` (quản trị): login, articles, categories, photos, accounts,
//! audit log, work schedule, citizens' questions, contact messages, the site's settings.
//!
//! Every page needs a [`CurrentUser`] (the login form excepted) and checks the user's
//! [`Permission`](crate::kernel::auth::Permission); every state-changing form carries a `csrf_token`
//! bound to the session, and POSTs whose `Origin`/`Referer` names another site are refused
//! before any handler runs. Changes go through store functions that write the audit row in the
//! same transaction. The role rules are in [`crate::kernel::auth`].

mod about;
mod articles;
mod audit;
mod categories;
mod contact;
mod document_types;
mod documents;
mod error;
mod grants;
mod login;
mod questions;
mod schedule;
mod settings;
mod upload;
mod users;
mod views;

pub use error::error_pages;

use crate::kernel::HttpError;
pub(crate) use crate::kernel::forms::{CheckedForm as AdminForm, parse_id};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::middleware;
use axum::response::Redirect;
use axum::routing::{get, post};
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
        .route("/bai-viet/{id}/anh/{photo_id}/xoa", post(upload::delete))
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
        .route("/van-ban", get(documents::list).post(documents::create))
        .route("/van-ban/moi", get(documents::new_form))
        .route(
            "/van-ban/{id}",
            get(documents::edit_form).post(documents::update),
        )
        .route("/van-ban/{id}/xuat-ban", post(documents::publish))
        .route("/van-ban/{id}/go-xuat-ban", post(documents::unpublish))
        .route("/van-ban/{id}/xoa", post(documents::delete))
        .route(
            "/van-ban/{id}/tep",
            get(documents::download)
                .post(documents::upload)
                .layer(DefaultBodyLimit::max(documents::PDF_BODY_LIMIT)),
        )
        .route(
            "/loai-van-ban",
            get(document_types::list).post(document_types::create),
        )
        .route("/loai-van-ban/{id}", post(document_types::rename))
        .route("/loai-van-ban/{id}/len", post(document_types::move_up))
        .route("/loai-van-ban/{id}/xuong", post(document_types::move_down))
        .route("/loai-van-ban/{id}/xoa", post(document_types::delete))
        .route("/gioi-thieu", get(about::list).post(about::create))
        .route("/gioi-thieu/moi", get(about::new_form))
        .route(
            "/gioi-thieu/{id}",
            get(about::edit_form).post(about::update),
        )
        .route(
            "/gioi-thieu/{id}/xoa",
            get(about::confirm_delete).post(about::delete),
        )
        .route("/nhat-ky", get(audit::list))
        .route("/lich-cong-tac", get(schedule::list).post(schedule::create))
        .route("/lich-cong-tac/moi", get(schedule::new_form))
        .route(
            "/lich-cong-tac/{id}",
            get(schedule::edit_form).post(schedule::update),
        )
        .route("/lich-cong-tac/{id}/xoa", post(schedule::delete))
        .route("/hoi-dap", get(questions::list))
        .route(
            "/hoi-dap/{id}",
            get(questions::show).post(questions::moderate),
        )
        .route("/hoi-dap/{id}/xoa", post(questions::delete))
        .route("/lien-he", get(contact::list))
        .route("/lien-he/{id}/xu-ly", post(contact::set_handled))
        .route("/lien-he/{id}/xoa", post(contact::delete))
        .route("/cau-hinh", get(settings::show).post(settings::save))
        .route(
            "/cau-hinh/bieu-trung",
            post(settings::upload_emblem).layer(DefaultBodyLimit::max(settings::EMBLEM_BODY_LIMIT)),
        )
        .route("/cau-hinh/bieu-trung/xoa", post(settings::remove_emblem))
        .route(
            "/cau-hinh/bieu-tuong",
            post(settings::upload_favicon)
                .layer(DefaultBodyLimit::max(settings::FAVICON_BODY_LIMIT)),
        )
        .route("/cau-hinh/bieu-tuong/xoa", post(settings::remove_favicon))
        .route("/nguoi-dung", get(users::list).post(users::create))
        .route("/nguoi-dung/{id}", get(users::show))
        .route("/nguoi-dung/{id}/vai-tro", post(users::set_role))
        .route("/nguoi-dung/{id}/mat-khau", post(users::reset_password))
        .route("/nguoi-dung/{id}/khoa", post(users::set_disabled))
        .route("/nguoi-dung/{id}/quyen", post(grants::add))
        .route(
            "/nguoi-dung/{id}/quyen/{grant}/thu-hoi",
            post(grants::remove),
        )
        .route(
            "/nguoi-dung/{id}/cong-thong-tin",
            post(grants::set_portal_access),
        )
        .route(
            "/tai-khoan",
            get(users::account).post(users::change_own_password),
        )
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.kernel.clone(),
            crate::kernel::forms::same_origin,
        ))
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
