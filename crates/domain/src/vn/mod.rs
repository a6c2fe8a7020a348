//! Tiếng Việt — Vietnamese text conventions used everywhere in daihoi.
//!
//! - [`format`]: numbers (`62.883.393`), fixed two-decimal figures and percentages (`17,14%`),
//!   dates (`08/06/2020`, `ngày 08 tháng 6 năm 2020`) and times (`08/06/2020 14:05`).
//! - [`fold`]: NFC normalisation ([`nfc`]) and diacritic folding for search ([`fold()`]).
//! - [`slug`]: URL slugs without diacritics ([`slugify`]).
//! - [`collate`]: ICU `vi` collation ([`compare_vi`]) and Vietnamese person-name order
//!   ([`compare_person_names`], [`sort_person_names`]).
//!
//! Everything here is pure: no I/O and no clock reads.

pub mod collate;
pub mod fold;
pub mod format;
pub mod slug;

pub use collate::{PersonNameParts, compare_person_names, compare_vi, sort_person_names};
pub use fold::{fold, nfc};
pub use format::{
    format_date, format_date_long, format_datetime, format_hundredths, format_int,
    format_percent_hundredths, format_uint, percent_hundredths,
};
pub use slug::{SLUG_FALLBACK, SLUG_MAX_LEN, slugify};

/// Múi giờ mặc định — the default time zone of the product: Vietnam (UTC+7, no daylight saving).
///
/// Days, months and years of the visitor statistics and every displayed time use it unless the
/// deployment configures another one.
pub const DEFAULT_TIME_ZONE: chrono_tz::Tz = chrono_tz::Asia::Ho_Chi_Minh;
