//! Where `daihoi ballots --out` and `daihoi tally --minutes/--xlsx` write, and what they refuse:
//! the document goes through a temporary file created exclusively beside the target, a planted
//! link at the old temporary name is never followed, and a target that is a folder, a link or a
//! special file (a FIFO) is refused with exit 2 and left as it was. Also the size of the input:
//! 100.000 candidates are refused at once with exit 2.

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const ELECTION: &str = r#"{ "rules": "party-2024", "seats": 1, "alternates": 0, "base": 9,
  "ballots_issued": 9, "congress": "Đại hội Chi bộ Bản Lướt", "election": "Bầu Bí thư Chi bộ",
  "candidates": [{"name": "Lò Văn Ánh", "birth_date": "1978-05-02"},
                 {"name": "Nguyễn Thị Bình", "birth_date": "1981-11-20"}],
  "ballots": [ {"struck": [1]}, {"struck": [0]}, {"struck": []} ] }"#;

/// A fresh, empty folder for one test.
fn folder(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "daihoi-documents-out-{}-{test}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp folder");
    dir
}

/// Runs `daihoi ARGS` under umask 022 and waits at most `limit` for it (a run still going then is
/// killed and fails the test: the product promises an answer, not a hang).
fn daihoi_within(args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("umask 022; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_daihoi"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("daihoi runs");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("daihoi {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn daihoi(args: &[&str]) -> Output {
    daihoi_within(args, Duration::from_secs(120))
}

fn input(dir: &Path, json: &str) -> String {
    let path = dir.join("election.json");
    std::fs::write(&path, json).expect("input written");
    path.to_string_lossy().into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: `c` is a valid NUL-terminated path for the duration of the call.
    let rc = unsafe { libc::mkfifo(c.as_ptr(), 0o644) };
    assert_eq!(rc, 0, "mkfifo {}", path.display());
}

fn is_fifo(path: &Path) -> bool {
    std::fs::symlink_metadata(path)
        .map(|m| m.file_type().is_fifo())
        .unwrap_or(false)
}

/// The files of `dir` whose name ends with `.daihoi-tmp` (left-over temporary files).
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".daihoi-tmp"))
        .collect()
}

#[test]
fn ballots_out_to_a_fifo_is_refused_and_the_fifo_stays() {
    let dir = folder("fifo-ballots");
    let json = input(&dir, ELECTION);
    let fifo = dir.join("phieu.pdf");
    mkfifo(&fifo);
    let output = daihoi(&["ballots", &json, "--out", fifo.to_str().unwrap()]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains("phieu.pdf")
            && message.contains("FIFO")
            && message.trim_end().ends_with("[bad_output]"),
        "{message}"
    );
    assert!(is_fifo(&fifo), "the FIFO was replaced");
    assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
}

#[test]
fn tally_minutes_or_xlsx_to_a_fifo_or_a_folder_is_refused_before_counting() {
    let dir = folder("fifo-tally");
    let json = input(&dir, ELECTION);
    let fifo = dir.join("bien-ban.pdf");
    mkfifo(&fifo);
    let output = daihoi(&["tally", &json, "--minutes", fifo.to_str().unwrap()]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("biên bản kiểm phiếu") && message.contains("[bad_output]"));
    assert!(output.stdout.is_empty(), "no result printed");
    assert!(is_fifo(&fifo));

    let sub = dir.join("ket-qua.xlsx");
    std::fs::create_dir(&sub).unwrap();
    let output = daihoi(&["tally", &json, "--xlsx", sub.to_str().unwrap()]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains("tệp Excel kết quả") && message.contains("thư mục"),
        "{message}"
    );
    assert!(sub.is_dir());
}

#[test]
fn ballots_out_to_a_folder_is_refused_with_exit_2() {
    let dir = folder("folder");
    let json = input(&dir, ELECTION);
    let sub = dir.join("phieu.pdf");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("giu-lai.txt"), "x").unwrap();
    let output = daihoi(&["ballots", &json, "--out", sub.to_str().unwrap()]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains("thư mục") && message.contains("[bad_output]"),
        "{message}"
    );
    assert!(sub.join("giu-lai.txt").exists());
    assert!(leftovers(&dir).is_empty());
}

#[test]
fn a_link_planted_at_the_old_temporary_name_is_not_followed() {
    let dir = folder("planted-link");
    let json = input(&dir, ELECTION);
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "không được ghi đè").unwrap();
    let planted = dir.join(".phieu.pdf.daihoi-tmp");
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    let out = dir.join("phieu.pdf");
    let output = daihoi(&["ballots", &json, "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "không được ghi đè",
        "the PDF went through the planted link"
    );
    let meta = std::fs::symlink_metadata(&out).unwrap();
    assert!(meta.file_type().is_file(), "{:?}", meta.file_type());
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    // The document is readable like any file the user writes (umask 022), not 0600.
    assert_eq!(meta.permissions().mode() & 0o777, 0o644);
    // The planted link is someone else's: left where it was.
    assert!(
        std::fs::symlink_metadata(&planted)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn ballots_out_to_a_symbolic_link_is_refused_and_its_target_kept() {
    let dir = folder("out-link");
    let json = input(&dir, ELECTION);
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "giữ nguyên").unwrap();
    let link = dir.join("phieu.pdf");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let output = daihoi(&["ballots", &json, "--out", link.to_str().unwrap()]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("symlink"), "{message}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "giữ nguyên");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn an_existing_regular_file_is_replaced() {
    let dir = folder("replace");
    let json = input(&dir, ELECTION);
    let out = dir.join("phieu.pdf");
    std::fs::write(&out, "bản cũ").unwrap();
    let output = daihoi(&["ballots", &json, "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
}

/// 100.000 candidates (the report: `ballots` never finished in 300 s, `tally --minutes` took
/// 51 s and 7,4 GB) are refused from the list's length, before any work: exit 2 and the code.
#[test]
fn a_hundred_thousand_candidates_are_refused_at_once() {
    let dir = folder("hundred-thousand");
    let names: Vec<String> = (0..100_000)
        .map(|i| format!(r#"{{"name": "Người số {i}"}}"#))
        .collect();
    let json = input(
        &dir,
        &format!(
            r#"{{"rules": "party-2024", "seats": 50, "base": 100, "ballots_issued": 1,
                "candidates": [{}], "ballots": [{{"struck": []}}]}}"#,
            names.join(",")
        ),
    );
    let out = dir.join("out.pdf");
    for args in [
        ["ballots", json.as_str(), "--out", out.to_str().unwrap()],
        ["tally", json.as_str(), "--minutes", out.to_str().unwrap()],
    ] {
        let output = daihoi_within(&args, Duration::from_secs(60));
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert!(
            message.contains("100.000 người") && message.contains("1.000 người"),
            "{message}"
        );
        assert!(
            message.trim_end().ends_with("[too_many_candidates]"),
            "{message}"
        );
        assert!(!out.exists());
    }
}
