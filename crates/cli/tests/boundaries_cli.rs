//! `daihoi import boundaries FILE.geojson` on SQLite and (with `DAIHOI_TEST_DATABASE_URL`)
//! PostgreSQL: a file that is not GeoJSON, a feature without a polygon, one naming an
//! organization that does not exist, and an oversized file are refused with exit 2, a message
//! naming the feature by number and name, and nothing stored; a good file imports, links its
//! units, and a dry run stores nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use daihoi_store::{Actor, NewOrganization, Store};
use daihoi_testkit::{TestDatabase, each_database};

fn import(db: &TestDatabase, file: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_daihoi"))
        .args(["import", "boundaries"])
        .arg(file)
        .args(extra)
        .arg("--database-url")
        .arg(db.url())
        .env_remove("DATABASE_URL")
        .output()
        .expect("daihoi runs")
}

fn write(db: &TestDatabase, name: &str, text: &str) -> PathBuf {
    let path = db.dir().join(name);
    std::fs::write(&path, text).expect("test file written");
    path
}

fn feature(properties: &str, geometry: &str) -> String {
    format!(r#"{{"type":"Feature","properties":{properties},"geometry":{geometry}}}"#)
}

const SQUARE: &str =
    r#"{"type":"Polygon","coordinates":[[[103,22],[104,22],[104,23],[103,23],[103,22]]]}"#;

fn collection(features: &[String]) -> String {
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    )
}

async fn units(store: &Store) -> usize {
    store.boundary_rows().await.unwrap().len()
}

fn assert_refused(output: &Output, expected: &str) {
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("không có gì được lưu"), "{err}");
    assert!(err.contains(expected), "{expected:?} in {err}");
}

#[tokio::test]
async fn broken_files_are_refused_naming_the_feature_and_nothing_is_stored() {
    each_database(|db| async move {
        let store = db.store().await;
        store
            .create_organization(
                &NewOrganization {
                    code: "TU".into(),
                    name: "Đảng bộ huyện Tân Uyên".into(),
                    level: "Đảng bộ huyện".into(),
                    members: 100,
                    parent_id: None,
                },
                &Actor::System,
                chrono::Utc::now(),
            )
            .await
            .unwrap();

        let file = write(&db, "hong.geojson", "{\"features\": [");
        assert_refused(&import(&db, &file, &[]), "Tệp GeoJSON không đọc được");

        let text = collection(&[
            feature(r#"{"name":"Tân Uyên","organization_code":"TU"}"#, SQUARE),
            feature(
                r#"{"name":"Sìn Hồ"}"#,
                r#"{"type":"Point","coordinates":[103,22]}"#,
            ),
        ]);
        let file = write(&db, "diem.geojson", &text);
        assert_refused(
            &import(&db, &file, &[]),
            "Đối tượng thứ 2 «Sìn Hồ» có hình học kiểu Point",
        );

        let text = collection(&[
            feature(r#"{"name":"Tân Uyên","organization_code":"TU"}"#, SQUARE),
            feature(r#"{"name":"Than Uyên","organization_code":"TH"}"#, SQUARE),
        ]);
        let file = write(&db, "khong-co-to-chuc.geojson", &text);
        assert_refused(
            &import(&db, &file, &[]),
            "Đối tượng thứ 2 «Than Uyên»: không có tổ chức nào có mã «TH»",
        );

        let big = format!("{}{}", " ".repeat(16 * 1024 * 1024), collection(&[]));
        let file = write(&db, "lon.geojson", &big);
        assert_refused(&import(&db, &file, &[]), "quá lớn");

        assert_eq!(units(&store).await, 0, "nothing stored");
        store.close().await;
    })
    .await;
}

#[tokio::test]
async fn a_good_file_imports_and_links_and_a_dry_run_stores_nothing() {
    each_database(|db| async move {
        let store = db.store().await;
        store
            .create_organization(
                &NewOrganization {
                    code: "TU".into(),
                    name: "Đảng bộ huyện Tân Uyên".into(),
                    level: "Đảng bộ huyện".into(),
                    members: 100,
                    parent_id: None,
                },
                &Actor::System,
                chrono::Utc::now(),
            )
            .await
            .unwrap();
        let text = collection(&[
            feature(
                r#"{"name":"Tân Uyên","code":"111","organization_name":"Đảng bộ huyện Tân Uyên"}"#,
                SQUARE,
            ),
            feature(r#"{"name":"Mường Tè","code":"107"}"#, SQUARE),
        ]);
        let file = write(&db, "tot.geojson", &text);
        let dry = import(&db, &file, &["--dry-run"]);
        assert!(
            dry.status.success(),
            "{}",
            String::from_utf8_lossy(&dry.stderr)
        );
        assert!(String::from_utf8_lossy(&dry.stdout).contains("Kiểm tra xong (chưa lưu gì)"));
        assert_eq!(units(&store).await, 0);
        let done = import(
            &db,
            &file,
            &["--title", "thử", "--attribution", "Nguồn: thử"],
        );
        let out = String::from_utf8_lossy(&done.stdout);
        assert!(
            done.status.success(),
            "{}",
            String::from_utf8_lossy(&done.stderr)
        );
        assert!(
            out.contains("2 đơn vị, 1 đơn vị liên kết với tổ chức"),
            "{out}"
        );
        let rows = store.boundary_rows().await.unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0].organization.as_ref().map(|o| o.code.as_str()),
            Some("TU")
        );
        store.close().await;
    })
    .await;
}
