//! Thông tin cổng — the site's identity as the pages show it (footer, header emblem), the
//! favicon at `/favicon.ico`, and the checks of an uploaded favicon.
//!
//! The values are settings (`daihoi_store::SITE_IDENTITY_KEYS`), read with the menu into the
//! portal's short-lived chrome cache, so a change shows at once on the instance that made it and
//! on the others within [`crate::portal::state::CHROME_CACHE_SECONDS`]. The emblem and the
//! favicon are files under the uploads folder (shared by the instances, as the photos are),
//! written atomically with a random name; the setting holds the path.

use std::hash::{Hash as _, Hasher as _};
use std::io::Cursor;
use std::sync::LazyLock;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use image::codecs::png::PngEncoder;
use image::imageops::FilterType;
use image::{ImageFormat, ImageReader, Limits, Rgba, RgbaImage};

use crate::portal::PortalState;

/// Largest favicon accepted, in bytes (256 KiB: a multi-size ICO is a few tens of kilobytes).
pub const MAX_FAVICON_BYTES: usize = 256 * 1024;
/// Largest side of an uploaded favicon, in pixels, checked from its header.
pub const MAX_FAVICON_SIDE: u32 = 1024;
/// Side of the stored favicon: larger ones are scaled down to fit.
pub const FAVICON_SIDE: u32 = 256;
/// How long browsers and proxies may keep the favicon without asking again (1 hour); they
/// revalidate with its `ETag` after that.
pub const FAVICON_MAX_AGE: &str = "public, max-age=3600";

/// Thông tin cổng hiển thị — what the footer and header show, every field already checked when
/// it was saved; an empty field is not shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteView {
    /// Cơ quan chủ quản.
    pub agency: String,
    /// Người chịu trách nhiệm.
    pub responsible: String,
    /// Giấy phép.
    pub licence: String,
    /// Địa chỉ.
    pub address: String,
    /// Điện thoại, as typed.
    pub phone: String,
    /// `tel:` address of the first number (digits and a leading `+`).
    pub phone_href: String,
    /// Thư điện tử.
    pub email: String,
    /// Ghi chú chân trang.
    pub note: String,
    /// Address of the emblem under `/uploads/`, if one is set.
    pub emblem_url: Option<String>,
    /// Path of the favicon under the uploads folder, if one is set.
    pub favicon_path: Option<String>,
}

impl SiteView {
    /// Whether any of the footer's detail lines (agency to e-mail) is set.
    pub fn has_details(&self) -> bool {
        [
            &self.agency,
            &self.responsible,
            &self.licence,
            &self.address,
            &self.phone,
            &self.email,
        ]
        .iter()
        .any(|v| !v.is_empty())
    }

    /// The view of the stored identity settings (`(key, value)` pairs, any order).
    pub fn from_settings(pairs: &[(String, String)]) -> SiteView {
        use daihoi_store as s;
        let get = |key: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.trim().to_owned())
                .unwrap_or_default()
        };
        let file = |key: &str| Some(get(key)).filter(|p| is_safe_upload_path(p));
        let phone = get(s::SETTING_SITE_PHONE);
        SiteView {
            agency: get(s::SETTING_SITE_AGENCY),
            responsible: get(s::SETTING_SITE_RESPONSIBLE),
            licence: get(s::SETTING_SITE_LICENCE),
            address: get(s::SETTING_SITE_ADDRESS),
            phone_href: tel_href(&phone),
            phone,
            email: get(s::SETTING_SITE_EMAIL),
            note: get(s::SETTING_SITE_NOTE),
            emblem_url: file(s::SETTING_SITE_EMBLEM)
                .map(|p| crate::portal::public::views::upload_url(&p)),
            favicon_path: file(s::SETTING_SITE_FAVICON),
        }
    }
}

/// `tel:+842133876543` from the first number of a phone field.
fn tel_href(phone: &str) -> String {
    let first = phone.split([',', ';']).next().unwrap_or("").trim();
    let digits: String = first
        .chars()
        .enumerate()
        .filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+'))
        .map(|(_, c)| c)
        .collect();
    if digits.is_empty() {
        String::new()
    } else {
        format!("tel:{digits}")
    }
}

/// A stored path under the uploads folder: relative, `/`-separated, no `..`, only the
/// characters our file names use.
pub fn is_safe_upload_path(path: &str) -> bool {
    !path.is_empty()
        && path.len() <= 200
        && !path.starts_with('/')
        && path.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
}

/// Routes: `/favicon.ico`.
pub fn router() -> Router<PortalState> {
    Router::new().route("/favicon.ico", get(favicon))
}

/// Biểu tượng dựng sẵn — the favicon drawn by us: a five-pointed yellow star on a red rounded
/// square, 32 × 32, PNG. Computed once.
static BUILT_IN_FAVICON: LazyLock<Vec<u8>> = LazyLock::new(draw_built_in_favicon);

fn draw_built_in_favicon() -> Vec<u8> {
    const SIDE: u32 = 32;
    let red = Rgba([0x9b, 0x1c, 0x1c, 0xff]);
    let yellow = Rgba([0xff, 0xd5, 0x00, 0xff]);
    let clear = Rgba([0, 0, 0, 0]);
    // The star's ten corners around the centre, outer radius 12, inner 4,8, first point up.
    let (cx, cy) = (16.0f64, 16.8f64);
    let star: Vec<(f64, f64)> = (0..10)
        .map(|k| {
            let radius = if k % 2 == 0 { 12.0 } else { 4.8 };
            let angle = -std::f64::consts::FRAC_PI_2 + f64::from(k) * std::f64::consts::PI / 5.0;
            (cx + radius * angle.cos(), cy + radius * angle.sin())
        })
        .collect();
    let image = RgbaImage::from_fn(SIDE, SIDE, |x, y| {
        let (px, py) = (f64::from(x) + 0.5, f64::from(y) + 0.5);
        // Rounded corners of radius 5: the distance past the inner square [5, 27]².
        let dx = if px < 5.0 {
            5.0 - px
        } else if px > 27.0 {
            px - 27.0
        } else {
            0.0
        };
        let dy = if py < 5.0 {
            5.0 - py
        } else if py > 27.0 {
            py - 27.0
        } else {
            0.0
        };
        if dx * dx + dy * dy > 25.0 {
            clear
        } else if inside(&star, (px, py)) {
            yellow
        } else {
            red
        }
    });
    let mut out = Vec::new();
    image
        .write_with_encoder(PngEncoder::new(&mut out))
        .expect("a 32 × 32 PNG encodes in memory");
    out
}

/// Even-odd point-in-polygon test.
fn inside(polygon: &[(f64, f64)], (x, y): (f64, f64)) -> bool {
    let mut inside = false;
    let mut j = polygon.len() - 1;
    for i in 0..polygon.len() {
        let ((xi, yi), (xj, yj)) = (polygon[i], polygon[j]);
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// A strong validator of the bytes (the same on every instance running this binary).
pub(crate) fn etag_of(bytes: &[u8]) -> String {
    let mut hasher = std::hash::DefaultHasher::new();
    bytes.hash(&mut hasher);
    format!("\"{:016x}\"", hasher.finish())
}

/// `GET /favicon.ico` — the uploaded favicon (PNG), else the built-in one; cached for an hour
/// with an `ETag`, `304` when the browser's copy is current.
async fn favicon(State(state): State<PortalState>, headers: HeaderMap) -> Response {
    let uploaded = match crate::portal::public::views::chrome(&state).await {
        Ok(chrome) => match &chrome.site.favicon_path {
            Some(path) => match tokio::fs::read(state.config.uploads_dir().join(path)).await {
                Ok(bytes) => Some(bytes),
                Err(err) => {
                    tracing::warn!(%path, error = %err, "the favicon file cannot be read");
                    None
                }
            },
            None => None,
        },
        Err(_) => None,
    };
    let bytes: &[u8] = uploaded.as_deref().unwrap_or(BUILT_IN_FAVICON.as_slice());
    let etag = etag_of(bytes);
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        bytes.to_vec().into_response()
    };
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(FAVICON_MAX_AGE),
    );
    if let Ok(value) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, value);
    }
    response
}

/// Lỗi biểu tượng — why an uploaded favicon is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FaviconError {
    /// No file, or an empty one.
    #[error("Chưa chọn tệp biểu tượng (tệp rỗng).")]
    Empty,
    /// Larger than [`MAX_FAVICON_BYTES`].
    #[error("Tệp biểu tượng quá lớn: tối đa 256 KB.")]
    TooLarge,
    /// Neither PNG nor ICO by its first bytes.
    #[error("Tệp biểu tượng phải là ảnh PNG hoặc ICO.")]
    NotAnIcon,
    /// Wider or taller than [`MAX_FAVICON_SIDE`].
    #[error("Biểu tượng quá lớn về kích thước: mỗi chiều tối đa 1.024 điểm ảnh.")]
    TooManyPixels,
    /// Cannot be decoded.
    #[error("Không đọc được biểu tượng: tệp bị hỏng hoặc không hợp lệ.")]
    Corrupt,
}

impl FaviconError {
    /// The HTTP status that fits (400, 413, 415, 422).
    pub fn status(&self) -> StatusCode {
        match self {
            FaviconError::Empty => StatusCode::BAD_REQUEST,
            FaviconError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            FaviconError::NotAnIcon => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            FaviconError::TooManyPixels | FaviconError::Corrupt => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }
}

/// Làm sạch biểu tượng — checks an uploaded favicon (PNG or ICO by its first bytes, at most
/// [`MAX_FAVICON_BYTES`] and [`MAX_FAVICON_SIDE`] pixels a side, checked from the header before
/// decoding), decodes it (an ICO's largest image) and encodes it again as a PNG of at most
/// [`FAVICON_SIDE`] pixels a side: nothing of the upload but its pixels is kept.
pub fn clean_favicon(bytes: &[u8]) -> Result<Vec<u8>, FaviconError> {
    if bytes.is_empty() {
        return Err(FaviconError::Empty);
    }
    if bytes.len() > MAX_FAVICON_BYTES {
        return Err(FaviconError::TooLarge);
    }
    let format = if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        ImageFormat::Png
    } else if bytes.len() >= 6 && bytes[0..4] == [0, 0, 1, 0] && bytes[4..6] != [0, 0] {
        ImageFormat::Ico
    } else {
        return Err(FaviconError::NotAnIcon);
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_FAVICON_SIDE);
    limits.max_image_height = Some(MAX_FAVICON_SIDE);
    limits.max_alloc = Some(64 * 1024 * 1024);
    reader.limits(limits);
    let image = reader.decode().map_err(|err| match err {
        image::ImageError::Limits(_) => FaviconError::TooManyPixels,
        _ => FaviconError::Corrupt,
    })?;
    if image.width() == 0 || image.height() == 0 {
        return Err(FaviconError::Corrupt);
    }
    let image = if image.width().max(image.height()) > FAVICON_SIDE {
        image.resize(FAVICON_SIDE, FAVICON_SIDE, FilterType::Lanczos3)
    } else {
        image
    };
    let mut out = Vec::new();
    image
        .to_rgba8()
        .write_with_encoder(PngEncoder::new(&mut out))
        .map_err(|_| FaviconError::Corrupt)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(side: u32) -> Vec<u8> {
        let mut out = Vec::new();
        RgbaImage::from_pixel(side, side, Rgba([1, 2, 3, 255]))
            .write_with_encoder(PngEncoder::new(&mut out))
            .unwrap();
        out
    }

    fn ico(side: u32) -> Vec<u8> {
        let mut out = Vec::new();
        RgbaImage::from_pixel(side, side, Rgba([200, 0, 0, 255]))
            .write_with_encoder(image::codecs::ico::IcoEncoder::new(&mut out))
            .unwrap();
        out
    }

    #[test]
    fn the_built_in_favicon_is_a_32_pixel_png_with_a_star() {
        let bytes = &*BUILT_IN_FAVICON;
        let image = image::load_from_memory(bytes).unwrap().to_rgba8();
        assert_eq!(image.dimensions(), (32, 32));
        assert_eq!(image.get_pixel(16, 16).0, [0xff, 0xd5, 0x00, 0xff], "star");
        assert_eq!(image.get_pixel(3, 16).0, [0x9b, 0x1c, 0x1c, 0xff], "field");
        assert_eq!(image.get_pixel(0, 0).0[3], 0, "rounded corner");
    }

    #[test]
    fn png_and_ico_are_cleaned_to_png_and_big_ones_shrunk() {
        let clean = clean_favicon(&png(48)).unwrap();
        assert_eq!(image::load_from_memory(&clean).unwrap().width(), 48);
        let clean = clean_favicon(&ico(64)).unwrap();
        assert!(clean.starts_with(b"\x89PNG"));
        assert_eq!(image::load_from_memory(&clean).unwrap().width(), 64);
        let clean = clean_favicon(&png(600)).unwrap();
        assert_eq!(
            image::load_from_memory(&clean).unwrap().width(),
            FAVICON_SIDE
        );
    }

    #[test]
    fn refusals() {
        assert_eq!(clean_favicon(b""), Err(FaviconError::Empty));
        assert_eq!(
            clean_favicon(&vec![0u8; MAX_FAVICON_BYTES + 1]),
            Err(FaviconError::TooLarge)
        );
        assert_eq!(clean_favicon(b"GIF89a...."), Err(FaviconError::NotAnIcon));
        let mut cut = png(32);
        cut.truncate(30);
        assert_eq!(clean_favicon(&cut), Err(FaviconError::Corrupt));
        assert_eq!(clean_favicon(&png(1100)), Err(FaviconError::TooManyPixels));
        assert_eq!(
            FaviconError::TooLarge.status(),
            StatusCode::PAYLOAD_TOO_LARGE
        );
    }

    #[test]
    fn stored_paths_stay_under_the_uploads_folder() {
        assert!(is_safe_upload_path("2026/12/ab12.png"));
        assert!(is_safe_upload_path("site/favicon-0f.png"));
        for bad in [
            "",
            "/etc/passwd",
            "../x.png",
            "a/../b",
            "a//b",
            "a/b c.png",
            "a\\b",
        ] {
            assert!(!is_safe_upload_path(bad), "{bad}");
        }
    }

    #[test]
    fn phone_links_take_the_first_number() {
        assert_eq!(
            tel_href("(0213) 3.876.543, 0912 345 678"),
            "tel:02133876543"
        );
        assert_eq!(tel_href("+84 213 3876 543"), "tel:+842133876543");
        assert_eq!(tel_href(""), "");
    }

    #[test]
    fn the_view_reads_the_settings_and_ignores_unsafe_paths() {
        let pairs = vec![
            ("site_agency".to_owned(), " Huyện ủy ".to_owned()),
            ("site_emblem".to_owned(), "2026/12/a.png".to_owned()),
            ("site_favicon".to_owned(), "../../etc/passwd".to_owned()),
        ];
        let view = SiteView::from_settings(&pairs);
        assert_eq!(view.agency, "Huyện ủy");
        assert_eq!(view.emblem_url.as_deref(), Some("/uploads/2026/12/a.png"));
        assert_eq!(view.favicon_path, None);
    }
}
