//! Trang NukeViet — the news module and counter of a NukeViet 4 site, read from a dump and
//! mapped to what daihoi stores.
//!
//! Tables are found by their names, whatever the prefix the site chose: `<p>_<lang>_news_rows`
//! (the article list), `_detail` (bodies), `_cat` (categories), `_sources` and `<p>_counter`. The
//! per-category copies `_news_<N>` and every other table are skipped unread. When the dump holds
//! several languages, `vi` is taken. A dump with no news tables is refused.
//!
//! **Two passes, bodies never held together** (decision 0012). A dump is a file: it is read
//! twice rather than kept. The first pass ([`read_outline`]) reads everything but the bodies —
//! the categories, every article's row of `_news_rows` mapped to a [`Head`] (a few hundred bytes
//! each), the sources, the counter — and checks the whole dump (cut off, no news tables), giving
//! an [`Outline`]. The second ([`Outline::read_bodies`]) reads the `_news_detail` rows and hands
//! over each wanted article, mapped with its body ([`map_article`]), as soon as its row is read;
//! the articles with no detail row follow at the end. mysqldump writes the tables in alphabetical
//! order (`_detail` before `_rows`) and other tools in their own: two passes join them whatever
//! the order. The second pass refuses a dump whose bytes differ from the first's
//! ([`DumpError::Changed`]). [`read_site`] runs both over a dump in memory (tests, fuzzing).
//!
//! The rules of the mapping:
//!
//! - **Status** ([`standing`]): only what NukeViet shows publicly is public. Status 1 with its
//!   time passed and not expired is published; status 1 or 2 (`Hẹn giờ đăng`) with its time
//!   ahead is scheduled (public at that time, as NukeViet would do); status 1 expired and
//!   status 3 (`Hết hạn`) are withdrawn; everything else (0 `Chờ duyệt`, 4 `Lưu tạm`,
//!   5 `Từ chối`, the workflow states) is a draft.
//! - **Text**: titles, leads, captions, authors and sources have their HTML entities decoded
//!   once and are NFC-normalised; the body stays HTML, cleaned by the one article sanitiser
//!   ([`daihoi_domain::html`]), its pictures under `uploads/` marked for the photo copy
//!   ([`body`](crate::site::Article::body_html)) and pictures of other sites turned into links
//!   (the portal's CSP shows only its own images).
//! - **Ratings** are carried over as NukeViet's sum and count.
//! - **Counter** ([`Counter::daily`]): NukeViet keeps rolling buckets, so only the total, the
//!   years, the current year's months and the current month's days can be carried over; what a
//!   bucket holds beyond the finer buckets inside it is dated on the first day of its period.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{DefaultHasher, Hasher};
use std::io::{BufRead, Read};

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use daihoi_domain::publication::ArticleStatus;
use daihoi_domain::vn::{nfc, slugify};

use crate::dump::{DumpError, Limits, Row, Value, read_dump};

/// The longest imported body, in bytes of HTML; a longer one is skipped with its reason.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// Chuyên mục — one NukeViet category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// NukeViet's `catid`.
    pub nv_id: i64,
    /// Parent `catid`, `None` at the top.
    pub parent: Option<i64>,
    /// Title, decoded.
    pub title: String,
    /// NukeViet's alias as written (old addresses use it).
    pub alias: String,
    /// The slug daihoi gives it (from the alias, else the title).
    pub slug: String,
    /// Order among its siblings (`weight`).
    pub position: i64,
}

/// Ảnh đại diện — the home picture of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// Path relative to the site's `uploads` folder (`news/2026_11/a.jpg`).
    pub path: String,
    /// Caption (`homeimgalt`), decoded.
    pub caption: String,
}

/// Đầu bài — one article's row of `_news_rows`, mapped: everything but its body. The first pass
/// keeps one for every article it will import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// NukeViet's `id`.
    pub nv_id: i64,
    /// Main category (`catid`), one of the outline's categories.
    pub category: i64,
    /// The other categories of `listcatid`, main one excluded, each known.
    pub other_categories: Vec<i64>,
    /// Title, decoded, not empty.
    pub title: String,
    /// NukeViet's alias as written (old addresses use it).
    pub alias: String,
    /// The slug daihoi tries first.
    pub slug: String,
    /// Sapo (`hometext`), decoded.
    pub lead: String,
    /// Tác giả.
    pub author: String,
    /// Nguồn: the title of its `_sources` row; empty when it has none (the detail row's
    /// `sourcetext` is taken then).
    pub source: String,
    /// Status in daihoi.
    pub status: ArticleStatus,
    /// Publication time (`publtime`).
    pub published_at: DateTime<Utc>,
    /// Creation time (`addtime`).
    pub created_at: DateTime<Utc>,
    /// Last edit (`edittime`).
    pub edited_at: DateTime<Utc>,
    /// Expiry time when the article has one still ahead (daihoi does not withdraw by itself).
    pub expires_at: Option<DateTime<Utc>>,
    /// The home picture.
    pub picture: Option<Picture>,
    /// Tổng điểm đánh giá (`total_rating`), 0 when it does not fit the count.
    pub rating_sum: u64,
    /// Number of ratings (`click_rating`), 0 when the sum does not fit it.
    pub rating_count: u64,
}

/// Bài viết — one NukeViet article, mapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// NukeViet's `id`.
    pub nv_id: i64,
    /// Main category (`catid`).
    pub category: i64,
    /// The other categories of `listcatid`, main one excluded.
    pub other_categories: Vec<i64>,
    /// Title, decoded.
    pub title: String,
    /// NukeViet's alias as written (old addresses use it).
    pub alias: String,
    /// The slug daihoi tries first.
    pub slug: String,
    /// Sapo (`hometext`), decoded.
    pub lead: String,
    /// Body: sanitised HTML; local pictures have `src="nukeviet-upload:PATH"` until the photos
    /// are copied ([`place_photos`]). Empty when the detail row is missing.
    pub body_html: String,
    /// The local pictures of the body (paths relative to `uploads`), in order, once each.
    pub body_pictures: Vec<String>,
    /// Tác giả.
    pub author: String,
    /// Nguồn: the source's title, or the detail's `sourcetext`.
    pub source: String,
    /// Status in daihoi.
    pub status: ArticleStatus,
    /// Publication time (`publtime`).
    pub published_at: DateTime<Utc>,
    /// Creation time (`addtime`).
    pub created_at: DateTime<Utc>,
    /// Last edit (`edittime`).
    pub edited_at: DateTime<Utc>,
    /// Expiry time when the article has one still ahead (daihoi does not withdraw by itself).
    pub expires_at: Option<DateTime<Utc>>,
    /// The home picture.
    pub picture: Option<Picture>,
    /// Tổng điểm đánh giá (`total_rating`) and number of ratings (`click_rating`).
    pub rating_sum: u64,
    /// Number of ratings.
    pub rating_count: u64,
}

/// Why an article or a figure was not brought over, or was brought over with a loss.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The NukeViet article id, when the note is about one.
    pub nv_id: Option<i64>,
    /// Whether the article was left out (else it was imported with the loss described).
    pub skipped: bool,
    /// What happened, in Vietnamese.
    pub message: String,
}

/// Bộ đếm — NukeViet's counter buckets as found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counter {
    /// `total/hits`.
    pub total: u64,
    /// `year/<yyyy>`.
    pub years: BTreeMap<i32, u64>,
    /// `month/<Jan..Dec>` (month number 1–12): the year of the last visit.
    pub months: BTreeMap<u32, u64>,
    /// `day/<01..31>`: the month of the last visit.
    pub days: BTreeMap<u32, u64>,
    /// The time of the last counted visit (`c_time/last`).
    pub last: Option<DateTime<Utc>>,
}

/// Mục lục trang — what the first pass over a dump gives: where the news tables are, the
/// category tree, the head of every article to import (no body), the counter, and the notes
/// so far. Its size grows with the number of articles, not with their bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// The table prefix (`nv4`).
    pub prefix: String,
    /// The language of the news tables (`vi`).
    pub lang: String,
    /// The module's name in addresses (`news`).
    pub module: String,
    /// Categories, each after its parent.
    pub categories: Vec<Category>,
    /// The articles to import, by NukeViet id (those skipped already have their note).
    pub heads: BTreeMap<i64, Head>,
    /// The counter, when the dump has its table.
    pub counter: Option<Counter>,
    /// What the first pass skipped or lost, and why.
    pub notes: Vec<Note>,
    /// What the first pass read, for the second to check it reads the same.
    read: Fingerprint,
}

/// Bài đã ghép — one article as the second pass hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapped {
    /// NukeViet's `id`.
    pub nv_id: i64,
    /// The article with its body, or `None` when it is skipped (a note says why).
    pub article: Option<Article>,
    /// What was skipped or lost, and why.
    pub notes: Vec<Note>,
}

/// Nội dung bài — an article's row of `_news_detail`, as written in the dump.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Detail {
    /// `bodyhtml`, raw.
    pub body_html: String,
    /// `sourcetext`, raw (empty when the table has no such column).
    pub source_text: String,
}

/// Trang đã đọc — everything the import brings over from one dump, held in memory: for tests
/// and small dumps ([`read_site`]); the command line streams instead (module documentation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The table prefix (`nv4`).
    pub prefix: String,
    /// The language of the news tables (`vi`).
    pub lang: String,
    /// The module's name in addresses (`news`).
    pub module: String,
    /// Categories, each after its parent.
    pub categories: Vec<Category>,
    /// Articles, by NukeViet id.
    pub articles: Vec<Article>,
    /// The counter, when the dump has its table.
    pub counter: Option<Counter>,
    /// What was skipped or lost, and why.
    pub notes: Vec<Note>,
}

/// Đọc trang NukeViet — both passes over a dump held in memory: the whole site, bodies
/// included. `now` decides which articles are public, scheduled or expired.
pub fn read_site(dump: &[u8], limits: &Limits, now: DateTime<Utc>) -> Result<Site, DumpError> {
    let outline = read_outline(dump, limits, now)?;
    let mut articles = Vec::with_capacity(outline.heads.len());
    let mut notes = outline.notes.clone();
    outline.read_bodies(dump, limits, &|_| true, &mut |mapped| {
        notes.extend(mapped.notes);
        articles.extend(mapped.article);
        Ok(())
    })?;
    articles.sort_by_key(|a| a.nv_id);
    Ok(Site {
        prefix: outline.prefix,
        lang: outline.lang,
        module: outline.module,
        categories: outline.categories,
        articles,
        counter: outline.counter,
        notes,
    })
}

/// Mục lục — the first pass: reads the whole dump (refusing one cut off or without news
/// tables) and maps everything but the bodies; `_news_detail` is skipped unparsed. `now` decides
/// which articles are public, scheduled or expired.
pub fn read_outline<R: BufRead>(
    reader: R,
    limits: &Limits,
    now: DateTime<Utc>,
) -> Result<Outline, DumpError> {
    // The small tables whole; the article rows of every `_rows` table mapped row by row (the
    // news tables are chosen once every table has been seen).
    let mut tables: HashMap<String, Table> = HashMap::new();
    let mut row_tables: HashMap<String, Result<Vec<RawHead>, &'static str>> = HashMap::new();
    let wants = |table: &str| {
        ["_rows", "_cat", "_sources", "_counter"]
            .iter()
            .any(|suffix| table.ends_with(suffix))
    };
    let mut hashing = Hashing::new(reader);
    let seen = read_dump(&mut hashing, limits, &wants, &mut |row: Row<'_>| {
        if row.table.ends_with("_rows") {
            let entry = row_tables
                .entry(row.table.to_owned())
                .or_insert_with(|| Ok(Vec::new()));
            if let Ok(heads) = entry {
                match RawHead::of(&row) {
                    Ok(Some(head)) => heads.push(head),
                    Ok(None) => {}
                    Err(missing) => *entry = Err(missing),
                }
            }
            return Ok(());
        }
        let entry = tables.entry(row.table.to_owned()).or_insert_with(|| Table {
            columns: row.columns.to_vec(),
            rows: Vec::new(),
        });
        if entry.columns != row.columns {
            // A later INSERT with another column order: store the row in the first order.
            let reordered = entry
                .columns
                .iter()
                .map(|c| row.get(c).cloned().unwrap_or(Value::Null))
                .collect();
            entry.rows.push(reordered);
        } else {
            entry.rows.push(row.values);
        }
        Ok(())
    })?;
    let read = hashing.fingerprint();
    let (prefix, lang, module) = find_news_tables(&seen)?;
    let stem = format!("{prefix}_{lang}_{module}");
    let mut take = |name: &str| tables.remove(name).unwrap_or_default();
    let cats = take(&format!("{stem}_cat"));
    let sources = take(&format!("{stem}_sources"));
    let counter_table = format!("{prefix}_counter");
    let counter = seen
        .contains(&counter_table)
        .then(|| counter_of(&take(&counter_table)));
    let raw = match row_tables.remove(&format!("{stem}_rows")) {
        None => Vec::new(),
        Some(Ok(raw)) => raw,
        Some(Err(missing)) => {
            return Err(DumpError::Syntax {
                line: 0,
                what: format!("bảng «_news_rows» thiếu cột «{missing}»"),
            });
        }
    };
    drop(row_tables);
    let mut notes = Vec::new();
    let categories = categories_of(&cats, &mut notes)?;
    let source_titles: HashMap<i64, String> =
        match (sources.column("sourceid"), sources.column("title")) {
            (Some(i), Some(t)) => sources
                .rows
                .iter()
                .filter_map(|r| Some((r[i].int()?, plain_text(&r[t].text()))))
                .collect(),
            _ => HashMap::new(),
        };
    let known: HashSet<i64> = categories.iter().map(|c| c.nv_id).collect();
    let mut heads = BTreeMap::new();
    for raw in raw {
        let nv_id = raw.nv_id;
        let Some(head) = raw.map(&known, &source_titles, now, &mut notes) else {
            continue;
        };
        if heads.contains_key(&nv_id) {
            notes.push(Note {
                nv_id: Some(nv_id),
                skipped: false,
                message: "bảng _news_rows có hai dòng cùng mã bài: lấy dòng đầu".to_owned(),
            });
            continue;
        }
        heads.insert(nv_id, head);
    }
    Ok(Outline {
        prefix,
        lang,
        module,
        categories,
        heads,
        counter,
        notes,
        read,
    })
}

impl Outline {
    /// The table of the bodies (`<prefix>_<lang>_<module>_detail`).
    pub fn detail_table(&self) -> String {
        format!("{}_{}_{}_detail", self.prefix, self.lang, self.module)
    }

    /// Nội dung — the second pass: reads the same dump again and gives `each` every article
    /// `wanted` accepts, mapped with its body ([`map_article`]), in the order of the
    /// `_news_detail` rows (a second row for one article is ignored); the articles with no
    /// detail row follow, by id, once the whole dump has been read and found to be the one the
    /// first pass read ([`DumpError::Changed`] otherwise). Only one article's body is held at a
    /// time. `each` may stop the read with an error of its own.
    pub fn read_bodies<R: BufRead>(
        &self,
        reader: R,
        limits: &Limits,
        wanted: &dyn Fn(i64) -> bool,
        each: &mut dyn FnMut(Mapped) -> Result<(), DumpError>,
    ) -> Result<(), DumpError> {
        let table = self.detail_table();
        let mut done: HashSet<i64> = HashSet::new();
        let mut hashing = Hashing::new(reader);
        read_dump(&mut hashing, limits, &|t| t == table, &mut |mut row| {
            let column = |name: &str| row.columns.iter().position(|c| c == name);
            let (Some(id), Some(body)) = (column("id"), column("bodyhtml")) else {
                let missing = if column("id").is_none() {
                    "id"
                } else {
                    "bodyhtml"
                };
                return Err(DumpError::Syntax {
                    line: row.line,
                    what: format!("bảng «_news_detail» thiếu cột «{missing}»"),
                });
            };
            let source = column("sourcetext");
            let Some(nv_id) = row.values[id].int() else {
                return Ok(());
            };
            let Some(head) = self.heads.get(&nv_id) else {
                return Ok(());
            };
            if !wanted(nv_id) || !done.insert(nv_id) {
                return Ok(());
            }
            let mut take = |i: usize| std::mem::replace(&mut row.values[i], Value::Null).text();
            let detail = Detail {
                body_html: take(body),
                source_text: source.map(&mut take).unwrap_or_default(),
            };
            each(map_article(head, Some(&detail)))
        })?;
        if hashing.fingerprint() != self.read {
            return Err(DumpError::Changed);
        }
        for head in self.heads.values() {
            if wanted(head.nv_id) && !done.contains(&head.nv_id) {
                each(map_article(head, None))?;
            }
        }
        Ok(())
    }
}

/// Ghép bài — an article from its head and its `_news_detail` row (`None` when it has none: the
/// article comes with its lead only, noted). A body longer than [`MAX_BODY_BYTES`] or nested too
/// deep skips the article, noted.
pub fn map_article(head: &Head, detail: Option<&Detail>) -> Mapped {
    let nv_id = head.nv_id;
    let note = |skipped: bool, message: String| Note {
        nv_id: Some(nv_id),
        skipped,
        message,
    };
    let skip = |message: String| Mapped {
        nv_id,
        article: None,
        notes: vec![note(true, message)],
    };
    let mut notes = Vec::new();
    let (body_html, body_pictures, source_text) = match detail {
        None => {
            notes.push(note(
                false,
                "thiếu dòng nội dung trong bảng _news_detail: nhập bài chỉ với tiêu đề và sapo"
                    .to_owned(),
            ));
            (String::new(), Vec::new(), String::new())
        }
        Some(detail) => {
            let raw = &detail.body_html;
            if raw.len() > MAX_BODY_BYTES {
                return skip(format!(
                    "nội dung dài {} byte, quá giới hạn {} byte",
                    raw.len(),
                    MAX_BODY_BYTES
                ));
            }
            let body = match crate::body::clean_body(raw) {
                Ok(body) => body,
                Err(why) => return skip(why),
            };
            if let Some(first) = body.foreign_pictures.first() {
                let more = match body.foreign_pictures.len() {
                    1 => String::new(),
                    n => format!(" và {} ảnh khác", n - 1),
                };
                notes.push(note(
                    false,
                    format!(
                        "ảnh ở trang khác {first}{more} được thay bằng liên kết (cổng chỉ hiện \
                         ảnh của chính mình)"
                    ),
                ));
            }
            (body.html, body.pictures, plain_text(&detail.source_text))
        }
    };
    let source = if head.source.is_empty() {
        source_text
    } else {
        head.source.clone()
    };
    let article = Article {
        nv_id,
        category: head.category,
        other_categories: head.other_categories.clone(),
        title: head.title.clone(),
        alias: head.alias.clone(),
        slug: head.slug.clone(),
        lead: head.lead.clone(),
        body_html,
        body_pictures,
        author: head.author.clone(),
        source,
        status: head.status,
        published_at: head.published_at,
        created_at: head.created_at,
        edited_at: head.edited_at,
        expires_at: head.expires_at,
        picture: head.picture.clone(),
        rating_sum: head.rating_sum,
        rating_count: head.rating_count,
    };
    Mapped {
        nv_id,
        article: Some(article),
        notes,
    }
}

/// The length and hash of the bytes a pass consumed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    bytes: u64,
    hash: u64,
}

/// A reader that hashes what is consumed from it (the same bytes give the same fingerprint
/// however they are cut into reads).
struct Hashing<R> {
    inner: R,
    hasher: DefaultHasher,
    bytes: u64,
}

impl<R: BufRead> Hashing<R> {
    fn new(inner: R) -> Hashing<R> {
        Hashing {
            inner,
            hasher: DefaultHasher::new(),
            bytes: 0,
        }
    }

    fn fingerprint(&self) -> Fingerprint {
        Fingerprint {
            bytes: self.bytes,
            hash: self.hasher.finish(),
        }
    }
}

impl<R: BufRead> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.write(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Hashing<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        // The buffer is still filled: asking for it again reads nothing.
        if let Ok(buffer) = self.inner.fill_buf() {
            let n = amount.min(buffer.len());
            self.hasher.write(&buffer[..n]);
            self.bytes += n as u64;
        }
        self.inner.consume(amount);
    }
}

/// One row of `_news_rows` as written, its columns found by name.
struct RawHead {
    nv_id: i64,
    catid: i64,
    listcatid: String,
    author: String,
    sourceid: Option<i64>,
    addtime: Option<i64>,
    edittime: Option<i64>,
    status: i64,
    publtime: i64,
    exptime: i64,
    title: String,
    alias: String,
    hometext: String,
    homeimgfile: String,
    homeimgalt: String,
    total_rating: i64,
    click_rating: i64,
}

impl RawHead {
    /// The row's article, `None` for a row without an id, or the name of a missing column.
    fn of(row: &Row<'_>) -> Result<Option<RawHead>, &'static str> {
        let get = |name: &'static str| row.get(name).ok_or(name);
        let id = get("id")?;
        let raw = RawHead {
            nv_id: 0,
            catid: get("catid")?.int().unwrap_or(0),
            listcatid: get("listcatid")?.text(),
            author: get("author")?.text(),
            sourceid: get("sourceid")?.int(),
            addtime: get("addtime")?.int(),
            edittime: get("edittime")?.int(),
            status: get("status")?.int().unwrap_or(0),
            publtime: get("publtime")?.int().unwrap_or(0),
            exptime: get("exptime")?.int().unwrap_or(0),
            title: get("title")?.text(),
            alias: get("alias")?.text(),
            hometext: get("hometext")?.text(),
            homeimgfile: get("homeimgfile")?.text(),
            homeimgalt: get("homeimgalt")?.text(),
            total_rating: get("total_rating")?.int().unwrap_or(0),
            click_rating: get("click_rating")?.int().unwrap_or(0),
        };
        Ok(id.int().map(|nv_id| RawHead { nv_id, ..raw }))
    }

    /// The head of the article, or `None` with the note saying why it is skipped.
    fn map(
        self,
        categories: &HashSet<i64>,
        source_titles: &HashMap<i64, String>,
        now: DateTime<Utc>,
        notes: &mut Vec<Note>,
    ) -> Option<Head> {
        let nv_id = self.nv_id;
        let mut note = |skipped: bool, message: String| {
            notes.push(Note {
                nv_id: Some(nv_id),
                skipped,
                message,
            })
        };
        let title = plain_text(&self.title);
        if title.is_empty() {
            note(true, "bài không có tiêu đề".to_owned());
            return None;
        }
        let category = self.catid;
        if !categories.contains(&category) {
            note(
                true,
                format!("chuyên mục chính {category} của bài không có trong bảng chuyên mục"),
            );
            return None;
        }
        let other_categories: Vec<i64> = self
            .listcatid
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .filter(|c| *c != category && categories.contains(c))
            .fold(Vec::new(), |mut acc, c| {
                if !acc.contains(&c) {
                    acc.push(c);
                }
                acc
            });
        let source = self
            .sourceid
            .and_then(|id| source_titles.get(&id))
            .cloned()
            .unwrap_or_default();
        let (publtime, exptime) = (self.publtime, self.exptime);
        let picture = local_upload(&self.homeimgfile, true).map(|path| Picture {
            path,
            caption: plain_text(&self.homeimgalt),
        });
        let (mut rating_sum, mut rating_count) = (
            self.total_rating.max(0) as u64,
            self.click_rating.max(0) as u64,
        );
        if rating_sum < rating_count || rating_sum > 5 * rating_count {
            note(
                false,
                format!(
                    "điểm đánh giá {rating_sum} không khớp với {rating_count} lượt (mỗi lượt 1–5 \
                     sao): không chuyển điểm đánh giá"
                ),
            );
            (rating_sum, rating_count) = (0, 0);
        }
        let slug = if self.alias.trim().is_empty() {
            slugify(&title)
        } else {
            slugify(&self.alias)
        };
        Some(Head {
            nv_id,
            category,
            other_categories,
            title,
            alias: self.alias,
            slug,
            lead: plain_text(&self.hometext),
            author: plain_text(&self.author),
            source,
            status: standing(self.status, publtime, exptime, now),
            published_at: time_of(publtime),
            created_at: time_of(self.addtime.unwrap_or(publtime)),
            edited_at: time_of(self.edittime.unwrap_or(publtime)),
            expires_at: (exptime > now.timestamp()).then(|| time_of(exptime)),
            picture,
            rating_sum,
            rating_count,
        })
    }
}

/// The rows of one table with its column names.
#[derive(Default)]
struct Table {
    columns: Vec<String>,
    rows: Vec<Vec<Value>>,
}

impl Table {
    fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    fn require(&self, table: &str, names: &[&str]) -> Result<Vec<usize>, DumpError> {
        names
            .iter()
            .map(|name| {
                self.column(name).ok_or_else(|| DumpError::Syntax {
                    line: 0,
                    what: format!("bảng «{table}» thiếu cột «{name}»"),
                })
            })
            .collect()
    }
}

/// Finds `<prefix>_<lang>_<module>_rows` with its `_detail` and `_cat`: the `news` module first,
/// then any module of that shape; `vi` first among languages.
fn find_news_tables(seen: &[String]) -> Result<(String, String, String), DumpError> {
    let mut found: Vec<(String, String, String)> = Vec::new();
    for table in seen {
        let Some(stem) = table.strip_suffix("_rows") else {
            continue;
        };
        if !seen.contains(&format!("{stem}_detail")) || !seen.contains(&format!("{stem}_cat")) {
            continue;
        }
        let parts: Vec<&str> = stem.rsplitn(3, '_').collect();
        if let [module, lang, prefix] = parts[..]
            && lang.len() == 2
            && lang.bytes().all(|b| b.is_ascii_lowercase())
        {
            found.push((prefix.to_owned(), lang.to_owned(), module.to_owned()));
        }
    }
    found.sort_by_key(|(_, lang, module)| (module != "news", lang != "vi"));
    let Some(first) = found.first().cloned() else {
        return Err(DumpError::Syntax {
            line: 0,
            what: "tệp không có bảng tin tức của NukeViet (cần các bảng <tiền tố>_vi_news_rows, \
                   _news_detail và _news_cat)"
                .to_owned(),
        });
    };
    let rivals: Vec<String> = found
        .iter()
        .filter(|(p, l, m)| m == &first.2 && l == &first.1 && p != &first.0)
        .map(|(p, l, m)| format!("{p}_{l}_{m}"))
        .collect();
    if !rivals.is_empty() {
        return Err(DumpError::Syntax {
            line: 0,
            what: format!(
                "tệp có bảng tin tức của nhiều trang ({}_{}_{}, {}): hãy sao lưu từng trang riêng",
                first.0,
                first.1,
                first.2,
                rivals.join(", ")
            ),
        });
    }
    Ok(first)
}

/// Decodes HTML entities once, NFC, trimmed.
pub fn plain_text(s: &str) -> String {
    nfc(html_escape::decode_html_entities(s).trim())
}

fn time_of(seconds: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(seconds.max(0), 0)
        .single()
        .unwrap_or_default()
}

fn categories_of(cats: &Table, notes: &mut Vec<Note>) -> Result<Vec<Category>, DumpError> {
    let [id, parent, title, alias, weight] = cats.require(
        "_news_cat",
        &["catid", "parentid", "title", "alias", "weight"],
    )?[..] else {
        unreachable!("five names asked, five indexes given")
    };
    let mut all: Vec<Category> = cats
        .rows
        .iter()
        .filter_map(|row| {
            let nv_id = row[id].int()?;
            let title = plain_text(&row[title].text());
            let alias = row[alias].text();
            let slug = if alias.trim().is_empty() {
                slugify(&title)
            } else {
                slugify(&alias)
            };
            Some(Category {
                nv_id,
                parent: row[parent].int().filter(|&p| p > 0),
                title,
                alias,
                slug,
                position: row[weight].int().unwrap_or(0),
            })
        })
        .collect();
    // Each after its parent; a parent that is missing, or a cycle, makes a top-level category.
    let ids: Vec<i64> = all.iter().map(|c| c.nv_id).collect();
    for c in &mut all {
        if let Some(p) = c.parent
            && !ids.contains(&p)
        {
            notes.push(Note {
                nv_id: None,
                skipped: false,
                message: format!(
                    "chuyên mục «{}» có chuyên mục cha {p} không có trong tệp: đưa lên cấp trên cùng",
                    c.title
                ),
            });
            c.parent = None;
        }
    }
    let mut ordered: Vec<Category> = Vec::with_capacity(all.len());
    let mut placed: Vec<i64> = Vec::new();
    loop {
        let before = ordered.len();
        for c in &all {
            if !placed.contains(&c.nv_id) && c.parent.is_none_or(|p| placed.contains(&p)) {
                placed.push(c.nv_id);
                ordered.push(c.clone());
            }
        }
        if ordered.len() == all.len() {
            break;
        }
        if ordered.len() == before {
            // A cycle: cut it at the first category left.
            let c = all
                .iter_mut()
                .find(|c| !placed.contains(&c.nv_id))
                .expect("some category is left");
            notes.push(Note {
                nv_id: None,
                skipped: false,
                message: format!(
                    "chuyên mục «{}» nằm trong một vòng cha–con: đưa lên cấp trên cùng",
                    c.title
                ),
            });
            c.parent = None;
        }
    }
    Ok(ordered)
}

/// Trạng thái hiển thị — how an article of NukeViet `status`, publication and expiry times
/// (Unix seconds, `0` for no expiry) stands in daihoi at `now` (see the module's rules).
pub fn standing(status: i64, publtime: i64, exptime: i64, now: DateTime<Utc>) -> ArticleStatus {
    let now = now.timestamp();
    let expired = exptime > 0 && exptime <= now;
    match status {
        1 | 2 if expired => ArticleStatus::Unpublished,
        1 => ArticleStatus::Published,
        2 if publtime > now => ArticleStatus::Published,
        // `Hẹn giờ đăng` whose time has passed but which NukeViet's lazy job has not flipped yet:
        // NukeViet shows it at the next page view.
        2 => ArticleStatus::Published,
        3 => ArticleStatus::Unpublished,
        _ => ArticleStatus::Draft,
    }
}

/// The path under the site's `uploads` folder that an image address points at: `/uploads/x`,
/// `uploads/x` or `http(s)://any-host/uploads/x` give `x`; with `home_picture`, a bare relative
/// path (NukeViet's `homeimgfile`, relative to `uploads/news/`) gives `news/<path>`. Paths that
/// climb out (`..`) and anything else give `None`.
pub fn local_upload(address: &str, home_picture: bool) -> Option<String> {
    let address = address.trim();
    if address.is_empty() {
        return None;
    }
    let path = if let Some(rest) = address
        .strip_prefix("http://")
        .or_else(|| address.strip_prefix("https://"))
        .or_else(|| address.strip_prefix("//"))
    {
        let path = &rest[rest.find('/')?..];
        path.strip_prefix("/uploads/")?.to_owned()
    } else if let Some(rest) = address.strip_prefix("/uploads/") {
        rest.to_owned()
    } else if let Some(rest) = address.strip_prefix("uploads/") {
        rest.to_owned()
    } else if home_picture && !address.contains(':') && !address.starts_with('/') {
        format!("news/{address}")
    } else {
        return None;
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let decoded = crate::address::percent_decode(path, false);
    let safe = !decoded.is_empty()
        && decoded
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && !decoded.contains('\\')
        && !decoded.contains('\0');
    safe.then_some(decoded)
}

fn counter_of(table: &Table) -> Counter {
    let (Some(t), Some(v), Some(n)) = (
        table.column("c_type"),
        table.column("c_val"),
        table.column("c_count"),
    ) else {
        return Counter::default();
    };
    let mut counter = Counter::default();
    for row in &table.rows {
        let count = row[n].int().unwrap_or(0).max(0) as u64;
        let value = row[v].text();
        match row[t].text().as_str() {
            "total" => counter.total = count,
            "year" => {
                if let Ok(year) = value.parse::<i32>() {
                    counter.years.insert(year, count);
                }
            }
            "month" => {
                const MONTHS: [&str; 12] = [
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                    "Dec",
                ];
                if let Some(i) = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(&value)) {
                    counter.months.insert(i as u32 + 1, count);
                }
            }
            "day" => {
                if let Ok(day) = value.parse::<u32>()
                    && (1..=31).contains(&day)
                {
                    counter.days.insert(day, count);
                }
            }
            "c_time" if value == "last" => {
                counter.last = Some(time_of(count as i64)).filter(|t| t.timestamp() > 0);
            }
            _ => {}
        }
    }
    counter
}

impl Counter {
    /// Lượt truy cập theo ngày — the daily counts that carry the counter over, in `time_zone`:
    /// the current month's days on their dates; what a month of the current year holds beyond
    /// its days on its first day; what a year holds beyond its months on 1 January; what the
    /// total holds beyond the years on 31 December of the year before the first. The counts add
    /// up to the total (when the buckets are consistent; a finer bucket larger than its period
    /// adds nothing more). Empty without the time of the last visit.
    pub fn daily(&self, time_zone: Tz) -> Vec<(NaiveDate, u64)> {
        let Some(last) = self.last else {
            return Vec::new();
        };
        let last = last.with_timezone(&time_zone).date_naive();
        let (year, month) = (last.year(), last.month());
        let mut out: BTreeMap<NaiveDate, u64> = BTreeMap::new();
        let mut add = |date: Option<NaiveDate>, n: u64| {
            if let Some(date) = date
                && n > 0
            {
                *out.entry(date).or_default() += n;
            }
        };
        let mut days_sum = 0;
        for (&day, &n) in &self.days {
            if day <= last.day() {
                add(NaiveDate::from_ymd_opt(year, month, day), n);
                days_sum += n;
            }
        }
        let mut months_sum = 0;
        for (&m, &n) in &self.months {
            if m > month {
                continue;
            }
            let within = if m == month { days_sum } else { 0 };
            add(
                NaiveDate::from_ymd_opt(year, m, 1),
                n.saturating_sub(within),
            );
            months_sum += n.max(within);
        }
        let mut years_sum = 0;
        for (&y, &n) in &self.years {
            if y > year {
                continue;
            }
            let within = if y == year { months_sum } else { 0 };
            add(NaiveDate::from_ymd_opt(y, 1, 1), n.saturating_sub(within));
            years_sum += n.max(within);
        }
        let first_year = self
            .years
            .iter()
            .filter(|&(&y, &n)| n > 0 && y <= year)
            .map(|(&y, _)| y)
            .min()
            .unwrap_or(year);
        add(
            NaiveDate::from_ymd_opt(first_year - 1, 12, 31),
            self.total.saturating_sub(years_sum),
        );
        out.into_iter().collect()
    }
}

/// Đặt ảnh vào bài — `body_html` with each `nukeviet-upload:PATH` picture pointed at
/// `resolve(PATH)`, or removed (its caption stays) when `resolve` has none.
pub fn place_photos(body_html: &str, resolve: &dyn Fn(&str) -> Option<String>) -> String {
    crate::body::place_photos(body_html, resolve)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    const ROWS_COLUMNS: &str = "`id`,`catid`,`listcatid`,`author`,`sourceid`,`addtime`,\
        `edittime`,`status`,`publtime`,`exptime`,`title`,`alias`,`hometext`,`homeimgfile`,\
        `homeimgalt`,`total_rating`,`click_rating`";

    /// A small dump: two categories, articles 1–4 (article 4 has no detail row, article 9's
    /// category is unknown), with the detail table before the rows table or after it.
    fn small_dump(detail_first: bool) -> String {
        let cat = "CREATE TABLE `p_vi_news_cat` (`catid` int,`parentid` int,`title` text,\
                   `alias` text,`weight` int);\n\
                   INSERT INTO `p_vi_news_cat` VALUES (1,0,'Tin t&amp;c','Tin-tuc',1),\
                   (2,1,'Thời sự','thoi-su',2);\n";
        let detail = "CREATE TABLE `p_vi_news_detail` (`id` int,`bodyhtml` text,\
                      `sourcetext` text);\n\
                      INSERT INTO `p_vi_news_detail` VALUES \
                      (3,'<p style=\"color:red\">Ba</p><img src=\"/uploads/news/b.jpg\">',''),\
                      (1,'<p>Một</p><script>x()</script>','Báo tỉnh'),\
                      (2,'<p>Hai</p>',''),(1,'<p>Lần nữa</p>',''),(9,'<p>Chín</p>','');\n";
        let rows = format!(
            "CREATE TABLE `p_vi_news_rows` ({ROWS_COLUMNS});\n\
             INSERT INTO `p_vi_news_rows` ({ROWS_COLUMNS}) VALUES \
             (1,1,'1,2','An',0,100,200,1,100,0,'Một','mot','Sapo một','a.jpg','Ảnh',9,2),\
             (2,2,'2',' ',0,100,200,1,100,0,'Hai','','','','',0,0),\
             (3,2,'2','',0,100,200,0,100,0,'Ba','ba','','','',3,0),\
             (4,1,'1','',0,100,200,1,100,0,'Bốn','bon','Sapo bốn','','',0,0),\
             (9,7,'7','',0,100,200,1,100,0,'Chín','chin','','','',0,0);\n"
        );
        if detail_first {
            format!("{cat}{detail}{rows}")
        } else {
            format!("{cat}{rows}{detail}")
        }
    }

    fn now() -> DateTime<Utc> {
        at("2026-12-01T00:00:00Z")
    }

    #[test]
    fn bodies_join_their_rows_whatever_the_table_order() {
        let before = read_site(small_dump(true).as_bytes(), &Limits::default(), now()).unwrap();
        let after = read_site(small_dump(false).as_bytes(), &Limits::default(), now()).unwrap();
        assert_eq!(before.articles, after.articles);
        let ids: Vec<i64> = before.articles.iter().map(|a| a.nv_id).collect();
        assert_eq!(ids, [1, 2, 3, 4]);
        let one = &before.articles[0];
        // The first detail row of an article counts; scripts go, the source text is kept.
        assert!(one.body_html.starts_with("<p>Một</p>"), "{}", one.body_html);
        assert!(!one.body_html.contains("script"), "{}", one.body_html);
        assert_eq!(one.source, "Báo tỉnh");
        assert_eq!(one.other_categories, [2]);
        assert_eq!((one.rating_sum, one.rating_count), (9, 2));
        assert_eq!(one.picture.as_ref().unwrap().path, "news/a.jpg");
        let three = &before.articles[2];
        assert_eq!(three.status, ArticleStatus::Draft);
        assert!(!three.body_html.contains("style="), "{}", three.body_html);
        assert_eq!(three.body_pictures, ["news/b.jpg"]);
        assert!(before.articles[3].body_html.is_empty());
        assert_eq!(before.categories[0].title, "Tin t&c");
        for (id, skipped, words) in [
            (9, true, "chuyên mục chính 7"),
            (3, false, "điểm đánh giá 3"),
            (4, false, "thiếu dòng nội dung"),
        ] {
            assert!(
                before.notes.iter().any(|n| n.nv_id == Some(id)
                    && n.skipped == skipped
                    && n.message.contains(words)),
                "{id}: {:?}",
                before.notes
            );
        }
    }

    #[test]
    fn the_outline_holds_heads_and_the_second_pass_hands_what_is_wanted() {
        let dump = small_dump(true);
        let outline = read_outline(dump.as_bytes(), &Limits::default(), now()).unwrap();
        assert_eq!(outline.detail_table(), "p_vi_news_detail");
        assert_eq!(
            outline.heads.keys().copied().collect::<Vec<_>>(),
            [1, 2, 3, 4]
        );
        assert_eq!(outline.heads[&1].lead, "Sapo một");
        assert_eq!(outline.heads[&1].source, "");
        // Read again in small pieces: the same bytes, whatever the reads.
        let mut order = Vec::new();
        let pieces = std::io::BufReader::with_capacity(7, dump.as_bytes());
        outline
            .read_bodies(pieces, &Limits::default(), &|id| id != 2, &mut |m| {
                order.push((m.nv_id, m.article.is_some()));
                Ok(())
            })
            .unwrap();
        // In the order of the detail rows, the one without a row last; article 2 not wanted.
        assert_eq!(order, [(3, true), (1, true), (4, true)]);
        // The sink can stop the read.
        let mut seen = 0;
        let err = outline
            .read_bodies(dump.as_bytes(), &Limits::default(), &|_| true, &mut |_| {
                seen += 1;
                Err(DumpError::Stopped)
            })
            .unwrap_err();
        assert!(matches!(err, DumpError::Stopped), "{err}");
        assert_eq!(seen, 1);
    }

    #[test]
    fn a_dump_changed_between_the_passes_is_refused() {
        let dump = small_dump(true);
        let outline = read_outline(dump.as_bytes(), &Limits::default(), now()).unwrap();
        for changed in [
            dump.replace("Thời sự", "Thời sư"),
            format!("{dump}-- thêm\n"),
            dump.replace("(2,'<p>Hai</p>',''),", ""),
        ] {
            let err = outline
                .read_bodies(
                    changed.as_bytes(),
                    &Limits::default(),
                    &|_| true,
                    &mut |_| Ok(()),
                )
                .unwrap_err();
            assert!(matches!(err, DumpError::Changed), "{err}");
            assert!(err.to_string().contains("đã thay đổi"), "{err}");
        }
    }

    #[test]
    fn a_detail_table_without_bodies_is_refused_with_its_column() {
        let dump = small_dump(true).replace("`bodyhtml`", "`noidung`");
        let err = read_site(dump.as_bytes(), &Limits::default(), now()).unwrap_err();
        assert!(err.to_string().contains("thiếu cột «bodyhtml»"), "{err}");
        let dump = small_dump(true).replace("`hometext`", "`sapo`");
        let err = read_site(dump.as_bytes(), &Limits::default(), now()).unwrap_err();
        assert!(err.to_string().contains("thiếu cột «hometext»"), "{err}");
    }

    #[test]
    fn a_second_row_of_one_article_is_noted_and_left_out() {
        let dump = small_dump(false).replace(
            "(9,7,'7'",
            "(2,1,'1','',0,100,200,1,100,0,'Hai lần','','','','',0,0),(9,7,'7'",
        );
        let site = read_site(dump.as_bytes(), &Limits::default(), now()).unwrap();
        let two = site.articles.iter().find(|a| a.nv_id == 2).unwrap();
        assert_eq!(two.title, "Hai");
        assert!(
            site.notes
                .iter()
                .any(|n| n.nv_id == Some(2) && n.message.contains("hai dòng")),
            "{:?}",
            site.notes
        );
    }

    #[test]
    fn standing_follows_what_nukeviet_shows() {
        let now = at("2026-11-28T00:00:00Z");
        let past = at("2026-01-01T00:00:00Z").timestamp();
        let future = at("2027-01-01T00:00:00Z").timestamp();
        assert_eq!(standing(1, past, 0, now), ArticleStatus::Published);
        assert_eq!(standing(1, past, future, now), ArticleStatus::Published);
        assert_eq!(
            standing(1, past, past + 10, now),
            ArticleStatus::Unpublished
        );
        assert_eq!(standing(2, future, 0, now), ArticleStatus::Published);
        assert_eq!(standing(3, past, 0, now), ArticleStatus::Unpublished);
        for draft in [0, 4, 5, 6, 9] {
            assert_eq!(standing(draft, past, 0, now), ArticleStatus::Draft);
        }
    }

    #[test]
    fn local_uploads_are_recognised() {
        assert_eq!(local_upload("a.jpg", true).as_deref(), Some("news/a.jpg"));
        assert_eq!(
            local_upload("/uploads/news/2026_11/a%20b.jpg", false).as_deref(),
            Some("news/2026_11/a b.jpg")
        );
        assert_eq!(
            local_upload("https://old.gov.vn/uploads/news/a.jpg?v=1", false).as_deref(),
            Some("news/a.jpg")
        );
        assert_eq!(local_upload("http://cdn.example/x/a.jpg", false), None);
        assert_eq!(local_upload("/uploads/../etc/passwd", false), None);
        assert_eq!(local_upload("a.jpg", false), None);
        assert_eq!(local_upload("", true), None);
    }

    #[test]
    fn the_counter_is_dated_by_its_buckets() {
        let counter = Counter {
            total: 1000,
            years: BTreeMap::from([(2025, 300), (2026, 600), (2027, 0)]),
            months: BTreeMap::from([(1, 100), (11, 400), (12, 0)]),
            days: BTreeMap::from([(27, 50), (28, 150), (30, 7)]),
            last: Some(at("2026-11-28T05:00:00Z")),
        };
        let daily = counter.daily(chrono_tz::Asia::Ho_Chi_Minh);
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(
            daily,
            vec![
                (d(2024, 12, 31), 100),
                (d(2025, 1, 1), 300),
                (d(2026, 1, 1), 100 + 100),
                (d(2026, 11, 1), 200),
                (d(2026, 11, 27), 50),
                (d(2026, 11, 28), 150),
            ]
        );
        assert_eq!(daily.iter().map(|(_, n)| n).sum::<u64>(), 1000);
    }
}
