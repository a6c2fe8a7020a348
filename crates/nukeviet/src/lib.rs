//! # daihoi-nukeviet
//!
//! Chuyển trang NukeViet — moving a NukeViet 4 portal onto daihoi (issue 9, decision 0012).
//!
//! - [`dump`] reads the text a `mysqldump` or phpMyAdmin export writes (CREATE TABLE, INSERT
//!   with MySQL string escapes, comments, `/*!…*/`, LOCK TABLES), streaming and size-limited,
//!   with no MySQL server; a dump cut off in the middle is refused.
//! - [`site`] reads the news module and counter tables (whatever the table prefix) in two
//!   passes — everything but the bodies ([`Outline`]), then the bodies one article at a time —
//!   and maps them to what daihoi stores: the category tree, the articles with their status as
//!   NukeViet shows it, ratings, the counter's buckets.
//! - [`address`] reads NukeViet's old public addresses (`/news/{cat}/{alias}-{id}.html`,
//!   `index.php?nv=news&op=…`) so the portal can answer them with `301`.
//!
//! Pure: no I/O beyond the reader it is given, no clock (callers pass `now`), no database.

pub mod address;
pub mod body;
pub mod dump;
pub mod site;

pub use dump::{DumpError, Limits, Value, read_dump};
pub use site::{Outline, Site, map_article, read_outline, read_site};
