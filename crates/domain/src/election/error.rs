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

/// A readable name of a control or invisible character.
fn char_name(c: char) -> &'static str {
    match c {
        '\n' => "xuống dòng",
        '\r' => "về đầu dòng",
        '\t' => "tab",
        '\u{200B}' => "khoảng trắng độ rộng 0",
        '\u{FEFF}' => "BOM",
        '\u{00AD}' => "gạch nối mềm",
        _ if c.is_control() => "ký tự điều khiển",
        _ => "ký tự ẩn",
    }
}

/// A count written the Vietnamese way: `100.000`.
fn number(n: usize) -> String {
    crate::vn::format_uint(n as u64)
}

/// "phiếu số 3 (ballots[2])" — names a ballot by its 1-based number and 0-based index.
fn ballot(index: usize) -> String {
    format!("phiếu số {} (ballots[{}])", index + 1, index)
}

/// Lỗi dữ liệu bầu cử — why an election input cannot be counted. Every message is Vietnamese,
/// names the ballot or field, and ends with an English code in brackets.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// The JSON cannot be read as an election: bad syntax, a missing or unknown field, a value
    /// of the wrong type, a date, mark, reason or kind that is not one of the codes.
    #[error("{}{detail} [{code}]", if location.is_empty() { String::new() } else { format!("{location}: ") })]
    Json {
        /// The code: `bad_json`, `not_utf8`, `missing_field`, `unknown_field`, `bad_date`,
        /// `unknown_mark`, `unknown_reason`, `unknown_kind`, `bad_ballot`, `bad_value`.
        code: &'static str,
        /// Where: "phiếu số 3 (ballots[2]), trường `marks[1]`", or a line and column.
        location: String,
        /// What is wrong, in Vietnamese.
        detail: String,
    },
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
    /// `seats` is zero (and there are no alternates to elect).
    #[error("trường `seats`: số lượng cần bầu phải lớn hơn 0 [no_seats]")]
    NoSeats,
    /// More candidates than any election needs.
    #[error(
        "trường `candidates`: danh sách có {} người, quá giới hạn {} người của một cuộc bầu [too_many_candidates]",
        number(*count), number(*max)
    )]
    TooManyCandidates {
        /// Candidates given.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// Two candidates with the same full name that nothing tells apart.
    #[error(
        "ứng cử viên số {} (candidates[{first}]) và số {} (candidates[{second}]) cùng họ và tên \"{name}\" {}: không phân biệt được trên phiếu bầu; hãy ghi `birth_date` khác nhau cho hai người [duplicate_candidate]",
        first + 1, second + 1,
        if *same_birth_date { "và cùng ngày sinh" } else { "mà thiếu ngày sinh" }
    )]
    DuplicateCandidate {
        /// 0-based index of the first.
        first: usize,
        /// 0-based index of the second.
        second: usize,
        /// The name.
        name: String,
        /// Whether both have the same birth date (else one or both lack it).
        same_birth_date: bool,
    },
    /// A printed text holds a control or invisible character (a line break, a tab, a
    /// zero-width space …).
    #[error(
        "{field}: có ký tự điều khiển hoặc ký tự ẩn U+{:04X} ({}); hãy viết trên một dòng, không có ký tự ẩn [control_character]",
        *character as u32, char_name(*character)
    )]
    ControlCharacter {
        /// Where, e.g. "ứng cử viên số 2 (candidates[1]), trường `name`".
        field: String,
        /// The character.
        character: char,
    },
    /// A printed text is longer than the documents can hold.
    #[error("{field}: dài {} ký tự, tối đa {} ký tự [text_too_long]", number(*length), number(*max))]
    TextTooLong {
        /// Where.
        field: String,
        /// Characters found.
        length: usize,
        /// The limit.
        max: usize,
    },
    /// A word longer than a printed line can hold.
    #[error(
        "{field}: có một từ dài {} ký tự liền nhau (tối đa {max}) không in vừa một dòng [word_too_long]",
        number(*length)
    )]
    WordTooLong {
        /// Where.
        field: String,
        /// Characters in the word.
        length: usize,
        /// The limit.
        max: usize,
    },
    /// A heading or a committee member's text with something in it but no letter or digit
    /// (only marks, punctuation or symbols), or a committee member without a name.
    #[error(
        "{field}: không có chữ cái hay chữ số nào; hãy viết rõ, hoặc bỏ trường này nếu không dùng [empty_text]"
    )]
    EmptyText {
        /// Where.
        field: String,
    },
    /// `count_started` is not a time of day.
    #[error(
        "trường `count_started`: \"{value}\" không phải giờ phút dạng HH:MM (ví dụ 14:30) [bad_time]"
    )]
    BadTime {
        /// The value given (shortened).
        value: String,
    },

    /// The candidate list is empty.
    #[error("trường `candidates`: danh sách bầu cử không có ai [no_candidates]")]
    NoCandidates,
    /// A candidate has an empty name, or one without a single letter (only spaces or invisible
    /// characters).
    #[error("ứng cử viên số {} (candidates[{index}]), trường `name`: họ và tên bị trống hoặc không có chữ cái nào [empty_name]", index + 1)]
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
