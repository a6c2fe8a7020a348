//! Tổ chức — one organization of the tree (a province or district committee, a grassroots
//! committee, a cell; a Youth Union or trade-union branch): its code, name, level name and member
//! count. The tree has any depth and any level names; the parent is given by code in imports and
//! by id in the store.

use super::field::{FieldError, line, required_line};

/// Longest organization code, in characters.
pub const CODE_MAX_CHARS: usize = 32;
/// Longest organization name, in characters.
pub const NAME_MAX_CHARS: usize = 200;
/// Longest level name ("Đảng bộ cơ sở", "Chi bộ trực thuộc"), in characters.
pub const LEVEL_MAX_CHARS: usize = 100;
/// Largest member count accepted (the whole Party has about 5,6 million).
pub const MEMBERS_MAX: i64 = 10_000_000;
/// Deepest tree accepted (root = depth 1); a move that would make it deeper is refused.
pub const MAX_DEPTH: usize = 16;

/// Mã tổ chức — the code an organization is known by in imports and exports: 1–32 characters of
/// letters A–Z (uppercase is kept as typed, codes compare case-insensitively through
/// [`code_key`]), digits, `.`, `-`, `_`; no spaces, no diacritics (it is typed in Excel on any
/// keyboard and used in addresses).
pub fn check_code(raw: &str) -> Result<String, FieldError> {
    let code = required_line(raw, CODE_MAX_CHARS)?;
    let ok = code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if ok {
        Ok(code)
    } else {
        Err(FieldError::invalid(
            &code,
            "chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới, không có khoảng trắng",
        ))
    }
}

/// The form under which two codes are the same code (`tu-01` and `TU-01` are one).
pub fn code_key(code: &str) -> String {
    code.to_ascii_uppercase()
}

/// Tên tổ chức — required, one line, at most [`NAME_MAX_CHARS`].
pub fn check_name(raw: &str) -> Result<String, FieldError> {
    required_line(raw, NAME_MAX_CHARS)
}

/// Cấp — the level's name, required, one line, at most [`LEVEL_MAX_CHARS`].
pub fn check_level(raw: &str) -> Result<String, FieldError> {
    required_line(raw, LEVEL_MAX_CHARS)
}

/// Số đảng viên — a whole number 0–[`MEMBERS_MAX`]; Vietnamese grouping dots (`1.934`) and
/// spaces are accepted, a decimal part is not. Empty counts as 0 when not required.
pub fn check_members(raw: &str, required: bool) -> Result<i64, FieldError> {
    let Some(text) = line(raw, 20, required)? else {
        return Ok(0);
    };
    let digits: String = text.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
    // "1.5" or "12.34" is not a grouped integer: groups after a dot have three digits.
    let grouped_ok = text.split('.').skip(1).all(|group| group.trim().len() == 3);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || !grouped_ok {
        return Err(FieldError::invalid(&text, "một số nguyên không âm"));
    }
    match digits.parse::<i64>() {
        Ok(n) if n <= MEMBERS_MAX => Ok(n),
        _ => Err(FieldError::OutOfRange {
            given: text,
            min: 0,
            max: MEMBERS_MAX,
        }),
    }
}

/// Tổ chức mới hoặc sửa — the checked fields of one organization, as a form or an import row
/// gives them (the parent by code; `None` for a root).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationFields {
    /// Mã.
    pub code: String,
    /// Tên tổ chức.
    pub name: String,
    /// Mã cấp trên, if any.
    pub parent_code: Option<String>,
    /// Cấp.
    pub level: String,
    /// Số đảng viên.
    pub members: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_plain_ascii_and_compare_without_case() {
        assert_eq!(check_code(" TU-01 ").unwrap(), "TU-01");
        assert!(check_code("Tân Uyên").is_err());
        assert!(check_code("").is_err());
        assert!(check_code(&"A".repeat(33)).is_err());
        assert_eq!(code_key("tu-01"), code_key("TU-01"));
    }

    #[test]
    fn member_counts_take_vietnamese_grouping() {
        assert_eq!(check_members("1.934", true), Ok(1934));
        assert_eq!(check_members("247", true), Ok(247));
        assert_eq!(check_members("", false), Ok(0));
        assert_eq!(check_members("", true), Err(FieldError::Missing));
        assert!(matches!(
            check_members("12,5", true),
            Err(FieldError::Invalid { .. })
        ));
        assert!(matches!(
            check_members("1.5", true),
            Err(FieldError::Invalid { .. })
        ));
        assert!(matches!(
            check_members("-3", true),
            Err(FieldError::Invalid { .. })
        ));
        assert!(matches!(
            check_members("99999999999", true),
            Err(FieldError::OutOfRange { .. })
        ));
    }
}
