//! The readable site map's month in addresses (`/so-do-trang/{section}/2021-07`):
//! `YearMonth::parse` on any text. Must hold: no panic; what it reads is a month of a four-digit
//! year, written back exactly as given (one spelling per month), and its bounds in Hà Nội time
//! are ordered and contain the month's first instant.
#![no_main]

use daihoi_domain::sitemap::YearMonth;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(month) = YearMonth::parse(text) else {
        return;
    };
    assert_eq!(month.to_string(), text);
    assert!((1000..=9999).contains(&month.year()) && (1..=12).contains(&month.month()));
    let tz = chrono_tz::Asia::Ho_Chi_Minh;
    let (start, end) = month.bounds(tz);
    assert!(start < end, "{month}");
    assert_eq!(YearMonth::of(start, tz), month);
});
