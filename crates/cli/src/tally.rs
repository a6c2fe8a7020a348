//! `daihoi tally` (not built yet).

use std::process::ExitCode;

/// Arguments of `daihoi tally`.
#[derive(clap::Args)]
pub struct TallyArgs {}

/// Runs `daihoi tally`.
pub fn run(_args: TallyArgs) -> ExitCode {
    eprintln!("daihoi tally: not built yet");
    ExitCode::from(1)
}
