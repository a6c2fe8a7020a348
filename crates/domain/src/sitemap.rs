//! Sơ đồ trang — how the site maps are cut: the search engines' files of at most
//! [`MAX_URLS_PER_FILE`] addresses, and the readers' tree by section and month ([`YearMonth`],
//! a calendar month in the portal's time zone).

use std::fmt;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

/// Số địa chỉ tối đa mỗi tệp — the sitemaps.org protocol's limit of addresses in one sitemap
/// file (and of files in one index).
pub const MAX_URLS_PER_FILE: usize = 50_000;

/// How many files `urls` addresses fill at [`MAX_URLS_PER_FILE`] a file (at least one: an empty
/// list is still one valid, empty file).
pub fn file_count(urls: usize) -> usize {
    urls.div_ceil(MAX_URLS_PER_FILE).max(1)
}

/// Tháng — a calendar month (`2021-07`), as the readable site map groups articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    month: u32,
}

impl YearMonth {
    /// The month `year`-`month`, if `month` is 1–12 and `year` has four digits (1000–9999).
    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        ((1000..=9999).contains(&year) && (1..=12).contains(&month))
            .then_some(YearMonth { year, month })
    }

    /// The month of the instant `at` on the calendar of `tz` (the last hours of 31/07 UTC are
    /// already August in Hà Nội). Years outside 1000–9999 are brought to the nearest end.
    pub fn of(at: DateTime<Utc>, tz: Tz) -> YearMonth {
        let local = at.with_timezone(&tz);
        match YearMonth::new(local.year(), local.month()) {
            Some(m) => m,
            None if local.year() < 1000 => YearMonth {
                year: 1000,
                month: 1,
            },
            None => YearMonth {
                year: 9999,
                month: 12,
            },
        }
    }

    /// Năm.
    pub fn year(self) -> i32 {
        self.year
    }

    /// Tháng, 1–12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The month after this one (December 9999 has none).
    pub fn next(self) -> Option<YearMonth> {
        if self.month == 12 {
            YearMonth::new(self.year + 1, 1)
        } else {
            YearMonth::new(self.year, self.month + 1)
        }
    }

    /// The instant the month begins on the calendar of `tz` (its first local midnight; where a
    /// clock change skips midnight, the first instant after it).
    pub fn start(self, tz: Tz) -> DateTime<Utc> {
        let day = NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN);
        let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
        (0..=24)
            .find_map(|h| {
                tz.from_local_datetime(&(midnight + Duration::hours(h)))
                    .earliest()
            })
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
    }

    /// The instants of the month on the calendar of `tz`: from its [`start`](Self::start)
    /// (included) to the next month's (excluded; for December 9999, the end of time as chrono
    /// counts it).
    pub fn bounds(self, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
        let end = self
            .next()
            .map(|n| n.start(tz))
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        (self.start(tz), end)
    }

    /// Reads a month as written in addresses: exactly `yyyy-mm` (`2021-07`), nothing around it.
    pub fn parse(text: &str) -> Option<YearMonth> {
        let bytes = text.as_bytes();
        if bytes.len() != 7 || bytes[4] != b'-' {
            return None;
        }
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            bytes[range].iter().try_fold(0u32, |n, b| {
                b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
            })
        };
        let year = i32::try_from(digits(0..4)?).ok()?;
        YearMonth::new(year, digits(5..7)?)
    }

    /// "Tháng 07/2021" — how pages name the month.
    pub fn label(self) -> String {
        format!("Tháng {:02}/{}", self.month, self.year)
    }
}

/// `2021-07`, as [`YearMonth::parse`] reads it.
impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_turn_over_at_local_midnight() {
        let hcm = chrono_tz::Asia::Ho_Chi_Minh;
        let before = Utc.with_ymd_and_hms(2021, 7, 31, 16, 59, 59).unwrap();
        let after = Utc.with_ymd_and_hms(2021, 7, 31, 17, 0, 0).unwrap();
        assert_eq!(YearMonth::of(before, hcm), YearMonth::new(2021, 7).unwrap());
        assert_eq!(YearMonth::of(after, hcm), YearMonth::new(2021, 8).unwrap());
        let (start, end) = YearMonth::new(2021, 7).unwrap().bounds(hcm);
        assert_eq!(start, Utc.with_ymd_and_hms(2021, 6, 30, 17, 0, 0).unwrap());
        assert_eq!(end, after);
        let (_, end) = YearMonth::new(2020, 12).unwrap().bounds(hcm);
        assert_eq!(end, Utc.with_ymd_and_hms(2020, 12, 31, 17, 0, 0).unwrap());
    }

    #[test]
    fn a_month_is_written_and_read_as_yyyy_mm() {
        let m = YearMonth::new(2020, 6).unwrap();
        assert_eq!(m.to_string(), "2020-06");
        assert_eq!(m.label(), "Tháng 06/2020");
        assert_eq!(YearMonth::parse("2020-06"), Some(m));
        for bad in [
            "",
            "2020-6",
            "2020-13",
            "2020-00",
            "20-06",
            "2020_06",
            "2020-06 ",
            "+020-06",
            "0999-01",
            "２０２０-06",
            "2020-0a",
        ] {
            assert_eq!(YearMonth::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn file_count_respects_the_protocol_limit() {
        assert_eq!(file_count(0), 1);
        assert_eq!(file_count(1), 1);
        assert_eq!(file_count(50_000), 1);
        assert_eq!(file_count(50_001), 2);
        assert_eq!(file_count(100_013), 3);
    }

    #[test]
    fn every_month_starts_on_its_first_local_day_in_zones_with_clock_changes() {
        for tz in [
            chrono_tz::Asia::Ho_Chi_Minh,
            chrono_tz::America::Santiago,
            chrono_tz::America::Havana,
            chrono_tz::Asia::Beirut,
            chrono_tz::Europe::Paris,
        ] {
            let mut month = YearMonth::new(2010, 1).unwrap();
            while month.year() < 2026 {
                let (start, end) = month.bounds(tz);
                assert!(start < end);
                assert_eq!(YearMonth::of(start, tz), month, "{tz} {month}");
                assert_ne!(
                    YearMonth::of(start - Duration::seconds(1), tz),
                    month,
                    "{tz} {month}"
                );
                assert_eq!(YearMonth::of(end - Duration::seconds(1), tz), month);
                month = month.next().unwrap();
            }
        }
        assert_eq!(YearMonth::new(9999, 12).unwrap().next(), None);
    }
}
