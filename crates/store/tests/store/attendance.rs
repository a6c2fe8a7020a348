//! Attendance at the hall: check-in by code or id, absent with a reason, undo, counts and the
//! list, refusals of another congress's or a replaced delegate's code; on both backends.

use daihoi_domain::congress::congress::Term;
use daihoi_domain::congress::quorum::QuorumFraction;
use daihoi_store::{
    Actor, AttendanceState, CheckInError, CongressFields, NewOrganization, NotConvened, Store,
    StoreError,
};

use crate::common::{audit_count, each_backend, editor, t0};

/// An organization and a congress of it; returns (organization id, congress id).
pub async fn congress(store: &Store, code: &str) -> (i64, i64) {
    let org = store
        .create_organization(
            &NewOrganization {
                code: code.into(),
                name: format!("Đảng bộ {code}"),
                level: "Huyện".into(),
                members: 100,
                parent_id: None,
            },
            &Actor::System,
            t0(),
        )
        .await
        .unwrap()
        .id;
    let c = store
        .create_congress(
            org,
            &CongressFields {
                term: Term::new(2020, 2025).unwrap(),
                name: format!("Đại hội {code}"),
                planned: (None, None),
                held: (None, None),
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
    (org, c.id)
}

/// Inserts a delegate row the way the delegate management would; returns its id.
pub async fn delegate(
    store: &Store,
    congress_id: i64,
    organization_id: i64,
    name: &str,
    code: &str,
    status: &str,
) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO delegate (congress_id, kind, full_name, name_folded, organization_id, \
                               status, check_in_code, created_at, updated_at) \
         VALUES ($1, 'elected', $2, $3, $4, $5, $6, 0, 0) RETURNING id",
    )
    .bind(congress_id)
    .bind(name)
    .bind(daihoi_domain::vn::fold::fold(name))
    .bind(organization_id)
    .bind(status)
    .bind(code)
    .fetch_one(store.pool())
    .await
    .expect("insert delegate")
}

#[tokio::test]
async fn check_in_by_code_ignores_case_and_spaces_and_counts() {
    each_backend(|store| async move {
        let (org, c) = congress(&store, "TU").await;
        let a = delegate(&store, c, org, "Lò Văn Bình", "AB12CD34", "convened").await;
        let b = delegate(&store, c, org, "Nguyễn Thị An", "EF56GH78", "convened").await;
        delegate(&store, c, org, "Tòng Văn Cường", "JK90MN12", "convened").await;
        delegate(&store, c, org, "Lường Thị Dung", "PQ34RS56", "standby").await;
        let user = editor(&store, "dontiep").await;
        let actor = Actor::User(user);

        let empty = store.attendance_counts(c).await.unwrap();
        assert_eq!((empty.convened, empty.present, empty.absent), (3, 0, 0));

        let before = audit_count(&store).await;
        let done = store
            .check_in_by_code(c, " ab12 cd34\n", &actor, t0())
            .await
            .unwrap();
        assert_eq!(done.delegate.delegate_id, a);
        assert_eq!(done.delegate.state, Some(AttendanceState::Present));
        assert!(!done.already_present);
        assert_eq!(audit_count(&store).await, before + 1, "one audit row");
        let by: Option<i64> =
            sqlx::query_scalar("SELECT by_user FROM attendance WHERE delegate_id = $1")
                .bind(a)
                .fetch_one(store.pool())
                .await
                .unwrap();
        assert_eq!(by, Some(user), "the actor is on the row");

        // Scanning the same card again changes nothing and logs nothing.
        let again = store
            .check_in_by_code(c, "AB12CD34", &actor, t0())
            .await
            .unwrap();
        assert!(again.already_present);
        assert_eq!(audit_count(&store).await, before + 1);

        let absent = store
            .mark_absent(c, b, "Ốm, có giấy của bệnh viện", &actor, t0())
            .await
            .unwrap();
        assert_eq!(absent.state, Some(AttendanceState::Absent));
        assert_eq!(absent.reason.as_deref(), Some("Ốm, có giấy của bệnh viện"));
        let counts = store.attendance_counts(c).await.unwrap();
        assert_eq!((counts.convened, counts.present, counts.absent), (3, 1, 1));

        // An absent delegate who arrives after all is checked in by id.
        let arrived = store.check_in(c, b, &actor, t0()).await.unwrap();
        assert_eq!(arrived.delegate.state, Some(AttendanceState::Present));
        assert_eq!(
            arrived.delegate.reason, None,
            "the reason goes with the absence"
        );
        assert_eq!(store.attendance_counts(c).await.unwrap().present, 2);

        // The list: convened only, in Vietnamese name order (An, Bình, Cường).
        let list = store.attendance_list(c).await.unwrap();
        let names: Vec<&str> = list.iter().map(|d| d.full_name.as_str()).collect();
        assert_eq!(names, ["Nguyễn Thị An", "Lò Văn Bình", "Tòng Văn Cường"]);
        assert_eq!(list[2].state, None);
        assert_eq!(list[0].organization_name.as_deref(), Some("Đảng bộ TU"));

        // Undo deletes the row and is logged; a second undo finds nothing.
        let logged = audit_count(&store).await;
        assert!(store.undo_attendance(c, a, &actor, t0()).await.unwrap());
        assert_eq!(audit_count(&store).await, logged + 1);
        assert!(!store.undo_attendance(c, a, &actor, t0()).await.unwrap());
        assert_eq!(audit_count(&store).await, logged + 1);
        let counts = store.attendance_counts(c).await.unwrap();
        assert_eq!((counts.present, counts.absent), (1, 0));
        let actions: Vec<String> = sqlx::query_scalar(
            "SELECT action FROM audit_log WHERE entity = 'delegate' ORDER BY id",
        )
        .fetch_all(store.pool())
        .await
        .unwrap();
        assert_eq!(
            actions,
            ["check_in", "mark_absent", "check_in", "undo_attendance"]
        );

        // A present delegate later replaced (credentials) no longer counts, nor is listed.
        sqlx::query("UPDATE delegate SET status = 'replaced' WHERE id = $1")
            .bind(b)
            .execute(store.pool())
            .await
            .unwrap();
        let counts = store.attendance_counts(c).await.unwrap();
        assert_eq!((counts.convened, counts.present), (2, 0));
        assert_eq!(store.attendance_list(c).await.unwrap().len(), 2);
    })
    .await;
}

#[tokio::test]
async fn codes_of_other_congresses_and_unconvened_delegates_are_refused() {
    each_backend(|store| async move {
        let (org_a, a) = congress(&store, "A").await;
        let (org_b, b) = congress(&store, "B").await;
        let mine = delegate(&store, a, org_a, "Lò Văn Bình", "AAAA1111", "convened").await;
        let theirs = delegate(&store, b, org_b, "Hà Thị Hoa", "BBBB2222", "convened").await;
        delegate(&store, a, org_a, "Vàng A Páo", "CCCC3333", "replaced").await;
        let standby = delegate(&store, a, org_a, "Sùng Thị Mai", "DDDD4444", "standby").await;
        let before = audit_count(&store).await;

        let other = store
            .check_in_by_code(a, "bbbb2222", &Actor::System, t0())
            .await;
        assert!(
            matches!(&other, Err(CheckInError::OtherCongress { congress_id, full_name })
                if *congress_id == b && full_name == "Hà Thị Hoa"),
            "{other:?}"
        );
        let replaced = store
            .check_in_by_code(a, "CCCC3333", &Actor::System, t0())
            .await;
        assert!(
            matches!(
                replaced,
                Err(CheckInError::NotConvened {
                    status: NotConvened::Replaced,
                    ..
                })
            ),
            "{replaced:?}"
        );
        let alt = store.check_in(a, standby, &Actor::System, t0()).await;
        assert!(
            matches!(
                alt,
                Err(CheckInError::NotConvened {
                    status: NotConvened::Standby,
                    ..
                })
            ),
            "{alt:?}"
        );
        let unknown = store
            .check_in_by_code(a, "ZZZZ9999", &Actor::System, t0())
            .await;
        assert!(
            matches!(&unknown, Err(CheckInError::UnknownCode { code }) if code == "ZZZZ9999"),
            "{unknown:?}"
        );
        let blank = store.check_in_by_code(a, "  ", &Actor::System, t0()).await;
        assert!(matches!(blank, Err(CheckInError::UnknownCode { .. })));
        let by_id = store.check_in(a, theirs, &Actor::System, t0()).await;
        assert!(matches!(by_id, Err(CheckInError::OtherCongress { .. })));
        let absent_there = store
            .mark_absent(a, theirs, "Bận", &Actor::System, t0())
            .await;
        assert!(matches!(
            absent_there,
            Err(CheckInError::OtherCongress { .. })
        ));
        let undo_there = store.undo_attendance(a, theirs, &Actor::System, t0()).await;
        assert!(matches!(
            undo_there,
            Err(CheckInError::OtherCongress { .. })
        ));
        let nobody = store.check_in(a, 999_999, &Actor::System, t0()).await;
        assert!(matches!(
            nobody,
            Err(CheckInError::UnknownDelegate(999_999))
        ));
        let no_reason = store.mark_absent(a, mine, "  ", &Actor::System, t0()).await;
        assert!(matches!(
            no_reason,
            Err(CheckInError::Store(StoreError::Invalid(_)))
        ));

        // Nothing was written by any refusal.
        assert_eq!(audit_count(&store).await, before);
        let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attendance")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(rows, 0);
        assert_eq!(store.attendance_counts(b).await.unwrap().present, 0);
        assert_eq!(store.attendance_counts(a).await.unwrap().convened, 1);
    })
    .await;
}

#[tokio::test]
async fn a_notification_reaches_the_listener_on_postgresql() {
    each_backend(|store| async move {
        let listener = store.attendance_listener().await.unwrap();
        let Some(mut listener) = listener else {
            // SQLite: one instance, nothing to send; notifying is a no-op.
            store.notify_attendance(1, Some(2), "here").await.unwrap();
            return;
        };
        store
            .notify_attendance(7, Some(42), "instance a")
            .await
            .unwrap();
        store.notify_attendance(7, None, "b").await.unwrap();
        let first = tokio::time::timeout(std::time::Duration::from_secs(10), listener.next())
            .await
            .expect("a notification within 10 s")
            .unwrap();
        assert_eq!(
            first,
            daihoi_store::AttendanceSignal::Changed {
                congress_id: 7,
                delegate_id: Some(42),
                origin: "instance_a".into()
            }
        );
        let second = tokio::time::timeout(std::time::Duration::from_secs(10), listener.next())
            .await
            .expect("a second notification")
            .unwrap();
        assert_eq!(
            second,
            daihoi_store::AttendanceSignal::Changed {
                congress_id: 7,
                delegate_id: None,
                origin: "b".into()
            }
        );
    })
    .await;
}
