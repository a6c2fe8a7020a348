//! `daihoi ballots FILE.json --out ballots.pdf` — prints the ballot paper (phiếu bầu) of one
//! election as PDF: the stamp area, the congress and the election named, the candidates in
//! Vietnamese name order, the instructions; the agree / disagree table when there is no surplus.
//!
//! The input is the election JSON of `daihoi tally`; before the vote `ballots` and
//! `ballots_issued` may be left out. Exit codes: 0 written; 2 input that cannot be printed (bad
//! JSON, unknown rules, no seats or candidates, an empty name, a character the font lacks, a list
//! that does not fit one sheet, an `--out` that is a folder, a link or a special file) — the message
//! says what and where and ends with a code; 1 anything else (unreadable file, unwritable output).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use daihoi_domain::election::{ElectionInput, InputError, RuleSet, validate};

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
    let printed = |e| match e {
        print::PrintError::Input(m) => BallotsError::Input(m),
        print::PrintError::Other(m) => BallotsError::Other(m),
    };
    print::check_target(&args.out, "phiếu bầu").map_err(printed)?;
    let (bytes, source) = read_bytes(&args.file).map_err(BallotsError::Other)?;
    let input = ElectionInput::from_json_bytes(&bytes).map_err(|e| {
        BallotsError::Input(format!("{source} không phải dữ liệu bầu cử hợp lệ: {e}"))
    })?;
    check_printable(&input).map_err(|e| BallotsError::Input(format!("{source}: {e}")))?;
    let pdf = print::ballot_pdf(&input).map_err(|e| match print::classify(e, "phiếu bầu") {
        print::PrintError::Input(m) => BallotsError::Input(format!("{source}: {m}")),
        print::PrintError::Other(m) => BallotsError::Other(m),
    })?;
    print::write_file(&args.out, &pdf, "phiếu bầu").map_err(printed)
}

/// Reads the bytes of the election file (`-`: standard input) and says where they came from
/// ("tệp bau-cu.json", "đầu vào chuẩn"). A file written before the vote may leave out `ballots`
/// and `ballots_issued`; they default to none.
pub(crate) fn read_bytes(path: &Path) -> Result<(Vec<u8>, String), String> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
            .map_err(|e| format!("không đọc được đầu vào chuẩn: {e}"))?;
        Ok((bytes, "đầu vào chuẩn".to_owned()))
    } else {
        let bytes = std::fs::read(path)
            .map_err(|e| format!("không đọc được tệp {}: {e}", path.display()))?;
        Ok((bytes, format!("tệp {}", path.display())))
    }
}

/// What a ballot paper needs: known rules (they choose the header and the form), seats,
/// a printable candidate list and headings (`validate::check_printable`). The base and the
/// ballots are the tally's business.
fn check_printable(input: &ElectionInput) -> Result<(), InputError> {
    if RuleSet::named(&input.rules).is_none() {
        return Err(InputError::UnknownRules {
            name: input.rules.clone(),
        });
    }
    validate::check_printable(input)
}
