//! Sắp xếp tiếng Việt — Vietnamese collation and person-name order.
//!
//! Strings are compared with the ICU4X collator for the `vi` locale (CLDR tailoring, compiled
//! data): the alphabet a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, with tone marks
//! as a secondary difference (no mark, huyền, hỏi, ngã, sắc, nặng). See
//! `docs/decisions/0002-icu-collation.md`.
//!
//! Person names follow the ballot convention ("xếp theo vần A, B, C"): compare the given name
//! (tên, the last word) first, then the family name (họ, the first word), then the middle
//! name(s) (tên đệm).

use std::cmp::Ordering;
use std::sync::LazyLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};
use icu_locale_core::locale;

/// The `vi` collator, built once from the compiled data and shared by all threads.
static VI_COLLATOR: LazyLock<CollatorBorrowed<'static>> = LazyLock::new(|| {
    let prefs = CollatorPreferences::from(&locale!("vi"));
    Collator::try_new(prefs, CollatorOptions::default())
        .expect("the compiled ICU data always contains the `vi` collation")
});

/// So sánh theo tiếng Việt — compares two strings with ICU `vi` collation (tertiary strength).
///
/// Canonically equivalent strings (NFC and NFD spellings of the same text) compare equal.
/// `compare_vi("d", "đ")` is `Less`, and so is `compare_vi("đ", "e")`.
pub fn compare_vi(a: &str, b: &str) -> Ordering {
    VI_COLLATOR.compare(a, b)
}

/// Họ, tên đệm, tên — a Vietnamese full name split into its parts.
///
/// The family name (họ) is the first word, the given name (tên) the last word, and everything in
/// between is the middle name (tên đệm). A one-word name has only a given name; an empty or
/// blank name has no parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonNameParts<'a> {
    /// Họ — family name: the first word, empty for a one-word name.
    pub family: &'a str,
    /// Tên đệm — the middle name(s), possibly several words, possibly empty.
    pub middle: &'a str,
    /// Tên — given name: the last word.
    pub given: &'a str,
}

impl<'a> PersonNameParts<'a> {
    /// Splits a full name on whitespace: "Nguyễn Thị Bình" → họ "Nguyễn", đệm "Thị", tên "Bình".
    pub fn split(full_name: &'a str) -> Self {
        let trimmed = full_name.trim();
        let Some(last_space) = trimmed.rfind(char::is_whitespace) else {
            return Self {
                family: "",
                middle: "",
                given: trimmed,
            };
        };
        let given = trimmed[last_space..].trim_start();
        let before = trimmed[..last_space].trim_end();
        let (family, middle) = match before.find(char::is_whitespace) {
            Some(first_space) => (&before[..first_space], before[first_space..].trim_start()),
            None => (before, ""),
        };
        Self {
            family,
            middle,
            given,
        }
    }
}

/// Compares middle names word by word, so differences in spacing do not matter.
fn compare_words(a: &str, b: &str) -> Ordering {
    let mut left = a.split_whitespace();
    let mut right = b.split_whitespace();
    loop {
        match (left.next(), right.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => match compare_vi(x, y) {
                Ordering::Equal => {}
                other => return other,
            },
        }
    }
}

/// Thứ tự tên người — compares two full names in Vietnamese name order.
///
/// Keys, each compared with ICU `vi`: the given name (last word), then the family name (first
/// word), then the middle name(s) word by word, then the whole name as collated, and finally the
/// raw text, so that the order is total (only byte-identical names compare `Equal`).
///
/// "Lò Văn Ánh" comes before "Nguyễn Thị Bình" (Ánh < Bình), and "Trần Văn An" before
/// "Nguyễn Văn Ân" (An < Ân).
pub fn compare_person_names(a: &str, b: &str) -> Ordering {
    let left = PersonNameParts::split(a);
    let right = PersonNameParts::split(b);
    compare_vi(left.given, right.given)
        .then_with(|| compare_vi(left.family, right.family))
        .then_with(|| compare_words(left.middle, right.middle))
        .then_with(|| compare_vi(a, b))
        .then_with(|| a.cmp(b))
}

/// Sắp xếp danh sách người — sorts items by a person name in Vietnamese name order
/// ([`compare_person_names`]). The sort is stable.
pub fn sort_person_names<T>(items: &mut [T], name: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| compare_person_names(name(a), name(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_strictly_ascending(words: &[&str]) {
        for pair in words.windows(2) {
            assert_eq!(
                compare_vi(pair[0], pair[1]),
                Ordering::Less,
                "{:?} should sort before {:?}",
                pair[0],
                pair[1]
            );
            assert_eq!(compare_vi(pair[1], pair[0]), Ordering::Greater);
        }
    }

    #[test]
    fn vietnamese_alphabet_order() {
        assert_strictly_ascending(&[
            "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o",
            "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y",
        ]);
    }

    #[test]
    fn modified_letters_are_primary_differences() {
        // ă is a letter of its own: every word with ă sorts after every word with a.
        assert_strictly_ascending(&["az", "ăa", "ăz", "âa"]);
        assert_strictly_ascending(&["dz", "đa"]);
        assert_strictly_ascending(&["ez", "êa"]);
        assert_strictly_ascending(&["oz", "ôa", "ôz", "ơa"]);
        assert_strictly_ascending(&["uz", "ưa"]);
        assert_strictly_ascending(&["Dũng", "Đức"]);
    }

    #[test]
    fn tones_order_ngang_huyen_hoi_nga_sac_nang() {
        assert_strictly_ascending(&["a", "à", "ả", "ã", "á", "ạ"]);
        assert_strictly_ascending(&["ma", "mà", "mả", "mã", "má", "mạ"]);
        // Tones are secondary: the base letters decide first.
        assert_strictly_ascending(&["mạ", "mai"]);
        assert_strictly_ascending(&["Anh", "Ảnh", "Ánh", "Ạnh"]);
    }

    #[test]
    fn case_is_only_a_tertiary_difference() {
        assert_strictly_ascending(&["an", "An", "ân"]);
        assert_eq!(compare_vi("Đức", "Đức"), Ordering::Equal);
    }

    #[test]
    fn canonically_equivalent_spellings_compare_equal() {
        assert_eq!(compare_vi("hội", "ho\u{0302}\u{0323}i"), Ordering::Equal);
        // …but the person order stays total through the raw-text tie-break.
        assert_ne!(
            compare_person_names("Lê Hội", "Lê Ho\u{0302}\u{0323}i"),
            Ordering::Equal
        );
    }

    #[test]
    fn splits_names_into_parts() {
        assert_eq!(
            PersonNameParts::split("Nguyễn Thị Bình"),
            PersonNameParts {
                family: "Nguyễn",
                middle: "Thị",
                given: "Bình"
            }
        );
        assert_eq!(
            PersonNameParts::split("  Tôn   Nữ  Thị   Hà  "),
            PersonNameParts {
                family: "Tôn",
                middle: "Nữ  Thị",
                given: "Hà"
            }
        );
        assert_eq!(
            PersonNameParts::split("Lê Đức"),
            PersonNameParts {
                family: "Lê",
                middle: "",
                given: "Đức"
            }
        );
        assert_eq!(
            PersonNameParts::split("Ánh"),
            PersonNameParts {
                family: "",
                middle: "",
                given: "Ánh"
            }
        );
        assert_eq!(
            PersonNameParts::split("   "),
            PersonNameParts {
                family: "",
                middle: "",
                given: ""
            }
        );
    }

    #[test]
    fn ballot_example_orders_by_given_name() {
        assert_eq!(
            compare_person_names("Lò Văn Ánh", "Nguyễn Thị Bình"),
            Ordering::Less
        );
        assert_eq!(
            compare_person_names("Nguyễn Thị Bình", "Lò Văn Ánh"),
            Ordering::Greater
        );
    }

    #[test]
    fn given_then_family_then_middle() {
        // Same given name: family name decides.
        assert_eq!(
            compare_person_names("Trần Văn Ánh", "Lò Văn Ánh"),
            Ordering::Greater
        );
        // Same given and family name: middle name decides.
        assert_eq!(
            compare_person_names("Nguyễn Văn Bình", "Nguyễn Thị Bình"),
            Ordering::Greater
        );
        // Family name outranks middle name.
        assert_eq!(
            compare_person_names("Lê Văn An", "Nguyễn Anh An"),
            Ordering::Less
        );
        // Fewer middle words first when the shared ones are equal.
        assert_eq!(
            compare_person_names("Tôn Nữ An", "Tôn Nữ Thị An"),
            Ordering::Less
        );
        // Identical names are equal.
        assert_eq!(
            compare_person_names("Lê Minh Đức", "Lê Minh Đức"),
            Ordering::Equal
        );
    }

    #[test]
    fn sorts_a_ballot_list() {
        let mut names = vec![
            "Phan Văn Nguyên",
            "Nguyễn Thị Bình",
            "Lê Minh Đức",
            "Đỗ Thị Ánh",
            "Nguyễn Văn Ân",
            "Lò Văn Ánh",
            "Trần Văn An",
            "Ánh",
            "Lê Văn Dũng",
            "Hoàng Thị Ơn",
            "Vàng A Ôn",
        ];
        sort_person_names(&mut names, |n| n);
        assert_eq!(
            names,
            vec![
                "Trần Văn An",     // An
                "Ánh",             // Ánh, no family name sorts first
                "Đỗ Thị Ánh",      // Ánh, family Đỗ
                "Lò Văn Ánh",      // Ánh, family Lò
                "Nguyễn Văn Ân",   // Ân (â after a)
                "Nguyễn Thị Bình", // Bình
                "Lê Văn Dũng",     // Dũng
                "Lê Minh Đức",     // Đức (đ after d)
                "Phan Văn Nguyên", // Nguyên
                "Vàng A Ôn",       // Ôn
                "Hoàng Thị Ơn",    // Ơn (ơ after ô)
            ]
        );
    }

    #[test]
    fn sort_uses_the_name_accessor_and_is_stable() {
        #[derive(Debug, PartialEq)]
        struct Candidate {
            name: &'static str,
            row: u32,
        }
        let mut list = vec![
            Candidate {
                name: "Nguyễn Thị Bình",
                row: 1,
            },
            Candidate {
                name: "Lò Văn Ánh",
                row: 2,
            },
            Candidate {
                name: "Nguyễn Thị Bình",
                row: 3,
            },
        ];
        sort_person_names(&mut list, |c| c.name);
        let rows: Vec<u32> = list.iter().map(|c| c.row).collect();
        assert_eq!(rows, vec![2, 1, 3]);
    }
}
