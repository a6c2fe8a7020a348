//! Quản lý văn bản — documents in the administration under `/quan-tri/van-ban`: list (every
//! state and class, with a search box), create, edit, attach the PDF, publish, unpublish, delete.
//!
//! Rights as for articles: editors create documents and edit them while unpublished; admins
//! also edit published ones, publish, unpublish and delete. A document classified "Mật" or higher
//! is never published: the publish form is not offered, and a hand-made request is refused here
//! by the domain's rule before the store refuses it again.

use askama::Template;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use daihoi_domain::document::{
    Classification, DocumentInput, MAX_PDF_BYTES, PdfError, check_document, check_pdf,
    check_publishable,
};
use daihoi_domain::vn::format::format_date;
use daihoi_store::{Document, DocumentFilter, DocumentType, NewDocument};
use serde::Deserialize;

use super::views::{Layout, Pager, local_time, render};
use super::{AdminForm, HttpError, parse_id};
use crate::kernel::auth::{CurrentUser, Permission};
use crate::portal::PortalState;
use crate::portal::document_files::{documents_dir, remove, write_pdf};
use crate::portal::public::documents::{document_url, file_size_text, pdf_response};

/// Largest multipart body of a PDF upload: the file limit plus room for the token and framing.
pub const PDF_BODY_LIMIT: usize = MAX_PDF_BYTES + 64 * 1024;

/// Rows per page of the administration's list.
const PAGE_SIZE: u32 = 30;

/// One row of the list.
pub struct Row {
    id: i64,
    number: String,
    title: String,
    type_name: String,
    issued: String,
    classification: &'static str,
    secret: bool,
    published: bool,
    has_file: bool,
    updated: String,
}

#[derive(Template)]
#[template(path = "admin/documents.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<Row>,
    query: String,
    total: u64,
    pager: Pager,
    /// Whether the link to the document types shows (admins).
    can_manage_types: bool,
}

/// Query of the list page.
#[derive(Debug, Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    thong_bao: Option<String>,
    #[serde(default)]
    q: String,
    #[serde(default)]
    trang: Option<u32>,
}

/// `GET /quan-tri/van-ban` — every document, last changed first.
pub async fn list(
    State(state): State<PortalState>,
    user: CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Response, HttpError> {
    user.require(Permission::ViewArticles)?;
    let text: String = query.q.trim().chars().take(200).collect();
    let filter = DocumentFilter {
        text: text.clone(),
        ..DocumentFilter::default()
    };
    let page = query.trang.unwrap_or(1).max(1);
    let listed = state
        .store
        .list_all_documents(&filter, page, PAGE_SIZE)
        .await?;
    let rows = listed
        .items
        .iter()
        .map(|d| Row {
            id: d.id,
            number: d.number_symbol.clone(),
            title: d.title.clone(),
            type_name: d.type_name.clone(),
            issued: format_date(d.issued_on),
            classification: d.classification.label(),
            secret: d.classification.is_secret(),
            published: d.published,
            has_file: d.file_name.is_some(),
            updated: local_time(&state, d.updated_at),
        })
        .collect();
    let base = format!(
        "/quan-tri/van-ban?q={}&",
        percent_encoding::utf8_percent_encode(&text, percent_encoding::NON_ALPHANUMERIC)
    );
    let page = ListPage {
        layout: Layout::for_user(&state, &user, "documents", query.thong_bao.as_deref()).await,
        can_manage_types: user.can(Permission::ManageCategories),
        rows,
        query: text,
        total: listed.total,
        pager: Pager {
            page: listed.page,
            pages: listed.page_count(),
            base,
        },
    };
    render(&page)
}

/// Fields of the document form, kept as typed.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct DocumentForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    number: String,
    #[serde(default)]
    type_id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    signer: String,
    #[serde(default)]
    issued_on: String,
    #[serde(default)]
    effective_on: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    classification: String,
}

type FieldErrors = Vec<(&'static str, String)>;

#[derive(Template)]
#[template(path = "admin/document_form.html")]
struct FormPage {
    layout: Layout,
    document: Option<Document>,
    form: DocumentForm,
    errors: FieldErrors,
    types: Vec<DocumentType>,
    classes: Vec<(&'static str, &'static str)>,
    form_action: String,
    public_url: Option<String>,
    file_size: String,
    can_publish: bool,
    can_edit: bool,
}

impl FormPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, message)| message.as_str())
    }
}

fn check_form(form: &DocumentForm, types: &[DocumentType]) -> Result<NewDocument, FieldErrors> {
    let checked = check_document(&DocumentInput {
        number: &form.number,
        title: &form.title,
        issuer: &form.issuer,
        signer: &form.signer,
        issued_on: &form.issued_on,
        effective_on: &form.effective_on,
        summary: &form.summary,
        classification: &form.classification,
    });
    let type_id = form
        .type_id
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| types.iter().any(|t| t.id == *id));
    match (checked, type_id) {
        (Ok(fields), Some(type_id)) => Ok(NewDocument { type_id, fields }),
        (checked, type_id) => {
            let mut errors = checked.err().unwrap_or_default();
            if type_id.is_none() {
                errors.push((
                    "type_id",
                    "Loại văn bản: hãy chọn một loại trong danh sách.".to_owned(),
                ));
            }
            Err(errors)
        }
    }
}

fn form_of(d: &Document) -> DocumentForm {
    DocumentForm {
        csrf_token: String::new(),
        number: d.number_symbol.clone(),
        type_id: d.type_id.to_string(),
        title: d.title.clone(),
        issuer: d.issuer.clone(),
        signer: d.signer.clone(),
        issued_on: d.issued_on.to_string(),
        effective_on: d.effective_on.map(|d| d.to_string()).unwrap_or_default(),
        summary: d.summary.clone(),
        classification: d.classification.as_str().to_owned(),
    }
}

async fn page(
    state: &PortalState,
    user: &CurrentUser,
    document: Option<Document>,
    form: DocumentForm,
    errors: FieldErrors,
    notice: Option<&str>,
) -> Result<FormPage, HttpError> {
    let types = state.store.document_types().await?;
    let can_edit = document
        .as_ref()
        .is_none_or(|d| !d.published || user.can(Permission::EditPublished));
    Ok(FormPage {
        layout: Layout::for_user(state, user, "documents", notice).await,
        form_action: match &document {
            Some(d) => format!("/quan-tri/van-ban/{}", d.id),
            None => "/quan-tri/van-ban".to_owned(),
        },
        public_url: document
            .as_ref()
            .filter(|d| d.is_public())
            .map(document_url),
        file_size: document
            .as_ref()
            .and_then(|d| d.file_size)
            .map(file_size_text)
            .unwrap_or_default(),
        can_publish: user.can(Permission::Publish),
        can_edit,
        document,
        form,
        errors,
        types,
        classes: Classification::ALL
            .iter()
            .map(|c| (c.as_str(), c.label()))
            .collect(),
    })
}

fn refused(page: &FormPage) -> Result<Response, HttpError> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

async fn load(state: &PortalState, raw_id: &str) -> Result<Document, HttpError> {
    let id = parse_id(raw_id, "văn bản")?;
    state
        .store
        .document_by_id(id)
        .await?
        .ok_or_else(|| HttpError::NotFound(format!("Không tìm thấy văn bản số {id}.")))
}

/// `GET /quan-tri/van-ban/moi`.
pub async fn new_form(
    State(state): State<PortalState>,
    user: CurrentUser,
) -> Result<Response, HttpError> {
    user.require(Permission::WriteDrafts)?;
    let form = DocumentForm {
        classification: Classification::Normal.as_str().to_owned(),
        ..DocumentForm::default()
    };
    render(&page(&state, &user, None, form, Vec::new(), None).await?)
}

/// Query carrying a confirmation code.
#[derive(Debug, Deserialize, Default)]
pub struct NoticeQuery {
    #[serde(default)]
    thong_bao: Option<String>,
}

/// `GET /quan-tri/van-ban/{id}`.
pub async fn edit_form(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, HttpError> {
    user.require(Permission::ViewArticles)?;
    let doc = load(&state, &id).await?;
    let form = form_of(&doc);
    render(
        &page(
            &state,
            &user,
            Some(doc),
            form,
            Vec::new(),
            query.thong_bao.as_deref(),
        )
        .await?,
    )
}

/// `POST /quan-tri/van-ban` — creates a document (unpublished).
pub async fn create(
    State(state): State<PortalState>,
    user: CurrentUser,
    AdminForm(form): AdminForm<DocumentForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::WriteDrafts)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let types = state.store.document_types().await?;
    let new = match check_form(&form, &types) {
        Ok(new) => new,
        Err(errors) => return refused(&page(&state, &user, None, form, errors, None).await?),
    };
    let doc = state
        .store
        .create_document(&new, false, &user.actor(), state.now())
        .await?;
    Ok(Redirect::to(&format!(
        "/quan-tri/van-ban/{}?thong_bao=da-luu-van-ban",
        doc.id
    ))
    .into_response())
}

/// `POST /quan-tri/van-ban/{id}` — edits a document's fields.
pub async fn update(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<DocumentForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::WriteDrafts)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let doc = load(&state, &id).await?;
    if doc.published && !user.can(Permission::EditPublished) {
        return Err(HttpError::NotPermitted);
    }
    let types = state.store.document_types().await?;
    let mut errors = Vec::new();
    let update = match check_form(&form, &types) {
        Ok(update) => Some(update),
        Err(e) => {
            errors = e;
            None
        }
    };
    if let Some(u) = &update
        && doc.published
        && let Err(refusal) = check_publishable(u.fields.classification)
    {
        errors.push((
            "classification",
            format!("{refusal} Hãy gỡ văn bản khỏi cổng thông tin trước khi đổi độ mật."),
        ));
    }
    let Some(update) = update.filter(|_| errors.is_empty()) else {
        return refused(&page(&state, &user, Some(doc), form, errors, None).await?);
    };
    state
        .store
        .update_document(doc.id, &update, &user.actor(), state.now())
        .await?;
    state.sitemaps.clear();
    Ok(Redirect::to(&format!(
        "/quan-tri/van-ban/{}?thong_bao=da-luu-van-ban",
        doc.id
    ))
    .into_response())
}

/// Fields of the small forms (publish, unpublish, delete).
#[derive(Debug, Default, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    csrf_token: String,
}

/// `POST /quan-tri/van-ban/{id}/xuat-ban` — publishes a document; a classified one is refused.
pub async fn publish(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<TokenForm>,
) -> Result<Response, HttpError> {
    set_published(&state, &user, &id, &form, true).await
}

/// `POST /quan-tri/van-ban/{id}/go-xuat-ban` — takes a document off the portal.
pub async fn unpublish(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<TokenForm>,
) -> Result<Response, HttpError> {
    set_published(&state, &user, &id, &form, false).await
}

/// What publishing and unpublishing share: the right, the token, the stored change (refused for
/// a classified document), the site maps forgotten, back to the document with its notice.
async fn set_published(
    state: &PortalState,
    user: &CurrentUser,
    id: &str,
    form: &TokenForm,
    published: bool,
) -> Result<Response, HttpError> {
    user.require(Permission::Publish)?;
    user.check_csrf(state, &form.csrf_token)?;
    let doc = load(state, id).await?;
    if published {
        check_publishable(doc.classification)
            .map_err(|refusal| HttpError::Unprocessable(refusal.to_string()))?;
    }
    state
        .store
        .set_document_published(doc.id, published, &user.actor(), state.now())
        .await?;
    state.sitemaps.clear();
    let notice = if published {
        "da-xuat-ban-van-ban"
    } else {
        "da-go-van-ban"
    };
    Ok(Redirect::to(&format!("/quan-tri/van-ban/{}?thong_bao={notice}", doc.id)).into_response())
}

/// `POST /quan-tri/van-ban/{id}/xoa` — deletes a document and its file.
pub async fn delete(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<TokenForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::Publish)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let doc = load(&state, &id).await?;
    let file = state
        .store
        .delete_document(doc.id, &user.actor(), state.now())
        .await?;
    if let Some(file) = file {
        remove(&documents_dir(&state.config), &file);
    }
    state.sitemaps.clear();
    Ok(Redirect::to("/quan-tri/van-ban?thong_bao=da-xoa-van-ban").into_response())
}

fn pdf_refused(err: PdfError) -> HttpError {
    let status = match err {
        PdfError::Empty => StatusCode::BAD_REQUEST,
        PdfError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        PdfError::NotPdf => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        PdfError::Truncated => StatusCode::UNPROCESSABLE_ENTITY,
    };
    HttpError::Refused {
        status,
        message: err.to_string(),
    }
}

fn multipart_error(err: MultipartError) -> HttpError {
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        pdf_refused(PdfError::TooLarge)
    } else {
        HttpError::BadRequest(
            "Dữ liệu tải lên bị hỏng hoặc bị ngắt giữa chừng. Vui lòng chọn lại tệp và thử lại."
                .to_owned(),
        )
    }
}

/// `POST /quan-tri/van-ban/{id}/tep` — attaches (or replaces) the document's PDF. The body is
/// streamed and cut off past [`MAX_PDF_BYTES`]; the file is checked by its content.
pub async fn upload(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, HttpError> {
    user.require(Permission::WriteDrafts)?;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > PDF_BODY_LIMIT) {
        return Err(pdf_refused(PdfError::TooLarge));
    }
    let doc = load(&state, &id).await?;
    if doc.published && !user.can(Permission::EditPublished) {
        return Err(HttpError::NotPermitted);
    }
    let mut multipart = multipart.map_err(|_| {
        HttpError::BadRequest(
            "Tệp phải được gửi bằng biểu mẫu tải tệp (multipart/form-data).".to_owned(),
        )
    })?;
    let mut token = String::new();
    let mut bytes: Vec<u8> = Vec::new();
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_error)? {
        match field.name().unwrap_or("") {
            "csrf_token" => token = field.text().await.map_err(multipart_error)?,
            "pdf" => {
                while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                    if bytes.len() + chunk.len() > MAX_PDF_BYTES {
                        return Err(pdf_refused(PdfError::TooLarge));
                    }
                    bytes.extend_from_slice(&chunk);
                }
            }
            _ => while field.chunk().await.map_err(multipart_error)?.is_some() {},
        }
    }
    user.check_csrf(&state, &token)?;
    check_pdf(&bytes).map_err(pdf_refused)?;
    let dir = documents_dir(&state.config);
    let now = state.now();
    let size = bytes.len() as i64;
    let written = {
        let dir = dir.clone();
        tokio::task::spawn_blocking(move || write_pdf(&dir, now, &bytes))
            .await
            .map_err(|e| HttpError::Refused {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                message: format!("Không lưu được tệp PDF trên máy chủ ({e})."),
            })?
    };
    let name = written.map_err(|e| {
        tracing::error!(error = %e, "document file could not be written");
        HttpError::Refused {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "Không lưu được tệp PDF trên máy chủ.".to_owned(),
        }
    })?;
    match state
        .store
        .set_document_file(doc.id, &name, size, &user.actor(), now)
        .await
    {
        Ok((_, replaced)) => {
            if let Some(old) = replaced {
                remove(&dir, &old);
            }
        }
        Err(err) => {
            remove(&dir, &name);
            return Err(err.into());
        }
    }
    Ok(Redirect::to(&format!(
        "/quan-tri/van-ban/{}?thong_bao=da-tai-tep",
        doc.id
    ))
    .into_response())
}

/// `GET /quan-tri/van-ban/{id}/tep` — the PDF of any document, for the administration.
pub async fn download(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HttpError> {
    user.require(Permission::ViewArticles)?;
    let doc = load(&state, &id).await?;
    pdf_response(&state, &doc).await
}
