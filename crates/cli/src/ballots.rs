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
    let (bytes, source) = read_bytes(&args.file).map_err(|e| match e {
        ReadError::Io(m) => BallotsError::Other(m),
        ReadError::TooLarge(m) => BallotsError::Input(m),
    })?;
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

/// Largest election file read (`daihoi tally`, `daihoi ballots`): far above the largest real
/// congress (1.000 candidates, thousands of ballots make a few megabytes), low enough that a
/// wrong or hostile file cannot take the machine's memory.
pub(crate) const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Why the election file could not be read.
pub(crate) enum ReadError {
    /// The file or standard input could not be read (exit 1).
    Io(String),
    /// Over [`MAX_INPUT_BYTES`]: an input error (exit 2).
    TooLarge(String),
}

/// Reads the bytes of the election file (`-`: standard input), at most [`MAX_INPUT_BYTES`], and
/// says where they came from ("tệp bau-cu.json", "đầu vào chuẩn"). A file written before the vote
/// may leave out `ballots` and `ballots_issued`; they default to none.
pub(crate) fn read_bytes(path: &Path) -> Result<(Vec<u8>, String), ReadError> {
    use std::io::Read as _;
    let (reader, source): (Box<dyn std::io::Read>, String) = if path == Path::new("-") {
        (Box::new(std::io::stdin()), "đầu vào chuẩn".to_owned())
    } else {
        let file = std::fs::File::open(path)
            .map_err(|e| ReadError::Io(format!("không đọc được tệp {}: {e}", path.display())))?;
        (Box::new(file), format!("tệp {}", path.display()))
    };
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(format!("không đọc được {source}: {e}")))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge(format!(
            "{source} lớn hơn {} MB, không phải một tệp dữ liệu bầu cử [input_too_large]",
            MAX_INPUT_BYTES / (1024 * 1024)
        )));
    }
    Ok((bytes, source))
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
