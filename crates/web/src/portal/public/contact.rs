//! Liên hệ — `GET /lien-he`: the body's address, phone and e-mail (from the settings
//! `site_address`, `site_phone`, `site_email`; a key not set shows nothing) and the contact form;
//! `POST /lien-he` stores the message for the administration (`/quan-tri/lien-he`), with the
//! same checks as the question form ([`super::citizen_form`]).

use std::net::SocketAddr;

use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::extract::connect_info::ConnectInfo;
use axum::http::HeaderMap;
use axum::response::{Html, Response};
use daihoi_domain::citizen::CitizenForm;

use super::citizen_form::{self, CitizenPost, FormView};
use super::questions::no_store;
use super::views::{self, Layout};
use crate::kernel::HttpError;
use crate::kernel::forms::CheckedForm;
use crate::portal::PortalState;

/// The settings the contact block reads (the site-settings page writes them).
pub const SETTING_SITE_ADDRESS: &str = "site_address";
/// See [`SETTING_SITE_ADDRESS`].
pub const SETTING_SITE_PHONE: &str = "site_phone";
/// See [`SETTING_SITE_ADDRESS`].
pub const SETTING_SITE_EMAIL: &str = "site_email";

/// The address of the page and its form.
pub const CONTACT_URL: &str = "/lien-he";

/// Khối liên hệ — the body's contact details; `None` for a setting not set.
#[derive(Debug, Clone, Default)]
pub struct ContactBlock {
    /// Địa chỉ.
    pub address: Option<String>,
    /// Điện thoại.
    pub phone: Option<String>,
    /// `tel:` link of the phone (digits and `+` only).
    pub phone_href: Option<String>,
    /// Thư điện tử.
    pub email: Option<String>,
}

impl ContactBlock {
    /// Whether nothing is set.
    pub fn is_empty(&self) -> bool {
        self.address.is_none() && self.phone.is_none() && self.email.is_none()
    }
}

/// Trang liên hệ.
#[derive(Template)]
#[template(path = "portal/contact.html")]
pub struct ContactPage {
    /// Chrome.
    pub layout: Layout,
    /// The contact block.
    pub block: ContactBlock,
    /// The form.
    pub form: FormView,
    /// Set after a message was received.
    pub received: bool,
}

async fn block(state: &PortalState) -> Result<ContactBlock, HttpError> {
    let (address, phone, email) = tokio::join!(
        state.store.setting(SETTING_SITE_ADDRESS),
        state.store.setting(SETTING_SITE_PHONE),
        state.store.setting(SETTING_SITE_EMAIL),
    );
    let set = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let phone = set(phone?);
    Ok(ContactBlock {
        address: set(address?),
        phone_href: phone.as_ref().map(|p| {
            let digits: String = p
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect();
            format!("tel:{digits}")
        }),
        phone,
        email: set(email?),
    })
}

async fn page(
    state: &PortalState,
    headers: &HeaderMap,
    form: FormView,
    received: bool,
) -> Result<ContactPage, HttpError> {
    let mut layout = views::layout(state, headers, CONTACT_URL, "Liên hệ").await?;
    layout.description = format!(
        "Địa chỉ, điện thoại, thư điện tử của {} và biểu mẫu liên hệ.",
        layout.portal_name
    );
    Ok(ContactPage {
        layout,
        block: block(state).await?,
        form,
        received,
    })
}

/// `GET /lien-he`.
pub async fn show(
    State(state): State<PortalState>,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    let form = FormView::new(&state, CitizenForm::Contact, CONTACT_URL, state.now());
    no_store(Html(page(&state, &headers, form, false).await?.render()?))
}

/// `POST /lien-he` — stores the message, or shows the form again with what was typed.
pub async fn send(
    State(state): State<PortalState>,
    headers: HeaderMap,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    CheckedForm(post): CheckedForm<CitizenPost>,
) -> Result<Response, HttpError> {
    match citizen_form::check(
        &state,
        CitizenForm::Contact,
        CONTACT_URL,
        &headers,
        peer,
        post,
    ) {
        Ok((message, address_key)) => {
            state
                .store
                .add_contact_message(&message, &address_key, state.now())
                .await?;
            let form = FormView::new(&state, CitizenForm::Contact, CONTACT_URL, state.now());
            no_store(Html(page(&state, &headers, form, true).await?.render()?))
        }
        Err(refused) => {
            let mut response = no_store(Html(
                page(&state, &headers, *refused.form, false)
                    .await?
                    .render()?,
            ))?;
            *response.status_mut() = refused.status;
            Ok(response)
        }
    }
}
