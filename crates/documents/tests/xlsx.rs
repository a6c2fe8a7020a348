//! The results workbook read back with calamine: headers, numbers as numbers, ballot order.

mod support;

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use daihoi_documents::election::result_sheet;
use daihoi_documents::xlsx::SHEET_NAME;
use daihoi_domain::election::{ElectionInput, tally};

fn read(bytes: Vec<u8>) -> calamine::Range<Data> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("a valid xlsx");
    workbook
        .worksheet_range(SHEET_NAME)
        .expect("the result sheet")
}

fn string(range: &calamine::Range<Data>, row: usize, col: usize) -> String {
    match range.get((row, col)) {
        Some(Data::String(s)) => s.clone(),
        other => panic!("cell ({row}, {col}) is not text: {other:?}"),
    }
}

fn number(range: &calamine::Range<Data>, row: usize, col: usize) -> f64 {
    match range.get((row, col)) {
        Some(Data::Float(x)) => *x,
        Some(Data::Int(x)) => *x as f64,
        other => panic!("cell ({row}, {col}) is not a number: {other:?}"),
    }
}

#[test]
fn workbook_of_the_golden_election_reads_back() {
    let input: ElectionInput =
        serde_json::from_str(include_str!("data/golden-election.json")).expect("test data parses");
    let result = tally(&input).expect("counts");
    let range =
        read(daihoi_documents::render_result_xlsx(&result_sheet(&input, &result)).expect("writes"));

    assert_eq!(
        string(&range, 0, 0),
        "Kết quả kiểm phiếu: Bầu Ban Thường vụ Huyện ủy khóa XXIII"
    );
    let label_row = |label: &str| {
        (0..range.height())
            .find(|&r| matches!(range.get((r, 0)), Some(Data::String(s)) if s == label))
            .unwrap_or_else(|| panic!("no row {label:?}"))
    };
    assert_eq!(number(&range, label_row("Số lượng cần bầu"), 2), 3.0);
    assert_eq!(number(&range, label_row("Số phiếu phát ra"), 2), 21.0);
    assert_eq!(number(&range, label_row("Số phiếu thu vào"), 2), 22.0);
    assert_eq!(number(&range, label_row("Số phiếu hợp lệ"), 2), 17.0);
    assert_eq!(number(&range, label_row("Số phiếu không hợp lệ"), 2), 5.0);
    assert_eq!(
        number(&range, label_row("Số phiếu tối thiểu để trúng cử"), 2),
        11.0
    );

    let header = label_row("STT");
    assert_eq!(string(&range, header, 1), "Họ và tên");
    assert_eq!(string(&range, header, 2), "Số phiếu");
    assert_eq!(
        string(&range, header, 3),
        "Tỉ lệ % (so với số được triệu tập)"
    );
    assert_eq!(string(&range, header, 4), "Kết quả");

    let rows: Vec<(f64, String, f64, f64, String)> = (header + 1..range.height())
        .map(|r| {
            let outcome = match range.get((r, 4)) {
                Some(Data::String(s)) => s.clone(),
                _ => String::new(),
            };
            (
                number(&range, r, 0),
                string(&range, r, 1),
                number(&range, r, 2),
                number(&range, r, 3),
                outcome,
            )
        })
        .collect();
    assert_eq!(rows.len(), 5);
    // Ballot order (given name "@d" first), votes as numbers, percent as a fraction of 1.
    assert_eq!(rows[0].1, support::TRICKY_NAME);
    assert_eq!((rows[0].0, rows[0].2, rows[0].4.as_str()), (1.0, 11.0, ""));
    assert_eq!(rows[1].1, "Lò Văn Ánh");
    assert_eq!(
        (rows[1].0, rows[1].2, rows[1].4.as_str()),
        (2.0, 15.0, "Trúng cử")
    );
    assert!(
        (rows[1].3 - 0.7143).abs() < 1e-9,
        "15/21 = 71,43%: {}",
        rows[1].3
    );
    assert_eq!(
        (rows[4].1.as_str(), rows[4].2, rows[4].4.as_str()),
        ("Phạm Quốc Ỷ", 14.0, "Trúng cử")
    );
}

#[test]
fn sample_sheet_keeps_its_numbers() {
    let range =
        read(daihoi_documents::render_result_xlsx(&support::sample_sheet()).expect("writes"));
    assert_eq!(
        string(&range, 0, 0),
        "Kết quả bầu Ban Thường vụ Huyện ủy khóa XXIII"
    );
    assert_eq!(string(&range, 2, 0), "Số lượng cần bầu");
    assert_eq!(number(&range, 2, 2), 3.0);
}
