//! `daihoi user add` / `daihoi user list` as an administrator runs them: the login-name and
//! password rules are those of the administration's user page (`daihoi_domain::account`'s
//! `check_username` and `check_new_password`), refusals exit 1 with a Vietnamese message and create
//! nothing, a valid account is created and listed.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// A fresh, empty data folder for one test (SQLite database inside).
fn folder(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("daihoi-user-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp folder");
    dir
}

/// Runs `daihoi user …` on the SQLite database in `dir`, `stdin` as standard input.
fn daihoi_user(dir: &PathBuf, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_daihoi"))
        .arg("user")
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .env_remove("DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("daihoi runs");
    // A refusal may end the process before it reads the password: a broken pipe here is fine.
    let _ = child
        .stdin
        .take()
        .expect("stdin piped")
        .write_all(stdin.as_bytes());
    child.wait_with_output().expect("daihoi exits")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_login_name_outside_the_rule_exits_1_naming_it_and_creates_nothing() {
    for (given, shown) in [("Biên", "biên"), ("a", "a"), ("nguyen van", "nguyen van")] {
        let dir = folder(&format!("bad-name-{}", given.len()));
        let output = daihoi_user(&dir, &["add", given], "daihoi-demo-2026\n");
        assert_eq!(
            output.status.code(),
            Some(1),
            "{given}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(&format!(
                "daihoi user: tên đăng nhập «{shown}» không hợp lệ: cần 2–64 ký tự"
            )),
            "{given}: {}",
            stderr(&output)
        );
        assert!(
            !dir.join("daihoi.db").exists(),
            "{given}: refused before the database is opened"
        );
    }
}

#[test]
fn a_short_password_or_one_equal_to_the_login_name_exits_1_with_the_rule() {
    let dir = folder("bad-password");
    let output = daihoi_user(&dir, &["add", "bientap2"], "ngan\n");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("Mật khẩu quá ngắn: cần ít nhất 8 ký tự."),
        "{}",
        stderr(&output)
    );

    let output = daihoi_user(&dir, &["add", "quantrivien"], "QuanTriVien\n");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("Mật khẩu không được trùng với tên đăng nhập."),
        "{}",
        stderr(&output)
    );
    assert!(!dir.join("daihoi.db").exists(), "nothing created");
}

#[test]
fn a_valid_account_is_created_with_its_role_and_listed() {
    let dir = folder("valid");
    let output = daihoi_user(
        &dir,
        &["add", "Nguyen.Van-A_2", "--display-name", "Nguyễn Văn A"],
        "mat-khau-du-dai\n",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("Đã tạo tài khoản «nguyen.van-a_2» (Biên tập viên)"),
        "{}",
        stdout(&output)
    );
    let output = daihoi_user(&dir, &["add", "qt", "--admin"], "mat-khau-quan-tri\n");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    let output = daihoi_user(&dir, &["list"], "");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let list = stdout(&output);
    assert!(
        list.lines()
            .any(|l| l.starts_with("nguyen.van-a_2\teditor\tNguyễn Văn A\t")),
        "{list}"
    );
    assert!(
        list.lines().any(|l| l.starts_with("qt\tadmin\tqt\t")),
        "{list}"
    );

    // The same name twice is refused by the store and changes nothing.
    let output = daihoi_user(&dir, &["add", "qt"], "mat-khau-khac-nua\n");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let again = daihoi_user(&dir, &["list"], "");
    assert_eq!(stdout(&again), list);
}
