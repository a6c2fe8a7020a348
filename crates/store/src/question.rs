//! Hỏi đáp — citizens' questions (table `citizen_question`): received from the public form as
//! "chờ duyệt", answered, published or rejected, deleted in the administration.
//!
//! Two shapes come out of here on purpose: [`Question`], the whole row with the asker's contact,
//! for the administration only; and [`PublishedQuestion`], which has **no contact field**, for
//! every public page, feed, site map, search hit and API. A public caller cannot leak the
//! contact because it never receives it.
//!
//! A published question has a `search_doc` row of kind `question` (subject as the title, the
//! question and the answer as the text), written in the same transaction as the change.

use chrono::{DateTime, Utc};
use daihoi_domain::citizen::{CitizenMessage, QuestionStatus};
use serde::Serialize;
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::audit::record;
use crate::search_index::{IndexEntry, KIND_QUESTION, index_item, remove_item};
use crate::time::{from_micros, from_micros_opt, to_micros};
use crate::{Actor, Page, Store, StoreError, paging};

/// Câu hỏi — a question as the administration sees it, contact included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// Row id (also in its public address once published).
    pub id: i64,
    /// Người hỏi.
    pub asker_name: String,
    /// Thư điện tử hoặc số điện thoại (never public).
    pub contact: String,
    /// Tiêu đề.
    pub subject: String,
    /// Câu hỏi.
    pub question: String,
    /// Câu trả lời (empty until answered).
    pub answer: String,
    /// Trạng thái.
    pub status: QuestionStatus,
    /// Khi nhận.
    pub received_at: DateTime<Utc>,
    /// When the answer was last saved.
    pub answered_at: Option<DateTime<Utc>>,
    /// When it was published (kept while published).
    pub published_at: Option<DateTime<Utc>>,
}

/// Câu hỏi đã đăng — what readers may see of a published question: no contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedQuestion {
    /// Row id.
    pub id: i64,
    /// Người hỏi (the name as given).
    pub asker_name: String,
    /// Tiêu đề.
    pub subject: String,
    /// Câu hỏi.
    pub question: String,
    /// Câu trả lời.
    pub answer: String,
    /// Khi nhận.
    pub received_at: DateTime<Utc>,
    /// Khi đăng.
    pub published_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, asker_name, contact, subject, question, answer, status, received_at, \
                       answered_at, published_at";
const PUBLIC_COLUMNS: &str = "id, asker_name, subject, question, answer, received_at, published_at";

fn question_from_row(r: &AnyRow) -> Result<Question, StoreError> {
    let status: String = r.try_get("status")?;
    Ok(Question {
        id: r.try_get("id")?,
        asker_name: r.try_get("asker_name")?,
        contact: r.try_get("contact")?,
        subject: r.try_get("subject")?,
        question: r.try_get("question")?,
        answer: r.try_get("answer")?,
        status: QuestionStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("trạng thái câu hỏi «{status}»")))?,
        received_at: from_micros(r.try_get("received_at")?)?,
        answered_at: from_micros_opt(r.try_get("answered_at")?)?,
        published_at: from_micros_opt(r.try_get("published_at")?)?,
    })
}

pub(crate) fn published_from_row(r: &AnyRow) -> Result<PublishedQuestion, StoreError> {
    Ok(PublishedQuestion {
        id: r.try_get("id")?,
        asker_name: r.try_get("asker_name")?,
        subject: r.try_get("subject")?,
        question: r.try_get("question")?,
        answer: r.try_get("answer")?,
        received_at: from_micros(r.try_get("received_at")?)?,
        published_at: from_micros(r.try_get("published_at")?)?,
    })
}

/// The searchable text of a published question besides its subject.
pub(crate) fn question_text(question: &str, answer: &str) -> String {
    format!("{question}\n{answer}")
}

/// Writes the index row of question `q` (visible from its publication while published).
async fn index_question(conn: &mut AnyConnection, q: &Question) -> Result<(), StoreError> {
    let visible_from = match q.status {
        QuestionStatus::Published => q.published_at.map(to_micros),
        QuestionStatus::Pending | QuestionStatus::Rejected => None,
    };
    let body = question_text(&q.question, &q.answer);
    index_item(
        conn,
        &IndexEntry {
            kind: KIND_QUESTION,
            item_id: q.id,
            visible_from,
            title: &q.subject,
            body: &body,
        },
    )
    .await
}

/// The detail of an audit row about a question: never the contact.
fn audit_detail(q: &Question) -> serde_json::Value {
    json!({"subject": q.subject, "status": q.status.as_str()})
}

/// Số câu hỏi theo trạng thái.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QuestionCounts {
    /// Chờ duyệt.
    pub pending: u64,
    /// Đã đăng.
    pub published: u64,
    /// Từ chối.
    pub rejected: u64,
}

impl Store {
    /// Nhận câu hỏi — stores a question from the public form as pending. `address_key` is a
    /// keyed hash of the sender's network (never the address). Not audited: no account acted.
    pub async fn add_question(
        &self,
        message: &CitizenMessage,
        address_key: &str,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO citizen_question (asker_name, contact, subject, question, status, \
                 received_at, address_key) \
             VALUES ($1, $2, $3, $4, 'pending', $5, $6) RETURNING id",
        )
        .bind(&message.name)
        .bind(message.contact.as_str())
        .bind(&message.subject)
        .bind(&message.text)
        .bind(to_micros(now))
        .bind(address_key)
        .fetch_one(self.pool())
        .await?;
        Ok(id)
    }

    /// Câu hỏi — question `id` with its contact (administration only).
    pub async fn question(&self, id: i64) -> Result<Option<Question>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM citizen_question WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(question_from_row).transpose()
    }

    /// Câu hỏi theo trạng thái — one page of the questions with `status`, newest first
    /// (administration only).
    pub async fn questions_with_status(
        &self,
        status: QuestionStatus,
        page: u32,
        per_page: u32,
    ) -> Result<Page<Question>, StoreError> {
        let (page, per_page, offset) = paging(page, per_page);
        let total: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM citizen_question WHERE status = $1")
                .bind(status.as_str())
                .fetch_one(self.pool())
                .await?;
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM citizen_question WHERE status = $1 \
             ORDER BY id DESC LIMIT $2 OFFSET $3"
        ))
        .bind(status.as_str())
        .bind(i64::from(per_page))
        .bind(offset)
        .fetch_all(self.pool())
        .await?;
        Ok(Page {
            items: rows
                .iter()
                .map(question_from_row)
                .collect::<Result<_, _>>()?,
            total: total.max(0) as u64,
            page,
            per_page,
        })
    }

    /// Số câu hỏi — how many questions each status holds.
    pub async fn question_counts(&self) -> Result<QuestionCounts, StoreError> {
        let rows =
            sqlx::query("SELECT status, COUNT(*) AS n FROM citizen_question GROUP BY status")
                .fetch_all(self.pool())
                .await?;
        let mut counts = QuestionCounts::default();
        for r in &rows {
            let status: String = r.try_get("status")?;
            let n = r.try_get::<i64, _>("n")?.max(0) as u64;
            match QuestionStatus::parse(&status) {
                Some(QuestionStatus::Pending) => counts.pending = n,
                Some(QuestionStatus::Published) => counts.published = n,
                Some(QuestionStatus::Rejected) => counts.rejected = n,
                None => {
                    return Err(StoreError::Corrupt(format!(
                        "trạng thái câu hỏi «{status}»"
                    )));
                }
            }
        }
        Ok(counts)
    }

    /// Lưu câu trả lời / đăng / từ chối — sets the answer and the status of question `id` in
    /// one audited step. Publishing keeps the first publication time of a question already
    /// published; leaving "published" removes it from the public pages and the search.
    pub async fn moderate_question(
        &self,
        id: i64,
        answer: &str,
        status: QuestionStatus,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Question, StoreError> {
        if status == QuestionStatus::Published && answer.trim().is_empty() {
            return Err(StoreError::Invalid(
                "câu hỏi chỉ được đăng khi đã có câu trả lời".into(),
            ));
        }
        let mut tx = self.begin().await?;
        let before = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM citizen_question WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .as_ref()
        .map(question_from_row)
        .transpose()?
        .ok_or_else(|| StoreError::NotFound {
            entity: "câu hỏi",
            key: id.to_string(),
        })?;
        let published_at = match status {
            QuestionStatus::Published => Some(before.published_at.unwrap_or(now)),
            QuestionStatus::Pending | QuestionStatus::Rejected => None,
        };
        let answered_at = if answer != before.answer {
            Some(now)
        } else {
            before.answered_at
        };
        let row = sqlx::query(&format!(
            "UPDATE citizen_question SET answer = $1, status = $2, answered_at = $3, \
                 published_at = $4 WHERE id = $5 RETURNING {COLUMNS}"
        ))
        .bind(answer)
        .bind(status.as_str())
        .bind(answered_at.map(to_micros))
        .bind(published_at.map(to_micros))
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        let question = question_from_row(&row)?;
        index_question(&mut tx, &question).await?;
        let action = match (before.status, status) {
            (a, b) if a == b => "answer",
            (_, QuestionStatus::Published) => "publish",
            (_, QuestionStatus::Rejected) => "reject",
            (_, QuestionStatus::Pending) => "unpublish",
        };
        record(
            &mut tx,
            actor,
            now,
            action,
            "question",
            Some(id),
            audit_detail(&question),
        )
        .await?;
        tx.commit().await?;
        Ok(question)
    }

    /// Xoá câu hỏi — deletes question `id` and its index row, audited (subject only).
    pub async fn delete_question(
        &self,
        id: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let row = sqlx::query(&format!(
            "DELETE FROM citizen_question WHERE id = $1 RETURNING {COLUMNS}"
        ))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            entity: "câu hỏi",
            key: id.to_string(),
        })?;
        let question = question_from_row(&row)?;
        remove_item(&mut tx, KIND_QUESTION, id).await?;
        record(
            &mut tx,
            actor,
            now,
            "delete",
            "question",
            Some(id),
            audit_detail(&question),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Hỏi đáp đã đăng — one page of the published questions, newest publication first.
    pub async fn published_questions(
        &self,
        page: u32,
        per_page: u32,
    ) -> Result<Page<PublishedQuestion>, StoreError> {
        let (page, per_page, offset) = paging(page, per_page);
        let total: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM citizen_question WHERE status = 'published'")
                .fetch_one(self.pool())
                .await?;
        let rows = sqlx::query(&format!(
            "SELECT {PUBLIC_COLUMNS} FROM citizen_question WHERE status = 'published' \
             ORDER BY published_at DESC, id DESC LIMIT $1 OFFSET $2"
        ))
        .bind(i64::from(per_page))
        .bind(offset)
        .fetch_all(self.pool())
        .await?;
        Ok(Page {
            items: rows
                .iter()
                .map(published_from_row)
                .collect::<Result<_, _>>()?,
            total: total.max(0) as u64,
            page,
            per_page,
        })
    }

    /// Một câu hỏi đã đăng — question `id` if it is published.
    pub async fn published_question(
        &self,
        id: i64,
    ) -> Result<Option<PublishedQuestion>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {PUBLIC_COLUMNS} FROM citizen_question WHERE id = $1 AND status = 'published'"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(published_from_row).transpose()
    }

    /// Địa chỉ hỏi đáp đã đăng — the id and publication time of every published question, by
    /// id (for the site map).
    pub async fn published_question_ids(&self) -> Result<Vec<(i64, DateTime<Utc>)>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, published_at, answered_at FROM citizen_question \
             WHERE status = 'published' ORDER BY id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let published = from_micros(r.try_get("published_at")?)?;
                let answered = from_micros_opt(r.try_get("answered_at")?)?;
                Ok((
                    r.try_get("id")?,
                    answered.map_or(published, |a| a.max(published)),
                ))
            })
            .collect()
    }
}

/// A published question written by the demo, in the caller's transaction (audited like a
/// publication).
pub(crate) async fn insert_published_question_in(
    conn: &mut AnyConnection,
    message: &CitizenMessage,
    answer: &str,
    received_at: DateTime<Utc>,
    published_at: DateTime<Utc>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Question, StoreError> {
    let row = sqlx::query(&format!(
        "INSERT INTO citizen_question (asker_name, contact, subject, question, answer, status, \
             received_at, answered_at, published_at) \
         VALUES ($1, $2, $3, $4, $5, 'published', $6, $7, $7) RETURNING {COLUMNS}"
    ))
    .bind(&message.name)
    .bind(message.contact.as_str())
    .bind(&message.subject)
    .bind(&message.text)
    .bind(answer)
    .bind(to_micros(received_at))
    .bind(to_micros(published_at))
    .fetch_one(&mut *conn)
    .await?;
    let question = question_from_row(&row)?;
    index_question(conn, &question).await?;
    record(
        conn,
        actor,
        now,
        "publish",
        "question",
        Some(question.id),
        audit_detail(&question),
    )
    .await?;
    Ok(question)
}
