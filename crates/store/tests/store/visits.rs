use chrono::{Duration, NaiveDate};
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
        store.report_presence("may-1", 12, now).await.unwrap();
        store
            .report_presence("may-2", 30, now - Duration::seconds(10))
            .await
            .unwrap();
        store
            .report_presence("may-3", 500, now - Duration::minutes(5))
            .await
            .unwrap();
        assert_eq!(
            store.online_total(now).await.unwrap(),
            42,
            "a stale instance is ignored"
        );
        store.report_presence("may-1", 2, now).await.unwrap();
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
