//! Property tests for article ratings (đánh giá bài viết).

use daihoi_domain::rating::{RatingSummary, Stars};
use proptest::prelude::*;

fn any_stars() -> impl Strategy<Value = Stars> {
    (1i64..=5).prop_map(|n| Stars::try_from(n).unwrap())
}

proptest! {
    #[test]
    fn sum_and_count_match_the_list(ratings in prop::collection::vec(any_stars(), 0..200)) {
        let summary: RatingSummary = ratings.iter().copied().collect();
        prop_assert_eq!(summary.count, ratings.len() as u64);
        prop_assert_eq!(summary.sum, ratings.iter().map(|s| u64::from(s.get())).sum::<u64>());
        prop_assert!(summary.sum >= summary.count && summary.sum <= 5 * summary.count);

        let mut one_by_one = RatingSummary::default();
        for &s in &ratings {
            one_by_one.add(s);
        }
        prop_assert_eq!(one_by_one, summary);
    }

    #[test]
    fn average_lies_between_one_and_five(ratings in prop::collection::vec(any_stars(), 1..200)) {
        let summary: RatingSummary = ratings.iter().copied().collect();
        let average = summary.average().unwrap();
        prop_assert!((1.0..=5.0).contains(&average));
        let lowest = f64::from(ratings.iter().min().unwrap().get());
        let highest = f64::from(ratings.iter().max().unwrap().get());
        prop_assert!(lowest <= average && average <= highest);

        let tenths = summary.average_tenths().unwrap();
        prop_assert!((10..=50).contains(&tenths));
        // Within half a tenth of the exact mean.
        prop_assert!((tenths as f64 / 10.0 - average).abs() <= 0.05 + 1e-9);

        let text = summary.average_text();
        let (whole, decimal) = text.split_once(',').unwrap();
        prop_assert_eq!(decimal.len(), 1);
        prop_assert_eq!(whole.parse::<u64>().unwrap() * 10 + decimal.parse::<u64>().unwrap(), tenths);
    }

    #[test]
    fn order_of_ratings_does_not_matter(mut ratings in prop::collection::vec(any_stars(), 0..100)) {
        let forward: RatingSummary = ratings.iter().copied().collect();
        ratings.reverse();
        let backward: RatingSummary = ratings.iter().copied().collect();
        prop_assert_eq!(forward, backward);
    }

    #[test]
    fn stars_parse_exactly_one_to_five(n in any::<i64>()) {
        let parsed = Stars::parse(&n.to_string());
        prop_assert_eq!(parsed.is_ok(), (1..=5).contains(&n));
        prop_assert_eq!(Stars::try_from(n).is_ok(), (1..=5).contains(&n));
        if let Ok(stars) = parsed {
            prop_assert_eq!(i64::from(stars.get()), n);
        } else {
            let message = parsed.unwrap_err().to_string();
            prop_assert!(message.starts_with("Số sao phải từ 1 đến 5."));
        }
    }

    #[test]
    fn text_is_accepted_only_as_a_number_from_one_to_five(
        text in prop_oneof![any::<String>(), "[ +\\-0-9.,a]{0,5}"],
    ) {
        match Stars::parse(&text) {
            Ok(stars) => {
                // Only digits (after an optional plus sign), surrounded by spaces, naming 1..=5.
                let digits = text.trim().strip_prefix('+').unwrap_or(text.trim());
                prop_assert!(digits.chars().all(|c| c.is_ascii_digit()), "{:?}", text);
                prop_assert_eq!(digits.trim_start_matches('0'), stars.get().to_string());
            }
            Err(err) => {
                let message = err.to_string();
                prop_assert!(message.starts_with("Số sao phải từ 1 đến 5."));
                let value: i64 = text.trim().parse().unwrap_or(0);
                prop_assert!(!(1..=5).contains(&value), "{:?} refused", text);
            }
        }
    }

    #[test]
    fn sentence_carries_both_figures(sum in any::<u64>(), count in any::<u64>()) {
        let sentence = RatingSummary { sum, count }.sentence();
        prop_assert!(sentence.starts_with("Tổng số điểm của bài viết là: "));
        prop_assert!(sentence.ends_with(" đánh giá"));
        let figures = sentence
            .trim_start_matches("Tổng số điểm của bài viết là: ")
            .trim_end_matches(" đánh giá");
        let (x, y) = figures.split_once(" trong ").unwrap();
        prop_assert_eq!(x.replace('.', "").parse::<u64>().unwrap(), sum);
        prop_assert_eq!(y.replace('.', "").parse::<u64>().unwrap(), count);
    }
}
