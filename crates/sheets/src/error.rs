//! Tệp bị từ chối — why a file cannot be read as a table at all (as opposed to the problems of
//! its cells, which are reported one by one).

use daihoi_domain::vn::format::format_int;

use crate::{COLUMNS_MAX, FILE_MAX_BYTES, ROWS_MAX, UNCOMPRESSED_MAX_BYTES};

/// The sentence that tells how to save a CSV that Excel opens and daihoi reads.
const SAVE_AS_CSV_UTF8: &str = "hãy mở tệp bằng Excel và lưu lại với kiểu «CSV UTF-8 (Comma delimited) (*.csv)», hoặc lưu thành «Excel Workbook (*.xlsx)»";

/// Lỗi đọc bảng tính — a file refused as a whole. The Display is a Vietnamese sentence that says
/// what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    /// Tệp rỗng.
    #[error("Tệp rỗng (0 byte): hãy chọn tệp Excel (.xlsx) hoặc CSV có dữ liệu.")]
    Empty,
    /// Tệp quá lớn — over [`FILE_MAX_BYTES`].
    #[error(
        "Tệp nặng {} byte, quá giới hạn {} byte (16 MB): hãy chia danh sách thành nhiều tệp.",
        format_int(*bytes as i64),
        format_int(FILE_MAX_BYTES as i64)
    )]
    TooLarge {
        /// The file's size.
        bytes: usize,
    },
    /// Không phải bảng tính — a picture, a PDF, a program, random bytes.
    #[error(
        "Tệp không phải là bảng tính{}: hãy chọn tệp Excel (.xlsx) hoặc CSV.",
        looks_like.map(|k| format!(" (có vẻ là {k})")).unwrap_or_default()
    )]
    NotASpreadsheet {
        /// What it seems to be ("ảnh PNG", "tệp PDF"), when known.
        looks_like: Option<&'static str>,
    },
    /// A spreadsheet in a format not read: Excel 97–2003, binary workbook, OpenDocument.
    #[error(
        "Tệp là {format}, định dạng chưa đọc được: hãy mở bằng Excel hoặc LibreOffice và lưu thành «Excel Workbook (*.xlsx)» hoặc «CSV UTF-8»."
    )]
    Unsupported {
        /// The format, in words.
        format: &'static str,
    },
    /// A text file in UTF-16 ("Unicode Text" of Excel).
    #[error(
        "Tệp văn bản ở bảng mã UTF-16 (kiểu «Unicode Text» của Excel) chưa đọc được: {SAVE_AS_CSV_UTF8}."
    )]
    Utf16,
    /// A text file not in UTF-8 (Windows-1258, TCVN3, VNI…).
    #[error(
        "Tệp CSV không ở bảng mã UTF-8 (lỗi từ dòng {line}; có thể là Windows-1258, TCVN3 hoặc VNI): {SAVE_AS_CSV_UTF8}."
    )]
    NotUtf8 {
        /// The line of the first byte that is not UTF-8.
        line: u32,
    },
    /// A damaged workbook (or one made by a program that writes something else than XLSX).
    #[error(
        "Tệp Excel bị hỏng, không đọc được: hãy mở lại bằng Excel và lưu thành «Excel Workbook (*.xlsx)»."
    )]
    Broken {
        /// What the reader said (for the log, not for the user).
        detail: String,
    },
    /// Bom nén — an XLSX whose parts would unpack far larger than the file allows.
    #[error(
        "Tệp Excel khi giải nén nặng {} byte, quá giới hạn {} byte hoặc quá lớn so với tệp: tệp bị từ chối.",
        format_int(i64::try_from(*uncompressed).unwrap_or(i64::MAX)),
        format_int(UNCOMPRESSED_MAX_BYTES as i64)
    )]
    Inflated {
        /// The sizes the zip directory declares, added up.
        uncompressed: u64,
    },
    /// Quá nhiều dòng — over [`ROWS_MAX`] data rows.
    #[error(
        "Bảng có hơn {} dòng dữ liệu: hãy chia danh sách thành nhiều tệp.",
        format_int(ROWS_MAX as i64)
    )]
    TooManyRows,
    /// Quá nhiều cột — a value beyond column [`COLUMNS_MAX`].
    #[error(
        "Dòng {row} có dữ liệu ở cột {column}, quá giới hạn {COLUMNS_MAX} cột: hãy xoá các cột không dùng."
    )]
    TooManyColumns {
        /// The row.
        row: u32,
        /// The column's letter.
        column: String,
    },
    /// A workbook without a worksheet.
    #[error("Tệp Excel không có trang tính nào.")]
    NoSheet,
    /// Nothing in the first sheet (or the CSV): not even a header.
    #[error("Bảng trống: cần một dòng tiêu đề (tên các cột) rồi đến các dòng dữ liệu.")]
    NoHeader,
    /// A header and no data row.
    #[error("Bảng chỉ có dòng tiêu đề, không có dòng dữ liệu nào.")]
    NoRows,
}

impl SheetError {
    /// A stable code for JSON and tests.
    pub fn code(&self) -> &'static str {
        match self {
            SheetError::Empty => "empty_file",
            SheetError::TooLarge { .. } => "file_too_large",
            SheetError::NotASpreadsheet { .. } => "not_a_spreadsheet",
            SheetError::Unsupported { .. } => "unsupported_format",
            SheetError::Utf16 | SheetError::NotUtf8 { .. } => "encoding",
            SheetError::Broken { .. } => "broken_file",
            SheetError::Inflated { .. } => "inflated_file",
            SheetError::TooManyRows => "too_many_rows",
            SheetError::TooManyColumns { .. } => "too_many_columns",
            SheetError::NoSheet => "no_sheet",
            SheetError::NoHeader => "no_header",
            SheetError::NoRows => "no_rows",
        }
    }
}
