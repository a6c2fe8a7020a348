//! Uploaded spreadsheets: `read_table` on any bytes, under both kinds of name, then both lists
//! read and planned from the table. Must hold: no panic; a table never has more rows or columns
//! than the limits, no kept cell over the cell limit, row numbers that only grow; a report never
//! lists more than `PROBLEMS_MAX` problems, and every problem names a row unless it is the file's.
#![no_main]

use chrono::NaiveDate;
use daihoi_sheets::lists::{plan_organizations, plan_people};
use daihoi_sheets::{CELL_MAX_CHARS, COLUMNS_MAX, PROBLEMS_MAX, ROWS_MAX, Report, read_table};
use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;

fn check(report: &Report) {
    assert!(report.problems().len() <= PROBLEMS_MAX);
    for p in report.problems() {
        assert!(!p.message.is_empty(), "{p:?}");
        assert!(p.row.is_some() || p.column.is_none(), "{p:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
    for name in ["danh-sach.xlsx", "danh-sach.csv"] {
        let Ok(table) = read_table(data, name) else {
            continue;
        };
        assert!(table.rows().len() <= ROWS_MAX);
        let mut last = table.header().number;
        for row in table.rows() {
            assert!(row.number > last, "rows out of order");
            last = row.number;
            assert!(row.width() <= COLUMNS_MAX);
            for c in 0..row.width() {
                assert!(row.cell(c).chars().count() <= CELL_MAX_CHARS);
            }
        }
        if let Err(report) = plan_organizations(&table, &[]) {
            check(&report);
        }
        let organizations = HashMap::from([("TU".to_owned(), (1, false))]);
        if let Err(report) = plan_people(&table, today, &organizations, &[]) {
            check(&report);
        }
    }
});
