//! The statistics calendar: local days in UTC+7, month and year turnover, and the figures
//! summed from dated daily counters.

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeDelta, TimeZone, Utc};
use daihoi_domain::visits::{StatPeriods, VisitFigures, local_day};
use daihoi_domain::vn::DEFAULT_TIME_ZONE;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn utc(y: i32, m: u32, day: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, day, h, min, s).unwrap()
}

/// Visits at the given instants, turned into dated daily counters the way the store keeps them.
fn daily_counters(visits: &[DateTime<Utc>]) -> Vec<(NaiveDate, u64)> {
    let mut days: Vec<(NaiveDate, u64)> = Vec::new();
    for &at in visits {
        let day = local_day(at, DEFAULT_TIME_ZONE);
        match days.iter_mut().find(|(d, _)| *d == day) {
            Some((_, n)) => *n += 1,
            None => days.push((day, 1)),
        }
    }
    days
}

#[test]
fn visits_a_second_apart_across_local_midnight_fall_on_two_days() {
    let before = utc(2021, 7, 14, 16, 59, 59);
    let after = utc(2021, 7, 14, 17, 0, 0);
    assert_eq!(local_day(before, DEFAULT_TIME_ZONE), d(2021, 7, 14));
    assert_eq!(local_day(after, DEFAULT_TIME_ZONE), d(2021, 7, 15));
    // Local day 15/07 starts at 17:00 UTC on 14/07 and ends at 16:59:59 UTC on 15/07.
    assert_eq!(
        local_day(utc(2021, 7, 15, 16, 59, 59), DEFAULT_TIME_ZONE),
        d(2021, 7, 15)
    );
    // 00:30 UTC is already 07:30 local on the same date.
    assert_eq!(
        local_day(utc(2021, 7, 15, 0, 30, 0), DEFAULT_TIME_ZONE),
        d(2021, 7, 15)
    );

    let figures = VisitFigures::from_daily(d(2021, 7, 15), daily_counters(&[before, after]), 1);
    assert_eq!(figures.today, 1);
    assert_eq!(figures.yesterday, 1);
    assert_eq!(figures.month, 2);
    assert_eq!(figures.online, 1);
}

#[test]
fn month_end_turnover() {
    let visits = [
        utc(2021, 7, 30, 10, 0, 0),   // 30/07 local
        utc(2021, 7, 31, 16, 59, 59), // 31/07 23:59:59 local
        utc(2021, 7, 31, 17, 0, 0),   // 01/08 00:00 local
        utc(2021, 8, 1, 3, 0, 0),     // 01/08 local
    ];
    let counters = daily_counters(&visits);
    let on_31 = VisitFigures::from_daily(d(2021, 7, 31), counters.clone(), 0);
    assert_eq!(
        (
            on_31.today,
            on_31.yesterday,
            on_31.month,
            on_31.year,
            on_31.total
        ),
        (1, 1, 2, 2, 2)
    );
    let on_1 = VisitFigures::from_daily(d(2021, 8, 1), counters, 0);
    // The month restarts; yesterday (31/07) belongs to last month but is still "yesterday".
    assert_eq!(
        (
            on_1.today,
            on_1.yesterday,
            on_1.month,
            on_1.year,
            on_1.total
        ),
        (2, 1, 2, 4, 4)
    );
}

#[test]
fn new_year_turnover() {
    let visits = [
        utc(2020, 12, 30, 9, 0, 0),    // 30/12/2020
        utc(2020, 12, 31, 16, 59, 59), // 31/12/2020 23:59:59
        utc(2020, 12, 31, 17, 0, 0),   // 01/01/2021 00:00
        utc(2021, 1, 1, 1, 0, 0),      // 01/01/2021
        utc(2021, 1, 1, 16, 59, 59),   // 01/01/2021 23:59:59
    ];
    let counters = daily_counters(&visits);
    let eve = VisitFigures::from_daily(d(2020, 12, 31), counters.clone(), 0);
    assert_eq!(
        (eve.today, eve.yesterday, eve.month, eve.year, eve.total),
        (1, 1, 2, 2, 2)
    );
    let new_year = VisitFigures::from_daily(d(2021, 1, 1), counters.clone(), 0);
    // Month and year restart; yesterday lies in last year.
    assert_eq!(
        (
            new_year.today,
            new_year.yesterday,
            new_year.month,
            new_year.year,
            new_year.total
        ),
        (3, 1, 3, 3, 5)
    );
    let next = VisitFigures::from_daily(d(2021, 1, 2), counters, 0);
    assert_eq!(
        (
            next.today,
            next.yesterday,
            next.month,
            next.year,
            next.total
        ),
        (0, 3, 3, 3, 5)
    );
}

#[test]
fn leap_day() {
    let counters = vec![
        (d(2024, 2, 28), 5),
        (d(2024, 2, 29), 7),
        (d(2024, 3, 1), 11),
    ];
    let leap = VisitFigures::from_daily(d(2024, 2, 29), counters.clone(), 0);
    assert_eq!(
        (leap.today, leap.yesterday, leap.month, leap.year),
        (7, 5, 12, 12)
    );
    let march = VisitFigures::from_daily(d(2024, 3, 1), counters, 0);
    assert_eq!(
        (march.today, march.yesterday, march.month, march.year),
        (11, 7, 11, 23)
    );
    assert_eq!(
        StatPeriods::for_day(d(2024, 3, 1)).yesterday,
        d(2024, 2, 29)
    );
    assert_eq!(
        StatPeriods::for_day(d(2023, 3, 1)).yesterday,
        d(2023, 2, 28)
    );
}

#[test]
fn counters_after_today_and_duplicates() {
    // Two app instances each keep a counter for the same day: they add up.
    // A counter dated tomorrow (another instance's clock ahead) is not "up to today".
    let counters = vec![
        (d(2021, 7, 31), 3),
        (d(2021, 7, 31), 4),
        (d(2021, 8, 1), 100),
    ];
    let f = VisitFigures::from_daily(d(2021, 7, 31), counters, 2);
    assert_eq!(
        f,
        VisitFigures {
            online: 2,
            today: 7,
            yesterday: 0,
            month: 7,
            year: 7,
            total: 7
        }
    );
}

#[test]
fn no_history_gives_zeros() {
    let f = VisitFigures::from_daily(d(2021, 7, 31), Vec::new(), 0);
    assert_eq!(f, VisitFigures::default());
}

#[test]
fn periods_at_an_instant_use_the_local_day() {
    let p = StatPeriods::at(utc(2020, 12, 31, 17, 0, 0), DEFAULT_TIME_ZONE);
    assert_eq!(p, StatPeriods::for_day(d(2021, 1, 1)));
    assert_eq!(p.yesterday, d(2020, 12, 31));
    assert_eq!(p.month_start, d(2021, 1, 1));
    assert_eq!(p.year_start, d(2021, 1, 1));
}

#[test]
fn figures_serialise_with_the_block_names() {
    let f = VisitFigures {
        online: 1,
        today: 2,
        yesterday: 3,
        month: 4,
        year: 5,
        total: 6,
    };
    let json = serde_json::to_value(f).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"online": 1, "today": 2, "yesterday": 3, "month": 4, "year": 5, "total": 6})
    );
}

fn any_day() -> impl Strategy<Value = NaiveDate> {
    // 1990-01-01 plus up to about 60 years.
    (0u64..22_000).prop_map(|n| d(1990, 1, 1).checked_add_days(Days::new(n)).unwrap())
}

proptest! {
    #[test]
    // Asia/Ho_Chi_Minh has been UTC+7 since 13/06/1975 (the South used UTC+8 before), so the
    // property is checked from 1976 on (timestamp 189 302 400 = 01/01/1976 UTC).
    fn local_day_is_the_utc_day_shifted_by_seven_hours(secs in 189_302_400i64..4_000_000_000) {
        let at = DateTime::from_timestamp(secs, 0).unwrap();
        let expected = (at + TimeDelta::hours(7)).date_naive();
        prop_assert_eq!(local_day(at, DEFAULT_TIME_ZONE), expected);
        // Local midnight is exactly 17:00 UTC.
        let midnight = Utc.from_utc_datetime(&expected.pred_opt().unwrap().and_hms_opt(17, 0, 0).unwrap());
        prop_assert_eq!(local_day(midnight, DEFAULT_TIME_ZONE), expected);
        prop_assert_eq!(local_day(midnight - TimeDelta::seconds(1), DEFAULT_TIME_ZONE), expected.pred_opt().unwrap());
    }

    #[test]
    fn periods_are_consistent(today in any_day()) {
        let p = StatPeriods::for_day(today);
        prop_assert_eq!(p.today, today);
        prop_assert_eq!(p.yesterday.succ_opt().unwrap(), today);
        prop_assert_eq!(p.month_start.day(), 1);
        prop_assert_eq!((p.month_start.year(), p.month_start.month()), (today.year(), today.month()));
        prop_assert_eq!((p.year_start.year(), p.year_start.ordinal()), (today.year(), 1));
        prop_assert!(p.year_start <= p.month_start && p.month_start <= today);
        prop_assert_eq!(p.yesterday < p.month_start, today.day() == 1);
        prop_assert_eq!(p.yesterday < p.year_start, today.ordinal() == 1);
    }

    #[test]
    fn sums_are_monotone_and_match_a_direct_count(
        today in any_day(),
        counters in prop::collection::vec((0u64..800, 0u64..1_000_000), 0..60),
    ) {
        // Counters dated up to 800 days before, and a few after, `today`.
        let daily: Vec<(NaiveDate, u64)> = counters
            .iter()
            .map(|&(back, n)| (today.checked_sub_days(Days::new(back)).unwrap().checked_add_days(Days::new(5)).unwrap(), n))
            .collect();
        let f = VisitFigures::from_daily(today, daily.clone(), 9);
        prop_assert!(f.total >= f.year && f.year >= f.month && f.month >= f.today);
        prop_assert!(f.total >= f.today + f.yesterday);
        prop_assert_eq!(f.online, 9);
        let sum = |keep: &dyn Fn(NaiveDate) -> bool| daily.iter().filter(|(day, _)| keep(*day)).map(|(_, n)| n).sum::<u64>();
        prop_assert_eq!(f.today, sum(&|day| day == today));
        prop_assert_eq!(f.yesterday, sum(&|day| day.succ_opt() == Some(today)));
        prop_assert_eq!(f.month, sum(&|day| day <= today && day.year() == today.year() && day.month() == today.month()));
        prop_assert_eq!(f.year, sum(&|day| day <= today && day.year() == today.year()));
        prop_assert_eq!(f.total, sum(&|day| day <= today));
        // Yesterday is inside the month unless today is the 1st.
        if today.day() > 1 {
            prop_assert!(f.month >= f.today + f.yesterday);
        }
    }

    #[test]
    fn order_of_counters_does_not_matter(
        today in any_day(),
        counters in prop::collection::vec((0u64..400, 0u64..1_000), 0..40),
    ) {
        let daily: Vec<(NaiveDate, u64)> = counters
            .iter()
            .map(|&(back, n)| (today.checked_sub_days(Days::new(back)).unwrap(), n))
            .collect();
        let mut reversed = daily.clone();
        reversed.reverse();
        prop_assert_eq!(VisitFigures::from_daily(today, daily, 0), VisitFigures::from_daily(today, reversed, 0));
    }

    #[test]
    fn a_new_day_moves_today_into_yesterday(today in any_day(), counts in prop::collection::vec(0u64..10_000, 1..40)) {
        let daily: Vec<(NaiveDate, u64)> = counts
            .iter()
            .enumerate()
            .map(|(i, &n)| (today.checked_sub_days(Days::new(i as u64)).unwrap(), n))
            .collect();
        let now = VisitFigures::from_daily(today, daily.clone(), 0);
        let tomorrow = today.succ_opt().unwrap();
        let next = VisitFigures::from_daily(tomorrow, daily, 0);
        prop_assert_eq!(next.today, 0);
        prop_assert_eq!(next.yesterday, now.today);
        prop_assert_eq!(next.total, now.total);
        if tomorrow.day() == 1 {
            prop_assert_eq!(next.month, 0);
        } else {
            prop_assert_eq!(next.month, now.month);
        }
        if tomorrow.ordinal() == 1 {
            prop_assert_eq!(next.year, 0);
        } else {
            prop_assert_eq!(next.year, now.year);
        }
    }
}
