//! Delegates of a congress: the allocation saved with its reasons, check-in codes, typed and
//! bulk entry, and the replacement of a delegate by the next alternate of the same organization,
//! on both backends.

use std::collections::HashSet;

use daihoi_domain::congress::congress::Term;
use daihoi_domain::congress::delegate::{DelegateKind, DelegateStatus, normalize_check_in_code};
use daihoi_domain::congress::person::{BirthDate, Sex};
use daihoi_domain::congress::quorum::QuorumFraction;
use daihoi_store::{
    Actor, AllocationRow, CongressFields, NewDelegate, NewOrganization, Removal, Replacement,
    Store, StoreError,
};

use crate::common::{audit_count, each_backend, t0};

async fn org(store: &Store, code: &str, parent: Option<i64>) -> i64 {
    store
        .create_organization(
            &NewOrganization {
                code: code.into(),
                name: format!("Tổ chức {code}"),
                level: "Cấp thử".into(),
                members: 40,
                parent_id: parent,
            },
            &Actor::System,
            t0(),
        )
        .await
        .unwrap_or_else(|e| panic!("create {code}: {e}"))
        .id
}

async fn congress(store: &Store, org: i64) -> i64 {
    store
        .create_congress(
            org,
            &CongressFields {
                term: Term::new(2020, 2025).unwrap(),
                name: "Đại hội thử".into(),
                planned: (None, None),
                held: (None, None),
                pilot: false,
                venue: String::new(),
                delegates: Some(20),
                quorum: QuorumFraction::default(),
                committee_seats: None,
            },
            &Actor::System,
            t0(),
        )
        .await
        .expect("create congress")
        .id
}

fn elected(name: &str, org: i64) -> NewDelegate {
    NewDelegate {
        kind: DelegateKind::Elected,
        person_id: None,
        full_name: name.into(),
        sex: Some(Sex::Male),
        birth: Some(BirthDate::YearOnly(1975)),
        organization_id: Some(org),
        alternate_rank: None,
        votes: Some(30),
    }
}

fn alternate(name: &str, org: i64, rank: i64) -> NewDelegate {
    NewDelegate {
        kind: DelegateKind::Alternate,
        alternate_rank: Some(rank),
        ..elected(name, org)
    }
}

/// A district with two grassroots organizations and a congress.
async fn setup(store: &Store) -> (i64, i64, i64, i64) {
    let tu = org(store, "TU", None).await;
    let a = org(store, "TU-01", Some(tu)).await;
    let b = org(store, "TU-02", Some(tu)).await;
    let c = congress(store, tu).await;
    (tu, a, b, c)
}

#[tokio::test]
async fn replacement_calls_the_next_alternate_of_the_same_organization() {
    each_backend(|store| async move {
        let (_, a, b, c) = setup(&store).await;
        let actor = Actor::System;
        let absent = store
            .add_delegate(c, &elected("Lò Văn Ánh", a), &actor, t0())
            .await
            .unwrap();
        assert_eq!(absent.status, DelegateStatus::Convened);
        // An alternate of the other organization ranks first but must not be called.
        store
            .add_delegate(c, &alternate("Giàng A Tủa", b, 1), &actor, t0())
            .await
            .unwrap();
        let second = store
            .add_delegate(c, &alternate("Tòng Thị Xuân", a, 2), &actor, t0())
            .await
            .unwrap();
        let first = store
            .add_delegate(c, &alternate("Vàng Thị Mai", a, 1), &actor, t0())
            .await
            .unwrap();
        assert_eq!(first.status, DelegateStatus::Standby);
        let before = audit_count(&store).await;

        let got = store
            .replace_delegate(absent.id, "Ốm, nằm viện", &actor, t0())
            .await
            .unwrap();
        let Replacement::Done {
            replaced,
            alternate,
        } = got
        else {
            panic!("expected a replacement, got {got:?}");
        };
        assert_eq!(replaced.status, DelegateStatus::Replaced);
        assert_eq!(replaced.status_reason.as_deref(), Some("Ốm, nằm viện"));
        assert_eq!(alternate.id, first.id, "rank 1 of the same organization");
        assert_eq!(alternate.status, DelegateStatus::Convened);
        assert_eq!(alternate.replaces_id, Some(absent.id));
        assert_eq!(audit_count(&store).await, before + 1);

        // The replacement can itself be replaced: rank 2 comes next.
        let Replacement::Done {
            alternate: next, ..
        } = store
            .replace_delegate(first.id, "Bận công tác", &actor, t0())
            .await
            .unwrap()
        else {
            panic!("rank 2 should be called");
        };
        assert_eq!(next.id, second.id);

        // No alternate of organization a is left: nothing changes.
        let before = audit_count(&store).await;
        let got = store
            .replace_delegate(second.id, "Vắng", &actor, t0())
            .await
            .unwrap();
        assert!(
            matches!(got, Replacement::NoAlternateLeft { .. }),
            "{got:?}"
        );
        let still = store.delegate(second.id).await.unwrap().unwrap();
        assert_eq!(still.status, DelegateStatus::Convened, "rolled back");
        assert_eq!(
            still.status_reason.as_deref(),
            Some("Bận công tác"),
            "the reason it was called for, not the refused one"
        );
        assert_eq!(audit_count(&store).await, before);

        // A replaced delegate cannot be replaced twice; an alternate on standby is not convened.
        let got = store
            .replace_delegate(absent.id, "Lần nữa", &actor, t0())
            .await
            .unwrap();
        assert!(matches!(got, Replacement::NotConvened { .. }), "{got:?}");
    })
    .await;
}

#[tokio::test]
async fn ex_officio_delegates_are_not_replaced_and_unknown_ids_are_not_found() {
    each_backend(|store| async move {
        let (tu, a, _, c) = setup(&store).await;
        let actor = Actor::System;
        store
            .add_delegate(c, &alternate("Vàng Thị Mai", a, 1), &actor, t0())
            .await
            .unwrap();
        let ex = store
            .add_delegate(
                c,
                &NewDelegate {
                    kind: DelegateKind::ExOfficio,
                    votes: None,
                    ..elected("Hoàng Văn Bảy", tu)
                },
                &actor,
                t0(),
            )
            .await
            .unwrap();
        assert_eq!(ex.organization_name.as_deref(), Some("Tổ chức TU"));
        let got = store.replace_delegate(ex.id, "Vắng", &actor, t0()).await;
        assert!(matches!(got, Ok(Replacement::ExOfficio { .. })), "{got:?}");
        assert!(matches!(
            store.replace_delegate(9999, "x", &actor, t0()).await,
            Err(StoreError::NotFound { .. })
        ));
        assert_eq!(store.count_ex_officio(c).await.unwrap(), 1);
    })
    .await;
}

#[tokio::test]
async fn check_in_codes_are_unique_and_canonical() {
    each_backend(|store| async move {
        let (_, a, b, c) = setup(&store).await;
        let mut batch = Vec::new();
        for i in 0..60 {
            let o = if i % 2 == 0 { a } else { b };
            batch.push(elected(&format!("Người Thử {i}"), o));
        }
        let added = store
            .add_delegates(c, &batch, "tally.json", &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(added.len(), 60);
        let codes: HashSet<&str> = added.iter().map(|d| d.check_in_code.as_str()).collect();
        assert_eq!(codes.len(), 60, "every code differs");
        for code in codes {
            assert_eq!(normalize_check_in_code(code).as_deref(), Some(code));
        }
        // Listed by organization code, then name order.
        let listed = store.delegates_of(c).await.unwrap();
        assert_eq!(listed.len(), 60);
        assert!(listed[..30].iter().all(|d| d.organization_id == Some(a)));
    })
    .await;
}

#[tokio::test]
async fn a_bulk_import_is_all_or_nothing() {
    each_backend(|store| async move {
        let (_, a, _, c) = setup(&store).await;
        let bad = NewDelegate {
            alternate_rank: None,
            ..alternate("Không Thứ Tự", a, 1)
        };
        let got = store
            .add_delegates(
                c,
                &[elected("Lò Văn Ánh", a), bad],
                "tally.json",
                &Actor::System,
                t0(),
            )
            .await;
        assert!(matches!(got, Err(StoreError::Invalid(_))), "{got:?}");
        assert!(store.delegates_of(c).await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn removal_is_refused_once_a_delegate_is_in_a_replacement() {
    each_backend(|store| async move {
        let (_, a, _, c) = setup(&store).await;
        let actor = Actor::System;
        let typo = store
            .add_delegate(c, &elected("Lò Văn Anhh", a), &actor, t0())
            .await
            .unwrap();
        assert_eq!(
            store.remove_delegate(typo.id, &actor, t0()).await.unwrap(),
            Removal::Removed
        );
        assert!(store.delegate(typo.id).await.unwrap().is_none());
        let d = store
            .add_delegate(c, &elected("Lò Văn Ánh", a), &actor, t0())
            .await
            .unwrap();
        let alt = store
            .add_delegate(c, &alternate("Vàng Thị Mai", a, 1), &actor, t0())
            .await
            .unwrap();
        store
            .replace_delegate(d.id, "Ốm", &actor, t0())
            .await
            .unwrap();
        for id in [d.id, alt.id] {
            assert_eq!(
                store.remove_delegate(id, &actor, t0()).await.unwrap(),
                Removal::InReplacement
            );
        }
    })
    .await;
}

#[tokio::test]
async fn the_allocation_is_saved_with_its_reasons() {
    each_backend(|store| async move {
        let (_, a, b, c) = setup(&store).await;
        let rows = vec![
            AllocationRow {
                organization_id: a,
                members: 120,
                proposed: 12,
                seats: 13,
                reason: Some("Đơn vị trọng điểm".into()),
            },
            AllocationRow {
                organization_id: b,
                members: 80,
                proposed: 8,
                seats: 8,
                reason: Some("không cần".into()),
            },
        ];
        let before = audit_count(&store).await;
        store
            .save_delegate_allocation(c, &rows, &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(audit_count(&store).await, before + 1);
        let saved = store.delegate_allocation(c).await.unwrap();
        assert_eq!(saved.len(), 2);
        let of = |id| saved.iter().find(|r| r.organization_id == id).unwrap();
        assert_eq!(of(a).seats, 13);
        assert_eq!(of(a).reason.as_deref(), Some("Đơn vị trọng điểm"));
        assert_eq!(of(b).reason, None, "no reason kept without an override");

        // Saving again replaces; an override without a reason is refused and changes nothing.
        let mut bad = rows.clone();
        bad[1].seats = 9;
        bad[1].reason = Some("  ".into());
        let got = store
            .save_delegate_allocation(c, &bad, &Actor::System, t0())
            .await;
        assert!(matches!(got, Err(StoreError::Invalid(_))), "{got:?}");
        assert_eq!(store.delegate_allocation(c).await.unwrap(), saved);
        store
            .save_delegate_allocation(c, &rows[..1], &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(store.delegate_allocation(c).await.unwrap().len(), 1);
    })
    .await;
}
