//! In ấn — writes the printed documents of an election to files: the ballot paper
//! (`daihoi ballots`), the counting minutes and the results workbook (`daihoi tally --minutes`,
//! `--xlsx`). The documents themselves come from `daihoi-documents`; this module only picks the
//! view model, renders it and writes the file without leaving a half-written one behind.

use std::path::{Path, PathBuf};

use daihoi_documents::{DocumentError, election};
use daihoi_domain::election::{ElectionInput, Tally};

/// Why a document was not written: the input cannot be printed (exit 2), or anything else.
#[derive(Debug)]
pub enum PrintError {
    /// The data cannot be printed (a character the font lacks, a list too long for a sheet).
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
    let minutes = election::counting_minutes(input, tally);
    let pdf = daihoi_documents::render_minutes_pdf(&minutes)
        .map_err(|e| classify(e, "biên bản kiểm phiếu"))?;
    write_file(path, &pdf)
        .map_err(|e| PrintError::Other(format!("không ghi được biên bản kiểm phiếu ra {e}")))
}

/// Writes the result of `input` counted as `tally` as an Excel workbook.
pub fn write_xlsx(input: &ElectionInput, tally: &Tally, path: &Path) -> Result<(), String> {
    let sheet = election::result_sheet(input, tally);
    let xlsx = daihoi_documents::render_result_xlsx(&sheet)
        .map_err(|e| format!("không tạo được tệp Excel kết quả: {e}"))?;
    write_file(path, &xlsx).map_err(|e| format!("không ghi được tệp Excel kết quả ra {e}"))
}

/// Renders the ballot paper (phiếu bầu) of `input` as PDF.
pub fn ballot_pdf(input: &ElectionInput) -> Result<Vec<u8>, DocumentError> {
    daihoi_documents::render_ballot_pdf(&election::ballot_paper(input))
}

/// Writes `bytes` to `path` through a temporary file beside it, so that a failure never leaves
/// a truncated document where the old one was. The error names the path.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut temporary = PathBuf::from(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    temporary.set_file_name(format!(".{name}.daihoi-tmp"));
    std::fs::write(&temporary, bytes)
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&temporary);
            format!("{}: {e}", path.display())
        })
}
