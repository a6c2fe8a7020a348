//! Trang NukeViet — the news module and counter of a NukeViet 4 site, read from a dump and
//! mapped to what daihoi stores.
//!
//! Tables are found by their names, whatever the prefix the site chose: `<p>_<lang>_news_rows`
//! (the article list), `_detail` (bodies), `_cat` (categories), `_sources` and `<p>_counter`. The
//! per-category copies `_news_<N>` and every other table are skipped unread. When the dump holds
//! several languages, `vi` is taken. A dump with no news tables is refused.
//!
//! The rules of the mapping (decision 0012):
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

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;

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

/// Trang đã đọc — everything the import brings over from one dump.
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

/// Đọc trang NukeViet — reads a dump and maps its news module and counter. `now` decides which
/// articles are public, scheduled or expired.
pub fn read_site<R: BufRead>(
    reader: R,
    limits: &Limits,
    now: DateTime<Utc>,
) -> Result<Site, DumpError> {
    let mut tables: HashMap<String, (Vec<String>, Vec<Vec<Value>>)> = HashMap::new();
    let wants = |table: &str| {
        ["_rows", "_detail", "_cat", "_sources", "_counter"]
            .iter()
            .any(|suffix| table.ends_with(suffix))
    };
    let seen = read_dump(reader, limits, &wants, &mut |row: Row<'_>| {
        let entry = tables
            .entry(row.table.to_owned())
            .or_insert_with(|| (row.columns.to_vec(), Vec::new()));
        if entry.0 != row.columns {
            // A later INSERT with another column order: store the row in the first order.
            let reordered = entry
                .0
                .iter()
                .map(|c| row.get(c).cloned().unwrap_or(Value::Null))
                .collect();
            entry.1.push(reordered);
        } else {
            entry.1.push(row.values);
        }
        Ok(())
    })?;
    let (prefix, lang, module) = find_news_tables(&seen)?;
    let stem = format!("{prefix}_{lang}_{module}");
    let take = |tables: &mut HashMap<String, (Vec<String>, Vec<Vec<Value>>)>, name: &str| {
        tables
            .remove(name)
            .map(|(columns, rows)| Table { columns, rows })
            .unwrap_or_default()
    };
    let rows = take(&mut tables, &format!("{stem}_rows"));
    let detail = take(&mut tables, &format!("{stem}_detail"));
    let cats = take(&mut tables, &format!("{stem}_cat"));
    let sources = take(&mut tables, &format!("{stem}_sources"));
    let counter_table = format!("{prefix}_counter");
    let counter = seen
        .contains(&counter_table)
        .then(|| counter_of(&take(&mut tables, &counter_table)));
    let mut notes = Vec::new();
    let categories = categories_of(&cats, &mut notes)?;
    let articles = articles_of(&rows, &detail, &sources, &categories, now, &mut notes)?;
    Ok(Site {
        prefix,
        lang,
        module,
        categories,
        articles,
        counter,
        notes,
    })
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

fn articles_of(
    rows: &Table,
    detail: &Table,
    sources: &Table,
    categories: &[Category],
    now: DateTime<Utc>,
    notes: &mut Vec<Note>,
) -> Result<Vec<Article>, DumpError> {
    let cols = rows.require(
        "_news_rows",
        &[
            "id",
            "catid",
            "listcatid",
            "author",
            "sourceid",
            "addtime",
            "edittime",
            "status",
            "publtime",
            "exptime",
            "title",
            "alias",
            "hometext",
            "homeimgfile",
            "homeimgalt",
            "total_rating",
            "click_rating",
        ],
    )?;
    let [
        c_id,
        c_cat,
        c_list,
        c_author,
        c_source,
        c_add,
        c_edit,
        c_status,
        c_publ,
        c_exp,
        c_title,
        c_alias,
        c_home,
        c_img,
        c_alt,
        c_total,
        c_clicks,
    ] = cols[..]
    else {
        unreachable!("seventeen names asked")
    };
    let d = detail.require("_news_detail", &["id", "bodyhtml"])?;
    let d_source = detail.column("sourcetext");
    let bodies: HashMap<i64, &Vec<Value>> = detail
        .rows
        .iter()
        .filter_map(|r| Some((r[d[0]].int()?, r)))
        .collect();
    let source_titles: HashMap<i64, String> =
        match (sources.column("sourceid"), sources.column("title")) {
            (Some(i), Some(t)) => sources
                .rows
                .iter()
                .filter_map(|r| Some((r[i].int()?, plain_text(&r[t].text()))))
                .collect(),
            _ => HashMap::new(),
        };
    let known: Vec<i64> = categories.iter().map(|c| c.nv_id).collect();
    let mut articles = Vec::with_capacity(rows.rows.len());
    for row in &rows.rows {
        let Some(nv_id) = row[c_id].int() else {
            continue;
        };
        let skip = |notes: &mut Vec<Note>, message: String| {
            notes.push(Note {
                nv_id: Some(nv_id),
                skipped: true,
                message,
            })
        };
        let title = plain_text(&row[c_title].text());
        if title.is_empty() {
            skip(notes, "bài không có tiêu đề".to_owned());
            continue;
        }
        let category = row[c_cat].int().unwrap_or(0);
        if !known.contains(&category) {
            skip(
                notes,
                format!("chuyên mục chính {category} của bài không có trong bảng chuyên mục"),
            );
            continue;
        }
        let other_categories: Vec<i64> = row[c_list]
            .text()
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .filter(|c| *c != category && known.contains(c))
            .fold(Vec::new(), |mut acc, c| {
                if !acc.contains(&c) {
                    acc.push(c);
                }
                acc
            });
        let (body_html, body_pictures, mut source) = match bodies.get(&nv_id) {
            None => {
                notes.push(Note {
                    nv_id: Some(nv_id),
                    skipped: false,
                    message: "thiếu dòng nội dung trong bảng _news_detail: nhập bài chỉ với \
                              tiêu đề và sapo"
                        .to_owned(),
                });
                (String::new(), Vec::new(), String::new())
            }
            Some(detail_row) => {
                let raw = detail_row[d[1]].text();
                if raw.len() > MAX_BODY_BYTES {
                    skip(
                        notes,
                        format!(
                            "nội dung dài {} byte, quá giới hạn {} byte",
                            raw.len(),
                            MAX_BODY_BYTES
                        ),
                    );
                    continue;
                }
                let body = match crate::body::clean_body(&raw) {
                    Ok(body) => body,
                    Err(why) => {
                        skip(notes, why);
                        continue;
                    }
                };
                if let Some(first) = body.foreign_pictures.first() {
                    let more = match body.foreign_pictures.len() {
                        1 => String::new(),
                        n => format!(" và {} ảnh khác", n - 1),
                    };
                    notes.push(Note {
                        nv_id: Some(nv_id),
                        skipped: false,
                        message: format!(
                            "ảnh ở trang khác {first}{more} được thay bằng liên kết (cổng chỉ hiện \
                             ảnh của chính mình)"
                        ),
                    });
                }
                let sourcetext = d_source
                    .map(|i| plain_text(&detail_row[i].text()))
                    .unwrap_or_default();
                (body.html, body.pictures, sourcetext)
            }
        };
        if let Some(title) = row[c_source]
            .int()
            .and_then(|id| source_titles.get(&id))
            .filter(|t| !t.is_empty())
        {
            source = title.clone();
        }
        let publtime = row[c_publ].int().unwrap_or(0);
        let exptime = row[c_exp].int().unwrap_or(0);
        let status = standing(row[c_status].int().unwrap_or(0), publtime, exptime, now);
        let image = row[c_img].text();
        let picture = local_upload(&image, true).map(|path| Picture {
            path,
            caption: plain_text(&row[c_alt].text()),
        });
        let (mut rating_sum, mut rating_count) = (
            row[c_total].int().unwrap_or(0).max(0) as u64,
            row[c_clicks].int().unwrap_or(0).max(0) as u64,
        );
        if rating_sum < rating_count || rating_sum > 5 * rating_count {
            notes.push(Note {
                nv_id: Some(nv_id),
                skipped: false,
                message: format!(
                    "điểm đánh giá {rating_sum} không khớp với {rating_count} lượt (mỗi lượt 1–5 \
                     sao): không chuyển điểm đánh giá"
                ),
            });
            (rating_sum, rating_count) = (0, 0);
        }
        let alias = row[c_alias].text();
        let slug = if alias.trim().is_empty() {
            slugify(&title)
        } else {
            slugify(&alias)
        };
        articles.push(Article {
            nv_id,
            category,
            other_categories,
            slug,
            alias,
            lead: plain_text(&row[c_home].text()),
            body_html,
            body_pictures,
            author: plain_text(&row[c_author].text()),
            source,
            status,
            published_at: time_of(publtime),
            created_at: time_of(row[c_add].int().unwrap_or(publtime)),
            edited_at: time_of(row[c_edit].int().unwrap_or(publtime)),
            expires_at: (exptime > now.timestamp()).then(|| time_of(exptime)),
            picture,
            rating_sum,
            rating_count,
            title,
        });
    }
    articles.sort_by_key(|a| a.nv_id);
    Ok(articles)
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
