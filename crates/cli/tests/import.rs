//! `daihoi import organizations|people FILE [--dry-run]` as a secretariat runs it, on SQLite and
//! (with `DAIHOI_TEST_DATABASE_URL`) PostgreSQL: each broken file of issue 8 is refused with exit
//! 2, a report naming row and column, and nothing stored; a good file imports, and importing it
//! again changes nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use daihoi_domain::congress::person::{BirthDate, Sex};
use daihoi_sheets::write::{
    FileKind, OrganizationRow, PersonRow, Sensitive, export_organizations, export_people,
};
use daihoi_store::Store;
use daihoi_testkit::{TestDatabase, each_database};

/// Runs `daihoi import <list> <file> [extra…]` on the test database.
fn import(db: &TestDatabase, list: &str, file: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_daihoi"))
        .args(["import", list])
        .arg(file)
        .args(extra)
        .arg("--database-url")
        .arg(db.url())
        .env_remove("DATABASE_URL")
        .output()
        .expect("daihoi runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn write(db: &TestDatabase, name: &str, bytes: &[u8]) -> PathBuf {
    let path = db.dir().join(name);
    std::fs::write(&path, bytes).expect("test file written");
    path
}

fn org(code: &str, parent: Option<&str>, name: &str) -> OrganizationRow {
    OrganizationRow {
        code: code.into(),
        name: name.into(),
        parent_code: parent.map(str::to_owned),
        level: if parent.is_none() {
            "Đảng bộ huyện".into()
        } else {
            "Đảng bộ cơ sở".into()
        },
        members: 120,
        closed: false,
    }
}

fn good_organizations() -> Vec<OrganizationRow> {
    vec![
        org("TU", None, "Đảng bộ huyện Tân Uyên"),
        org("TU-PK", Some("TU"), "Đảng bộ xã Phúc Khoa"),
        org("TU-MT", Some("TU"), "Đảng bộ xã Mường Khoa"),
    ]
}

async fn counts(store: &Store) -> (usize, usize) {
    let organizations = store.organizations_for_import().await.unwrap().len();
    let people = store.people_for_import().await.unwrap().1.len();
    (organizations, people)
}

/// Asserts a refusal: exit 2, every expected fragment in the report, nothing stored.
async fn assert_refused(
    db: &TestDatabase,
    output: &Output,
    expected: &[&str],
    stored: (usize, usize),
) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("bị từ chối, không có gì được lưu"), "{err}");
    for fragment in expected {
        assert!(err.contains(fragment), "missing «{fragment}» in:\n{err}");
    }
    let store = db.store().await;
    assert_eq!(counts(&store).await, stored, "nothing stored");
    store.close().await;
}

#[tokio::test]
async fn broken_organization_files_are_refused_whole_with_row_and_column() {
    each_database(|db| async move {
        // Unknown parent code (CSV) — the good rows of the file are not stored either.
        let csv = "Mã,Tên tổ chức,Mã cấp trên,Cấp,Số đảng viên\n\
                   TU,Đảng bộ huyện,,Đảng bộ huyện,1.934\n\
                   TU-PK,Xã Phúc Khoa,KHONG-CO,Đảng bộ cơ sở,120\n";
        let file = write(&db, "cha-khong-co.csv", csv.as_bytes());
        let output = import(&db, "organizations", &file, &[]);
        assert_refused(
            &db,
            &output,
            &["Dòng 3, cột «Mã cấp trên»: mã cấp trên «KHONG-CO» không có trong tệp và chưa có trong hệ thống"],
            (0, 0),
        )
        .await;

        // Duplicate code (XLSX).
        let mut rows = good_organizations();
        rows.push(org("tu-pk", Some("TU"), "Trùng mã"));
        let file = write(
            &db,
            "trung-ma.xlsx",
            &export_organizations(&rows, FileKind::Xlsx).unwrap(),
        );
        let output = import(&db, "organizations", &file, &[]);
        assert_refused(
            &db,
            &output,
            &["Dòng 5, cột «Mã»: mã «tu-pk» trùng với mã ở dòng 3"],
            (0, 0),
        )
        .await;

        // A missing column.
        let csv = "Mã;Tên tổ chức;Cấp;Số đảng viên\nTU;Huyện;Huyện;1\n";
        let file = write(&db, "thieu-cot.csv", csv.as_bytes());
        let output = import(&db, "organizations", &file, &[]);
        assert_refused(
            &db,
            &output,
            &["Dòng 1, cột «Mã cấp trên»: thiếu cột bắt buộc «Mã cấp trên»"],
            (0, 0),
        )
        .await;

        // Cells over their length: the field's (200) and the sheet's (1.000).
        let mut rows = good_organizations();
        rows[1].name = "a".repeat(201);
        rows[2].name = "ă".repeat(1_001);
        let file = write(
            &db,
            "qua-dai.xlsx",
            &export_organizations(&rows, FileKind::Xlsx).unwrap(),
        );
        let output = import(&db, "organizations", &file, &[]);
        assert_refused(
            &db,
            &output,
            &[
                "Dòng 3, cột «Tên tổ chức»: dài 201 ký tự, quá giới hạn 200 ký tự",
                "Dòng 4, cột «Tên tổ chức»: dài 1.001 ký tự, quá giới hạn 1.000 ký tự",
            ],
            (0, 0),
        )
        .await;

        // Not a spreadsheet at all.
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
        let file = write(&db, "anh.png", png);
        let output = import(&db, "organizations", &file, &[]);
        assert_refused(
            &db,
            &output,
            &["Tệp không phải là bảng tính (có vẻ là ảnh PNG)"],
            (0, 0),
        )
        .await;

        // A 20 MB file.
        let file = write(&db, "lon.csv", &vec![b'a'; 20 * 1000 * 1000]);
        let output = import(&db, "organizations", &file, &[]);
        assert_refused(
            &db,
            &output,
            &["Tệp nặng 20.000.000 byte, quá giới hạn 16.777.216 byte"],
            (0, 0),
        )
        .await;
    })
    .await;
}

fn person(name: &str, organization: &str, birth: BirthDate, card: Option<&str>) -> PersonRow {
    PersonRow {
        full_name: name.into(),
        sex: Sex::Female,
        birth,
        ethnicity: Some("Thái".into()),
        education: Some("Đại học".into()),
        position: None,
        organization_code: organization.into(),
        card_number: card.map(str::to_owned),
    }
}

#[tokio::test]
async fn good_files_import_once_and_change_nothing_the_second_time() {
    each_database(|db| async move {
        let bytes = export_organizations(&good_organizations(), FileKind::Csv).unwrap();
        let file = write(&db, "to-chuc.csv", &bytes);

        let output = import(&db, "organizations", &file, &["--dry-run"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(stdout(&output).contains("chưa lưu gì"), "{}", stdout(&output));
        assert!(stdout(&output).contains("thêm 3, cập nhật 0, không đổi 0"));
        let store = db.store().await;
        assert_eq!(counts(&store).await, (0, 0), "a dry run stores nothing");

        let output = import(&db, "organizations", &file, &[]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(
            stdout(&output).contains("Đã nhập danh sách tổ chức «to-chuc.csv»: thêm 3, cập nhật 0, không đổi 0."),
            "{}",
            stdout(&output)
        );
        let output = import(&db, "organizations", &file, &[]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(stdout(&output).contains("thêm 0, cập nhật 0, không đổi 3"));
        let tu = store.organization_by_code("tu").await.unwrap().unwrap();
        let pk = store.organization_by_code("TU-PK").await.unwrap().unwrap();
        assert_eq!(pk.parent_id, Some(tu.id));
        assert_eq!(pk.path, vec![tu.id, pk.id]);

        // People: "31/02/1980" refuses the file, nothing stored.
        let date = |y, m, d| BirthDate::Full(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap());
        let people = vec![
            person("Lò Thị Mai", "TU-PK", date(1975, 6, 8), Some("79012345")),
            person("Nguyễn Thị Hoa", "TU-MT", BirthDate::YearOnly(1990), None),
        ];
        let xlsx = export_people(&people, Sensitive::Include, FileKind::Xlsx).unwrap();
        let broken = String::from_utf8_lossy(
            &export_people(&people, Sensitive::Include, FileKind::Csv).unwrap(),
        )
        .replace("08/06/1975", "31/02/1980");
        let file = write(&db, "nhan-su-sai.csv", broken.as_bytes());
        let output = import(&db, "people", &file, &[]);
        assert_refused(
            &db,
            &output,
            &["Dòng 2, cột «Ngày sinh»: «31/02/1980» không hợp lệ, cần một ngày có thật dạng dd/mm/yyyy"],
            (3, 0),
        )
        .await;

        let file = write(&db, "nhan-su.xlsx", &xlsx);
        let output = import(&db, "people", &file, &[]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(stdout(&output).contains("thêm 2, cập nhật 0, không đổi 0"), "{}", stdout(&output));
        let output = import(&db, "people", &file, &[]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(stdout(&output).contains("thêm 0, cập nhật 0, không đổi 2"), "{}", stdout(&output));

        // A changed file updates by card number, then by organization, name and birth.
        let mut changed = people.clone();
        changed[0].full_name = "Lò Thị Mai Anh".into();
        changed[1].position = Some("Bí thư chi bộ".into());
        let file = write(
            &db,
            "nhan-su-2.csv",
            &export_people(&changed, Sensitive::Include, FileKind::Csv).unwrap(),
        );
        let output = import(&db, "people", &file, &[]);
        assert!(stdout(&output).contains("thêm 0, cập nhật 2, không đổi 0"), "{}{}", stdout(&output), stderr(&output));
        assert_eq!(counts(&store).await, (3, 2));
        store.close().await;
    })
    .await;
}
