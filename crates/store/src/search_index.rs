//! Chỉ mục tìm kiếm — the full-text index of the public search (schema 11, decision 0011), ranked
//! by relevance on both databases.
//!
//! **What is indexed.** One `search_doc` row per searchable item: its kind (`article` today),
//! its id, when it became visible to readers (`visible_from`, NULL while it is not public) and the
//! folded words of its title. The words themselves are cut and folded in Rust
//! ([`daihoi_domain::search::words`]) and stored in the backend's own index: SQLite's contentless
//! FTS5 table `search_fts` (columns `title` and `body`, `ascii` tokenizer, rowid = the doc's id),
//! PostgreSQL's `search_doc.terms` tsvector (title words weight A, the rest weight D; GIN
//! index), built here as a tsvector literal so PostgreSQL's text parser never sees the text.
//! Every write of an item writes its index row in the same transaction ([`index_article`]);
//! items written before schema 11 are indexed on start ([`Store::index_missing`]).
//!
//! **Matching.** An item matches when it holds every query word as a whole word (FTS5: each
//! word a quoted string, so no query character is an operator; PostgreSQL: a `tsquery` literal
//! of quoted lexemes joined by `&`).
//!
//! **The window.** A search lists the [`RANK_WINDOW`] newest visible matches (all of them when
//! fewer match), ranked; when older items match too it says so ([`SearchResults::more`]: "hơn
//! 1.000 kết quả") and does not list or count them, as large search engines do: the cost of a
//! query stays bounded however common its words ("đại hội" on a Party portal), and a reader who
//! wants an older item adds a word. Nothing reads past the window: no count of every match, no
//! walk over older ones.
//!
//! **Ranking** — the same on both databases for everything that decides the order a reader sees
//! first, compared on the stored title words with `LIKE` (identical on both):
//! 1. the query words stand in the title as a phrase, in order;
//! 2. every query word is in the title;
//! 3. the rest;
//!
//! then, inside each group, the items holding the query words as a phrase anywhere (title or
//! body) before the others, then the backend's relevance — FTS5 `bm25` with the title weighing
//! 10 times the body, PostgreSQL `ts_rank` with the same 10:1 weights, divided by the number of
//! different words (normalisation 8, the closest to bm25 on the test data) — and last the newest
//! first. Between items of the same group the two relevance formulas can disagree on near ties;
//! they agree on clear differences (the tests check both on one data set). The phrase is a key
//! of its own rather than a term of the relevance formula: on SQLite a phrase alternative in the
//! `MATCH` doubled the work of `bm25` (it reads every term's positions in each ranked row).
//!
//! **Other kinds.** A document (Văn bản) or an answered question (Hỏi đáp) becomes searchable by
//! writing its own `search_doc` rows (kind `document`, `question`) with [`index_item`] whenever it
//! is written, and by a fetch of its summaries by id in [`Store::search_published`]; the query,
//! the ranking and the paging do not change.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use daihoi_domain::search::{index_text, plain_text_of_markdown};
use sqlx::{AnyConnection, Row};

use crate::article::{Article, ArticleStatus, ArticleSummary, SUMMARY_SELECT, summary_from_row};
use crate::bind::{Arg, bind_all};
use crate::time::to_micros;
use crate::{Backend, Page, Store, StoreError, paging};

/// How many of the newest visible matches a search lists, ranked by relevance; older matches are
/// only said to exist. Ranking reads every ranked row's scores, so this bounds the work of a
/// query whose words are in most items ("đại hội" on a Party portal) while a rarer query ranks
/// all its matches.
pub const RANK_WINDOW: u32 = 1_000;

/// Rows indexed per transaction by [`Store::index_missing`].
const INDEX_BATCH: i64 = 200;

/// The `kind` of an article's index row.
const KIND_ARTICLE: &str = "article";
/// The `kind` of a published question's index row (Hỏi đáp).
pub(crate) const KIND_QUESTION: &str = "question";

/// PostgreSQL keeps positions up to this one (larger positions are stored as it).
const PG_MAX_POSITION: usize = 16_383;
/// PostgreSQL keeps at most this many positions of one lexeme.
const PG_MAX_POSITIONS_PER_WORD: usize = 255;
/// A tsvector holds at most 1 MiB of lexemes; further new words are left out of it.
const PG_MAX_LEXEME_BYTES: usize = 1_000_000;

/// Loại mục tìm được — what a hit is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchItem {
    /// Bài viết.
    Article(ArticleSummary),
    /// Câu hỏi đã trả lời (Hỏi đáp) — without the asker's contact.
    Question(crate::question::PublishedQuestion),
    /// Văn bản — a public document (never a classified one: they are never indexed).
    Document(crate::document::Document),
    /// Trang giới thiệu — a public about page.
    Page(crate::about::AboutPage),
}

/// Kết quả tìm kiếm — one hit: the item and its readable text (diacritics kept, markup removed),
/// from which the page cuts a snippet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    /// The item found.
    pub item: SearchItem,
    /// Its text besides the title: for an article its lead, then its body as plain text.
    pub text: String,
}

/// What one item puts in the index.
pub(crate) struct IndexEntry<'a> {
    /// `article`, later `document`, `question`.
    pub kind: &'static str,
    /// The item's id in its own table.
    pub item_id: i64,
    /// When readers may see it (UTC microseconds); `None` while it is not public.
    pub visible_from: Option<i64>,
    /// Its title, as written.
    pub title: &'a str,
    /// The rest of its searchable text, as written (plain text).
    pub body: &'a str,
}

/// The backend of a connection (the index is written differently on each).
fn backend_of(conn: &AnyConnection) -> Backend {
    if conn.backend_name().eq_ignore_ascii_case("postgresql") {
        Backend::Postgres
    } else {
        Backend::Sqlite
    }
}

/// Các từ của một mục — the folded words of an item's title and of the rest of its text, joined
/// by single spaces, as the index holds them: cut and folded once, on whichever thread prepares
/// the item (an import prepares the next article while the database stores the last one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexTexts {
    title: String,
    body: String,
}

impl IndexTexts {
    /// The words of `title` and `body` ([`index_text`]).
    pub(crate) fn of(title: &str, body: &str) -> IndexTexts {
        IndexTexts {
            title: index_text(title),
            body: index_text(body),
        }
    }
}

/// Write (or rewrite) the index row of one item on `conn`, the caller's transaction.
pub(crate) async fn index_item(
    conn: &mut AnyConnection,
    entry: &IndexEntry<'_>,
) -> Result<(), StoreError> {
    let texts = IndexTexts::of(entry.title, entry.body);
    write_index(conn, entry.kind, entry.item_id, entry.visible_from, &texts).await
}

/// Write (or rewrite) the index row of item (`kind`, `item_id`) from its words. A new item (no
/// index row yet: what an import writes by the thousand) takes two statements on SQLite, an
/// item indexed before four (its old FTS5 row is deleted first).
pub(crate) async fn write_index(
    conn: &mut AnyConnection,
    kind: &str,
    item_id: i64,
    visible_from: Option<i64>,
    texts: &IndexTexts,
) -> Result<(), StoreError> {
    match backend_of(conn) {
        Backend::Sqlite => {
            let new_id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO search_doc (kind, item_id, visible_from, title) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (kind, item_id) DO NOTHING RETURNING id",
            )
            .bind(kind)
            .bind(item_id)
            .bind(visible_from)
            .bind(&texts.title)
            .fetch_optional(&mut *conn)
            .await?;
            let id = match new_id {
                Some(id) => id,
                None => {
                    let id: i64 = sqlx::query_scalar(
                        "UPDATE search_doc SET visible_from = $3, title = $4 \
                         WHERE kind = $1 AND item_id = $2 RETURNING id",
                    )
                    .bind(kind)
                    .bind(item_id)
                    .bind(visible_from)
                    .bind(&texts.title)
                    .fetch_one(&mut *conn)
                    .await?;
                    sqlx::query("DELETE FROM search_fts WHERE rowid = $1")
                        .bind(id)
                        .execute(&mut *conn)
                        .await?;
                    id
                }
            };
            sqlx::query("INSERT INTO search_fts (rowid, title, body) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(&texts.title)
                .bind(&texts.body)
                .execute(&mut *conn)
                .await?;
        }
        Backend::Postgres => {
            let title_words: Vec<&str> = texts.title.split_whitespace().collect();
            let body_words: Vec<&str> = texts.body.split_whitespace().collect();
            sqlx::query(
                "INSERT INTO search_doc (kind, item_id, visible_from, title, terms) \
                 VALUES ($1, $2, $3, $4, $5::tsvector) \
                 ON CONFLICT (kind, item_id) DO UPDATE \
                 SET visible_from = excluded.visible_from, title = excluded.title, \
                     terms = excluded.terms",
            )
            .bind(kind)
            .bind(item_id)
            .bind(visible_from)
            .bind(&texts.title)
            .bind(tsvector_literal(&title_words, &body_words))
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// Remove the index row of one item (kind, id) on `conn`, the caller's transaction: an item
/// that is no longer public, or deleted.
pub(crate) async fn remove_item(
    conn: &mut AnyConnection,
    kind: &str,
    item_id: i64,
) -> Result<(), StoreError> {
    let id: Option<i64> =
        sqlx::query_scalar("DELETE FROM search_doc WHERE kind = $1 AND item_id = $2 RETURNING id")
            .bind(kind)
            .bind(item_id)
            .fetch_optional(&mut *conn)
            .await?;
    if let (Some(id), Backend::Sqlite) = (id, backend_of(conn)) {
        sqlx::query("DELETE FROM search_fts WHERE rowid = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The searchable text of an article besides its title: lead, author and body as plain text.
fn article_body(lead: &str, author: &str, body_md: &str) -> String {
    format!("{lead}\n{author}\n{}", plain_text_of_markdown(body_md))
}

/// The index words of an article with these fields.
pub(crate) fn article_index_texts(
    title: &str,
    lead: &str,
    author: &str,
    body_md: &str,
) -> IndexTexts {
    IndexTexts::of(title, &article_body(lead, author, body_md))
}

/// When readers may see `article` (UTC microseconds): its publication time once published.
fn article_visible_from(article: &Article) -> Option<i64> {
    match article.status {
        ArticleStatus::Published => article.published_at.map(to_micros),
        ArticleStatus::Draft | ArticleStatus::Unpublished => None,
    }
}

/// Write the index row of `article` on `conn` (the caller's transaction, which wrote it).
pub(crate) async fn index_article(
    conn: &mut AnyConnection,
    article: &Article,
) -> Result<(), StoreError> {
    let texts = article_index_texts(
        &article.title,
        &article.lead,
        &article.author,
        &article.body_md,
    );
    index_article_with(conn, article, &texts).await
}

/// Write the index row of `article` from its words, prepared before ([`article_index_texts`]
/// of the same fields).
pub(crate) async fn index_article_with(
    conn: &mut AnyConnection,
    article: &Article,
    texts: &IndexTexts,
) -> Result<(), StoreError> {
    write_index(
        conn,
        KIND_ARTICLE,
        article.id,
        article_visible_from(article),
        texts,
    )
    .await
}

/// A PostgreSQL tsvector literal of the title words (positions from 1, weight A) and the body
/// words (after a gap, so no phrase spans both; weight D), within PostgreSQL's limits.
fn tsvector_literal(title: &[&str], body: &[&str]) -> String {
    // Each word's positions, with whether it is a title position (weight A).
    let mut positions: HashMap<&str, Vec<(usize, bool)>> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    let mut lexeme_bytes = 0;
    let all = title
        .iter()
        .enumerate()
        .map(|(i, w)| (*w, i + 1, true))
        .chain(
            body.iter()
                .enumerate()
                .map(|(i, w)| (*w, title.len() + 2 + i, false)),
        );
    for (word, pos, in_title) in all {
        let pos = pos.min(PG_MAX_POSITION);
        let entry = match positions.get_mut(word) {
            Some(list) => list,
            None => {
                if lexeme_bytes + word.len() > PG_MAX_LEXEME_BYTES {
                    continue;
                }
                lexeme_bytes += word.len();
                order.push(word);
                positions.entry(word).or_default()
            }
        };
        if entry.len() < PG_MAX_POSITIONS_PER_WORD {
            entry.push((pos, in_title));
        }
    }
    let mut out = String::new();
    for word in order {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push('\'');
        for c in word.chars() {
            if c == '\'' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        out.push_str("':");
        for (i, (pos, in_title)) in positions[word].iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "{pos}{}", if *in_title { "A" } else { "" });
        }
    }
    out
}

/// A quoted lexeme of a PostgreSQL tsquery literal.
fn tsquery_lexeme(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 2);
    out.push('\'');
    for c in word.chars() {
        if c == '\'' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// An FTS5 string: `"word"` with any `"` doubled (query words hold none; kept for safety).
fn fts_string(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The FTS5 expression "every word": `"w1" AND "w2" …`.
fn fts_all(words: &[String]) -> String {
    words
        .iter()
        .map(|w| fts_string(w))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The tsquery literal "every word": `'w1' & 'w2' …`.
fn tsquery_all(words: &[String]) -> String {
    words
        .iter()
        .map(|w| tsquery_lexeme(w))
        .collect::<Vec<_>>()
        .join(" & ")
}

/// `LIKE` pattern `% words… %` matching the words in order inside `' ' || title || ' '`.
fn title_pattern(words: &[String]) -> String {
    let mut out = String::from("% ");
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for c in w.chars() {
            if matches!(c, '\\' | '%' | '_') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push_str(" %");
    out
}

/// Kết quả tìm kiếm — one page of the ranked matches of a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResults {
    /// The page; its `total` counts the ranked matches (at most [`RANK_WINDOW`]).
    pub hits: Page<SearchHit>,
    /// More items match than were ranked: `total` is a lower bound ("hơn 1.000 kết quả") and
    /// the older matches are not listed (more words narrow the search).
    pub more: bool,
}

/// Where the ranking window starts (see [`Store::search_published`]).
struct Window {
    /// The smallest index id ranked; 0 when every match is ranked.
    floor: i64,
    /// Older visible matches exist below `floor`.
    more: bool,
}

/// The groups (keys, highest first, with their sizes) whose rows reach the page
/// `offset..offset + limit` of the ranked list.
fn groups_on_page(groups: &[(i64, i64)], offset: i64, limit: i64) -> Vec<i64> {
    let mut before = 0;
    let mut needed = Vec::new();
    for &(key, size) in groups {
        if before + size > offset && before < offset + limit {
            needed.push(key);
        }
        before += size;
    }
    needed
}

impl Store {
    /// Tìm kiếm — the items visible to readers at `now` that hold every word of `words` (from
    /// [`daihoi_domain::search::parse_query`]): the [`RANK_WINDOW`] newest of them, most relevant
    /// first (see the module's ranking), one page of them, with how many they are and whether
    /// older ones also match. No words: nothing.
    pub async fn search_published(
        &self,
        words: &[String],
        now: DateTime<Utc>,
        page: u32,
        per_page: u32,
    ) -> Result<SearchResults, StoreError> {
        self.search_published_within(words, now, page, per_page, RANK_WINDOW)
            .await
    }

    /// [`Store::search_published`] with the ranking window given (tests use a small one).
    #[doc(hidden)]
    pub async fn search_published_within(
        &self,
        words: &[String],
        now: DateTime<Utc>,
        page: u32,
        per_page: u32,
        window: u32,
    ) -> Result<SearchResults, StoreError> {
        let (page, per_page, offset) = paging(page, per_page);
        let window = window.max(1);
        if words.is_empty() {
            return Ok(SearchResults {
                hits: Page {
                    items: Vec::new(),
                    total: 0,
                    page,
                    per_page,
                },
                more: false,
            });
        }
        let mut args: Vec<Arg> = Vec::new();
        let mut bind = |arg: Arg| {
            args.push(arg);
            format!("${}", args.len())
        };
        let now_p = bind(Arg::Int(to_micros(now)));
        let limit_p = bind(Arg::Int(i64::from(per_page)));
        let offset_p = bind(Arg::Int(offset));
        let phrase_p = bind(Arg::Text(title_pattern(words)));
        let all_in_title = words
            .iter()
            .map(|w| {
                let p = bind(Arg::Text(title_pattern(std::slice::from_ref(w))));
                format!("(' ' || d.title || ' ') LIKE {p} ESCAPE '\\'")
            })
            .collect::<Vec<_>>()
            .join(" AND ");
        let tier = format!(
            "CASE WHEN (' ' || d.title || ' ') LIKE {phrase_p} ESCAPE '\\' THEN 2 \
                  WHEN {all_in_title} THEN 1 ELSE 0 END"
        );
        // The group of a row: its title tier and whether it holds the phrase, as one number
        // (higher first). The relevance score is computed only for the rows of the groups that
        // reach the page asked for: it is the costly part of ranking (it reads every query
        // word's positions in the row), and the first page usually lies in the first group.
        let phrase_key = |phrase_match: &str| format!("(({tier}) * 2 + {phrase_match})");
        let (total, more, ranked) = match self.backend() {
            Backend::Sqlite => {
                // 1. The window's floor (from the FTS index, newest first).
                let Window { floor, more } = self.window(words, now, window).await?;
                let floor_p = bind(Arg::Int(floor));
                let match_p = bind(Arg::Text(fts_all(words)));
                let phrase = if words.len() > 1 {
                    let phrase_p = bind(Arg::Text(fts_string(&words.join(" "))));
                    format!(
                        "(f.rowid IN (SELECT rowid FROM search_fts \
                                      WHERE search_fts MATCH {phrase_p} AND rowid >= {floor_p}))"
                    )
                } else {
                    "1".to_owned()
                };
                let key = phrase_key(&phrase);
                let from = format!(
                    "FROM search_fts f JOIN search_doc d ON d.id = f.rowid \
                     WHERE search_fts MATCH {match_p} AND f.rowid >= {floor_p} \
                       AND d.visible_from <= {now_p}"
                );
                // 2. How many rows each group holds.
                let groups_sql =
                    format!("SELECT {key} AS k, COUNT(*) AS n {from} GROUP BY k ORDER BY k DESC");
                let groups: Vec<(i64, i64)> = bind_all(sqlx::query(&groups_sql), &args)
                    .fetch_all(self.pool())
                    .await?
                    .iter()
                    .map(|r| Ok((r.try_get("k")?, r.try_get("n")?)))
                    .collect::<Result<_, StoreError>>()?;
                let total: i64 = groups.iter().map(|(_, n)| n).sum();
                let needed = groups_on_page(&groups, offset, i64::from(per_page));
                if needed.is_empty() {
                    (total, more, Vec::new())
                } else {
                    // 3. The page: bm25 (may not be called where a window function is
                    // computed, nor outside the FTS query) only for the needed groups.
                    let needed_list = needed
                        .iter()
                        .map(i64::to_string)
                        .collect::<Vec<_>>()
                        .join(", ");
                    let sql = format!(
                        "WITH hit AS MATERIALIZED ( \
                             SELECT d.kind, d.item_id, d.id, d.visible_from, {key} AS k, \
                                    CASE WHEN {key} IN ({needed_list}) \
                                         THEN bm25(search_fts, 10.0, 1.0) END AS score \
                             {from}) \
                         SELECT kind, item_id FROM hit \
                         ORDER BY k DESC, score, visible_from DESC, id DESC \
                         LIMIT {limit_p} OFFSET {offset_p}"
                    );
                    let rows = bind_all(sqlx::query(&sql), &args)
                        .fetch_all(self.pool())
                        .await?;
                    let mut ranked = Vec::with_capacity(rows.len());
                    for r in &rows {
                        ranked.push((r.try_get("kind")?, r.try_get("item_id")?));
                    }
                    (total, more, ranked)
                }
            }
            Backend::Postgres => {
                let all_p = bind(Arg::Text(tsquery_all(words)));
                let found_p = bind(Arg::Int(i64::from(window) + 1));
                let window_p = bind(Arg::Int(i64::from(window)));
                let phrase = if words.len() > 1 {
                    let phrase = words
                        .iter()
                        .map(|w| tsquery_lexeme(w))
                        .collect::<Vec<_>>()
                        .join(" <-> ");
                    let p = bind(Arg::Text(phrase));
                    format!("(CASE WHEN d.terms @@ {p}::tsquery THEN 1 ELSE 0 END)")
                } else {
                    "1".to_owned()
                };
                let key = phrase_key(&phrase);
                // One statement: the window (the planner walks the primary key backwards or
                // reads the GIN bitmap, whichever costs less; the rows are read once), each
                // row's group, the groups' sizes, and the page, `ts_rank` computed only for the
                // groups that reach it. `found` is how many of the newest `window + 1` matches
                // exist (more than `window`: older ones match); the row with no item carries
                // it for a page past the last.
                let sql = format!(
                    "WITH win AS MATERIALIZED ( \
                         SELECT id FROM search_doc \
                         WHERE terms @@ {all_p}::tsquery AND visible_from <= {now_p} \
                         ORDER BY id DESC LIMIT {found_p}), \
                     n AS (SELECT COUNT(*) AS found FROM win), \
                     g AS MATERIALIZED ( \
                         SELECT d.id, d.kind, d.item_id, d.visible_from, {key} AS k \
                         FROM (SELECT id FROM win ORDER BY id DESC LIMIT {window_p}) r \
                         JOIN search_doc d ON d.id = r.id), \
                     c AS ( \
                         SELECT k, COUNT(*) AS size, \
                                SUM(COUNT(*)) OVER (ORDER BY k DESC) AS upto \
                         FROM g GROUP BY k) \
                     SELECT n.found, p.kind, p.item_id FROM n LEFT JOIN LATERAL ( \
                         SELECT g.kind, g.item_id, g.visible_from, g.id, g.k, \
                                CASE WHEN c.upto > {offset_p} \
                                      AND c.upto - c.size < {offset_p} + {limit_p} \
                                     THEN ts_rank('{{0.1, 0.2, 0.4, 1.0}}'::float4[], \
                                                  d.terms, {all_p}::tsquery, 8) \
                                END AS score \
                         FROM g JOIN c ON c.k = g.k JOIN search_doc d ON d.id = g.id \
                         ORDER BY g.k DESC, score DESC NULLS LAST, \
                                  g.visible_from DESC, g.id DESC \
                         LIMIT {limit_p} OFFSET {offset_p}) p ON TRUE \
                     ORDER BY p.k DESC, p.score DESC NULLS LAST, \
                              p.visible_from DESC, p.id DESC"
                );
                // Planned with this query's words every time: after five runs of a prepared
                // statement PostgreSQL may switch to a generic plan, which cannot know how
                // common the words are and reads every match of a common one (measured: 12 ms
                // becoming 68 ms for "Đại hội" at 100.000 articles).
                let rows = bind_all(sqlx::query(&sql).persistent(false), &args)
                    .fetch_all(self.pool())
                    .await?;
                let mut found = 0;
                let mut ranked = Vec::with_capacity(rows.len());
                for r in &rows {
                    found = r.try_get::<i64, _>("found")?;
                    let kind: Option<String> = r.try_get("kind")?;
                    let id: Option<i64> = r.try_get("item_id")?;
                    if let (Some(kind), Some(id)) = (kind, id) {
                        ranked.push((kind, id));
                    }
                }
                let more = found > i64::from(window);
                (found.min(i64::from(window)), more, ranked)
            }
        };
        let items = self.hits(&ranked).await?;
        Ok(SearchResults {
            hits: Page {
                items,
                total: total.max(0) as u64,
                page,
                per_page,
            },
            more,
        })
    }

    /// SQLite: the ranking window — the index id of the `window`-th newest item visible at
    /// `now` that holds every word (0 when fewer match: all of them are ranked), and whether an
    /// older visible item matches too. Reads at most `window + 1` matches, newest first, from
    /// the FTS index.
    async fn window(
        &self,
        words: &[String],
        now: DateTime<Utc>,
        window: u32,
    ) -> Result<Window, StoreError> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT f.rowid AS id FROM search_fts f JOIN search_doc d ON d.id = f.rowid \
             WHERE search_fts MATCH $1 AND d.visible_from <= $2 \
             ORDER BY f.rowid DESC LIMIT 2 OFFSET $3",
        )
        .bind(fts_all(words))
        .bind(to_micros(now))
        .bind(i64::from(window) - 1)
        .fetch_all(self.pool())
        .await?;
        Ok(Window {
            floor: ids.first().copied().unwrap_or(0),
            more: ids.len() > 1,
        })
    }

    /// The hits for `(kind, id)` pairs, in the same order (an item gone meanwhile is left out).
    async fn hits(&self, ranked: &[(String, i64)]) -> Result<Vec<SearchHit>, StoreError> {
        let article_ids: Vec<i64> = ranked
            .iter()
            .filter(|(kind, _)| kind == KIND_ARTICLE)
            .map(|(_, id)| *id)
            .collect();
        let mut articles: HashMap<i64, SearchHit> = HashMap::new();
        if !article_ids.is_empty() {
            let placeholders: Vec<String> =
                (1..=article_ids.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "{} WHERE a.id IN ({})",
                SUMMARY_SELECT.replacen("SELECT ", "SELECT a.body_md, ", 1),
                placeholders.join(", ")
            );
            let mut query = sqlx::query(&sql);
            for id in &article_ids {
                query = query.bind(*id);
            }
            for r in query.fetch_all(self.pool()).await? {
                let summary = summary_from_row(&r)?;
                let body_md: String = r.try_get("body_md")?;
                let text = if summary.lead.is_empty() {
                    plain_text_of_markdown(&body_md)
                } else {
                    format!("{}\n{}", summary.lead, plain_text_of_markdown(&body_md))
                };
                articles.insert(
                    summary.id,
                    SearchHit {
                        item: SearchItem::Article(summary),
                        text,
                    },
                );
            }
        }
        let question_ids: Vec<i64> = ranked
            .iter()
            .filter(|(kind, _)| kind == KIND_QUESTION)
            .map(|(_, id)| *id)
            .collect();
        let mut questions: HashMap<i64, SearchHit> = HashMap::new();
        if !question_ids.is_empty() {
            let placeholders: Vec<String> =
                (1..=question_ids.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT id, asker_name, subject, question, answer, received_at, published_at \
                 FROM citizen_question WHERE status = 'published' AND id IN ({})",
                placeholders.join(", ")
            );
            let mut query = sqlx::query(&sql);
            for id in &question_ids {
                query = query.bind(*id);
            }
            for r in query.fetch_all(self.pool()).await? {
                let q = crate::question::published_from_row(&r)?;
                let text = crate::question::question_text(&q.question, &q.answer);
                questions.insert(
                    q.id,
                    SearchHit {
                        item: SearchItem::Question(q),
                        text,
                    },
                );
            }
        }
        let document_ids: Vec<i64> = ranked
            .iter()
            .filter(|(kind, _)| kind == crate::document::KIND_DOCUMENT)
            .map(|(_, id)| *id)
            .collect();
        let mut documents: HashMap<i64, SearchHit> = HashMap::new();
        for doc in self.public_documents_by_ids(&document_ids).await? {
            let text = [
                doc.summary.as_str(),
                doc.issuer.as_str(),
                doc.signer.as_str(),
            ]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
            documents.insert(
                doc.id,
                SearchHit {
                    item: SearchItem::Document(doc),
                    text,
                },
            );
        }
        let page_ids: Vec<i64> = ranked
            .iter()
            .filter(|(kind, _)| kind == crate::about::KIND_PAGE)
            .map(|(_, id)| *id)
            .collect();
        let mut pages: HashMap<i64, SearchHit> = HashMap::new();
        for page in self.public_about_pages_by_ids(&page_ids).await? {
            let text = plain_text_of_markdown(&page.body_md);
            pages.insert(
                page.id,
                SearchHit {
                    item: SearchItem::Page(page),
                    text,
                },
            );
        }
        Ok(ranked
            .iter()
            .filter_map(|(kind, id)| match kind.as_str() {
                KIND_ARTICLE => articles.remove(id),
                KIND_QUESTION => questions.remove(id),
                crate::document::KIND_DOCUMENT => documents.remove(id),
                crate::about::KIND_PAGE => pages.remove(id),
                _ => None,
            })
            .collect())
    }

    /// Lập chỉ mục còn thiếu — index every article that has no index row (written before
    /// schema 11, or by a tool that wrote the table directly). Returns how many were indexed.
    /// Runs in batches, each in its own transaction; [`Store::migrate`] calls it on every start.
    pub async fn index_missing(&self) -> Result<u64, StoreError> {
        let mut indexed = 0u64;
        let mut after = 0i64;
        loop {
            let ids: Vec<i64> = sqlx::query_scalar(
                "SELECT a.id FROM article a \
                 WHERE a.id > $1 AND NOT EXISTS \
                     (SELECT 1 FROM search_doc d WHERE d.kind = 'article' AND d.item_id = a.id) \
                 ORDER BY a.id LIMIT $2",
            )
            .bind(after)
            .bind(INDEX_BATCH)
            .fetch_all(self.pool())
            .await?;
            let Some(&last) = ids.last() else {
                return Ok(indexed);
            };
            after = last;
            let mut tx = self.begin().await?;
            for id in ids {
                if let Some(article) = crate::article::article_on(&mut tx, id).await? {
                    index_article(&mut tx, &article).await?;
                    indexed += 1;
                }
            }
            tx.commit().await?;
        }
    }

    /// Xây lại chỉ mục — re-index every article (after a change of how words are cut, or to
    /// repair an index written by hand). Returns how many were indexed.
    pub async fn reindex_all(&self) -> Result<u64, StoreError> {
        sqlx::query("DELETE FROM search_doc WHERE kind = 'article'")
            .execute(self.pool())
            .await?;
        if self.backend() == Backend::Sqlite {
            sqlx::query("DELETE FROM search_fts WHERE rowid NOT IN (SELECT id FROM search_doc)")
                .execute(self.pool())
                .await?;
        }
        self.index_missing().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use daihoi_domain::search::index_text;

    fn w(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_owned).collect()
    }

    fn r(words: &[String]) -> Vec<&str> {
        words.iter().map(String::as_str).collect()
    }

    #[test]
    fn a_tsvector_literal_weighs_the_title_and_keeps_fields_apart() {
        assert_eq!(
            tsvector_literal(&r(&w("dai hoi")), &r(&w("hoi nghi dai"))),
            "'dai':1A,6 'hoi':2A,4 'nghi':5"
        );
        assert_eq!(tsvector_literal(&[], &[]), "");
    }

    #[test]
    fn a_tsvector_literal_stays_within_postgresql_limits() {
        let many: Vec<String> = std::iter::repeat_n("x".to_owned(), 20_000).collect();
        let lit = tsvector_literal(&[], &r(&many));
        assert_eq!(lit.matches(',').count(), PG_MAX_POSITIONS_PER_WORD - 1);
        let far: Vec<String> = (0..20_000).map(|i| format!("w{i}")).collect();
        let lit = tsvector_literal(&[], &r(&far));
        assert!(lit.ends_with("'w19999':16383"));
    }

    #[test]
    fn only_the_groups_that_reach_the_page_are_scored() {
        // Keys highest first with sizes: 5 rows, then 3, then 10.
        let groups = [(5, 5), (2, 3), (0, 10)];
        assert_eq!(groups_on_page(&groups, 0, 5), [5]);
        assert_eq!(groups_on_page(&groups, 0, 6), [5, 2]);
        assert_eq!(groups_on_page(&groups, 4, 2), [5, 2]);
        assert_eq!(groups_on_page(&groups, 5, 3), [2]);
        assert_eq!(groups_on_page(&groups, 7, 20), [2, 0]);
        assert_eq!(groups_on_page(&groups, 8, 20), [0]);
        assert!(
            groups_on_page(&groups, 18, 20).is_empty(),
            "past the last row"
        );
        assert!(groups_on_page(&[], 0, 20).is_empty());
    }

    #[test]
    fn quoting_keeps_query_words_literal() {
        assert_eq!(tsquery_lexeme("it's\\"), "'it\\'s\\\\'");
        assert_eq!(fts_string("a\"b"), "\"a\"\"b\"");
        assert_eq!(title_pattern(&w("dai hoi")), "% dai hoi %");
        assert_eq!(title_pattern(&w("a_b%")), "% a\\_b\\% %");
    }

    #[test]
    fn the_index_text_of_an_article_holds_lead_author_and_plain_body() {
        let body = article_body("Sapo", "Kim Anh", "**Đậm** [liên kết](https://x.example)");
        assert_eq!(index_text(&body), "sapo kim anh dam lien ket");
    }
}
