//! Property tests for `daihoi_domain::vn`: number formats, percent rounding, folding, slugs and
//! collation hold for all inputs, not only the examples in the unit tests.

use std::cmp::Ordering;

use daihoi_domain::vn::{
    SLUG_MAX_LEN, compare_person_names, compare_vi, fold, format_hundredths, format_int,
    format_percent_hundredths, nfc, percent_hundredths, slugify, sort_person_names,
};
use num_bigint::BigInt;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// Vietnamese letters in both cases with every tone, plus spaces: realistic names and titles.
const VI_TEXT: &str = "[a-zA-ZàáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵĐÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÉÈẺẼẸÊẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴ ]{0,40}";

/// A Vietnamese-looking full name of one to four words.
const VI_NAME: &str = "([A-ZĐÂĂ][a-zàáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]{0,5} ){0,3}[A-ZĐÂĂƠ][a-zàáảãạăâđêôơư]{0,4}";

/// The exact half-up rounding of num × 10 000 / den, as a big integer.
fn reference_hundredths(num: u64, den: u64) -> BigInt {
    // floor((2 × num × 10 000 + den) / (2 × den)) is half-up rounding of num × 10 000 / den.
    let num = BigInt::from(num);
    let den = BigInt::from(den);
    (BigInt::from(2) * num * BigInt::from(10_000) + &den) / (BigInt::from(2) * den)
}

/// Checks that `h` is the value a person rounding by hand would write: within half a unit of
/// the exact quotient, ties rounded up.
fn is_half_up_rounding(h: i64, num: u64, den: u64) -> bool {
    let h = BigInt::from(h);
    let exact_times_2den = BigInt::from(20_000) * BigInt::from(num); // 2 × num × 10 000
    let den = BigInt::from(den);
    let two = BigInt::from(2);
    // h − 1/2 ≤ num × 10 000 / den < h + 1/2  ⇔  (2h − 1) × den ≤ 2 × num × 10 000 < (2h + 1) × den
    (&two * &h - 1) * &den <= exact_times_2den && exact_times_2den < (two * h + 1) * den
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn percent_matches_the_big_integer_reference(num in any::<u64>(), den in 1..=u64::MAX) {
        let expected = reference_hundredths(num, den);
        match percent_hundredths(num, den) {
            Some(h) => {
                prop_assert_eq!(BigInt::from(h), expected);
                prop_assert!(is_half_up_rounding(h, num, den));
            }
            None => prop_assert!(expected > BigInt::from(i64::MAX)),
        }
    }

    #[test]
    fn percent_of_small_counts_is_never_off_by_rounding(den in 1u64..=2_000, frac in 0.0f64..=1.0) {
        // Small denominators hit exact ties (x,xx5) often.
        let num = (den as f64 * frac).round() as u64;
        let h = percent_hundredths(num, den).unwrap();
        prop_assert!(is_half_up_rounding(h, num, den));
        prop_assert_eq!(BigInt::from(h), reference_hundredths(num, den));
        prop_assert!((0..=10_000).contains(&h));
    }

    #[test]
    fn percent_of_zero_denominator_is_none(num in any::<u64>()) {
        prop_assert_eq!(percent_hundredths(num, 0), None);
    }

    #[test]
    fn format_int_groups_by_three_and_round_trips(n in any::<i64>()) {
        let text = format_int(n);
        let unsigned = text.strip_prefix('-').unwrap_or(&text);
        prop_assert_eq!(text.starts_with('-'), n < 0);
        let groups: Vec<&str> = unsigned.split('.').collect();
        prop_assert!((1..=3).contains(&groups[0].len()));
        prop_assert!(groups[0] == "0" || !groups[0].starts_with('0'));
        for group in &groups[1..] {
            prop_assert_eq!(group.len(), 3);
        }
        prop_assert!(unsigned.chars().all(|c| c.is_ascii_digit() || c == '.'));
        let digits: String = text.chars().filter(|&c| c != '.').collect();
        prop_assert_eq!(digits.parse::<i64>().unwrap(), n);
    }

    #[test]
    fn format_hundredths_round_trips(h in any::<i64>()) {
        let text = format_hundredths(h);
        let (whole, frac) = text.split_once(',').unwrap();
        prop_assert_eq!(frac.len(), 2);
        prop_assert!(!frac.contains(','));
        let whole_digits: String = whole.chars().filter(|&c| c != '.').collect();
        let value: i128 = format!("{whole_digits}{frac}").parse().unwrap();
        prop_assert_eq!(value, i128::from(h));
        // The whole part is grouped like an integer.
        let whole_abs = whole.strip_prefix('-').unwrap_or(whole);
        let expected_whole = format_int((h / 100).abs());
        prop_assert_eq!(whole_abs, expected_whole.as_str());
        prop_assert_eq!(format_percent_hundredths(h), format!("{text}%"));
    }

    #[test]
    fn fold_is_idempotent_and_leaves_no_marks(text in any::<String>()) {
        let folded = fold(&text);
        prop_assert_eq!(fold(&folded), folded.clone());
        prop_assert!(folded.nfd().all(|c| !unicode_normalization::char::is_combining_mark(c)));
        prop_assert!(!folded.contains('đ') && !folded.contains('Đ'));
    }

    #[test]
    fn fold_ignores_the_normalisation_form(text in VI_TEXT) {
        let decomposed: String = text.nfd().collect();
        prop_assert_eq!(fold(&decomposed), fold(&text));
        prop_assert_eq!(fold(&nfc(&decomposed)), fold(&text));
    }

    #[test]
    fn fold_turns_vietnamese_into_lowercase_ascii(text in VI_TEXT) {
        let folded = fold(&text);
        prop_assert!(folded.chars().all(|c| c.is_ascii_lowercase() || c == ' '), "{folded:?}");
        prop_assert_eq!(folded.chars().count(), nfc(&text).chars().count());
    }

    #[test]
    fn nfc_is_idempotent_and_canonical(text in any::<String>()) {
        let once = nfc(&text);
        prop_assert_eq!(nfc(&once), once.clone());
        let decomposed: String = text.nfd().collect();
        prop_assert_eq!(nfc(&decomposed), once);
    }

    #[test]
    fn slugs_are_well_formed(text in any::<String>()) {
        check_slug(&slugify(&text))?;
    }

    #[test]
    fn slugs_of_vietnamese_titles_are_well_formed_and_stable(text in VI_TEXT) {
        let slug = slugify(&text);
        check_slug(&slug)?;
        prop_assert_eq!(slugify(&slug), slug.clone());
        prop_assert_eq!(slugify(&fold(&text)), slug.clone());
        // Only when nothing is left does the fallback appear.
        if fold(&text).chars().any(|c| c.is_ascii_alphanumeric()) {
            let words: Vec<String> = fold(&text).split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect();
            prop_assert!(slug.starts_with(&words[0][..words[0].len().min(SLUG_MAX_LEN)]));
        } else {
            prop_assert_eq!(slug, "bai-viet");
        }
    }

    #[test]
    fn slug_cut_is_at_a_word_boundary(words in prop::collection::vec("[a-z0-9]{1,12}", 1..30)) {
        let title = words.join(" ");
        let slug = slugify(&title);
        let full = words.join("-");
        if full.len() <= SLUG_MAX_LEN {
            prop_assert_eq!(slug, full);
        } else if words[0].len() <= SLUG_MAX_LEN {
            // A prefix of whole words, and the next word would not have fitted.
            let n = slug.split('-').count();
            prop_assert_eq!(slug.clone(), words[..n].join("-"));
            prop_assert!(slug.len() + 1 + words[n].len() > SLUG_MAX_LEN);
        }
    }

    #[test]
    fn compare_vi_is_antisymmetric_and_ignores_normalisation(a in VI_TEXT, b in VI_TEXT) {
        prop_assert_eq!(compare_vi(&a, &b), compare_vi(&b, &a).reverse());
        let a_decomposed: String = a.nfd().collect();
        prop_assert_eq!(compare_vi(&a, &a_decomposed), Ordering::Equal);
        prop_assert_eq!(compare_vi(&a_decomposed, &b), compare_vi(&a, &b));
    }

    #[test]
    fn person_order_is_a_total_order(a in VI_NAME, b in VI_NAME, c in VI_NAME) {
        prop_assert_eq!(compare_person_names(&a, &b), compare_person_names(&b, &a).reverse());
        prop_assert_eq!(compare_person_names(&a, &b) == Ordering::Equal, a == b);
        let mut names = vec![a, b, c];
        sort_person_names(&mut names, |n| n.as_str());
        for i in 0..names.len() {
            for j in i + 1..names.len() {
                prop_assert_ne!(compare_person_names(&names[i], &names[j]), Ordering::Greater);
            }
        }
    }

    #[test]
    fn given_name_decides_first(family_a in VI_NAME, family_b in VI_NAME, given_a in "[A-ZĐ][a-zàáăâđêôơư]{0,4}", given_b in "[A-ZĐ][a-zàáăâđêôơư]{0,4}") {
        let order = compare_vi(&given_a, &given_b);
        prop_assume!(order != Ordering::Equal);
        let a = format!("{family_a} {given_a}");
        let b = format!("{family_b} {given_b}");
        prop_assert_eq!(compare_person_names(&a, &b), order);
    }
}

fn check_slug(slug: &str) -> Result<(), TestCaseError> {
    prop_assert!(!slug.is_empty());
    prop_assert!(slug.len() <= SLUG_MAX_LEN, "{slug} is too long");
    prop_assert!(
        slug.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "{slug}"
    );
    prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'), "{slug}");
    prop_assert!(!slug.contains("--"), "{slug}");
    Ok(())
}
