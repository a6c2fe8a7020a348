//! Bài viết Markdown → HTML — article bodies from Markdown to sanitised HTML.
//!
//! Two conventions of the newsroom are rendered specially:
//!
//! - **Phỏng vấn (interviews).** A paragraph that starts with `PV:` is the reporter's question and
//!   becomes `<p class="interview-q"><strong>PV:</strong> …</p>`; the paragraphs that follow, until
//!   the next `PV:` or heading, are the answer (`<p class="interview-a">`).
//! - **Ảnh trong bài (photos).** A paragraph holding only `![caption](photo:ID)` becomes
//!   `<figure><img src="/uploads/…" alt="caption"><figcaption>caption</figcaption></figure>`.
//!
//! Whatever the Markdown contains, the output passes through `ammonia`, so raw HTML, scripts,
//! event handlers and `javascript:` links never reach a reader.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

/// Ảnh đã lưu — how a `photo:ID` reference in a body is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoRef {
    /// Address of the image to show in the article (under `/uploads/`).
    pub src: String,
    /// Address of the full-size image, if different; the figure links to it.
    pub full: Option<String>,
    /// The photo's stored caption (edited in the administration). When it is not empty it is the
    /// figure's caption and alternative text; the text written in `![…](photo:ID)` is used only
    /// for a photo whose stored caption is empty.
    pub caption: Option<String>,
}

/// The conventional address of photo `id` when no store lookup is available:
/// `/uploads/photos/<id>.jpg`.
pub fn default_photo_url(id: &str) -> String {
    format!("/uploads/photos/{id}.jpg")
}

/// Renders Markdown to sanitised HTML; `photo:ID` images use [`default_photo_url`].
pub fn render(md: &str) -> String {
    render_with(md, &|id: &str| {
        Some(PhotoRef {
            src: default_photo_url(id),
            full: None,
            caption: None,
        })
    })
}

/// Renders Markdown to sanitised HTML, asking `photo` where each `photo:ID` image lives. An ID that
/// `photo` does not know is dropped from the output (its caption stays as plain text) rather than
/// shown as a broken image.
pub fn render_with(md: &str, photo: &dyn Fn(&str) -> Option<PhotoRef>) -> String {
    let source = daihoi_domain::vn::nfc(md);
    let events: Vec<Event> = Parser::new_ext(
        &source,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .collect();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut in_interview = false;
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Paragraph) => {
                let end = paragraph_end(&events, i);
                let inner = &events[i + 1..end];
                if let Some(figure) = figure_html(inner, photo) {
                    out.push(Event::Html(figure.into()));
                } else if starts_with_pv(inner) {
                    in_interview = true;
                    out.push(Event::Html(
                        "<p class=\"interview-q\"><strong>PV:</strong> ".into(),
                    ));
                    let mut first = true;
                    for ev in inner {
                        if first {
                            first = false;
                            if let Event::Text(t) = ev {
                                let rest = t.trim_start().trim_start_matches("PV:").trim_start();
                                if !rest.is_empty() {
                                    out.push(Event::Text(CowStr::from(rest.to_owned())));
                                }
                                continue;
                            }
                        }
                        out.push(ev.clone());
                    }
                    out.push(Event::Html("</p>\n".into()));
                } else if in_interview {
                    out.push(Event::Html("<p class=\"interview-a\">".into()));
                    out.extend(inner.iter().cloned());
                    out.push(Event::Html("</p>\n".into()));
                } else {
                    out.extend(events[i..=end].iter().cloned());
                }
                i = end + 1;
            }
            Event::Start(Tag::Heading { .. }) => {
                in_interview = false;
                out.push(events[i].clone());
                i += 1;
            }
            _ => {
                out.push(events[i].clone());
                i += 1;
            }
        }
    }
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    sanitize(&html)
}

/// Index of the `End(Paragraph)` matching the `Start(Paragraph)` at `start`.
fn paragraph_end(events: &[Event], start: usize) -> usize {
    events[start + 1..]
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))
        .map(|p| start + 1 + p)
        .unwrap_or(events.len() - 1)
}

fn starts_with_pv(inner: &[Event]) -> bool {
    matches!(inner.first(), Some(Event::Text(t)) if t.trim_start().starts_with("PV:"))
}

/// A paragraph that is exactly one `![caption](photo:ID)` image (surrounding blanks allowed).
fn figure_html(inner: &[Event], photo: &dyn Fn(&str) -> Option<PhotoRef>) -> Option<String> {
    let significant: Vec<&Event> = inner
        .iter()
        .filter(|e| {
            !matches!(e, Event::Text(t) if t.trim().is_empty()) && !matches!(e, Event::SoftBreak)
        })
        .collect();
    let (Event::Start(Tag::Image { dest_url, .. }), Event::End(TagEnd::Image)) =
        (significant.first()?, significant.last()?)
    else {
        return None;
    };
    let id = dest_url.strip_prefix("photo:")?.trim();
    let caption: String = significant[1..significant.len() - 1]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let written = escape(caption.trim());
    let Some(found) = photo(id) else {
        return Some(format!("<p>{written}</p>\n"));
    };
    let caption = match found.caption.as_deref().map(str::trim) {
        Some(stored) if !stored.is_empty() => escape(stored),
        _ => written,
    };
    let img = format!(
        "<img src=\"{}\" alt=\"{caption}\" loading=\"lazy\">",
        escape(&found.src)
    );
    let img = match found.full {
        Some(full) => format!("<a href=\"{}\">{img}</a>", escape(&full)),
        None => img,
    };
    Some(format!(
        "<figure class=\"article-photo\">{img}<figcaption>{caption}</figcaption></figure>\n"
    ))
}

/// Escapes text for an HTML text node or a double-quoted attribute (the kernel's one escape).
pub use crate::kernel::error::escape_html as escape;

fn sanitize(html: &str) -> String {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags(["figure", "figcaption"])
        .add_tag_attributes("img", ["loading"])
        .add_allowed_classes("p", ["interview-q", "interview-a"])
        .add_allowed_classes("figure", ["article-photo"])
        .link_rel(Some("noopener noreferrer"));
    builder.clean(html).to_string()
}

/// Ảnh từ trang khác — the addresses of the images in rendered, sanitised `html` that live on
/// another site (`https://…`, `//host/…`). The Content-Security-Policy lets a page show only this
/// site's images, so such an image would silently not appear: the editor refuses to save a body
/// that has one and its preview says so. Works on [`render`]'s output, which covers both
/// `![…](https://…)` and a raw `<img>` (ammonia writes every attribute as `name="value"`).
pub fn foreign_images(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<img ") {
        let tag = &rest[start..];
        let end = tag.find('>').unwrap_or(tag.len());
        let attributes = &tag[..end];
        if let Some(at) = attributes.find(" src=\"") {
            let value = &attributes[at + 6..];
            let value = &value[..value.find('"').unwrap_or(value.len())];
            let value = value.replace("&amp;", "&");
            let site_local = value.starts_with('/') && !value.starts_with("//");
            if !site_local && !found.contains(&value) {
                found.push(value);
            }
        }
        rest = &tag[end..];
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interview_questions_and_answers_are_marked() {
        let html = render(
            "Mở đầu.\n\nPV: Công tác chuẩn bị thế nào?\n\nĐồng chí: Đã sẵn sàng.\n\nThêm ý.\n\nPV: Còn gì nữa?\n\nHết.",
        );
        assert!(html.contains("<p>Mở đầu.</p>"), "{html}");
        assert!(
            html.contains(
                "<p class=\"interview-q\"><strong>PV:</strong> Công tác chuẩn bị thế nào?</p>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<p class=\"interview-a\">Đồng chí: Đã sẵn sàng.</p>"),
            "{html}"
        );
        assert!(
            html.contains("<p class=\"interview-a\">Thêm ý.</p>"),
            "{html}"
        );
        assert!(html.contains("<p class=\"interview-a\">Hết.</p>"), "{html}");
        assert_eq!(html.matches("interview-q").count(), 2);
    }

    #[test]
    fn standalone_photo_becomes_a_figure() {
        let html = render("Trước.\n\n![Thị trấn trang trí cờ hoa](photo:42)\n\nSau.");
        assert!(
            html.contains("<figure class=\"article-photo\"><img src=\"/uploads/photos/42.jpg\" alt=\"Thị trấn trang trí cờ hoa\" loading=\"lazy\"><figcaption>Thị trấn trang trí cờ hoa</figcaption></figure>"),
            "{html}"
        );
    }

    #[test]
    fn a_stored_caption_wins_over_the_written_one() {
        let with = |caption: &str| {
            let caption = caption.to_owned();
            render_with("![Chú thích cũ](photo:7)", &move |_| {
                Some(PhotoRef {
                    src: "/uploads/a.jpg".to_owned(),
                    full: None,
                    caption: Some(caption.clone()),
                })
            })
        };
        let html = with("Chú thích mới <sửa>");
        assert!(html.contains("alt=\"Chú thích mới &lt;sửa&gt;\""), "{html}");
        assert!(html.contains("<figcaption>Chú thích mới &lt;sửa&gt;</figcaption>"));
        assert!(!html.contains("cũ"), "{html}");
        // An empty stored caption leaves the written one.
        let html = with("  ");
        assert!(
            html.contains("<figcaption>Chú thích cũ</figcaption>"),
            "{html}"
        );
    }

    #[test]
    fn unknown_photo_keeps_only_its_caption() {
        let html = render_with("![Chú thích](photo:9)", &|_| None);
        assert_eq!(html.trim(), "<p>Chú thích</p>");
    }

    #[test]
    fn scripts_and_handlers_are_removed() {
        let html = render(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n<p class=\"evil\" style=\"color:red\">t</p>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(!html.contains("evil"), "{html}");
    }

    #[test]
    fn caption_is_escaped() {
        let html = render("![a & \"c\" < d](photo:1)");
        assert!(
            html.contains("<figcaption>a &amp; \"c\" &lt; d</figcaption>"),
            "{html}"
        );
        assert!(
            html.contains("alt=\"a &amp; &quot;c&quot; &lt; d\""),
            "{html}"
        );
    }

    #[test]
    fn images_of_other_sites_are_found_and_local_ones_are_not() {
        let html = render(
            "![a](https://anh.example/a.jpg?x=1&y=2)\n\n![b](photo:7)\n\n\
             <img src=\"//cdn.example/b.png\"> <img src=\"/uploads/c.jpg\"> \
             ![again](https://anh.example/a.jpg?x=1&y=2)",
        );
        assert_eq!(
            foreign_images(&html),
            ["https://anh.example/a.jpg?x=1&y=2", "//cdn.example/b.png"]
        );
        assert!(foreign_images(&render("Chỉ có chữ, không có ảnh.")).is_empty());
    }
}
