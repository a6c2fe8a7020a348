//! Tệp văn bản — the PDF files attached to documents (văn bản).
//!
//! They live under `<data-dir>/documents/YYYY/MM/<random>.pdf`, **not** under the uploads folder
//! that `/uploads/` serves as static files: a document's file reaches a reader only through
//! `/van-ban/{id}/tep`, which checks that the document is published and not classified (a "Mật"
//! document's file is never served to the public, whatever its name). Several instances share
//! the folder as they share the uploads folder.
//!
//! An upload is checked by its content ([`daihoi_domain::document::check_pdf`]), written to a
//! temporary file in the target folder, synced and renamed into place (a reader never sees half
//! a file), and recorded in the database after that; if the database refuses, the file is removed.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Utc};
use rand::RngCore;

use crate::config::Config;

/// Thư mục tệp văn bản — `<data-dir>/documents`.
pub fn documents_dir(config: &Config) -> PathBuf {
    config.data_dir.join("documents")
}

/// Whether `name` is a path this module wrote (`yyyy/mm/<32 hex>.pdf`): a stored name is never
/// trusted to walk out of the folder.
pub fn is_stored_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split('/').collect();
    matches!(parts.as_slice(), [y, m, f]
        if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit())
        && m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit())
        && f.len() == 36 && f.ends_with(".pdf")
        && f[..32].bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Writes `bytes` atomically under `dir/YYYY/MM/` (UTC month of `now`) with a random name;
/// returns the path relative to `dir`.
pub fn write_pdf(dir: &Path, now: DateTime<Utc>, bytes: &[u8]) -> std::io::Result<String> {
    let month = format!("{:04}/{:02}", now.year(), now.month());
    let folder = dir
        .join(format!("{:04}", now.year()))
        .join(format!("{:02}", now.month()));
    std::fs::create_dir_all(&folder)?;
    let mut raw = [0u8; 16];
    rand::rng().fill_bytes(&mut raw);
    let name: String = raw.iter().map(|b| format!("{b:02x}")).collect();
    let file = format!("{name}.pdf");
    let mut temp = tempfile::NamedTempFile::new_in(&folder)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(folder.join(&file)).map_err(|e| e.error)?;
    Ok(format!("{month}/{file}"))
}

/// The absolute path of stored name `name`, if it is one.
pub fn path_of(dir: &Path, name: &str) -> Option<PathBuf> {
    is_stored_name(name).then(|| dir.join(name))
}

/// Removes a stored file; a file that cannot be removed stays behind unused (harmless).
pub fn remove(dir: &Path, name: &str) {
    if let Some(path) = path_of(dir, name)
        && let Err(err) = std::fs::remove_file(&path)
    {
        tracing::warn!(error = %err, file = %path.display(), "document file not removed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_written_whole_under_a_random_name() {
        let dir = tempfile::tempdir().unwrap();
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 3, 1, 0, 0).unwrap();
        let name = write_pdf(dir.path(), now, b"%PDF-1.4 x %%EOF").unwrap();
        assert!(
            name.starts_with("2026/11/") && is_stored_name(&name),
            "{name}"
        );
        let path = path_of(dir.path(), &name).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1.4 x %%EOF");
        remove(dir.path(), &name);
        assert!(!path.exists());
        for bad in [
            "../etc/passwd",
            "2026/11/../../x.pdf",
            "2026/11/a.pdf",
            "/abs/x.pdf",
        ] {
            assert!(!is_stored_name(bad), "{bad}");
        }
    }
}
