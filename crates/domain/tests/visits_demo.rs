//! The demo visit history: it must reproduce the target figures exactly, look plausible, be
//! deterministic, and refuse clearly when the calendar makes the target impossible.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use daihoi_domain::visits::{DemoHistoryError, PeriodFigure, VisitFigures, demo_daily_history};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The seed page's block: "Hôm nay 1.934, Hôm qua 16.075, Tháng 07 519.209, Năm 2021 3.292.009,
/// Tổng 62.883.393".
fn seed() -> VisitFigures {
    VisitFigures {
        online: 0,
        today: 1_934,
        yesterday: 16_075,
        month: 519_209,
        year: 3_292_009,
        total: 62_883_393,
    }
}

/// Figures without `online`, which a history does not carry.
fn dated(f: VisitFigures) -> (u64, u64, u64, u64, u64) {
    (f.today, f.yesterday, f.month, f.year, f.total)
}

fn check_shape(history: &[(NaiveDate, u64)], first_day: NaiveDate, reference_day: NaiveDate) {
    let expected_len = (reference_day - first_day).num_days() + 1;
    assert_eq!(history.len() as i64, expected_len);
    assert_eq!(history.first().unwrap().0, first_day);
    assert_eq!(history.last().unwrap().0, reference_day);
    for pair in history.windows(2) {
        assert_eq!(
            pair[0].0.succ_opt().unwrap(),
            pair[1].0,
            "one counter per day, in order"
        );
    }
}

#[test]
fn seed_block_is_reproduced_on_the_last_day_of_july_2021() {
    let reference_day = d(2021, 7, 31);
    let first_day = d(2011, 1, 1);
    let history = demo_daily_history(reference_day, &seed(), first_day).unwrap();
    check_shape(&history, first_day, reference_day);
    let figures = VisitFigures::from_daily(reference_day, history.iter().copied(), 0);
    assert_eq!(dated(figures), dated(seed()));
    assert_eq!(history.last().unwrap().1, 1_934);
    assert_eq!(history[history.len() - 2].1, 16_075);
}

#[test]
fn seed_history_looks_like_real_traffic() {
    let reference_day = d(2021, 7, 31);
    let history = demo_daily_history(reference_day, &seed(), d(2011, 1, 1)).unwrap();
    // Every full day has visits, and no day is absurd next to the seed's ~16 000 a day.
    for &(day, n) in &history[..history.len() - 1] {
        assert!((5_000..=30_000).contains(&n), "{day}: {n}");
    }
    // Weekdays are busier than weekends on average.
    let (mut weekday, mut weekend, mut n_weekday, mut n_weekend) = (0u64, 0u64, 0u64, 0u64);
    for &(day, n) in &history[..history.len() - 2] {
        if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            weekend += n;
            n_weekend += 1;
        } else {
            weekday += n;
            n_weekday += 1;
        }
    }
    assert!(weekday / n_weekday > weekend / n_weekend * 13 / 10);
    // Not flat: consecutive weekdays differ.
    let distinct: std::collections::BTreeSet<u64> = history[..history.len() - 2]
        .iter()
        .map(|&(_, n)| n)
        .collect();
    assert!(distinct.len() > 100);
}

#[test]
fn the_same_input_gives_the_same_history() {
    let a = demo_daily_history(d(2021, 7, 20), &seed(), d(2015, 3, 7)).unwrap();
    let b = demo_daily_history(d(2021, 7, 20), &seed(), d(2015, 3, 7)).unwrap();
    assert_eq!(a, b);
}

#[test]
fn the_seed_block_works_on_every_july_day_from_the_third() {
    for day in 3..=31 {
        let reference_day = d(2021, 7, day);
        let history = demo_daily_history(reference_day, &seed(), d(2011, 1, 1)).unwrap();
        let figures = VisitFigures::from_daily(reference_day, history, 0);
        assert_eq!(
            dated(figures),
            dated(seed()),
            "reference day {reference_day}"
        );
    }
}

#[test]
fn first_of_the_month_refuses_a_month_larger_than_today() {
    let err = demo_daily_history(d(2021, 7, 1), &seed(), d(2011, 1, 1)).unwrap_err();
    assert_eq!(
        err,
        DemoHistoryError::NoFreeDays {
            figure: PeriodFigure::Month,
            value: 519_209,
            exact: 1_934,
            reference_day: d(2021, 7, 1),
            first_day: d(2011, 1, 1),
        }
    );
    let message = err.to_string();
    assert!(message.contains("tháng này"), "{message}");
    assert!(message.contains("1.934"), "{message}");
    assert!(message.contains("519.209"), "{message}");
    assert!(message.contains("01/07/2021"), "{message}");
}

#[test]
fn second_of_the_month_has_only_today_and_yesterday_in_the_month() {
    let err = demo_daily_history(d(2021, 7, 2), &seed(), d(2011, 1, 1)).unwrap_err();
    assert!(
        matches!(
            err,
            DemoHistoryError::NoFreeDays {
                figure: PeriodFigure::Month,
                exact: 18_009,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn first_of_the_month_works_when_month_equals_today() {
    // On 01/08 yesterday (31/07) counts in the year but not in the month.
    let target = VisitFigures {
        month: 1_934,
        ..seed()
    };
    let history = demo_daily_history(d(2021, 8, 1), &target, d(2011, 1, 1)).unwrap();
    let figures = VisitFigures::from_daily(d(2021, 8, 1), history, 0);
    assert_eq!(dated(figures), dated(target));
}

#[test]
fn new_year_day_needs_year_equal_to_month() {
    let target = VisitFigures {
        month: 1_934,
        year: 1_934,
        ..seed()
    };
    let history = demo_daily_history(d(2022, 1, 1), &target, d(2011, 1, 1)).unwrap();
    let figures = VisitFigures::from_daily(d(2022, 1, 1), history, 0);
    assert_eq!(dated(figures), dated(target));

    let target = VisitFigures {
        month: 1_934,
        ..seed()
    };
    let err = demo_daily_history(d(2022, 1, 1), &target, d(2011, 1, 1)).unwrap_err();
    assert!(
        matches!(
            err,
            DemoHistoryError::NoFreeDays {
                figure: PeriodFigure::Year,
                exact: 1_934,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("năm nay"));
}

#[test]
fn second_of_january_has_no_year_days_beyond_the_month() {
    // On 02/01 the year so far is the month so far.
    let err = demo_daily_history(d(2022, 1, 2), &seed(), d(2011, 1, 1)).unwrap_err();
    assert!(
        matches!(
            err,
            DemoHistoryError::NoFreeDays {
                figure: PeriodFigure::Month,
                exact: 18_009,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn figures_below_their_fixed_days_are_refused() {
    let target = VisitFigures {
        month: 10_000,
        ..seed()
    }; // < today + yesterday
    let err = demo_daily_history(d(2021, 7, 31), &target, d(2011, 1, 1)).unwrap_err();
    assert_eq!(
        err,
        DemoHistoryError::BelowFixedDays {
            figure: PeriodFigure::Month,
            value: 10_000,
            minimum: 18_009
        }
    );
    assert!(err.to_string().contains("18.009"));

    let target = VisitFigures {
        year: 500_000,
        ..seed()
    };
    let err = demo_daily_history(d(2021, 7, 31), &target, d(2011, 1, 1)).unwrap_err();
    assert!(matches!(
        err,
        DemoHistoryError::BelowFixedDays {
            figure: PeriodFigure::Year,
            minimum: 519_209,
            ..
        }
    ));

    let target = VisitFigures {
        total: 3_000_000,
        ..seed()
    };
    let err = demo_daily_history(d(2021, 7, 31), &target, d(2011, 1, 1)).unwrap_err();
    assert!(matches!(
        err,
        DemoHistoryError::BelowFixedDays {
            figure: PeriodFigure::Total,
            minimum: 3_292_009,
            ..
        }
    ));
}

#[test]
fn a_history_starting_this_year_cannot_hold_an_older_total() {
    let err = demo_daily_history(d(2021, 7, 31), &seed(), d(2021, 1, 1)).unwrap_err();
    assert!(
        matches!(
            err,
            DemoHistoryError::NoFreeDays {
                figure: PeriodFigure::Total,
                exact: 3_292_009,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn history_bounds_are_checked() {
    let err = demo_daily_history(d(2021, 7, 31), &seed(), d(2021, 8, 1)).unwrap_err();
    assert_eq!(
        err,
        DemoHistoryError::FirstDayAfterReference {
            first_day: d(2021, 8, 1),
            reference_day: d(2021, 7, 31)
        }
    );
    assert!(err.to_string().contains("01/08/2021"));

    // A one-day history has no yesterday.
    let err = demo_daily_history(d(2021, 7, 31), &seed(), d(2021, 7, 31)).unwrap_err();
    assert_eq!(
        err,
        DemoHistoryError::YesterdayOutsideHistory {
            yesterday: d(2021, 7, 30),
            value: 16_075
        }
    );
    assert!(err.to_string().contains("16.075"));

    let only_today = VisitFigures {
        online: 0,
        today: 5,
        yesterday: 0,
        month: 5,
        year: 5,
        total: 5,
    };
    let history = demo_daily_history(d(2021, 7, 31), &only_today, d(2021, 7, 31)).unwrap();
    assert_eq!(history, vec![(d(2021, 7, 31), 5)]);
}

#[test]
fn zero_figures_give_an_all_zero_history() {
    let history =
        demo_daily_history(d(2021, 7, 31), &VisitFigures::default(), d(2021, 1, 1)).unwrap();
    assert_eq!(history.len(), 212);
    assert!(history.iter().all(|&(_, n)| n == 0));
}

/// Reference days 1990–2049 and a history start up to 20 years before.
fn reference_and_first_day() -> impl Strategy<Value = (NaiveDate, NaiveDate)> {
    (0u64..21_900, 0u64..7_300).prop_map(|(r, back)| {
        let reference = d(1990, 1, 1).checked_add_days(Days::new(r)).unwrap();
        (
            reference,
            reference.checked_sub_days(Days::new(back)).unwrap(),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Any figures that some history produces are reproduced exactly by the generator.
    #[test]
    fn reproduces_every_reachable_target(
        (reference_day, first_day) in reference_and_first_day(),
        today in 0u64..5_000_000,
        yesterday in 0u64..5_000_000,
        month_extra in 0u64..100_000_000,
        year_extra in 0u64..1_000_000_000,
        total_extra in 0u64..10_000_000_000,
    ) {
        // Build a reachable target from the calendar: a period's extra visits exist only if the
        // period has days other than today and yesterday within the history.
        let yesterday_day = reference_day.pred_opt().unwrap();
        let has_yesterday = yesterday_day >= first_day;
        let yesterday = if has_yesterday { yesterday } else { 0 };
        let month_start = reference_day.with_day(1).unwrap();
        let year_start = reference_day.with_ordinal(1).unwrap();
        let month_has_room = first_day.max(month_start) < yesterday_day;
        let year_has_room = first_day.max(year_start) < month_start && !(yesterday_day < month_start && first_day.max(year_start) == yesterday_day);
        let total_has_room = first_day < year_start && !(yesterday_day < year_start && first_day == yesterday_day);
        let yesterday_in_month = has_yesterday && yesterday_day >= month_start;
        let yesterday_in_year = has_yesterday && yesterday_day >= year_start;
        let month = today + if yesterday_in_month { yesterday } else { 0 } + if month_has_room { month_extra } else { 0 };
        let year = month + if yesterday_in_year && !yesterday_in_month { yesterday } else { 0 } + if year_has_room { year_extra } else { 0 };
        let total = year + if has_yesterday && !yesterday_in_year { yesterday } else { 0 } + if total_has_room { total_extra } else { 0 };
        let target = VisitFigures { online: 3, today, yesterday, month, year, total };

        let history = demo_daily_history(reference_day, &target, first_day).unwrap();
        check_shape(&history, first_day, reference_day);
        let figures = VisitFigures::from_daily(reference_day, history.iter().copied(), 3);
        prop_assert_eq!(figures, target);
    }

    /// The figures of any real history are a target the generator reproduces.
    #[test]
    fn reproduces_the_figures_of_any_history(
        (reference_day, first_day) in reference_and_first_day(),
        seed_counts in prop::collection::vec(0u64..50_000, 1..64),
    ) {
        let real: Vec<(NaiveDate, u64)> = first_day
            .iter_days()
            .take_while(|&day| day <= reference_day)
            .zip(seed_counts.iter().cycle())
            .map(|(day, &n)| (day, n))
            .collect();
        let target = VisitFigures::from_daily(reference_day, real, 0);
        let history = demo_daily_history(reference_day, &target, first_day).unwrap();
        prop_assert_eq!(VisitFigures::from_daily(reference_day, history, 0), target);
    }

    /// When the generator refuses, no history from `first_day` could reach the target; when it
    /// accepts, the result is exact. Checked against random targets, most of them impossible.
    #[test]
    fn accepts_exactly_or_explains(
        (reference_day, first_day) in reference_and_first_day(),
        today in 0u64..1_000,
        yesterday in 0u64..1_000,
        month in 0u64..5_000,
        year in 0u64..50_000,
        total in 0u64..500_000,
    ) {
        let target = VisitFigures { online: 0, today, yesterday, month, year, total };
        match demo_daily_history(reference_day, &target, first_day) {
            Ok(history) => {
                prop_assert_eq!(VisitFigures::from_daily(reference_day, history, 0), target);
            }
            Err(err) => {
                let message = err.to_string();
                prop_assert!(!message.is_empty());
                match err {
                    DemoHistoryError::BelowFixedDays { value, minimum, .. } => prop_assert!(value < minimum),
                    DemoHistoryError::NoFreeDays { value, exact, .. } => prop_assert!(value > exact),
                    DemoHistoryError::YesterdayOutsideHistory { value, .. } => {
                        prop_assert!(value > 0);
                        prop_assert_eq!(first_day, reference_day);
                    }
                    DemoHistoryError::FirstDayAfterReference { .. } => prop_assert!(false, "first day is never after"),
                }
            }
        }
        if month < today || year < month || total < year {
            prop_assert!(demo_daily_history(reference_day, &target, first_day).is_err());
        }
    }
}
