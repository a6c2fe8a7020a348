//! Tài khoản quản trị — the rules of a login name and of a new password, written once for the
//! administration's user pages and `daihoi user add`. Hashing stays in the web layer; this module
//! only says what is acceptable and, when not, why (in Vietnamese, through `Display`).

use std::ops::RangeInclusive;

/// How long a login name may be, in characters (all ASCII, so also in bytes).
pub const USERNAME_LENGTH: RangeInclusive<usize> = 2..=64;

/// Shortest password accepted for an account, in characters (not bytes).
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Tên đăng nhập không hợp lệ — a login name outside the rule of [`check_username`]. The message
/// is a phrase (lowercase, no final stop) so that it reads after a prefix such as
/// "daihoi user: "; a form shows it as a sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "tên đăng nhập «{username}» không hợp lệ: cần {}–{} ký tự gồm chữ thường không dấu, chữ số, \
     dấu chấm, gạch dưới hoặc gạch ngang, bắt đầu và kết thúc bằng chữ hoặc số",
    USERNAME_LENGTH.start(),
    USERNAME_LENGTH.end()
)]
pub struct UsernameError {
    /// The name refused, as given.
    pub username: String,
}

/// Mật khẩu mới không hợp lệ — why a new password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    /// Fewer than [`MIN_PASSWORD_CHARS`] characters.
    #[error("Mật khẩu quá ngắn: cần ít nhất {MIN_PASSWORD_CHARS} ký tự.")]
    TooShort,
    /// The password is the login name (ignoring surrounding spaces and ASCII case).
    #[error("Mật khẩu không được trùng với tên đăng nhập.")]
    SameAsUsername,
    /// One character repeated, or a straight run such as `12345678` or `abcdefgh`.
    #[error(
        "Mật khẩu quá dễ đoán: không dùng một ký tự lặp lại hoặc một dãy liên tiếp như 12345678, abcdefgh."
    )]
    TooSimple,
}

/// Kiểm tra tên đăng nhập — a login name is 2–64 characters of `a-z`, `0-9`, `.`, `_`, `-`
/// (lowercase, no diacritics, so it can be typed on any keyboard and never needs NFC care).
pub fn check_username(username: &str) -> Result<(), UsernameError> {
    let ok_chars = username
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let ok_ends = alnum(username.chars().next()) && alnum(username.chars().next_back());
    if USERNAME_LENGTH.contains(&username.len()) && ok_chars && ok_ends {
        Ok(())
    } else {
        Err(UsernameError {
            username: username.to_owned(),
        })
    }
}

/// Kiểm tra mật khẩu mới — the rule for a new or changed password: at least
/// [`MIN_PASSWORD_CHARS`] characters once control and invisible format characters (such as
/// U+200B) are removed and the ends trimmed of spaces (a passphrase keeps its inner spaces), not
/// the login name, and not one character repeated or a straight run of digits or letters
/// (`aaaaaaaa`, `12345678`, `87654321`, `abcdefgh`).
pub fn check_new_password(username: &str, password: &str) -> Result<(), PasswordError> {
    let shown: String = password.chars().filter(|c| !is_invisible(*c)).collect();
    let visible: Vec<char> = shown.trim().chars().collect();
    if visible.len() < MIN_PASSWORD_CHARS {
        return Err(PasswordError::TooShort);
    }
    if is_trivial(&visible) {
        return Err(PasswordError::TooSimple);
    }
    if password.trim().eq_ignore_ascii_case(username.trim()) {
        return Err(PasswordError::SameAsUsername);
    }
    Ok(())
}

/// Whether `c` never shows on screen: a control character or an invisible format character.
fn is_invisible(c: char) -> bool {
    c.is_control() || crate::vn::fold::is_invisible_format(c)
}

/// One character repeated, or each character one step after (or before) the previous one.
fn is_trivial(chars: &[char]) -> bool {
    let steps: Vec<i64> = chars
        .windows(2)
        .map(|pair| pair[1].to_ascii_lowercase() as i64 - pair[0].to_ascii_lowercase() as i64)
        .collect();
    steps.iter().all(|step| *step == 0)
        || steps.iter().all(|step| *step == 1)
        || steps.iter().all(|step| *step == -1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_names_are_lowercase_ascii_words() {
        for good in ["bientap", "nguyen.van-a_2", "ab", &"x".repeat(64)] {
            assert_eq!(check_username(good), Ok(()), "{good}");
        }
        for bad in [
            "Admin",
            "biên",
            "a",
            "có dấu",
            "a b",
            "",
            &"x".repeat(65),
            "..",
            ".admin",
            "admin-",
            "_x",
        ] {
            let err = check_username(bad).expect_err(bad);
            assert_eq!(err.username, bad);
            assert_eq!(
                err.to_string(),
                format!(
                    "tên đăng nhập «{bad}» không hợp lệ: cần 2–64 ký tự gồm chữ thường không dấu, \
                     chữ số, dấu chấm, gạch dưới hoặc gạch ngang, bắt đầu và kết thúc bằng chữ \
                     hoặc số"
                )
            );
        }
    }

    #[test]
    fn new_passwords_are_long_enough_and_not_the_name() {
        assert_eq!(check_new_password("admin", "daihoi-demo-2026"), Ok(()));
        assert_eq!(
            check_new_password("admin", "mật khẩu"),
            Ok(()),
            "8 characters, not bytes"
        );
        assert_eq!(
            check_new_password("admin", "short"),
            Err(PasswordError::TooShort)
        );
        assert_eq!(
            PasswordError::TooShort.to_string(),
            "Mật khẩu quá ngắn: cần ít nhất 8 ký tự."
        );
        assert_eq!(
            check_new_password("administrator", " Administrator "),
            Err(PasswordError::SameAsUsername)
        );
        assert_eq!(
            PasswordError::SameAsUsername.to_string(),
            "Mật khẩu không được trùng với tên đăng nhập."
        );
    }

    #[test]
    fn blank_invisible_and_trivial_passwords_are_refused() {
        let zero_width = "\u{200B}".repeat(8);
        for blank in [
            "        ",
            "\t\t\t\t\t\t\t\t",
            zero_width.as_str(),
            " abc\u{200B}\u{200B}\u{200B}\u{200B} ",
        ] {
            assert_eq!(
                check_new_password("admin", blank),
                Err(PasswordError::TooShort),
                "{blank:?}"
            );
        }
        for trivial in [
            "12345678",
            "aaaaaaaa",
            "87654321",
            "abcdefgh",
            "ABCDEFGHIJ",
            "00000000000",
        ] {
            assert_eq!(
                check_new_password("admin", trivial),
                Err(PasswordError::TooSimple),
                "{trivial}"
            );
        }
        for fine in ["12345679", "aaaaaaab", "đại hội 2026", "Tân Uyên 08/6"] {
            assert_eq!(check_new_password("admin", fine), Ok(()), "{fine}");
        }
    }
}
