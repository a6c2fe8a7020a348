//! # daihoi-documents
//!
//! Printed documents rendered from plain data: ballot papers (phiếu bầu) and counting minutes
//! (biên bản kiểm phiếu) as PDF, results (kết quả bầu cử) as Excel; the list of delegates
//! convened (danh sách đại biểu) as PDF and Excel and the delegate cards (thẻ đại biểu) with a
//! QR code as PDF ([`delegates`]).
//!
//! The documents are built from **view models** ([`BallotPaper`], [`CountingMinutes`],
//! [`ResultSheet`]) whose strings are already formatted the Vietnamese way (`1.934`, `50,20%`,
//! "ngày 08 tháng 6 năm 2020"). [`election`] builds them from the domain's election input and
//! tally, so every caller (the CLI today, the web later) prints the same paper.
//!
//! PDF is typeset with typst used as a library ([`typeset`]): the templates in `templates/` read the
//! view model as JSON data, so user text is never parsed as typst markup. The only font is
//! Libertinus Serif from `typst-assets`, embedded in every PDF; before typesetting, every character
//! of the data is checked against it ([`typeset::missing_glyphs`]).

pub mod ballot;
pub mod delegates;
pub mod election;
pub mod minutes;
pub mod model;
pub mod typeset;
pub mod xlsx;

pub use ballot::{MAX_BALLOT_NAMES, render_ballot_pdf};
pub use delegates::{
    DelegateCard, DelegateCards, DelegateGroup, DelegateLine, DelegateList,
    render_delegate_cards_pdf, render_delegate_list_pdf, render_delegate_list_xlsx,
};
pub use minutes::render_minutes_pdf;
pub use model::{
    BallotCounts, BallotKind, BallotLine, BallotPaper, CandidateResult, CommitteeMember,
    CountingMinutes, NationalHeader, ReasonCount, ResultRow, ResultSheet, SummaryRow, Threshold,
};
pub use xlsx::render_result_xlsx;

/// Lỗi in ấn — everything that can go wrong while producing a document.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The data holds characters that the embedded font cannot draw.
    #[error(
        "phông chữ {font} không có ký tự {chars} (trong «{text}»); hãy sửa lại dữ liệu đầu vào [missing_glyph]"
    )]
    MissingGlyphs {
        /// The font family that lacks them.
        font: String,
        /// The characters, each as `'x' (U+0078)`.
        chars: String,
        /// The first piece of data that holds one of them.
        text: String,
    },
    /// typst refused a template (a bug in this crate, not in the user's data).
    #[error("lỗi dàn trang tài liệu {document}: {message}")]
    Typeset {
        /// Which document (`phiếu bầu`, `biên bản kiểm phiếu`).
        document: &'static str,
        /// typst's messages, joined.
        message: String,
    },
    /// The list does not fit on one ballot sheet.
    #[error(
        "danh sách bầu cử có {count} người không in vừa một tờ phiếu bầu A4 (tối đa {max} người, \
         họ tên và tiêu đề không quá dài); hãy rút gọn tiêu đề hoặc tách cuộc bầu [ballot_too_long]"
    )]
    BallotTooLong {
        /// Names on the list.
        count: usize,
        /// The most one sheet holds.
        max: usize,
    },
    /// The Excel writer failed.
    #[error("lỗi ghi tệp Excel: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}
