//! Đại biểu — the delegates of a congress: their kinds and statuses, the check-in code printed on
//! each card, the typed entry of an elected delegate or alternate, the import of a `daihoi tally`
//! result, and the check of a sub-organization's elected delegates against its allocated seats.
//!
//! Who they are (Quy định 29-QĐ/TW mục 11.2, Quy chế 190-QĐ/TW Điều 18): the ex-officio
//! delegates (the outgoing committee, *đại biểu đương nhiên*), the delegates elected by the
//! congresses of the directly subordinate organizations, and their alternates (*đại biểu dự
//! khuyết*), ranked by votes, who replace an official delegate of the same organization who
//! cannot attend.

use std::collections::BTreeSet;
use std::fmt;

use serde_json::Value;

use super::field::{FieldError, line};
use super::person::{BIRTH_YEAR_MIN, check_full_name};
use crate::vn::format::format_uint;

/// Loại đại biểu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DelegateKind {
    /// Đại biểu đương nhiên — a member of the outgoing committee.
    ExOfficio,
    /// Đại biểu chính thức được bầu — elected by a sub-organization's congress.
    Elected,
    /// Đại biểu dự khuyết — an alternate, ranked by votes.
    Alternate,
}

impl DelegateKind {
    /// Every kind, in the order lists show them.
    pub const ALL: [DelegateKind; 3] = [
        DelegateKind::ExOfficio,
        DelegateKind::Elected,
        DelegateKind::Alternate,
    ];

    /// The stored name (`ex_officio`, `elected`, `alternate`).
    pub fn as_str(self) -> &'static str {
        match self {
            DelegateKind::ExOfficio => "ex_officio",
            DelegateKind::Elected => "elected",
            DelegateKind::Alternate => "alternate",
        }
    }

    /// Parses the stored name.
    pub fn from_stored(s: &str) -> Option<DelegateKind> {
        DelegateKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The words shown ("Đại biểu đương nhiên", …).
    pub fn label(self) -> &'static str {
        match self {
            DelegateKind::ExOfficio => "Đại biểu đương nhiên",
            DelegateKind::Elected => "Đại biểu chính thức",
            DelegateKind::Alternate => "Đại biểu dự khuyết",
        }
    }
}

/// Tư cách đại biểu — where a delegate stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DelegateStatus {
    /// Được triệu tập — convened: counts for the congress and gets a card.
    Convened,
    /// Đã thay thế — could not attend; an alternate took the seat.
    Replaced,
    /// Dự khuyết chưa gọi — an alternate not (yet) called.
    Standby,
}

impl DelegateStatus {
    /// Every status.
    pub const ALL: [DelegateStatus; 3] = [
        DelegateStatus::Convened,
        DelegateStatus::Replaced,
        DelegateStatus::Standby,
    ];

    /// The stored name (`convened`, `replaced`, `standby`).
    pub fn as_str(self) -> &'static str {
        match self {
            DelegateStatus::Convened => "convened",
            DelegateStatus::Replaced => "replaced",
            DelegateStatus::Standby => "standby",
        }
    }

    /// Parses the stored name.
    pub fn from_stored(s: &str) -> Option<DelegateStatus> {
        DelegateStatus::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The words shown.
    pub fn label(self) -> &'static str {
        match self {
            DelegateStatus::Convened => "Được triệu tập",
            DelegateStatus::Replaced => "Đã được thay thế",
            DelegateStatus::Standby => "Dự khuyết, chưa gọi",
        }
    }

    /// The status a new delegate of `kind` starts in: alternates wait, the others are convened.
    pub fn initial(kind: DelegateKind) -> DelegateStatus {
        match kind {
            DelegateKind::Alternate => DelegateStatus::Standby,
            _ => DelegateStatus::Convened,
        }
    }
}

/// Length of a check-in code.
pub const CHECK_IN_CODE_LEN: usize = 8;

/// Random bytes a check-in code is made of (8 characters × 5 bits = 40 bits).
pub const CHECK_IN_CODE_BYTES: usize = 5;

/// The alphabet of check-in codes: Crockford's base 32 (digits and capital letters without
/// I, L, O and U, which are read as 1, 1, 0 or are left out).
pub const CHECK_IN_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Mã điểm danh — the 8-character code of `bytes` (from a CSPRNG; the caller draws them).
pub fn check_in_code(bytes: [u8; CHECK_IN_CODE_BYTES]) -> String {
    let mut value: u64 = 0;
    for b in bytes {
        value = (value << 8) | u64::from(b);
    }
    (0..CHECK_IN_CODE_LEN)
        .rev()
        .map(|i| CHECK_IN_ALPHABET[((value >> (5 * i)) & 31) as usize] as char)
        .collect()
}

/// Đọc mã điểm danh — a code as typed or scanned, made canonical: spaces and dashes dropped,
/// capitals, `O` read as `0`, `I` and `L` as `1`. `None` unless 8 characters of the alphabet
/// remain.
pub fn normalize_check_in_code(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(CHECK_IN_CODE_LEN);
    for c in raw.chars() {
        if c.is_whitespace() || c == '-' {
            continue;
        }
        let c = match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !c.is_ascii() || !CHECK_IN_ALPHABET.contains(&(c as u8)) {
            return None;
        }
        out.push(c);
        if out.len() > CHECK_IN_CODE_LEN {
            return None;
        }
    }
    (out.len() == CHECK_IN_CODE_LEN).then_some(out)
}

/// Most votes a typed entry accepts.
pub const VOTES_MAX: i64 = 100_000;

/// Most alternates one organization may rank.
pub const RANK_MAX: i64 = 1_000;

/// A whole number in `min..=max` as typed (dots of thousands allowed); empty is `None`.
fn optional_number(raw: &str, min: i64, max: i64) -> Result<Option<i64>, FieldError> {
    let Some(text) = line(raw, 12, false)? else {
        return Ok(None);
    };
    let digits: String = text.chars().filter(|c| *c != '.').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 9 {
        return Err(FieldError::invalid(&text, "một số nguyên"));
    }
    let n: i64 = digits
        .parse()
        .map_err(|_| FieldError::invalid(&text, "một số nguyên"))?;
    if n < min || n > max {
        return Err(FieldError::OutOfRange {
            given: text,
            min,
            max,
        });
    }
    Ok(Some(n))
}

/// Năm sinh — optional, a four-digit year from [`BIRTH_YEAR_MIN`] to `this_year`.
pub fn check_birth_year(raw: &str, this_year: i32) -> Result<Option<i32>, FieldError> {
    optional_number(raw, i64::from(BIRTH_YEAR_MIN), i64::from(this_year))
        .map(|n| n.map(|y| y as i32))
}

/// Số phiếu — optional, 0 to [`VOTES_MAX`].
pub fn check_votes(raw: &str) -> Result<Option<u32>, FieldError> {
    optional_number(raw, 0, VOTES_MAX).map(|n| n.map(|v| v as u32))
}

/// Thứ tự dự khuyết — required for an alternate, 1 to [`RANK_MAX`].
pub fn check_rank(raw: &str) -> Result<u32, FieldError> {
    match optional_number(raw, 1, RANK_MAX)? {
        Some(n) => Ok(n as u32),
        None => Err(FieldError::Missing),
    }
}

/// Lý do — a required one-line reason (an override of the allocation, a replacement), at
/// most 300 characters.
pub fn check_reason(raw: &str) -> Result<String, FieldError> {
    line(raw, 300, true).map(Option::unwrap_or_default)
}

/// Họ tên đại biểu — the person rule for names, shared with the rolls.
pub fn check_delegate_name(raw: &str) -> Result<String, FieldError> {
    check_full_name(raw)
}

/// Largest `daihoi tally` result file accepted (a result of 1.000 candidates is ~150 KB).
pub const MAX_TALLY_FILE_BYTES: usize = 1024 * 1024;

/// Một người trúng cử — one elected delegate or alternate read from a tally result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TalliedPerson {
    /// Họ và tên (checked as on the rolls).
    pub name: String,
    /// Số phiếu.
    pub votes: u32,
}

/// Kết quả bầu đại biểu — the elected and the alternates of a tally result, in vote order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TalliedDelegates {
    /// Đại biểu chính thức trúng cử, highest votes first.
    pub elected: Vec<TalliedPerson>,
    /// Đại biểu dự khuyết trúng cử, highest votes first (their rank is their position + 1).
    pub alternates: Vec<TalliedPerson>,
    /// Seats the result left open (`unfilled_seats`), e.g. after a tie at the last seat.
    pub unfilled_seats: u32,
}

/// Tệp kết quả không dùng được — why a file is not a usable `daihoi tally` result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TallyFileError {
    /// Empty file.
    Empty,
    /// Over [`MAX_TALLY_FILE_BYTES`].
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// Not UTF-8 text (a spreadsheet, a PDF, a picture…).
    NotText,
    /// Not JSON; the parser's line and column.
    NotJson {
        /// Dòng.
        line: usize,
        /// Cột.
        column: usize,
    },
    /// An election input (with ballots) rather than the result of counting it.
    ElectionInput,
    /// JSON, but not an object with the fields of a tally result.
    MissingField {
        /// The field (`elected`, `candidates[3].name`, …).
        field: String,
    },
    /// A field of the wrong kind or out of range.
    BadField {
        /// The field.
        field: String,
        /// What it must be, in Vietnamese.
        expected: &'static str,
    },
    /// An index in `elected` or `alternates` names no candidate.
    UnknownIndex {
        /// The list (`elected` or `alternates`).
        field: &'static str,
        /// The index.
        index: u64,
    },
    /// A candidate appears twice across `elected` and `alternates`.
    Repeated {
        /// The index.
        index: u64,
    },
    /// A name the rolls would refuse.
    BadName {
        /// The field.
        field: String,
        /// Why.
        error: FieldError,
    },
    /// Nobody elected and no alternate: nothing to import.
    NobodyElected,
}

impl fmt::Display for TallyFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const NOT_RESULT: &str = "Tệp không phải kết quả kiểm phiếu của «daihoi tally»";
        match self {
            TallyFileError::Empty => f.write_str("Tệp trống, không có kết quả kiểm phiếu nào."),
            TallyFileError::TooLarge { bytes } => write!(
                f,
                "Tệp nặng {} byte, quá giới hạn {} byte của một kết quả kiểm phiếu.",
                format_uint(*bytes as u64),
                format_uint(MAX_TALLY_FILE_BYTES as u64)
            ),
            TallyFileError::NotText => write!(
                f,
                "{NOT_RESULT}: tệp không phải văn bản JSON (có thể là bảng tính, PDF hay ảnh)."
            ),
            TallyFileError::NotJson { line, column } => write!(
                f,
                "{NOT_RESULT}: nội dung không phải JSON hợp lệ (dòng {line}, cột {column})."
            ),
            TallyFileError::ElectionInput => write!(
                f,
                "{NOT_RESULT}: đây là tệp dữ liệu bầu cử (có phiếu bầu), chưa được kiểm; hãy chạy \
                 «daihoi tally» với tệp này rồi gửi tệp kết quả."
            ),
            TallyFileError::MissingField { field } => {
                write!(f, "{NOT_RESULT}: thiếu trường «{field}».")
            }
            TallyFileError::BadField { field, expected } => {
                write!(f, "{NOT_RESULT}: trường «{field}» phải là {expected}.")
            }
            TallyFileError::UnknownIndex { field, index } => write!(
                f,
                "{NOT_RESULT}: «{field}» nêu người số {index} không có trong «candidates»."
            ),
            TallyFileError::Repeated { index } => write!(
                f,
                "{NOT_RESULT}: người số {index} có mặt hai lần trong «elected» và «alternates»."
            ),
            TallyFileError::BadName { field, error } => {
                write!(f, "Họ tên ở «{field}» {error}.")
            }
            TallyFileError::NobodyElected => f.write_str(
                "Kết quả kiểm phiếu không có ai trúng cử đại biểu chính thức hay dự khuyết.",
            ),
        }
    }
}

impl std::error::Error for TallyFileError {}

fn field<'a>(object: &'a Value, name: &str) -> Result<&'a Value, TallyFileError> {
    object
        .get(name)
        .ok_or_else(|| TallyFileError::MissingField {
            field: name.to_owned(),
        })
}

fn array<'a>(object: &'a Value, name: &str) -> Result<&'a Vec<Value>, TallyFileError> {
    field(object, name)?
        .as_array()
        .ok_or_else(|| TallyFileError::BadField {
            field: name.to_owned(),
            expected: "một danh sách",
        })
}

fn whole(value: &Value, name: String, max: u64) -> Result<u64, TallyFileError> {
    value
        .as_u64()
        .filter(|n| *n <= max)
        .ok_or(TallyFileError::BadField {
            field: name,
            expected: "một số nguyên không âm",
        })
}

/// Đọc kết quả kiểm phiếu — reads the JSON that `daihoi tally` writes (see `docs/election.md`,
/// "Output JSON") and returns who was elected and who are the alternates, in vote order. A file
/// that is not such a result is refused naming what is wrong; the size is checked first.
pub fn parse_tally_result(bytes: &[u8]) -> Result<TalliedDelegates, TallyFileError> {
    if bytes.len() > MAX_TALLY_FILE_BYTES {
        return Err(TallyFileError::TooLarge { bytes: bytes.len() });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| TallyFileError::NotText)?;
    if text.trim().is_empty() {
        return Err(TallyFileError::Empty);
    }
    let json: Value = serde_json::from_str(text).map_err(|e| TallyFileError::NotJson {
        line: e.line(),
        column: e.column(),
    })?;
    if !json.is_object() {
        return Err(TallyFileError::BadField {
            field: "(gốc)".to_owned(),
            expected: "một đối tượng JSON",
        });
    }
    if json.get("elected").is_none() && json.get("ballots").is_some() {
        return Err(TallyFileError::ElectionInput);
    }
    let candidates = array(&json, "candidates")?;
    let elected = array(&json, "elected")?;
    let alternates = array(&json, "alternates")?;
    let unfilled_seats = match json.get("unfilled_seats") {
        Some(v) => whole(v, "unfilled_seats".to_owned(), u64::from(u32::MAX))? as u32,
        None => 0,
    };
    let mut people = Vec::with_capacity(candidates.len());
    for (i, c) in candidates.iter().enumerate() {
        let at = |f: &str| format!("candidates[{i}].{f}");
        if !c.is_object() {
            return Err(TallyFileError::BadField {
                field: format!("candidates[{i}]"),
                expected: "một đối tượng có «name» và «votes»",
            });
        }
        let index = whole(
            field(c, "index").map_err(|_| missing(at("index")))?,
            at("index"),
            u64::MAX,
        )?;
        if index != i as u64 {
            return Err(TallyFileError::BadField {
                field: at("index"),
                expected: "đúng số thứ tự của người trong danh sách",
            });
        }
        let raw_name = field(c, "name")
            .map_err(|_| missing(at("name")))?
            .as_str()
            .ok_or_else(|| TallyFileError::BadField {
                field: at("name"),
                expected: "một chuỗi chữ",
            })?;
        let name = check_full_name(raw_name).map_err(|error| TallyFileError::BadName {
            field: at("name"),
            error,
        })?;
        let votes = whole(
            field(c, "votes").map_err(|_| missing(at("votes")))?,
            at("votes"),
            u64::from(u32::MAX),
        )? as u32;
        people.push(TalliedPerson { name, votes });
    }
    let mut seen = BTreeSet::new();
    let mut pick =
        |list: &[Value], name: &'static str| -> Result<Vec<TalliedPerson>, TallyFileError> {
            let mut out = Vec::with_capacity(list.len());
            for (j, v) in list.iter().enumerate() {
                let index = whole(v, format!("{name}[{j}]"), u64::MAX)?;
                let person = usize::try_from(index)
                    .ok()
                    .and_then(|i| people.get(i))
                    .ok_or(TallyFileError::UnknownIndex { field: name, index })?;
                if !seen.insert(index) {
                    return Err(TallyFileError::Repeated { index });
                }
                out.push(person.clone());
            }
            Ok(out)
        };
    let elected = pick(elected, "elected")?;
    let alternates = pick(alternates, "alternates")?;
    if elected.is_empty() && alternates.is_empty() {
        return Err(TallyFileError::NobodyElected);
    }
    Ok(TalliedDelegates {
        elected,
        alternates,
        unfilled_seats,
    })
}

fn missing(field: String) -> TallyFileError {
    TallyFileError::MissingField { field }
}

/// So với số được phân bổ — the warning when `organization` has `elected` official delegates
/// against `allocated` seats; `None` when they agree.
pub fn seats_warning(organization: &str, elected: u64, allocated: u64) -> Option<String> {
    let (n, a) = (format_uint(elected), format_uint(allocated));
    match elected.cmp(&allocated) {
        std::cmp::Ordering::Equal => None,
        std::cmp::Ordering::Greater => Some(format!(
            "{organization} có {n} đại biểu chính thức, nhiều hơn số được phân bổ ({a}) {} người.",
            format_uint(elected - allocated)
        )),
        std::cmp::Ordering::Less => Some(format!(
            "{organization} có {n} đại biểu chính thức, ít hơn số được phân bổ ({a}) {} người.",
            format_uint(allocated - elected)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_use_the_unambiguous_alphabet() {
        assert_eq!(check_in_code([0; 5]), "00000000");
        assert_eq!(check_in_code([255; 5]), "ZZZZZZZZ");
        // 0x0842108421 = 00001 00001 … : every group is 1.
        assert_eq!(check_in_code([0x08, 0x42, 0x10, 0x84, 0x21]), "11111111");
        for c in ['I', 'L', 'O', 'U'] {
            assert!(!CHECK_IN_ALPHABET.contains(&(c as u8)));
        }
    }

    #[test]
    fn typed_codes_are_read_leniently() {
        assert_eq!(
            normalize_check_in_code(" ab12-cd3o ").as_deref(),
            Some("AB12CD30")
        );
        assert_eq!(
            normalize_check_in_code("il000000").as_deref(),
            Some("11000000")
        );
        assert_eq!(normalize_check_in_code("AB12CD3"), None);
        assert_eq!(normalize_check_in_code("AB12CD345"), None);
        assert_eq!(normalize_check_in_code("AB12CD3U"), None);
        assert_eq!(normalize_check_in_code("AB12CĐ30"), None);
    }

    proptest! {
        #[test]
        fn a_code_reads_back_as_itself(bytes in any::<[u8; 5]>()) {
            let code = check_in_code(bytes);
            prop_assert_eq!(code.len(), CHECK_IN_CODE_LEN);
            prop_assert_eq!(normalize_check_in_code(&code.to_lowercase()), Some(code.clone()));
        }

        #[test]
        fn different_bytes_give_different_codes(a in any::<[u8; 5]>(), b in any::<[u8; 5]>()) {
            prop_assert_eq!(a == b, check_in_code(a) == check_in_code(b));
        }
    }

    #[test]
    fn kinds_and_statuses_round_trip() {
        for k in DelegateKind::ALL {
            assert_eq!(DelegateKind::from_stored(k.as_str()), Some(k));
        }
        for s in DelegateStatus::ALL {
            assert_eq!(DelegateStatus::from_stored(s.as_str()), Some(s));
        }
        assert_eq!(
            DelegateStatus::initial(DelegateKind::Alternate),
            DelegateStatus::Standby
        );
        assert_eq!(
            DelegateStatus::initial(DelegateKind::Elected),
            DelegateStatus::Convened
        );
    }

    #[test]
    fn typed_numbers() {
        assert_eq!(check_votes(""), Ok(None));
        assert_eq!(check_votes("1.234"), Ok(Some(1234)));
        assert!(matches!(check_votes("-3"), Err(FieldError::Invalid { .. })));
        assert!(matches!(
            check_votes("200000"),
            Err(FieldError::OutOfRange { .. })
        ));
        assert_eq!(check_rank("2"), Ok(2));
        assert_eq!(check_rank(" "), Err(FieldError::Missing));
        assert!(check_rank("0").is_err());
        assert_eq!(check_birth_year("1975", 2026), Ok(Some(1975)));
        assert!(check_birth_year("2030", 2026).is_err());
        assert_eq!(check_reason("  "), Err(FieldError::Missing));
    }

    fn tally_json(extra: &str) -> String {
        format!(
            r#"{{"rules":"party-2024","ballots_issued":7,"ballots_collected":7,"valid":7,
            "invalid":0,"invalid_by_reason":{{}},
            "threshold":{{"base_kind":"convened","base":7,"votes_needed":4}},
            "candidates":[
              {{"index":0,"name":"Lò Văn Ánh","votes":6,"percent":85.71,"passed":true}},
              {{"index":1,"name":"Nguyễn Thị Bình","votes":7,"percent":100,"passed":true}},
              {{"index":2,"name":"Tòng Văn Ước","votes":5,"percent":71.43,"passed":true}},
              {{"index":3,"name":"Phạm Quốc Ỷ","votes":2,"percent":28.57,"passed":false}}],
            "elected":[1,0],"alternates":[2],"tied_for_last_seat":[],"unfilled_seats":0{extra}}}"#
        )
    }

    #[test]
    fn a_tally_result_gives_the_elected_and_alternates_in_vote_order() {
        let got = parse_tally_result(tally_json("").as_bytes()).unwrap();
        let names: Vec<&str> = got.elected.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Nguyễn Thị Bình", "Lò Văn Ánh"]);
        assert_eq!(got.elected[0].votes, 7);
        assert_eq!(got.alternates[0].name, "Tòng Văn Ước");
        // A byte-order mark is skipped.
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(tally_json("").as_bytes());
        assert!(parse_tally_result(&with_bom).is_ok());
    }

    #[test]
    fn files_that_are_not_tally_results_are_refused_by_name() {
        assert_eq!(parse_tally_result(b""), Err(TallyFileError::Empty));
        assert_eq!(
            parse_tally_result(b"PK\x03\x04\xff\xfe"),
            Err(TallyFileError::NotText)
        );
        assert!(matches!(
            parse_tally_result(b"{\"elected\": [1,"),
            Err(TallyFileError::NotJson { line: 1, .. })
        ));
        let input = r#"{"rules":"party-2024","seats":2,"candidates":[],"ballots":[]}"#;
        assert_eq!(
            parse_tally_result(input.as_bytes()),
            Err(TallyFileError::ElectionInput)
        );
        let e = parse_tally_result(br#"{"candidates":[],"alternates":[]}"#).unwrap_err();
        assert_eq!(
            e,
            TallyFileError::MissingField {
                field: "elected".into()
            }
        );
        assert!(e.to_string().contains("«elected»"), "{e}");
        let bad = tally_json("").replace(r#""elected":[1,0]"#, r#""elected":[1,9]"#);
        assert_eq!(
            parse_tally_result(bad.as_bytes()),
            Err(TallyFileError::UnknownIndex {
                field: "elected",
                index: 9
            })
        );
        let twice = tally_json("").replace(r#""alternates":[2]"#, r#""alternates":[0]"#);
        assert_eq!(
            parse_tally_result(twice.as_bytes()),
            Err(TallyFileError::Repeated { index: 0 })
        );
        let votes = tally_json("").replace(r#""votes":6"#, r#""votes":"sáu""#);
        assert!(matches!(
            parse_tally_result(votes.as_bytes()),
            Err(TallyFileError::BadField { field, .. }) if field == "candidates[0].votes"
        ));
        let nobody = tally_json("")
            .replace(r#""elected":[1,0]"#, r#""elected":[]"#)
            .replace(r#""alternates":[2]"#, r#""alternates":[]"#);
        assert_eq!(
            parse_tally_result(nobody.as_bytes()),
            Err(TallyFileError::NobodyElected)
        );
        let big = vec![b' '; MAX_TALLY_FILE_BYTES + 1];
        assert!(matches!(
            parse_tally_result(&big),
            Err(TallyFileError::TooLarge { .. })
        ));
    }

    #[test]
    fn seats_warnings() {
        assert_eq!(seats_warning("Xã A", 4, 4), None);
        assert_eq!(
            seats_warning("Xã A", 5, 4).unwrap(),
            "Xã A có 5 đại biểu chính thức, nhiều hơn số được phân bổ (4) 1 người."
        );
        assert!(seats_warning("Xã A", 2, 4).unwrap().contains("ít hơn"));
    }
}
