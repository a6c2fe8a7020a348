//! Import and export of the workspace's lists through HTTP: templates to download, a file checked
//! then imported, a refused file named by row and column with nothing stored, an upload over the
//! size limit refused with a sentence, imports kept inside the organization's subtree, exports
//! with sensitive columns only for those who may see them, each logged. Each test runs on SQLite
//! and, when `DAIHOI_TEST_DATABASE_URL` is set, on a fresh PostgreSQL database.

mod admin_support;
mod common;

use admin_support::{Call, PASSWORD, Reply, login, send};
use axum::http::StatusCode;
use axum::http::header;
use chrono::NaiveDate;
use common::{TestApp, each_backend, t0};
use daihoi_domain::access::{Grant, Role, Scope};
use daihoi_domain::congress::person::{BirthDate, Sex};
use daihoi_sheets::write::{FileKind, OrganizationRow, export_organizations};
use daihoi_store::{Actor, NewOrganization, NewPerson, NewUser};

struct Tree {
    tu: i64,
    tu01: i64,
    td: i64,
}

async fn org(app: &TestApp, code: &str, name: &str, parent: Option<i64>) -> i64 {
    app.state
        .store
        .create_organization(
            &NewOrganization {
                code: code.into(),
                name: name.into(),
                level: "Đảng bộ".into(),
                members: 100,
                parent_id: parent,
            },
            &Actor::System,
            t0(),
        )
        .await
        .unwrap()
        .id
}

/// LC → TU → TU-01, LC → TD; one person in TU-01 and one in TD. Accounts: `vp.tu`
/// (secretariat of TU), `vp.tu01` (secretariat of TU-01), `theodoi` (observer of TU), `bientap`
/// (portal editor).
async fn setup(app: &TestApp) -> Tree {
    let lc = org(app, "LC", "Đảng bộ tỉnh Lai Châu", None).await;
    let tu = org(app, "TU", "Đảng bộ huyện Tân Uyên", Some(lc)).await;
    let tu01 = org(app, "TU-01", "Đảng bộ xã Mường Khoa", Some(tu)).await;
    let td = org(app, "TD", "Đảng bộ huyện Than Uyên", Some(lc)).await;
    let store = &app.state.store;
    for (organization_id, name, card) in [
        (tu01, "Lò Thị Mai", "79000111"),
        (td, "Vàng A Dơ", "79000222"),
    ] {
        store
            .create_person(
                &NewPerson {
                    organization_id,
                    full_name: name.into(),
                    sex: Sex::Female,
                    birth: BirthDate::Full(NaiveDate::from_ymd_opt(1985, 4, 12).unwrap()),
                    ethnicity: Some("Thái".into()),
                    education: None,
                    position: Some("Bí thư".into()),
                    card_number: Some(card.into()),
                },
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
    }
    let hash = daihoi_web::kernel::auth::hash_password(PASSWORD);
    for (username, grant) in [
        ("bientap", None),
        ("vp.tu", Some((Role::Secretariat, tu))),
        ("vp.tu01", Some((Role::Secretariat, tu01))),
        ("theodoi", Some((Role::Observer, tu))),
    ] {
        let user = store
            .create_user(
                &NewUser {
                    username: username.into(),
                    display_name: username.into(),
                    role: Role::Editor,
                    password_hash: hash.clone(),
                },
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        if let Some((role, org)) = grant {
            store
                .add_grant(
                    user.id,
                    Grant {
                        role,
                        scope: Scope::Organization(org),
                    },
                    &Actor::System,
                    t0(),
                )
                .await
                .unwrap();
        }
    }
    Tree { tu, tu01, td }
}

/// POSTs `bytes` as `file_name` to the import page `uri`, checked only or confirmed.
async fn upload(
    app: &TestApp,
    session: &str,
    uri: &str,
    file_name: &str,
    bytes: &[u8],
    confirm: bool,
) -> Reply {
    let page = send(app, Call::get(uri).session(session)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let token = page.csrf_token();
    let mut fields = vec![("csrf_token", token.as_str())];
    if confirm {
        fields.push(("xac_nhan", "1"));
    }
    send(
        app,
        Call::multipart_file(uri, &fields, "tep", file_name, bytes).session(session),
    )
    .await
}

async fn org_by_code(app: &TestApp, code: &str) -> Option<daihoi_store::Organization> {
    app.state.store.organization_by_code(code).await.unwrap()
}

async fn audit_actions(app: &TestApp) -> Vec<(String, String)> {
    app.state
        .store
        .list_audit(1, 200)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|e| (e.action, e.detail))
        .collect()
}

/// Organizations as an XLSX file, written by the sheets crate as an export is.
fn organizations_xlsx(rows: &[(&str, &str, Option<&str>)]) -> Vec<u8> {
    let rows: Vec<OrganizationRow> = rows
        .iter()
        .map(|(code, name, parent)| OrganizationRow {
            code: (*code).into(),
            name: (*name).into(),
            parent_code: parent.map(Into::into),
            level: "Chi bộ".into(),
            members: 12,
            closed: false,
        })
        .collect();
    export_organizations(&rows, FileKind::Xlsx).unwrap()
}

#[tokio::test]
async fn templates_download_with_a_vietnamese_file_name() {
    each_backend(|app| async move {
        setup(&app).await;
        let observer = login(&app, "theodoi").await;
        for (file, media, name) in [
            (
                "to-chuc.xlsx",
                "spreadsheetml",
                "M%E1%BA%ABu%20danh%20s%C3%A1ch%20t%E1%BB%95%20ch%E1%BB%A9c.xlsx",
            ),
            (
                "nhan-su.csv",
                "text/csv",
                "M%E1%BA%ABu%20danh%20s%C3%A1ch%20nh%C3%A2n%20s%E1%BB%B1.csv",
            ),
        ] {
            let reply = send(
                &app,
                Call::get(&format!("/dai-hoi/mau/{file}")).session(&observer),
            )
            .await;
            assert_eq!(reply.status, StatusCode::OK, "{file}: {}", reply.body);
            let ct = reply.headers[header::CONTENT_TYPE].to_str().unwrap();
            assert!(ct.contains(media), "{file}: {ct}");
            let cd = reply.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
            assert!(
                cd.starts_with("attachment; filename=\"mau-danh-sach-"),
                "{cd}"
            );
            assert!(cd.contains(&format!("filename*=UTF-8''{name}")), "{cd}");
        }
        let csv = send(
            &app,
            Call::get("/dai-hoi/mau/to-chuc.csv").session(&observer),
        )
        .await;
        assert!(
            csv.body
                .contains("Mã,Tên tổ chức,Mã cấp trên,Cấp,Số đảng viên"),
            "{}",
            csv.body
        );
        let editor = login(&app, "bientap").await;
        let refused = send(
            &app,
            Call::get("/dai-hoi/mau/to-chuc.xlsx").session(&editor),
        )
        .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let unknown = send(
            &app,
            Call::get("/dai-hoi/mau/to-chuc.xls").session(&observer),
        )
        .await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn a_good_file_is_checked_then_imported_whole() {
    each_backend(|app| async move {
        let t = setup(&app).await;
        let session = login(&app, "vp.tu").await;
        let uri = format!("/dai-hoi/to-chuc/{}/nhap/to-chuc", t.tu);
        let file = organizations_xlsx(&[
            ("TU-03-01", "Chi bộ thôn Nà Phát", Some("TU-03")),
            ("TU-03", "Đảng bộ xã Pắc Ta", Some("TU")),
            ("TU-01", "Đảng bộ xã Mường Khoa", Some("TU")),
        ]);
        let checked = upload(&app, &session, &uri, "to-chuc.xlsx", &file, false).await;
        assert_eq!(checked.status, StatusCode::OK, "{}", checked.body);
        assert!(
            checked.body.contains("<dt>Thêm</dt><dd>2</dd>"),
            "{}",
            checked.body
        );
        assert!(
            checked.body.contains("<dt>Cập nhật</dt><dd>1</dd>"),
            "{}",
            checked.body
        );
        assert!(checked.body.contains("name=\"xac_nhan\""));
        assert!(
            org_by_code(&app, "TU-03").await.is_none(),
            "a check stores nothing"
        );
        let imported = upload(&app, &session, &uri, "to-chuc.xlsx", &file, true).await;
        assert_eq!(imported.status, StatusCode::OK, "{}", imported.body);
        assert!(
            imported
                .body
                .contains("Đã nhập tệp «to-chuc.xlsx»: thêm 2, cập nhật 1, không đổi 0."),
            "{}",
            imported.body
        );
        let tu03 = org_by_code(&app, "TU-03").await.expect("inserted");
        assert_eq!(tu03.parent_id, Some(t.tu));
        let tu0301 = org_by_code(&app, "TU-03-01").await.expect("inserted");
        assert_eq!(tu0301.parent_id, Some(tu03.id));
        assert_eq!(org_by_code(&app, "TU-01").await.unwrap().members, 12);
        let audit = audit_actions(&app).await;
        assert!(
            audit
                .iter()
                .any(|(a, d)| a == "import" && d.contains("to-chuc.xlsx")),
            "{audit:?}"
        );
        let page = send(
            &app,
            Call::get(&format!("/dai-hoi/to-chuc/{}", t.tu)).session(&session),
        )
        .await;
        assert!(page.body.contains("Đảng bộ xã Pắc Ta"));

        // People, as CSV: one added to the new organization, Lò Thị Mai updated by card number.
        let people = "Họ và tên,Giới tính,Ngày sinh,Mã tổ chức,Số thẻ đảng viên,Chức vụ\r\n\
                      Hà Văn Sơn,Nam,02/09/1978,TU-03,79000333,Bí thư\r\n\
                      Lò Thị Mai,Nữ,12/04/1985,TU-01,79000111,Phó Bí thư\r\n";
        let uri = format!("/dai-hoi/to-chuc/{}/nhap/nhan-su", t.tu);
        let checked = upload(
            &app,
            &session,
            &uri,
            "nhan-su.csv",
            people.as_bytes(),
            false,
        )
        .await;
        assert_eq!(checked.status, StatusCode::OK, "{}", checked.body);
        assert!(
            checked.body.contains("<dt>Thêm</dt><dd>1</dd>"),
            "{}",
            checked.body
        );
        let imported = upload(&app, &session, &uri, "nhan-su.csv", people.as_bytes(), true).await;
        assert_eq!(imported.status, StatusCode::OK, "{}", imported.body);
        assert!(
            imported.body.contains("thêm 1, cập nhật 1, không đổi 0"),
            "{}",
            imported.body
        );
        let roll = app.state.store.people_of(tu03.id).await.unwrap();
        assert_eq!(roll.len(), 1);
        assert_eq!(roll[0].full_name, "Hà Văn Sơn");
    })
    .await;
}

#[tokio::test]
async fn a_broken_file_names_rows_and_columns_and_stores_nothing() {
    each_backend(|app| async move {
        let t = setup(&app).await;
        let session = login(&app, "vp.tu").await;
        let before = audit_actions(&app).await.len();
        let people = "Họ và tên,Giới tính,Ngày sinh,Mã tổ chức\r\n\
                      Hà Văn Sơn,Nam,02/09/1978,TU-01\r\n\
                      Lò Văn Páo,Nam,31/02/1980,TU-01\r\n\
                      Tòng Thị Ên,Nữ,01/01/1990,KHONG-CO\r\n";
        let uri = format!("/dai-hoi/to-chuc/{}/nhap/nhan-su", t.tu);
        for confirm in [false, true] {
            let refused = upload(&app, &session, &uri, "loi.csv", people.as_bytes(), confirm).await;
            assert_eq!(
                refused.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{}",
                refused.body
            );
            assert!(
                refused
                    .body
                    .contains("Dòng 3, cột «Ngày sinh»: «31/02/1980»"),
                "{}",
                refused.body
            );
            assert!(
                refused.body.contains("Dòng 4, cột «Mã tổ chức»"),
                "{}",
                refused.body
            );
            assert!(
                refused.body.contains("không có gì được lưu: 2 lỗi"),
                "{}",
                refused.body
            );
        }
        assert!(
            app.state.store.people_of(t.tu01).await.unwrap().len() == 1,
            "nothing stored"
        );
        assert_eq!(audit_actions(&app).await.len(), before);

        let not_a_sheet = upload(
            &app,
            &session,
            &uri,
            "anh.png",
            b"\x89PNG\r\n\x1a\nxxxx",
            false,
        )
        .await;
        assert_eq!(not_a_sheet.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            not_a_sheet.body.contains("không phải là bảng tính"),
            "{}",
            not_a_sheet.body
        );
        let nothing = upload(&app, &session, &uri, "", b"", false).await;
        assert_eq!(nothing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(nothing.body.contains("Chưa chọn tệp"), "{}", nothing.body);
    })
    .await;
}

#[tokio::test]
async fn an_upload_over_the_limit_is_refused_with_a_sentence() {
    each_backend(|app| async move {
        let t = setup(&app).await;
        let session = login(&app, "vp.tu").await;
        let uri = format!("/dai-hoi/to-chuc/{}/nhap/to-chuc", t.tu);
        let page = send(&app, Call::get(&uri).session(&session)).await;
        let token = page.csrf_token();
        let big = vec![b'a'; 17 * 1024 * 1024];
        // Declared length over the limit: refused before the body is read.
        let call = Call::multipart_file(&uri, &[("csrf_token", &token)], "tep", "lon.csv", &big)
            .session(&session);
        let declared = (17 * 1024 * 1024 + 300).to_string();
        let refused = send(&app, call.header("content-length", &declared)).await;
        assert_eq!(
            refused.status,
            StatusCode::PAYLOAD_TOO_LARGE,
            "{}",
            refused.body
        );
        assert!(
            refused
                .body
                .contains("quá giới hạn 16.777.216 byte (16 MB)"),
            "{}",
            refused.body
        );
        // No length declared: cut off while streaming, same sentence.
        let call = Call::multipart_file(&uri, &[("csrf_token", &token)], "tep", "lon.csv", &big)
            .session(&session);
        let refused = send(&app, call).await;
        assert_eq!(
            refused.status,
            StatusCode::PAYLOAD_TOO_LARGE,
            "{}",
            refused.body
        );
        assert!(
            refused
                .body
                .contains("quá giới hạn 16.777.216 byte (16 MB)"),
            "{}",
            refused.body
        );
        assert!(org_by_code(&app, "LON").await.is_none());
    })
    .await;
}

#[tokio::test]
async fn imports_stay_inside_the_organization_subtree() {
    each_backend(|app| async move {
        let t = setup(&app).await;
        // Another subtree, an observer: 403 on the page and on the upload.
        let tu01 = login(&app, "vp.tu01").await;
        let observer = login(&app, "theodoi").await;
        for (session, id, list) in [
            (&tu01, t.tu, "to-chuc"),
            (&tu01, t.td, "nhan-su"),
            (&observer, t.tu, "to-chuc"),
            (&observer, t.tu01, "nhan-su"),
        ] {
            let uri = format!("/dai-hoi/to-chuc/{id}/nhap/{list}");
            let page = send(&app, Call::get(&uri).session(session)).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{uri}");
            // The right is checked before the form's token.
            let call = Call::multipart_file(&uri, &[("csrf_token", "x")], "tep", "a.csv", b"x")
                .session(session);
            assert_eq!(
                send(&app, call).await.status,
                StatusCode::FORBIDDEN,
                "POST {uri}"
            );
        }
        // Rows leaving the subtree are named; nothing is stored.
        let session = login(&app, "vp.tu").await;
        let uri = format!("/dai-hoi/to-chuc/{}/nhap/to-chuc", t.tu);
        let file = organizations_xlsx(&[
            ("TU-05", "Chi bộ mới", Some("TU")),
            ("TU-06", "Chi bộ sai chỗ", Some("TD")),
            ("TD", "Đảng bộ huyện Than Uyên", Some("TU")),
            ("TU-07", "Chi bộ gốc", None),
        ]);
        let refused = upload(&app, &session, &uri, "ngoai.xlsx", &file, true).await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.body
        );
        for expected in [
            "Dòng 3, cột «Mã cấp trên»: cấp trên «TD» nằm ngoài phạm vi",
            "Dòng 4, cột «Mã»: tổ chức «TD» nằm ngoài phạm vi",
            "Dòng 5, cột «Mã cấp trên»",
        ] {
            assert!(
                refused.body.contains(expected),
                "{expected}: {}",
                refused.body
            );
        }
        assert!(!refused.body.contains("Dòng 2,"), "{}", refused.body);
        assert!(org_by_code(&app, "TU-05").await.is_none());
        let people = "Họ và tên,Giới tính,Ngày sinh,Mã tổ chức,Số thẻ đảng viên\r\n\
                      Vàng A Dơ,Nữ,12/04/1985,TU-01,79000222\r\n\
                      Lý Thị Sâu,Nữ,01/01/1990,TD,\r\n";
        let uri = format!("/dai-hoi/to-chuc/{}/nhap/nhan-su", t.tu);
        let refused = upload(&app, &session, &uri, "ngoai.csv", people.as_bytes(), false).await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.body
        );
        assert!(
            refused
                .body
                .contains("Dòng 2, cột «Số thẻ đảng viên»: người có số thẻ này"),
            "{}",
            refused.body
        );
        assert!(
            refused
                .body
                .contains("Dòng 3, cột «Mã tổ chức»: tổ chức «TD» nằm ngoài phạm vi"),
            "{}",
            refused.body
        );
    })
    .await;
}

#[tokio::test]
async fn exports_carry_sensitive_columns_only_with_the_right_and_are_logged() {
    each_backend(|app| async move {
        let t = setup(&app).await;
        let exports = |app: &TestApp| {
            let store = app.state.store.clone();
            async move {
                store
                    .list_audit(1, 200)
                    .await
                    .unwrap()
                    .items
                    .into_iter()
                    .filter(|e| e.action == "export_people")
                    .map(|e| e.detail)
                    .collect::<Vec<_>>()
            }
        };
        let observer = login(&app, "theodoi").await;
        let uri = format!("/dai-hoi/to-chuc/{}/xuat/nhan-su.csv", t.tu);
        let plain = send(&app, Call::get(&uri).session(&observer)).await;
        assert_eq!(plain.status, StatusCode::OK, "{}", plain.body);
        assert!(plain.body.contains("Lò Thị Mai"), "{}", plain.body);
        assert!(
            !plain.body.contains("Vàng A Dơ"),
            "TD is outside TU: {}",
            plain.body
        );
        for hidden in [
            "Ngày sinh",
            "Dân tộc",
            "Số thẻ đảng viên",
            "12/04/1985",
            "79000111",
            "Thái",
        ] {
            assert!(!plain.body.contains(hidden), "observer export has {hidden}");
        }
        let logged = exports(&app).await;
        assert_eq!(logged.len(), 1, "{logged:?}");
        assert!(logged[0].contains("\"sensitive\":false"), "{logged:?}");
        let cd = plain.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
        assert!(
            cd.contains("filename=\"nhan-su-dang-bo-huyen-tan-uyen.csv\""),
            "{cd}"
        );

        let secretariat = login(&app, "vp.tu").await;
        let full = send(&app, Call::get(&uri).session(&secretariat)).await;
        assert_eq!(full.status, StatusCode::OK);
        for shown in [
            "Ngày sinh",
            "Số thẻ đảng viên",
            "12/04/1985",
            "79000111",
            "Thái",
        ] {
            assert!(
                full.body.contains(shown),
                "secretariat export misses {shown}"
            );
        }
        let logged = exports(&app).await;
        assert_eq!(logged.len(), 2, "{logged:?}");
        assert!(
            logged
                .iter()
                .any(|d| d.contains("\"sensitive\":true") && d.contains("\"count\":1")),
            "{logged:?}"
        );

        let xlsx = send(
            &app,
            Call::get(&format!("/dai-hoi/to-chuc/{}/xuat/to-chuc.xlsx", t.tu)).session(&observer),
        )
        .await;
        assert_eq!(xlsx.status, StatusCode::OK);
        let orgs = send(
            &app,
            Call::get(&format!("/dai-hoi/to-chuc/{}/xuat/to-chuc.csv", t.tu)).session(&observer),
        )
        .await;
        assert!(
            orgs.body.contains("TU,Đảng bộ huyện Tân Uyên,LC"),
            "{}",
            orgs.body
        );
        assert!(
            orgs.body.contains("TU-01,Đảng bộ xã Mường Khoa,TU"),
            "{}",
            orgs.body
        );
        assert!(!orgs.body.contains("Than Uyên"), "{}", orgs.body);
        let other = send(
            &app,
            Call::get(&format!("/dai-hoi/to-chuc/{}/xuat/nhan-su.csv", t.td)).session(&observer),
        )
        .await;
        assert_eq!(other.status, StatusCode::FORBIDDEN);
    })
    .await;
}
