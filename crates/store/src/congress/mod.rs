//! Đại hội — the congress workspace's tables: organizations (a tree kept with materialized paths),
//! people on their rolls, congresses per term, the workspace roles granted to accounts, the
//! import of lists applied in one transaction, the delegates of a congress with the allocation
//! of its seats, attendance at the hall, and the personnel plan of a congress (its targets and
//! slate of candidates).

pub mod attendance;
#[allow(clippy::module_inception)]
pub mod congress;
pub mod delegate;
pub mod grant;
pub mod import;
pub mod organization;
pub mod person;
pub mod plan;
