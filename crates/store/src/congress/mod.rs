//! Đại hội — the congress workspace's tables: organizations (a tree kept with materialized paths),
//! people on their rolls, congresses per term, the workspace roles granted to accounts, and the
//! delegates of a congress with the allocation of its seats.

#[allow(clippy::module_inception)]
pub mod congress;
pub mod delegate;
pub mod grant;
pub mod organization;
pub mod person;
