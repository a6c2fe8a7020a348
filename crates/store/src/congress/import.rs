//! Nhập danh sách — applying an import of organizations or people in ONE transaction, with one
//! audit row for the whole file.
//!
//! The caller (the CLI, the administration) reads the file and plans it against a snapshot of
//! the stored facts (`daihoi_sheets::lists`), so that a refused file is reported whole. Applying
//! plans the rows again inside the write transaction, against the facts as they are then (the
//! server may have changed something in between): if the file no longer applies, the issues come
//! back and nothing is written.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::{AnyConnection, Row};

use daihoi_domain::congress::import::{
    self, OrganizationAction, OrganizationIssue, OrganizationPlan, PersonAction, PersonColumns,
    PersonIssue, PersonPlan, PlannedParent, StoredOrganization, StoredPerson,
};
use daihoi_domain::congress::organization::{OrganizationFields, code_key};
use daihoi_domain::congress::person::PersonFields;

use super::organization::{
    NewOrganization, OrganizationUpdate, insert_organization_in, move_organization_in,
    organization_in, update_organization_in,
};
use super::person::{
    COLUMNS as PERSON_COLUMNS, NewPerson, insert_person_in, person_from_row, update_person_in,
};
use crate::audit::record;
use crate::{Actor, Store, StoreError};

/// Kết quả nhập — how many rows of the file were added, changed, or already as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct ImportCounts {
    /// Thêm mới.
    pub inserted: usize,
    /// Cập nhật.
    pub updated: usize,
    /// Không đổi.
    pub unchanged: usize,
}

impl ImportCounts {
    /// The counts of an organization plan.
    pub fn of_organizations(plan: &OrganizationPlan) -> ImportCounts {
        ImportCounts {
            inserted: plan.inserted(),
            updated: plan.updated(),
            unchanged: plan.unchanged,
        }
    }

    /// The counts of a people plan.
    pub fn of_people(plan: &PersonPlan) -> ImportCounts {
        ImportCounts {
            inserted: plan.inserted(),
            updated: plan.updated(),
            unchanged: plan.unchanged,
        }
    }
}

async fn stored_organizations_in(
    conn: &mut AnyConnection,
) -> Result<Vec<StoredOrganization>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, code, name, level, members, parent_id, closed_at FROM organization",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            let closed_at: Option<i64> = r.try_get("closed_at")?;
            Ok(StoredOrganization {
                id: r.try_get("id")?,
                code: r.try_get("code")?,
                name: r.try_get("name")?,
                level: r.try_get("level")?,
                members: r.try_get("members")?,
                parent_id: r.try_get("parent_id")?,
                closed: closed_at.is_some(),
            })
        })
        .collect()
}

/// Each organization's code key → (id, closed).
async fn organization_keys_in(
    conn: &mut AnyConnection,
) -> Result<HashMap<String, (i64, bool)>, StoreError> {
    let rows = sqlx::query("SELECT id, code_key, closed_at FROM organization")
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| {
            let closed_at: Option<i64> = r.try_get("closed_at")?;
            Ok((
                r.try_get("code_key")?,
                (r.try_get("id")?, closed_at.is_some()),
            ))
        })
        .collect()
}

async fn stored_people_in(conn: &mut AnyConnection) -> Result<Vec<StoredPerson>, StoreError> {
    let rows = sqlx::query(&format!("SELECT {PERSON_COLUMNS} FROM person"))
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| {
            let p = person_from_row(r)?;
            Ok(StoredPerson {
                id: p.id,
                organization_id: p.organization_id,
                full_name: p.full_name,
                sex: p.sex,
                birth: p.birth,
                ethnicity: p.ethnicity,
                education: p.education,
                position: p.position,
                card_number: p.card_number,
            })
        })
        .collect()
}

impl Store {
    /// Tổ chức để lập kế hoạch nhập — what import planning needs of every stored organization.
    pub async fn organizations_for_import(&self) -> Result<Vec<StoredOrganization>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        stored_organizations_in(&mut conn).await
    }

    /// Nhân sự để lập kế hoạch nhập — every stored organization's code key → (id, closed), and
    /// what import planning needs of every stored person.
    pub async fn people_for_import(
        &self,
    ) -> Result<(HashMap<String, (i64, bool)>, Vec<StoredPerson>), StoreError> {
        let mut conn = self.pool().acquire().await?;
        let organizations = organization_keys_in(&mut conn).await?;
        let people = stored_people_in(&mut conn).await?;
        Ok((organizations, people))
    }

    /// Nhập danh sách tổ chức — plans `rows` (checked by the field rules, each with its row
    /// number) against the organizations as stored when the transaction starts and applies the
    /// plan whole: parents before children, inserts, updates and moves, one audit row
    /// (`import`, `organization`, the file's name and the counts). `Ok(Err(issues))` when the
    /// file does not apply to what is stored then; nothing is written.
    pub async fn import_organizations(
        &self,
        rows: &[(u32, OrganizationFields)],
        file_name: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Result<ImportCounts, Vec<OrganizationIssue>>, StoreError> {
        let mut tx = self.begin().await?;
        let stored = stored_organizations_in(&mut tx).await?;
        let plan = match import::plan_organizations(&stored, rows) {
            Ok(plan) => plan,
            Err(issues) => return Ok(Err(issues)),
        };
        let mut new_ids: HashMap<String, i64> = HashMap::new();
        for step in &plan.steps {
            let parent_id = match &step.parent {
                PlannedParent::Root => None,
                PlannedParent::Stored(id) => Some(*id),
                PlannedParent::New(key) => Some(*new_ids.get(key).ok_or_else(|| {
                    StoreError::Invalid(format!("cấp trên «{key}» chưa được thêm"))
                })?),
            };
            let fields = &step.fields;
            match step.action {
                OrganizationAction::Insert => {
                    let org = insert_organization_in(
                        &mut tx,
                        &NewOrganization {
                            code: fields.code.clone(),
                            name: fields.name.clone(),
                            level: fields.level.clone(),
                            members: fields.members,
                            parent_id,
                        },
                        now,
                    )
                    .await?;
                    new_ids.insert(code_key(&fields.code), org.id);
                }
                OrganizationAction::Update { id } => {
                    let before = organization_in(&mut tx, id).await?.ok_or_else(|| {
                        StoreError::NotFound {
                            entity: "tổ chức",
                            key: id.to_string(),
                        }
                    })?;
                    // The code as stored is kept: the file names it case aside.
                    update_organization_in(
                        &mut tx,
                        id,
                        &OrganizationUpdate {
                            code: before.code.clone(),
                            name: fields.name.clone(),
                            level: fields.level.clone(),
                            members: fields.members,
                        },
                        now,
                    )
                    .await?;
                    if before.parent_id != parent_id {
                        let parent = match parent_id {
                            Some(pid) => {
                                Some(organization_in(&mut tx, pid).await?.ok_or_else(|| {
                                    StoreError::NotFound {
                                        entity: "tổ chức",
                                        key: pid.to_string(),
                                    }
                                })?)
                            }
                            None => None,
                        };
                        move_organization_in(&mut tx, &before, parent.as_ref(), now).await?;
                    }
                }
            }
        }
        let counts = ImportCounts::of_organizations(&plan);
        record(
            &mut tx,
            actor,
            now,
            "import",
            "organization",
            None,
            json!({"file": file_name, "inserted": counts.inserted,
                   "updated": counts.updated, "unchanged": counts.unchanged}),
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(counts))
    }

    /// Nhập danh sách nhân sự — plans `rows` against the people and organizations as stored when
    /// the transaction starts and applies the plan whole, with one audit row (`import`,
    /// `person`, the file's name and the counts: never a person's data). `columns` says which
    /// optional columns the file has. `Ok(Err(issues))` when the file does not apply to what is
    /// stored then; nothing is written.
    pub async fn import_people(
        &self,
        rows: &[(u32, PersonFields)],
        columns: PersonColumns,
        file_name: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Result<ImportCounts, Vec<PersonIssue>>, StoreError> {
        let mut tx = self.begin().await?;
        let organizations = organization_keys_in(&mut tx).await?;
        let stored = stored_people_in(&mut tx).await?;
        let plan = match import::plan_people(&organizations, &stored, rows, columns) {
            Ok(plan) => plan,
            Err(issues) => return Ok(Err(issues)),
        };
        for step in &plan.steps {
            let f = &step.fields;
            let person = NewPerson {
                organization_id: step.organization_id,
                full_name: f.full_name.clone(),
                sex: f.sex,
                birth: f.birth,
                ethnicity: f.ethnicity.clone(),
                education: f.education.clone(),
                position: f.position.clone(),
                card_number: f.card_number.clone(),
            };
            match step.action {
                PersonAction::Insert => {
                    insert_person_in(&mut tx, &person, now).await?;
                }
                PersonAction::Update { id } => update_person_in(&mut tx, id, &person, now).await?,
            }
        }
        let counts = ImportCounts::of_people(&plan);
        record(
            &mut tx,
            actor,
            now,
            "import",
            "person",
            None,
            json!({"file": file_name, "inserted": counts.inserted,
                   "updated": counts.updated, "unchanged": counts.unchanged}),
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(counts))
    }
}
