//! XLSX — the zip directory is checked first (which parts, how large once unpacked: a "zip
//! bomb" is refused before anything is inflated), then calamine streams the first worksheet's
//! cells. A dense range is never built: a sheet with one cell in A1 and one in XFD1048576 costs
//! two cells.

use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{DataRef, Reader, Xlsx};
use daihoi_domain::vn::format::format_date;

use super::Grid;
use crate::{SheetError, UNCOMPRESSED_MAX_BYTES, UNCOMPRESSED_RATIO_MAX};

/// Most parts a workbook may have.
const ZIP_ENTRIES_MAX: usize = 10_000;

/// Reads the first worksheet of a zip file that should be an XLSX workbook.
/// `named_xlsx`: the file's name says it is a workbook, so a zip that cannot be opened is a
/// damaged workbook rather than some other damaged archive.
pub(super) fn read(bytes: &[u8], named_xlsx: bool) -> Result<Grid, SheetError> {
    check_archive(bytes, named_xlsx)?;
    // calamine is not expected to panic on a damaged file; should it, the file is refused as
    // damaged rather than the caller taken down.
    catch_unwind(AssertUnwindSafe(|| read_first_sheet(bytes))).unwrap_or_else(|_| {
        Err(SheetError::Broken {
            detail: "the reader panicked".into(),
        })
    })
}

fn broken(detail: impl ToString) -> SheetError {
    SheetError::Broken {
        detail: detail.to_string(),
    }
}

/// Which parts the archive has and how large they unpack; refuses what is not an XLSX workbook.
fn check_archive(bytes: &[u8], named_xlsx: bool) -> Result<(), SheetError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        if named_xlsx {
            broken(e)
        } else {
            SheetError::NotASpreadsheet {
                looks_like: Some("tệp nén ZIP hỏng"),
            }
        }
    })?;
    if archive.len() > ZIP_ENTRIES_MAX {
        return Err(SheetError::Inflated {
            uncompressed: u64::MAX,
        });
    }
    let mut total: u64 = 0;
    let mut names = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(broken)?;
        total = total.saturating_add(entry.size());
        names.push(entry.name().map_err(broken)?.to_ascii_lowercase());
    }
    // Small workbooks are all header and style parts, which compress well: the ratio is only
    // looked at past 1 MiB.
    let ratio_too_high = total > (1 << 20) && total > UNCOMPRESSED_RATIO_MAX * bytes.len() as u64;
    if total > UNCOMPRESSED_MAX_BYTES || ratio_too_high {
        return Err(SheetError::Inflated {
            uncompressed: total,
        });
    }
    let has = |suffix: &str| names.iter().any(|n| n.ends_with(suffix));
    if !has("workbook.xml") {
        return Err(if has("workbook.bin") {
            SheetError::Unsupported {
                format: "tệp Excel dạng nhị phân (.xlsb)",
            }
        } else if has("content.xml") {
            SheetError::Unsupported {
                format: "bảng tính OpenDocument (.ods)",
            }
        } else if has("document.xml") {
            SheetError::NotASpreadsheet {
                looks_like: Some("tài liệu Word"),
            }
        } else if names.iter().any(|n| n.starts_with("ppt/")) {
            SheetError::NotASpreadsheet {
                looks_like: Some("bản trình chiếu PowerPoint"),
            }
        } else {
            SheetError::NotASpreadsheet {
                looks_like: Some("tệp nén ZIP"),
            }
        });
    }
    // calamine reserves room for as many shared strings as the table says it holds before
    // reading one: a table that claims more than its size can hold is damaged (or hostile).
    let tables: Vec<usize> = (0..names.len())
        .filter(|&i| names[i].ends_with("sharedstrings.xml"))
        .collect();
    for i in tables {
        let mut entry = archive.by_index(i).map_err(broken)?;
        let size = entry.size();
        let mut head = Vec::with_capacity(4096);
        (&mut entry)
            .take(4096)
            .read_to_end(&mut head)
            .map_err(broken)?;
        if let Some(claimed) = unique_count(&head) {
            // Each shared string takes at least `<si/>`, five bytes.
            if claimed > size / 5 + 1 {
                return Err(broken(format!(
                    "shared strings claim {claimed} entries in {size} bytes"
                )));
            }
        }
    }
    Ok(())
}

/// The `uniqueCount` the shared-strings table declares, if it says so in its first bytes.
fn unique_count(head: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(head);
    let at = text.find("uniqueCount")?;
    let rest = text[at + "uniqueCount".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let quote = rest.chars().next()?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let digits: String = rest[1..].chars().take_while(char::is_ascii_digit).collect();
    // A number too long for u64 is as implausible as the largest one.
    Some(digits.parse().unwrap_or(u64::MAX))
}

fn read_first_sheet(bytes: &[u8]) -> Result<Grid, SheetError> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(broken)?;
    let Some(first) = workbook.sheet_names().into_iter().next() else {
        return Err(SheetError::NoSheet);
    };
    let mut cells = workbook.worksheet_cells_reader(&first).map_err(broken)?;
    let mut grid = Grid::default();
    while let Some(cell) = cells.next_cell().map_err(broken)? {
        let (row, column) = cell.get_position();
        let text = cell_text(cell.get_value());
        // Excel numbers rows from 1; calamine from 0.
        grid.put(row.saturating_add(1), column as usize, text)?;
    }
    Ok(grid)
}

/// A cell as the text a person sees in Excel, in the form the field rules read: dates
/// `dd/mm/yyyy`, whole numbers without a decimal part (`247`, a card number's every digit),
/// other numbers with a decimal comma, formulas by their last computed value.
pub(crate) fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::Bool(true) => "TRUE".to_owned(),
        DataRef::Bool(false) => "FALSE".to_owned(),
        DataRef::DateTime(dt) => {
            if dt.is_duration() {
                return number_text(dt.as_f64());
            }
            let (y, m, d, hh, mm, ss, _) = dt.to_ymd_hms_milli();
            let date = chrono::NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d));
            match date {
                // Excel's 29/02/1900, which never was, stays as Excel shows it.
                None => format!("{d:02}/{m:02}/{y:04}"),
                Some(date) if (hh, mm, ss) == (0, 0, 0) => format_date(date),
                Some(date) => format!("{} {hh:02}:{mm:02}", format_date(date)),
            }
        }
        DataRef::DateTimeIso(s) => iso_date_text(s),
        DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
    }
}

/// An ISO date (`2020-06-08`, or at midnight `2020-06-08T00:00:00`) as `dd/mm/yyyy`; anything
/// else as written.
fn iso_date_text(s: &str) -> String {
    let date = s
        .get(..10)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let midnight = s.get(10..).is_some_and(|t| {
        t.trim_start_matches('T')
            .chars()
            .all(|c| matches!(c, '0' | ':' | '.'))
    });
    match date {
        Some(date) if midnight => format_date(date),
        _ => s.to_owned(),
    }
}

/// A number as Excel shows it in a General cell on a Vietnamese system: whole numbers with every
/// digit (no `.0`, no exponent below 10^21), others with a decimal comma.
fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e21 {
        format!("{f:.0}")
    } else {
        f.to_string().replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_excel_shows_them() {
        assert_eq!(number_text(247.0), "247");
        assert_eq!(number_text(790123456789.0), "790123456789");
        assert_eq!(number_text(12.5), "12,5");
        assert_eq!(number_text(-3.0), "-3");
    }

    #[test]
    fn iso_dates_read_as_dates_at_midnight_only() {
        assert_eq!(iso_date_text("2020-06-08"), "08/06/2020");
        assert_eq!(iso_date_text("2020-06-08T00:00:00"), "08/06/2020");
        assert_eq!(iso_date_text("2020-06-08T10:30:00"), "2020-06-08T10:30:00");
        assert_eq!(iso_date_text("2020-02-30"), "2020-02-30");
    }

    #[test]
    fn unique_counts_are_read_from_the_table_head() {
        let head = br#"<?xml version="1.0"?><sst xmlns="x" count="3" uniqueCount = '2'><si>"#;
        assert_eq!(unique_count(head), Some(2));
        assert_eq!(unique_count(b"<sst>"), None);
        assert_eq!(
            unique_count(br#"<sst uniqueCount="999999999999999999999999">"#),
            Some(u64::MAX)
        );
    }
}
