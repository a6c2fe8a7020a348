//! Ảnh — photos attached to articles, with captions. The files themselves live on disk (the web
//! layer writes them); the store keeps their names and metadata.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

use sqlx::AnyConnection;

use crate::audit::record;
use crate::{Actor, Store, StoreError};

/// Ảnh — one photo of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Photo {
    /// Row id.
    pub id: i64,
    /// Article it belongs to.
    pub article_id: i64,
    /// Stored file name of the full-size image.
    pub file_name: String,
    /// Stored file name of the thumbnail.
    pub thumb_name: String,
    /// Chú thích ảnh — caption.
    pub caption: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// MIME type checked from the content (`image/jpeg`, `image/png`, …).
    pub mime: String,
    /// Order within the article, smallest first.
    pub position: i64,
}

/// Ảnh mới — a photo to attach; its position is after the article's last photo.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewPhoto {
    /// Article it belongs to (must exist).
    pub article_id: i64,
    /// Stored file name of the full-size image.
    pub file_name: String,
    /// Stored file name of the thumbnail.
    pub thumb_name: String,
    /// Caption.
    pub caption: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// MIME type.
    pub mime: String,
}

const COLUMNS: &str =
    "id, article_id, file_name, thumb_name, caption, width, height, mime, position";

fn dimension(v: i64) -> Result<u32, StoreError> {
    u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("kích thước ảnh {v}")))
}

fn photo_from_row(r: &AnyRow) -> Result<Photo, StoreError> {
    Ok(Photo {
        id: r.try_get("id")?,
        article_id: r.try_get("article_id")?,
        file_name: r.try_get("file_name")?,
        thumb_name: r.try_get("thumb_name")?,
        caption: r.try_get("caption")?,
        width: dimension(r.try_get("width")?)?,
        height: dimension(r.try_get("height")?)?,
        mime: r.try_get("mime")?,
        position: r.try_get("position")?,
    })
}

impl Store {
    /// Thêm ảnh — attach a photo to an article (unknown article: [`StoreError::NotFound`]).
    pub async fn add_photo(
        &self,
        new: &NewPhoto,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Photo, StoreError> {
        let mut tx = self.begin().await?;
        let photo = add_photo_in(&mut tx, new, actor, now).await?;
        tx.commit().await?;
        Ok(photo)
    }

    /// Thêm ảnh, làm ảnh đại diện nếu chưa có — attach a photo to an article and, in the same
    /// transaction, make it the article's cover when the article has none. Only the cover column
    /// is written (`cover_photo_id IS NULL` is part of the update), so an edit of the article
    /// saved meanwhile is kept, and two uploads at once cannot both become the cover. Returns the
    /// photo and whether it became the cover (then a `set_cover` audit row is written too).
    pub async fn add_photo_as_cover_if_none(
        &self,
        new: &NewPhoto,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<(Photo, bool), StoreError> {
        let mut tx = self.begin().await?;
        let photo = add_photo_in(&mut tx, new, actor, now).await?;
        let became_cover = sqlx::query(
            "UPDATE article SET cover_photo_id = $1, updated_at = $2 \
             WHERE id = $3 AND cover_photo_id IS NULL",
        )
        .bind(photo.id)
        .bind(crate::time::to_micros(now))
        .bind(photo.article_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if became_cover {
            record(
                &mut tx,
                actor,
                now,
                "set_cover",
                "article",
                Some(photo.article_id),
                json!({"cover_photo_id": photo.id}),
            )
            .await?;
        }
        tx.commit().await?;
        Ok((photo, became_cover))
    }

    /// Sửa chú thích — change the caption of photo `id`.
    pub async fn update_photo_caption(
        &self,
        id: i64,
        caption: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Photo, StoreError> {
        let mut tx = self.begin().await?;
        let row = sqlx::query(&format!(
            "UPDATE photo SET caption = $1 WHERE id = $2 RETURNING {COLUMNS}"
        ))
        .bind(caption)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            entity: "ảnh",
            key: id.to_string(),
        })?;
        let photo = photo_from_row(&row)?;
        record(
            &mut tx,
            actor,
            now,
            "update_caption",
            "photo",
            Some(id),
            json!({"caption": photo.caption}),
        )
        .await?;
        tx.commit().await?;
        Ok(photo)
    }

    /// Xoá ảnh — remove photo `id` of article `article_id`: when it was the article's cover the
    /// article has none afterwards. Returns the removed row, whose files the caller deletes once
    /// this has committed (a file left behind by a crash is harmless; a row without its file
    /// would be a broken picture). Audited.
    pub async fn delete_photo(
        &self,
        article_id: i64,
        id: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Photo, StoreError> {
        let mut tx = self.begin().await?;
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM photo WHERE id = $1 AND article_id = $2"
        ))
        .bind(id)
        .bind(article_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            entity: "ảnh",
            key: id.to_string(),
        })?;
        let photo = photo_from_row(&row)?;
        sqlx::query(
            "UPDATE article SET cover_photo_id = NULL, updated_at = $1 \
             WHERE id = $2 AND cover_photo_id = $3",
        )
        .bind(crate::time::to_micros(now))
        .bind(article_id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM photo WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            actor,
            now,
            "delete",
            "photo",
            Some(id),
            json!({"article_id": article_id, "file_name": photo.file_name, "caption": photo.caption}),
        )
        .await?;
        tx.commit().await?;
        Ok(photo)
    }

    /// Ảnh của bài — the photos of an article in order.
    pub async fn photos_of_article(&self, article_id: i64) -> Result<Vec<Photo>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM photo WHERE article_id = $1 ORDER BY position, id"
        ))
        .bind(article_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(photo_from_row).collect()
    }

    /// Ảnh theo mã — the photo with this id, if any.
    pub async fn photo_by_id(&self, id: i64) -> Result<Option<Photo>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM photo WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(photo_from_row).transpose()
    }
}
/// [`Store::add_photo`] inside the caller's transaction.
pub(crate) async fn add_photo_in(
    conn: &mut AnyConnection,
    new: &NewPhoto,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Photo, StoreError> {
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM article WHERE id = $1")
        .bind(new.article_id)
        .fetch_optional(&mut *conn)
        .await?;
    if exists.is_none() {
        return Err(StoreError::NotFound {
            entity: "bài viết",
            key: new.article_id.to_string(),
        });
    }
    let row = sqlx::query(&format!(
        "INSERT INTO photo (article_id, file_name, thumb_name, caption, width, height, mime, \
                            position, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, \
                 (SELECT COALESCE(MAX(position), 0) + 1 FROM photo WHERE article_id = $1), $8) \
         RETURNING {COLUMNS}"
    ))
    .bind(new.article_id)
    .bind(&new.file_name)
    .bind(&new.thumb_name)
    .bind(&new.caption)
    .bind(i64::from(new.width))
    .bind(i64::from(new.height))
    .bind(&new.mime)
    .bind(crate::time::to_micros(now))
    .fetch_one(&mut *conn)
    .await?;
    let photo = photo_from_row(&row)?;
    record(
        conn,
        actor,
        now,
        "add_photo",
        "photo",
        Some(photo.id),
        json!({"article_id": photo.article_id, "file_name": photo.file_name,
               "caption": photo.caption}),
    )
    .await?;
    Ok(photo)
}
