//! Đại hội — the rules of the congress cycle: the tree of organizations, the people on their
//! rolls, the congresses they hold per term, the allocation of delegate seats, the quorum, ages
//! on the congress's first day and the structure targets of a personnel plan.
//!
//! Pure rules, as the rest of the crate: the store keeps the facts, the web words them; every
//! check, formula and message of the congress workspace has its home here.
//!
//! - [`field`] — the typed refusal of one field (`FieldError`), shared by forms and imports.
//! - [`organization`] — an organization's code, name, level and member count.
//! - [`person`] — a person's fields: name, sex, date of birth, ethnicity, party card number.
//! - [`tree`] — moving a subtree: no cycle, no closed parent, no deeper than the limit.
//! - [`congress`] — a congress's status and its steps, the term, overdue, the progress counts.
//! - [`allocation`] — delegate seats among sub-organizations (largest remainder, a minimum).
//! - [`delegate`] — delegates: kinds, statuses, check-in codes, tally import, seat warnings.
//! - [`quorum`] — how many of those convened must be present (2/3 by default).
//! - [`age`] — age on the first day, the age bands, the age limits of Chỉ thị 35.
//! - [`structure`] — structure targets, the slate's compliance and its make-up.
//! - [`import`] — planning the import of a file of organizations or people (nhập danh sách).

pub mod age;
pub mod allocation;
#[allow(clippy::module_inception)]
pub mod congress;
pub mod delegate;
pub mod field;
pub mod import;
pub mod import_scope;
pub mod organization;
pub mod person;
pub mod quorum;
pub mod structure;
pub mod tree;
