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
/// `d`. Spacing and punctuation are kept as they are. `"Đại hội Điểm"` → `"dai hoi diem"`.
pub fn fold(text: &str) -> String {
    let lower = nfc(text).to_lowercase();
    lower
        .nfd()
        .filter(|&ch| !is_combining_mark(ch))
        .map(|ch| if ch == 'đ' { 'd' } else { ch })
        .collect()
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
