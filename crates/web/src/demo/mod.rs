//! Dữ liệu mẫu — the demo portal: its articles, photos, categories, accounts and visit history,
//! loaded by `daihoi serve` into an empty database.
//!
//! - [`content`]: the texts (compiled in from `crates/web/demo-content/`) and their format.
//! - [`pictures`]: the photos, drawn by code.
//! - [`history`]: the reference day and the daily visit counters that reproduce the seed's block.
//! - [`load`]: puts all of it into a store.
//!
//! Everything that can fail without touching the database (reading the texts, drawing the
//! pictures, hashing the passwords, building the visit history) is done first, so a broken demo
//! fails before anything is written.

pub mod content;
pub mod history;
pub mod pictures;

use anyhow::{Context as _, anyhow};
use chrono::{DateTime, NaiveDate, TimeZone as _, Utc};
use daihoi_store::{
    Actor, ArticleStatus, NewArticle, NewCategory, NewUser, Role, SETTING_DEMO_REFERENCE_DAY,
    SETTING_PORTAL_NAME, Store, VisitKind,
};

use crate::state::Config;
use content::{DemoArticle, PublishedOffset};

/// Mật khẩu mẫu — the password of both demo accounts (documented in the README).
pub const DEMO_PASSWORD: &str = "daihoi-demo-2026";

/// Tài khoản mẫu — the demo accounts: (username, display name, role).
pub const DEMO_ACCOUNTS: &[(&str, &str, Role)] = &[
    ("admin", "Quản trị viên (bản trình diễn)", Role::Admin),
    ("bientap", "Biên tập viên (bản trình diễn)", Role::Editor),
];

/// Setting key of the portal's one-line tagline (says that the portal is a demo).
pub const SETTING_PORTAL_TAGLINE: &str = "portal_tagline";
/// Setting key of the portal's "about" text (Markdown), for the footer or an about page.
pub const SETTING_PORTAL_ABOUT: &str = "portal_about";

/// Nạp dữ liệu mẫu — load the demo into `store` when it is empty; does nothing (and says so in
/// the log) when it already holds articles, categories or users.
///
/// `today` is the local date (in `config.time_zone`) of the first start. It becomes the demo's
/// reference day, stored as the setting `demo_reference_day`, on which the statistics block reads
/// exactly the seed's figures; when the calendar makes them impossible on `today` (the first days
/// of a month or a year), the nearest possible earlier day is used and a warning is logged.
/// Articles are dated the days before the reference day; photos go to `config.uploads_dir()`.
///
/// The store offers one transaction per entity, so a failure part-way through (e.g. the disk
/// fills up) can leave part of the demo in the database; the error says which step failed and
/// how to start over.
pub async fn load(store: &Store, config: &Config, today: NaiveDate) -> anyhow::Result<()> {
    if !store
        .is_empty()
        .await
        .context("không kiểm tra được cơ sở dữ liệu có trống không")?
    {
        tracing::info!("the database already holds data: the demo is not loaded");
        return Ok(());
    }

    // 1. Everything that needs no database.
    let portal = content::portal().context("nội dung mẫu hỏng")?;
    let categories = content::categories().context("nội dung mẫu hỏng")?;
    let articles = content::articles().context("nội dung mẫu hỏng")?;
    let history = history::demo_history(today).context("không tạo được lịch sử truy cập mẫu")?;
    for (day, reason) in &history.skipped {
        tracing::warn!(%day, %reason, "the seed's visit figures are impossible on this day");
    }
    if history.reference_day != today {
        tracing::warn!(
            requested = %today,
            reference_day = %history.reference_day,
            "demo reference day moved back: on it the statistics block shows the seed's figures"
        );
    }
    let reference_day = history.reference_day;
    let pictures = draw_all(&articles).await?;
    let accounts = hash_accounts().await?;

    // 2. The database, in the order that keeps a failure easy to recover from: the history and
    // settings first (the database still counts as empty if they fail), then the rest.
    let now = Utc::now();
    let actor = Actor::System;
    let step = |what: &str| {
        format!(
            "nạp dữ liệu mẫu thất bại ở bước «{what}»; cơ sở dữ liệu có thể đã có một phần dữ \
             liệu mẫu: hãy xóa cơ sở dữ liệu và thư mục ảnh rồi chạy lại, hoặc chạy với --no-demo"
        )
    };

    let mut counts: Vec<(NaiveDate, VisitKind, u64)> = Vec::with_capacity(history.people.len() * 2);
    counts.extend(
        history
            .people
            .iter()
            .map(|&(d, n)| (d, VisitKind::Person, n)),
    );
    counts.extend(history.bots.iter().map(|&(d, n)| (d, VisitKind::Bot, n)));
    store
        .replace_daily_visits(&counts)
        .await
        .with_context(|| step("lịch sử truy cập"))?;

    let settings = [
        (SETTING_DEMO_REFERENCE_DAY, reference_day.to_string()),
        (SETTING_PORTAL_NAME, portal.name.clone()),
        (SETTING_PORTAL_TAGLINE, portal.tagline.clone()),
        (SETTING_PORTAL_ABOUT, portal.about.clone()),
    ];
    for (key, value) in &settings {
        store
            .set_setting(key, value, &actor, now)
            .await
            .with_context(|| step(&format!("cấu hình {key}")))?;
    }

    let mut category_ids: Vec<(String, i64)> = Vec::with_capacity(categories.len());
    for c in &categories {
        let new = NewCategory {
            slug: c.slug.clone(),
            name: c.name.clone(),
            description: c.description.clone(),
            position: c.position,
        };
        let created = store
            .create_category(&new, &actor, now)
            .await
            .with_context(|| step(&format!("chuyên mục {}", c.slug)))?;
        category_ids.push((c.slug.clone(), created.id));
    }

    for new in &accounts {
        store
            .create_user(new, &actor, now)
            .await
            .with_context(|| step(&format!("tài khoản {}", new.username)))?;
    }

    let uploads_dir = config.uploads_dir();
    std::fs::create_dir_all(&uploads_dir)
        .with_context(|| format!("không tạo được thư mục ảnh {}", uploads_dir.display()))?;
    for (article, pictures) in articles.iter().zip(&pictures) {
        let category_id = category_ids
            .iter()
            .find(|(slug, _)| *slug == article.category)
            .map(|(_, id)| *id)
            .ok_or_else(|| anyhow!("chuyên mục «{}» chưa được tạo", article.category))?;
        let published_at = published_at(config, reference_day, article.published)?;
        load_article(
            store,
            &uploads_dir,
            article,
            pictures,
            category_id,
            published_at,
            now,
        )
        .await
        .with_context(|| step(&format!("bài viết {}", article.file)))?;
    }

    tracing::info!(
        %reference_day,
        articles = articles.len(),
        categories = categories.len(),
        days = history.people.len(),
        "demo data loaded"
    );
    Ok(())
}

/// One article: created as a draft, its photos saved through the normal upload path, then
/// updated with the photo ids in the body, the cover photo and its final status and time.
async fn load_article(
    store: &Store,
    uploads_dir: &std::path::Path,
    article: &DemoArticle,
    pictures: &[Vec<u8>],
    category_id: i64,
    published_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let actor = Actor::System;
    let mut input = NewArticle {
        slug: article.slug.clone(),
        title: article.title.clone(),
        lead: article.lead.clone(),
        body_md: article.body.clone(),
        kind: article.kind,
        category_id,
        author: article.author.clone(),
        source: article.source.clone(),
        status: ArticleStatus::Draft,
        published_at: None,
        cover_photo_id: None,
    };
    let created = store.create_article(&input, &actor, now).await?;

    let target = crate::photos::PhotoTarget {
        store,
        uploads_dir,
        article_id: created.id,
        actor,
        now,
    };
    let mut ids: Vec<(String, i64)> = Vec::with_capacity(article.photos.len());
    for (photo, bytes) in article.photos.iter().zip(pictures) {
        let saved = crate::photos::save_photo(
            &target,
            bytes,
            &format!("{}.png", photo.key),
            &photo.caption,
        )
        .await
        .with_context(|| format!("không lưu được ảnh «{}»", photo.key))?;
        ids.push((photo.key.clone(), saved.photo.id));
    }

    input.body_md = content::substitute_photo_ids(&article.body, &ids);
    input.cover_photo_id = ids
        .iter()
        .find(|(key, _)| *key == article.cover)
        .map(|(_, id)| *id);
    input.status = article.status;
    input.published_at = (article.status == ArticleStatus::Published).then_some(published_at);
    store
        .update_article(created.id, &input, &actor, now)
        .await?;
    Ok(())
}

/// The publication instant of an article: its local wall-clock time, N days before the
/// reference day, in the configured time zone.
fn published_at(
    config: &Config,
    reference_day: NaiveDate,
    offset: PublishedOffset,
) -> anyhow::Result<DateTime<Utc>> {
    let day = reference_day
        .checked_sub_days(chrono::Days::new(u64::from(offset.days_before)))
        .ok_or_else(|| anyhow!("ngày đăng nằm ngoài lịch"))?;
    let local = day.and_time(offset.time);
    let at = config
        .time_zone
        .from_local_datetime(&local)
        .earliest()
        .ok_or_else(|| {
            anyhow!(
                "giờ đăng {local} không tồn tại ở múi giờ {}",
                config.time_zone
            )
        })?;
    Ok(at.with_timezone(&Utc))
}

/// Draw every article's pictures (PNG bytes), on a blocking thread: CPU work.
async fn draw_all(articles: &[DemoArticle]) -> anyhow::Result<Vec<Vec<Vec<u8>>>> {
    let jobs: Vec<Vec<(String, u64)>> = articles
        .iter()
        .map(|a| {
            a.photos
                .iter()
                .map(|p| {
                    let seed = pictures::seed_for(&format!("{}/{}", a.slug, p.key));
                    (p.pattern().to_owned(), seed)
                })
                .collect()
        })
        .collect();
    tokio::task::spawn_blocking(move || {
        jobs.into_iter()
            .map(|photos| {
                photos
                    .into_iter()
                    .map(|(pattern, seed)| {
                        pictures::draw_png(&pattern, seed)
                            .ok_or_else(|| anyhow!("không có mẫu hình «{pattern}» để vẽ ảnh"))
                    })
                    .collect::<anyhow::Result<Vec<_>>>()
            })
            .collect()
    })
    .await
    .context("luồng vẽ ảnh mẫu bị dừng")?
}

/// The demo accounts with their argon2id hashes (CPU work, on a blocking thread).
async fn hash_accounts() -> anyhow::Result<Vec<NewUser>> {
    tokio::task::spawn_blocking(|| {
        DEMO_ACCOUNTS
            .iter()
            .map(|&(username, display_name, role)| NewUser {
                username: username.to_owned(),
                display_name: display_name.to_owned(),
                role,
                password_hash: crate::auth::hash_password(DEMO_PASSWORD),
            })
            .collect()
    })
    .await
    .context("luồng băm mật khẩu mẫu bị dừng")
}
