//! Nhân sự — the fields of a person on an organization's roll: full name, sex, date of birth,
//! ethnicity, education, position, and the optional party card number used to find the same
//! person twice. Ethnicity, date of birth and card number are sensitive personal data (Nghị định
//! 13/2023): the web shows them only to roles that need them and logs every view.

use chrono::{Datelike, NaiveDate};

use super::field::{FieldError, line, required_line};
use crate::vn::fold::fold;

/// Longest full name, in characters.
pub const NAME_MAX_CHARS: usize = 100;
/// Longest ethnicity, education or position text, in characters.
pub const TEXT_MAX_CHARS: usize = 200;
/// Longest party card number, in characters (digits only once spaces and dots are removed).
pub const CARD_MAX_CHARS: usize = 20;
/// Earliest year of birth accepted.
pub const BIRTH_YEAR_MIN: i32 = 1900;

/// Giới tính.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    /// Nam.
    Male,
    /// Nữ.
    Female,
}

impl Sex {
    /// The stored name (`male`, `female`).
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }

    /// Parses the stored name.
    pub fn from_stored(s: &str) -> Option<Sex> {
        match s {
            "male" => Some(Sex::Male),
            "female" => Some(Sex::Female),
            _ => None,
        }
    }

    /// The Vietnamese word shown (`Nam`, `Nữ`).
    pub fn label(self) -> &'static str {
        match self {
            Sex::Male => "Nam",
            Sex::Female => "Nữ",
        }
    }

    /// Reads what a person types or a sheet holds: `Nam`, `Nữ` (with or without diacritics, any
    /// case), also `M`/`F`.
    pub fn parse(raw: &str) -> Result<Sex, FieldError> {
        let text = required_line(raw, 10)?;
        match fold(&text).as_str() {
            "nam" | "m" | "male" => Ok(Sex::Male),
            "nu" | "f" | "female" => Ok(Sex::Female),
            _ => Err(FieldError::invalid(&text, "«Nam» hoặc «Nữ»")),
        }
    }
}

/// Ngày sinh — a full date, or a year alone when that is all the roll holds (the rules then take
/// the birthday as 01/01 of that year: [`BirthDate::as_date`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BirthDate {
    /// A full date.
    Full(NaiveDate),
    /// Only the year is known.
    YearOnly(i32),
}

impl BirthDate {
    /// The date the age rules use: the date itself, or 01/01 of the year.
    pub fn as_date(self) -> NaiveDate {
        match self {
            BirthDate::Full(d) => d,
            BirthDate::YearOnly(y) => NaiveDate::from_ymd_opt(y, 1, 1).expect("year checked"),
        }
    }

    /// The year of birth.
    pub fn year(self) -> i32 {
        match self {
            BirthDate::Full(d) => d.year(),
            BirthDate::YearOnly(y) => y,
        }
    }

    /// Stored form: `yyyy-mm-dd`, or `yyyy` for a year alone.
    pub fn to_stored(self) -> String {
        match self {
            BirthDate::Full(d) => d.format("%Y-%m-%d").to_string(),
            BirthDate::YearOnly(y) => format!("{y:04}"),
        }
    }

    /// Parses the stored form.
    pub fn from_stored(s: &str) -> Option<BirthDate> {
        if s.len() == 4 {
            return s.parse().ok().map(BirthDate::YearOnly);
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .map(BirthDate::Full)
    }

    /// Shown form: `dd/mm/yyyy`, or the year alone.
    pub fn display(self) -> String {
        match self {
            BirthDate::Full(d) => crate::vn::format::format_date(d),
            BirthDate::YearOnly(y) => y.to_string(),
        }
    }

    /// Reads a date as typed in Vietnam: `dd/mm/yyyy` (also `d/m/yyyy`, with `-` or `.`), or a
    /// year alone (`1975`); ISO `yyyy-mm-dd` as spreadsheets export it. Refuses an impossible
    /// date ("31/02/1980"), a two-digit year, and a date before [`BIRTH_YEAR_MIN`] or after
    /// `today`.
    pub fn parse(raw: &str, today: NaiveDate) -> Result<BirthDate, FieldError> {
        const EXPECTED: &str = "một ngày có thật dạng dd/mm/yyyy (hoặc chỉ năm sinh yyyy)";
        let text = required_line(raw, 20)?;
        let parts: Vec<&str> = text.split(['/', '-', '.']).map(str::trim).collect();
        let number = |s: &str| -> Option<u32> {
            (!s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let birth = match parts.as_slice() {
            [y] if y.len() == 4 => number(y).map(|y| BirthDate::YearOnly(y as i32)),
            [y, m, d] if y.len() == 4 => match (number(y), number(m), number(d)) {
                (Some(y), Some(m), Some(d)) => {
                    NaiveDate::from_ymd_opt(y as i32, m, d).map(BirthDate::Full)
                }
                _ => None,
            },
            [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
                match (number(d), number(m), number(y)) {
                    (Some(d), Some(m), Some(y)) => {
                        NaiveDate::from_ymd_opt(y as i32, m, d).map(BirthDate::Full)
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        let Some(birth) = birth else {
            return Err(FieldError::invalid(&text, EXPECTED));
        };
        if birth.year() < BIRTH_YEAR_MIN || birth.as_date() > today {
            return Err(FieldError::OutOfRange {
                given: text,
                min: BIRTH_YEAR_MIN as i64,
                max: today.year() as i64,
            });
        }
        Ok(birth)
    }
}

/// Dân tộc thiểu số — whether an ethnicity counts as a minority for the structure targets: every
/// ethnicity but Kinh (compared without diacritics or case; "Kinh (Việt)" is Kinh). Empty means
/// unknown, which is not counted as a minority.
pub fn is_ethnic_minority(ethnicity: &str) -> bool {
    let folded = fold(ethnicity);
    let first = folded
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty());
    match first {
        None => false,
        Some(word) => word != "kinh" && word != "viet",
    }
}

/// Số thẻ đảng viên — digits only once spaces, dots and dashes are removed, 1–20 of them; empty
/// is `None` (the card is optional).
pub fn check_card_number(raw: &str) -> Result<Option<String>, FieldError> {
    let Some(text) = line(raw, CARD_MAX_CHARS + 10, false)? else {
        return Ok(None);
    };
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(FieldError::invalid(&text, "một dãy chữ số"));
    }
    if digits.len() > CARD_MAX_CHARS {
        return Err(FieldError::TooLong {
            max: CARD_MAX_CHARS,
            given: digits.len(),
        });
    }
    Ok(Some(digits))
}

/// Họ và tên — required, one line, NFC, at most [`NAME_MAX_CHARS`].
pub fn check_full_name(raw: &str) -> Result<String, FieldError> {
    required_line(raw, NAME_MAX_CHARS)
}

/// An optional one-line text of at most [`TEXT_MAX_CHARS`] (ethnicity, education, position).
pub fn check_text(raw: &str) -> Result<Option<String>, FieldError> {
    line(raw, TEXT_MAX_CHARS, false)
}

/// Một người — the checked fields of one person, as a form or an import row gives them (the
/// organization by code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonFields {
    /// Họ và tên.
    pub full_name: String,
    /// Giới tính.
    pub sex: Sex,
    /// Ngày sinh.
    pub birth: BirthDate,
    /// Dân tộc.
    pub ethnicity: Option<String>,
    /// Trình độ.
    pub education: Option<String>,
    /// Chức vụ.
    pub position: Option<String>,
    /// Mã tổ chức.
    pub organization_code: String,
    /// Số thẻ đảng viên.
    pub card_number: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()
    }

    #[test]
    fn dates_as_typed_in_vietnam() {
        let d = |y, m, dd| BirthDate::Full(NaiveDate::from_ymd_opt(y, m, dd).unwrap());
        assert_eq!(BirthDate::parse("08/06/1975", today()), Ok(d(1975, 6, 8)));
        assert_eq!(BirthDate::parse("8/6/1975", today()), Ok(d(1975, 6, 8)));
        assert_eq!(BirthDate::parse("1975-06-08", today()), Ok(d(1975, 6, 8)));
        assert_eq!(BirthDate::parse("8.6.1975", today()), Ok(d(1975, 6, 8)));
        assert_eq!(
            BirthDate::parse("1975", today()),
            Ok(BirthDate::YearOnly(1975))
        );
        for bad in ["31/02/1980", "8/6/75", "1975/13/01", "abc", "06/08"] {
            assert!(
                matches!(
                    BirthDate::parse(bad, today()),
                    Err(FieldError::Invalid { .. })
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            BirthDate::parse("01/01/2030", today()),
            Err(FieldError::OutOfRange { .. })
        ));
        assert!(matches!(
            BirthDate::parse("01/01/1800", today()),
            Err(FieldError::OutOfRange { .. })
        ));
        assert_eq!(
            BirthDate::YearOnly(1970).as_date(),
            NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()
        );
        for b in [d(1975, 6, 8), BirthDate::YearOnly(1970)] {
            assert_eq!(BirthDate::from_stored(&b.to_stored()), Some(b));
        }
    }

    #[test]
    fn sex_and_ethnicity() {
        assert_eq!(Sex::parse("Nữ"), Ok(Sex::Female));
        assert_eq!(Sex::parse(" nu "), Ok(Sex::Female));
        assert_eq!(Sex::parse("NAM"), Ok(Sex::Male));
        assert!(Sex::parse("khác").is_err());
        assert!(!is_ethnic_minority("Kinh"));
        assert!(!is_ethnic_minority("kinh (Việt)"));
        assert!(!is_ethnic_minority(""));
        assert!(is_ethnic_minority("Thái"));
        assert!(is_ethnic_minority("H'Mông"));
        assert!(is_ethnic_minority("Dao"));
    }

    #[test]
    fn card_numbers_are_digits() {
        assert_eq!(
            check_card_number("79.012 345"),
            Ok(Some("79012345".to_owned()))
        );
        assert_eq!(check_card_number(" "), Ok(None));
        assert!(check_card_number("AB12").is_err());
        assert!(check_card_number(&"1".repeat(21)).is_err());
    }
}
