//! Lịch sử truy cập mẫu — the demo's dated daily visit counters.
//!
//! The people's history comes from the domain generator
//! ([`daihoi_domain::visits::demo_daily_history`]), which reproduces the seed page's block exactly
//! on the reference day. This module only chooses the reference day (the first start's local date,
//! or the nearest earlier day on which the calendar allows the figures) and adds a plausible bot
//! history, counted apart.

use chrono::{Datelike, NaiveDate};
use daihoi_domain::visits::{DemoHistoryError, VisitFigures, demo_daily_history};

/// Số liệu của trang gốc — the seed page's statistics block: today 1.934, yesterday 16.075,
/// this month 519.209, this year 3.292.009, total 62.883.393 (people).
pub const SEED_FIGURES: VisitFigures = VisitFigures {
    online: 0,
    today: 1_934,
    yesterday: 16_075,
    month: 519_209,
    year: 3_292_009,
    total: 62_883_393,
};

/// How many whole years before the reference year the history starts (1 January).
pub const HISTORY_YEARS: i32 = 10;

/// How many days back the search for a possible reference day may go. The worst case is early
/// January (back to 31 December); a year is far more than enough.
const MAX_DAYS_BACK: usize = 366;

/// Lịch sử mẫu — the chosen reference day and the daily counters up to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoHistory {
    /// Ngày tham chiếu — the day whose figures equal [`SEED_FIGURES`].
    pub reference_day: NaiveDate,
    /// First day of the history (1 January, [`HISTORY_YEARS`] years before the reference year).
    pub first_day: NaiveDate,
    /// People per day, oldest first, one entry per day through the reference day.
    pub people: Vec<(NaiveDate, u64)>,
    /// Bots per day (crawlers), same days.
    pub bots: Vec<(NaiveDate, u64)>,
    /// Days after the reference day up to the requested one that could not hold the figures,
    /// newest first, with the reason (for the warning in the log).
    pub skipped: Vec<(NaiveDate, DemoHistoryError)>,
}

/// Lỗi lịch sử mẫu — no day in the search window can hold the figures.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "Không tìm được ngày tham chiếu nào trong {MAX_DAYS_BACK} ngày trước {today} để tái hiện số liệu truy cập mẫu: {last}"
)]
pub struct NoReferenceDay {
    /// The requested day.
    pub today: NaiveDate,
    /// The reason the last candidate failed.
    pub last: DemoHistoryError,
}

/// First day of the history for a reference day.
pub fn first_day_for(reference_day: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(reference_day.year() - HISTORY_YEARS, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// Tạo lịch sử — the demo history for a first start on local day `today`: `today` itself when the
/// calendar allows [`SEED_FIGURES`] on it, otherwise the nearest earlier day that does.
pub fn demo_history(today: NaiveDate) -> Result<DemoHistory, NoReferenceDay> {
    let mut skipped = Vec::new();
    let mut day = today;
    for _ in 0..MAX_DAYS_BACK {
        let first_day = first_day_for(day);
        match demo_daily_history(day, &SEED_FIGURES, first_day) {
            Ok(people) => {
                let bots = people.iter().map(|&(d, n)| (d, bots_for(d, n))).collect();
                return Ok(DemoHistory {
                    reference_day: day,
                    first_day,
                    people,
                    bots,
                    skipped,
                });
            }
            Err(reason) => {
                skipped.push((day, reason));
                match day.pred_opt() {
                    Some(previous) => day = previous,
                    None => break,
                }
            }
        }
    }
    let last = skipped
        .pop()
        .map(|(_, reason)| reason)
        .expect("the loop runs at least once");
    Err(NoReferenceDay { today, last })
}

/// Bots on a day with `people` visits: between 25 % and 44 % of them, varying from day to day
/// by a fixed hash of the date (the same day always gets the same number).
fn bots_for(day: NaiveDate, people: u64) -> u64 {
    let n = u64::from(day.num_days_from_ce().unsigned_abs());
    let percent = 25 + (n.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> 59) % 20;
    people * percent / 100
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn figures(h: &DemoHistory) -> VisitFigures {
        VisitFigures::from_daily(h.reference_day, h.people.iter().copied(), 0)
    }

    #[test]
    fn an_ordinary_day_is_its_own_reference_day() {
        let h = demo_history(day(2026, 11, 28)).unwrap();
        assert_eq!(h.reference_day, day(2026, 11, 28));
        assert_eq!(h.first_day, day(2016, 1, 1));
        assert!(h.skipped.is_empty());
        assert_eq!(figures(&h), SEED_FIGURES);
        assert_eq!(h.people.len(), h.bots.len());
        assert_eq!(h.people.first().unwrap().0, h.first_day);
        assert_eq!(h.people.last().unwrap().0, h.reference_day);
    }

    #[test]
    fn the_first_days_of_a_month_fall_back_to_the_previous_month() {
        // On the 1st and 2nd "this month" holds only today and yesterday.
        let h = demo_history(day(2026, 12, 2)).unwrap();
        assert_eq!(h.reference_day, day(2026, 11, 30));
        assert_eq!(
            h.skipped.iter().map(|(d, _)| *d).collect::<Vec<_>>(),
            [day(2026, 12, 2), day(2026, 12, 1)]
        );
        assert_eq!(figures(&h), SEED_FIGURES);
    }

    #[test]
    fn early_january_falls_back_to_the_last_day_of_december() {
        for d in 1..=3 {
            let h = demo_history(day(2027, 1, d)).unwrap();
            assert_eq!(h.reference_day, day(2026, 12, 31), "1/{d}");
            assert_eq!(figures(&h), SEED_FIGURES);
        }
    }

    #[test]
    fn bots_are_a_plausible_share_of_people() {
        let h = demo_history(day(2021, 7, 20)).unwrap();
        assert_eq!(figures(&h), SEED_FIGURES);
        let people: u64 = h.people.iter().map(|p| p.1).sum();
        let bots: u64 = h.bots.iter().map(|p| p.1).sum();
        assert!(bots > people / 5 && bots < people / 2, "{bots} of {people}");
        assert!(
            h.bots
                .iter()
                .zip(&h.people)
                .all(|(b, p)| b.0 == p.0 && b.1 <= p.1)
        );
    }
}
