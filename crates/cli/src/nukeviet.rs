//! `daihoi import nukeviet DUMP.sql --uploads DIR [--dry-run]` — chuyển một trang NukeViet sang
//! daihoi (decision 0012).
//!
//! Works on the database `daihoi serve` uses (`--data-dir`, `--database-url`, env
//! `DATABASE_URL`), also while the server runs: the portal keeps pages for 2 s only, so what the
//! import brings shows within that time. Steps: the dump is read and mapped
//! (`daihoi-nukeviet`, exit 2 and nothing stored when it is refused); the pictures of the new
//! articles are copied from `--uploads` into `<data-dir>/uploads` (cleaned and re-encoded as an
//! upload is; a missing or broken picture is reported and skipped); then everything is stored in
//! one transaction (`Store::import_nukeviet`), and the copied files are removed again if that
//! fails. A second run of the same dump changes nothing. A report follows: counts, and what was
//! skipped and why. On a terminal, a progress bar shows the reading and the copying.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use daihoi_domain::vn::format::{format_int, format_uint};
use daihoi_nukeviet::site::{Note, place_photos};
use daihoi_nukeviet::{Limits, Site, read_site};
use daihoi_store::{
    ImportedArticle, ImportedCategory, ImportedFile, ImportedPhoto, NukevietImport,
};
use daihoi_web::portal::photos::{PhotoFiles, clean_photo, write_photo_files};
use indicatif::{ProgressBar, ProgressStyle};

use crate::user::{DbArgs, open_store};

/// Arguments of `daihoi import nukeviet`.
#[derive(clap::Args)]
pub struct NukevietArgs {
    /// The dump of the news module and counter tables (`mysqldump` or phpMyAdmin, UTF-8).
    dump: PathBuf,
    /// The old site's `uploads` folder (home pictures are under `news/`).
    #[arg(long)]
    uploads: Option<PathBuf>,
    /// Read and check everything and say what would change, without storing or copying.
    #[arg(long)]
    dry_run: bool,
    /// The time zone of NukeViet's statistics (dates its counter's buckets).
    #[arg(long, default_value = "Asia/Ho_Chi_Minh")]
    time_zone: chrono_tz::Tz,
    #[command(flatten)]
    db: DbArgs,
}

/// Runs `daihoi import nukeviet`.
pub fn run(args: NukevietArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("daihoi import nukeviet: {err}");
            return ExitCode::FAILURE;
        }
    };
    let now = Utc::now();
    let site = match read(&args.dump, now) {
        Ok(site) => site,
        Err(Failure::Refused(message)) => {
            eprintln!(
                "Tệp «{}» bị từ chối, không có gì được lưu: {message}",
                args.dump.display()
            );
            return ExitCode::from(2);
        }
        Err(Failure::Other(message)) => {
            eprintln!("daihoi import nukeviet: {message}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(import(&args, site, now)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("daihoi import nukeviet: {message}");
            ExitCode::FAILURE
        }
    }
}

enum Failure {
    Refused(String),
    Other(String),
}

/// A reader that moves a progress bar.
struct Counting<R> {
    inner: R,
    bar: ProgressBar,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bar.inc(n as u64);
        Ok(n)
    }
}

fn bar(len: u64, message: &'static str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template("{msg:16} [{bar:40}] {percent:>3}% {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(message);
    bar
}

fn read(path: &Path, now: DateTime<Utc>) -> Result<Site, Failure> {
    let file = File::open(path)
        .map_err(|e| Failure::Other(format!("không mở được {}: {e}", path.display())))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let limits = Limits::default();
    if len > limits.max_bytes {
        return Err(Failure::Refused(format!(
            "tệp lớn {} byte, quá giới hạn {} byte",
            format_uint(len),
            format_uint(limits.max_bytes)
        )));
    }
    let progress = bar(len, "Đọc tệp sao lưu");
    let reader = BufReader::with_capacity(
        1 << 20,
        Counting {
            inner: file,
            bar: progress.clone(),
        },
    );
    let site = read_site(reader, &limits, now).map_err(|e| Failure::Refused(e.to_string()));
    progress.finish_and_clear();
    site
}

/// What copying the pictures gave.
#[derive(Default)]
struct Copied {
    /// Files copied now, with their paths on disk (removed again if storing fails).
    files: Vec<(ImportedFile, PhotoFiles)>,
    /// Every picture path that has a stored file (earlier imports' and this one's).
    stored: HashMap<String, String>,
    /// Pictures that would be copied (dry run).
    would_copy: u64,
    notes: Vec<Note>,
}

async fn import(args: &NukevietArgs, site: Site, now: DateTime<Utc>) -> Result<(), String> {
    let store = open_store(&args.db).await.map_err(|e| format!("{e:#}"))?;
    let known = store.nukeviet_known().await.map_err(|e| e.to_string())?;
    let new_articles = site
        .articles
        .iter()
        .filter(|a| !known.articles.contains(&a.nv_id))
        .count();
    let mut copied = copy_pictures(args, &site, &known, now);
    // Notes about articles brought by an earlier run were reported then.
    let notes: Vec<Note> = site
        .notes
        .iter()
        .filter(|n| n.nv_id.is_none_or(|id| !known.articles.contains(&id)))
        .cloned()
        .collect();
    let import = plan(&site, &copied, args.time_zone);
    if args.dry_run {
        println!(
            "Kiểm tra xong tệp «{}» (bảng {}_{}_{}), chưa lưu gì:",
            args.dump.display(),
            site.prefix,
            site.lang,
            site.module
        );
        println!(
            "  chuyên mục: {}; bài viết: {} (mới {}, đã nhập trước {}); ảnh cần chép: {}",
            format_int(site.categories.len() as i64),
            format_int(site.articles.len() as i64),
            format_int(new_articles as i64),
            format_int((site.articles.len() - new_articles) as i64),
            format_uint(copied.would_copy),
        );
        print_visits(&import);
        print_notes(&notes, &copied.notes);
        return Ok(());
    }
    let counts = match store.import_nukeviet(&import, now).await {
        Ok(counts) => counts,
        Err(err) => {
            for (_, files) in &copied.files {
                files.remove();
            }
            return Err(format!("không lưu được, không có gì thay đổi: {err}"));
        }
    };
    copied.files.clear();
    if counts.changed() {
        println!(
            "Đã nhập tệp «{}» (bảng {}_{}_{}):",
            args.dump.display(),
            site.prefix,
            site.lang,
            site.module
        );
    } else {
        println!(
            "Tệp «{}» đã được nhập trước đây: không có gì thay đổi.",
            args.dump.display()
        );
    }
    println!(
        "  chuyên mục: thêm {}, ghép với chuyên mục có sẵn {}",
        format_uint(counts.categories_added),
        format_uint(counts.categories_merged)
    );
    println!(
        "  bài viết: thêm {}, đã có từ lần nhập trước {}, bỏ qua {}",
        format_uint(counts.articles_added),
        format_uint(counts.articles_known),
        format_int(notes.iter().filter(|n| n.skipped).count() as i64)
    );
    println!(
        "  ảnh: thêm {}; điểm đánh giá chuyển sang: {} bài",
        format_uint(counts.photos_added),
        format_uint(counts.ratings_changed)
    );
    println!(
        "  lượt truy cập chuyển sang: {}",
        format_int(counts.visits_added)
    );
    print_notes(&notes, &copied.notes);
    Ok(())
}

fn print_visits(import: &NukevietImport) {
    let total: u64 = import.daily_visits.iter().map(|(_, n)| n).sum();
    println!(
        "  lượt truy cập của bộ đếm: {} (ghi vào {} ngày)",
        format_uint(total),
        format_int(import.daily_visits.len() as i64)
    );
}

/// The report of what was skipped or lost: the first 100 lines, then how many more.
fn print_notes(site: &[Note], copies: &[Note]) {
    let notes: Vec<&Note> = site.iter().chain(copies).collect();
    if notes.is_empty() {
        return;
    }
    println!("Ghi chú ({}):", format_int(notes.len() as i64));
    for note in notes.iter().take(100) {
        let what = if note.skipped { "bỏ qua" } else { "lưu ý" };
        match note.nv_id {
            Some(id) => println!("  - bài {id}, {what}: {}", note.message),
            None => println!("  - {what}: {}", note.message),
        }
    }
    if notes.len() > 100 {
        println!(
            "  … và {} ghi chú khác.",
            format_int(notes.len() as i64 - 100)
        );
    }
}

/// Copies the pictures of the articles not imported yet (each file once), unless dry run.
fn copy_pictures(
    args: &NukevietArgs,
    site: &Site,
    known: &daihoi_store::NukevietKnown,
    now: DateTime<Utc>,
) -> Copied {
    let mut copied = Copied::default();
    for (path, file) in &known.files {
        copied.stored.insert(path.clone(), file.file_name.clone());
    }
    let mut wanted: Vec<(i64, &str)> = Vec::new();
    let mut queued: HashSet<&str> = HashSet::new();
    for article in site
        .articles
        .iter()
        .filter(|a| !known.articles.contains(&a.nv_id))
    {
        let paths = article
            .picture
            .iter()
            .map(|p| p.path.as_str())
            .chain(article.body_pictures.iter().map(String::as_str));
        for path in paths {
            if !copied.stored.contains_key(path) && queued.insert(path) {
                wanted.push((article.nv_id, path));
            }
        }
    }
    if wanted.is_empty() {
        return copied;
    }
    let Some(uploads) = &args.uploads else {
        copied.notes.push(Note {
            nv_id: None,
            skipped: false,
            message: format!(
                "không có --uploads: {} ảnh không được chép",
                format_int(wanted.len() as i64)
            ),
        });
        return copied;
    };
    let target = args.db.data_dir.join("uploads");
    let progress = bar(wanted.len() as u64, "Chép ảnh");
    for (nv_id, path) in wanted {
        progress.inc(1);
        let source = uploads.join(path);
        let bytes = match std::fs::read(&source) {
            Ok(bytes) => bytes,
            Err(err) => {
                let why = if err.kind() == std::io::ErrorKind::NotFound {
                    "không có trong thư mục uploads".to_owned()
                } else {
                    format!("không đọc được ({err})")
                };
                copied.notes.push(Note {
                    nv_id: Some(nv_id),
                    skipped: false,
                    message: format!("ảnh «{path}» {why}: bỏ qua ảnh này"),
                });
                continue;
            }
        };
        if args.dry_run {
            copied.would_copy += 1;
            continue;
        }
        let clean = match clean_photo(&bytes) {
            Ok(clean) => clean,
            Err(err) => {
                copied.notes.push(Note {
                    nv_id: Some(nv_id),
                    skipped: false,
                    message: format!("ảnh «{path}» không dùng được ({err}): bỏ qua ảnh này"),
                });
                continue;
            }
        };
        match write_photo_files(&target, now, &clean) {
            Ok(files) => {
                copied.stored.insert(path.to_owned(), files.path.clone());
                copied.files.push((
                    ImportedFile {
                        path: path.to_owned(),
                        file_name: files.path.clone(),
                        thumb_name: files.thumb_path.clone(),
                        width: clean.width,
                        height: clean.height,
                        mime: clean.mime.to_owned(),
                    },
                    files,
                ));
            }
            Err(err) => copied.notes.push(Note {
                nv_id: Some(nv_id),
                skipped: false,
                message: format!("không ghi được ảnh «{path}» ({err}): bỏ qua ảnh này"),
            }),
        }
    }
    progress.finish_and_clear();
    copied
}

/// The store's input: every category and article of the site, photos pointed at the stored
/// files (a picture without one is left out), and the counter's daily figures.
fn plan(site: &Site, copied: &Copied, time_zone: chrono_tz::Tz) -> NukevietImport {
    let resolve = |path: &str| copied.stored.get(path).map(|f| format!("/uploads/{f}"));
    let photo = |path: &str, caption: &str| {
        copied.stored.contains_key(path).then(|| ImportedPhoto {
            path: path.to_owned(),
            caption: caption.to_owned(),
        })
    };
    NukevietImport {
        categories: site
            .categories
            .iter()
            .map(|c| ImportedCategory {
                nv_id: c.nv_id,
                parent_nv_id: c.parent,
                name: c.title.clone(),
                slug: c.slug.clone(),
                alias: c.alias.clone(),
                position: c.position,
            })
            .collect(),
        articles: site
            .articles
            .iter()
            .map(|a| ImportedArticle {
                nv_id: a.nv_id,
                category_nv_id: a.category,
                other_category_nv_ids: a.other_categories.clone(),
                slug: a.slug.clone(),
                title: a.title.clone(),
                lead: a.lead.clone(),
                body_html: place_photos(&a.body_html, &resolve),
                author: a.author.clone(),
                source: a.source.clone(),
                status: a.status,
                published_at: a.published_at,
                created_at: a.created_at,
                edited_at: a.edited_at,
                cover: a.picture.as_ref().and_then(|p| photo(&p.path, &p.caption)),
                body_photos: a
                    .body_pictures
                    .iter()
                    .filter_map(|p| photo(p, ""))
                    .collect(),
                rating_sum: a.rating_sum,
                rating_count: a.rating_count,
            })
            .collect(),
        files: copied.files.iter().map(|(f, _)| f.clone()).collect(),
        daily_visits: site
            .counter
            .as_ref()
            .map(|c| c.daily(time_zone))
            .unwrap_or_default(),
    }
}
