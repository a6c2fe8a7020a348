//! Liên hệ — `GET /lien-he`: the body's address, phone and e-mail (from the settings
//! `site_address`, `site_phone`, `site_email` as the layout holds them; a key not set shows nothing) and the contact form;
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

/// The contact block from the site's identity the layout already holds (the settings page
/// writes it; `identity.rs` reads and checks it, the phone's `tel:` address included).
fn block(site: &crate::portal::identity::SiteView) -> ContactBlock {
    let set = |v: &str| Some(v.trim().to_owned()).filter(|s| !s.is_empty());
    let phone = set(&site.phone);
    ContactBlock {
        address: set(&site.address),
        phone_href: phone.as_ref().map(|_| site.phone_href.clone()),
        phone,
        email: set(&site.email),
    }
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
        block: block(&layout.site),
        layout,
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
