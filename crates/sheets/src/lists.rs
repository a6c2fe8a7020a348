//! Danh sách — the two lists a secretariat imports, read from a [`Table`]: organizations
//! (`Mã`, `Tên tổ chức`, `Mã cấp trên`, `Cấp`, `Số đảng viên`) and people (`Họ và tên`,
//! `Giới tính`, `Ngày sinh`, `Dân tộc`, `Trình độ`, `Chức vụ`, `Mã tổ chức`, `Số thẻ đảng
//! viên`). Every cell goes through the domain's field rules; every problem is reported with its
//! row and column, then the valid rows are planned against what is stored
//! (`daihoi_domain::congress::import`), whose issues join the same report.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use daihoi_domain::congress::field::FieldError;
use daihoi_domain::congress::import::{
    self, ImportColumn, OrganizationIssue, OrganizationPlan, PersonColumns, PersonIssue,
    PersonPlan, StoredOrganization, StoredPerson,
};
use daihoi_domain::congress::organization::{self, OrganizationFields, code_key};
use daihoi_domain::congress::person::{self, BirthDate, PersonFields, Sex};

use crate::table::{Column, Row, Table};
use crate::{Problem, Report, SheetError};

/// Mã.
pub const CODE: &str = "Mã";
/// Tên tổ chức.
pub const ORGANIZATION_NAME: &str = "Tên tổ chức";
/// Mã cấp trên.
pub const PARENT_CODE: &str = "Mã cấp trên";
/// Cấp.
pub const LEVEL: &str = "Cấp";
/// Số đảng viên.
pub const MEMBERS: &str = "Số đảng viên";
/// Họ và tên.
pub const FULL_NAME: &str = "Họ và tên";
/// Giới tính.
pub const SEX: &str = "Giới tính";
/// Ngày sinh.
pub const BIRTH: &str = "Ngày sinh";
/// Dân tộc.
pub const ETHNICITY: &str = "Dân tộc";
/// Trình độ.
pub const EDUCATION: &str = "Trình độ";
/// Chức vụ.
pub const POSITION: &str = "Chức vụ";
/// Mã tổ chức.
pub const ORGANIZATION_CODE: &str = "Mã tổ chức";
/// Số thẻ đảng viên.
pub const CARD_NUMBER: &str = "Số thẻ đảng viên";

/// Các cột danh sách tổ chức — all required: a file without `Mã cấp trên` would make every
/// organization a root, one without `Số đảng viên` would zero the counts.
pub const ORGANIZATION_COLUMNS: [Column; 5] = [
    Column {
        name: CODE,
        required: true,
    },
    Column {
        name: ORGANIZATION_NAME,
        required: true,
    },
    Column {
        name: PARENT_CODE,
        required: true,
    },
    Column {
        name: LEVEL,
        required: true,
    },
    Column {
        name: MEMBERS,
        required: true,
    },
];

/// Các cột danh sách nhân sự — name, sex, date of birth and organization required; the others
/// optional (a column the file lacks leaves the stored values as they are).
pub const PERSON_COLUMNS: [Column; 8] = [
    Column {
        name: FULL_NAME,
        required: true,
    },
    Column {
        name: SEX,
        required: true,
    },
    Column {
        name: BIRTH,
        required: true,
    },
    Column {
        name: ETHNICITY,
        required: false,
    },
    Column {
        name: EDUCATION,
        required: false,
    },
    Column {
        name: POSITION,
        required: false,
    },
    Column {
        name: ORGANIZATION_CODE,
        required: true,
    },
    Column {
        name: CARD_NUMBER,
        required: false,
    },
];

/// Kết quả đọc — the rows whose every cell passed, each with the row Excel shows, and the
/// problems of the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<T> {
    /// Valid rows.
    pub rows: Vec<(u32, T)>,
    /// Every problem found (the table's own included).
    pub report: Report,
}

/// Reads one cell through a field rule; a refusal becomes a problem of that cell. `None` when
/// refused (also when the cell was refused on reading: its problem is already reported).
fn field<T>(
    row: &Row,
    column: Option<usize>,
    name: &str,
    report: &mut Report,
    check: impl FnOnce(&str) -> Result<T, FieldError>,
) -> Option<T> {
    if column.is_some_and(|c| row.is_refused(c)) {
        return None;
    }
    let raw = column.map_or("", |c| row.cell(c));
    match check(raw) {
        Ok(value) => Some(value),
        Err(e) => {
            report.push(Problem::cell(row.number, name, e.code(), &e));
            None
        }
    }
}

/// Whether none of the columns read has anything on this row (a row of notes in other columns).
fn blank(row: &Row, columns: &[Option<usize>]) -> bool {
    columns
        .iter()
        .flatten()
        .all(|&c| row.cell(c).trim().is_empty() && !row.is_refused(c))
}

/// A table's problems and its columns, or the report that refuses it before any row is read.
fn start(table: &Table, wanted: &[Column]) -> Result<(Vec<Option<usize>>, Report), Report> {
    let mut report = Report::new();
    report.extend(table.problems().iter().cloned());
    let (columns, missing) = table.find_columns(wanted);
    if !missing.is_empty() {
        report.extend(missing);
        report.sort();
        return Err(report);
    }
    if table.rows().is_empty() {
        report.push(SheetError::NoRows.into());
        return Err(report);
    }
    Ok((columns, report))
}

/// Đọc danh sách tổ chức — the rows of a table of organizations, checked by the domain's rules.
/// `Err` when the table cannot be read as one (a required column missing or twice, no data row).
pub fn organizations(table: &Table) -> Result<Parsed<OrganizationFields>, Report> {
    organizations_with_codes(table).map(|(parsed, _)| parsed)
}

/// [`organizations`], with the code keys of the rows refused for another field than their code
/// (they are in the file: a child naming one as its parent is not "unknown").
fn organizations_with_codes(
    table: &Table,
) -> Result<(Parsed<OrganizationFields>, HashSet<String>), Report> {
    let (c, mut report) = start(table, &ORGANIZATION_COLUMNS)?;
    let mut rows = Vec::with_capacity(table.rows().len());
    let mut refused_codes = HashSet::new();
    for row in table.rows() {
        if blank(row, &c) {
            continue;
        }
        let code = field(row, c[0], CODE, &mut report, organization::check_code);
        let name = field(
            row,
            c[1],
            ORGANIZATION_NAME,
            &mut report,
            organization::check_name,
        );
        let parent = field(row, c[2], PARENT_CODE, &mut report, |raw| {
            if raw.trim().is_empty() {
                Ok(None)
            } else {
                organization::check_code(raw).map(Some)
            }
        });
        let level = field(row, c[3], LEVEL, &mut report, organization::check_level);
        let members = field(row, c[4], MEMBERS, &mut report, |raw| {
            organization::check_members(raw, true)
        });
        match (code, name, parent, level, members) {
            (Some(code), Some(name), Some(parent_code), Some(level), Some(members)) => {
                rows.push((
                    row.number,
                    OrganizationFields {
                        code,
                        name,
                        parent_code,
                        level,
                        members,
                    },
                ));
            }
            (Some(code), ..) => {
                refused_codes.insert(code_key(&code));
            }
            _ => {}
        }
    }
    Ok((Parsed { rows, report }, refused_codes))
}

/// Đọc danh sách nhân sự — the rows of a table of people, checked by the domain's rules
/// (`today` bounds the dates of birth), and which optional columns the file has.
pub fn people(
    table: &Table,
    today: NaiveDate,
) -> Result<(Parsed<PersonFields>, PersonColumns), Report> {
    let (c, mut report) = start(table, &PERSON_COLUMNS)?;
    let present = PersonColumns {
        ethnicity: c[3].is_some(),
        education: c[4].is_some(),
        position: c[5].is_some(),
        card_number: c[7].is_some(),
    };
    let mut rows = Vec::with_capacity(table.rows().len());
    for row in table.rows() {
        if blank(row, &c) {
            continue;
        }
        let full_name = field(row, c[0], FULL_NAME, &mut report, person::check_full_name);
        let sex = field(row, c[1], SEX, &mut report, Sex::parse);
        let birth = field(row, c[2], BIRTH, &mut report, |raw| {
            BirthDate::parse(raw, today)
        });
        let ethnicity = field(row, c[3], ETHNICITY, &mut report, person::check_text);
        let education = field(row, c[4], EDUCATION, &mut report, person::check_text);
        let position = field(row, c[5], POSITION, &mut report, person::check_text);
        let organization_code = field(
            row,
            c[6],
            ORGANIZATION_CODE,
            &mut report,
            organization::check_code,
        );
        let card_number = field(
            row,
            c[7],
            CARD_NUMBER,
            &mut report,
            person::check_card_number,
        );
        if let (
            Some(full_name),
            Some(sex),
            Some(birth),
            Some(ethnicity),
            Some(education),
            Some(position),
            Some(organization_code),
            Some(card_number),
        ) = (
            full_name,
            sex,
            birth,
            ethnicity,
            education,
            position,
            organization_code,
            card_number,
        ) {
            rows.push((
                row.number,
                PersonFields {
                    full_name,
                    sex,
                    birth,
                    ethnicity,
                    education,
                    position,
                    organization_code,
                    card_number,
                },
            ));
        }
    }
    Ok((Parsed { rows, report }, present))
}

/// The header an import issue is about.
fn column_name(column: ImportColumn) -> &'static str {
    match column {
        ImportColumn::Code => CODE,
        ImportColumn::ParentCode => PARENT_CODE,
        ImportColumn::OrganizationCode => ORGANIZATION_CODE,
        ImportColumn::CardNumber => CARD_NUMBER,
        ImportColumn::FullName => FULL_NAME,
    }
}

/// The problem of one import issue of an organization file.
fn organization_problem(issue: &OrganizationIssue) -> Problem {
    Problem::cell(
        issue.row(),
        column_name(issue.column()),
        issue.code(),
        issue,
    )
}

/// The problem of one import issue of a people file.
fn person_problem(issue: &PersonIssue) -> Problem {
    Problem::cell(
        issue.row(),
        column_name(issue.column()),
        issue.code(),
        issue,
    )
}

/// Báo cáo từ kế hoạch — the report of the issues a plan found (e.g. when the store planned the
/// rows again in its transaction and what it stored had changed meanwhile), in row order.
pub fn organization_issues_report(issues: &[OrganizationIssue]) -> Report {
    let mut report = Report::new();
    report.extend(issues.iter().map(organization_problem));
    report.sort();
    report
}

/// [`organization_issues_report`] for a file of people.
pub fn person_issues_report(issues: &[PersonIssue]) -> Report {
    let mut report = Report::new();
    report.extend(issues.iter().map(person_problem));
    report.sort();
    report
}

/// Nhập danh sách tổ chức — reads a table of organizations and plans it against the stored ones
/// (`import::plan_organizations`). `Err` with every problem: the cells' and the plan's (a
/// duplicate code, an unknown parent code, a cycle, a tree too deep…), in row order.
pub fn plan_organizations(
    table: &Table,
    stored: &[StoredOrganization],
) -> Result<OrganizationPlan, Report> {
    let (parsed, refused_codes) = organizations_with_codes(table)?;
    let mut report = parsed.report;
    match import::plan_organizations(stored, &parsed.rows) {
        Ok(plan) if report.is_empty() => return Ok(plan),
        Ok(_) => {}
        Err(issues) => {
            for issue in issues {
                // The parent is in the file, on a row refused for another reason.
                if let OrganizationIssue::UnknownParent { parent_code, .. } = &issue
                    && refused_codes.contains(&code_key(parent_code))
                {
                    continue;
                }
                report.push(organization_problem(&issue));
            }
        }
    }
    report.sort();
    Err(report)
}

/// Nhập danh sách nhân sự — reads a table of people and plans it against the stored people
/// (`import::plan_people`; `organizations` maps each stored organization's code key to its id
/// and whether it is closed). `Err` with every problem, in row order.
pub fn plan_people(
    table: &Table,
    today: NaiveDate,
    organizations: &HashMap<String, (i64, bool)>,
    stored: &[StoredPerson],
) -> Result<PersonPlan, Report> {
    let (parsed, present) = people(table, today)?;
    let mut report = parsed.report;
    match import::plan_people(organizations, stored, &parsed.rows, present) {
        Ok(plan) if report.is_empty() => return Ok(plan),
        Ok(_) => {}
        Err(issues) => {
            report.extend(issues.iter().map(person_problem));
        }
    }
    report.sort();
    Err(report)
}
