//! `daihoi import nukeviet DUMP.sql --uploads DIR [--dry-run]` — chuyển một trang NukeViet sang
//! daihoi (decision 0012).
//!
//! Works on the database `daihoi serve` uses (`--data-dir`, `--database-url`, env
//! `DATABASE_URL`), also while the server runs: the portal keeps pages for 2 s only, so what the
//! import brings shows within that time. The dump is read twice and never held whole:
//!
//! 1. the first pass (`read_outline`) checks the whole dump and maps everything but the bodies
//!    (exit 2 and nothing stored when it is refused);
//! 2. one transaction opens (`Store::nukeviet_writer`): the categories, the ratings of the
//!    articles imported by an earlier run;
//! 3. the second pass (`Outline::read_bodies`, on a thread of its own) maps each new article
//!    with its body as its row is read, copies its pictures from `--uploads` into
//!    `<data-dir>/uploads` (cleaned and re-encoded as an upload is; a missing or broken picture
//!    is reported and skipped) and hands it over, through a short queue, to be stored at once;
//! 4. the counter's visits, and the commit. If anything fails before the commit (the dump
//!    changed between the passes, the database refused a row), nothing is stored and the
//!    copied files are removed again.
//!
//! A second run of the same dump changes nothing and skips the second pass. A report follows:
//! counts, and what was skipped and why. On a terminal, a progress bar shows each pass.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use daihoi_domain::vn::format::{format_int, format_uint};
use daihoi_nukeviet::site::{Article, Note, place_photos};
use daihoi_nukeviet::{DumpError, Limits, Outline, read_outline};
use daihoi_store::{
    ImportedArticle, ImportedCategory, ImportedFile, ImportedPhoto, NukevietKnown, NukevietWriter,
    PreparedArticle, StoreError,
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

/// How many mapped articles wait between the second pass and the database at most.
const QUEUE: usize = 32;

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
    let result = match first_pass(&args.dump, now) {
        Ok(outline) => runtime.block_on(import(&args, outline, now)),
        Err(failure) => Err(failure),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Refused(message)) => {
            eprintln!(
                "Tệp «{}» bị từ chối, không có gì được lưu: {message}",
                args.dump.display()
            );
            ExitCode::from(2)
        }
        Err(Failure::Other(message)) => {
            eprintln!("daihoi import nukeviet: {message}");
            ExitCode::FAILURE
        }
    }
}

enum Failure {
    /// The dump is refused (exit status 2).
    Refused(String),
    Other(String),
}

fn not_stored(err: StoreError) -> Failure {
    Failure::Other(format!("không lưu được, không có gì thay đổi: {err}"))
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

/// The dump opened for one pass, with its progress bar.
fn open_dump(
    path: &Path,
    message: &'static str,
) -> Result<(BufReader<Counting<File>>, ProgressBar), Failure> {
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
    let progress = bar(len, message);
    let reader = BufReader::with_capacity(
        1 << 20,
        Counting {
            inner: file,
            bar: progress.clone(),
        },
    );
    Ok((reader, progress))
}

/// The first pass: everything but the bodies, and every check of the dump.
fn first_pass(path: &Path, now: DateTime<Utc>) -> Result<Outline, Failure> {
    let (reader, progress) = open_dump(path, "Đọc tệp sao lưu")?;
    let outline =
        read_outline(reader, &Limits::default(), now).map_err(|e| Failure::Refused(e.to_string()));
    progress.finish_and_clear();
    outline
}

/// One new article, mapped and prepared (its search texts folded on the reading thread), with
/// the files copied for it, on its way to the database (`None` on a dry run: only counted).
struct Ready {
    files: Vec<ImportedFile>,
    article: Option<PreparedArticle>,
}

/// What the second pass leaves behind.
#[derive(Default)]
struct Pass {
    /// Files copied by this run (removed again if storing fails).
    copied: Vec<PhotoFiles>,
    /// What was skipped or lost, and why.
    notes: Vec<Note>,
    /// Pictures that would be copied (dry run).
    would_copy: u64,
}

/// The copying of pictures, one file once per run.
struct Pictures {
    uploads: Option<PathBuf>,
    target: PathBuf,
    dry_run: bool,
    now: DateTime<Utc>,
    /// Every picture path that has a stored file (earlier imports' and this one's), with the
    /// stored file's path under our uploads folder.
    stored: HashMap<String, String>,
    /// Paths tried already by this run.
    tried: HashSet<String>,
    /// Pictures left out for want of `--uploads`.
    without_uploads: u64,
}

impl Pictures {
    fn new(args: &NukevietArgs, known: &NukevietKnown, now: DateTime<Utc>) -> Pictures {
        Pictures {
            uploads: args.uploads.clone(),
            target: args.db.data_dir.join("uploads"),
            dry_run: args.dry_run,
            now,
            stored: known
                .files
                .iter()
                .map(|(path, file)| (path.clone(), file.file_name.clone()))
                .collect(),
            tried: HashSet::new(),
            without_uploads: 0,
        }
    }

    /// Copies the picture at `path` (of article `nv_id`) unless it is stored or was tried;
    /// returns the file copied now, if any.
    fn copy(&mut self, nv_id: i64, path: &str, pass: &mut Pass) -> Option<ImportedFile> {
        if self.stored.contains_key(path) || !self.tried.insert(path.to_owned()) {
            return None;
        }
        let Some(uploads) = &self.uploads else {
            self.without_uploads += 1;
            return None;
        };
        let skip = |pass: &mut Pass, why: String| {
            pass.notes.push(Note {
                nv_id: Some(nv_id),
                skipped: false,
                message: format!("ảnh «{path}» {why}: bỏ qua ảnh này"),
            });
            None
        };
        let bytes = match std::fs::read(uploads.join(path)) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return skip(pass, "không có trong thư mục uploads".to_owned());
            }
            Err(err) => return skip(pass, format!("không đọc được ({err})")),
        };
        if self.dry_run {
            pass.would_copy += 1;
            return None;
        }
        let clean = match clean_photo(&bytes) {
            Ok(clean) => clean,
            Err(err) => return skip(pass, format!("không dùng được ({err})")),
        };
        match write_photo_files(&self.target, self.now, &clean) {
            Ok(files) => {
                self.stored.insert(path.to_owned(), files.path.clone());
                let file = ImportedFile {
                    path: path.to_owned(),
                    file_name: files.path.clone(),
                    thumb_name: files.thumb_path.clone(),
                    width: clean.width,
                    height: clean.height,
                    mime: clean.mime.to_owned(),
                };
                pass.copied.push(files);
                Some(file)
            }
            Err(err) => {
                pass.notes.push(Note {
                    nv_id: Some(nv_id),
                    skipped: false,
                    message: format!("không ghi được ảnh «{path}» ({err}): bỏ qua ảnh này"),
                });
                None
            }
        }
    }

    /// The store's input for one article: photos pointed at the stored files (a picture
    /// without one is left out).
    fn imported(&self, a: Article) -> ImportedArticle {
        let resolve = |path: &str| self.stored.get(path).map(|f| format!("/uploads/{f}"));
        let photo = |path: &str, caption: &str| {
            self.stored.contains_key(path).then(|| ImportedPhoto {
                path: path.to_owned(),
                caption: caption.to_owned(),
            })
        };
        ImportedArticle {
            body_html: place_photos(&a.body_html, &resolve),
            cover: a.picture.as_ref().and_then(|p| photo(&p.path, &p.caption)),
            body_photos: a
                .body_pictures
                .iter()
                .filter_map(|p| photo(p, ""))
                .collect(),
            nv_id: a.nv_id,
            category_nv_id: a.category,
            other_category_nv_ids: a.other_categories,
            slug: a.slug,
            title: a.title,
            lead: a.lead,
            author: a.author,
            source: a.source,
            status: a.status,
            published_at: a.published_at,
            created_at: a.created_at,
            edited_at: a.edited_at,
            rating_sum: a.rating_sum,
            rating_count: a.rating_count,
        }
    }
}

/// The second pass (on a thread of its own): each wanted article mapped with its body, its
/// pictures copied, handed to `deliver` (false when the receiver is gone: the read stops).
fn second_pass(
    path: &Path,
    outline: &Outline,
    wanted: &HashSet<i64>,
    mut pictures: Pictures,
    deliver: &mut dyn FnMut(Ready) -> bool,
) -> (Result<(), Failure>, Pass) {
    let mut pass = Pass::default();
    let message = if pictures.dry_run {
        "Kiểm tra bài viết"
    } else {
        "Nhập bài viết"
    };
    let (reader, progress) = match open_dump(path, message) {
        Ok(opened) => opened,
        Err(failure) => return (Err(failure), pass),
    };
    let read = outline.read_bodies(
        reader,
        &Limits::default(),
        &|id| wanted.contains(&id),
        &mut |mapped| {
            pass.notes.extend(mapped.notes);
            let Some(article) = mapped.article else {
                return Ok(());
            };
            let paths = article
                .picture
                .iter()
                .map(|p| p.path.as_str())
                .chain(article.body_pictures.iter().map(String::as_str));
            let mut files = Vec::new();
            for path in paths {
                files.extend(pictures.copy(article.nv_id, path, &mut pass));
            }
            let article =
                (!pictures.dry_run).then(|| PreparedArticle::new(pictures.imported(article)));
            if deliver(Ready { files, article }) {
                Ok(())
            } else {
                Err(DumpError::Stopped)
            }
        },
    );
    progress.finish_and_clear();
    if pictures.without_uploads > 0 {
        pass.notes.push(Note {
            nv_id: None,
            skipped: false,
            message: format!(
                "không có --uploads: {} ảnh không được chép",
                format_uint(pictures.without_uploads)
            ),
        });
    }
    (read.map_err(|e| Failure::Refused(e.to_string())), pass)
}

async fn import(args: &NukevietArgs, outline: Outline, now: DateTime<Utc>) -> Result<(), Failure> {
    let store = open_store(&args.db)
        .await
        .map_err(|e| Failure::Other(format!("{e:#}")))?;
    let known = store
        .nukeviet_known()
        .await
        .map_err(|e| Failure::Other(e.to_string()))?;
    let daily_visits = outline
        .counter
        .as_ref()
        .map(|c| c.daily(args.time_zone))
        .unwrap_or_default();
    let mut writer: Option<NukevietWriter> = if args.dry_run {
        None
    } else {
        let categories: Vec<ImportedCategory> = outline
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
            .collect();
        Some(
            store
                .nukeviet_writer(&categories, now)
                .await
                .map_err(not_stored)?,
        )
    };
    // The articles imported before need no body: their ratings only.
    let mut wanted: HashSet<i64> = HashSet::new();
    let mut kept = 0u64;
    for head in outline.heads.values() {
        match writer.as_mut() {
            Some(w) if w.is_known(head.nv_id) => {
                w.keep_article(head.nv_id, head.rating_sum, head.rating_count)
                    .await
                    .map_err(not_stored)?;
                kept += 1;
            }
            None if known.articles.contains(&head.nv_id) => kept += 1,
            _ => {
                wanted.insert(head.nv_id);
            }
        }
    }
    // Notes about articles brought by an earlier run were reported then.
    let mut notes: Vec<Note> = outline
        .notes
        .iter()
        .filter(|n| n.nv_id.is_none_or(|id| !known.articles.contains(&id)))
        .cloned()
        .collect();
    let outline = Arc::new(outline);
    let mut handed = 0u64;
    let mut pass = Pass::default();
    if !wanted.is_empty() {
        let (sender, mut receiver) = tokio::sync::mpsc::channel::<Ready>(QUEUE);
        let pictures = Pictures::new(args, &known, now);
        let reading = tokio::task::spawn_blocking({
            let outline = Arc::clone(&outline);
            let path = args.dump.clone();
            move || {
                second_pass(&path, &outline, &wanted, pictures, &mut |ready| {
                    sender.blocking_send(ready).is_ok()
                })
            }
        });
        let mut refused: Option<StoreError> = None;
        while let Some(ready) = receiver.recv().await {
            handed += 1;
            let (Some(w), Some(article)) = (writer.as_mut(), &ready.article) else {
                continue;
            };
            let mut stored = Ok(());
            for file in &ready.files {
                stored = w.add_file(file).await;
                if stored.is_err() {
                    break;
                }
            }
            if stored.is_ok() {
                stored = w.add_article(article).await;
            }
            if let Err(err) = stored {
                refused = Some(err);
                break;
            }
        }
        drop(receiver);
        let (read, done) = reading
            .await
            .map_err(|e| Failure::Other(format!("lượt đọc thứ hai dừng bất thường: {e}")))?;
        pass = done;
        let failure = match (refused, read) {
            (Some(err), _) => Some(not_stored(err)),
            (None, Err(failure)) => Some(failure),
            (None, Ok(())) => None,
        };
        if let Some(failure) = failure {
            for files in &pass.copied {
                files.remove();
            }
            return Err(failure);
        }
    }
    notes.append(&mut pass.notes);
    // By article (an article's notes in the order they came), the notes about none first.
    notes.sort_by_key(|n| n.nv_id);
    let Some(writer) = writer else {
        println!(
            "Kiểm tra xong tệp «{}» (bảng {}_{}_{}), chưa lưu gì:",
            args.dump.display(),
            outline.prefix,
            outline.lang,
            outline.module
        );
        println!(
            "  chuyên mục: {}; bài viết: {} (mới {}, đã nhập trước {}); ảnh cần chép: {}",
            format_int(outline.categories.len() as i64),
            format_uint(kept + handed),
            format_uint(handed),
            format_uint(kept),
            format_uint(pass.would_copy),
        );
        let total: u64 = daily_visits.iter().map(|(_, n)| n).sum();
        println!(
            "  lượt truy cập của bộ đếm: {} (ghi vào {} ngày)",
            format_uint(total),
            format_int(daily_visits.len() as i64)
        );
        print_notes(&notes);
        return Ok(());
    };
    let counts = match writer.finish(&daily_visits).await {
        Ok(counts) => counts,
        Err(err) => {
            for files in &pass.copied {
                files.remove();
            }
            return Err(not_stored(err));
        }
    };
    if counts.changed() {
        println!(
            "Đã nhập tệp «{}» (bảng {}_{}_{}):",
            args.dump.display(),
            outline.prefix,
            outline.lang,
            outline.module
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
    print_notes(&notes);
    Ok(())
}

/// The report of what was skipped or lost: the first 100 lines, then how many more.
fn print_notes(notes: &[Note]) {
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
