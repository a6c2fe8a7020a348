//! Kết quả bầu cử — the results workbook (one sheet "Kết quả").
//!
//! Layout: the title in A1; the summary from row 3 (label in column A, the count as a number in
//! column C); one empty row; then the candidate table with the header
//! `STT | Họ và tên | Số phiếu | <percent label> | Kết quả` and one row per candidate. Counts are
//! numbers, the percent is a fraction shown with the format `0.00%` (Excel displays it with the
//! reader's decimal separator: `50,20%` on a Vietnamese system).

use rust_xlsxwriter::{Format, FormatBorder, Workbook};

use crate::DocumentError;
use crate::model::ResultSheet;

/// Name of the one worksheet.
pub const SHEET_NAME: &str = "Kết quả";

/// Writes the results workbook (.xlsx) and returns its bytes.
pub fn render_result_xlsx(sheet: &ResultSheet) -> Result<Vec<u8>, DocumentError> {
    let mut workbook = Workbook::new();
    let ws = workbook.add_worksheet();
    ws.set_name(SHEET_NAME)?;
    ws.set_column_width(0, 8)?;
    ws.set_column_width(1, 34)?;
    ws.set_column_width(2, 12)?;
    ws.set_column_width(3, 22)?;
    ws.set_column_width(4, 14)?;

    let title = Format::new().set_bold().set_font_size(14);
    let bold = Format::new().set_bold();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin);
    let cell = Format::new().set_border(FormatBorder::Thin);
    let count = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("#,##0");
    let percent = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.00%");

    ws.write_string_with_format(0, 0, &sheet.title, &title)?;

    let mut row = 2;
    for item in &sheet.summary {
        ws.write_string(row, 0, &item.label)?;
        ws.write_number_with_format(row, 2, item.value as f64, &bold)?;
        row += 1;
    }

    row += 1;
    let headers = [
        "STT",
        "Họ và tên",
        "Số phiếu",
        sheet.percent_label.as_str(),
        "Kết quả",
    ];
    for (col, text) in headers.iter().enumerate() {
        ws.write_string_with_format(row, col as u16, *text, &header)?;
    }
    for candidate in &sheet.rows {
        row += 1;
        ws.write_number_with_format(row, 0, f64::from(candidate.number), &cell)?;
        ws.write_string_with_format(row, 1, &candidate.name, &cell)?;
        ws.write_number_with_format(row, 2, candidate.votes as f64, &count)?;
        ws.write_number_with_format(row, 3, candidate.percent / 100.0, &percent)?;
        ws.write_string_with_format(row, 4, &candidate.outcome, &cell)?;
    }
    Ok(workbook.save_to_buffer()?)
}
