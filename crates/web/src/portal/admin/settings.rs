//! Cấu hình cổng — the site's identity (admin only): the body's name, the managing agency, the
//! person responsible, the licence line, address, phone, e-mail and a footer note; the emblem or
//! banner of the header and the favicon, each uploaded or removed with its own form.
//!
//! The fields are checked by `daihoi_domain::site`; only the changed ones are written, all in one
//! transaction with an audit row each (`Store::set_settings`). The emblem goes through the
//! photos' checks and re-encoding (`portal::photos`), the favicon through
//! [`crate::portal::identity::clean_favicon`]. After a change the cached pages are forgotten on
//! this instance; the others show it within the chrome cache's two seconds.
//!
//! A replaced or removed image's files are deleted once the new setting is stored, never
//! before, and only when nothing stored names them any more (the store says which,
//! `Store::replace_file_setting`) and they lie inside the uploads folder.

use askama::Template;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use daihoi_domain::site::{IdentityField, IdentityInput, check_identity};
use daihoi_store::{
    SETTING_PORTAL_NAME, SETTING_SITE_ADDRESS, SETTING_SITE_AGENCY, SETTING_SITE_EMAIL,
    SETTING_SITE_EMBLEM, SETTING_SITE_FAVICON, SETTING_SITE_LICENCE, SETTING_SITE_NOTE,
    SETTING_SITE_PHONE, SETTING_SITE_RESPONSIBLE, SITE_IDENTITY_KEYS,
};
use serde::Deserialize;

use super::views::{Layout, render};
use super::{AdminForm, HttpError};
use crate::kernel::auth::{CurrentUser, Permission};
use crate::portal::PortalState;
use crate::portal::identity::{
    FaviconError, MAX_FAVICON_BYTES, clean_favicon, is_safe_upload_path,
};
use crate::portal::photos::{MAX_PHOTO_BYTES, PhotoError, clean_photo, write_photo_files};

/// Largest multipart body of the emblem form (the photo limit and room for the token).
pub const EMBLEM_BODY_LIMIT: usize = MAX_PHOTO_BYTES + 64 * 1024;
/// Largest multipart body of the favicon form.
pub const FAVICON_BODY_LIMIT: usize = MAX_FAVICON_BYTES + 64 * 1024;

/// The text fields of the form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    agency: String,
    #[serde(default)]
    responsible: String,
    #[serde(default)]
    licence: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    note: String,
}

impl SettingsForm {
    fn input(&self) -> IdentityInput {
        IdentityInput {
            name: self.name.clone(),
            agency: self.agency.clone(),
            responsible: self.responsible.clone(),
            licence: self.licence.clone(),
            address: self.address.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            note: self.note.clone(),
        }
    }
}

/// One text field of the page: its name, label, value, limit and error.
struct FieldView {
    key: &'static str,
    label: &'static str,
    value: String,
    max: usize,
    kind: &'static str,
    autocomplete: &'static str,
    hint: &'static str,
    error: Option<String>,
    required: bool,
}

#[derive(Template)]
#[template(path = "admin/settings.html")]
struct SettingsPage {
    layout: Layout,
    fields: Vec<FieldView>,
    has_errors: bool,
    emblem_url: Option<String>,
    emblem_error: Option<String>,
    favicon_set: bool,
    favicon_error: Option<String>,
}

/// The stored value of each identity key (empty when absent).
async fn stored(state: &PortalState) -> Result<Vec<(String, String)>, HttpError> {
    Ok(state.store.settings(&SITE_IDENTITY_KEYS).await?)
}

fn value_of(stored: &[(String, String)], key: &str) -> String {
    stored
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// The setting key of each form field, in form order.
const FIELD_KEYS: [(IdentityField, &str); 8] = [
    (IdentityField::Name, SETTING_PORTAL_NAME),
    (IdentityField::Agency, SETTING_SITE_AGENCY),
    (IdentityField::Responsible, SETTING_SITE_RESPONSIBLE),
    (IdentityField::Licence, SETTING_SITE_LICENCE),
    (IdentityField::Address, SETTING_SITE_ADDRESS),
    (IdentityField::Phone, SETTING_SITE_PHONE),
    (IdentityField::Email, SETTING_SITE_EMAIL),
    (IdentityField::Note, SETTING_SITE_NOTE),
];

fn form_from(stored: &[(String, String)], default_name: &str) -> SettingsForm {
    let name = value_of(stored, SETTING_PORTAL_NAME);
    SettingsForm {
        csrf_token: String::new(),
        name: if name.trim().is_empty() {
            default_name.to_owned()
        } else {
            name
        },
        agency: value_of(stored, SETTING_SITE_AGENCY),
        responsible: value_of(stored, SETTING_SITE_RESPONSIBLE),
        licence: value_of(stored, SETTING_SITE_LICENCE),
        address: value_of(stored, SETTING_SITE_ADDRESS),
        phone: value_of(stored, SETTING_SITE_PHONE),
        email: value_of(stored, SETTING_SITE_EMAIL),
        note: value_of(stored, SETTING_SITE_NOTE),
    }
}

fn field_views(form: &SettingsForm, errors: &[(IdentityField, String)]) -> Vec<FieldView> {
    use daihoi_domain::site::{EMAIL_MAX_CHARS, LINE_MAX_CHARS, NAME_MAX_CHARS, PHONE_MAX_CHARS};
    let input = form.input();
    FIELD_KEYS
        .iter()
        .map(|&(field, _)| {
            let (value, max, kind, autocomplete, hint) = match field {
                IdentityField::Name => (&input.name, NAME_MAX_CHARS, "text", "organization", ""),
                IdentityField::Agency => (&input.agency, NAME_MAX_CHARS, "text", "off", ""),
                IdentityField::Responsible => {
                    (&input.responsible, NAME_MAX_CHARS, "text", "off", "")
                }
                IdentityField::Licence => (
                    &input.licence,
                    LINE_MAX_CHARS,
                    "text",
                    "off",
                    "Ví dụ: Giấy phép số …/GP-TTĐT ngày … do … cấp.",
                ),
                IdentityField::Address => {
                    (&input.address, LINE_MAX_CHARS, "text", "street-address", "")
                }
                IdentityField::Phone => (
                    &input.phone,
                    PHONE_MAX_CHARS,
                    "tel",
                    "tel",
                    "8–15 chữ số; nhiều số cách nhau bằng dấu phẩy.",
                ),
                IdentityField::Email => (&input.email, EMAIL_MAX_CHARS, "email", "email", ""),
                IdentityField::Note => (
                    &input.note,
                    LINE_MAX_CHARS,
                    "text",
                    "off",
                    "Một dòng ở chân trang (để trống nếu không cần).",
                ),
            };
            FieldView {
                key: field.key(),
                label: field.label(),
                value: value.clone(),
                max,
                kind,
                autocomplete,
                hint,
                error: errors
                    .iter()
                    .find(|(f, _)| *f == field)
                    .map(|(_, m)| m.clone()),
                required: field == IdentityField::Name,
            }
        })
        .collect()
}

/// The page with `form` and its errors, the stored emblem and favicon, and the upload errors.
async fn page(
    state: &PortalState,
    user: &CurrentUser,
    form: Option<SettingsForm>,
    errors: Vec<(IdentityField, String)>,
    uploads: (Option<String>, Option<String>),
    notice: Option<&str>,
) -> Result<SettingsPage, HttpError> {
    let stored = stored(state).await?;
    let form = form.unwrap_or_else(|| form_from(&stored, &state.config.portal_name));
    let site = crate::portal::identity::SiteView::from_settings(&stored);
    Ok(SettingsPage {
        layout: Layout::for_user(state, user, "settings", notice).await,
        has_errors: !errors.is_empty(),
        fields: field_views(&form, &errors),
        emblem_url: site.emblem_url,
        emblem_error: uploads.0,
        favicon_set: site.favicon_path.is_some(),
        favicon_error: uploads.1,
    })
}

fn refused(page: &SettingsPage) -> Result<Response, HttpError> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

/// Query carrying a confirmation code.
#[derive(Debug, Deserialize, Default)]
pub struct NoticeQuery {
    #[serde(default)]
    thong_bao: Option<String>,
}

/// `GET /quan-tri/cau-hinh`.
pub async fn show(
    State(state): State<PortalState>,
    user: CurrentUser,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageSettings)?;
    let notice = query.thong_bao.as_deref();
    render(&page(&state, &user, None, Vec::new(), (None, None), notice).await?)
}

/// `POST /quan-tri/cau-hinh` — saves the changed text fields.
pub async fn save(
    State(state): State<PortalState>,
    user: CurrentUser,
    AdminForm(form): AdminForm<SettingsForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageSettings)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let checked = match check_identity(&form.input()) {
        Ok(checked) => checked,
        Err(errors) => {
            let errors = errors.iter().map(|e| (e.field, e.to_string())).collect();
            return refused(&page(&state, &user, Some(form), errors, (None, None), None).await?);
        }
    };
    let stored = stored(&state).await?;
    let values = [
        checked.name.as_str(),
        &checked.agency,
        &checked.responsible,
        &checked.licence,
        &checked.address,
        &checked.phone,
        &checked.email,
        &checked.note,
    ];
    let changed: Vec<(&str, &str)> = FIELD_KEYS
        .iter()
        .zip(values)
        .filter(|((_, key), value)| value_of(&stored, key) != *value)
        .map(|((_, key), value)| (*key, value))
        .collect();
    if !changed.is_empty() {
        state
            .store
            .set_settings(&changed, &user.actor(), state.now())
            .await?;
        state.menu_changed();
    }
    Ok(Redirect::to("/quan-tri/cau-hinh?thong_bao=da-luu").into_response())
}

/// What an upload form sent: its token and the file's bytes, read as a stream and cut off past
/// `limit` bytes.
struct Upload {
    csrf_token: String,
    bytes: Vec<u8>,
}

/// Why an upload's body could not be read.
enum UploadRefusal {
    TooLarge,
    Broken,
}

fn read_error(err: MultipartError) -> UploadRefusal {
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        UploadRefusal::TooLarge
    } else {
        UploadRefusal::Broken
    }
}

async fn read_upload(mut multipart: Multipart, limit: usize) -> Result<Upload, UploadRefusal> {
    let mut upload = Upload {
        csrf_token: String::new(),
        bytes: Vec::new(),
    };
    while let Some(mut field) = multipart.next_field().await.map_err(read_error)? {
        match field.name().unwrap_or("") {
            "csrf_token" => upload.csrf_token = field.text().await.map_err(read_error)?,
            "file" => {
                while let Some(chunk) = field.chunk().await.map_err(read_error)? {
                    if upload.bytes.len() + chunk.len() > limit {
                        return Err(UploadRefusal::TooLarge);
                    }
                    upload.bytes.extend_from_slice(&chunk);
                }
            }
            _ => while field.chunk().await.map_err(read_error)?.is_some() {},
        }
    }
    Ok(upload)
}

/// Which image an upload form sets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    Emblem,
    Favicon,
}

impl Which {
    fn key(self) -> &'static str {
        match self {
            Which::Emblem => SETTING_SITE_EMBLEM,
            Which::Favicon => SETTING_SITE_FAVICON,
        }
    }

    fn limit(self) -> usize {
        match self {
            Which::Emblem => MAX_PHOTO_BYTES,
            Which::Favicon => MAX_FAVICON_BYTES,
        }
    }

    fn body_limit(self) -> usize {
        match self {
            Which::Emblem => EMBLEM_BODY_LIMIT,
            Which::Favicon => FAVICON_BODY_LIMIT,
        }
    }

    fn too_large(self) -> String {
        match self {
            Which::Emblem => PhotoError::TooLarge.to_string(),
            Which::Favicon => FaviconError::TooLarge.to_string(),
        }
    }
}

/// The page again with `message` next to the upload form of `which`.
async fn upload_refused(
    state: &PortalState,
    user: &CurrentUser,
    which: Which,
    status: StatusCode,
    message: String,
) -> Result<Response, HttpError> {
    let uploads = match which {
        Which::Emblem => (Some(message), None),
        Which::Favicon => (None, Some(message)),
    };
    let page = page(state, user, None, Vec::new(), uploads, None).await?;
    Ok((status, Html(page.render()?)).into_response())
}

/// Checks, cleans and writes the uploaded file; returns its path under the uploads folder, or the
/// refusal's status and message.
async fn store_file(
    state: &PortalState,
    which: Which,
    bytes: Vec<u8>,
) -> Result<Result<String, (StatusCode, String)>, HttpError> {
    let uploads_dir = state.config.uploads_dir();
    let now = state.now();
    let result = crate::kernel::gate::run_in_slot(
        image_slots(),
        crate::portal::photos::IMAGE_WAIT,
        "Máy chủ đang xử lý nhiều ảnh cùng lúc. Vui lòng thử lại sau ít phút.",
        move || -> Result<String, (StatusCode, String)> {
            match which {
                Which::Emblem => {
                    let clean = clean_photo(&bytes).map_err(|e| (e.status(), e.to_string()))?;
                    let files = write_photo_files(&uploads_dir, now, &clean).map_err(|e| {
                        tracing::error!(error = ?e, "the emblem could not be written");
                        (e.status(), e.to_string())
                    })?;
                    Ok(files.path)
                }
                Which::Favicon => {
                    let png = clean_favicon(&bytes).map_err(|e| (e.status(), e.to_string()))?;
                    write_favicon(&uploads_dir, &png).map_err(|e| {
                        tracing::error!(error = %e, "the favicon could not be written");
                        (
                            StatusCode::INTERNAL_SERVER_ERROR,
                            "Không lưu được tệp biểu tượng trên máy chủ.".to_owned(),
                        )
                    })
                }
            }
        },
    )
    .await?;
    Ok(result)
}

/// The image work of this form shares one slot with nothing else: a favicon is small, an emblem
/// is a photo (the photos' own slots are private to their module).
fn image_slots() -> &'static tokio::sync::Semaphore {
    static SLOTS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    SLOTS.get_or_init(|| tokio::sync::Semaphore::new(crate::portal::photos::IMAGE_SLOTS))
}

/// Writes the favicon as `site/favicon-<random>.png` under the uploads folder, atomically.
fn write_favicon(uploads_dir: &std::path::Path, png: &[u8]) -> std::io::Result<String> {
    use rand::RngCore as _;
    let dir = uploads_dir.join("site");
    std::fs::create_dir_all(&dir)?;
    let mut name = [0u8; 16];
    rand::rng().fill_bytes(&mut name);
    let name: String = name.iter().map(|b| format!("{b:02x}")).collect();
    let file = format!("favicon-{name}.png");
    crate::portal::photos::write_atomically(&dir, &dir.join(&file), png)?;
    Ok(format!("site/{file}"))
}

async fn upload(
    state: PortalState,
    user: CurrentUser,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
    which: Which,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageSettings)?;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > which.body_limit()) {
        return upload_refused(
            &state,
            &user,
            which,
            StatusCode::PAYLOAD_TOO_LARGE,
            which.too_large(),
        )
        .await;
    }
    let multipart = multipart.map_err(|_| {
        HttpError::BadRequest(
            "Tệp phải được gửi bằng biểu mẫu tải tệp (multipart/form-data).".to_owned(),
        )
    })?;
    let upload = match read_upload(multipart, which.limit()).await {
        Ok(upload) => upload,
        Err(UploadRefusal::TooLarge) => {
            return upload_refused(
                &state,
                &user,
                which,
                StatusCode::PAYLOAD_TOO_LARGE,
                which.too_large(),
            )
            .await;
        }
        Err(UploadRefusal::Broken) => {
            return Err(HttpError::BadRequest(
                "Dữ liệu tải lên bị hỏng hoặc bị ngắt giữa chừng. Vui lòng chọn lại tệp và thử lại."
                    .to_owned(),
            ));
        }
    };
    user.check_csrf(&state, &upload.csrf_token)?;
    let path = match store_file(&state, which, upload.bytes).await? {
        Ok(path) => path,
        Err((status, message)) => {
            return upload_refused(&state, &user, which, status, message).await;
        }
    };
    let uploads_dir = state.config.uploads_dir();
    let replaced = match state
        .store
        .replace_file_setting(which.key(), &path, &user.actor(), state.now())
        .await
    {
        Ok(replaced) => replaced,
        Err(err) => {
            // Not stored: the new file is named by nothing.
            remove_files(&uploads_dir, which, &path);
            return Err(err.into());
        }
    };
    state.menu_changed();
    if let Some(old) = replaced {
        remove_files(&uploads_dir, which, &old);
    }
    Ok(Redirect::to("/quan-tri/cau-hinh?thong_bao=da-luu").into_response())
}

/// The files of the image `path` names under the uploads folder: the file itself and, for an
/// emblem (written as a photo), its thumbnail `<name>-400.<ext>` beside it.
fn files_of(which: Which, path: &str) -> Vec<String> {
    let mut files = vec![path.to_owned()];
    if which == Which::Emblem
        && let Some((stem, ext)) = path.rsplit_once('.')
    {
        let width = crate::portal::photos::THUMBNAIL_WIDTH;
        files.push(format!("{stem}-{width}.{ext}"));
    }
    files
}

/// Removes the files of `path` (see [`files_of`]) once nothing stored names it any more (the
/// store said so after its commit). Only a path of the form the uploads use, and only a file
/// that is really inside the uploads folder (a link pointing out of it is left alone); a file
/// that cannot be removed stays behind unused, which is logged and harmless.
fn remove_files(uploads_dir: &std::path::Path, which: Which, path: &str) {
    if !is_safe_upload_path(path) {
        tracing::warn!(%path, "a replaced image's path is not under the uploads folder: kept");
        return;
    }
    let Ok(root) = uploads_dir.canonicalize() else {
        return;
    };
    for file in files_of(which, path) {
        let full = uploads_dir.join(&file);
        match full.canonicalize() {
            Ok(real) if real.starts_with(&root) => {
                if let Err(err) = std::fs::remove_file(&real) {
                    tracing::warn!(error = %err, file = %real.display(), "replaced image not removed");
                }
            }
            Ok(real) => {
                tracing::warn!(file = %real.display(), "a replaced image leads out of the uploads folder: kept");
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => {
                tracing::warn!(error = %err, file = %full.display(), "replaced image not removed");
            }
        }
    }
}

/// `POST /quan-tri/cau-hinh/bieu-trung` — sets the emblem or banner of the header.
pub async fn upload_emblem(
    State(state): State<PortalState>,
    user: CurrentUser,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, HttpError> {
    upload(state, user, headers, multipart, Which::Emblem).await
}

/// `POST /quan-tri/cau-hinh/bieu-tuong` — sets the favicon.
pub async fn upload_favicon(
    State(state): State<PortalState>,
    user: CurrentUser,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, HttpError> {
    upload(state, user, headers, multipart, Which::Favicon).await
}

/// The token of a removal form.
#[derive(Debug, Default, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    csrf_token: String,
}

async fn remove(
    state: PortalState,
    user: CurrentUser,
    form: TokenForm,
    which: Which,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageSettings)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let replaced = state
        .store
        .replace_file_setting(which.key(), "", &user.actor(), state.now())
        .await?;
    state.menu_changed();
    if let Some(old) = replaced {
        remove_files(&state.config.uploads_dir(), which, &old);
    }
    Ok(Redirect::to("/quan-tri/cau-hinh?thong_bao=da-luu").into_response())
}

/// `POST /quan-tri/cau-hinh/bieu-trung/xoa` — removes the emblem (the round mark shows again).
pub async fn remove_emblem(
    State(state): State<PortalState>,
    user: CurrentUser,
    AdminForm(form): AdminForm<TokenForm>,
) -> Result<Response, HttpError> {
    remove(state, user, form, Which::Emblem).await
}

/// `POST /quan-tri/cau-hinh/bieu-tuong/xoa` — back to the built-in favicon.
pub async fn remove_favicon(
    State(state): State<PortalState>,
    user: CurrentUser,
    AdminForm(form): AdminForm<TokenForm>,
) -> Result<Response, HttpError> {
    remove(state, user, form, Which::Favicon).await
}
