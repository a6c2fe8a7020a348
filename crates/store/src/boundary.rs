//! Bản đồ ranh giới — the units of the boundary map, each linked to the organization of the
//! congress workspace it stands for (`daihoi import boundaries`, decision 0016).
//!
//! An import replaces the whole map in one transaction: every organization a unit names is
//! looked up inside it, and one that is missing or ambiguous refuses the whole file, naming the
//! unit's position; nothing is changed then. The rings are kept as the domain writes them
//! (`daihoi_domain::map::rings_to_json`); drawing is the caller's.

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::{AnyConnection, Row};

use daihoi_domain::congress::organization::code_key;
use daihoi_domain::map::OrganizationRef;

use crate::audit::record;
use crate::congress::organization::{COLUMNS as ORGANIZATION_COLUMNS, organization_from_row};
use crate::settings::set_setting_in;
use crate::time::to_micros;
use crate::{Actor, Congress, Organization, Store, StoreError};

/// Đơn vị mới — one unit to store, as read from the file.
#[derive(Debug, Clone, PartialEq)]
pub struct NewBoundaryUnit {
    /// Tên đơn vị.
    pub name: String,
    /// Mã đơn vị hành chính (may be empty).
    pub code: String,
    /// The organization it stands for, by code or name, if any.
    pub organization: Option<OrganizationRef>,
    /// Its rings as JSON text.
    pub rings: String,
}

/// Bản đồ mới — a whole map to store: its title and the attribution its data's licence asks
/// for (both shown on the map page, kept as the settings [`SETTING_BOUNDARY_TITLE`] and
/// [`SETTING_BOUNDARY_ATTRIBUTION`]), and its units in drawing order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewBoundaryMap {
    /// Tiêu đề ("Bản đồ các huyện tỉnh Lai Châu năm 2020"), may be empty.
    pub title: String,
    /// Ghi nguồn, may be empty.
    pub attribution: String,
    /// Units.
    pub units: Vec<NewBoundaryUnit>,
}

/// Key of the imported map's title.
pub const SETTING_BOUNDARY_TITLE: &str = "boundary_title";
/// Key of the imported map's attribution.
pub const SETTING_BOUNDARY_ATTRIBUTION: &str = "boundary_attribution";

/// Không khớp tổ chức — a unit whose organization could not be found (`matches` 0) or is not
/// one (`matches` > 1: several open organizations have that name). `position` counts from 1
/// in the order given, as the file's features do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmatchedUnit {
    /// The unit's position (1-based).
    pub position: usize,
    /// How many organizations matched.
    pub matches: usize,
}

/// Kết quả nhập ranh giới — what an import stored: units, and of them those linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoundaryCounts {
    /// Units stored.
    pub units: usize,
    /// Units linked to an organization.
    pub linked: usize,
    /// Units the map held before, now replaced.
    pub replaced: usize,
}

/// Một đơn vị đã lưu — a stored unit with the organization it stands for and that
/// organization's congress of its latest term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundaryRow {
    /// Position on the map (drawing order), from 1.
    pub position: i64,
    /// Tên đơn vị.
    pub name: String,
    /// Mã đơn vị hành chính.
    pub code: String,
    /// Its rings as JSON text.
    pub rings: String,
    /// The organization, if linked.
    pub organization: Option<Organization>,
    /// The organization's latest congress, if it has one.
    pub congress: Option<Congress>,
}

/// Dấu bản đồ — a few figures of the stored units that every import moves: how many there are,
/// the highest row id and the latest import time (every row of an import is written with the
/// import's time). Two equal stamps mean the same units, links and title; the portal redraws
/// what it keeps of the map only when the stamp moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BoundaryStamp {
    /// Units stored (0: no map imported).
    pub units: i64,
    /// The highest row id (0 with none).
    pub max_id: i64,
    /// The latest import time, as stored (microseconds; 0 with none).
    pub last_import: i64,
}

impl Store {
    /// Dấu bản đồ — the [`BoundaryStamp`] now: one read of the (small) unit table's id and time.
    pub async fn boundary_stamp(&self) -> Result<BoundaryStamp, StoreError> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS units, COALESCE(MAX(id), 0) AS max_id, \
                    COALESCE(MAX(created_at), 0) AS last_import \
             FROM boundary_unit",
        )
        .fetch_one(self.pool())
        .await?;
        Ok(BoundaryStamp {
            units: row.try_get("units")?,
            max_id: row.try_get("max_id")?,
            last_import: row.try_get("last_import")?,
        })
    }

    /// Nhập bản đồ ranh giới — replaces every unit of the map by `map`'s, and its title and
    /// attribution, in one transaction with the audit rows. `Ok(Err(unmatched))` when a unit's organization is missing or ambiguous:
    /// then nothing was changed.
    pub async fn import_boundaries(
        &self,
        map: &NewBoundaryMap,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Result<BoundaryCounts, UnmatchedUnit>, StoreError> {
        let mut tx = self.begin().await?;
        let counts = match import_boundaries_in(&mut tx, map, actor, now).await? {
            Ok(counts) => counts,
            Err(unmatched) => return Ok(Err(unmatched)),
        };
        tx.commit().await?;
        Ok(Ok(counts))
    }

    /// Kiểm tra bản đồ — what [`Store::import_boundaries`] would do, done and rolled back: the
    /// counts, or the unit whose organization is missing or ambiguous. Nothing is kept.
    pub async fn check_boundaries(
        &self,
        map: &NewBoundaryMap,
    ) -> Result<Result<BoundaryCounts, UnmatchedUnit>, StoreError> {
        let mut tx = self.begin().await?;
        let outcome =
            import_boundaries_in(&mut tx, map, &Actor::System, DateTime::UNIX_EPOCH).await?;
        tx.rollback().await?;
        Ok(outcome)
    }

    /// Bản đồ ranh giới — every stored unit in drawing order, with its organization and that
    /// organization's latest congress. Empty when no map was imported.
    pub async fn boundary_rows(&self) -> Result<Vec<BoundaryRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT position, name, code, organization_id, rings FROM boundary_unit \
             ORDER BY position",
        )
        .fetch_all(self.pool())
        .await?;
        let mut units = Vec::with_capacity(rows.len());
        let mut ids = Vec::new();
        for row in &rows {
            let organization_id: Option<i64> = row.try_get("organization_id")?;
            ids.extend(organization_id);
            units.push((
                row.try_get::<i64, _>("position")?,
                row.try_get::<String, _>("name")?,
                row.try_get::<String, _>("code")?,
                row.try_get::<String, _>("rings")?,
                organization_id,
            ));
        }
        ids.sort_unstable();
        ids.dedup();
        let organizations = self.organizations_by_ids(&ids).await?;
        let congresses = self.latest_congresses_of(&ids).await?;
        Ok(units
            .into_iter()
            .map(
                |(position, name, code, rings, organization_id)| BoundaryRow {
                    position,
                    name,
                    code,
                    rings,
                    organization: organization_id
                        .and_then(|id| organizations.iter().find(|o| o.id == id).cloned()),
                    congress: organization_id.and_then(|id| {
                        congresses.iter().find(|c| c.organization_id == id).cloned()
                    }),
                },
            )
            .collect())
    }

    /// Tổ chức theo danh sách — the organizations of these ids (unknown ids are left out).
    async fn organizations_by_ids(&self, ids: &[i64]) -> Result<Vec<Organization>, StoreError> {
        let mut found = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT {ORGANIZATION_COLUMNS} FROM organization WHERE id IN ({})",
                marks.join(", ")
            );
            let mut query = sqlx::query(&sql);
            for id in chunk {
                query = query.bind(*id);
            }
            for row in query.fetch_all(self.pool()).await? {
                found.push(organization_from_row(&row)?);
            }
        }
        Ok(found)
    }
}

/// [`Store::import_boundaries`] on the caller's transaction (the demo loads its map with the rest
/// of the demo). On `Ok(Err(_))` nothing was written by it.
pub(crate) async fn import_boundaries_in(
    tx: &mut AnyConnection,
    map: &NewBoundaryMap,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Result<BoundaryCounts, UnmatchedUnit>, StoreError> {
    let units = &map.units;
    let mut linked_ids = Vec::with_capacity(units.len());
    for (i, unit) in units.iter().enumerate() {
        let id = match &unit.organization {
            None => None,
            Some(reference) => {
                let ids = organization_ids(&mut *tx, reference).await?;
                if ids.len() != 1 {
                    return Ok(Err(UnmatchedUnit {
                        position: i + 1,
                        matches: ids.len(),
                    }));
                }
                Some(ids[0])
            }
        };
        linked_ids.push(id);
    }
    let replaced: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM boundary_unit")
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM boundary_unit")
        .execute(&mut *tx)
        .await?;
    for (i, (unit, organization_id)) in units.iter().zip(&linked_ids).enumerate() {
        sqlx::query(
            "INSERT INTO boundary_unit (position, name, code, organization_id, rings, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(i as i64 + 1)
        .bind(&unit.name)
        .bind(&unit.code)
        .bind(*organization_id)
        .bind(&unit.rings)
        .bind(to_micros(now))
        .execute(&mut *tx)
        .await?;
    }
    let counts = BoundaryCounts {
        units: units.len(),
        linked: linked_ids.iter().flatten().count(),
        replaced: replaced as usize,
    };
    record(
        tx,
        actor,
        now,
        "import",
        "boundary_map",
        None,
        json!({"units": counts.units, "linked": counts.linked, "replaced": counts.replaced}),
    )
    .await?;
    set_setting_in(tx, SETTING_BOUNDARY_TITLE, &map.title, actor, now).await?;
    set_setting_in(
        tx,
        SETTING_BOUNDARY_ATTRIBUTION,
        &map.attribution,
        actor,
        now,
    )
    .await?;
    Ok(Ok(counts))
}

/// The ids of the organizations a unit names: by code (without case, closed ones included, as
/// codes are unique), or by exact name among the open ones.
async fn organization_ids(
    conn: &mut AnyConnection,
    reference: &OrganizationRef,
) -> Result<Vec<i64>, StoreError> {
    let ids: Vec<i64> = match reference {
        OrganizationRef::Code(code) => {
            sqlx::query_scalar("SELECT id FROM organization WHERE code_key = $1")
                .bind(code_key(code))
                .fetch_all(&mut *conn)
                .await?
        }
        OrganizationRef::Name(name) => sqlx::query_scalar(
            "SELECT id FROM organization WHERE name = $1 AND closed_at IS NULL ORDER BY id LIMIT 2",
        )
        .bind(name)
        .fetch_all(&mut *conn)
        .await?,
    };
    Ok(ids)
}
