use chrono::{Duration, NaiveDate};
use daihoi_domain::hll::{OtherInstances, PresenceReport, REGISTERS, Sketch, hash_id};
use daihoi_store::{VisitKind, VisitSums};

use crate::common::{each_backend, t0};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_flushes_add_up_exactly() {
    each_backend(|store| async move {
        let day = d(2021, 7, 15);
        let mut tasks = Vec::new();
        for task in 0..16u64 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                for round in 0..10u64 {
                    store
                        .add_visit_counts(&[
                            (day, VisitKind::Person, task + round),
                            (day, VisitKind::Bot, 1),
                            (day.succ_opt().unwrap(), VisitKind::Person, 2),
                            (day, VisitKind::Person, 1),
                        ])
                        .await
                        .expect("flush");
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        // Σ over tasks and rounds of (task + round + 1) = 10·Σtask + 16·Σround + 160.
        let expected_people: u64 = 10 * (0..16).sum::<u64>() + 16 * (0..10).sum::<u64>() + 160;
        let people = store
            .daily_visits(VisitKind::Person, day, day)
            .await
            .unwrap();
        assert_eq!(people, vec![(day, expected_people)]);
        let bots = store.daily_visits(VisitKind::Bot, day, day).await.unwrap();
        assert_eq!(bots, vec![(day, 160)]);
        let next = store
            .daily_visits(VisitKind::Person, day.succ_opt().unwrap(), d(2021, 12, 31))
            .await
            .unwrap();
        assert_eq!(next, vec![(day.succ_opt().unwrap(), 320)]);
        let sums = store.visit_totals(day).await.unwrap();
        assert_eq!(
            (sums.today, sums.total),
            (expected_people, expected_people),
            "the next day is not counted yet"
        );
        assert_eq!((sums.bots_today, sums.bots_total), (160, 160));
        let next_day = store.visit_totals(day.succ_opt().unwrap()).await.unwrap();
        assert_eq!((next_day.today, next_day.yesterday), (320, expected_people));
        assert_eq!(next_day.total, expected_people + 320);
        store.add_visit_counts(&[]).await.unwrap();
        store
            .add_visit_counts(&[(day, VisitKind::Bot, 0)])
            .await
            .unwrap();
        assert_eq!(
            store.daily_visits(VisitKind::Bot, day, day).await.unwrap(),
            vec![(day, 160)]
        );
    })
    .await;
}

#[tokio::test]
async fn period_sums_turn_over_on_month_and_year_boundaries() {
    each_backend(|store| async move {
        store
            .replace_daily_visits(&[
                (d(2020, 12, 31), VisitKind::Person, 5),
                (d(2021, 1, 1), VisitKind::Person, 7),
                (d(2021, 1, 1), VisitKind::Bot, 4),
                (d(2021, 6, 30), VisitKind::Person, 11),
                (d(2021, 7, 1), VisitKind::Person, 13),
                (d(2021, 7, 14), VisitKind::Person, 17),
                (d(2021, 7, 15), VisitKind::Person, 19),
                (d(2021, 7, 15), VisitKind::Bot, 3),
                (d(2021, 7, 16), VisitKind::Person, 23),
            ])
            .await
            .unwrap();
        assert_eq!(
            store.visit_totals(d(2021, 7, 15)).await.unwrap(),
            VisitSums {
                today: 19,
                yesterday: 17,
                month: 49,
                year: 67,
                total: 72,
                bots_today: 3,
                bots_total: 7
            }
        );
        assert_eq!(
            store.visit_totals(d(2021, 7, 1)).await.unwrap(),
            VisitSums {
                today: 13,
                yesterday: 11,
                month: 13,
                year: 31,
                total: 36,
                bots_today: 0,
                bots_total: 4
            }
        );
        assert_eq!(
            store.visit_totals(d(2021, 1, 1)).await.unwrap(),
            VisitSums {
                today: 7,
                yesterday: 5,
                month: 7,
                year: 7,
                total: 12,
                bots_today: 4,
                bots_total: 4
            }
        );
        assert_eq!(
            store.visit_totals(d(2021, 7, 16)).await.unwrap(),
            VisitSums {
                today: 23,
                yesterday: 19,
                month: 72,
                year: 90,
                total: 95,
                bots_today: 0,
                bots_total: 7
            }
        );
        assert_eq!(
            store.visit_totals(d(2019, 1, 1)).await.unwrap(),
            VisitSums::default()
        );
    })
    .await;
}

#[tokio::test]
async fn replacing_history_drops_the_old_rows() {
    each_backend(|store| async move {
        store
            .add_visit_counts(&[(d(2021, 7, 15), VisitKind::Person, 99)])
            .await
            .unwrap();
        // A long history (more rows than one INSERT batch) with duplicates merged.
        let start = d(2008, 1, 1);
        let mut history = Vec::new();
        for i in 0..1000 {
            history.push((start + Duration::days(i), VisitKind::Person, 10));
        }
        history.push((start, VisitKind::Person, 5));
        store.replace_daily_visits(&history).await.unwrap();
        let end = start + Duration::days(999);
        let rows = store
            .daily_visits(VisitKind::Person, d(2000, 1, 1), d(2030, 1, 1))
            .await
            .unwrap();
        assert_eq!(rows.len(), 1000);
        assert_eq!(rows[0], (start, 15));
        assert_eq!(rows[999], (end, 10));
        assert_eq!(store.visit_totals(end).await.unwrap().total, 10_005);
    })
    .await;
}

#[tokio::test]
async fn online_sums_fresh_instance_reports() {
    each_backend(|store| async move {
        let now = t0();
        store.report_presence("may-1", 12, None, now).await.unwrap();
        store
            .report_presence("may-2", 30, None, now - Duration::seconds(10))
            .await
            .unwrap();
        store
            .report_presence("may-3", 500, None, now - Duration::minutes(5))
            .await
            .unwrap();
        assert_eq!(
            store.online_total(now).await.unwrap(),
            42,
            "a stale instance is ignored"
        );
        store.report_presence("may-1", 2, None, now).await.unwrap();
        assert_eq!(
            store.online_total(now).await.unwrap(),
            32,
            "a report replaces the last one"
        );
        store.remove_presence("may-2").await.unwrap();
        assert_eq!(store.online_total(now).await.unwrap(), 2);
    })
    .await;
}

fn sketch_of(ids: &[&str]) -> Sketch {
    let mut s = Sketch::new();
    for id in ids {
        s.insert(hash_id(id));
    }
    s
}

#[tokio::test]
async fn presence_sketches_round_trip_and_only_fresh_other_reports_are_read() {
    each_backend(|store| async move {
        let now = t0();
        let a = sketch_of(&["khach-chung", "khach-a"]);
        let b = sketch_of(&["khach-chung", "khach-b1", "khach-b2"]);
        // A large sketch: every register set, so all 4096 bytes must survive the round trip.
        let mut big = Sketch::new();
        for i in 0..100_000 {
            big.insert(hash_id(&format!("khach-{i}")));
        }
        assert!(big.as_bytes().iter().all(|&r| r > 0));
        store
            .report_presence("may-a", 2, Some(&a), now)
            .await
            .unwrap();
        store
            .report_presence("may-b", 3, Some(&b), now - Duration::seconds(30))
            .await
            .unwrap();
        store
            .report_presence("may-cu", 7, None, now - Duration::seconds(59))
            .await
            .unwrap();
        store
            .report_presence("may-lon", 100_000, Some(&big), now)
            .await
            .unwrap();
        store
            .report_presence("may-chet", 40, Some(&big), now - Duration::seconds(61))
            .await
            .unwrap();

        // A sees B, the old binary and the big one; never itself, never the stale one.
        let others = store.other_presence("may-a", now).await.unwrap();
        assert_eq!(
            others,
            vec![
                PresenceReport {
                    instance_id: "may-b".into(),
                    online: 3,
                    sketch: Some(b.clone())
                },
                PresenceReport {
                    instance_id: "may-cu".into(),
                    online: 7,
                    sketch: None
                },
                PresenceReport {
                    instance_id: "may-lon".into(),
                    online: 100_000,
                    sketch: Some(big.clone())
                },
            ]
        );
        let from_b = store.other_presence("may-b", now).await.unwrap();
        assert_eq!(
            from_b
                .iter()
                .map(|r| r.instance_id.as_str())
                .collect::<Vec<_>>(),
            ["may-a", "may-cu", "may-lon"]
        );
        assert_eq!(from_b[0].sketch.as_ref(), Some(&a));

        // The shared visitor counts once: A's live window merged with B's report gives 4 people,
        // where the sum of the counts would give 5.
        store.remove_presence("may-cu").await.unwrap();
        store.remove_presence("may-lon").await.unwrap();
        let merged = OtherInstances::merge(&store.other_presence("may-a", now).await.unwrap());
        assert_eq!(merged.online_with(|| 2, |s| s.merge(&a)), 4);
        assert_eq!(store.online_total(now).await.unwrap(), 5);

        // A new report replaces the sketch, and a report without one clears it.
        store
            .report_presence("may-b", 1, Some(&a), now)
            .await
            .unwrap();
        assert_eq!(
            store.other_presence("may-a", now).await.unwrap()[0].sketch,
            Some(a.clone())
        );
        store.report_presence("may-b", 1, None, now).await.unwrap();
        assert_eq!(
            store.other_presence("may-a", now).await.unwrap()[0].sketch,
            None
        );

        // Bytes that are not a sketch (another program, a truncated write) are ignored: the
        // report's count is still used.
        sqlx::query("UPDATE instance_presence SET sketch = $1 WHERE instance_id = 'may-b'")
            .bind(vec![0u8; REGISTERS - 1])
            .execute(store.pool())
            .await
            .unwrap();
        let odd = store.other_presence("may-a", now).await.unwrap();
        assert_eq!((odd[0].online, odd[0].sketch.as_ref()), (1, None));
        // After the freshness window nothing is left.
        assert!(
            store
                .other_presence("may-x", now + Duration::seconds(61))
                .await
                .unwrap()
                .is_empty()
        );
    })
    .await;
}
