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
//!
//! **Cost.** A body is at most [`MAX_BODY_CHARS`] characters (the editor's limit), and rendering
//! one is linear in its length. pulldown-cmark parses deep nesting in linear time, but the HTML
//! parser inside `ammonia` (html5ever) looks through the stack of open elements for each block
//! element it opens, so 21.000 nested `>` took 1,5 s there, and 100.000 nested list markers or
//! raw `<div>`s far longer. Three bounds keep the work linear, all applied before `ammonia`:
//!
//! - Markdown nested deeper than [`MAX_NESTING`] levels (quotes, lists, emphasis, links …) is
//!   flattened: the tags past that depth are left out, their text stays ([`bound_events`]).
//! - At most [`MAX_RAW_HTML_TAGS`] raw HTML opening tags are kept; raw HTML after that is shown as
//!   text.
//! - A GFM table row shorter than its header is padded with empty cells by the parser, so a
//!   3 KB table of 500 columns and 500 one-letter rows became 2,2 MB of HTML. When the tables of a
//!   body could hold more than [`MAX_TABLE_CELLS`] cells, the body is read without tables
//!   ([`tables_fit`]).

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

/// The longest article body, in characters, that the editor accepts; the bounds below are
/// chosen so that a body of this length renders in linear time and memory.
pub const MAX_BODY_CHARS: usize = 200_000;

/// Deepest Markdown nesting rendered (a quote in a list in a quote … counts one level each, and
/// so do emphasis, links and table parts); deeper tags are dropped and their text kept.
pub const MAX_NESTING: usize = 32;

/// Most raw HTML opening tags kept in one body (void tags such as `<br>` are not counted); the
/// raw HTML after them is shown as text.
pub const MAX_RAW_HTML_TAGS: usize = 256;

/// Most table cells a body may produce (rows times the columns of their table, padding
/// included); a body whose tables could hold more is rendered without tables.
pub const MAX_TABLE_CELLS: usize = 20_000;

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
    /// Width and height of the image at `src` in pixels, when known: written on the `<img>` so
    /// the page does not jump when the picture arrives.
    pub size: Option<(u32, u32)>,
    /// A narrower copy for small screens (address, width in pixels), offered in `srcset`.
    pub narrow: Option<(String, u32)>,
    /// Whether the browser may wait until the picture is near the view (`loading="lazy"`); the
    /// first picture of an article without a cover is needed at once.
    pub lazy: bool,
}

/// `sizes` of a photo in an article body: the whole width on a phone (less the page's margins),
/// the body's measure (`--measure` in `portal.css`) on a wider screen.
pub const BODY_PHOTO_SIZES: &str = "(max-width: 52rem) calc(100vw - 2rem), 44rem";

impl PhotoRef {
    /// A photo at `src` with nothing else known, loaded lazily.
    pub fn at(src: String) -> PhotoRef {
        PhotoRef {
            src,
            full: None,
            caption: None,
            size: None,
            narrow: None,
            lazy: true,
        }
    }

    /// A stored photo: its address, size, caption and its thumbnail as the narrow copy (when the
    /// photo is wider than the thumbnail).
    pub fn stored(photo: &daihoi_store::Photo) -> PhotoRef {
        PhotoRef {
            caption: Some(photo.caption.clone()),
            size: (photo.width > 0 && photo.height > 0).then_some((photo.width, photo.height)),
            narrow: narrow_copy(photo),
            ..PhotoRef::at(upload_url(&photo.file_name))
        }
    }

    /// The `srcset` of the picture (empty when there is no narrower copy).
    pub fn srcset(&self) -> String {
        match (&self.narrow, self.size) {
            (Some((narrow, narrow_width)), Some((width, _))) => {
                format!("{narrow} {narrow_width}w, {} {width}w", self.src)
            }
            _ => String::new(),
        }
    }
}

/// The thumbnail of a stored photo as its narrow copy, when the photo is wider than it.
pub fn narrow_copy(photo: &daihoi_store::Photo) -> Option<(String, u32)> {
    (photo.width > crate::portal::photos::THUMBNAIL_WIDTH && !photo.thumb_name.is_empty()).then(
        || {
            (
                upload_url(&photo.thumb_name),
                crate::portal::photos::THUMBNAIL_WIDTH,
            )
        },
    )
}

/// Ảnh đã chèn — the ids of `photos` that the body shows: a Markdown body by its `photo:ID`
/// lines (as the renderer reads them), an imported HTML body by the photo's address.
pub fn placed_photos(
    format: daihoi_store::BodyFormat,
    body: &str,
    photos: &[daihoi_store::Photo],
) -> std::collections::HashSet<i64> {
    let placed = std::cell::RefCell::new(std::collections::HashSet::new());
    let html = render_body(format, body, &|id: &str| {
        let photo = photos.iter().find(|p| p.id.to_string() == id)?;
        placed.borrow_mut().insert(photo.id);
        Some(PhotoRef::stored(photo))
    });
    let mut placed = placed.into_inner();
    if format == daihoi_store::BodyFormat::Html {
        placed.extend(photos.iter().filter(|p| html_shows(&html, p)).map(|p| p.id));
    }
    placed
}

/// Whether sanitised `html` shows stored `photo` by its address.
pub fn html_shows(html: &str, photo: &daihoi_store::Photo) -> bool {
    html.contains(&format!("\"{}\"", upload_url(&photo.file_name)))
}

/// Public address of a file in the uploads folder.
pub fn upload_url(path: &str) -> String {
    format!("/uploads/{}", path.trim_start_matches('/'))
}

/// The conventional address of photo `id` when no store lookup is available:
/// `/uploads/photos/<id>.jpg`.
pub fn default_photo_url(id: &str) -> String {
    format!("/uploads/photos/{id}.jpg")
}

/// Renders Markdown to sanitised HTML; `photo:ID` images use [`default_photo_url`].
pub fn render(md: &str) -> String {
    render_with(md, &|id: &str| Some(PhotoRef::at(default_photo_url(id))))
}

/// Renders Markdown to sanitised HTML, asking `photo` where each `photo:ID` image lives. An ID that
/// `photo` does not know is dropped from the output (its caption stays as plain text) rather than
/// shown as a broken image.
pub fn render_with(md: &str, photo: &dyn Fn(&str) -> Option<PhotoRef>) -> String {
    let source = daihoi_domain::vn::nfc(md);
    let mut options = Options::ENABLE_STRIKETHROUGH;
    if tables_fit(&source) {
        options |= Options::ENABLE_TABLES;
    }
    let events = bound_events(Parser::new_ext(&source, options));
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

/// Renders an article body of either format ([`daihoi_store::BodyFormat`]): Markdown through
/// [`render_with`], HTML brought over from another site through [`render_html`].
pub fn render_body(
    format: daihoi_store::BodyFormat,
    body: &str,
    photo: &dyn Fn(&str) -> Option<PhotoRef>,
) -> String {
    match format {
        daihoi_store::BodyFormat::Markdown => render_with(body, photo),
        daihoi_store::BodyFormat::Html => render_html(body),
    }
}

/// Renders an HTML body (imported from NukeViet, decision 0012) through the same sanitiser as
/// Markdown output. A body nested deeper than
/// [`daihoi_domain::html::MAX_IMPORTED_DEPTH`] (the import refuses one; only a later edit can
/// make it) is shown as text, so the sanitiser's cost stays bounded.
pub fn render_html(body: &str) -> String {
    let body = daihoi_domain::vn::nfc(body);
    if daihoi_domain::html::nesting_depth(&body) > daihoi_domain::html::MAX_IMPORTED_DEPTH {
        return format!("<p>{}</p>", escape(&body));
    }
    sanitize(&body)
}

/// Bounds what the HTML sanitiser will have to build: the tags of `events` nested deeper than
/// [`MAX_NESTING`] are left out (their text, code and breaks stay, in order), and raw HTML past
/// the first [`MAX_RAW_HTML_TAGS`] opening tags becomes text. The result has at most as many
/// events as the input and never nests deeper than [`MAX_NESTING`] Markdown levels.
pub fn bound_events<'a>(events: impl IntoIterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut raw_tags = 0usize;
    for event in events {
        match event {
            Event::Start(tag) => {
                depth += 1;
                if depth <= MAX_NESTING {
                    out.push(Event::Start(tag));
                }
            }
            Event::End(tag) => {
                if depth <= MAX_NESTING {
                    out.push(Event::End(tag));
                }
                depth = depth.saturating_sub(1);
            }
            Event::Html(html) | Event::InlineHtml(html)
                if raw_tags + opening_tags(&html) > MAX_RAW_HTML_TAGS =>
            {
                raw_tags = MAX_RAW_HTML_TAGS;
                out.push(Event::Text(html));
            }
            Event::Html(html) => {
                raw_tags += opening_tags(&html);
                out.push(Event::Html(html));
            }
            Event::InlineHtml(html) => {
                raw_tags += opening_tags(&html);
                out.push(Event::InlineHtml(html));
            }
            other => out.push(other),
        }
    }
    out
}

/// How many opening tags of elements that can hold others (`<div`, `<b …`, not `<br>`, not
/// `</p>` nor `<!-- … -->`) a piece of raw HTML has; an overestimate is fine.
fn opening_tags(html: &str) -> usize {
    const VOID: [&str; 14] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    html.match_indices('<')
        .filter(|&(i, _)| {
            let rest = &html.as_bytes()[i + 1..];
            let name = &rest[..rest
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(rest.len())];
            name.first().is_some_and(u8::is_ascii_alphabetic)
                && !VOID.iter().any(|v| v.as_bytes().eq_ignore_ascii_case(name))
        })
        .count()
}

/// Whether the GFM tables of `md` hold at most [`MAX_TABLE_CELLS`] cells, counted from the text
/// before parsing (the parser pads short rows, so its own work is what must be bounded): each
/// line that can be a table's delimiter row (only `|`, `-`, `:`, spaces and quote markers, with a
/// `|` and a `-`) opens a table of one column more than its `|`, and each following line up to a
/// blank one is a row of that many cells. Lines in code blocks count too: an overestimate only
/// renders tables as text.
pub fn tables_fit(md: &str) -> bool {
    let mut cells = 0usize;
    let mut columns = 0usize;
    for line in md.lines() {
        let content = line.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
        if content.trim().is_empty() {
            columns = 0;
        } else if content.contains('|')
            && content.contains('-')
            && content
                .chars()
                .all(|c| matches!(c, '|' | '-' | ':' | '>') || c.is_whitespace())
        {
            columns = content.matches('|').count() + 1;
            // The header row above it.
            cells += columns;
        } else {
            cells += columns;
        }
        if cells > MAX_TABLE_CELLS {
            return false;
        }
    }
    true
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
    let mut img = format!("<img src=\"{}\" alt=\"{caption}\"", escape(&found.src));
    if let Some((width, height)) = found.size {
        img.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
    }
    let srcset = found.srcset();
    if !srcset.is_empty() {
        img.push_str(&format!(
            " srcset=\"{}\" sizes=\"{BODY_PHOTO_SIZES}\"",
            escape(&srcset)
        ));
    }
    img.push_str(if found.lazy {
        " loading=\"lazy\" decoding=\"async\">"
    } else {
        " decoding=\"async\">"
    });
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

/// The one article sanitiser ([`daihoi_domain::html`]), shared with imported HTML bodies.
fn sanitize(html: &str) -> String {
    daihoi_domain::html::sanitize_article_html(html)
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
            html.contains("<figure class=\"article-photo\"><img src=\"/uploads/photos/42.jpg\" alt=\"Thị trấn trang trí cờ hoa\" loading=\"lazy\" decoding=\"async\"><figcaption>Thị trấn trang trí cờ hoa</figcaption></figure>"),
            "{html}"
        );
    }

    #[test]
    fn a_stored_caption_wins_over_the_written_one() {
        let with = |caption: &str| {
            let caption = caption.to_owned();
            render_with("![Chú thích cũ](photo:7)", &move |_| {
                Some(PhotoRef {
                    caption: Some(caption.clone()),
                    ..PhotoRef::at("/uploads/a.jpg".to_owned())
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
    fn a_stored_photo_carries_its_size_and_narrow_copy_and_the_first_may_load_at_once() {
        let photo = |lazy: bool| PhotoRef {
            size: Some((960, 640)),
            narrow: Some(("/uploads/2021/07/a-400.jpg".to_owned(), 400)),
            lazy,
            ..PhotoRef::at("/uploads/2021/07/a.jpg".to_owned())
        };
        let html = render_with("![Cờ hoa](photo:1)", &|_| Some(photo(true)));
        assert!(
            html.contains(
                "<img src=\"/uploads/2021/07/a.jpg\" alt=\"Cờ hoa\" width=\"960\" height=\"640\" \
                 srcset=\"/uploads/2021/07/a-400.jpg 400w, /uploads/2021/07/a.jpg 960w\" \
                 sizes=\"(max-width: 52rem) calc(100vw - 2rem), 44rem\" loading=\"lazy\" decoding=\"async\">"
            ),
            "{html}"
        );
        let eager = render_with("![Cờ hoa](photo:1)", &|_| Some(photo(false)));
        assert!(!eager.contains("loading="), "{eager}");
        // No narrower copy (a photo no wider than the thumbnail): no srcset.
        let small = render_with("![Cờ hoa](photo:1)", &|_| {
            Some(PhotoRef {
                size: Some((300, 200)),
                ..PhotoRef::at("/uploads/b.jpg".to_owned())
            })
        });
        assert!(small.contains("width=\"300\" height=\"200\""), "{small}");
        assert!(!small.contains("srcset"), "{small}");
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

    /// The deepest element nesting of sanitised HTML (well formed: every non-void element
    /// closed), counted from its tags.
    fn html_depth(html: &str) -> usize {
        let (mut depth, mut deepest) = (0usize, 0usize);
        for (i, _) in html.match_indices('<') {
            let tag = &html[i..html[i..].find('>').map_or(html.len(), |end| i + end + 1)];
            if tag.starts_with("</") {
                depth = depth.saturating_sub(1);
            } else if opening_tags(tag) == 1 {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        deepest
    }

    /// Bodies of [`MAX_BODY_CHARS`] built to be as costly as possible for the sanitiser.
    fn worst_bodies() -> Vec<(&'static str, String)> {
        let fill = |unit: &str| unit.repeat((MAX_BODY_CHARS - 100) / unit.chars().count());
        vec![
            ("quotes", format!("{} x", fill(">"))),
            ("lists", format!("{} x", fill("- "))),
            ("ordered", format!("{} x", fill("1. "))),
            ("quoted lists", format!("{} x", fill("> - "))),
            ("emphasis", format!("{}x", fill("*"))),
            ("divs", format!("{}x", fill("<div>"))),
            ("bold", format!("x {}x", fill("<b title=t>"))),
            (
                "padded tables",
                fill(&format!(
                    "{}|\n{}|\n{}\n",
                    "|a".repeat(500),
                    "|-".repeat(500),
                    "x\n".repeat(500)
                )),
            ),
        ]
    }

    /// 21.000 nested `>` took 1,5 s in the sanitiser (its work grows with the square of the
    /// depth): past [`MAX_NESTING`] levels the quotes are flattened and the text kept.
    #[test]
    fn deep_quotes_are_flattened_past_the_nesting_limit() {
        let html = render(&format!("{} Lời cuối", ">".repeat(21_000)));
        assert_eq!(html.matches("<blockquote>").count(), MAX_NESTING, "{html}");
        assert!(html.contains("Lời cuối"));
        assert!(html_depth(&html) <= MAX_NESTING + 1, "{html}");
        // A reasonable quote in a list is untouched.
        let html = render("- mục\n  > trích dẫn\n  > > lồng");
        assert_eq!(html.matches("<blockquote>").count(), 2, "{html}");
        assert!(html.contains("<li>"), "{html}");
    }

    #[test]
    fn raw_html_past_the_tag_budget_is_shown_as_text() {
        // 25.000 HTML blocks of one `<div>` each: the first ones are kept, the rest is text.
        let html = render(&"<div>\n\n".repeat(25_000));
        assert_eq!(
            html.matches("<div>").count(),
            MAX_RAW_HTML_TAGS,
            "{}",
            &html[..200]
        );
        assert!(html.contains("&lt;div&gt;"));
        // One HTML block of 40.000 `<div>`: over the budget as a whole, shown as text.
        let html = render(&"<div>".repeat(40_000));
        assert!(!html.contains("<div>"), "{}", &html[..200]);
        assert!(html.contains("&lt;div&gt;"));
        // Line breaks and closing tags are not counted.
        assert_eq!(
            opening_tags("<br><BR/><hr></p><!-- x --><Div class=a><span>"),
            2
        );
    }

    #[test]
    fn tables_that_the_parser_would_pad_to_megabytes_are_read_as_text() {
        let md = format!(
            "{}|\n{}|\n{}",
            "|a".repeat(500),
            "|-".repeat(500),
            "x\n".repeat(500)
        );
        assert!(!tables_fit(&md));
        let html = render(&md);
        assert!(!html.contains("<table"), "{}", &html[..200]);
        assert!(html.len() < 4 * md.len(), "{} bytes", html.len());
        let md = "| Đơn vị | Số phiếu |\n| --- | ---: |\n| Tân Uyên | 1.934 |\n| Sìn Hồ |\n";
        assert!(tables_fit(md));
        let html = render(md);
        assert!(
            html.contains("<table>") && html.contains("<td>1.934</td>"),
            "{html}"
        );
    }

    /// The work of a body of the editor's maximum length is bounded whatever it holds: the
    /// sanitised output is at most 16 bytes per input byte and never nests deeper than
    /// [`MAX_NESTING`] (plus the raw tags' budget), so the sanitiser's scans stay short.
    #[test]
    fn the_worst_bodies_of_the_maximum_length_stay_small_and_shallow() {
        for (what, md) in worst_bodies() {
            assert!(md.chars().count() <= MAX_BODY_CHARS, "{what}");
            let html = render(&md);
            assert!(
                html.len() <= 16 * md.len(),
                "{what}: {} bytes from {}",
                html.len(),
                md.len()
            );
            let depth = html_depth(&html);
            assert!(
                depth <= MAX_NESTING + MAX_RAW_HTML_TAGS + 1,
                "{what}: depth {depth}"
            );
        }
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
