//! Liên hệ — messages sent through the contact form (table `contact_message`), read in the
//! administration: listed, marked handled, deleted. Never shown publicly.

use chrono::{DateTime, Utc};
use daihoi_domain::citizen::CitizenMessage;
use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::audit::record;
use crate::time::{from_micros, from_micros_opt, to_micros};
use crate::{Actor, Page, Store, StoreError, paging};

/// Thư liên hệ — one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactMessage {
    /// Row id.
    pub id: i64,
    /// Người gửi.
    pub sender_name: String,
    /// Thư điện tử hoặc số điện thoại.
    pub contact: String,
    /// Tiêu đề.
    pub subject: String,
    /// Nội dung.
    pub message: String,
    /// Khi nhận.
    pub received_at: DateTime<Utc>,
    /// When it was marked handled, if it was.
    pub handled_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "id, sender_name, contact, subject, message, received_at, handled_at";

fn message_from_row(r: &AnyRow) -> Result<ContactMessage, StoreError> {
    Ok(ContactMessage {
        id: r.try_get("id")?,
        sender_name: r.try_get("sender_name")?,
        contact: r.try_get("contact")?,
        subject: r.try_get("subject")?,
        message: r.try_get("message")?,
        received_at: from_micros(r.try_get("received_at")?)?,
        handled_at: from_micros_opt(r.try_get("handled_at")?)?,
    })
}

impl Store {
    /// Nhận thư liên hệ — stores a message from the public form. `address_key` is a keyed hash
    /// of the sender's network. Not audited: no account acted.
    pub async fn add_contact_message(
        &self,
        message: &CitizenMessage,
        address_key: &str,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO contact_message (sender_name, contact, subject, message, received_at, \
                 address_key) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&message.name)
        .bind(message.contact.as_str())
        .bind(&message.subject)
        .bind(&message.text)
        .bind(to_micros(now))
        .bind(address_key)
        .fetch_one(self.pool())
        .await?)
    }

    /// Thư liên hệ — one page of the messages, newest first: all of them (`handled` `None`), or
    /// only those handled or not.
    pub async fn contact_messages(
        &self,
        handled: Option<bool>,
        page: u32,
        per_page: u32,
    ) -> Result<Page<ContactMessage>, StoreError> {
        let (page, per_page, offset) = paging(page, per_page);
        let filter = match handled {
            None => "",
            Some(true) => "WHERE handled_at IS NOT NULL",
            Some(false) => "WHERE handled_at IS NULL",
        };
        let total: i64 =
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM contact_message {filter}"))
                .fetch_one(self.pool())
                .await?;
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM contact_message {filter} ORDER BY id DESC LIMIT $1 OFFSET $2"
        ))
        .bind(i64::from(per_page))
        .bind(offset)
        .fetch_all(self.pool())
        .await?;
        Ok(Page {
            items: rows
                .iter()
                .map(message_from_row)
                .collect::<Result<_, _>>()?,
            total: total.max(0) as u64,
            page,
            per_page,
        })
    }

    /// Một thư liên hệ.
    pub async fn contact_message(&self, id: i64) -> Result<Option<ContactMessage>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM contact_message WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(message_from_row).transpose()
    }

    /// Đánh dấu đã xử lý (or not yet) — audited.
    pub async fn mark_contact_handled(
        &self,
        id: i64,
        handled: bool,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<ContactMessage, StoreError> {
        let mut tx = self.begin().await?;
        let row = sqlx::query(&format!(
            "UPDATE contact_message SET handled_at = $1 WHERE id = $2 RETURNING {COLUMNS}"
        ))
        .bind(handled.then(|| to_micros(now)))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            entity: "thư liên hệ",
            key: id.to_string(),
        })?;
        let message = message_from_row(&row)?;
        record(
            &mut tx,
            actor,
            now,
            if handled { "handle" } else { "reopen" },
            "contact_message",
            Some(id),
            json!({"subject": message.subject}),
        )
        .await?;
        tx.commit().await?;
        Ok(message)
    }

    /// Xoá thư liên hệ — audited (subject only).
    pub async fn delete_contact_message(
        &self,
        id: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let row = sqlx::query(&format!(
            "DELETE FROM contact_message WHERE id = $1 RETURNING {COLUMNS}"
        ))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            entity: "thư liên hệ",
            key: id.to_string(),
        })?;
        let message = message_from_row(&row)?;
        record(
            &mut tx,
            actor,
            now,
            "delete",
            "contact_message",
            Some(id),
            json!({"subject": message.subject}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
