//! Tổ chức — the organizations tree: create, rename, move a subtree, close, and the reads the
//! workspace needs (one organization, its children, its subtree, a folded-name search).
//!
//! Each row keeps its `path`, the ids from the root each followed by `/` (`/1/10/100/`), so a
//! subtree is one index range and a move rewrites the paths of the moved rows in one statement.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use daihoi_domain::congress::organization::code_key;
use daihoi_domain::vn::fold::fold;

use crate::audit::record;
use crate::time::{from_micros_opt, to_micros};
use crate::{Actor, Page, Store, StoreError, paging};

/// Tổ chức — one organization of the tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Organization {
    /// Row id.
    pub id: i64,
    /// Mã — as typed (compared without case).
    pub code: String,
    /// Tên tổ chức.
    pub name: String,
    /// Cấp — the level's name.
    pub level: String,
    /// Số đảng viên.
    pub members: i64,
    /// The organization above, `None` for a root.
    pub parent_id: Option<i64>,
    /// Ids from the root down to this organization (inclusive).
    pub path: Vec<i64>,
    /// When it was closed (kept in history), if it was.
    pub closed_at: Option<DateTime<Utc>>,
}

impl Organization {
    /// Depth in the tree, the root being 1.
    pub fn depth(&self) -> usize {
        self.path.len()
    }

    /// Whether the organization is closed.
    pub fn is_closed(&self) -> bool {
        self.closed_at.is_some()
    }
}

/// Tổ chức mới — the checked fields of a new organization (see
/// `daihoi_domain::congress::organization` for the rules), its parent by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrganization {
    /// Mã.
    pub code: String,
    /// Tên.
    pub name: String,
    /// Cấp.
    pub level: String,
    /// Số đảng viên.
    pub members: i64,
    /// Cấp trên, `None` for a root.
    pub parent_id: Option<i64>,
}

/// Sửa tổ chức — the editable fields (the parent changes by [`Store::move_organization`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationUpdate {
    /// Mã.
    pub code: String,
    /// Tên.
    pub name: String,
    /// Cấp.
    pub level: String,
    /// Số đảng viên.
    pub members: i64,
}

pub(crate) const COLUMNS: &str = "id, code, name, level, members, parent_id, path, closed_at";

/// The stored path of ids: `/1/10/100/`.
pub(crate) fn path_text(ids: &[i64]) -> String {
    let mut text = String::from("/");
    for id in ids {
        text.push_str(&id.to_string());
        text.push('/');
    }
    text
}

/// The exclusive upper bound of the subtree range of `path` (`/1/10/` → `/1/100`): every path
/// below starts with `path`, whose last byte `/` sorts just before `0`.
pub(crate) fn subtree_end(path: &str) -> String {
    let mut end = path.trim_end_matches('/').to_owned();
    end.push('0');
    end
}

pub(crate) fn parse_path(text: &str) -> Result<Vec<i64>, StoreError> {
    text.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse()
                .map_err(|_| StoreError::Corrupt(format!("đường dẫn tổ chức «{text}»")))
        })
        .collect()
}

pub(crate) fn organization_from_row(r: &AnyRow) -> Result<Organization, StoreError> {
    let path: String = r.try_get("path")?;
    Ok(Organization {
        id: r.try_get("id")?,
        code: r.try_get("code")?,
        name: r.try_get("name")?,
        level: r.try_get("level")?,
        members: r.try_get("members")?,
        parent_id: r.try_get("parent_id")?,
        path: parse_path(&path)?,
        closed_at: from_micros_opt(r.try_get("closed_at")?)?,
    })
}

fn not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        entity: "tổ chức",
        key: id.to_string(),
    }
}

/// One organization by id, on the caller's connection.
pub(crate) async fn organization_in(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<Organization>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM organization WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(organization_from_row).transpose()
}

/// Insert one organization under an existing parent (or as a root) on the caller's transaction:
/// the row is inserted, then its path (which needs its id) is written.
pub(crate) async fn insert_organization_in(
    conn: &mut AnyConnection,
    new: &NewOrganization,
    now: DateTime<Utc>,
) -> Result<Organization, StoreError> {
    let parent_path = match new.parent_id {
        Some(parent_id) => {
            let parent = organization_in(conn, parent_id)
                .await?
                .ok_or_else(|| not_found(parent_id))?;
            if parent.is_closed() {
                return Err(StoreError::Invalid(format!(
                    "tổ chức cấp trên «{}» đã giải thể",
                    parent.code
                )));
            }
            parent.path
        }
        None => Vec::new(),
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO organization (code, code_key, name, name_folded, level, members, parent_id, \
                                   path, depth, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, '', $8, $9, $9) RETURNING id",
    )
    .bind(&new.code)
    .bind(code_key(&new.code))
    .bind(&new.name)
    .bind(fold(&new.name))
    .bind(&new.level)
    .bind(new.members)
    .bind(new.parent_id)
    .bind(parent_path.len() as i64 + 1)
    .bind(to_micros(now))
    .fetch_one(&mut *conn)
    .await?;
    let mut path = parent_path;
    path.push(id);
    sqlx::query("UPDATE organization SET path = $1 WHERE id = $2")
        .bind(path_text(&path))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(Organization {
        id,
        code: new.code.clone(),
        name: new.name.clone(),
        level: new.level.clone(),
        members: new.members,
        parent_id: new.parent_id,
        path,
        closed_at: None,
    })
}

/// Update the editable fields of one organization on the caller's transaction.
pub(crate) async fn update_organization_in(
    conn: &mut AnyConnection,
    id: i64,
    update: &OrganizationUpdate,
    now: DateTime<Utc>,
) -> Result<Organization, StoreError> {
    let row = sqlx::query(&format!(
        "UPDATE organization SET code = $1, code_key = $2, name = $3, name_folded = $4, \
                level = $5, members = $6, updated_at = $7 \
         WHERE id = $8 RETURNING {COLUMNS}"
    ))
    .bind(&update.code)
    .bind(code_key(&update.code))
    .bind(&update.name)
    .bind(fold(&update.name))
    .bind(&update.level)
    .bind(update.members)
    .bind(to_micros(now))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| not_found(id))?;
    organization_from_row(&row)
}

/// Move the subtree of `org` under `new_parent` (or to the root) on the caller's transaction,
/// after the domain's checks (no cycle, no closed parent, depth). Rewrites the path and depth
/// of every organization of the subtree in one statement.
pub(crate) async fn move_organization_in(
    conn: &mut AnyConnection,
    org: &Organization,
    new_parent: Option<&Organization>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let subtree_height: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(depth), 0) FROM organization WHERE path >= $1 AND path < $2",
    )
    .bind(path_text(&org.path))
    .bind(subtree_end(&path_text(&org.path)))
    .fetch_one(&mut *conn)
    .await?;
    let height = (subtree_height - org.depth() as i64 + 1).max(1) as usize;
    let parent_closed = new_parent.is_some_and(Organization::is_closed);
    if let Err(problem) = daihoi_domain::congress::tree::check_move(
        org.id,
        new_parent.map(|p| p.path.as_slice()),
        parent_closed,
        height,
    ) {
        return Err(StoreError::Invalid(problem.to_string()));
    }
    let old_prefix = path_text(&org.path);
    let mut new_path: Vec<i64> = new_parent.map(|p| p.path.clone()).unwrap_or_default();
    new_path.push(org.id);
    let new_prefix = path_text(&new_path);
    let depth_change = new_path.len() as i64 - org.depth() as i64;
    sqlx::query(
        "UPDATE organization SET path = $1 || substr(path, CAST($2 AS INTEGER)), depth = depth + $3, \
                updated_at = $4 \
         WHERE path >= $5 AND path < $6",
    )
    .bind(&new_prefix)
    .bind(old_prefix.len() as i64 + 1)
    .bind(depth_change)
    .bind(to_micros(now))
    .bind(&old_prefix)
    .bind(subtree_end(&old_prefix))
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE organization SET parent_id = $1 WHERE id = $2")
        .bind(new_parent.map(|p| p.id))
        .bind(org.id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// What a subtree list returns: open organizations only, or closed ones too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    /// Only organizations not closed.
    Exclude,
    /// Closed ones too (history, exports).
    Include,
}

impl Store {
    /// Tổ chức — one organization by id.
    pub async fn organization(&self, id: i64) -> Result<Option<Organization>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        organization_in(&mut conn, id).await
    }

    /// Tổ chức theo mã — one organization by code (without case).
    pub async fn organization_by_code(
        &self,
        code: &str,
    ) -> Result<Option<Organization>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM organization WHERE code_key = $1"
        ))
        .bind(code_key(code))
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(organization_from_row).transpose()
    }

    /// Tổ chức gốc — the organizations without a parent, by code.
    pub async fn organization_roots(&self) -> Result<Vec<Organization>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM organization WHERE parent_id IS NULL ORDER BY code_key"
        ))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(organization_from_row).collect()
    }

    /// Tổ chức trực thuộc — the organizations directly under `id`, by code.
    pub async fn organization_children(
        &self,
        id: i64,
        closed: Closed,
    ) -> Result<Vec<Organization>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM organization WHERE parent_id = $1 \
               AND ($2 = 1 OR closed_at IS NULL) ORDER BY code_key"
        ))
        .bind(id)
        .bind(i64::from(closed == Closed::Include))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(organization_from_row).collect()
    }

    /// Cây tổ chức — `id` and every organization below it, parents before children (by path).
    pub async fn organization_subtree(
        &self,
        id: i64,
        closed: Closed,
    ) -> Result<Vec<Organization>, StoreError> {
        let Some(root) = self.organization(id).await? else {
            return Err(not_found(id));
        };
        let prefix = path_text(&root.path);
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM organization WHERE path >= $1 AND path < $2 \
               AND ($3 = 1 OR closed_at IS NULL) ORDER BY depth, code_key"
        ))
        .bind(&prefix)
        .bind(subtree_end(&prefix))
        .bind(i64::from(closed == Closed::Include))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(organization_from_row).collect()
    }

    /// Every organization (for imports and exports), parents before children.
    pub async fn all_organizations(&self) -> Result<Vec<Organization>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM organization ORDER BY depth, code_key"
        ))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(organization_from_row).collect()
    }

    /// Tìm tổ chức — organizations whose name or code contains every folded word of `query`
    /// (an empty query lists all), open ones only, inside the subtree of `within` when given;
    /// by code.
    pub async fn search_organizations(
        &self,
        query: &str,
        within: Option<i64>,
        page: u32,
        per_page: u32,
    ) -> Result<Page<Organization>, StoreError> {
        let (page, per_page, offset) = paging(page, per_page);
        let (start, end) = match within {
            Some(id) => {
                let org = self.organization(id).await?.ok_or_else(|| not_found(id))?;
                let prefix = path_text(&org.path);
                let end = subtree_end(&prefix);
                (prefix, end)
            }
            None => ("/".to_owned(), "0".to_owned()),
        };
        let terms = crate::search_terms(query);
        let patterns: Vec<String> = terms
            .iter()
            .map(|t| crate::search::like_pattern(t))
            .collect();
        let mut filter = String::from("closed_at IS NULL AND path >= $1 AND path < $2");
        for i in 0..terms.len() {
            filter.push_str(&format!(
                " AND (name_folded LIKE ${n} ESCAPE '\\' OR lower(code) LIKE ${n} ESCAPE '\\')",
                n = i + 3
            ));
        }
        let count_sql = format!("SELECT COUNT(*) FROM organization WHERE {filter}");
        let mut count = sqlx::query_scalar::<_, i64>(&count_sql)
            .bind(&start)
            .bind(&end);
        for term in &patterns {
            count = count.bind(term);
        }
        let total = count.fetch_one(self.pool()).await?;
        let list_sql = format!(
            "SELECT {COLUMNS} FROM organization WHERE {filter} ORDER BY depth, code_key \
             LIMIT {per_page} OFFSET {offset}"
        );
        let mut list = sqlx::query(&list_sql).bind(&start).bind(&end);
        for term in &patterns {
            list = list.bind(term);
        }
        let rows = list.fetch_all(self.pool()).await?;
        Ok(Page {
            items: rows
                .iter()
                .map(organization_from_row)
                .collect::<Result<_, _>>()?,
            total: total.max(0) as u64,
            page,
            per_page,
        })
    }

    /// Thêm tổ chức — create one organization; a taken code is
    /// `Conflict(Constraint::OrganizationCode)`, a missing parent `NotFound`, a closed parent
    /// `Invalid`.
    pub async fn create_organization(
        &self,
        new: &NewOrganization,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Organization, StoreError> {
        let mut tx = self.begin().await?;
        let org = insert_organization_in(&mut tx, new, now).await?;
        record(
            &mut tx,
            actor,
            now,
            "create",
            "organization",
            Some(org.id),
            json!({"code": org.code, "name": org.name, "level": org.level,
                   "members": org.members, "parent_id": org.parent_id}),
        )
        .await?;
        tx.commit().await?;
        Ok(org)
    }

    /// Sửa tổ chức — rename, recode, change the level or the member count.
    pub async fn update_organization(
        &self,
        id: i64,
        update: &OrganizationUpdate,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Organization, StoreError> {
        let mut tx = self.begin().await?;
        let org = update_organization_in(&mut tx, id, update, now).await?;
        record(
            &mut tx,
            actor,
            now,
            "update",
            "organization",
            Some(id),
            json!({"code": org.code, "name": org.name, "level": org.level,
                   "members": org.members}),
        )
        .await?;
        tx.commit().await?;
        Ok(org)
    }

    /// Chuyển tổ chức — move the subtree of `id` under `new_parent` (or make it a root). Refused
    /// (`Invalid`) when the new parent is inside the subtree, closed, or the tree would grow too
    /// deep.
    pub async fn move_organization(
        &self,
        id: i64,
        new_parent: Option<i64>,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Organization, StoreError> {
        let mut tx = self.begin().await?;
        let org = organization_in(&mut tx, id)
            .await?
            .ok_or_else(|| not_found(id))?;
        let parent = match new_parent {
            Some(pid) => Some(
                organization_in(&mut tx, pid)
                    .await?
                    .ok_or_else(|| not_found(pid))?,
            ),
            None => None,
        };
        move_organization_in(&mut tx, &org, parent.as_ref(), now).await?;
        record(
            &mut tx,
            actor,
            now,
            "move",
            "organization",
            Some(id),
            json!({"from": org.parent_id, "to": new_parent}),
        )
        .await?;
        let moved = organization_in(&mut tx, id)
            .await?
            .ok_or_else(|| not_found(id))?;
        tx.commit().await?;
        Ok(moved)
    }

    /// Giải thể tổ chức — close `id` (kept in history) or reopen it. Closing is refused while an
    /// organization below it is still open.
    pub async fn set_organization_closed(
        &self,
        id: i64,
        closed: bool,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Organization, StoreError> {
        let mut tx = self.begin().await?;
        let org = organization_in(&mut tx, id)
            .await?
            .ok_or_else(|| not_found(id))?;
        if closed {
            let open_below: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM organization WHERE parent_id = $1 AND closed_at IS NULL",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            if open_below > 0 {
                return Err(StoreError::Invalid(format!(
                    "tổ chức «{}» còn {open_below} tổ chức trực thuộc chưa giải thể",
                    org.code
                )));
            }
        } else if let Some(parent_id) = org.parent_id {
            let parent = organization_in(&mut tx, parent_id)
                .await?
                .ok_or_else(|| not_found(parent_id))?;
            if parent.is_closed() {
                return Err(StoreError::Invalid(format!(
                    "tổ chức cấp trên «{}» đã giải thể",
                    parent.code
                )));
            }
        }
        sqlx::query("UPDATE organization SET closed_at = $1, updated_at = $2 WHERE id = $3")
            .bind(closed.then(|| to_micros(now)))
            .bind(to_micros(now))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            actor,
            now,
            if closed { "close" } else { "reopen" },
            "organization",
            Some(id),
            json!({"code": org.code}),
        )
        .await?;
        let org = organization_in(&mut tx, id)
            .await?
            .ok_or_else(|| not_found(id))?;
        tx.commit().await?;
        Ok(org)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subtree_is_one_byte_range() {
        let prefix = path_text(&[1, 10]);
        assert_eq!(prefix, "/1/10/");
        let end = subtree_end(&prefix);
        assert_eq!(end, "/1/100");
        for inside in ["/1/10/", "/1/10/100/", "/1/10/9/"] {
            assert!(
                inside >= prefix.as_str() && inside < end.as_str(),
                "{inside}"
            );
        }
        for outside in ["/1/100/", "/1/1/", "/1/", "/2/10/", "/1/101/"] {
            assert!(
                !(outside >= prefix.as_str() && outside < end.as_str()),
                "{outside}"
            );
        }
        assert_eq!(parse_path("/1/10/100/").unwrap(), vec![1, 10, 100]);
    }
}
