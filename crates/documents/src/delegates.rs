//! Đại biểu — the list of delegates convened (PDF and Excel) and the delegate cards (PDF, eight
//! per A4 page, each with the delegate's check-in code as a QR code).
//!
//! The caller passes the delegates already in print order (by organization, then Vietnamese name
//! order) and every value already formatted; this module lays them out. The QR code holds the
//! check-in code only (8 characters of Crockford base 32, alphanumeric mode, error correction
//! level M: a 21×21 version-1 symbol); it is drawn as an SVG path handed to typst as bytes.

use qrcode::{Color, EcLevel, QrCode};
use rust_xlsxwriter::{Format, FormatBorder, Workbook};
use serde::Serialize;

use crate::model::NationalHeader;
use crate::{DocumentError, typeset};

const LIST_TEMPLATE: &str = include_str!("../templates/delegate_list.typ");
const CARDS_TEMPLATE: &str = include_str!("../templates/delegate_cards.typ");

/// Name of the list's one worksheet.
pub const LIST_SHEET_NAME: &str = "Danh sách đại biểu";

/// Quiet zone around a QR code, in modules (the standard asks for 4).
pub const QR_QUIET_ZONE: usize = 4;

/// Danh sách đại biểu — the list of delegates convened, ready to print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DelegateList {
    /// Which header the paper carries.
    pub national: NationalHeader,
    /// Cấp ủy triệu tập — e.g. "Ban Chấp hành Đảng bộ huyện Tân Uyên".
    pub issuer: String,
    /// Tên đại hội.
    pub congress: String,
    /// Địa danh, ngày tháng (may be empty: dotted lines).
    pub place_date: String,
    /// One line per count, e.g. "Tổng số đại biểu được triệu tập: 247".
    pub summary: Vec<String>,
    /// The delegations in print order.
    pub groups: Vec<DelegateGroup>,
    /// A note under the title (e.g. that the demo's names are invented); may be empty.
    pub note: String,
}

/// Đoàn đại biểu — the delegates of one organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DelegateGroup {
    /// Tên tổ chức ("Đại biểu đương nhiên" or similar for those without one).
    pub organization: String,
    /// Its delegates in Vietnamese name order.
    pub rows: Vec<DelegateLine>,
}

/// Một đại biểu trong danh sách.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DelegateLine {
    /// Số thứ tự in the whole list ("1", "2", …), the number on the card.
    pub number: String,
    /// Họ và tên.
    pub name: String,
    /// "Nam", "Nữ" or empty.
    pub sex: String,
    /// Năm sinh or empty.
    pub birth_year: String,
    /// Tư cách: "Đương nhiên", "Chính thức", "Dự khuyết (thay …)".
    pub standing: String,
}

/// Thẻ đại biểu — the cards of a congress, ready to print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DelegateCards {
    /// Tên đại hội, printed at the top of every card.
    pub congress: String,
    /// The cards in print order.
    pub cards: Vec<DelegateCard>,
}

/// Một thẻ đại biểu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DelegateCard {
    /// Số đại biểu (the list's number).
    pub number: String,
    /// Họ và tên.
    pub name: String,
    /// Đoàn đại biểu — the organization.
    pub organization: String,
    /// Mã điểm danh, printed under the QR code.
    pub code: String,
}

/// The module grid of the QR code of `code`: `width × width` booleans (dark = `true`), row by
/// row, without the quiet zone.
pub fn qr_modules(code: &str) -> Result<(usize, Vec<bool>), DocumentError> {
    let qr = QrCode::with_error_correction_level(code.as_bytes(), EcLevel::M).map_err(|e| {
        DocumentError::Typeset {
            document: "thẻ đại biểu",
            message: format!("không tạo được mã QR cho «{code}»: {e}"),
        }
    })?;
    let width = qr.width();
    let modules = qr
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Ok((width, modules))
}

/// The QR code of `code` as a small SVG: one path of unit squares, the quiet zone included.
pub fn qr_svg(code: &str) -> Result<String, DocumentError> {
    let (width, modules) = qr_modules(code)?;
    let size = width + 2 * QR_QUIET_ZONE;
    let mut path = String::with_capacity(modules.len() * 6);
    for (i, dark) in modules.iter().enumerate() {
        if *dark {
            let (x, y) = (i % width + QR_QUIET_ZONE, i / width + QR_QUIET_ZONE);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" \
         fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

/// Renders the list of delegates convened as a PDF (A4, Libertinus Serif embedded).
pub fn render_delegate_list_pdf(list: &DelegateList) -> Result<Vec<u8>, DocumentError> {
    typeset::render_pdf("danh sách đại biểu", LIST_TEMPLATE, list)
}

/// One card as the template reads it: the printed texts and the QR code's SVG.
#[derive(Serialize)]
struct CardData<'a> {
    #[serde(flatten)]
    card: &'a DelegateCard,
    qr: String,
}

/// Renders the delegate cards as a PDF: eight cards (2 × 4, about 90 × 62 mm) per A4 page,
/// with cutting lines, each with the congress, the name, the organization, the number and the
/// check-in code as text and as a QR code.
pub fn render_delegate_cards_pdf(cards: &DelegateCards) -> Result<Vec<u8>, DocumentError> {
    const DOCUMENT: &str = "thẻ đại biểu";
    // The texts are checked against the font; the QR codes are added afterwards (they hold no
    // text to typeset).
    let mut json = typeset::to_checked_json(DOCUMENT, cards)?;
    let mut with_qr = Vec::with_capacity(cards.cards.len());
    for card in &cards.cards {
        with_qr.push(CardData {
            card,
            qr: qr_svg(&card.code)?,
        });
    }
    json["cards"] = serde_json::to_value(&with_qr).map_err(|e| DocumentError::Typeset {
        document: DOCUMENT,
        message: e.to_string(),
    })?;
    let laid_out = typeset::lay_out(DOCUMENT, CARDS_TEMPLATE, &json)?;
    typeset::export_pdf(DOCUMENT, &laid_out)
}

/// Writes the list of delegates convened as an Excel workbook (one sheet
/// [`LIST_SHEET_NAME`]): the title in A1, the summary lines below it, one empty row, then the
/// table `STT | Họ và tên | Giới tính | Năm sinh | Đoàn đại biểu | Tư cách`, one row per
/// delegate (the number and the year of birth as numbers).
pub fn render_delegate_list_xlsx(list: &DelegateList) -> Result<Vec<u8>, DocumentError> {
    let mut workbook = Workbook::new();
    let ws = workbook.add_worksheet();
    ws.set_name(LIST_SHEET_NAME)?;
    for (col, width) in [8.0, 30.0, 10.0, 10.0, 40.0, 30.0].into_iter().enumerate() {
        ws.set_column_width(col as u16, width)?;
    }
    let title = Format::new().set_bold().set_font_size(14);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin);
    let cell = Format::new().set_border(FormatBorder::Thin);

    ws.write_string_with_format(
        0,
        0,
        format!("Danh sách đại biểu · {}", list.congress),
        &title,
    )?;
    let mut row = 1;
    for line in &list.summary {
        ws.write_string(row, 0, line)?;
        row += 1;
    }
    row += 1;
    let headers = [
        "STT",
        "Họ và tên",
        "Giới tính",
        "Năm sinh",
        "Đoàn đại biểu",
        "Tư cách",
    ];
    for (col, text) in headers.iter().enumerate() {
        ws.write_string_with_format(row, col as u16, *text, &header)?;
    }
    ws.set_freeze_panes(row + 1, 0)?;
    for group in &list.groups {
        for d in &group.rows {
            row += 1;
            match d.number.parse::<u32>() {
                Ok(n) => ws.write_number_with_format(row, 0, f64::from(n), &cell)?,
                Err(_) => ws.write_string_with_format(row, 0, &d.number, &cell)?,
            };
            ws.write_string_with_format(row, 1, &d.name, &cell)?;
            ws.write_string_with_format(row, 2, &d.sex, &cell)?;
            match d.birth_year.parse::<u32>() {
                Ok(y) => ws.write_number_with_format(row, 3, f64::from(y), &cell)?,
                Err(_) => ws.write_string_with_format(row, 3, &d.birth_year, &cell)?,
            };
            ws.write_string_with_format(row, 4, &group.organization, &cell)?;
            ws.write_string_with_format(row, 5, &d.standing, &cell)?;
        }
    }
    Ok(workbook.save_to_buffer()?)
}
