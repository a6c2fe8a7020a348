//! Nội dung bài — a NukeViet body (CKEditor HTML) made fit for daihoi.

use daihoi_domain::html::{MAX_IMPORTED_DEPTH, nesting_depth, sanitize_article_html};

use crate::site::local_upload;

/// The scheme that marks a picture of the old site's `uploads` folder until it is copied.
pub const UPLOAD_MARK: &str = "nukeviet-upload:";

/// A body after cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanBody {
    /// Sanitised HTML, local pictures marked with [`UPLOAD_MARK`].
    pub html: String,
    /// Local pictures, paths relative to `uploads`, in order, once each.
    pub pictures: Vec<String>,
    /// Addresses of pictures on other sites, now links.
    pub foreign_pictures: Vec<String>,
}

/// Làm sạch nội dung — sanitises `raw` with the article policy, then marks the pictures of the
/// old site's `uploads` folder and turns pictures of other sites into links. A body nested
/// deeper than [`MAX_IMPORTED_DEPTH`] is refused with the reason (the sanitiser's cost grows
/// with the square of the depth).
pub fn clean_body(raw: &str) -> Result<CleanBody, String> {
    let depth = nesting_depth(raw);
    if depth > MAX_IMPORTED_DEPTH {
        return Err(format!(
            "nội dung có thẻ HTML lồng {depth} mức, quá giới hạn {MAX_IMPORTED_DEPTH} mức"
        ));
    }
    let clean = sanitize_article_html(&daihoi_domain::vn::nfc(raw));
    let mut pictures: Vec<String> = Vec::new();
    let mut foreign_pictures: Vec<String> = Vec::new();
    let html = rewrite_images(&clean, &mut |tag, src| match src {
        Some(src) => {
            if let Some(path) = local_upload(src, false) {
                let marked = tag.replacen(
                    &format!(" src=\"{}\"", attribute(src)),
                    &format!(" src=\"{UPLOAD_MARK}{}\"", attribute(&path)),
                    1,
                );
                if !pictures.contains(&path) {
                    pictures.push(path);
                }
                marked
            } else if src.starts_with("http://") || src.starts_with("https://") {
                let alt = attribute_value(tag, "alt").unwrap_or_default();
                let text = if alt.trim().is_empty() {
                    "Ảnh gốc".to_owned()
                } else {
                    alt
                };
                if !foreign_pictures.iter().any(|f| f == src) {
                    foreign_pictures.push(src.to_owned());
                }
                format!(
                    "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                    attribute(src),
                    html_escape::encode_text(&text)
                )
            } else {
                String::new()
            }
        }
        None => String::new(),
    });
    Ok(CleanBody {
        html,
        pictures,
        foreign_pictures,
    })
}

/// Points each marked picture at `resolve(path)`, or removes it when there is none.
pub fn place_photos(html: &str, resolve: &dyn Fn(&str) -> Option<String>) -> String {
    rewrite_images(html, &mut |tag, src| {
        let Some(path) = src.and_then(|s| s.strip_prefix(UPLOAD_MARK)) else {
            return tag.to_owned();
        };
        match resolve(path) {
            Some(url) => tag.replacen(
                &format!(" src=\"{}\"", attribute(src.unwrap_or_default())),
                &format!(" src=\"{}\"", attribute(&url)),
                1,
            ),
            None => String::new(),
        }
    })
}

/// Escapes an attribute value the way ammonia writes it (`&`, `"`, and no others needed).
fn attribute(value: &str) -> String {
    value.replace('&', "&amp;").replace('"', "&quot;")
}

/// The decoded value of attribute `name` in a tag as ammonia writes it (`name="value"`).
fn attribute_value(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(html_escape::decode_html_entities(&tag[start..end]).into_owned())
}

/// Replaces every `<img …>` tag of sanitised `html` by what `edit(tag, src)` returns.
fn rewrite_images(html: &str, edit: &mut dyn FnMut(&str, Option<&str>) -> String) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<img") {
        let after = &rest[start + 4..];
        // `<imgx` is not an image tag.
        if !after.starts_with([' ', '>', '/']) {
            out.push_str(&rest[..start + 4]);
            rest = after;
            continue;
        }
        let end = start + 4 + after.find('>').map_or(after.len(), |i| i + 1);
        out.push_str(&rest[..start]);
        let tag = &rest[start..end];
        let src = attribute_value(tag, "src");
        out.push_str(&edit(tag, src.as_deref()));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_pictures_are_marked_and_placed() {
        let body = clean_body(
            "<figure class=\"image\"><img alt=\"Quang cảnh\" src=\"/uploads/news/2026_11/a.jpg\" \
             width=\"800\" height=\"500\" /><figcaption>Chú thích</figcaption></figure>\
             <p><img src=\"http://cdn.example/b.jpg?x=1&amp;y=2\" alt=\"Ảnh khác\"></p>\
             <p><img src=\"data:image/png;base64,AAAA\"></p>",
        )
        .unwrap();
        assert_eq!(body.pictures, ["news/2026_11/a.jpg"]);
        assert_eq!(body.foreign_pictures, ["http://cdn.example/b.jpg?x=1&y=2"]);
        assert!(
            body.html
                .contains("src=\"nukeviet-upload:news/2026_11/a.jpg\""),
            "{}",
            body.html
        );
        assert!(
            body.html.contains(
                "<a href=\"http://cdn.example/b.jpg?x=1&amp;y=2\" rel=\"noopener noreferrer\">Ảnh khác</a>"
            ),
            "{}",
            body.html
        );
        assert!(!body.html.contains("data:"), "{}", body.html);
        let placed = place_photos(&body.html, &|path| {
            (path == "news/2026_11/a.jpg").then(|| "/uploads/2026/11/x.jpg".to_owned())
        });
        assert!(
            placed.contains("src=\"/uploads/2026/11/x.jpg\""),
            "{placed}"
        );
        let missing = place_photos(&body.html, &|_| None);
        assert!(!missing.contains("<img"), "{missing}");
        assert!(
            missing.contains("<figcaption>Chú thích</figcaption>"),
            "{missing}"
        );
    }

    #[test]
    fn deep_bodies_are_refused() {
        let err = clean_body(&"<div>".repeat(100)).unwrap_err();
        assert!(err.contains("100 mức"), "{err}");
    }
}
