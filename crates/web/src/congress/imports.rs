//! Nhập và xuất danh sách — the lists of organizations and people as files, from the workspace:
//! the two templates to download, the upload pages under an organization (check first, then
//! import), and the exports of an organization's subtree.
//!
//! Reading, checking and writing files are `daihoi-sheets`' (the same calls as `daihoi import`);
//! the rule that an import made on an organization stays inside its subtree is the domain's
//! (`congress::import_scope`); storing is the store's, in one transaction with its audit row.
//!
//! **Check, then import, with the file chosen twice.** The first upload is a dry run: it shows
//! every problem by row and column, or the counts (thêm / cập nhật / không đổi). To import, the
//! user chooses the same file again and ticks a confirmation; the file is then read and checked
//! again from scratch and applied whole, or refused with its report. Nothing of an upload is
//! kept on the server between the two steps, so there is no temporary file to guard, tie to a
//! session or clean up, and the step that writes never trusts an earlier check.

use askama::Template;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use daihoi_domain::access::{Permission, Target};
use daihoi_domain::congress::import::ImportColumn;
use daihoi_domain::congress::import_scope::{
    OutsideScope, organizations_outside, people_outside, subtree_ids,
};
use daihoi_domain::vn::format::format_int;
use daihoi_sheets::write::{self, FileKind, OrganizationRow, PersonRow, Sensitive};
use daihoi_sheets::{FILE_MAX_BYTES, Problem, Report, SheetError, Table, lists, read_table};
use daihoi_store::{Closed, ImportCounts, Organization};

use super::CongressState;
use super::views::{Crumb, Layout, breadcrumb, load_organization, render, require_on};
use crate::kernel::HttpError;
use crate::kernel::auth::CurrentUser;

/// Largest body of an upload: the sheets crate's file limit plus room for the token, the
/// confirmation and the multipart framing. A larger body is refused with a sentence (413).
pub const IMPORT_BODY_LIMIT: usize = FILE_MAX_BYTES + 64 * 1024;

/// Danh sách — which of the two lists a page or a file is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// Danh sách tổ chức.
    Organizations,
    /// Danh sách nhân sự.
    People,
}

impl ListKind {
    /// From the URL's word (`to-chuc`, `nhan-su`).
    fn from_slug(slug: &str) -> Option<ListKind> {
        match slug {
            "to-chuc" => Some(ListKind::Organizations),
            "nhan-su" => Some(ListKind::People),
            _ => None,
        }
    }

    /// The URL's word.
    fn slug(self) -> &'static str {
        match self {
            ListKind::Organizations => "to-chuc",
            ListKind::People => "nhan-su",
        }
    }

    /// The list's name in a sentence.
    fn label(self) -> &'static str {
        match self {
            ListKind::Organizations => "tổ chức",
            ListKind::People => "nhân sự",
        }
    }

    /// The right an import of this list needs on the organization.
    fn manage(self) -> Permission {
        match self {
            ListKind::Organizations => Permission::ManageOrganizations,
            ListKind::People => Permission::ManagePeople,
        }
    }
}

/// A file name of a route (`to-chuc.xlsx`): the list and the kind of file.
fn parse_file(raw: &str) -> Result<(ListKind, FileKind), HttpError> {
    let parsed = raw.rsplit_once('.').and_then(|(list, ext)| {
        let kind = match ext {
            "xlsx" => FileKind::Xlsx,
            "csv" => FileKind::Csv,
            _ => return None,
        };
        ListKind::from_slug(list).map(|l| (l, kind))
    });
    parsed.ok_or_else(|| {
        HttpError::NotFound(format!(
            "Không có tệp «{raw}»: các tệp là to-chuc.xlsx, to-chuc.csv, nhan-su.xlsx, nhan-su.csv."
        ))
    })
}

/// What `filename*` percent-encodes: all but RFC 5987's plainest `attr-char`s.
const FILENAME_ENCODE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'.')
    .remove(b'-')
    .remove(b'_')
    .remove(b'~');

/// `Content-Disposition: attachment` naming the file `title`.`ext`: an ASCII name for old
/// clients (the title without diacritics) and the Vietnamese one as `filename*` (RFC 6266).
pub fn attachment_disposition(title: &str, kind: FileKind) -> HeaderValue {
    let ext = kind.extension();
    let mut ascii = daihoi_domain::vn::slug::slugify(title);
    if ascii.is_empty() {
        ascii = "danh-sach".to_owned();
    }
    let utf8 = percent_encoding::utf8_percent_encode(&format!("{title}.{ext}"), FILENAME_ENCODE)
        .to_string();
    HeaderValue::from_str(&format!(
        "attachment; filename=\"{ascii}.{ext}\"; filename*=UTF-8''{utf8}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

/// A file to download.
fn download(bytes: Vec<u8>, kind: FileKind, title: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(kind.content_type()),
            ),
            (
                header::CONTENT_DISPOSITION,
                attachment_disposition(title, kind),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// The writer failed (a bug or no memory, never the user's data).
fn write_failed(err: write::WriteError) -> HttpError {
    tracing::error!(%err, "writing a spreadsheet failed");
    HttpError::Refused {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        message: crate::kernel::error::INTERNAL_MESSAGE.to_owned(),
    }
}

/// `GET /dai-hoi/mau/{tệp}` — the template of a list (`to-chuc.xlsx`, `to-chuc.csv`,
/// `nhan-su.xlsx`, `nhan-su.csv`), for any account of the workspace.
pub async fn template(user: CurrentUser, Path(file): Path<String>) -> Result<Response, HttpError> {
    super::views::require_workspace(&user)?;
    let (list, kind) = parse_file(&file)?;
    let (bytes, title) = match list {
        ListKind::Organizations => (write::organization_template(kind), "Mẫu danh sách tổ chức"),
        ListKind::People => (write::person_template(kind), "Mẫu danh sách nhân sự"),
    };
    Ok(download(bytes.map_err(write_failed)?, kind, title))
}

/// `GET /dai-hoi/to-chuc/{id}/xuat/{tệp}` — the organizations of the subtree (with
/// `ViewWorkspace`) or the people of its rolls in Vietnamese name order (with `ViewPeople`);
/// date of birth, ethnicity and card number only with `ViewSensitive`. Every export of people
/// is written to the audit log (who, which organization, how many, which format, sensitive or
/// not).
pub async fn export(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, HttpError> {
    let org = load_organization(&state, &id).await?;
    let (list, kind) = parse_file(&file)?;
    let store = &state.kernel.store;
    let subtree = store.organization_subtree(org.id, Closed::Include).await?;
    let parent_code = match org.parent_id {
        Some(pid) => store.organization(pid).await?.map(|p| p.code),
        None => None,
    };
    let code_of: std::collections::HashMap<i64, &str> =
        subtree.iter().map(|o| (o.id, o.code.as_str())).collect();
    match list {
        ListKind::Organizations => {
            require_on(&user, Permission::ViewWorkspace, &org)?;
            let rows: Vec<OrganizationRow> = subtree
                .iter()
                .map(|o| OrganizationRow {
                    code: o.code.clone(),
                    name: o.name.clone(),
                    parent_code: if o.id == org.id {
                        parent_code.clone()
                    } else {
                        o.parent_id
                            .and_then(|p| code_of.get(&p))
                            .map(|c| (*c).to_owned())
                    },
                    level: o.level.clone(),
                    members: o.members,
                    closed: o.is_closed(),
                })
                .collect();
            let bytes = write::export_organizations(&rows, kind).map_err(write_failed)?;
            Ok(download(bytes, kind, &format!("Tổ chức - {}", org.name)))
        }
        ListKind::People => {
            require_on(&user, Permission::ViewPeople, &org)?;
            let sensitive = user.can_on(Permission::ViewSensitive, Target::Organization(&org.path));
            let people = store.people_in_subtree(org.id).await?;
            let rows: Vec<PersonRow> = people
                .into_iter()
                .map(|p| PersonRow {
                    organization_code: code_of
                        .get(&p.organization_id)
                        .map(|c| (*c).to_owned())
                        .unwrap_or_default(),
                    full_name: p.full_name,
                    sex: p.sex,
                    birth: p.birth,
                    ethnicity: p.ethnicity,
                    education: p.education,
                    position: p.position,
                    card_number: p.card_number,
                })
                .collect();
            let which = if sensitive {
                Sensitive::Include
            } else {
                Sensitive::Omit
            };
            let bytes = write::export_people(&rows, which, kind).map_err(write_failed)?;
            store
                .record_people_export(
                    &user.actor(),
                    org.id,
                    rows.len(),
                    kind.extension(),
                    sensitive,
                    state.kernel.now(),
                )
                .await?;
            Ok(download(bytes, kind, &format!("Nhân sự - {}", org.name)))
        }
    }
}

/// Một lỗi trong báo cáo — one line of the report table.
pub struct ProblemRow {
    /// Dòng (empty for the file as a whole).
    pub row: String,
    /// Cột (empty for a whole row or file).
    pub column: String,
    /// The whole sentence.
    pub message: String,
}

/// Số dòng — the counts of a checked or applied file, formatted.
pub struct CountsView {
    /// Thêm.
    pub inserted: String,
    /// Cập nhật.
    pub updated: String,
    /// Không đổi.
    pub unchanged: String,
}

impl CountsView {
    fn of(counts: ImportCounts) -> CountsView {
        let f = |n: usize| format_int(i64::try_from(n).unwrap_or(i64::MAX));
        CountsView {
            inserted: f(counts.inserted),
            updated: f(counts.updated),
            unchanged: f(counts.unchanged),
        }
    }
}

/// Where the page is: the form, a refused file, a checked file, an imported file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Form,
    Refused,
    Checked,
    Imported,
}

/// Trang nhập danh sách.
#[derive(Template)]
#[template(path = "congress/import.html")]
struct ImportPage {
    layout: Layout,
    crumbs: Vec<Crumb>,
    org_id: i64,
    org_name: String,
    list_slug: &'static str,
    list_label: &'static str,
    stage: Stage,
    file_name: String,
    problems: Vec<ProblemRow>,
    total_problems: String,
    omitted: String,
    counts: Option<CountsView>,
}

impl ImportPage {
    fn refused(&self) -> bool {
        self.stage == Stage::Refused
    }
    fn checked(&self) -> bool {
        self.stage == Stage::Checked
    }
    fn imported(&self) -> bool {
        self.stage == Stage::Imported
    }
}

/// The organization and list of an import page, the right checked.
async fn import_target(
    state: &CongressState,
    user: &CurrentUser,
    id: &str,
    list: &str,
) -> Result<(Organization, ListKind), HttpError> {
    let org = load_organization(state, id).await?;
    let list = ListKind::from_slug(list)
        .ok_or_else(|| HttpError::NotFound(format!("Không có danh sách «{list}» để nhập.")))?;
    require_on(user, list.manage(), &org)?;
    if org.is_closed() {
        return Err(HttpError::Conflict(format!(
            "Tổ chức «{}» đã giải thể: không nhập danh sách vào tổ chức này.",
            org.name
        )));
    }
    Ok((org, list))
}

async fn page(
    state: &CongressState,
    user: &CurrentUser,
    org: &Organization,
    list: ListKind,
    stage: Stage,
) -> Result<ImportPage, HttpError> {
    Ok(ImportPage {
        layout: Layout::new(state, user, None).await,
        crumbs: breadcrumb(state, user, org).await?,
        org_id: org.id,
        org_name: org.name.clone(),
        list_slug: list.slug(),
        list_label: list.label(),
        stage,
        file_name: String::new(),
        problems: Vec::new(),
        total_problems: String::new(),
        omitted: String::new(),
        counts: None,
    })
}

/// `GET /dai-hoi/to-chuc/{id}/nhap/{to-chuc|nhan-su}` — the upload form (with
/// `ManageOrganizations` / `ManagePeople` on the organization).
pub async fn form(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path((id, list)): Path<(String, String)>,
) -> Result<Response, HttpError> {
    let (org, list) = import_target(&state, &user, &id, &list).await?;
    render(&page(&state, &user, &org, list, Stage::Form).await?)
}

/// What the upload form sent.
#[derive(Default)]
struct Upload {
    csrf_token: String,
    confirmed: bool,
    file_name: String,
    bytes: Vec<u8>,
}

/// Largest body read and thrown away before refusing it as too large: a browser sends the whole
/// file before it reads the answer, so a server that closed the connection at once would show
/// the user a reset connection instead of the sentence. Past this, the connection is closed.
const DRAIN_MAX_BYTES: usize = 64 * 1024 * 1024;

/// Reads and discards a body, at most [`DRAIN_MAX_BYTES`] of it (the listener's body timeouts
/// bound the time).
async fn drain(body: axum::body::Body) {
    use http_body::Body as _;
    let mut body = std::pin::pin!(body);
    let mut seen = 0usize;
    while let Some(Ok(frame)) = std::future::poll_fn(|cx| body.as_mut().poll_frame(cx)).await {
        seen += frame.data_ref().map_or(0, |d| d.len());
        if seen > DRAIN_MAX_BYTES {
            break;
        }
    }
}

fn too_large(bytes: usize) -> HttpError {
    HttpError::Refused {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        message: SheetError::TooLarge { bytes }.to_string(),
    }
}

fn multipart_error(err: MultipartError) -> HttpError {
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large(IMPORT_BODY_LIMIT + 1)
    } else {
        HttpError::BadRequest(
            "Dữ liệu tải lên bị hỏng hoặc bị ngắt giữa chừng. Vui lòng chọn lại tệp và thử lại."
                .to_owned(),
        )
    }
}

async fn read_upload(mut multipart: Multipart) -> Result<Upload, HttpError> {
    let mut upload = Upload::default();
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_error)? {
        match field.name().unwrap_or("") {
            "csrf_token" => upload.csrf_token = field.text().await.map_err(multipart_error)?,
            "xac_nhan" => {
                upload.confirmed = field.text().await.map_err(multipart_error)? == "1";
            }
            "tep" => {
                upload.file_name = field.file_name().unwrap_or("").to_owned();
                while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                    if upload.bytes.len() + chunk.len() > FILE_MAX_BYTES {
                        return Err(too_large(upload.bytes.len() + chunk.len()));
                    }
                    upload.bytes.extend_from_slice(&chunk);
                }
            }
            _ => while field.chunk().await.map_err(multipart_error)?.is_some() {},
        }
    }
    Ok(upload)
}

/// The file name a report and the audit log show: its last path segment, one line, at most
/// 200 characters.
fn clean_file_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let name: String = last.chars().filter(|c| !c.is_control()).take(200).collect();
    daihoi_domain::vn::fold::nfc(name.trim())
}

/// The header an outside-scope row is about.
fn scope_column(column: ImportColumn) -> &'static str {
    match column {
        ImportColumn::Code => lists::CODE,
        ImportColumn::ParentCode => lists::PARENT_CODE,
        ImportColumn::OrganizationCode => lists::ORGANIZATION_CODE,
        ImportColumn::CardNumber => lists::CARD_NUMBER,
        ImportColumn::FullName => lists::FULL_NAME,
    }
}

fn scope_problems(outside: &[OutsideScope]) -> Vec<Problem> {
    outside
        .iter()
        .map(|o| Problem::cell(o.row, scope_column(o.column), o.code(), o))
        .collect()
}

/// A report from `report` (possibly empty) and more problems, in row order.
fn merged(report: Option<Report>, more: Vec<Problem>) -> Report {
    let mut problems: Vec<Problem> = report
        .as_ref()
        .map(|r| r.problems().to_vec())
        .unwrap_or_default();
    let omitted = report.as_ref().map_or(0, Report::omitted);
    problems.extend(more);
    problems.sort_by_key(|p| p.row.map_or(0, u64::from));
    let mut out = Report::new();
    out.extend(problems);
    // A report with omitted problems has its list full: these are counted, not listed.
    for _ in 0..omitted {
        out.push(Problem::file("omitted", ""));
    }
    out
}

/// Checks an organization file for an import into `org` and applies it when `apply`.
async fn organizations(
    state: &CongressState,
    user: &CurrentUser,
    org: &Organization,
    table: &Table,
    file_name: &str,
    apply: bool,
) -> Result<Result<ImportCounts, Report>, HttpError> {
    let store = &state.kernel.store;
    let stored = store.organizations_for_import().await?;
    let parsed = match lists::organizations(table) {
        Ok(parsed) => parsed,
        Err(report) => return Ok(Err(report)),
    };
    let outside = scope_problems(&organizations_outside(&stored, org.id, &parsed.rows));
    let plan = match lists::plan_organizations(table, &stored) {
        Ok(plan) => plan,
        Err(report) => return Ok(Err(merged(Some(report), outside))),
    };
    if !outside.is_empty() {
        return Ok(Err(merged(None, outside)));
    }
    if !apply {
        return Ok(Ok(ImportCounts::of_organizations(&plan)));
    }
    Ok(store
        .import_organizations(&parsed.rows, file_name, &user.actor(), state.kernel.now())
        .await?
        .map_err(|issues| lists::organization_issues_report(&issues)))
}

/// Checks a people file for an import into `org` and applies it when `apply`.
async fn people(
    state: &CongressState,
    user: &CurrentUser,
    org: &Organization,
    table: &Table,
    file_name: &str,
    apply: bool,
) -> Result<Result<ImportCounts, Report>, HttpError> {
    let store = &state.kernel.store;
    let today = state.kernel.today();
    let (organizations, stored) = store.people_for_import().await?;
    let (parsed, columns) = match lists::people(table, today) {
        Ok(parsed) => parsed,
        Err(report) => return Ok(Err(report)),
    };
    let inside = subtree_ids(&store.organizations_for_import().await?, org.id);
    let planned = lists::plan_people(table, today, &organizations, &stored);
    let empty = daihoi_domain::congress::import::PersonPlan::default();
    let outside = scope_problems(&people_outside(
        &inside,
        &organizations,
        &stored,
        &parsed.rows,
        planned.as_ref().unwrap_or(&empty),
    ));
    let plan = match planned {
        Ok(plan) => plan,
        Err(report) => return Ok(Err(merged(Some(report), outside))),
    };
    if !outside.is_empty() {
        return Ok(Err(merged(None, outside)));
    }
    if !apply {
        return Ok(Ok(ImportCounts::of_people(&plan)));
    }
    Ok(store
        .import_people(
            &parsed.rows,
            columns,
            file_name,
            &user.actor(),
            state.kernel.now(),
        )
        .await?
        .map_err(|issues| lists::person_issues_report(&issues)))
}

/// `POST /dai-hoi/to-chuc/{id}/nhap/{to-chuc|nhan-su}` — a multipart upload of one file
/// (`tep`). Without `xac_nhan=1` a dry run: the report of every problem (422) or the counts and
/// the form to import. With it: the file is checked again and imported whole (the counts), or
/// refused with its report (422), nothing stored. Every imported row must lie in the
/// organization's subtree.
pub async fn upload(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path((id, list)): Path<(String, String)>,
    request: Request,
) -> Result<Response, HttpError> {
    let (org, list) = import_target(&state, &user, &id, &list).await?;
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if let Some(len) = declared.filter(|len| *len > IMPORT_BODY_LIMIT) {
        if len <= DRAIN_MAX_BYTES {
            drain(request.into_body()).await;
        }
        return Err(too_large(len));
    }
    let multipart = Multipart::from_request(request, &state).await;
    let multipart = multipart.map_err(|_: MultipartRejection| {
        HttpError::BadRequest(
            "Tệp phải được gửi bằng biểu mẫu tải tệp (multipart/form-data).".to_owned(),
        )
    })?;
    let upload = read_upload(multipart).await?;
    user.check_csrf(&state.kernel, &upload.csrf_token)?;
    let file_name = clean_file_name(&upload.file_name);
    let mut view = page(&state, &user, &org, list, Stage::Refused).await?;
    view.file_name = file_name.clone();
    let outcome = if upload.bytes.is_empty() && file_name.is_empty() {
        Err(merged(
            None,
            vec![Problem::file(
                "no_file",
                "Chưa chọn tệp: hãy chọn tệp Excel (.xlsx) hoặc CSV để kiểm tra.",
            )],
        ))
    } else {
        match read_table(&upload.bytes, &file_name) {
            Err(e) => Err(Report::from(e)),
            Ok(table) => match list {
                ListKind::Organizations => {
                    organizations(&state, &user, &org, &table, &file_name, upload.confirmed).await?
                }
                ListKind::People => {
                    people(&state, &user, &org, &table, &file_name, upload.confirmed).await?
                }
            },
        }
    };
    let status = match outcome {
        Ok(counts) => {
            view.stage = if upload.confirmed {
                Stage::Imported
            } else {
                Stage::Checked
            };
            view.counts = Some(CountsView::of(counts));
            StatusCode::OK
        }
        Err(report) => {
            view.total_problems = format_int(i64::try_from(report.total()).unwrap_or(i64::MAX));
            view.omitted = if report.omitted() > 0 {
                format_int(i64::try_from(report.omitted()).unwrap_or(i64::MAX))
            } else {
                String::new()
            };
            view.problems = report
                .problems()
                .iter()
                .map(|p| ProblemRow {
                    row: p.row.map(|r| r.to_string()).unwrap_or_default(),
                    column: p.column.clone().unwrap_or_default(),
                    message: p.message.clone(),
                })
                .collect();
            StatusCode::UNPROCESSABLE_ENTITY
        }
    };
    Ok((status, Html(view.render()?)).into_response())
}
