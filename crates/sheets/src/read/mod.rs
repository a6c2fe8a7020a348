//! Đọc bảng tính — from the bytes of an uploaded or named file to a [`Table`]: what kind of file
//! it is (XLSX by its zip directory, a known non-spreadsheet by its first bytes, else CSV), the
//! limits, and the cells as text.

mod delimited;
mod workbook;

use std::collections::BTreeMap;

use crate::table::Table;
use crate::{COLUMNS_MAX, FILE_MAX_BYTES, ROWS_MAX, SheetError};

/// Đọc bảng — reads the first worksheet of an XLSX workbook, or a CSV file, as a table of text
/// cells: the header is the first non-empty row, empty rows are skipped, rows are numbered as
/// Excel shows them.
///
/// Refused as a whole (with a Vietnamese sentence that says what to do): an empty file, a file
/// over [`FILE_MAX_BYTES`], something that is not a spreadsheet (a picture, a PDF, random bytes),
/// a workbook format not read (`.xls`, `.xlsb`, `.ods`), a CSV not in UTF-8, a damaged workbook
/// or one whose parts unpack far larger than the file, more than [`ROWS_MAX`] data rows, a
/// value beyond column [`COLUMNS_MAX`]. A cell over [`crate::CELL_MAX_CHARS`] is a problem of
/// that cell, kept in the table's report. `file_name` only helps to name what the file is.
pub fn read_table(bytes: &[u8], file_name: &str) -> Result<Table, SheetError> {
    if bytes.is_empty() {
        return Err(SheetError::Empty);
    }
    if bytes.len() > FILE_MAX_BYTES {
        return Err(SheetError::TooLarge { bytes: bytes.len() });
    }
    let grid = match sniff(bytes) {
        Kind::Zip => workbook::read(bytes, named_workbook(file_name))?,
        Kind::Known(kind) => return Err(kind),
        Kind::Text => {
            if looks_binary(bytes) {
                return Err(if named_workbook(file_name) {
                    SheetError::Broken {
                        detail: "binary, not a zip".into(),
                    }
                } else {
                    SheetError::NotASpreadsheet {
                        looks_like: extension_hint(file_name),
                    }
                });
            }
            delimited::read(bytes)?
        }
    };
    Table::from_grid(grid)
}

/// The cells read, before the header is known: row number (as Excel shows it) → column index
/// (0 = A) → text; only non-empty cells, and never more rows or columns than the limits allow.
#[derive(Debug, Default)]
pub(crate) struct Grid {
    rows: BTreeMap<u32, BTreeMap<usize, String>>,
}

impl Grid {
    /// Keeps a cell's text, unless it is blank; refuses a value past the column limit or a row
    /// past the row limit (the header counts as one).
    pub(crate) fn put(&mut self, row: u32, column: usize, text: String) -> Result<(), SheetError> {
        if text.trim().is_empty() {
            return Ok(());
        }
        if column >= COLUMNS_MAX {
            return Err(SheetError::TooManyColumns {
                row,
                column: crate::table::column_letter(column),
            });
        }
        if !self.rows.contains_key(&row) && self.rows.len() > ROWS_MAX {
            return Err(SheetError::TooManyRows);
        }
        self.rows.entry(row).or_default().insert(column, text);
        Ok(())
    }

    /// The rows in order, each with its cells in column order.
    pub(crate) fn into_rows(self) -> impl Iterator<Item = (u32, BTreeMap<usize, String>)> {
        self.rows.into_iter()
    }
}

enum Kind {
    Zip,
    Known(SheetError),
    Text,
}

/// What the first bytes say.
fn sniff(bytes: &[u8]) -> Kind {
    let not = |k: &'static str| {
        Kind::Known(SheetError::NotASpreadsheet {
            looks_like: Some(k),
        })
    };
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    match bytes {
        [b'P', b'K', 3, 4, ..] | [b'P', b'K', 5, 6, ..] => Kind::Zip,
        b if b.starts_with(OLE) => Kind::Known(SheetError::Unsupported {
            format: "tệp Excel 97–2003 (.xls) hoặc tệp Office có đặt mật khẩu",
        }),
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => Kind::Known(SheetError::Utf16),
        [0x89, b'P', b'N', b'G', ..] => not("ảnh PNG"),
        [0xFF, 0xD8, 0xFF, ..] => not("ảnh JPEG"),
        [b'G', b'I', b'F', b'8', ..] => not("ảnh GIF"),
        [b'R', b'I', b'F', b'F', ..] => not("tệp ảnh hoặc âm thanh (RIFF)"),
        [b'%', b'P', b'D', b'F', ..] => not("tệp PDF"),
        [0x1F, 0x8B, ..] => not("tệp nén gzip"),
        [b'R', b'a', b'r', b'!', ..] => not("tệp nén RAR"),
        [b'7', b'z', 0xBC, 0xAF, ..] => not("tệp nén 7z"),
        [0x7F, b'E', b'L', b'F', ..] | [b'M', b'Z', ..] => not("một chương trình"),
        [b'{', b'\\', b'r', b't', b'f', ..] => not("văn bản RTF"),
        _ => Kind::Text,
    }
}

/// Text files have no NUL bytes and few control characters; anything else is binary.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    controls * 20 > head.len()
}

/// Whether the file's name says it is an Excel workbook.
fn named_workbook(file_name: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    lower.ends_with(".xlsx") || lower.ends_with(".xlsm")
}

/// What the file's name says it is, when it names a kind that is not a spreadsheet.
fn extension_hint(file_name: &str) -> Option<&'static str> {
    let ext = file_name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "doc" | "docx" => "tài liệu Word",
        "png" | "jpg" | "jpeg" | "gif" | "webp" => "một ảnh",
        "pdf" => "tệp PDF",
        "zip" | "rar" | "7z" => "tệp nén",
        _ => return None,
    })
}
