//! Search queries and snippets: any query text is checked and cut into words, and any text is
//! cut into a snippet and highlighted for those words, as the search page and the JSON API do.
//! Must hold: no panic; a query either is refused or gives 1–16 words of letters and digits of at
//! most 60 characters; a snippet is at most its length plus two ellipses; every marked piece is
//! made of query words only; a highlighted text keeps every letter and digit of the text.
#![no_main]

use daihoi_domain::search::{
    MAX_QUERY_WORDS, MAX_WORD_CHARS, SNIPPET_CHARS, highlight, parse_query, snippet, words,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    // The first line is the query, the rest the text searched.
    let (query, text) = input.split_once('\n').unwrap_or((input, ""));
    let Ok(query_words) = parse_query(query) else {
        return;
    };
    assert!(!query_words.is_empty() && query_words.len() <= MAX_QUERY_WORDS);
    for w in &query_words {
        assert!(w.chars().all(char::is_alphanumeric), "{w:?}");
        assert!(w.chars().count() <= MAX_WORD_CHARS);
    }
    let max = 10 + text.len() % SNIPPET_CHARS;
    let cut = snippet(text, &query_words, max);
    let plain = cut.plain();
    let inner = plain.trim_start_matches('…').trim_end_matches('…');
    assert!(inner.chars().count() <= max, "{plain:?} longer than {max}");
    for seg in cut.segments.iter().chain(highlight(text, &query_words).segments.iter()) {
        if seg.marked {
            let found = words(&seg.text);
            assert!(!found.is_empty(), "{:?} marked", seg.text);
            assert!(found.iter().all(|w| query_words.contains(w)), "{:?} marked", seg.text);
        }
    }
    if text.len() <= 64 * 1024 {
        let whole = highlight(text, &query_words).plain();
        assert_eq!(words(&whole), words(text));
    }
});
