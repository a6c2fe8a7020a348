//! Bảng — the cells of a file as text, with its header row and its data rows numbered as Excel
//! shows them, and the matching of the header's names to the columns a list needs.

use std::collections::HashMap;

use daihoi_domain::congress::field::FieldError;
use daihoi_domain::vn::fold::fold;

use crate::read::Grid;
use crate::report::Problem;
use crate::{CELL_MAX_CHARS, SheetError};

/// Bảng đã đọc — the header row and the non-empty rows under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    header: Row,
    rows: Vec<Row>,
    problems: Vec<Problem>,
}

/// Một dòng — its number as Excel shows it and its cells by column (0 = A), empty where the
/// sheet has nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Số dòng — as Excel shows it.
    pub number: u32,
    cells: Vec<String>,
    /// Columns whose cell was over [`CELL_MAX_CHARS`]: reported when read, skipped afterwards.
    refused: Vec<usize>,
}

impl Row {
    /// The text of a cell (empty past the last one).
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map_or("", String::as_str)
    }

    /// Whether the cell was refused when read (its problem is in the table's
    /// [`Table::problems`]).
    pub fn is_refused(&self, column: usize) -> bool {
        self.refused.contains(&column)
    }

    /// How many columns the row reaches.
    pub fn width(&self) -> usize {
        self.cells.len()
    }
}

impl Table {
    /// Builds the table from the cells read: the first non-empty row is the header.
    pub(crate) fn from_grid(grid: Grid) -> Result<Table, SheetError> {
        let mut problems = Vec::new();
        let mut header: Option<Row> = None;
        let mut rows = Vec::new();
        for (number, cells) in grid.into_rows() {
            let width = cells.keys().next_back().map_or(0, |c| c + 1);
            let mut row = Row {
                number,
                cells: vec![String::new(); width],
                refused: Vec::new(),
            };
            for (column, text) in cells {
                let chars = text.chars().count();
                if chars > CELL_MAX_CHARS {
                    let name = header
                        .as_ref()
                        .map(|h| column_name(h, column))
                        .unwrap_or_else(|| column_letter(column));
                    problems.push(Problem::cell(
                        number,
                        &name,
                        "cell_too_long",
                        FieldError::TooLong {
                            max: CELL_MAX_CHARS,
                            given: chars,
                        },
                    ));
                    row.refused.push(column);
                } else {
                    row.cells[column] = text;
                }
            }
            if header.is_none() {
                header = Some(row);
            } else {
                rows.push(row);
            }
        }
        let header = header.ok_or(SheetError::NoHeader)?;
        Ok(Table {
            header,
            rows,
            problems,
        })
    }

    /// The header row (its number is 1 when it is the sheet's first row).
    pub fn header(&self) -> &Row {
        &self.header
    }

    /// The data rows, in order, without the empty ones.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Problems found while reading: cells over [`CELL_MAX_CHARS`].
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Finds the columns of a list by their header names: case, diacritics, spacing and
    /// punctuation aside (`ho va ten`, `HỌ VÀ TÊN (*)` are `Họ và tên`), in any order, other
    /// columns ignored. Gives the column index of each wanted name (`None` when absent) and a
    /// problem for each required column missing and each wanted column found twice.
    pub fn find_columns(&self, wanted: &[Column]) -> (Vec<Option<usize>>, Vec<Problem>) {
        let mut at: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, name) in self.header.cells.iter().enumerate() {
            at.entry(header_key(name)).or_default().push(i);
        }
        let mut problems = Vec::new();
        let mut found = Vec::with_capacity(wanted.len());
        for column in wanted {
            match at.get(&header_key(column.name)).map(Vec::as_slice) {
                None | Some([]) => {
                    if column.required {
                        problems.push(Problem::cell(
                            self.header.number,
                            column.name,
                            "missing_column",
                            format_args!(
                                "thiếu cột bắt buộc «{}» trong dòng tiêu đề (tên cột phải đúng như trong tệp mẫu)",
                                column.name
                            ),
                        ));
                    }
                    found.push(None);
                }
                Some([one]) => found.push(Some(*one)),
                Some(many) => {
                    let letters: Vec<String> = many.iter().map(|&c| column_letter(c)).collect();
                    problems.push(Problem::cell(
                        self.header.number,
                        column.name,
                        "duplicate_column",
                        format_args!(
                            "cột «{}» có nhiều lần (các cột {}); hãy giữ một",
                            column.name,
                            letters.join(", ")
                        ),
                    ));
                    found.push(Some(many[0]));
                }
            }
        }
        (found, problems)
    }
}

/// Cột cần đọc — a column of a list: its name in the template and whether a file must have it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The header in the template ("Mã cấp trên").
    pub name: &'static str,
    /// A file without it is refused.
    pub required: bool,
}

/// The form under which two headers are the same: folded, letters and digits only, single
/// spaces.
fn header_key(name: &str) -> String {
    fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A column's name in a problem: its header as written, or its letter when the header is empty.
fn column_name(header: &Row, column: usize) -> String {
    let name = header.cell(column).trim();
    if name.is_empty() || header.is_refused(column) {
        column_letter(column)
    } else {
        name.to_owned()
    }
}

/// Tên cột kiểu Excel — `A` for 0, `Z` for 25, `AA` for 26.
pub fn column_letter(column: usize) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_as_excel_writes_them() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(63), "BL");
        assert_eq!(column_letter(16_383), "XFD");
    }

    #[test]
    fn headers_compare_without_case_marks_or_punctuation() {
        assert_eq!(header_key("HỌ VÀ TÊN (*)"), "ho va ten");
        assert_eq!(header_key("  Số   đảng viên"), "so dang vien");
        assert_ne!(header_key("Mã"), header_key("Mã cấp trên"));
    }
}
