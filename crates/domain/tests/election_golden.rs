//! The example of issue 3 must give exactly the issue's output (plus `warnings`).

use daihoi_domain::election::{ElectionInput, tally};

const INPUT: &str = include_str!("../../cli/tests/fixtures/elections/issue3-example.json");
const EXPECTED: &str =
    include_str!("../../cli/tests/fixtures/elections/issue3-example.expected.json");

/// The issue's output, compacted by hand in the issue's field order.
const EXPECTED_TEXT_PREFIX: &str = concat!(
    r#"{"rules":"party-2024","ballots_issued":9,"ballots_collected":4,"valid":2,"invalid":2,"#,
    r#""invalid_by_reason":{"not_issued":1,"too_many_names":1},"#,
    r#""threshold":{"base_kind":"convened","base":9,"votes_needed":5},"#,
    r#""candidates":[{"index":0,"name":"Lò Văn Ánh","votes":1,"percent":11.11,"passed":false},"#,
    r#"{"index":1,"name":"Nguyễn Thị Bình","votes":1,"percent":11.11,"passed":false}],"#,
    r#""elected":[],"alternates":[],"tied_for_last_seat":[],"unfilled_seats":1,"#,
    r#""warnings":["#
);

#[test]
fn issue_example_gives_the_issue_values() {
    let input: ElectionInput = serde_json::from_str(INPUT).unwrap();
    let got = serde_json::to_value(tally(&input).unwrap()).unwrap();
    let expected: serde_json::Value = serde_json::from_str(EXPECTED).unwrap();
    let got = got.as_object().unwrap();
    let expected = expected.as_object().unwrap();
    for (key, value) in expected {
        assert_eq!(&got[key], value, "field {key}");
    }
    let mut extra: Vec<&String> = got.keys().filter(|k| !expected.contains_key(*k)).collect();
    extra.sort();
    assert_eq!(extra, ["warnings"]);
}

#[test]
fn issue_example_text_has_the_issue_field_order_then_warnings() {
    let input: ElectionInput = serde_json::from_str(INPUT).unwrap();
    let text = serde_json::to_string(&tally(&input).unwrap()).unwrap();
    assert!(text.starts_with(EXPECTED_TEXT_PREFIX), "{text}");
    assert!(text.ends_with("]}"), "{text}");
}
