//! Chuyển từ NukeViet — storing a NukeViet site moved over (decision 0012): categories,
//! articles with their photos, other categories and carried-over ratings, and the counter's
//! figures as daily visits, all in one transaction, keyed by NukeViet's ids so that a second run
//! of the same dump changes nothing and a later dump adds only what is new.
//!
//! The store takes facts already mapped (`daihoi-nukeviet` reads the dump, the command line
//! copies the photo files first); it decides only what is new. An import is written article by
//! article into one open transaction ([`NukevietWriter`]), so the site is never held whole.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{Any, AnyConnection, Row, Transaction};

use daihoi_domain::address::{SLUG_ATTEMPTS, suffixed};

use crate::article::{ArticleKind, ArticleTexts, BodyFormat, NewArticle, write_new_article};
use crate::audit::record;
use crate::time::{to_day, to_micros};
use crate::{Actor, ArticleStatus, Store, StoreError};

/// Chuyên mục nhập — one category to bring over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedCategory {
    /// NukeViet's `catid`.
    pub nv_id: i64,
    /// Parent `catid` (already in this list before it, or imported earlier).
    pub parent_nv_id: Option<i64>,
    /// Name.
    pub name: String,
    /// The slug to use (an existing category with this slug is reused).
    pub slug: String,
    /// NukeViet's alias (old addresses).
    pub alias: String,
    /// Order among siblings.
    pub position: i64,
}

/// Ảnh nhập — one photo of an imported article: a file of the old `uploads` folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedPhoto {
    /// Path relative to the old `uploads` folder (a key of [`ImportedFile`]).
    pub path: String,
    /// Caption.
    pub caption: String,
}

/// Tệp ảnh đã chép — a file of the old `uploads` folder, copied into the photo store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedFile {
    /// Path relative to the old `uploads` folder.
    pub path: String,
    /// Stored full-size file, relative to our uploads folder.
    pub file_name: String,
    /// Stored thumbnail.
    pub thumb_name: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// MIME type.
    pub mime: String,
}

/// Bài nhập — one article to bring over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedArticle {
    /// NukeViet's `id`.
    pub nv_id: i64,
    /// Main category (NukeViet `catid`).
    pub category_nv_id: i64,
    /// Other categories (NukeViet `catid`s).
    pub other_category_nv_ids: Vec<i64>,
    /// The slug tried first (`-2`, `-3` … when taken).
    pub slug: String,
    /// Title.
    pub title: String,
    /// Lead.
    pub lead: String,
    /// Sanitised HTML body, photos already pointing at the stored files.
    pub body_html: String,
    /// Author.
    pub author: String,
    /// Source.
    pub source: String,
    /// Status.
    pub status: ArticleStatus,
    /// Publication time.
    pub published_at: DateTime<Utc>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last edit.
    pub edited_at: DateTime<Utc>,
    /// The home picture (becomes the cover).
    pub cover: Option<ImportedPhoto>,
    /// The pictures of the body.
    pub body_photos: Vec<ImportedPhoto>,
    /// Rating sum and count carried over.
    pub rating_sum: u64,
    /// Number of ratings.
    pub rating_count: u64,
}

/// Bài đã chuẩn bị — an imported article with its search texts computed ahead
/// ([`ArticleTexts`]): the import prepares the next article on the thread that reads the dump
/// while the database stores the previous one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedArticle {
    article: ImportedArticle,
    texts: ArticleTexts,
}

impl PreparedArticle {
    /// Folds and cuts the article's searchable text (the costly part of storing it).
    pub fn new(article: ImportedArticle) -> PreparedArticle {
        let texts = ArticleTexts::of(
            &article.title,
            &article.lead,
            &article.author,
            &article.body_html,
        );
        PreparedArticle { article, texts }
    }

    /// The article (read only: its texts were computed from it).
    pub fn article(&self) -> &ImportedArticle {
        &self.article
    }
}

/// Dữ liệu nhập — everything one import brings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NukevietImport {
    /// Categories, each after its parent.
    pub categories: Vec<ImportedCategory>,
    /// Articles.
    pub articles: Vec<ImportedArticle>,
    /// Files copied for this import (files copied by an earlier one are known already).
    pub files: Vec<ImportedFile>,
    /// The counter's figures by day (the whole carried total, not a difference).
    pub daily_visits: Vec<(NaiveDate, u64)>,
}

/// Kết quả nhập — what an import changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NukevietCounts {
    /// Categories created.
    pub categories_added: u64,
    /// Categories matched to an existing one with the same slug.
    pub categories_merged: u64,
    /// Articles created.
    pub articles_added: u64,
    /// Articles already imported by an earlier run (left as they are).
    pub articles_known: u64,
    /// Photo rows added.
    pub photos_added: u64,
    /// Articles whose carried-over rating was set or changed.
    pub ratings_changed: u64,
    /// Visits added to the statistics (negative when a later dump dates fewer).
    pub visits_added: i64,
}

impl NukevietCounts {
    /// Whether the import changed anything.
    pub fn changed(&self) -> bool {
        self.categories_added
            + self.categories_merged
            + self.articles_added
            + self.photos_added
            + self.ratings_changed
            > 0
            || self.visits_added != 0
    }
}

/// Đã nhập — what earlier imports brought, for planning the next one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NukevietKnown {
    /// NukeViet article ids already imported.
    pub articles: HashSet<i64>,
    /// Files already copied, by old path.
    pub files: HashMap<String, ImportedFile>,
}

impl Store {
    /// Đã nhập từ NukeViet — the article ids and files earlier imports brought.
    pub async fn nukeviet_known(&self) -> Result<NukevietKnown, StoreError> {
        let mut known = NukevietKnown::default();
        for row in sqlx::query("SELECT nv_id FROM nukeviet_article")
            .fetch_all(self.pool())
            .await?
        {
            known.articles.insert(row.try_get("nv_id")?);
        }
        for row in sqlx::query(
            "SELECT path, file_name, thumb_name, width, height, mime FROM nukeviet_file",
        )
        .fetch_all(self.pool())
        .await?
        {
            let file = file_of(&row)?;
            known.files.insert(file.path.clone(), file);
        }
        Ok(known)
    }

    /// Nhập trang NukeViet — stores `import` in one transaction: new categories (a category
    /// whose slug exists is reused), new articles with their photos and other categories,
    /// the carried-over ratings of every imported article (set to the dump's figures), and the
    /// difference between the dump's daily visits and what earlier imports added. Articles
    /// imported before are left as they are. When nothing changes, nothing is written (no audit
    /// row either); otherwise one audit row `import`/`nukeviet` holds the counts. The whole
    /// import in memory: [`Store::nukeviet_writer`] takes it article by article.
    pub async fn import_nukeviet(
        &self,
        import: &NukevietImport,
        now: DateTime<Utc>,
    ) -> Result<NukevietCounts, StoreError> {
        let mut writer = self.nukeviet_writer(&import.categories, now).await?;
        for file in &import.files {
            writer.add_file(file).await?;
        }
        for article in &import.articles {
            writer
                .add_article(&PreparedArticle::new(article.clone()))
                .await?;
        }
        writer.finish(&import.daily_visits).await
    }

    /// Nhập từng bài — opens the transaction of an import and stores its categories (each after
    /// its parent; a category whose slug exists is reused). The articles follow one at a time
    /// ([`NukevietWriter::add_article`], their copied files first), then
    /// [`NukevietWriter::finish`] carries the visits and commits. Dropped before `finish`, or
    /// after an error, the writer stores nothing. On SQLite the transaction holds the write lock
    /// until it ends.
    pub async fn nukeviet_writer(
        &self,
        categories: &[ImportedCategory],
        now: DateTime<Utc>,
    ) -> Result<NukevietWriter, StoreError> {
        let mut tx = self.begin().await?;
        let mut counts = NukevietCounts::default();
        let categories = import_categories(&mut tx, categories, &mut counts).await?;
        let mut files: HashMap<String, ImportedFile> = HashMap::new();
        for row in sqlx::query(
            "SELECT path, file_name, thumb_name, width, height, mime FROM nukeviet_file",
        )
        .fetch_all(&mut *tx)
        .await?
        {
            let file = file_of(&row)?;
            files.insert(file.path.clone(), file);
        }
        let mut known: HashMap<i64, i64> = HashMap::new();
        for row in sqlx::query("SELECT nv_id, article_id FROM nukeviet_article")
            .fetch_all(&mut *tx)
            .await?
        {
            known.insert(row.try_get("nv_id")?, row.try_get("article_id")?);
        }
        let mut slugs: HashSet<String> = HashSet::new();
        for row in sqlx::query("SELECT slug FROM article")
            .fetch_all(&mut *tx)
            .await?
        {
            slugs.insert(row.try_get("slug")?);
        }
        Ok(NukevietWriter {
            tx,
            categories,
            files,
            known,
            slugs,
            counts,
            now,
        })
    }

    /// Bài theo mã NukeViet — the slug of the article imported from NukeViet id `nv_id`, if any.
    pub async fn nukeviet_article_slug(&self, nv_id: i64) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT a.slug FROM nukeviet_article n JOIN article a ON a.id = n.article_id \
             WHERE n.nv_id = $1",
        )
        .bind(nv_id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Chuyên mục theo bí danh NukeViet — the slug of the category imported from the NukeViet
    /// category with this alias (compared without case, as NukeViet's MySQL collation does).
    pub async fn nukeviet_category_slug(&self, alias: &str) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT c.slug FROM nukeviet_category n JOIN category c ON c.id = n.category_id \
             WHERE LOWER(n.alias) = LOWER($1) ORDER BY n.nv_id LIMIT 1",
        )
        .bind(alias)
        .fetch_optional(self.pool())
        .await?)
    }
}

/// Nhập dở — an import in progress, inside its transaction ([`Store::nukeviet_writer`]).
pub struct NukevietWriter {
    tx: Transaction<'static, Any>,
    /// NukeViet category id → category id.
    categories: HashMap<i64, i64>,
    /// Copied files by old path.
    files: HashMap<String, ImportedFile>,
    /// NukeViet article id → article id, of every article imported so far.
    known: HashMap<i64, i64>,
    /// Every article slug taken.
    slugs: HashSet<String>,
    counts: NukevietCounts,
    now: DateTime<Utc>,
}

impl NukevietWriter {
    /// Whether NukeViet article `nv_id` is imported already (by an earlier run or this one).
    pub fn is_known(&self, nv_id: i64) -> bool {
        self.known.contains_key(&nv_id)
    }

    /// Records a file copied for this import (a path recorded already is left as it is).
    pub async fn add_file(&mut self, file: &ImportedFile) -> Result<(), StoreError> {
        if self.files.contains_key(&file.path) {
            return Ok(());
        }
        sqlx::query(
            "INSERT INTO nukeviet_file (path, file_name, thumb_name, width, height, mime) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&file.path)
        .bind(&file.file_name)
        .bind(&file.thumb_name)
        .bind(i64::from(file.width))
        .bind(i64::from(file.height))
        .bind(&file.mime)
        .execute(&mut *self.tx)
        .await?;
        self.files.insert(file.path.clone(), file.clone());
        Ok(())
    }

    /// Stores one article: a new one with its photos (files recorded before) and other
    /// categories; one imported before is left as it is. Either way its carried-over rating is
    /// set to the dump's figures.
    pub async fn add_article(&mut self, prepared: &PreparedArticle) -> Result<(), StoreError> {
        let article = &prepared.article;
        let (article_id, added) = match self.known.get(&article.nv_id) {
            Some(&id) => {
                self.counts.articles_known += 1;
                (id, false)
            }
            None => {
                let (id, photos) = insert_imported(
                    &mut self.tx,
                    prepared,
                    &self.categories,
                    &self.files,
                    &mut self.slugs,
                    self.now,
                )
                .await?;
                self.counts.photos_added += photos;
                self.counts.articles_added += 1;
                self.known.insert(article.nv_id, id);
                (id, true)
            }
        };
        self.counts.ratings_changed += carry_rating(
            &mut self.tx,
            article_id,
            added,
            article.rating_sum,
            article.rating_count,
        )
        .await?;
        Ok(())
    }

    /// Sets the carried-over rating of an article imported before (its body is not needed):
    /// what [`NukevietWriter::add_article`] does for such an article.
    pub async fn keep_article(
        &mut self,
        nv_id: i64,
        rating_sum: u64,
        rating_count: u64,
    ) -> Result<(), StoreError> {
        let article_id = *self.known.get(&nv_id).ok_or_else(|| StoreError::NotFound {
            entity: "bài NukeViet đã nhập",
            key: nv_id.to_string(),
        })?;
        self.counts.articles_known += 1;
        self.counts.ratings_changed +=
            carry_rating(&mut self.tx, article_id, false, rating_sum, rating_count).await?;
        Ok(())
    }

    /// Carries the counter's daily figures (the whole carried total, not a difference) and
    /// ends the import: commits with one audit row holding the counts, or, when nothing
    /// changed, rolls back (no audit row either).
    pub async fn finish(
        mut self,
        daily_visits: &[(NaiveDate, u64)],
    ) -> Result<NukevietCounts, StoreError> {
        let mut counts = self.counts;
        counts.visits_added = carry_visits(&mut self.tx, daily_visits).await?;
        if !counts.changed() {
            self.tx.rollback().await?;
            return Ok(counts);
        }
        record(
            &mut self.tx,
            &Actor::System,
            self.now,
            "import",
            "nukeviet",
            None,
            json!({
                "categories_added": counts.categories_added,
                "categories_merged": counts.categories_merged,
                "articles_added": counts.articles_added,
                "photos_added": counts.photos_added,
                "ratings_changed": counts.ratings_changed,
                "visits_added": counts.visits_added,
            }),
        )
        .await?;
        self.tx.commit().await?;
        Ok(counts)
    }
}

fn file_of(row: &AnyRow) -> Result<ImportedFile, StoreError> {
    Ok(ImportedFile {
        path: row.try_get("path")?,
        file_name: row.try_get("file_name")?,
        thumb_name: row.try_get("thumb_name")?,
        width: row.try_get::<i64, _>("width")?.max(0) as u32,
        height: row.try_get::<i64, _>("height")?.max(0) as u32,
        mime: row.try_get("mime")?,
    })
}

/// Creates the new categories (or reuses one with the same slug) and returns every NukeViet
/// category id known after this import with its category id.
async fn import_categories(
    conn: &mut AnyConnection,
    categories: &[ImportedCategory],
    counts: &mut NukevietCounts,
) -> Result<HashMap<i64, i64>, StoreError> {
    let mut ids: HashMap<i64, i64> = HashMap::new();
    for row in sqlx::query("SELECT nv_id, category_id FROM nukeviet_category")
        .fetch_all(&mut *conn)
        .await?
    {
        ids.insert(row.try_get("nv_id")?, row.try_get("category_id")?);
    }
    for c in categories {
        if ids.contains_key(&c.nv_id) {
            continue;
        }
        let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM category WHERE slug = $1")
            .bind(&c.slug)
            .fetch_optional(&mut *conn)
            .await?;
        let id = match existing {
            Some(id) => {
                counts.categories_merged += 1;
                id
            }
            None => {
                let parent = c.parent_nv_id.and_then(|p| ids.get(&p).copied());
                counts.categories_added += 1;
                sqlx::query_scalar(
                    "INSERT INTO category (slug, name, description, position, parent_id) \
                     VALUES ($1, $2, '', $3, $4) RETURNING id",
                )
                .bind(&c.slug)
                .bind(&c.name)
                .bind(c.position)
                .bind(parent)
                .fetch_one(&mut *conn)
                .await?
            }
        };
        sqlx::query(
            "INSERT INTO nukeviet_category (nv_id, category_id, alias) VALUES ($1, $2, $3)",
        )
        .bind(c.nv_id)
        .bind(id)
        .bind(&c.alias)
        .execute(&mut *conn)
        .await?;
        ids.insert(c.nv_id, id);
    }
    Ok(ids)
}

/// Inserts one article with its photos, other categories and mapping row; returns its id and
/// the number of photos added.
async fn insert_imported(
    conn: &mut AnyConnection,
    prepared: &PreparedArticle,
    categories: &HashMap<i64, i64>,
    files: &HashMap<String, ImportedFile>,
    slugs: &mut HashSet<String>,
    now: DateTime<Utc>,
) -> Result<(i64, u64), StoreError> {
    let article = &prepared.article;
    let category_id =
        *categories
            .get(&article.category_nv_id)
            .ok_or_else(|| StoreError::NotFound {
                entity: "chuyên mục NukeViet",
                key: article.category_nv_id.to_string(),
            })?;
    let slug = (1..=SLUG_ATTEMPTS)
        .map(|n| suffixed(&article.slug, n))
        .find(|s| !slugs.contains(s))
        .ok_or_else(|| StoreError::Invalid(format!("đường dẫn «{}» đã có", article.slug)))?;
    slugs.insert(slug.clone());
    let new = NewArticle {
        slug,
        title: article.title.clone(),
        lead: article.lead.clone(),
        body_md: article.body_html.clone(),
        kind: ArticleKind::News,
        category_id,
        author: article.author.clone(),
        source: article.source.clone(),
        status: article.status,
        published_at: Some(article.published_at),
        cover_photo_id: None,
        congress_id: None,
    };
    // The category was written or read by this import's transaction (`import_categories`).
    let stored = write_new_article(
        conn,
        &new,
        &prepared.texts,
        BodyFormat::Html,
        article.created_at,
        article.edited_at,
    )
    .await?;
    sqlx::query("INSERT INTO nukeviet_article (nv_id, article_id) VALUES ($1, $2)")
        .bind(article.nv_id)
        .bind(stored.id)
        .execute(&mut *conn)
        .await?;
    for other in &article.other_category_nv_ids {
        if let Some(&id) = categories.get(other)
            && id != category_id
        {
            sqlx::query(
                "INSERT INTO article_category (article_id, category_id) VALUES ($1, $2) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(stored.id)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        }
    }
    let mut added = 0u64;
    let mut seen: HashSet<&str> = HashSet::new();
    let photos = article.cover.iter().chain(&article.body_photos);
    for (position, photo) in photos.enumerate() {
        let Some(file) = files.get(&photo.path) else {
            continue;
        };
        if !seen.insert(&photo.path) {
            continue;
        }
        let photo_id: i64 = sqlx::query_scalar(
            "INSERT INTO photo (article_id, file_name, thumb_name, caption, width, height, mime, \
                                position, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(stored.id)
        .bind(&file.file_name)
        .bind(&file.thumb_name)
        .bind(&photo.caption)
        .bind(i64::from(file.width))
        .bind(i64::from(file.height))
        .bind(&file.mime)
        .bind(position as i64)
        .bind(to_micros(now))
        .fetch_one(&mut *conn)
        .await?;
        added += 1;
        if position == 0 && article.cover.is_some() {
            sqlx::query("UPDATE article SET cover_photo_id = $1 WHERE id = $2")
                .bind(photo_id)
                .bind(stored.id)
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok((stored.id, added))
}

/// Sets the carried-over rating of an imported article to the dump's figures; 1 when it changed.
/// An article `added` by this import has none yet (nothing to read).
async fn carry_rating(
    conn: &mut AnyConnection,
    article_id: i64,
    added: bool,
    rating_sum: u64,
    rating_count: u64,
) -> Result<u64, StoreError> {
    let current = if added {
        (0, 0)
    } else {
        sqlx::query("SELECT stars_sum, votes FROM rating_carried WHERE article_id = $1")
            .bind(article_id)
            .fetch_optional(&mut *conn)
            .await?
            .map(|r| -> Result<(i64, i64), StoreError> {
                Ok((r.try_get("stars_sum")?, r.try_get("votes")?))
            })
            .transpose()?
            .unwrap_or((0, 0))
    };
    let wanted = (
        i64::try_from(rating_sum).unwrap_or(i64::MAX),
        i64::try_from(rating_count).unwrap_or(i64::MAX),
    );
    if current == wanted {
        return Ok(0);
    }
    sqlx::query(
        "INSERT INTO rating_carried (article_id, stars_sum, votes) VALUES ($1, $2, $3) \
         ON CONFLICT (article_id) DO UPDATE SET stars_sum = excluded.stars_sum, \
                                                votes = excluded.votes",
    )
    .bind(article_id)
    .bind(wanted.0)
    .bind(wanted.1)
    .execute(&mut *conn)
    .await?;
    Ok(1)
}

/// Brings the daily visits carried over to `daily` (person visits): adds to `daily_visit` and
/// `visit_total` the difference from what earlier imports added, and remembers the new figures.
/// Returns the change of the total.
async fn carry_visits(
    conn: &mut AnyConnection,
    daily: &[(NaiveDate, u64)],
) -> Result<i64, StoreError> {
    let mut before: BTreeMap<i64, i64> = BTreeMap::new();
    for row in sqlx::query("SELECT day, visits FROM nukeviet_visit")
        .fetch_all(&mut *conn)
        .await?
    {
        before.insert(row.try_get("day")?, row.try_get("visits")?);
    }
    let mut after: BTreeMap<i64, i64> = BTreeMap::new();
    for &(day, n) in daily {
        *after.entry(to_day(day)).or_default() += i64::try_from(n).unwrap_or(i64::MAX);
    }
    let days: std::collections::BTreeSet<i64> =
        before.keys().chain(after.keys()).copied().collect();
    let mut total = 0i64;
    for day in days {
        let old = before.get(&day).copied().unwrap_or(0);
        let new = after.get(&day).copied().unwrap_or(0);
        let delta = new - old;
        if delta == 0 {
            continue;
        }
        total += delta;
        sqlx::query(
            "INSERT INTO daily_visit (day, kind, visits) VALUES ($1, 'person', $2) \
             ON CONFLICT (day, kind) DO UPDATE SET visits = daily_visit.visits + excluded.visits",
        )
        .bind(day)
        .bind(delta)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO nukeviet_visit (day, visits) VALUES ($1, $2) \
             ON CONFLICT (day) DO UPDATE SET visits = excluded.visits",
        )
        .bind(day)
        .bind(new)
        .execute(&mut *conn)
        .await?;
    }
    if total != 0 {
        sqlx::query(
            "INSERT INTO visit_total (kind, visits) VALUES ('person', $1) \
             ON CONFLICT (kind) DO UPDATE SET visits = visit_total.visits + excluded.visits",
        )
        .bind(total)
        .execute(&mut *conn)
        .await?;
    }
    Ok(total)
}
