//! In ấn — writes the printed documents of an election to files: the ballot paper
//! (`daihoi ballots`), the counting minutes and the results workbook (`daihoi tally --minutes`,
//! `--xlsx`). The documents themselves come from `daihoi-documents`; this module only picks the
//! view model, renders it and writes the file without leaving a half-written one behind.

use std::io::Write;
use std::path::Path;

use daihoi_documents::{DocumentError, election};
use daihoi_domain::election::{ElectionInput, Tally};

/// Why a document was not written: the input cannot be printed or the output path cannot take a
/// document (exit 2), or anything else.
#[derive(Debug)]
pub enum PrintError {
    /// The data cannot be printed (a character the font lacks, a list too long for a sheet), or
    /// the output path names a folder, a link or a special file.
    Input(String),
    /// Anything else (a typesetting bug, an unwritable file).
    Other(String),
}

/// Sorts a document error into input (the user's data) or other.
pub fn classify(error: DocumentError, what: &str) -> PrintError {
    match error {
        e @ (DocumentError::MissingGlyphs { .. } | DocumentError::BallotTooLong { .. }) => {
            PrintError::Input(format!("không in được {what}: {e}"))
        }
        other => PrintError::Other(format!("không tạo được {what}: {other}")),
    }
}

/// Writes the counting minutes (biên bản kiểm phiếu) of `input` counted as `tally` as PDF.
pub fn write_minutes(input: &ElectionInput, tally: &Tally, path: &Path) -> Result<(), PrintError> {
    check_target(path, "biên bản kiểm phiếu")?;
    let minutes = election::counting_minutes(input, tally);
    let pdf = daihoi_documents::render_minutes_pdf(&minutes)
        .map_err(|e| classify(e, "biên bản kiểm phiếu"))?;
    write_file(path, &pdf, "biên bản kiểm phiếu")
}

/// Writes the result of `input` counted as `tally` as an Excel workbook.
pub fn write_xlsx(input: &ElectionInput, tally: &Tally, path: &Path) -> Result<(), PrintError> {
    check_target(path, "tệp Excel kết quả")?;
    let sheet = election::result_sheet(input, tally);
    let xlsx = daihoi_documents::render_result_xlsx(&sheet)
        .map_err(|e| PrintError::Other(format!("không tạo được tệp Excel kết quả: {e}")))?;
    write_file(path, &xlsx, "tệp Excel kết quả")
}

/// Renders the ballot paper (phiếu bầu) of `input` as PDF.
pub fn ballot_pdf(input: &ElectionInput) -> Result<Vec<u8>, DocumentError> {
    daihoi_documents::render_ballot_pdf(&election::ballot_paper(input))
}

/// Checks that `path` can take a document (`what`, named in the message): it must name a file,
/// and if something is already there it must be a regular file, which is then replaced. A folder,
/// a symbolic link, a named pipe (FIFO), a device or a socket is refused (an input error, exit 2):
/// replacing it would destroy something that is not a document, or write through it.
pub fn check_target(path: &Path, what: &str) -> Result<(), PrintError> {
    let refuse = |why: &str| {
        PrintError::Input(format!(
            "không ghi {what} ra {}: {why}; hãy chọn một tên tệp khác [bad_output]",
            path.display()
        ))
    };
    if path.file_name().is_none() {
        return Err(refuse("đây không phải một tên tệp"));
    }
    match std::fs::symlink_metadata(path) {
        Ok(meta) => {
            let kind = meta.file_type();
            if kind.is_file() {
                Ok(())
            } else if kind.is_dir() {
                Err(refuse("đây là một thư mục"))
            } else if kind.is_symlink() {
                Err(refuse("đây là một liên kết tượng trưng (symlink)"))
            } else {
                Err(refuse(
                    "đây không phải tệp thông thường (mà là ống dẫn FIFO, thiết bị hoặc socket)",
                ))
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(PrintError::Other(format!(
            "không ghi được {what} ra {}: {e}",
            path.display()
        ))),
    }
}

/// Writes `bytes` (the document `what`) to `path` through a temporary file beside it, so that a
/// failure never leaves a truncated document where the old one was.
///
/// The temporary file `.NAME.XXXXXX.daihoi-tmp` (random `XXXXXX`, same folder, so the rename
/// stays on one file system) is created exclusively: whatever already has that name, a symbolic
/// link planted there included, is never opened or followed. It is then renamed over `path`,
/// which [`check_target`] accepts only when it is absent or a regular file. The document gets
/// the usual permissions (`0666` less the umask), like any file the user writes.
pub fn write_file(path: &Path, bytes: &[u8], what: &str) -> Result<(), PrintError> {
    check_target(path, what)?;
    let failed = |e: &dyn std::fmt::Display| {
        PrintError::Other(format!("không ghi được {what} ra {}: {e}", path.display()))
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".daihoi-tmp");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temporary = builder.tempfile_in(folder).map_err(|e| failed(&e))?;
    temporary.write_all(bytes).map_err(|e| failed(&e))?;
    temporary.as_file().sync_all().map_err(|e| failed(&e))?;
    // Dropping the temporary file on any error removes it.
    temporary.persist(path).map_err(|e| failed(&e.error))?;
    Ok(())
}
