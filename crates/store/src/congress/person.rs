//! Nhân sự — people on the organizations' rolls. Lists come back in Vietnamese name order
//! (`daihoi_domain::vn::collate::sort_person_names`), which SQL cannot give, so a list is read
//! whole for one organization (its roll: tens to hundreds of rows) and sorted here; a search
//! across a subtree is capped.
//!
//! Date of birth, ethnicity and card number are sensitive: the store returns them to whoever asks
//! (it knows no roles); the web decides who sees them and writes each view to the audit log with
//! [`Store::record_person_view`].

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use daihoi_domain::congress::person::{BirthDate, Sex};
use daihoi_domain::vn::collate::sort_person_names;
use daihoi_domain::vn::fold::fold;

use super::organization::{path_text, subtree_end};
use crate::audit::record;
use crate::{Actor, Store, StoreError};

/// Người — one person on a roll.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// Row id.
    pub id: i64,
    /// The organization whose roll holds the person.
    pub organization_id: i64,
    /// Họ và tên (NFC).
    pub full_name: String,
    /// Giới tính.
    pub sex: Sex,
    /// Ngày sinh (sensitive).
    #[serde(skip)]
    pub birth: BirthDate,
    /// Dân tộc (sensitive).
    pub ethnicity: Option<String>,
    /// Trình độ.
    pub education: Option<String>,
    /// Chức vụ.
    pub position: Option<String>,
    /// Số thẻ đảng viên (sensitive).
    pub card_number: Option<String>,
}

/// Người mới hoặc sửa — the checked fields of a person (see
/// `daihoi_domain::congress::person`), the organization by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPerson {
    /// Tổ chức.
    pub organization_id: i64,
    /// Họ và tên.
    pub full_name: String,
    /// Giới tính.
    pub sex: Sex,
    /// Ngày sinh.
    pub birth: BirthDate,
    /// Dân tộc.
    pub ethnicity: Option<String>,
    /// Trình độ.
    pub education: Option<String>,
    /// Chức vụ.
    pub position: Option<String>,
    /// Số thẻ đảng viên.
    pub card_number: Option<String>,
}

pub(crate) const COLUMNS: &str = "id, organization_id, full_name, sex, birth, ethnicity, \
                                  education, position, card_number";

/// Most rows a search across a subtree returns.
pub const PERSON_SEARCH_LIMIT: usize = 200;

pub(crate) fn person_from_row(r: &AnyRow) -> Result<Person, StoreError> {
    let sex: String = r.try_get("sex")?;
    let birth: String = r.try_get("birth")?;
    Ok(Person {
        id: r.try_get("id")?,
        organization_id: r.try_get("organization_id")?,
        full_name: r.try_get("full_name")?,
        sex: Sex::from_stored(&sex)
            .ok_or_else(|| StoreError::Corrupt(format!("giới tính «{sex}»")))?,
        birth: BirthDate::from_stored(&birth)
            .ok_or_else(|| StoreError::Corrupt(format!("ngày sinh «{birth}»")))?,
        ethnicity: r.try_get("ethnicity")?,
        education: r.try_get("education")?,
        position: r.try_get("position")?,
        card_number: r.try_get("card_number")?,
    })
}

fn not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        entity: "người",
        key: id.to_string(),
    }
}

/// Insert one person on the caller's transaction; returns the id.
pub(crate) async fn insert_person_in(
    conn: &mut AnyConnection,
    new: &NewPerson,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let id = sqlx::query_scalar(
        "INSERT INTO person (organization_id, full_name, name_folded, sex, birth, ethnicity, \
                             education, position, card_number, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(new.organization_id)
    .bind(&new.full_name)
    .bind(fold(&new.full_name))
    .bind(new.sex.as_str())
    .bind(new.birth.to_stored())
    .bind(new.ethnicity.as_deref())
    .bind(new.education.as_deref())
    .bind(new.position.as_deref())
    .bind(new.card_number.as_deref())
    .bind(crate::time::to_micros(now))
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| foreign_key_to_not_found(e, new.organization_id))?;
    Ok(id)
}

/// Replace every field of person `id` on the caller's transaction.
pub(crate) async fn update_person_in(
    conn: &mut AnyConnection,
    id: i64,
    new: &NewPerson,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE person SET organization_id = $1, full_name = $2, name_folded = $3, sex = $4, \
                birth = $5, ethnicity = $6, education = $7, position = $8, card_number = $9, \
                updated_at = $10 \
         WHERE id = $11",
    )
    .bind(new.organization_id)
    .bind(&new.full_name)
    .bind(fold(&new.full_name))
    .bind(new.sex.as_str())
    .bind(new.birth.to_stored())
    .bind(new.ethnicity.as_deref())
    .bind(new.education.as_deref())
    .bind(new.position.as_deref())
    .bind(new.card_number.as_deref())
    .bind(crate::time::to_micros(now))
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(|e| foreign_key_to_not_found(e, new.organization_id))?;
    if done.rows_affected() == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

fn foreign_key_to_not_found(err: sqlx::Error, organization_id: i64) -> StoreError {
    if crate::error::is_foreign_key_violation(&err) {
        StoreError::NotFound {
            entity: "tổ chức",
            key: organization_id.to_string(),
        }
    } else {
        err.into()
    }
}

/// What the audit log keeps of a person: no sensitive value, only what changed hands.
fn audit_detail(p: &NewPerson) -> serde_json::Value {
    json!({"organization_id": p.organization_id, "full_name": p.full_name})
}

impl Store {
    /// Người — one person by id.
    pub async fn person(&self, id: i64) -> Result<Option<Person>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM person WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(person_from_row).transpose()
    }

    /// Danh sách một tổ chức — the roll of one organization, in Vietnamese name order.
    pub async fn people_of(&self, organization_id: i64) -> Result<Vec<Person>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM person WHERE organization_id = $1"
        ))
        .bind(organization_id)
        .fetch_all(self.pool())
        .await?;
        let mut people: Vec<Person> = rows.iter().map(person_from_row).collect::<Result<_, _>>()?;
        sort_person_names(&mut people, |p| &p.full_name);
        Ok(people)
    }

    /// Nhân sự của cây — every person on the rolls of the subtree of `organization_id` (for an
    /// export), in Vietnamese name order.
    pub async fn people_in_subtree(&self, organization_id: i64) -> Result<Vec<Person>, StoreError> {
        let org =
            self.organization(organization_id)
                .await?
                .ok_or_else(|| StoreError::NotFound {
                    entity: "tổ chức",
                    key: organization_id.to_string(),
                })?;
        let prefix = path_text(&org.path);
        let columns = COLUMNS
            .split(", ")
            .map(|c| format!("p.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let rows = sqlx::query(&format!(
            "SELECT {columns} FROM person p JOIN organization o ON o.id = p.organization_id \
             WHERE o.path >= $1 AND o.path < $2"
        ))
        .bind(&prefix)
        .bind(subtree_end(&prefix))
        .fetch_all(self.pool())
        .await?;
        let mut people: Vec<Person> = rows.iter().map(person_from_row).collect::<Result<_, _>>()?;
        sort_person_names(&mut people, |p| &p.full_name);
        Ok(people)
    }

    /// Số người trong cây — how many people the rolls of the subtree of `organization_id` hold.
    pub async fn count_people_in_subtree(&self, organization_id: i64) -> Result<u64, StoreError> {
        let org =
            self.organization(organization_id)
                .await?
                .ok_or_else(|| StoreError::NotFound {
                    entity: "tổ chức",
                    key: organization_id.to_string(),
                })?;
        let prefix = path_text(&org.path);
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM person p JOIN organization o ON o.id = p.organization_id \
             WHERE o.path >= $1 AND o.path < $2",
        )
        .bind(&prefix)
        .bind(subtree_end(&prefix))
        .fetch_one(self.pool())
        .await?;
        Ok(n.max(0) as u64)
    }

    /// Tìm người — people of the subtree of `organization_id` whose folded name holds every
    /// folded word of `query`, in Vietnamese name order, at most [`PERSON_SEARCH_LIMIT`]; the
    /// flag says whether more matched.
    pub async fn search_people(
        &self,
        organization_id: i64,
        query: &str,
    ) -> Result<(Vec<Person>, bool), StoreError> {
        let org =
            self.organization(organization_id)
                .await?
                .ok_or_else(|| StoreError::NotFound {
                    entity: "tổ chức",
                    key: organization_id.to_string(),
                })?;
        let prefix = path_text(&org.path);
        let patterns: Vec<String> = crate::search_terms(query)
            .iter()
            .map(|t| crate::search::like_pattern(t))
            .collect();
        let mut sql = format!(
            "SELECT {} FROM person p JOIN organization o ON o.id = p.organization_id \
             WHERE o.path >= $1 AND o.path < $2",
            COLUMNS
                .split(", ")
                .map(|c| format!("p.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        for i in 0..patterns.len() {
            sql.push_str(&format!(" AND p.name_folded LIKE ${} ESCAPE '\\'", i + 3));
        }
        sql.push_str(&format!(" LIMIT {}", PERSON_SEARCH_LIMIT + 1));
        let mut q = sqlx::query(&sql).bind(&prefix).bind(subtree_end(&prefix));
        for p in &patterns {
            q = q.bind(p);
        }
        let rows = q.fetch_all(self.pool()).await?;
        let more = rows.len() > PERSON_SEARCH_LIMIT;
        let mut people: Vec<Person> = rows
            .iter()
            .take(PERSON_SEARCH_LIMIT)
            .map(person_from_row)
            .collect::<Result<_, _>>()?;
        sort_person_names(&mut people, |p| &p.full_name);
        Ok((people, more))
    }

    /// Thêm người — add a person; a card number already on another person is
    /// `Conflict(Constraint::PersonCard)`.
    pub async fn create_person(
        &self,
        new: &NewPerson,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Person, StoreError> {
        let mut tx = self.begin().await?;
        let id = insert_person_in(&mut tx, new, now).await?;
        record(
            &mut tx,
            actor,
            now,
            "create",
            "person",
            Some(id),
            audit_detail(new),
        )
        .await?;
        tx.commit().await?;
        self.person(id).await?.ok_or_else(|| not_found(id))
    }

    /// Sửa người — replace every field of person `id`.
    pub async fn update_person(
        &self,
        id: i64,
        new: &NewPerson,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Person, StoreError> {
        let mut tx = self.begin().await?;
        update_person_in(&mut tx, id, new, now).await?;
        record(
            &mut tx,
            actor,
            now,
            "update",
            "person",
            Some(id),
            audit_detail(new),
        )
        .await?;
        tx.commit().await?;
        self.person(id).await?.ok_or_else(|| not_found(id))
    }

    /// Ghi lượt xem hồ sơ — writes to the audit log that `actor` saw the sensitive fields of
    /// person `id` (action `view_person`).
    pub async fn record_person_view(
        &self,
        actor: &Actor,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.record_event(actor, "view_person", "person", Some(id), json!({}), now)
            .await
    }

    /// Ghi lượt xuất danh sách — writes to the audit log that `actor` exported `count` people of
    /// the subtree of `organization_id`, in `format`, with or without their sensitive fields
    /// (action `export_people`).
    pub async fn record_people_export(
        &self,
        actor: &Actor,
        organization_id: i64,
        count: usize,
        format: &str,
        sensitive: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.record_event(
            actor,
            "export_people",
            "organization",
            Some(organization_id),
            json!({"count": count, "format": format, "sensitive": sensitive}),
            now,
        )
        .await
    }
}
