//! Trường dữ liệu — the refusal of one field of a form or of one cell of an imported sheet. The
//! message is a phrase in Vietnamese (lowercase, no final stop) so that it reads after "Dòng 12,
//! cột «Ngày sinh»: " in an import report and as a sentence under a form field.

use std::fmt;

/// Lỗi một trường — why one value is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    /// Required and empty (after trimming).
    Missing,
    /// Longer than the field allows, in characters.
    TooLong {
        /// The limit, in characters.
        max: usize,
        /// The length given, in characters.
        given: usize,
    },
    /// Not of the expected form; `expected` says what was expected ("một ngày dd/mm/yyyy").
    Invalid {
        /// The value as given (cut to 60 characters for the report).
        given: String,
        /// What the field takes, as a phrase.
        expected: &'static str,
    },
    /// A number outside its range.
    OutOfRange {
        /// The value as given.
        given: String,
        /// Smallest accepted.
        min: i64,
        /// Largest accepted.
        max: i64,
    },
}

impl FieldError {
    /// An [`FieldError::Invalid`] keeping at most 60 characters of what was given.
    pub fn invalid(given: &str, expected: &'static str) -> FieldError {
        let mut shown: String = given.chars().take(60).collect();
        if given.chars().count() > 60 {
            shown.push('…');
        }
        FieldError::Invalid {
            given: shown,
            expected,
        }
    }

    /// A stable code for JSON and tests (`missing`, `too_long`, `invalid`, `out_of_range`).
    pub fn code(&self) -> &'static str {
        match self {
            FieldError::Missing => "missing",
            FieldError::TooLong { .. } => "too_long",
            FieldError::Invalid { .. } => "invalid",
            FieldError::OutOfRange { .. } => "out_of_range",
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::vn::format::format_int;
        match self {
            FieldError::Missing => f.write_str("bắt buộc nhưng đang để trống"),
            FieldError::TooLong { max, given } => write!(
                f,
                "dài {} ký tự, quá giới hạn {} ký tự",
                format_int(*given as i64),
                format_int(*max as i64)
            ),
            FieldError::Invalid { given, expected } => {
                write!(f, "«{given}» không hợp lệ, cần {expected}")
            }
            FieldError::OutOfRange { given, min, max } => write!(
                f,
                "«{given}» nằm ngoài khoảng cho phép ({}–{})",
                format_int(*min),
                format_int(*max)
            ),
        }
    }
}

impl std::error::Error for FieldError {}

/// Văn bản một dòng — NFC, trimmed, inner runs of white space (and control characters) made one
/// space; `Missing` when nothing is left and the field is required, `TooLong` past `max`
/// characters. `Ok(None)` for an empty optional field.
pub fn line(raw: &str, max: usize, required: bool) -> Result<Option<String>, FieldError> {
    let text = crate::vn::fold::nfc(raw);
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            word.chars()
                .filter(|c| !crate::vn::fold::is_invisible_format(*c)),
        );
    }
    if out.is_empty() {
        return if required {
            Err(FieldError::Missing)
        } else {
            Ok(None)
        };
    }
    let given = out.chars().count();
    if given > max {
        return Err(FieldError::TooLong { max, given });
    }
    Ok(Some(out))
}

/// A required one-line text (see [`line`]).
pub fn required_line(raw: &str, max: usize) -> Result<String, FieldError> {
    line(raw, max, true).map(|v| v.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_nfc_trimmed_and_single_spaced() {
        let decomposed = "Nguye\u{302}\u{303}n  \t Va\u{306}n\u{a0}A ";
        assert_eq!(
            line(decomposed, 50, true).unwrap().as_deref(),
            Some("Nguyễn Văn A")
        );
        assert_eq!(line("  ", 5, true), Err(FieldError::Missing));
        assert_eq!(line("", 5, false), Ok(None));
        assert_eq!(
            line("abcdef", 5, true),
            Err(FieldError::TooLong { max: 5, given: 6 })
        );
        assert_eq!(line("a\u{200b}b", 5, true).unwrap().as_deref(), Some("ab"));
    }

    #[test]
    fn messages_read_after_a_cell_reference() {
        assert_eq!(
            FieldError::TooLong {
                max: 200,
                given: 1234
            }
            .to_string(),
            "dài 1.234 ký tự, quá giới hạn 200 ký tự"
        );
        let long = "x".repeat(100);
        let FieldError::Invalid { given, .. } = FieldError::invalid(&long, "một số") else {
            unreachable!()
        };
        assert_eq!(given.chars().count(), 61);
    }
}
