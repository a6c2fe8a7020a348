//! Ghi bảng tính — the templates a secretariat downloads and fills in, and the exports of the two
//! lists, as XLSX (bold Vietnamese headers, widths, the first row frozen, a second sheet
//! «Hướng dẫn» explaining each column) and as CSV (UTF-8 with the byte-order mark Excel needs to
//! read Vietnamese letters). An export reads back as an import: same headers, same forms.
//!
//! Sensitive personal data (date of birth, ethnicity, party card number) is written only when
//! the caller says so ([`Sensitive::Include`]); the caller logs such an export.

use daihoi_domain::congress::person::{BirthDate, Sex};
use rust_xlsxwriter::{Format, FormatBorder, Workbook, XlsxError};

use crate::lists::{
    BIRTH, CARD_NUMBER, CODE, EDUCATION, ETHNICITY, FULL_NAME, LEVEL, MEMBERS, ORGANIZATION_CODE,
    ORGANIZATION_NAME, PARENT_CODE, POSITION, SEX,
};

/// Kiểu tệp — the kind of file to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Excel Workbook (.xlsx).
    Xlsx,
    /// CSV, UTF-8 with a byte-order mark, comma separated.
    Csv,
}

impl FileKind {
    /// The file name's extension (`xlsx`, `csv`).
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Xlsx => "xlsx",
            FileKind::Csv => "csv",
        }
    }

    /// The media type sent with a download.
    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileKind::Csv => "text/csv; charset=utf-8",
        }
    }
}

/// Dữ liệu nhạy cảm — whether an export of people carries the date of birth, ethnicity and card
/// number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sensitive {
    /// Leave them out.
    Omit,
    /// Write them (the caller has the right and logs the export).
    Include,
}

/// Lỗi ghi tệp — the workbook writer failed (not the user's data: a bug or no memory).
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// From rust_xlsxwriter.
    #[error("không tạo được tệp Excel: {0}")]
    Xlsx(#[from] XlsxError),
    /// From the CSV writer.
    #[error("không tạo được tệp CSV: {0}")]
    Csv(String),
}

/// Một tổ chức để xuất — one organization as an export writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationRow {
    /// Mã.
    pub code: String,
    /// Tên tổ chức.
    pub name: String,
    /// Mã cấp trên.
    pub parent_code: Option<String>,
    /// Cấp.
    pub level: String,
    /// Số đảng viên.
    pub members: i64,
    /// Đã đóng (written in a «Trạng thái» column, which an import ignores).
    pub closed: bool,
}

/// Một người để xuất — one person as an export writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRow {
    /// Họ và tên.
    pub full_name: String,
    /// Giới tính.
    pub sex: Sex,
    /// Ngày sinh (sensitive).
    pub birth: BirthDate,
    /// Dân tộc (sensitive).
    pub ethnicity: Option<String>,
    /// Trình độ.
    pub education: Option<String>,
    /// Chức vụ.
    pub position: Option<String>,
    /// Mã tổ chức.
    pub organization_code: String,
    /// Số thẻ đảng viên (sensitive).
    pub card_number: Option<String>,
}

/// Trạng thái — the extra column of an organization export.
const STATUS: &str = "Trạng thái";

/// A column written: header, width in Excel characters, whether required on import, how to
/// fill it, an example.
struct Spec {
    name: &'static str,
    width: f64,
    required: bool,
    how: &'static str,
    example: &'static str,
    /// Kept as text when typed in the template (codes, card numbers: no leading zero lost).
    text: bool,
}

const ORGANIZATION_SPECS: [Spec; 5] = [
    Spec {
        name: CODE,
        width: 14.0,
        required: true,
        how: "Mã riêng của tổ chức, 1–32 ký tự: chữ cái không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới; không trùng nhau (không phân biệt hoa thường).",
        example: "TU-DBX01",
        text: true,
    },
    Spec {
        name: ORGANIZATION_NAME,
        width: 40.0,
        required: true,
        how: "Tên đầy đủ, tối đa 200 ký tự.",
        example: "Đảng bộ xã Phúc Khoa",
        text: false,
    },
    Spec {
        name: PARENT_CODE,
        width: 14.0,
        required: true,
        how: "Mã của tổ chức cấp trên trực tiếp: có trong tệp này hoặc đã có trong hệ thống. Để trống nếu là cấp cao nhất.",
        example: "TU",
        text: true,
    },
    Spec {
        name: LEVEL,
        width: 24.0,
        required: true,
        how: "Tên cấp của tổ chức, tối đa 100 ký tự.",
        example: "Đảng bộ cơ sở",
        text: false,
    },
    Spec {
        name: MEMBERS,
        width: 14.0,
        required: true,
        how: "Số nguyên không âm, có thể viết 1.934.",
        example: "247",
        text: false,
    },
];

const PERSON_SPECS: [Spec; 8] = [
    Spec {
        name: FULL_NAME,
        width: 28.0,
        required: true,
        how: "Họ, tên đệm và tên, tối đa 100 ký tự.",
        example: "Lò Thị Mai",
        text: false,
    },
    Spec {
        name: SEX,
        width: 10.0,
        required: true,
        how: "«Nam» hoặc «Nữ».",
        example: "Nữ",
        text: false,
    },
    Spec {
        name: BIRTH,
        width: 12.0,
        required: true,
        how: "Ngày có thật dạng dd/mm/yyyy, hoặc chỉ năm sinh yyyy. Dữ liệu cá nhân nhạy cảm.",
        example: "08/06/1975",
        text: true,
    },
    Spec {
        name: ETHNICITY,
        width: 12.0,
        required: false,
        how: "Tên dân tộc, tối đa 200 ký tự. Dữ liệu cá nhân nhạy cảm. Không có cột này thì giữ nguyên dữ liệu đã lưu.",
        example: "Thái",
        text: false,
    },
    Spec {
        name: EDUCATION,
        width: 16.0,
        required: false,
        how: "Tối đa 200 ký tự. Không có cột này thì giữ nguyên dữ liệu đã lưu.",
        example: "Đại học",
        text: false,
    },
    Spec {
        name: POSITION,
        width: 24.0,
        required: false,
        how: "Tối đa 200 ký tự. Không có cột này thì giữ nguyên dữ liệu đã lưu.",
        example: "Bí thư chi bộ",
        text: false,
    },
    Spec {
        name: ORGANIZATION_CODE,
        width: 14.0,
        required: true,
        how: "Mã của tổ chức đã có trong hệ thống (nhập danh sách tổ chức trước).",
        example: "TU-DBX01",
        text: true,
    },
    Spec {
        name: CARD_NUMBER,
        width: 18.0,
        required: false,
        how: "Dãy chữ số, tối đa 20 chữ số; dùng để nhận ra cùng một người. Dữ liệu cá nhân nhạy cảm.",
        example: "79012345",
        text: true,
    },
];

/// A value to write in a cell.
enum Value {
    Text(String),
    Number(i64),
}

impl Value {
    fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    fn optional(s: &Option<String>) -> Value {
        Value::Text(s.clone().unwrap_or_default())
    }
}

/// Mẫu danh sách tổ chức — the organization template: the header row only (and, in XLSX, the
/// sheet «Hướng dẫn»).
pub fn organization_template(kind: FileKind) -> Result<Vec<u8>, WriteError> {
    let specs: Vec<&Spec> = ORGANIZATION_SPECS.iter().collect();
    write(kind, "Tổ chức", &specs, &[], true)
}

/// Mẫu danh sách nhân sự — the people template.
pub fn person_template(kind: FileKind) -> Result<Vec<u8>, WriteError> {
    let specs: Vec<&Spec> = PERSON_SPECS.iter().collect();
    write(kind, "Nhân sự", &specs, &[], true)
}

/// Xuất danh sách tổ chức — organizations with the template's columns and «Trạng thái».
pub fn export_organizations(
    rows: &[OrganizationRow],
    kind: FileKind,
) -> Result<Vec<u8>, WriteError> {
    let status = Spec {
        name: STATUS,
        width: 16.0,
        required: false,
        how: "Không đọc khi nhập.",
        example: "",
        text: false,
    };
    let specs: Vec<&Spec> = ORGANIZATION_SPECS.iter().chain([&status]).collect();
    let values: Vec<Vec<Value>> = rows
        .iter()
        .map(|o| {
            vec![
                Value::text(&o.code),
                Value::text(&o.name),
                Value::optional(&o.parent_code),
                Value::text(&o.level),
                Value::Number(o.members),
                Value::text(if o.closed {
                    "Đã đóng"
                } else {
                    "Đang hoạt động"
                }),
            ]
        })
        .collect();
    write(kind, "Tổ chức", &specs, &values, false)
}

/// Xuất danh sách nhân sự — people with the template's columns; date of birth, ethnicity and
/// card number only with [`Sensitive::Include`].
pub fn export_people(
    rows: &[PersonRow],
    sensitive: Sensitive,
    kind: FileKind,
) -> Result<Vec<u8>, WriteError> {
    let keep = |spec: &Spec| {
        sensitive == Sensitive::Include || !matches!(spec.name, BIRTH | ETHNICITY | CARD_NUMBER)
    };
    let specs: Vec<&Spec> = PERSON_SPECS.iter().filter(|s| keep(s)).collect();
    let values: Vec<Vec<Value>> = rows
        .iter()
        .map(|p| {
            let all = [
                (FULL_NAME, Value::text(&p.full_name)),
                (SEX, Value::text(p.sex.label())),
                (BIRTH, Value::text(p.birth.display())),
                (ETHNICITY, Value::optional(&p.ethnicity)),
                (EDUCATION, Value::optional(&p.education)),
                (POSITION, Value::optional(&p.position)),
                (ORGANIZATION_CODE, Value::text(&p.organization_code)),
                (CARD_NUMBER, Value::optional(&p.card_number)),
            ];
            all.into_iter()
                .filter(|(name, _)| specs.iter().any(|s| s.name == *name))
                .map(|(_, v)| v)
                .collect()
        })
        .collect();
    write(kind, "Nhân sự", &specs, &values, false)
}

fn write(
    kind: FileKind,
    sheet: &str,
    specs: &[&Spec],
    rows: &[Vec<Value>],
    template: bool,
) -> Result<Vec<u8>, WriteError> {
    match kind {
        FileKind::Xlsx => write_xlsx(sheet, specs, rows, template),
        FileKind::Csv => write_csv(specs, rows),
    }
}

fn write_xlsx(
    sheet: &str,
    specs: &[&Spec],
    rows: &[Vec<Value>],
    template: bool,
) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color(0xDDE7F0)
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let text = Format::new().set_num_format("@");
    let ws = workbook.add_worksheet();
    ws.set_name(sheet)?;
    for (col, spec) in specs.iter().enumerate() {
        let col = col as u16;
        ws.set_column_width(col, spec.width)?;
        if template && spec.text {
            // Typed into the template, a code or card number stays text (no leading zero lost,
            // no 1,23E+11).
            ws.set_column_format(col, &text)?;
        }
        ws.write_string_with_format(0, col, spec.name, &header)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (i, values) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        for (col, value) in values.iter().enumerate() {
            let col = col as u16;
            match value {
                Value::Text(s) if s.is_empty() => {}
                Value::Text(s) => {
                    ws.write_string(row, col, s)?;
                }
                Value::Number(n) => {
                    ws.write_number(row, col, *n as f64)?;
                }
            }
        }
    }

    let guide = workbook.add_worksheet();
    guide.set_name("Hướng dẫn")?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    guide.write_string_with_format(
        0,
        0,
        format!(
            "Điền danh sách vào trang «{sheet}»: dòng 1 là tiêu đề, mỗi dòng sau là một {}. Các cột có thể theo thứ tự bất kỳ; cột khác bị bỏ qua.",
            if sheet == "Tổ chức" { "tổ chức" } else { "người" }
        ),
        &bold,
    )?;
    for (col, (title, width)) in [
        ("Cột", 20.0),
        ("Bắt buộc", 10.0),
        ("Cách ghi", 70.0),
        ("Ví dụ", 20.0),
    ]
    .into_iter()
    .enumerate()
    {
        guide.set_column_width(col as u16, width)?;
        guide.write_string_with_format(2, col as u16, title, &header)?;
    }
    for (i, spec) in specs.iter().enumerate() {
        let row = i as u32 + 3;
        guide.write_string_with_format(row, 0, spec.name, &bold)?;
        guide.write_string(row, 1, if spec.required { "Có" } else { "Không" })?;
        guide.write_string_with_format(row, 2, spec.how, &wrap)?;
        guide.write_string(row, 3, spec.example)?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// A cell that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, a tab or a carriage
/// return first) is written after an apostrophe, so that opening an export never runs one.
fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

fn write_csv(specs: &[&Spec], rows: &[Vec<Value>]) -> Result<Vec<u8>, WriteError> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let fail = |e: csv::Error| WriteError::Csv(e.to_string());
        writer
            .write_record(specs.iter().map(|s| s.name))
            .map_err(fail)?;
        for values in rows {
            let cells: Vec<String> = values
                .iter()
                .map(|v| match v {
                    Value::Text(s) => defuse(s).into_owned(),
                    Value::Number(n) => n.to_string(),
                })
                .collect();
            writer.write_record(&cells).map_err(fail)?;
        }
        writer.flush().map_err(|e| WriteError::Csv(e.to_string()))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_in_csv() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("-1"), "'-1");
        assert_eq!(defuse("Lò Thị Mai"), "Lò Thị Mai");
    }
}
