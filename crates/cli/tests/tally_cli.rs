//! `daihoi tally` as a user runs it: the issue's example, the fixtures, `--check`,
//! `--list-rules`, and exit code 2 with a message naming the ballot and field for bad input.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/elections")
        .join(name)
}

fn daihoi(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_daihoi"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("daihoi runs");
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn tally_file(name: &str) -> serde_json::Value {
    let out = daihoi(&["tally", fixture(name).to_str().unwrap()], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Runs `daihoi tally -` on `json`; expects exit 2 and returns stderr.
fn input_error(json: &str) -> String {
    let out = daihoi(&["tally", "-"], Some(json));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(out.stdout.is_empty(), "nothing on stdout for bad input");
    stderr
}

#[test]
fn issue_example_prints_the_issue_output() {
    let out = daihoi(
        &["tally", fixture("issue3-example.json").to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let got: serde_json::Value = serde_json::from_str(&text).unwrap();
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("issue3-example.expected.json")).unwrap(),
    )
    .unwrap();
    let keys: Vec<&String> = expected.as_object().unwrap().keys().collect();
    for key in &keys {
        assert_eq!(got[key.as_str()], expected[key.as_str()], "field {key}");
    }
    assert_eq!(
        got.as_object().unwrap().len(),
        keys.len() + 1,
        "only `warnings` added"
    );
    // Top-level fields come in the issue's order, then `warnings`.
    let order = [
        "rules",
        "ballots_issued",
        "ballots_collected",
        "valid",
        "invalid",
        "invalid_by_reason",
        "threshold",
        "candidates",
        "elected",
        "alternates",
        "tied_for_last_seat",
        "unfilled_seats",
        "warnings",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|k| {
            text.find(&format!("\n  \"{k}\":"))
                .unwrap_or_else(|| panic!("{k} in {text}"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
}

#[test]
fn delegates_with_alternates() {
    // Điều 18: each ballot keeps at most the 2 official seats; whoever passes beyond them is the
    // alternate, in vote order.
    let t = tally_file("delegates-with-alternates.json");
    assert_eq!(t["valid"], 7);
    assert_eq!(t["invalid_by_reason"], serde_json::json!({"not_issued": 1}));
    assert_eq!(
        t["threshold"],
        serde_json::json!({"base_kind": "convened", "base": 7, "votes_needed": 4})
    );
    let votes: Vec<u64> = t["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["votes"].as_u64().unwrap())
        .collect();
    assert_eq!(votes, [5, 5, 4, 0]);
    assert_eq!(t["candidates"][0]["percent"], 71.43);
    assert_eq!(t["candidates"][2]["percent"], 57.14);
    assert_eq!(t["elected"], serde_json::json!([0, 1]));
    assert_eq!(t["alternates"], serde_json::json!([2]));
    assert_eq!(t["unfilled_alternates"], 0);
    assert_eq!(t["tied_for_last_alternate"], serde_json::json!([]));
}

#[test]
fn under_party_rules_a_ballot_keeping_seats_plus_alternates_is_invalid() {
    let json = r#"{"rules": "party-2024", "kind": "delegates", "seats": 2, "alternates": 1,
        "base": 3, "ballots_issued": 2,
        "candidates": [{"name": "A"}, {"name": "B"}, {"name": "C"}, {"name": "D"}],
        "ballots": [{"struck": [3]}, {"struck": [2, 3]}]}"#;
    let out = daihoi(&["tally", "-"], Some(json));
    assert_eq!(out.status.code(), Some(0));
    let t: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        t["invalid_by_reason"],
        serde_json::json!({"too_many_names": 1})
    );
    assert_eq!(t["valid"], 1);
}

#[test]
fn every_refused_input_names_the_field_and_ends_with_a_code() {
    let cases = [
        ("{\"rules\": \"plurality\",, }", "[bad_json]", "dòng 1"),
        (
            r#"{"seats": 1, "candidates": [{"name": "A"}]}"#,
            "[missing_field]",
            "`rules`",
        ),
        (
            r#"{"rules": "plurality", "seats": 1, "candidates": [{"name": "A", "birth_date": "1981-02-30"}]}"#,
            "[bad_date]",
            "candidates[0]",
        ),
        (
            r#"{"rules": "plurality", "seats": 1, "candidates": [{"name": "A"}, {"name": "B"}], "ballots": [{"marks": ["yes", "agree"]}]}"#,
            "[unknown_mark]",
            "ballots[0]",
        ),
        (
            r#"{"rules": "plurality", "seats": 1, "candidates": [{"name": "A"}], "ballots": [{"invalid": "torn"}]}"#,
            "[unknown_reason]",
            "ballots[0]",
        ),
        (
            r#"{"rules": "plurality", "seats": 1, "candidates": [{"name": "Lò Văn\nÁnh"}]}"#,
            "[control_character]",
            "candidates[0]",
        ),
        (
            r#"{"rules": "plurality", "seats": 1, "candidates": [{"name": "A", "birth_date": "1978-05-02"}, {"name": "A", "birth_date": "1978-05-02"}]}"#,
            "[duplicate_candidate]",
            "candidates[1]",
        ),
        (
            r#"{"rules": "plurality", "seats": 1, "candidates": [{"name": "\u200b"}]}"#,
            "[control_character]",
            "candidates[0]",
        ),
    ];
    for (json, code, place) in cases {
        let stderr = input_error(json);
        assert!(
            stderr.trim_end().ends_with(code) && stderr.contains(place),
            "{json}: {stderr}"
        );
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = std::fs::read_to_string(fixture("issue3-example.json")).unwrap();
    let out = daihoi(&["tally", "-"], Some(&format!("\u{feff}{text}")));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn two_candidates_for_one_secretary_is_no_surplus_warning() {
    let json = r#"{"rules": "party-2024", "kind": "secretary", "seats": 1, "base": 9,
        "candidates": [{"name": "Lò Văn Ánh"}, {"name": "Nguyễn Thị Bình"}]}"#;
    let out = daihoi(&["tally", "--check", "-"], Some(json));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("không có cảnh báo"), "{text}");
    let committee = json.replace("secretary", "committee");
    let out = daihoi(&["tally", "--check", "-"], Some(&committee));
    assert!(String::from_utf8_lossy(&out.stdout).contains("[surplus_over_max]"));
}

#[test]
fn state_tie_goes_to_the_older() {
    let t = tally_file("state-older-wins.json");
    assert_eq!(
        t["threshold"],
        serde_json::json!({"base_kind": "valid_ballots", "base": 5, "votes_needed": 3})
    );
    assert_eq!(t["elected"], serde_json::json!([0, 1]));
    assert_eq!(t["tied_for_last_seat"], serde_json::json!([]));
}

#[test]
fn secretary_without_surplus_uses_marks() {
    let t = tally_file("secretary-no-surplus.json");
    assert_eq!(
        (t["valid"].as_u64(), t["invalid"].as_u64()),
        (Some(9), Some(1))
    );
    assert_eq!(t["candidates"][0]["votes"], 6);
    assert_eq!(t["candidates"][0]["percent"], 54.55);
    assert_eq!(t["elected"], serde_json::json!([0]));
    assert_eq!(t["warnings"], serde_json::json!([]));
}

#[test]
fn check_prints_only_the_surplus_check() {
    let out = daihoi(
        &[
            "tally",
            "--check",
            fixture("issue3-example.json").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Danh sách có 2 người, cần bầu 1, số dư 1 người (100,00%).\n"),
        "{text}"
    );
    assert!(
        text.contains("[surplus_over_max]") && text.contains("tối đa 30%"),
        "{text}"
    );
    assert!(!text.contains('{'), "no JSON: {text}");

    let out = daihoi(
        &[
            "tally",
            "--check",
            fixture("secretary-no-surplus.json").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("không có số dư") && text.contains("không có cảnh báo"),
        "{text}"
    );
}

#[test]
fn check_still_refuses_bad_input() {
    let out = daihoi(
        &["tally", "--check", "-"],
        Some(
            r#"{"rules": "party-2024", "seats": 1, "ballots_issued": 1, "candidates": [{"name": "A"}, {"name": "B"}], "ballots": []}"#,
        ),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`base`"));
}

#[test]
fn list_rules_names_every_rule_set_and_code() {
    let out = daihoi(&["tally", "--list-rules"], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "party-2024",
        "190-QĐ/TW",
        "party-2014",
        "244-QĐ/TW",
        "state",
        "plurality",
        "convened",
        "valid_ballots",
        "none",
        "revote_among_tied",
        "older_wins",
        "report_only",
        "tối đa 30%",
        "cần bầu 3–5 người thì dư tối đa 1 người",
        "10–15%",
        "not_issued",
        "too_many_names",
        "all_struck",
        "marked",
        "other",
    ] {
        assert!(text.contains(needle), "{needle} missing from:\n{text}");
    }
}

#[test]
fn reads_standard_input() {
    let json = std::fs::read_to_string(fixture("issue3-example.json")).unwrap();
    let out = daihoi(&["tally", "-"], Some(&json));
    assert_eq!(out.status.code(), Some(0));
    let t: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(t["valid"], 2);
}

#[test]
fn missing_file_is_exit_1_and_says_so() {
    let out = daihoi(&["tally", "/nonexistent/bầu-cử.json"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("không đọc được tệp"));
}

#[test]
fn an_election_file_over_64_mb_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("qua-lon.json");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(64 * 1024 * 1024 + 1).unwrap(); // sparse: no disk used
    for command in ["tally", "ballots"] {
        let mut args = vec![command, path.to_str().unwrap()];
        let out_pdf = dir.path().join("phieu.pdf");
        if command == "ballots" {
            args.extend(["--out", out_pdf.to_str().unwrap()]);
        }
        let out = daihoi(&args, None);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command}: {stderr}");
        assert!(stderr.contains("lớn hơn 64 MB"), "{stderr}");
        assert!(stderr.contains("[input_too_large]"), "{stderr}");
        assert!(!out_pdf.exists());
    }
}

#[test]
fn no_file_and_no_list_rules_is_a_usage_error() {
    let out = daihoi(&["tally"], None);
    assert_eq!(out.status.code(), Some(2));
}

const HEAD: &str =
    r#""seats": 1, "base": 9, "ballots_issued": 3, "candidates": [{"name": "A"}, {"name": "B"}]"#;

fn with_ballots(ballots: &str) -> String {
    format!(r#"{{"rules": "party-2024", {HEAD}, "ballots": [{ballots}]}}"#)
}

#[test]
fn unknown_rules_exit_2() {
    let e = input_error(&format!(
        r#"{{"rules": "party-1930", {HEAD}, "ballots": []}}"#
    ));
    assert!(
        e.contains("`rules`") && e.contains("party-1930") && e.contains("[unknown_rules]"),
        "{e}"
    );
}

#[test]
fn missing_base_exit_2() {
    let e = input_error(
        r#"{"rules": "party-2014", "seats": 1, "ballots_issued": 3, "candidates": [{"name": "A"}, {"name": "B"}], "ballots": []}"#,
    );
    assert!(e.contains("`base`") && e.contains("[missing_base]"), "{e}");
}

#[test]
fn struck_out_of_range_exit_2_names_the_ballot() {
    let e = input_error(&with_ballots(r#"{"struck": [1]}, {"struck": [2]}"#));
    assert!(
        e.contains("phiếu số 2 (ballots[1]), trường `struck`")
            && e.contains("[struck_out_of_range]"),
        "{e}"
    );
}

#[test]
fn struck_repeated_exit_2() {
    let e = input_error(&with_ballots(r#"{"struck": [0, 0]}"#));
    assert!(
        e.contains("phiếu số 1 (ballots[0])") && e.contains("[struck_repeated]"),
        "{e}"
    );
}

#[test]
fn too_many_ballots_exit_2() {
    let e = input_error(&with_ballots(
        r#"{"struck": [0]}, {"struck": [0]}, {"struck": [0]}, {"struck": [1]}"#,
    ));
    assert!(
        e.contains("`ballots_issued`") && e.contains("[too_many_ballots]"),
        "{e}"
    );
}

#[test]
fn wrong_form_exit_2() {
    let e = input_error(&with_ballots(r#"{"marks": ["agree", "agree"]}"#));
    assert!(
        e.contains("phiếu số 1 (ballots[0])")
            && e.contains("`struck`")
            && e.contains("[wrong_form]"),
        "{e}"
    );
}

#[test]
fn marks_length_exit_2() {
    let json = r#"{"rules": "state", "seats": 2, "ballots_issued": 3, "candidates": [{"name": "A"}, {"name": "B"}], "ballots": [{"marks": ["agree", "agree"]}, {"marks": ["agree"]}]}"#;
    let e = input_error(json);
    assert!(
        e.contains("phiếu số 2 (ballots[1]), trường `marks`") && e.contains("[marks_length]"),
        "{e}"
    );
}

#[test]
fn other_without_note_exit_2() {
    let e = input_error(&with_ballots(r#"{"invalid": "other"}"#));
    assert!(e.contains("`note`") && e.contains("[note_required]"), "{e}");
}

#[test]
fn malformed_json_exit_2_names_the_ballot() {
    let e = input_error(&with_ballots(r#"{"struck": [0]}, {"strike": [1]}"#));
    assert!(
        e.contains("phiếu số 2 (ballots[1])") && e.contains("strike"),
        "{e}"
    );
    let e = input_error("{ not json");
    assert!(
        e.contains("đầu vào chuẩn không phải dữ liệu bầu cử hợp lệ"),
        "{e}"
    );
}

#[test]
fn check_works_on_a_file_written_before_the_vote() {
    let json = r#"{"rules": "party-2024", "seats": 4, "base": 30,
        "candidates": [{"name": "A"}, {"name": "B"}, {"name": "C"}, {"name": "D"}, {"name": "E"}, {"name": "G"}]}"#;
    let out = daihoi(&["tally", "--check", "-"], Some(json));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("số dư 2 người (50,00%)") && text.contains("[surplus_small_committee]"),
        "{text}"
    );
}
