//! `daihoi ballots` and `daihoi tally --minutes/--xlsx` as a user runs them: files written,
//! exit codes, Vietnamese messages. What the documents contain is tested in `daihoi-documents`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ELECTION: &str = r#"{ "rules": "party-2024", "seats": 1, "alternates": 0, "base": 9,
  "ballots_issued": 9, "congress": "Đại hội Chi bộ Bản Lướt", "election": "Bầu Bí thư Chi bộ",
  "place_date": "Tân Uyên, ngày 08 tháng 6 năm 2025",
  "candidates": [{"name": "Lò Văn Ánh", "birth_date": "1978-05-02"},
                 {"name": "Nguyễn Thị Bình", "birth_date": "1981-11-20"}],
  "ballots": [ {"struck": [1]}, {"struck": [0]}, {"struck": []}, {"invalid": "not_issued"} ] }"#;

/// A fresh, empty folder for one test.
fn folder(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "daihoi-documents-cli-{}-{test}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp folder");
    dir
}

fn daihoi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_daihoi"))
        .args(args)
        .output()
        .expect("daihoi runs")
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("input written");
    path.to_string_lossy().into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn tally_writes_minutes_and_workbook_beside_the_json_result() {
    let dir = folder("tally");
    let input = write(&dir, "election.json", ELECTION);
    let minutes = dir.join("bien-ban.pdf");
    let xlsx = dir.join("ket-qua.xlsx");
    let output = daihoi(&[
        "tally",
        &input,
        "--minutes",
        minutes.to_str().unwrap(),
        "--xlsx",
        xlsx.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON result");
    assert_eq!(result["valid"], 2);
    let pdf = std::fs::read(&minutes).expect("minutes written");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    assert!(
        String::from_utf8_lossy(&pdf).contains("+LibertinusSerif-"),
        "font embedded"
    );
    let workbook = std::fs::read(&xlsx).expect("workbook written");
    assert!(workbook.starts_with(b"PK"), "an xlsx (zip) file");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("daihoi-tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary file left: {leftovers:?}"
    );
}

#[test]
fn tally_minutes_to_a_missing_folder_fails_with_exit_1_naming_the_path() {
    let dir = folder("tally-unwritable");
    let input = write(&dir, "election.json", ELECTION);
    let target = dir.join("khong-co").join("bien-ban.pdf");
    let output = daihoi(&["tally", &input, "--minutes", target.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("không ghi được biên bản kiểm phiếu"),
        "{message}"
    );
    assert!(message.contains("khong-co"), "{message}");
}

#[test]
fn ballots_writes_a_pdf() {
    let dir = folder("ballots");
    let input = write(&dir, "election.json", ELECTION);
    let out = dir.join("phieu-bau.pdf");
    let output = daihoi(&["ballots", &input, "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pdf = std::fs::read(&out).expect("ballot written");
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn ballots_accepts_a_file_written_before_the_vote() {
    let dir = folder("ballots-before");
    let input = write(
        &dir,
        "election.json",
        r#"{"rules": "state", "seats": 2, "candidates": [{"name": "Lò Thị Ánh"}, {"name": "Vàng A Sử"}]}"#,
    );
    let out = dir.join("phieu-bau.pdf");
    let output = daihoi(&["ballots", &input, "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(out.exists());
}

#[test]
fn ballots_input_errors_exit_2_with_a_vietnamese_message_and_write_nothing() {
    let dir = folder("ballots-errors");
    let out = dir.join("phieu-bau.pdf");
    let cases = [
        ("{ not json", "không phải dữ liệu bầu cử hợp lệ"),
        (
            r#"{"rules": "party-2030", "seats": 1, "candidates": [{"name": "A"}]}"#,
            "không có quy chế bầu cử",
        ),
        (
            r#"{"rules": "state", "seats": 0, "candidates": [{"name": "A"}]}"#,
            "`seats`",
        ),
        (
            r#"{"rules": "state", "seats": 1, "candidates": []}"#,
            "`candidates`",
        ),
        (
            r#"{"rules": "state", "seats": 1, "candidates": [{"name": "A"}, {"name": " "}]}"#,
            "ứng cử viên số 2",
        ),
        (
            r#"{"rules": "state", "seats": 1, "candidates": [{"name": "Lò 字"}]}"#,
            "U+5B57",
        ),
    ];
    for (i, (json, expected)) in cases.iter().enumerate() {
        let input = write(&dir, &format!("case-{i}.json"), json);
        let output = daihoi(&["ballots", &input, "--out", out.to_str().unwrap()]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "case {i}: {message}");
        assert!(
            message.contains(expected),
            "case {i}: {expected:?} not in {message:?}"
        );
        assert!(!out.exists(), "case {i}: nothing written");
    }
}

#[test]
fn ballots_from_a_missing_file_exit_1() {
    let dir = folder("ballots-missing");
    let missing = dir.join("khong-co.json");
    let out = dir.join("phieu-bau.pdf");
    let output = daihoi(&[
        "ballots",
        missing.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("không đọc được tệp"),
        "{}",
        stderr(&output)
    );
}

/// Runs `daihoi ARGS` where `{in}` is an input file holding `json` and `{out}` a PDF path;
/// expects exit 2, nothing written, and returns stderr.
fn refused(test: &str, json: &str, command: &str) -> String {
    let dir = folder(test);
    let input = write(&dir, "election.json", json);
    let out = dir.join("out.pdf");
    let output = match command {
        "ballots" => daihoi(&["ballots", &input, "--out", out.to_str().unwrap()]),
        _ => daihoi(&["tally", &input, "--minutes", out.to_str().unwrap()]),
    };
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{command}: {message}");
    assert!(!out.exists(), "nothing written");
    message
}

#[test]
fn a_word_of_32768_letters_is_refused_not_a_panic() {
    let word = "Đ".repeat(32_768);
    for command in ["ballots", "tally"] {
        let json = ELECTION.replace("Bầu Bí thư Chi bộ", &word);
        let message = refused(&format!("long-word-{command}"), &json, command);
        assert!(
            message.contains("`election`") && message.trim_end().ends_with("[text_too_long]"),
            "{message}"
        );
        let json = ELECTION.replace("Nguyễn Thị Bình", &word);
        let message = refused(&format!("long-name-{command}"), &json, command);
        assert!(
            message.contains("candidates[1]") && message.trim_end().ends_with("[text_too_long]"),
            "{message}"
        );
    }
}

#[test]
fn ballots_refuses_a_list_longer_than_one_sheet() {
    let names: Vec<String> = (1..=61)
        .map(|i| format!(r#"{{"name": "Người số {i}"}}"#))
        .collect();
    let json = format!(
        r#"{{"rules": "party-2024", "seats": 50, "base": 100, "candidates": [{}]}}"#,
        names.join(",")
    );
    let message = refused("sixty-one", &json, "ballots");
    assert!(
        message.contains("61 người") && message.contains("một tờ"),
        "{message}"
    );
}

#[test]
fn ballots_refuses_bad_json_with_a_code() {
    let message = refused("bad-json", "{\"rules\": ", "ballots");
    assert!(message.trim_end().ends_with("[bad_json]"), "{message}");
    let message = refused(
        "namesakes",
        &ELECTION.replace(
            "Nguyễn Thị Bình\", \"birth_date\": \"1981-11-20",
            "Lò Văn Ánh\", \"birth_date\": \"1978-05-02",
        ),
        "ballots",
    );
    assert!(
        message.trim_end().ends_with("[duplicate_candidate]"),
        "{message}"
    );
}

#[test]
fn ballots_accepts_a_byte_order_mark_and_prints_sixty_names() {
    let dir = folder("bom-sixty");
    let names: Vec<String> = (1..=60)
        .map(|i| format!(r#"{{"name": "Nguyễn Thị Phương Thảo {i}"}}"#))
        .collect();
    let json = format!(
        "\u{feff}{{\"rules\": \"party-2024\", \"kind\": \"committee\", \"seats\": 50, \"base\": 100, \"candidates\": [{}]}}",
        names.join(",")
    );
    let input = write(&dir, "election.json", &json);
    let out = dir.join("phieu.pdf");
    let output = daihoi(&["ballots", &input, "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pdf = std::fs::read(&out).expect("written");
    assert!(
        pdf.starts_with(b"%PDF-"),
        "a PDF (one sheet: tests/ballot.rs in daihoi-documents)"
    );
}
