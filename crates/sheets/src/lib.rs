//! # daihoi-sheets
//!
//! Bảng tính — the one reader and writer of tabular files in daihoi: the lists of organizations
//! and people that secretariats keep in Excel come in and go out here, as XLSX or CSV.
//!
//! - [`read_table`] reads the bytes of a file into a [`Table`] of text cells, refusing what is
//!   not a spreadsheet, too large, or hostile (decision 0010 lists the limits and why).
//! - [`lists`] turns a table into the domain's checked rows ([`lists::organizations`],
//!   [`lists::people`]) and plans an import against what is stored
//!   ([`lists::plan_organizations`], [`lists::plan_people`]); every problem of a file is
//!   reported, each naming its row and column ([`Report`], [`Problem`]).
//! - [`write`] makes the two templates and the exports of both lists, as XLSX and CSV.
//!
//! Pure: bytes in, bytes or values out; no file, no clock (the caller passes `today`), no
//! database. The field rules and their messages are the domain's
//! (`daihoi_domain::congress::{organization, person}`); the planning rules too
//! (`daihoi_domain::congress::import`).

mod error;
pub mod lists;
mod read;
mod report;
mod table;
pub mod write;

pub use error::SheetError;
pub use read::read_table;
pub use report::{PROBLEMS_MAX, Problem, Report};
pub use table::{Column, Row, Table, column_letter};

/// Largest file read: 16 MiB (the "20 MB file" is refused). A list of 100.000 people as
/// CSV takes about 10 MB.
pub const FILE_MAX_BYTES: usize = 16 * 1024 * 1024;

/// Most data rows read (the header row aside): larger lists are split into several files.
pub const ROWS_MAX: usize = 100_000;

/// Most columns: a value in a column past the 64th (BL) refuses the file.
pub const COLUMNS_MAX: usize = 64;

/// Longest cell, in characters; the fields' own limits (all shorter) come from the domain.
pub const CELL_MAX_CHARS: usize = 1_000;

/// Largest total the parts of an XLSX may unpack to, in bytes.
pub const UNCOMPRESSED_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Largest ratio of unpacked parts to the file's size: ordinary workbooks unpack to 5–20 times
/// their size; a "zip bomb" to thousands.
pub const UNCOMPRESSED_RATIO_MAX: u64 = 100;
