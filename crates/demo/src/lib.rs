//! Dữ liệu mẫu — the demo portal: its articles, photos, categories, accounts and visit history,
//! loaded by `daihoi serve` into an empty database.
//!
//! - [`congress`]: the seed's congress cycle (Tân Uyên, term 2020–2025): organizations, rolls,
//!   congresses, the slate of the district congress and the workspace accounts, with invented
//!   names and personal data ([`congress::INVENTED_NOTICE`]).
//! - [`citizens`]: a fortnight of the leaders' work schedule around the reference day and a few
//!   answered questions (Lịch công tác, Hỏi đáp).
//! - [`content`]: the texts (compiled in from `crates/demo/content/`) and their format.
//! - [`pictures`]: the photos, drawn by code.
//! - [`sections`]: the about pages and documents (one of them "Mật", never published).
//! - [`history`]: the reference day and the daily visit counters that reproduce the seed's block.
//! - [`load`]: puts all of it into a store: [`prepare`], then [`write`].
//!
//! Everything that can fail without touching the database (reading the texts, drawing the
//! pictures and writing their files, hashing the passwords, building the visit history) is done
//! first, so a broken demo fails before anything is written; then the database gets the whole
//! demo in one transaction, or nothing.

pub mod citizens;
pub mod congress;
pub mod content;
pub mod history;
pub mod identity;
pub mod pictures;
pub mod sections;

use anyhow::{Context as _, anyhow};
use chrono::{DateTime, NaiveDate, TimeZone as _, Utc};
use daihoi_store::{
    Actor, ArticleStatus, CongressFields, Constraint, DemoAllocationRow, DemoArticleRows,
    DemoBundle, DemoCongressRow, DemoCongressRows, DemoDelegateRow, DemoPhotoRow, DemoSlateRow,
    DemoWorkspaceAccount, NewArticle, NewCategory, NewUser, Role, SETTING_DEMO_REFERENCE_DAY,
    SETTING_PORTAL_NAME, Store, StoreError, VisitKind,
};

use content::{DemoArticle, PublishedOffset};
use daihoi_web::Config;
use daihoi_web::portal::photos::{self, PhotoFiles};

/// Mật khẩu mẫu — the password of every demo account, the portal's and the congress workspace's
/// (documented in the README).
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
/// All or nothing: [`prepare`] does everything that needs no database (texts, pictures written to
/// disk, password hashes, visit history), then [`write`] puts the whole demo into the database in
/// one transaction. If that fails, nothing of the demo is in the database, the next start tries
/// again, and the photo files just written are removed.
pub async fn load(store: &Store, config: &Config, today: NaiveDate) -> anyhow::Result<()> {
    if !store
        .is_empty()
        .await
        .context("không kiểm tra được cơ sở dữ liệu có trống không")?
    {
        tracing::info!("the database already holds data: the demo is not loaded");
        return Ok(());
    }
    let prepared = prepare(config, today).await?;
    write(store, prepared).await
}

/// Dữ liệu mẫu đã chuẩn bị — the demo ready to be written: the rows for the database and the
/// photo files already on disk.
#[derive(Debug)]
pub struct PreparedDemo {
    /// Everything [`Store::load_demo`] writes.
    pub bundle: DemoBundle,
    /// The day on which the statistics block shows the seed's figures.
    pub reference_day: NaiveDate,
    /// The photo files written by [`prepare`], removed again if the database refuses the demo.
    pub files: Vec<PhotoFiles>,
    /// The documents' PDF files written by [`prepare`] (absolute paths), removed likewise.
    pub document_files: Vec<std::path::PathBuf>,
}

/// Chuẩn bị dữ liệu mẫu — everything that needs no database: read the texts, build the visit
/// history, draw the pictures and write their files (each atomically, under
/// `config.uploads_dir()`), hash the passwords. A broken demo fails here, before anything is
/// written to the database.
pub async fn prepare(config: &Config, today: NaiveDate) -> anyhow::Result<PreparedDemo> {
    let portal = content::portal().context("nội dung mẫu hỏng")?;
    let cycle = congress::cycle().context("chu kỳ đại hội mẫu hỏng")?;
    let boundaries = identity::boundaries()?;
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
    let citizens = citizens::rows(reference_day, config.time_zone)?;
    // Memory: the password hashes (argon2id, 19 MiB each) come first and one at a time, and each
    // picture is drawn, cleaned and written before the next is drawn, so the start-up peak holds
    // one of these at a time, not all of them.
    let users = hash_accounts(&cycle.accounts).await?;

    let mut daily_visits: Vec<(NaiveDate, VisitKind, u64)> =
        Vec::with_capacity(history.people.len() * 2);
    daily_visits.extend(
        history
            .people
            .iter()
            .map(|&(d, n)| (d, VisitKind::Person, n)),
    );
    daily_visits.extend(history.bots.iter().map(|&(d, n)| (d, VisitKind::Bot, n)));
    let mut settings = vec![
        (
            SETTING_DEMO_REFERENCE_DAY.to_owned(),
            reference_day.to_string(),
        ),
        (SETTING_PORTAL_NAME.to_owned(), portal.name.clone()),
        (SETTING_PORTAL_TAGLINE.to_owned(), portal.tagline.clone()),
        (SETTING_PORTAL_ABOUT.to_owned(), portal.about.clone()),
        (
            daihoi_store::SETTING_INVENTED_DATA_NOTICE.to_owned(),
            congress::INVENTED_NOTICE.to_owned(),
        ),
    ];
    settings.extend(identity::settings(&portal.tagline));
    let categories = categories
        .iter()
        .map(|c| NewCategory {
            slug: c.slug.clone(),
            name: c.name.clone(),
            description: c.description.clone(),
            position: c.position,
        })
        .collect();

    let uploads_dir = config.uploads_dir();
    std::fs::create_dir_all(&uploads_dir)
        .with_context(|| format!("không tạo được thư mục ảnh {}", uploads_dir.display()))?;
    let now = Utc::now();
    let mut files: Vec<PhotoFiles> = Vec::new();
    let mut rows: Vec<DemoArticleRows> = Vec::with_capacity(articles.len());
    for article in &articles {
        let published_at = published_at(config, reference_day, article.published)?;
        let photos = match write_pictures(&uploads_dir, now, article, &mut files).await {
            Ok(photos) => photos,
            Err(err) => {
                files.iter().for_each(PhotoFiles::remove);
                return Err(err.context(format!("bài viết mẫu {}", article.file)));
            }
        };
        rows.push(DemoArticleRows {
            category_slug: article.category.clone(),
            article: NewArticle {
                slug: article.slug.clone(),
                title: article.title.clone(),
                lead: article.lead.clone(),
                body_md: article.body.clone(),
                kind: article.kind,
                category_id: 0,
                author: article.author.clone(),
                source: article.source.clone(),
                status: article.status,
                published_at: (article.status == ArticleStatus::Published).then_some(published_at),
                cover_photo_id: None,
                congress_id: None,
            },
            photos,
            cover_key: Some(article.cover.clone()),
        });
    }
    let documents_dir = daihoi_web::portal::document_files::documents_dir(config);
    let (sections, document_names) = match sections::rows(&documents_dir, now) {
        Ok(rows) => rows,
        Err(err) => {
            files.iter().for_each(PhotoFiles::remove);
            return Err(err.context("văn bản mẫu"));
        }
    };
    Ok(PreparedDemo {
        document_files: document_names
            .iter()
            .map(|name| documents_dir.join(name))
            .collect(),
        bundle: DemoBundle {
            sections,
            settings,
            categories,
            users,
            articles: rows,
            daily_visits,
            link_photos: content::substitute_photo_ids,
            congress: congress_rows(cycle, boundaries),
            citizens,
        },
        reference_day,
        files,
    })
}

/// Ghi dữ liệu mẫu — write a prepared demo into `store` in one transaction
/// ([`Store::load_demo`]). Does nothing when the database is no longer empty (another instance
/// loaded the demo first). On failure the database keeps none of the demo and the photo files of
/// `prepared` are removed; a file that cannot be removed stays behind unused, which is harmless.
pub async fn write(store: &Store, prepared: PreparedDemo) -> anyhow::Result<()> {
    let PreparedDemo {
        bundle,
        reference_day,
        files,
        document_files,
    } = prepared;
    let remove_documents = || {
        for path in &document_files {
            let _ = std::fs::remove_file(path);
        }
    };
    match store.load_demo(&bundle, &Actor::System, Utc::now()).await {
        Ok(true) => {
            tracing::info!(
                %reference_day,
                articles = bundle.articles.len(),
                categories = bundle.categories.len(),
                days = bundle.daily_visits.len(),
                organizations = bundle.congress.organizations.len(),
                people = bundle.congress.people.len(),
                congresses = bundle.congress.congresses.len(),
                "demo data loaded"
            );
            Ok(())
        }
        Ok(false) => {
            files.iter().for_each(PhotoFiles::remove);
            remove_documents();
            tracing::info!("the database already holds data: the demo is not loaded");
            Ok(())
        }
        Err(err) => {
            files.iter().for_each(PhotoFiles::remove);
            remove_documents();
            let err = match err {
                StoreError::Conflict(constraint) => anyhow!(demo_conflict(&bundle, constraint)),
                other => anyhow::Error::new(other),
            };
            Err(err.context(
                "nạp dữ liệu mẫu thất bại; cơ sở dữ liệu không giữ lại phần nào của dữ liệu mẫu \
                 và lần khởi động sau sẽ nạp lại (hoặc chạy với --no-demo)",
            ))
        }
    }
}

/// The words for a unique value the demo content uses twice: the store names the constraint,
/// the bundle tells which value.
fn demo_conflict(bundle: &DemoBundle, constraint: Constraint) -> String {
    fn first_repeated<'a>(mut values: impl Iterator<Item = &'a str>) -> String {
        let mut seen = std::collections::HashSet::new();
        values
            .find(|v| !seen.insert(*v))
            .unwrap_or_default()
            .to_owned()
    }
    match constraint {
        Constraint::ArticleSlug => format!(
            "hai bài viết mẫu cùng đường dẫn «{}»",
            first_repeated(bundle.articles.iter().map(|a| a.article.slug.as_str()))
        ),
        Constraint::CategorySlug => format!(
            "hai chuyên mục mẫu cùng đường dẫn «{}»",
            first_repeated(bundle.categories.iter().map(|c| c.slug.as_str()))
        ),
        Constraint::Username => format!(
            "hai tài khoản mẫu cùng tên đăng nhập «{}»",
            first_repeated(bundle.users.iter().map(|u| u.username.as_str()))
        ),
        Constraint::OrganizationCode => format!(
            "hai tổ chức mẫu cùng mã «{}»",
            first_repeated(
                bundle
                    .congress
                    .organizations
                    .iter()
                    .map(|o| o.code.as_str())
            )
        ),
        Constraint::PersonCard => format!(
            "hai người mẫu cùng số thẻ đảng viên «{}»",
            first_repeated(
                bundle
                    .congress
                    .people
                    .iter()
                    .filter_map(|p| p.card_number.as_deref())
            )
        ),
        other => format!("dữ liệu mẫu trùng một giá trị phải là duy nhất ({other})"),
    }
}

/// Draw, clean (re-encode, as an upload would be) and write the pictures of one article, one at a
/// time on a blocking thread (CPU work), returning their rows; every file written is added to
/// `files`.
async fn write_pictures(
    uploads_dir: &std::path::Path,
    now: DateTime<Utc>,
    article: &DemoArticle,
    files: &mut Vec<PhotoFiles>,
) -> anyhow::Result<Vec<DemoPhotoRow>> {
    let mut rows = Vec::with_capacity(article.photos.len());
    for photo in &article.photos {
        let dir = uploads_dir.to_path_buf();
        let pattern = photo.pattern().to_owned();
        let seed = pictures::seed_for(&format!("{}/{}", article.slug, photo.key));
        let (clean, written) = tokio::task::spawn_blocking(move || {
            let bytes = pictures::draw_png(&pattern, seed)
                .ok_or_else(|| anyhow!("không có mẫu hình «{pattern}» để vẽ ảnh"))?;
            let clean = photos::clean_photo(&bytes)?;
            drop(bytes);
            let written = photos::write_photo_files(&dir, now, &clean)?;
            Ok::<_, anyhow::Error>((clean, written))
        })
        .await
        .context("luồng ghi ảnh mẫu bị dừng")?
        .with_context(|| format!("không lưu được ảnh «{}»", photo.key))?;
        rows.push(DemoPhotoRow {
            key: photo.key.clone(),
            file_name: written.path.clone(),
            thumb_name: written.thumb_path.clone(),
            caption: daihoi_domain::vn::nfc(photo.caption.trim()),
            width: clean.width,
            height: clean.height,
            mime: clean.mime.to_owned(),
        });
        files.push(written);
    }
    Ok(rows)
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

/// The demo accounts with their argon2id hashes (CPU work, on a blocking thread, one at a
/// time): the portal's, then the congress workspace's. A workspace account is created with the
/// editor's portal role, which the load then switches off (`portal_access` false): its rights
/// are its grants.
async fn hash_accounts(workspace: &[congress::WorkspaceAccount]) -> anyhow::Result<Vec<NewUser>> {
    let mut accounts: Vec<(String, String, Role)> = DEMO_ACCOUNTS
        .iter()
        .map(|&(username, display_name, role)| (username.to_owned(), display_name.to_owned(), role))
        .collect();
    accounts.extend(
        workspace
            .iter()
            .map(|a| (a.username.clone(), a.display_name.clone(), Role::Editor)),
    );
    tokio::task::spawn_blocking(move || {
        accounts
            .into_iter()
            .map(|(username, display_name, role)| NewUser {
                username,
                display_name,
                role,
                password_hash: daihoi_web::kernel::auth::hash_password(DEMO_PASSWORD),
            })
            .collect()
    })
    .await
    .context("luồng băm mật khẩu mẫu bị dừng")
}

/// The congress cycle as the store's demo rows: organizations and people as they are, each
/// congress with its fields (quorum 2/3), the workspace accounts with their grants, and the
/// district congress's slate, delegates (by person index and organization code) and allocation.
fn congress_rows(
    cycle: congress::CongressCycle,
    boundaries: daihoi_store::NewBoundaryMap,
) -> DemoCongressRows {
    let congress::CongressCycle {
        organizations,
        people,
        congresses,
        slate,
        accounts,
        delegates,
        allocation,
    } = cycle;
    DemoCongressRows {
        organizations,
        people: people.into_iter().map(|p| p.fields).collect(),
        congresses: congresses
            .into_iter()
            .map(|c| DemoCongressRow {
                organization_code: c.organization_code,
                fields: CongressFields {
                    term: c.term,
                    name: c.name,
                    planned: (Some(c.planned_start), Some(c.planned_end)),
                    held: (Some(c.held_start), Some(c.held_end)),
                    pilot: c.pilot,
                    venue: c.venue,
                    delegates: Some(i64::from(c.delegates)),
                    quorum: Default::default(),
                    committee_seats: Some(i64::from(c.committee_seats)),
                },
                status: c.status,
            })
            .collect(),
        workspace_accounts: accounts
            .into_iter()
            .map(|a| DemoWorkspaceAccount {
                username: a.username,
                grants: vec![(a.role, a.organization_code)],
            })
            .collect(),
        slate: slate
            .into_iter()
            .map(|s| DemoSlateRow {
                person: s.person,
                renominated: s.renominated,
            })
            .collect(),
        delegates: delegates
            .into_iter()
            .map(|d| DemoDelegateRow {
                person: d.person,
                delegate: daihoi_store::NewDelegate {
                    kind: d.kind,
                    person_id: None,
                    full_name: d.full_name,
                    sex: Some(d.sex),
                    birth: Some(d.birth),
                    organization_id: None,
                    alternate_rank: d.alternate_rank.map(i64::from),
                    votes: d.votes.map(i64::from),
                },
                organization_code: d.organization_code,
            })
            .collect(),
        allocation: allocation
            .into_iter()
            .map(|a| DemoAllocationRow {
                organization_code: a.organization_code,
                members: a.members,
                seats: i64::from(a.seats),
            })
            .collect(),
        district_congress: Some(congress::DISTRICT_CODE.to_owned()),
        boundaries: Some(boundaries),
    }
}
