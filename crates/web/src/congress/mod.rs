//! Đại hội — the congress workspace area at `/dai-hoi`: the secretariats' workspace (organizations,
//! congresses, delegates, check-in, elections) and later the counting room and the hall screen.
//!
//! It has its own state ([`CongressState`]: the kernel and the hall screens' live channels) and
//! its own middleware: it counts no visits, touches no portal cache, sends
//! `Cache-Control: no-store`, refuses
//! cross-origin state changes, and dresses its errors in its own page. Every page needs a
//! logged-in account holding a workspace role (or the site's admin) and checks it on the
//! organization the page is about.
//!
//! - [`organizations`]: the tree (an organization, its children, add, edit, move, close).
//! - [`people`]: the rolls and a person's record (sensitive fields audited).
//! - [`congresses`]: a congress per term: plan, edit, status.
//! - [`delegates`]: a congress's delegates: allocation, ex officio, elected, credentials, lists
//!   and cards.
//! - [`imports`]: the templates, imports and exports of the lists as XLSX or CSV.
//! - [`progress`] and [`charts`]: the progress dashboard and its server-drawn timeline.
//! - [`checkin`]: the hall screen (check-in by code or from the list, absent, undo, quorum) and
//!   [`live`]: its live updates (server-sent events; `LISTEN/NOTIFY` across instances).
//! - [`plan`]: a congress's personnel plan (đề án nhân sự) and its compliance panel.
//! - [`api`]: the JSON under `/api/v1`.
//! - [`views`]: the layout and the rights checks.

pub mod api;
pub mod charts;
pub mod checkin;
pub mod congresses;
pub mod delegates;
pub mod imports;
pub mod live;
pub mod organizations;
pub mod people;
pub mod plan;
pub mod progress;
pub mod views;

use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRef, Request};
use axum::http::StatusCode;
use axum::http::{HeaderValue, header};
use axum::middleware::from_fn_with_state;
use axum::middleware::{Next, from_fn};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use daihoi_domain::access::{Permission, Scope, Target};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::kernel::Kernel;
use crate::kernel::auth::CurrentUser;
use crate::kernel::error::{HttpError, dress, plain_error_page, refuse_nul_in_uri, wants_json};
use crate::kernel::layers::{PUBLIC_REQUEST_TIMEOUT, time_limit};

/// Trạng thái đại hội — what every congress handler shares.
#[derive(Clone)]
pub struct CongressState {
    /// Store, configuration, secret and clock.
    pub kernel: Kernel,
    /// The broadcast channels of the open hall screens ([`live::LiveHub`]).
    pub live: std::sync::Arc<live::LiveHub>,
}

impl FromRef<CongressState> for Kernel {
    fn from_ref(state: &CongressState) -> Kernel {
        state.kernel.clone()
    }
}

/// The congress area's routes, to be nested at `/dai-hoi`.
pub fn router(state: CongressState) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/to-chuc/{id}", get(organizations::show))
        .route(
            "/to-chuc/{id}/them",
            get(organizations::new_form).post(organizations::create),
        )
        .route(
            "/to-chuc/{id}/sua",
            get(organizations::edit_form).post(organizations::update),
        )
        .route("/to-chuc/{id}/chuyen", post(organizations::move_subtree))
        .route("/to-chuc/{id}/giai-the", post(organizations::set_closed))
        .route("/to-chuc/{id}/tien-do", get(progress::dashboard))
        .route(
            "/to-chuc/{id}/dai-hoi/them",
            get(congresses::new_form).post(congresses::create),
        )
        .route("/ky/{id}", get(congresses::show))
        .route(
            "/ky/{id}/sua",
            get(congresses::edit_form).post(congresses::update),
        )
        .route("/ky/{id}/trang-thai", post(congresses::set_status))
        .route(
            "/ky/{id}/diem-danh",
            get(checkin::hall).post(checkin::check_in_by_code),
        )
        .route("/ky/{id}/diem-danh/su-kien", get(live::events))
        .route(
            "/ky/{id}/diem-danh/{delegate}/co-mat",
            post(checkin::mark_present),
        )
        .route(
            "/ky/{id}/diem-danh/{delegate}/vang",
            post(checkin::mark_absent),
        )
        .route(
            "/ky/{id}/diem-danh/{delegate}/hoan-tac",
            post(checkin::undo),
        )
        .route("/ky/{id}/de-an", get(plan::show).post(plan::create))
        .route("/ky/{id}/de-an/thiet-lap", post(plan::update_settings))
        .route("/ky/{id}/de-an/chi-tieu", post(plan::add_target))
        .route(
            "/ky/{id}/de-an/chi-tieu/{tid}",
            get(plan::edit_target_form).post(plan::update_target),
        )
        .route(
            "/ky/{id}/de-an/chi-tieu/{tid}/xoa",
            post(plan::remove_target),
        )
        .route(
            "/ky/{id}/de-an/ung-vien",
            get(plan::search).post(plan::add_candidate),
        )
        .route(
            "/ky/{id}/de-an/ung-vien/{pid}",
            post(plan::update_candidate),
        )
        .route(
            "/ky/{id}/de-an/ung-vien/{pid}/xoa",
            post(plan::remove_candidate),
        )
        .route("/ky/{id}/dai-bieu", get(delegates::overview))
        .route(
            "/ky/{id}/dai-bieu/phan-bo",
            get(delegates::allocation_page)
                .post(delegates::save_allocation)
                .layer(DefaultBodyLimit::max(delegates::ALLOCATION_FORM_LIMIT)),
        )
        .route(
            "/ky/{id}/dai-bieu/duong-nhien",
            get(delegates::ex_officio).post(delegates::add_ex_officio),
        )
        .route(
            "/ky/{id}/dai-bieu/bau",
            get(delegates::elected).post(delegates::add_elected),
        )
        .route(
            "/ky/{id}/dai-bieu/nhap",
            post(delegates::import_tally)
                .layer(DefaultBodyLimit::max(delegates::IMPORT_BODY_LIMIT)),
        )
        .route(
            "/ky/{id}/dai-bieu/danh-sach.xlsx",
            get(delegates::list_xlsx),
        )
        .route("/ky/{id}/dai-bieu/danh-sach.pdf", get(delegates::list_pdf))
        .route("/ky/{id}/dai-bieu/the.pdf", get(delegates::cards_pdf))
        .route("/ky/{id}/dai-bieu/{delegate}", get(delegates::show))
        .route(
            "/ky/{id}/dai-bieu/{delegate}/thay-the",
            post(delegates::replace),
        )
        .route("/ky/{id}/dai-bieu/{delegate}/xoa", post(delegates::remove))
        .route("/to-chuc/{id}/nhan-su", get(people::roll))
        .route(
            "/to-chuc/{id}/nhan-su/them",
            get(people::new_form).post(people::create),
        )
        .route("/nhan-su/{id}", get(people::show))
        .route(
            "/nhan-su/{id}/sua",
            get(people::edit_form).post(people::update),
        )
        .route("/mau/{file}", get(imports::template))
        .route(
            "/to-chuc/{id}/nhap/{list}",
            get(imports::form)
                .post(imports::upload)
                .layer(DefaultBodyLimit::max(imports::IMPORT_BODY_LIMIT)),
        )
        .route("/to-chuc/{id}/xuat/{file}", get(imports::export))
        .fallback(not_found)
        .layer(from_fn_with_state(
            state.kernel.clone(),
            crate::kernel::forms::same_origin,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(from_fn(error_pages))
        .layer(time_limit(PUBLIC_REQUEST_TIMEOUT))
        .with_state(state)
}

/// The workspace's JSON routes (`/api/v1/organizations`, …), to be merged at the top level:
/// JSON errors, the public time limit, no session needed unless a route asks for one.
pub fn api_router(state: CongressState) -> Router {
    api::router()
        .layer(from_fn(api_errors))
        .layer(time_limit(PUBLIC_REQUEST_TIMEOUT))
        .with_state(state)
}

/// Middleware: errors of the workspace's API are JSON.
async fn api_errors(request: Request, next: Next) -> Response {
    let response = match refuse_nul_in_uri(request.uri()) {
        Some(refused) => refused,
        None => next.run(request).await,
    };
    dress(response, true, |status, message| async move {
        plain_error_page(status, &message)
    })
    .await
}

/// Trang chủ đại hội.
#[derive(Template)]
#[template(path = "congress/home.html")]
struct HomePage {
    layout: views::Layout,
    organizations: Vec<organizations::OrgRow>,
    /// The congresses whose hall the account was given (a grant on one congress): (id, name).
    halls: Vec<(i64, String)>,
}

/// Trang lỗi đại hội.
#[derive(Template)]
#[template(path = "congress/error.html")]
struct ErrorPage {
    heading: &'static str,
    message: String,
}

/// `GET /dai-hoi` — the workspace's home page: the organizations the account works on (the
/// roots of the tree for the site's admin, the organization of each grant otherwise).
async fn home(
    axum::extract::State(state): axum::extract::State<CongressState>,
    user: CurrentUser,
) -> Result<Response, HttpError> {
    views::require_workspace(&user)?;
    let store = &state.kernel.store;
    let mut orgs = Vec::new();
    if user.can(Permission::ViewWorkspace) {
        orgs = store.organization_roots().await?;
    } else {
        for grant in user.grants() {
            if let Scope::Organization(id) = grant.scope
                && let Some(org) = store.organization(id).await?
                && user.can_on(Permission::ViewWorkspace, Target::Organization(&org.path))
                && !orgs
                    .iter()
                    .any(|o: &daihoi_store::Organization| o.id == org.id)
            {
                orgs.push(org);
            }
        }
    }
    let mut halls: Vec<(i64, String)> = Vec::new();
    for grant in user.grants() {
        if let Scope::Congress(id) = grant.scope
            && let Some(congress) = store.congress(id).await?
            && !halls.iter().any(|(seen, _)| *seen == congress.id)
        {
            halls.push((congress.id, congress.name));
        }
    }
    views::render(&HomePage {
        layout: views::Layout::new(&state, &user, None).await,
        organizations: orgs.iter().map(organizations::OrgRow::of).collect(),
        halls,
    })
}

async fn not_found() -> HttpError {
    HttpError::NotFound("Không có trang này trong không gian làm việc đại hội.".to_owned())
}

/// Middleware: errors of the congress area wear its own page (or JSON for `fetch` callers).
async fn error_pages(request: Request, next: Next) -> Response {
    let json = wants_json(request.uri().path(), request.headers());
    let response = match refuse_nul_in_uri(request.uri()) {
        Some(refused) => refused,
        None => next.run(request).await,
    };
    dress(response, json, |status, message| async move {
        let heading = match status {
            StatusCode::NOT_FOUND => "Không tìm thấy",
            StatusCode::FORBIDDEN => "Không được phép",
            s if s.is_server_error() => "Lỗi máy chủ",
            _ => "Yêu cầu không thực hiện được",
        };
        let page = ErrorPage { heading, message };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => plain_error_page(status, &page.message),
        }
    })
    .await
}
