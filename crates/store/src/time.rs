//! Thời gian — how instants and calendar days are stored.
//!
//! Instants are BIGINT microseconds since 1970-01-01 00:00 UTC; calendar days are BIGINT
//! `yyyymmdd` (20210715). Both compare and sort as plain integers on SQLite and PostgreSQL, and a
//! day stays readable in a SQL shell.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::StoreError;

/// Encode an instant.
pub(crate) fn to_micros(t: DateTime<Utc>) -> i64 {
    t.timestamp_micros()
}

/// Decode an instant.
pub(crate) fn from_micros(v: i64) -> Result<DateTime<Utc>, StoreError> {
    DateTime::<Utc>::from_timestamp_micros(v)
        .ok_or_else(|| StoreError::Corrupt(format!("thời điểm {v} nằm ngoài phạm vi")))
}

/// Decode an optional instant.
pub(crate) fn from_micros_opt(v: Option<i64>) -> Result<Option<DateTime<Utc>>, StoreError> {
    v.map(from_micros).transpose()
}

/// Encode a calendar day as `yyyymmdd`.
pub(crate) fn to_day(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
}

/// Decode a `yyyymmdd` calendar day.
pub(crate) fn from_day(v: i64) -> Result<NaiveDate, StoreError> {
    let y = i32::try_from(v / 10_000).ok();
    let m = u32::try_from((v / 100) % 100).ok();
    let d = u32::try_from(v % 100).ok();
    match (y, m, d) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d),
        _ => None,
    }
    .ok_or_else(|| StoreError::Corrupt(format!("ngày {v} không hợp lệ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_and_sort() {
        let a = NaiveDate::from_ymd_opt(2021, 7, 31).unwrap();
        let b = NaiveDate::from_ymd_opt(2021, 8, 1).unwrap();
        assert_eq!(to_day(a), 20210731);
        assert!(to_day(a) < to_day(b));
        assert_eq!(from_day(to_day(b)).unwrap(), b);
        assert!(from_day(20211340).is_err());
    }

    #[test]
    fn instants_round_trip_to_the_microsecond() {
        let t = DateTime::<Utc>::from_timestamp_micros(1_626_300_000_123_456).unwrap();
        assert_eq!(from_micros(to_micros(t)).unwrap(), t);
    }
}
