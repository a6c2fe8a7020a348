//! Biểu mẫu công dân — the one implementation of what the public forms of «Hỏi đáp» and «Liên
//! hệ» share: the fields, the signed form ticket, the honeypot, the per-address limit, the
//! same-origin check and the order of the checks (decision 0015).
//!
//! A post is checked in this order, and the first refusal answers (every refusal shows the form
//! again with what the person typed and a Vietnamese sentence saying what to do):
//! 1. the `Origin`/`Referer` names this site (403);
//! 2. the address is within the forms' shared limit ([`PortalState::citizen_limiter`], 429) —
//!    every post counts, refused or not;
//! 3. the honeypot is empty (422);
//! 4. the form ticket verifies for this form (403) and was served 3 s to 6 h ago (422:
//!    [`daihoi_domain::citizen::check_ticket_age`]);
//! 5. the fields pass [`daihoi_domain::citizen::check_message`] (422, each error by its field).

use std::net::SocketAddr;

use axum::Extension;
use axum::extract::connect_info::ConnectInfo;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use daihoi_domain::citizen::{
    CitizenForm, CitizenInput, CitizenMessage, HONEYPOT_FIELD, MAX_CONTACT, MAX_NAME, MAX_SUBJECT,
    MAX_TEXT, TicketRefusal, check_message, check_ticket_age,
};
use serde::Deserialize;

use crate::portal::PortalState;

/// Largest body of a public form post: the longest text, percent-encoded, with room for the
/// other fields. A larger body is refused by the kernel (413).
pub const FORM_BODY_LIMIT: usize = 64 * 1024;

/// Quá nhiều lượt gửi.
pub const MSG_TOO_MANY: &str = "Chưa gửi được: địa chỉ mạng của bạn đã gửi nhiều câu hỏi và thư liên hệ trong thời gian ngắn. Nội dung bạn đã nhập vẫn còn dưới đây; vui lòng thử lại sau khoảng 10 phút.";
/// Khác nguồn gốc.
pub const MSG_CROSS_ORIGIN: &str = "Chưa gửi được: biểu mẫu được gửi từ một trang khác, không phải từ cổng thông tin này. Vui lòng mở lại trang của cổng và gửi từ đó.";

/// Các trường gửi lên — a public form's fields as posted (absent fields are empty).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CitizenPost {
    /// Họ và tên.
    #[serde(default)]
    pub name: String,
    /// Thư điện tử hoặc số điện thoại.
    #[serde(default)]
    pub contact: String,
    /// Tiêu đề.
    #[serde(default)]
    pub subject: String,
    /// Câu hỏi / nội dung.
    #[serde(default)]
    pub text: String,
    /// The signed form ticket.
    #[serde(default)]
    pub ticket: String,
    /// The honeypot ([`HONEYPOT_FIELD`]).
    #[serde(default)]
    pub website: String,
}

/// Biểu mẫu hiển thị — what a form template shows: the values typed, the ticket, the errors.
#[derive(Debug, Clone, Default)]
pub struct FormView {
    /// The form's address (`action`).
    pub action: String,
    /// The values as typed.
    pub values: CitizenPost,
    /// A fresh ticket for this form.
    pub ticket: String,
    /// A refusal of the whole form (rate limit, ticket, honeypot), if any.
    pub refusal: Option<String>,
    /// The refusals by field (`name`, `contact`, `subject`, `text`).
    pub errors: Vec<(&'static str, String)>,
    /// The label of the text field ("Câu hỏi", "Nội dung").
    pub text_label: &'static str,
    /// The label of the submit button.
    pub submit_label: &'static str,
    /// Field limits, for `maxlength`.
    pub max_name: usize,
    /// See `max_name`.
    pub max_contact: usize,
    /// See `max_name`.
    pub max_subject: usize,
    /// See `max_name`.
    pub max_text: usize,
    /// [`MAX_TEXT`] as the help line writes it ("5.000").
    pub max_text_label: String,
    /// The honeypot's name.
    pub honeypot: &'static str,
}

impl FormView {
    /// An empty form of `kind` at `action`, with a ticket served at `now`.
    pub fn new(state: &PortalState, kind: CitizenForm, action: &str, now: DateTime<Utc>) -> Self {
        FormView {
            action: action.to_owned(),
            values: CitizenPost::default(),
            ticket: ticket(state, kind, now),
            refusal: None,
            errors: Vec::new(),
            text_label: kind.text_label(),
            submit_label: match kind {
                CitizenForm::Question => "Gửi câu hỏi",
                CitizenForm::Contact => "Gửi thư liên hệ",
            },
            max_name: MAX_NAME,
            max_contact: MAX_CONTACT,
            max_subject: MAX_SUBJECT,
            max_text: MAX_TEXT,
            max_text_label: daihoi_domain::vn::format_int(MAX_TEXT as i64),
            honeypot: HONEYPOT_FIELD,
        }
    }

    /// The error shown under `field`, if any.
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, message)| message.as_str())
    }

    /// Whether anything is refused.
    pub fn refused(&self) -> bool {
        self.refusal.is_some() || !self.errors.is_empty()
    }
}

/// The ticket of `kind` served at `now`: signed with the site's secret.
pub fn ticket(state: &PortalState, kind: CitizenForm, now: DateTime<Utc>) -> String {
    crate::kernel::csrf::issue_stamped(&state.secret, kind.as_str(), now.timestamp())
}

/// Why a post was not accepted: the status and the form to show again.
pub struct Refused {
    /// 403, 422 or 429.
    pub status: StatusCode,
    /// The form with what was typed, a fresh ticket and the errors (boxed: the refusal is the
    /// rare, large side of the result).
    pub form: Box<FormView>,
}

/// Checks a post of `kind` (see the module's order). Accepted: the checked message and the
/// keyed hash of the sender's network, to store.
pub fn check(
    state: &PortalState,
    kind: CitizenForm,
    action: &str,
    headers: &HeaderMap,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    post: CitizenPost,
) -> Result<(CitizenMessage, String), Refused> {
    let now = state.now();
    let refuse = |status: StatusCode, refusal: Option<String>, errors, post: CitizenPost| Refused {
        status,
        form: Box::new(FormView {
            values: CitizenPost {
                // What the person typed stays; the honeypot and the old ticket do not.
                ticket: String::new(),
                website: String::new(),
                ..post
            },
            refusal,
            errors,
            ..FormView::new(state, kind, action, now)
        }),
    };
    if !crate::kernel::csrf::origin_allowed(state.config.public_url.as_deref(), headers) {
        return Err(refuse(
            StatusCode::FORBIDDEN,
            Some(MSG_CROSS_ORIGIN.to_owned()),
            Vec::new(),
            post,
        ));
    }
    let ip = super::rating::client_ip(state, headers, peer.map(|Extension(ConnectInfo(a))| a));
    if state.citizen_limiter.check_key(&ip).is_err() {
        return Err(refuse(
            StatusCode::TOO_MANY_REQUESTS,
            Some(MSG_TOO_MANY.to_owned()),
            Vec::new(),
            post,
        ));
    }
    let ticket_refusal = if !post.website.trim().is_empty() {
        Some((StatusCode::UNPROCESSABLE_ENTITY, TicketRefusal::Honeypot))
    } else {
        match crate::kernel::csrf::verify_stamped(&state.secret, kind.as_str(), &post.ticket)
            .and_then(|secs| DateTime::<Utc>::from_timestamp(secs, 0))
        {
            None => Some((StatusCode::FORBIDDEN, TicketRefusal::Invalid)),
            Some(served) => check_ticket_age(served, now)
                .err()
                .map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r)),
        }
    };
    if let Some((status, reason)) = ticket_refusal {
        tracing::info!(
            form = kind.as_str(),
            reason = reason.code(),
            "public form post refused"
        );
        return Err(refuse(status, Some(reason.to_string()), Vec::new(), post));
    }
    let input = CitizenInput {
        name: post.name.clone(),
        contact: post.contact.clone(),
        subject: post.subject.clone(),
        text: post.text.clone(),
    };
    match check_message(kind, &input) {
        Ok(message) => {
            let key = super::rating::keyed(&state.secret, "daihoi-citizen-ip:", &ip.to_string());
            Ok((message, key))
        }
        Err(errors) => Err(refuse(StatusCode::UNPROCESSABLE_ENTITY, None, errors, post)),
    }
}
