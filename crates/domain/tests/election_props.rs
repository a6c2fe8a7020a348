//! Properties of the tally on generated elections: votes never exceed valid ballots, the elected
//! never exceed the seats, every elected candidate passed, vote order is kept, and the order of
//! the ballots never changes the result.

use std::collections::HashSet;

use chrono::NaiveDate;
use daihoi_domain::election::{
    BallotInput, CandidateInput, ElectionInput, InvalidReason, Mark, RuleSet, Tally, TiePolicy,
    tally,
};
use proptest::prelude::*;

fn ballot(n: usize, places: usize) -> BoxedStrategy<BallotInput> {
    let invalid = (0..InvalidReason::ALL.len()).prop_map(|i| {
        let reason = InvalidReason::ALL[i];
        BallotInput::Invalid {
            reason,
            note: reason
                .needs_note()
                .then(|| "ban kiểm phiếu kết luận".to_string()),
        }
    });
    if n > places {
        let struck = proptest::collection::vec(any::<bool>(), n).prop_map(|bits| {
            BallotInput::Struck(
                bits.iter()
                    .enumerate()
                    .filter(|(_, b)| **b)
                    .map(|(i, _)| i)
                    .collect(),
            )
        });
        // Mostly voters keep at most `places` names; struck-at-random covers the invalid cases.
        let sensible = proptest::sample::subsequence((0..n).collect::<Vec<_>>(), 1..=places)
            .prop_map(move |kept| {
                BallotInput::Struck((0..n).filter(|i| !kept.contains(i)).collect())
            });
        prop_oneof![6 => sensible, 2 => struck, 1 => invalid].boxed()
    } else {
        let mark = prop_oneof![
            6 => Just(Mark::Agree),
            3 => Just(Mark::Disagree),
            1 => Just(Mark::Both),
            1 => Just(Mark::None)
        ];
        let marks = proptest::collection::vec(mark, n).prop_map(BallotInput::Marks);
        prop_oneof![8 => marks, 1 => invalid].boxed()
    }
}

/// A well-formed election under one of the built-in rule sets.
pub fn election() -> impl Strategy<Value = ElectionInput> {
    (
        0..RuleSet::BUILTIN_NAMES.len(),
        1u32..6,
        0u32..3,
        1usize..9,
        1u32..40,
        0u32..5,
    )
        .prop_flat_map(|(rules, seats, alternates, n, base, spare)| {
            let places = names_kept_at_most(RuleSet::BUILTIN_NAMES[rules], seats, alternates);
            let births = proptest::collection::vec(proptest::option::weighted(0.9, 0u32..6), n);
            let ballots = proptest::collection::vec(ballot(n, places), 0..40);
            (
                Just((rules, seats, alternates, n, base, spare)),
                births,
                ballots,
            )
        })
        .prop_map(
            |((rules, seats, alternates, n, base, spare), births, ballots)| {
                let name = RuleSet::BUILTIN_NAMES[rules];
                let needs_base = name.starts_with("party");
                ElectionInput {
                    rules: name.into(),
                    seats,
                    alternates,
                    base: needs_base.then_some(base),
                    ballots_issued: ballots.len() as u32 + spare,
                    candidates: (0..n)
                        .zip(births)
                        .map(|(i, birth)| CandidateInput {
                            name: format!("Ứng viên {i}"),
                            // Few distinct dates, so equal birth dates happen.
                            birth_date: birth
                                .map(|y| NaiveDate::from_ymd_opt(1960 + y as i32, 1, 1).unwrap()),
                        })
                        .collect(),
                    ballots,
                    congress: None,
                    election: None,
                    place_date: None,
                    counting_committee: Vec::new(),
                    kind: None,
                    present: None,
                    count_started: None,
                }
            },
        )
}

/// How many names a ballot may keep, written out independently of the rule data: Party rules
/// vote the official delegates first (190-QĐ/TW Điều 18), the others elect both at once.
fn names_kept_at_most(rules: &str, seats: u32, alternates: u32) -> usize {
    if rules.starts_with("party") {
        seats as usize
    } else {
        (seats + alternates) as usize
    }
}

/// Counts the votes again, the simple way, as a reference.
fn recount(input: &ElectionInput) -> (Vec<u32>, u32) {
    let n = input.candidates.len();
    let places = names_kept_at_most(&input.rules, input.seats, input.alternates);
    let mut votes = vec![0; n];
    let mut valid = 0;
    for b in &input.ballots {
        match b {
            BallotInput::Struck(struck) => {
                let kept = n - struck.len();
                if kept >= 1 && kept <= places {
                    valid += 1;
                    for (i, v) in votes.iter_mut().enumerate() {
                        if !struck.contains(&i) {
                            *v += 1;
                        }
                    }
                }
            }
            BallotInput::Marks(marks) => {
                valid += 1;
                for (i, m) in marks.iter().enumerate() {
                    if *m == Mark::Agree {
                        votes[i] += 1;
                    }
                }
            }
            BallotInput::Invalid { .. } => {}
        }
    }
    (votes, valid)
}

fn check_invariants(input: &ElectionInput, t: &Tally) -> Result<(), TestCaseError> {
    let (votes, valid) = recount(input);
    let got: Vec<u32> = t.candidates.iter().map(|c| c.votes).collect();
    prop_assert_eq!(&got, &votes);
    prop_assert_eq!(t.valid, valid);
    prop_assert_eq!(t.valid + t.invalid, input.ballots.len() as u32);
    prop_assert_eq!(t.ballots_collected, input.ballots.len() as u32);
    prop_assert_eq!(t.invalid_by_reason.values().sum::<u32>(), t.invalid);
    if input.rules.starts_with("party") {
        // Điều 18: no ballot keeps more than the official seats, so the votes of all valid
        // ballots together are at most valid × seats.
        let total: u64 = t.candidates.iter().map(|c| u64::from(c.votes)).sum();
        prop_assert!(
            total <= u64::from(t.valid) * u64::from(input.seats),
            "a ballot kept more than the official seats"
        );
    }
    for c in &t.candidates {
        prop_assert!(c.votes <= t.valid, "votes never exceed valid ballots");
        prop_assert_eq!(c.passed, c.votes >= t.threshold.votes_needed);
    }
    prop_assert!(t.elected.len() <= input.seats as usize);
    prop_assert!(t.alternates.len() <= input.alternates as usize);
    prop_assert_eq!(
        t.elected.len() + t.unfilled_seats as usize,
        input.seats as usize
    );
    if input.alternates > 0 {
        prop_assert_eq!(
            t.alternates.len() + t.unfilled_alternates.unwrap() as usize,
            input.alternates as usize
        );
    } else {
        prop_assert!(t.unfilled_alternates.is_none() && t.alternates.is_empty());
    }
    for &i in t.elected.iter().chain(&t.alternates) {
        prop_assert!(
            t.candidates[i].passed,
            "elected or alternate without passing"
        );
        prop_assert!(t.candidates[i].votes >= t.threshold.votes_needed);
    }
    for &i in &t.tied_for_last_seat {
        prop_assert!(t.candidates[i].passed);
    }
    // Nobody holds two places.
    let mut seen = HashSet::new();
    for &i in t
        .elected
        .iter()
        .chain(&t.alternates)
        .chain(&t.tied_for_last_seat)
    {
        prop_assert!(seen.insert(i), "candidate {} listed twice", i);
    }
    // Vote order: elected then alternates never increase; ties hold equal votes.
    let order: Vec<u32> = t
        .elected
        .iter()
        .chain(&t.alternates)
        .map(|&i| t.candidates[i].votes)
        .collect();
    prop_assert!(
        order.windows(2).all(|w| w[0] >= w[1]),
        "not in vote order: {:?}",
        order
    );
    let tied: HashSet<u32> = t
        .tied_for_last_seat
        .iter()
        .map(|&i| t.candidates[i].votes)
        .collect();
    prop_assert!(tied.len() <= 1);
    prop_assert!(t.tied_for_last_seat.is_empty() || t.tied_for_last_seat.len() >= 2);
    // Nobody left out outranks an elected candidate.
    if let Some(min_elected) = t.elected.iter().map(|&i| t.candidates[i].votes).min() {
        for c in &t.candidates {
            if !t.elected.contains(&c.index) {
                prop_assert!(c.votes <= min_elected);
            }
        }
    }
    // A tie is never broken silently: a candidate placed ahead of a passing candidate with the
    // same votes is only allowed under older-wins, and only when strictly older.
    let rules = RuleSet::named(&input.rules).unwrap();
    // Candidates tied for the last seat stand between the elected and the alternates (the re-vote
    // makes them elected or first alternates); those tied for the last alternate place stand
    // between the alternates and the rest.
    let tied_alternate = t.tied_for_last_alternate.clone().unwrap_or_default();
    let rank = |i: usize| -> usize {
        if t.elected.contains(&i) {
            0
        } else if t.tied_for_last_seat.contains(&i) {
            1
        } else if t.alternates.contains(&i) {
            2
        } else if tied_alternate.contains(&i) {
            3
        } else {
            4
        }
    };
    for a in &t.candidates {
        for b in &t.candidates {
            if a.passed && b.passed && a.votes == b.votes && rank(a.index) < rank(b.index) {
                let (da, db) = (
                    input.candidates[a.index].birth_date,
                    input.candidates[b.index].birth_date,
                );
                prop_assert!(
                    rules.tie_policy == TiePolicy::OlderWins
                        && matches!((da, db), (Some(x), Some(y)) if x < y),
                    "tie between {} and {} broken silently",
                    a.index,
                    b.index
                );
            }
        }
    }
    // When seats stay open and nobody is tied, every passing candidate was elected.
    if t.unfilled_seats > 0 && t.tied_for_last_seat.is_empty() {
        let passing = t.candidates.iter().filter(|c| c.passed).count();
        prop_assert_eq!(passing, t.elected.len());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn tally_invariants_hold(input in election()) {
        let t = tally(&input).unwrap();
        check_invariants(&input, &t)?;
    }

    #[test]
    fn reordering_ballots_never_changes_the_result(
        (input, order) in election().prop_flat_map(|e| {
            let idx: Vec<usize> = (0..e.ballots.len()).collect();
            (Just(e), Just(idx).prop_shuffle())
        })
    ) {
        let mut shuffled = input.clone();
        shuffled.ballots = order.iter().map(|&i| input.ballots[i].clone()).collect();
        prop_assert_eq!(tally(&input).unwrap(), tally(&shuffled).unwrap());
    }

    #[test]
    fn tally_json_round_trips(input in election()) {
        let t = tally(&input).unwrap();
        let back: Tally = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        prop_assert_eq!(back, t);
        let input_back: ElectionInput =
            serde_json::from_str(&serde_json::to_string(&input).unwrap()).unwrap();
        prop_assert_eq!(input_back, input);
    }

    #[test]
    fn percent_is_votes_over_base_rounded_half_up(input in election()) {
        let t = tally(&input).unwrap();
        for c in &t.candidates {
            let base = u128::from(t.threshold.base);
            let h = u128::from(c.percent.hundredths);
            if base == 0 {
                prop_assert_eq!(h, 0);
            } else {
                // h = round_half_up(votes * 10000 / base) ⇔ h - 1/2 ≤ v·10000/base < h + 1/2.
                let v = u128::from(c.votes) * 20_000;
                prop_assert!((2 * h).saturating_sub(1) * base <= v || h == 0);
                prop_assert!(v < (2 * h + 1) * base);
            }
        }
    }
}
