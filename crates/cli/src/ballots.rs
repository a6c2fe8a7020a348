//! `daihoi ballots FILE.json --out ballots.pdf` — prints the ballot paper (phiếu bầu) of one
//! election as PDF: the stamp area, the congress and the election named, the candidates in
//! Vietnamese name order, the instructions; the agree / disagree table when there is no surplus.
//!
//! The input is the election JSON of `daihoi tally`; before the vote `ballots` and
//! `ballots_issued` may be left out. Exit codes: 0 written; 2 input that cannot be printed (bad
//! JSON, unknown rules, no seats or candidates, an empty name, a character the font lacks) — the
//! message says what and where; 1 anything else (unreadable file, unwritable output).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use daihoi_documents::DocumentError;
use daihoi_domain::election::{ElectionInput, InputError, RuleSet};

use crate::print;

/// Arguments of `daihoi ballots`.
#[derive(clap::Args, Debug)]
pub struct BallotsArgs {
    /// The election as JSON (`-` reads standard input).
    pub file: PathBuf,
    /// Where to write the ballot paper (PDF).
    #[arg(long, short, value_name = "PATH")]
    pub out: PathBuf,
}

/// Why `daihoi ballots` failed, and with which exit code.
#[derive(Debug)]
enum BallotsError {
    /// Input that cannot be printed (exit 2).
    Input(String),
    /// Anything else (exit 1).
    Other(String),
}

/// Runs `daihoi ballots`.
pub fn run(args: BallotsArgs) -> ExitCode {
    match run_inner(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(BallotsError::Input(message)) => {
            eprintln!("daihoi ballots: {message}");
            ExitCode::from(2)
        }
        Err(BallotsError::Other(message)) => {
            eprintln!("daihoi ballots: {message}");
            ExitCode::from(1)
        }
    }
}

fn run_inner(args: &BallotsArgs) -> Result<(), BallotsError> {
    let input = read_input(&args.file)?;
    check_printable(&input).map_err(|e| BallotsError::Input(e.to_string()))?;
    let pdf = print::ballot_pdf(&input).map_err(|e| match e {
        DocumentError::MissingGlyphs { .. } => {
            BallotsError::Input(format!("tệp {}: {e}", args.file.display()))
        }
        other => BallotsError::Other(format!("không tạo được phiếu bầu: {other}")),
    })?;
    print::write_file(&args.out, &pdf)
        .map_err(|e| BallotsError::Other(format!("không ghi được phiếu bầu ra {e}")))
}

/// Reads the election file. A file written before the vote may leave out `ballots` and
/// `ballots_issued`; they default to none.
fn read_input(path: &Path) -> Result<ElectionInput, BallotsError> {
    let text = if path == Path::new("-") {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| BallotsError::Other(format!("không đọc được đầu vào chuẩn: {e}")))?;
        s
    } else {
        std::fs::read_to_string(path).map_err(|e| {
            BallotsError::Other(format!("không đọc được tệp {}: {e}", path.display()))
        })?
    };
    let invalid = |e: serde_json::Error| {
        BallotsError::Input(format!(
            "tệp {} không phải dữ liệu bầu cử hợp lệ: {e}",
            path.display()
        ))
    };
    let mut value: serde_json::Value = serde_json::from_str(&text).map_err(invalid)?;
    if let Some(object) = value.as_object_mut() {
        object
            .entry("ballots")
            .or_insert_with(|| serde_json::json!([]));
        object
            .entry("ballots_issued")
            .or_insert_with(|| serde_json::json!(0));
    }
    serde_json::from_value(value).map_err(invalid)
}

/// What a ballot paper needs: known rules (they choose the header), seats, candidates with
/// names. The base and the ballots are the tally's business.
fn check_printable(input: &ElectionInput) -> Result<(), InputError> {
    if RuleSet::named(&input.rules).is_none() {
        return Err(InputError::UnknownRules {
            name: input.rules.clone(),
        });
    }
    if input.seats == 0 {
        return Err(InputError::NoSeats);
    }
    if input.candidates.is_empty() {
        return Err(InputError::NoCandidates);
    }
    match input
        .candidates
        .iter()
        .position(|c| c.name.trim().is_empty())
    {
        Some(index) => Err(InputError::EmptyName { index }),
        None => Ok(()),
    }
}
