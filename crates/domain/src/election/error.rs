//! Lỗi dữ liệu đầu vào — input that does not make sense for the election.

use super::rules::{InvalidReason, RuleSet};

/// Which ballot form an election uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BallotForm {
    /// `{"struck": […]}` — list with surplus.
    Struck,
    /// `{"marks": […]}` — list without surplus.
    Marks,
}

impl BallotForm {
    /// The JSON field of the form.
    pub fn field(self) -> &'static str {
        match self {
            BallotForm::Struck => "struck",
            BallotForm::Marks => "marks",
        }
    }
}

/// "phiếu số 3 (ballots[2])" — names a ballot by its 1-based number and 0-based index.
fn ballot(index: usize) -> String {
    format!("phiếu số {} (ballots[{}])", index + 1, index)
}

/// Lỗi dữ liệu bầu cử — why an election input cannot be counted. Every message is Vietnamese,
/// names the ballot or field, and ends with an English code in brackets.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// The `rules` name is not a known rule set.
    #[error(
        "trường `rules`: không có quy chế bầu cử tên \"{name}\"; các quy chế có sẵn: {} [unknown_rules]",
        RuleSet::BUILTIN_NAMES.join(", ")
    )]
    UnknownRules {
        /// The name given.
        name: String,
    },
    /// The rules count against the convened base but `base` is missing.
    #[error(
        "trường `base`: quy chế {rules} tính kết quả trên tổng số được triệu tập nên phải có `base` [missing_base]"
    )]
    MissingBase {
        /// Rule set name.
        rules: String,
    },
    /// `base` is zero where the rules count against it.
    #[error("trường `base`: cơ số tính kết quả phải lớn hơn 0 [zero_base]")]
    ZeroBase,
    /// `seats` is zero.
    #[error("trường `seats`: số lượng cần bầu phải lớn hơn 0 [no_seats]")]
    NoSeats,
    /// The candidate list is empty.
    #[error("trường `candidates`: danh sách bầu cử không có ai [no_candidates]")]
    NoCandidates,
    /// A candidate has an empty name.
    #[error("ứng cử viên số {} (candidates[{index}]), trường `name`: họ và tên bị trống [empty_name]", index + 1)]
    EmptyName {
        /// 0-based candidate index.
        index: usize,
    },
    /// More issued ballots came back than were issued.
    #[error(
        "trường `ballots`: có {collected} phiếu do ban kiểm phiếu phát ra được thu vào (không kể phiếu `not_issued`) nhưng `ballots_issued` chỉ là {issued} [too_many_ballots]"
    )]
    TooManyBallots {
        /// Ballots collected that were issued (all but `not_issued`).
        collected: u32,
        /// `ballots_issued`.
        issued: u32,
    },
    /// A ballot in the wrong form for the election.
    #[error(
        "{}: cuộc bầu có {candidates} người cho {places} chỗ nên phiếu phải ở dạng `{}`, không phải `{}` [wrong_form]",
        ballot(*index), expected.field(), found.field()
    )]
    WrongForm {
        /// 0-based ballot index.
        index: usize,
        /// The form the election needs.
        expected: BallotForm,
        /// The form found.
        found: BallotForm,
        /// Number of candidates.
        candidates: usize,
        /// Seats plus alternates.
        places: u32,
    },
    /// A struck index outside the candidate list.
    #[error(
        "{}, trường `struck`: chỉ số {value} ngoài danh sách ({candidates} người, chỉ số từ 0 đến {}) [struck_out_of_range]",
        ballot(*index), candidates - 1
    )]
    StruckOutOfRange {
        /// 0-based ballot index.
        index: usize,
        /// The index found.
        value: usize,
        /// Number of candidates.
        candidates: usize,
    },
    /// A struck index given twice on one ballot.
    #[error("{}, trường `struck`: chỉ số {value} bị lặp lại [struck_repeated]", ballot(*index))]
    StruckRepeated {
        /// 0-based ballot index.
        index: usize,
        /// The repeated candidate index.
        value: usize,
    },
    /// Marks of the wrong length.
    #[error(
        "{}, trường `marks`: có {found} ô đánh dấu nhưng danh sách có {expected} người [marks_length]",
        ballot(*index)
    )]
    MarksLength {
        /// 0-based ballot index.
        index: usize,
        /// Marks found.
        found: usize,
        /// Candidates.
        expected: usize,
    },
    /// An invalid reason the rule set does not list.
    #[error(
        "{}, trường `invalid`: quy chế {rules} không có lý do \"{}\" [reason_not_allowed]",
        ballot(*index), reason.code()
    )]
    ReasonNotAllowed {
        /// 0-based ballot index.
        index: usize,
        /// The reason given.
        reason: InvalidReason,
        /// Rule set name.
        rules: String,
    },
    /// `other` without a note.
    #[error(
        "{}, trường `note`: phiếu không hợp lệ vì lý do khác (`other`) phải ghi rõ lý do [note_required]",
        ballot(*index)
    )]
    NoteRequired {
        /// 0-based ballot index.
        index: usize,
    },
}
