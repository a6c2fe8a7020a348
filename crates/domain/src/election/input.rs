//! Dữ liệu đầu vào — one election as read from JSON: the rules, seats, base, candidates and the
//! ballots as the counting committee recorded them.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

use super::error::InputError;
use super::rules::{ElectionKind, InvalidReason};
use crate::vn;

/// Một cuộc bầu cử — one election (one round, lượt bầu) to count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectionInput {
    /// Name of the rule set (`party-2024`, `party-2014`, `state`, `plurality`).
    pub rules: String,
    /// Loại cuộc bầu — what is elected (committee, standing committee, secretary, inspection
    /// committee, delegates); the surplus limits apply to the kinds they govern. Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ElectionKind>,
    /// Số lượng cần bầu — official seats to fill.
    pub seats: u32,
    /// Số dự khuyết — alternates to elect after the official seats (delegate elections).
    #[serde(default)]
    pub alternates: u32,
    /// Cơ số — the convened base (after deductions) when the rules count against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<u32>,
    /// Số phiếu phát ra — ballots issued by the counting committee (0 when left out, e.g. in a
    /// file written before the vote).
    #[serde(default)]
    pub ballots_issued: u32,
    /// Danh sách bầu cử — the candidates; indices in ballots and results refer to this order.
    pub candidates: Vec<CandidateInput>,
    /// Phiếu thu vào — the ballots collected, one entry per ballot (none when left out).
    #[serde(default)]
    pub ballots: Vec<BallotInput>,
    /// Số đại biểu (đảng viên) có mặt khi bầu cử — present at the vote, for the minutes
    /// (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub present: Option<u32>,
    /// Giờ bắt đầu kiểm phiếu — the time the count started, `HH:MM` (optional, for the minutes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count_started: Option<String>,
    /// Tên đại hội — heading for printed documents (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub congress: Option<String>,
    /// Tên cuộc bầu cử — e.g. "Bầu Ban Chấp hành Đảng bộ huyện khóa XXIII" (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub election: Option<String>,
    /// Địa danh, ngày tháng — e.g. "Tân Uyên, ngày 09 tháng 6 năm 2020" (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_date: Option<String>,
    /// Ban kiểm phiếu — members of the counting committee, for signature blocks (optional).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counting_committee: Vec<CountingCommitteeMember>,
}

/// Người trong danh sách bầu cử — one candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidateInput {
    /// Họ và tên — full name.
    pub name: String,
    /// Ngày sinh — birth date (`YYYY-MM-DD`); used by the older-wins tie policy and to tell
    /// namesakes apart.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "birth_date"
    )]
    pub birth_date: Option<NaiveDate>,
}

/// Thành viên ban kiểm phiếu — a counting committee member who signs the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountingCommitteeMember {
    /// Họ và tên.
    pub name: String,
    /// Chức danh — e.g. "Trưởng ban", "Ủy viên".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// Ô đánh dấu — what a voter marked for one candidate on a no-surplus ballot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// Đồng ý — one vote.
    Agree,
    /// Không đồng ý — no vote.
    Disagree,
    /// Both boxes marked — no vote from this ballot, the ballot stays valid.
    Both,
    /// Neither box marked — no vote from this ballot, the ballot stays valid.
    None,
}

/// Phiếu bầu — one collected ballot as recorded by the counting committee.
///
/// JSON forms: `{"struck": [1, 3]}` (list with surplus: indices of struck names),
/// `{"marks": ["agree", "disagree", …]}` (list without surplus: one mark per candidate),
/// `{"invalid": "not_issued"}` or `{"invalid": "other", "note": "…"}` (ruled invalid by the
/// committee).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BallotInput {
    /// Phiếu gạch tên — indices (0-based, into `candidates`) of the struck names.
    Struck(Vec<usize>),
    /// Phiếu đồng ý / không đồng ý — one mark per candidate, in candidate order.
    Marks(Vec<Mark>),
    /// Phiếu ban kiểm phiếu kết luận không hợp lệ — with its reason code and optional note.
    Invalid {
        /// Reason code.
        reason: InvalidReason,
        /// The committee's words (required for `other`).
        note: Option<String>,
    },
}

/// The JSON shape of a ballot, before its form is checked.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBallot {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    struck: Option<Vec<i64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    marks: Option<Vec<Mark>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    invalid: Option<InvalidReason>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

impl TryFrom<RawBallot> for BallotInput {
    type Error = String;

    fn try_from(raw: RawBallot) -> Result<Self, String> {
        match (raw.struck, raw.marks, raw.invalid) {
            (Some(struck), None, None) => {
                if raw.note.is_some() {
                    return Err("trường `note` chỉ dùng cho phiếu không hợp lệ (`invalid`)".into());
                }
                let mut indices = Vec::with_capacity(struck.len());
                for value in struck {
                    let index = usize::try_from(value).map_err(|_| {
                        format!("trường `struck` có chỉ số âm {value} (chỉ số bắt đầu từ 0)")
                    })?;
                    indices.push(index);
                }
                Ok(BallotInput::Struck(indices))
            }
            (None, Some(marks), None) => {
                if raw.note.is_some() {
                    return Err("trường `note` chỉ dùng cho phiếu không hợp lệ (`invalid`)".into());
                }
                Ok(BallotInput::Marks(marks))
            }
            (None, None, Some(reason)) => Ok(BallotInput::Invalid {
                reason,
                note: raw.note,
            }),
            (None, None, None) => {
                Err("phiếu phải có một trong các trường `struck`, `marks` hoặc `invalid`".into())
            }
            _ => Err("phiếu chỉ được có một trong các trường `struck`, `marks`, `invalid`".into()),
        }
    }
}

impl<'de> Deserialize<'de> for BallotInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawBallot::deserialize(deserializer)?;
        BallotInput::try_from(raw).map_err(de::Error::custom)
    }
}

impl Serialize for BallotInput {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let raw = match self {
            BallotInput::Struck(indices) => RawBallot {
                struck: Some(indices.iter().map(|&i| i as i64).collect()),
                marks: None,
                invalid: None,
                note: None,
            },
            BallotInput::Marks(marks) => RawBallot {
                struck: None,
                marks: Some(marks.clone()),
                invalid: None,
                note: None,
            },
            BallotInput::Invalid { reason, note } => RawBallot {
                struck: None,
                marks: None,
                invalid: Some(*reason),
                note: note.clone(),
            },
        };
        raw.serialize(serializer)
    }
}

/// `YYYY-MM-DD`, with a Vietnamese message naming the value when it is not a date.
fn birth_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    let Some(text) = Option::<String>::deserialize(d)? else {
        return Ok(None);
    };
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .ok()
        .filter(|_| text.len() == 10)
        .map(Some)
        .ok_or_else(|| {
            de::Error::custom(format!(
                "ngày sinh \"{}\" không phải một ngày có thật viết dạng YYYY-MM-DD (ví dụ 1978-05-02)",
                text.chars().take(40).collect::<String>()
            ))
        })
}

impl ElectionInput {
    /// Reads an election from JSON text. A UTF-8 byte-order mark (Excel and Notepad write one)
    /// is skipped. Every refusal is an [`InputError::Json`] naming the place (ballot, candidate,
    /// field, or line and column) with a code.
    pub fn from_json(text: &str) -> Result<ElectionInput, InputError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let input: ElectionInput = serde_path_to_error::deserialize(&mut deserializer)
            .map_err(|e| json_error(Some(e.path()), e.inner()))?;
        deserializer.end().map_err(|e| json_error(None, &e))?;
        Ok(input)
    }

    /// Reads an election from the bytes of a file: [`ElectionInput::from_json`] after checking
    /// that they are UTF-8 (`not_utf8` names the byte offset otherwise).
    pub fn from_json_bytes(bytes: &[u8]) -> Result<ElectionInput, InputError> {
        let text = std::str::from_utf8(bytes).map_err(|e| InputError::Json {
            code: "not_utf8",
            location: format!("byte thứ {}", e.valid_up_to() + 1),
            detail: "tệp không phải văn bản UTF-8 (hãy lưu lại dưới dạng UTF-8)".into(),
        })?;
        ElectionInput::from_json(text)
    }

    /// Tên in ra — each candidate's name as printed in the minutes, the workbook and the
    /// warnings: "Lò Văn Ánh (sinh ngày 02/05/1978)" when another candidate has the same full
    /// name and this one has a birth date, the name alone otherwise.
    pub fn display_names(&self) -> Vec<String> {
        let namesakes = self.namesakes();
        self.candidates
            .iter()
            .enumerate()
            .map(|(i, c)| match (namesakes[i], c.birth_date) {
                (true, Some(date)) => format!("{} (sinh ngày {})", c.name, vn::format_date(date)),
                _ => c.name.clone(),
            })
            .collect()
    }

    /// For each candidate, whether another candidate has the same full name (compared in NFC,
    /// without surrounding spaces, inner runs of spaces as one).
    pub fn namesakes(&self) -> Vec<bool> {
        let keys: Vec<String> = self.candidates.iter().map(|c| name_key(&c.name)).collect();
        let mut count: HashMap<&str, usize> = HashMap::new();
        for key in &keys {
            *count.entry(key.as_str()).or_insert(0) += 1;
        }
        keys.iter().map(|k| count[k.as_str()] > 1).collect()
    }
}

/// The comparison key of a full name: NFC, words separated by one space.
pub(crate) fn name_key(name: &str) -> String {
    vn::nfc(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// An error of `serde_json` at `path`, as an [`InputError::Json`] with a code.
fn json_error(path: Option<&serde_path_to_error::Path>, error: &serde_json::Error) -> InputError {
    use serde_json::error::Category;
    let full = error.to_string();
    let message = match full.rsplit_once(" at line ") {
        Some((head, _)) => head.to_owned(),
        None => full.clone(),
    };
    let at_line = if error.line() > 0 {
        format!("dòng {}, cột {}", error.line(), error.column())
    } else {
        String::new()
    };
    if matches!(
        error.classify(),
        Category::Syntax | Category::Eof | Category::Io
    ) {
        return InputError::Json {
            code: "bad_json",
            location: at_line,
            detail: format!("không phải JSON hợp lệ ({message})"),
        };
    }
    let segments: Vec<&serde_path_to_error::Segment> =
        path.map(|p| p.iter().collect()).unwrap_or_default();
    let mut location = describe_path(&segments);
    if location.is_empty() {
        location = at_line.clone();
    } else if !at_line.is_empty() {
        location = format!("{location} ({at_line})");
    }
    let last_field = segments.iter().rev().find_map(|s| match s {
        serde_path_to_error::Segment::Map { key } => Some(key.as_str()),
        _ => None,
    });
    if let Some(field) = backticked(&message, "missing field `") {
        return InputError::Json {
            code: "missing_field",
            location,
            detail: format!("thiếu trường bắt buộc `{field}`"),
        };
    }
    if let Some(field) = backticked(&message, "unknown field `") {
        let expected = message
            .split_once("expected one of ")
            .map(|(_, list)| format!("; các trường được dùng: {}", list.replace('`', "")))
            .unwrap_or_default();
        return InputError::Json {
            code: "unknown_field",
            location,
            detail: format!("không có trường `{field}`{expected}"),
        };
    }
    let code = match last_field {
        Some("birth_date") => "bad_date",
        Some("marks") => "unknown_mark",
        Some("invalid") => "unknown_reason",
        Some("kind") => "unknown_kind",
        _ if message.starts_with("phiếu ") || message.starts_with("trường `note`") => {
            "bad_ballot"
        }
        _ => "bad_value",
    };
    let detail = if let Some(value) = backticked(&message, "unknown variant `") {
        let expected = message
            .split_once("expected one of ")
            .or_else(|| message.split_once("expected "))
            .map(|(_, list)| list.replace('`', ""))
            .unwrap_or_default();
        format!("giá trị \"{value}\" không được dùng; các giá trị được dùng: {expected}")
    } else if message.starts_with("invalid type") || message.starts_with("invalid value") {
        format!("sai kiểu hoặc giá trị dữ liệu ({message})")
    } else if message.starts_with("invalid length") {
        format!("sai độ dài ({message})")
    } else {
        message
    };
    InputError::Json {
        code,
        location,
        detail,
    }
}

/// The text between `prefix` and the next backtick, when `message` starts with `prefix`.
fn backticked<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    message
        .strip_prefix(prefix)
        .and_then(|rest| rest.split_once('`'))
        .map(|(value, _)| value)
}

/// "phiếu số 3 (ballots[2]), trường `marks[1]`" — a JSON path in words.
fn describe_path(segments: &[&serde_path_to_error::Segment]) -> String {
    use serde_path_to_error::Segment;
    let mut parts: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut i = 0;
    while i < segments.len() {
        match (segments[i], segments.get(i + 1)) {
            (Segment::Map { key }, Some(Segment::Seq { index }))
                if field.is_empty()
                    && matches!(
                        key.as_str(),
                        "ballots" | "candidates" | "counting_committee"
                    ) =>
            {
                let noun = match key.as_str() {
                    "ballots" => "phiếu",
                    "candidates" => "ứng cử viên",
                    _ => "thành viên ban kiểm phiếu",
                };
                parts.push(format!("{noun} số {} ({key}[{index}])", index + 1));
                i += 2;
                continue;
            }
            (Segment::Map { key }, _) => {
                if !field.is_empty() {
                    field.push('.');
                }
                field.push_str(key);
            }
            (Segment::Seq { index }, _) => field.push_str(&format!("[{index}]")),
            _ => {}
        }
        i += 1;
    }
    if !field.is_empty() {
        parts.push(format!("trường `{field}`"));
    }
    parts.join(", ")
}
