//! Lọc bài viết — the folded search text of articles and the filtered administration list. (The
//! portal's public search uses the full-text index: `search_index.rs`.)
//!
//! Each article row carries `search_text` (schema 4): [`daihoi_domain::vn::fold`] of its title,
//! lead, author and body (Markdown link targets dropped, the common markup characters turned into
//! spaces, runs of white space collapsed). A query is split into words, each word is folded the
//! same way, and an article matches the administration's filter when **every** word occurs in its text (`LIKE '%word%'`, the
//! word bound as a parameter with `%`, `_` and `\` escaped) or in the folded name of its category.
//! Category names are folded here, per query, rather than stored: there are few categories, and a
//! renamed category is found under its new name at once.
//!
//! SQL cannot fold Vietnamese, so rows written before schema 4 (or by an older binary) have an
//! empty text; [`Store::fill_search_text`] fills them, and [`Store::migrate`] calls it on every
//! start.

use chrono::{DateTime, Utc};
use daihoi_domain::search::plain_text_of_markdown;
use daihoi_domain::vn::fold;
use sqlx::Row;

use crate::article::{ArticleStatus, ArticleSummary, NewArticle, SUMMARY_SELECT, summaries_page};
use crate::bind::{Arg, bind_all, bind_all_scalar};
use crate::time::to_micros;
use crate::{Page, Store, StoreError, paging};

/// Most words of one query that are used; further words are ignored (a query is at most a few
/// hundred characters anyway).
pub const MAX_SEARCH_TERMS: usize = daihoi_domain::search::MAX_QUERY_WORDS;

/// Rows filled per round by [`Store::fill_search_text`].
const FILL_BATCH: i64 = 200;

/// Tình trạng hiển thị — an article's state as the administration lists it: like
/// [`ArticleStatus`], but a published article whose time is still ahead is "scheduled".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleState {
    /// Bản nháp.
    Draft,
    /// Đã lên lịch — published, with `published_at` after `now`.
    Scheduled,
    /// Đã xuất bản — published and visible at `now`.
    Published,
    /// Đã gỡ.
    Unpublished,
}

impl ArticleState {
    /// The name used in addresses (`draft`, `scheduled`, `published`, `unpublished`).
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleState::Draft => "draft",
            ArticleState::Scheduled => "scheduled",
            ArticleState::Published => "published",
            ArticleState::Unpublished => "unpublished",
        }
    }

    /// Parse the name used in addresses.
    pub fn parse(s: &str) -> Option<ArticleState> {
        match s {
            "draft" => Some(ArticleState::Draft),
            "scheduled" => Some(ArticleState::Scheduled),
            "published" => Some(ArticleState::Published),
            "unpublished" => Some(ArticleState::Unpublished),
            _ => None,
        }
    }

    /// The state of an article with `status` and `published_at`, seen at `now`.
    pub fn of(
        status: ArticleStatus,
        published_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> ArticleState {
        match status {
            ArticleStatus::Draft => ArticleState::Draft,
            ArticleStatus::Unpublished => ArticleState::Unpublished,
            ArticleStatus::Published if published_at.is_some_and(|t| t > now) => {
                ArticleState::Scheduled
            }
            ArticleStatus::Published => ArticleState::Published,
        }
    }
}

/// Bộ lọc danh sách bài — what the administration list asks for; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleFilter {
    /// Words that must all occur in the article's folded text or its category's name (with or
    /// without diacritics; folded by the store).
    pub text: String,
    /// Only this category.
    pub category_id: Option<i64>,
    /// Only this state (seen at the `now` passed along).
    pub state: Option<ArticleState>,
}

/// The folded search text of an article (what `search_text` holds).
pub(crate) fn search_text_of(a: &NewArticle) -> String {
    search_text(&a.title, &a.lead, &a.author, &a.body_md)
}

/// Folded, single-spaced text of the searchable fields; the body is read as plain text
/// ([`plain_text_of_markdown`]: link and image targets dropped, markup characters spaces).
pub(crate) fn search_text(title: &str, lead: &str, author: &str, body_md: &str) -> String {
    let body = plain_text_of_markdown(body_md);
    let folded = fold(&format!("{title}\n{lead}\n{author}\n{body}"));
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of a query, folded, without repeats, at most [`MAX_SEARCH_TERMS`].
pub fn search_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in fold(query).split_whitespace() {
        if terms.len() == MAX_SEARCH_TERMS {
            break;
        }
        if !terms.iter().any(|t| t == word) {
            terms.push(word.to_owned());
        }
    }
    terms
}

/// `%word%` with the LIKE wildcards of `word` made literal (escape character `\`).
pub(crate) fn like_pattern(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 2);
    out.push('%');
    for c in word.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// A `WHERE` clause built piece by piece, with its parameters numbered `$1…` in order.
#[derive(Default)]
struct Conditions {
    parts: Vec<String>,
    args: Vec<Arg>,
}

impl Conditions {
    /// The next placeholder, binding `arg` to it.
    fn bind(&mut self, arg: Arg) -> String {
        self.args.push(arg);
        format!("${}", self.args.len())
    }

    fn push(&mut self, sql: String) {
        self.parts.push(sql);
    }

    fn where_clause(&self) -> String {
        if self.parts.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.parts.join(" AND "))
        }
    }

    /// Every term must occur in the article's text or its category's folded name.
    fn terms(&mut self, terms: &[String], categories: &[(i64, String)]) {
        for term in terms {
            let like = self.bind(Arg::Text(like_pattern(term)));
            let in_name: Vec<i64> = categories
                .iter()
                .filter(|(_, name)| name.contains(term.as_str()))
                .map(|(id, _)| *id)
                .collect();
            if in_name.is_empty() {
                self.push(format!("a.search_text LIKE {like} ESCAPE '\\'"));
            } else {
                let ids: Vec<String> = in_name
                    .into_iter()
                    .map(|id| self.bind(Arg::Int(id)))
                    .collect();
                self.push(format!(
                    "(a.search_text LIKE {like} ESCAPE '\\' OR a.category_id IN ({}))",
                    ids.join(", ")
                ));
            }
        }
    }

    fn state(&mut self, state: ArticleState, now: i64) {
        match state {
            ArticleState::Draft => self.push("a.status = 'draft'".to_owned()),
            ArticleState::Unpublished => self.push("a.status = 'unpublished'".to_owned()),
            ArticleState::Scheduled => {
                let now = self.bind(Arg::Int(now));
                self.push(format!("a.status = 'published' AND a.published_at > {now}"));
            }
            ArticleState::Published => {
                let now = self.bind(Arg::Int(now));
                self.push(format!(
                    "a.status = 'published' AND (a.published_at IS NULL OR a.published_at <= {now})"
                ));
            }
        }
    }
}

impl Store {
    /// Lọc bài viết — every article matching `filter` whatever its state (administration), last
    /// changed first, with the total. "Scheduled" and "published" are judged at `now`.
    pub async fn filter_articles(
        &self,
        filter: &ArticleFilter,
        now: DateTime<Utc>,
        page: u32,
        per_page: u32,
    ) -> Result<Page<ArticleSummary>, StoreError> {
        let terms = search_terms(&filter.text);
        let categories = self.folded_category_names(&terms).await?;
        let mut conditions = Conditions::default();
        conditions.terms(&terms, &categories);
        if let Some(id) = filter.category_id {
            let id = conditions.bind(Arg::Int(id));
            conditions.push(format!("a.category_id = {id}"));
        }
        if let Some(state) = filter.state {
            conditions.state(state, to_micros(now));
        }
        self.summaries(&conditions, "a.updated_at DESC, a.id DESC", page, per_page)
            .await
    }

    /// Điền chữ tìm kiếm — fill `search_text` of every article whose text is empty (rows written
    /// before schema 4 or by an older binary). Returns how many rows were filled. Runs in
    /// batches; a row changed meanwhile by another instance keeps that instance's text.
    pub async fn fill_search_text(&self) -> Result<u64, StoreError> {
        let mut filled = 0u64;
        let mut after = 0i64;
        loop {
            let rows = sqlx::query(
                "SELECT id, title, lead, author, body_md, updated_at FROM article \
                 WHERE search_text = '' AND id > $1 ORDER BY id LIMIT $2",
            )
            .bind(after)
            .bind(FILL_BATCH)
            .fetch_all(self.pool())
            .await?;
            let Some(last) = rows.last() else {
                return Ok(filled);
            };
            after = last.try_get("id")?;
            let mut tx = self.begin().await?;
            for r in &rows {
                let text = search_text(
                    &r.try_get::<String, _>("title")?,
                    &r.try_get::<String, _>("lead")?,
                    &r.try_get::<String, _>("author")?,
                    &r.try_get::<String, _>("body_md")?,
                );
                let done = sqlx::query(
                    "UPDATE article SET search_text = $1 \
                     WHERE id = $2 AND search_text = '' AND updated_at = $3",
                )
                .bind(text)
                .bind(r.try_get::<i64, _>("id")?)
                .bind(r.try_get::<i64, _>("updated_at")?)
                .execute(&mut *tx)
                .await?;
                filled += done.rows_affected();
            }
            tx.commit().await?;
        }
    }

    /// `(id, folded name)` of the categories whose name contains one of `terms` (none when there
    /// are no terms).
    async fn folded_category_names(
        &self,
        terms: &[String],
    ) -> Result<Vec<(i64, String)>, StoreError> {
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let rows = sqlx::query("SELECT id, name FROM category")
            .fetch_all(self.pool())
            .await?;
        let mut out = Vec::new();
        for r in &rows {
            let name = fold(&r.try_get::<String, _>("name")?);
            if terms.iter().any(|t| name.contains(t.as_str())) {
                out.push((r.try_get("id")?, name));
            }
        }
        Ok(out)
    }

    /// One page of summaries matching `conditions`, in `order`, with the total.
    async fn summaries(
        &self,
        conditions: &Conditions,
        order: &str,
        page: u32,
        per_page: u32,
    ) -> Result<Page<ArticleSummary>, StoreError> {
        let (page, per_page, offset) = paging(page, per_page);
        let where_clause = conditions.where_clause();
        let count_sql = format!("SELECT COUNT(*) FROM article a{where_clause}");
        let total = bind_all_scalar(sqlx::query_scalar::<_, i64>(&count_sql), &conditions.args)
            .fetch_one(self.pool())
            .await?;
        let n = conditions.args.len();
        let list_sql = format!(
            "{SUMMARY_SELECT}{where_clause} ORDER BY {order} LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let rows = bind_all(sqlx::query(&list_sql), &conditions.args)
            .bind(i64::from(per_page))
            .bind(offset)
            .fetch_all(self.pool())
            .await?;
        summaries_page(&rows, total, page, per_page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_is_folded_single_spaced_and_without_link_targets() {
        let text = search_text(
            "Đại hội Điểm",
            "Sapo  ngắn",
            "Kim Anh",
            "## Mở đầu\n\n**Tân Uyên** có [trang](https://vi.example/x) và ![Cờ hoa](photo:12).\n\n> 17,14% nữ",
        );
        assert_eq!(
            text,
            "dai hoi diem sapo ngan kim anh mo dau tan uyen co trang va co hoa . 17,14% nu"
        );
        assert!(!text.contains("photo") && !text.contains("https"));
    }

    #[test]
    fn terms_are_folded_deduplicated_and_bounded() {
        assert_eq!(search_terms("  Đại HỘI dai  "), vec!["dai", "hoi"]);
        let many: String = (0..40).map(|i| format!("w{i} ")).collect();
        assert_eq!(search_terms(&many).len(), MAX_SEARCH_TERMS);
        assert!(search_terms("   ").is_empty());
    }

    #[test]
    fn like_wildcards_in_a_term_are_literal() {
        assert_eq!(like_pattern("17,14%"), "%17,14\\%%");
        assert_eq!(like_pattern("a_b\\c"), "%a\\_b\\\\c%");
    }

    #[test]
    fn states_read_as_in_the_administration() {
        let now = DateTime::<Utc>::from_timestamp(1_600_000_000, 0).unwrap();
        let later = now + chrono::Duration::hours(1);
        assert_eq!(
            ArticleState::of(ArticleStatus::Published, Some(later), now),
            ArticleState::Scheduled
        );
        assert_eq!(
            ArticleState::of(ArticleStatus::Published, Some(now), now),
            ArticleState::Published
        );
        for s in ["draft", "scheduled", "published", "unpublished"] {
            assert_eq!(ArticleState::parse(s).unwrap().as_str(), s);
        }
        assert_eq!(ArticleState::parse("xyz"), None);
    }
}
