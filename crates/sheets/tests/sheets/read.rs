//! read_table: formats, cells as text, row numbers, every limit and every refusal.

use daihoi_sheets::{
    CELL_MAX_CHARS, COLUMNS_MAX, Column, FILE_MAX_BYTES, ROWS_MAX, SheetError, Table, read_table,
};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula};

use super::{edit_part, xlsx, xlsx_rows, zip_of};

fn cells(table: &Table) -> Vec<(u32, Vec<String>)> {
    table
        .rows()
        .iter()
        .map(|r| {
            (
                r.number,
                (0..r.width()).map(|c| r.cell(c).to_owned()).collect(),
            )
        })
        .collect()
}

fn refused(bytes: &[u8], name: &str) -> SheetError {
    read_table(bytes, name).expect_err("refused")
}

#[test]
fn xlsx_cells_read_as_excel_shows_them() {
    let bytes = xlsx(|ws| {
        let date = Format::new().set_num_format("dd/mm/yyyy");
        for (c, h) in ["Ngày sinh", "Số", "Số thẻ", "Công thức", "Chữ", "Đúng"]
            .iter()
            .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        let birth = ExcelDateTime::from_ymd(1975, 6, 8).unwrap();
        ws.write_datetime_with_format(1, 0, &birth, &date).unwrap();
        ws.write_number(1, 1, 247.0).unwrap();
        ws.write_number(1, 2, 790_123_456_789.0).unwrap();
        ws.write_formula(1, 3, Formula::new("=200+47").set_result("247"))
            .unwrap();
        ws.write_string(1, 4, "Lò Thị Mai").unwrap();
        ws.write_boolean(1, 5, true).unwrap();
        ws.write_number(2, 1, 12.5).unwrap();
    });
    let table = read_table(&bytes, "a.xlsx").unwrap();
    assert_eq!(table.header().number, 1);
    assert_eq!(
        cells(&table),
        vec![
            (
                2,
                vec![
                    "08/06/1975".to_owned(),
                    "247".into(),
                    "790123456789".into(),
                    "247".into(),
                    "Lò Thị Mai".into(),
                    "TRUE".into()
                ]
            ),
            (3, vec!["".to_owned(), "12,5".into()]),
        ]
    );
    assert!(table.problems().is_empty());
}

#[test]
fn empty_rows_are_skipped_and_rows_keep_excel_numbers() {
    // Header on row 3, data on rows 4 and 7, a row of spaces on row 5.
    let bytes = xlsx(|ws| {
        ws.write_string(2, 1, "Mã").unwrap();
        ws.write_string(3, 1, "A").unwrap();
        ws.write_string(4, 1, "   ").unwrap();
        ws.write_string(6, 2, "B").unwrap();
    });
    let table = read_table(&bytes, "a.xlsx").unwrap();
    assert_eq!(table.header().number, 3);
    let numbers: Vec<u32> = table.rows().iter().map(|r| r.number).collect();
    assert_eq!(numbers, [4, 7]);
    assert_eq!(table.rows()[1].cell(2), "B");
}

#[test]
fn a_far_cell_costs_one_cell_not_a_dense_range() {
    let bytes = xlsx(|ws| {
        ws.write_string(0, 0, "Mã").unwrap();
        ws.write_string(1_048_575, 0, "cuối").unwrap();
    });
    let table = read_table(&bytes, "a.xlsx").unwrap();
    assert_eq!(table.rows()[0].number, 1_048_576);

    let bytes = xlsx(|ws| {
        ws.write_string(0, 0, "Mã").unwrap();
        ws.write_string(1_048_575, 16_383, "xa").unwrap();
    });
    assert_eq!(
        refused(&bytes, "a.xlsx"),
        SheetError::TooManyColumns {
            row: 1_048_576,
            column: "XFD".into()
        }
    );
}

#[test]
fn columns_are_found_by_folded_name_in_any_order() {
    let bytes = xlsx_rows(&[
        &["Ghi chú", "so DANG vien", "MÃ (*)", "Tên  tổ chức"],
        &["x", "1", "A", "B"],
    ]);
    let table = read_table(&bytes, "a.xlsx").unwrap();
    let wanted = [
        Column {
            name: "Mã",
            required: true,
        },
        Column {
            name: "Tên tổ chức",
            required: true,
        },
        Column {
            name: "Số đảng viên",
            required: true,
        },
        Column {
            name: "Cấp",
            required: false,
        },
        Column {
            name: "Mã cấp trên",
            required: true,
        },
    ];
    let (found, problems) = table.find_columns(&wanted);
    assert_eq!(found, [Some(2), Some(3), Some(1), None, None]);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].row, Some(1));
    assert_eq!(problems[0].column.as_deref(), Some("Mã cấp trên"));
    assert_eq!(problems[0].code, "missing_column");

    let bytes = xlsx_rows(&[&["Mã", "Tên", "ma"], &["A", "B", "C"]]);
    let table = read_table(&bytes, "a.xlsx").unwrap();
    let (_, problems) = table.find_columns(&wanted[..1]);
    assert_eq!(problems[0].code, "duplicate_column");
    assert!(
        problems[0].message.contains("A, C"),
        "{}",
        problems[0].message
    );
}

#[test]
fn csv_with_bom_and_semicolons_numbers_rows_as_excel_does() {
    let text = "\u{feff}Mã;Tên tổ chức\r\nA;\"Chi bộ; một\"\r\n\r\nB;\"hai\r\ndòng\"\r\nC;ba\r\n";
    let table = read_table(text.as_bytes(), "a.csv").unwrap();
    assert_eq!(table.header().cell(0), "Mã");
    assert_eq!(
        cells(&table),
        vec![
            (2, vec!["A".to_owned(), "Chi bộ; một".into()]),
            (4, vec!["B".to_owned(), "hai\r\ndòng".into()]),
            (5, vec!["C".to_owned(), "ba".into()]),
        ]
    );
    // Commas, no BOM, a header after an empty line.
    let table = read_table(b"\nMa,Ten\nA,B\n", "x.txt").unwrap();
    assert_eq!(table.header().number, 2);
    assert_eq!(table.rows()[0].number, 3);
}

#[test]
fn not_a_spreadsheet_at_all() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj";
    let random: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    for (bytes, name, looks_like) in [
        (&png[..], "anh.png", Some("ảnh PNG")),
        (&pdf[..], "a.pdf", Some("tệp PDF")),
        (&random[..], "du-lieu.bin", None),
    ] {
        let error = refused(bytes, name);
        assert_eq!(error, SheetError::NotASpreadsheet { looks_like }, "{name}");
        assert_eq!(error.code(), "not_a_spreadsheet");
        assert!(error.to_string().starts_with("Tệp không phải là bảng tính"));
    }
    assert!(matches!(
        refused(&random, "danh-sach.xlsx"),
        SheetError::Broken { .. }
    ));
    assert_eq!(refused(b"", "a.csv"), SheetError::Empty);
    let docx = zip_of(&[
        ("word/document.xml", b"<w/>"),
        ("[Content_Types].xml", b"<x/>"),
    ]);
    assert_eq!(
        refused(&docx, "a.docx"),
        SheetError::NotASpreadsheet {
            looks_like: Some("tài liệu Word")
        }
    );
    let plain_zip = zip_of(&[("a.txt", b"hello")]);
    assert_eq!(refused(&plain_zip, "a.zip").code(), "not_a_spreadsheet");
}

#[test]
fn other_spreadsheet_formats_are_named() {
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    assert!(
        matches!(refused(&ole, "a.xls"), SheetError::Unsupported { format } if format.contains(".xls"))
    );
    let xlsb = zip_of(&[("xl/workbook.bin", b"\0")]);
    assert!(
        matches!(refused(&xlsb, "a.xlsb"), SheetError::Unsupported { format } if format.contains(".xlsb"))
    );
    let ods = zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", b"<x/>"),
    ]);
    assert!(
        matches!(refused(&ods, "a.ods"), SheetError::Unsupported { format } if format.contains(".ods"))
    );
}

#[test]
fn text_not_in_utf8_is_refused_naming_the_encoding_to_use() {
    // "Mã,Tên\nA,Lò Thị Mai" with "ò" and "ị" in Windows-1258 bytes, on line 2.
    let bytes = b"Ma,Ten\nA,L\xf2 Th\xd2 Mai\n";
    let error = refused(bytes, "a.csv");
    assert_eq!(error, SheetError::NotUtf8 { line: 2 });
    assert_eq!(error.code(), "encoding");
    assert!(error.to_string().contains("CSV UTF-8"), "{error}");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("Mã".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(refused(&utf16, "a.txt"), SheetError::Utf16);
}

#[test]
fn the_file_size_limit() {
    // The 20 MB file, and one byte over the limit.
    for size in [20 * 1000 * 1000, FILE_MAX_BYTES + 1] {
        let big = vec![b'a'; size];
        let error = refused(&big, "lon.csv");
        assert_eq!(error, SheetError::TooLarge { bytes: size });
        assert!(error.to_string().contains("16.777.216"), "{error}");
    }
    // At the limit, the size is not what refuses it.
    let mut at_limit = b"Ma\n".to_vec();
    at_limit.resize(FILE_MAX_BYTES, b'a');
    assert!(!matches!(
        read_table(&at_limit, "a.csv"),
        Err(SheetError::TooLarge { .. })
    ));
}

#[test]
fn the_row_limit() {
    let mut text = String::from("Mã\n");
    for i in 0..ROWS_MAX {
        text.push_str(&format!("M{i}\n"));
    }
    let table = read_table(text.as_bytes(), "a.csv").unwrap();
    assert_eq!(table.rows().len(), ROWS_MAX);
    text.push_str("thêm\n");
    assert_eq!(refused(text.as_bytes(), "a.csv"), SheetError::TooManyRows);
    assert!(SheetError::TooManyRows.to_string().contains("100.000"));
}

#[test]
fn the_column_limit() {
    let last = COLUMNS_MAX - 1;
    let ok = xlsx(|ws| {
        ws.write_string(0, 0, "Mã").unwrap();
        ws.write_string(1, last as u16, "x").unwrap();
    });
    assert!(read_table(&ok, "a.xlsx").is_ok());
    let over = xlsx(|ws| {
        ws.write_string(0, 0, "Mã").unwrap();
        ws.write_string(1, COLUMNS_MAX as u16, "x").unwrap();
    });
    assert_eq!(
        refused(&over, "a.xlsx"),
        SheetError::TooManyColumns {
            row: 2,
            column: "BM".into()
        }
    );
    // In CSV, empty fields past the limit are nothing.
    let csv = format!("Mã{}\nA{}\n", ",".repeat(100), ",".repeat(100));
    assert!(read_table(csv.as_bytes(), "a.csv").is_ok());
    let csv = format!("Mã{}x\n", ",".repeat(COLUMNS_MAX));
    assert_eq!(refused(csv.as_bytes(), "a.csv").code(), "too_many_columns");
}

#[test]
fn a_cell_over_its_length_is_a_problem_of_that_cell() {
    let long = "x".repeat(CELL_MAX_CHARS + 1);
    let fine = "ư".repeat(CELL_MAX_CHARS);
    let bytes = xlsx_rows(&[&["Mã", "Tên tổ chức"], &["A", &long], &["B", &fine]]);
    let table = read_table(&bytes, "a.xlsx").unwrap();
    assert_eq!(table.problems().len(), 1);
    let problem = &table.problems()[0];
    assert_eq!(problem.row, Some(2));
    assert_eq!(problem.column.as_deref(), Some("Tên tổ chức"));
    assert_eq!(problem.code, "cell_too_long");
    assert_eq!(
        problem.message,
        "Dòng 2, cột «Tên tổ chức»: dài 1.001 ký tự, quá giới hạn 1.000 ký tự"
    );
    assert!(table.rows()[0].is_refused(1));
    assert_eq!(table.rows()[1].cell(1), fine);
}

#[test]
fn a_workbook_that_unpacks_far_larger_than_itself_is_refused_before_reading() {
    // 4 MiB of one letter deflate to a few KiB: a "zip bomb" in miniature.
    let sheet = vec![b'a'; 4 << 20];
    let bomb = zip_of(&[
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/worksheets/sheet1.xml", &sheet),
    ]);
    assert!(bomb.len() < 100 * 1024);
    let error = refused(&bomb, "bom.xlsx");
    assert!(matches!(error, SheetError::Inflated { uncompressed } if uncompressed > 4 << 20));
    assert_eq!(error.code(), "inflated_file");
}

#[test]
fn a_shared_string_table_that_claims_too_much_is_refused() {
    let good = xlsx_rows(&[&["Mã"], &["A"]]);
    let lying = edit_part(&good, "sharedStrings.xml", |xml| {
        xml.replace("uniqueCount=\"2\"", "uniqueCount=\"999999999999\"")
    });
    assert_ne!(good, lying);
    assert!(matches!(
        refused(&lying, "a.xlsx"),
        SheetError::Broken { .. }
    ));
}

#[test]
fn damaged_workbooks_are_refused_as_damaged() {
    let good = xlsx_rows(&[&["Mã"], &["A"]]);
    let cut = &good[..good.len() / 2];
    assert!(matches!(refused(cut, "a.xlsx"), SheetError::Broken { .. }));
    let garbled = edit_part(&good, "sheet1.xml", |_| {
        "<worksheet><sheetData><row>".into()
    });
    let error = refused(&garbled, "a.xlsx");
    assert!(matches!(error, SheetError::Broken { .. }), "{error:?}");
    assert!(error.to_string().starts_with("Tệp Excel bị hỏng"));
}

#[test]
fn an_empty_sheet_has_no_header() {
    let empty = xlsx(|_| {});
    assert_eq!(refused(&empty, "a.xlsx"), SheetError::NoHeader);
    assert_eq!(refused(b" \n\n ;; \n", "a.csv"), SheetError::NoHeader);
}
