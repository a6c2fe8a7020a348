//! Quản lý bài viết — the article list, the editor (create, edit, preview), publishing.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use daihoi_domain::address::article_slug_candidates;
use daihoi_domain::publication::{
    PublishTime, SaveAction, Standing, publish_time, standing, status_after_save,
};
use daihoi_domain::vn::format::format_uint;
use daihoi_domain::vn::nfc;
use daihoi_store::{
    Actor, Article, ArticleFilter, ArticleKind, ArticleState, ArticleStatus, BodyFormat, Category,
    Constraint, NewArticle, StoreError,
};
use serde::Deserialize;

use super::views::{Layout, Pager, local_time, render, zone_label};
use super::{AdminForm, HttpError, parse_id};
use crate::kernel::auth::{CurrentUser, Permission};
use crate::portal::PortalState;
use crate::portal::markdown::{self, PhotoRef};

/// Articles per page of the administration list.
const PER_PAGE: u32 = 20;
/// Longest title, in characters.
const TITLE_MAX: usize = 300;
/// Longest lead (sapo), in characters.
const LEAD_MAX: usize = 1_000;
/// Longest author or source, in characters.
const NAME_MAX: usize = 200;
/// Longest body, in characters (the editor's promise): the bound Markdown rendering is built for.
const BODY_MAX: usize = markdown::MAX_BODY_CHARS;

/// Shown above the editor of an article whose body is HTML (brought over from NukeViet).
const HTML_BODY_NOTICE: &str = "Nội dung bài này là HTML chuyển từ trang NukeViet cũ: sửa trực \
     tiếp trong các thẻ HTML. Khi hiển thị, mọi thẻ và thuộc tính không an toàn đều bị loại bỏ.";
/// Largest request body of the editor's forms (save, preview): a body of [`BODY_MAX`] characters
/// of any script, as a browser sends it (up to 4 bytes of UTF-8 per character, each byte
/// percent-encoded as 3), plus room for the other fields. Within it every over-long field is
/// refused by [`check_form`] with the form filled in again, so typed text is never lost.
pub const ARTICLE_FORM_LIMIT: usize = BODY_MAX * 12 + 64 * 1024;
/// The input format of publication times.
const TIME_FORMAT: &str = "%d/%m/%Y %H:%M";

/// Trạng thái hiển thị — how an article's state reads in the administration (code and label) —
/// the domain's [`standing`], which counts a published article whose time is ahead as scheduled.
fn display_status(
    status: ArticleStatus,
    published_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> (&'static str, &'static str) {
    match standing(status, published_at, now) {
        Standing::Draft => ("draft", "Bản nháp"),
        Standing::Unpublished => ("unpublished", "Đã gỡ"),
        Standing::Scheduled => ("scheduled", "Đã lên lịch"),
        Standing::Published => ("published", "Đã xuất bản"),
    }
}

/// The button of the editor's form.
fn save_action(action: &str) -> SaveAction {
    if action == "publish" {
        SaveAction::Publish
    } else {
        SaveAction::Save
    }
}

/// Whether `user` may change `article`: drafts and withdrawn articles are open to editors,
/// published and scheduled ones only to admins.
fn can_edit(user: &CurrentUser, article: &Article) -> bool {
    match article.status {
        ArticleStatus::Draft | ArticleStatus::Unpublished => user.can(Permission::WriteDrafts),
        ArticleStatus::Published => user.can(Permission::EditPublished),
    }
}

// ---------------------------------------------------------------------------------------------
// List

/// Query of the article list.
#[derive(Debug, Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    trang_thai: String,
    #[serde(default)]
    chuyen_muc: String,
    #[serde(default)]
    trang: Option<String>,
    #[serde(default)]
    thong_bao: Option<String>,
}

struct ListRow {
    id: i64,
    title: String,
    slug: String,
    category: String,
    status_code: &'static str,
    status_label: &'static str,
    published_at: String,
    updated_at: String,
}

struct CategoryOption {
    id: i64,
    name: String,
    selected: bool,
}

/// Most congresses offered in the editor's list.
const CONGRESS_CHOICES: u32 = 500;

/// The congresses an article may name: those the portal reports on, plus the one it already
/// names.
async fn congress_choices(
    state: &PortalState,
    article: Option<&Article>,
) -> Result<Vec<(i64, String)>, HttpError> {
    let mut choices: Vec<(i64, String)> = state
        .store
        .congresses_to_name(CONGRESS_CHOICES)
        .await?
        .into_iter()
        .map(|(c, _)| (c.id, format!("{} ({})", c.name, c.term)))
        .collect();
    if let Some(id) = article.and_then(|a| a.congress_id)
        && !choices.iter().any(|(c, _)| *c == id)
        && let Some(c) = state.store.congress(id).await?
    {
        choices.push((c.id, format!("{} ({})", c.name, c.term)));
    }
    Ok(choices)
}

#[derive(Template)]
#[template(path = "admin/articles.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<ListRow>,
    total: usize,
    filter_q: String,
    filter_status: String,
    status_options: Vec<(&'static str, &'static str)>,
    categories: Vec<CategoryOption>,
    pager: Pager,
}

/// `GET /quan-tri/bai-viet` — every article whatever its state, filtered in the store by words
/// (title, lead, author, body and category name, diacritics folded), state and category; last
/// changed first.
pub async fn list(
    State(state): State<PortalState>,
    user: CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Response, HttpError> {
    user.require(Permission::ViewArticles)?;
    let now = state.now();
    let category_filter = query.chuyen_muc.parse::<i64>().ok();
    let state_filter = ArticleState::parse(&query.trang_thai);
    let requested = query
        .trang
        .as_deref()
        .and_then(|p| p.parse::<u32>().ok())
        .unwrap_or(1)
        .max(1);
    let filter = ArticleFilter {
        text: nfc(query.q.trim()),
        category_id: category_filter,
        state: state_filter,
    };
    let listed = if !query.trang_thai.is_empty() && state_filter.is_none() {
        // An unknown state matches no article.
        None
    } else {
        let mut listed = state
            .store
            .filter_articles(&filter, now, requested, PER_PAGE)
            .await?;
        if requested > listed.page_count() {
            // Past the last page (e.g. after a filter narrowed the list): show the last one.
            listed = state
                .store
                .filter_articles(&filter, now, listed.page_count(), PER_PAGE)
                .await?;
        }
        Some(listed)
    };
    let (items, total, page, pages) = match listed {
        Some(listed) => {
            let pages = listed.page_count();
            (listed.items, listed.total, listed.page, pages)
        }
        None => (Vec::new(), 0, 1, 1),
    };
    let rows = items
        .into_iter()
        .map(|a| {
            let (status_code, status_label) = display_status(a.status, a.published_at, now);
            ListRow {
                id: a.id,
                title: a.title,
                slug: a.slug,
                category: a.category_name,
                status_code,
                status_label,
                published_at: a
                    .published_at
                    .map(|t| local_time(&state, t))
                    .unwrap_or_else(|| "—".to_owned()),
                updated_at: local_time(&state, a.updated_at),
            }
        })
        .collect();
    let categories = state
        .store
        .list_categories()
        .await?
        .into_iter()
        .map(|c| CategoryOption {
            selected: Some(c.id) == category_filter,
            id: c.id,
            name: c.name,
        })
        .collect();
    let base = format!(
        "/quan-tri/bai-viet?q={}&trang_thai={}&chuyen_muc={}&",
        encode(&query.q),
        encode(&query.trang_thai),
        encode(&query.chuyen_muc)
    );
    let page = ListPage {
        layout: Layout::for_user(&state, &user, "articles", query.thong_bao.as_deref()).await,
        rows,
        total: usize::try_from(total).unwrap_or(usize::MAX),
        filter_q: query.q,
        filter_status: query.trang_thai,
        status_options: vec![
            ("", "Tất cả"),
            ("draft", "Bản nháp"),
            ("scheduled", "Đã lên lịch"),
            ("published", "Đã xuất bản"),
            ("unpublished", "Đã gỡ"),
        ],
        categories,
        pager: Pager { page, pages, base },
    };
    render(&page)
}

fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

// ---------------------------------------------------------------------------------------------
// Editor

/// Fields of the article form, kept as typed so a refused form shows them again.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct ArticleForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    lead: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    category_id: String,
    #[serde(default)]
    author: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    published_at: String,
    /// The congress the article reports on (an id, or empty).
    #[serde(default)]
    congress_id: String,
    /// Which button: `save` (default), `preview` or `publish`.
    #[serde(default)]
    action: String,
}

impl ArticleForm {
    fn from_article(state: &PortalState, a: &Article) -> ArticleForm {
        ArticleForm {
            csrf_token: String::new(),
            title: a.title.clone(),
            lead: a.lead.clone(),
            body: a.body_md.clone(),
            kind: a.kind.as_str().to_owned(),
            category_id: a.category_id.to_string(),
            author: a.author.clone(),
            source: a.source.clone(),
            published_at: a
                .published_at
                .map(|t| local_time(state, t))
                .unwrap_or_default(),
            congress_id: a.congress_id.map(|id| id.to_string()).unwrap_or_default(),
            action: String::new(),
        }
    }
}

/// A form that passed every check.
#[derive(Debug, Clone)]
struct CheckedArticle {
    title: String,
    lead: String,
    body_md: String,
    kind: ArticleKind,
    category_id: i64,
    author: String,
    source: String,
    published_at: Option<DateTime<Utc>>,
    congress_id: Option<i64>,
}

type FieldErrors = Vec<(&'static str, String)>;

/// Đọc thời gian đăng — `dd/mm/yyyy HH:MM` in `zone` to UTC; empty means "not set".
pub fn parse_publication_time(
    text: &str,
    zone: chrono_tz::Tz,
) -> Result<Option<DateTime<Utc>>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let naive = NaiveDateTime::parse_from_str(text, TIME_FORMAT).map_err(|_| {
        format!(
            "Thời gian đăng «{text}» không đúng dạng dd/mm/yyyy HH:MM (ví dụ 08/06/2020 14:05)."
        )
    })?;
    zone.from_local_datetime(&naive)
        .earliest()
        .map(|t| Some(t.with_timezone(&Utc)))
        .ok_or_else(|| {
            format!(
                "Thời điểm «{text}» không tồn tại ở múi giờ {}.",
                zone.name()
            )
        })
}

fn check_length(
    errors: &mut FieldErrors,
    field: &'static str,
    label: &str,
    value: &str,
    max: usize,
) {
    let count = value.chars().count();
    if count > max {
        errors.push((
            field,
            format!(
                "{label} dài {} ký tự, vượt giới hạn {} ký tự.",
                format_uint(count as u64),
                format_uint(max as u64)
            ),
        ));
    }
}

/// The editor's warning about images on other sites in a rendered body (see
/// [`markdown::foreign_images`]), or `None` when every image is the site's own.
fn foreign_images_message(body_html: &str) -> Option<String> {
    let foreign = markdown::foreign_images(body_html);
    let first = foreign.first()?;
    let more = match foreign.len() {
        1 => String::new(),
        n => format!(" và {} ảnh khác", n - 1),
    };
    Some(format!(
        "Ảnh «{}»{more} nằm trên trang khác nên sẽ không hiện trên cổng (cổng chỉ hiện ảnh của \
         chính mình). Hãy tải ảnh lên ở mục «Ảnh của bài» rồi chèn bằng ![chú thích](photo:SỐ).",
        crate::kernel::error::quoted(first)
    ))
}

/// Checks a submitted form against the known categories; every problem is reported at once,
/// next to its field.
fn check_form(
    form: &ArticleForm,
    format: BodyFormat,
    categories: &[Category],
    congresses: &[i64],
    zone: chrono_tz::Tz,
) -> Result<CheckedArticle, FieldErrors> {
    let mut errors = FieldErrors::new();
    let title = nfc(form.title.trim());
    let lead = nfc(form.lead.trim());
    let body_md = nfc(form.body.trim_end()).replace("\r\n", "\n");
    let author = nfc(form.author.trim());
    let source = nfc(form.source.trim());
    if title.is_empty() {
        errors.push(("title", "Tiêu đề không được để trống.".to_owned()));
    }
    check_length(&mut errors, "title", "Tiêu đề", &title, TITLE_MAX);
    check_length(&mut errors, "lead", "Sapo", &lead, LEAD_MAX);
    check_length(&mut errors, "body", "Nội dung", &body_md, BODY_MAX);
    if format == BodyFormat::Html
        && daihoi_domain::html::nesting_depth(&body_md) > daihoi_domain::html::MAX_IMPORTED_DEPTH
    {
        errors.push((
            "body",
            format!(
                "Nội dung HTML có thẻ lồng nhau quá {} mức: hãy bỏ bớt các thẻ lồng nhau.",
                daihoi_domain::html::MAX_IMPORTED_DEPTH
            ),
        ));
    } else if let Some(message) =
        foreign_images_message(&markdown::render_body(format, &body_md, &|id: &str| {
            Some(PhotoRef::at(markdown::default_photo_url(id)))
        }))
    {
        errors.push(("body", message));
    }
    check_length(&mut errors, "author", "Tên tác giả", &author, NAME_MAX);
    check_length(&mut errors, "source", "Nguồn", &source, NAME_MAX);
    let kind = match form.kind.as_str() {
        "" => Some(ArticleKind::News),
        other => ArticleKind::parse(other),
    };
    if kind.is_none() {
        errors.push((
            "kind",
            "Loại bài phải là «Tin tức» hoặc «Phỏng vấn».".to_owned(),
        ));
    }
    let category_id = form
        .category_id
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| categories.iter().any(|c| c.id == *id));
    if category_id.is_none() {
        errors.push((
            "category_id",
            "Hãy chọn một chuyên mục có trong danh sách.".to_owned(),
        ));
    }
    let published_at = match parse_publication_time(&form.published_at, zone) {
        Ok(t) => t,
        Err(message) => {
            errors.push(("published_at", message));
            None
        }
    };
    let congress_id = match form.congress_id.trim() {
        "" => None,
        raw => {
            let id = raw.parse::<i64>().ok().filter(|id| congresses.contains(id));
            if id.is_none() {
                errors.push((
                    "congress_id",
                    "Hãy chọn một đại hội có trong danh sách (hoặc để trống).".to_owned(),
                ));
            }
            id
        }
    };
    match (kind, category_id) {
        (Some(kind), Some(category_id)) if errors.is_empty() => Ok(CheckedArticle {
            title,
            lead,
            body_md,
            kind,
            category_id,
            author,
            source,
            published_at,
            congress_id,
        }),
        _ => Err(errors),
    }
}

struct PhotoView {
    id: i64,
    thumb: String,
    caption: String,
    thumb_width: u32,
    thumb_height: u32,
    /// The body shows it (a `photo:ID` line, or its address in an imported body).
    placed: bool,
    /// It is the article's cover, shown above the body when the body does not place it.
    is_cover: bool,
}

#[derive(Template)]
#[template(path = "admin/article_form.html")]
struct FormPage {
    layout: Layout,
    article_id: Option<i64>,
    status_label: Option<&'static str>,
    status_code: &'static str,
    public_url: Option<String>,
    errors: FieldErrors,
    form: ArticleForm,
    slug: Option<String>,
    categories: Vec<CategoryOption>,
    congresses: Vec<(i64, String)>,
    zone_label: String,
    can_save: bool,
    can_publish: bool,
    can_upload: bool,
    is_published: bool,
    preview_html: String,
    photos: Vec<PhotoView>,
    form_action: String,
    /// Why the last upload was refused (shown under the upload form), if it was.
    upload_error: Option<String>,
}

impl FormPage {
    /// The error shown next to `field`, if any.
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, message)| message.as_str())
    }
}

/// Renders a body as the public page would, with `photo:ID` resolved among `photos`.
fn render_body(format: BodyFormat, body: &str, photos: &[daihoi_store::Photo]) -> String {
    markdown::render_body(format, body, &|id: &str| {
        let id: i64 = id.parse().ok()?;
        photos.iter().find(|p| p.id == id).map(PhotoRef::stored)
    })
}

/// Builds the editor page for a new article (`article == None`) or an existing one.
async fn form_page(
    state: &PortalState,
    user: &CurrentUser,
    article: Option<&Article>,
    form: ArticleForm,
    errors: FieldErrors,
    notice: Option<&str>,
) -> Result<FormPage, HttpError> {
    let now = state.now();
    let selected = form.category_id.trim().parse::<i64>().ok();
    let categories = state
        .store
        .list_categories()
        .await?
        .into_iter()
        .map(|c| CategoryOption {
            selected: Some(c.id) == selected,
            id: c.id,
            name: c.name,
        })
        .collect();
    let photos = match article {
        Some(a) => state.store.photos_of_article(a.id).await?,
        None => Vec::new(),
    };
    let format = article.map_or(BodyFormat::Markdown, |a| a.body_format);
    let preview_html = render_body(format, &form.body, &photos);
    let placed = markdown::placed_photos(format, &form.body, &photos);
    let cover = article.and_then(|a| a.cover_photo_id);
    let congresses = congress_choices(state, article).await?;
    let editable = article.is_none_or(|a| can_edit(user, a));
    let status = article.map(|a| display_status(a.status, a.published_at, now));
    let mut layout = Layout::for_user(state, user, "articles", notice).await;
    if format == BodyFormat::Html && layout.notice.is_none() {
        layout.notice = Some(HTML_BODY_NOTICE.to_owned());
    }
    Ok(FormPage {
        layout,
        article_id: article.map(|a| a.id),
        status_label: status.map(|s| s.1),
        status_code: status.map(|s| s.0).unwrap_or(""),
        public_url: article
            .filter(|a| a.is_public(now))
            .map(|a| format!("/tin-tuc/{}", a.slug)),
        errors,
        form,
        slug: article.map(|a| a.slug.clone()),
        categories,
        congresses,
        zone_label: zone_label(state),
        can_save: editable,
        can_publish: user.can(Permission::Publish),
        can_upload: editable,
        is_published: article.is_some_and(|a| a.status == ArticleStatus::Published),
        preview_html,
        photos: photos
            .iter()
            .map(|p| PhotoView {
                id: p.id,
                thumb: p.thumb_name.clone(),
                caption: p.caption.clone(),
                thumb_width: p.width.min(crate::portal::photos::THUMBNAIL_WIDTH),
                thumb_height: if p.width > crate::portal::photos::THUMBNAIL_WIDTH {
                    (u64::from(p.height) * u64::from(crate::portal::photos::THUMBNAIL_WIDTH)
                        / u64::from(p.width).max(1)) as u32
                } else {
                    p.height
                },
                placed: placed.contains(&p.id),
                is_cover: cover == Some(p.id),
            })
            .collect(),
        form_action: match article {
            Some(a) => format!("/quan-tri/bai-viet/{}", a.id),
            None => "/quan-tri/bai-viet".to_owned(),
        },
        upload_error: None,
    })
}

/// An upload refused for its file or caption: the editor again, with the stored article and the
/// reason under the upload form (status of the refusal), so the editor can pick another file
/// instead of meeting a dead end.
pub(super) async fn upload_refused(
    state: &PortalState,
    user: &CurrentUser,
    article: &Article,
    err: HttpError,
) -> Result<Response, HttpError> {
    let form = ArticleForm::from_article(state, article);
    let mut page = form_page(state, user, Some(article), form, Vec::new(), None).await?;
    page.upload_error = Some(err.public_message());
    with_status(err.status(), &page)
}

fn with_status(status: StatusCode, page: &FormPage) -> Result<Response, HttpError> {
    Ok((status, Html(page.render()?)).into_response())
}

/// A save whose form token does not match the session (the user logged out and in again in
/// another tab, say): nothing is stored, and the editor comes back with the typed text and a
/// fresh token (403), so one more click saves it instead of the text being lost.
async fn refused_token(
    state: &PortalState,
    user: &CurrentUser,
    article: Option<&Article>,
    form: ArticleForm,
) -> Result<Response, HttpError> {
    tracing::warn!(user = %user.user.username, "article form with a stale form token: shown again");
    let errors = vec![(
        "form",
        format!(
            "Bài chưa được lưu. {} Nội dung bạn đã gõ vẫn còn dưới đây (trang đã có mã mới): \
             hãy kiểm tra rồi bấm lưu lần nữa.",
            HttpError::BadCsrf
        ),
    )];
    let page = form_page(state, user, article, form, errors, None).await?;
    with_status(StatusCode::FORBIDDEN, &page)
}

/// Query of the editor pages.
#[derive(Debug, Deserialize, Default)]
pub struct EditorQuery {
    #[serde(default)]
    thong_bao: Option<String>,
}

/// `GET /quan-tri/bai-viet/moi` — an empty editor.
pub async fn new_form(
    State(state): State<PortalState>,
    user: CurrentUser,
) -> Result<Response, HttpError> {
    user.require(Permission::WriteDrafts)?;
    let form = ArticleForm {
        kind: "news".to_owned(),
        author: user.user.display_name.clone(),
        ..ArticleForm::default()
    };
    render(&form_page(&state, &user, None, form, Vec::new(), None).await?)
}

/// `GET /quan-tri/bai-viet/{id}` — the editor for one article.
pub async fn edit_form(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<EditorQuery>,
) -> Result<Response, HttpError> {
    user.require(Permission::ViewArticles)?;
    let article = load(&state, &id).await?;
    let form = ArticleForm::from_article(&state, &article);
    render(
        &form_page(
            &state,
            &user,
            Some(&article),
            form,
            Vec::new(),
            query.thong_bao.as_deref(),
        )
        .await?,
    )
}

async fn load(state: &PortalState, raw_id: &str) -> Result<Article, HttpError> {
    let id = parse_id(raw_id, "bài viết")?;
    state
        .store
        .article_by_id(id)
        .await?
        .ok_or_else(|| HttpError::NotFound(format!("Không tìm thấy bài viết số {id}.")))
}

fn is_slug_clash(err: &StoreError) -> bool {
    matches!(err, StoreError::Conflict(Constraint::ArticleSlug))
}

fn slug_error(base: &str) -> HttpError {
    HttpError::Conflict(format!(
        "Đã có quá nhiều bài viết với đường dẫn «{base}». Hãy đổi tiêu đề cho khác đi."
    ))
}

/// After a stored change: forget this instance's cached public pages (so the portal shows the
/// change at once; other instances within `CHROME_CACHE_SECONDS`) and go back to the editor with
/// the matching confirmation.
fn after_save(
    state: &PortalState,
    article: &Article,
    now: DateTime<Utc>,
    default_notice: &str,
) -> Response {
    state.article_changed(&[&article.slug]);
    let notice = match display_status(article.status, article.published_at, now).0 {
        "scheduled" if default_notice == "da-xuat-ban" => "da-len-lich",
        _ => default_notice,
    };
    Redirect::to(&format!(
        "/quan-tri/bai-viet/{}?thong_bao={notice}",
        article.id
    ))
    .into_response()
}

/// `POST /quan-tri/bai-viet` — creates an article (a draft; admins may publish at once with the
/// "Lưu và xuất bản" button). The "Xem trước" button renders the preview and stores nothing.
pub async fn create(
    State(state): State<PortalState>,
    user: CurrentUser,
    AdminForm(form): AdminForm<ArticleForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::WriteDrafts)?;
    if user.check_csrf(&state, &form.csrf_token).is_err() {
        return refused_token(&state, &user, None, form).await;
    }
    if form.action == "preview" {
        return render(&form_page(&state, &user, None, form, Vec::new(), None).await?);
    }
    let publish = form.action == "publish";
    if publish {
        user.require(Permission::Publish)?;
    }
    let categories = state.store.list_categories().await?;
    let congresses: Vec<i64> = congress_choices(&state, None)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let checked = match check_form(
        &form,
        BodyFormat::Markdown,
        &categories,
        &congresses,
        state.config.time_zone,
    ) {
        Ok(checked) => checked,
        Err(errors) => {
            let page = form_page(&state, &user, None, form, errors, None).await?;
            return with_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let now = state.now();
    let (base, candidates) = article_slug_candidates(&checked.title, None);
    let mut new = NewArticle {
        slug: base.clone(),
        title: checked.title,
        lead: checked.lead,
        body_md: checked.body_md,
        kind: checked.kind,
        category_id: checked.category_id,
        author: checked.author,
        source: checked.source,
        status: status_after_save(None, save_action(&form.action)),
        published_at: checked.published_at,
        cover_photo_id: None,
        congress_id: checked.congress_id,
    };
    for slug in candidates {
        new.slug = slug;
        match state.store.create_article(&new, &user.actor(), now).await {
            Ok(article) => {
                let notice = if publish { "da-xuat-ban" } else { "da-tao" };
                return Ok(after_save(&state, &article, now, notice));
            }
            Err(err) if is_slug_clash(&err) => continue,
            Err(err) => return Err(err.into()),
        }
    }
    Err(slug_error(&base))
}

/// `POST /quan-tri/bai-viet/{id}` — saves the editor. While an article is a draft its slug
/// follows its title; once it has been published the slug (its public address) stays.
pub async fn update(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<ArticleForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::WriteDrafts)?;
    let article = load(&state, &id).await?;
    if user.check_csrf(&state, &form.csrf_token).is_err() {
        return refused_token(&state, &user, Some(&article), form).await;
    }
    if form.action == "preview" {
        return render(&form_page(&state, &user, Some(&article), form, Vec::new(), None).await?);
    }
    if !can_edit(&user, &article) {
        return Err(HttpError::NotPermitted);
    }
    let publish = form.action == "publish";
    if publish {
        user.require(Permission::Publish)?;
    }
    let categories = state.store.list_categories().await?;
    let congresses: Vec<i64> = congress_choices(&state, Some(&article))
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let checked = match check_form(
        &form,
        article.body_format,
        &categories,
        &congresses,
        state.config.time_zone,
    ) {
        Ok(checked) => checked,
        Err(errors) => {
            let page = form_page(&state, &user, Some(&article), form, errors, None).await?;
            return with_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let now = state.now();
    let (base, candidates) =
        article_slug_candidates(&checked.title, Some((article.status, &article.slug)));
    let mut update = NewArticle {
        slug: base.clone(),
        title: checked.title,
        lead: checked.lead,
        body_md: checked.body_md,
        kind: checked.kind,
        category_id: checked.category_id,
        author: checked.author,
        source: checked.source,
        status: status_after_save(Some(article.status), save_action(&form.action)),
        published_at: checked.published_at,
        cover_photo_id: article.cover_photo_id,
        congress_id: checked.congress_id,
    };
    let follow_title = candidates.len() > 1;
    for slug in candidates {
        update.slug = slug;
        match state
            .store
            .update_article(article.id, &update, &user.actor(), now)
            .await
        {
            Ok(saved) => {
                let notice = if publish { "da-xuat-ban" } else { "da-luu" };
                return Ok(after_save(&state, &saved, now, notice));
            }
            Err(err) if is_slug_clash(&err) && follow_title => continue,
            Err(err) => return Err(err.into()),
        }
    }
    Err(slug_error(&base))
}

/// Fields of the publish form.
#[derive(Debug, Deserialize, Default)]
pub struct PublishForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    published_at: String,
}

/// `POST /quan-tri/bai-viet/{id}/xuat-ban` (admin) — publishes now, or at the given time
/// (a future time schedules the article).
pub async fn publish(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<PublishForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::Publish)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let article = load(&state, &id).await?;
    let now = state.now();
    let at = parse_publication_time(&form.published_at, state.config.time_zone)
        .map_err(HttpError::BadRequest)?;
    let actor: Actor = user.actor();
    let saved = match publish_time(at, article.published_at, now) {
        PublishTime::Keep => {
            state
                .store
                .set_article_status(article.id, ArticleStatus::Published, &actor, now)
                .await?
        }
        PublishTime::Set(at) => {
            let update = NewArticle {
                slug: article.slug.clone(),
                title: article.title.clone(),
                lead: article.lead.clone(),
                body_md: article.body_md.clone(),
                kind: article.kind,
                category_id: article.category_id,
                author: article.author.clone(),
                source: article.source.clone(),
                status: ArticleStatus::Published,
                published_at: Some(at),
                cover_photo_id: article.cover_photo_id,
                congress_id: article.congress_id,
            };
            state
                .store
                .update_article(article.id, &update, &actor, now)
                .await?
        }
    };
    Ok(after_save(&state, &saved, now, "da-xuat-ban"))
}

/// Fields of the unpublish form.
#[derive(Debug, Deserialize, Default)]
pub struct TokenForm {
    #[serde(default)]
    csrf_token: String,
}

/// `POST /quan-tri/bai-viet/{id}/go-xuat-ban` (admin) — withdraws an article from the portal.
pub async fn unpublish(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<TokenForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::Publish)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let article = load(&state, &id).await?;
    let now = state.now();
    let saved = state
        .store
        .set_article_status(article.id, ArticleStatus::Unpublished, &user.actor(), now)
        .await?;
    Ok(after_save(&state, &saved, now, "da-go"))
}

/// Fields of a live-preview request.
#[derive(Debug, Deserialize, Default)]
pub struct PreviewForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    body: String,
    /// The article being edited, so `photo:ID` images resolve to its photos.
    #[serde(default)]
    article_id: String,
}

/// `POST /quan-tri/xem-truoc` — the sanitised HTML fragment of a Markdown body, for the live
/// preview pane. Stores nothing.
pub async fn preview(
    State(state): State<PortalState>,
    user: CurrentUser,
    AdminForm(form): AdminForm<PreviewForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::WriteDrafts)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let (photos, format) = match form.article_id.trim().parse::<i64>() {
        Ok(id) => (
            state.store.photos_of_article(id).await?,
            state
                .store
                .article_by_id(id)
                .await?
                .map_or(BodyFormat::Markdown, |a| a.body_format),
        ),
        Err(_) => (Vec::new(), BodyFormat::Markdown),
    };
    let html = render_body(format, &form.body, &photos);
    let warning = foreign_images_message(&html)
        .map(|message| {
            format!(
                "<p class=\"preview-warning\" role=\"note\">{}</p>",
                markdown::escape(&message)
            )
        })
        .unwrap_or_default();
    Ok(Html(warning + &html).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publication_time_is_read_in_the_zone() {
        let zone = chrono_tz::Asia::Ho_Chi_Minh;
        let t = parse_publication_time("08/06/2020 14:05", zone)
            .unwrap()
            .unwrap();
        assert_eq!(t.to_rfc3339(), "2020-06-08T07:05:00+00:00");
        assert_eq!(parse_publication_time("  ", zone).unwrap(), None);
        for bad in [
            "2020-06-08 14:05",
            "31/02/2020 10:00",
            "08/06/2020",
            "8/6/2020 25:00",
        ] {
            let err = parse_publication_time(bad, zone).unwrap_err();
            assert!(err.contains("dd/mm/yyyy HH:MM"), "{bad}: {err}");
        }
    }

    #[test]
    fn status_counts_future_publication_as_scheduled() {
        let now = Utc::now();
        let later = now + chrono::TimeDelta::hours(1);
        assert_eq!(
            display_status(ArticleStatus::Published, Some(later), now).0,
            "scheduled"
        );
        assert_eq!(
            display_status(ArticleStatus::Published, Some(now), now).0,
            "published"
        );
        assert_eq!(
            display_status(ArticleStatus::Draft, Some(later), now).0,
            "draft"
        );
        assert_eq!(
            display_status(ArticleStatus::Unpublished, None, now).0,
            "unpublished"
        );
    }

    #[test]
    fn form_errors_are_per_field_and_all_at_once() {
        let categories = vec![Category {
            id: 3,
            slug: "tin-dai-hoi".into(),
            name: "Tin đại hội".into(),
            description: String::new(),
            position: 1,
            parent_id: None,
        }];
        let form = ArticleForm {
            title: "   ".into(),
            kind: "blog".into(),
            category_id: "9".into(),
            published_at: "mai".into(),
            ..ArticleForm::default()
        };
        let errors = check_form(
            &form,
            BodyFormat::Markdown,
            &categories,
            &[],
            chrono_tz::UTC,
        )
        .unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.0).collect();
        assert_eq!(fields, ["title", "kind", "category_id", "published_at"]);
        let ok = ArticleForm {
            title: "Tân Uyên chuẩn bị Đại hội".into(),
            kind: "interview".into(),
            category_id: "3".into(),
            ..ArticleForm::default()
        };
        let checked =
            check_form(&ok, BodyFormat::Markdown, &categories, &[], chrono_tz::UTC).unwrap();
        assert_eq!(checked.kind, ArticleKind::Interview);
        assert_eq!(checked.published_at, None);
    }
}
