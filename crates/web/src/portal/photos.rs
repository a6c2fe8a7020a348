//! Ảnh bài viết — photo upload: checking, re-encoding, thumbnails and saving.
//!
//! An upload is trusted for nothing: its type is decided by its first bytes (JPEG, PNG or WebP
//! only; the file name and the browser's `Content-Type` are ignored), it is at most
//! [`MAX_PHOTO_BYTES`], and it is decoded and encoded again, which drops EXIF/XMP metadata (GPS
//! positions, camera serials) and anything hidden after the image data. The EXIF orientation is
//! applied to the pixels first, so a phone photo stays upright without its metadata.
//!
//! Files land under `<uploads>/YYYY/MM/` with a random name: first written to a temporary file in
//! the same folder, then renamed, so a reader never sees half a file. The database row is added
//! only once both files exist, and the files are removed again if that insert fails.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Utc};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use rand::RngCore;

/// Giới hạn dung lượng — the largest upload accepted, in bytes (10 MiB).
pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;

/// Chiều rộng ảnh thu nhỏ — width of the thumbnail, in pixels.
pub const THUMBNAIL_WIDTH: u32 = 400;

/// Largest width or height accepted for a decoded image, in pixels (a guard against
/// "decompression bombs": a small file that claims a huge canvas).
pub const MAX_PHOTO_SIDE: u32 = 12_000;

/// Ngân sách điểm ảnh — the most pixels a photo may have (50 megapixels: any phone or camera
/// photo), checked from the file's header before anything is decoded. A 12.000 × 12.000 PNG of a
/// few hundred kilobytes would otherwise take close to a gigabyte to decode.
pub const MAX_PHOTO_PIXELS: u64 = 50_000_000;

/// Longest side of the stored photo: larger photos are scaled down once, at upload, so no visitor
/// is ever sent more pixels than a page can show.
pub const MAX_STORED_SIDE: u32 = 2_560;

/// How many photos are cleaned at once in this process (each may hold a few hundred megabytes
/// while it is decoded); an upload that waits [`IMAGE_WAIT`] for a slot gets a 503.
pub const IMAGE_SLOTS: usize = 1;

/// How long an upload waits for an image slot.
pub const IMAGE_WAIT: std::time::Duration = std::time::Duration::from_secs(20);

/// JPEG quality of re-encoded photos and thumbnails.
const JPEG_QUALITY: u8 = 85;

/// Lỗi ảnh — why a photo could not be accepted or saved.
#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    /// No file, or an empty one, was sent.
    #[error("Chưa chọn tệp ảnh (tệp rỗng).")]
    Empty,
    /// The upload is larger than [`MAX_PHOTO_BYTES`].
    #[error("Tệp ảnh quá lớn: dung lượng tối đa là 10 MB.")]
    TooLarge,
    /// The first bytes are not those of a JPEG, PNG or WebP file.
    #[error("Tệp không phải ảnh JPEG, PNG hoặc WebP.")]
    NotAnImage,
    /// The header says JPEG/PNG/WebP but the image data cannot be decoded.
    #[error("Không đọc được ảnh: tệp {0} bị hỏng hoặc không hợp lệ.")]
    Corrupt(&'static str),
    /// The image is wider or taller than [`MAX_PHOTO_SIDE`].
    #[error(
        "Ảnh quá lớn về kích thước: tối đa 50 triệu điểm ảnh và mỗi chiều tối đa 12.000 điểm ảnh."
    )]
    TooManyPixels,
    /// Writing or renaming a file failed.
    #[error("Không lưu được tệp ảnh trên máy chủ.")]
    Io(#[from] std::io::Error),
    /// Encoding the cleaned image failed.
    #[error("Không mã hoá lại được ảnh.")]
    Encode(#[source] image::ImageError),
    /// Every image slot stayed busy (503).
    #[error("{0}")]
    Busy(crate::kernel::HttpError),
    /// The database refused the photo row (the files were removed again).
    #[error("Không ghi được thông tin ảnh vào cơ sở dữ liệu.")]
    Store(#[from] daihoi_store::StoreError),
}

impl From<PhotoError> for crate::kernel::HttpError {
    fn from(err: PhotoError) -> Self {
        match err {
            PhotoError::Store(err) => crate::kernel::HttpError::Store(err),
            PhotoError::Busy(err) => err,
            err => {
                if err.status().is_server_error() {
                    tracing::error!(error = ?err, "photo could not be stored");
                }
                crate::kernel::HttpError::Refused {
                    status: err.status(),
                    message: err.to_string(),
                }
            }
        }
    }
}

impl PhotoError {
    /// The HTTP status that fits this error (413, 415, 422, 400 or 500).
    pub fn status(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            PhotoError::Empty => StatusCode::BAD_REQUEST,
            PhotoError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            PhotoError::NotAnImage => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            PhotoError::Corrupt(_) | PhotoError::TooManyPixels => StatusCode::UNPROCESSABLE_ENTITY,
            PhotoError::Busy(err) => err.status(),
            PhotoError::Io(_) | PhotoError::Encode(_) | PhotoError::Store(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }
}

/// Định dạng ảnh — the three accepted photo formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoKind {
    /// JPEG (`FF D8 FF`).
    Jpeg,
    /// PNG (`89 50 4E 47 0D 0A 1A 0A`).
    Png,
    /// WebP (`RIFF....WEBP`).
    Webp,
}

impl PhotoKind {
    /// Recognises the format from the first bytes of a file; `None` for anything else.
    pub fn sniff(bytes: &[u8]) -> Option<PhotoKind> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(PhotoKind::Jpeg)
        } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(PhotoKind::Png)
        } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(PhotoKind::Webp)
        } else {
            None
        }
    }

    fn label(self) -> &'static str {
        match self {
            PhotoKind::Jpeg => "JPEG",
            PhotoKind::Png => "PNG",
            PhotoKind::Webp => "WebP",
        }
    }

    fn image_format(self) -> ImageFormat {
        match self {
            PhotoKind::Jpeg => ImageFormat::Jpeg,
            PhotoKind::Png => ImageFormat::Png,
            PhotoKind::Webp => ImageFormat::WebP,
        }
    }
}

/// Ảnh đã làm sạch — a photo decoded and encoded again, with its thumbnail, not yet on disk.
#[derive(Debug, Clone)]
pub struct CleanPhoto {
    /// MIME type of both encoded files (`image/jpeg` or `image/png`).
    pub mime: &'static str,
    /// File extension without the dot (`jpg` or `png`).
    pub extension: &'static str,
    /// The full-size image, re-encoded.
    pub full: Vec<u8>,
    /// Width of the full-size image in pixels.
    pub width: u32,
    /// Height of the full-size image in pixels.
    pub height: u32,
    /// The thumbnail, [`THUMBNAIL_WIDTH`] wide (or the original width if narrower).
    pub thumb: Vec<u8>,
    /// Width of the thumbnail in pixels.
    pub thumb_width: u32,
    /// Height of the thumbnail in pixels.
    pub thumb_height: u32,
}

/// Checks and cleans an upload: format by content, size, decode (with EXIF orientation
/// applied), re-encode and thumbnail.
///
/// Photos without transparency become JPEG; a PNG or WebP with an alpha channel stays lossless
/// PNG so its transparency survives. This is CPU work: call it from `spawn_blocking` in async
/// code ([`save_photo`] does).
pub fn clean_photo(bytes: &[u8]) -> Result<CleanPhoto, PhotoError> {
    if bytes.is_empty() {
        return Err(PhotoError::Empty);
    }
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(PhotoError::TooLarge);
    }
    let kind = PhotoKind::sniff(bytes).ok_or(PhotoError::NotAnImage)?;
    let decoded = decode(bytes, kind, MAX_PHOTO_PIXELS)?;
    let image = if decoded.width().max(decoded.height()) > MAX_STORED_SIDE {
        decoded.resize(MAX_STORED_SIDE, MAX_STORED_SIDE, FilterType::Lanczos3)
    } else {
        decoded
    };

    let keep_alpha = image.color().has_alpha() && has_transparency(&image);
    let (width, height) = (image.width(), image.height());
    let thumbnail = if width > THUMBNAIL_WIDTH {
        // `resize` keeps the aspect ratio inside the box; the height bound never binds.
        image.resize(THUMBNAIL_WIDTH, u32::MAX, FilterType::Lanczos3)
    } else {
        image.clone()
    };
    let (mime, extension) = if keep_alpha {
        ("image/png", "png")
    } else {
        ("image/jpeg", "jpg")
    };
    Ok(CleanPhoto {
        mime,
        extension,
        full: encode(&image, keep_alpha)?,
        width,
        height,
        thumb_width: thumbnail.width(),
        thumb_height: thumbnail.height(),
        thumb: encode(&thumbnail, keep_alpha)?,
    })
}

/// Decodes within the side limits and within `max_pixels`, which is checked from the header
/// before the pixels are decoded.
fn decode(bytes: &[u8], kind: PhotoKind, max_pixels: u64) -> Result<DynamicImage, PhotoError> {
    let corrupt = |_| PhotoError::Corrupt(kind.label());
    let mut reader = ImageReader::with_format(Cursor::new(bytes), kind.image_format());
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_PHOTO_SIDE);
    limits.max_image_height = Some(MAX_PHOTO_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|err| match err {
        image::ImageError::Limits(_) => PhotoError::TooManyPixels,
        _ => PhotoError::Corrupt(kind.label()),
    })?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(PhotoError::TooManyPixels);
    }
    // A broken EXIF block is no reason to refuse the photo: keep it as stored.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(corrupt)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// Whether any pixel is not fully opaque (an RGBA PNG that is opaque everywhere becomes JPEG).
fn has_transparency(image: &DynamicImage) -> bool {
    image.to_rgba8().pixels().any(|pixel| pixel.0[3] != u8::MAX)
}

fn encode(image: &DynamicImage, keep_alpha: bool) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    if keep_alpha {
        image
            .to_rgba8()
            .write_with_encoder(PngEncoder::new(&mut out))
            .map_err(PhotoError::Encode)?;
    } else {
        image
            .to_rgb8()
            .write_with_encoder(JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY))
            .map_err(PhotoError::Encode)?;
    }
    Ok(out)
}

/// Tệp ảnh đã ghi — where the two files of a photo were written, relative to the uploads folder
/// (`2026/11/3f9c…e1.jpg`, always with `/`) and as absolute paths.
#[derive(Debug, Clone)]
pub struct PhotoFiles {
    /// Path of the full-size image relative to the uploads folder (served at `/uploads/<path>`).
    pub path: String,
    /// Path of the thumbnail relative to the uploads folder.
    pub thumb_path: String,
    /// Absolute path of the full-size image.
    pub full_file: PathBuf,
    /// Absolute path of the thumbnail.
    pub thumb_file: PathBuf,
}

impl PhotoFiles {
    /// Removes both files (used when the database insert fails); errors are ignored because
    /// there is nothing better to do than leave an orphan file behind.
    pub fn remove(&self) {
        let _ = std::fs::remove_file(&self.full_file);
        let _ = std::fs::remove_file(&self.thumb_file);
    }
}

/// Writes a cleaned photo under `<uploads_dir>/YYYY/MM/` (UTC month of `now`) with a random
/// 128-bit name: `<name>.<ext>` and `<name>-400.<ext>`. Each file is written to a temporary file
/// in the same folder, synced and renamed into place.
pub fn write_photo_files(
    uploads_dir: &Path,
    now: DateTime<Utc>,
    photo: &CleanPhoto,
) -> Result<PhotoFiles, PhotoError> {
    let month_dir = format!("{:04}/{:02}", now.year(), now.month());
    let dir = uploads_dir
        .join(now.year().to_string())
        .join(format!("{:02}", now.month()));
    std::fs::create_dir_all(&dir)?;
    let mut name_bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut name_bytes);
    let name: String = name_bytes.iter().map(|b| format!("{b:02x}")).collect();
    let full_name = format!("{name}.{}", photo.extension);
    let thumb_name = format!("{name}-{THUMBNAIL_WIDTH}.{}", photo.extension);
    let files = PhotoFiles {
        path: format!("{month_dir}/{full_name}"),
        thumb_path: format!("{month_dir}/{thumb_name}"),
        full_file: dir.join(&full_name),
        thumb_file: dir.join(&thumb_name),
    };
    write_atomically(&dir, &files.full_file, &photo.full)?;
    if let Err(err) = write_atomically(&dir, &files.thumb_file, &photo.thumb) {
        files.remove();
        return Err(err.into());
    }
    Ok(files)
}

pub(crate) fn write_atomically(dir: &Path, target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    // Readable by everyone (0644), as published files are: a separate web server serving
    // `/uploads/` may run as another user (the temporary file starts as 0600).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    temp.as_file().sync_all()?;
    temp.persist(target).map_err(|err| err.error)?;
    Ok(())
}

/// Nơi lưu ảnh — where and for whom [`save_photo`] stores a photo.
#[derive(Debug, Clone, Copy)]
pub struct PhotoTarget<'a> {
    /// The database that gets the photo row (and its audit row, in one transaction).
    pub store: &'a daihoi_store::Store,
    /// The uploads folder (`Config::uploads_dir()`), served under `/uploads/`.
    pub uploads_dir: &'a Path,
    /// The article the photo belongs to.
    pub article_id: i64,
    /// Who uploads it (recorded in the audit log).
    pub actor: daihoi_store::Actor,
    /// The time of the upload (also picks the `YYYY/MM` folder).
    pub now: DateTime<Utc>,
}

/// Ảnh đã lưu — a photo on disk and in the database.
#[derive(Debug, Clone)]
pub struct SavedPhoto {
    /// The stored row (`file_name` and `thumb_name` are paths relative to the uploads folder).
    pub photo: daihoi_store::Photo,
    /// Public address of the full-size image (`/uploads/2026/11/….jpg`).
    pub url: String,
    /// Public address of the thumbnail.
    pub thumb_url: String,
    /// Whether it became the article's cover (the article had none).
    pub became_cover: bool,
}

/// Runs image work in one of the [`IMAGE_SLOTS`] (see [`crate::kernel::gate`]).
async fn image_slot<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, PhotoError> {
    static SLOTS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    crate::kernel::gate::run_in_slot(
        SLOTS.get_or_init(|| tokio::sync::Semaphore::new(IMAGE_SLOTS)),
        IMAGE_WAIT,
        "Máy chủ đang xử lý nhiều ảnh cùng lúc. Vui lòng thử tải ảnh lên lại sau ít phút.",
        work,
    )
    .await
    .map_err(PhotoError::Busy)
}

/// Lưu ảnh — checks, cleans and stores one uploaded photo of an article: [`clean_photo`] (on a
/// blocking thread), [`write_photo_files`], then the database row through
/// `Store::add_photo_as_cover_if_none`, which writes the audit row and, when the article has no
/// cover yet, makes the photo its cover, all in one transaction. If the row cannot be
/// added the two files are removed again. `original_name` is only logged: the stored name is
/// random and the type comes from the content.
pub async fn save_photo(
    target: &PhotoTarget<'_>,
    bytes: &[u8],
    original_name: &str,
    caption: &str,
) -> Result<SavedPhoto, PhotoError> {
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(PhotoError::TooLarge);
    }
    let owned = bytes.to_vec();
    let clean = image_slot(move || clean_photo(&owned)).await??;
    let uploads_dir = target.uploads_dir.to_path_buf();
    let now = target.now;
    let (files, clean) = tokio::task::spawn_blocking(move || {
        write_photo_files(&uploads_dir, now, &clean).map(|files| (files, clean))
    })
    .await
    .map_err(|join| PhotoError::Io(std::io::Error::other(join)))??;
    let new = daihoi_store::NewPhoto {
        article_id: target.article_id,
        file_name: files.path.clone(),
        thumb_name: files.thumb_path.clone(),
        caption: daihoi_domain::vn::nfc(caption.trim()),
        width: clean.width,
        height: clean.height,
        mime: clean.mime.to_owned(),
    };
    match target
        .store
        .add_photo_as_cover_if_none(&new, &target.actor, target.now)
        .await
    {
        Ok((photo, became_cover)) => {
            tracing::info!(
                photo_id = photo.id,
                article_id = photo.article_id,
                original_name,
                file = %files.path,
                "photo saved"
            );
            Ok(SavedPhoto {
                became_cover,
                url: format!("/uploads/{}", photo.file_name),
                thumb_url: format!("/uploads/{}", photo.thumb_name),
                photo,
            })
        }
        Err(err) => {
            files.remove();
            Err(err.into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};

    fn gradient(width: u32, height: u32) -> RgbImage {
        RgbImage::from_fn(width, height, |x, y| {
            Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 128])
        })
    }

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        gradient(width, height)
            .write_with_encoder(JpegEncoder::new_with_quality(&mut out, 90))
            .unwrap();
        out
    }

    /// A JPEG with an EXIF block: orientation 6 (rotate 90° clockwise) and a GPS-like marker
    /// string that must not survive re-encoding.
    fn jpeg_with_exif(width: u32, height: u32) -> Vec<u8> {
        let mut exif =
            b"II\x2a\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00".to_vec();
        exif.extend_from_slice(&[6, 0, 0, 0, 0, 0, 0, 0]);
        exif.extend_from_slice(b"SECRET-GPS-21.3N-103.5E");
        let mut out = Vec::new();
        let mut encoder = JpegEncoder::new_with_quality(&mut out, 90);
        encoder.set_exif_metadata(exif).unwrap();
        encoder
            .write_image(
                gradient(width, height).as_raw(),
                width,
                height,
                image::ExtendedColorType::Rgb8,
            )
            .unwrap();
        out
    }

    fn png_rgba(width: u32, height: u32, alpha: u8) -> Vec<u8> {
        let mut out = Vec::new();
        RgbaImage::from_pixel(width, height, Rgba([10, 120, 200, alpha]))
            .write_with_encoder(PngEncoder::new(&mut out))
            .unwrap();
        out
    }

    fn webp(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        gradient(width, height)
            .write_with_encoder(image::codecs::webp::WebPEncoder::new_lossless(&mut out))
            .unwrap();
        out
    }

    #[test]
    fn sniffs_by_content_not_name() {
        assert_eq!(PhotoKind::sniff(&jpeg(8, 8)), Some(PhotoKind::Jpeg));
        assert_eq!(PhotoKind::sniff(&png_rgba(8, 8, 255)), Some(PhotoKind::Png));
        assert_eq!(PhotoKind::sniff(&webp(8, 8)), Some(PhotoKind::Webp));
        assert_eq!(PhotoKind::sniff(b"MZ\x90\x00\x03\x00\x00\x00"), None);
        assert_eq!(PhotoKind::sniff(b"GIF89a"), None);
        assert_eq!(PhotoKind::sniff(b""), None);
    }

    #[test]
    fn renamed_exe_is_not_an_image() {
        let mut exe = b"MZ\x90\x00".to_vec();
        exe.extend(std::iter::repeat_n(0u8, 4096));
        let err = clean_photo(&exe).unwrap_err();
        assert!(matches!(err, PhotoError::NotAnImage));
        assert_eq!(err.status(), axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(err.to_string(), "Tệp không phải ảnh JPEG, PNG hoặc WebP.");
    }

    #[test]
    fn oversize_and_empty_and_truncated_are_refused() {
        let big = vec![0xFFu8; MAX_PHOTO_BYTES + 1];
        let err = clean_photo(&big).unwrap_err();
        assert!(matches!(err, PhotoError::TooLarge));
        assert_eq!(err.status(), axum::http::StatusCode::PAYLOAD_TOO_LARGE);
        assert!(matches!(clean_photo(&[]), Err(PhotoError::Empty)));
        let mut truncated = jpeg(64, 64);
        truncated.truncate(40);
        assert!(matches!(
            clean_photo(&truncated),
            Err(PhotoError::Corrupt("JPEG"))
        ));
    }

    #[test]
    fn wide_jpeg_gets_a_400px_thumbnail_and_keeps_its_size() {
        let clean = clean_photo(&jpeg(1200, 800)).unwrap();
        assert_eq!((clean.width, clean.height), (1200, 800));
        assert_eq!((clean.thumb_width, clean.thumb_height), (400, 267));
        assert_eq!(clean.mime, "image/jpeg");
        let thumb = image::load_from_memory(&clean.thumb).unwrap();
        assert_eq!(thumb.width(), THUMBNAIL_WIDTH);
        assert_eq!(PhotoKind::sniff(&clean.full), Some(PhotoKind::Jpeg));
    }

    #[test]
    fn narrow_image_is_not_enlarged() {
        let clean = clean_photo(&jpeg(300, 200)).unwrap();
        assert_eq!((clean.thumb_width, clean.thumb_height), (300, 200));
    }

    #[test]
    fn exif_is_applied_then_stripped() {
        let original = jpeg_with_exif(200, 100);
        assert!(original.windows(10).any(|w| w == b"SECRET-GPS"));
        let clean = clean_photo(&original).unwrap();
        // Orientation 6 turns the 200×100 landscape into a 100×200 portrait.
        assert_eq!((clean.width, clean.height), (100, 200));
        assert!(!clean.full.windows(10).any(|w| w == b"SECRET-GPS"));
        assert!(!clean.thumb.windows(10).any(|w| w == b"SECRET-GPS"));
        assert!(!clean.full.windows(4).any(|w| w == b"Exif"));
    }

    #[test]
    fn transparent_png_stays_png_and_opaque_png_becomes_jpeg() {
        let clean = clean_photo(&png_rgba(50, 40, 100)).unwrap();
        assert_eq!(clean.mime, "image/png");
        assert_eq!(PhotoKind::sniff(&clean.full), Some(PhotoKind::Png));
        let clean = clean_photo(&png_rgba(50, 40, 255)).unwrap();
        assert_eq!(clean.mime, "image/jpeg");
    }

    #[test]
    fn webp_is_accepted() {
        let clean = clean_photo(&webp(640, 480)).unwrap();
        assert_eq!((clean.thumb_width, clean.thumb_height), (400, 300));
    }

    #[test]
    fn the_pixel_budget_is_checked_before_decoding_and_big_photos_are_stored_smaller() {
        // A 300 × 200 photo is 60.000 pixels: over a budget of 50.000, refused from its header.
        let small = jpeg(300, 200);
        assert!(matches!(
            decode(&small, PhotoKind::Jpeg, 50_000),
            Err(PhotoError::TooManyPixels)
        ));
        assert!(decode(&small, PhotoKind::Jpeg, 60_000).is_ok());
        // A photo larger than MAX_STORED_SIDE is stored at that size, aspect kept.
        let clean = clean_photo(&jpeg(3_000, 1_500)).unwrap();
        assert_eq!(
            (clean.width, clean.height),
            (MAX_STORED_SIDE, MAX_STORED_SIDE / 2)
        );
    }

    #[test]
    fn files_land_in_year_month_folder_with_random_names_and_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let now = DateTime::parse_from_rfc3339("2026-03-05T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let clean = clean_photo(&jpeg(800, 600)).unwrap();
        let a = write_photo_files(dir.path(), now, &clean).unwrap();
        let b = write_photo_files(dir.path(), now, &clean).unwrap();
        assert!(
            a.path.starts_with("2026/03/") && a.path.ends_with(".jpg"),
            "{}",
            a.path
        );
        assert!(a.thumb_path.ends_with("-400.jpg"));
        assert_ne!(a.path, b.path);
        assert_eq!(std::fs::read(&a.full_file).unwrap(), clean.full);
        assert_eq!(std::fs::read(&a.thumb_file).unwrap(), clean.thumb);
        let names: Vec<_> = std::fs::read_dir(dir.path().join("2026/03"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 4, "{names:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            for file in [&a.full_file, &a.thumb_file] {
                let mode = std::fs::metadata(file).unwrap().permissions().mode() & 0o777;
                assert_eq!(
                    mode,
                    0o644,
                    "{} is readable by a separate web server",
                    file.display()
                );
            }
        }
        a.remove();
        assert!(!a.full_file.exists() && !a.thumb_file.exists());
    }
}
