//! Lịch công tác, Hỏi đáp, Liên hệ: the schedule's entries, the questions' moderation and the
//! contact messages, on both backends.

use chrono::{Duration, NaiveDate};
use daihoi_domain::citizen::{CitizenForm, CitizenInput, QuestionStatus, check_message};
use daihoi_domain::schedule::{ScheduleInput, WeekId, check_entry};
use daihoi_domain::search::parse_query;
use daihoi_store::{Actor, SearchItem, Store, StoreError};

use crate::common::{audit_count, each_backend, editor, t0};

fn entry(
    day: &str,
    part: &str,
    time: &str,
    content: &str,
) -> daihoi_domain::schedule::ScheduleEntryFields {
    check_entry(&ScheduleInput {
        day: day.into(),
        part: part.into(),
        time: time.into(),
        content: content.into(),
        attendees: "Đồng chí Bí thư".into(),
        location: "Hội trường".into(),
        ..ScheduleInput::default()
    })
    .expect("a valid entry")
}

fn message(subject: &str, text: &str) -> daihoi_domain::citizen::CitizenMessage {
    check_message(
        CitizenForm::Question,
        &CitizenInput {
            name: "Lò Thị Mai".into(),
            contact: "mai.lt@example.vn".into(),
            subject: subject.into(),
            text: text.into(),
        },
    )
    .expect("a valid question")
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[tokio::test]
async fn a_week_lists_its_entries_in_day_order_and_changes_are_audited() {
    each_backend(|store| async move {
        let user = editor(&store, "lich").await;
        let actor = Actor::User(user);
        // Week 53 of 2026 runs from Monday 28/12/2026 to Sunday 03/01/2027.
        let week = WeekId::parse("2026-W53").unwrap();
        let before = audit_count(&store).await;
        let evening = store
            .create_schedule_entry(
                &entry("2026-12-28", "toi", "19:30", "Duyệt văn nghệ"),
                &actor,
                t0(),
            )
            .await
            .unwrap();
        store
            .create_schedule_entry(
                &entry("2026-12-28", "sang", "07:30", "Giao ban"),
                &actor,
                t0(),
            )
            .await
            .unwrap();
        store
            .create_schedule_entry(
                &entry("2026-12-28", "ca-ngay", "", "Kiểm tra cơ sở"),
                &actor,
                t0(),
            )
            .await
            .unwrap();
        let sunday = store
            .create_schedule_entry(
                &entry("03/01/2027", "sang", "", "Trực cơ quan"),
                &actor,
                t0(),
            )
            .await
            .unwrap();
        // The Monday after is another week.
        store
            .create_schedule_entry(&entry("2027-01-04", "sang", "", "Tuần sau"), &actor, t0())
            .await
            .unwrap();
        let listed = store
            .schedule_between(week.monday(), week.sunday())
            .await
            .unwrap();
        let contents: Vec<_> = listed.iter().map(|e| e.fields.content.as_str()).collect();
        assert_eq!(
            contents,
            [
                "Kiểm tra cơ sở",
                "Giao ban",
                "Duyệt văn nghệ",
                "Trực cơ quan"
            ]
        );
        assert_eq!(listed[3].fields.day, d(2027, 1, 3));
        assert_eq!(
            listed[1].fields.time.unwrap().format("%H:%M").to_string(),
            "07:30"
        );

        let moved = store
            .update_schedule_entry(
                evening.id,
                &entry("2026-12-29", "chieu", "14:00", "Duyệt văn nghệ"),
                &actor,
                t0(),
            )
            .await
            .unwrap();
        assert_eq!(moved.fields.day, d(2026, 12, 29));
        store
            .delete_schedule_entry(sunday.id, &actor, t0())
            .await
            .unwrap();
        assert!(store.schedule_entry(sunday.id).await.unwrap().is_none());
        assert!(matches!(
            store.delete_schedule_entry(sunday.id, &actor, t0()).await,
            Err(StoreError::NotFound { .. })
        ));
        assert_eq!(audit_count(&store).await - before, 5 + 1 + 1);
        let trail = store.audit_of("schedule_entry", sunday.id).await.unwrap();
        let actions: Vec<_> = trail.iter().map(|a| a.action.as_str()).collect();
        assert_eq!(actions, ["create", "delete"]);
        assert_eq!(trail[1].actor_user_id, Some(user));
    })
    .await;
}

async fn searched(store: &Store, query: &str) -> Vec<String> {
    store
        .search_published(
            &parse_query(query).unwrap(),
            t0() + Duration::days(30),
            1,
            20,
        )
        .await
        .unwrap()
        .hits
        .items
        .into_iter()
        .map(|hit| match hit.item {
            SearchItem::Question(q) => format!("question:{}", q.subject),
            SearchItem::Article(a) => format!("article:{}", a.slug),
            SearchItem::Document(d) => format!("document:{}", d.number_symbol),
            SearchItem::Page(p) => format!("page:{}", p.slug),
        })
        .collect()
}

#[tokio::test]
async fn a_question_is_public_only_while_published_and_never_with_its_contact() {
    each_backend(|store| async move {
        let admin = Actor::User(editor(&store, "hoidap").await);
        let id = store
            .add_question(
                &message("Thủ tục cấp đổi thẻ đảng viên", "Hồ sơ gồm những gì?"),
                "khoa-dia-chi",
                t0(),
            )
            .await
            .unwrap();
        let q = store.question(id).await.unwrap().unwrap();
        assert_eq!(q.status, QuestionStatus::Pending);
        assert_eq!(q.contact, "mai.lt@example.vn");
        assert!(store.published_question(id).await.unwrap().is_none());
        assert_eq!(store.published_questions(1, 10).await.unwrap().total, 0);
        assert!(searched(&store, "the dang vien").await.is_empty());
        // No answer, no publication.
        assert!(matches!(
            store
                .moderate_question(id, " ", QuestionStatus::Published, &admin, t0())
                .await,
            Err(StoreError::Invalid(_))
        ));
        // Saving an answer keeps it pending.
        let saved = store
            .moderate_question(
                id,
                "Hồ sơ gồm đơn đề nghị và ảnh.",
                QuestionStatus::Pending,
                &admin,
                t0(),
            )
            .await
            .unwrap();
        assert_eq!(saved.status, QuestionStatus::Pending);
        assert!(searched(&store, "don de nghi").await.is_empty());
        let at = t0() + Duration::hours(2);
        let published = store
            .moderate_question(
                id,
                "Hồ sơ gồm đơn đề nghị và ảnh.",
                QuestionStatus::Published,
                &admin,
                at,
            )
            .await
            .unwrap();
        assert_eq!(published.published_at, Some(at));
        let public = store.published_question(id).await.unwrap().unwrap();
        assert_eq!(public.subject, "Thủ tục cấp đổi thẻ đảng viên");
        assert_eq!(public.published_at, at);
        // The public shape has no contact: it is not in its JSON either.
        let json = serde_json::to_string(&public).unwrap();
        assert!(!json.contains("mai.lt@example.vn"), "{json}");
        assert_eq!(
            searched(&store, "the dang vien").await,
            ["question:Thủ tục cấp đổi thẻ đảng viên"]
        );
        // Words of the answer find it; the contact's words do not.
        assert_eq!(searched(&store, "don de nghi").await.len(), 1);
        assert!(searched(&store, "example").await.is_empty());
        assert_eq!(store.published_question_ids().await.unwrap(), [(id, at)]);
        assert_eq!(store.question_counts().await.unwrap().published, 1);
        // A second publication keeps the first time.
        let again = store
            .moderate_question(
                id,
                "Hồ sơ gồm đơn đề nghị, ảnh 3x4.",
                QuestionStatus::Published,
                &admin,
                at + Duration::days(1),
            )
            .await
            .unwrap();
        assert_eq!(again.published_at, Some(at));
        // Rejected: gone from the pages and the search.
        store
            .moderate_question(id, &again.answer, QuestionStatus::Rejected, &admin, at)
            .await
            .unwrap();
        assert!(store.published_question(id).await.unwrap().is_none());
        assert!(searched(&store, "the dang vien").await.is_empty());
        assert_eq!(
            store
                .questions_with_status(QuestionStatus::Rejected, 1, 10)
                .await
                .unwrap()
                .total,
            1
        );
        // Published again, then deleted: gone from the index too.
        store
            .moderate_question(id, &again.answer, QuestionStatus::Published, &admin, at)
            .await
            .unwrap();
        store.delete_question(id, &admin, at).await.unwrap();
        assert!(store.question(id).await.unwrap().is_none());
        assert!(searched(&store, "the dang vien").await.is_empty());
        let index_rows: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM search_doc WHERE kind = 'question'")
                .fetch_one(store.pool())
                .await
                .unwrap();
        assert_eq!(index_rows, 0);
        // Every step is in the audit log, and no audit row holds the contact.
        let trail = store.audit_of("question", id).await.unwrap();
        let actions: Vec<_> = trail.iter().map(|a| a.action.as_str()).collect();
        assert_eq!(
            actions,
            ["answer", "publish", "answer", "reject", "publish", "delete"]
        );
        assert!(trail.iter().all(|a| !a.detail.contains("example.vn")));
    })
    .await;
}

#[tokio::test]
async fn published_questions_are_paged_newest_first() {
    each_backend(|store| async move {
        let admin = Actor::User(editor(&store, "trang").await);
        for n in 0..5 {
            let id = store
                .add_question(&message(&format!("Câu hỏi số {n}"), "Nội dung"), "", t0())
                .await
                .unwrap();
            if n != 2 {
                store
                    .moderate_question(
                        id,
                        "Trả lời",
                        QuestionStatus::Published,
                        &admin,
                        t0() + Duration::minutes(n),
                    )
                    .await
                    .unwrap();
            }
        }
        let first = store.published_questions(1, 3).await.unwrap();
        assert_eq!(first.total, 4);
        assert_eq!(first.page_count(), 2);
        let subjects: Vec<_> = first.items.iter().map(|q| q.subject.as_str()).collect();
        assert_eq!(subjects, ["Câu hỏi số 4", "Câu hỏi số 3", "Câu hỏi số 1"]);
        let second = store.published_questions(2, 3).await.unwrap();
        assert_eq!(second.items.len(), 1);
        assert_eq!(store.question_counts().await.unwrap().pending, 1);
    })
    .await;
}

#[tokio::test]
async fn contact_messages_are_listed_handled_and_deleted_with_an_audit_trail() {
    each_backend(|store| async move {
        let user = Actor::User(editor(&store, "lienhe").await);
        let contact = check_message(
            CitizenForm::Contact,
            &CitizenInput {
                name: "Tòng Văn Hùng".into(),
                contact: "0912 345 678".into(),
                subject: "Góp ý dự thảo".into(),
                text: "Đề nghị bổ sung số liệu.".into(),
            },
        )
        .unwrap();
        let a = store
            .add_contact_message(&contact, "k", t0())
            .await
            .unwrap();
        let b = store
            .add_contact_message(&contact, "k", t0())
            .await
            .unwrap();
        assert_eq!(
            store
                .contact_messages(Some(false), 1, 10)
                .await
                .unwrap()
                .total,
            2
        );
        let handled = store
            .mark_contact_handled(a, true, &user, t0())
            .await
            .unwrap();
        assert_eq!(handled.handled_at, Some(t0()));
        assert_eq!(handled.contact, "0912345678");
        let open = store.contact_messages(Some(false), 1, 10).await.unwrap();
        assert_eq!(open.items.iter().map(|m| m.id).collect::<Vec<_>>(), [b]);
        assert_eq!(
            store
                .contact_messages(Some(true), 1, 10)
                .await
                .unwrap()
                .total,
            1
        );
        store
            .mark_contact_handled(a, false, &user, t0())
            .await
            .unwrap();
        store.delete_contact_message(b, &user, t0()).await.unwrap();
        let all = store.contact_messages(None, 1, 10).await.unwrap();
        assert_eq!(all.items.iter().map(|m| m.id).collect::<Vec<_>>(), [a]);
        assert!(store.contact_message(b).await.unwrap().is_none());
        let actions: Vec<_> = store
            .audit_of("contact_message", a)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert_eq!(actions, ["handle", "reopen"]);
        assert!(matches!(
            store.mark_contact_handled(b, true, &user, t0()).await,
            Err(StoreError::NotFound { .. })
        ));
    })
    .await;
}
