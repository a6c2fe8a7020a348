//! Chuyên mục — article categories.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

use sqlx::AnyConnection;

use crate::audit::record;
use crate::{Actor, Store, StoreError};

/// Chuyên mục — a category of articles (e.g. "Tin đại hội").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Category {
    /// Row id.
    pub id: i64,
    /// URL segment, unique, without diacritics.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Short description shown on the category page.
    pub description: String,
    /// Order in menus, smallest first.
    pub position: i64,
    /// The section it belongs under (a tree moved over from NukeViet); `None` at the top.
    pub parent_id: Option<i64>,
}

/// Chuyên mục mới — what is needed to create a category.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewCategory {
    /// URL segment, unique.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Short description.
    pub description: String,
    /// Order in menus.
    pub position: i64,
}

/// Sửa chuyên mục — the new values of every editable field.
pub type CategoryUpdate = NewCategory;

const COLUMNS: &str = "id, slug, name, description, position, parent_id";

fn category_from_row(r: &AnyRow) -> Result<Category, StoreError> {
    Ok(Category {
        id: r.try_get("id")?,
        slug: r.try_get("slug")?,
        name: r.try_get("name")?,
        description: r.try_get("description")?,
        position: r.try_get("position")?,
        parent_id: r.try_get("parent_id")?,
    })
}

fn validate(c: &NewCategory) -> Result<(), StoreError> {
    if c.slug.trim().is_empty() {
        return Err(StoreError::Invalid(
            "đường dẫn (slug) chuyên mục không được để trống".into(),
        ));
    }
    if c.name.trim().is_empty() {
        return Err(StoreError::Invalid(
            "tên chuyên mục không được để trống".into(),
        ));
    }
    Ok(())
}

impl Store {
    /// Danh sách chuyên mục — all categories in menu order.
    pub async fn list_categories(&self) -> Result<Vec<Category>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM category ORDER BY position, id"
        ))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(category_from_row).collect()
    }

    /// Chuyên mục theo đường dẫn — the category with this slug, if any.
    pub async fn category_by_slug(&self, slug: &str) -> Result<Option<Category>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM category WHERE slug = $1"))
            .bind(slug)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(category_from_row).transpose()
    }

    /// Chuyên mục theo mã — the category with this id, if any.
    pub async fn category_by_id(&self, id: i64) -> Result<Option<Category>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM category WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(category_from_row).transpose()
    }

    /// Tạo chuyên mục — create a category; a taken slug gives [`StoreError::Conflict`].
    pub async fn create_category(
        &self,
        new: &NewCategory,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Category, StoreError> {
        let mut tx = self.begin().await?;
        let category = create_category_in(&mut tx, new, actor, now).await?;
        tx.commit().await?;
        Ok(category)
    }

    /// Sửa chuyên mục — replace the editable fields of category `id`.
    pub async fn update_category(
        &self,
        id: i64,
        update: &CategoryUpdate,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Category, StoreError> {
        validate(update)?;
        let mut tx = self.begin().await?;
        let row = sqlx::query(&format!(
            "UPDATE category SET slug = $1, name = $2, description = $3, position = $4 \
             WHERE id = $5 RETURNING {COLUMNS}"
        ))
        .bind(&update.slug)
        .bind(&update.name)
        .bind(&update.description)
        .bind(update.position)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            entity: "chuyên mục",
            key: id.to_string(),
        })?;
        let category = category_from_row(&row)?;
        record(
            &mut tx,
            actor,
            now,
            "update",
            "category",
            Some(id),
            json!({"slug": category.slug, "name": category.name, "position": category.position}),
        )
        .await?;
        tx.commit().await?;
        Ok(category)
    }
}
/// [`Store::create_category`] inside the caller's transaction.
pub(crate) async fn create_category_in(
    conn: &mut AnyConnection,
    new: &NewCategory,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Category, StoreError> {
    validate(new)?;
    let row = sqlx::query(&format!(
        "INSERT INTO category (slug, name, description, position) VALUES ($1, $2, $3, $4) \
         RETURNING {COLUMNS}"
    ))
    .bind(&new.slug)
    .bind(&new.name)
    .bind(&new.description)
    .bind(new.position)
    .fetch_one(&mut *conn)
    .await?;
    let category = category_from_row(&row)?;
    record(
        conn,
        actor,
        now,
        "create",
        "category",
        Some(category.id),
        json!({"slug": category.slug, "name": category.name, "position": category.position}),
    )
    .await?;
    Ok(category)
}
