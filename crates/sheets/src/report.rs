//! Báo cáo lỗi — the problems of a refused file, each naming its row and column as Excel shows
//! them, and the report that gathers every one of them (up to [`PROBLEMS_MAX`], then "và N lỗi
//! khác").

use std::fmt;

use daihoi_domain::vn::format::format_int;
use serde::Serialize;

use crate::SheetError;

/// Most problems a report lists; the others are counted ("… và 1.234 lỗi khác").
pub const PROBLEMS_MAX: usize = 1_000;

/// Một lỗi — one reason to refuse a file: where (the row Excel shows, the column's name as the
/// template has it or as the file wrote it) and why, as a stable code and a Vietnamese sentence
/// that names the place itself ("Dòng 12, cột «Ngày sinh»: «31/02/1980» không hợp lệ, cần …").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Dòng — as Excel numbers it (the header is 1 when it is the first row); `None` for the
    /// file as a whole.
    pub row: Option<u32>,
    /// Cột — its header, or its letter when it has none; `None` for a whole row or file.
    pub column: Option<String>,
    /// A stable code for JSON and tests (`missing`, `invalid`, `unknown_parent`, `not_a_spreadsheet`…).
    pub code: &'static str,
    /// The whole sentence shown to the user.
    pub message: String,
}

impl Problem {
    /// A problem of one cell; `phrase` reads after "Dòng 12, cột «Ngày sinh»: " (the domain's
    /// `FieldError` and import issues are such phrases).
    pub fn cell(row: u32, column: &str, code: &'static str, phrase: impl fmt::Display) -> Problem {
        Problem {
            row: Some(row),
            column: Some(column.to_owned()),
            code,
            message: format!("Dòng {row}, cột «{column}»: {phrase}"),
        }
    }

    /// A problem of a whole row.
    pub fn row(row: u32, code: &'static str, phrase: impl fmt::Display) -> Problem {
        Problem {
            row: Some(row),
            column: None,
            code,
            message: format!("Dòng {row}: {phrase}"),
        }
    }

    /// A problem of the file as a whole; `sentence` is already a sentence.
    pub fn file(code: &'static str, sentence: impl fmt::Display) -> Problem {
        Problem {
            row: None,
            column: None,
            code,
            message: sentence.to_string(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<SheetError> for Problem {
    fn from(error: SheetError) -> Problem {
        Problem::file(error.code(), &error)
    }
}

/// Báo cáo — every problem of a file, in row order (the file's own first), at most
/// [`PROBLEMS_MAX`] listed and the rest counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    problems: Vec<Problem>,
    omitted: usize,
}

impl Report {
    /// An empty report.
    pub fn new() -> Report {
        Report::default()
    }

    /// Adds a problem (counted only, past [`PROBLEMS_MAX`]).
    pub fn push(&mut self, problem: Problem) {
        if self.problems.len() < PROBLEMS_MAX {
            self.problems.push(problem);
        } else {
            self.omitted += 1;
        }
    }

    /// Adds problems.
    pub fn extend(&mut self, problems: impl IntoIterator<Item = Problem>) {
        for p in problems {
            self.push(p);
        }
    }

    /// No problem at all: the file can be applied.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty() && self.omitted == 0
    }

    /// The problems listed.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// How many problems are counted but not listed.
    pub fn omitted(&self) -> usize {
        self.omitted
    }

    /// How many problems in all.
    pub fn total(&self) -> usize {
        self.problems.len() + self.omitted
    }

    /// Puts the problems in row order, the file's own first; problems of one row keep the order
    /// they were found in (column order).
    pub(crate) fn sort(&mut self) {
        self.problems.sort_by_key(|p| p.row.map_or(0, u64::from));
    }
}

impl From<SheetError> for Report {
    fn from(error: SheetError) -> Report {
        let mut report = Report::new();
        report.push(error.into());
        report
    }
}

impl fmt::Display for Report {
    /// One problem a line, then "… và N lỗi khác" when some are not listed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            f.write_str(&p.message)?;
        }
        if self.omitted > 0 {
            write!(f, "\n… và {} lỗi khác", format_int(self.omitted as i64))?;
        }
        Ok(())
    }
}

impl std::error::Error for Report {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_lists_a_thousand_and_counts_the_rest() {
        let mut report = Report::new();
        for row in (2..=1_236).rev() {
            report.push(Problem::cell(
                row,
                "Mã",
                "missing",
                "bắt buộc nhưng đang để trống",
            ));
        }
        report.sort();
        assert_eq!(report.problems().len(), PROBLEMS_MAX);
        assert_eq!(report.total(), 1_235);
        assert_eq!(report.problems()[0].row, Some(237));
        let text = report.to_string();
        assert!(text.ends_with("\n… và 235 lỗi khác"), "{text}");
        assert!(text.starts_with("Dòng 237, cột «Mã»: bắt buộc nhưng đang để trống\n"));
    }

    #[test]
    fn file_problems_come_first() {
        let mut report = Report::new();
        report.push(Problem::row(3, "x", "một lỗi"));
        report.push(Problem::file("y", "Tệp hỏng."));
        report.sort();
        assert_eq!(report.problems()[0].row, None);
        assert_eq!(report.problems()[1].message, "Dòng 3: một lỗi");
    }
}
