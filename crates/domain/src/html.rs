//! HTML bài viết — the one sanitiser of article bodies.
//!
//! Whatever an article body started as (the editor's Markdown rendered to HTML, or the HTML of a
//! site moved over from NukeViet), what reaches a reader passes [`sanitize_article_html`]:
//! scripts, styles, event handlers, `javascript:` and other non-web links, inline `style` and
//! unknown classes are removed; paragraphs, headings, lists, tables, links, images, figures and
//! their captions are kept. Links get `rel="noopener noreferrer"`.
//!
//! Cost: html5ever, inside ammonia, is linear in the input except for deep nesting (it searches
//! the stack of open elements); callers bound nesting first (the Markdown renderer does, and the
//! NukeViet import refuses a body nested deeper than [`MAX_IMPORTED_DEPTH`]).

/// Deepest element nesting an imported HTML body may have (checked before sanitising).
pub const MAX_IMPORTED_DEPTH: usize = 64;

/// The sanitiser's rules for article bodies.
pub fn article_policy() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags(["figure", "figcaption"])
        .add_tag_attributes("img", ["loading", "decoding", "srcset", "sizes"])
        .add_allowed_classes("p", ["interview-q", "interview-a"])
        .add_allowed_classes("figure", ["article-photo"])
        .link_rel(Some("noopener noreferrer"))
        .attribute_filter(|element, attribute, value| {
            if element == "img" && attribute == "srcset" && !srcset_is_local(value) {
                None
            } else {
                Some(value.into())
            }
        });
    builder
}

/// Whether every candidate of an `srcset` is a picture of this site (an address starting with
/// `/uploads/`): the article's own narrower copies. A candidate elsewhere would make readers'
/// browsers fetch from another host, which `src` is not allowed to do either.
pub fn srcset_is_local(srcset: &str) -> bool {
    srcset.split(',').all(|candidate| {
        let url = candidate.split_whitespace().next().unwrap_or("");
        url.starts_with("/uploads/") && !url.contains("..")
    })
}

/// Làm sạch HTML — `html` with everything [`article_policy`] does not allow removed. A class
/// the policy drops leaves `class=""` behind in ammonia's output; that empty attribute is removed
/// too. A carriage return written as a character reference (`&#13;`) comes out of the parser as
/// a raw CR, which a second parse would turn into a line feed; line breaks are therefore written
/// as line feeds, so that sanitising what was sanitised changes nothing.
pub fn sanitize_article_html(html: &str) -> String {
    thread_local! {
        static POLICY: ammonia::Builder<'static> = article_policy();
    }
    let clean = POLICY
        .with(|policy| policy.clean(html).to_string())
        .replace(" class=\"\"", "");
    if clean.contains('\r') {
        clean.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        clean
    }
}

/// Độ lồng thẻ — the deepest element nesting of `html`, counted from its tags without parsing
/// (void elements such as `<br>` and `<img>` do not nest; an unclosed tag counts as open). An
/// overestimate for sloppy HTML, which is what a bound needs.
pub fn nesting_depth(html: &str) -> usize {
    const VOID: [&str; 14] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    for (i, _) in html.match_indices('<') {
        let rest = &bytes[i + 1..];
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(rest.len() - name_start);
        let name = &rest[name_start..name_start + name_len];
        if name.is_empty() || !name[0].is_ascii_alphabetic() {
            continue;
        }
        if VOID.iter().any(|v| v.as_bytes().eq_ignore_ascii_case(name)) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            let self_closing = html[i..]
                .find('>')
                .is_some_and(|end| html[i..i + end].ends_with('/'));
            if !self_closing {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_kept_and_what_is_removed() {
        let html = sanitize_article_html(
            "<p style=\"color:red\" onclick=\"x()\">Chữ <strong>đậm</strong></p>\
             <script>alert(1)</script><a href=\"javascript:alert(1)\">x</a>\
             <figure class=\"image\"><img src=\"/uploads/a.jpg\" alt=\"Ảnh\" width=\"800\">\
             <figcaption>Chú thích</figcaption></figure>\
             <table><tr><td colspan=\"2\">ô</td></tr></table><ul><li>mục</li></ul>",
        );
        assert!(!html.contains("style"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("class=\"image\""), "{html}");
        for kept in [
            "<strong>đậm</strong>",
            "<figure><img src=\"/uploads/a.jpg\" alt=\"Ảnh\" width=\"800\">",
            "<figcaption>Chú thích</figcaption>",
            "<td colspan=\"2\">ô</td>",
            "<li>mục</li>",
        ] {
            assert!(html.contains(kept), "{kept} in {html}");
        }
    }

    #[test]
    fn only_the_site_s_own_narrow_copies_stay_in_srcset() {
        let kept = sanitize_article_html(
            "<img src=\"/uploads/a.jpg\" srcset=\"/uploads/a-400.jpg 400w, /uploads/a.jpg 960w\" \
             sizes=\"100vw\" width=\"960\" height=\"640\" loading=\"lazy\" decoding=\"async\">",
        );
        assert!(
            kept.contains("srcset=\"/uploads/a-400.jpg 400w, /uploads/a.jpg 960w\""),
            "{kept}"
        );
        assert!(kept.contains("sizes=\"100vw\""), "{kept}");
        assert!(kept.contains("decoding=\"async\""), "{kept}");
        for foreign in [
            "https://elsewhere.example/a.jpg 400w",
            "/uploads/a.jpg 400w, //elsewhere.example/b.jpg 800w",
            "/uploads/../secret 1x",
        ] {
            let out = sanitize_article_html(&format!(
                "<img src=\"/uploads/a.jpg\" srcset=\"{foreign}\">"
            ));
            assert!(!out.contains("srcset"), "{out}");
        }
    }

    #[test]
    fn a_carriage_return_comes_out_as_a_line_feed_so_a_second_pass_changes_nothing() {
        // Found by the property test `sanitising_twice_changes_nothing` (CI, 05/12/2026).
        for html in ["&#xDG", "a&#13;&#10;b", "<p title=\"x&#13;y\">z</p>"] {
            let once = sanitize_article_html(html);
            assert!(!once.contains('\r'), "{once:?}");
            assert_eq!(sanitize_article_html(&once), once, "{html}");
        }
        assert_eq!(sanitize_article_html("&#xDG"), "\nG");
    }

    #[test]
    fn nesting_is_counted_from_tags() {
        assert_eq!(nesting_depth("<p>a<br>b<img src=x></p>"), 1);
        assert_eq!(nesting_depth("<div><div><p>x</p></div></div>"), 3);
        assert_eq!(nesting_depth(&"<div>".repeat(100)), 100);
        assert_eq!(nesting_depth("a < b, <3 </p>"), 0);
    }
}
