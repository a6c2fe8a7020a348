//! Đại biểu — the delegates of a congress and the allocation of its seats: the saved allocation
//! (`delegate_allocation`), the delegates and alternates (`delegate`) with their check-in codes,
//! and the credentials step, replacing a delegate who cannot attend by the next alternate of the
//! same organization in one transaction.
//!
//! Check-in (the `attendance` table) is `attendance.rs`'s; this file only writes `delegate`.
//! A delegate's `organization_id` is the delegation they belong to: the congress's own
//! organization (ex-officio members on its roll) or one directly below it.

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use daihoi_domain::congress::delegate::{
    CHECK_IN_CODE_BYTES, DelegateKind, DelegateStatus, check_in_code,
};
use daihoi_domain::congress::person::{BirthDate, Sex};
use daihoi_domain::vn::collate::compare_person_names;
use daihoi_domain::vn::fold::fold;

use crate::audit::record;
use crate::time::to_micros;
use crate::{Actor, Store, StoreError};

/// Đại biểu — one delegate or alternate of a congress, with the delegation's organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delegate {
    /// Row id.
    pub id: i64,
    /// Đại hội.
    pub congress_id: i64,
    /// Loại: đương nhiên, chính thức, dự khuyết.
    pub kind: DelegateKind,
    /// The person on a roll, when picked from one.
    pub person_id: Option<i64>,
    /// Họ và tên (NFC).
    pub full_name: String,
    /// Giới tính, when known.
    pub sex: Option<Sex>,
    /// Ngày hoặc năm sinh, when known.
    pub birth: Option<BirthDate>,
    /// Đoàn đại biểu — the organization the delegate belongs to.
    pub organization_id: Option<i64>,
    /// The organization's code (for ordering), when there is one.
    pub organization_code: Option<String>,
    /// The organization's name, when there is one.
    pub organization_name: Option<String>,
    /// Thứ tự dự khuyết (1 = first called), alternates only.
    pub alternate_rank: Option<i64>,
    /// Số phiếu bầu, when known.
    pub votes: Option<i64>,
    /// Tư cách.
    pub status: DelegateStatus,
    /// The delegate this one replaced (an alternate called in).
    pub replaces_id: Option<i64>,
    /// Why the status changed (the reason a delegate could not attend).
    pub status_reason: Option<String>,
    /// Mã điểm danh, printed on the card as a QR code.
    pub check_in_code: String,
}

/// Đại biểu mới — a delegate to add; the status follows the kind
/// ([`DelegateStatus::initial`]) and the check-in code is drawn by the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDelegate {
    /// Loại.
    pub kind: DelegateKind,
    /// The person on a roll, if picked from one.
    pub person_id: Option<i64>,
    /// Họ và tên (checked).
    pub full_name: String,
    /// Giới tính.
    pub sex: Option<Sex>,
    /// Ngày hoặc năm sinh.
    pub birth: Option<BirthDate>,
    /// Đoàn đại biểu (required for elected delegates and alternates).
    pub organization_id: Option<i64>,
    /// Thứ tự dự khuyết (required for alternates).
    pub alternate_rank: Option<i64>,
    /// Số phiếu.
    pub votes: Option<i64>,
}

/// Phân bổ của một tổ chức — the saved seats of one sub-organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocationRow {
    /// The sub-organization.
    pub organization_id: i64,
    /// Số đảng viên when the allocation was made.
    pub members: i64,
    /// What the largest-remainder rule proposed.
    pub proposed: i64,
    /// What the convening committee decided.
    pub seats: i64,
    /// Why `seats` differs from `proposed` (required then).
    pub reason: Option<String>,
}

/// Kết quả thay thế — what [`Store::replace_delegate`] did, or why it did nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replacement {
    /// The delegate is marked replaced and the alternate convened in their place.
    Done {
        /// The delegate who cannot attend, now `replaced`.
        replaced: Box<Delegate>,
        /// The alternate now `convened`, with `replaces_id` set.
        alternate: Box<Delegate>,
    },
    /// The organization has no alternate on standby: nothing was changed.
    NoAlternateLeft {
        /// The delegate, unchanged.
        delegate: Delegate,
    },
    /// The delegate is not convened (already replaced, or an alternate not called): nothing
    /// was changed.
    NotConvened {
        /// The delegate, unchanged.
        delegate: Delegate,
    },
    /// An ex-officio delegate has no alternates: nothing was changed.
    ExOfficio {
        /// The delegate, unchanged.
        delegate: Delegate,
    },
}

/// Xoá đại biểu — what [`Store::remove_delegate`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    /// Removed.
    Removed,
    /// Kept: the delegate is part of a replacement (replaced, or called in for someone).
    InReplacement,
    /// Kept: the delegate was already checked in or marked absent at the hall.
    HasAttendance,
}

const COLUMNS: &str = "d.id, d.congress_id, d.kind, d.person_id, d.full_name, d.sex, d.birth, \
     d.organization_id, o.code AS organization_code, o.name AS organization_name, \
     d.alternate_rank, d.votes, d.status, d.replaces_id, d.status_reason, d.check_in_code";

const FROM: &str = "FROM delegate d LEFT JOIN organization o ON o.id = d.organization_id";

fn delegate_from_row(r: &AnyRow) -> Result<Delegate, StoreError> {
    let kind: String = r.try_get("kind")?;
    let status: String = r.try_get("status")?;
    let sex: Option<String> = r.try_get("sex")?;
    let birth: Option<String> = r.try_get("birth")?;
    Ok(Delegate {
        id: r.try_get("id")?,
        congress_id: r.try_get("congress_id")?,
        kind: DelegateKind::from_stored(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("loại đại biểu «{kind}»")))?,
        person_id: r.try_get("person_id")?,
        full_name: r.try_get("full_name")?,
        sex: sex
            .map(|s| {
                Sex::from_stored(&s).ok_or_else(|| StoreError::Corrupt(format!("giới tính «{s}»")))
            })
            .transpose()?,
        birth: birth
            .map(|s| {
                BirthDate::from_stored(&s)
                    .ok_or_else(|| StoreError::Corrupt(format!("ngày sinh «{s}»")))
            })
            .transpose()?,
        organization_id: r.try_get("organization_id")?,
        organization_code: r.try_get("organization_code")?,
        organization_name: r.try_get("organization_name")?,
        alternate_rank: r.try_get("alternate_rank")?,
        votes: r.try_get("votes")?,
        status: DelegateStatus::from_stored(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("tư cách đại biểu «{status}»")))?,
        replaces_id: r.try_get("replaces_id")?,
        status_reason: r.try_get("status_reason")?,
        check_in_code: r.try_get("check_in_code")?,
    })
}

fn not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        entity: "đại biểu",
        key: id.to_string(),
    }
}

async fn delegate_in(conn: &mut AnyConnection, id: i64) -> Result<Option<Delegate>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} {FROM} WHERE d.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(delegate_from_row).transpose()
}

/// A fresh check-in code not yet used by any delegate: 40 bits from the operating system's
/// CSPRNG. A clash is checked for (and another code drawn), though at 2⁻⁴⁰ per pair it should
/// never happen; the column's UNIQUE constraint is the last guard.
async fn fresh_code(conn: &mut AnyConnection) -> Result<String, StoreError> {
    for _ in 0..8 {
        let mut bytes = [0u8; CHECK_IN_CODE_BYTES];
        getrandom::fill(&mut bytes).map_err(|e| {
            StoreError::Invalid(format!(
                "không lấy được số ngẫu nhiên của hệ điều hành: {e}"
            ))
        })?;
        let code = check_in_code(bytes);
        let taken: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM delegate WHERE check_in_code = $1")
                .bind(&code)
                .fetch_one(&mut *conn)
                .await?;
        if taken == 0 {
            return Ok(code);
        }
    }
    Err(StoreError::Invalid(
        "không tạo được mã điểm danh chưa dùng".to_owned(),
    ))
}

/// Checks the facts the table cannot: an elected delegate or alternate belongs to an
/// organization, an alternate has a rank and only an alternate has one.
fn check_new(new: &NewDelegate) -> Result<(), StoreError> {
    if new.kind != DelegateKind::ExOfficio && new.organization_id.is_none() {
        return Err(StoreError::Invalid(format!(
            "{} cần thuộc một tổ chức",
            new.kind.label()
        )));
    }
    match (new.kind, new.alternate_rank) {
        (DelegateKind::Alternate, None) => Err(StoreError::Invalid(
            "đại biểu dự khuyết cần có thứ tự".to_owned(),
        )),
        (DelegateKind::Alternate, Some(r)) if r < 1 => {
            Err(StoreError::Invalid("thứ tự dự khuyết phải từ 1".to_owned()))
        }
        (DelegateKind::Alternate, Some(_)) => Ok(()),
        (_, Some(_)) => Err(StoreError::Invalid(
            "chỉ đại biểu dự khuyết mới có thứ tự".to_owned(),
        )),
        (_, None) => Ok(()),
    }
}

/// Writes the allocation rows of congress `congress_id` (the caller removed the old ones); a
/// reason is kept only where the seats differ from the proposal.
pub(crate) async fn insert_allocation_in(
    conn: &mut AnyConnection,
    congress_id: i64,
    rows: &[AllocationRow],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    for r in rows {
        sqlx::query(
            "INSERT INTO delegate_allocation \
                 (congress_id, organization_id, members, proposed, seats, reason, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(congress_id)
        .bind(r.organization_id)
        .bind(r.members)
        .bind(r.proposed)
        .bind(r.seats)
        .bind(r.reason.as_deref().filter(|_| r.seats != r.proposed))
        .bind(to_micros(now))
        .execute(&mut *conn)
        .await
        .map_err(|e| {
            if crate::error::is_foreign_key_violation(&e) {
                StoreError::NotFound {
                    entity: "đại hội hoặc tổ chức",
                    key: format!("{congress_id}/{}", r.organization_id),
                }
            } else {
                e.into()
            }
        })?;
    }
    Ok(())
}

pub(crate) async fn insert_delegate_in(
    conn: &mut AnyConnection,
    congress_id: i64,
    new: &NewDelegate,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    check_new(new)?;
    let code = fresh_code(conn).await?;
    sqlx::query_scalar(
        "INSERT INTO delegate (congress_id, kind, person_id, full_name, name_folded, sex, birth, \
                               organization_id, alternate_rank, votes, status, check_in_code, \
                               created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
    )
    .bind(congress_id)
    .bind(new.kind.as_str())
    .bind(new.person_id)
    .bind(&new.full_name)
    .bind(fold(&new.full_name))
    .bind(new.sex.map(Sex::as_str))
    .bind(new.birth.map(BirthDate::to_stored))
    .bind(new.organization_id)
    .bind(new.alternate_rank)
    .bind(new.votes)
    .bind(DelegateStatus::initial(new.kind).as_str())
    .bind(&code)
    .bind(to_micros(now))
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| {
        if crate::error::is_foreign_key_violation(&e) {
            StoreError::NotFound {
                entity: "đại hội, tổ chức hoặc người",
                key: format!(
                    "{congress_id}/{}/{}",
                    new.organization_id.unwrap_or_default(),
                    new.person_id.unwrap_or_default()
                ),
            }
        } else {
            e.into()
        }
    })
}

fn audit_detail(new: &NewDelegate) -> serde_json::Value {
    json!({
        "kind": new.kind.as_str(), "full_name": new.full_name,
        "organization_id": new.organization_id, "person_id": new.person_id,
        "alternate_rank": new.alternate_rank, "votes": new.votes,
    })
}

/// Orders delegates as every list and document shows them: by the delegation's organization
/// code (without case; none first), then in Vietnamese name order, then by id.
pub fn sort_delegates(delegates: &mut [Delegate]) {
    delegates.sort_by(|a, b| {
        let code = |d: &Delegate| d.organization_code.as_deref().map(str::to_lowercase);
        code(a)
            .cmp(&code(b))
            .then_with(|| compare_person_names(&a.full_name, &b.full_name))
            .then(a.id.cmp(&b.id))
    });
}

impl Store {
    /// Đại biểu — one delegate by id.
    pub async fn delegate(&self, id: i64) -> Result<Option<Delegate>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        delegate_in(&mut conn, id).await
    }

    /// Danh sách đại biểu — every delegate and alternate of congress `congress_id`, whatever
    /// their status, ordered by [`sort_delegates`].
    pub async fn delegates_of(&self, congress_id: i64) -> Result<Vec<Delegate>, StoreError> {
        let rows = sqlx::query(&format!("SELECT {COLUMNS} {FROM} WHERE d.congress_id = $1"))
            .bind(congress_id)
            .fetch_all(self.pool())
            .await?;
        let mut delegates: Vec<Delegate> = rows
            .iter()
            .map(delegate_from_row)
            .collect::<Result<_, _>>()?;
        sort_delegates(&mut delegates);
        Ok(delegates)
    }

    /// Số đại biểu đương nhiên — how many ex-officio delegates congress `congress_id` has.
    pub async fn count_ex_officio(&self, congress_id: i64) -> Result<u32, StoreError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM delegate WHERE congress_id = $1 AND kind = 'ex_officio'",
        )
        .bind(congress_id)
        .fetch_one(self.pool())
        .await?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Thêm đại biểu — add one delegate to congress `congress_id` with a fresh check-in code.
    pub async fn add_delegate(
        &self,
        congress_id: i64,
        new: &NewDelegate,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Delegate, StoreError> {
        let mut tx = self.begin().await?;
        let id = insert_delegate_in(&mut tx, congress_id, new, now).await?;
        record(
            &mut tx,
            actor,
            now,
            "create",
            "delegate",
            Some(id),
            audit_detail(new),
        )
        .await?;
        let delegate = delegate_in(&mut tx, id)
            .await?
            .ok_or_else(|| not_found(id))?;
        tx.commit().await?;
        Ok(delegate)
    }

    /// Nhập kết quả bầu — add several delegates at once (the elected and alternates of one
    /// sub-organization's tally result): all or none, one audit row naming the source.
    pub async fn add_delegates(
        &self,
        congress_id: i64,
        new: &[NewDelegate],
        source: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Vec<Delegate>, StoreError> {
        let mut tx = self.begin().await?;
        let mut ids = Vec::with_capacity(new.len());
        for d in new {
            ids.push(insert_delegate_in(&mut tx, congress_id, d, now).await?);
        }
        record(
            &mut tx,
            actor,
            now,
            "import_delegates",
            "congress",
            Some(congress_id),
            json!({"source": source, "count": new.len(), "ids": ids}),
        )
        .await?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(
                delegate_in(&mut tx, id)
                    .await?
                    .ok_or_else(|| not_found(id))?,
            );
        }
        tx.commit().await?;
        Ok(out)
    }

    /// Xoá đại biểu — remove a delegate entered by mistake, unless a replacement or the hall's
    /// attendance already refers to them (then nothing changes and the reason is returned).
    pub async fn remove_delegate(
        &self,
        id: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Removal, StoreError> {
        let mut tx = self.begin().await?;
        let delegate = delegate_in(&mut tx, id)
            .await?
            .ok_or_else(|| not_found(id))?;
        let referenced: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM delegate WHERE replaces_id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        if referenced > 0
            || delegate.replaces_id.is_some()
            || delegate.status == DelegateStatus::Replaced
        {
            return Ok(Removal::InReplacement);
        }
        let attended: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM attendance WHERE delegate_id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        if attended > 0 {
            return Ok(Removal::HasAttendance);
        }
        sqlx::query("DELETE FROM delegate WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            actor,
            now,
            "delete",
            "delegate",
            Some(id),
            json!({"congress_id": delegate.congress_id, "full_name": delegate.full_name,
                   "kind": delegate.kind.as_str()}),
        )
        .await?;
        tx.commit().await?;
        Ok(Removal::Removed)
    }

    /// Thay thế đại biểu — delegate `id` cannot attend (`reason`): mark them replaced and
    /// convene the next alternate of the same organization (the lowest rank still on standby),
    /// recording `replaces_id` and the reason, all in one transaction. When there is no such
    /// alternate, or the delegate is not convened or is ex officio, nothing changes and the
    /// outcome says why.
    pub async fn replace_delegate(
        &self,
        id: i64,
        reason: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Replacement, StoreError> {
        let mut tx = self.begin().await?;
        let delegate = delegate_in(&mut tx, id)
            .await?
            .ok_or_else(|| not_found(id))?;
        if delegate.kind == DelegateKind::ExOfficio {
            return Ok(Replacement::ExOfficio { delegate });
        }
        // The conditional update takes the row: a concurrent replacement of the same delegate
        // waits here and then finds it no longer convened.
        let marked = sqlx::query(
            "UPDATE delegate SET status = 'replaced', status_reason = $1, updated_at = $2 \
             WHERE id = $3 AND status = 'convened'",
        )
        .bind(reason)
        .bind(to_micros(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if marked.rows_affected() == 0 {
            let delegate = delegate_in(&mut tx, id)
                .await?
                .ok_or_else(|| not_found(id))?;
            return Ok(Replacement::NotConvened { delegate });
        }
        let Some(organization_id) = delegate.organization_id else {
            return Ok(Replacement::NoAlternateLeft { delegate });
        };
        let alternate_id = loop {
            let next: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM delegate \
                 WHERE congress_id = $1 AND organization_id = $2 AND kind = 'alternate' \
                   AND status = 'standby' \
                 ORDER BY alternate_rank, id LIMIT 1",
            )
            .bind(delegate.congress_id)
            .bind(organization_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(next) = next else {
                // Dropping the transaction rolls the mark back.
                return Ok(Replacement::NoAlternateLeft { delegate });
            };
            let called = sqlx::query(
                "UPDATE delegate SET status = 'convened', replaces_id = $1, status_reason = $2, \
                        updated_at = $3 \
                 WHERE id = $4 AND status = 'standby'",
            )
            .bind(id)
            .bind(reason)
            .bind(to_micros(now))
            .bind(next)
            .execute(&mut *tx)
            .await?;
            if called.rows_affected() == 1 {
                break next;
            }
        };
        record(
            &mut tx,
            actor,
            now,
            "replace",
            "delegate",
            Some(id),
            json!({"reason": reason, "alternate_id": alternate_id}),
        )
        .await?;
        let replaced = delegate_in(&mut tx, id)
            .await?
            .ok_or_else(|| not_found(id))?;
        let alternate = delegate_in(&mut tx, alternate_id)
            .await?
            .ok_or_else(|| not_found(alternate_id))?;
        tx.commit().await?;
        Ok(Replacement::Done {
            replaced: Box::new(replaced),
            alternate: Box::new(alternate),
        })
    }

    /// Phân bổ đã lưu — the saved allocation of congress `congress_id`, one row per
    /// sub-organization (none before the first save).
    pub async fn delegate_allocation(
        &self,
        congress_id: i64,
    ) -> Result<Vec<AllocationRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT organization_id, members, proposed, seats, reason FROM delegate_allocation \
             WHERE congress_id = $1 ORDER BY organization_id",
        )
        .bind(congress_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AllocationRow {
                    organization_id: r.try_get("organization_id")?,
                    members: r.try_get("members")?,
                    proposed: r.try_get("proposed")?,
                    seats: r.try_get("seats")?,
                    reason: r.try_get("reason")?,
                })
            })
            .collect()
    }

    /// Lưu phân bổ — replace the saved allocation of congress `congress_id` with `rows`, in one
    /// transaction with its audit row. A row whose seats differ from the proposal without a
    /// reason is refused (`Invalid`), and nothing is written.
    pub async fn save_delegate_allocation(
        &self,
        congress_id: i64,
        rows: &[AllocationRow],
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        for r in rows {
            let has_reason = r.reason.as_deref().is_some_and(|s| !s.trim().is_empty());
            if r.seats != r.proposed && !has_reason {
                return Err(StoreError::Invalid(format!(
                    "số đại biểu của tổ chức {} khác phương án mà không có lý do",
                    r.organization_id
                )));
            }
            if r.seats < 0 || r.proposed < 0 || r.members < 0 {
                return Err(StoreError::Invalid(format!(
                    "số âm trong phân bổ của tổ chức {}",
                    r.organization_id
                )));
            }
        }
        let mut tx = self.begin().await?;
        sqlx::query("DELETE FROM delegate_allocation WHERE congress_id = $1")
            .bind(congress_id)
            .execute(&mut *tx)
            .await?;
        insert_allocation_in(&mut tx, congress_id, rows, now).await?;
        let overrides: Vec<serde_json::Value> = rows
            .iter()
            .filter(|r| r.seats != r.proposed)
            .map(|r| {
                json!({"organization_id": r.organization_id, "proposed": r.proposed,
                            "seats": r.seats, "reason": r.reason})
            })
            .collect();
        record(
            &mut tx,
            actor,
            now,
            "save_allocation",
            "congress",
            Some(congress_id),
            json!({"organizations": rows.len(),
                   "seats": rows.iter().map(|r| r.seats).sum::<i64>(),
                   "overrides": overrides}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ghi lượt tải danh sách — writes to the audit log that `actor` downloaded `what`
    /// (`list_xlsx`, `list_pdf`, `cards_pdf`) of congress `congress_id` with `count` delegates
    /// (action `export_delegates`).
    pub async fn record_delegates_export(
        &self,
        actor: &Actor,
        congress_id: i64,
        what: &str,
        count: usize,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.record_event(
            actor,
            "export_delegates",
            "congress",
            Some(congress_id),
            json!({"what": what, "count": count}),
            now,
        )
        .await
    }
}
