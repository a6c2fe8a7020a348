//! Đường dẫn — the unique public addresses (slugs) of articles and categories: which slug an
//! article tries when its own is taken, and what a typed category slug must look like. Making a
//! slug from a title is [`crate::vn::slugify`]; uniqueness itself is the database's, and the
//! store reports a clash as a typed conflict.

use crate::publication::ArticleStatus;
use crate::vn::{SLUG_MAX_LEN, slugify};

/// How many slugs an article tries (`x`, `x-2`, …, `x-50`) before a clash is reported.
pub const SLUG_ATTEMPTS: u32 = 50;

/// `slug` for the first attempt, `slug-n` for attempt `n` ≥ 2, cut so that it stays within
/// [`SLUG_MAX_LEN`].
pub fn suffixed(slug: &str, n: u32) -> String {
    if n <= 1 {
        return slug.to_owned();
    }
    let suffix = format!("-{n}");
    let keep = SLUG_MAX_LEN.saturating_sub(suffix.len());
    let base = if slug.len() > keep {
        // Slugs are ASCII, so any byte index is a character boundary; `get` keeps this total.
        slug.get(..keep).unwrap_or(slug).trim_end_matches('-')
    } else {
        slug
    };
    format!("{base}{suffix}")
}

/// Whether `slug` is `base` with a `-n` suffix (`dai-hoi-2` of `dai-hoi`).
pub fn is_suffixed_of(slug: &str, base: &str) -> bool {
    slug.strip_prefix(base)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// Đường dẫn bài viết cần thử — the slugs to try, in order, when saving an article titled `title`
/// whose stored status and slug are `current` (`None` for a new article), and the base they
/// come from.
///
/// While an article is new or a draft its slug follows its title: the base is the title's slug
/// and [`SLUG_ATTEMPTS`] suffixed forms are tried; a draft that already holds a suffixed form of
/// the base keeps it first instead of fighting for the bare slug at each save. Once published
/// (even if withdrawn since) the address stays: the only candidate is the stored slug.
pub fn article_slug_candidates(
    title: &str,
    current: Option<(ArticleStatus, &str)>,
) -> (String, Vec<String>) {
    match current {
        Some((status, slug)) if status != ArticleStatus::Draft => {
            (slug.to_owned(), vec![slug.to_owned()])
        }
        current => {
            let base = slugify(title);
            let mut candidates: Vec<String> =
                (1..=SLUG_ATTEMPTS).map(|n| suffixed(&base, n)).collect();
            if let Some((_, slug)) = current
                && is_suffixed_of(slug, &base)
            {
                candidates[0] = slug.to_owned();
            }
            (base, candidates)
        }
    }
}

/// Đường dẫn gõ vào không dùng được — why a typed slug is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    /// The typed text is not already a slug.
    #[error(
        "Đường dẫn chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (gợi ý: «{suggestion}»)."
    )]
    NotASlug {
        /// The slug the text would make.
        suggestion: String,
    },
    /// Longer than [`SLUG_MAX_LEN`].
    #[error("Đường dẫn dài quá {SLUG_MAX_LEN} ký tự.")]
    TooLong,
}

/// Đường dẫn chuyên mục — the slug of a category named `name` (already trimmed and NFC) when the
/// form's slug field holds `typed`: made from the name when left empty; otherwise it must
/// already be a slug (lowercase ASCII words joined by `-`, as [`slugify`] makes them).
pub fn category_slug(name: &str, typed: &str) -> Result<String, SlugError> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(slugify(name));
    }
    let suggestion = slugify(typed);
    if suggestion != typed {
        return Err(SlugError::NotASlug { suggestion });
    }
    if typed.len() > SLUG_MAX_LEN {
        return Err(SlugError::TooLong);
    }
    Ok(typed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_stay_within_the_limit() {
        assert_eq!(suffixed("dai-hoi", 1), "dai-hoi");
        assert_eq!(suffixed("dai-hoi", 2), "dai-hoi-2");
        let long = format!("{}-{}", "a".repeat(40), "b".repeat(39));
        assert_eq!(long.len(), SLUG_MAX_LEN);
        let s = suffixed(&long, 12);
        assert!(s.len() <= SLUG_MAX_LEN, "{s}");
        assert!(s.ends_with("-12"), "{s}");
        assert!(!s.contains("--"), "{s}");
        assert!(is_suffixed_of("dai-hoi-2", "dai-hoi"));
        assert!(is_suffixed_of("dai-hoi-50", "dai-hoi"));
        assert!(!is_suffixed_of("dai-hoi", "dai-hoi"));
        assert!(!is_suffixed_of("dai-hoi-x", "dai-hoi"));
        assert!(!is_suffixed_of("dai-hoi-", "dai-hoi"));
    }

    #[test]
    fn a_draft_follows_its_title_and_a_published_article_keeps_its_address() {
        let (base, c) = article_slug_candidates("Đại hội", None);
        assert_eq!(base, "dai-hoi");
        assert_eq!(c.len(), SLUG_ATTEMPTS as usize);
        assert_eq!(&c[..3], ["dai-hoi", "dai-hoi-2", "dai-hoi-3"]);
        let (_, c) = article_slug_candidates("Đại hội", Some((ArticleStatus::Draft, "dai-hoi-7")));
        assert_eq!(&c[..2], ["dai-hoi-7", "dai-hoi-2"]);
        let (_, c) = article_slug_candidates("Đại hội", Some((ArticleStatus::Draft, "cu")));
        assert_eq!(c[0], "dai-hoi");
        for status in [ArticleStatus::Published, ArticleStatus::Unpublished] {
            let (base, c) = article_slug_candidates("Tiêu đề mới", Some((status, "dai-hoi")));
            assert_eq!(base, "dai-hoi");
            assert_eq!(c, ["dai-hoi"]);
        }
    }

    #[test]
    fn category_slugs_come_from_the_name_or_must_be_clean() {
        assert_eq!(category_slug("Tin Đại hội", "").unwrap(), "tin-dai-hoi");
        assert_eq!(category_slug("Tin", " tin-moi ").unwrap(), "tin-moi");
        let err = category_slug("Tin", "Tin Đại Hội").unwrap_err();
        assert_eq!(
            err,
            SlugError::NotASlug {
                suggestion: "tin-dai-hoi".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "Đường dẫn chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (gợi ý: «tin-dai-hoi»)."
        );
    }
}
