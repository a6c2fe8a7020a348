//! lists: typed rows, every problem with its row and column, planning against stored facts.

use std::collections::HashMap;

use chrono::NaiveDate;
use daihoi_domain::congress::import::{OrganizationAction, PersonAction, StoredOrganization};
use daihoi_domain::congress::person::{BirthDate, Sex};
use daihoi_sheets::lists::{self, plan_organizations, plan_people};
use daihoi_sheets::{PROBLEMS_MAX, Report, read_table};

use super::xlsx_rows;

const ORG_HEADER: &[&str] = &["Mã", "Tên tổ chức", "Mã cấp trên", "Cấp", "Số đảng viên"];
const PERSON_HEADER: &[&str] = &[
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Dân tộc",
    "Trình độ",
    "Chức vụ",
    "Mã tổ chức",
    "Số thẻ đảng viên",
];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()
}

fn csv(lines: &[&str]) -> Vec<u8> {
    let mut text = lines.join("\n");
    text.push('\n');
    text.into_bytes()
}

fn messages(report: &Report) -> Vec<String> {
    report
        .problems()
        .iter()
        .map(|p| p.message.clone())
        .collect()
}

#[test]
fn a_good_organization_file_plans_parents_first() {
    let bytes = xlsx_rows(&[
        &[
            "Ghi chú",
            "Số đảng viên",
            "Cấp",
            "Mã cấp trên",
            "Tên tổ chức",
            "Mã",
        ],
        &[
            "",
            "12",
            "Chi bộ",
            "TU-X1",
            "Chi bộ thôn Nà Pa",
            "TU-X1-CB1",
        ],
        &[
            "",
            "1.934",
            "Đảng bộ huyện",
            "",
            "Đảng bộ huyện Tân Uyên",
            "TU",
        ],
        &["bỏ qua", "", "", "", "", ""],
        &[
            "",
            "247",
            "Đảng bộ cơ sở",
            "tu",
            "Đảng bộ xã Phúc Khoa",
            "TU-X1",
        ],
    ]);
    let table = read_table(&bytes, "to-chuc.xlsx").unwrap();
    let parsed = lists::organizations(&table).unwrap();
    assert!(parsed.report.is_empty());
    assert_eq!(parsed.rows.len(), 3);
    assert_eq!(parsed.rows[1].0, 3);
    assert_eq!(parsed.rows[1].1.members, 1934);
    let plan = plan_organizations(&table, &[]).unwrap();
    let order: Vec<(u32, &str)> = plan
        .steps
        .iter()
        .map(|s| (s.row, s.fields.code.as_str()))
        .collect();
    assert_eq!(order, [(3, "TU"), (5, "TU-X1"), (2, "TU-X1-CB1")]);
    assert!(
        plan.steps
            .iter()
            .all(|s| s.action == OrganizationAction::Insert)
    );
}

#[test]
fn every_problem_of_an_organization_file_is_reported() {
    let bytes = csv(&[
        "Mã,Tên tổ chức,Mã cấp trên,Cấp,Số đảng viên",
        "TU,Đảng bộ huyện,,Đảng bộ huyện,1.934",
        "X 1,,TU,Đảng bộ cơ sở,12,5",
        "X2,Xã hai,KHONG-CO,Đảng bộ cơ sở,abc",
        "tu,Trùng mã,,Cấp,3",
        "X3,Xã ba,X4,Đảng bộ cơ sở,4",
        "X4,Xã bốn,X3,Đảng bộ cơ sở,",
    ]);
    let table = read_table(&bytes, "to-chuc.csv").unwrap();
    let report = plan_organizations(&table, &[]).unwrap_err();
    assert_eq!(
        messages(&report),
        [
            "Dòng 3, cột «Mã»: «X 1» không hợp lệ, cần chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới, không có khoảng trắng",
            "Dòng 3, cột «Tên tổ chức»: bắt buộc nhưng đang để trống",
            "Dòng 4, cột «Số đảng viên»: «abc» không hợp lệ, cần một số nguyên không âm",
            "Dòng 5, cột «Mã»: mã «tu» trùng với mã ở dòng 2",
            "Dòng 7, cột «Số đảng viên»: bắt buộc nhưng đang để trống",
        ]
    );
    // Row 4's parent is unknown, but row 4 is refused anyway: once it is fixed, the plan reports
    // it. Fix rows 3, 4 and 7 and the plan's own problems show.
    let bytes = csv(&[
        "Mã,Tên tổ chức,Mã cấp trên,Cấp,Số đảng viên",
        "TU,Đảng bộ huyện,,Đảng bộ huyện,1.934",
        "X2,Xã hai,KHONG-CO,Đảng bộ cơ sở,2",
        "X3,Xã ba,X4,Đảng bộ cơ sở,4",
        "X4,Xã bốn,X3,Đảng bộ cơ sở,4",
    ]);
    let report = plan_organizations(&read_table(&bytes, "a.csv").unwrap(), &[]).unwrap_err();
    let problems = report.problems();
    assert_eq!(problems.len(), 2);
    assert_eq!(
        (
            problems[0].row,
            problems[0].column.as_deref(),
            problems[0].code
        ),
        (Some(3), Some("Mã cấp trên"), "unknown_parent")
    );
    assert_eq!(
        problems[0].message,
        "Dòng 3, cột «Mã cấp trên»: mã cấp trên «KHONG-CO» không có trong tệp và chưa có trong hệ thống"
    );
    assert_eq!((problems[1].row, problems[1].code), (Some(4), "cycle"));
}

#[test]
fn a_parent_on_a_refused_row_is_not_unknown() {
    let bytes = csv(&[
        "Mã,Tên tổ chức,Mã cấp trên,Cấp,Số đảng viên",
        "TU,Đảng bộ huyện,,Đảng bộ huyện,-1",
        "X1,Xã một,TU,Đảng bộ cơ sở,2",
    ]);
    let report = plan_organizations(&read_table(&bytes, "a.csv").unwrap(), &[]).unwrap_err();
    assert_eq!(report.total(), 1, "{report}");
    assert_eq!(report.problems()[0].row, Some(2));
}

#[test]
fn a_missing_column_refuses_the_file_before_its_rows() {
    let bytes = csv(&["Mã,Tên tổ chức,Cấp,Số đảng viên", "TU,Huyện,Huyện,1"]);
    let report = plan_organizations(&read_table(&bytes, "a.csv").unwrap(), &[]).unwrap_err();
    assert_eq!(
        messages(&report),
        [
            "Dòng 1, cột «Mã cấp trên»: thiếu cột bắt buộc «Mã cấp trên» trong dòng tiêu đề (tên cột phải đúng như trong tệp mẫu)"
        ]
    );
    let header_only = csv(&[&ORG_HEADER.join(",")]);
    let report = lists::organizations(&read_table(&header_only, "a.csv").unwrap()).unwrap_err();
    assert_eq!(report.problems()[0].code, "no_rows");
}

#[test]
fn a_cell_over_the_cell_limit_is_reported_once() {
    let long = "á".repeat(1_200);
    let row = ["TU", long.as_str(), "", "Huyện", "1"];
    let bytes = xlsx_rows(&[ORG_HEADER, &row]);
    let report = plan_organizations(&read_table(&bytes, "a.xlsx").unwrap(), &[]).unwrap_err();
    assert_eq!(
        messages(&report),
        ["Dòng 2, cột «Tên tổ chức»: dài 1.200 ký tự, quá giới hạn 1.000 ký tự"]
    );
    // Under the cell limit, over the field's: the domain's limit speaks.
    let name = "a".repeat(201);
    let row = ["TU", name.as_str(), "", "Huyện", "1"];
    let bytes = xlsx_rows(&[ORG_HEADER, &row]);
    let report = plan_organizations(&read_table(&bytes, "a.xlsx").unwrap(), &[]).unwrap_err();
    assert_eq!(
        messages(&report),
        ["Dòng 2, cột «Tên tổ chức»: dài 201 ký tự, quá giới hạn 200 ký tự"]
    );
}

#[test]
fn reports_list_a_thousand_problems_and_count_the_rest() {
    let mut lines = vec![ORG_HEADER.join(",")];
    for i in 0..1_500 {
        lines.push(format!("M{i},,,Cấp,1"));
    }
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let report = plan_organizations(&read_table(&csv(&refs), "a.csv").unwrap(), &[]).unwrap_err();
    assert_eq!(report.problems().len(), PROBLEMS_MAX);
    assert_eq!(report.total(), 1_500);
    assert!(report.to_string().ends_with("… và 500 lỗi khác"));
}

#[test]
fn organizations_update_stored_ones_by_code() {
    let stored = [StoredOrganization {
        id: 41,
        code: "TU".into(),
        name: "Đảng bộ huyện Tân Uyên".into(),
        level: "Đảng bộ huyện".into(),
        members: 1934,
        parent_id: None,
        closed: false,
    }];
    let bytes = csv(&[
        &ORG_HEADER.join(","),
        "tu,Đảng bộ huyện Tân Uyên,,Đảng bộ huyện,1.934",
        "X1,Xã một,TU,Đảng bộ cơ sở,20",
    ]);
    let plan = plan_organizations(&read_table(&bytes, "a.csv").unwrap(), &stored).unwrap();
    assert_eq!((plan.inserted(), plan.updated(), plan.unchanged), (1, 0, 1));
}

#[test]
fn people_rows_through_the_field_rules() {
    let bytes = xlsx_rows(&[
        PERSON_HEADER,
        &[
            "Lò Thị Mai",
            "Nữ",
            "08/06/1975",
            "Thái",
            "Đại học",
            "Bí thư",
            "TU-X1",
            "79.012 345",
        ],
        &[
            "Nguyễn Văn An",
            "nam",
            "31/02/1980",
            "",
            "",
            "",
            "TU-X1",
            "",
        ],
        &["", "Khác", "1975", "", "", "", "", "12AB"],
        &["Trần Văn Bình", "Nam", "1990", "Kinh", "", "", "XX", ""],
    ]);
    let table = read_table(&bytes, "nhan-su.xlsx").unwrap();
    let organizations = HashMap::from([("TU-X1".to_owned(), (5, false))]);
    let report = plan_people(&table, today(), &organizations, &[]).unwrap_err();
    assert_eq!(
        messages(&report),
        [
            "Dòng 3, cột «Ngày sinh»: «31/02/1980» không hợp lệ, cần một ngày có thật dạng dd/mm/yyyy (hoặc chỉ năm sinh yyyy)",
            "Dòng 4, cột «Họ và tên»: bắt buộc nhưng đang để trống",
            "Dòng 4, cột «Giới tính»: «Khác» không hợp lệ, cần «Nam» hoặc «Nữ»",
            "Dòng 4, cột «Mã tổ chức»: bắt buộc nhưng đang để trống",
            "Dòng 4, cột «Số thẻ đảng viên»: «12AB» không hợp lệ, cần một dãy chữ số",
            "Dòng 5, cột «Mã tổ chức»: mã tổ chức «XX» chưa có trong hệ thống (hãy nhập danh sách tổ chức trước)",
        ]
    );
    let (parsed, columns) = lists::people(&table, today()).unwrap();
    assert!(columns.card_number && columns.ethnicity);
    let (row, mai) = &parsed.rows[0];
    assert_eq!(*row, 2);
    assert_eq!(mai.sex, Sex::Female);
    assert_eq!(
        mai.birth,
        BirthDate::Full(NaiveDate::from_ymd_opt(1975, 6, 8).unwrap())
    );
    assert_eq!(mai.card_number.as_deref(), Some("79012345"));
}

#[test]
fn people_files_need_only_the_required_columns() {
    let bytes = csv(&[
        "Họ và tên;Giới tính;Ngày sinh;Mã tổ chức",
        "Lò Thị Mai;Nữ;1975;tu-x1",
    ]);
    let table = read_table(&bytes, "a.csv").unwrap();
    let organizations = HashMap::from([("TU-X1".to_owned(), (5, false))]);
    let plan = plan_people(&table, today(), &organizations, &[]).unwrap();
    assert_eq!(plan.steps.len(), 1);
    assert_eq!(plan.steps[0].action, PersonAction::Insert);
    assert_eq!(plan.steps[0].organization_id, 5);
    let (_, columns) = lists::people(&table, today()).unwrap();
    assert!(!columns.ethnicity && !columns.card_number);

    let bytes = csv(&["Họ và tên;Giới tính;Mã tổ chức", "Lò Thị Mai;Nữ;TU"]);
    let report = lists::people(&read_table(&bytes, "a.csv").unwrap(), today()).unwrap_err();
    assert_eq!(report.problems()[0].column.as_deref(), Some("Ngày sinh"));
}
