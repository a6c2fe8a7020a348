//! Tìm kiếm — the words a search compares, the checks of a query, and the highlighted snippet
//! of a hit.
//!
//! Search compares **words**. [`words`] folds a text ([`fold`]: NFC, lowercase, no
//! diacritics, `đ` → `d`, invisible format characters dropped) and cuts it at every character
//! that is not a letter or a digit; a word longer than [`MAX_WORD_CHARS`] is cut to that length.
//! The store indexes exactly these words, joined by single spaces, on both databases (SQLite FTS5
//! with its `ascii` tokenizer splits them at the spaces and nowhere else; PostgreSQL gets a
//! `tsvector` built from them, never its own parser), and a query is cut into words by the same
//! function ([`parse_query`]), so both databases find the same items and no character of a query
//! can act as an operator: `"`, `*`, `NEAR`, `-`, `:`, `^` and parentheses are either dropped or
//! plain words.
//!
//! [`snippet`] and [`highlight`] work on the original text (with its diacritics) and mark the
//! words whose folded form is a query word; they return [`Segment`]s, which the page escapes like
//! any text and the JSON API sends as plain text with the marked ranges.

use std::fmt;

use unicode_normalization::char::is_combining_mark;

use crate::vn::fold;
use crate::vn::fold::is_invisible_format;

/// Longest query accepted, in characters (after trimming).
pub const MAX_QUERY_CHARS: usize = 200;

/// Most words of one query that are used; further words are ignored.
pub const MAX_QUERY_WORDS: usize = 16;

/// Longest word, in characters; longer runs of letters and digits are cut to this length both
/// when indexed and when searched (a database refuses very long index terms).
pub const MAX_WORD_CHARS: usize = 60;

/// Length of the snippet shown under a search result, in characters (ellipses not counted).
pub const SNIPPET_CHARS: usize = 220;

/// Only this many bytes at the start of a text are looked at for its snippet.
const SNIPPET_SCAN_BYTES: usize = 64 * 1024;

/// Các từ để tìm — the folded words of `text`, in order, repeats kept: runs of letters and
/// digits of [`fold`]`(text)`, each cut to [`MAX_WORD_CHARS`] characters.
/// `"Đại hội Đảng bộ huyện Tân Uyên, 2020–2025"` → `dai hoi dang bo huyen tan uyen 2020 2025`.
pub fn words(text: &str) -> Vec<String> {
    word_slices(&fold(text)).map(str::to_owned).collect()
}

/// The words of text already [`fold`]ed, borrowed from it (what [`words`] returns, without one
/// allocation a word: an article body holds thousands).
pub fn word_slices(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| match w.char_indices().nth(MAX_WORD_CHARS) {
            Some((cut, _)) => &w[..cut],
            None => w,
        })
}

/// The words of `text` joined by single spaces: what the index holds for one field.
pub fn index_text(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::with_capacity(folded.len());
    for word in word_slices(&folded) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Văn bản thuần của Markdown — the readable text of an article body written in Markdown: link
/// and image targets (`](photo:12)`, `](https://…)`) and HTML tags (an imported body) dropped,
/// `` * # > ` [ ] `` turned into
/// spaces, runs of white space collapsed. Diacritics and case are kept (it is shown in snippets).
pub fn plain_text_of_markdown(body_md: &str) -> String {
    let mut body = String::with_capacity(body_md.len());
    let mut chars = body_md.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // An HTML tag (raw HTML in Markdown, or an imported HTML body) is not searchable.
            '<' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/' || *n == '!') =>
            {
                for skipped in chars.by_ref() {
                    if skipped == '>' {
                        break;
                    }
                }
                body.push(' ');
            }
            ']' if chars.peek() == Some(&'(') => {
                for skipped in chars.by_ref() {
                    if skipped == ')' {
                        break;
                    }
                }
                body.push(' ');
            }
            '!' if chars.peek() == Some(&'[') => body.push(' '),
            '*' | '#' | '>' | '`' | '[' | ']' => body.push(' '),
            other => body.push(other),
        }
    }
    body.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Why a query cannot be searched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// Nothing typed (or only spaces).
    Empty,
    /// Longer than [`MAX_QUERY_CHARS`] characters.
    TooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// Only punctuation or symbols: not one letter or digit to look for.
    NoWords,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::Empty => f.write_str("Chưa có từ khóa: hãy nhập từ cần tìm."),
            QueryError::TooLong { chars } => write!(
                f,
                "Từ khóa tìm kiếm quá dài: {} ký tự, tối đa {MAX_QUERY_CHARS} ký tự.",
                crate::vn::format_uint(*chars as u64)
            ),
            QueryError::NoWords => f.write_str(
                "Từ khóa không có chữ hay số nào để tìm (dấu câu và ký hiệu được bỏ qua).",
            ),
        }
    }
}

impl std::error::Error for QueryError {}

/// Câu tóm tắt kết quả — the sentence above a search's results: how many items were found for
/// `query` (as typed), or that more than `total` were and only the newest `total` are listed,
/// most relevant first (`more`: see the store's ranking window).
pub fn results_summary(query: &str, total: u64, more: bool) -> String {
    let n = crate::vn::format_uint(total);
    if more {
        format!(
            "Tìm thấy hơn {n} kết quả cho «{query}»; dưới đây là {n} kết quả mới nhất, \
             xếp theo mức độ phù hợp. Thêm từ khóa để tìm chính xác hơn."
        )
    } else if total == 0 {
        format!("Không tìm thấy kết quả nào cho «{query}».")
    } else {
        format!("Tìm thấy {n} kết quả cho «{query}».")
    }
}

/// Đọc từ khóa — the words to search for in a query as typed: trimmed, at most
/// [`MAX_QUERY_CHARS`] characters, cut into [`words`], repeats dropped, at most
/// [`MAX_QUERY_WORDS`] kept. An item matches when it holds every word.
pub fn parse_query(raw: &str) -> Result<Vec<String>, QueryError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(QueryError::Empty);
    }
    let chars = trimmed.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(QueryError::TooLong { chars });
    }
    let mut out: Vec<String> = Vec::new();
    for w in words(trimmed) {
        if out.len() == MAX_QUERY_WORDS {
            break;
        }
        if !out.contains(&w) {
            out.push(w);
        }
    }
    if out.is_empty() {
        return Err(QueryError::NoWords);
    }
    Ok(out)
}

/// Một đoạn của trích dẫn — a piece of a snippet: plain text, or a run of matched words.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Segment {
    /// The original text of the piece (diacritics kept, white space collapsed).
    pub text: String,
    /// Whether the piece is made of query words (shown marked).
    pub marked: bool,
}

/// Trích dẫn — a short excerpt of a text with the query words marked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The pieces in order; an ellipsis `…` where the excerpt starts or ends inside the text.
    pub segments: Vec<Segment>,
}

impl Snippet {
    /// The excerpt as plain text.
    pub fn plain(&self) -> String {
        self.segments.iter().map(|s| s.text.as_str()).collect()
    }

    /// The marked ranges of [`Snippet::plain`], as `[start, end)` offsets counted in characters
    /// (Unicode scalar values).
    pub fn marks(&self) -> Vec<(usize, usize)> {
        let mut at = 0;
        let mut out = Vec::new();
        for s in &self.segments {
            let n = s.text.chars().count();
            if s.marked {
                out.push((at, at + n));
            }
            at += n;
        }
        out
    }

    /// Whether there is no text at all.
    pub fn is_empty(&self) -> bool {
        self.segments.iter().all(|s| s.text.is_empty())
    }
}

/// A word of the original text: byte and character ranges, and whether it is a query word.
struct Span {
    start: usize,
    end: usize,
    char_start: usize,
    char_end: usize,
    /// Index of the query word it matches.
    matched: Option<usize>,
}

enum CharClass {
    /// Part of a word (its fold has a letter or a digit).
    Word,
    /// Folds to nothing (a combining mark, an invisible format character): neither starts nor
    /// ends a word, as [`fold`] drops it before the text is cut.
    Silent,
    /// Anything else: ends a word.
    Break,
}

fn class_of(c: char) -> CharClass {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            CharClass::Word
        } else {
            CharClass::Break
        };
    }
    // What `fold` does to one character, without folding it: a letter or digit stays one (its
    // lowercase without marks), a combining mark or an invisible format character vanishes.
    if c.is_alphanumeric() {
        CharClass::Word
    } else if is_combining_mark(c) || is_invisible_format(c) {
        CharClass::Silent
    } else {
        CharClass::Break
    }
}

/// The words of `text`, each checked against `query`, and the length of `text` in characters.
fn spans(text: &str, query: &[String]) -> (Vec<Span>, usize) {
    let mut out = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    let mut n = 0;
    let mut push = |start: usize, end: usize, char_start: usize, char_end: usize| {
        let found = words(&text[start..end]);
        let matched = match found.as_slice() {
            [w] => query.iter().position(|q| q == w),
            _ => None,
        };
        out.push(Span {
            start,
            end,
            char_start,
            char_end,
            matched,
        });
    };
    for (i, c) in text.char_indices() {
        match class_of(c) {
            CharClass::Word => {
                if current.is_none() {
                    current = Some((i, n));
                }
            }
            CharClass::Silent => {}
            CharClass::Break => {
                if let Some((s, cs)) = current.take() {
                    push(s, i, cs, n);
                }
            }
        }
        n += 1;
    }
    if let Some((s, cs)) = current {
        push(s, text.len(), cs, n);
    }
    (out, n)
}

/// The start of `text` cut at a character boundary at most [`SNIPPET_SCAN_BYTES`] long.
fn scanned(text: &str) -> &str {
    if text.len() <= SNIPPET_SCAN_BYTES {
        return text;
    }
    let mut cut = SNIPPET_SCAN_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

/// Builds the segments of `text[start..end]`: matched words marked (neighbours separated only by
/// white space joined into one mark), white space collapsed to single spaces, trimmed.
fn segments_of(text: &str, spans: &[Span], start: usize, end: usize) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut plain = String::new();
    let mut at = start;
    let push_plain = |out: &mut Vec<Segment>, piece: &str| {
        if piece.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if !last.marked => last.text.push_str(piece),
            _ => out.push(Segment {
                text: piece.to_owned(),
                marked: false,
            }),
        }
    };
    for s in spans.iter().filter(|s| s.start >= start && s.end <= end) {
        let Some(_) = s.matched else { continue };
        plain.clear();
        plain.push_str(&collapse(&text[at..s.start]));
        let joins_mark = plain == " " && out.last().is_some_and(|l| l.marked);
        if joins_mark {
            let last = out.last_mut().expect("a marked segment");
            last.text.push(' ');
            last.text.push_str(&text[s.start..s.end]);
        } else {
            if plain.trim().is_empty() && out.is_empty() {
                plain.clear();
            }
            push_plain(&mut out, &plain);
            out.push(Segment {
                text: text[s.start..s.end].to_owned(),
                marked: true,
            });
        }
        at = s.end;
    }
    let tail = collapse(&text[at..end]);
    push_plain(&mut out, &tail);
    // Trim the white space at both ends (only plain segments can hold it).
    if let Some(first) = out.first_mut().filter(|s| !s.marked) {
        first.text = first.text.trim_start().to_owned();
    }
    if let Some(last) = out.last_mut().filter(|s| !s.marked) {
        last.text = last.text.trim_end().to_owned();
    }
    out.retain(|s| !s.text.is_empty());
    out
}

/// `text` with every run of white space turned into one space.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// Đánh dấu — the whole of `text` (its first 64 KiB) with the words of `query` marked (a title).
pub fn highlight(text: &str, query: &[String]) -> Snippet {
    let text = scanned(text);
    let (spans, _) = spans(text, query);
    Snippet {
        segments: segments_of(text, &spans, 0, text.len()),
    }
}

/// Trích đoạn — an excerpt of `text` of at most `max_chars` characters (plus an ellipsis at a
/// cut end) around the place where the most different words of `query` occur close together,
/// those words marked. The excerpt starts and ends at word boundaries (a single word longer
/// than `max_chars` is cut at a character boundary). Without a match, the start of the text.
pub fn snippet(text: &str, query: &[String], max_chars: usize) -> Snippet {
    let text = scanned(text);
    let (spans, total_chars) = spans(text, query);
    let matched: Vec<&Span> = spans.iter().filter(|s| s.matched.is_some()).collect();

    // The match that starts the window holding the most different query words.
    let mut anchor: Option<&Span> = None;
    let mut best = 0;
    for (i, first) in matched.iter().enumerate().take(1000) {
        let mut seen = vec![false; query.len()];
        for s in &matched[i..] {
            if s.char_end - first.char_start > max_chars {
                break;
            }
            if let Some(w) = s.matched {
                seen[w] = true;
            }
        }
        let count = seen.iter().filter(|&&b| b).count();
        if count > best {
            best = count;
            anchor = Some(first);
        }
    }

    // Some context before the anchor, starting at a word.
    let (start, start_char) = match anchor {
        None => (0, 0),
        Some(a) => {
            let from = a.char_start.saturating_sub(max_chars / 5);
            if from == 0 {
                (0, 0)
            } else {
                let s = spans
                    .iter()
                    .find(|s| s.char_start >= from)
                    .expect("the anchor itself starts after `from`");
                (s.start, s.char_start)
            }
        }
    };
    let limit = start_char + max_chars;
    let end = if limit >= total_chars {
        text.len()
    } else {
        match spans
            .iter()
            .rev()
            .find(|s| s.char_end <= limit && s.start >= start)
        {
            Some(s) => s.end,
            None => {
                // One word longer than the whole excerpt: cut inside it, at a character.
                text[start..]
                    .char_indices()
                    .nth(max_chars)
                    .map_or(text.len(), |(i, _)| start + i)
            }
        }
    };
    let mut segments = segments_of(text, &spans, start, end);
    if segments.is_empty() {
        return Snippet::default();
    }
    let ellipsis = || Segment {
        text: "…".to_owned(),
        marked: false,
    };
    if !text[..start].trim().is_empty() {
        segments.insert(0, ellipsis());
    }
    if !text[end..].trim().is_empty() {
        segments.push(ellipsis());
    }
    Snippet { segments }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn q(s: &str) -> Vec<String> {
        parse_query(s).unwrap()
    }

    #[test]
    fn words_are_folded_cut_at_punctuation_and_bounded() {
        assert_eq!(
            words("Đại hội Đảng bộ huyện Tân Uyên, 2020–2025!"),
            [
                "dai", "hoi", "dang", "bo", "huyen", "tan", "uyen", "2020", "2025"
            ]
        );
        assert_eq!(
            words("17,14% nữ; c:\\du_lieu"),
            ["17", "14", "nu", "c", "du", "lieu"]
        );
        assert_eq!(words("Tân\u{00AD}Uyên"), ["tanuyen"]);
        assert!(words(" \"*^():-  ").is_empty());
        let long = "a".repeat(100);
        assert_eq!(words(&long), ["a".repeat(MAX_WORD_CHARS)]);
        assert_eq!(index_text("  Lai  Châu\n"), "lai chau");
    }

    #[test]
    fn markdown_loses_its_markup_and_link_targets() {
        assert_eq!(
            plain_text_of_markdown(
                "## Mở đầu\n\n**Tân Uyên** có [trang](https://vi.example/x) và ![Cờ hoa](photo:12).\n\n> 17,14% nữ"
            ),
            "Mở đầu Tân Uyên có trang và Cờ hoa . 17,14% nữ"
        );
    }

    #[test]
    fn queries_are_checked_and_cut_into_words() {
        assert_eq!(q("  Đại HỘI dai  "), ["dai", "hoi"]);
        assert_eq!(parse_query(""), Err(QueryError::Empty));
        assert_eq!(parse_query("   "), Err(QueryError::Empty));
        assert_eq!(parse_query("\"*\" ^ (-:)"), Err(QueryError::NoWords));
        let long = "a".repeat(10_000);
        assert_eq!(
            parse_query(&long),
            Err(QueryError::TooLong { chars: 10_000 })
        );
        assert_eq!(
            QueryError::TooLong { chars: 10_000 }.to_string(),
            "Từ khóa tìm kiếm quá dài: 10.000 ký tự, tối đa 200 ký tự."
        );
        // FTS operators are plain words or dropped.
        assert_eq!(
            q("\"dai hoi\" NEAR(tan uyen) AND -bau* col:x ^y"),
            [
                "dai", "hoi", "near", "tan", "uyen", "and", "bau", "col", "x", "y"
            ]
        );
        assert_eq!(q("'; DROP TABLE article; --"), ["drop", "table", "article"]);
        let many: String = (0..40).map(|i| format!("w{i} ")).collect();
        assert_eq!(q(&many).len(), MAX_QUERY_WORDS);
        // A lone replacement character (what a lone surrogate decodes to) is no word.
        assert_eq!(parse_query("\u{FFFD}"), Err(QueryError::NoWords));
    }

    #[test]
    fn a_title_is_highlighted_whole() {
        let s = highlight(
            "Đại hội Đảng bộ huyện Tân Uyên lần thứ XXII",
            &q("dai hoi tan uyen"),
        );
        assert_eq!(
            s.segments,
            [
                Segment {
                    text: "Đại hội".into(),
                    marked: true
                },
                Segment {
                    text: " Đảng bộ huyện ".into(),
                    marked: false
                },
                Segment {
                    text: "Tân Uyên".into(),
                    marked: true
                },
                Segment {
                    text: " lần thứ XXII".into(),
                    marked: false
                },
            ]
        );
        assert_eq!(s.marks(), [(0, 7), (22, 30)]);
        assert_eq!(s.plain(), "Đại hội Đảng bộ huyện Tân Uyên lần thứ XXII");
    }

    #[test]
    fn a_snippet_is_cut_around_the_matches_at_word_boundaries() {
        let filler = "Người dân trồng lúa nước trên ruộng bậc thang. ".repeat(20);
        let text = format!("{filler}Chè Shan tuyết được trồng ở Tân Uyên. {filler}");
        let s = snippet(&text, &q("che shan tuyet"), 80);
        let plain = s.plain();
        assert!(plain.starts_with('…') && plain.ends_with('…'), "{plain}");
        assert!(plain.contains("Chè Shan tuyết"));
        assert_eq!(
            s.segments
                .iter()
                .filter(|x| x.marked)
                .map(|x| x.text.as_str())
                .collect::<Vec<_>>(),
            ["Chè Shan tuyết"]
        );
        assert!(plain.chars().count() <= 82);
        // Words, not pieces of words: the excerpt begins and ends with whole words.
        let inner = plain.trim_matches('…').trim();
        assert!(text.contains(inner));
        let before = text.find(inner).unwrap();
        assert!(text[..before].ends_with(' '));
    }

    #[test]
    fn without_a_match_the_snippet_is_the_start() {
        let s = snippet("Một hai ba bốn năm sáu bảy tám chín mười", &q("xyz"), 12);
        assert_eq!(s.plain(), "Một hai ba…");
        assert!(s.marks().is_empty());
        assert!(snippet("", &q("x"), 50).is_empty());
        assert!(snippet("  \n ", &q("x"), 50).is_empty());
    }

    #[test]
    fn the_best_window_holds_the_most_different_words() {
        let text = format!(
            "đại hội {} đại hội đảng bộ huyện {}",
            "chữ ".repeat(50),
            "nữa ".repeat(50)
        );
        let s = snippet(&text, &q("dai hoi dang bo huyen"), 40);
        let marked: Vec<_> = s.segments.iter().filter(|x| x.marked).collect();
        assert_eq!(marked[0].text, "đại hội đảng bộ huyện");
    }

    #[test]
    fn one_giant_word_is_cut_at_a_character() {
        let text = "Đ".repeat(500);
        let s = snippet(&text, &q("abc"), 30);
        assert_eq!(s.plain(), format!("{}…", "Đ".repeat(30)));
    }

    #[test]
    fn markup_in_the_text_is_plain_text_in_a_segment() {
        let s = highlight("<script>alert(1)</script> đại hội", &q("dai"));
        assert_eq!(s.segments[0].text, "<script>alert(1)</script> ");
        assert!(!s.segments[0].marked);
        assert_eq!(s.segments[1].text, "đại");
    }

    /// Vietnamese-looking text with punctuation, digits, decomposed marks and invisible
    /// characters.
    fn text_strategy() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "Đại",
            "hội",
            "đảng",
            "bộ",
            "huyện",
            "Tân",
            "Uyên",
            "chè",
            "Shan",
            "tuyết",
            "17,14%",
            "2020–2025",
            "ĐẠI",
            "HỘI",
            "nữ",
            "a\u{0323}",
            "\u{200B}",
            "(",
            ")",
            "\"",
            "*",
            "-",
            ":",
            "^",
            "«",
            "»",
            "…",
            "\n",
            "  ",
            ".",
            "<b>",
            "&amp;",
            "😀",
            "中文",
            "x1",
        ]);
        prop::collection::vec((pieces, prop::bool::ANY), 0..80).prop_map(|v| {
            let mut s = String::new();
            for (p, space) in v {
                s.push_str(p);
                if space {
                    s.push(' ');
                }
            }
            s
        })
    }

    fn query_strategy() -> impl Strategy<Value = Vec<String>> {
        prop::collection::vec(
            prop::sample::select(vec![
                "dai", "hoi", "dang", "bo", "huyen", "tan", "uyen", "che", "tuyet", "14", "2020",
                "nu", "a", "x1", "zzz",
            ]),
            1..6,
        )
        .prop_map(|v| parse_query(&v.join(" ")).unwrap())
    }

    proptest! {
        #[test]
        fn snippets_are_bounded_whole_and_mark_only_query_words(
            text in text_strategy(),
            query in query_strategy(),
            max in 10usize..300,
        ) {
            let s = snippet(&text, &query, max);
            let plain = s.plain();
            let inner: String = plain.trim_start_matches('…').trim_end_matches('…').to_owned();
            // Bounded: at most `max` characters plus an ellipsis at each end.
            prop_assert!(inner.chars().count() <= max, "{} > {}", inner.chars().count(), max);
            // Never a cut character, never invented text: the excerpt is a piece of the text
            // (white space collapsed).
            prop_assert!(collapse(&text).contains(&inner), "{:?} not in {:?}", inner, text);
            for seg in &s.segments {
                prop_assert!(!seg.text.is_empty());
                if seg.marked {
                    let w = words(&seg.text);
                    prop_assert!(!w.is_empty());
                    prop_assert!(w.iter().all(|w| query.contains(w)), "{:?} marked", seg.text);
                }
            }
        }

        #[test]
        fn a_highlighted_text_is_the_whole_text_with_every_query_word_marked(
            text in text_strategy(),
            query in query_strategy(),
        ) {
            let s = highlight(&text, &query);
            prop_assert_eq!(s.plain(), collapse(text.trim()).trim().to_owned());
            let marked: Vec<String> = s
                .segments
                .iter()
                .filter(|x| x.marked)
                .flat_map(|x| words(&x.text))
                .collect();
            let expected: Vec<String> =
                words(&text).into_iter().filter(|w| query.contains(w)).collect();
            prop_assert_eq!(marked, expected);
        }

        #[test]
        fn the_words_seen_by_a_snippet_are_the_indexed_words(text in text_strategy()) {
            let seen: Vec<String> = spans(&text, &[])
                .0
                .iter()
                .flat_map(|s| words(&text[s.start..s.end]))
                .collect();
            prop_assert_eq!(seen, words(&text));
        }

        #[test]
        fn any_query_is_words_or_a_refusal(raw in ".{0,300}") {
            match parse_query(&raw) {
                Ok(w) => {
                    prop_assert!(!w.is_empty() && w.len() <= MAX_QUERY_WORDS);
                    for word in &w {
                        prop_assert!(word.chars().all(char::is_alphanumeric));
                        prop_assert!(word.chars().count() <= MAX_WORD_CHARS);
                    }
                }
                Err(QueryError::TooLong { chars }) => prop_assert!(chars > MAX_QUERY_CHARS),
                Err(_) => {}
            }
        }
    }

    #[test]
    fn the_summary_counts_in_vietnamese_and_says_when_more_match_than_are_listed() {
        assert_eq!(
            results_summary("đại hội", 0, false),
            "Không tìm thấy kết quả nào cho «đại hội»."
        );
        assert_eq!(
            results_summary("đại hội", 1_934, false),
            "Tìm thấy 1.934 kết quả cho «đại hội»."
        );
        let more = results_summary("đại hội", 1_000, true);
        assert!(
            more.starts_with(
                "Tìm thấy hơn 1.000 kết quả cho «đại hội»; dưới đây là 1.000 kết quả mới nhất"
            ),
            "{more}"
        );
    }
}
