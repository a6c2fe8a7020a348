//! Đề án nhân sự — the personnel plan of a congress: the election rule set whose surplus limits
//! the slate is checked against, the committee level whose age limits apply, the structure
//! targets as data, and the slate of candidates (people of the rolls of the congress's subtree,
//! standing again or for the first time, with the marks of custom targets). The committee's
//! size is the congress's `committee_seats`.
//!
//! The store keeps the facts; the compliance, the ages and the words are the domain's
//! (`daihoi_domain::congress::{structure, age}`) and the web's. A plan is internal: the slate
//! carries dates of birth and ethnicities, so the web writes every view of it to the audit log
//! with [`Store::record_plan_view`].

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use daihoi_domain::congress::age::CommitteeLevel;
use daihoi_domain::congress::structure::{Bound, Criterion, StructureTarget};
use daihoi_domain::election::rules::RuleSet;
use daihoi_domain::vn::collate::sort_person_names;
use daihoi_domain::vn::fold::fold;

use super::person::{COLUMNS as PERSON_COLUMNS, Person, person_from_row};
use crate::audit::record;
use crate::time::to_micros;
use crate::{Actor, Store, StoreError};

/// Thiết lập đề án — the settings of a plan, edited together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSettings {
    /// The built-in election rule set's name (`party-2014`, `party-2024`, …).
    pub rules: String,
    /// Cấp ủy — which age limits of Chỉ thị 35 apply.
    pub committee_level: CommitteeLevel,
    /// Số ủy viên ban chấp hành (the congress's `committee_seats`); `None` when not decided.
    pub committee_seats: Option<i64>,
}

/// Chỉ tiêu đã lưu — one stored structure target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanTarget {
    /// Row id.
    pub id: i64,
    /// The target.
    pub target: StructureTarget,
}

/// Ứng viên — one candidate on the slate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanCandidate {
    /// The person of the rolls (with the sensitive fields: see the module's note).
    pub person: Person,
    /// The name of the organization whose roll holds the person.
    pub organization_name: String,
    /// Tái cử — standing again.
    pub renominated: bool,
    /// Đánh dấu — the marks for custom targets, in the order typed.
    pub marks: Vec<String>,
}

/// Đề án nhân sự — the whole plan of one congress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonnelPlan {
    /// The congress.
    pub congress_id: i64,
    /// The election rule set's name.
    pub rules: String,
    /// Cấp ủy.
    pub committee_level: CommitteeLevel,
    /// The targets, in their order.
    pub targets: Vec<PlanTarget>,
    /// The slate, in Vietnamese name order.
    pub candidates: Vec<PlanCandidate>,
}

/// Stored form of a committee level.
fn level_code(level: CommitteeLevel) -> &'static str {
    match level {
        CommitteeLevel::District => "district",
        CommitteeLevel::Provincial => "provincial",
    }
}

fn level_from_code(code: &str) -> Result<CommitteeLevel, StoreError> {
    match code {
        "district" => Ok(CommitteeLevel::District),
        "provincial" => Ok(CommitteeLevel::Provincial),
        other => Err(StoreError::Corrupt(format!("cấp ủy «{other}»"))),
    }
}

fn check_rules(name: &str) -> Result<(), StoreError> {
    match RuleSet::named(name) {
        Some(_) => Ok(()),
        None => Err(StoreError::Invalid(format!(
            "không có quy chế bầu cử «{name}»"
        ))),
    }
}

fn plan_not_found(congress_id: i64) -> StoreError {
    StoreError::NotFound {
        entity: "đề án nhân sự của đại hội",
        key: congress_id.to_string(),
    }
}

fn target_from_row(r: &AnyRow) -> Result<PlanTarget, StoreError> {
    let criterion: String = r.try_get("criterion")?;
    let kind: String = r.try_get("bound_kind")?;
    let low: i64 = r.try_get("bound_low")?;
    let high: i64 = r.try_get("bound_high")?;
    let label: String = r.try_get("label")?;
    let criterion = Criterion::from_stored(&criterion)
        .ok_or_else(|| StoreError::Corrupt(format!("tiêu chí «{criterion}»")))?;
    let bound = u32::try_from(low)
        .ok()
        .zip(u32::try_from(high).ok())
        .and_then(|(low, high)| Bound::from_parts(&kind, low, high))
        .ok_or_else(|| StoreError::Corrupt(format!("mức chỉ tiêu {kind} {low}–{high}")))?;
    let target = StructureTarget::new(&label, criterion, bound)
        .map_err(|e| StoreError::Corrupt(format!("chỉ tiêu «{label}»: {e}")))?;
    Ok(PlanTarget {
        id: r.try_get("id")?,
        target,
    })
}

fn target_detail(t: &StructureTarget) -> serde_json::Value {
    let (low, high) = t.bound.parts();
    json!({
        "label": t.label, "criterion": t.criterion.to_stored(),
        "bound": t.bound.kind_code(), "low": low, "high": high,
    })
}

async fn insert_target_in(
    conn: &mut AnyConnection,
    congress_id: i64,
    target: &StructureTarget,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let (low, high) = target.bound.parts();
    let id = sqlx::query_scalar(
        "INSERT INTO plan_target (congress_id, position, label, criterion, bound_kind, bound_low, \
                                  bound_high, created_at, updated_at) \
         VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM plan_target WHERE congress_id = $1), \
                 $2, $3, $4, $5, $6, $7, $7) \
         RETURNING id",
    )
    .bind(congress_id)
    .bind(&target.label)
    .bind(target.criterion.to_stored())
    .bind(target.bound.kind_code())
    .bind(i64::from(low))
    .bind(i64::from(high))
    .bind(to_micros(now))
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

async fn touch_plan_in(
    conn: &mut AnyConnection,
    congress_id: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let done = sqlx::query("UPDATE personnel_plan SET updated_at = $1 WHERE congress_id = $2")
        .bind(to_micros(now))
        .bind(congress_id)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(plan_not_found(congress_id));
    }
    Ok(())
}

async fn set_seats_in(
    conn: &mut AnyConnection,
    congress_id: i64,
    seats: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    if seats.is_some_and(|n| n < 0) {
        return Err(StoreError::Invalid(
            "số ủy viên ban chấp hành không được âm".to_owned(),
        ));
    }
    let done =
        sqlx::query("UPDATE congress SET committee_seats = $1, updated_at = $2 WHERE id = $3")
            .bind(seats)
            .bind(to_micros(now))
            .bind(congress_id)
            .execute(&mut *conn)
            .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound {
            entity: "đại hội",
            key: congress_id.to_string(),
        });
    }
    Ok(())
}

async fn write_marks_in(
    conn: &mut AnyConnection,
    congress_id: i64,
    person_id: i64,
    marks: &[String],
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM plan_candidate_mark WHERE congress_id = $1 AND person_id = $2")
        .bind(congress_id)
        .bind(person_id)
        .execute(&mut *conn)
        .await?;
    let mut seen: Vec<String> = Vec::with_capacity(marks.len());
    for mark in marks {
        let key = fold(mark.trim());
        if key.is_empty() || seen.contains(&key) {
            continue;
        }
        sqlx::query(
            "INSERT INTO plan_candidate_mark (congress_id, person_id, position, mark, mark_key) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(congress_id)
        .bind(person_id)
        .bind(seen.len() as i64 + 1)
        .bind(mark.trim())
        .bind(&key)
        .execute(&mut *conn)
        .await?;
        seen.push(key);
    }
    Ok(())
}

impl Store {
    /// Đề án nhân sự — the plan of congress `congress_id`, if one was drawn up: its settings,
    /// targets in order and the slate in Vietnamese name order.
    pub async fn personnel_plan(
        &self,
        congress_id: i64,
    ) -> Result<Option<PersonnelPlan>, StoreError> {
        let Some(row) =
            sqlx::query("SELECT rules, committee_level FROM personnel_plan WHERE congress_id = $1")
                .bind(congress_id)
                .fetch_optional(self.pool())
                .await?
        else {
            return Ok(None);
        };
        let rules: String = row.try_get("rules")?;
        let level: String = row.try_get("committee_level")?;
        let targets = sqlx::query(
            "SELECT id, label, criterion, bound_kind, bound_low, bound_high FROM plan_target \
             WHERE congress_id = $1 ORDER BY position, id",
        )
        .bind(congress_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(target_from_row)
        .collect::<Result<Vec<_>, _>>()?;
        let people = PERSON_COLUMNS
            .split(", ")
            .map(|c| format!("p.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let rows = sqlx::query(&format!(
            "SELECT {people}, o.name AS organization_name, c.renominated \
             FROM plan_candidate c \
             JOIN person p ON p.id = c.person_id \
             JOIN organization o ON o.id = p.organization_id \
             WHERE c.congress_id = $1"
        ))
        .bind(congress_id)
        .fetch_all(self.pool())
        .await?;
        let marks: Vec<(i64, String)> = sqlx::query_as(
            "SELECT person_id, mark FROM plan_candidate_mark WHERE congress_id = $1 \
             ORDER BY person_id, position",
        )
        .bind(congress_id)
        .fetch_all(self.pool())
        .await?;
        let mut candidates = Vec::with_capacity(rows.len());
        for r in &rows {
            let person = person_from_row(r)?;
            let own = marks
                .iter()
                .filter(|(id, _)| *id == person.id)
                .map(|(_, m)| m.clone())
                .collect();
            candidates.push(PlanCandidate {
                organization_name: r.try_get("organization_name")?,
                renominated: r.try_get::<i64, _>("renominated")? != 0,
                marks: own,
                person,
            });
        }
        sort_person_names(&mut candidates, |c| &c.person.full_name);
        Ok(Some(PersonnelPlan {
            congress_id,
            rules,
            committee_level: level_from_code(&level)?,
            targets,
            candidates,
        }))
    }

    /// Lập đề án — draw up the plan of congress `congress_id` with `settings` (the committee
    /// size is written to the congress) and its first `targets` (the web passes Chỉ thị 35's),
    /// in one transaction. A congress that already has a plan keeps it untouched: the answer
    /// is `false` then, `true` when this call drew it up. An unknown rule set is `Invalid`.
    pub async fn create_personnel_plan(
        &self,
        congress_id: i64,
        settings: &PlanSettings,
        targets: &[StructureTarget],
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        check_rules(&settings.rules)?;
        let mut tx = self.begin().await?;
        // A plan drawn up meanwhile by another request wins: this one changes nothing.
        let inserted = sqlx::query(
            "INSERT INTO personnel_plan (congress_id, rules, committee_level, created_at, \
                                         updated_at) \
             VALUES ($1, $2, $3, $4, $4) ON CONFLICT (congress_id) DO NOTHING",
        )
        .bind(congress_id)
        .bind(&settings.rules)
        .bind(level_code(settings.committee_level))
        .bind(to_micros(now))
        .execute(&mut *tx)
        .await
        .map_err(|e| {
            if crate::error::is_foreign_key_violation(&e) {
                StoreError::NotFound {
                    entity: "đại hội",
                    key: congress_id.to_string(),
                }
            } else {
                e.into()
            }
        })?;
        if inserted.rows_affected() == 0 {
            return Ok(false);
        }
        set_seats_in(&mut tx, congress_id, settings.committee_seats, now).await?;
        for target in targets {
            insert_target_in(&mut tx, congress_id, target, now).await?;
        }
        record(
            &mut tx,
            actor,
            now,
            "create",
            "personnel_plan",
            Some(congress_id),
            json!({
                "rules": settings.rules,
                "committee_level": level_code(settings.committee_level),
                "committee_seats": settings.committee_seats,
                "targets": targets.iter().map(target_detail).collect::<Vec<_>>(),
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Sửa thiết lập đề án — change the rule set, the committee level and the committee size
    /// (written to the congress) of an existing plan.
    pub async fn update_plan_settings(
        &self,
        congress_id: i64,
        settings: &PlanSettings,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        check_rules(&settings.rules)?;
        let mut tx = self.begin().await?;
        let done = sqlx::query(
            "UPDATE personnel_plan SET rules = $1, committee_level = $2, updated_at = $3 \
             WHERE congress_id = $4",
        )
        .bind(&settings.rules)
        .bind(level_code(settings.committee_level))
        .bind(to_micros(now))
        .bind(congress_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(plan_not_found(congress_id));
        }
        set_seats_in(&mut tx, congress_id, settings.committee_seats, now).await?;
        record(
            &mut tx,
            actor,
            now,
            "update",
            "personnel_plan",
            Some(congress_id),
            json!({
                "rules": settings.rules,
                "committee_level": level_code(settings.committee_level),
                "committee_seats": settings.committee_seats,
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Thêm chỉ tiêu — add a target after the others; returns its id.
    pub async fn add_plan_target(
        &self,
        congress_id: i64,
        target: &StructureTarget,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin().await?;
        touch_plan_in(&mut tx, congress_id, now).await?;
        let id = insert_target_in(&mut tx, congress_id, target, now).await?;
        let mut detail = target_detail(target);
        detail["target_id"] = json!(id);
        record(
            &mut tx,
            actor,
            now,
            "add_target",
            "personnel_plan",
            Some(congress_id),
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Sửa chỉ tiêu — replace target `target_id` of the plan of `congress_id` (`NotFound` when
    /// it is not one of this plan's).
    pub async fn update_plan_target(
        &self,
        congress_id: i64,
        target_id: i64,
        target: &StructureTarget,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let (low, high) = target.bound.parts();
        let mut tx = self.begin().await?;
        let done = sqlx::query(
            "UPDATE plan_target SET label = $1, criterion = $2, bound_kind = $3, bound_low = $4, \
                    bound_high = $5, updated_at = $6 \
             WHERE id = $7 AND congress_id = $8",
        )
        .bind(&target.label)
        .bind(target.criterion.to_stored())
        .bind(target.bound.kind_code())
        .bind(i64::from(low))
        .bind(i64::from(high))
        .bind(to_micros(now))
        .bind(target_id)
        .bind(congress_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                entity: "chỉ tiêu cơ cấu",
                key: target_id.to_string(),
            });
        }
        touch_plan_in(&mut tx, congress_id, now).await?;
        let mut detail = target_detail(target);
        detail["target_id"] = json!(target_id);
        record(
            &mut tx,
            actor,
            now,
            "update_target",
            "personnel_plan",
            Some(congress_id),
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Bỏ chỉ tiêu — remove target `target_id` of the plan of `congress_id`.
    pub async fn remove_plan_target(
        &self,
        congress_id: i64,
        target_id: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let done = sqlx::query("DELETE FROM plan_target WHERE id = $1 AND congress_id = $2")
            .bind(target_id)
            .bind(congress_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                entity: "chỉ tiêu cơ cấu",
                key: target_id.to_string(),
            });
        }
        touch_plan_in(&mut tx, congress_id, now).await?;
        record(
            &mut tx,
            actor,
            now,
            "remove_target",
            "personnel_plan",
            Some(congress_id),
            json!({"target_id": target_id}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Thêm ứng viên — put person `person_id` on the slate of `congress_id`, standing for the
    /// first time and without marks. The person must be on a roll of the congress's
    /// organization or an organization below it (`Invalid` otherwise). Someone already on the
    /// slate stays as they are: the answer is `false` then, `true` when added.
    pub async fn add_plan_candidate(
        &self,
        congress_id: i64,
        person_id: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin().await?;
        touch_plan_in(&mut tx, congress_id, now).await?;
        let paths: Option<(String, String)> = sqlx::query_as(
            "SELECT po.path, co.path FROM person p \
             JOIN organization po ON po.id = p.organization_id \
             JOIN congress c ON c.id = $2 \
             JOIN organization co ON co.id = c.organization_id \
             WHERE p.id = $1",
        )
        .bind(person_id)
        .bind(congress_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((person_path, congress_path)) = paths else {
            return Err(StoreError::NotFound {
                entity: "người",
                key: person_id.to_string(),
            });
        };
        if !person_path.starts_with(&congress_path) {
            return Err(StoreError::Invalid(format!(
                "người số {person_id} không có tên trong danh sách của tổ chức tổ chức đại hội \
                 hay các tổ chức trực thuộc"
            )));
        }
        let done = sqlx::query(
            "INSERT INTO plan_candidate (congress_id, person_id, renominated, created_at, \
                                         updated_at) \
             VALUES ($1, $2, 0, $3, $3) ON CONFLICT (congress_id, person_id) DO NOTHING",
        )
        .bind(congress_id)
        .bind(person_id)
        .bind(to_micros(now))
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        record(
            &mut tx,
            actor,
            now,
            "add_candidate",
            "personnel_plan",
            Some(congress_id),
            json!({"person_id": person_id}),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Sửa ứng viên — set whether candidate `person_id` stands again and replace their marks
    /// (kept in the order given; marks equal without case or diacritics are kept once).
    pub async fn update_plan_candidate(
        &self,
        congress_id: i64,
        person_id: i64,
        renominated: bool,
        marks: &[String],
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let done = sqlx::query(
            "UPDATE plan_candidate SET renominated = $1, updated_at = $2 \
             WHERE congress_id = $3 AND person_id = $4",
        )
        .bind(i64::from(renominated))
        .bind(to_micros(now))
        .bind(congress_id)
        .bind(person_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                entity: "ứng viên",
                key: person_id.to_string(),
            });
        }
        write_marks_in(&mut tx, congress_id, person_id, marks).await?;
        touch_plan_in(&mut tx, congress_id, now).await?;
        record(
            &mut tx,
            actor,
            now,
            "update_candidate",
            "personnel_plan",
            Some(congress_id),
            json!({"person_id": person_id, "renominated": renominated, "marks": marks}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Bỏ ứng viên — take person `person_id` off the slate of `congress_id` (with their marks).
    pub async fn remove_plan_candidate(
        &self,
        congress_id: i64,
        person_id: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let done =
            sqlx::query("DELETE FROM plan_candidate WHERE congress_id = $1 AND person_id = $2")
                .bind(congress_id)
                .bind(person_id)
                .execute(&mut *tx)
                .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                entity: "ứng viên",
                key: person_id.to_string(),
            });
        }
        touch_plan_in(&mut tx, congress_id, now).await?;
        record(
            &mut tx,
            actor,
            now,
            "remove_candidate",
            "personnel_plan",
            Some(congress_id),
            json!({"person_id": person_id}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ghi lượt xem đề án — writes to the audit log that `actor` saw the slate of congress
    /// `congress_id` with its `candidates` people's dates of birth and ethnicities (action
    /// `view_personnel_plan`).
    pub async fn record_plan_view(
        &self,
        actor: &Actor,
        congress_id: i64,
        candidates: usize,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.record_event(
            actor,
            "view_personnel_plan",
            "congress",
            Some(congress_id),
            json!({"candidates": candidates}),
            now,
        )
        .await
    }
}

/// Write a whole plan on the caller's transaction (the demo's): the plan row, its `targets` in
/// order, and the slate as `(person id, re-nominated)`. No audit row: the caller writes one for
/// what it loads.
pub(crate) async fn insert_plan_in(
    conn: &mut AnyConnection,
    congress_id: i64,
    rules: &str,
    level: CommitteeLevel,
    targets: &[StructureTarget],
    slate: &[(i64, bool)],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    check_rules(rules)?;
    sqlx::query(
        "INSERT INTO personnel_plan (congress_id, rules, committee_level, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(congress_id)
    .bind(rules)
    .bind(level_code(level))
    .bind(to_micros(now))
    .execute(&mut *conn)
    .await?;
    for target in targets {
        insert_target_in(conn, congress_id, target, now).await?;
    }
    for (person_id, renominated) in slate {
        sqlx::query(
            "INSERT INTO plan_candidate (congress_id, person_id, renominated, created_at, \
                                         updated_at) \
             VALUES ($1, $2, $3, $4, $4)",
        )
        .bind(congress_id)
        .bind(person_id)
        .bind(i64::from(*renominated))
        .bind(to_micros(now))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
