//! Định dạng số và ngày — Vietnamese number, percent, date and time formats.
//!
//! Conventions (see `shared/reference/election-rules.md` §4 and `DESIGN.md` §6):
//! - thousands are grouped with a dot and the decimal separator is a comma: `1.934`, `17,14`;
//! - a percent sign follows the number without a space: `17,14%`;
//! - short dates are `dd/mm/yyyy` with both day and month zero-padded: `08/06/2020`;
//! - dates in documents follow Nghị định 30/2020 and the Party layout guidance: days below 10 and
//!   the months 1 and 2 take a leading zero, other months are written plainly:
//!   `ngày 08 tháng 6 năm 2020`, `ngày 20 tháng 02 năm 2018`.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Timelike};

/// Groups the decimal digits of `n` by thousands with dots: `1234567` → `"1.234.567"`.
fn group_thousands(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// Số nguyên — formats an integer the Vietnamese way, thousands grouped with dots.
///
/// `62883393` → `"62.883.393"`, `1934` → `"1.934"`, `-1000` → `"-1.000"`, `0` → `"0"`.
/// Works for the whole `i64` range, including `i64::MIN`.
pub fn format_int(n: i64) -> String {
    let grouped = group_thousands(u128::from(n.unsigned_abs()));
    if n < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// Số đếm — formats an unsigned count (visits, votes, ratings) like [`format_int`]:
/// `62883393` → `"62.883.393"`, over the whole `u64` range.
pub fn format_uint(n: u64) -> String {
    group_thousands(u128::from(n))
}

/// Số thập phân hai chữ số — formats hundredths as a fixed two-decimal number with a comma.
///
/// `1714` → `"17,14"`, `5` → `"0,05"`, `-250` → `"-2,50"`, `123456789` → `"1.234.567,89"`.
pub fn format_hundredths(h: i64) -> String {
    let abs = h.unsigned_abs();
    let whole = group_thousands(u128::from(abs / 100));
    let frac = abs % 100;
    let sign = if h < 0 { "-" } else { "" };
    format!("{sign}{whole},{frac:02}")
}

/// Tỷ lệ phần trăm — formats hundredths of a percent: `1714` → `"17,14%"` (no space before `%`).
pub fn format_percent_hundredths(h: i64) -> String {
    format!("{}%", format_hundredths(h))
}

/// Tính tỷ lệ phần trăm — `num / den × 100`, rounded half up to two decimals, as hundredths of a
/// percent, in exact integer arithmetic (no floating point).
///
/// `6/35` → `1714` (17,14%), `1/9` → `1111`, `1/8` → `1250`, `1/3` → `3333`, `2/3` → `6667`.
/// Returns `None` when `den` is 0, or when the result does not fit in an `i64` (only possible
/// when `num` is more than about 922 trillion times `den`).
pub fn percent_hundredths(num: u64, den: u64) -> Option<i64> {
    if den == 0 {
        return None;
    }
    // num × 10 000 < 2^64 × 2^14 fits easily in u128.
    let scaled = u128::from(num) * 10_000;
    let den = u128::from(den);
    let quotient = scaled / den;
    let remainder = scaled % den;
    // Half up: round up when the remainder is at least half of the denominator.
    let rounded = if remainder * 2 >= den {
        quotient + 1
    } else {
        quotient
    };
    i64::try_from(rounded).ok()
}

/// Ngày dạng ngắn — `dd/mm/yyyy`, day and month zero-padded: `08/06/2020`.
pub fn format_date(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}

/// Khoảng ngày — a first and last day as shown: `08/06/2020 – 10/06/2020`, a single day when
/// they are the same or the last is unknown, empty when the first is unknown.
pub fn format_date_range(range: (Option<NaiveDate>, Option<NaiveDate>)) -> String {
    match range {
        (Some(a), Some(b)) if a != b => format!("{} – {}", format_date(a), format_date(b)),
        (Some(a), _) => format_date(a),
        _ => String::new(),
    }
}

/// Ngày trong văn bản — the document style `ngày 08 tháng 6 năm 2020`.
///
/// Following Nghị định 30/2020/NĐ-CP (and the Party layout guidance, whose example reads
/// "ngày 20 tháng 02 năm 2018"): a day below 10 and the months 1 and 2 take a leading zero,
/// all other months are written without one.
pub fn format_date_long(date: NaiveDate) -> String {
    let month = date.month();
    let month_text = if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    };
    format!(
        "ngày {:02} tháng {} năm {}",
        date.day(),
        month_text,
        date.year()
    )
}

/// Ngày giờ — `dd/mm/yyyy HH:MM` in the time zone the value carries: `08/06/2020 14:05`.
///
/// Convert first with `.with_timezone(&tz)` (usually [`super::DEFAULT_TIME_ZONE`]): a
/// `DateTime<Utc>` is printed in UTC.
pub fn format_datetime<Z: TimeZone>(at: DateTime<Z>) -> String {
    format!(
        "{} {:02}:{:02}",
        format_date(at.date_naive()),
        at.hour(),
        at.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_ranges() {
        let d = |day| NaiveDate::from_ymd_opt(2020, 6, day);
        assert_eq!(format_date_range((d(8), d(10))), "08/06/2020 – 10/06/2020");
        assert_eq!(format_date_range((d(8), d(8))), "08/06/2020");
        assert_eq!(format_date_range((d(8), None)), "08/06/2020");
        assert_eq!(format_date_range((None, d(8))), "");
    }
    use chrono::Utc;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn integers_group_by_thousands_with_dots() {
        assert_eq!(format_int(62_883_393), "62.883.393");
        assert_eq!(format_int(1_934), "1.934");
        assert_eq!(format_int(16_075), "16.075");
        assert_eq!(format_int(519_209), "519.209");
        assert_eq!(format_int(3_292_009), "3.292.009");
        assert_eq!(format_int(-1_000), "-1.000");
        assert_eq!(format_int(0), "0");
        assert_eq!(format_int(7), "7");
        assert_eq!(format_int(999), "999");
        assert_eq!(format_int(100_000), "100.000");
        assert_eq!(format_int(-12), "-12");
        assert_eq!(format_int(i64::MAX), "9.223.372.036.854.775.807");
        assert_eq!(format_int(i64::MIN), "-9.223.372.036.854.775.808");
    }

    #[test]
    fn counts_group_by_thousands_with_dots() {
        assert_eq!(format_uint(0), "0");
        assert_eq!(format_uint(1_934), "1.934");
        assert_eq!(format_uint(62_883_393), "62.883.393");
        assert_eq!(format_uint(u64::MAX), "18.446.744.073.709.551.615");
    }

    #[test]
    fn hundredths_have_two_decimals_and_a_comma() {
        assert_eq!(format_hundredths(1714), "17,14");
        assert_eq!(format_hundredths(3143), "31,43");
        assert_eq!(format_hundredths(0), "0,00");
        assert_eq!(format_hundredths(5), "0,05");
        assert_eq!(format_hundredths(50), "0,50");
        assert_eq!(format_hundredths(10_000), "100,00");
        assert_eq!(format_hundredths(-250), "-2,50");
        assert_eq!(format_hundredths(-5), "-0,05");
        assert_eq!(format_hundredths(123_456_789), "1.234.567,89");
        assert_eq!(format_hundredths(i64::MIN), "-92.233.720.368.547.758,08");
    }

    #[test]
    fn percents_have_no_space_before_the_sign() {
        assert_eq!(format_percent_hundredths(1714), "17,14%");
        assert_eq!(format_percent_hundredths(5020), "50,20%");
        assert_eq!(format_percent_hundredths(0), "0,00%");
    }

    #[test]
    fn percent_rounds_half_up_exactly() {
        assert_eq!(percent_hundredths(6, 35), Some(1714));
        assert_eq!(percent_hundredths(11, 35), Some(3143));
        assert_eq!(percent_hundredths(124, 247), Some(5020));
        assert_eq!(percent_hundredths(1, 9), Some(1111));
        assert_eq!(percent_hundredths(1, 8), Some(1250));
        assert_eq!(percent_hundredths(1, 3), Some(3333));
        assert_eq!(percent_hundredths(2, 3), Some(6667));
        // 1/16 = 6,25% exactly; 1/32 = 3,125% → half up → 3,13%.
        assert_eq!(percent_hundredths(1, 16), Some(625));
        assert_eq!(percent_hundredths(1, 32), Some(313));
        // 1/80000 = 0,00125% → 0,00%; 1/20000 = 0,005% → half up → 0,01%.
        assert_eq!(percent_hundredths(1, 80_000), Some(0));
        assert_eq!(percent_hundredths(1, 20_000), Some(1));
        assert_eq!(percent_hundredths(0, 7), Some(0));
        assert_eq!(percent_hundredths(7, 7), Some(10_000));
        assert_eq!(percent_hundredths(3, 2), Some(15_000));
        assert_eq!(percent_hundredths(5, 0), None);
        assert_eq!(percent_hundredths(0, 0), None);
        assert_eq!(
            percent_hundredths(u64::MAX, u64::MAX),
            Some(10_000),
            "no overflow in the intermediate product"
        );
        assert_eq!(percent_hundredths(u64::MAX, 1), None, "result beyond i64");
    }

    #[test]
    fn short_dates_are_zero_padded() {
        assert_eq!(format_date(d(2020, 6, 8)), "08/06/2020");
        assert_eq!(format_date(d(2020, 3, 26)), "26/03/2020");
        assert_eq!(format_date(d(2021, 12, 31)), "31/12/2021");
        assert_eq!(format_date(d(999, 1, 1)), "01/01/0999");
    }

    #[test]
    fn long_dates_follow_the_document_convention() {
        assert_eq!(format_date_long(d(2020, 6, 8)), "ngày 08 tháng 6 năm 2020");
        assert_eq!(
            format_date_long(d(2018, 2, 20)),
            "ngày 20 tháng 02 năm 2018"
        );
        assert_eq!(format_date_long(d(2020, 1, 5)), "ngày 05 tháng 01 năm 2020");
        assert_eq!(format_date_long(d(2019, 5, 30)), "ngày 30 tháng 5 năm 2019");
        assert_eq!(format_date_long(d(2020, 3, 10)), "ngày 10 tháng 3 năm 2020");
        assert_eq!(
            format_date_long(d(2020, 10, 1)),
            "ngày 01 tháng 10 năm 2020"
        );
        assert_eq!(
            format_date_long(d(2020, 12, 31)),
            "ngày 31 tháng 12 năm 2020"
        );
    }

    #[test]
    fn datetimes_are_shown_in_the_zone_they_carry() {
        let utc = Utc.with_ymd_and_hms(2020, 6, 8, 7, 5, 59).unwrap();
        assert_eq!(format_datetime(utc), "08/06/2020 07:05");
        let local = utc.with_timezone(&crate::vn::DEFAULT_TIME_ZONE);
        assert_eq!(format_datetime(local), "08/06/2020 14:05");
        // 17:00 UTC is local midnight of the next day.
        let late = Utc.with_ymd_and_hms(2020, 12, 31, 17, 0, 0).unwrap();
        assert_eq!(
            format_datetime(late.with_timezone(&crate::vn::DEFAULT_TIME_ZONE)),
            "01/01/2021 00:00"
        );
    }
}
