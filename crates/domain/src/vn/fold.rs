//! Chuẩn hoá và bỏ dấu — NFC normalisation and diacritic folding for search.
//!
//! All text entering daihoi is NFC-normalised ([`nfc`]) so that the same word typed on different
//! keyboards (precomposed "ấ" or "a" + combining marks, as some Vietnamese input methods produce)
//! is stored and compared the same way. Search compares [`fold`]ed text, so "dai hoi" finds
//! "Đại hội".
//!
//! Both run over every article, document and question written and every search typed, so both
//! take a short road for the text they nearly always see: [`nfc`] copies text that Unicode's
//! quick check already finds composed, and [`fold`] folds text written only in the Latin,
//! Vietnamese and general-punctuation blocks one character at a time from a table, each entry
//! computed once by the full rule. Any other character sends the whole text down the full rule,
//! so the result is the same either way (property-tested).

use std::sync::OnceLock;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Chuẩn hoá NFC — Unicode canonical composition: combining sequences become precomposed letters.
pub fn nfc(text: &str) -> String {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return text.to_owned();
    }
    text.nfc().collect()
}

/// Bỏ dấu — folds text for diacritic-insensitive search.
///
/// NFC-normalises, lowercases, removes every combining mark (the Vietnamese tone marks and the
/// breve, circumflex and horn of ă â ê ô ơ ư) and maps `đ`/`Đ` (which has no decomposition) to
/// `d`. Invisible format characters (zero-width spaces and joiners, the soft hyphen, the byte-order
/// mark, direction marks) are dropped, so a word pasted with one inside still matches. Spacing and
/// punctuation are kept as they are. `"Đại hội Điểm"` → `"dai hoi diem"`.
pub fn fold(text: &str) -> String {
    fold_by_table(text).unwrap_or_else(|| fold_by_rule(text))
}

/// The full rule of [`fold`], over the whole text (normalisation and lowercasing may look at
/// neighbouring characters).
fn fold_by_rule(text: &str) -> String {
    let lower = nfc(text).to_lowercase();
    lower
        .nfd()
        .filter(|&ch| !is_combining_mark(ch) && !is_invisible_format(ch))
        .map(|ch| if ch == 'đ' { 'd' } else { ch })
        .collect()
}

/// The blocks [`fold_by_table`] folds a character at a time: Basic Latin to Latin Extended-B,
/// the combining diacritical marks, Latin Extended Additional (the precomposed Vietnamese
/// letters), General Punctuation. Within them no character's folding depends on its
/// neighbours: a combining mark is dropped wherever it stands, a letter lowercases alone.
const TABLE_BLOCKS: [(u32, u32); 4] = [
    (0x0000, 0x024F),
    (0x0300, 0x036F),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
];

/// What one character of [`TABLE_BLOCKS`] folds to.
#[derive(Clone, Copy)]
enum Folded {
    /// Nothing (a combining mark, an invisible character).
    Dropped,
    /// One character.
    One(char),
    /// More than one character: the text takes the full rule.
    Several,
}

/// The table of [`TABLE_BLOCKS`], block after block, each entry the full rule's result.
fn fold_table() -> &'static [Folded] {
    static TABLE: OnceLock<Vec<Folded>> = OnceLock::new();
    TABLE.get_or_init(|| {
        TABLE_BLOCKS
            .iter()
            .flat_map(|&(first, last)| first..=last)
            .map(|code| {
                let ch = char::from_u32(code).unwrap_or('\u{FFFD}');
                let folded = fold_by_rule(ch.encode_utf8(&mut [0; 4]));
                let mut chars = folded.chars();
                match (chars.next(), chars.next()) {
                    (None, _) => Folded::Dropped,
                    (Some(one), None) => Folded::One(one),
                    (Some(_), Some(_)) => Folded::Several,
                }
            })
            .collect()
    })
}

/// The index of `ch` in [`fold_table`], if it is in one of [`TABLE_BLOCKS`].
fn table_index(ch: char) -> Option<usize> {
    let code = ch as u32;
    let mut offset = 0;
    for &(first, last) in &TABLE_BLOCKS {
        if (first..=last).contains(&code) {
            return Some(offset + (code - first) as usize);
        }
        offset += (last - first + 1) as usize;
    }
    None
}

/// [`fold`] a character at a time, or `None` when a character is outside [`TABLE_BLOCKS`] (or
/// folds to several).
fn fold_by_table(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
            continue;
        }
        match fold_table()[table_index(ch)?] {
            Folded::Dropped => {}
            Folded::One(folded) => out.push(folded),
            Folded::Several => return None,
        }
    }
    Some(out)
}

/// Ký tự định dạng vô hình — characters that change nothing on screen: zero-width space, non-joiner
/// and joiner, word joiner, soft hyphen, byte-order mark, and the direction marks and embeddings.
pub fn is_invisible_format(ch: char) -> bool {
    matches!(ch, '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_to_ascii() {
        assert_eq!(fold("Đại hội Điểm"), "dai hoi diem");
        assert_eq!(fold("ĐẠI HỘI ĐẢNG BỘ"), "dai hoi dang bo");
        assert_eq!(fold("Tân Uyên"), "tan uyen");
        assert_eq!(fold("Lai Châu"), "lai chau");
        assert_eq!(fold("Nguyễn Thị Bình"), "nguyen thi binh");
        assert_eq!(fold("ă â ê ô ơ ư đ"), "a a e o o u d");
        assert_eq!(fold("Ă Â Ê Ô Ơ Ư Đ"), "a a e o o u d");
        assert_eq!(fold("à ả ã á ạ"), "a a a a a");
        assert_eq!(fold("ừ ử ữ ứ ự"), "u u u u u");
        assert_eq!(fold("ỳ ỷ ỹ ý ỵ"), "y y y y y");
    }

    #[test]
    fn invisible_characters_do_not_hide_a_word() {
        assert_eq!(fold("Đại\u{200B} hội"), "dai hoi");
        assert_eq!(fold("\u{FEFF}Tân\u{00AD}Uyên\u{200D}"), "tanuyen");
        assert_eq!(fold("Lai\u{202E} Châu"), "lai chau");
    }

    #[test]
    fn keeps_spacing_punctuation_and_digits() {
        assert_eq!(fold("Khóa XI, 2020–2025!"), "khoa xi, 2020–2025!");
        assert_eq!(fold("  hai  khoảng  "), "  hai  khoang  ");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn decomposed_and_precomposed_input_fold_alike() {
        let decomposed = "Đa\u{0323}i ho\u{0302}\u{0323}i"; // "Đại hội" typed with combining marks
        assert_eq!(fold(decomposed), "dai hoi");
        assert_eq!(fold(decomposed), fold("Đại hội"));
    }

    #[test]
    fn the_table_road_and_the_full_rule_agree_on_every_character_of_its_blocks() {
        for &(first, last) in &TABLE_BLOCKS {
            for code in first..=last {
                let Some(ch) = char::from_u32(code) else {
                    continue;
                };
                let text = format!("A{ch}b");
                assert_eq!(fold(&text), fold_by_rule(&text), "U+{code:04X}");
            }
        }
        // Outside the blocks (Greek final sigma lowercases by its neighbours, the Kelvin sign
        // composes to K): the full rule.
        assert!(fold_by_table("ΟΔΟΣ").is_none());
        assert_eq!(fold("ΟΔΟΣ"), "οδο\u{03C2}");
        assert_eq!(fold("\u{212A}m"), "km");
    }

    /// A character from the table's blocks (more often the Vietnamese letters, marks and
    /// punctuation), or now and then one outside them.
    fn any_char() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => proptest::char::range('\u{0000}', '\u{024F}'),
            3 => proptest::char::range('\u{0300}', '\u{036F}'),
            4 => proptest::char::range('\u{1E00}', '\u{1EFF}'),
            2 => proptest::char::range('\u{2000}', '\u{206F}'),
            2 => proptest::sample::select(vec!['Đ', 'đ', 'Ơ', 'ư', 'İ', 'ß', ' ', '\u{0323}']),
            1 => any::<char>(),
        ]
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn fold_is_the_full_rule_on_any_text(text in proptest::collection::vec(any_char(), 0..40)) {
            let text: String = text.into_iter().collect();
            prop_assert_eq!(fold(&text), fold_by_rule(&text));
        }

        #[test]
        fn nfc_is_canonical_composition_on_any_text(text in proptest::collection::vec(any_char(), 0..40)) {
            let text: String = text.into_iter().collect();
            prop_assert_eq!(nfc(&text), text.nfc().collect::<String>());
        }
    }

    #[test]
    fn nfc_composes_combining_sequences() {
        assert_eq!(nfc("ho\u{0302}\u{0323}i"), "hội");
        assert_eq!(nfc("a\u{0306}\u{0301}"), "ắ");
        assert_eq!(nfc("Đại hội"), "Đại hội");
        assert_eq!(nfc("hội").chars().count(), 3);
        assert_eq!(nfc(""), "");
    }
}
