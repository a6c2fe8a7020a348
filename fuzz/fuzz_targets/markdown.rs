//! Article bodies: any Markdown up to the editor's limit is rendered and sanitised as the public
//! page does. Must hold: no panic; no `<script`, event handler or `javascript:` link in the
//! output; the output at most 16 bytes per input byte (plus a little), and nested no deeper than
//! the nesting and raw-tag bounds allow (the sanitiser's work grows with depth × elements).
#![no_main]

use daihoi_web::portal::markdown::{
    MAX_BODY_CHARS, MAX_NESTING, MAX_RAW_HTML_TAGS, PhotoRef, render_with,
};
use libfuzzer_sys::fuzz_target;

/// The deepest element nesting of sanitised HTML, from its tags (void elements do not nest;
/// the serialiser quotes every attribute value with `"`).
fn depth(html: &str) -> usize {
    const VOID: [&str; 14] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    enum State {
        Text,
        Tag,
        Value,
    }
    let (mut depth, mut deepest, mut state) = (0usize, 0usize, State::Text);
    let bytes = html.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        state = match (state, b) {
            (State::Text, b'<') => {
                if bytes.get(i + 1) == Some(&b'/') {
                    depth = depth.saturating_sub(1);
                } else {
                    let name: String = bytes[i + 1..]
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric())
                        .map(|&b| b as char)
                        .collect();
                    if !VOID.contains(&name.to_ascii_lowercase().as_str()) {
                        depth += 1;
                        deepest = deepest.max(depth);
                    }
                }
                State::Tag
            }
            (State::Tag, b'"') => State::Value,
            (State::Tag, b'>') => State::Text,
            (State::Value, b'"') => State::Tag,
            (state, _) => state,
        };
    }
    deepest
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let md: String = text.chars().take(MAX_BODY_CHARS).collect();
    let html = render_with(&md, &|id: &str| {
        (id == "1").then(|| PhotoRef {
            src: "/uploads/2025/06/a.jpg".into(),
            full: Some("/uploads/2025/06/a-full.jpg".into()),
            caption: Some("Chú thích <b>\"đậm\"</b>".into()),
        })
    });
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{html}");
    assert!(!lower.contains("javascript:"), "{html}");
    assert!(!lower.contains(" onerror"), "{html}");
    assert!(
        html.len() <= 16 * md.len() + 1024,
        "{} bytes of HTML from {} bytes of Markdown",
        html.len(),
        md.len()
    );
    // Each raw tag may bring a few implied elements (a `<td>` its row and table body).
    let deepest = depth(&html);
    assert!(
        deepest <= MAX_NESTING + 4 * MAX_RAW_HTML_TAGS + 4,
        "nested {deepest} deep"
    );
});
