//! Dữ liệu đầu vào — one election as read from JSON: the rules, seats, base, candidates and the
//! ballots as the counting committee recorded them.

use std::fmt;

use chrono::NaiveDate;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::rules::InvalidReason;

/// Một cuộc bầu cử — one election (one round, lượt bầu) to count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectionInput {
    /// Name of the rule set (`party-2024`, `party-2014`, `state`, `plurality`).
    pub rules: String,
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
    #[serde(deserialize_with = "numbered_candidates")]
    pub candidates: Vec<CandidateInput>,
    /// Phiếu thu vào — the ballots collected, one entry per ballot (none when left out).
    #[serde(default, deserialize_with = "numbered_ballots")]
    pub ballots: Vec<BallotInput>,
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
    /// Ngày sinh — birth date (`YYYY-MM-DD`); used by the older-wins tie policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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

/// Deserializes a JSON array element by element, prefixing any element's error with its
/// 1-based number and 0-based index (`phiếu số 3 (ballots[2])`).
struct NumberedSeq<T> {
    noun: &'static str,
    field: &'static str,
    marker: std::marker::PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for NumberedSeq<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "một mảng `{}`", self.field)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
        loop {
            let i = out.len();
            match seq.next_element::<T>() {
                Ok(Some(item)) => out.push(item),
                Ok(None) => return Ok(out),
                Err(e) => {
                    return Err(de::Error::custom(format!(
                        "{} số {} ({}[{}]): {}",
                        self.noun,
                        i + 1,
                        self.field,
                        i,
                        e
                    )));
                }
            }
        }
    }
}

fn numbered_ballots<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<BallotInput>, D::Error> {
    d.deserialize_seq(NumberedSeq {
        noun: "phiếu",
        field: "ballots",
        marker: std::marker::PhantomData,
    })
}

fn numbered_candidates<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<CandidateInput>, D::Error> {
    d.deserialize_seq(NumberedSeq {
        noun: "ứng cử viên",
        field: "candidates",
        marker: std::marker::PhantomData,
    })
}
