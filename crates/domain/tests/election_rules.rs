//! Each election rule, one behaviour per test: thresholds, invalid reasons, both ballot forms,
//! tie policies, alternates, open seats, surplus warnings.

use chrono::NaiveDate;
use daihoi_domain::election::{
    AlternatesVote, BallotForm, BallotInput, BaseKind, CandidateInput, ElectionInput, ElectionKind,
    InvalidReason, Mark, RuleSet, Tally, TiePolicy, WarningCode, ballot_form, tally, tally_with,
    votes_needed_more_than_half,
};

fn candidate(name: &str, birth: Option<&str>) -> CandidateInput {
    CandidateInput {
        name: name.into(),
        birth_date: birth.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
    }
}

/// `n` candidates named A0, A1, … without birth dates.
fn election(rules: &str, seats: u32, n: usize, base: Option<u32>) -> ElectionInput {
    ElectionInput {
        rules: rules.into(),
        seats,
        alternates: 0,
        base,
        ballots_issued: 1000,
        candidates: (0..n).map(|i| candidate(&format!("A{i}"), None)).collect(),
        ballots: Vec::new(),
        congress: None,
        election: None,
        place_date: None,
        counting_committee: Vec::new(),
        kind: None,
        present: None,
        count_started: None,
    }
}

/// A strike-out ballot that keeps exactly `kept` (strikes everyone else).
fn keep(n: usize, kept: &[usize]) -> BallotInput {
    BallotInput::Struck((0..n).filter(|i| !kept.contains(i)).collect())
}

fn invalid(reason: InvalidReason) -> BallotInput {
    BallotInput::Invalid { reason, note: None }
}

fn votes(t: &Tally) -> Vec<u32> {
    t.candidates.iter().map(|c| c.votes).collect()
}

fn codes(t: &Tally) -> Vec<WarningCode> {
    t.warnings.iter().map(|w| w.code).collect()
}

// ---- thresholds -------------------------------------------------------------------------

#[test]
fn more_than_half_is_floor_half_plus_one() {
    assert_eq!(votes_needed_more_than_half(247), 124);
    assert_eq!(votes_needed_more_than_half(246), 124);
    assert_eq!(votes_needed_more_than_half(10), 6);
    assert_eq!(votes_needed_more_than_half(11), 6);
    assert_eq!(votes_needed_more_than_half(1), 1);
    assert_eq!(votes_needed_more_than_half(0), 1);
}

#[test]
fn party_threshold_counts_against_convened_247_needs_124() {
    let mut e = election("party-2024", 1, 2, Some(247));
    e.ballots_issued = 247;
    for _ in 0..124 {
        e.ballots.push(keep(2, &[0]));
    }
    for _ in 0..123 {
        e.ballots.push(keep(2, &[1]));
    }
    let t = tally(&e).unwrap();
    assert_eq!(t.threshold.base_kind, BaseKind::Convened);
    assert_eq!((t.threshold.base, t.threshold.votes_needed), (247, 124));
    assert_eq!(votes(&t), [124, 123]);
    assert!(t.candidates[0].passed);
    assert!(!t.candidates[1].passed);
    assert_eq!(t.candidates[0].percent.hundredths, 5020); // 124/247 = 50,20%
    assert_eq!(t.elected, [0]);
    assert_eq!(t.unfilled_seats, 0);
}

#[test]
fn party_threshold_ignores_absent_voters_half_of_present_is_not_enough() {
    // A chi bộ of 11 convened, 10 present: 5 of 10 is not elected, 6 is.
    let mut e = election("party-2014", 1, 2, Some(11));
    e.ballots_issued = 10;
    for _ in 0..5 {
        e.ballots.push(keep(2, &[0]));
    }
    for _ in 0..5 {
        e.ballots.push(keep(2, &[1]));
    }
    let t = tally(&e).unwrap();
    assert_eq!(t.threshold.votes_needed, 6);
    assert!(t.elected.is_empty());
    assert_eq!(t.unfilled_seats, 1);
    assert!(codes(&t).contains(&WarningCode::SeatsOpen));
}

#[test]
fn state_threshold_counts_against_valid_ballots() {
    let mut e = election("state", 1, 2, None);
    e.ballots = vec![
        keep(2, &[0]),
        keep(2, &[0]),
        keep(2, &[1]),
        invalid(InvalidReason::Marked),
        invalid(InvalidReason::Marked),
    ];
    let t = tally(&e).unwrap();
    assert_eq!(t.threshold.base_kind, BaseKind::ValidBallots);
    assert_eq!((t.threshold.base, t.threshold.votes_needed), (3, 2));
    assert_eq!(t.elected, [0]);
    assert_eq!(t.candidates[0].percent.hundredths, 6667); // 2/3 rounded half up
}

#[test]
fn collected_base_counts_invalid_ballots_too() {
    let mut rules = RuleSet::named("state").unwrap();
    rules.name = "youth".into();
    rules.base_kind = BaseKind::BallotsCollected;
    let mut e = election("youth", 1, 2, None);
    e.ballots = vec![
        keep(2, &[0]),
        keep(2, &[0]),
        keep(2, &[1]),
        invalid(InvalidReason::Marked),
    ];
    let t = tally_with(&e, &rules).unwrap();
    assert_eq!((t.threshold.base, t.threshold.votes_needed), (4, 3));
    assert!(
        t.elected.is_empty(),
        "2 of 4 collected is not more than half"
    );
}

#[test]
fn plurality_has_no_threshold_but_needs_a_vote() {
    let mut e = election("plurality", 2, 3, None);
    e.ballots = vec![keep(3, &[0]), keep(3, &[0]), keep(3, &[1])];
    let t = tally(&e).unwrap();
    assert_eq!(t.threshold.base_kind, BaseKind::None);
    assert_eq!((t.threshold.base, t.threshold.votes_needed), (3, 1));
    assert_eq!(t.elected, [0, 1]);
    assert!(!t.candidates[2].passed, "no vote, not elected");
}

#[test]
fn base_given_where_unused_is_a_warning_not_an_error() {
    let mut e = election("state", 1, 2, Some(50));
    e.ballots = vec![keep(2, &[0])];
    let t = tally(&e).unwrap();
    assert_eq!(t.threshold.base, 1);
    assert!(codes(&t).contains(&WarningCode::BaseIgnored));
}

#[test]
fn issued_over_convened_base_is_a_warning() {
    let mut e = election("party-2024", 1, 2, Some(5));
    e.ballots_issued = 6;
    e.ballots = vec![keep(2, &[0])];
    assert!(codes(&tally(&e).unwrap()).contains(&WarningCode::IssuedOverBase));
}

#[test]
fn percent_rounds_half_up_to_two_decimals() {
    // 1/8 = 12.5% exactly; 1/3 = 33.333…; 2/3 = 66.666…; 1/16 = 6.25; 1/1600 = 0.0625 → 0.06;
    // 1/800 = 0.125 → 0.13 (half up).
    for (votes, base, hundredths) in [
        (1u32, 8u32, 1250u64),
        (1, 3, 3333),
        (2, 3, 6667),
        (1, 16, 625),
        (1, 1600, 6),
        (1, 800, 13),
        (9, 9, 10000),
    ] {
        let mut e = election("party-2024", 1, 2, Some(base));
        e.ballots_issued = base;
        e.ballots = (0..votes).map(|_| keep(2, &[0])).collect();
        let t = tally(&e).unwrap();
        assert_eq!(
            t.candidates[0].percent.hundredths, hundredths,
            "{votes}/{base}"
        );
    }
    let json = serde_json::to_string(&daihoi_domain::election::Percent { hundredths: 1313 });
    assert_eq!(json.unwrap(), "13.13");
}

// ---- strike-out ballots and invalid reasons -----------------------------------------------

#[test]
fn struck_ballot_votes_for_the_names_left_standing() {
    let mut e = election("plurality", 2, 4, None);
    e.ballots = vec![
        BallotInput::Struck(vec![2, 3]),
        BallotInput::Struck(vec![0, 1, 3]),
    ];
    let t = tally(&e).unwrap();
    assert_eq!(votes(&t), [1, 1, 1, 0]);
    assert_eq!((t.valid, t.invalid), (2, 0));
}

#[test]
fn fewer_names_than_seats_is_valid() {
    let mut e = election("plurality", 3, 5, None);
    e.ballots = vec![keep(5, &[4])];
    let t = tally(&e).unwrap();
    assert_eq!(t.valid, 1);
    assert_eq!(votes(&t), [0, 0, 0, 0, 1]);
}

#[test]
fn too_many_names_kept_is_invalid_and_gives_no_votes() {
    let mut e = election("party-2024", 2, 4, Some(10));
    e.ballots = vec![BallotInput::Struck(vec![3]), keep(4, &[0, 1])];
    let t = tally(&e).unwrap();
    assert_eq!((t.valid, t.invalid), (1, 1));
    assert_eq!(t.invalid_by_reason[&InvalidReason::TooManyNames], 1);
    assert_eq!(votes(&t), [1, 1, 0, 0]);
}

#[test]
fn all_names_struck_is_invalid() {
    let mut e = election("party-2024", 2, 3, Some(10));
    e.ballots = vec![BallotInput::Struck(vec![0, 1, 2])];
    let t = tally(&e).unwrap();
    assert_eq!(t.invalid_by_reason[&InvalidReason::AllStruck], 1);
    assert_eq!(t.valid, 0);
}

#[test]
fn committee_rulings_count_by_reason_and_give_no_votes() {
    let mut e = election("party-2024", 1, 2, Some(10));
    e.ballots = vec![
        invalid(InvalidReason::NotIssued),
        invalid(InvalidReason::Marked),
        invalid(InvalidReason::Marked),
        BallotInput::Invalid {
            reason: InvalidReason::Other,
            note: Some("phiếu rách mất một nửa".into()),
        },
        keep(2, &[1]),
    ];
    let t = tally(&e).unwrap();
    assert_eq!((t.ballots_collected, t.valid, t.invalid), (5, 1, 4));
    let by: Vec<(InvalidReason, u32)> = t.invalid_by_reason.iter().map(|(r, n)| (*r, *n)).collect();
    assert_eq!(
        by,
        [
            (InvalidReason::NotIssued, 1),
            (InvalidReason::Marked, 2),
            (InvalidReason::Other, 1)
        ]
    );
    assert_eq!(votes(&t), [0, 1]);
    let json = serde_json::to_string(&t.invalid_by_reason).unwrap();
    assert_eq!(json, r#"{"not_issued":1,"marked":2,"other":1}"#);
}

#[test]
fn committee_may_record_too_many_names_and_all_struck_directly() {
    let mut e = election("party-2024", 1, 2, Some(10));
    e.ballots = vec![
        invalid(InvalidReason::TooManyNames),
        invalid(InvalidReason::AllStruck),
    ];
    let t = tally(&e).unwrap();
    assert_eq!(t.invalid, 2);
}

#[test]
fn not_issued_ballots_do_not_count_against_ballots_issued() {
    let mut e = election("party-2024", 1, 2, Some(3));
    e.ballots_issued = 2;
    e.ballots = vec![
        keep(2, &[0]),
        keep(2, &[0]),
        invalid(InvalidReason::NotIssued),
    ];
    let t = tally(&e).unwrap();
    assert_eq!(t.ballots_collected, 3);
}

// ---- no-surplus ballots -------------------------------------------------------------------

#[test]
fn marks_ballot_agree_counts_disagree_both_none_do_not_and_ballot_stays_valid() {
    let mut e = election("party-2024", 3, 3, Some(4));
    e.ballots = vec![
        BallotInput::Marks(vec![Mark::Agree, Mark::Disagree, Mark::Both]),
        BallotInput::Marks(vec![Mark::Agree, Mark::None, Mark::Agree]),
        BallotInput::Marks(vec![Mark::None, Mark::None, Mark::None]),
        BallotInput::Marks(vec![Mark::Agree, Mark::Agree, Mark::Agree]),
    ];
    let t = tally(&e).unwrap();
    assert_eq!((t.valid, t.invalid), (4, 0));
    assert_eq!(votes(&t), [3, 1, 2]);
    assert_eq!(t.threshold.votes_needed, 3);
    assert_eq!(t.elected, [0]);
    assert_eq!(t.unfilled_seats, 2);
}

#[test]
fn single_candidate_uses_marks() {
    let mut e = election("party-2024", 1, 1, Some(3));
    e.ballots = vec![
        BallotInput::Marks(vec![Mark::Agree]),
        BallotInput::Marks(vec![Mark::Agree]),
        BallotInput::Marks(vec![Mark::Disagree]),
    ];
    let t = tally(&e).unwrap();
    assert_eq!(t.elected, [0]);
}

#[test]
fn fewer_candidates_than_seats_uses_marks_and_warns() {
    let mut e = election("party-2024", 3, 2, Some(1));
    e.ballots_issued = 1;
    e.ballots = vec![BallotInput::Marks(vec![Mark::Agree, Mark::Agree])];
    let t = tally(&e).unwrap();
    assert_eq!(t.elected, [0, 1]);
    assert_eq!(t.unfilled_seats, 1);
    assert!(codes(&t).contains(&WarningCode::FewerCandidatesThanPlaces));
}

// ---- filling seats in vote order ------------------------------------------------------------

#[test]
fn elected_in_vote_order_up_to_seats_among_passing() {
    let mut e = election("party-2024", 2, 4, Some(5));
    e.ballots = vec![
        keep(4, &[1, 2]),
        keep(4, &[1, 2]),
        keep(4, &[1, 3]),
        keep(4, &[2, 3]),
        keep(4, &[2, 3]),
    ];
    let t = tally(&e).unwrap();
    assert_eq!(votes(&t), [0, 3, 4, 3]);
    // 1 and 3 tie at 3 votes for the second seat.
    assert_eq!(t.elected, [2]);
    assert_eq!(t.tied_for_last_seat, [1, 3]);
    assert_eq!(t.unfilled_seats, 1);
    assert!(codes(&t).contains(&WarningCode::TieForLastSeat));
}

#[test]
fn more_passing_than_seats_takes_the_top() {
    let mut e = election("plurality", 2, 4, None);
    e.ballots = vec![
        keep(4, &[0, 1]),
        keep(4, &[0, 2]),
        keep(4, &[0, 1]),
        keep(4, &[3]),
    ];
    let t = tally(&e).unwrap();
    assert_eq!(votes(&t), [3, 2, 1, 1]);
    assert_eq!(t.elected, [0, 1]);
    assert!(t.tied_for_last_seat.is_empty());
}

#[test]
fn tie_inside_the_seats_is_not_a_tie_for_the_last_seat() {
    let mut e = election("plurality", 3, 4, None);
    e.ballots = vec![keep(4, &[0, 1, 2]), keep(4, &[0, 1]), keep(4, &[2])];
    let t = tally(&e).unwrap();
    assert_eq!(votes(&t), [2, 2, 2, 0]);
    assert_eq!(t.elected, [0, 1, 2]);
    assert!(t.tied_for_last_seat.is_empty());
}

#[test]
fn tie_below_the_threshold_is_not_reported() {
    let mut e = election("party-2024", 1, 3, Some(10));
    e.ballots = (0..6).map(|_| keep(3, &[0])).collect();
    e.ballots.push(keep(3, &[1]));
    e.ballots.push(keep(3, &[2]));
    let t = tally(&e).unwrap();
    assert_eq!(t.elected, [0]);
    assert!(t.tied_for_last_seat.is_empty());
}

fn tied_pair(rules: &str, births: [Option<&str>; 3]) -> ElectionInput {
    let mut e = election(rules, 2, 3, Some(4));
    e.candidates = vec![
        candidate("Lò Văn Ánh", births[0]),
        candidate("Nguyễn Thị Bình", births[1]),
        candidate("Trần Văn Cường", births[2]),
    ];
    // 0: 4 votes; 1 and 2: 3 votes each, for the one seat left.
    e.ballots = vec![
        keep(3, &[0, 1]),
        keep(3, &[0, 1]),
        keep(3, &[0, 2]),
        keep(3, &[0, 2]),
        keep(3, &[1, 2]),
    ];
    e
}

#[test]
fn revote_policy_lists_the_tied_and_leaves_the_seat_open() {
    let rules = RuleSet::named("party-2024").unwrap();
    assert_eq!(rules.tie_policy, TiePolicy::RevoteAmongTied);
    let e = tied_pair(
        "party-2024",
        [Some("1970-01-01"), Some("1960-01-01"), Some("1980-01-01")],
    );
    let mut e = e;
    e.base = Some(5);
    e.ballots_issued = 5;
    let t = tally(&e).unwrap();
    assert_eq!(votes(&t), [4, 3, 3]);
    assert_eq!(t.elected, [0]);
    assert_eq!(t.tied_for_last_seat, [1, 2]);
    assert_eq!(t.unfilled_seats, 1);
    let msg = &t
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::TieForLastSeat)
        .unwrap()
        .message;
    assert!(
        msg.contains("Nguyễn Thị Bình") && msg.contains("bầu lại"),
        "{msg}"
    );
}

#[test]
fn report_only_policy_lists_the_tied() {
    let mut e = tied_pair("plurality", [None, Some("1960-01-01"), Some("1980-01-01")]);
    e.base = None;
    let t = tally(&e).unwrap();
    assert_eq!(t.elected, [0]);
    assert_eq!(t.tied_for_last_seat, [1, 2]);
    assert_eq!(t.unfilled_seats, 1);
}

#[test]
fn older_wins_policy_elects_the_older() {
    let mut e = tied_pair("state", [None, Some("1980-01-01"), Some("1960-12-31")]);
    e.base = None;
    let t = tally(&e).unwrap();
    assert_eq!(t.elected, [0, 2]);
    assert!(t.tied_for_last_seat.is_empty());
    assert_eq!(t.unfilled_seats, 0);
}

#[test]
fn older_wins_with_equal_birth_dates_is_reported() {
    let mut e = tied_pair("state", [None, Some("1970-03-03"), Some("1970-03-03")]);
    e.base = None;
    let t = tally(&e).unwrap();
    assert_eq!(t.elected, [0]);
    assert_eq!(t.tied_for_last_seat, [1, 2]);
    assert_eq!(t.unfilled_seats, 1);
}

#[test]
fn older_wins_with_a_missing_birth_date_is_reported() {
    let mut e = tied_pair("state", [None, Some("1970-03-03"), None]);
    e.base = None;
    let t = tally(&e).unwrap();
    assert_eq!(t.tied_for_last_seat, [1, 2]);
    let msg = &t
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::TieForLastSeat)
        .unwrap()
        .message;
    assert!(msg.contains("ngày sinh"), "{msg}");
}

#[test]
fn older_wins_elects_the_strictly_older_and_reports_the_rest() {
    // Four tie for two seats: one clearly oldest, two share the next date, one youngest.
    let mut rules = RuleSet::named("plurality").unwrap();
    rules.tie_policy = TiePolicy::OlderWins;
    let mut e = election("plurality", 2, 5, None);
    e.candidates = vec![
        candidate("A", Some("1990-01-01")),
        candidate("B", Some("1950-01-01")),
        candidate("C", Some("1960-01-01")),
        candidate("D", Some("1960-01-01")),
        candidate("E", None),
    ];
    e.ballots = vec![keep(5, &[0, 1]), keep(5, &[2, 3])];
    let t = tally_with(&e, &rules).unwrap();
    assert_eq!(votes(&t), [1, 1, 1, 1, 0]);
    assert_eq!(t.elected, [1]);
    assert_eq!(t.tied_for_last_seat, [2, 3]);
    assert_eq!(t.unfilled_seats, 1);
}

// ---- alternates ----------------------------------------------------------------------------

fn delegates(votes_per_candidate: &[u32], seats: u32, alternates: u32) -> ElectionInput {
    // Plurality (threshold: one vote); each ballot keeps one name, so candidate i gets
    // `votes_per_candidate[i]` votes.
    let n = votes_per_candidate.len();
    let mut e = election("plurality", seats, n, None);
    e.alternates = alternates;
    for (i, &v) in votes_per_candidate.iter().enumerate() {
        for _ in 0..v {
            e.ballots.push(keep(n, &[i]));
        }
    }
    e
}

#[test]
fn alternates_follow_the_official_seats_in_vote_order() {
    let e = delegates(&[5, 4, 3, 2, 1], 2, 2);
    let t = tally(&e).unwrap();
    assert_eq!(votes(&t), [5, 4, 3, 2, 1]);
    assert_eq!(t.elected, [0, 1]);
    assert_eq!(t.alternates, [2, 3]);
    assert_eq!(t.tied_for_last_alternate, Some(vec![]));
    assert_eq!(t.unfilled_alternates, Some(0));
}

#[test]
fn a_ballot_may_keep_seats_plus_alternates_names() {
    let mut e = delegates(&[1, 1, 1, 1, 1], 2, 2);
    e.ballots = vec![keep(5, &[0, 1, 2, 3]), keep(5, &[0, 1, 2, 3, 4])];
    let t = tally(&e).unwrap();
    assert_eq!((t.valid, t.invalid), (1, 1));
    assert_eq!(t.invalid_by_reason[&InvalidReason::TooManyNames], 1);
}

#[test]
fn tie_at_the_last_alternate_place_is_reported() {
    let e = delegates(&[5, 4, 3, 2, 2], 2, 2);
    let t = tally(&e).unwrap();
    assert_eq!(t.elected, [0, 1]);
    assert_eq!(t.alternates, [2]);
    assert_eq!(t.tied_for_last_alternate, Some(vec![3, 4]));
    assert_eq!(t.unfilled_alternates, Some(1));
    assert!(t.tied_for_last_seat.is_empty());
    assert!(codes(&t).contains(&WarningCode::TieForLastAlternate));
}

#[test]
fn tie_for_the_last_seat_holds_back_the_alternate_places_it_covers() {
    // 1 and 2 tie for the second seat; whoever loses the re-vote is the first alternate, so only
    // the second alternate place (candidate 3) is decided.
    let e = delegates(&[5, 4, 4, 3, 2], 2, 2);
    let t = tally(&e).unwrap();
    assert_eq!(t.elected, [0]);
    assert_eq!(t.tied_for_last_seat, [1, 2]);
    assert_eq!(t.unfilled_seats, 1);
    assert_eq!(t.alternates, [3]);
    assert_eq!(t.unfilled_alternates, Some(1));
    assert_eq!(t.tied_for_last_alternate, Some(vec![]));
}

#[test]
fn tie_spanning_the_last_seat_and_the_last_alternate_is_reported_for_both() {
    let e = delegates(&[5, 4, 4, 4, 2], 2, 1);
    let t = tally(&e).unwrap();
    assert_eq!(t.elected, [0]);
    assert_eq!(t.tied_for_last_seat, [1, 2, 3]);
    assert_eq!(t.tied_for_last_alternate, Some(vec![1, 2, 3]));
    assert!(t.alternates.is_empty());
    assert_eq!((t.unfilled_seats, t.unfilled_alternates), (1, Some(1)));
}

#[test]
fn too_few_passing_leaves_alternate_places_open() {
    // The combined reading (a ballot keeps seats + alternates) as rule data.
    let mut rules = RuleSet::named("party-2024").unwrap();
    rules.alternates_vote = AlternatesVote::Combined;
    let mut e = election("party-2024", 1, 4, Some(4));
    e.alternates = 2;
    e.ballots = vec![
        keep(4, &[0, 1]),
        keep(4, &[0, 1]),
        keep(4, &[0, 1]),
        keep(4, &[0]),
    ];
    let t = tally_with(&e, &rules).unwrap();
    assert_eq!(votes(&t), [4, 3, 0, 0]);
    assert_eq!(t.elected, [0]);
    assert_eq!(t.alternates, [1]);
    assert_eq!(t.unfilled_alternates, Some(1));
    assert!(codes(&t).contains(&WarningCode::AlternatesOpen));
}

#[test]
fn alternate_fields_are_absent_from_json_without_alternates() {
    let mut e = election("plurality", 1, 2, None);
    e.ballots = vec![keep(2, &[0])];
    let text = serde_json::to_string(&tally(&e).unwrap()).unwrap();
    assert!(!text.contains("unfilled_alternates") && !text.contains("tied_for_last_alternate"));
    let e = delegates(&[2, 1, 1], 1, 1);
    let text = serde_json::to_string(&tally(&e).unwrap()).unwrap();
    assert!(text.contains(r#""unfilled_seats":0,"tied_for_last_alternate":[1,2],"unfilled_alternates":1,"warnings""#), "{text}");
}

// ---- Điều 18: one list, the official delegates voted first --------------------------------------

/// 2 official delegates and 1 alternate from 4 names, base 5 (3 votes needed).
fn delegates_party(ballots: Vec<BallotInput>) -> ElectionInput {
    let mut e = election("party-2024", 2, 4, Some(5));
    e.kind = Some(ElectionKind::Delegates);
    e.alternates = 1;
    e.ballots_issued = 5;
    e.ballots = ballots;
    e
}

#[test]
fn party_rules_vote_the_official_delegates_first() {
    for name in ["party-2024", "party-2014"] {
        let rules = RuleSet::named(name).unwrap();
        assert_eq!(rules.alternates_vote, AlternatesVote::OfficialFirst);
        assert_eq!(rules.names_per_ballot(2, 1), 2);
    }
    for name in ["state", "plurality"] {
        assert_eq!(
            RuleSet::named(name).unwrap().alternates_vote,
            AlternatesVote::Combined
        );
    }
}

#[test]
fn under_dieu_18_a_ballot_keeping_seats_plus_alternates_names_is_too_many() {
    let e = delegates_party(vec![keep(4, &[0, 1, 2]), keep(4, &[0, 1]), keep(4, &[2])]);
    let t = tally(&e).unwrap();
    assert_eq!((t.valid, t.invalid), (2, 1));
    assert_eq!(t.invalid_by_reason[&InvalidReason::TooManyNames], 1);
    assert_eq!(votes(&t), [1, 1, 1, 0]);
}

#[test]
fn under_dieu_18_those_passing_beyond_the_seats_are_alternates_in_vote_order() {
    // Votes 5, 4, 3, 1 with 3 needed: 0 and 1 official, 2 the alternate.
    let e = delegates_party(vec![
        keep(4, &[0, 1]),
        keep(4, &[0, 1]),
        keep(4, &[0, 2]),
        keep(4, &[0, 1]),
        keep(4, &[0, 2]),
    ]);
    let mut e = e;
    e.ballots.push(keep(4, &[1, 2]));
    e.ballots.push(keep(4, &[3]));
    e.base = Some(7);
    e.ballots_issued = 7;
    let t = tally(&e).unwrap();
    assert_eq!(votes(&t), [5, 4, 3, 1]);
    assert_eq!(t.threshold.votes_needed, 4);
    // 2 has 3 < 4: not an alternate; the alternate place stays open for a further round.
    assert_eq!(t.elected, [0, 1]);
    assert!(t.alternates.is_empty());
    assert_eq!(t.unfilled_alternates, Some(1));
    let open = t
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::AlternatesOpen)
        .unwrap();
    assert!(
        open.message.contains("Điều 18") && open.message.contains("cùng cơ số"),
        "{}",
        open.message
    );
    // With base 5 (3 needed) candidate 2 passes beyond the seats and is the alternate.
    e.base = Some(5);
    e.ballots_issued = 7;
    let t = tally(&e).unwrap();
    assert_eq!(t.elected, [0, 1]);
    assert_eq!(t.alternates, [2]);
}

#[test]
fn a_further_round_may_elect_only_the_missing_alternates() {
    // seats 0, alternates 1: the ballot keeps at most the one alternate.
    let mut e = delegates_party(vec![keep(4, &[2]), keep(4, &[2]), keep(4, &[2, 3])]);
    e.seats = 0;
    e.ballots_issued = 3;
    let t = tally(&e).unwrap();
    assert_eq!((t.valid, t.invalid), (2, 1));
    assert!(t.elected.is_empty());
    assert_eq!(t.unfilled_seats, 0);
    assert_eq!(
        t.alternates,
        Vec::<usize>::new(),
        "2 votes of base 5 is not more than half"
    );
    e.base = Some(3);
    let t = tally(&e).unwrap();
    assert_eq!(t.alternates, [2]);
    // No seats and no alternates is still no election.
    e.alternates = 0;
    assert!(tally(&e).is_err());
}

#[test]
fn the_ballot_form_follows_the_names_a_ballot_may_keep() {
    // 3 names for 2 seats + 1 alternate: a surplus over the official seats under Điều 18,
    // none when both are elected at once.
    let mut e = election("party-2024", 2, 3, Some(5));
    e.alternates = 1;
    assert_eq!(ballot_form(&e), BallotForm::Struck);
    e.rules = "state".into();
    assert_eq!(ballot_form(&e), BallotForm::Marks);
}

// ---- kinds of election: which surplus limits apply -------------------------------------------

fn kind_codes(kind: Option<ElectionKind>, seats: u32, candidates: usize) -> Vec<WarningCode> {
    let mut e = election("party-2024", seats, candidates, Some(100));
    e.kind = kind;
    let r = RuleSet::named("party-2024").unwrap();
    daihoi_domain::election::check_surplus(&e, &r)
        .warnings
        .iter()
        .map(|w| w.code)
        .collect()
}

#[test]
fn two_candidates_for_one_secretary_is_not_a_surplus_problem() {
    use WarningCode::*;
    assert_eq!(kind_codes(Some(ElectionKind::Secretary), 1, 2), []);
    assert_eq!(kind_codes(Some(ElectionKind::Secretary), 1, 1), []);
    assert_eq!(
        kind_codes(Some(ElectionKind::InspectionCommittee), 5, 9),
        []
    );
    assert_eq!(kind_codes(Some(ElectionKind::Delegates), 10, 20), []);
    // Fewer candidates than places is said for every kind.
    assert_eq!(
        kind_codes(Some(ElectionKind::Secretary), 2, 1),
        [FewerCandidatesThanPlaces]
    );
}

#[test]
fn dieu_14_limits_govern_the_committee_and_the_standing_committee() {
    use WarningCode::*;
    for kind in [ElectionKind::Committee, ElectionKind::StandingCommittee] {
        assert_eq!(kind_codes(Some(kind), 35, 46), [SurplusOverMax]);
        assert_eq!(kind_codes(Some(kind), 35, 38), [SurplusOutsideRecommended]);
        assert_eq!(kind_codes(Some(kind), 35, 39), []);
        assert_eq!(kind_codes(Some(kind), 5, 7), [SurplusSmallCommittee]);
        // The list must be longer than the seats (Điều 14).
        assert_eq!(kind_codes(Some(kind), 9, 9), [NoSurplus]);
    }
    // Without a kind the limits apply as before (and no surplus is not flagged).
    assert_eq!(kind_codes(None, 1, 2), [SurplusOverMax]);
    assert_eq!(kind_codes(None, 9, 9), []);
}

#[test]
fn the_kind_is_read_from_json() {
    for kind in ElectionKind::ALL {
        let text = format!(
            r#"{{"rules": "party-2024", "kind": "{}", "seats": 1, "base": 3, "candidates": [{{"name": "A"}}, {{"name": "B"}}]}}"#,
            kind.code()
        );
        let input = ElectionInput::from_json(&text).unwrap();
        assert_eq!(input.kind, Some(kind));
    }
}

// ---- surplus check ---------------------------------------------------------------------------

fn surplus_codes(rules: &str, seats: u32, candidates: usize) -> Vec<WarningCode> {
    let e = election(rules, seats, candidates, Some(100));
    let r = RuleSet::named(rules).unwrap();
    daihoi_domain::election::check_surplus(&e, &r)
        .warnings
        .iter()
        .map(|w| w.code)
        .collect()
}

#[test]
fn party_surplus_limits() {
    use WarningCode::*;
    // 35 seats: 10% = 3.5, 15% = 5.25, 30% = 10.5 candidates over.
    assert_eq!(surplus_codes("party-2024", 35, 39), []);
    assert_eq!(surplus_codes("party-2024", 35, 40), []);
    assert_eq!(
        surplus_codes("party-2024", 35, 38),
        [SurplusOutsideRecommended]
    );
    assert_eq!(
        surplus_codes("party-2024", 35, 41),
        [SurplusOutsideRecommended]
    );
    assert_eq!(
        surplus_codes("party-2024", 35, 45),
        [SurplusOutsideRecommended]
    );
    assert_eq!(surplus_codes("party-2024", 35, 46), [SurplusOverMax]);
    // 10 seats: 13 is exactly 30% (allowed), 14 is over.
    assert_eq!(
        surplus_codes("party-2014", 10, 13),
        [SurplusOutsideRecommended]
    );
    assert_eq!(surplus_codes("party-2014", 10, 14), [SurplusOverMax]);
    // No surplus is not a surplus problem (a secretary is often elected unopposed).
    assert_eq!(surplus_codes("party-2024", 1, 1), []);
    assert_eq!(
        surplus_codes("party-2024", 5, 3),
        [FewerCandidatesThanPlaces]
    );
}

#[test]
fn small_committee_allows_one_extra() {
    use WarningCode::*;
    for seats in 3..=5 {
        assert_eq!(surplus_codes("party-2024", seats, seats as usize + 1), []);
        assert_eq!(
            surplus_codes("party-2024", seats, seats as usize + 2),
            [SurplusSmallCommittee]
        );
    }
    // 6 seats is not a small committee: 2 over = 33% > 30%.
    assert!(surplus_codes("party-2024", 6, 8).contains(&SurplusOverMax));
}

#[test]
fn state_and_plurality_have_no_surplus_limits() {
    assert_eq!(surplus_codes("state", 3, 10), []);
    assert_eq!(surplus_codes("plurality", 1, 9), []);
}

#[test]
fn surplus_summary_is_plain_vietnamese() {
    let rules = RuleSet::named("party-2024").unwrap();
    let e = election("party-2024", 10, 11, Some(100));
    let check = daihoi_domain::election::check_surplus(&e, &rules);
    assert_eq!(
        check.summary_vi(),
        "Danh sách có 11 người, cần bầu 10, số dư 1 người (10,00%)."
    );
    assert_eq!((check.extra, check.percent_hundredths), (1, 1000));
    assert!(check.warnings.is_empty());
    let e = election("party-2024", 10, 12, Some(100));
    let check = daihoi_domain::election::check_surplus(&e, &rules);
    assert_eq!(
        check.summary_vi(),
        "Danh sách có 12 người, cần bầu 10, số dư 2 người (20,00%)."
    );
    assert_eq!(check.warnings.len(), 1);
    assert!(
        check.warnings[0].message.contains("20,00%"),
        "{}",
        check.warnings[0].message
    );
}

#[test]
fn tally_warnings_include_the_surplus_check() {
    let mut e = election("party-2024", 10, 14, Some(100));
    e.ballots = vec![keep(14, &[0])];
    assert!(codes(&tally(&e).unwrap()).contains(&WarningCode::SurplusOverMax));
}

// ---- rule sets -------------------------------------------------------------------------------

#[test]
fn builtin_rule_sets_are_the_four_named_ones() {
    let all = RuleSet::builtin();
    let names: Vec<&str> = all.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["party-2024", "party-2014", "state", "plurality"]);
    assert!(all[0].source.contains("190-QĐ/TW"));
    assert!(all[1].source.contains("244-QĐ/TW"));
    assert_eq!(all[2].tie_policy, TiePolicy::OlderWins);
    assert_eq!(all[3].base_kind, BaseKind::None);
    for r in &all {
        assert_eq!(r.invalid_reasons, InvalidReason::ALL);
    }
    assert!(RuleSet::named("party-2020").is_none());
}

#[test]
fn rule_sets_round_trip_as_data() {
    for r in RuleSet::builtin() {
        let json = serde_json::to_string(&r).unwrap();
        let back: RuleSet = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
    }
}

// ---- namesakes -------------------------------------------------------------------------------

#[test]
fn namesakes_are_told_apart_by_birth_date_in_the_warnings() {
    let mut e = election("plurality", 1, 3, None);
    e.candidates = vec![
        candidate("Lò Văn Ánh", Some("1985-03-11")),
        candidate("Lò Văn Ánh", Some("1978-05-02")),
        candidate("Nguyễn Thị Bình", None),
    ];
    e.ballots = vec![keep(3, &[0]), keep(3, &[1])];
    let t = tally(&e).unwrap();
    let tie = t
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::TieForLastSeat)
        .unwrap();
    assert!(
        tie.message
            .contains("Lò Văn Ánh (sinh ngày 11/03/1985), Lò Văn Ánh (sinh ngày 02/05/1978)"),
        "{}",
        tie.message
    );
    assert_eq!(
        e.display_names(),
        [
            "Lò Văn Ánh (sinh ngày 11/03/1985)",
            "Lò Văn Ánh (sinh ngày 02/05/1978)",
            "Nguyễn Thị Bình"
        ]
    );
    // The JSON result keeps the plain name: it is data, not print.
    assert_eq!(t.candidates[0].name, "Lò Văn Ánh");
}
