//! Dữ liệu mẫu — `demo::load` into a fresh store: SQLite always, PostgreSQL too when
//! `DAIHOI_TEST_DATABASE_URL` is set (a fresh database per test, dropped afterwards).

use std::future::Future;

use chrono::{DateTime, NaiveDate, TimeZone as _, Utc};
use daihoi_demo::congress::{self as cycle, CELL_LEVEL, GRASSROOTS_LEVEL};
use daihoi_demo::{self as demo, DEMO_PASSWORD, history::SEED_FIGURES};
use daihoi_domain::access::Scope;
use daihoi_domain::congress::congress::{
    CongressFacts, CongressStatus, progress, progress_sentence,
};
use daihoi_domain::congress::delegate::{DelegateKind, DelegateStatus};
use daihoi_store::{
    ArticleKind, Closed, Role, SETTING_DEMO_REFERENCE_DAY, SETTING_PORTAL_NAME, Store, VisitKind,
};
use daihoi_web::Config;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The last instant of local day `d` in the default time zone, in UTC.
fn end_of(config: &Config, d: NaiveDate) -> DateTime<Utc> {
    config
        .time_zone
        .from_local_datetime(&d.and_hms_opt(23, 59, 59).unwrap())
        .unwrap()
        .with_timezone(&Utc)
}

/// Run `test(store, config)` on a freshly migrated store whose data folder is the database's
/// own temporary folder: SQLite, then a fresh PostgreSQL database when the server is configured
/// (`daihoi-testkit`). Panics are re-raised; the database is removed afterwards either way.
async fn each_backend<F, Fut>(test: F)
where
    F: Fn(Store, Config) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let test = &test;
    daihoi_testkit::each_database(move |db| async move {
        let mut config = Config::new(db.dir());
        config.database_url = Some(db.url().to_owned());
        let store = db.store().await;
        let outcome = tokio::spawn(test(store.clone(), config)).await;
        store.close().await;
        if let Err(e) = outcome {
            std::panic::resume_unwind(e.into_panic());
        }
        drop(db);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_loads_completely_and_reproduces_the_seed_figures() {
    each_backend(|store, config| async move {
        let today = day(2026, 11, 28);
        assert!(store.is_empty().await.unwrap());
        demo::load(&store, &config, today)
            .await
            .expect("demo loads");
        let now = end_of(&config, today);

        // Portal and reference day.
        let name = store.setting(SETTING_PORTAL_NAME).await.unwrap().unwrap();
        assert!(name.contains("bản trình diễn"), "{name}");
        // The demo body's identity: the footer's note says it is a demonstration, and its map
        // links Tân Uyên to the district organization (the only honest match).
        let note = store
            .setting(daihoi_store::SETTING_SITE_NOTE)
            .await
            .unwrap()
            .unwrap();
        assert!(note.contains("Bản trình diễn"), "{note}");
        assert!(
            store
                .setting(daihoi_store::SETTING_SITE_AGENCY)
                .await
                .unwrap()
                .is_some_and(|a| a.contains("Tân Uyên"))
        );
        let units = store.boundary_rows().await.unwrap();
        assert_eq!(units.len(), 8);
        let linked: Vec<_> = units
            .iter()
            .filter_map(|u| Some((u.name.as_str(), u.organization.as_ref()?.code.as_str())))
            .collect();
        assert_eq!(linked, [("Tân Uyên", "TU")]);
        assert!(
            units
                .iter()
                .find(|u| u.name == "Tân Uyên")
                .and_then(|u| u.congress.as_ref())
                .is_some_and(|c| c.status.is_held()),
            "the district congress was held"
        );
        assert_eq!(
            store
                .setting(SETTING_DEMO_REFERENCE_DAY)
                .await
                .unwrap()
                .as_deref(),
            Some("2026-11-28")
        );

        // Categories, one for congress news.
        let categories = store.list_categories().await.unwrap();
        assert!(categories.len() >= 3, "{categories:?}");
        assert!(categories.iter().any(|c| c.slug == "tin-dai-hoi"));

        // Published articles, each with a captioned photo whose files exist.
        let page = store.list_published(None, 1, 100, now).await.unwrap();
        assert!(page.items.len() >= 6, "{} articles", page.items.len());
        let used: std::collections::HashSet<i64> =
            page.items.iter().map(|a| a.category_id).collect();
        assert!(
            used.len() >= 3,
            "articles in {} categories only",
            used.len()
        );
        let uploads = config.uploads_dir();
        let mut interviews = 0;
        for summary in &page.items {
            let article = store.article_by_id(summary.id).await.unwrap().unwrap();
            assert!(article.published_at.unwrap() < now);
            assert!(!article.lead.is_empty() && !article.author.is_empty());
            let photos = store.photos_of_article(article.id).await.unwrap();
            assert!(!photos.is_empty(), "{}: no photo", article.slug);
            for photo in &photos {
                assert!(
                    !photo.caption.trim().is_empty(),
                    "{}: photo without caption",
                    article.slug
                );
                assert!(
                    uploads.join(&photo.file_name).is_file(),
                    "{}",
                    photo.file_name
                );
                assert!(
                    uploads.join(&photo.thumb_name).is_file(),
                    "{}",
                    photo.thumb_name
                );
                assert!(
                    article.body_md.contains(&format!("](photo:{})", photo.id)),
                    "{}: photo {} not in the body",
                    article.slug,
                    photo.id
                );
            }
            let cover = article.cover_photo_id.expect("cover photo");
            assert!(photos.iter().any(|p| p.id == cover));
            assert_eq!(
                summary.cover_caption.as_deref().map(str::is_empty),
                Some(false)
            );
            // No key was left unreplaced: every photo reference is a number.
            for (at, _) in article.body_md.match_indices("](photo:") {
                let rest = &article.body_md[at + 8..];
                let id = &rest[..rest.find(')').unwrap()];
                assert!(id.parse::<i64>().is_ok(), "{}: photo:{id}", article.slug);
            }
            if article.kind == ArticleKind::Interview {
                interviews += 1;
                let questions = article
                    .body_md
                    .split("\n\n")
                    .filter(|p| p.trim_start().starts_with("PV:"))
                    .count();
                assert!(questions >= 3, "{} questions", questions);
                let html = daihoi_web::portal::markdown::render(&article.body_md);
                assert!(html.matches("interview-q").count() >= 3);
                assert!(html.contains("<figcaption>"));
            }
        }
        assert!(interviews >= 1, "no interview");

        // The two demo accounts log in.
        for (username, role) in [("admin", Role::Admin), ("bientap", Role::Editor)] {
            let user = store
                .user_by_username(username)
                .await
                .unwrap()
                .expect(username);
            assert_eq!(user.role, role);
            assert!(daihoi_web::kernel::auth::verify_password(
                DEMO_PASSWORD,
                &user.password_hash
            ));
            assert!(!daihoi_web::kernel::auth::verify_password(
                "sai-mat-khau",
                &user.password_hash
            ));
        }

        // The statistics block on the reference day: the seed's five figures, bots apart.
        let sums = store.visit_totals(today).await.unwrap();
        assert_eq!(
            (
                sums.today,
                sums.yesterday,
                sums.month,
                sums.year,
                sums.total
            ),
            (1_934, 16_075, 519_209, 3_292_009, 62_883_393)
        );
        assert_eq!(sums.total, SEED_FIGURES.total);
        assert!(sums.bots_today > 0 && sums.bots_total > sums.total / 5);
        let history = store
            .daily_visits(VisitKind::Person, day(2016, 1, 1), today)
            .await
            .unwrap();
        assert_eq!(history.first().map(|d| d.0), Some(day(2016, 1, 1)));

        // A second start finds a non-empty database and changes nothing.
        demo::load(&store, &config, day(2026, 12, 5))
            .await
            .expect("second load is a no-op");
        assert_eq!(
            store.list_published(None, 1, 100, now).await.unwrap().total,
            page.total
        );
        assert_eq!(
            store
                .setting(SETTING_DEMO_REFERENCE_DAY)
                .await
                .unwrap()
                .as_deref(),
            Some("2026-11-28")
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_the_first_of_a_month_the_reference_day_moves_back() {
    each_backend(|store, config| async move {
        // On 1 December "this month" could only be today's 1.934 visits.
        demo::load(&store, &config, day(2026, 12, 1))
            .await
            .expect("demo loads");
        assert_eq!(
            store
                .setting(SETTING_DEMO_REFERENCE_DAY)
                .await
                .unwrap()
                .as_deref(),
            Some("2026-11-30")
        );
        let sums = store.visit_totals(day(2026, 11, 30)).await.unwrap();
        assert_eq!(
            (
                sums.today,
                sums.yesterday,
                sums.month,
                sums.year,
                sums.total
            ),
            (1_934, 16_075, 519_209, 3_292_009, 62_883_393)
        );
        // Nothing is dated after the reference day.
        let later = store
            .daily_visits(VisitKind::Person, day(2026, 12, 1), day(2026, 12, 31))
            .await
            .unwrap();
        assert!(later.is_empty());
    })
    .await;
}

/// Rows in every table the demo writes to.
async fn table_counts(store: &Store) -> Vec<(&'static str, i64)> {
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
        "organization",
        "person",
        "congress",
        "role_grant",
    ] {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(store.pool())
            .await
            .unwrap();
        out.push((table, n));
    }
    out
}

/// Every file under `dir`, recursively.
fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_in_the_last_article_leaves_nothing_and_the_next_start_loads_the_demo() {
    each_backend(|store, config| async move {
        let today = day(2026, 11, 28);
        let mut prepared = demo::prepare(&config, today).await.expect("prepare");
        assert!(
            !prepared.files.is_empty(),
            "the photo files are written before the transaction"
        );
        let uploads = config.uploads_dir();
        assert_eq!(files_under(&uploads).len(), 2 * prepared.files.len());
        // The last article takes the first one's slug: refused only after everything before it
        // (history, settings, categories, accounts, the other articles and their photos) has been
        // written in the transaction.
        let first_slug = prepared.bundle.articles[0].article.slug.clone();
        prepared.bundle.articles.last_mut().unwrap().article.slug = first_slug.clone();
        let err = demo::write(&store, prepared)
            .await
            .expect_err("a duplicate slug fails the load");
        let message = format!("{err:#}");
        assert!(message.contains(&first_slug), "{message}");
        assert!(message.contains("không giữ lại"), "{message}");

        assert!(store.is_empty().await.unwrap());
        for (table, n) in table_counts(&store).await {
            assert_eq!(n, 0, "{table} keeps {n} rows after the failed load");
        }
        assert!(
            files_under(&uploads).is_empty(),
            "the failed load's photo files are removed: {:?}",
            files_under(&uploads)
        );

        // The next start loads the whole demo.
        demo::load(&store, &config, today)
            .await
            .expect("demo loads");
        let now = end_of(&config, today);
        let page = store.list_published(None, 1, 100, now).await.unwrap();
        assert_eq!(
            page.total as usize,
            demo::content::articles()
                .unwrap()
                .iter()
                .filter(|a| a.status == daihoi_store::ArticleStatus::Published)
                .count()
        );
        let sums = store.visit_totals(today).await.unwrap();
        assert_eq!(sums.total, SEED_FIGURES.total);
        let photos: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM photo")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(files_under(&uploads).len() as i64, 2 * photos);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_congress_cycle_loads_with_the_demo() {
    each_backend(|store, config| async move {
        let today = day(2026, 11, 28);
        demo::load(&store, &config, today)
            .await
            .expect("demo loads");
        let expected = cycle::cycle().unwrap();

        // The tree: LC → TU → 47 grassroots organizations (→ cells).
        let roots = store.organization_roots().await.unwrap();
        assert_eq!(roots.len(), 1);
        assert_eq!(roots[0].code, "LC");
        let tree = store
            .organization_subtree(roots[0].id, Closed::Include)
            .await
            .unwrap();
        assert_eq!(tree.len(), expected.organizations.len());
        let district = store.organization_by_code("TU").await.unwrap().unwrap();
        assert_eq!(district.name, "Đảng bộ huyện Tân Uyên");
        assert_eq!(district.parent_id, Some(roots[0].id));
        let grassroots = store
            .organization_children(district.id, Closed::Exclude)
            .await
            .unwrap();
        assert_eq!(grassroots.len(), 47);
        assert!(grassroots.iter().all(|o| o.level == GRASSROOTS_LEVEL));
        assert!(grassroots.iter().all(|o| o.depth() == 3));
        let cells: Vec<_> = tree.iter().filter(|o| o.level == CELL_LEVEL).collect();
        assert!(!cells.is_empty() && cells.iter().all(|o| o.depth() == 4));

        // The rolls: the outgoing committee of 37 on the district's.
        assert_eq!(
            store.count_people_in_subtree(roots[0].id).await.unwrap(),
            expected.people.len() as u64
        );
        assert_eq!(store.people_of(district.id).await.unwrap().len(), 37);
        let muong_khoa = store.organization_by_code("TU-02").await.unwrap().unwrap();
        assert_eq!(muong_khoa.name, "Đảng bộ xã Mường Khoa");
        assert!(!store.people_of(muong_khoa.id).await.unwrap().is_empty());

        // The congresses: 47/47 grassroots ones held by 26/3/2020, 3 pilots.
        let rows = store.progress_rows(district.id, 2020).await.unwrap();
        assert!(
            rows.iter().all(|r| r.congress.is_some()),
            "one per organization"
        );
        let facts: Vec<CongressFacts> = rows
            .iter()
            .filter(|r| r.organization.level == GRASSROOTS_LEVEL)
            .map(|r| {
                let c = r.congress.as_ref().unwrap();
                assert!(c.held.1.unwrap() <= day(2020, 3, 26), "{}", c.name);
                CongressFacts {
                    level: r.organization.level.clone(),
                    status: c.status,
                    planned_start: c.planned.0,
                    held_start: c.held.0,
                    pilot: c.pilot,
                }
            })
            .collect();
        let counts = progress(&facts, today).counts;
        assert_eq!((counts.total, counts.held, counts.pilots), (47, 47, 3));
        assert_eq!(counts.overdue, 0);
        assert_eq!(
            progress_sentence(counts.held, counts.total, GRASSROOTS_LEVEL),
            "47/47 tổ chức cơ sở đảng đã tổ chức đại hội"
        );
        let district_congresses = store.congresses_of(district.id).await.unwrap();
        assert_eq!(district_congresses.len(), 1);
        let k = &district_congresses[0];
        assert_eq!(k.held, (Some(day(2020, 6, 8)), Some(day(2020, 6, 10))));
        assert_eq!(k.delegates, Some(247));
        assert_eq!(k.committee_seats, Some(35));
        assert!(k.pilot);
        assert_eq!(k.status, CongressStatus::Approved);
        assert_eq!(k.term.to_string(), "2020–2025");

        // Its delegates: 247 convened (37 ex officio linked to the district's roll), each with
        // its own check-in code, and the saved allocation of the 210 elected seats.
        let delegates = store.delegates_of(k.id).await.unwrap();
        let convened: Vec<_> = delegates
            .iter()
            .filter(|d| d.status == DelegateStatus::Convened)
            .collect();
        assert_eq!(convened.len(), 247);
        assert_eq!(store.count_ex_officio(k.id).await.unwrap(), 37);
        assert!(
            delegates
                .iter()
                .filter(|d| d.kind == DelegateKind::ExOfficio)
                .all(|d| d.person_id.is_some() && d.organization_id == Some(district.id))
        );
        let codes: std::collections::HashSet<&str> =
            delegates.iter().map(|d| d.check_in_code.as_str()).collect();
        assert_eq!(codes.len(), delegates.len());
        let allocation = store.delegate_allocation(k.id).await.unwrap();
        assert_eq!(allocation.len(), 47);
        assert_eq!(allocation.iter().map(|a| a.seats).sum::<i64>(), 210);
        assert!(allocation.iter().all(|a| a.seats == a.proposed));

        // The workspace accounts: no portal role, a secretariat each; the editor gets nothing.
        for (username, code) in [
            (cycle::DISTRICT_SECRETARIAT, "TU"),
            (cycle::GRASSROOTS_SECRETARIAT, "TU-02"),
        ] {
            let user = store
                .user_by_username(username)
                .await
                .unwrap()
                .expect(username);
            assert!(!user.portal_access, "{username} is workspace only");
            assert!(daihoi_web::kernel::auth::verify_password(
                DEMO_PASSWORD,
                &user.password_hash
            ));
            let org = store.organization_by_code(code).await.unwrap().unwrap();
            let grants = store.grants_of(user.id).await.unwrap();
            assert_eq!(grants.len(), 1, "{username}");
            assert_eq!(grants[0].grant.role, Role::Secretariat);
            assert_eq!(grants[0].grant.scope, Scope::Organization(org.id));
        }
        for username in ["admin", "bientap"] {
            let user = store.user_by_username(username).await.unwrap().unwrap();
            assert!(user.portal_access);
            assert!(store.grants_of(user.id).await.unwrap().is_empty());
        }
    })
    .await;
}
