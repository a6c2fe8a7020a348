//! Organizations, people and grants of the congress workspace, on both backends.

use chrono::NaiveDate;
use daihoi_domain::access::{Grant, Role, Scope};
use daihoi_domain::congress::person::{BirthDate, Sex};
use daihoi_store::{
    Actor, Closed, Constraint, NewOrganization, NewPerson, OrganizationUpdate, Store, StoreError,
};

use crate::common::{audit_count, each_backend, editor, t0};

async fn org(store: &Store, code: &str, parent: Option<i64>) -> i64 {
    store
        .create_organization(
            &NewOrganization {
                code: code.into(),
                name: format!("Tổ chức {code}"),
                level: "Cấp thử".into(),
                members: 10,
                parent_id: parent,
            },
            &Actor::System,
            t0(),
        )
        .await
        .unwrap_or_else(|e| panic!("create {code}: {e}"))
        .id
}

fn person(org: i64, name: &str, card: Option<&str>) -> NewPerson {
    NewPerson {
        organization_id: org,
        full_name: name.into(),
        sex: Sex::Female,
        birth: BirthDate::Full(NaiveDate::from_ymd_opt(1980, 2, 29).unwrap()),
        ethnicity: Some("Thái".into()),
        education: None,
        position: Some("Bí thư".into()),
        card_number: card.map(str::to_owned),
    }
}

#[tokio::test]
async fn the_tree_keeps_paths_and_lists_subtrees() {
    each_backend(|store| async move {
        let lc = org(&store, "LC", None).await;
        let tu = org(&store, "TU", Some(lc)).await;
        let tu1 = org(&store, "TU-01", Some(tu)).await;
        let cell = org(&store, "TU-01-CB1", Some(tu1)).await;
        let other = org(&store, "TD", Some(lc)).await;
        // Ids 1 and 10 would share a textual prefix: the range must not mix them up.
        let got = store.organization(cell).await.unwrap().unwrap();
        assert_eq!(got.path, vec![lc, tu, tu1, cell]);
        assert_eq!(got.depth(), 4);
        let subtree: Vec<i64> = store
            .organization_subtree(tu, Closed::Exclude)
            .await
            .unwrap()
            .iter()
            .map(|o| o.id)
            .collect();
        assert_eq!(subtree, vec![tu, tu1, cell]);
        assert!(!subtree.contains(&other));
        assert_eq!(
            store
                .organization_by_code("tu-01")
                .await
                .unwrap()
                .unwrap()
                .id,
            tu1,
            "codes compare without case"
        );
        let roots = store.organization_roots().await.unwrap();
        assert_eq!(roots.len(), 1);
        let children = store
            .organization_children(lc, Closed::Exclude)
            .await
            .unwrap();
        assert_eq!(
            children.iter().map(|o| o.code.as_str()).collect::<Vec<_>>(),
            ["TD", "TU"]
        );
        // A duplicate code, whatever its case, is the typed conflict.
        let dup = store
            .create_organization(
                &NewOrganization {
                    code: "tu".into(),
                    name: "Trùng".into(),
                    level: "x".into(),
                    members: 0,
                    parent_id: None,
                },
                &Actor::System,
                t0(),
            )
            .await;
        assert!(matches!(
            dup,
            Err(StoreError::Conflict(Constraint::OrganizationCode))
        ));
    })
    .await;
}

#[tokio::test]
async fn moving_a_subtree_rewrites_every_path_and_refuses_cycles() {
    each_backend(|store| async move {
        let root = org(&store, "P", None).await;
        let a = org(&store, "A", Some(root)).await;
        let b = org(&store, "B", Some(root)).await;
        let a1 = org(&store, "A1", Some(a)).await;
        let a11 = org(&store, "A11", Some(a1)).await;
        let before = audit_count(&store).await;
        let moved = store
            .move_organization(a1, Some(b), &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(moved.path, vec![root, b, a1]);
        assert_eq!(moved.parent_id, Some(b));
        let deep = store.organization(a11).await.unwrap().unwrap();
        assert_eq!(deep.path, vec![root, b, a1, a11]);
        assert_eq!(audit_count(&store).await, before + 1);
        let under_b: Vec<i64> = store
            .organization_subtree(b, Closed::Exclude)
            .await
            .unwrap()
            .iter()
            .map(|o| o.id)
            .collect();
        assert_eq!(under_b, vec![b, a1, a11]);
        assert_eq!(
            store
                .organization_subtree(a, Closed::Exclude)
                .await
                .unwrap()
                .len(),
            1
        );
        // Under its own descendant: refused, nothing changed.
        let cycle = store
            .move_organization(a1, Some(a11), &Actor::System, t0())
            .await;
        assert!(matches!(cycle, Err(StoreError::Invalid(_))), "{cycle:?}");
        assert_eq!(
            store.organization(a11).await.unwrap().unwrap().path,
            vec![root, b, a1, a11]
        );
    })
    .await;
}

#[tokio::test]
async fn closing_keeps_the_organization_and_guards_open_children() {
    each_backend(|store| async move {
        let root = org(&store, "P", None).await;
        let a = org(&store, "A", Some(root)).await;
        let a1 = org(&store, "A1", Some(a)).await;
        let refused = store
            .set_organization_closed(a, true, &Actor::System, t0())
            .await;
        assert!(matches!(refused, Err(StoreError::Invalid(_))));
        let closed = store
            .set_organization_closed(a1, true, &Actor::System, t0())
            .await
            .unwrap();
        assert!(closed.is_closed());
        assert_eq!(
            store
                .organization_children(a, Closed::Exclude)
                .await
                .unwrap()
                .len(),
            0
        );
        assert_eq!(
            store
                .organization_children(a, Closed::Include)
                .await
                .unwrap()
                .len(),
            1
        );
        // A closed organization takes no new child.
        let child = store
            .create_organization(
                &NewOrganization {
                    code: "A1X".into(),
                    name: "x".into(),
                    level: "x".into(),
                    members: 0,
                    parent_id: Some(a1),
                },
                &Actor::System,
                t0(),
            )
            .await;
        assert!(matches!(child, Err(StoreError::Invalid(_))));
        let reopened = store
            .set_organization_closed(a1, false, &Actor::System, t0())
            .await
            .unwrap();
        assert!(!reopened.is_closed());
        let renamed = store
            .update_organization(
                a1,
                &OrganizationUpdate {
                    code: "A1".into(),
                    name: "Chi bộ mới".into(),
                    level: "Chi bộ".into(),
                    members: 1934,
                },
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        assert_eq!(
            (renamed.name.as_str(), renamed.members),
            ("Chi bộ mới", 1934)
        );
    })
    .await;
}

#[tokio::test]
async fn organizations_are_found_with_or_without_diacritics() {
    each_backend(|store| async move {
        let root = org(&store, "LC", None).await;
        store
            .create_organization(
                &NewOrganization {
                    code: "TU-05".into(),
                    name: "Đảng bộ xã Mường Khoa".into(),
                    level: "Tổ chức cơ sở đảng".into(),
                    members: 120,
                    parent_id: Some(root),
                },
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        for q in ["muong khoa", "Mường", "tu-05", "dang bo xa"] {
            let found = store.search_organizations(q, None, 1, 20).await.unwrap();
            assert_eq!(found.total, 1, "{q}");
        }
        let none = store
            .search_organizations("100%_", None, 1, 20)
            .await
            .unwrap();
        assert_eq!(none.total, 0, "LIKE wildcards are literal");
        assert_eq!(
            store
                .search_organizations("", None, 1, 20)
                .await
                .unwrap()
                .total,
            2
        );
    })
    .await;
}

#[tokio::test]
async fn people_sort_in_vietnamese_name_order_and_cards_are_unique() {
    each_backend(|store| async move {
        let root = org(&store, "LC", None).await;
        let tu = org(&store, "TU", Some(root)).await;
        for name in [
            "Trần Văn Bình",
            "Nguyễn Thị Anh",
            "Lò Văn Ánh",
            "Đỗ Thị Bích",
        ] {
            store
                .create_person(&person(tu, name, None), &Actor::System, t0())
                .await
                .unwrap();
        }
        let roll: Vec<String> = store
            .people_of(tu)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.full_name)
            .collect();
        assert_eq!(
            roll,
            [
                "Nguyễn Thị Anh",
                "Lò Văn Ánh",
                "Đỗ Thị Bích",
                "Trần Văn Bình"
            ],
            "given name first, then family, with Vietnamese letter order"
        );
        let first = store
            .create_person(
                &person(tu, "Vàng A Dơ", Some("79012345")),
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        assert_eq!(
            first.birth,
            BirthDate::Full(NaiveDate::from_ymd_opt(1980, 2, 29).unwrap())
        );
        let dup = store
            .create_person(&person(tu, "Khác", Some("79012345")), &Actor::System, t0())
            .await;
        assert!(matches!(
            dup,
            Err(StoreError::Conflict(Constraint::PersonCard))
        ));
        let (found, more) = store.search_people(root, "vang a do").await.unwrap();
        assert_eq!(found.len(), 1);
        assert!(!more);
        assert_eq!(store.count_people_in_subtree(root).await.unwrap(), 5);
        let everyone = store.people_in_subtree(root).await.unwrap();
        assert_eq!(everyone.len(), 5);
        let mut names: Vec<String> = everyone.iter().map(|p| p.full_name.clone()).collect();
        let listed = names.clone();
        daihoi_domain::vn::collate::sort_person_names(&mut names, |n| n);
        assert_eq!(listed, names, "in Vietnamese name order");
        let unknown_org = store
            .create_person(&person(9999, "Không có", None), &Actor::System, t0())
            .await;
        assert!(matches!(unknown_org, Err(StoreError::NotFound { .. })));
    })
    .await;
}

#[tokio::test]
async fn grants_are_stored_and_workspace_accounts_leave_the_portal() {
    each_backend(|store| async move {
        let root = org(&store, "LC", None).await;
        let user = editor(&store, "vanphong").await;
        let grant = Grant {
            role: Role::Secretariat,
            scope: Scope::Organization(root),
        };
        let stored = store
            .add_grant(user, grant, &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(store.grants_of(user).await.unwrap(), vec![stored.clone()]);
        let portal_role = store
            .add_grant(user, Grant::site(Role::Editor), &Actor::System, t0())
            .await;
        assert!(matches!(portal_role, Err(StoreError::Invalid(_))));
        let off = store
            .set_portal_access(user, false, &Actor::System, t0())
            .await
            .unwrap();
        assert!(!off.portal_access);
        assert!(!store.user_by_id(user).await.unwrap().unwrap().portal_access);
        store
            .remove_grant(user, stored.id, &Actor::System, t0())
            .await
            .unwrap();
        assert!(store.grants_of(user).await.unwrap().is_empty());
    })
    .await;
}

fn fields(name: &str) -> daihoi_store::CongressFields {
    use daihoi_domain::congress::congress::Term;
    use daihoi_domain::congress::quorum::QuorumFraction;
    daihoi_store::CongressFields {
        term: Term::new(2020, 2025).unwrap(),
        name: name.into(),
        planned: (NaiveDate::from_ymd_opt(2020, 3, 1), None),
        held: (None, None),
        pilot: false,
        venue: String::new(),
        delegates: Some(247),
        quorum: QuorumFraction::default(),
        committee_seats: Some(35),
    }
}

#[tokio::test]
async fn congresses_move_step_by_step_and_the_subtree_progress_is_one_read() {
    use daihoi_domain::congress::congress::CongressStatus;
    each_backend(|store| async move {
        let root = org(&store, "LC", None).await;
        let tu = org(&store, "TU", Some(root)).await;
        let a = org(&store, "TU-01", Some(tu)).await;
        let _b = org(&store, "TU-02", Some(tu)).await;
        let c = store
            .create_congress(
                a,
                &fields("Đại hội Đảng bộ xã Mường Khoa"),
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        assert_eq!(c.status, CongressStatus::Planned);
        assert_eq!(c.delegates, Some(247));
        let again = store
            .create_congress(a, &fields("Trùng nhiệm kỳ"), &Actor::System, t0())
            .await;
        assert!(matches!(
            again,
            Err(StoreError::Conflict(Constraint::CongressTerm))
        ));
        // A jump over a step is refused in the domain's words; steps one by one pass.
        let jump = store
            .set_congress_status(c.id, CongressStatus::Held, &Actor::System, t0())
            .await;
        assert!(matches!(jump, Err(StoreError::Invalid(_))), "{jump:?}");
        for to in [CongressStatus::Preparing, CongressStatus::Held] {
            store
                .set_congress_status(c.id, to, &Actor::System, t0())
                .await
                .unwrap();
        }
        let rows = store.progress_rows(tu, 2020).await.unwrap();
        assert_eq!(rows.len(), 2, "the organizations below TU, not TU itself");
        let held: Vec<bool> = rows
            .iter()
            .map(|r| r.congress.as_ref().is_some_and(|c| c.status.is_held()))
            .collect();
        assert_eq!(held, [true, false]);
        assert_eq!(store.progress_rows(root, 2020).await.unwrap().len(), 3);
        assert!(
            store.progress_rows(tu, 2025).await.unwrap()[0]
                .congress
                .is_none()
        );
        let found = store.search_congresses("muong khoa", 1, 10).await.unwrap();
        assert_eq!(found.total, 1);
        assert_eq!(found.items[0].1.code, "TU-01");
        assert_eq!(
            store.terms_in_subtree(root).await.unwrap(),
            vec![daihoi_domain::congress::congress::Term::new(2020, 2025).unwrap()]
        );
    })
    .await;
}
