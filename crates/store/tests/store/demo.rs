//! `Store::load_demo`: the whole demo bundle in one transaction, all or nothing.

use chrono::{Duration, NaiveDate};
use daihoi_domain::access::Scope;
use daihoi_domain::congress::congress::{CongressStatus, Term};
use daihoi_domain::congress::delegate::DelegateKind;
use daihoi_domain::congress::organization::OrganizationFields;
use daihoi_domain::congress::person::{BirthDate, PersonFields, Sex};
use daihoi_domain::congress::quorum::QuorumFraction;
use daihoi_store::{
    Actor, ArticleKind, ArticleStatus, Closed, CongressFields, Constraint, DemoAllocationRow,
    DemoArticleRows, DemoBundle, DemoCongressRow, DemoCongressRows, DemoDelegateRow, DemoPhotoRow,
    DemoSlateRow, DemoWorkspaceAccount, NewArticle, NewCategory, NewDelegate, NewUser, Role, Store,
    StoreError, VisitKind,
};

use crate::common::{each_backend, t0};

fn link(body: &str, ids: &[(String, i64)]) -> String {
    let mut out = body.to_owned();
    for (key, id) in ids {
        out = out.replace(&format!("](photo:{key})"), &format!("](photo:{id})"));
    }
    out
}

fn photo(key: &str) -> DemoPhotoRow {
    DemoPhotoRow {
        key: key.into(),
        file_name: format!("2021/07/{key}.jpg"),
        thumb_name: format!("2021/07/{key}-400.jpg"),
        caption: format!("Ảnh {key}"),
        width: 800,
        height: 600,
        mime: "image/jpeg".into(),
    }
}

fn article(slug: &str, category: &str) -> DemoArticleRows {
    DemoArticleRows {
        category_slug: category.into(),
        article: NewArticle {
            slug: slug.into(),
            title: format!("Bài {slug}"),
            lead: "Sapo.".into(),
            body_md: format!("Mở đầu.\n\n![Cờ hoa](photo:{slug}-1)\n\n![Núi](photo:{slug}-2)"),
            kind: ArticleKind::News,
            category_id: 0,
            author: "Kim Anh".into(),
            source: String::new(),
            status: ArticleStatus::Published,
            published_at: Some(t0() - Duration::days(1)),
            cover_photo_id: None,
            congress_id: None,
        },
        photos: vec![photo(&format!("{slug}-1")), photo(&format!("{slug}-2"))],
        cover_key: Some(format!("{slug}-2")),
    }
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 7, d).unwrap()
}

fn bundle() -> DemoBundle {
    DemoBundle {
        settings: vec![("portal_name".into(), "Cổng mẫu".into())],
        categories: vec![
            NewCategory {
                slug: "tin-dai-hoi".into(),
                name: "Tin đại hội".into(),
                description: String::new(),
                position: 1,
            },
            NewCategory {
                slug: "kinh-te".into(),
                name: "Kinh tế".into(),
                description: String::new(),
                position: 2,
            },
        ],
        users: vec![NewUser {
            username: "admin".into(),
            display_name: "Quản trị".into(),
            role: Role::Admin,
            password_hash: "$argon2id$test".into(),
        }],
        articles: vec![
            article("mot", "tin-dai-hoi"),
            article("hai", "kinh-te"),
            article("ba", "kinh-te"),
        ],
        daily_visits: vec![
            (day(13), VisitKind::Person, 100),
            (day(14), VisitKind::Person, 200),
            (day(14), VisitKind::Bot, 7),
        ],
        link_photos: link,
        congress: DemoCongressRows::default(),
        citizens: Default::default(),
        sections: daihoi_store::DemoSectionRows::default(),
    }
}

fn org(code: &str, parent: Option<&str>, level: &str, members: i64) -> OrganizationFields {
    OrganizationFields {
        code: code.into(),
        name: format!("Đảng bộ {code}"),
        parent_code: parent.map(Into::into),
        level: level.into(),
        members,
    }
}

fn person(name: &str, organization: &str, card: Option<&str>) -> PersonFields {
    PersonFields {
        full_name: name.into(),
        sex: Sex::Female,
        birth: BirthDate::YearOnly(1980),
        ethnicity: Some("Thái".into()),
        education: None,
        position: Some("Bí thư".into()),
        organization_code: organization.into(),
        card_number: card.map(Into::into),
    }
}

/// The small bundle with a congress cycle: a province, a district, a grassroots organization,
/// two people, a held congress, and a workspace-only account with a grant on the district.
fn bundle_with_cycle() -> DemoBundle {
    let mut b = bundle();
    b.users.push(NewUser {
        username: "vanphong".into(),
        display_name: "Văn phòng".into(),
        role: Role::Editor,
        password_hash: "$argon2id$test".into(),
    });
    let held = NaiveDate::from_ymd_opt(2020, 3, 26).unwrap();
    b.congress = DemoCongressRows {
        organizations: vec![
            org("LC", None, "Đảng bộ tỉnh", 120),
            org("TU", Some("LC"), "Đảng bộ huyện", 120),
            org("TU-01", Some("tu"), "Tổ chức cơ sở đảng", 120),
        ],
        people: vec![
            person("Lò Thị Ỏn", "TU-01", Some("62000001")),
            person("Tòng Thị Xuân", "TU", None),
        ],
        congresses: vec![DemoCongressRow {
            organization_code: "TU-01".into(),
            fields: CongressFields {
                term: Term::new(2020, 2025).unwrap(),
                name: "Đại hội Đảng bộ TU-01 nhiệm kỳ 2020–2025".into(),
                planned: (Some(held), Some(held)),
                held: (Some(held), Some(held)),
                pilot: true,
                venue: "Hội trường".into(),
                delegates: Some(120),
                quorum: QuorumFraction::default(),
                committee_seats: Some(13),
            },
            status: CongressStatus::Approved,
        }],
        workspace_accounts: vec![DemoWorkspaceAccount {
            username: "vanphong".into(),
            grants: vec![(Role::Secretariat, "TU".into())],
        }],
        slate: vec![DemoSlateRow {
            person: 1,
            renominated: false,
        }],
        delegates: vec![DemoDelegateRow {
            person: Some(1),
            delegate: NewDelegate {
                kind: DelegateKind::ExOfficio,
                person_id: None,
                full_name: "Nguyễn Văn A".into(),
                sex: None,
                birth: None,
                organization_id: None,
                alternate_rank: None,
                votes: None,
            },
            organization_code: "TU".into(),
        }],
        allocation: vec![DemoAllocationRow {
            organization_code: "TU-01".into(),
            members: 120,
            seats: 5,
        }],
        district_congress: Some("TU-01".into()),
        boundaries: None,
    };
    b
}

/// Rows of the congress workspace's tables.
async fn congress_counts(store: &Store) -> Vec<(&'static str, i64)> {
    let mut out = Vec::new();
    for table in [
        "organization",
        "person",
        "congress",
        "role_grant",
        "delegate",
        "delegate_allocation",
    ] {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(store.pool())
            .await
            .unwrap();
        out.push((table, n));
    }
    out
}

/// Rows in each table the demo writes.
async fn counts(store: &Store) -> Vec<(&'static str, i64)> {
    let mut out = Vec::new();
    for table in [
        "article",
        "category",
        "app_user",
        "photo",
        "setting",
        "daily_visit",
        "visit_total",
        "audit_log",
    ] {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(store.pool())
            .await
            .unwrap();
        out.push((table, n));
    }
    out
}

#[tokio::test]
async fn the_bundle_is_written_whole_with_photo_ids_covers_and_audit_rows() {
    each_backend(|store| async move {
        assert!(
            store
                .load_demo(&bundle(), &Actor::System, t0())
                .await
                .unwrap()
        );
        assert_eq!(
            counts(&store).await,
            [
                ("article", 3),
                ("category", 2),
                ("app_user", 1),
                ("photo", 6),
                ("setting", 1),
                ("daily_visit", 3),
                ("visit_total", 2),
                // 1 setting + 2 categories + 1 user + 3 articles + 6 photos.
                ("audit_log", 13),
            ]
        );
        let page = store.list_published(None, 1, 10, t0()).await.unwrap();
        assert_eq!(page.total, 3);
        for summary in &page.items {
            let a = store.article_by_id(summary.id).await.unwrap().unwrap();
            let photos = store.photos_of_article(a.id).await.unwrap();
            assert_eq!(photos.len(), 2);
            assert_eq!(photos[0].position, 1);
            assert_eq!(
                a.cover_photo_id,
                Some(photos[1].id),
                "cover is the key-2 photo"
            );
            for p in &photos {
                assert!(
                    a.body_md.contains(&format!("](photo:{})", p.id)),
                    "{}",
                    a.body_md
                );
            }
            assert!(!a.body_md.contains("photo:mot"));
        }
        let kinh_te = store.category_by_slug("kinh-te").await.unwrap().unwrap();
        let in_kinh_te = store
            .list_published(Some(kinh_te.id), 1, 10, t0())
            .await
            .unwrap();
        let mut in_kinh_te: Vec<_> = in_kinh_te.items.iter().map(|a| a.slug.as_str()).collect();
        in_kinh_te.sort();
        assert_eq!(in_kinh_te, ["ba", "hai"]);
        // The search text is written with the article.
        let found = store
            .search_published(
                &daihoi_domain::search::parse_query("mo dau co hoa").unwrap(),
                t0(),
                1,
                10,
            )
            .await
            .unwrap()
            .hits;
        assert_eq!(found.total, 3);
        let sums = store.visit_totals(day(14)).await.unwrap();
        assert_eq!((sums.today, sums.total, sums.bots_total), (200, 300, 7));
        assert_eq!(
            store.setting("portal_name").await.unwrap().as_deref(),
            Some("Cổng mẫu")
        );

        // A second load finds data and writes nothing.
        let before = counts(&store).await;
        assert!(
            !store
                .load_demo(&bundle(), &Actor::System, t0())
                .await
                .unwrap()
        );
        assert_eq!(counts(&store).await, before);
    })
    .await;
}

#[tokio::test]
async fn a_failure_in_the_last_article_leaves_the_database_empty() {
    each_backend(|store| async move {
        let mut broken = bundle();
        // The last article takes the first one's slug: the unique index refuses it only after
        // everything else has been written in the transaction.
        broken.articles[2].article.slug = "mot".into();
        let err = store
            .load_demo(&broken, &Actor::System, t0())
            .await
            .expect_err("duplicate slug");
        assert!(
            matches!(&err, StoreError::Conflict(Constraint::ArticleSlug)),
            "{err:?}"
        );
        assert!(store.is_empty().await.unwrap());
        for (table, n) in counts(&store).await {
            assert_eq!(n, 0, "{table} keeps {n} rows after a failed load");
        }

        // A cover that is not one of the article's photos fails the same way.
        let mut bad_cover = bundle();
        bad_cover.articles[1].cover_key = Some("khong-co".into());
        let err = store
            .load_demo(&bad_cover, &Actor::System, t0())
            .await
            .expect_err("unknown cover");
        assert!(err.to_string().contains("khong-co"), "{err}");
        assert!(counts(&store).await.iter().all(|(_, n)| *n == 0));

        // A later start loads the demo.
        assert!(
            store
                .load_demo(&bundle(), &Actor::System, t0())
                .await
                .unwrap()
        );
        assert_eq!(
            store.list_published(None, 1, 10, t0()).await.unwrap().total,
            3
        );
    })
    .await;
}

#[tokio::test]
async fn two_loads_at_once_write_the_demo_once() {
    each_backend(|store| async move {
        let a = {
            let store = store.clone();
            tokio::spawn(async move { store.load_demo(&bundle(), &Actor::System, t0()).await })
        };
        let b = {
            let store = store.clone();
            tokio::spawn(async move { store.load_demo(&bundle(), &Actor::System, t0()).await })
        };
        let (a, b) = (a.await.unwrap().unwrap(), b.await.unwrap().unwrap());
        assert!(a ^ b, "exactly one load writes: {a} {b}");
        assert_eq!(
            counts(&store).await.iter().find(|(t, _)| *t == "article"),
            Some(&("article", 3))
        );
    })
    .await;
}

#[tokio::test]
async fn the_congress_cycle_is_written_with_the_rest_of_the_demo() {
    each_backend(|store| async move {
        assert!(
            store
                .load_demo(&bundle_with_cycle(), &Actor::System, t0())
                .await
                .unwrap()
        );
        assert_eq!(
            congress_counts(&store).await,
            [
                ("organization", 3),
                ("person", 2),
                ("congress", 1),
                ("role_grant", 1),
                ("delegate", 1),
                ("delegate_allocation", 1)
            ]
        );
        let district = store.organization_by_code("TU").await.unwrap().unwrap();
        let province = store.organization_by_code("LC").await.unwrap().unwrap();
        assert_eq!(district.parent_id, Some(province.id));
        let below = store
            .organization_subtree(province.id, Closed::Exclude)
            .await
            .unwrap();
        assert_eq!(below.len(), 3);
        let grassroots = store.organization_by_code("TU-01").await.unwrap().unwrap();
        assert_eq!(
            grassroots.path,
            vec![province.id, district.id, grassroots.id]
        );
        let roll = store.people_of(grassroots.id).await.unwrap();
        assert_eq!(roll.len(), 1);
        assert_eq!(roll[0].card_number.as_deref(), Some("62000001"));
        let congresses = store.congresses_of(grassroots.id).await.unwrap();
        assert_eq!(congresses.len(), 1);
        assert_eq!(congresses[0].status, CongressStatus::Approved);
        assert!(congresses[0].pilot);
        assert_eq!(congresses[0].delegates, Some(120));
        // The delegate of the congress, linked to the person on the roll, with a check-in code;
        // the allocation as proposed.
        let delegates = store.delegates_of(congresses[0].id).await.unwrap();
        assert_eq!(delegates.len(), 1);
        assert_eq!(delegates[0].kind, DelegateKind::ExOfficio);
        let district_roll = store.people_of(district.id).await.unwrap();
        assert_eq!(delegates[0].person_id, Some(district_roll[0].id));
        assert_eq!(delegates[0].organization_id, Some(district.id));
        assert_eq!(delegates[0].check_in_code.len(), 8);
        let allocation = store.delegate_allocation(congresses[0].id).await.unwrap();
        assert_eq!(allocation.len(), 1);
        assert_eq!(
            (allocation[0].organization_id, allocation[0].seats),
            (grassroots.id, 5)
        );

        // The workspace account: no portal access, its grant on the district.
        let user = store.user_by_username("vanphong").await.unwrap().unwrap();
        assert!(!user.portal_access);
        let admin = store.user_by_username("admin").await.unwrap().unwrap();
        assert!(admin.portal_access);
        let grants = store.grants_of(user.id).await.unwrap();
        assert_eq!(grants.len(), 1);
        assert_eq!(grants[0].grant.role, Role::Secretariat);
        assert_eq!(grants[0].grant.scope, Scope::Organization(district.id));

        // A second load writes nothing.
        assert!(
            !store
                .load_demo(&bundle_with_cycle(), &Actor::System, t0())
                .await
                .unwrap()
        );
        assert_eq!(congress_counts(&store).await[0], ("organization", 3));
    })
    .await;
}

#[tokio::test]
async fn a_failure_in_the_congress_cycle_leaves_the_database_empty() {
    each_backend(|store| async move {
        // The second person takes the first one's card: refused after the portal, the tree and
        // the first person were written in the transaction.
        let mut broken = bundle_with_cycle();
        broken.congress.people[1].card_number = Some("62000001".into());
        let err = store
            .load_demo(&broken, &Actor::System, t0())
            .await
            .expect_err("duplicate card");
        assert!(
            matches!(&err, StoreError::Conflict(Constraint::PersonCard)),
            "{err:?}"
        );
        assert!(store.is_empty().await.unwrap());
        for (table, n) in counts(&store)
            .await
            .into_iter()
            .chain(congress_counts(&store).await)
        {
            assert_eq!(n, 0, "{table} keeps {n} rows after a failed load");
        }

        // A grant on an organization the cycle does not have.
        let mut unknown = bundle_with_cycle();
        unknown.congress.workspace_accounts[0].grants[0].1 = "XX".into();
        let err = store
            .load_demo(&unknown, &Actor::System, t0())
            .await
            .expect_err("unknown organization");
        assert!(err.to_string().contains("XX"), "{err}");
        assert!(congress_counts(&store).await.iter().all(|(_, n)| *n == 0));

        // A workspace account that is not among the users.
        let mut missing = bundle_with_cycle();
        missing.congress.workspace_accounts[0].username = "khong-co".into();
        let err = store
            .load_demo(&missing, &Actor::System, t0())
            .await
            .expect_err("unknown account");
        assert!(err.to_string().contains("khong-co"), "{err}");
        assert!(store.is_empty().await.unwrap());
    })
    .await;
}

/// The demo's schedule and answered questions go in the same transaction as the rest.
fn citizen_rows() -> daihoi_store::DemoCitizenRows {
    use daihoi_domain::citizen::{CitizenForm, CitizenInput, check_message};
    use daihoi_domain::schedule::{ScheduleInput, check_entry};
    daihoi_store::DemoCitizenRows {
        schedule: vec![
            check_entry(&ScheduleInput {
                day: "2021-07-15".into(),
                part: "sang".into(),
                content: "Giao ban".into(),
                attendees: "Thường trực".into(),
                ..ScheduleInput::default()
            })
            .unwrap(),
        ],
        questions: vec![daihoi_store::DemoQuestionRow {
            message: check_message(
                CitizenForm::Question,
                &CitizenInput {
                    name: "Lò Văn A".into(),
                    contact: "a@example.vn".into(),
                    subject: "Hỏi về đại hội".into(),
                    text: "Khi nào họp?".into(),
                },
            )
            .unwrap(),
            answer: "Tháng 6.".into(),
            received_at: t0() - Duration::days(3),
            published_at: t0() - Duration::days(1),
        }],
    }
}

#[tokio::test]
async fn the_schedule_and_answered_questions_load_with_the_demo_or_not_at_all() {
    each_backend(|store| async move {
        let mut broken = bundle();
        broken.citizens = citizen_rows();
        broken.articles[1].category_slug = "khong-co".into();
        assert!(
            store
                .load_demo(&broken, &Actor::System, t0())
                .await
                .is_err()
        );
        assert_eq!(store.published_questions(1, 10).await.unwrap().total, 0);
        let day = NaiveDate::from_ymd_opt(2021, 7, 15).unwrap();
        assert!(store.schedule_between(day, day).await.unwrap().is_empty());

        let mut whole = bundle();
        whole.citizens = citizen_rows();
        assert!(store.load_demo(&whole, &Actor::System, t0()).await.unwrap());
        assert_eq!(store.schedule_between(day, day).await.unwrap().len(), 1);
        let published = store.published_questions(1, 10).await.unwrap();
        assert_eq!(published.total, 1);
        assert_eq!(published.items[0].answer, "Tháng 6.");
        let found = store
            .search_published(
                &daihoi_domain::search::parse_query("hoi ve dai hoi").unwrap(),
                t0(),
                1,
                10,
            )
            .await
            .unwrap()
            .hits;
        assert_eq!(found.total, 1);
    })
    .await;
}
