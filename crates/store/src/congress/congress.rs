//! Đại hội — one congress of one organization for one term: its dates, pilot flag, status,
//! venue and settings; the lists and the progress facts of a subtree for a term.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

use daihoi_domain::congress::congress::{CongressFacts, CongressStatus, Term};
use daihoi_domain::congress::quorum::QuorumFraction;
use daihoi_domain::vn::fold::fold;

use super::organization::{Organization, organization_from_row, path_text, subtree_end};
use crate::audit::record;
use crate::time::{from_day, to_day, to_micros};
use crate::{Actor, Page, Store, StoreError, paging};

/// Đại hội — one congress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Congress {
    /// Row id.
    pub id: i64,
    /// The organization holding it.
    pub organization_id: i64,
    /// Nhiệm kỳ.
    #[serde(skip)]
    pub term: Term,
    /// Tên đại hội ("Đại hội Đảng bộ huyện Tân Uyên lần thứ XXII").
    pub name: String,
    /// Planned first and last day.
    pub planned: (Option<NaiveDate>, Option<NaiveDate>),
    /// Actual first and last day, once held.
    pub held: (Option<NaiveDate>, Option<NaiveDate>),
    /// Đại hội điểm.
    pub pilot: bool,
    /// Trạng thái.
    #[serde(skip)]
    pub status: CongressStatus,
    /// Địa điểm.
    pub venue: String,
    /// Số đại biểu được triệu tập, when it is a congress of delegates.
    pub delegates: Option<i64>,
    /// The quorum fraction (2/3 unless set).
    #[serde(skip)]
    pub quorum: QuorumFraction,
    /// Số ủy viên ban chấp hành to elect.
    pub committee_seats: Option<i64>,
}

impl Congress {
    /// The first day: held if known, else planned.
    pub fn first_day(&self) -> Option<NaiveDate> {
        self.held.0.or(self.planned.0)
    }
}

/// Thông tin đại hội — the editable fields of a congress (the status changes by
/// [`Store::set_congress_status`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CongressFields {
    /// Nhiệm kỳ.
    pub term: Term,
    /// Tên.
    pub name: String,
    /// Planned first and last day.
    pub planned: (Option<NaiveDate>, Option<NaiveDate>),
    /// Actual first and last day.
    pub held: (Option<NaiveDate>, Option<NaiveDate>),
    /// Đại hội điểm.
    pub pilot: bool,
    /// Địa điểm.
    pub venue: String,
    /// Số đại biểu được triệu tập.
    pub delegates: Option<i64>,
    /// Quorum fraction.
    pub quorum: QuorumFraction,
    /// Số ủy viên ban chấp hành.
    pub committee_seats: Option<i64>,
}

const COLUMNS: &str = "c.id, c.organization_id, c.term_start, c.term_end, c.name, \
     c.planned_start, c.planned_end, c.held_start, c.held_end, c.pilot, c.status, c.venue, \
     c.delegates, c.quorum_num, c.quorum_den, c.committee_seats";

fn day(r: &AnyRow, column: &str) -> Result<Option<NaiveDate>, StoreError> {
    r.try_get::<Option<i64>, _>(column)?
        .map(from_day)
        .transpose()
}

fn congress_from_row(r: &AnyRow) -> Result<Congress, StoreError> {
    congress_from_prefixed(r, "")
}

/// The congress columns aliased with a prefix (`c_id`, `c_name`, …), for a join whose other
/// table has columns of the same names.
fn prefixed_columns(prefix: &str) -> String {
    COLUMNS
        .split(", ")
        .map(|c| {
            let name = c.trim_start_matches("c.");
            format!("{c} AS {prefix}{name}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn congress_from_prefixed(r: &AnyRow, p: &str) -> Result<Congress, StoreError> {
    let col = |name: &str| format!("{p}{name}");
    let status: String = r.try_get(col("status").as_str())?;
    let term_start: i64 = r.try_get(col("term_start").as_str())?;
    let term_end: i64 = r.try_get(col("term_end").as_str())?;
    let num: i64 = r.try_get(col("quorum_num").as_str())?;
    let den: i64 = r.try_get(col("quorum_den").as_str())?;
    Ok(Congress {
        id: r.try_get(col("id").as_str())?,
        organization_id: r.try_get(col("organization_id").as_str())?,
        term: Term::new(term_start as i32, term_end as i32)
            .map_err(|_| StoreError::Corrupt(format!("nhiệm kỳ {term_start}–{term_end}")))?,
        name: r.try_get(col("name").as_str())?,
        planned: (day(r, &col("planned_start"))?, day(r, &col("planned_end"))?),
        held: (day(r, &col("held_start"))?, day(r, &col("held_end"))?),
        pilot: r.try_get::<i64, _>(col("pilot").as_str())? != 0,
        status: CongressStatus::from_stored(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("trạng thái đại hội «{status}»")))?,
        venue: r.try_get(col("venue").as_str())?,
        delegates: r.try_get(col("delegates").as_str())?,
        quorum: QuorumFraction::new(num as u32, den as u32)
            .map_err(|_| StoreError::Corrupt(format!("tỷ lệ {num}/{den}")))?,
        committee_seats: r.try_get(col("committee_seats").as_str())?,
    })
}

fn not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        entity: "đại hội",
        key: id.to_string(),
    }
}

/// Which organizations a progress read covers.
#[derive(Clone, Copy)]
enum Scope<'a> {
    /// Every one strictly below the organization whose path text is given.
    Below(&'a str),
    /// Those directly under the organization of this id.
    Children(i64),
}

/// Dòng tiến độ — one organization below the one asked about, with its congress of the term if
/// it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressRow {
    /// The organization.
    pub organization: Organization,
    /// Its congress of the term.
    pub congress: Option<Congress>,
}

impl ProgressRow {
    /// What the domain's progress count needs of this row; an organization without a congress
    /// of the term counts as one still to plan.
    pub fn facts(&self) -> CongressFacts {
        match &self.congress {
            Some(c) => CongressFacts {
                level: self.organization.level.clone(),
                status: c.status,
                planned_start: c.planned.0,
                held_start: c.held.0,
                pilot: c.pilot,
            },
            None => CongressFacts {
                level: self.organization.level.clone(),
                status: CongressStatus::Planned,
                planned_start: None,
                held_start: None,
                pilot: false,
            },
        }
    }
}

fn audit_detail(f: &CongressFields) -> serde_json::Value {
    json!({
        "term": f.term.to_string(), "name": f.name,
        "planned_start": f.planned.0.map(|d| d.to_string()),
        "held_start": f.held.0.map(|d| d.to_string()),
        "pilot": f.pilot, "venue": f.venue, "delegates": f.delegates,
        "committee_seats": f.committee_seats,
    })
}

impl Store {
    /// Đại hội gần nhất — of each organization in `organization_ids`, its congress of the latest
    /// term it has one for (organizations without a congress are left out).
    pub async fn latest_congresses_of(
        &self,
        organization_ids: &[i64],
    ) -> Result<Vec<Congress>, StoreError> {
        let mut found = Vec::new();
        // A bounded number of parameters per statement, whatever the number of organizations.
        for chunk in organization_ids.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT {COLUMNS} FROM congress c WHERE c.organization_id IN ({}) \
                 AND c.term_start = (SELECT MAX(l.term_start) FROM congress l \
                                     WHERE l.organization_id = c.organization_id)",
                marks.join(", ")
            );
            let mut query = sqlx::query(&sql);
            for id in chunk {
                query = query.bind(*id);
            }
            for row in query.fetch_all(self.pool()).await? {
                found.push(congress_from_row(&row)?);
            }
        }
        Ok(found)
    }

    /// Đại hội — one congress by id.
    pub async fn congress(&self, id: i64) -> Result<Option<Congress>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM congress c WHERE c.id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(congress_from_row).transpose()
    }

    /// Các đại hội của một tổ chức — its congresses, newest term first.
    pub async fn congresses_of(&self, organization_id: i64) -> Result<Vec<Congress>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM congress c WHERE c.organization_id = $1 \
             ORDER BY c.term_start DESC"
        ))
        .bind(organization_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(congress_from_row).collect()
    }

    /// Nhiệm kỳ đã có — the terms some congress of the subtree of `organization_id` belongs to,
    /// newest first.
    pub async fn terms_in_subtree(&self, organization_id: i64) -> Result<Vec<Term>, StoreError> {
        let Some(org) = self.organization(organization_id).await? else {
            return Err(StoreError::NotFound {
                entity: "tổ chức",
                key: organization_id.to_string(),
            });
        };
        let prefix = path_text(&org.path);
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT DISTINCT c.term_start, c.term_end FROM congress c \
             JOIN organization o ON o.id = c.organization_id \
             WHERE o.path >= $1 AND o.path < $2 ORDER BY c.term_start DESC",
        )
        .bind(&prefix)
        .bind(subtree_end(&prefix))
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|(s, e)| {
                Term::new(s as i32, e as i32)
                    .map_err(|_| StoreError::Corrupt(format!("nhiệm kỳ {s}–{e}")))
            })
            .collect()
    }

    /// Tìm đại hội — congresses whose name or organization's name holds every folded word of
    /// `query`, newest term first, with their organization.
    pub async fn search_congresses(
        &self,
        query: &str,
        page: u32,
        per_page: u32,
    ) -> Result<Page<(Congress, Organization)>, StoreError> {
        let (page, per_page, offset) = paging(page, per_page);
        let patterns: Vec<String> = crate::search_terms(query)
            .iter()
            .map(|t| crate::search::like_pattern(t))
            .collect();
        let mut filter = String::from("1 = 1");
        for i in 0..patterns.len() {
            filter.push_str(&format!(
                " AND (c.name_folded LIKE ${n} ESCAPE '\\' OR o.name_folded LIKE ${n} ESCAPE '\\')",
                n = i + 1
            ));
        }
        let count_sql = format!(
            "SELECT COUNT(*) FROM congress c JOIN organization o ON o.id = c.organization_id \
             WHERE {filter}"
        );
        let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
        for p in &patterns {
            count = count.bind(p);
        }
        let total = count.fetch_one(self.pool()).await?;
        let list_sql = format!(
            "SELECT {}, o.id, o.code, o.name, o.level, o.members, o.parent_id, o.path, \
                    o.closed_at \
             FROM congress c JOIN organization o ON o.id = c.organization_id \
             WHERE {filter} ORDER BY c.term_start DESC, o.depth, o.code_key \
             LIMIT {per_page} OFFSET {offset}",
            prefixed_columns("c_")
        );
        let mut list = sqlx::query(&list_sql);
        for p in &patterns {
            list = list.bind(p);
        }
        let rows = list.fetch_all(self.pool()).await?;
        let mut items = Vec::with_capacity(rows.len());
        for r in &rows {
            items.push((congress_from_prefixed(r, "c_")?, organization_from_row(r)?));
        }
        Ok(Page {
            items,
            total: total.max(0) as u64,
            page,
            per_page,
        })
    }

    /// Tiến độ đại hội — every open organization strictly below `organization_id` (parents
    /// before children) with its congress of the term starting `term_start`, if any, in one
    /// range scan. The dashboard reads the lean [`Store::progress_facts`] and
    /// [`Store::progress_children`] instead.
    pub async fn progress_rows(
        &self,
        organization_id: i64,
        term_start: i32,
    ) -> Result<Vec<ProgressRow>, StoreError> {
        let prefix = self.subtree_prefix(organization_id).await?;
        self.progress_rows_where(Scope::Below(&prefix), term_start)
            .await
    }

    /// Tổ chức trực thuộc và đại hội — the open organizations directly under
    /// `organization_id`, by code, with their congress of the term starting `term_start`.
    pub async fn progress_children(
        &self,
        organization_id: i64,
        term_start: i32,
    ) -> Result<Vec<ProgressRow>, StoreError> {
        self.progress_rows_where(Scope::Children(organization_id), term_start)
            .await
    }

    /// Số liệu tiến độ — only what the domain's count needs (level, status, planned and held
    /// first day, pilot) of every open organization strictly below `organization_id`, in tree
    /// order: five columns a row, so a province of 10.000 organizations is counted quickly.
    pub async fn progress_facts(
        &self,
        organization_id: i64,
        term_start: i32,
    ) -> Result<Vec<CongressFacts>, StoreError> {
        let prefix = self.subtree_prefix(organization_id).await?;
        let rows = sqlx::query(
            "SELECT o.level, c.status, c.planned_start, c.held_start, c.pilot \
             FROM organization o \
             LEFT JOIN congress c ON c.organization_id = o.id AND c.term_start = $3 \
             WHERE o.path > $1 AND o.path < $2 AND o.closed_at IS NULL \
             ORDER BY o.depth, o.code_key",
        )
        .bind(&prefix)
        .bind(subtree_end(&prefix))
        .bind(i64::from(term_start))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let status: Option<String> = r.try_get("status")?;
                let status = match status {
                    Some(s) => CongressStatus::from_stored(&s)
                        .ok_or_else(|| StoreError::Corrupt(format!("trạng thái đại hội «{s}»")))?,
                    None => CongressStatus::Planned,
                };
                Ok(CongressFacts {
                    level: r.try_get("level")?,
                    status,
                    planned_start: day(r, "planned_start")?,
                    held_start: day(r, "held_start")?,
                    pilot: r.try_get::<Option<i64>, _>("pilot")?.unwrap_or(0) != 0,
                })
            })
            .collect()
    }

    async fn subtree_prefix(&self, organization_id: i64) -> Result<String, StoreError> {
        match self.organization(organization_id).await? {
            Some(org) => Ok(path_text(&org.path)),
            None => Err(StoreError::NotFound {
                entity: "tổ chức",
                key: organization_id.to_string(),
            }),
        }
    }

    async fn progress_rows_where(
        &self,
        scope: Scope<'_>,
        term_start: i32,
    ) -> Result<Vec<ProgressRow>, StoreError> {
        let filter = match scope {
            Scope::Below(_) => "o.path > $2 AND o.path < $3",
            Scope::Children(_) => "o.parent_id = $2",
        };
        let sql = format!(
            "SELECT o.id, o.code, o.name, o.level, o.members, o.parent_id, o.path, o.closed_at, \
                    {} \
             FROM organization o \
             LEFT JOIN congress c ON c.organization_id = o.id AND c.term_start = $1 \
             WHERE {filter} AND o.closed_at IS NULL \
             ORDER BY o.depth, o.code_key",
            prefixed_columns("c_")
        );
        let query = sqlx::query(&sql).bind(i64::from(term_start));
        let query = match scope {
            Scope::Below(prefix) => query.bind(prefix.to_owned()).bind(subtree_end(prefix)),
            Scope::Children(id) => query.bind(id),
        };
        let rows = query.fetch_all(self.pool()).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let organization = organization_from_row(r)?;
            let congress = match r.try_get::<Option<i64>, _>("c_id")? {
                Some(_) => Some(congress_from_prefixed(r, "c_")?),
                None => None,
            };
            out.push(ProgressRow {
                organization,
                congress,
            });
        }
        Ok(out)
    }

    /// Tạo đại hội — plan a congress of `organization_id` (status "planned"); a second congress
    /// of the same organization and term is `Conflict(Constraint::CongressTerm)`.
    pub async fn create_congress(
        &self,
        organization_id: i64,
        fields: &CongressFields,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Congress, StoreError> {
        let mut tx = self.begin().await?;
        let id = insert_congress_in(
            &mut tx,
            organization_id,
            fields,
            CongressStatus::Planned,
            now,
        )
        .await?;
        record(
            &mut tx,
            actor,
            now,
            "create",
            "congress",
            Some(id),
            audit_detail(fields),
        )
        .await?;
        tx.commit().await?;
        self.congress(id).await?.ok_or_else(|| not_found(id))
    }

    /// Sửa đại hội — replace the editable fields of congress `id`.
    pub async fn update_congress(
        &self,
        id: i64,
        fields: &CongressFields,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Congress, StoreError> {
        let mut tx = self.begin().await?;
        let done = sqlx::query(
            "UPDATE congress SET term_start = $1, term_end = $2, name = $3, name_folded = $4, \
                    planned_start = $5, planned_end = $6, held_start = $7, held_end = $8, \
                    pilot = $9, venue = $10, delegates = $11, quorum_num = $12, quorum_den = $13, \
                    committee_seats = $14, updated_at = $15 \
             WHERE id = $16",
        )
        .bind(i64::from(fields.term.start_year))
        .bind(i64::from(fields.term.end_year))
        .bind(&fields.name)
        .bind(fold(&fields.name))
        .bind(fields.planned.0.map(to_day))
        .bind(fields.planned.1.map(to_day))
        .bind(fields.held.0.map(to_day))
        .bind(fields.held.1.map(to_day))
        .bind(i64::from(fields.pilot))
        .bind(&fields.venue)
        .bind(fields.delegates)
        .bind(i64::from(fields.quorum.numerator()))
        .bind(i64::from(fields.quorum.denominator()))
        .bind(fields.committee_seats)
        .bind(to_micros(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(not_found(id));
        }
        record(
            &mut tx,
            actor,
            now,
            "update",
            "congress",
            Some(id),
            audit_detail(fields),
        )
        .await?;
        tx.commit().await?;
        self.congress(id).await?.ok_or_else(|| not_found(id))
    }

    /// Chuyển trạng thái — move congress `id` to `to`, if the domain allows the step from its
    /// current status (`Invalid` with the domain's words otherwise).
    pub async fn set_congress_status(
        &self,
        id: i64,
        to: CongressStatus,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Congress, StoreError> {
        let mut tx = self.begin().await?;
        let status: Option<String> =
            sqlx::query_scalar("SELECT status FROM congress WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let from = status
            .as_deref()
            .map(|s| {
                CongressStatus::from_stored(s)
                    .ok_or_else(|| StoreError::Corrupt(format!("trạng thái đại hội «{s}»")))
            })
            .transpose()?
            .ok_or_else(|| not_found(id))?;
        from.check_change(to)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        sqlx::query("UPDATE congress SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(to.as_str())
            .bind(to_micros(now))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            actor,
            now,
            "set_status",
            "congress",
            Some(id),
            json!({"from": from.as_str(), "to": to.as_str()}),
        )
        .await?;
        tx.commit().await?;
        self.congress(id).await?.ok_or_else(|| not_found(id))
    }
}

/// Insert one congress on the caller's transaction; returns its id.
pub(crate) async fn insert_congress_in(
    conn: &mut sqlx::AnyConnection,
    organization_id: i64,
    fields: &CongressFields,
    status: CongressStatus,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    sqlx::query_scalar(
        "INSERT INTO congress (organization_id, term_start, term_end, name, name_folded, \
                               planned_start, planned_end, held_start, held_end, pilot, status, \
                               venue, delegates, quorum_num, quorum_den, committee_seats, \
                               created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17) \
         RETURNING id",
    )
    .bind(organization_id)
    .bind(i64::from(fields.term.start_year))
    .bind(i64::from(fields.term.end_year))
    .bind(&fields.name)
    .bind(fold(&fields.name))
    .bind(fields.planned.0.map(to_day))
    .bind(fields.planned.1.map(to_day))
    .bind(fields.held.0.map(to_day))
    .bind(fields.held.1.map(to_day))
    .bind(i64::from(fields.pilot))
    .bind(status.as_str())
    .bind(&fields.venue)
    .bind(fields.delegates)
    .bind(i64::from(fields.quorum.numerator()))
    .bind(i64::from(fields.quorum.denominator()))
    .bind(fields.committee_seats)
    .bind(to_micros(now))
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| {
        if crate::error::is_foreign_key_violation(&e) {
            StoreError::NotFound {
                entity: "tổ chức",
                key: organization_id.to_string(),
            }
        } else {
            e.into()
        }
    })
}

impl Store {
    /// Bài viết về đại hội — published articles that name congress `id`, newest first (at most
    /// `limit`).
    pub async fn articles_of_congress(
        &self,
        id: i64,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<crate::ArticleSummary>, StoreError> {
        let rows = sqlx::query(&format!(
            "{} WHERE a.congress_id = $1 AND a.status = 'published' AND a.published_at <= $2 \
             ORDER BY a.published_at DESC, a.id DESC LIMIT $3",
            crate::article::SUMMARY_SELECT
        ))
        .bind(id)
        .bind(to_micros(now))
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(crate::article::summary_from_row).collect()
    }

    /// Đại hội để chọn — congresses an article may name: those of organizations with
    /// sub-organizations (the congresses the portal reports on), newest term first, then by
    /// tree order; at most `limit`.
    pub async fn congresses_to_name(
        &self,
        limit: u32,
    ) -> Result<Vec<(Congress, Organization)>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {}, o.id, o.code, o.name, o.level, o.members, o.parent_id, o.path, \
                    o.closed_at \
             FROM congress c JOIN organization o ON o.id = c.organization_id \
             WHERE EXISTS (SELECT 1 FROM organization k WHERE k.parent_id = o.id) \
             ORDER BY c.term_start DESC, o.depth, o.code_key LIMIT $1",
            prefixed_columns("c_")
        ))
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok((congress_from_prefixed(r, "c_")?, organization_from_row(r)?)))
            .collect()
    }
}
