//! The list of delegates (PDF, Excel) and the delegate cards: Vietnamese names print, the
//! workbook reads back, and each card's QR code decodes to its check-in code.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use daihoi_documents::delegates::{LIST_SHEET_NAME, qr_modules, qr_svg};
use daihoi_documents::model::NationalHeader;
use daihoi_documents::*;

fn s(text: &str) -> String {
    text.to_owned()
}

fn line(number: u32, name: &str, sex: &str, year: &str, standing: &str) -> DelegateLine {
    DelegateLine {
        number: number.to_string(),
        name: s(name),
        sex: s(sex),
        birth_year: s(year),
        standing: s(standing),
    }
}

fn list() -> DelegateList {
    DelegateList {
        national: NationalHeader::Party,
        issuer: s("Ban Chấp hành Đảng bộ huyện Tân Uyên"),
        congress: s("Đại hội đại biểu Đảng bộ huyện Tân Uyên lần thứ XXII"),
        place_date: s("Tân Uyên, ngày 01 tháng 6 năm 2020"),
        summary: vec![s("Tổng số đại biểu được triệu tập: 3")],
        groups: vec![
            DelegateGroup {
                organization: s("Đảng bộ huyện Tân Uyên"),
                rows: vec![line(1, "Hoàng Văn Bảy", "Nam", "1968", "Đương nhiên")],
            },
            DelegateGroup {
                organization: s("Đảng bộ xã Mường Khoa"),
                rows: vec![
                    line(2, "Lò Thị Ước", "Nữ", "1985", "Chính thức"),
                    line(3, "Giàng A Tủa", "", "", "Dự khuyết, thay Lò Văn Ánh"),
                ],
            },
        ],
        note: s("Họ tên và dữ liệu là hư cấu (dữ liệu mẫu)."),
    }
}

/// The PDF's text with every run of white space made one space.
fn text_of(pdf: &[u8]) -> String {
    let text = pdf_extract::extract_text_from_mem(pdf).expect("the PDF has extractable text");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_list_prints_vietnamese_names_by_organization() {
    let pdf = render_delegate_list_pdf(&list()).expect("renders");
    assert!(pdf.starts_with(b"%PDF-"));
    let text = text_of(&pdf);
    for expected in [
        "DANH SÁCH ĐẠI BIỂU ĐƯỢC TRIỆU TẬP",
        "Đảng bộ xã Mường Khoa",
        "Lò Thị Ước",
        "Giàng A Tủa",
        "Dự khuyết, thay Lò Văn Ánh",
        "Tân Uyên, ngày 01 tháng 6 năm 2020",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in:\n{text}");
    }
    let first = text.find("Hoàng Văn Bảy").unwrap();
    let second = text.find("Lò Thị Ước").unwrap();
    assert!(first < second, "print order kept");
}

#[test]
fn a_glyph_the_font_lacks_is_refused_naming_it() {
    let mut l = list();
    l.groups[1].rows[0].name = s("Lò Thị \u{1F600}");
    match render_delegate_list_pdf(&l) {
        Err(DocumentError::MissingGlyphs { text, .. }) => assert!(text.contains("Lò Thị")),
        other => panic!("expected a missing glyph, got {other:?}"),
    }
}

#[test]
fn the_workbook_reads_back() {
    let bytes = render_delegate_list_xlsx(&list()).expect("writes");
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("a valid xlsx");
    let range = workbook
        .worksheet_range(LIST_SHEET_NAME)
        .expect("the sheet");
    let header = (0..range.height())
        .find(|&r| matches!(range.get((r, 0)), Some(Data::String(t)) if t == "STT"))
        .expect("a header row");
    assert_eq!(range.get((header, 1)), Some(&Data::String(s("Họ và tên"))));
    assert_eq!(range.get((header + 2, 0)), Some(&Data::Float(2.0)));
    assert_eq!(
        range.get((header + 2, 1)),
        Some(&Data::String(s("Lò Thị Ước")))
    );
    assert_eq!(range.get((header + 2, 3)), Some(&Data::Float(1985.0)));
    assert_eq!(
        range.get((header + 2, 4)),
        Some(&Data::String(s("Đảng bộ xã Mường Khoa")))
    );
    assert_eq!(range.height(), header + 4, "one row per delegate");
}

/// Decodes the module grid of a QR code with rqrr (drawn with a 4-module quiet zone, 4 pixels a
/// module).
fn decode(width: usize, modules: &[bool]) -> String {
    const SCALE: usize = 4;
    let size = (width + 8) * SCALE;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| {
        let (mx, my) = (x / SCALE, y / SCALE);
        let dark = (4..width + 4).contains(&mx)
            && (4..width + 4).contains(&my)
            && modules[(my - 4) * width + (mx - 4)];
        if dark { 0 } else { 255 }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code found");
    grids[0].decode().expect("decodes").1
}

#[test]
fn the_qr_code_decodes_to_the_check_in_code() {
    for code in ["7KQ2M9XD", "00000000", "ZZZZZZZZ"] {
        let (width, modules) = qr_modules(code).unwrap();
        assert_eq!(width, 21, "a version-1 symbol");
        assert_eq!(decode(width, &modules), code);
        let svg = qr_svg(code).unwrap();
        let squares = svg.matches("h1v1h-1z").count();
        assert_eq!(squares, modules.iter().filter(|d| **d).count());
    }
}

#[test]
fn cards_render_several_per_page_with_names_and_codes() {
    let cards: Vec<DelegateCard> = (1..=9)
        .map(|i| DelegateCard {
            number: i.to_string(),
            name: format!("Nguyễn Thị Ước {i}"),
            organization: s("Đảng bộ xã Nậm Sỏ"),
            code: format!("7KQ2M9X{i}"),
        })
        .collect();
    let pdf = render_delegate_cards_pdf(&DelegateCards {
        congress: s("Đại hội đại biểu Đảng bộ huyện Tân Uyên lần thứ XXII"),
        cards,
    })
    .expect("renders");
    assert!(pdf.starts_with(b"%PDF-"));
    let text = text_of(&pdf);
    assert!(text.contains("THẺ ĐẠI BIỂU"), "{text}");
    assert!(text.contains("Nguyễn Thị Ước 9"), "{text}");
    assert!(text.contains("7KQ2M9X3"), "{text}");
    assert_eq!(text.matches("THẺ ĐẠI BIỂU").count(), 9);
    // Nine cards of eight a page: two pages.
    let page_objects = String::from_utf8_lossy(&pdf).matches("/Type /Page").count()
        - String::from_utf8_lossy(&pdf)
            .matches("/Type /Pages")
            .count();
    assert_eq!(page_objects, 2, "eight cards a page");
}

#[test]
fn the_seed_congress_of_247_delegates_prints_on_31_pages_of_cards() {
    let cards: Vec<DelegateCard> = (1..=247)
        .map(|i| DelegateCard {
            number: i.to_string(),
            name: format!("Hoàng Thị Ước {i}"),
            organization: s("Đảng bộ xã Phúc Khoa"),
            code: daihoi_domain::congress::delegate::check_in_code([i as u8, 7, 3, 9, 1]),
        })
        .collect();
    let pdf = render_delegate_cards_pdf(&DelegateCards {
        congress: s("Đại hội đại biểu Đảng bộ huyện Tân Uyên lần thứ XXII"),
        cards,
    })
    .expect("renders");
    let text = String::from_utf8_lossy(&pdf);
    let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
    assert_eq!(pages, 31, "247 cards, eight a page");
}
