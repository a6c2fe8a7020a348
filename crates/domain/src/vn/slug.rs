//! Đường dẫn thân thiện — URL slugs from titles, without diacritics.

use super::fold::fold;

/// Longest slug [`slugify`] returns, in bytes (all ASCII, so also in characters).
pub const SLUG_MAX_LEN: usize = 80;

/// What [`slugify`] returns when the title has no letter or digit left ("bài viết", article).
pub const SLUG_FALLBACK: &str = "bai-viet";

/// Tạo slug — makes a URL slug from a title.
///
/// The title is [`fold`]ed (lowercase, no diacritics, `đ` → `d`); every run of characters other
/// than ASCII `a-z0-9` becomes one hyphen; there is no leading or trailing hyphen. A slug longer
/// than [`SLUG_MAX_LEN`] is cut at the last word boundary that fits (a single word longer than
/// that is cut at the limit). When nothing is left the result is [`SLUG_FALLBACK`].
///
/// `"Tân Uyên: Sẵn sàng cho công tác Đại hội điểm"` →
/// `"tan-uyen-san-sang-cho-cong-tac-dai-hoi-diem"`.
pub fn slugify(title: &str) -> String {
    let folded = fold(title);
    let mut slug = String::with_capacity(folded.len().min(SLUG_MAX_LEN + 1));
    for word in folded
        .split(|ch: char| !(ch.is_ascii_lowercase() || ch.is_ascii_digit()))
        .filter(|word| !word.is_empty())
    {
        let needed = if slug.is_empty() {
            word.len()
        } else {
            word.len() + 1
        };
        if slug.len() + needed > SLUG_MAX_LEN {
            if slug.is_empty() {
                // One word longer than the limit: cut it (ASCII, so any byte is a boundary).
                slug.push_str(&word[..SLUG_MAX_LEN]);
            }
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    if slug.is_empty() {
        SLUG_FALLBACK.to_owned()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_title_becomes_an_ascii_slug() {
        assert_eq!(
            slugify("Tân Uyên: Sẵn sàng cho công tác Đại hội điểm"),
            "tan-uyen-san-sang-cho-cong-tac-dai-hoi-diem"
        );
    }

    #[test]
    fn separators_collapse_and_ends_are_trimmed() {
        assert_eq!(slugify("  --Đại hội -- đại biểu!!  "), "dai-hoi-dai-bieu");
        assert_eq!(slugify("Nhiệm kỳ 2020–2025"), "nhiem-ky-2020-2025");
        assert_eq!(slugify("17,14% nữ"), "17-14-nu");
        assert_eq!(slugify("a_b.c/d"), "a-b-c-d");
    }

    #[test]
    fn empty_or_symbol_only_titles_fall_back() {
        assert_eq!(slugify(""), "bai-viet");
        assert_eq!(slugify("   "), "bai-viet");
        assert_eq!(slugify("!!! ??? …"), "bai-viet");
        assert_eq!(slugify("中文"), "bai-viet");
    }

    #[test]
    fn long_titles_are_cut_at_a_word_boundary() {
        let title = "Báo cáo chính trị của Ban Chấp hành Đảng bộ huyện Tân Uyên khóa II trình Đại hội đại biểu Đảng bộ huyện lần thứ III nhiệm kỳ 2020 2025";
        let slug = slugify(title);
        assert!(slug.len() <= SLUG_MAX_LEN, "{slug}");
        assert_eq!(
            slug,
            "bao-cao-chinh-tri-cua-ban-chap-hanh-dang-bo-huyen-tan-uyen-khoa-ii-trinh-dai-hoi"
        );
        assert!(slug.len() == 80 || !slug.ends_with('-'));
        // The full slug starts with the cut one followed by a hyphen: the cut is between words.
        let full: String = fold(title)
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        assert!(full.starts_with(&format!("{slug}-")));
    }

    #[test]
    fn a_word_longer_than_the_limit_is_cut_hard() {
        let word = "a".repeat(100);
        assert_eq!(slugify(&word), "a".repeat(80));
        assert_eq!(slugify(&format!("{word} b")), "a".repeat(80));
    }

    #[test]
    fn exactly_eighty_characters_is_kept() {
        let title = format!("{} {}", "a".repeat(39), "b".repeat(40));
        assert_eq!(slugify(&title).len(), 80);
        let title = format!("{} {}", "a".repeat(40), "b".repeat(40));
        assert_eq!(slugify(&title), "a".repeat(40));
    }
}
