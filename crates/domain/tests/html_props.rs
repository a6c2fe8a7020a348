//! Property tests of the one article sanitiser (`domain::html`): whatever HTML goes in — the
//! Markdown renderer's output or a NukeViet body — nothing that can run script or restyle the
//! page comes out, what is allowed survives, and sanitising twice changes nothing.

use daihoi_domain::html::{nesting_depth, sanitize_article_html};
use proptest::prelude::*;

/// Pieces an attacker or an old CKEditor body might hold.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<script>alert(1)</script>".to_owned()),
        Just("<SCRIPT SRC=//x.example/a.js></SCRIPT>".to_owned()),
        Just("<img src=x onerror=alert(1)>".to_owned()),
        Just("<a href=\"javascript:alert(1)\">x</a>".to_owned()),
        Just("<a href=\"JaVaScRiPt:alert(1)\">x</a>".to_owned()),
        Just("<a href=\"  javascript:alert(1)\">x</a>".to_owned()),
        Just("<a href=\"data:text/html,<script>alert(1)</script>\">x</a>".to_owned()),
        Just("<p style=\"color:red\" onclick=\"x()\">đoạn</p>".to_owned()),
        Just("<div class=\"details-content clearfix\" id=\"bodytext\">khối</div>".to_owned()),
        Just("<style>body{display:none}</style>".to_owned()),
        Just("<iframe src=\"https://x.example\"></iframe>".to_owned()),
        Just("<svg onload=alert(1)><circle/></svg>".to_owned()),
        Just("<object data=x></object><embed src=x>".to_owned()),
        Just("<form action=x><input name=a></form>".to_owned()),
        Just("<figure class=\"image\"><img src=\"/uploads/a.jpg\" alt=\"Ảnh\"><figcaption>Chú thích</figcaption></figure>".to_owned()),
        Just("<table><tr><td colspan=\"2\">ô</td></tr></table>".to_owned()),
        Just("<ul><li>mục</li></ul><ol start=\"3\"><li>ba</li></ol>".to_owned()),
        Just("<p>GD&amp;ĐT &quot;x&quot; &nbsp; &#33;</p>".to_owned()),
        Just("<!-- chú thích --><br /><br  />".to_owned()),
        Just("<span style=\"FONT-SIZE: 10pt; FONT-FAMILY: Tahoma\">chữ</span>".to_owned()),
        "[a-zA-Z0-9 <>/=\"'&;:.#!-]{0,40}",
        "\\PC{0,20}",
    ]
}

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..12).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn nothing_that_runs_or_restyles_comes_out(html in body()) {
        let clean = sanitize_article_html(&html);
        let lower = clean.to_ascii_lowercase();
        for banned in [
            "<script", "<style", "<iframe", "<svg", "<object", "<embed", "<form", "<input",
            " style=", " onerror=", " onclick=", " onload=", "javascript:", "data:text",
        ] {
            prop_assert!(!lower.contains(banned), "{banned} in {clean}");
        }
    }

    #[test]
    fn sanitising_twice_changes_nothing(html in body()) {
        let once = sanitize_article_html(&html);
        prop_assert_eq!(sanitize_article_html(&once), once.clone());
    }

    #[test]
    fn the_output_never_nests_deeper_than_the_input(html in body()) {
        let clean = sanitize_article_html(&html);
        prop_assert!(nesting_depth(&clean) <= nesting_depth(&html) + 2, "{clean}");
    }

    #[test]
    fn allowed_structure_and_text_survive(words in prop::collection::vec("[a-zà-ỹ]{1,8}", 1..6)) {
        let text = words.join(" ");
        let html = format!(
            "<p>{text}</p><table><tr><td>{text}</td></tr></table><ul><li>{text}</li></ul>\
             <figure><img src=\"/uploads/x.jpg\" alt=\"{text}\"><figcaption>{text}</figcaption></figure>\
             <a href=\"https://gov.vn/a\">{text}</a>"
        );
        let clean = sanitize_article_html(&html);
        for kept in [
            format!("<p>{text}</p>"),
            format!("<td>{text}</td>"),
            format!("<li>{text}</li>"),
            format!("<figcaption>{text}</figcaption>"),
            "<img src=\"/uploads/x.jpg\"".to_owned(),
            "href=\"https://gov.vn/a\"".to_owned(),
        ] {
            prop_assert!(clean.contains(&kept), "{kept} not in {clean}");
        }
    }
}
