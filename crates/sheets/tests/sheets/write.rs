//! write: templates and exports read back as imports.

use std::io::Cursor;

use calamine::{Reader, Xlsx};
use chrono::NaiveDate;
use daihoi_domain::congress::person::{BirthDate, Sex};
use daihoi_sheets::lists::{self, ORGANIZATION_COLUMNS, PERSON_COLUMNS};
use daihoi_sheets::read_table;
use daihoi_sheets::write::{
    FileKind, OrganizationRow, PersonRow, Sensitive, export_organizations, export_people,
    organization_template, person_template,
};
use proptest::prelude::*;

fn header(bytes: &[u8], kind: FileKind) -> Vec<String> {
    let table = read_table(bytes, &format!("a.{}", kind.extension())).unwrap();
    (0..table.header().width())
        .map(|c| table.header().cell(c).to_owned())
        .collect()
}

#[test]
fn templates_have_the_columns_and_a_guide() {
    for kind in [FileKind::Xlsx, FileKind::Csv] {
        let org = organization_template(kind).unwrap();
        let names: Vec<&str> = ORGANIZATION_COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(header(&org, kind), names);
        let people = person_template(kind).unwrap();
        let names: Vec<&str> = PERSON_COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(header(&people, kind), names);
        // A template has no data row.
        let table = read_table(&org, "mau").unwrap();
        assert!(table.rows().is_empty());
    }
    let csv = organization_template(FileKind::Csv).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBFM\xC3\xA3,"));
    let xlsx = person_template(FileKind::Xlsx).unwrap();
    let workbook: Xlsx<_> = Xlsx::new(Cursor::new(xlsx)).unwrap();
    assert_eq!(workbook.sheet_names(), ["Nhân sự", "Hướng dẫn"]);
}

fn person(name: &str) -> PersonRow {
    PersonRow {
        full_name: name.to_owned(),
        sex: Sex::Female,
        birth: BirthDate::Full(NaiveDate::from_ymd_opt(1975, 6, 8).unwrap()),
        ethnicity: Some("Thái".into()),
        education: None,
        position: Some("Bí thư chi bộ".into()),
        organization_code: "TU-X1".into(),
        card_number: Some("0790123456789".into()),
    }
}

#[test]
fn people_exports_read_back_and_hide_sensitive_data_unless_asked() {
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let rows = [person("Lò Thị Mai"), person("=cmd|' /C calc'!A0")];
    for kind in [FileKind::Xlsx, FileKind::Csv] {
        let bytes = export_people(&rows, Sensitive::Include, kind).unwrap();
        let table = read_table(&bytes, &format!("x.{}", kind.extension())).unwrap();
        let (parsed, columns) = lists::people(&table, today).unwrap();
        assert!(parsed.report.is_empty(), "{}", parsed.report);
        assert!(columns.card_number);
        let mai = &parsed.rows[0].1;
        assert_eq!(mai.full_name, "Lò Thị Mai");
        assert_eq!(mai.birth, rows[0].birth);
        assert_eq!(mai.card_number.as_deref(), Some("0790123456789"));
        assert_eq!(mai.education, None);
        let second = &parsed.rows[1].1.full_name;
        match kind {
            // A formula-like text stays text in a workbook; in CSV it is defused.
            FileKind::Xlsx => assert_eq!(second, "=cmd|' /C calc'!A0"),
            FileKind::Csv => assert_eq!(second, "'=cmd|' /C calc'!A0"),
        }

        let bytes = export_people(&rows, Sensitive::Omit, kind).unwrap();
        let names = header(&bytes, kind);
        assert_eq!(
            names,
            [
                "Họ và tên",
                "Giới tính",
                "Trình độ",
                "Chức vụ",
                "Mã tổ chức"
            ]
        );
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("Thái") && !text.contains("1975"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Organizations written to either kind of file read back as the same fields, whatever
    /// quotes, separators or letters their names hold.
    #[test]
    fn organization_exports_read_back_as_written(
        names in proptest::collection::vec("[a-zA-Z0-9 ,;\"'.()ạảãàáâậầấẩẫăắằặẳẵóòọõỏôộổỗồốơờớợởỡéèẻẹẽêếềệểễúùụủũưựữửừứíìịỉĩýỳỷỵỹđĐ-]{1,40}", 1..12),
        members in proptest::collection::vec(0i64..10_000_000, 12),
    ) {
        let rows: Vec<OrganizationRow> = names
            .iter()
            .enumerate()
            .filter(|(_, n)| !n.trim().is_empty() && !n.trim_start().starts_with(['-', '=', '+', '@']))
            .map(|(i, n)| OrganizationRow {
                code: format!("M-{i}"),
                name: n.split_whitespace().collect::<Vec<_>>().join(" "),
                parent_code: (i > 0).then(|| "M-0".to_owned()),
                level: "Chi bộ".into(),
                members: members[i],
                closed: false,
            })
            .collect();
        prop_assume!(!rows.is_empty());
        for kind in [FileKind::Xlsx, FileKind::Csv] {
            let bytes = export_organizations(&rows, kind).unwrap();
            let table = read_table(&bytes, &format!("x.{}", kind.extension())).unwrap();
            let parsed = lists::organizations(&table).unwrap();
            prop_assert!(parsed.report.is_empty(), "{}", parsed.report);
            prop_assert_eq!(parsed.rows.len(), rows.len());
            for ((row, fields), written) in parsed.rows.iter().zip(&rows) {
                prop_assert!(*row >= 2);
                prop_assert_eq!(&fields.name, &written.name);
                prop_assert_eq!(&fields.code, &written.code);
                prop_assert_eq!(&fields.parent_code, &written.parent_code);
                prop_assert_eq!(fields.members, written.members);
            }
        }
    }
}
