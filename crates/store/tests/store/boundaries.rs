//! The boundary map's units, linked to organizations, on both backends: an import replaces the
//! map whole, a missing or ambiguous organization refuses it without a change, and each unit is
//! read back with its organization's latest congress.

use chrono::NaiveDate;
use daihoi_domain::congress::congress::{CongressStatus, Term};
use daihoi_domain::congress::quorum::QuorumFraction;
use daihoi_domain::map::OrganizationRef;
use daihoi_store::{
    Actor, BoundaryCounts, CongressFields, NewBoundaryMap, NewBoundaryUnit, NewOrganization,
    SETTING_BOUNDARY_ATTRIBUTION, SETTING_BOUNDARY_TITLE, Store, UnmatchedUnit,
};

use crate::common::{audit_count, each_backend, t0};

async fn org(store: &Store, code: &str, name: &str, parent: Option<i64>) -> i64 {
    store
        .create_organization(
            &NewOrganization {
                code: code.into(),
                name: name.into(),
                level: "Đảng bộ huyện".into(),
                members: 10,
                parent_id: parent,
            },
            &Actor::System,
            t0(),
        )
        .await
        .unwrap()
        .id
}

async fn congress(store: &Store, org: i64, start: i32, status: CongressStatus) -> i64 {
    let day = NaiveDate::from_ymd_opt(start, 6, 8).unwrap();
    let c = store
        .create_congress(
            org,
            &CongressFields {
                term: Term::new(start, start + 5).unwrap(),
                name: format!("Đại hội {start}"),
                planned: (Some(day), None),
                held: (Some(day), None),
                pilot: false,
                venue: String::new(),
                delegates: None,
                quorum: QuorumFraction::default(),
                committee_seats: None,
            },
            &Actor::System,
            t0(),
        )
        .await
        .unwrap();
    let steps = CongressStatus::ALL;
    for to in steps.iter().skip(1).take_while(|s| **s <= status) {
        store
            .set_congress_status(c.id, *to, &Actor::System, t0())
            .await
            .unwrap();
    }
    c.id
}

fn unit(name: &str, organization: Option<OrganizationRef>) -> NewBoundaryUnit {
    NewBoundaryUnit {
        name: name.into(),
        code: "111".into(),
        organization,
        rings: "[[[103,22],[104,22],[104,23],[103,22]]]".into(),
    }
}

fn map(units: Vec<NewBoundaryUnit>) -> NewBoundaryMap {
    NewBoundaryMap {
        title: "các huyện".into(),
        attribution: "Nguồn: thử".into(),
        units,
    }
}

#[tokio::test]
async fn units_link_by_code_or_name_and_read_back_with_the_latest_congress() {
    each_backend(|store| async move {
        let province = org(&store, "LC", "Đảng bộ tỉnh Lai Châu", None).await;
        let tu = org(&store, "TU", "Đảng bộ huyện Tân Uyên", Some(province)).await;
        let th = org(&store, "TH", "Đảng bộ huyện Than Uyên", Some(province)).await;
        congress(&store, tu, 2015, CongressStatus::Approved).await;
        let latest = congress(&store, tu, 2020, CongressStatus::Held).await;
        let counts = store
            .import_boundaries(
                &map(vec![
                    unit("Tân Uyên", Some(OrganizationRef::Code("tu".into()))),
                    unit(
                        "Than Uyên",
                        Some(OrganizationRef::Name("Đảng bộ huyện Than Uyên".into())),
                    ),
                    unit("Mường Tè", None),
                ]),
                &Actor::System,
                t0(),
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            counts,
            BoundaryCounts {
                units: 3,
                linked: 2,
                replaced: 0
            }
        );
        let rows = store.boundary_rows().await.unwrap();
        let names: Vec<_> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Tân Uyên", "Than Uyên", "Mường Tè"]);
        assert_eq!(rows[0].organization.as_ref().map(|o| o.id), Some(tu));
        let c = rows[0].congress.as_ref().expect("Tân Uyên has congresses");
        assert_eq!(c.id, latest, "the latest term's congress");
        assert_eq!(c.status, CongressStatus::Held);
        assert_eq!(rows[1].organization.as_ref().map(|o| o.id), Some(th));
        assert_eq!(rows[1].congress, None);
        assert_eq!(rows[2].organization, None);
        assert_eq!(
            store
                .setting(SETTING_BOUNDARY_TITLE)
                .await
                .unwrap()
                .as_deref(),
            Some("các huyện")
        );
        assert_eq!(
            store
                .setting(SETTING_BOUNDARY_ATTRIBUTION)
                .await
                .unwrap()
                .as_deref(),
            Some("Nguồn: thử")
        );
        // A second import replaces the whole map.
        let counts = store
            .import_boundaries(&map(vec![unit("Sìn Hồ", None)]), &Actor::System, t0())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(counts.replaced, 3);
        assert_eq!(store.boundary_rows().await.unwrap().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_missing_or_ambiguous_organization_refuses_the_file_and_changes_nothing() {
    each_backend(|store| async move {
        let province = org(&store, "LC", "Đảng bộ tỉnh", None).await;
        org(&store, "A1", "Chi bộ thôn Nà Bó", Some(province)).await;
        org(&store, "A2", "Chi bộ thôn Nà Bó", Some(province)).await;
        store
            .import_boundaries(&map(vec![unit("Cũ", None)]), &Actor::System, t0())
            .await
            .unwrap()
            .unwrap();
        let audit_before = audit_count(&store).await;
        let missing = store
            .import_boundaries(
                &map(vec![
                    unit("Một", None),
                    unit("Hai", Some(OrganizationRef::Code("KHONG-CO".into()))),
                ]),
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        assert_eq!(
            missing,
            Err(UnmatchedUnit {
                position: 2,
                matches: 0
            })
        );
        let ambiguous = store
            .import_boundaries(
                &map(vec![unit(
                    "Nà Bó",
                    Some(OrganizationRef::Name("Chi bộ thôn Nà Bó".into())),
                )]),
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        assert_eq!(
            ambiguous,
            Err(UnmatchedUnit {
                position: 1,
                matches: 2
            })
        );
        let rows = store.boundary_rows().await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].name, "Cũ");
        assert_eq!(audit_count(&store).await, audit_before, "nothing written");
        // A dry run says what would happen and keeps nothing.
        let checked = store
            .check_boundaries(&map(vec![
                unit("Mới", Some(OrganizationRef::Code("a1".into()))),
                unit("Mới 2", None),
            ]))
            .await
            .unwrap()
            .unwrap();
        assert_eq!((checked.units, checked.linked, checked.replaced), (2, 1, 1));
        assert_eq!(store.boundary_rows().await.unwrap()[0].name, "Cũ");
        assert_eq!(audit_count(&store).await, audit_before);
    })
    .await;
}
