//! Article bodies: any Markdown up to the editor's limit is rendered and sanitised as the public
//! page does. Must hold: no panic; no `<script` tag, `on…` attribute or `javascript:` address in the
//! output; the output at most 16 bytes per input byte (plus a little), and nested no deeper than
//! the nesting and raw-tag bounds allow (the sanitiser's work grows with depth × elements).
#![no_main]

use daihoi_web::portal::markdown::{
    MAX_BODY_CHARS, MAX_NESTING, MAX_RAW_HTML_TAGS, PhotoRef, render_with,
};
use libfuzzer_sys::fuzz_target;

/// Reads sanitised HTML tag by tag (the serialiser quotes every attribute value with `"`):
/// the deepest element nesting (void elements do not nest), and the first thing that could run a
/// script: a `<script` tag, an `on…` attribute, a `javascript:` or `vbscript:` address.
fn scan(html: &str) -> (usize, Option<String>) {
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
    let mut word = String::new();
    let mut value = String::new();
    let mut bad = None;
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
                        .map(|&b| (b as char).to_ascii_lowercase())
                        .collect();
                    if name == "script" {
                        bad = Some("<script".to_owned());
                    }
                    if !VOID.contains(&name.as_str()) {
                        depth += 1;
                        deepest = deepest.max(depth);
                    }
                }
                word.clear();
                State::Tag
            }
            (State::Tag, b'"') => {
                value.clear();
                State::Value
            }
            (State::Tag, b'>') => State::Text,
            (State::Tag, b) if b.is_ascii_whitespace() || b == b'=' || b == b'/' => {
                if word.to_ascii_lowercase().starts_with("on") {
                    bad = Some(format!("attribute {word}"));
                }
                word.clear();
                State::Tag
            }
            (State::Tag, b) => {
                word.push(b as char);
                State::Tag
            }
            (State::Value, b'"') => {
                let address: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if address.starts_with("javascript:") || address.starts_with("vbscript:") {
                    bad = Some(format!("address {value}"));
                }
                State::Tag
            }
            (State::Value, b) => {
                value.push(b as char);
                State::Value
            }
            (state, _) => state,
        };
    }
    (deepest, bad)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let md: String = text.chars().take(MAX_BODY_CHARS).collect();
    let html = render_with(&md, &|id: &str| {
        (id == "1").then(|| PhotoRef {
            full: Some("/uploads/2025/06/a-full.jpg".into()),
            caption: Some("Chú thích <b>\"đậm\"</b>".into()),
            size: Some((960, 640)),
            narrow: Some(("/uploads/2025/06/a-400.jpg".into(), 400)),
            ..PhotoRef::at("/uploads/2025/06/a.jpg".into())
        })
    });
    let (deepest, bad) = scan(&html);
    assert!(bad.is_none(), "{bad:?} in {html}");
    assert!(
        html.len() <= 16 * md.len() + 1024,
        "{} bytes of HTML from {} bytes of Markdown",
        html.len(),
        md.len()
    );
    // Each raw tag may bring a few implied elements (a `<td>` its row and table body).
    assert!(
        deepest <= MAX_NESTING + 4 * MAX_RAW_HTML_TAGS + 4,
        "nested {deepest} deep"
    );
});
