//! View models of the printed documents: plain data, every number and date already written the
//! Vietnamese way. The templates only lay them out; they make no decision and format nothing.

use serde::Serialize;

/// Quốc hiệu / tiêu đề — the header at the top right of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NationalHeader {
    /// "ĐẢNG CỘNG SẢN VIỆT NAM", underlined (Hướng dẫn 36-HD/VPTW): Party congresses.
    Party,
    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc" (Nghị định 30/2020):
    /// state bodies, Công đoàn, hội.
    State,
}

/// Phiếu bầu — the ballot paper of one election, ready to print.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BallotPaper {
    /// Which header the paper carries.
    pub national: NationalHeader,
    /// Tên đại hội — e.g. "Đại hội đại biểu Đảng bộ huyện Tân Uyên lần thứ XXIII, nhiệm kỳ
    /// 2020 - 2025". May be empty.
    pub congress: String,
    /// Tên cuộc bầu cử — e.g. "Bầu Ban Chấp hành Đảng bộ huyện khóa XXIII". May be empty.
    pub election: String,
    /// Địa danh, ngày tháng — e.g. "Tân Uyên, ngày 09 tháng 6 năm 2020". May be empty.
    pub place_date: String,
    /// Cách bầu — strike out names, or agree / disagree per name.
    pub kind: BallotKind,
    /// Hướng dẫn bỏ phiếu — the instructions printed above the list, one sentence per entry.
    pub instructions: Vec<String>,
    /// Danh sách bầu cử — the candidates in ballot order (Vietnamese name order).
    pub candidates: Vec<BallotLine>,
}

/// Cách bầu — how a voter marks this ballot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BallotKind {
    /// Số dư: more candidates than seats; the voter strikes through whole names.
    Strike,
    /// Không có số dư: as many candidates as seats; an X in "Đồng ý" or "Không đồng ý" per name.
    AgreeDisagree,
}

/// Một dòng trên phiếu bầu — one candidate as printed on the ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BallotLine {
    /// Số thứ tự, e.g. "1".
    pub number: String,
    /// Họ và tên.
    pub name: String,
    /// Printed after the name in brackets, e.g. "sinh ngày 02/5/1978" to tell apart two people
    /// with the same full name. Empty when not needed.
    pub note: String,
}

/// Biên bản kiểm phiếu — the counting minutes of one election, ready to print.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountingMinutes {
    /// Which header the minutes carry.
    pub national: NationalHeader,
    /// Tên đại hội, printed (upper case) as the superior body at the top left. May be empty.
    pub congress: String,
    /// Địa danh, ngày tháng — e.g. "Tân Uyên, ngày 09 tháng 6 năm 2020". Empty leaves a line to
    /// fill in by hand.
    pub place_date: String,
    /// Tên cuộc bầu cử, printed under the title. May be empty.
    pub election: String,
    /// Căn cứ — the legal basis, one sentence per entry.
    pub legal_basis: Vec<String>,
    /// Ban kiểm phiếu — its members as they sign; names may be empty (filled in by hand).
    pub committee: Vec<CommitteeMember>,
    /// Số lượng cần bầu, e.g. "35".
    pub seats: String,
    /// Số đại biểu dự khuyết cần bầu, e.g. "3"; empty when the election has none.
    pub alternates: String,
    /// Số người trong danh sách bầu cử, e.g. "40".
    pub candidate_count: String,
    /// Số đại biểu (đảng viên) có mặt khi bầu cử, e.g. "240"; empty when not given.
    pub present: String,
    /// Số vắng mặt (the convened base minus those present), e.g. "7"; empty when not known.
    pub absent: String,
    /// Giờ bắt đầu kiểm phiếu, e.g. "14 giờ 30 phút"; empty leaves dotted lines.
    pub count_started: String,
    /// Cơ sở tính kết quả — the threshold base and the votes needed.
    pub threshold: Threshold,
    /// Số phiếu — issued, collected, valid, invalid.
    pub ballots: BallotCounts,
    /// Header of the percent column, naming its base, e.g. "Tỉ lệ % so với số đại biểu chính
    /// thức được triệu tập".
    pub percent_basis: String,
    /// Kết quả — every candidate in ballot order.
    pub candidates: Vec<CandidateResult>,
    /// Những người trúng cử — in vote order, highest first.
    pub elected: Vec<CandidateResult>,
    /// Đại biểu dự khuyết — in vote order.
    pub alternates_elected: Vec<CandidateResult>,
    /// Bằng phiếu ở chỗ cuối — one sentence per tie across the last seat or alternate place.
    pub ties: Vec<String>,
    /// Còn thiếu — one sentence per kind of place left open (seats, alternate places).
    pub open_places: Vec<String>,
    /// Ghi chú — further remarks (surplus warnings) in plain words.
    pub notes: Vec<String>,
}

/// Thành viên Ban kiểm phiếu — one member as listed and signing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitteeMember {
    /// Chức danh — "Trưởng ban", "Ủy viên".
    pub role: String,
    /// Whether this member signs as head (Trưởng ban kiểm phiếu), in the right column.
    pub is_head: bool,
    /// Họ và tên; empty leaves a dotted line.
    pub name: String,
}

/// Cơ sở tính kết quả — the threshold base of an election.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Threshold {
    /// What the base counts, e.g. "Tổng số đại biểu chính thức được triệu tập".
    pub base_label: String,
    /// The base, e.g. "247".
    pub base: String,
    /// Số phiếu cần đạt để trúng cử, e.g. "124"; empty where the rules have no threshold.
    pub votes_needed: String,
}

/// Số phiếu — the ballot counts of the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BallotCounts {
    /// Số phiếu phát ra.
    pub issued: String,
    /// Số phiếu thu vào.
    pub collected: String,
    /// Số phiếu hợp lệ.
    pub valid: String,
    /// Số phiếu không hợp lệ.
    pub invalid: String,
    /// Lý do không hợp lệ — one line per reason.
    pub invalid_by_reason: Vec<ReasonCount>,
}

/// Một lý do phiếu không hợp lệ and how many ballots it made invalid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReasonCount {
    /// The reason in words, e.g. "Phiếu không do Ban kiểm phiếu phát ra".
    pub reason: String,
    /// How many, e.g. "1".
    pub count: String,
}

/// Kết quả của một ứng cử viên — one row of a result table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CandidateResult {
    /// Số thứ tự in this table, e.g. "1".
    pub number: String,
    /// Họ và tên.
    pub name: String,
    /// Số phiếu bầu, e.g. "124".
    pub votes: String,
    /// Tỉ lệ, e.g. "50,20%".
    pub percent: String,
    /// Ghi chú, e.g. "Trúng cử", "Dự khuyết", "Bằng phiếu", or empty.
    pub remark: String,
}

/// Bảng kết quả — the content of the results workbook; numbers stay numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResultSheet {
    /// Title in the first row, e.g. "Kết quả bầu Ban Chấp hành Đảng bộ huyện khóa XXIII".
    pub title: String,
    /// Tổng hợp — labelled counts (seats, base, ballots issued, …).
    pub summary: Vec<SummaryRow>,
    /// Header of the percent column, naming its base.
    pub percent_label: String,
    /// Every candidate, in ballot order.
    pub rows: Vec<ResultRow>,
}

/// Một dòng tổng hợp — one labelled count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryRow {
    /// The label, e.g. "Số phiếu phát ra".
    pub label: String,
    /// The count.
    pub value: u64,
}

/// Một dòng kết quả — one candidate in the workbook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResultRow {
    /// Số thứ tự (ballot order).
    pub number: u32,
    /// Họ và tên.
    pub name: String,
    /// Số phiếu.
    pub votes: u64,
    /// Tỉ lệ in percent, e.g. `50.2` for 50,20%.
    pub percent: f64,
    /// Kết quả, e.g. "Trúng cử", "Dự khuyết", or empty.
    pub outcome: String,
}
