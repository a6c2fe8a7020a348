//! The personnel plan of a congress (đề án nhân sự): settings, targets and the slate, on both
//! backends.

use chrono::NaiveDate;
use daihoi_domain::congress::age::CommitteeLevel;
use daihoi_domain::congress::congress::Term;
use daihoi_domain::congress::person::{BirthDate, Sex};
use daihoi_domain::congress::quorum::QuorumFraction;
use daihoi_domain::congress::structure::{
    Bound, Candidate, Criterion, StructureTarget, compliance,
};
use daihoi_store::{
    Actor, CongressFields, NewOrganization, NewPerson, PlanSettings, Store, StoreError,
};

use crate::common::{audit_count, each_backend, t0};

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

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

async fn congress(store: &Store, organization_id: i64) -> i64 {
    store
        .create_congress(
            organization_id,
            &CongressFields {
                term: Term::new(2020, 2025).unwrap(),
                name: "Đại hội thử".into(),
                planned: (Some(day(2020, 6, 8)), Some(day(2020, 6, 10))),
                held: (None, None),
                pilot: false,
                venue: String::new(),
                delegates: Some(247),
                quorum: QuorumFraction::default(),
                committee_seats: Some(37),
            },
            &Actor::System,
            t0(),
        )
        .await
        .unwrap()
        .id
}

async fn person(store: &Store, org: i64, name: &str, sex: Sex, birth: NaiveDate, eth: &str) -> i64 {
    store
        .create_person(
            &NewPerson {
                organization_id: org,
                full_name: name.into(),
                sex,
                birth: BirthDate::Full(birth),
                ethnicity: Some(eth.into()),
                education: None,
                position: None,
                card_number: None,
            },
            &Actor::System,
            t0(),
        )
        .await
        .unwrap()
        .id
}

fn settings(seats: Option<i64>) -> PlanSettings {
    PlanSettings {
        rules: "party-2014".into(),
        committee_level: CommitteeLevel::District,
        committee_seats: seats,
    }
}

fn ethnic_target() -> StructureTarget {
    StructureTarget::new(
        "Dân tộc thiểu số",
        Criterion::EthnicMinority,
        Bound::Within(2000, 2500),
    )
    .unwrap()
}

#[tokio::test]
async fn a_plan_is_drawn_up_once_with_its_first_targets_and_the_committee_size() {
    each_backend(|store| async move {
        let district = org(&store, "TU", None).await;
        let c = congress(&store, district).await;
        assert_eq!(store.personnel_plan(c).await.unwrap(), None);
        let before = audit_count(&store).await;
        let mut targets = StructureTarget::chi_thi_35();
        targets.push(ethnic_target());
        let created = store
            .create_personnel_plan(c, &settings(Some(35)), &targets, &Actor::System, t0())
            .await
            .unwrap();
        assert!(created);
        assert_eq!(audit_count(&store).await, before + 1);
        let plan = store.personnel_plan(c).await.unwrap().unwrap();
        assert_eq!(plan.rules, "party-2014");
        assert_eq!(plan.committee_level, CommitteeLevel::District);
        assert_eq!(
            plan.targets
                .iter()
                .map(|t| t.target.clone())
                .collect::<Vec<_>>(),
            targets
        );
        assert!(plan.candidates.is_empty());
        assert_eq!(
            store.congress(c).await.unwrap().unwrap().committee_seats,
            Some(35),
            "the committee size is the congress's"
        );

        // A second drawing up changes nothing and writes nothing.
        let again = store
            .create_personnel_plan(
                c,
                &PlanSettings {
                    rules: "party-2024".into(),
                    committee_level: CommitteeLevel::Provincial,
                    committee_seats: Some(5),
                },
                &[],
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        assert!(!again);
        assert_eq!(store.personnel_plan(c).await.unwrap().unwrap(), plan);
        assert_eq!(
            store.congress(c).await.unwrap().unwrap().committee_seats,
            Some(35)
        );
        assert_eq!(audit_count(&store).await, before + 1);

        // Settings change together; an unknown rule set is refused and nothing is written.
        store
            .update_plan_settings(
                c,
                &PlanSettings {
                    rules: "party-2024".into(),
                    committee_level: CommitteeLevel::Provincial,
                    committee_seats: None,
                },
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        let plan = store.personnel_plan(c).await.unwrap().unwrap();
        assert_eq!(
            (plan.rules.as_str(), plan.committee_level),
            ("party-2024", CommitteeLevel::Provincial)
        );
        assert_eq!(
            store.congress(c).await.unwrap().unwrap().committee_seats,
            None
        );
        let bad = store
            .update_plan_settings(
                c,
                &PlanSettings {
                    rules: "no-such-rules".into(),
                    committee_level: CommitteeLevel::District,
                    committee_seats: Some(9),
                },
                &Actor::System,
                t0(),
            )
            .await;
        assert!(matches!(bad, Err(StoreError::Invalid(_))), "{bad:?}");
        assert_eq!(
            store.congress(c).await.unwrap().unwrap().committee_seats,
            None
        );
        let other = congress(&store, org(&store, "TD", None).await).await;
        let bad = store
            .create_personnel_plan(
                other,
                &PlanSettings {
                    rules: "nope".into(),
                    ..settings(Some(3))
                },
                &targets,
                &Actor::System,
                t0(),
            )
            .await;
        assert!(matches!(bad, Err(StoreError::Invalid(_))));
        assert_eq!(store.personnel_plan(other).await.unwrap(), None);
        let unknown = store
            .create_personnel_plan(999_999, &settings(None), &[], &Actor::System, t0())
            .await;
        assert!(
            matches!(unknown, Err(StoreError::NotFound { .. })),
            "{unknown:?}"
        );
        // No plan: nothing to change.
        let missing = store
            .update_plan_settings(other, &settings(Some(3)), &Actor::System, t0())
            .await;
        assert!(matches!(missing, Err(StoreError::NotFound { .. })));
        let missing = store
            .add_plan_target(other, &ethnic_target(), &Actor::System, t0())
            .await;
        assert!(matches!(missing, Err(StoreError::NotFound { .. })));
    })
    .await;
}

#[tokio::test]
async fn targets_are_added_edited_and_removed_in_order() {
    each_backend(|store| async move {
        let district = org(&store, "TU", None).await;
        let c = congress(&store, district).await;
        let other = congress(&store, org(&store, "TD", None).await).await;
        for id in [c, other] {
            store
                .create_personnel_plan(
                    id,
                    &settings(Some(35)),
                    &StructureTarget::chi_thi_35(),
                    &Actor::System,
                    t0(),
                )
                .await
                .unwrap();
        }
        let young = StructureTarget::new(
            "Cán bộ trẻ",
            Criterion::Mark("cán bộ trẻ".into()),
            Bound::AtLeast(500),
        )
        .unwrap();
        let young_id = store
            .add_plan_target(c, &young, &Actor::System, t0())
            .await
            .unwrap();
        let again =
            StructureTarget::new("Tái cử", Criterion::Renominated, Bound::AtMost(6000)).unwrap();
        store
            .add_plan_target(c, &again, &Actor::System, t0())
            .await
            .unwrap();
        let labels = |plan: &daihoi_store::PersonnelPlan| {
            plan.targets
                .iter()
                .map(|t| t.target.label.clone())
                .collect::<Vec<_>>()
        };
        let plan = store.personnel_plan(c).await.unwrap().unwrap();
        assert_eq!(
            labels(&plan),
            ["Nữ", "Dưới 40 tuổi", "Cán bộ trẻ", "Tái cử"]
        );
        assert_eq!(plan.targets[2].target, young);

        let edited = StructureTarget::new(
            "Cán bộ trẻ (dưới 35)",
            Criterion::UnderAge(35),
            Bound::Within(500, 1500),
        )
        .unwrap();
        store
            .update_plan_target(c, young_id, &edited, &Actor::System, t0())
            .await
            .unwrap();
        // A target of another plan is not this plan's.
        let wrong = store
            .update_plan_target(other, young_id, &young, &Actor::System, t0())
            .await;
        assert!(matches!(wrong, Err(StoreError::NotFound { .. })));
        let wrong = store
            .remove_plan_target(other, young_id, &Actor::System, t0())
            .await;
        assert!(matches!(wrong, Err(StoreError::NotFound { .. })));
        let plan = store.personnel_plan(c).await.unwrap().unwrap();
        assert_eq!(plan.targets[2].target, edited);
        let first = plan.targets[0].id;
        let before = audit_count(&store).await;
        store
            .remove_plan_target(c, first, &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(audit_count(&store).await, before + 1);
        let plan = store.personnel_plan(c).await.unwrap().unwrap();
        assert_eq!(
            labels(&plan),
            ["Dưới 40 tuổi", "Cán bộ trẻ (dưới 35)", "Tái cử"]
        );
        // A target added after a removal still goes last.
        store
            .add_plan_target(c, &ethnic_target(), &Actor::System, t0())
            .await
            .unwrap();
        let plan = store.personnel_plan(c).await.unwrap().unwrap();
        assert_eq!(labels(&plan).last().unwrap(), "Dân tộc thiểu số");
        assert_eq!(
            store
                .personnel_plan(other)
                .await
                .unwrap()
                .unwrap()
                .targets
                .len(),
            2,
            "the other plan is untouched"
        );
    })
    .await;
}

#[tokio::test]
async fn the_slate_takes_people_of_the_subtree_with_their_marks() {
    each_backend(|store| async move {
        let district = org(&store, "TU", None).await;
        let grassroots = org(&store, "TU-01", Some(district)).await;
        let elsewhere = org(&store, "TD", None).await;
        let c = congress(&store, district).await;
        store
            .create_personnel_plan(
                c,
                &settings(Some(35)),
                &StructureTarget::chi_thi_35(),
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        let an = person(
            &store,
            grassroots,
            "Lò Văn An",
            Sex::Male,
            day(1985, 3, 2),
            "Thái",
        )
        .await;
        let binh = person(
            &store,
            district,
            "Trần Thị Bình",
            Sex::Female,
            day(1975, 1, 9),
            "Kinh",
        )
        .await;
        let outsider = person(
            &store,
            elsewhere,
            "Nguyễn Văn Ba",
            Sex::Male,
            day(1970, 1, 1),
            "Kinh",
        )
        .await;

        assert!(
            store
                .add_plan_candidate(c, binh, &Actor::System, t0())
                .await
                .unwrap()
        );
        assert!(
            store
                .add_plan_candidate(c, an, &Actor::System, t0())
                .await
                .unwrap()
        );
        let before = audit_count(&store).await;
        assert!(
            !store
                .add_plan_candidate(c, an, &Actor::System, t0())
                .await
                .unwrap(),
            "already on the slate"
        );
        assert_eq!(audit_count(&store).await, before);
        let outside = store
            .add_plan_candidate(c, outsider, &Actor::System, t0())
            .await;
        assert!(
            matches!(outside, Err(StoreError::Invalid(_))),
            "{outside:?}"
        );
        let unknown = store
            .add_plan_candidate(c, 999_999, &Actor::System, t0())
            .await;
        assert!(matches!(unknown, Err(StoreError::NotFound { .. })));

        store
            .update_plan_candidate(
                c,
                an,
                true,
                &[
                    "Cán bộ trẻ".into(),
                    "can bo tre".into(),
                    "Chuyên trách".into(),
                ],
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        let plan = store.personnel_plan(c).await.unwrap().unwrap();
        // Vietnamese name order: given name first (An before Bình).
        let names: Vec<&str> = plan
            .candidates
            .iter()
            .map(|x| x.person.full_name.as_str())
            .collect();
        assert_eq!(names, ["Lò Văn An", "Trần Thị Bình"]);
        let a = &plan.candidates[0];
        assert!(a.renominated);
        assert_eq!(a.marks, ["Cán bộ trẻ", "Chuyên trách"]);
        assert_eq!(a.organization_name, "Tổ chức TU-01");
        assert_eq!(a.person.ethnicity.as_deref(), Some("Thái"));
        assert!(!plan.candidates[1].renominated);

        // Marks are replaced, not added to.
        store
            .update_plan_candidate(c, an, false, &["Nữ trẻ".into()], &Actor::System, t0())
            .await
            .unwrap();
        let plan = store.personnel_plan(c).await.unwrap().unwrap();
        assert_eq!(plan.candidates[0].marks, ["Nữ trẻ"]);
        assert!(!plan.candidates[0].renominated);
        let missing = store
            .update_plan_candidate(c, outsider, true, &[], &Actor::System, t0())
            .await;
        assert!(matches!(missing, Err(StoreError::NotFound { .. })));

        store
            .remove_plan_candidate(c, an, &Actor::System, t0())
            .await
            .unwrap();
        let plan = store.personnel_plan(c).await.unwrap().unwrap();
        assert_eq!(plan.candidates.len(), 1);
        let marks_left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM plan_candidate_mark")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(marks_left, 0, "the marks leave with the candidate");
        // Back on the slate: as new, without the old marks.
        assert!(
            store
                .add_plan_candidate(c, an, &Actor::System, t0())
                .await
                .unwrap()
        );
        let plan = store.personnel_plan(c).await.unwrap().unwrap();
        assert!(plan.candidates[0].marks.is_empty());
        let gone = store
            .remove_plan_candidate(c, outsider, &Actor::System, t0())
            .await;
        assert!(matches!(gone, Err(StoreError::NotFound { .. })));

        let before = audit_count(&store).await;
        store
            .record_plan_view(&Actor::System, c, 2, t0())
            .await
            .unwrap();
        assert_eq!(audit_count(&store).await, before + 1);
        let entry = &store.list_audit(1, 1).await.unwrap().items[0];
        assert_eq!(entry.action, "view_personnel_plan");
        assert_eq!(entry.entity_id, Some(c));
        assert!(
            !entry.detail.contains("Thái"),
            "no sensitive value in the log"
        );
    })
    .await;
}

/// The seed's slate read back from the store meets the targets as the seed says: 6/35 women
/// (17,14%) and 11/35 under 40 (31,43%) on 08/06/2020.
#[tokio::test]
async fn the_seed_slate_read_back_gives_the_seed_shares() {
    each_backend(|store| async move {
        let district = org(&store, "TU", None).await;
        let c = congress(&store, district).await;
        store
            .create_personnel_plan(
                c,
                &settings(Some(35)),
                &StructureTarget::chi_thi_35(),
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        for i in 0..35 {
            let sex = if i < 6 { Sex::Female } else { Sex::Male };
            // 09/06/1980 is 39 on 08/06/2020; 08/06/1980 is already 40.
            let birth = if i < 11 {
                day(1980, 6, 9)
            } else {
                day(1980, 6, 8)
            };
            let id = person(
                &store,
                district,
                &format!("Người Số {i}"),
                sex,
                birth,
                "Kinh",
            )
            .await;
            store
                .add_plan_candidate(c, id, &Actor::System, t0())
                .await
                .unwrap();
        }
        let plan = store.personnel_plan(c).await.unwrap().unwrap();
        let slate: Vec<Candidate> = plan
            .candidates
            .iter()
            .map(|x| Candidate {
                sex: x.person.sex,
                birth: x.person.birth,
                ethnicity: x.person.ethnicity.clone(),
                renominated: x.renominated,
                marks: x.marks.clone(),
            })
            .collect();
        let targets: Vec<StructureTarget> = plan.targets.iter().map(|t| t.target.clone()).collect();
        let panel = compliance(&targets, &slate, day(2020, 6, 8));
        assert_eq!(
            (panel[0].count, panel[0].base, panel[0].share),
            (6, 35, Some(1714))
        );
        assert_eq!((panel[1].count, panel[1].share), (11, Some(3143)));
    })
    .await;
}
