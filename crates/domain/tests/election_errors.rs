//! Every input error: it is an error (never a silent count), it names the ballot by number and
//! index and the field, in Vietnamese, with the English code.

use daihoi_domain::election::{
    BallotForm, BallotInput, CandidateInput, ElectionInput, InputError, InvalidReason, Mark,
    RuleSet, tally, tally_with,
};

fn election(rules: &str, seats: u32, n: usize) -> ElectionInput {
    ElectionInput {
        rules: rules.into(),
        seats,
        alternates: 0,
        base: Some(10),
        ballots_issued: 10,
        candidates: (0..n)
            .map(|i| CandidateInput {
                name: format!("Người {i}"),
                birth_date: None,
            })
            .collect(),
        ballots: Vec::new(),
        congress: None,
        election: None,
        place_date: None,
        counting_committee: Vec::new(),
    }
}

fn err(e: &ElectionInput) -> (InputError, String) {
    let error = tally(e).unwrap_err();
    let text = error.to_string();
    (error, text)
}

#[test]
fn unknown_rules() {
    let (e, text) = err(&election("party-2020", 1, 2));
    assert_eq!(
        e,
        InputError::UnknownRules {
            name: "party-2020".into()
        }
    );
    assert!(
        text.contains("`rules`") && text.contains("party-2024") && text.contains("[unknown_rules]"),
        "{text}"
    );
}

#[test]
fn missing_base_where_rules_need_it() {
    for rules in ["party-2024", "party-2014"] {
        let mut input = election(rules, 1, 2);
        input.base = None;
        let (e, text) = err(&input);
        assert!(matches!(e, InputError::MissingBase { .. }));
        assert!(
            text.contains("`base`") && text.contains("[missing_base]"),
            "{text}"
        );
    }
    let mut input = election("state", 1, 2);
    input.base = None;
    assert!(tally(&input).is_ok(), "state rules do not need a base");
}

#[test]
fn zero_base() {
    let mut input = election("party-2024", 1, 2);
    input.base = Some(0);
    assert_eq!(err(&input).0, InputError::ZeroBase);
}

#[test]
fn zero_seats() {
    assert_eq!(err(&election("plurality", 0, 2)).0, InputError::NoSeats);
}

#[test]
fn no_candidates() {
    assert_eq!(
        err(&election("plurality", 1, 0)).0,
        InputError::NoCandidates
    );
}

#[test]
fn empty_candidate_name() {
    let mut input = election("plurality", 1, 3);
    input.candidates[2].name = "  ".into();
    let (e, text) = err(&input);
    assert_eq!(e, InputError::EmptyName { index: 2 });
    assert!(
        text.contains("ứng cử viên số 3 (candidates[2])") && text.contains("`name`"),
        "{text}"
    );
}

#[test]
fn more_ballots_than_issued() {
    let mut input = election("plurality", 1, 2);
    input.ballots_issued = 2;
    input.ballots = vec![BallotInput::Struck(vec![0]); 3];
    let (e, text) = err(&input);
    assert_eq!(
        e,
        InputError::TooManyBallots {
            collected: 3,
            issued: 2
        }
    );
    assert!(
        text.contains("`ballots_issued`") && text.contains("[too_many_ballots]"),
        "{text}"
    );
}

#[test]
fn marks_on_a_surplus_election_is_the_wrong_form() {
    let mut input = election("plurality", 1, 2);
    input.ballots = vec![
        BallotInput::Struck(vec![0]),
        BallotInput::Marks(vec![Mark::Agree, Mark::Agree]),
    ];
    let (e, text) = err(&input);
    assert_eq!(
        e,
        InputError::WrongForm {
            index: 1,
            expected: BallotForm::Struck,
            found: BallotForm::Marks,
            candidates: 2,
            places: 1
        }
    );
    assert!(
        text.starts_with("phiếu số 2 (ballots[1])") && text.contains("[wrong_form]"),
        "{text}"
    );
}

#[test]
fn struck_on_a_no_surplus_election_is_the_wrong_form() {
    let mut input = election("plurality", 2, 2);
    input.ballots = vec![BallotInput::Struck(vec![0])];
    let (e, _) = err(&input);
    assert!(matches!(
        e,
        InputError::WrongForm {
            index: 0,
            expected: BallotForm::Marks,
            found: BallotForm::Struck,
            ..
        }
    ));
}

#[test]
fn struck_index_out_of_range() {
    let mut input = election("plurality", 1, 3);
    input.ballots = vec![
        BallotInput::Struck(vec![0, 1]),
        BallotInput::Struck(vec![1]),
        BallotInput::Struck(vec![3]),
    ];
    let (e, text) = err(&input);
    assert_eq!(
        e,
        InputError::StruckOutOfRange {
            index: 2,
            value: 3,
            candidates: 3
        }
    );
    assert!(
        text.starts_with("phiếu số 3 (ballots[2]), trường `struck`"),
        "{text}"
    );
    assert!(text.contains("từ 0 đến 2"), "{text}");
}

#[test]
fn struck_index_repeated() {
    let mut input = election("plurality", 1, 3);
    input.ballots = vec![BallotInput::Struck(vec![1, 1])];
    let (e, text) = err(&input);
    assert_eq!(e, InputError::StruckRepeated { index: 0, value: 1 });
    assert!(
        text.contains("phiếu số 1 (ballots[0])") && text.contains("[struck_repeated]"),
        "{text}"
    );
}

#[test]
fn marks_of_the_wrong_length() {
    let mut input = election("plurality", 3, 3);
    input.ballots = vec![BallotInput::Marks(vec![Mark::Agree; 2])];
    let (e, text) = err(&input);
    assert_eq!(
        e,
        InputError::MarksLength {
            index: 0,
            found: 2,
            expected: 3
        }
    );
    assert!(text.contains("trường `marks`"), "{text}");
    input.ballots = vec![BallotInput::Marks(vec![Mark::Agree; 4])];
    assert!(matches!(
        err(&input).0,
        InputError::MarksLength { found: 4, .. }
    ));
}

#[test]
fn reason_not_in_the_rule_set() {
    let mut rules = RuleSet::named("plurality").unwrap();
    rules
        .invalid_reasons
        .retain(|r| *r != InvalidReason::Marked);
    let mut input = election("plurality", 1, 2);
    input.ballots = vec![BallotInput::Invalid {
        reason: InvalidReason::Marked,
        note: None,
    }];
    let e = tally_with(&input, &rules).unwrap_err();
    assert!(matches!(e, InputError::ReasonNotAllowed { index: 0, .. }));
    assert!(e.to_string().contains("\"marked\""), "{e}");
}

#[test]
fn other_needs_a_note() {
    let mut input = election("plurality", 1, 2);
    for note in [None, Some(String::new()), Some("   ".to_string())] {
        input.ballots = vec![BallotInput::Invalid {
            reason: InvalidReason::Other,
            note,
        }];
        let (e, text) = err(&input);
        assert_eq!(e, InputError::NoteRequired { index: 0 });
        assert!(text.contains("`note`"), "{text}");
    }
}

// ---- JSON shape errors (serde) name the ballot too --------------------------------------------

fn parse(ballots: &str) -> String {
    let text = format!(
        r#"{{"rules": "plurality", "seats": 1, "ballots_issued": 9,
            "candidates": [{{"name": "A"}}, {{"name": "B"}}], "ballots": [{ballots}]}}"#
    );
    serde_json::from_str::<ElectionInput>(&text)
        .unwrap_err()
        .to_string()
}

#[test]
fn json_ballot_with_no_form() {
    let text = parse(r#"{"struck": []}, {}"#);
    assert!(
        text.contains("phiếu số 2 (ballots[1])") && text.contains("`invalid`"),
        "{text}"
    );
}

#[test]
fn json_ballot_with_two_forms() {
    let text = parse(r#"{"struck": [0], "marks": ["agree", "agree"]}"#);
    assert!(
        text.contains("phiếu số 1 (ballots[0])") && text.contains("chỉ được có một"),
        "{text}"
    );
}

#[test]
fn json_negative_struck_index() {
    let text = parse(r#"{"struck": [-1]}"#);
    assert!(
        text.contains("phiếu số 1") && text.contains("âm -1"),
        "{text}"
    );
}

#[test]
fn json_unknown_mark_and_unknown_reason_and_unknown_field() {
    assert!(parse(r#"{"marks": ["yes", "agree"]}"#).contains("phiếu số 1"));
    let text = parse(r#"{"struck": [0]}, {"invalid": "torn"}"#);
    assert!(
        text.contains("phiếu số 2") && text.contains("torn"),
        "{text}"
    );
    let text = parse(r#"{"struck": [0], "strike": [1]}"#);
    assert!(
        text.contains("phiếu số 1") && text.contains("strike"),
        "{text}"
    );
    let text = parse(r#"{"struck": [0], "note": "x"}"#);
    assert!(text.contains("`note`"), "{text}");
}

#[test]
fn json_bad_birth_date_names_the_candidate() {
    let text = r#"{"rules": "plurality", "seats": 1, "ballots_issued": 9,
        "candidates": [{"name": "A"}, {"name": "B", "birth_date": "20/11/1981"}], "ballots": []}"#;
    let e = serde_json::from_str::<ElectionInput>(text)
        .unwrap_err()
        .to_string();
    assert!(e.contains("ứng cử viên số 2 (candidates[1])"), "{e}");
}

#[test]
fn json_unknown_top_level_field_is_refused() {
    let text = r#"{"rules": "plurality", "seat": 1, "seats": 1, "ballots_issued": 9,
        "candidates": [{"name": "A"}], "ballots": []}"#;
    let e = serde_json::from_str::<ElectionInput>(text)
        .unwrap_err()
        .to_string();
    assert!(e.contains("seat"), "{e}");
}

#[test]
fn json_round_trip_of_every_ballot_form() {
    let text = r#"{"rules":"party-2024","seats":1,"alternates":0,"base":9,"ballots_issued":9,"candidates":[{"name":"A","birth_date":"1978-05-02"},{"name":"B"}],"ballots":[{"struck":[1]},{"marks":["agree","disagree","both","none"]},{"invalid":"other","note":"rách"},{"invalid":"not_issued"}]}"#;
    let input: ElectionInput = serde_json::from_str(text).unwrap();
    assert_eq!(input.ballots[0], BallotInput::Struck(vec![1]));
    assert_eq!(
        input.ballots[1],
        BallotInput::Marks(vec![Mark::Agree, Mark::Disagree, Mark::Both, Mark::None])
    );
    assert_eq!(serde_json::to_string(&input).unwrap(), text);
}
