//! Tải ảnh lên — the multipart photo upload of the article editor, and the caption form of each
//! photo.
//!
//! The body is read as a stream: a declared `Content-Length` over the limit is refused before
//! reading, and a body that turns out larger is cut off as soon as the photo field passes
//! [`MAX_PHOTO_BYTES`] (413), so a 50 MB upload never sits in memory.

use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_domain::vn::nfc;
use daihoi_store::ArticleStatus;
use serde::Deserialize;

use super::{AdminForm, HttpError, UPLOAD_BODY_LIMIT, parse_id};
use crate::kernel::auth::{CurrentUser, Permission};
use crate::portal::PortalState;
use crate::portal::photos::{MAX_PHOTO_BYTES, PhotoError, PhotoTarget, save_photo};

/// Longest caption, in characters.
const CAPTION_MAX: usize = 500;

/// Chú thích — the one check of a caption, from the upload form or the caption form: trimmed,
/// NFC, no NUL (a clean 400 on both databases: PostgreSQL refuses NUL in text, SQLite would store
/// it), at most [`CAPTION_MAX`] characters. `photo` names the photo in the message when known.
fn checked_caption(raw: &str, photo: Option<i64>) -> Result<String, HttpError> {
    if crate::kernel::error::has_nul(raw.as_bytes()) {
        return Err(crate::kernel::error::nul_refused());
    }
    let caption = nfc(raw.trim());
    let count = caption.chars().count();
    if count > CAPTION_MAX {
        let which = photo.map(|id| format!(" số {id}")).unwrap_or_default();
        return Err(HttpError::BadRequest(format!(
            "Chú thích ảnh{which} dài {count} ký tự, vượt giới hạn {CAPTION_MAX} ký tự."
        )));
    }
    Ok(caption)
}

fn multipart_error(err: MultipartError) -> HttpError {
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        PhotoError::TooLarge.into()
    } else {
        HttpError::BadRequest(
            "Dữ liệu tải lên bị hỏng hoặc bị ngắt giữa chừng. Vui lòng chọn lại tệp và thử lại."
                .to_owned(),
        )
    }
}

/// What the upload form sent.
#[derive(Default)]
struct Upload {
    csrf_token: String,
    caption: String,
    file_name: String,
    bytes: Vec<u8>,
}

async fn read_upload(mut multipart: Multipart) -> Result<Upload, HttpError> {
    let mut upload = Upload::default();
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_error)? {
        match field.name().unwrap_or("") {
            "csrf_token" => upload.csrf_token = field.text().await.map_err(multipart_error)?,
            "caption" => upload.caption = field.text().await.map_err(multipart_error)?,
            "photo" => {
                upload.file_name = field.file_name().unwrap_or("").to_owned();
                while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                    if upload.bytes.len() + chunk.len() > MAX_PHOTO_BYTES {
                        return Err(PhotoError::TooLarge.into());
                    }
                    upload.bytes.extend_from_slice(&chunk);
                }
            }
            _ => {
                // Unknown fields are drained and ignored.
                while field.chunk().await.map_err(multipart_error)?.is_some() {}
            }
        }
    }
    Ok(upload)
}

/// Article `id`, if it exists and `user` may change its photos: editors those of drafts and
/// withdrawn articles, admins every article's.
async fn article_photos_editable_by(
    state: &PortalState,
    user: &CurrentUser,
    id: i64,
) -> Result<daihoi_store::Article, HttpError> {
    let article = state
        .store
        .article_by_id(id)
        .await?
        .ok_or_else(|| HttpError::NotFound(format!("Không tìm thấy bài viết số {id}.")))?;
    if article.status == ArticleStatus::Published && !user.can(Permission::EditPublished) {
        return Err(HttpError::NotPermitted);
    }
    Ok(article)
}

/// `POST /quan-tri/bai-viet/{id}/anh` — adds a photo with its caption to an article. The first
/// photo of an article becomes its cover (ảnh đại diện).
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
    if declared.is_some_and(|len| len > UPLOAD_BODY_LIMIT) {
        return Err(PhotoError::TooLarge.into());
    }
    let id = parse_id(&id, "bài viết")?;
    let article = article_photos_editable_by(&state, &user, id).await?;
    let multipart = multipart.map_err(|_| {
        HttpError::BadRequest(
            "Ảnh phải được gửi bằng biểu mẫu tải tệp (multipart/form-data).".to_owned(),
        )
    })?;
    let upload = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(err) => return super::articles::upload_refused(&state, &user, &article, err).await,
    };
    user.check_csrf(&state, &upload.csrf_token)?;
    let caption = match checked_caption(&upload.caption, None) {
        Ok(caption) => caption,
        Err(err) => return super::articles::upload_refused(&state, &user, &article, err).await,
    };
    let uploads_dir = state.config.uploads_dir();
    let now = state.now();
    let target = PhotoTarget {
        store: &state.store,
        uploads_dir: &uploads_dir,
        article_id: article.id,
        actor: user.actor(),
        now,
    };
    let saved = match save_photo(&target, &upload.bytes, &upload.file_name, &caption).await {
        Ok(saved) => saved,
        // A refusal of the file (too large, not a picture, broken, too many pixels) comes back in
        // the editor, under the upload form; a failure of the server stays an error page.
        Err(err) if err.status().is_client_error() => {
            return super::articles::upload_refused(&state, &user, &article, err.into()).await;
        }
        Err(err) => return Err(err.into()),
    };
    tracing::debug!(
        photo = saved.photo.id,
        cover = saved.became_cover,
        "photo added"
    );
    state.article_changed(&[&article.slug]);
    Ok(Redirect::to(&format!(
        "/quan-tri/bai-viet/{}?thong_bao=da-tai-anh#photos-title",
        article.id
    ))
    .into_response())
}

/// Fields of a photo's caption form.
#[derive(Debug, Default, Deserialize)]
pub struct CaptionForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    caption: String,
}

/// `POST /quan-tri/bai-viet/{id}/anh/{photo_id}/chu-thich` — changes the caption (chú thích) of
/// one photo of the article. Who may: whoever may change the article (editors on drafts and
/// withdrawn articles, admins on every article), as for uploads. The store writes the audit row;
/// the administration's cache layer makes the public page show the new caption at once.
pub async fn update_caption(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path((id, photo_id)): Path<(String, String)>,
    AdminForm(form): AdminForm<CaptionForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::WriteDrafts)?;
    let id = parse_id(&id, "bài viết")?;
    let photo_id = parse_id(&photo_id, "ảnh")?;
    let article = article_photos_editable_by(&state, &user, id).await?;
    user.check_csrf(&state, &form.csrf_token)?;
    let photo = state
        .store
        .photo_by_id(photo_id)
        .await?
        .filter(|p| p.article_id == article.id)
        .ok_or_else(|| {
            HttpError::NotFound(format!("Bài viết số {id} không có ảnh số {photo_id}."))
        })?;
    let caption = checked_caption(&form.caption, Some(photo_id))?;
    if caption != photo.caption {
        state
            .store
            .update_photo_caption(photo.id, &caption, &user.actor(), state.now())
            .await?;
        state.article_changed(&[&article.slug]);
    }
    Ok(Redirect::to(&format!(
        "/quan-tri/bai-viet/{}?thong_bao=da-luu#photo-{}",
        article.id, photo.id
    ))
    .into_response())
}

/// Fields of a photo's delete form.
#[derive(Debug, Default, Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    csrf_token: String,
}

/// `POST /quan-tri/bai-viet/{id}/anh/{photo_id}/xoa` — removes one photo of the article, its row
/// (audited) and then its files. Who may: whoever may change the article's photos. A photo the
/// body still places is refused (409) with what to remove first, so no article is left with a
/// hole; the cover is simply no longer the cover.
pub async fn delete(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path((id, photo_id)): Path<(String, String)>,
    AdminForm(form): AdminForm<DeleteForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::WriteDrafts)?;
    let id = parse_id(&id, "bài viết")?;
    let photo_id = parse_id(&photo_id, "ảnh")?;
    let article = article_photos_editable_by(&state, &user, id).await?;
    user.check_csrf(&state, &form.csrf_token)?;
    let photos = state.store.photos_of_article(article.id).await?;
    let Some(photo) = photos.iter().find(|p| p.id == photo_id) else {
        return Err(HttpError::NotFound(format!(
            "Bài viết số {id} không có ảnh số {photo_id}."
        )));
    };
    if crate::portal::markdown::placed_photos(article.body_format, &article.body_md, &photos)
        .contains(&photo.id)
    {
        return Err(HttpError::Conflict(format!(
            "Ảnh số {photo_id} đang được chèn trong nội dung bài. Hãy bỏ dòng «![…](photo:{photo_id})» \
             khỏi nội dung, lưu bài, rồi xoá ảnh."
        )));
    }
    let removed = state
        .store
        .delete_photo(article.id, photo.id, &user.actor(), state.now())
        .await?;
    let uploads_dir = state.config.uploads_dir();
    for file in [&removed.file_name, &removed.thumb_name] {
        if let Err(err) = std::fs::remove_file(uploads_dir.join(file)) {
            tracing::warn!(%err, file = %file, "a deleted photo's file was not removed");
        }
    }
    state.article_changed(&[&article.slug]);
    Ok(Redirect::to(&format!(
        "/quan-tri/bai-viet/{}?thong_bao=da-xoa-anh#photos-title",
        article.id
    ))
    .into_response())
}
