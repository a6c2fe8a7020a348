//! Property tests for the per-address allowance of new visitors (issue 10: "the public figures
//! can be inflated cheaply"): a burst, then one per interval, whatever the request pattern.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use daihoi_domain::visits::{NEW_VISITORS_PER_ADDRESS, NewVisitorAllowance};
use proptest::prelude::*;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 7, 15, 3, 0, 0).unwrap()
}

fn allowance() -> impl Strategy<Value = NewVisitorAllowance> {
    (1u32..40, 1i64..20_000).prop_map(|(burst, ms)| NewVisitorAllowance {
        burst,
        every: TimeDelta::milliseconds(ms),
    })
}

/// Runs `gaps` (milliseconds between requests) through the rule; the times and decisions.
fn run(rule: &NewVisitorAllowance, gaps: &[i64]) -> Vec<(DateTime<Utc>, bool)> {
    let mut pace = None;
    let mut now = t0();
    let mut out = Vec::new();
    for &gap in gaps {
        now += TimeDelta::milliseconds(gap);
        let (counted, next) = rule.admit(pace, now);
        pace = next;
        out.push((now, counted));
    }
    out
}

proptest! {
    /// In any stretch of time, one address adds at most the burst plus one per interval.
    #[test]
    fn no_stretch_of_time_counts_more_than_the_allowance(
        rule in allowance(),
        gaps in prop::collection::vec(0i64..3_000, 1..400),
    ) {
        let decisions = run(&rule, &gaps);
        let counted: Vec<DateTime<Utc>> =
            decisions.iter().filter(|(_, c)| *c).map(|(t, _)| *t).collect();
        for (i, &start) in counted.iter().enumerate() {
            for (j, &end) in counted.iter().enumerate().skip(i) {
                let n = (j - i + 1) as i64;
                let span = (end - start).num_milliseconds();
                let bound = i64::from(rule.burst) + span / rule.every.num_milliseconds();
                prop_assert!(n <= bound, "{n} counted in {span} ms, bound {bound}");
            }
        }
    }

    /// An address that brings new visitors no faster than one per interval is always counted.
    #[test]
    fn a_steady_pace_is_always_counted(
        rule in allowance(),
        extra in prop::collection::vec(0i64..5_000, 1..200),
    ) {
        let every = rule.every.num_milliseconds();
        let gaps: Vec<i64> = extra.iter().map(|e| every + e).collect();
        prop_assert!(run(&rule, &gaps).iter().all(|(_, c)| *c));
    }

    /// From an idle address the burst counts at once, and the next one at the same instant not.
    #[test]
    fn the_burst_counts_at_once(rule in allowance()) {
        let gaps = vec![0; rule.burst as usize + 1];
        let decisions = run(&rule, &gaps);
        prop_assert!(decisions[..rule.burst as usize].iter().all(|(_, c)| *c));
        prop_assert!(!decisions[rule.burst as usize].1);
    }

    /// An idle state is the same as none, so a bounded table may forget it.
    #[test]
    fn an_idle_state_can_be_forgotten(
        rule in allowance(),
        before in 0i64..1_000_000,
    ) {
        let now = t0();
        let pace = now - TimeDelta::milliseconds(before);
        prop_assert!(NewVisitorAllowance::is_idle(pace, now));
        prop_assert_eq!(rule.admit(Some(pace), now), rule.admit(None, now));
    }
}

/// The product's figure: a burst of 300, then one every 10 s; a flood of a minute adds 306.
#[test]
fn the_product_allowance_bounds_a_flood() {
    let rule = NEW_VISITORS_PER_ADDRESS;
    // 1.000 cookieless requests a second for a minute, as `wrk` sends them.
    let gaps: Vec<i64> = std::iter::once(0)
        .chain(std::iter::repeat_n(1, 59_999))
        .collect();
    let counted = run(&rule, &gaps).iter().filter(|(_, c)| *c).count();
    assert_eq!(
        counted,
        300 + 6 - 1,
        "300 at once, then one per 10 s within 59,999 s"
    );
}
