//! Đánh giá bài viết — article rating: 1 to 5 stars per reader, summed per article.
//!
//! The portal stores one row per rating and shows "Tổng số điểm của bài viết là: X trong Y đánh
//! giá" with the average. This module holds the value type ([`Stars`]) and the aggregate
//! ([`RatingSummary`]) and how much one network address may add to one article
//! ([`RATINGS_PER_ADDRESS`]); the store enforces that bound, the web layer the visitor cookie
//! and the per-address flood limit.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::vn::format_uint;

/// Giới hạn đánh giá theo địa chỉ — how many ratings one network address may give one article
/// within a window (counted from its first rating in the window).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressRatingLimit {
    /// Ratings of one article from one address counted within `window`.
    pub per_article: u32,
    /// How long those ratings are remembered.
    pub window: chrono::TimeDelta,
}

/// Five ratings of one article per address per 24 hours (an IPv6 address counts by its /64).
///
/// A fresh cookie makes a new visitor, so without this one address could add a rating every
/// time its flood limit let it (about 43.000 a day). Five lets a family, an office or a few
/// subscribers of a mobile carrier behind one shared address each rate the same article on
/// the same day, while a script can move an article's average by at most five votes a day
/// from each address it has.
pub const RATINGS_PER_ADDRESS: AddressRatingLimit = AddressRatingLimit {
    per_article: 5,
    window: chrono::TimeDelta::hours(24),
};

/// Longest part of a rejected value echoed back in an error message.
const MAX_ECHOED_CHARS: usize = 20;

/// Quy tắc số sao — the star range in words, the start of every refusal of a rating (also
/// shown alone after the no-JavaScript form flow, where the value is no longer known).
pub const STARS_RULE: &str = "Số sao phải từ 1 đến 5";

/// Lỗi đánh giá — a rating that cannot be accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RatingError {
    /// The number of stars is not a whole number from 1 to 5.
    #[error("{STARS_RULE}. Giá trị nhận được: «{received}».")]
    InvalidStars {
        /// The value received (shortened when very long).
        received: String,
    },
}

impl RatingError {
    fn invalid(received: impl fmt::Display) -> Self {
        let text = received.to_string();
        let received = if text.chars().count() > MAX_ECHOED_CHARS {
            let head: String = text.chars().take(MAX_ECHOED_CHARS).collect();
            format!("{head}…")
        } else {
            text
        };
        Self::InvalidStars { received }
    }
}

/// Số sao — one reader's rating, 1 to 5 stars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Stars(u8);

impl Stars {
    /// Một sao — the lowest rating.
    pub const MIN: Stars = Stars(1);
    /// Năm sao — the highest rating.
    pub const MAX: Stars = Stars(5);

    /// Parses the `stars` form field: a whole number from 1 to 5, surrounding spaces allowed.
    ///
    /// `"4"` is four stars; `"9"`, `"0"`, `"4.5"`, `"bốn"` and `""` are refused with a Vietnamese
    /// message naming the value received.
    pub fn parse(text: &str) -> Result<Stars, RatingError> {
        let trimmed = text.trim();
        trimmed
            .parse::<i64>()
            .ok()
            .and_then(|n| Stars::try_from(n).ok())
            .ok_or_else(|| RatingError::invalid(trimmed))
    }

    /// The number of stars, 1 to 5.
    pub const fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Stars {
    type Error = RatingError;

    fn try_from(n: i64) -> Result<Self, Self::Error> {
        match u8::try_from(n) {
            Ok(stars @ 1..=5) => Ok(Stars(stars)),
            _ => Err(RatingError::invalid(n)),
        }
    }
}

impl FromStr for Stars {
    type Err = RatingError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Stars::parse(text)
    }
}

impl From<Stars> for u8 {
    fn from(stars: Stars) -> u8 {
        stars.0
    }
}

impl fmt::Display for Stars {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Tổng hợp đánh giá — the ratings of one article: total points and number of ratings.
///
/// Built from stored rows with [`RatingSummary::add`] or `collect()`, or read directly from an
/// SQL `SUM`/`COUNT`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingSummary {
    /// Tổng số điểm — the sum of all stars.
    pub sum: u64,
    /// Số đánh giá — how many ratings.
    pub count: u64,
}

impl RatingSummary {
    /// Adds one rating.
    pub fn add(&mut self, stars: Stars) {
        self.sum = self.sum.saturating_add(u64::from(stars.get()));
        self.count = self.count.saturating_add(1);
    }

    /// Điểm trung bình — the mean number of stars, `None` before the first rating.
    pub fn average(&self) -> Option<f64> {
        (self.count > 0).then(|| self.sum as f64 / self.count as f64)
    }

    /// The mean in tenths of a star, rounded half up in exact integer arithmetic
    /// (`21/5` → `42`, `17/4 = 4,25` → `43`); `None` before the first rating.
    pub fn average_tenths(&self) -> Option<u64> {
        if self.count == 0 {
            return None;
        }
        let sum = u128::from(self.sum);
        let count = u128::from(self.count);
        let tenths = (sum * 20 + count) / (count * 2);
        // sum ≤ u64::MAX, count ≥ 1: tenths ≤ 10 × u64::MAX + 1 only for inconsistent input;
        // consistent summaries (sum ≤ 5 × count) give at most 50.
        Some(u64::try_from(tenths).unwrap_or(u64::MAX))
    }

    /// The mean with one decimal and a Vietnamese comma (`"4,2"`), or `"chưa có"` (none yet:
    /// an article without ratings has no average, not an average of 0).
    pub fn average_text(&self) -> String {
        match self.average_tenths() {
            Some(tenths) => format!("{},{}", format_uint(tenths / 10), tenths % 10),
            None => "chưa có".to_owned(),
        }
    }

    /// The sentence of the rating block: "Tổng số điểm của bài viết là: 21 trong 5 đánh giá",
    /// numbers in Vietnamese format.
    pub fn sentence(&self) -> String {
        format!(
            "Tổng số điểm của bài viết là: {} trong {} đánh giá",
            format_uint(self.sum),
            format_uint(self.count)
        )
    }
}

impl Extend<Stars> for RatingSummary {
    fn extend<I: IntoIterator<Item = Stars>>(&mut self, ratings: I) {
        for stars in ratings {
            self.add(stars);
        }
    }
}

impl FromIterator<Stars> for RatingSummary {
    fn from_iter<I: IntoIterator<Item = Stars>>(ratings: I) -> Self {
        let mut summary = Self::default();
        summary.extend(ratings);
        summary
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stars(n: i64) -> Stars {
        Stars::try_from(n).unwrap()
    }

    #[test]
    fn parses_one_to_five() {
        for n in 1..=5u8 {
            assert_eq!(Stars::parse(&n.to_string()).unwrap().get(), n);
        }
        assert_eq!(Stars::parse(" 3 ").unwrap(), stars(3));
        assert_eq!(Stars::parse("+4").unwrap(), stars(4));
        assert_eq!("5".parse::<Stars>().unwrap(), Stars::MAX);
    }

    #[test]
    fn refuses_anything_else_and_names_the_value() {
        for bad in [
            "9", "0", "6", "-1", "4.5", "4,5", "bốn", "", "  ", "1e0", "٣",
        ] {
            let err = Stars::parse(bad).unwrap_err();
            let message = err.to_string();
            assert!(message.starts_with("Số sao phải từ 1 đến 5."), "{message}");
            assert!(message.contains(&format!("«{}»", bad.trim())), "{message}");
        }
        assert_eq!(
            Stars::parse("9").unwrap_err(),
            RatingError::InvalidStars {
                received: "9".to_owned()
            }
        );
    }

    #[test]
    fn long_values_are_shortened_in_the_message() {
        let err = Stars::parse(&"9".repeat(1000)).unwrap_err();
        assert_eq!(
            err,
            RatingError::InvalidStars {
                received: format!("{}…", "9".repeat(20))
            }
        );
    }

    #[test]
    fn try_from_integers() {
        assert_eq!(Stars::try_from(1).unwrap(), Stars::MIN);
        assert_eq!(Stars::try_from(5).unwrap(), Stars::MAX);
        for bad in [0, 6, -1, 256, 257, i64::MIN, i64::MAX] {
            let err = Stars::try_from(bad).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("Số sao phải từ 1 đến 5. Giá trị nhận được: «{bad}».")
            );
        }
    }

    #[test]
    fn serde_accepts_only_valid_stars() {
        assert_eq!(serde_json::to_string(&stars(4)).unwrap(), "4");
        assert_eq!(serde_json::from_str::<Stars>("2").unwrap(), stars(2));
        assert!(serde_json::from_str::<Stars>("9").is_err());
        assert!(serde_json::from_str::<Stars>("0").is_err());
    }

    #[test]
    fn empty_summary() {
        let summary = RatingSummary::default();
        assert_eq!(summary.average(), None);
        assert_eq!(summary.average_tenths(), None);
        assert_eq!(summary.average_text(), "chưa có");
        assert_eq!(
            summary.sentence(),
            "Tổng số điểm của bài viết là: 0 trong 0 đánh giá"
        );
    }

    #[test]
    fn sums_and_averages() {
        let summary: RatingSummary = [5, 4, 4, 5, 3].into_iter().map(stars).collect();
        assert_eq!(summary, RatingSummary { sum: 21, count: 5 });
        assert_eq!(summary.average(), Some(4.2));
        assert_eq!(summary.average_text(), "4,2");
        assert_eq!(
            summary.sentence(),
            "Tổng số điểm của bài viết là: 21 trong 5 đánh giá"
        );
    }

    #[test]
    fn average_text_rounds_half_up() {
        assert_eq!(RatingSummary { sum: 17, count: 4 }.average_text(), "4,3"); // 4,25
        assert_eq!(RatingSummary { sum: 13, count: 4 }.average_text(), "3,3"); // 3,25
        assert_eq!(RatingSummary { sum: 14, count: 3 }.average_text(), "4,7"); // 4,666…
        assert_eq!(RatingSummary { sum: 13, count: 3 }.average_text(), "4,3"); // 4,333…
        assert_eq!(RatingSummary { sum: 5, count: 1 }.average_text(), "5,0");
        assert_eq!(RatingSummary { sum: 1, count: 1 }.average_text(), "1,0");
    }

    #[test]
    fn large_figures_use_vietnamese_grouping() {
        let summary = RatingSummary {
            sum: 4_321_000,
            count: 1_000_000,
        };
        assert_eq!(
            summary.sentence(),
            "Tổng số điểm của bài viết là: 4.321.000 trong 1.000.000 đánh giá"
        );
        assert_eq!(summary.average_text(), "4,3");
    }
}
