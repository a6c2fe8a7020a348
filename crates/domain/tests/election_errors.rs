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
        kind: None,
        present: None,
        count_started: None,
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

// ---- JSON shape errors name the ballot too, and carry a code -----------------------------------

fn parse(ballots: &str) -> String {
    let text = format!(
        r#"{{"rules": "plurality", "seats": 1, "ballots_issued": 9,
            "candidates": [{{"name": "A"}}, {{"name": "B"}}], "ballots": [{ballots}]}}"#
    );
    ElectionInput::from_json(&text).unwrap_err().to_string()
}

#[test]
fn json_ballot_with_no_form() {
    let text = parse(r#"{"struck": []}, {}"#);
    assert!(
        text.contains("phiếu số 2 (ballots[1])")
            && text.contains("`invalid`")
            && text.ends_with("[bad_ballot]"),
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
    let text = parse(r#"{"marks": ["yes", "agree"]}"#);
    assert!(
        text.contains("phiếu số 1 (ballots[0]), trường `marks[0]`")
            && text.contains("\"yes\"")
            && text.ends_with("[unknown_mark]"),
        "{text}"
    );
    let text = parse(r#"{"struck": [0]}, {"invalid": "torn"}"#);
    assert!(
        text.contains("phiếu số 2") && text.contains("torn") && text.ends_with("[unknown_reason]"),
        "{text}"
    );
    let text = parse(r#"{"struck": [0], "strike": [1]}"#);
    assert!(
        text.contains("phiếu số 1") && text.contains("strike") && text.ends_with("[unknown_field]"),
        "{text}"
    );
    let text = parse(r#"{"struck": [0], "note": "x"}"#);
    assert!(text.contains("`note`"), "{text}");
}

#[test]
fn json_bad_birth_date_names_the_candidate() {
    let text = r#"{"rules": "plurality", "seats": 1, "ballots_issued": 9,
        "candidates": [{"name": "A"}, {"name": "B", "birth_date": "20/11/1981"}], "ballots": []}"#;
    let e = ElectionInput::from_json(text).unwrap_err().to_string();
    assert!(
        e.contains("ứng cử viên số 2 (candidates[1]), trường `birth_date`")
            && e.contains("20/11/1981")
            && e.ends_with("[bad_date]"),
        "{e}"
    );
}

#[test]
fn json_unknown_top_level_field_is_refused() {
    let text = r#"{"rules": "plurality", "seat": 1, "seats": 1, "ballots_issued": 9,
        "candidates": [{"name": "A"}], "ballots": []}"#;
    let e = ElectionInput::from_json(text).unwrap_err().to_string();
    assert!(
        e.contains("`seat`") && e.contains("seats") && e.ends_with("[unknown_field]"),
        "{e}"
    );
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

// ---- every refused input has a code and names the field (issue 7) ------------------------------

const MINIMAL: &str =
    r#"{"rules": "plurality", "seats": 1, "candidates": [{"name": "A"}, {"name": "B"}]}"#;

fn json_err(text: &str) -> String {
    ElectionInput::from_json(text).unwrap_err().to_string()
}

#[test]
fn malformed_json_gives_line_and_column_and_a_code() {
    let e = json_err("{\"rules\": \"plurality\",\n \"seats\": 1,, }");
    assert!(
        e.contains("dòng 2, cột") && e.contains("JSON") && e.ends_with("[bad_json]"),
        "{e}"
    );
    let e = json_err(&format!("{MINIMAL} trailing"));
    assert!(e.ends_with("[bad_json]"), "{e}");
    let e = json_err("");
    assert!(e.ends_with("[bad_json]"), "{e}");
}

#[test]
fn a_missing_required_field_is_named() {
    let e = json_err(r#"{"seats": 1, "candidates": [{"name": "A"}]}"#);
    assert!(
        e.contains("thiếu trường bắt buộc `rules`") && e.ends_with("[missing_field]"),
        "{e}"
    );
    let e = json_err(
        r#"{"rules": "plurality", "seats": 1, "candidates": [{"birth_date": "1978-05-02"}]}"#,
    );
    assert!(
        e.contains("ứng cử viên số 1 (candidates[0])")
            && e.contains("`name`")
            && e.ends_with("[missing_field]"),
        "{e}"
    );
}

#[test]
fn a_value_of_the_wrong_type_is_named() {
    let e = json_err(r#"{"rules": "plurality", "seats": "một", "candidates": [{"name": "A"}]}"#);
    assert!(
        e.contains("trường `seats`") && e.ends_with("[bad_value]"),
        "{e}"
    );
    let e = json_err(r#"{"rules": "plurality", "seats": -1, "candidates": [{"name": "A"}]}"#);
    assert!(
        e.contains("trường `seats`") && e.ends_with("[bad_value]"),
        "{e}"
    );
    let e = json_err("[1, 2]");
    assert!(e.ends_with("[bad_value]"), "{e}");
}

#[test]
fn an_impossible_birth_date_is_refused() {
    for date in ["1981-02-30", "1981-2-3", "81-02-03", ""] {
        let text = format!(
            r#"{{"rules": "plurality", "seats": 1, "candidates": [{{"name": "A", "birth_date": "{date}"}}]}}"#
        );
        let e = json_err(&text);
        assert!(e.ends_with("[bad_date]"), "{date}: {e}");
    }
}

#[test]
fn an_unknown_kind_is_refused_with_the_known_ones() {
    let e = json_err(
        r#"{"rules": "plurality", "kind": "president", "seats": 1, "candidates": [{"name": "A"}]}"#,
    );
    assert!(
        e.contains("trường `kind`")
            && e.contains("standing_committee")
            && e.ends_with("[unknown_kind]"),
        "{e}"
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let with_bom = format!("\u{feff}{MINIMAL}");
    let input = ElectionInput::from_json(&with_bom).expect("a BOM is skipped");
    assert_eq!(input.candidates.len(), 2);
    let input = ElectionInput::from_json_bytes(with_bom.as_bytes()).expect("bytes too");
    assert_eq!(input.seats, 1);
}

#[test]
fn bytes_that_are_not_utf8_are_refused_with_the_offset() {
    let mut bytes = MINIMAL.as_bytes().to_vec();
    bytes.insert(20, 0xC3);
    bytes.insert(21, 0x28);
    let e = ElectionInput::from_json_bytes(&bytes)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("byte thứ 21") && e.ends_with("[not_utf8]"),
        "{e}"
    );
}

fn named(names: &[&str]) -> ElectionInput {
    let mut input = election("plurality", 1, names.len());
    for (c, name) in input.candidates.iter_mut().zip(names) {
        c.name = (*name).to_owned();
    }
    input
}

#[test]
fn a_name_with_a_line_break_or_an_invisible_character_is_refused() {
    for bad in [
        "Lò Văn\nÁnh",
        "Lò\tVăn Ánh",
        "Lò Văn\u{200B}Ánh",
        "Lò Văn Ánh\u{202E}",
    ] {
        let (e, text) = err(&named(&["Nguyễn Thị Bình", bad]));
        assert!(
            matches!(e, InputError::ControlCharacter { .. }),
            "{bad:?}: {e:?}"
        );
        assert!(
            text.contains("ứng cử viên số 2 (candidates[1]), trường `name`")
                && text.contains("U+")
                && text.ends_with("[control_character]"),
            "{text}"
        );
    }
}

#[test]
fn a_name_of_only_invisible_characters_or_marks_is_empty() {
    for bad in ["\u{200B}\u{200B}", " \u{00A0} ", "...", "\u{0301}"] {
        let (e, _) = err(&named(&["A", bad]));
        assert!(
            matches!(
                e,
                InputError::EmptyName { index: 1 } | InputError::ControlCharacter { .. }
            ),
            "{bad:?}: {e:?}"
        );
    }
    let (e, text) = err(&named(&["A", "..."]));
    assert_eq!(e, InputError::EmptyName { index: 1 });
    assert!(text.ends_with("[empty_name]"), "{text}");
}

#[test]
fn an_overlong_name_or_word_is_refused() {
    let word = "Đ".repeat(300);
    let (e, text) = err(&named(&["A", &word]));
    assert!(
        matches!(e, InputError::TextTooLong { length: 300, .. }),
        "{e:?}"
    );
    assert!(text.ends_with("[text_too_long]"), "{text}");
    let word = format!("Lò Văn {}", "Á".repeat(41));
    let (e, text) = err(&named(&["A", &word]));
    assert!(
        matches!(e, InputError::WordTooLong { length: 41, .. }),
        "{e:?}"
    );
    assert!(text.ends_with("[word_too_long]"), "{text}");
    let mut input = named(&["A", "B"]);
    input.congress = Some("Đ".repeat(32_768));
    let text = err(&input).1;
    assert!(
        text.contains("trường `congress`") && text.ends_with("[text_too_long]"),
        "{text}"
    );
    let mut input = named(&["A", "B"]);
    input.election = Some(format!("Bầu {}", "Đ".repeat(100)));
    assert!(err(&input).1.ends_with("[word_too_long]"));
}

#[test]
fn namesakes_must_be_told_apart_by_birth_date() {
    use chrono::NaiveDate;
    let date = |s: &str| Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap());
    let mut input = named(&["Lò Văn Ánh", "Nguyễn Thị Bình", "Lò  Văn Ánh "]);
    input.candidates[0].birth_date = date("1978-05-02");
    input.candidates[2].birth_date = date("1978-05-02");
    let (e, text) = err(&input);
    assert_eq!(
        e,
        InputError::DuplicateCandidate {
            first: 0,
            second: 2,
            name: "Lò  Văn Ánh".into(),
            same_birth_date: true
        }
    );
    assert!(
        text.contains("candidates[0]")
            && text.contains("candidates[2]")
            && text.contains("cùng ngày sinh")
            && text.ends_with("[duplicate_candidate]"),
        "{text}"
    );
    input.candidates[2].birth_date = None;
    assert!(err(&input).1.contains("thiếu ngày sinh"));
    input.candidates[2].birth_date = date("1985-03-11");
    assert!(
        tally(&input).is_ok(),
        "different birth dates tell them apart"
    );
}

#[test]
fn a_hundred_thousand_identical_names_are_refused() {
    let input = named(&vec!["Lò Văn Ánh"; 100_000]);
    let (e, text) = err(&input);
    assert_eq!(
        e,
        InputError::TooManyCandidates {
            count: 100_000,
            max: 1_000
        }
    );
    assert!(text.ends_with("[too_many_candidates]"), "{text}");
    let input = named(&vec!["Lò Văn Ánh"; 1_000]);
    assert!(matches!(
        err(&input).0,
        InputError::DuplicateCandidate {
            first: 0,
            second: 1,
            ..
        }
    ));
}

#[test]
fn titles_empty_once_invisible_characters_are_removed_or_turned_around_are_refused() {
    use daihoi_domain::election::CountingCommitteeMember;
    type Set = fn(&mut ElectionInput, &str);
    let fields: [(&str, Set); 5] = [
        ("trường `congress`", |i, t| i.congress = Some(t.into())),
        ("trường `election`", |i, t| i.election = Some(t.into())),
        ("trường `place_date`", |i, t| {
            i.place_date = Some(t.into())
        }),
        ("counting_committee[0]), trường `name`", |i, t| {
            i.counting_committee = vec![CountingCommitteeMember {
                name: t.into(),
                role: None,
            }]
        }),
        ("counting_committee[0]), trường `role`", |i, t| {
            i.counting_committee = vec![CountingCommitteeMember {
                name: "Lò Văn Ánh".into(),
                role: Some(t.into()),
            }]
        }),
    ];
    for (place, set) in fields {
        // Only invisible characters, or a right-to-left override that turns the text around.
        for bad in [
            "\u{200B}",
            "\u{200B}\u{2060}\u{FEFF}",
            "Bầu \u{202E}iúđ ểc",
            "\u{2067}Bầu\u{2069}",
            "Bầu\u{0007}",
        ] {
            let mut input = named(&["A", "B"]);
            set(&mut input, bad);
            let (e, text) = err(&input);
            assert!(
                matches!(e, InputError::ControlCharacter { .. }),
                "{place} {bad:?}: {e:?}"
            );
            assert!(
                text.contains(place) && text.ends_with("[control_character]"),
                "{text}"
            );
        }
        // Visible, but not a word: marks, punctuation or symbols only.
        for bad in ["\u{0301}\u{0301}", "...", " — ", "★"] {
            let mut input = named(&["A", "B"]);
            set(&mut input, bad);
            let (e, text) = err(&input);
            assert!(
                matches!(e, InputError::EmptyText { .. }),
                "{place} {bad:?}: {e:?}"
            );
            assert!(
                text.contains(place) && text.ends_with("[empty_text]"),
                "{text}"
            );
        }
        let mut input = named(&["A", "B"]);
        set(&mut input, "Đại hội lần thứ XV (2025–2030)");
        assert!(tally(&input).is_ok(), "{place}");
    }
    // A blank heading prints like a missing one; a committee member needs a name.
    let mut input = named(&["A", "B"]);
    input.congress = Some("  ".into());
    input.election = Some(String::new());
    assert!(tally(&input).is_ok());
    input.counting_committee = vec![CountingCommitteeMember {
        name: " ".into(),
        role: Some("Trưởng ban".into()),
    }];
    assert!(err(&input).1.ends_with("[empty_text]"));
}

#[test]
fn the_time_the_count_started_is_a_time_of_day() {
    let mut input = named(&["A", "B"]);
    for good in ["14:30", "7:05", "00:00", "23:59"] {
        input.count_started = Some(good.into());
        assert!(tally(&input).is_ok(), "{good}");
    }
    for bad in ["24:00", "14h30", "14:3", "14:60", "", "giờ"] {
        input.count_started = Some(bad.into());
        let (e, text) = err(&input);
        assert!(matches!(e, InputError::BadTime { .. }), "{bad}: {e:?}");
        assert!(
            text.contains("`count_started`") && text.ends_with("[bad_time]"),
            "{text}"
        );
    }
}

#[test]
fn every_input_error_message_ends_with_a_code() {
    let errors = [
        InputError::Json {
            code: "bad_json",
            location: String::new(),
            detail: "x".into(),
        },
        InputError::UnknownRules { name: "x".into() },
        InputError::MissingBase {
            rules: "party-2024".into(),
        },
        InputError::ZeroBase,
        InputError::NoSeats,
        InputError::TooManyCandidates { count: 2, max: 1 },
        InputError::DuplicateCandidate {
            first: 0,
            second: 1,
            name: "A".into(),
            same_birth_date: false,
        },
        InputError::ControlCharacter {
            field: "f".into(),
            character: '\n',
        },
        InputError::TextTooLong {
            field: "f".into(),
            length: 2,
            max: 1,
        },
        InputError::WordTooLong {
            field: "f".into(),
            length: 2,
            max: 1,
        },
        InputError::BadTime { value: "x".into() },
        InputError::EmptyText { field: "f".into() },
        InputError::NoCandidates,
        InputError::EmptyName { index: 0 },
        InputError::TooManyBallots {
            collected: 2,
            issued: 1,
        },
        InputError::StruckOutOfRange {
            index: 0,
            value: 5,
            candidates: 2,
        },
        InputError::StruckRepeated { index: 0, value: 1 },
        InputError::MarksLength {
            index: 0,
            found: 1,
            expected: 2,
        },
        InputError::ReasonNotAllowed {
            index: 0,
            reason: InvalidReason::Other,
            rules: "x".into(),
        },
        InputError::NoteRequired { index: 0 },
    ];
    for e in errors {
        let text = e.to_string();
        let code = text.rsplit_once(" [").map(|(_, c)| c);
        assert!(
            code.is_some_and(|c| c.ends_with(']')
                && c[..c.len() - 1]
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'_')),
            "{text}"
        );
    }
}
