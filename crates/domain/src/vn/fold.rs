//! Chuẩn hoá và bỏ dấu — NFC normalisation and diacritic folding for search.
//!
//! All text entering daihoi is NFC-normalised ([`nfc`]) so that the same word typed on different
//! keyboards (precomposed "ấ" or "a" + combining marks, as some Vietnamese input methods produce)
//! is stored and compared the same way. Search compares [`fold`]ed text, so "dai hoi" finds
//! "Đại hội".

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Chuẩn hoá NFC — Unicode canonical composition: combining sequences become precomposed letters.
pub fn nfc(text: &str) -> String {
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
    let lower = nfc(text).to_lowercase();
    lower
        .nfd()
        .filter(|&ch| !is_combining_mark(ch) && !is_invisible_format(ch))
        .map(|ch| if ch == 'đ' { 'd' } else { ch })
        .collect()
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
    fn nfc_composes_combining_sequences() {
        assert_eq!(nfc("ho\u{0302}\u{0323}i"), "hội");
        assert_eq!(nfc("a\u{0306}\u{0301}"), "ắ");
        assert_eq!(nfc("Đại hội"), "Đại hội");
        assert_eq!(nfc("hội").chars().count(), 3);
        assert_eq!(nfc(""), "");
    }
}
