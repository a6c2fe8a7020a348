//! Imports of organizations and people applied in one transaction, on both backends: moves
//! rewrite the subtree's paths, one audit row per file, a file that no longer applies to what is
//! stored writes nothing.

use chrono::NaiveDate;
use daihoi_domain::congress::import::{OrganizationIssue, PersonColumns};
use daihoi_domain::congress::organization::OrganizationFields;
use daihoi_domain::congress::person::{BirthDate, PersonFields, Sex};
use daihoi_store::{Actor, ImportCounts, NewOrganization, Store};

use crate::common::{audit_count, each_backend, t0};

fn row(code: &str, parent: Option<&str>, members: i64) -> OrganizationFields {
    OrganizationFields {
        code: code.into(),
        name: format!("Tổ chức {}", code.to_uppercase()),
        parent_code: parent.map(str::to_owned),
        level: "Cấp thử".into(),
        members,
    }
}

async fn import(
    store: &Store,
    rows: &[OrganizationFields],
) -> Result<ImportCounts, Vec<OrganizationIssue>> {
    let numbered: Vec<(u32, OrganizationFields)> = rows
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, r)| (i as u32 + 2, r))
        .collect();
    store
        .import_organizations(&numbered, "to-chuc.xlsx", &Actor::System, t0())
        .await
        .expect("store works")
}

#[tokio::test]
async fn an_import_inserts_updates_and_moves_subtrees_in_one_transaction() {
    each_backend(|store| async move {
        let before = audit_count(&store).await;
        let counts = import(
            &store,
            &[
                row("A1", Some("A"), 5),
                row("A", None, 10),
                row("B", None, 7),
                row("A1X", Some("A1"), 1),
            ],
        )
        .await
        .unwrap();
        assert_eq!(
            (counts.inserted, counts.updated, counts.unchanged),
            (4, 0, 0)
        );
        assert_eq!(
            audit_count(&store).await,
            before + 1,
            "one audit row per file"
        );
        let a = store.organization_by_code("A").await.unwrap().unwrap();
        let a1 = store.organization_by_code("a1").await.unwrap().unwrap();
        let a1x = store.organization_by_code("A1X").await.unwrap().unwrap();
        assert_eq!(a1x.path, vec![a.id, a1.id, a1x.id]);

        // Move A1 (with A1X below it) under B, change B's count, leave A as it is.
        let counts = import(
            &store,
            &[
                row("a", None, 10),
                row("A1", Some("B"), 5),
                row("B", None, 8),
            ],
        )
        .await
        .unwrap();
        assert_eq!(
            (counts.inserted, counts.updated, counts.unchanged),
            (0, 2, 1)
        );
        let b = store.organization_by_code("B").await.unwrap().unwrap();
        assert_eq!(b.members, 8);
        let a1 = store.organization_by_code("A1").await.unwrap().unwrap();
        assert_eq!(a1.code, "A1", "the stored code is kept");
        assert_eq!(a1.path, vec![b.id, a1.id]);
        let a1x = store.organization_by_code("A1X").await.unwrap().unwrap();
        assert_eq!(
            a1x.path,
            vec![b.id, a1.id, a1x.id],
            "the subtree moved along"
        );
        assert_eq!(a1x.depth(), 3);
    })
    .await;
}

#[tokio::test]
async fn a_file_that_no_longer_applies_writes_nothing() {
    each_backend(|store| async move {
        let root = store
            .create_organization(
                &NewOrganization {
                    code: "R".into(),
                    name: "Gốc".into(),
                    level: "Cấp".into(),
                    members: 1,
                    parent_id: None,
                },
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        store
            .set_organization_closed(root.id, true, &Actor::System, t0())
            .await
            .unwrap();
        let before = audit_count(&store).await;
        // The first row would insert; the second hangs under the closed R.
        let issues = import(&store, &[row("N", None, 1), row("C", Some("R"), 1)])
            .await
            .unwrap_err();
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].code(), "closed_parent");
        assert!(store.organization_by_code("N").await.unwrap().is_none());
        assert_eq!(audit_count(&store).await, before);
    })
    .await;
}

#[tokio::test]
async fn people_import_matches_and_keeps_absent_columns() {
    each_backend(|store| async move {
        import(&store, &[row("TU", None, 3)]).await.unwrap();
        let mai = PersonFields {
            full_name: "Lò Thị Mai".into(),
            sex: Sex::Female,
            birth: BirthDate::Full(NaiveDate::from_ymd_opt(1975, 6, 8).unwrap()),
            ethnicity: Some("Thái".into()),
            education: None,
            position: None,
            organization_code: "tu".into(),
            card_number: Some("79012345".into()),
        };
        let counts = store
            .import_people(
                &[(2, mai.clone())],
                PersonColumns::ALL,
                "a.csv",
                &Actor::System,
                t0(),
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(counts.inserted, 1);
        // A file without the ethnicity and card columns, the name typed without diacritics'
        // case: the same person, her ethnicity and card kept.
        let bare = PersonFields {
            ethnicity: None,
            card_number: None,
            position: Some("Bí thư".into()),
            ..mai.clone()
        };
        let columns = PersonColumns {
            ethnicity: false,
            card_number: false,
            ..PersonColumns::ALL
        };
        let counts = store
            .import_people(&[(2, bare)], columns, "b.csv", &Actor::System, t0())
            .await
            .unwrap()
            .unwrap();
        assert_eq!((counts.inserted, counts.updated), (0, 1));
        let (_, people) = store.people_for_import().await.unwrap();
        assert_eq!(people.len(), 1);
        assert_eq!(people[0].ethnicity.as_deref(), Some("Thái"));
        assert_eq!(people[0].card_number.as_deref(), Some("79012345"));
        assert_eq!(people[0].position.as_deref(), Some("Bí thư"));
    })
    .await;
}
