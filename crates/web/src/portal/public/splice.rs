//! Trang dựng sẵn có chỗ trống — a page rendered once, kept as bytes, and completed per request.
//!
//! An article page is the same for every reader except for a few values: the rating form's token
//! (bound to the visitor) and the figures of the statistics block. Rendering the whole askama
//! template for every request costs far more than serving the page, so the page is rendered once
//! with a unique *marker* in place of each such value ([`marker`]), cut at the markers
//! ([`Spliced::parse`]), and each request only copies the fixed parts and writes its own values
//! into the holes ([`Spliced::fill`]).
//!
//! The markers carry a random per-process nonce, so text written by an editor can never be taken
//! for one. The values written into holes are HTML-escaped here, exactly as the template engine
//! would have escaped them.

use std::sync::OnceLock;

use crate::portal::markdown::escape;

/// A value that differs between requests of the same page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hole {
    /// The rating form's token (bound to the visitor id).
    CsrfToken,
    /// Đang truy cập.
    Online,
    /// Hôm nay.
    Today,
    /// Hôm qua.
    Yesterday,
    /// Tháng này.
    Month,
    /// Năm nay.
    Year,
    /// Tổng số.
    Total,
    /// "Tháng 07".
    MonthLabel,
    /// "Năm 2026".
    YearLabel,
}

impl Hole {
    /// Every hole, in the order of their codes.
    pub const ALL: [Hole; 9] = [
        Hole::CsrfToken,
        Hole::Online,
        Hole::Today,
        Hole::Yesterday,
        Hole::Month,
        Hole::Year,
        Hole::Total,
        Hole::MonthLabel,
        Hole::YearLabel,
    ];

    fn code(self) -> u8 {
        b'a' + Hole::ALL.iter().position(|h| *h == self).unwrap_or(0) as u8
    }

    fn from_code(code: u8) -> Option<Hole> {
        Hole::ALL.get(usize::from(code.checked_sub(b'a')?)).copied()
    }
}

/// A private-use character that brackets markers; no escaping touches it.
const BRACKET: char = '\u{E000}';

fn nonce() -> &'static str {
    static NONCE: OnceLock<String> = OnceLock::new();
    NONCE.get_or_init(|| format!("{:016x}", rand::random::<u64>()))
}

/// The marker that stands for `hole` in a page rendered for splicing.
pub fn marker(hole: Hole) -> String {
    format!("{BRACKET}{}{}{BRACKET}", nonce(), hole.code() as char)
}

#[derive(Debug, Clone)]
enum Part {
    Text(std::ops::Range<usize>),
    Hole(Hole),
}

/// A rendered page cut at its markers.
#[derive(Debug, Clone)]
pub struct Spliced {
    /// The fixed text, markers removed.
    text: String,
    parts: Vec<Part>,
}

impl Spliced {
    /// Cuts `rendered` at every marker of this process.
    pub fn parse(rendered: &str) -> Spliced {
        let prefix = format!("{BRACKET}{}", nonce());
        let mut text = String::with_capacity(rendered.len());
        let mut parts = Vec::new();
        let mut rest = rendered;
        while let Some(at) = rest.find(&prefix) {
            let after = &rest[at + prefix.len()..];
            let mut chars = after.chars();
            let hole = chars
                .next()
                .filter(char::is_ascii_lowercase)
                .and_then(|c| Hole::from_code(c as u8));
            match (hole, chars.next()) {
                (Some(hole), Some(BRACKET)) => {
                    let start = text.len();
                    text.push_str(&rest[..at]);
                    parts.push(Part::Text(start..text.len()));
                    parts.push(Part::Hole(hole));
                    rest = &after[1 + BRACKET.len_utf8()..];
                }
                _ => {
                    // Not one of ours after all: keep it as text.
                    let start = text.len();
                    let end = at + prefix.len();
                    text.push_str(&rest[..end]);
                    parts.push(Part::Text(start..text.len()));
                    rest = &rest[end..];
                }
            }
        }
        let start = text.len();
        text.push_str(rest);
        parts.push(Part::Text(start..text.len()));
        parts.retain(|p| !matches!(p, Part::Text(r) if r.is_empty()));
        Spliced { text, parts }
    }

    /// The holes of this page, in order.
    pub fn holes(&self) -> impl Iterator<Item = Hole> + '_ {
        self.parts.iter().filter_map(|p| match p {
            Part::Hole(h) => Some(*h),
            Part::Text(_) => None,
        })
    }

    /// The page with each hole filled by `value(hole)`, HTML-escaped.
    pub fn fill<'a>(&self, value: impl Fn(Hole) -> &'a str) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.text.len() + 64 * self.parts.len());
        for part in &self.parts {
            match part {
                Part::Text(range) => out.extend_from_slice(&self.text.as_bytes()[range.clone()]),
                Part::Hole(hole) => {
                    let v = value(*hole);
                    if v.bytes()
                        .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
                    {
                        out.extend_from_slice(escape(v).as_bytes());
                    } else {
                        out.extend_from_slice(v.as_bytes());
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(hole: Hole) -> &'static str {
        match hole {
            Hole::CsrfToken => "tok<&>",
            Hole::Online => "7",
            Hole::Today => "1.934",
            _ => "x",
        }
    }

    #[test]
    fn holes_are_filled_in_place_and_escaped() {
        let page = format!(
            "<p>{}</p><input value=\"{}\"><dd>{}</dd>",
            marker(Hole::Today),
            marker(Hole::CsrfToken),
            marker(Hole::Online)
        );
        let spliced = Spliced::parse(&page);
        assert_eq!(
            spliced.holes().collect::<Vec<_>>(),
            vec![Hole::Today, Hole::CsrfToken, Hole::Online]
        );
        let out = String::from_utf8(spliced.fill(value)).unwrap();
        assert_eq!(
            out,
            "<p>1.934</p><input value=\"tok&lt;&amp;&gt;\"><dd>7</dd>"
        );
    }

    #[test]
    fn text_without_markers_is_kept_whole() {
        let page = "<h1>Đại hội</h1>\u{E000}not a marker\u{E000}";
        let spliced = Spliced::parse(page);
        assert_eq!(spliced.holes().count(), 0);
        assert_eq!(String::from_utf8(spliced.fill(value)).unwrap(), page);
    }

    #[test]
    fn a_marker_with_an_unknown_code_stays_text() {
        let page = format!("a{BRACKET}{}z{BRACKET}b{}", nonce(), marker(Hole::Total));
        let spliced = Spliced::parse(&page);
        assert_eq!(spliced.holes().collect::<Vec<_>>(), vec![Hole::Total]);
        let out = String::from_utf8(spliced.fill(value)).unwrap();
        assert_eq!(out, format!("a{BRACKET}{}z{BRACKET}bx", nonce()));
    }

    #[test]
    fn same_hole_twice_and_adjacent_holes() {
        let page = format!(
            "{}{}|{}",
            marker(Hole::Online),
            marker(Hole::Online),
            marker(Hole::Today)
        );
        let out = String::from_utf8(Spliced::parse(&page).fill(value)).unwrap();
        assert_eq!(out, "77|1.934");
    }
}
